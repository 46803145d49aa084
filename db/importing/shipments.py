"""Parsed rows → shipments grouped by weighing ticket, whole-ticket checks, the all-or-nothing write."""

from __future__ import annotations

import datetime
import itertools
import os
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from db import deductions, parsing, plausibility, units
from db.documents.exporting import XLSX_MAX_ROWS
from db.errors import ValidationError
from db.i18n import translate
from db.importing.mapping import _expected, _find_header, _map_header
from db.importing.problems import (
    MAX_PROBLEMS,
    PROGRESS_EVERY,
    WARNING_KINDS,
    ImportFailed,
    ImportProblem,
    ImportWarning,
    Progress,
    WarningsNotAccepted,
    _no_progress,
    no_rows_message,
    skipped_example,
)
from db.importing.reading import _open_rows, _Reader
from db.importing.shipment_rows import _HEADER_KEYS, _Line, _RowParser
from db.importing.ticket_weights import RowWeights, derive_net, resolve_deduction, weighing_problem
from db.records import Shipment, ShipmentLine
from db.repositories import MAX_TRUCK_NET_G, Store
from db.repositories.bulk import pause_cycle_collection
from db.storage.outputs import check_input, database_path

MAX_ROWS = XLSX_MAX_ROWS  # data rows: what one worksheet holds
# The columns for which a ticket keeps its rows' weights (ticket_weights): a deduction, or no net.
_WEIGHT_KEYS = frozenset(("deduction_kg", "deduction_pct", "truck_gross_kg"))


@dataclass
class ShipmentImport:
    """The outcome of reading a shipments file: shipments ready to write, or the problems found."""

    path: str
    rows: int = 0  # data rows read (blank rows not counted)
    shipments: list[Shipment] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    # plausible only by mistake: the write needs each kind accepted (WARNING_KINDS)
    warnings: list[ImportWarning] = field(default_factory=list)
    # exact repeats of a row of the same ticket, skipped: (row, the row it repeats, ticket)
    duplicates: list[tuple[int, int, str]] = field(default_factory=list)
    written: bool = False
    sheet: str = ""  # the workbook sheet read ('' for a CSV)
    sheets: tuple[str, ...] = ()  # every sheet of the workbook, in order
    ignored_columns: list[str] = field(default_factory=list)  # titles of the columns not read
    examples: list[int] = field(default_factory=list)  # rows that are a template's example: skipped
    # names that matched nothing (or more than one record), by field: for the CLI to list
    unknown: dict[str, list[str]] = field(default_factory=dict)

    @property
    def warning_kinds(self) -> list[str]:
        """The kinds of warnings found, in the order of WARNING_KINDS."""
        found = {w.kind for w in self.warnings}
        return [kind for kind in WARNING_KINDS if kind in found]

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


@dataclass(slots=True)
class _Ticket:
    """The rows of one weighing ticket seen so far: the first value of each header field, the lines."""

    first: _Line  # the first row (its date, buyer, market and plate become the shipment's)
    reference: list[_Line | None]  # per header key, the first row where that field parsed
    head: tuple  # the first row's header fields (see _add_to_ticket)
    lines: list[ShipmentLine] = field(default_factory=list)
    net_g: int = 0
    deduction_g: int = 0  # set once every row is seen (ticket_weights.resolve_deduction)
    deduction_pct_x100: int | None = None
    weights_ok: bool = True
    # what each line's row says about weights, to read the ticket's deduction (ticket_weights)
    rows: list[RowWeights] = field(default_factory=list)
    # operator × crop × grade → (the row it came from, the values that row had): a ticket's lines
    seen: dict[tuple, tuple[int, tuple]] = field(default_factory=dict)


