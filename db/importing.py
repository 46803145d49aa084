"""Shipment files (CSV or XLSX, the shipments export layout) → checked shipments → one all-or-nothing write.

The layout is the one `db.exporting` writes: one row per shipment line with the columns of
`SHIPMENT_FIELDS`, titled in Chinese or English (any order; full-width brackets and spaces in a
title are forgiven). Rows are grouped by weighing ticket into shipments; the date, buyer, market
and plate of one ticket must agree on every row.

Every cell is parsed with `db.parsing` (Traditional characters, full-width digits, aliases, units
typed in the cell), and *every* problem is collected as (row as the file shows it, column title as
the file has it, the value, what is wrong). Nothing is written while there is any problem; when
there is none, all shipments are written in one transaction.

What this layout does not carry is filled in, documented here so nobody is surprised:

- gross weight = the sum of the line weights and tare = 0 (the weighbridge figures are not in
  the file), no deduction, payment status 'unpaid';
- the price becomes the line's agreed price, with no separate settled price (the export writes
  the effective one);
- a blank grade is 统货 (ungraded), a blank market or plate stays empty;
- the amount column may be blank; when given it must equal net × price to within one fen
  (spreadsheets round differently), and the stored amount is always computed exactly;
- a leading apostrophe that `db.exporting.neutralise` put before = + - @ is removed again.

CSV is read as UTF-8 (with or without BOM) or, failing that, GB 18030 (what Excel and WPS on
Chinese Windows save as "CSV"); a tab-separated file is recognised by its header. Workbooks
(.xlsx, .xlsm, .xls, .ods) are read with python-calamine: its first sheet.
"""

from __future__ import annotations

import csv
import datetime
import io
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from db import parsing, units
from db.errors import DomainError, ValidationError
from db.exporting import SHIPMENT_FIELDS, unneutralise
from db.i18n import Text, translate
from db.records import Shipment, ShipmentLine
from db.repositories import MAX_TRUCK_NET_G, Store

CSV_SUFFIXES = (".csv", ".txt", ".tsv")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
AMOUNT_TOLERANCE_FEN = 1


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
        """What every line comes to (net × price, each line rounded as it will be stored), in fen."""
        return sum(
            units.amount_fen(line.net_g, line.effective_price) for s in self.shipments for line in s.lines
        )


# ---------------------------------------------------------------------------------------------------
# Reading cells from a file


@dataclass(frozen=True)
class Cell:
    """A cell as read: its text (what a message shows) and, for workbook cells, the native value."""

    text: str
    native: object = None


@dataclass(frozen=True)
class FileRow:
    number: int  # as the user sees it: the spreadsheet row, or the CSV line the record starts on
    cells: tuple[Cell, ...]

    def is_blank(self) -> bool:
        return all(not c.text.strip() for c in self.cells)


def read_rows(path: str | os.PathLike) -> list[FileRow]:
    """Every row of a CSV or the first sheet of a workbook, numbered as the user sees them."""
    path = Path(path)
    if not path.is_file():
        raise DomainError(translate("db", "there is no file {path}").format(path=str(path)))
    suffix = path.suffix.lower()
    if suffix in WORKBOOK_SUFFIXES:
        return _read_workbook(path)
    if suffix in CSV_SUFFIXES:
        return _read_csv(path)
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


def _decode(data: bytes, path: Path) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise DomainError(
            translate("db", "{name} is neither UTF-8 nor GBK text; save it as CSV UTF-8").format(
                name=path.name
            )
        ) from exc


def _read_csv(path: Path) -> list[FileRow]:
    try:
        text = _decode(path.read_bytes(), path)
    except OSError as exc:
        raise DomainError(
            translate("db", "cannot read {path}: {reason}").format(
                path=str(path), reason=exc.strerror or str(exc)
            )
        ) from exc
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[FileRow] = []
    start = 1
    try:
        for record in reader:
            rows.append(FileRow(start, tuple(Cell(value) for value in record)))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise DomainError(
            translate("db", "{name}, line {line}: {reason}").format(
                name=path.name, line=reader.line_num, reason=str(exc)
            )
        ) from exc
    return rows


