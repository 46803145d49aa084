"""Shipment files (CSV or XLSX, the shipments export layout) → checked shipments → one all-or-nothing write.

The layout is the one `db.exporting` writes: one row per shipment line with the columns of
`SHIPMENT_FIELDS`, titled in Chinese or English (any order; full-width brackets and spaces in a
title are forgiven). Rows are grouped by weighing ticket into shipments; the date, buyer, market
and plate of one ticket must agree on every row.

Every cell is parsed with `db.parsing` (Traditional characters, full-width digits, aliases, units
typed in the cell), and *every* problem is collected as (row as the file shows it, column title as
the file has it, the value, what is wrong). Nothing is written while there is any problem; when
there is none, all shipments are written in one transaction.

The layout's last four columns (the truck's gross and tare, the line's deduction and payable
weight, `WEIGHING_FIELDS`) came later: a file has all of them or none. With them, every row of a
ticket must agree on gross and tare, a row's payable weight must be its net less its deduction,
the ticket's deduction (扣重) is the sum of its rows', each row's must be its share of it by the
rule of `db.deductions` (what will be stored; the export always writes it so), the gross must be
more than the tare and the deduction less than the net, and the amount is checked against payable
weight × price. A blank cell there is read as in the first layout (no gross or tare: the sum of
the lines and 0; no deduction: 0).

What a layout does not carry is filled in, documented here so nobody is surprised:

- without the last four columns: gross weight = the sum of the line weights and tare = 0 (the
  weighbridge figures are not in the file) and no deduction; in both layouts payment status
  'unpaid', and a deduction agreed in percent is kept as the kilograms it came to;
- the price becomes the line's agreed price, with no separate settled price (the export writes
  the effective one);
- a blank grade is 统货 (ungraded), a blank market or plate stays empty;
- the amount column may be blank; when given it must equal payable weight × price to within one fen
  (spreadsheets round differently), and the stored amount is always computed exactly;
- a leading apostrophe that `db.exporting.neutralise` put before = + - @ is removed again; any other
  text that looks like a formula is only ever text here (nothing is evaluated).

CSV is read as UTF-8 (with or without BOM), UTF-16 with a BOM or, failing those, GB 18030 (what
Excel and WPS on Chinese Windows save as "CSV"); a tab-separated file is recognised by its header.
Workbooks (.xlsx, .xlsm) are read with python-calamine: their first sheet.

A file may be hostile or broken, so reading is bounded (the limits below are far above a year's
export): a CSV is streamed, never held whole; its encoding and line lengths are checked in a first
pass; a workbook's parts are unpacked and scanned before calamine sees them, because calamine
expands a sheet to the rectangle its farthest cells span (calamine issue #693: a 5 KB .xlsx naming
cells A1 and XFD1048576 asks for 512 GB and aborts the process). .xls, .xlsb and .ods cannot be
scanned that way and are refused. The check stops after MAX_PROBLEMS problems.
"""

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
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from db import deductions, parsing, units
from db.errors import DomainError, ValidationError
from db.exporting import SHIPMENT_FIELDS, WEIGHING_FIELDS, XLSX_MAX_ROWS, unneutralise
from db.i18n import Text, translate
from db.outputs import check_input, database_path
from db.records import Shipment, ShipmentLine
from db.repositories import FIRST_DATE, LAST_DATE, MAX_LINE_CHARS, MAX_TRUCK_NET_G, Store

CSV_SUFFIXES = (".csv", ".txt", ".tsv")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
# Workbooks calamine could read but whose size cannot be checked first (see the module docstring).
REFUSED_WORKBOOK_SUFFIXES = (".xls", ".xlsb", ".ods")
AMOUNT_TOLERANCE_FEN = 1

# Limits on one file. A year of the park's trade is about 30,000 lines (a few MB).
MAX_FILE_BYTES = 256 * 1024 * 1024  # a CSV, or a workbook as stored
MAX_ROWS = XLSX_MAX_ROWS  # data rows: what one worksheet holds
MAX_CELL_CHARS = MAX_LINE_CHARS  # every column of the layout is a one-line value
MAX_CSV_LINE_CHARS = 1_000_000  # characters between two line breaks of a CSV
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024  # a workbook's parts, unpacked, together
# The rectangle a sheet's cells span (calamine allocates 32 bytes per cell of it): a whole
# worksheet of the 11-column layout fits, with room for a few extra columns.
MAX_SHEET_CELLS = 12_000_000
MAX_PROBLEMS = 1000  # then the check stops: fix these first
PROGRESS_EVERY = 500  # rows parsed between two progress reports
_CHUNK = 1024 * 1024
_MAX_CACHED = 100_000  # parsed texts remembered (names, dates and prices recur on many rows)

