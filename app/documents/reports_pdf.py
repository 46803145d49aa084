"""Report layouts for PDF: buyer statement and trace, as pdf.Document (operator statement: operator_pdf,
park summary: summary_pdf)."""

from __future__ import annotations

import os

from app.documents import formatting as fmt
from app.documents.pdf import (
    Col,
    Document,
    Heading,
    Info,
    Paragraph,
    Progress,
    Table,
    Title,
    write_pdf,
)
from app.documents.texts import Texts
from db.documents.reports import BuyerStatement
from db.trace import Trace


def _document(t: Texts, title: str, subject: str, park: str, issued_on: str, blocks: list) -> Document:
    return Document(
        title=f"{title} · {subject}" if subject else title,
        blocks=blocks,
        header_left=park,
        header_right=f"{title} · {subject}" if subject else title,
        footer_left=f"{t['issued_on']}{t.colon}{issued_on}",
        page_label=lambda n, total: t.get("page_of", n, total),
        colon=t.colon,
    )


document = _document  # for the other report layouts (operator_pdf, summary_pdf)


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
            fmt.kg(w.gross_g) if w.weighed else "—",  # not weighed on the park's bridge
            fmt.kg(w.tare_g) if w.weighed else "—",
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
            fmt.kg(sum(w.gross_g for w in trucks if w.weighed)),
            fmt.kg(sum(w.tare_g for w in trucks if w.weighed)),
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
            t.named(r.operator, r.operator_en),
            t.crop(r.crop, r.crop_en),
            fmt.kg(r.lot_g) if r.lot_g is not None else "",
            r.ticket_no or t["not_shipped"],
            r.ship_date,
            fmt.kg(r.line_net_g) if r.line_net_g is not None else "",
            fmt.kg(r.line_payable_g) if r.line_payable_g is not None else "",
            r.buyer,
            t.named(r.market, r.market_en),
            r.certificates,
        ]
        for r in tr.rows
    ]
    blocks: list = [
        Title(t["trace"], f"{kind_label}{t.colon}{tr.query}"),
        Info([(t["query"], f"{kind_label} {tr.query}"), ("", t[tr.direction])], 2),
        Table(cols, rows, size=7.0),
    ]
    doc = _document(t, t["trace"], tr.query, park_name, issued_on, blocks)
    doc.landscape = True
    return doc


def write_report_pdf(path: str | os.PathLike, document: Document, progress: Progress | None = None) -> int:
    return write_pdf(path, document, progress)
