"""Report layouts for PDF: buyer statement, operator statement, park summary and trace, as pdf.Document."""

from __future__ import annotations

import os

from app.documents import formatting as fmt
from app.documents.pdf import (
    Bars,
    Col,
    Document,
    Heading,
    Info,
    Paragraph,
    Progress,
    Signatures,
    Spacer,
    Table,
    Title,
    write_pdf,
)
from app.documents.texts import Texts
from db import units
from db.reports import BuyerStatement, CompareRow, OperatorStatement, ParkSummary
from db.trace import Trace


def _document(t: Texts, title: str, subject: str, park: str, issued_on: str, blocks: list) -> Document:
    return Document(
        title=f"{title} · {subject}" if subject else title,
        blocks=blocks,
        header_left=park,
        header_right=f"{title} · {subject}" if subject else title,
        footer_left=f"{t['issued_on']}：{issued_on}",
        page_label=lambda n, total: t.get("page_of", n, total),
    )


def buyer_statement_document(st: BuyerStatement, lang: str = "zh_CN") -> Document:
    """The buyer statement as sent: laid out in app/documents/statement_pdf.py."""
    from app.documents.statement_pdf import buyer_statement_document as as_sent

    return as_sent(st, lang)


REPRICED_MARK = "※"


def balance_row(t: Texts, which: str, fen: int) -> list[str]:
    """An opening or closing balance in words: owed (欠款), or paid ahead (预付款), never a minus."""
    if fen < 0:
        return [t[f"{which}_prepaid"], fmt.yuan(-fen)]
    return [t[which], fmt.yuan(fen)]


def _price_notes(st: BuyerStatement, t: Texts) -> list:
    """Lines settled at another price than agreed, each with both prices, under the ※ footnote."""
    if not st.repriced:
        return []
    return [
        Heading(t["price_notes"]),
        Table(
            [
                Col(t["date"]),
                Col(t["ticket"]),
                Col(t["crop"]),
                Col(t["agreed_price"], "right"),
                Col(t["settled_price"], "right"),
                Col(t["amount"], "right"),
            ],
            [
                [
                    line.ship_date,
                    line.ticket_no,
                    line.crop,
                    fmt.price_kg(line.agreed_price),
                    fmt.price_kg(line.price) + REPRICED_MARK,
                    fmt.yuan(line.amount_fen),
                ]
                for line in st.repriced
            ],
            size=7,
        ),
        Paragraph(t["repriced_note"], size=7.5),
    ]


def _weighings(st: BuyerStatement, t: Texts) -> list:
    """Each truck's weighbridge ticket: gross − tare = net; net − deduction = payable."""
    trucks = st.weighings
    rows = [
        [
            w.ship_date,
            w.ticket_no,
            w.plate,
            fmt.kg(w.gross_g),
            fmt.kg(w.tare_g),
            fmt.kg(w.net_g),
            fmt.kg(w.deduction_g) if w.deduction_g else "",
            fmt.kg(w.payable_g),
        ]
        for w in trucks
    ]
    rows.append(
        [
            t["total"],
            "",
            "",
            fmt.kg(sum(w.gross_g for w in trucks)),
            fmt.kg(sum(w.tare_g for w in trucks)),
            fmt.kg(sum(w.net_g for w in trucks)),
            fmt.kg(sum(w.deduction_g for w in trucks)),
            fmt.kg(sum(w.payable_g for w in trucks)),
        ]
    )
    return [
        Heading(t["weighings"]),
        Table(
            [
                Col(t["date"]),
                Col(t["ticket"]),
                Col(t["plate"]),
                Col(t["gross_kg"], "right"),
                Col(t["tare_kg"], "right"),
                Col(t["net_kg"], "right"),
                Col(t["deduction_kg"], "right"),
                Col(t["payable_kg"], "right"),
            ],
            rows,
            styles=[""] * len(trucks) + ["total"],
            size=7,
        ),
    ]