Progress = Callable[[int, int], None]


def _no_progress(_done: int, _total: int) -> None:
    pass


@dataclass(frozen=True)
class ImportProblem:
    """One thing to fix: the row as the file shows it (1 = first line), the column title, the value."""

    row: int | None
    column: str
    value: str
    message: str

    def __str__(self) -> str:
        return self.text()

    def text(self) -> str:
        """The problem as one translatable message (a db.i18n.Text): where, the value, what is wrong."""
        if self.row is None:
            if not self.column:
                return self.message
            where = self.column
        elif self.column:
            where = translate("db", "row {row}, {column}").format(row=self.row, column=self.column)
        else:
            where = translate("db", "row {row}").format(row=self.row)
        if self.value == "":
            return translate("db", "{where}: {message}").format(where=where, message=self.message)
        return translate("db", "{where} '{value}': {message}").format(
            where=where, value=self.value, message=self.message
        )


class ImportFailed(DomainError):
    """The file has problems; nothing was written. `problems` lists every one."""

    def __init__(self, problems: Sequence[ImportProblem], path: str | os.PathLike = ""):
        self.problems = list(problems)
        self.path = str(path)
        super().__init__(
            translate("db", "{path} has {n} problem(s); nothing was imported").format(
                path=self.path or translate("db", "the file"), n=len(self.problems)
            )
        )


@dataclass
class ShipmentImport:
    """The outcome of reading a shipments file: shipments ready to write, or the problems found."""

    path: str
    rows: int = 0  # data rows read (blank rows not counted)
    shipments: list[Shipment] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def lines(self) -> int:
        return sum(len(s.lines) for s in self.shipments)

    @property
    def net_g(self) -> int:
        """The weight of every line, in grams."""
        return sum(line.net_g for s in self.shipments for line in s.lines)

    @property
    def amount_fen(self) -> int:
        """What every line comes to (payable weight × price, each line rounded as it will be
        stored), in fen."""
        return sum(
            units.amount_fen(payable, line.effective_price)
            for s in self.shipments
            for line, payable in zip(
                s.lines, deductions.payable_weights(s.deduction_g, [x.net_g for x in s.lines]), strict=True
            )
        )


# ---------------------------------------------------------------------------------------------------
# Reading cells from a file


@dataclass(frozen=True, slots=True)
class Cell:
    """A cell as read: its text (what a message shows) and, for workbook cells, the native value."""

    text: str
    native: object = None


@dataclass(frozen=True, slots=True)
class FileRow:
    number: int  # as the user sees it: the spreadsheet row, or the CSV line the record starts on
    cells: tuple[Cell, ...]

    def is_blank(self) -> bool:
        return all(not c.text.strip() for c in self.cells)


class _Reader:
    """The rows of one file, streamed, with how far the reading has got (`position` of `size`)."""

    def __init__(self, rows: Iterator[FileRow], position: Callable[[], int], size: int):
        self.rows = rows
        self.position = position
        self.size = size


def read_rows(path: str | os.PathLike) -> list[FileRow]:
    """Every row of a CSV or the first sheet of a workbook, numbered as the user sees them."""
    return list(_open_rows(Path(path), _no_progress).rows)


def _open_rows(path: Path, report: Progress) -> _Reader:
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
        return _read_workbook(path, report)
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
            try:
                for record in reader:
                    yield FileRow(start, tuple(Cell(value) for value in record))
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

    return _Reader(rows(), raw.tell, size)


# ---- Workbooks


