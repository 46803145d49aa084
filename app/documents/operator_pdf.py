"""The operator statement (经营主体结算单) as a PDF document: sales by buyer with payable weights and
deductions, the park's service fee with its rule, net proceeds, then the lines and harvests."""

from __future__ import annotations

from app.documents import formatting as fmt
from app.documents.pdf import Col, Document, Heading, Info, Paragraph, Signatures, Spacer, Table, Title
from app.documents.reports_pdf import document
from app.documents.texts import Texts
from db.documents.reports import OperatorStatement


def fee_rule(st: OperatorStatement, t: Texts) -> str:
    """How the fee was worked out, with the figures it was worked from."""
    fee = st.fee
    if not fee.charged:
        return t["fee_none"]
    if fee.basis == "per_tonne":
        return t.get(
            "fee_rule_tonne", fmt.exact_tonnes(st.payable_g), fmt.yuan(fee.rate), fmt.yuan(st.fee_fen)
        )
    return t.get("fee_rule_percent", fmt.yuan(st.revenue_fen), f"{fee.percent:.2f}", fmt.yuan(st.fee_fen))


def _settlement(st: OperatorStatement, t: Texts) -> list:
    return [
        Heading(t["settlement"]),
        Table(
            [
                Col(t["net_kg"], "right"),
                Col(t["deduction_kg"], "right"),
                Col(t["payable_kg"], "right"),
                Col(t["sales_amount"], "right"),
                Col(t["service_fee"], "right"),
                Col(t["net_proceeds"], "right"),
            ],
            [
                [
                    fmt.kg(st.shipped_g),
                    fmt.kg(st.deduction_g),
                    fmt.kg(st.payable_g),
                    fmt.yuan(st.revenue_fen),
                    fmt.yuan(st.fee_fen),
                    fmt.yuan(st.net_fen),
                ]
            ],
            styles=["total"],
        ),
        Paragraph(fee_rule(st, t), size=7.5),
    ]


def _by_buyer(st: OperatorStatement, t: Texts) -> list:
    rows = [
        [
            s.name,
            str(s.trucks),
            str(s.lines),
            fmt.kg(s.net_g),
            fmt.kg(s.deduction_g) if s.deduction_g else "",
            fmt.kg(s.payable_g),
            fmt.yuan(s.amount_fen),
        ]
        for s in st.by_buyer
    ]
    rows.append(
        [
            t["total"],
            str(st.trucks),
            str(len(st.lines)),
            fmt.kg(st.shipped_g),
            fmt.kg(st.deduction_g),
            fmt.kg(st.payable_g),
            fmt.yuan(st.revenue_fen),
        ]
    )
    return [
        Heading(t["by_buyer"]),
        Table(
            [
                Col(t["buyer"]),
                Col(t["trucks"], "right"),
                Col(t["lines"], "right"),
                Col(t["net_kg"], "right"),
                Col(t["deduction_kg"], "right"),
                Col(t["payable_kg"], "right"),
                Col(t["amount"], "right"),
            ],
            rows,
            styles=[""] * len(st.by_buyer) + ["total"],
        ),
    ]


def _by_crop(st: OperatorStatement, t: Texts) -> list:
    rows = [
        [
            t.crop(r.crop, r.crop_en),
            fmt.kg(r.harvested_g),
            fmt.kg(r.shipped_g),
            fmt.kg(r.deduction_g) if r.deduction_g else "",
            fmt.kg(r.payable_g),
            fmt.yuan(r.amount_fen),
        ]
        for r in st.by_crop
    ]
    rows.append(
        [
            t["total"],
            fmt.kg(st.harvested_g),
            fmt.kg(st.shipped_g),
            fmt.kg(st.deduction_g),
            fmt.kg(st.payable_g),
            fmt.yuan(st.revenue_fen),
        ]
    )
    return [
        Heading(t["revenue_by_crop"]),
        Table(
            [
                Col(t["crop"]),
                Col(t["harvested_kg"], "right"),
                Col(t["shipped_kg"], "right"),
                Col(t["deduction_kg"], "right"),
                Col(t["payable_kg"], "right"),
                Col(t["revenue"], "right"),
            ],
            rows,
            styles=[""] * len(st.by_crop) + ["total"],
        ),
    ]