def operator_statement_document(st: OperatorStatement, lang: str = "zh_CN") -> Document:
    t = Texts(lang)
    op = st.operator
    blocks: list = [
        Title(f"{st.park_name} {t['operator_statement']}", t.period(st.start, st.end)),
        Info(
            [
                (t["operator"], op.name),
                (t["period"], t.period(st.start, st.end)),
                (t["credit_code"], op.credit_code or "—"),
                (t["issued_on"], st.issued_on),
                (t["phone"], op.phone or "—"),
                (t["lines"], str(len(st.lines))),
            ]
        ),
        Heading(t["revenue_by_crop"]),
        Table(
            [
                Col(t["crop"]),
                Col(t["harvested_kg"], "right"),
                Col(t["shipped_kg"], "right"),
                Col(t["revenue"], "right"),
            ],
            [[r.crop, fmt.kg(r.harvested_g), fmt.kg(r.shipped_g), fmt.yuan(r.amount_fen)] for r in st.by_crop]
            + [[t["total"], fmt.kg(st.harvested_g), fmt.kg(st.shipped_g), fmt.yuan(st.revenue_fen)]],
            styles=[""] * len(st.by_crop) + ["total"],
        ),
    ]
    if st.by_buyer:
        blocks += [
            Heading(t["by_buyer"]),
            Table(
                [
                    Col(t["buyer"]),
                    Col(t["lines"], "right"),
                    Col(t["net_kg"], "right"),
                    Col(t["amount"], "right"),
                ],
                [[s.name, str(s.lines), fmt.kg(s.net_g), fmt.yuan(s.amount_fen)] for s in st.by_buyer]
                + [[t["total"], str(len(st.lines)), fmt.kg(st.shipped_g), fmt.yuan(st.revenue_fen)]],
                styles=[""] * len(st.by_buyer) + ["total"],
            ),
        ]
    blocks.append(Heading(t["sales"]))
    if st.lines:
        blocks.append(
            Table(
                [
                    Col(t["date"]),
                    Col(t["ticket"]),
                    Col(t["buyer"]),
                    Col(t["market"]),
                    Col(t["crop"]),
                    Col(t["grade"], "center"),
                    Col(t["net_kg"], "right"),
                    Col(t["deduction_kg"], "right"),
                    Col(t["payable_kg"], "right"),
                    Col(t["price_kg"], "right"),
                    Col(t["amount"], "right"),
                ],
                [
                    [
                        line.ship_date,
                        line.ticket_no,
                        line.buyer,
                        line.market or t["no_market"],
                        line.crop,
                        t.grade(line.grade),
                        fmt.kg(line.net_g),
                        fmt.kg(line.deduction_g) if line.deduction_g else "",
                        fmt.kg(line.payable_g),
                        fmt.price_kg(line.price),
                        fmt.yuan(line.amount_fen),
                    ]
                    for line in st.lines
                ]
                + [
                    [
                        t["total"],
                        "",
                        "",
                        "",
                        "",
                        "",
                        fmt.kg(st.shipped_g),
                        fmt.kg(sum(line.deduction_g for line in st.lines)),
                        fmt.kg(sum(line.payable_g for line in st.lines)),
                        "",
                        fmt.yuan(st.revenue_fen),
                    ]
                ],
                styles=[""] * len(st.lines) + ["total"],
                size=7.5,
            )
        )
    else:
        blocks.append(Paragraph(t["no_shipments"]))
    blocks.append(Heading(t["harvests"]))
    if st.harvests:
        blocks.append(
            Table(
                [
                    Col(t["date"]),
                    Col(t["lot"]),
                    Col(t["plot"]),
                    Col(t["crop"]),
                    Col(t["grade"], "center"),
                    Col(t["weight_kg"], "right"),
                ],
                [
                    [h.harvest_date, h.lot_code, h.plot, h.crop, t.grade(h.grade), fmt.kg(h.weight_g)]
                    for h in st.harvests
                ]
                + [[t["total"], "", "", "", "", fmt.kg(st.harvested_g)]],
                styles=[""] * len(st.harvests) + ["total"],
            )
        )
    else:
        blocks.append(Paragraph(t["no_harvests"]))
    blocks += [Spacer(2), Signatures([t["prepared_by"], t["operator_confirms"]])]
    return _document(t, t["operator_statement"], op.name, st.park_name, st.issued_on, blocks)


def _compare_table(
    t: Texts, first: str, rows: tuple[CompareRow, ...], total: CompareRow, harvest: bool
) -> Table:
    cols = [Col(first)]
    if harvest:
        cols += [Col(t["harvested_t"], "right"), Col(t["prev_harvested_t"], "right")]
    cols += [
        Col(t["shipped_t"], "right"),
        Col(t["prev_shipped_t"], "right"),
        Col(t["change"], "right"),
        Col(t["revenue"], "right"),
        Col(t["prev_revenue"], "right"),
    ]

    def cells(r: CompareRow, name: str) -> list[str]:
        out = [name]
        if harvest:
            out += [fmt.tonnes(r.harvested_g or 0), fmt.tonnes(r.prev_harvested_g or 0)]
        out += [
            fmt.tonnes(r.shipped_g),
            fmt.tonnes(r.prev_shipped_g),
            fmt.change(r.shipped_g, r.prev_shipped_g),
            fmt.yuan(r.amount_fen),
            fmt.yuan(r.prev_amount_fen),
        ]
        return out

    body = [cells(r, r.name or t["no_market"]) for r in rows]
    body.append(cells(total, t["total"]))
    return Table(cols, body, styles=[""] * len(rows) + ["total"], size=7.5)