def _read_workbook(path: Path, report: Progress) -> _Reader:
    _check_workbook(path, report)
    import python_calamine  # imported here: only workbook imports need it

    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own types for every kind of broken file
        raise _unreadable_workbook(path, exc) from exc
    try:
        sheet = book.get_sheet_by_index(0)
    except Exception as exc:
        book.close()
        raise _unreadable_workbook(path, exc) from exc
    end = sheet.end
    total = end[0] + 1 if end else 0
    done = 0

    def rows() -> Iterator[FileRow]:
        nonlocal done
        try:
            # iter_rows starts at the sheet's first row (blank ones included), so numbers are the
            # sheet's; it drops blank leading columns, the same for every row.
            for index, values in enumerate(sheet.iter_rows()):
                done = index + 1
                yield FileRow(index + 1, tuple(Cell(_native_text(v), v) for v in values))
        except DomainError:
            raise
        except Exception as exc:
            raise _unreadable_workbook(path, exc) from exc
        finally:
            book.close()

    return _Reader(rows(), lambda: done, total)


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


def _check_workbook(path: Path, report: Progress) -> None:
    """Refuse a workbook that would unpack to too much, or whose sheets span too many cells.

    Every part is unpacked (Python's zipfile stops at the declared size and checks the CRC) and
    scanned for cell tags as calamine reads them, positions implied where a tag has none. XML parts
    and every part the workbook names (a sheet may be stored under any name) are scanned strictly:
    a cell tag that never ends is refused too, so none can hide across a chunk boundary.
    """
    try:
        with zipfile.ZipFile(path) as book:
            infos = book.infolist()
            if sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
                raise _too_big_unpacked(path)
            named = _workbook_targets(book)
            unpacked = 0
            for info in infos:
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
    path: Path, part, report: Progress, strict: bool, chunk: int = _CHUNK
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
    while True:
        block = part.read(chunk)
        size += len(block)
        report(0, 0)
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


# ---------------------------------------------------------------------------------------------------
# The header


def _title_key(text: str) -> str:
    return parsing.normalize_text(text).replace(" ", "").casefold()


_FIELD_BY_TITLE = {
    _title_key(title): f.key for f in SHIPMENT_FIELDS for title in (f.zh, f.en, f.key) if title
}


def _map_header(row: FileRow, problems: list[ImportProblem]) -> dict[str, tuple[int, str]]:
    """field key → (column index, title as in the file); records problems for a bad header."""
    found: dict[str, tuple[int, str]] = {}
    for index, cell in enumerate(row.cells):
        title = cell.text.strip()
        if not title:
            continue
        shown = parsing.visible(title)
        key = _FIELD_BY_TITLE.get(_title_key(title)) if len(title) <= MAX_CELL_CHARS else None
        if key is None:
            problems.append(
                ImportProblem(
                    row.number,
                    shown,
                    shown,
                    _expected(translate("db", "unknown column; the columns are {zh} (in English: {en})")),
                )
            )
        elif key in found:
            problems.append(
                ImportProblem(row.number, shown, shown, translate("db", "this column appears twice"))
            )
        else:
            found[key] = (index, shown)
        if len(problems) >= MAX_PROBLEMS:
            return found
    # The weighing columns came later: a file of the first layout has none of them.
    optional = () if any(key in found for key in WEIGHING_FIELDS) else WEIGHING_FIELDS
    for f in SHIPMENT_FIELDS:
        if f.key not in found and f.key not in optional:
            problems.append(
                ImportProblem(
                    row.number,
                    f"{f.zh} / {f.en}",
                    "",
                    _expected(translate("db", "column missing; the columns are {zh} (in English: {en})")),
                )
            )
    return found


def _is_zero(text: str) -> bool:
    try:
        return Decimal(parsing.normalize_text(text).replace(" ", "")) == 0
    except InvalidOperation:
        return False


def _expected(message: Text) -> Text:
    """A marked message that ends by listing the columns, with the columns filled in."""
    return message.format(
        zh=", ".join(f.zh for f in SHIPMENT_FIELDS), en=", ".join(f.en for f in SHIPMENT_FIELDS)
    )


# ---------------------------------------------------------------------------------------------------
# Parsing one row


@dataclass(slots=True)
class _Line:
    """One parsed row; None where the cell had a problem."""

    row: int
    date: str | None = None
    ticket: str | None = None
    buyer_id: int | None = None
    market_id: int | None = None
    market_ok: bool = False  # the market parsed or was blank (market_id None then means none)
    plate: str | None = None
    operator_id: int | None = None
    crop_id: int | None = None
    grade: str | None = None
    net_g: int | None = None
    price: int | None = None
    gross_g: int | None = None
    tare_g: int | None = None
    deduction_g: int | None = None
    payable_g: int | None = None
    shown: tuple[str, ...] = ()  # the header cells (_HEADER_KEYS) as the file has them


