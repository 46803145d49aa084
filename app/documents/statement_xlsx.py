"""The buyer statement as sent, as a workbook and as CSV.

Workbook: the statement sheet (letterhead, particulars, balances with the closing one in 大写, the
objection clause, signature lines, subtotals, payments, the tonnage chart), the ledger with its
running balance and month subtotals, every line, the weighbridge tickets, and the chart's data on its
own sheet. Every sheet prints fitted to the page width with its column titles repeated on each page,
the wide ones landscape; the file carries title, author (the organisation) and creation time.

CSV: the same statement: the ledger rows, then the balance block (opening, shipped, paid, closing and
the closing balance in words).
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Sequence

from app.documents.reports_xlsx import (
    PROGRESS_SCALE,
    Progress,
    _Book,
    _buyer_lines,
    _buyer_summary,
    _buyer_weighings,
    _text_cell,
    _tonnage_chart,
    _width,
    _write_values,
)
from app.documents.texts import Texts
from db import units
from db.documents.exporting import display_width, neutralise, replacing, workbook_file, write_csv
from db.documents.reports import BuyerStatement
from db.documents.statement import LINE, MONTH, PAYMENT, closing, ledger, statement_number
from db.documents.xlsx_rows import BLANK, RowWriter

A4 = 9  # XlsxWriter's paper code


def _print_setup(ws, header_rows: int, landscape: bool) -> None:
    """A4, fitted to one page wide (as many pages long as needed), the header rows on every page."""
    ws.set_paper(A4)
    ws.fit_to_pages(1, 0)
    if header_rows:
        ws.repeat_rows(0, header_rows - 1)
    if landscape:
        ws.set_landscape()
    ws.set_footer("&C&P / &N")


def _balance_format(t: Texts) -> str:
    """A balance stays a number (negative: paid ahead) but reads as words: 预付 450.00, never −450.00."""
    word = t.get("prepaid_balance", "").strip().replace('"', "")
    return f'#,##0.00;"{word} "#,##0.00;0.00'


def buyer_statement_xlsx(
    path: str | os.PathLike,
    st: BuyerStatement,
    lang: str = "zh_CN",
    progress: Progress | None = None,
    *,
    created: datetime.datetime | None = None,
) -> int:
    """Write the statement workbook; returns the number of shipment lines written."""
    t = Texts(lang)
    number = statement_number(st.buyer.id or 0, st.start, st.end)
    with replacing(path) as tmp, workbook_file(tmp) as fh:
        bk = _Book(fh)
        try:
            bk.book.set_properties(
                {
                    "title": f"{t['buyer_statement']} {number}",
                    "subject": f"{st.buyer.name} {t.period(st.start, st.end)}",
                    "author": st.organisation.name,
                    "company": st.organisation.name,
                    "created": created or datetime.datetime.now(datetime.UTC),
                }
            )
            chart_row = _statement_sheet(bk, st, t, number)
            _ledger_sheet(bk, st, t)
            _buyer_lines(bk, st, t, progress)
            _buyer_weighings(bk, st, t)
            for ws in bk.book.worksheets()[2:]:
                _print_setup(ws, 1, landscape=True)
            if any(bar.grams for bar in st.tonnage):
                first = bk.book.worksheets()[0]
                _tonnage_chart(bk, first, st, t, chart_row, own_sheet=True)
                _print_setup(bk.book.worksheets()[-1], 1, landscape=False)
        finally:
            bk.close()
    if progress:
        progress(PROGRESS_SCALE, PROGRESS_SCALE)
    return len(st.lines)


def _statement_sheet(bk: _Book, st: BuyerStatement, t: Texts, number: str) -> int:
    """Letterhead and particulars above the existing summary (balances, subtotals, payments, chart),
    then the close: the closing balance in words, the objection clause, the signature lines."""
    org = st.organisation
    colon = t["colon"]
    head = [
        org.name,
        "    ".join(
            x
            for x in (
                f"{t['address']}{colon}{org.address}" if org.address else "",
                f"{t['phone']}{colon}{org.phone}" if org.phone else "",
            )
            if x
        ),
        "    ".join(
            x
            for x in (
                f"{t['credit_code']}{colon}{org.credit_code}" if org.credit_code else "",
                f"{t['bank']}{colon}{org.bank}" if org.bank else "",
                f"{t['account']}{colon}{org.account}" if org.account else "",
            )
            if x
        ),
    ]
    # The summary writer (reports_xlsx._buyer_summary) lays out from row 0; it goes below the
    # letterhead by writing into a sheet whose first rows are taken: rows are offset by `top`.
    ws, end = _buyer_summary(bk, st, t, top=len(head) + 1, number=number, chart_sheet=True)
    ws.write_string(0, 0, neutralise(head[0]), bk.title)
    for r, text in enumerate(head[1:], start=1):
        if text:
            ws.write_string(r, 0, neutralise(text), bk.cell["text"])
    close = closing(st)
    r = end + 1
    words_label = t["prepaid_in_words"] if close.prepaid else t["in_words"]
    ws.write_string(r, 0, neutralise(words_label), bk.label)
    ws.write_string(r, 1, close.closing_words, bk.label)
    r += 1
    ws.write_string(r, 0, neutralise(t.get("objection", org.objection_days)), bk.cell["text"])
    r += 2
    for c, (party, name) in enumerate(((t["seal_park"], org.name), (t["seal_buyer"], st.buyer.name))):
        ws.write_string(r, c * 3, neutralise(f"{party}{colon}{name}"), bk.label)
        ws.write_string(r + 4, c * 3, neutralise(f"{t['signed_by']}{colon}"), bk.cell["text"])
        ws.write_string(
            r + 5, c * 3, neutralise(f"{t['signed_on']}{colon}{t['date_blank']}"), bk.cell["text"]
        )
    _print_setup(ws, 0, landscape=False)
    return r + 7  # where the tonnage chart goes


def _ledger_sheet(bk: _Book, st: BuyerStatement, t: Texts) -> None:
    """The running balance as in the PDF: opening row, lines and payments by date, month subtotals, total."""
    ws = bk.streamed_sheet(t["ledger"][:31])
    columns = [
        (t["date"], "date"),  # real dates, as on the lines sheet; a month or the total row: its text
        (t["ticket"], "text"),
        (t["plate"], "text"),
        (t["operator"], "text"),
        (t["crop"], "text"),
        (t["grade"], "text"),
        (t["payable_kg"], "kg"),
        (t["price_kg"], "price"),
        (t["shipped_yuan"], "money"),
        (t["paid_yuan"], "money"),
        (t["balance_yuan"], "balance"),
    ]
    balance = {
        False: bk.book.add_format({"num_format": _balance_format(t)}),
        True: bk.book.add_format({"num_format": _balance_format(t), "bold": True, "top": 1}),
    }
    widths = [display_width(title) for title, _ in columns]
    for c, (title, _) in enumerate(columns):
        ws.write_string(0, c, neutralise(title), bk.head)

    kinds = [kind for _, kind in columns]
    formats = {
        bold: [balance[bold] if k == "balance" else (bk.total if bold else bk.cell)[k] for k in kinds]
        for bold in (False, True)
    }
    whole = {bold: RowWriter(ws, kinds, formats[bold]) for bold in formats} if RowWriter.usable(ws) else None

    def put(r: int, cells: Sequence[object], bold: bool = False) -> None:
        values: list[object] = []
        row_kinds, row_formats = kinds, formats[bold]
        for c, value in enumerate(cells):
            kind = kinds[c]
            if kind == "date":
                day = _iso_day(value)
                if day is not None:
                    values.append(day)
                    widths[c] = max(widths[c], 10)
                    continue
                # a month subtotal ('2026-01') or the total: a text in the date column, this row only
                row_kinds = [*kinds[:c], "text", *kinds[c + 1 :]]
                row_formats = [
                    *row_formats[:c],
                    (bk.total if bold else bk.cell)["text"],
                    *row_formats[c + 1 :],
                ]
                kind = "text"
            if kind == "balance":
                values.append(units.yuan(value))  # type: ignore[arg-type]
            elif value is None or (value.__class__ is str and not value):
                values.append(BLANK)
            elif kind == "text":
                values.append(_text_cell(str(value))[0])
                widths[c] = max(widths[c], _width(str(value)))
            else:
                values.append(value)
                widths[c] = max(widths[c], len(f"{value:,}") + 2)
        if row_kinds is not kinds or whole is None or not whole[bold].write(r, values):
            _write_values(ws, r, values, row_kinds, row_formats)

    # A weight estimated from packs stays a number, read with its mark: 1,000.0 估
    estimates = any(line.estimated for line in st.lines)
    estimated = (
        bk.book.add_format({"num_format": f'#,##0.0## "{t["estimated_mark"]}"'}) if estimates else None
    )
    opening = t["opening"] if st.opening_fen >= 0 else t["opening_prepaid"]
    put(1, [st.start, opening, "", "", "", "", None, None, None, None, st.opening_fen], bold=True)
    r = 1
    for row in ledger(st):
        r += 1
        if row.kind == LINE and row.line is not None:
            x = row.line
            put(
                r,
                [
                    x.ship_date,
                    x.ticket_no,
                    x.plate,
                    t.named(x.operator, x.operator_en),
                    t.crop(x.crop, x.crop_en),
                    t.grade(x.grade),
                    units.kg(x.payable_g),
                    units.price_per_kg(x.price),
                    units.yuan(x.amount_fen),
                    None,
                    row.balance_fen,
                ],
            )
            if x.estimated and estimated is not None:
                ws.write_number(r, 6, float(units.kg(x.payable_g)), estimated)
        elif row.kind == PAYMENT and row.payment is not None:
            p = row.payment
            method = t.get("payment_row", t.method(p.method))
            put(
                r,
                [
                    p.pay_date,
                    method,
                    "",
                    p.reference,
                    "",
                    "",
                    None,
                    None,
                    None,
                    units.yuan(p.amount_fen),
                    row.balance_fen,
                ],
            )
        elif row.kind == MONTH:
            cells = [row.day, t["month_subtotal"], "", "", "", "", units.kg(row.payable_g), None]
            put(
                r, [*cells, units.yuan(row.shipped_fen), units.yuan(row.paid_fen), row.balance_fen], bold=True
            )
    r += 1
    total = [t["total"], "", "", "", "", "", units.kg(st.payable_g), None, units.yuan(st.shipped_fen)]
    put(r, [*total, units.yuan(st.paid_fen), st.closing_fen], bold=True)
    if estimates:
        ws.write_string(r + 2, 0, neutralise(t["estimated_note"]), bk.cell["text"])
    ws.freeze_panes(1, 0)
    for c, w in enumerate(widths):
        ws.set_column(c, c, min(max(w + 2, 8), 40))
    _print_setup(ws, 1, landscape=True)


def _iso_day(value: object) -> datetime.date | None:
    """A 'YYYY-MM-DD' text (or a date) as a date; None for anything else (a month, a label)."""
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and len(value) == 10:
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def buyer_statement_csv(path: str | os.PathLike, st: BuyerStatement, lang: str = "zh_CN") -> int:
    """The statement as CSV (UTF-8 with BOM): its ledger, then the balance block; returns the rows written."""
    t = Texts(lang)
    header = [
        t["date"],
        t["ticket"],
        t["plate"],
        t["market"],
        t["operator"],
        t["crop"],
        t["grade"],
        t["net_kg"],
        t["deduction_kg"],
        t["payable_kg"],
        t["price_kg"],
        t["shipped_yuan"],
        t["paid_yuan"],
        t["balance_yuan"],
    ]
    blank = [""] * len(header)

    def money(fen: int) -> str:
        """元 to the fen, always two decimals, no separators: 500.00."""
        return f"{units.yuan(fen):.2f}"

    def balance(fen: int) -> str:
        return money(fen) if fen >= 0 else t.get("prepaid_balance", f"{money(-fen)}")

    opening = t["opening"] if st.opening_fen >= 0 else t["opening_prepaid"]
    rows: list[list[object]] = [[st.start, opening, *blank[2:13], balance(st.opening_fen)]]
    for row in ledger(st):
        if row.kind == LINE and row.line is not None:
            x = row.line
            rows.append(
                [
                    x.ship_date,
                    x.ticket_no,
                    x.plate,
                    t.named(x.market, x.market_en),
                    t.named(x.operator, x.operator_en),
                    t.crop(x.crop, x.crop_en),
                    t.grade(x.grade),
                    units.kg(x.net_g),
                    units.kg(x.deduction_g),
                    units.kg(x.payable_g),
                    units.price_per_kg(x.price),
                    money(x.amount_fen),
                    "",
                    balance(row.balance_fen),
                ]
            )
        elif row.kind == PAYMENT and row.payment is not None:
            p = row.payment
            method = t.get("payment_row", t.method(p.method))
            rows.append(
                [
                    p.pay_date,
                    method,
                    "",
                    "",
                    p.reference,
                    *blank[5:12],
                    money(p.amount_fen),
                    balance(row.balance_fen),
                ]
            )
        elif row.kind == MONTH:
            rows.append(
                [
                    row.day,
                    t["month_subtotal"],
                    *blank[2:9],
                    units.kg(row.payable_g),
                    "",
                    money(row.shipped_fen),
                    money(row.paid_fen),
                    balance(row.balance_fen),
                ]
            )
    rows.append(
        [
            t["total"],
            *blank[1:7],
            units.kg(st.shipped_g),
            units.kg(st.deduction_g),
            units.kg(st.payable_g),
            "",
            money(st.shipped_fen),
            money(st.paid_fen),
            balance(st.closing_fen),
        ]
    )
    close = closing(st)
    block = [
        (opening, money(abs(st.opening_fen))),
        (t["shipped_amount"], money(st.shipped_fen)),
        (t["paid_amount"], money(st.paid_fen)),
        (t["closing"] if not close.prepaid else t["closing_prepaid"], money(abs(st.closing_fen))),
        (t["prepaid_in_words"] if close.prepaid else t["in_words"], close.closing_words),
    ]
    rows.append(blank)
    rows += [[label, value, *blank[2:]] for label, value in block]
    return write_csv(path, header, rows)
