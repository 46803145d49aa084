"""A workbook sheet's rows streamed from its XML with the standard library, never the sheet whole.

The sheet is unpacked and parsed a block at a time, a row at a time, and guarded as it is read: a
text without a tag, the cell tags and the rectangle they span are limited (reading's limits).
Rows in the form spreadsheet programs write (Excel, WPS, LibreOffice, XlsxWriter: unprefixed tags,
attributes r, s, t in that order) are read with a regular expression a row and their cells made
from a cache; anything else (a namespace prefix, another attribute order, rich text, comments) is
read by ElementTree's pull parser, from the first row the quick reading did not understand.
"""

from __future__ import annotations

import html
import itertools
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import repeat
from operator import itemgetter

from db.importing.workbook_parts import (
    Book,
    SheetXmlError,
    Values,
    _local,
    _rich_text,
    _unescape,
    _xml_text,
    read_book,
)

__all__ = ["Book", "Limits", "SheetReader", "SheetRefused", "SheetXmlError", "Values", "read_book"]

_BLOCK = 1 << 20
# Values and cells remembered (a name, date or price recurs on thousands of rows); past this many the
# memory is forgotten and refilled, so a file of unique values does not grow it.
_MAX_CACHED = 40_000


MAX_ROW_NUMBER = 1_048_576  # a worksheet's grid
MAX_COLUMN_NUMBER = 16_384


@dataclass
class Limits:
    """What one sheet may hold (reading's limits, passed in so a test's smaller ones apply)."""

    cells: int  # cell tags, the same position again counting again
    span: int  # cells of the rectangle the cell tags span
    text: int  # bytes without a '<': a text, or the padding between tags


class SheetRefused(Exception):
    """The sheet is past a limit: `what` is 'text', 'cells' or 'span' (then rows × columns, 0 unknown)."""

    def __init__(self, what: str, rows: int = 0, columns: int = 0):
        super().__init__(what)
        self.what, self.rows, self.columns = what, rows, columns