def check_shipments(
    store: Store,
    path: str | os.PathLike,
    *,
    today: datetime.date | None = None,
    progress: Progress | None = None,
    sheet: str | None = None,
    mapping: Mapping[str, str | None] | None = None,
) -> ShipmentImport:
    """Read and check a shipments file without writing anything.

    `sheet` names a workbook's sheet (else the first); `mapping` maps file column titles to fields
    (see `mapping._map_header`) before the titles are recognised.

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
    reader = _open_rows(Path(path), report, sheet)
    result.sheet, result.sheets = reader.sheet, reader.sheets
    try:
        with pause_cycle_collection():  # every kept row would be walked again and again (see there)
            _check_rows(store, reader, result, today, report, mapping)
    finally:
        reader.rows.close()  # a check that stopped early closes the file (or workbook) now
    return result


def _check_rows(
    store: Store,
    reader: _Reader,
    result: ShipmentImport,
    today: datetime.date | None,
    report: Progress,
    mapping: Mapping[str, str | None] | None = None,
) -> None:
    problems = result.problems
    header, rows = _find_header(reader.rows, mapping)
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
    columns = _map_header(header, problems, mapping)
    result.ignored_columns = list(columns.ignored)
    if problems:
        return
    parser = _RowParser(store, columns, today)
    result.unknown = parser.unknown
    tickets: dict[str, _Ticket] = {}
    stopped = False
    for n, row in enumerate(rows):
        if n % PROGRESS_EVERY == 0:  # blank rows count too: a file of them still shows progress
            report(min(reader.position(), reader.size), reader.size)
        if row.is_blank() or skipped_example(row, result.examples):
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
        warned, repeats = len(parser.warnings), len(result.duplicates)
        line = parser.parse(row, problems)
        if line.ticket is not None:
            _add_to_ticket(tickets, line, columns, problems, keep, result.duplicates)
            if len(result.duplicates) > repeats:
                del parser.warnings[warned:]  # a skipped repeat warns nothing (its first row did)
        if len(problems) >= MAX_PROBLEMS:
            stopped = True
            break
        if problems and keep:
            for ticket in tickets.values():
                ticket.lines = []
    report(reader.size, reader.size)
    parser.forget()
    if result.rows == 0 and not problems:
        problems.append(ImportProblem(None, "", "", no_rows_message(result.examples)))
        return
    if not stopped:
        _check_tickets(store, tickets, columns, problems, parser.warnings)
        result.warnings = parser.warnings + _near_duplicates(tickets, columns)
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
    duplicates: list[tuple[int, int, str]],
) -> None:
    """Add a parsed row to its ticket; a header field that differs from the ticket's first is a problem.

    Rows of one ticket are its lines only when they differ in operator, crop or grade: an exact
    repeat of an earlier row is a duplicate (skipped, and counted in `duplicates`), and a row with
    the same operator, crop and grade but other values is a conflict (a problem).
    """
    assert line.ticket is not None
    ticket = tickets.get(line.ticket)
    head = (line.date, line.buyer_id, line.market_id, line.market_ok, line.plate, line.gross_g, line.tare_g)
    if ticket is None:
        ticket = tickets[line.ticket] = _Ticket(line, [None] * len(_HEADER_KEYS), head)
    elif head == ticket.head:
        # The header fields of the ticket's first row, which set every reference that parsed: the
        # checks below would find nothing (most rows of a file).
        _add_line(ticket, line, problems, keep, duplicates, columns, len(problems))
        return
    before = len(problems)
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
    _add_line(ticket, line, problems, keep, duplicates, columns, before)


def _add_line(
    ticket: _Ticket,
    line: _Line,
    problems: list[ImportProblem],
    keep: bool,
    duplicates: list[tuple[int, int, str]],
    columns: dict[str, tuple[int, str]],
    before: int,
) -> None:
    """The row as a line of its ticket (its header fields checked): a repeat, a conflict, or a line."""
    assert line.ticket is not None
    key = (line.operator_id, line.crop_id, line.grade)
    if None not in key and len(problems) == before:  # a row at odds with the ticket is a problem already
        values = (
            line.net_g,
            line.price,
            line.deduction_g,
            line.deduction_pct,
            line.payable_g,
            line.packs,
            line.settled,
        )
        earlier = ticket.seen.get(key)
        if earlier is None:
            ticket.seen[key] = (line.row, values)
        elif earlier[1] == values:
            duplicates.append((line.row, earlier[0], line.ticket))
            return
        else:
            problems.append(
                ImportProblem(
                    line.row,
                    columns["ticket"][1],
                    parsing.visible(line.ticket),
                    translate(
                        "db",
                        "row {row} of this ticket has the same operator, crop and grade with other "
                        "values; a ticket has one line per operator, crop and grade: delete one of the "
                        "two rows or correct it",
                    ).format(row=earlier[0]),
                )
            )
            return
    derived = "net_kg" not in columns  # the net is gross − tare (see ticket_weights)
    if line.net_g is None and not derived:
        ticket.weights_ok = False
    else:
        ticket.net_g += line.net_g or 0
    if (line.net_g is not None or derived) and _WEIGHT_KEYS.intersection(columns):
        ticket.rows.append(
            RowWeights(
                line.row,
                line.net_g,
                line.deduction_g,
                line.deduction_pct,
                line.payable_g,
                line.deduction_shown,
                line.amount,
                line.amount_shown,
                line.price if line.settled is None else line.settled,
            )
        )
    if keep and not problems:
        ticket.lines.append(
            ShipmentLine(
                operator_id=line.operator_id,  # type: ignore[arg-type]
                crop_id=line.crop_id,  # type: ignore[arg-type]
                net_g=line.net_g,  # type: ignore[arg-type]
                agreed_price=line.price,  # type: ignore[arg-type]
                grade=line.grade or "ungraded",
                settled_price=line.settled,
                packs=line.packs,
            )
        )


def _check_tickets(
    store: Store,
    tickets: dict[str, _Ticket],
    columns: dict[str, tuple[int, str]],
    problems: list[ImportProblem],
    warnings: list[ImportWarning],
) -> None:
    """Problems of whole tickets: heavier than any truck, weighbridge figures or a deduction that
    cannot be, or already in the database; and warnings: heavier than a truck is likely to be."""
    for ticket_no, ticket in tickets.items():
        if "net_kg" not in columns and not derive_net(ticket_no, ticket, columns, problems):
            continue
        if ticket.weights_ok and ("deduction_kg" in columns or "deduction_pct" in columns):
            first = ticket.first
            weighed = first.gross_g is not None and first.tare_g is not None
            truck_net = first.gross_g - first.tare_g if weighed else ticket.net_g  # type: ignore[operator]
            column = columns.get("deduction_kg") or columns.get("deduction_pct") or ("", "")
            amount_title = columns["amount"][1] if "amount" in columns else ""
            resolved = resolve_deduction(
                ticket_no, ticket.rows, truck_net, column[1], problems, warnings, amount_title
            )
            if resolved is None:
                continue
            ticket.deduction_g, ticket.deduction_pct_x100 = resolved.deduction_g, resolved.pct_x100
        problem = weighing_problem(ticket)
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
                        "db", "ticket {ticket} totals more than 100 t, which cannot be one truck"
                    ).format(ticket=ticket_no),
                )
            )
        elif ticket.weights_ok and (warning := plausibility.weight_warning(ticket.net_g)) is not None:
            message = translate("db", "ticket {ticket}: {problem}").format(
                ticket=ticket_no, problem=warning[1]
            )
            title, value = columns["net_kg"][1], units.plain_kg(ticket.net_g)
            warnings.append(ImportWarning(ticket.first.row, title, value, message, warning[0]))
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


def _near_duplicates(tickets: dict[str, _Ticket], columns: dict[str, tuple[int, str]]) -> list[ImportWarning]:
    """Different tickets of the same plate and net weight weighed within the hour (the date column
    had weighbridge times): most likely one truck entered twice. Without times nothing is said: one
    truck may well bring the same weight twice a day."""
    by_truck: dict[tuple[str, int], list[tuple[str, str, str]]] = {}
    for ticket_no, ticket in tickets.items():
        first = ticket.first
        if not first.plate or first.date is None or first.time is None or not ticket.weights_ok:
            continue
        weighed = first.gross_g is not None and first.tare_g is not None
        net = first.gross_g - first.tare_g if weighed else ticket.net_g  # type: ignore[operator]
        by_truck.setdefault((first.plate, net), []).append((first.date, first.time, ticket_no))
    warnings = []
    for (plate, net), seen in by_truck.items():
        if len(seen) < 2:
            continue
        seen.sort()
        for (day, time, earlier), (next_day, next_time, ticket_no) in itertools.pairwise(seen):
            if day != next_day or _minutes(next_time) - _minutes(time) > 60:
                continue
            later = tickets[ticket_no].first
            warnings.append(
                ImportWarning(
                    later.row,
                    columns["ticket"][1],
                    parsing.visible(ticket_no),
                    translate(
                        "db",
                        "the same truck ({plate}, {net} kg net) as ticket {ticket} on row {row}, "
                        "weighed within the hour; is it one truck entered twice?",
                    ).format(
                        plate=plate,
                        net=units.plain_kg(net),
                        ticket=parsing.visible(earlier),
                        row=tickets[earlier].first.row,
                    ),
                    "near_duplicate",
                )
            )
    return warnings


def _minutes(time: str) -> int:
    return int(time[:2]) * 60 + int(time[3:])


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
        deduction_pct_x100=ticket.deduction_pct_x100,
        lines=tuple(ticket.lines),
    )


def import_shipments(
    store: Store,
    path: str | os.PathLike,
    *,
    dry_run: bool = False,
    today: datetime.date | None = None,
    accept_warnings: bool | Collection[str] = False,
    sheet: str | None = None,
    mapping: Mapping[str, str | None] | None = None,
    before_write: Callable[[], None] | None = None,
) -> ShipmentImport:
    """Check a shipments file and, if it has no problem at all, write every shipment in one transaction.
    `before_write` runs once the file passed and its warnings were accepted (the CLI's backup).

    Raises ImportFailed (listing every problem) and writes nothing when there is any problem, and
    WarningsNotAccepted (listing them) when there are warnings of a kind not in `accept_warnings`
    (True accepts every kind). With `dry_run` the file is only checked, warnings or not.
    """
    result = check_shipments(store, path, today=today, sheet=sheet, mapping=mapping)
    if result.problems:
        raise ImportFailed(result.problems, path, result)
    if dry_run:
        return result
    unaccepted = unaccepted_warnings(result.warnings, accept_warnings)
    if unaccepted:
        raise WarningsNotAccepted(unaccepted, path, result)
    if before_write is not None:
        before_write()
    write_shipments(store, result, path)
    return result


def unaccepted_warnings(
    warnings: Sequence[ImportWarning], accept: bool | Collection[str]
) -> list[ImportWarning]:
    if accept is True:
        return []
    accepted = set() if accept is False else set(accept)
    return [w for w in warnings if w.kind not in accepted]


def write_shipments(store: Store, result: ShipmentImport, path: str | os.PathLike) -> None:
    """Write a checked file's shipments in one transaction. When warnings were accepted or duplicate
    rows skipped, an audit row for the import (table 'imports') says so, in the same transaction:
    the file, what it held, the rows skipped and every warning accepted. Raises ImportFailed if refused."""
    try:
        if result.warnings or result.duplicates:
            with store.write():  # the shipments and the import's audit row: one transaction
                result.shipments = store.shipments.add_many(result.shipments)
                store.audit("insert", "imports", 0, None, import_record(result, path))
        else:
            result.shipments = store.shipments.add_many(result.shipments)
    except ValidationError as exc:
        # The checks above mirror the repository's; this is the safety net (e.g. another program
        # wrote the same ticket meanwhile). The transaction was rolled back: nothing was written.
        message = exc.args[0] if exc.args else str(exc)  # args[0] keeps the translatable Text
        raise ImportFailed([ImportProblem(None, "", "", message)], path) from exc
    result.written = True


def import_record(result: ShipmentImport, path: str | os.PathLike) -> dict:
    return {
        "kind": "shipments",
        "file": Path(path).name,
        "shipments": len(result.shipments),
        "lines": result.lines,
        "duplicates_skipped": [{"row": row, "repeats_row": first} for row, first, _ in result.duplicates],
        "accepted_warnings": [
            {"kind": w.kind, "row": w.row, "value": w.value, "message": str(w.message)}
            for w in result.warnings
        ],
    }
