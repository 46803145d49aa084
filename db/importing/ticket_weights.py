"""A ticket's rows → its net weight and its deduction (扣重 / 扣杂), as a clerk's sheet gives them.

Weighbridge figures belong to the truck, and clerks write them the way they write gross and tare:
once on the ticket's first row, or the same on every row. Read here, per ticket, once every row is
seen:

- net weight: without a 净重 column the net of a one-line truck is gross − tare; a truck of
  several lines needs each line's net (gross − tare is the whole truck's);
- a deduction in kilograms
  - on a one-line truck: that line's;
  - with the payable weight (结算重量) given, as the program's export writes it: each row's own,
    added up (each must then be its share by the rule of db.deductions, what will be stored);
  - given on the first row only, or the same on every row: the truck's, once, shared over the
    lines by weight (db.deductions); a warning says which reading was taken;
  - otherwise (rows that differ): each row's own, added up, each to be its share by the rule;
- a deduction in percent ('2%', or a 扣杂(%) column) is the truck's: one percentage on the first
  row, or the same on every row, of the truck's net weight (as the shipments table computes it);
- a deduction in kilograms and one in percent on one ticket are added up and stored in
  kilograms, with a warning saying so.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from db import deductions, parsing, units
from db.i18n import Text, translate
from db.importing.problems import ImportProblem, ImportWarning

if TYPE_CHECKING:
    from db.importing.shipments import _Ticket

READING = "deduction_reading"  # the warning kind of a deduction read as the truck's


@dataclass(slots=True)
class RowWeights:
    """What one row of a ticket says about weights, kept until the ticket is complete."""

    row: int
    net_g: int | None
    deduction_g: int | None  # kilograms given on the row (None when blank)
    pct_x100: int | None  # percent given on the row (None when blank)
    payable_g: int | None
    shown: str  # the deduction cell(s) as the file has them (parsing.visible before a message shows it)
    amount: Decimal | None = None  # the amount typed, checked once the deduction is shared
    amount_shown: str = ""
    price: int | None = None  # the effective price of the row (settled, else agreed)


@dataclass(slots=True)
class Resolved:
    """A ticket's deduction as it will be stored: kilograms, and the percent it came from."""

    deduction_g: int = 0
    pct_x100: int | None = None


def _kg(grams: int) -> str:
    return units.plain_kg(grams)


def _pct(x100: int) -> str:
    return f"{Decimal(x100) / 100:f}"


def resolve_deduction(
    ticket_no: str,
    rows: list[RowWeights],
    truck_net_g: int,
    title: str,
    problems: list[ImportProblem],
    warnings: list[ImportWarning],
    amount_title: str = "",
) -> Resolved | None:
    """The ticket's deduction (None, with problems recorded, when it cannot be stored as given).

    `rows` are the ticket's lines with a net weight, in file order; `truck_net_g` the truck's net
    (gross − tare when weighed, else the lines' net); `title` the deduction column's title."""
    if not any(r.deduction_g or r.pct_x100 is not None or r.amount is not None for r in rows):
        return Resolved()  # no deduction and no amount to check (most rows of most files)
    nets = [r.net_g or 0 for r in rows]
    lines_net = sum(nets)
    out = Resolved()
    with_pct = [r for r in rows if r.pct_x100 is not None]
    if with_pct:
        percents = {r.pct_x100 for r in with_pct}
        if len(percents) > 1:
            problems.append(
                ImportProblem(
                    with_pct[0].row,
                    title,
                    parsing.visible(with_pct[0].shown),
                    translate(
                        "db",
                        "ticket {ticket}: a deduction in percent is the truck's; give one percentage, "
                        "on the ticket's first row or the same on every row",
                    ).format(ticket=ticket_no),
                )
            )
            return None
        out.pct_x100 = percents.pop()
        assert out.pct_x100 is not None
        out.deduction_g = (truck_net_g * out.pct_x100 + 5000) // 10000  # as the repository rounds
        if len(rows) > 1 and len(with_pct) < len(rows) and out.pct_x100:
            warnings.append(
                _reading(
                    ticket_no,
                    with_pct[0],
                    title,
                    translate(
                        "db",
                        "ticket {ticket}: {pct}% given on one row is read as the truck's deduction: "
                        "{kg} kg of its {net} kg net, shared over its {n} lines by weight",
                    ).format(
                        ticket=ticket_no,
                        pct=_pct(out.pct_x100),
                        kg=_kg(out.deduction_g),
                        net=_kg(truck_net_g),
                        n=len(rows),
                    ),
                )
            )
    kg = _kg_deduction(ticket_no, rows, title, problems, warnings)
    if kg is None:
        return None
    if kg and out.pct_x100:
        warnings.append(
            _reading(
                ticket_no,
                rows[0],
                title,
                translate(
                    "db",
                    "ticket {ticket}: a deduction of {kg} kg and one of {pct_kg} kg ({pct}%) are added "
                    "up and stored as a deduction of {total} kg",
                ).format(
                    ticket=ticket_no,
                    kg=_kg(kg),
                    pct_kg=_kg(out.deduction_g),
                    pct=_pct(out.pct_x100),
                    total=_kg(kg + out.deduction_g),
                ),
            )
        )
        out.deduction_g += kg
        out.pct_x100 = None
    elif kg or not out.pct_x100:  # kilograms only (0% is no deduction)
        out.deduction_g, out.pct_x100 = kg, None
    if out.deduction_g > lines_net or out.deduction_g >= truck_net_g:
        return out  # the ticket's checks say why it cannot be
    _check_amounts(rows, deductions.payable_weights(out.deduction_g, nets), amount_title, problems)
    return out