class _RowParser:
    def __init__(self, store: Store, columns: dict[str, tuple[int, str]], today: datetime.date | None):
        self.columns = columns
        self.today = today
        self.buyers = parsing.NameIndex(store.buyers.name_entries())
        self.markets = parsing.NameIndex(store.markets.name_entries())
        self.operators = parsing.NameIndex(store.operators.name_entries())
        self.crops = parsing.NameIndex(store.crops.name_entries())
        # The same names, dates and prices recur on thousands of rows; each text is parsed once
        # (up to _MAX_CACHED texts, so a file of a million different weights does not fill memory).
        self._parsed: dict[tuple[str, str], parsing.ParseResult] = {}

    def cached(self, kind: str, text: str, parse) -> parsing.ParseResult:
        key = (kind, text)
        result = self._parsed.get(key)
        if result is None:
            if len(self._parsed) >= _MAX_CACHED:
                self._parsed.clear()
            result = self._parsed[key] = parse(text)
        return result

    def cell(self, row: FileRow, key: str) -> Cell:
        index = self.columns[key][0]
        return row.cells[index] if index < len(row.cells) else Cell("")

    def parse(self, row: FileRow, problems: list[ImportProblem]) -> _Line:
        line = _Line(row.number)
        cells = {key: self.cell(row, key) for key in self.columns}

        def problem(key: str, message: str) -> None:
            value = parsing.visible(cells[key].text.strip())
            problems.append(ImportProblem(row.number, self.columns[key][1], value, message))

        def text(key: str) -> str | None:
            """The cell's text without a neutralising apostrophe; None (and a problem) if too long."""
            value = cells[key].text.strip()
            if len(value) > MAX_CELL_CHARS:
                problem(
                    key,
                    translate("db", "{n} characters is too long; at most {limit}").format(
                        n=len(value), limit=MAX_CELL_CHARS
                    ),
                )
                return None
            return unneutralise(value)

        # interned: a ticket keeps its first row's, and the same few dates and names recur
        line.shown = tuple(
            sys.intern(parsing.visible(cells[key].text.strip())) if key in cells else ""
            for key, _, _ in _HEADER_KEYS
        )

        # date
        native = cells["date"].native
        if isinstance(native, datetime.date):  # a datetime (a weighing time stamp) counts by its day
            day = (native.date() if isinstance(native, datetime.datetime) else native).isoformat()
            if FIRST_DATE <= day <= LAST_DATE:
                line.date = day
            else:
                problem(
                    "date",
                    translate("db", "{value} is not between {first} and {last}; check the year").format(
                        value=day, first=FIRST_DATE, last=LAST_DATE
                    ),
                )
        elif (value := text("date")) is not None:
            result = self.cached("date", value, lambda t: parsing.parse_date(t, today=self.today))
            if result.ok:
                line.date = result.value.isoformat()
            else:
                problem("date", result.error or translate("db", "not a date"))

        # ticket: any text, formula-like or not, is kept as text
        if (value := text("ticket")) is not None:
            ticket = parsing.normalize_text(value)
            if len(ticket) > MAX_CELL_CHARS:  # NFKC can lengthen a text (ﷺ is 18 letters)
                problem(
                    "ticket",
                    translate("db", "{n} characters is too long; at most {limit}").format(
                        n=len(ticket), limit=MAX_CELL_CHARS
                    ),
                )
            elif ticket:
                line.ticket = ticket
            else:
                problem("ticket", translate("db", "a weighing ticket number (磅单号) is required"))

        # names
        line.buyer_id = self._name("buyer", self.buyers, text, problem)
        line.operator_id = self._name("operator", self.operators, text, problem)
        line.crop_id = self._name("crop", self.crops, text, problem)
        if (value := text("market")) is not None:
            if parsing.normalize_text(value):
                line.market_id = self._name("market", self.markets, text, problem)
                line.market_ok = line.market_id is not None
            else:
                line.market_ok = True

        # plate
        if (value := text("plate")) is not None:
            if parsing.normalize_text(value):
                result = self.cached("plate", value, parsing.parse_plate)
                if result.ok:
                    line.plate = result.value
                else:
                    problem("plate", result.error or translate("db", "not a plate"))
            else:
                line.plate = ""

        # grade
        if (value := text("grade")) is not None:
            shown = parsing.to_simplified(parsing.normalize_text(value))
            if not shown:
                line.grade = "ungraded"
            else:
                line.grade = units.code_for_label(units.GRADES, shown)
                if line.grade is None:
                    accepted = ", ".join(f"{zh} ({en})" for zh, en in units.GRADES.values())
                    problem(
                        "grade", translate("db", "unknown grade; use one of {grades}").format(grades=accepted)
                    )

        # weight, price, amount
        if (value := text("net_kg")) is not None:
            result = self.cached("kg", value, lambda t: parsing.parse_weight_g(t, default_unit="kg"))
            if result.ok:
                if result.value > MAX_TRUCK_NET_G:
                    problem("net_kg", translate("db", "a line above 40 t is almost surely a typing error"))
                else:
                    line.net_g = result.value
            else:
                problem("net_kg", result.error or translate("db", "not a weight"))
        if (value := text("price")) is not None:
            result = self.cached("price", value, lambda t: parsing.parse_price(t, default_unit="元/公斤"))
            if result.ok:
                line.price = result.value
            else:
                problem("price", result.error or translate("db", "not a price"))
        if "payable_kg" in cells:
            self._parse_weighing(line, text, problem)
        if (value := text("amount")) is not None:
            self._check_amount(line, value, lambda message: problem("amount", message))
        return line

    def _parse_weighing(self, line: _Line, text, problem) -> None:
        """The truck's gross and tare, the line's deduction and payable weight (the later columns)."""
        parsed: dict[str, int] = {}
        for key in WEIGHING_FIELDS:
            if (value := text(key)) is None or not parsing.normalize_text(value):
                continue  # a blank cell: as in the first layout (see the module docstring)
            result = self.cached("kg0", value, lambda t: parsing.parse_weight_g(t, default_unit="kg"))
            zero = not result.ok and _is_zero(value)
            if result.ok or (zero and key in ("truck_tare_kg", "deduction_kg")):
                parsed[key] = result.value if result.ok else 0
            else:
                problem(key, result.error or translate("db", "not a weight"))
        line.gross_g = parsed.get("truck_gross_kg")
        line.tare_g = parsed.get("truck_tare_kg")
        line.deduction_g = parsed.get("deduction_kg")
        line.payable_g = parsed.get("payable_kg")
        complete = None not in (line.net_g, line.deduction_g, line.payable_g)
        if complete and line.payable_g != line.net_g - line.deduction_g:  # type: ignore[operator]
            problem(
                "payable_kg",
                translate(
                    "db", "does not match net weight − deduction = {payable} kg; correct one of them"
                ).format(payable=units.plain_kg(line.net_g - line.deduction_g)),  # type: ignore[operator]
            )
            line.payable_g = None

    def _name(self, key: str, index: parsing.NameIndex, text, problem) -> int | None:
        value = text(key)
        if value is None:
            return None
        if not parsing.normalize_text(value):
            problem(key, translate("db", "required"))
            return None
        result = self.cached(key, value, index.match)
        if result.ok:
            return result.value
        problem(key, result.error or translate("db", "unknown name"))
        return None

    @staticmethod
    def _check_amount(line: _Line, value: str, problem: Callable[[str], None]) -> None:
        text = parsing.normalize_text(value).replace(",", "").replace(" ", "")
        text = text.removeprefix("¥").removeprefix("￥").removesuffix("元")
        if not text:
            return  # optional: the amount is always computed
        try:
            given = Decimal(text)
        except InvalidOperation:
            given = Decimal("NaN")
        if not given.is_finite() or given < 0:
            problem(translate("db", "not an amount in 元; type it like 1234.50"))
            return
        weight = line.net_g
        if line.payable_g is not None:
            weight = line.payable_g
        elif line.net_g is not None and line.deduction_g is not None:
            weight = line.net_g - line.deduction_g
        if weight is None or line.price is None:
            return  # cannot check against a weight or price that did not parse
        expected = units.amount_fen(weight, line.price)
        if abs(given * units.FEN_PER_YUAN - expected) > AMOUNT_TOLERANCE_FEN:
            if weight == line.net_g and not line.deduction_g:
                message = translate(
                    "db",
                    "does not match net weight × price = {amount} 元; correct the amount, the weight "
                    "or the price (or leave the amount blank)",
                )
            else:
                message = translate(
                    "db",
                    "does not match payable weight × price = {amount} 元; correct the amount, the "
                    "weight or the price (or leave the amount blank)",
                )
            problem(message.format(amount=units.plain_yuan(expected)))


