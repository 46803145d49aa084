"""Whole rows of a constant-memory XlsxWriter worksheet written at once, as XlsxWriter would write them.

XlsxWriter's per-cell path (write_string / write_number / write_datetime, then its inner `_write_cell`
loop) costs about 5 µs a cell: a three-year shipments export of a million cells spends most of its
time there. In constant-memory mode a finished row is only ever serialised as `<row>` XML into the
worksheet's temporary file, so `RowWriter` builds that XML for a whole row in one string (column
letters, format indexes, texts and dates prepared once and remembered) and writes it in one call.

The output is byte for byte what the per-cell path writes (a test compares the two files); it
leans on a few of XlsxWriter's internals (the row file, `previous_row`, `_write_single_row`,
`_check_dimensions`, `_convert_date_time`), so `RowWriter.usable(ws)` checks they are there and
the caller keeps the per-cell path for any worksheet where they are not.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from typing import Any

from xlsxwriter.utility import xl_col_to_name

# What XlsxWriter's _escape_control_characters changes (control characters, an existing _xHHHH_,
# the two non-characters): a text holding none of these goes into the XML as it is, escaped only
# for & < >. XlsxWriter refuses strings longer than this.
_NEEDS_EXCEL_ESCAPE = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9a-fA-F]{4}_").search
_XML_ESCAPES = re.compile(r"[&<>]").search
# XlsxWriter's test for a text needing xml:space="preserve".
_LEADING_SPACE = re.compile(r"^\s").search
_TRAILING_SPACE = re.compile(r"\s$").search
_MAX_STRING = 32767  # UTF-16 units; XlsxWriter cuts a longer text, so such a row goes cell by cell
_MAX_CACHED = 100_000  # texts remembered (names, grades and dates recur on thousands of rows)
# A cell with no value but its column's format (XlsxWriter's write_blank with a format); None is no cell.
BLANK = object()
_INTERNALS = ("fh", "table", "previous_row", "_write_single_row", "_check_dimensions", "_convert_date_time")


class RowWriter:
    """Writes rows of one worksheet whose columns have fixed kinds ('text', 'date' or a number) and
    fixed formats. `write(row, values)` takes text as the exact string to store (already made safe
    for a spreadsheet), dates as datetime.date and numbers as int, float or Decimal; None is no cell,
    BLANK an empty cell in the column's format.
    """

    def __init__(self, ws: Any, kinds: Sequence[str], formats: Sequence[Any]):
        self.ws = ws
        self.kinds = list(kinds)
        letters = [xl_col_to_name(c) for c in range(len(kinds))]
        # Everything of a cell's XML before its row number, and after it up to the value.
        self._open = [f'<c r="{col}' for col in letters]
        # A format's index in the workbook is handed out when a cell first uses it, so it is read
        # at the column's first cell, in the order the cell-by-cell path reads it.
        self._formats = list(formats)
        self._attrs: list[str | None] = [None] * len(kinds)
        self._texts: dict[str, str] = {}
        self._dates: dict[datetime.date, str] = {}

    @staticmethod
    def usable(ws: Any) -> bool:
        """Whether `ws` is a constant-memory worksheet of an XlsxWriter this class knows."""
        return bool(getattr(ws, "constant_memory", False)) and all(hasattr(ws, name) for name in _INTERNALS)

    def write(self, row: int, values: Sequence[object]) -> bool:
        """Write one row; False (and nothing written) if a text is too long for a cell, so the
        caller writes that row cell by cell and XlsxWriter says what it does with it."""
        ws = self.ws
        if ws.table:
            ws._write_single_row(row)  # the row before, written cell by cell (the header)
        cells = []
        first = last = None
        number = str(row + 1)
        for col, value in enumerate(values):
            if value is None:
                continue
            kind = self.kinds[col]
            if value is BLANK:
                if not self._formats[col]:
                    continue  # XlsxWriter writes no blank cell without a format
                body = "/>"
            elif kind == "text":
                body = self._text(value)  # type: ignore[arg-type]
                if body is None:
                    return False
            elif kind == "date":
                body = self._date(value)  # type: ignore[arg-type]
            else:
                body = f"><v>{float(value):.16G}</v></c>"  # type: ignore[arg-type]
            attr = self._attrs[col]
            if attr is None:
                fmt = self._formats[col]
                attr = self._attrs[col] = f'" s="{fmt._get_xf_index()}"' if fmt else '"'
            cells.append(self._open[col] + number + attr + body)
            if first is None:
                first = col
            last = col
        if first is None:
            ws.previous_row = row
            return True
        ws._check_dimensions(row, first)
        ws._check_dimensions(row, last)
        ws.fh.write(f'<row r="{number}">{"".join(cells)}</row>')
        ws.previous_row = row
        return True

    def _text(self, text: str) -> str | None:
        body = self._texts.get(text)
        if body is not None:
            return body
        if len(text) > _MAX_STRING // 2 and len(text.encode("utf-16-le")) // 2 > _MAX_STRING:
            return None
        data = text
        if _NEEDS_EXCEL_ESCAPE(data):
            data = self.ws._escape_control_characters(data)
        if _XML_ESCAPES(data):
            data = data.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        preserve = ' xml:space="preserve"' if _LEADING_SPACE(data) or _TRAILING_SPACE(data) else ""
        body = f' t="inlineStr"><is><t{preserve}>{data}</t></is></c>'
        if len(self._texts) >= _MAX_CACHED:
            self._texts.clear()
        self._texts[text] = body
        return body

    def _date(self, day: datetime.date) -> str:
        body = self._dates.get(day)
        if body is None:
            body = self._dates[day] = f"><v>{self.ws._convert_date_time(day):.16G}</v></c>"
        return body
