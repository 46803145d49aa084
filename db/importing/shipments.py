"""Parsed rows → shipments grouped by weighing ticket, whole-ticket checks, the all-or-nothing write."""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field
from pathlib import Path

from db import deductions, parsing, units
from db.errors import ValidationError
from db.exporting import XLSX_MAX_ROWS
from db.i18n import Text, translate
from db.importing.mapping import _expected, _map_header
from db.importing.problems import (
    MAX_PROBLEMS,
    PROGRESS_EVERY,
    ImportFailed,
    ImportProblem,
    Progress,
    _no_progress,
)
from db.importing.reading import _open_rows, _Reader
from db.importing.shipment_rows import _HEADER_KEYS, _Line, _RowParser
from db.outputs import check_input, database_path
from db.records import Shipment, ShipmentLine
from db.repositories import MAX_TRUCK_NET_G, Store

MAX_ROWS = XLSX_MAX_ROWS  # data rows: what one worksheet holds


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