# ---------------------------------------------------------------------------------------------------
# From rows to shipments

# Header fields every row of a ticket must agree on: (key, attribute of _Line, whether it parsed).
_HEADER_KEYS: tuple[tuple[str, str, Callable[[_Line], bool]], ...] = (
    ("date", "date", lambda line: line.date is not None),
    ("buyer", "buyer_id", lambda line: line.buyer_id is not None),
    ("market", "market_id", lambda line: line.market_ok),
    ("plate", "plate", lambda line: line.plate is not None),
    ("truck_gross_kg", "gross_g", lambda line: line.gross_g is not None),
    ("truck_tare_kg", "tare_g", lambda line: line.tare_g is not None),
)


@dataclass(slots=True)
class _Ticket:
    """The rows of one weighing ticket seen so far: the first value of each header field, the lines."""

    first: _Line  # the first row (its date, buyer, market and plate become the shipment's)
    reference: list[_Line | None]  # per header key, the first row where that field parsed
    lines: list[ShipmentLine] = field(default_factory=list)
    net_g: int = 0
    deduction_g: int = 0
    weights_ok: bool = True
    # (row, net, deduction) of each row, to check the deductions against the rule's shares
    shares: list[tuple[int, int, int]] = field(default_factory=list)


def check_shipments(
    store: Store,
    path: str | os.PathLike,
    *,
    today: datetime.date | None = None,
    progress: Progress | None = None,
) -> ShipmentImport:
    """Read and check a shipments file without writing anything.

    `today` anchors dates typed without a year (see `parsing.parse_date`). `progress(done, total)`
    is called with (0, 0) before reading and while the file is first checked, then every few
    hundred data rows with how far the reading has got, and finally with (total, total); done and
    total are bytes for a CSV and rows for a workbook. It may raise (the GUI's Cancel does) to stop.
    """
    # The open database given as the file to import is refused by stat, before it is opened:
    # opening and closing it here would drop this process's SQLite locks on it (POSIX).
    if store is not None:
        check_input(path, database_path(store.db))
    report = progress or _no_progress
    report(0, 0)
    result = ShipmentImport(str(path))
    reader = _open_rows(Path(path), report)
    try:
        _check_rows(store, reader, result, today, report)
    finally:
        reader.rows.close()  # a check that stopped early closes the file (or workbook) now
    return result


