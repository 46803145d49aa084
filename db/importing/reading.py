"""Reading a file's rows safely, streamed: CSV encodings and line lengths, workbook parts scanned for
size and bombs before any is parsed, the sheet's rows from sheet_xml (see the package docstring)."""

from __future__ import annotations

import codecs
import csv
import datetime
import html
import io
import itertools
import os
import posixpath
import re
import sys
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from db import parsing
from db.errors import DomainError
from db.i18n import translate
from db.importing import sheet_xml
from db.importing.problems import Progress, _no_progress

CSV_SUFFIXES = (".csv", ".txt", ".tsv")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
# Workbooks whose size cannot be checked first (see the package docstring).
REFUSED_WORKBOOK_SUFFIXES = (".xls", ".xlsb", ".ods")

# Limits on one file. A year of the park's trade is about 30,000 lines (a few MB).
MAX_FILE_BYTES = 256 * 1024 * 1024  # a CSV, or a workbook as stored
MAX_CSV_LINE_CHARS = 1_000_000  # characters between two line breaks of a CSV
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024  # a workbook's parts, unpacked, together
# Cell tags in a sheet, and the rectangle they span (python-calamine allocated 32 bytes a cell of
# it; the rows read now are as wide as their cells): a whole worksheet of the 11-column layout fits,
# with room for a few extra columns.
MAX_SHEET_CELLS = 12_000_000
# The longest run of bytes without a '<' in a workbook's XML (a text, or a tag, which is refused
# above _MAX_TAG_BYTES anyway): a cell holds at most a few hundred characters, and the padding
# between tags is a few spaces.
MAX_TEXT_BYTES = 1024 * 1024
_CHUNK = 1024 * 1024

# ---------------------------------------------------------------------------------------------------
# Reading cells from a file


@dataclass(frozen=True, slots=True)
class Cell:
    """A cell as read: its text (what a message shows) and, for workbook cells, the native value."""

    text: str
    native: object = None
    # A workbook cell holding a formula whose saved value cannot be trusted: 0 or nothing saved, as
    # programs that do not compute write it (XlsxWriter, scripts, some WPS saves). Never read as 0.
    stale_formula: bool = False


@dataclass(frozen=True, slots=True)
class FileRow:
    number: int  # as the user sees it: the spreadsheet row, or the CSV line the record starts on
    cells: tuple[Cell, ...]

    def is_blank(self) -> bool:
        return all(not c.text.strip() for c in self.cells)


class _CellsByText(dict):
    """The Cell of a CSV text: the same names, dates and prices recur on thousands of rows, and a
    Cell is immutable, so each distinct text gets one (at most _MAX_CELLS remembered)."""

    def __missing__(self, text: str) -> Cell:
        if len(self) >= _MAX_CELLS:
            self.clear()
        cell = self[text] = Cell(text)
        return cell


_MAX_CELLS = 100_000


class _Reader:
    """The rows of one file, streamed, with how far the reading has got (`position` of `size`)."""

    def __init__(
        self,
        rows: Iterator[FileRow],
        position: Callable[[], int],
        size: int,
        sheets: Sequence[str] = (),
        sheet: str = "",
    ):
        self.rows = rows
        self.position = position
        self.size = size
        self.sheets = tuple(sheets)  # a workbook's sheet names; the one read is `sheet`
        self.sheet = sheet


def read_rows(path: str | os.PathLike, sheet: str | None = None) -> list[FileRow]:
    """Every row of a CSV or of a workbook's sheet (the first unless named), numbered as the user sees them."""
    return list(_open_rows(Path(path), _no_progress, sheet).rows)


def sheet_names(path: str | os.PathLike) -> list[str]:
    """The sheets of a workbook, in order, after the same checks as reading it ([] for a CSV)."""
    path = Path(path)
    if path.suffix.lower() not in WORKBOOK_SUFFIXES:
        return []
    reader = _open_rows(path, _no_progress)
    try:
        return list(reader.sheets)
    finally:
        reader.rows.close()