class _Guard:
    """The sheet's limits, checked on what has been read so far."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.cells = 0
        self.top = self.left = 1 << 62
        self.bottom = self.right = 0
        self.run = 0  # bytes since the last '<' of the blocks read

    def block(self, block: bytes) -> None:
        """Refuse a run of more than limits.text bytes without a '<', across blocks too."""
        limit = self.limits.text
        first = block.find(b"<")
        if first == -1:
            self.run += len(block)
            if self.run > limit:
                raise SheetRefused("text")
            return
        if self.run + first > limit:
            raise SheetRefused("text")
        # A run longer than the limit covers a whole window of half its length: look in each one.
        window = max(limit // 2, 1)
        for start in range(first, len(block), window):
            if block.find(b"<", start, start + window) == -1 and start + window <= len(block):
                before = block.rfind(b"<", 0, start)
                after = block.find(b"<", start + window)
                if (after if after != -1 else len(block)) - before - 1 > limit:
                    raise SheetRefused("text")
        self.run = len(block) - block.rfind(b"<") - 1

    def row(self, number: int, columns: list[int], count: int) -> None:
        self.cells += count
        if self.cells > self.limits.cells:
            raise SheetRefused("cells")
        if not columns:
            return
        low, high = min(columns), max(columns)
        if number > MAX_ROW_NUMBER or high > MAX_COLUMN_NUMBER or low < 1:
            raise SheetRefused("span")
        grew = False
        if number < self.top:
            self.top, grew = number, True
        if number > self.bottom:
            self.bottom, grew = number, True
        if low < self.left:
            self.left, grew = low, True
        if high > self.right:
            self.right, grew = high, True
        if grew:
            rows, width = self.bottom - self.top + 1, self.right - self.left + 1
            if rows * width > self.limits.span:
                raise SheetRefused("span", rows, width)


class _Forms:
    """The quick reading's patterns for tags written with one prefix (b"" or b"x:", as the OpenXML SDK
    writes them)."""

    def __init__(self, prefix: bytes):
        def compiled(pattern: bytes, flags: int = 0) -> re.Pattern[bytes]:
            return re.compile(pattern.replace(b"~", re.escape(prefix)), flags)  # ~ where the prefix goes

        # A cell as spreadsheet programs write it: r, s, t in this order; a value, a formula and its
        # saved value, or an inline string. Groups: the whole cell, its letters, digits, style, type,
        # value, formula, the formula's value and inline text.
        self.cell = compiled(
            rb'(<~c(?: r="([A-Z]{1,3})([0-9]{1,7})")?(?: s="([0-9]{1,9})")?(?: t="([a-zA-Z]{1,12})")?'
            rb'(?: (?:cm|vm|ph)="[0-9a-z]*")*'
            rb"(?:/>|>(?:<~v>([^<]*)</~v>|<~v/>|(<~f\b[^<>]*?(?:/>|>[^<]*</~f>))(?:<~v>([^<]*)</~v>|<~v/>)?"
            rb'|<~is><~t(?: xml:space="preserve")?>([^<]*)</~t></~is>)?</~c>))'
        )
        # Most cells: a number or a shared string's index. Groups: letters, digits, then style, type
        # and value (the key of the cells made).
        self.simple_cell = compiled(
            rb'<~c r="([A-Z]{1,3})([0-9]{1,7})"(?: s="([0-9]{1,9})")?(?: t="([a-z]{1,9})")?><~v>([^<]*)</~v></~c>'
        )
        # a row's start tag (not one ending the row too), and any row
        self.row_head = compiled(rb"\s*<~row\b((?:[^<>]*[^<>/])?)>")
        self.rows = compiled(rb"<~row\b([^<>]*?)(?:/>|>(.*?)</~row>)", re.DOTALL)
        self.row_end = b"</" + prefix + b"row>"
        self.sheet_data_end = b"</" + prefix + b"sheetData>"

    def split_rows(self, part: bytes) -> list[tuple[bytes, bytes]]:
        """(attributes, content) of each row of a run of whole rows, which must hold nothing else."""
        pieces = part.split(self.row_end)
        if not pieces.pop().strip():  # nothing after the last row's end
            heads = list(map(self.row_head.match, pieces))
            if None not in heads:
                return [
                    (head.group(1), piece[head.end() :]) for head, piece in zip(heads, pieces, strict=True)
                ]
        rows = self.rows.findall(part)  # rows written <row r="7"/> too
        inside = sum(map(bytes.count, (content for _, content in rows), repeat(b"<")))
        if part.count(b"<") != inside + len(rows) + part.count(self.row_end):
            raise _NotQuick  # every '<' of the part is a row's or inside one
        return rows


_FORMS: dict[bytes, _Forms] = {b"": _Forms(b"")}
_LETTERS_OF, _ROW_OF, _KEY_OF = itemgetter(0), itemgetter(1), itemgetter(2, 3, 4)
_ROW_NUMBER = re.compile(rb'\sr="([0-9]{1,7})"')
_SHEET_DATA = re.compile(rb"<((?:[A-Za-z_][\w.\-]{0,30}:)?)sheetData\s*(/?)>")
_ENCODING = re.compile(rb"""\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']""")
_COLUMNS: dict[bytes, int] = {}
_BLOCK_QUICK = 256 * 1024
_MAX_ROW_XML = 4 * 1024 * 1024  # one row's XML read at once: past it, the pull parser reads it


def _letters(n: int) -> bytes:
    out = b""
    while n:
        n, rest = divmod(n - 1, 26)
        out = bytes([65 + rest]) + out
    return out


_LETTERS = [_letters(n) for n in range(1, 16_385)]
_FIRST_COLUMNS = [list(range(1, n + 1)) for n in range(0, 257)]  # shared: never changed


def _column(letters: bytes) -> int:
    try:
        return _COLUMNS[letters]
    except KeyError:
        n = 0
        for ch in letters.upper():
            n = n * 26 + ch - 64
        if len(_COLUMNS) < 20_000:
            _COLUMNS[letters] = n
        return n


# A row as read: its number, its cells' columns and the cells (made by the caller's `make`).
Row = tuple[int, list[int], list[object]]
Make = Callable[[object, bool], object]  # (value, has a formula) → the caller's cell


class _NotQuick(Exception):
    """The sheet has something the quick reading does not read; the pull parser reads on."""