def park_summary_document(s: ParkSummary, lang: str = "zh_CN") -> Document:
    t = Texts(lang)
    title = t["summary_year"] if s.is_year else t["summary_month"]
    total = s.total
    blocks: list = [
        Title(f"{s.park_name} {title}", s.period),
        Info(
            [
                (t["this_period"], t.period(s.start, s.end)),
                (t["last_year"], t.period(s.prev_start, s.prev_end)),
                (
                    t["harvested_t"],
                    f"{fmt.tonnes(total.harvested_g or 0)}（{fmt.change(total.harvested_g or 0, total.prev_harvested_g or 0)}）",
                ),
                (
                    t["shipped_t"],
                    f"{fmt.tonnes(total.shipped_g)}（{fmt.change(total.shipped_g, total.prev_shipped_g)}）",
                ),
                (
                    t["revenue"],
                    f"{fmt.yuan(total.amount_fen)}（{fmt.change(total.amount_fen, total.prev_amount_fen)}）",
                ),
                (t["issued_on"], s.issued_on),
            ]
        ),
    ]
    if s.by_month:
        blocks += [
            Heading(t["summary_by_month"]),
            Bars(
                "",
                [r.name[5:] for r in s.by_month],
                [float(units.tonnes(r.shipped_g)) for r in s.by_month],
                45,
            ),
            _compare_table(t, t["month"], s.by_month, total, True),
        ]
    blocks += [
        Heading(t["summary_by_crop"]),
        _compare_table(t, t["crop"], s.by_crop, total, True),
        Heading(t["summary_by_market"]),
        _compare_table(t, t["market"], s.by_market, total, False),
        Heading(t["summary_by_operator"]),
        _compare_table(t, t["operator"], s.by_operator, total, True),
        Signatures([t["prepared_by"]]),
    ]
    return _document(t, title, s.period, s.park_name, s.issued_on, blocks)


def trace_columns(t: Texts) -> list[tuple[str, str]]:
    """(label, kind) of the trace spreadsheet and table, one row per link."""
    return [
        (t["lot"], "text"),
        (t["harvest_date"], "date"),
        (t["plot"], "text"),
        (t["village"], "text"),
        (t["operator"], "text"),
        (t["crop"], "text"),
        (t["lot_grade"], "text"),
        (t["lot_kg"], "kg"),
        (t["ticket"], "text"),
        (t["ship_date"], "date"),
        (t["line_no"], "int"),
        (t["line_grade"], "text"),
        (t["line_kg"], "kg"),
        (t["buyer"], "text"),
        (t["market"], "text"),
        (t["plate"], "text"),
        (t["certificates"], "text"),
        # Added later, so at the end: the weighbridge and the deduction.
        (t["line_deduction_kg"], "kg"),
        (t["line_payable_kg"], "kg"),
        (t["truck_gross_kg"], "kg"),
        (t["truck_tare_kg"], "kg"),
        (t["truck_net_kg"], "kg"),
        (t["truck_deduction_kg"], "kg"),
    ]


def trace_document(tr: Trace, lang: str = "zh_CN", park_name: str = "", issued_on: str = "") -> Document:
    t = Texts(lang)
    kind_label = t[f"q_{tr.kind}"]
    cols = [
        Col(t["lot"]),
        Col(t["harvest_date"]),
        Col(t["plot"]),
        Col(t["operator"]),
        Col(t["crop"]),
        Col(t["lot_kg"], "right"),
        Col(t["ticket"]),
        Col(t["ship_date"]),
        Col(t["line_kg"], "right"),
        Col(t["line_payable_kg"], "right"),
        Col(t["buyer"]),
        Col(t["market"]),
        Col(t["certificates"]),
    ]
    rows = [
        [
            r.lot_code or t["no_lot"],
            r.harvest_date,
            r.plot,
            r.operator,
            r.crop,
            fmt.kg(r.lot_g) if r.lot_g is not None else "",
            r.ticket_no or t["not_shipped"],
            r.ship_date,
            fmt.kg(r.line_net_g) if r.line_net_g is not None else "",
            fmt.kg(r.line_payable_g) if r.line_payable_g is not None else "",
            r.buyer,
            r.market,
            r.certificates,
        ]
        for r in tr.rows
    ]
    blocks: list = [
        Title(t["trace"], f"{kind_label}：{tr.query}"),
        Info([(t["query"], f"{kind_label} {tr.query}"), ("", t[tr.direction])], 2),
        Table(cols, rows, size=7.0),
    ]
    doc = _document(t, t["trace"], tr.query, park_name, issued_on, blocks)
    doc.landscape = True
    return doc


def write_report_pdf(path: str | os.PathLike, document: Document, progress: Progress | None = None) -> int:
    return write_pdf(path, document, progress)
