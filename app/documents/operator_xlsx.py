"""The operator statement (经营主体结算单) as a workbook: the settlement (sales by buyer and crop,
service fee, net proceeds) on its first sheet, then the sales lines and the harvests, with column
titles a person reads (the CSV keeps the machine layout of the shipments export)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from decimal import Decimal

from app.documents.operator_pdf import fee_rule
from app.documents.reports_xlsx import _Book, _date, _fit, _line_sheet, _table
from app.documents.texts import Texts
from db import units
from db.documents.exporting import display_width, neutralise, replacing, workbook_file
from db.documents.reports import OperatorStatement


def _summary(bk: _Book, st: OperatorStatement, t: Texts) -> None:
    ws = bk.book.add_worksheet(t["operator_statement"][:31])
    widths = [16, 14, 14, 16, 16, 16, 16]
    ws.write_string(0, 0, neutralise(f"{st.park_name} {t['operator_statement']}"), bk.title)
    info = [
        (t["operator"], t.named(st.operator.name, st.operator.name_en)),
        (t["credit_code"], st.operator.credit_code),
        (t["period"], t.period(st.start, st.end)),
        (t["issued_on"], st.issued_on),
    ]
    for i, (label, value) in enumerate(info, start=2):
        ws.write_string(i, 0, neutralise(label), bk.label)
        ws.write_string(i, 1, neutralise(value), bk.cell["text"])
        widths[0] = max(widths[0], display_width(label))
    r = 2 + len(info) + 1
    ws.write_string(r, 0, neutralise(t["settlement"]), bk.label)
    r += 1
    settlement = [
        (t["net_kg"], "kg", units.kg(st.shipped_g)),
        (t["deduction_kg"], "kg", units.kg(st.deduction_g)),
        (t["payable_kg"], "kg", units.kg(st.payable_g)),
        (t["sales_amount"], "money", units.yuan(st.revenue_fen)),
        (t["service_fee"], "money", units.yuan(st.fee_fen)),
    ]
    for label, kind, value in settlement:
        ws.write_string(r, 0, neutralise(label), bk.cell["text"])
        ws.write_number(r, 1, float(value), bk.cell[kind])
        r += 1
    # Net proceeds as a formula over the two rows above, with its exact value cached.
    ws.write_string(r, 0, neutralise(t["net_proceeds"]), bk.total["text"])
    ws.write_formula(r, 1, f"=B{r - 1}-B{r}", bk.total["money"], float(units.yuan(st.net_fen)))
    r += 1
    ws.write_string(r, 0, neutralise(fee_rule(st, t)), bk.cell["text"])
    r += 2
    ws.write_string(r, 0, neutralise(t["by_buyer"]), bk.label)
    r = _table(
        bk,
        ws,
        r + 1,
        [
            (t["buyer"], "text"),
            (t["trucks"], "int"),
            (t["lines"], "int"),
            (t["net_kg"], "kg"),
            (t["deduction_kg"], "kg"),
            (t["payable_kg"], "kg"),
            (t["amount"], "money"),
        ],
        [
            (
                s.name,
                s.trucks,
                s.lines,
                units.kg(s.net_g),
                units.kg(s.deduction_g),
                units.kg(s.payable_g),
                units.yuan(s.amount_fen),
            )
            for s in st.by_buyer
        ],
        totals={
            1: Decimal(st.trucks),  # a truck has one buyer, so the buyers' trucks add up
            2: Decimal(len(st.lines)),
            3: units.kg(st.shipped_g),
            4: units.kg(st.deduction_g),
            5: units.kg(st.payable_g),
            6: units.yuan(st.revenue_fen),
        },
        total_label=t["total"],
        widths=widths,
    )
    r += 1
    ws.write_string(r, 0, neutralise(t["revenue_by_crop"]), bk.label)
    r = _table(
        bk,
        ws,
        r + 1,
        [
            (t["crop"], "text"),
            (t["harvested_kg"], "kg"),
            (t["shipped_kg"], "kg"),
            (t["deduction_kg"], "kg"),
            (t["payable_kg"], "kg"),
            (t["revenue"], "money"),
        ],
        [
            (
                t.crop(c.crop, c.crop_en),
                units.kg(c.harvested_g),
                units.kg(c.shipped_g),
                units.kg(c.deduction_g),
                units.kg(c.payable_g),
                units.yuan(c.amount_fen),
            )
            for c in st.by_crop
        ],
        totals={
            1: units.kg(st.harvested_g),
            2: units.kg(st.shipped_g),
            3: units.kg(st.deduction_g),
            4: units.kg(st.payable_g),
            5: units.yuan(st.revenue_fen),
        },
        total_label=t["total"],
        widths=widths,
    )
    _fit(ws, widths)
    ws.set_column(0, 0, max(widths[0] + 2, 24))


def _sales(bk: _Book, st: OperatorStatement, t: Texts) -> None:
    columns = [
        (t["date"], "date"),
        (t["ticket"], "text"),
        (t["plate"], "text"),
        (t["buyer"], "text"),
        (t["market"], "text"),
        (t["crop"], "text"),
        (t["grade"], "text"),
        (t["net_kg"], "kg"),
        (t["deduction_kg"], "kg"),
        (t["payable_kg"], "kg"),
        (t["price_kg"], "price"),
        (t["amount"], "money"),
    ]

    def rows() -> Iterable[tuple]:
        for line in st.lines:
            yield (
                _date(line.ship_date),
                line.ticket_no,
                line.plate,
                line.buyer,
                t.named(line.market, line.market_en) or t["no_market"],
                t.crop(line.crop, line.crop_en),
                t.grade(line.grade),
                units.kg(line.net_g),
                units.kg(line.deduction_g),
                units.kg(line.payable_g),
                units.price_per_kg(line.price),
                units.yuan(line.amount_fen),
            )

    _line_sheet(
        bk,
        t["sales"],
        columns,
        rows(),
        {
            7: units.kg(st.shipped_g),
            8: units.kg(st.deduction_g),
            9: units.kg(st.payable_g),
            11: units.yuan(st.revenue_fen),
        },
        t["total"],
    )


def _harvests(bk: _Book, st: OperatorStatement, t: Texts) -> None:
    columns = [
        (t["date"], "date"),
        (t["lot"], "text"),
        (t["plot"], "text"),
        (t["crop"], "text"),
        (t["grade"], "text"),
        (t["weight_kg"], "kg"),
    ]
    _line_sheet(
        bk,
        t["harvests"],
        columns,
        (
            (
                _date(h.harvest_date),
                h.lot_code,
                h.plot,
                t.crop(h.crop, h.crop_en),
                t.grade(h.grade),
                units.kg(h.weight_g),
            )
            for h in st.harvests
        ),
        {5: units.kg(st.harvested_g)},
        t["total"],
        autofilter=False,
    )


def operator_statement_xlsx(path: str | os.PathLike, st: OperatorStatement, lang: str = "zh_CN") -> int:
    """Write the operator statement workbook; returns the number of sales lines written."""
    t = Texts(lang)
    with replacing(path) as tmp, workbook_file(tmp) as fh:
        bk = _Book(fh)
        try:
            bk.book.set_properties(
                {
                    **bk.book.doc_properties,
                    "title": f"{t['operator_statement']} · {t.named(st.operator.name, st.operator.name_en)}",
                    "author": st.park_name,
                }
            )
            _summary(bk, st, t)
            _sales(bk, st, t)
            _harvests(bk, st, t)
        finally:
            bk.close()
    return len(st.lines)
