"""The park's production and sales report (产销月报 / 年报) as a workbook: on every sheet the title,
the period and the issue date above the table; percentages as numbers rounded like the PDF's,
'新增' / '—' where there is nothing to compare with."""

from __future__ import annotations

import datetime
import os
from fractions import Fraction

from app.documents import formatting as fmt
from app.documents.reports_xlsx import _Book
from app.documents.summary_pdf import Column, columns, key_figures, named_rows, spans_info, title
from app.documents.texts import Texts
from db import units
from db.documents.exporting import display_width, neutralise, replacing, workbook_file
from db.documents.park_summary import ParkReport, SummaryRow

HEADER_ROWS = 4  # title, period, issue date, a blank row; the table starts below


def _number(kind: str, value: object) -> tuple[float, str] | None:
    """A cell's number and format kind, or None when it is text."""
    if value is None or isinstance(value, str):
        return None
    if kind == "int":
        return float(value), "int"
    if kind == "tonnes":
        return float(units.tonnes(value)), "tonnes"
    if kind == "money":
        return float(units.yuan(value)), "money"
    if kind == "price":
        cents = (value * 200 + 1) // 2
        return float(units.yuan(int(cents))), "money"
    if kind in ("share", "change"):
        # The percentage as the PDF rounds it (0.1 %), so both show the same figure and none -0.0%.
        return float(fmt.percent_tenths(Fraction(value)) / 100), "percent"
    return None


def _cell(bk: _Book, ws, row: int, col: int, kind: str, value: object, t: Texts, styles: dict) -> None:
    """A number natively in its format; text, '—' or 'new' (新增) as text."""
    number = _number(kind, value)
    if number is not None:
        ws.write_number(row, col, number[0], styles[number[1]])
    elif value is None:
        ws.write_string(row, col, "—", styles["text"])
    else:
        ws.write_string(row, col, neutralise(t["new"] if value == "new" else str(value)), styles["text"])


def _head(bk: _Book, ws, rp: ParkReport, t: Texts) -> None:
    ws.write_string(0, 0, neutralise(f"{rp.park_name} {title(rp, t)} {rp.period}"), bk.title)
    ws.write_string(1, 0, neutralise(t["period"]), bk.label)
    ws.write_string(1, 1, neutralise(t.period(rp.start, rp.end)), bk.cell["text"])
    ws.write_string(2, 0, neutralise(t["issued_on"]), bk.label)
    ws.write_datetime(2, 1, datetime.date.fromisoformat(rp.issued_on), bk.cell["date"])


def _sheet(bk: _Book, rp: ParkReport, t: Texts, name: str, cols: list[Column], rows, total: bool) -> None:
    ws = bk.book.add_worksheet(name[:31])
    _head(bk, ws, rp, t)
    top = HEADER_ROWS
    widths = [display_width(c.title) for c in cols]
    for c, col in enumerate(cols):
        ws.write_string(top, c, neutralise(col.title), bk.head)
    body: list[tuple[SummaryRow, bool]] = [(r, False) for r in rows]
    if total:
        body.append((rp.total, True))
    for n, (row, is_total) in enumerate(body, start=top + 1):
        styles = bk.total if is_total else bk.cell
        for c, col in enumerate(cols):
            value = col.value(row)
            if c == 0:
                text = t["total"] if is_total else str(value)
                ws.write_string(n, 0, neutralise(text), styles["text"])
                widths[0] = max(widths[0], display_width(text))
                continue
            number = _number(col.kind, value)
            if number is None:
                ws.write_string(
                    n,
                    c,
                    "—" if value is None else (t["new"] if value == "new" else str(value)),
                    styles["text"],
                )
            else:
                ws.write_number(n, c, number[0], styles[number[1]])
            widths[c] = max(widths[c], 12)
    for c, w in enumerate(widths):
        ws.set_column(c, c, min(max(w + 2, 10), 48))
    ws.freeze_panes(top + 1, 1)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(top)


def _key_figures(bk: _Book, rp: ParkReport, t: Texts) -> None:
    ws = bk.book.add_worksheet(t["key_figures"][:31])
    _head(bk, ws, rp, t)
    head, rows = key_figures(rp, t)
    for c, text in enumerate(head):
        ws.write_string(HEADER_ROWS, c, neutralise(text), bk.head)
    for r, row in enumerate(rows, start=HEADER_ROWS + 1):
        for c, (kind, value) in enumerate(row):
            _cell(bk, ws, r, c, kind, value, t, bk.cell)
    for r, (label, value) in enumerate(spans_info(rp, t), start=HEADER_ROWS + len(rows) + 3):
        ws.write_string(r, 0, neutralise(label), bk.label)
        ws.write_string(r, 1, neutralise(value), bk.cell["text"])
    ws.set_column(0, 0, 22)
    ws.set_column(1, len(head) - 1, 16)


def park_summary_xlsx(path: str | os.PathLike, rp: ParkReport, lang: str = "zh_CN") -> int:
    """Write the report; returns the number of sheets."""
    t = Texts(lang)
    operators, crops, markets = named_rows(rp, t)
    sheets = [
        (t["summary_by_operator"], columns(rp, t, t["operator"]), operators),
        (t["summary_by_crop"], columns(rp, t, t["crop"]), crops),
        (t["summary_by_market"], columns(rp, t, t["market"], harvest=False), markets),
    ]
    if rp.by_month:
        sheets.insert(0, (t["summary_by_month"], columns(rp, t, t["month"], by_month=True), rp.by_month))
    with replacing(path) as tmp, workbook_file(tmp) as fh:
        bk = _Book(fh)
        try:
            bk.book.set_properties(
                {
                    **bk.book.doc_properties,
                    "title": f"{title(rp, t)} {rp.period}",
                    "subject": t.period(rp.start, rp.end),
                    "author": rp.park_name,
                }
            )
            _key_figures(bk, rp, t)
            for name, cols, rows in sheets:
                _sheet(bk, rp, t, name, cols, rows, True)
        finally:
            bk.close()
    return len(sheets) + 1