def _read_workbook(path: Path) -> list[FileRow]:
    import python_calamine  # imported here: only workbook imports need it

    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        try:
            sheet = book.get_sheet_by_index(0)
            values = sheet.to_python(skip_empty_area=False)
        finally:
            book.close()
    except Exception as exc:  # calamine raises its own types for every kind of broken file
        raise DomainError(
            translate("db", "{name} cannot be read as a workbook ({reason})").format(
                name=path.name, reason=str(exc)
            )
        ) from exc
    return [
        FileRow(index + 1, tuple(Cell(_native_text(v), v) for v in row)) for index, row in enumerate(values)
    ]


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
        key = _FIELD_BY_TITLE.get(_title_key(title))
        if key is None:
            problems.append(
                ImportProblem(
                    row.number,
                    title,
                    title,
                    _expected(translate("db", "unknown column; the columns are {zh} (in English: {en})")),
                )
            )
        elif key in found:
            problems.append(
                ImportProblem(row.number, title, title, translate("db", "this column appears twice"))
            )
        else:
            found[key] = (index, title)
    for f in SHIPMENT_FIELDS:
        if f.key not in found:
            problems.append(
                ImportProblem(
                    row.number,
                    f"{f.zh} / {f.en}",
                    "",
                    _expected(translate("db", "column missing; the columns are {zh} (in English: {en})")),
                )
            )
    return found


def _expected(message: Text) -> Text:
    """A marked message that ends by listing the columns, with the columns filled in."""
    return message.format(
        zh=", ".join(f.zh for f in SHIPMENT_FIELDS), en=", ".join(f.en for f in SHIPMENT_FIELDS)
    )


# ---------------------------------------------------------------------------------------------------
# Parsing one row


@dataclass
class _Line:
    """One parsed row; None where the cell had a problem."""

    row: int
    date: str | None = None
    ticket: str | None = None
    buyer_id: int | None = None
    market_id: int | None = None
    plate: str | None = None
    operator_id: int | None = None
    crop_id: int | None = None
    grade: str | None = None
    net_g: int | None = None
    price: int | None = None
    # Header fields that parsed (the consistency check across a ticket's rows compares only these).
    header_ok: dict[str, bool] = field(default_factory=dict)