def _sales(st: OperatorStatement, t: Texts) -> list:
    if not st.lines:
        return [Heading(t["sales"]), Paragraph(t["no_shipments"])]
    rows = [
        [
            line.ship_date,
            line.ticket_no,
            line.buyer,
            t.crop(line.crop, line.crop_en),
            t.grade(line.grade),
            fmt.kg(line.net_g),
            fmt.kg(line.deduction_g) if line.deduction_g else "",
            fmt.kg(line.payable_g),
            fmt.price_kg(line.price),
            fmt.yuan(line.amount_fen),
        ]
        for line in st.lines
    ]
    rows.append(
        [
            t["total"],
            "",
            "",
            "",
            "",
            fmt.kg(st.shipped_g),
            fmt.kg(st.deduction_g),
            fmt.kg(st.payable_g),
            "",
            fmt.yuan(st.revenue_fen),
        ]
    )
    return [
        Heading(t["sales"]),
        Table(
            [
                Col(t["date"], wrap=False),
                Col(t["ticket"], wrap=False),
                Col(t["buyer"]),
                Col(t["crop"]),
                Col(t["grade"], "center"),
                Col(t["net_kg"], "right"),
                Col(t["deduction_kg"], "right"),
                Col(t["payable_kg"], "right"),
                Col(t["price_kg"], "right"),
                Col(t["amount"], "right"),
            ],
            rows,
            styles=[""] * len(st.lines) + ["total"],
            size=7,
        ),
        Paragraph(t["deduction_rule"], size=7.5),
    ]


def _harvests(st: OperatorStatement, t: Texts) -> list:
    if not st.harvests:
        return [Heading(t["harvests"]), Paragraph(t["no_harvests"])]
    return [
        Heading(t["harvests"]),
        Table(
            [
                Col(t["date"], wrap=False),
                Col(t["lot"], wrap=False),
                Col(t["plot"]),
                Col(t["crop"]),
                Col(t["grade"], "center"),
                Col(t["weight_kg"], "right"),
            ],
            [
                [
                    h.harvest_date,
                    h.lot_code,
                    h.plot,
                    t.crop(h.crop, h.crop_en),
                    t.grade(h.grade),
                    fmt.kg(h.weight_g),
                ]
                for h in st.harvests
            ]
            + [[t["total"], "", "", "", "", fmt.kg(st.harvested_g)]],
            styles=[""] * len(st.harvests) + ["total"],
        ),
    ]


def operator_statement_document(st: OperatorStatement, lang: str = "zh_CN") -> Document:
    t = Texts(lang)
    op = st.operator
    name = t.named(op.name, op.name_en)
    blocks: list = [
        Title(f"{st.park_name} {t['operator_statement']}", t.period(st.start, st.end)),
        Info(
            [
                (t["operator"], name),
                (t["period"], t.period(st.start, st.end)),
                (t["credit_code"], op.credit_code or "—"),
                (t["issued_on"], st.issued_on),
                (t["phone"], op.phone or "—"),
                (t["trucks"], f"{st.trucks:,}"),
            ]
        ),
        *_settlement(st, t),
    ]
    if st.by_buyer:
        blocks += _by_buyer(st, t)
    if st.by_crop:
        blocks += _by_crop(st, t)
    blocks += _sales(st, t) + _harvests(st, t)
    blocks += [Spacer(2), Signatures([t["prepared_by"], t["reviewed_by"], t["operator_confirms"]])]
    return document(t, t["operator_statement"], name, st.park_name, st.issued_on, blocks)