def _check_rows(
    store: Store, reader: _Reader, result: ShipmentImport, today: datetime.date | None, report: Progress
) -> None:
    problems = result.problems
    header = next((row for row in reader.rows if not row.is_blank()), None)
    if header is None:
        problems.append(
            ImportProblem(
                None,
                "",
                "",
                _expected(translate("db", "the file is empty; the columns are {zh} (in English: {en})")),
            )
        )
        return
    columns = _map_header(header, problems)
    if problems:
        return
    parser = _RowParser(store, columns, today)
    tickets: dict[str, _Ticket] = {}
    stopped = False
    for n, row in enumerate(reader.rows):
        if n % PROGRESS_EVERY == 0:  # blank rows count too: a file of them still shows progress
            report(min(reader.position(), reader.size), reader.size)
        if row.is_blank():
            continue
        if result.rows == MAX_ROWS:
            problems.append(
                ImportProblem(
                    row.number,
                    "",
                    "",
                    translate(
                        "db",
                        "the file has more than {limit} rows; split it into files of at most {limit} rows",
                    ).format(limit=f"{MAX_ROWS:,}"),
                )
            )
            stopped = True
            break
        result.rows += 1
        keep = not problems  # once anything is wrong no shipment is built: lines need not be kept
        line = parser.parse(row, problems)
        if line.ticket is not None:
            _add_to_ticket(tickets, line, columns, problems, keep)
        if len(problems) >= MAX_PROBLEMS:
            stopped = True
            break
        if problems and keep:
            for ticket in tickets.values():
                ticket.lines = []
    report(reader.size, reader.size)
    if result.rows == 0 and not problems:
        problems.append(
            ImportProblem(None, "", "", translate("db", "the file has a header but no rows below it"))
        )
        return
    if not stopped:
        _check_tickets(store, tickets, columns, problems)
    # Report problems in file order: row, then column order of the file.
    order = {title: index for index, title in columns.values()}
    problems.sort(key=lambda p: (p.row or 0, order.get(p.column, -1)))
    if stopped and len(problems) >= MAX_PROBLEMS:
        problems.append(
            ImportProblem(
                None,
                "",
                "",
                translate(
                    "db", "the check stopped after {limit} problems; fix these and check the file again"
                ).format(limit=f"{MAX_PROBLEMS:,}"),
            )
        )
    if not problems:
        result.shipments = [_shipment(ticket_no, ticket) for ticket_no, ticket in tickets.items()]