class _RowParser:
    def __init__(self, store: Store, columns: dict[str, tuple[int, str]], today: datetime.date | None):
        self.columns = columns
        self.today = today
        self.buyers = parsing.NameIndex(store.buyers.name_entries())
        self.markets = parsing.NameIndex(store.markets.name_entries())
        self.operators = parsing.NameIndex(store.operators.name_entries())
        self.crops = parsing.NameIndex(store.crops.name_entries())
        # The same names, dates and prices recur on thousands of rows; each text is parsed once.
        self._parsed: dict[tuple[str, str], parsing.ParseResult] = {}

    def cached(self, kind: str, text: str, parse) -> parsing.ParseResult:
        key = (kind, text)
        result = self._parsed.get(key)
        if result is None:
            result = self._parsed[key] = parse(text)
        return result

    def cell(self, row: FileRow, key: str) -> Cell:
        index = self.columns[key][0]
        return row.cells[index] if index < len(row.cells) else Cell("")

    def parse(self, row: FileRow, problems: list[ImportProblem]) -> _Line:
        line = _Line(row.number)

        def problem(key: str, cell: Cell, message: str) -> None:
            problems.append(ImportProblem(row.number, self.columns[key][1], cell.text.strip(), message))

        def text(key: str) -> tuple[Cell, str]:
            cell = self.cell(row, key)
            return cell, unneutralise(cell.text.strip())

        # date
        cell = self.cell(row, "date")
        if isinstance(cell.native, datetime.datetime):
            line.date = cell.native.date().isoformat()  # a weighing time stamp: its day
        elif isinstance(cell.native, datetime.date):
            line.date = cell.native.isoformat()
        else:
            result = self.cached("date", cell.text, lambda t: parsing.parse_date(t, today=self.today))
            if result.ok:
                line.date = result.value.isoformat()
            else:
                problem("date", cell, result.error or translate("db", "not a date"))

        # ticket
        cell, value = text("ticket")
        ticket = parsing.normalize_text(value)
        if ticket:
            line.ticket = ticket
        else:
            problem("ticket", cell, translate("db", "a weighing ticket number (磅单号) is required"))

        # names
        line.buyer_id = self._name(row, "buyer", self.buyers, problem, required=True)
        line.operator_id = self._name(row, "operator", self.operators, problem, required=True)
        line.crop_id = self._name(row, "crop", self.crops, problem, required=True)
        cell, value = text("market")
        if parsing.normalize_text(value):
            line.market_id = self._name(row, "market", self.markets, problem, required=True)
            line.header_ok["market"] = line.market_id is not None
        else:
            line.market_id = None
            line.header_ok["market"] = True

        # plate
        cell, value = text("plate")
        if parsing.normalize_text(value):
            result = self.cached("plate", value, parsing.parse_plate)
            if result.ok:
                line.plate = result.value
            else:
                problem("plate", cell, result.error or translate("db", "not a plate"))
        else:
            line.plate = ""

        # grade
        cell, value = text("grade")
        shown = parsing.to_simplified(parsing.normalize_text(value))
        if not shown:
            line.grade = "ungraded"
        else:
            line.grade = units.code_for_label(units.GRADES, shown)
            if line.grade is None:
                accepted = ", ".join(f"{zh} ({en})" for zh, en in units.GRADES.values())
                problem(
                    "grade",
                    cell,
                    translate("db", "unknown grade; use one of {grades}").format(grades=accepted),
                )

        # weight, price, amount
        cell, value = text("net_kg")
        result = self.cached("kg", value, lambda t: parsing.parse_weight_g(t, default_unit="kg"))
        if result.ok:
            if result.value > MAX_TRUCK_NET_G:
                problem("net_kg", cell, translate("db", "a line above 40 t is almost surely a typing error"))
            else:
                line.net_g = result.value
        else:
            problem("net_kg", cell, result.error or translate("db", "not a weight"))
        cell, value = text("price")
        result = self.cached("price", value, lambda t: parsing.parse_price(t, default_unit="元/公斤"))
        if result.ok:
            line.price = result.value
        else:
            problem("price", cell, result.error or translate("db", "not a price"))
        cell, value = text("amount")
        self._check_amount(line, cell, value, problem)

        for key, attr in (("date", "date"), ("ticket", "ticket"), ("buyer", "buyer_id"), ("plate", "plate")):
            line.header_ok[key] = getattr(line, attr) is not None
        return line

    def _name(self, row: FileRow, key: str, index: parsing.NameIndex, problem, required: bool) -> int | None:
        cell = self.cell(row, key)
        value = unneutralise(cell.text.strip())
        if not parsing.normalize_text(value):
            if required:
                problem(key, cell, translate("db", "required"))
            return None
        result = self.cached(key, value, index.match)
        if result.ok:
            return result.value
        problem(key, cell, result.error or translate("db", "unknown name"))
        return None

    @staticmethod
    def _check_amount(line: _Line, cell: Cell, value: str, problem) -> None:
        text = parsing.normalize_text(value).replace(",", "").replace(" ", "")
        text = text.removeprefix("¥").removeprefix("￥").removesuffix("元")
        if not text:
            return  # optional: the amount is always computed
        try:
            given = Decimal(text)
        except InvalidOperation:
            given = Decimal("NaN")
        if not given.is_finite() or given < 0:
            problem("amount", cell, translate("db", "not an amount in 元; type it like 1234.50"))
            return
        if line.net_g is None or line.price is None:
            return  # cannot check against a weight or price that did not parse
        expected = units.amount_fen(line.net_g, line.price)
        if abs(given * units.FEN_PER_YUAN - expected) > AMOUNT_TOLERANCE_FEN:
            problem(
                "amount",
                cell,
                translate(
                    "db",
                    "does not match net weight × price = {amount} 元; correct the amount, the weight "
                    "or the price (or leave the amount blank)",
                ).format(amount=units.plain_yuan(expected)),
            )


# ---------------------------------------------------------------------------------------------------
# From rows to shipments

_HEADER_KEYS = (("date", "date"), ("buyer", "buyer_id"), ("market", "market_id"), ("plate", "plate"))


# Rows parsed between two progress reports.
PROGRESS_EVERY = 500


