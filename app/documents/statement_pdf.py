"""The buyer statement (客商对账单) as sent, for PDF: the park's letterhead, the buyer and the statement
number, the ledger with its running balance (carried over page breaks), the supporting tables, and the
close (balances in figures and in 大写, the objection clause, two seal boxes) kept on one page with
the end of what precedes it.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.documents import formatting as fmt
from app.documents.pdf import MM, Bars, Col, Document, Heading, Paragraph, Table
from app.documents.pdf_ledger import LAST, SUM, Ledger
from app.documents.reports_pdf import REPRICED_MARK, _document, _price_notes, _weighings, balance_row
from app.documents.texts import Texts
from db import units
from db.documents.reports import BuyerStatement
from db.documents.statement import LINE, MONTH, PAYMENT, closing, ledger, statement_number
from db.organisation import Organisation


def colon(t: Texts) -> str:
    return t["colon"]


@dataclass(frozen=True)
class Letterhead:
    """The organisation centred at the top of a document: name, then address and phone, then its
    credit code and bank account (lines with nothing given are left out), and a rule."""

    organisation: Organisation
    title: str
    lang: str = "zh_CN"

    def lines(self) -> list[str]:
        t, org, sep = Texts(self.lang), self.organisation, "    "
        first = [f"{t['address']}{colon(t)}{org.address}" if org.address else ""]
        first.append(f"{t['phone']}{colon(t)}{org.phone}" if org.phone else "")
        second = [f"{t['credit_code']}{colon(t)}{org.credit_code}" if org.credit_code else ""]
        second.append(f"{t['bank']}{colon(t)}{org.bank}" if org.bank else "")
        second.append(f"{t['account']}{colon(t)}{org.account}" if org.account else "")
        return [sep.join(x for x in part if x) for part in (first, second) if any(part)]

    def place_on(self, layout, nxt) -> None:
        f = layout.fonts

        def centred(key: str, text: str) -> None:
            for line in f.wrap(key, text, layout.width):
                layout.text(key, layout.left + (layout.width - f.width(key, line)) / 2, layout.y, line)
                layout.y += f.line(key)

        centred("title", self.organisation.name)
        layout.y += 1 * MM
        for line in self.lines():
            centred("small", line)
        layout.y += 1.5 * MM
        layout.ops.append(("l", layout.left, layout.y, layout.right, layout.y, layout.rule, 0))
        layout.y += 3 * MM
        centred("heading", self.title)
        layout.y += 3 * MM


@dataclass(frozen=True)
class Particulars:
    """Label–value pairs in two columns, with the colon of the document's language (： or : )."""

    pairs: tuple[tuple[str, str], ...]
    colon: str = "："

    def place_on(self, layout, nxt) -> None:
        f = layout.fonts
        col_w = layout.width / 2
        label_w = max(f.width("body", label + self.colon) for label, _ in self.pairs)
        for start in range(0, len(self.pairs), 2):
            row = self.pairs[start : start + 2]
            wrapped = [
                (label, f.wrap("body", value, col_w - label_w - 3 * MM) or [""]) for label, value in row
            ]
            h = max(len(lines) for _, lines in wrapped) * f.line("body") + 1.2 * MM
            layout.need(h)
            for c, (label, lines) in enumerate(wrapped):
                x = layout.left + c * col_w
                layout.text("body", x, layout.y, label + self.colon)
                for n, line in enumerate(lines):
                    layout.text("body", x + label_w + 1 * MM, layout.y + n * f.line("body"), line)
            layout.y += h
        layout.y += 2 * MM