def _add_to_ticket(
    tickets: dict[str, _Ticket],
    line: _Line,
    columns: dict[str, tuple[int, str]],
    problems: list[ImportProblem],
    keep: bool,
) -> None:
    """Add a parsed row to its ticket; a header field that differs from the ticket's first is a problem."""
    assert line.ticket is not None
    ticket = tickets.get(line.ticket)
    if ticket is None:
        ticket = tickets[line.ticket] = _Ticket(line, [None] * len(_HEADER_KEYS))
    for i, (key, attr, parsed) in enumerate(_HEADER_KEYS):
        if not parsed(line):
            continue
        reference = ticket.reference[i]
        if reference is None:
            ticket.reference[i] = line
        elif getattr(line, attr) != getattr(reference, attr):
            title = columns[key][1]
            problems.append(
                ImportProblem(
                    line.row,
                    title,
                    line.shown[i],
                    translate(
                        "db",
                        "ticket {ticket} has '{value}' here on row {row}; every row of one "
                        "ticket must have the same {column}",
                    ).format(ticket=line.ticket, value=reference.shown[i], row=reference.row, column=title),
                )
            )
    if line.net_g is None:
        ticket.weights_ok = False
    else:
        ticket.net_g += line.net_g
    ticket.deduction_g += line.deduction_g or 0
    if line.net_g is not None:
        ticket.shares.append((line.row, line.net_g, line.deduction_g or 0))
    if keep and not problems:
        ticket.lines.append(
            ShipmentLine(
                operator_id=line.operator_id,  # type: ignore[arg-type]
                crop_id=line.crop_id,  # type: ignore[arg-type]
                net_g=line.net_g,  # type: ignore[arg-type]
                agreed_price=line.price,  # type: ignore[arg-type]
                grade=line.grade or "ungraded",
            )
        )


def _check_tickets(
    store: Store,
    tickets: dict[str, _Ticket],
    columns: dict[str, tuple[int, str]],
    problems: list[ImportProblem],
) -> None:
    """Problems of whole tickets: heavier than any truck, weighbridge figures or a deduction that
    cannot be, or already in the database."""
    for ticket_no, ticket in tickets.items():
        problem = _weighing_problem(ticket)
        if problem is None and "deduction_kg" in columns:
            problems.extend(_share_problems(ticket_no, ticket, columns["deduction_kg"][1]))
        if problem is not None:
            key, value, message = problem
            problems.append(
                ImportProblem(
                    ticket.first.row,
                    columns[key][1],
                    value,
                    translate("db", "ticket {ticket}: {problem}").format(ticket=ticket_no, problem=message),
                )
            )
        if ticket.weights_ok and ticket.net_g > MAX_TRUCK_NET_G:
            problems.append(
                ImportProblem(
                    ticket.first.row,
                    columns["net_kg"][1],
                    units.plain_kg(ticket.net_g),
                    translate(
                        "db", "ticket {ticket} totals more than 40 t, almost surely a typing error"
                    ).format(ticket=ticket_no),
                )
            )
    for ticket_no in _existing_tickets(store, list(tickets)):
        problems.append(
            ImportProblem(
                tickets[ticket_no].first.row,
                columns["ticket"][1],
                parsing.visible(ticket_no),
                translate(
                    "db",
                    "this weighing ticket is already in the database; remove these rows or correct the number",
                ),
            )
        )