def check_shipments(
    store: Store,
    path: str | os.PathLike,
    *,
    today: datetime.date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ShipmentImport:
    """Read and check a shipments file without writing anything.

    `today` anchors dates typed without a year (see `parsing.parse_date`). `progress(done, total)`
    is called before the file is read (0, 0) and then every few hundred data rows; it may raise
    (the GUI's Cancel does) to stop the check.
    """
    report = progress or (lambda _done, _total: None)
    report(0, 0)
    result = ShipmentImport(str(path))
    rows = [r for r in read_rows(path) if not r.is_blank()]
    if not rows:
        result.problems.append(
            ImportProblem(
                None,
                "",
                "",
                _expected(translate("db", "the file is empty; the columns are {zh} (in English: {en})")),
            )
        )
        return result
    header, data = rows[0], rows[1:]
    columns = _map_header(header, result.problems)
    if result.problems:
        return result
    if not data:
        result.problems.append(
            ImportProblem(None, "", "", translate("db", "the file has a header but no rows below it"))
        )
        return result
    result.rows = len(data)
    parser = _RowParser(store, columns, today)
    lines = []
    for done, row in enumerate(data):
        if done % PROGRESS_EVERY == 0:
            report(done, len(data))
        lines.append(parser.parse(row, result.problems))
    report(len(data), len(data))

    groups: dict[str, list[_Line]] = {}
    for line in lines:
        if line.ticket is not None:
            groups.setdefault(line.ticket, []).append(line)
    _check_groups(groups, columns, data, result.problems)
    existing = _existing_tickets(store, list(groups))
    for ticket in existing:
        first = groups[ticket][0]
        result.problems.append(
            ImportProblem(
                first.row,
                columns["ticket"][1],
                ticket,
                translate(
                    "db",
                    "this weighing ticket is already in the database; remove these rows or correct the number",
                ),
            )
        )
    # Report problems in file order: row, then column order of the file.
    order = {title: index for index, title in columns.values()}
    result.problems.sort(key=lambda p: (p.row or 0, order.get(p.column, -1)))
    if result.problems:
        return result
    result.shipments = [_shipment(ticket, group) for ticket, group in groups.items()]
    return result


def _check_groups(
    groups: dict[str, list[_Line]],
    columns: dict[str, tuple[int, str]],
    data: list[FileRow],
    problems: list[ImportProblem],
) -> None:
    by_number = {row.number: row for row in data}
    for ticket, group in groups.items():
        for key, attr in _HEADER_KEYS:
            reference = next((line for line in group if line.header_ok.get(key)), None)
            if reference is None:
                continue
            for line in group:
                if line is reference or not line.header_ok.get(key):
                    continue
                if getattr(line, attr) != getattr(reference, attr):
                    index, title = columns[key]
                    cells = by_number[line.row].cells
                    shown = cells[index].text.strip() if index < len(cells) else ""
                    ref_cells = by_number[reference.row].cells
                    ref_shown = ref_cells[index].text.strip() if index < len(ref_cells) else ""
                    problems.append(
                        ImportProblem(
                            line.row,
                            title,
                            shown,
                            translate(
                                "db",
                                "ticket {ticket} has '{value}' here on row {row}; every row of one "
                                "ticket must have the same {column}",
                            ).format(ticket=ticket, value=ref_shown, row=reference.row, column=title),
                        )
                    )
        weights = [line.net_g for line in group]
        if all(w is not None for w in weights) and sum(weights) > MAX_TRUCK_NET_G:  # type: ignore[arg-type]
            problems.append(
                ImportProblem(
                    group[0].row,
                    columns["net_kg"][1],
                    units.plain_kg(sum(weights)),  # type: ignore[arg-type]
                    translate(
                        "db", "ticket {ticket} totals more than 40 t, almost surely a typing error"
                    ).format(ticket=ticket),
                )
            )


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


def _shipment(ticket: str, group: list[_Line]) -> Shipment:
    first = group[0]
    lines = tuple(
        ShipmentLine(
            operator_id=line.operator_id,  # type: ignore[arg-type]
            crop_id=line.crop_id,  # type: ignore[arg-type]
            net_g=line.net_g,  # type: ignore[arg-type]
            agreed_price=line.price,  # type: ignore[arg-type]
            grade=line.grade or "ungraded",
        )
        for line in group
    )
    total = sum(line.net_g for line in lines)
    return Shipment(
        ship_date=first.date,  # type: ignore[arg-type]
        ticket_no=ticket,
        buyer_id=first.buyer_id,  # type: ignore[arg-type]
        market_id=first.market_id,
        plate=first.plate or "",
        gross_g=total,
        tare_g=0,
        lines=lines,
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