@dataclass(frozen=True)
class Close:
    """Opening, shipped, paid, closing balance; the closing one in 大写; the objection clause; the
    park's and the buyer's seal boxes with signature and date lines. Always on one page, together
    with the last rows of the block before it."""

    st: BuyerStatement
    lang: str = "zh_CN"

    def kept_height(self, layout) -> float:
        return self._draw(layout, dry=True)

    def place_on(self, layout, nxt) -> None:
        layout.need(self.kept_height(layout))
        self._draw(layout, dry=False)

    def _draw(self, layout, dry: bool) -> float:
        t, st, f = Texts(self.lang), self.st, layout.fonts
        close = closing(st)
        ops: list = []
        y = layout.y + 2 * MM

        def text(key: str, x: float, top: float, value: str) -> None:
            ops.append(("t", key, x, top + f.ascent(key), value))

        text("heading", layout.left, y, t["settlement"])
        y += f.line("heading") + 1.5 * MM
        rows = [
            balance_row(t, "opening", close.opening_fen),
            [t["shipped_amount"], fmt.yuan(close.shipped_fen)],
            [t["paid_amount"], fmt.yuan(close.paid_fen)],
            balance_row(t, "closing", close.closing_fen),
        ]
        for key, bold in (("close", False), ("closeb", True)):
            if key not in f.fonts:
                f.add(layout.device, layout.family, key, 10.0, bold)
        label_w = max(f.width("closeb", r[0]) for r in rows) + 8 * MM
        amount_w = max(f.width("closeb", r[1]) for r in rows) + 24 * MM
        row_h = f.line("close") + 1.6 * MM
        for n, (label, amount) in enumerate(rows):
            key = "closeb" if n == 3 else "close"
            if n == 3:
                ops.append(("l", layout.left, y, layout.left + label_w + amount_w, y, layout.rule, 0))
            text(key, layout.left, y + 0.8 * MM, label)
            text(key, layout.left + label_w + amount_w - f.width(key, amount), y + 0.8 * MM, amount)
            y += row_h
        ops.append(("l", layout.left, y, layout.left + label_w + amount_w, y, layout.thin, 0))
        y += 2 * MM
        words_label = t["prepaid_in_words"] if close.prepaid else t["in_words"]
        for line in f.wrap("closeb", f"{words_label}{colon(t)}{close.closing_words}", layout.width):
            text("closeb", layout.left, y, line)
            y += f.line("closeb")
        y += 2 * MM
        clause = t.get("objection", st.organisation.objection_days)
        for line in f.wrap("body", clause, layout.width):
            text("body", layout.left, y, line)
            y += f.line("body")
        y += 4 * MM
        # Two seal boxes side by side, each with room for a 40 mm round seal between its title and
        # the signature and date lines.
        gap = 8 * MM
        box_w = (layout.width - gap) / 2
        box_h = 62 * MM
        parties = [
            (t["seal_park"], st.organisation.name),
            (t["seal_buyer"], st.buyer.name),
        ]
        for i, (title, name) in enumerate(parties):
            x = layout.left + i * (box_w + gap)
            ops.append(("r", x, y, box_w, box_h, layout.thin, 0))
            top = y + 2 * MM
            for line in f.wrap("body", f"{title}{colon(t)}{name}", box_w - 4 * MM):
                text("body", x + 2 * MM, top, line)
                top += f.line("body")
            base = y + box_h - 4 * MM
            sign = f"{t['signed_by']}{colon(t)}"
            date = f"{t['signed_on']}{colon(t)}"
            text("body", x + 2 * MM, base - f.line("body") * 2.4, sign)
            sx = x + 2 * MM + f.width("body", sign)
            ops.append(
                (
                    "l",
                    sx,
                    base - f.line("body") * 1.4,
                    x + box_w - 4 * MM,
                    base - f.line("body") * 1.4,
                    layout.thin,
                    0,
                )
            )
            text("body", x + 2 * MM, base - f.line("body"), date + t["date_blank"])
        y += box_h + 2 * MM
        height = y - layout.y
        if not dry:
            layout.ops.extend(ops)
            layout.y = y
        return height


def _balance(t: Texts, fen: int) -> str:
    """A running balance: owed as a plain figure, paid ahead in words (预付 450.00), never a minus."""
    return fmt.yuan(fen) if fen >= 0 else t.get("prepaid_balance", fmt.yuan(-fen))


def ledger_block(st: BuyerStatement, t: Texts) -> Ledger:
    """The statement's ledger: an opening row, lines and payments by date with the running balance,
    month subtotals on a statement longer than a month, and the total."""
    columns = [
        Col(t["date"]),
        Col(t["ticket"]),
        Col(t["plate"]),
        Col(t["operator"]),
        Col(t["crop"]),
        Col(t["grade"], "center"),
        Col(t["payable_kg"], "right"),
        Col(t["price_kg"], "right"),
        Col(t["shipped_yuan"], "right"),
        Col(t["paid_yuan"], "right"),
        Col(t["balance_yuan"], "right"),
    ]
    blank = [""] * len(columns)
    rows: list[list[str]] = []
    values: list[list[int | None]] = []
    styles: list[str] = []

    def add(cells: list[str], nums: tuple[int | None, int | None, int | None, int], style: str = "") -> None:
        rows.append(cells)
        values.append([None] * 6 + [nums[0], None, nums[1], nums[2], nums[3]])
        styles.append(style)

    opening = balance_row(t, "opening", st.opening_fen)[0]
    add(
        [st.start, opening, *blank[2:10], _balance(t, st.opening_fen)],
        (None, None, None, st.opening_fen),
        "sub",
    )
    for row in ledger(st):
        if row.kind == LINE:
            line = row.line
            assert line is not None
            cells = [
                line.ship_date,
                line.ticket_no,
                line.plate,
                t.named(line.operator, line.operator_en),
                t.crop(line.crop, line.crop_en),
                t.grade(line.grade),
                fmt.kg(line.payable_g) + (f" {t['estimated_mark']}" if line.estimated else ""),
                fmt.price_kg(line.price) + (REPRICED_MARK if line.price_differs else ""),
                fmt.yuan(line.amount_fen),
                "",
                _balance(t, row.balance_fen),
            ]
            add(cells, (line.payable_g, line.amount_fen, 0, row.balance_fen))
        elif row.kind == PAYMENT:
            p = row.payment
            assert p is not None
            cells = [p.pay_date, t.get("payment_row", t.method(p.method)), "", p.reference, *blank[4:9]]
            cells += [fmt.yuan(p.amount_fen), _balance(t, row.balance_fen)]
            add(cells, (0, 0, p.amount_fen, row.balance_fen))
        elif row.kind == MONTH:
            cells = [row.day, t["month_subtotal"], *blank[2:6], fmt.kg(row.payable_g), ""]
            cells += [fmt.yuan(row.shipped_fen), fmt.yuan(row.paid_fen), _balance(t, row.balance_fen)]
            add(cells, (None, None, None, row.balance_fen), "sub")
    total = [
        t["total"],
        *blank[1:6],
        fmt.kg(st.payable_g),
        "",
        fmt.yuan(st.shipped_fen),
        fmt.yuan(st.paid_fen),
    ]
    add([*total, _balance(t, st.closing_fen)], (None, None, None, st.closing_fen), "total")
    formats = [None] * 6 + [fmt.kg, None, fmt.yuan, fmt.yuan, lambda fen: _balance(t, fen)]
    return Ledger(
        columns,
        rows,
        values,
        carry=[""] * 6 + [SUM, "", SUM, SUM, LAST],
        fmt=formats,
        labels=(t["page_subtotal"], t["carried_forward"], t["brought_forward"]),
        styles=styles,
        size=6.8,
    )