def _weighing_problem(ticket: _Ticket) -> tuple[str, str, Text] | None:
    """(column key, value, message) when a ticket's gross, tare or deduction cannot be stored."""
    if not ticket.weights_ok:
        return None
    first = ticket.first
    net = ticket.net_g
    if first.gross_g is not None and first.tare_g is not None:
        if first.gross_g <= first.tare_g:
            message = translate("db", "gross weight must be more than the tare")
            return "truck_gross_kg", units.plain_kg(first.gross_g), message
        net = first.gross_g - first.tare_g
    if ticket.deduction_g and ticket.deduction_g >= net:
        message = translate("db", "the deduction must be less than the net weight")
        return "deduction_kg", units.plain_kg(ticket.deduction_g), message
    if ticket.deduction_g > ticket.net_g:
        return (
            "deduction_kg",
            units.plain_kg(ticket.deduction_g),
            deductions.too_large_message(ticket.deduction_g, ticket.net_g),
        )
    return None


def _share_problems(ticket_no: str, ticket: _Ticket, title: str) -> list[ImportProblem]:
    """Rows whose deduction is not their share of the ticket's by the rule of db.deductions (what
    would be stored), so that what is stored is what the file says, or nothing is."""
    if not ticket.deduction_g or not ticket.weights_ok or ticket.deduction_g > ticket.net_g:
        return []
    rule = deductions.apportion(ticket.deduction_g, [net for _, net, _ in ticket.shares])
    return [
        ImportProblem(
            row,
            title,
            units.plain_kg(given),
            translate(
                "db",
                "ticket {ticket}: its deduction of {total} kg shared by line weight gives this line "
                "{share} kg; type {share} here, or change the ticket's deductions",
            ).format(ticket=ticket_no, total=units.plain_kg(ticket.deduction_g), share=units.plain_kg(share)),
        )
        for (row, _, given), share in zip(ticket.shares, rule, strict=True)
        if given != share
    ]


def _existing_tickets(store: Store, tickets: list[str]) -> list[str]:
    found: set[str] = set()
    for start in range(0, len(tickets), 500):
        chunk = tickets[start : start + 500]
        marks = ",".join("?" * len(chunk))
        found.update(
            row[0]
            for row in store.db.execute(
                f"SELECT ticket_no FROM shipments WHERE ticket_no IN ({marks})", chunk
            )
        )
    return [t for t in tickets if t in found]


def _shipment(ticket_no: str, ticket: _Ticket) -> Shipment:
    first = ticket.first
    weighed = first.gross_g is not None and first.tare_g is not None
    return Shipment(
        ship_date=first.date,  # type: ignore[arg-type]
        ticket_no=ticket_no,
        buyer_id=first.buyer_id,  # type: ignore[arg-type]
        market_id=first.market_id,
        plate=first.plate or "",
        gross_g=first.gross_g if weighed else ticket.net_g,  # type: ignore[arg-type]
        tare_g=first.tare_g if weighed else 0,  # type: ignore[arg-type]
        deduction_g=ticket.deduction_g,
        lines=tuple(ticket.lines),
    )


def import_shipments(
    store: Store,
    path: str | os.PathLike,
    *,
    dry_run: bool = False,
    today: datetime.date | None = None,
) -> ShipmentImport:
    """Check a shipments file and, if it has no problem at all, write every shipment in one transaction.

    Raises ImportFailed (listing every problem) and writes nothing when there is any problem.
    With `dry_run` the file is only checked.
    """
    result = check_shipments(store, path, today=today)
    if result.problems:
        raise ImportFailed(result.problems, path)
    if dry_run:
        return result
    try:
        result.shipments = store.shipments.add_many(result.shipments)
    except ValidationError as exc:
        # The checks above mirror the repository's; this is the safety net (e.g. another program
        # wrote the same ticket meanwhile). The transaction was rolled back: nothing was written.
        message = exc.args[0] if exc.args else str(exc)  # args[0] keeps the translatable Text
        raise ImportFailed([ImportProblem(None, "", "", message)], path) from exc
    result.written = True
    return result