class SheetReader:
    """The rows of one sheet part holding cells, in order, each once; `position` bytes of `size`."""

    def __init__(self, book: zipfile.ZipFile, part: str, values: Values, make: Make, limits: Limits):
        self.book, self.part, self.values, self.make, self.limits = book, part, values, make, limits
        self.size = book.getinfo(part).file_size
        self.position = 0
        self.cells: dict[tuple[bytes, ...], object] = {}
        self.forms = _FORMS[b""]

    def rows(self, report: Callable[[], None]) -> Iterator[Row]:
        done = 0  # the last row yielded
        quick = self._quick_rows(report)
        try:
            for row in quick:
                done = row[0]
                yield row
            return
        except _NotQuick:
            pass
        finally:
            quick.close()
        for row in self._element_rows(report):
            if row[0] > done:
                yield row

    def _blocks(self, stream, guard: _Guard, size: int, report: Callable[[], None]) -> Iterator[bytes]:
        self.position = 0
        while block := stream.read(size):
            guard.block(block)
            self.position += len(block)
            report()
            yield block

    def _cell(self, style: bytes, kind: bytes, raw: bytes, formula: bool = False) -> object:
        key = (style, kind, raw, True) if formula else (style, kind, raw)
        found = self.cells.get(key)
        if found is None:
            if len(self.cells) >= _MAX_CACHED:
                self.cells.clear()
            if kind == b"inlineStr":
                value = _unescape(_xml_text(raw))
            else:
                value = self.values.value(kind or None, style or None, raw) if raw or formula else ""
            found = self.cells[key] = self.make(value, formula)
        return found

    def _quick_rows(self, report: Callable[[], None]) -> Iterator[Row]:
        guard = _Guard(self.limits)
        cells = self.cells
        known = cells.__contains__
        with self.book.open(self.part) as stream:
            blocks = self._blocks(stream, guard, _BLOCK_QUICK, report)
            buffer = next(blocks, b"")
            declared = _ENCODING.match(buffer)
            if declared and declared.group(1).lower().replace(b"-", b"") != b"utf8":
                raise _NotQuick  # the pull parser decodes what the declaration names
            if buffer.startswith((b"\xff\xfe", b"\xfe\xff")):
                raise _NotQuick
            head = _SHEET_DATA.search(buffer)
            if head is None:
                raise _NotQuick
            if head.group(2):  # <sheetData/>: no rows
                return
            forms = self.forms = _FORMS.get(head.group(1)) or _FORMS.setdefault(
                head.group(1), _Forms(head.group(1))
            )
            row_end, simple_cell = forms.row_end, forms.simple_cell
            buffer = buffer[head.end() :]
            number = 0
            final = False
            while not final:
                cut = buffer.rfind(row_end)
                if cut == -1 or len(buffer) < _BLOCK_QUICK // 2:
                    block = next(blocks, None)
                    if block is not None:
                        buffer += block
                        if len(buffer) > _MAX_ROW_XML and buffer.rfind(row_end) == -1:
                            raise _NotQuick
                        continue
                    final = True
                if final:
                    cut = buffer.find(forms.sheet_data_end)
                    if cut == -1:
                        raise _NotQuick
                else:
                    cut += len(row_end)
                part = buffer[:cut]
                buffer = buffer[cut:]
                for attrs, content in forms.split_rows(part):
                    found = _ROW_NUMBER.search(attrs)
                    if found:
                        at = found.group(1)
                        number = int(at)
                    elif b"r=" in attrs or b"r =" in attrs:
                        raise _NotQuick
                    else:
                        number += 1
                        at = str(number).encode()
                    if not content:
                        continue
                    found_cells = simple_cell.findall(content)
                    n = len(found_cells)
                    # Only cells with a value (four tags each) in this row: at A, B, C… or with gaps.
                    if n and content.count(b"<") == 4 * n:
                        if list(map(_ROW_OF, found_cells)).count(at) != n:
                            raise _NotQuick  # a cell placed in another row
                        letters = list(map(_LETTERS_OF, found_cells))
                        if letters == _LETTERS[:n]:
                            columns = _FIRST_COLUMNS[n] if n < len(_FIRST_COLUMNS) else list(range(1, n + 1))
                        else:
                            columns = [_COLUMNS.get(x) or _column(x) for x in letters]
                        guard.row(number, columns, n)
                        keys = list(map(_KEY_OF, found_cells))
                        if all(map(known, keys)):
                            yield number, columns, list(map(cells.__getitem__, keys))
                        else:
                            yield number, columns, [cells.get(key) or self._cell(*key) for key in keys]
                        continue
                    columns, row, empties, count = self._any_cells(content, at)
                    guard.row(number, columns + empties if empties else columns, count)
                    if row:
                        yield number, columns, row

    def _any_cells(self, content: bytes, at: bytes) -> tuple[list[int], list[object], list[int], int]:
        """The cells of a row's XML in any form the quick reading knows: (columns of the cells with a
        value, those cells, columns of the cells written empty, the number of cell tags)."""
        cell = self.forms.cell
        tokens = cell.findall(content)
        if sum(map(len, map(itemgetter(0), tokens))) != len(content) and cell.sub(b"", content).strip():
            raise _NotQuick  # something the quick reading does not know (not only spaces)
        columns: list[int] = []
        row: list[object] = []
        empties: list[int] = []
        column = 0
        for _, letters, digits, style, kind, raw, formula, result, text in tokens:
            if digits:
                if digits != at:
                    raise _NotQuick  # a cell placed in another row
                column = _column(letters)
            else:
                column += 1
            if raw:
                row.append(self._cell(style, kind, raw))
            elif formula:
                row.append(self._cell(style, kind, result, True))
            elif text:
                row.append(self._cell(b"", b"inlineStr", text))
            else:
                empties.append(column)  # its position counts, not its value
                continue
            columns.append(column)
        return columns, row, empties, len(tokens)

    def _element_rows(self, report: Callable[[], None]) -> Iterator[Row]:
        """Every row with ElementTree's pull parser (any prefix, attribute order, rich text)."""
        guard = _Guard(self.limits)
        parser = ET.XMLPullParser(events=("start", "end"))
        number = 0
        parent: ET.Element | None = None  # the element the rows are in
        row_element: ET.Element | None = None
        by_column: dict[int, object] = {}
        column = 0
        with self.book.open(self.part) as stream:
            for block in itertools.chain(self._blocks(stream, guard, _BLOCK, report), [b""]):
                try:
                    parser.feed(block) if block else parser.close()
                except ET.ParseError as exc:
                    raise SheetXmlError(str(exc)) from exc
                for event, element in parser.read_events():
                    tag = _local(element.tag)
                    if event == "start":
                        if tag == "sheetData":
                            parent = element
                        elif tag == "row" and row_element is None:
                            ref = element.get("r")
                            number = int(ref) if ref and ref.strip().isdigit() else number + 1
                            row_element, by_column, column = element, {}, 0
                        elif tag == "c" and row_element is not None:
                            at, column = _element_position(element.get("r"), number, column)
                            guard.row(at, [column], 1)
                        continue
                    if tag == "c" and row_element is not None:
                        made = self._element_cell(element)
                        if made is not None:
                            by_column[column] = made
                        row_element.remove(element)
                    elif tag == "row" and element is row_element:
                        row_element = None
                        if parent is not None:
                            parent.remove(element)
                        if by_column:
                            ordered = sorted(by_column)
                            yield number, ordered, [by_column[c] for c in ordered]
            return

    def _element_cell(self, cell: ET.Element) -> object:
        kind = (cell.get("t") or "").encode()
        style = cell.get("s") or ""
        style = style.encode() if style.isdigit() else b""
        raw = None
        formula = False
        inline = None
        for child in cell:
            tag = _local(child.tag)
            if tag == "v":
                raw = (child.text or "").encode()
            elif tag == "f":
                formula = True
            elif tag == "is":
                inline = _rich_text(child)
        if inline is not None and kind == b"inlineStr":
            return self._cell(b"", b"inlineStr", html.escape(inline, quote=False).encode(), formula)
        if raw is None and not formula:
            return None
        escaped = html.escape(raw.decode(), quote=False).encode() if raw else b""
        return self._cell(style, kind, escaped, formula)


_REF = re.compile(r"\s*\$?([A-Za-z]*)\$?([0-9]*)\s*")


def _element_position(ref: str | None, row: int, previous: int) -> tuple[int, int]:
    """(row, column) of a cell whose r is `ref` (any case, $ allowed), in row `row` after `previous`."""
    found = _REF.fullmatch(ref) if ref else None
    if found is None:
        if ref:
            raise SheetRefused("span")  # a position no worksheet has
        return row, previous + 1
    letters, digits = found.groups()
    if len(letters) > 3 or len(digits) > 7:
        raise SheetRefused("span")
    return (int(digits) if digits else row), (_column(letters.encode()) if letters else previous + 1)