def buyer_statement_document(st: BuyerStatement, lang: str = "zh_CN") -> Document:
    t = Texts(lang)
    buyer = st.buyer
    number = statement_number(buyer.id or 0, st.start, st.end)
    blocks: list = [
        Letterhead(st.organisation, t["buyer_statement"], t.lang),
        Particulars(
            (
                (t["buyer"], buyer.name),
                (t["statement_no"], number),
                (t["home_base"], buyer.home_base or "—"),
                (t["period"], t.period(st.start, st.end)),
                (t["phone"], buyer.phone or "—"),
                (t["issued_on"], st.issued_on),
                (t["trucks"], str(st.trucks)),
                (t["lines"], str(len(st.lines))),
            ),
            colon(t),
        ),
        Heading(t["ledger"]),
        ledger_block(st, t),
    ]
    if st.lines:
        blocks.append(Paragraph(t["deduction_rule"], size=7.5))
        if any(line.estimated for line in st.lines):
            blocks.append(Paragraph(t["estimated_note"], size=7.5))
        blocks += _price_notes(st, t) + _weighings(st, t)
        if any(bar.grams for bar in st.tonnage):
            daily = len(st.tonnage[0].label) == 10
            blocks += [
                Heading(t["tonnage_day"] if daily else t["tonnage_month"]),
                Bars(
                    "",
                    [bar.label[5:] if daily else bar.label for bar in st.tonnage],
                    [float(units.tonnes(bar.grams)) for bar in st.tonnage],
                ),
            ]
        english = {line.crop: line.crop_en for line in st.lines}
        markets_en = {line.market: line.market_en for line in st.lines}
        for key, subtotals in (("by_crop", st.by_crop), ("by_market", st.by_market)):
            blocks.append(Heading(t[key]))
            blocks.append(
                Table(
                    [
                        Col(t["crop"] if key == "by_crop" else t["market"]),
                        Col(t["lines"], "right"),
                        Col(t["net_kg"], "right"),
                        Col(t["payable_kg"], "right"),
                        Col(t["amount"], "right"),
                    ],
                    [
                        [
                            (
                                t.crop(s.name, english.get(s.name, ""))
                                if key == "by_crop"
                                else t.named(s.name, markets_en.get(s.name, ""))
                            )
                            or t["no_market"],
                            str(s.lines),
                            fmt.kg(s.net_g),
                            fmt.kg(s.payable_g),
                            fmt.yuan(s.amount_fen),
                        ]
                        for s in subtotals
                    ]
                    + [
                        [
                            t["total"],
                            str(len(st.lines)),
                            fmt.kg(st.shipped_g),
                            fmt.kg(st.payable_g),
                            fmt.yuan(st.shipped_fen),
                        ]
                    ],
                    styles=[""] * len(subtotals) + ["total"],
                )
            )
    else:
        blocks.append(Paragraph(t["no_shipments"]))
    blocks.append(Close(st, t.lang))
    document = _document(t, t["buyer_statement"], buyer.name, st.organisation.name, st.issued_on, blocks)
    document.header_right = f"{t['buyer_statement']} {number}"
    document.footer_left = f"{t['issued_on']}{colon(t)}{st.issued_on}"
    return document