def _open_rows(path: Path, report: Progress, sheet: str | None = None) -> _Reader:
    """Check that the file can be read safely, then stream its rows. Raises DomainError if not."""
    if not path.is_file():
        raise DomainError(translate("db", "there is no file {path}").format(path=str(path)))
    suffix = path.suffix.lower()
    if suffix in REFUSED_WORKBOOK_SUFFIXES:
        raise DomainError(
            translate(
                "db",
                "{name}: {suffix} workbooks are not read, because their size cannot be checked "
                "safely first; save it as .xlsx or as CSV",
            ).format(name=path.name, suffix=suffix)
        )
    if suffix not in WORKBOOK_SUFFIXES and suffix not in CSV_SUFFIXES:
        raise DomainError(
            translate(
                "db", "{name}: cannot read '{suffix}' files; use CSV ({csv}) or a workbook ({books})"
            ).format(
                name=path.name,
                suffix=suffix or translate("db", "no extension"),
                csv=", ".join(CSV_SUFFIXES),
                books=", ".join(WORKBOOK_SUFFIXES),
            )
        )
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _os_error(path, exc) from exc
    if size > MAX_FILE_BYTES:
        raise DomainError(
            translate(
                "db",
                "{name} is {size} MB, more than the {limit} MB a shipments file may have; "
                "split it into smaller files",
            ).format(name=path.name, size=f"{size / 2**20:,.0f}", limit=MAX_FILE_BYTES // 2**20)
        )
    if suffix in WORKBOOK_SUFFIXES:
        return _read_workbook(path, report, sheet)
    return _read_csv(path, size, report)


def _os_error(path: Path, exc: OSError) -> DomainError:
    return DomainError(
        translate("db", "cannot read {path}: {reason}").format(
            path=str(path), reason=exc.strerror or str(exc)
        )
    )


# ---- CSV


def _csv_encoding(path: Path, report: Progress) -> str:
    """The encoding the whole file decodes in; also checks that no line is absurdly long."""
    try:
        with path.open("rb") as fh:
            head = fh.read(2)
        candidates = ("utf-16",) if head in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig", "gb18030")
        for encoding in candidates:
            try:
                _scan_csv(path, encoding, report)
                return encoding
            except UnicodeDecodeError:
                continue
    except OSError as exc:
        raise _os_error(path, exc) from exc
    raise DomainError(
        translate("db", "{name} is neither UTF-8 nor GBK text; save it as CSV UTF-8").format(name=path.name)
    )


_LINE_BREAK = re.compile(r"\r\n?|\n")


def _scan_csv(path: Path, encoding: str, report: Progress) -> None:
    """Decode the whole file in chunks (raising UnicodeDecodeError) and measure its lines, so the
    reading pass never meets a line too long to hold."""
    decoder = codecs.getincrementaldecoder(encoding)()
    run, line = 0, 1  # characters since the last line break; the line they are on
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            report(0, 0)  # no total yet; lets Cancel stop even this pass
            parts = _LINE_BREAK.split(decoder.decode(chunk))
            for part in parts[:-1]:
                if run + len(part) > MAX_CSV_LINE_CHARS:
                    break
                run, line = 0, line + 1
            else:
                run += len(parts[-1])
                if run <= MAX_CSV_LINE_CHARS:
                    continue
            raise DomainError(
                translate(
                    "db",
                    "{name}, line {line}: more than {limit} characters without a line break; "
                    "this is not a CSV file of shipments",
                ).format(name=path.name, line=line, limit=f"{MAX_CSV_LINE_CHARS:,}")
            )
        decoder.decode(b"", final=True)


def _read_csv(path: Path, size: int, report: Progress) -> _Reader:
    encoding = _csv_encoding(path, report)
    try:
        raw = path.open("rb")
    except OSError as exc:
        raise _os_error(path, exc) from exc

    def rows() -> Iterator[FileRow]:
        with raw, io.TextIOWrapper(raw, encoding=encoding, newline="") as text:
            first_line = text.readline()
            delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
            reader = csv.reader(itertools.chain([first_line], text), delimiter=delimiter)
            start = 1
            cell = _CellsByText()
            try:
                for record in reader:
                    yield FileRow(start, tuple(map(cell.__getitem__, record)))
                    start = reader.line_num + 1
            except csv.Error as exc:
                if "field larger than field limit" in str(exc):
                    reason = translate("db", "a cell longer than {limit} characters").format(
                        limit=f"{csv.field_size_limit():,}"
                    )
                else:
                    reason = str(exc)
                raise DomainError(
                    translate("db", "{name}, line {line}: {reason}").format(
                        name=path.name, line=reader.line_num, reason=reason
                    )
                ) from exc
            except OSError as exc:
                raise _os_error(path, exc) from exc

    def position() -> int:
        # The rows may already be read to the end, and the file closed with them: a title search
        # reads a short file whole (mapping._find_header), and the progress report comes after.
        return size if raw.closed else raw.tell()

    return _Reader(rows(), position, size)


# ---- Workbooks


def _read_workbook(path: Path, report: Progress, sheet_name: str | None = None) -> _Reader:
    try:
        book = zipfile.ZipFile(path)
    except OSError as exc:
        raise _os_error(path, exc) from exc
    except Exception as exc:  # not a zip, or a broken one
        raise _unreadable_workbook(path, exc) from exc
    try:
        info = sheet_xml.read_book(book, _MAX_WORKBOOK_XML)
        names = info.names
        if not names:
            raise sheet_xml.SheetXmlError("no sheets")
        if sheet_name is not None and sheet_name not in names:
            raise DomainError(
                translate("db", "{name} has no sheet '{sheet}'; its sheets are {sheets}").format(
                    name=path.name, sheet=sheet_name, sheets=", ".join(names)
                )
            )
        index = 0 if sheet_name is None else names.index(sheet_name)
        part = info.parts[index]
        if part not in book.NameToInfo:
            raise sheet_xml.SheetXmlError(f"the sheet's part {part!r} is not in the file")
        # The other parts are scanned first; a sheet is guarded as it is read (one pass), and the
        # sheets not read are never unpacked.
        sheets = frozenset(info.parts) - {info.shared_part, info.styles_part, ""}
        _check_workbook(path, report, skip=sheets)
    except DomainError:
        book.close()
        raise
    except OSError as exc:
        book.close()
        raise _os_error(path, exc) from exc
    except Exception as exc:  # broken XML, a missing part, a bad CRC
        book.close()
        raise _unreadable_workbook(path, exc) from exc
    limits = sheet_xml.Limits(cells=MAX_SHEET_CELLS, span=MAX_SHEET_CELLS, text=MAX_TEXT_BYTES)
    sheet = sheet_xml.SheetReader(book, part, sheet_xml.Values(info), _workbook_cell, limits)
    done = 0

    def rows() -> Iterator[FileRow]:
        nonlocal done
        width = 0
        try:
            info.load(book, _MAX_WORKBOOK_XML)  # when the rows are wanted: not for the sheet names
            # Rows are numbered as the sheet's, from its first (blank ones included); a row's cells
            # from column A, as wide as the widest row so far (a row has the header's width).
            for number, columns, cells in sheet.rows(lambda: report(0, 0)):
                if number <= done:
                    raise sheet_xml.SheetXmlError(f"row {number} comes after row {done}")
                while done < number - 1:
                    done += 1
                    yield FileRow(done, ())
                done = number
                last = columns[-1]
                if last == len(columns) and columns == _FIRST_COLUMNS[:last]:
                    if last >= width:
                        width = last
                        yield FileRow(number, tuple(cells))
                    else:
                        yield FileRow(number, (*cells, *_BLANKS[: width - last]))
                    continue
                width = max(width, max(columns))
                line = [_BLANK] * width
                for column, cell in zip(columns, cells, strict=True):
                    line[column - 1] = cell  # the last of cells written at one place, as calamine
                yield FileRow(number, tuple(line))
        except DomainError:
            raise
        except sheet_xml.SheetRefused as exc:
            raise _refused(path, exc) from None
        except OSError as exc:
            raise _os_error(path, exc) from exc
        except Exception as exc:
            raise _unreadable_workbook(path, exc) from exc
        finally:
            book.close()

    return _Reader(rows(), lambda: sheet.position, sheet.size, names, names[index])


_BLANK = Cell("", "")
_FIRST_COLUMNS = list(range(1, sheet_xml.MAX_COLUMN_NUMBER + 1))
_BLANKS = (_BLANK,) * sheet_xml.MAX_COLUMN_NUMBER


def _workbook_cell(value: object, formula: bool) -> Cell:
    """The Cell of a workbook value; a formula whose saved value cannot be trusted is marked so."""
    return Cell(_native_text(value), value, formula and _untrusted(value))


def _refused(path: Path, refused: sheet_xml.SheetRefused) -> DomainError:
    if refused.what == "text":
        return _too_long_text(path)
    if refused.what == "cells":
        return _too_many_cells(path)
    return _too_big_sheet(path, refused.rows, refused.columns)


def _untrusted(value: object) -> bool:
    """A formula's saved value that may be a program's placeholder rather than the result."""
    return value is None or value == "" or (isinstance(value, int | float) and value == 0)


def _unreadable_workbook(path: Path, exc: BaseException) -> DomainError:
    return DomainError(
        translate("db", "{name} cannot be read as a workbook ({reason})").format(
            name=path.name, reason=parsing.visible(str(exc), 200)
        )
    )


# Cell and row tags as calamine's XML reader (quick-xml) sees them: with or without a namespace
# prefix, attribute values in quotes that may hold < or >, the r attribute in any letter case.
_NAME = rb"<(?:[A-Za-z_][\w.\-]*:)?"
_ATTRS = rb"""((?:[^<>"']|"[^"]*"|'[^']*')*)"""
# A cell or row tag: its name and attributes, or (attributes None) a name whose tag does not end.
_SCAN = re.compile(_NAME + rb"(row|c)(?=[\s/>]|\Z)(?:" + _ATTRS + rb">)?")
_REF = re.compile(rb"""(?:^|\s)r\s*=\s*(["'])(.*?)\1""", re.DOTALL)
_CELL_REF = re.compile(rb"\$?([A-Za-z]{0,3})\$?([0-9]{0,7})")
_FIRST_REF = re.compile(rb"""\s+r="([A-Z]{0,3})([0-9]{0,7})"(?=[\s/]|\Z)""")
_RELATIONSHIP = re.compile(_NAME + rb"Relationship(?=[\s/>])" + _ATTRS + rb">")
_TARGET = re.compile(rb"""(?:^|\s)Target\s*=\s*(["'])(.*?)\1""", re.DOTALL)
_MAX_TAG_BYTES = 64 * 1024
_SHEET = re.compile(_NAME + rb"sheet(?=[\s/>])" + _ATTRS + rb">")
_SHEET_ID = re.compile(rb"""(?:^|\s)(?:[A-Za-z_][\w.\-]*:)?id\s*=\s*(["'])(.*?)\1""", re.DOTALL)
_RELATIONSHIP_ID = re.compile(rb"""(?:^|\s)Id\s*=\s*(["'])(.*?)\1""", re.DOTALL)
_MAX_WORKBOOK_XML = 16 * 1024 * 1024


def _check_workbook(path: Path, report: Progress, skip: frozenset[str] = frozenset()) -> None:
    """Refuse a workbook that would unpack to too much, or whose sheets span too many cells.

    Every part is unpacked (Python's zipfile stops at the declared size and checks the CRC) and
    scanned for cell tags as calamine reads them, positions implied where a tag has none. XML parts
    and every part the workbook names (a sheet may be stored under any name) are scanned strictly:
    a cell tag that never ends is refused too, so none can hide across a chunk boundary.

    Parts named in `skip` (the sheets: sheet_xml guards the one read as it reads it) are counted by
    their declared size only: zipfile stops at it and checks the CRC.
    """
    try:
        with zipfile.ZipFile(path) as book:
            infos = book.infolist()
            if sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
                raise _too_big_unpacked(path)
            named = _workbook_targets(book)
            unpacked = 0
            for info in infos:
                if info.filename in skip:
                    unpacked += info.file_size
                    continue
                strict = info.filename in named or info.filename.lower().endswith((".xml", ".rels"))
                with book.open(info) as part:
                    unpacked += _scan_part(path, part, report, strict)[0]
                if unpacked > MAX_UNPACKED_BYTES:
                    raise _too_big_unpacked(path)
    except DomainError:
        raise
    except OSError as exc:
        raise _os_error(path, exc) from exc
    except Exception as exc:  # not a zip, encrypted, a bad CRC, a broken deflate stream
        raise _unreadable_workbook(path, exc) from exc


def _workbook_targets(book: zipfile.ZipFile) -> set[str]:
    """Names of the parts xl/_rels/workbook.xml.rels points at (sheets, shared strings, styles)."""
    names = set(book.namelist())
    if "xl/_rels/workbook.xml.rels" not in names:
        return set()
    found = set()
    for relationship in _RELATIONSHIP.finditer(book.read("xl/_rels/workbook.xml.rels")):
        target = _TARGET.search(relationship.group(1))
        if target is None:
            continue
        name = html.unescape(target.group(2).decode("utf-8", "replace"))
        for candidate in (name.lstrip("/"), posixpath.normpath(posixpath.join("xl", name))):
            if candidate in names:
                found.add(candidate)
    return found


def _too_big_unpacked(path: Path) -> DomainError:
    return DomainError(
        translate(
            "db", "{name} unpacks to more than {limit} MB; it is not a shipments workbook, or it is damaged"
        ).format(name=path.name, limit=MAX_UNPACKED_BYTES // 2**20)
    )


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n


def _scan_part(
    path: Path,
    part,
    report: Progress,
    strict: bool,
    chunk: int = _CHUNK,
) -> tuple[int, tuple[int, int]]:
    """Scan one part for cell tags; raise if they span too big a rectangle.

    Returns the part's size and the (rows, columns) its cells span. A tag cut by a chunk boundary
    is carried into the next chunk. A cell tag that does not end within _MAX_TAG_BYTES is refused
    when `strict`; elsewhere (an image) it is only bytes.
    """
    row = col = 0
    top = left = sys.maxsize
    bottom = right = 0
    columns: dict[bytes, int] = {}  # column letters → number (few distinct ones recur)
    carry = b""
    size = 0
    cells = 0  # cell tags seen: the same position written again and again still costs calamine
    text_run = 0  # bytes since the last '<' at the end of the previous block
    while True:
        block = part.read(chunk)
        size += len(block)
        report(0, 0)
        if strict:
            # calamine's XML reader holds a whole text (or whitespace) between two tags at once:
            # 900 MB of spaces in a 0.9 MB workbook took 948 MB. No cell of the layout comes near.
            pieces = block.split(b"<")
            if text_run + len(pieces[0]) > MAX_TEXT_BYTES or max(map(len, pieces)) > MAX_TEXT_BYTES:
                raise _too_long_text(path)
            text_run = text_run + len(block) if len(pieces) == 1 else len(pieces[-1])
        data, carry = carry + block, b""
        final = not block
        end = 0
        for tag in _SCAN.finditer(data):
            attrs = tag.group(2)
            if attrs is None:  # a tag name whose tag does not end here
                if not final and len(data) - tag.start() <= _MAX_TAG_BYTES:
                    carry = data[tag.start() :]  # it may end in the next chunk
                    break
                if strict and not final:
                    raise _too_big_sheet(path, 0, 0)  # a cell tag longer than any spreadsheet writes
                continue
            end = tag.end()
            if tag.group(1) == b"f":
                continue
            ref = _FIRST_REF.match(attrs)  # r first, as Excel and XlsxWriter write it
            if ref is None:
                general = _REF.search(attrs)
                ref = _CELL_REF.fullmatch(general.group(2)) if general else None
                if general and ref is None:
                    raise _too_big_sheet(path, 0, 0)  # a position beyond any worksheet's grid
            letters, digits = ref.group(1, 2) if ref else (b"", b"")
            if tag.group(1) == b"row":
                row = int(digits) if digits else row + 1
                col = 0
                continue
            cells += 1
            if cells > MAX_SHEET_CELLS:
                raise _too_many_cells(path)
            if digits:
                row = int(digits)
            if letters:
                col = columns.get(letters) or columns.setdefault(letters, _column_number(letters))
            else:
                col += 1
            grew = False
            if row < top:
                top, grew = row, True
            if row > bottom:
                bottom, grew = row, True
            if col < left:
                left, grew = col, True
            if col > right:
                right, grew = col, True
            if grew and (bottom - top + 1) * (right - left + 1) > MAX_SHEET_CELLS:
                raise _too_big_sheet(path, bottom - top + 1, right - left + 1)
        if final:
            return size, ((0, 0) if top == sys.maxsize else (bottom - top + 1, right - left + 1))
        if not carry:
            # A tag name cut at the end ('<x:ro') is not yet recognisable: keep the last '<' too.
            last = data.rfind(b"<", max(end, len(data) - 64))
            if last != -1:
                carry = data[last:]


def _too_many_cells(path: Path) -> DomainError:
    return DomainError(
        translate(
            "db",
            "{name} has more than {limit} cells in a sheet; it is not a shipments workbook, or it is "
            "damaged; save the table as CSV",
        ).format(name=path.name, limit=f"{MAX_SHEET_CELLS:,}")
    )


def _too_long_text(path: Path) -> DomainError:
    return DomainError(
        translate(
            "db",
            "{name} holds a text of more than {limit} KB without a tag; it is not a shipments "
            "workbook, or it is damaged",
        ).format(name=path.name, limit=MAX_TEXT_BYTES // 1024)
    )


def _too_big_sheet(path: Path, rows: int, columns: int) -> DomainError:
    return DomainError(
        translate(
            "db",
            "{name}: a sheet spans {rows} rows × {columns} columns, more than the {limit} cells a "
            "shipments workbook may have; delete what lies outside the table, or save it as CSV",
        ).format(
            name=path.name,
            rows=f"{rows:,}" if rows else "?",
            columns=f"{columns:,}" if columns else "?",
            limit=f"{MAX_SHEET_CELLS:,}",
        )
    )


def _native_text(value: object) -> str:
    """The text of a workbook cell value, exact: 2.4 stays '2.4', 12.0 becomes '12'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        # repr gives the shortest text that reads back as the same double: the decimal typed.
        return f"{Decimal(repr(value)):f}"
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)