def _kg_deduction(
    ticket_no: str,
    rows: list[RowWeights],
    title: str,
    problems: list[ImportProblem],
    warnings: list[ImportWarning],
) -> int | None:
    given = [r for r in rows if r.deduction_g is not None]
    if not given:
        return 0
    values = [r.deduction_g or 0 for r in rows]
    if len(rows) == 1:
        return values[0]
    nets = [r.net_g or 0 for r in rows]
    per_row = any(r.payable_g is not None for r in rows)
    first_only = len(given) == 1 and given[0] is rows[0]
    same = len(given) == len(rows) and len(set(values)) == 1
    if not per_row and (first_only or same) and values[0]:
        truck = values[0]
        if truck > sum(nets):
            return truck  # the ticket's checks say why it cannot be
        shares = deductions.apportion(truck, nets)
        if first_only:
            message = translate(
                "db",
                "ticket {ticket}: the deduction of {kg} kg given on its first row only is read as "
                "the truck's, shared over its {n} lines by weight: {shares} kg",
            )
        else:
            message = translate(
                "db",
                "ticket {ticket}: the same deduction of {kg} kg on every row is read as the truck's "
                "(once, as gross and tare are), shared over its {n} lines by weight: {shares} kg",
            )
        shown = " + ".join(_kg(s) for s in shares)
        warnings.append(
            _reading(
                ticket_no,
                rows[0],
                title,
                message.format(ticket=ticket_no, kg=_kg(truck), n=len(rows), shares=shown),
            )
        )
        return truck
    total = sum(values)
    if total == 0 or total > sum(nets):
        return total  # nothing to share, or the ticket's checks say why it cannot be
    shares = deductions.apportion(total, nets)
    if shares == values:
        return total
    problems.append(
        ImportProblem(
            rows[0].row,
            title,
            " / ".join(parsing.visible(r.shown) or "—" for r in rows),
            translate(
                "db",
                "ticket {ticket}: the lines' deductions add up to {total} kg, but the program keeps "
                "one deduction per truck, shared over its lines by weight ({shares} kg); type the "
                "truck's deduction on its first row only (the other rows blank), or these shares",
            ).format(ticket=ticket_no, total=_kg(total), shares=" + ".join(_kg(s) for s in shares)),
        )
    )
    return None


def _reading(ticket_no: str, row: RowWeights, title: str, message: Text) -> ImportWarning:
    return ImportWarning(row.row, title, parsing.visible(row.shown), message, READING)


def _check_amounts(
    rows: list[RowWeights], payables: list[int], title: str, problems: list[ImportProblem]
) -> None:
    """A row's amount, when typed, against its payable weight (its share of the deduction) × price."""
    for r, payable in zip(rows, payables, strict=True):
        if r.amount is None or r.price is None:
            continue
        expected = units.amount_fen(payable, r.price)
        if abs(r.amount * units.FEN_PER_YUAN - expected) <= 1:
            continue
        problems.append(
            ImportProblem(
                r.row,
                title,
                r.amount_shown,
                translate(
                    "db",
                    "does not match payable weight × price = {amount} 元; correct the amount, the "
                    "weight or the price (or leave the amount blank)",
                ).format(amount=units.plain_yuan(expected)),
            )
        )


def derive_net(
    ticket_no: str, ticket: _Ticket, columns: dict[str, tuple[int, str]], problems: list[ImportProblem]
) -> bool:
    """A file without a 净重 column: a one-line truck's net is its gross − tare. False (with a
    problem) when it cannot be had that way."""
    first = ticket.first
    gross_title = columns["truck_gross_kg"][1]
    if first.gross_g is None or first.tare_g is None:
        message = translate(
            "db",
            "ticket {ticket}: the file has no 净重 (net weight) column, so the net is gross − tare: "
            "type the truck's 毛重 and 皮重",
        )
        problems.append(ImportProblem(first.row, gross_title, "", message.format(ticket=ticket_no)))
        return False
    if len(ticket.rows) > 1:
        message = translate(
            "db",
            "ticket {ticket} has {n} lines and the file has no 净重 (net weight) column: gross − tare "
            "is the whole truck's net; add a 净重 column with each line's net weight",
        )
        problems.append(
            ImportProblem(first.row, gross_title, "", message.format(ticket=ticket_no, n=len(ticket.rows)))
        )
        return False
    net = first.gross_g - first.tare_g
    if net <= 0:
        return True  # weighing_problem says the gross must be more than the tare
    ticket.net_g = net
    ticket.rows[0].net_g = net
    if ticket.lines:
        ticket.lines[0] = ticket.lines[0].replace(net_g=net)
    return True


def weighing_problem(ticket: _Ticket) -> tuple[str, str, Text] | None:
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
