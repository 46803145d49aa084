"""Reports as spreadsheets and CSV: native numbers and dates, frozen headers, autofilter, totals.

The buyer statement has its own two-sheet layout (summary with balances, subtotals, payments and a
tonnage chart; then every line); the other reports use db.documents.exporting's sheet writer. Text cells are
neutralised against formula injection; numbers stay numbers.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import os
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from app.documents.reports_pdf import trace_columns
from app.documents.texts import Texts
from db import units, version
from db.documents.exporting import (
    Column,
    Sheet,
    display_width,
    neutralise,
    shipment_columns,
    write_csv,
    write_xlsx,
)
from db.documents.reports import BuyerStatement, OperatorStatement, StatementLine
from db.documents.xlsx_rows import BLANK, RowWriter
from db.trace import Trace

Progress = Callable[[int, int], None]
PROGRESS_SCALE = 1000
_FORMATS = {
    "date": "yyyy-mm-dd",
    "kg": "#,##0.0##",
    "money": "#,##0.00",
    "price": "0.00##",
    "int": "#,##0",
    "text": "@",
    "tonnes": "#,##0.000",
    "percent": "0.0%",
}


def _date(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


class _Book:
    """A workbook with the formats every report sheet uses."""

    def __init__(self, file: Any):
        self.book = xlsxwriter.Workbook(
            file, {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
        )
        self.book.set_properties(
            {"created": datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC), "comments": version.creator()}
        )
        b = self.book
        self.title = b.add_format({"bold": True, "font_size": 14})
        self.label = b.add_format({"bold": True})
        self.head = b.add_format(
            {"bold": True, "bg_color": "#E0E0E0", "bottom": 1, "text_wrap": True, "valign": "vcenter"}
        )
        self.cell = {k: b.add_format({"num_format": v}) for k, v in _FORMATS.items()}
        self.total = {k: b.add_format({"num_format": v, "bold": True, "top": 1}) for k, v in _FORMATS.items()}
        self.streamed: list[Any] = []

    def streamed_sheet(self, name: str) -> Any:
        """A worksheet whose rows go to its file as they are written (XlsxWriter's constant-memory
        mode for this sheet alone): rows must come top to bottom, and `_table` writes them whole
        (db.documents.xlsx_rows) instead of cell by cell, 3-4x cheaper. Sheets that write rows out
        of order (the summary's letterhead) stay ordinary ones."""
        book = self.book
        book.constant_memory = True  # read by add_worksheet only (and by close, restored below)
        try:
            ws = book.add_worksheet(name)
        finally:
            book.constant_memory = False
        self.streamed.append(ws)
        return ws

    def close(self) -> None:
        try:
            self.book.close()
        finally:
            for ws in self.streamed:  # a failed write leaves no temporary row file behind
                with contextlib.suppress(OSError):
                    ws.row_data_fh.close()
                    os.unlink(ws.row_data_filename)


def _write(ws, row: int, col: int, value: object, kind: str, fmt) -> int:
    """Write one value natively; returns the width it needs."""
    if value is None or value == "":
        ws.write_blank(row, col, None, fmt)
        return 0
    if kind == "text":
        text = neutralise(str(value))
        ws.write_string(row, col, text, fmt)
        return display_width(text)
    if kind == "date":
        ws.write_datetime(row, col, value if isinstance(value, datetime.date) else _date(str(value)), fmt)
        return 10
    ws.write_number(row, col, float(value), fmt)  # exact Decimal → nearest double (≤ 15 digits)
    return len(f"{value:,}") + 2


_width = functools.lru_cache(maxsize=1 << 16)(display_width)


@functools.lru_cache(maxsize=1 << 16)
def _text_cell(value: str) -> tuple[str, int]:
    """A text as stored (neutralised) and the width it needs: names, plates and grades recur."""
    text = neutralise(value)
    return text, _width(text)


def _write_values(ws, r: int, values: Sequence[object], kinds: Sequence[str], formats: Sequence[Any]) -> None:
    """A row prepared for a RowWriter (stored texts, dates, numbers, BLANK), cell by cell: for a row
    the writer cannot take whole."""
    for c, value in enumerate(values):
        if value is BLANK:
            ws.write_blank(r, c, None, formats[c])
        elif kinds[c] == "text":
            ws.write_string(r, c, value, formats[c])
        elif kinds[c] == "date":
            ws.write_datetime(r, c, value, formats[c])
        elif value is not None:
            ws.write_number(r, c, float(value), formats[c])  # type: ignore[arg-type]


def _write_whole(
    writer: RowWriter, r: int, row: Sequence[object], kinds: list[str], widths: list[int]
) -> bool:
    """One row through `writer`, as `_write` writes each of its cells; False (nothing written)
    when the writer cannot take it whole."""
    values: list[object] = []
    for c, value in enumerate(row):
        kind = kinds[c]
        if value is None or (value.__class__ is str and not value):  # (== "" on a Decimal costs ~1 µs)
            values.append(BLANK)
            continue
        if kind == "text":
            value, width = _text_cell(str(value))
        elif kind == "date":
            value = value if isinstance(value, datetime.date) else _date(str(value))
            width = 10
        else:
            width = len(f"{value:,}") + 2
        if width > widths[c]:
            widths[c] = width
        values.append(value)
    return writer.write(r, values)


def _table(
    bk: _Book,
    ws,
    top: int,
    columns: Sequence[tuple[str, str]],
    rows: Iterable[Sequence[object]],
    *,
    totals: dict[int, Decimal] | None = None,
    total_label: str = "",
    widths: list[int] | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Header at `top`, rows below, then a totals row of SUM formulas carrying their exact values.
    Returns the row index after the table."""
    widths = widths if widths is not None else [0] * len(columns)
    for c, (title, _) in enumerate(columns):
        ws.write_string(top, c, neutralise(title), bk.head)
        widths[c] = max(widths[c], display_width(title))
    r = top
    kinds = [kind for _, kind in columns]
    formats = [bk.cell[kind] for kind in kinds]
    whole = RowWriter(ws, kinds, formats) if RowWriter.usable(ws) else None
    for n, row in enumerate(rows):
        r += 1
        if whole is None or not _write_whole(whole, r, row, kinds, widths):
            for c, value in enumerate(row):
                widths[c] = max(widths[c], _write(ws, r, c, value, kinds[c], formats[c]))
        if progress and n % 1000 == 0:
            progress(n)
    if totals is not None:
        r += 1
        ws.write_string(r, 0, neutralise(total_label), bk.total["text"])
        for c in range(1, len(columns)):
            kind = columns[c][1]
            if c in totals:
                first, last = xl_rowcol_to_cell(top + 1, c), xl_rowcol_to_cell(r - 1, c)
                formula = f"=SUM({first}:{last})" if r - 1 > top else "=0"
                ws.write_formula(r, c, formula, bk.total[kind], float(totals[c]))
            else:
                ws.write_blank(r, c, None, bk.total[kind])
    return r + 1


def _fit(ws, widths: list[int]) -> None:
    for c, w in enumerate(widths):
        ws.set_column(c, c, min(max(w + 2, 8), 50))


def _line_sheet(
    bk: _Book,
    name: str,
    columns: Sequence[tuple[str, str]],
    rows: Iterable[Sequence[object]],
    totals: dict[int, Decimal],
    total_label: str,
    *,
    autofilter: bool = True,
    progress: Callable[[int], None] | None = None,
) -> tuple[Any, int]:
    """A sheet of one row per line (streamed): column titles, the rows, a totals row, the titles
    frozen, an autofilter over the rows, fitted widths. Returns the sheet and the row after the table."""
    ws = bk.streamed_sheet(name[:31])
    widths = [0] * len(columns)
    end = _table(
        bk, ws, 0, columns, rows, totals=totals, total_label=total_label, widths=widths, progress=progress
    )
    ws.freeze_panes(1, 0)
    if autofilter:
        ws.autofilter(0, 0, max(end - 2, 0), len(columns) - 1)
    _fit(ws, widths)
    return ws, end


def buyer_statement_xlsx(
    path: str | os.PathLike, st: BuyerStatement, lang: str = "zh_CN", progress: Progress | None = None
) -> int:
    """The buyer statement as sent: written by app/documents/statement_xlsx.py."""
    from app.documents.statement_xlsx import buyer_statement_xlsx as as_sent

    return as_sent(path, st, lang, progress)


def _buyer_summary(
    bk: _Book, st: BuyerStatement, t: Texts, *, top: int = 0, number: str = "", chart_sheet: bool = False
) -> tuple[Any, int]:
    """The statement's summary sheet from row `top`; returns the sheet and the first free row.
    With `chart_sheet` the caller adds the tonnage chart (with its data on a sheet of its own)."""
    ws = bk.book.add_worksheet(t["buyer_statement"][:31])
    widths = [14, 16, 14, 16, 14]
    title = t["buyer_statement"] if number else f"{st.park_name} {t['buyer_statement']}"
    ws.write_string(top, 0, neutralise(title), bk.title)
    info = [
        *([(t["statement_no"], number)] if number else []),
        (t["buyer"], st.buyer.name),
        (t["period"], t.period(st.start, st.end)),
        (t["home_base"], st.buyer.home_base),
        (t["phone"], st.buyer.phone),
        (t["issued_on"], st.issued_on),
    ]
    for i, (label, value) in enumerate(info, start=top + 2):
        ws.write_string(i, 0, neutralise(label), bk.label)
        ws.write_string(i, 1, neutralise(value), bk.cell["text"])
        widths[0] = max(widths[0], display_width(label))
    r = top + 2 + len(info) + 1
    ws.write_string(r, 0, neutralise(t["balance"]), bk.label)
    # Balances read in words: owed (欠款) or paid ahead (预付款), the figure never negative.
    opening = t["opening"] if st.opening_fen >= 0 else t["opening_prepaid"]
    balance = [
        (opening, abs(st.opening_fen)),
        (t["shipped_amount"], st.shipped_fen),
        (t["paid_amount"], st.paid_fen),
    ]
    r = _table(
        bk,
        ws,
        r + 1,
        [(t["item"], "text"), (t["amount_yuan"], "money")],
        [(label, units.yuan(fen)) for label, fen in balance],
        widths=widths,
    )
    # The closing balance as a formula over the three lines above, with its exact value cached.
    closing = t["closing"] if st.closing_fen >= 0 else t["closing_prepaid"]
    sign = "" if st.opening_fen >= 0 else "-"
    formula = f"{sign}B{r - 2}+B{r - 1}-B{r}"
    formula = f"={formula}" if st.closing_fen >= 0 else f"=-({formula})"
    ws.write_string(r, 0, neutralise(closing), bk.total["text"])
    ws.write_formula(r, 1, formula, bk.total["money"], float(units.yuan(abs(st.closing_fen))))
    r += 2
    crops_en = {line.crop: line.crop_en for line in st.lines}
    markets_en = {line.market: line.market_en for line in st.lines}
    for key, subtotals in (("by_crop", st.by_crop), ("by_market", st.by_market)):
        ws.write_string(r, 0, neutralise(t[key]), bk.label)
        r = _table(
            bk,
            ws,
            r + 1,
            [
                (t["crop"] if key == "by_crop" else t["market"], "text"),
                (t["lines"], "int"),
                (t["net_kg"], "kg"),
                (t["amount"], "money"),
                (t["payable_kg"], "kg"),
            ],
            [
                (
                    (
                        t.crop(s.name, crops_en.get(s.name, ""))
                        if key == "by_crop"
                        else t.named(s.name, markets_en.get(s.name, ""))
                    )
                    or t["no_market"],
                    s.lines,
                    units.kg(s.net_g),
                    units.yuan(s.amount_fen),
                    units.kg(s.payable_g),
                )
                for s in subtotals
            ],
            totals={
                1: Decimal(len(st.lines)),
                2: units.kg(st.shipped_g),
                3: units.yuan(st.shipped_fen),
                4: units.kg(st.payable_g),
            },
            total_label=t["total"],
            widths=widths,
        )
        r += 1
    ws.write_string(r, 0, neutralise(t["payments"]), bk.label)
    r = _table(
        bk,
        ws,
        r + 1,
        [(t["date"], "date"), (t["method"], "text"), (t["reference"], "text"), (t["amount"], "money")],
        [(_date(p.pay_date), t.method(p.method), p.reference, units.yuan(p.amount_fen)) for p in st.payments],
        totals={3: units.yuan(st.paid_fen)},
        total_label=t["total"],
        widths=widths,
    )
    _fit(ws, widths)
    if st.tonnage and any(b.grams for b in st.tonnage) and not chart_sheet:
        _tonnage_chart(bk, ws, st, t, r + 1)
    return ws, r


def _tonnage_chart(bk: _Book, ws, st: BuyerStatement, t: Texts, top: int, own_sheet: bool = False) -> None:
    daily = len(st.tonnage[0].label) == 10
    title = t["tonnage_day"] if daily else t["tonnage_month"]
    # The chart's data, labelled so it can be checked: columns F:G of the summary sheet, or columns
    # A:B of a sheet of its own.
    data = bk.book.add_worksheet(t["chart_data"][:31]) if own_sheet else ws
    col = 0 if own_sheet else 5
    data.write_string(0, col, neutralise(t["date"] if daily else t["month"]), bk.head)
    data.write_string(0, col + 1, neutralise(t["shipped_t"]), bk.head)
    for i, bar in enumerate(st.tonnage, start=1):
        data.write_string(i, col, bar.label, bk.cell["text"])
        data.write_number(i, col + 1, float(units.tonnes(bar.grams)), bk.cell["tonnes"])
    data.set_column(col, col + 1, 12)
    chart = bk.book.add_chart({"type": "column"})
    sheet = data.get_name()
    n = len(st.tonnage)
    chart.add_series(
        {
            "name": title,
            "categories": [sheet, 1, col, n, col],
            "values": [sheet, 1, col + 1, n, col + 1],
            "fill": {"color": "#595959"},
            "gap": 50,
        }
    )
    chart.set_title({"name": title})
    chart.set_legend({"none": True})
    chart.set_size({"width": 640, "height": 280})
    ws.insert_chart(top, 0, chart)


def _buyer_lines(bk: _Book, st: BuyerStatement, t: Texts, progress: Progress | None) -> None:
    columns = [
        (t["date"], "date"),
        (t["ticket"], "text"),
        (t["plate"], "text"),
        (t["market"], "text"),
        (t["operator"], "text"),
        (t["crop"], "text"),
        (t["grade"], "text"),
        (t["net_kg"], "kg"),
        (t["deduction_kg"], "kg"),
        (t["payable_kg"], "kg"),
        (t["price_kg"], "price"),
        (t["price_jin"], "price"),
        (t["amount"], "money"),
        # Both prices where a line was settled after the sale at another price than agreed.
        (t["agreed_price"], "price"),
        (t["settled_price"], "price"),
    ]
    # Where a weight was estimated from a count of packs: the count, as typed ('40袋').
    estimates = any(line.estimated for line in st.lines)
    if estimates:
        columns.append((t["estimated_from"], "text"))
    total = max(len(st.lines), 1)

    def rows() -> Iterable[tuple]:
        for line in st.lines:
            yield (
                _date(line.ship_date),
                line.ticket_no,
                line.plate,
                t.named(line.market, line.market_en),
                t.named(line.operator, line.operator_en),
                t.crop(line.crop, line.crop_en),
                t.grade(line.grade),
                units.kg(line.net_g),
                units.kg(line.deduction_g),
                units.kg(line.payable_g),
                units.price_per_kg(line.price),
                units.price_per_jin(line.price),
                units.yuan(line.amount_fen),
                units.price_per_kg(line.agreed_price) if line.price_differs else None,
                units.price_per_kg(line.price) if line.price_differs else None,
                *((f"{line.packs} ({t['estimated_mark']})" if line.estimated else "",) if estimates else ()),
            )

    _line_sheet(
        bk,
        t["shipments"],
        columns,
        rows(),
        {
            7: units.kg(st.shipped_g),
            8: units.kg(st.deduction_g),
            9: units.kg(st.payable_g),
            12: units.yuan(st.shipped_fen),
        },
        t["total"],
        progress=(lambda n: progress(PROGRESS_SCALE * n // total, PROGRESS_SCALE)) if progress else None,
    )


def _buyer_weighings(bk: _Book, st: BuyerStatement, t: Texts) -> None:
    """Each truck's weighbridge ticket: gross − tare = net; net − deduction = payable."""
    trucks = st.weighings
    columns = [
        (t["date"], "date"),
        (t["ticket"], "text"),
        (t["plate"], "text"),
        (t["gross_kg"], "kg"),
        (t["tare_kg"], "kg"),
        (t["net_kg"], "kg"),
        (t["deduction_kg"], "kg"),
        (t["payable_kg"], "kg"),
    ]
    ws, end = _line_sheet(
        bk,
        t["weighings"],
        columns,
        (
            (
                _date(w.ship_date),
                w.ticket_no,
                w.plate,
                units.kg(w.gross_g) if w.weighed else None,  # not weighed on the park's bridge
                units.kg(w.tare_g) if w.weighed else None,
                units.kg(w.net_g),
                units.kg(w.deduction_g),
                units.kg(w.payable_g),
            )
            for w in trucks
        ),
        {
            3: units.kg(sum(w.gross_g for w in trucks if w.weighed)),
            4: units.kg(sum(w.tare_g for w in trucks if w.weighed)),
            5: units.kg(sum(w.net_g for w in trucks)),
            6: units.kg(sum(w.deduction_g for w in trucks)),
            7: units.kg(sum(w.payable_g for w in trucks)),
        },
        t["total"],
        autofilter=False,
    )
    ws.write_string(end + 1, 0, neutralise(t["deduction_rule"]), bk.cell["text"])


def _line_row(line: StatementLine, t: Texts) -> tuple:
    """A statement line in the shipments-export layout (db.documents.exporting.SHIPMENT_FIELDS)."""
    return (
        _date(line.ship_date),
        line.ticket_no,
        line.buyer,
        line.market,
        line.plate,
        line.operator,
        line.crop,
        t.grade(line.grade),
        units.kg(line.net_g),
        units.price_per_kg(line.price),
        units.yuan(line.amount_fen),
        units.kg(line.gross_g),
        units.kg(line.tare_g),
        units.kg(line.deduction_g),
        units.kg(line.payable_g),
    )


def buyer_statement_csv(path: str | os.PathLike, st: BuyerStatement, lang: str = "zh_CN") -> int:
    """The buyer statement as sent, as CSV: written by app/documents/statement_xlsx.py."""
    from app.documents.statement_xlsx import buyer_statement_csv as as_sent

    return as_sent(path, st, lang)


def operator_statement_csv(path: str | os.PathLike, st: OperatorStatement, lang: str = "zh_CN") -> int:
    t = Texts(lang)
    return write_csv(path, shipment_columns(t.lang), (_line_row(line, t) for line in st.lines))


def _trace_rows(tr: Trace, t: Texts) -> Iterable[tuple]:
    for r in tr.rows:
        yield (
            r.lot_code,
            _date(r.harvest_date) if r.harvest_date else None,
            r.plot,
            r.village,
            t.named(r.operator, r.operator_en),
            t.crop(r.crop, r.crop_en),
            r.lot_grade,
            units.kg(r.lot_g) if r.lot_g is not None else None,
            r.ticket_no,
            _date(r.ship_date) if r.ship_date else None,
            r.line_no,
            r.line_grade,
            units.kg(r.line_net_g) if r.line_net_g is not None else None,
            r.buyer,
            t.named(r.market, r.market_en),
            r.plate,
            r.certificates,
            *(
                units.kg(g) if g is not None else None
                for g in (
                    r.line_deduction_g,
                    r.line_payable_g,
                    r.truck_gross_g,
                    r.truck_tare_g,
                    r.truck_net_g,
                    r.truck_deduction_g,
                )
            ),
        )


def _trace_columns(t: Texts) -> list[Column]:
    return [Column(label, kind) for label, kind in trace_columns(t)]


def trace_csv(path: str | os.PathLike, tr: Trace, lang: str = "zh_CN") -> int:
    t = Texts(lang)
    rows = [_graded(row, t) for row in _trace_rows(tr, t)]
    return write_csv(path, _trace_columns(t), rows)


def trace_xlsx(path: str | os.PathLike, tr: Trace, lang: str = "zh_CN") -> int:
    t = Texts(lang)
    rows = [_graded(row, t) for row in _trace_rows(tr, t)]
    return write_xlsx(path, [Sheet(f"{t['trace']} {tr.query}", _trace_columns(t), rows)])


def _graded(row: tuple, t: Texts) -> tuple:
    """Grade codes (columns 6 and 11) as labels in the document's language."""
    out = list(row)
    for i in (6, 11):
        out[i] = t.grade(out[i]) if out[i] else ""
    return tuple(out)
