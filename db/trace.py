"""Recall tracing: forward from harvest lots to trucks, buyers and markets; backward from a truck to lots,
plots and operators. One row per link (lot × shipment line), exact integers, no Qt."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from db.errors import NotFoundError, ValidationError
from db.i18n import join, translate
from db.parsing import NameIndex, normalize_text
from db.records import Plot
from db.repositories import Store

Direction = Literal["forward", "backward"]
QueryKind = Literal["lot", "certificate", "ticket", "plot"]


@dataclass(frozen=True, slots=True)
class TraceRow:
    """One link of a chain: a harvest lot and the shipment line it went on.

    A lot not (yet) shipped has empty shipment fields; a line recorded without lots has empty lot
    fields. `certificates` lists the valid certificate numbers covering the line's operator and
    product on that truck. The weights of the truck (gross − tare = net; its deduction, 扣重) and
    the line's payable weight (its net less its share of the deduction) are None without a truck.
    """

    lot_code: str
    harvest_date: str
    plot: str
    village: str
    operator: str
    crop: str
    lot_grade: str
    lot_g: int | None
    ticket_no: str
    ship_date: str
    line_no: int | None
    line_grade: str
    line_net_g: int | None
    buyer: str
    market: str
    plate: str
    certificates: str
    harvest_id: int | None
    shipment_id: int | None
    line_id: int | None
    line_payable_g: int | None = None
    truck_gross_g: int | None = None
    truck_tare_g: int | None = None
    truck_deduction_g: int | None = None
    crop_en: str = ""  # the crop's English name, when it has one (English documents)
    operator_en: str = ""  # the operator's and the market's English names, likewise
    market_en: str = ""

    @property
    def line_deduction_g(self) -> int | None:
        return (
            None
            if self.line_net_g is None or self.line_payable_g is None
            else self.line_net_g - self.line_payable_g
        )

    @property
    def truck_net_g(self) -> int | None:
        return (
            None
            if self.truck_gross_g is None or self.truck_tare_g is None
            else self.truck_gross_g - self.truck_tare_g
        )


@dataclass(frozen=True, slots=True)
class Trace:
    """The answer to one trace question."""

    kind: QueryKind
    query: str
    direction: Direction
    rows: tuple[TraceRow, ...]

    @property
    def lots(self) -> list[str]:
        return list(dict.fromkeys(r.lot_code for r in self.rows if r.lot_code))

    @property
    def tickets(self) -> list[str]:
        return list(dict.fromkeys(r.ticket_no for r in self.rows if r.ticket_no))

    @property
    def buyers(self) -> list[str]:
        return list(dict.fromkeys(r.buyer for r in self.rows if r.buyer))

    @property
    def markets(self) -> list[str]:
        return list(dict.fromkeys(r.market for r in self.rows if r.market))

    @property
    def operators(self) -> list[str]:
        return list(dict.fromkeys(r.operator for r in self.rows if r.operator))

    @property
    def plots(self) -> list[str]:
        return list(dict.fromkeys(r.plot for r in self.rows if r.plot))


_SELECT = """
SELECT coalesce(h.lot_code, ''), coalesce(h.harvest_date, ''), coalesce(p.name, ''), coalesce(p.village, ''),
       coalesce(lo.name, ho.name, ''), coalesce(lc.name, hc.name, ''), coalesce(h.grade, ''), h.weight_g,
       coalesce(s.ticket_no, ''), coalesce(s.ship_date, ''), l.line_no, coalesce(l.grade, ''), l.net_g,
       coalesce(b.name, ''), coalesce(m.name, ''), coalesce(s.plate, ''),
       coalesce((SELECT group_concat(cert_no, ', ') FROM (
           SELECT c.cert_no FROM certificates c
           WHERE c.shipment_id = s.id AND c.operator_id = l.operator_id AND c.crop_id = l.crop_id
             AND c.status = 'valid' ORDER BY c.cert_no)), ''),
       h.id, s.id, l.id, l.payable_g, s.gross_g, s.tare_g, s.deduction_g,
       coalesce(lc.name_en, hc.name_en, ''), coalesce(lo.name_en, ho.name_en, ''), coalesce(m.name_en, '')
"""
_TAIL = """
LEFT JOIN plots p ON p.id = h.plot_id
LEFT JOIN operators ho ON ho.id = h.operator_id
LEFT JOIN crops hc ON hc.id = h.crop_id
LEFT JOIN operators lo ON lo.id = l.operator_id
LEFT JOIN crops lc ON lc.id = l.crop_id
LEFT JOIN buyers b ON b.id = s.buyer_id
LEFT JOIN markets m ON m.id = s.market_id
"""
_FORWARD = f"""{_SELECT}
FROM harvests h
LEFT JOIN shipment_line_lots sll ON sll.harvest_id = h.id
LEFT JOIN shipment_lines l ON l.id = sll.line_id
LEFT JOIN shipments s ON s.id = l.shipment_id
{_TAIL}"""
_BACKWARD = f"""{_SELECT}
FROM shipments s
JOIN shipment_lines l ON l.shipment_id = s.id
LEFT JOIN shipment_line_lots sll ON sll.line_id = l.id
LEFT JOIN harvests h ON h.id = sll.harvest_id
{_TAIL}"""


def _rows(store: Store, sql: str, params: list) -> tuple[TraceRow, ...]:
    return tuple(TraceRow(*row) for row in store.db.execute(sql, params))


def forward_from_lot(store: Store, lot_code: str) -> Trace:
    """Where a harvest lot went: every shipment line carrying it, with buyer and market."""
    harvest = store.harvests.by_lot_code(lot_code)
    rows = _rows(
        store, _FORWARD + " WHERE h.id = ? ORDER BY s.ship_date, s.ticket_no, l.line_no", [harvest.id]
    )
    return Trace("lot", harvest.lot_code, "forward", rows)


def forward_from_plot(store: Store, plot_id: int, start: str | None = None, end: str | None = None) -> Trace:
    """Where everything harvested on a plot (optionally in start..end) went."""
    plot = store.plots.get(plot_id)
    where, params = ["h.plot_id = ?"], [plot_id]
    if start:
        where.append("h.harvest_date >= ?")
        params.append(start)
    if end:
        where.append("h.harvest_date <= ?")
        params.append(end)
    sql = (
        f"{_FORWARD} WHERE {' AND '.join(where)} ORDER BY h.harvest_date, h.lot_code, s.ship_date, l.line_no"
    )
    return Trace("plot", plot.name, "forward", _rows(store, sql, params))


def backward_from_ticket(store: Store, ticket_no: str) -> Trace:
    """What a truck carried: its lines, the lots on them, their plots and operators."""
    shipment = store.shipments.by_ticket(ticket_no)
    sql = _BACKWARD + " WHERE s.id = ? ORDER BY l.line_no, h.lot_code"
    return Trace("ticket", shipment.ticket_no, "backward", _rows(store, sql, [shipment.id]))


def backward_from_certificate(store: Store, cert_no: str) -> Trace:
    """What a certificate covered: its truck's lines of the certified operator and product, and their lots."""
    certificate = store.certificates.by_number(cert_no)
    if certificate.shipment_id is None:
        return Trace("certificate", certificate.cert_no, "backward", ())
    sql = _BACKWARD + (
        " WHERE s.id = ? AND l.operator_id = ? AND l.crop_id = ? ORDER BY l.line_no, h.lot_code"
    )
    rows = _rows(store, sql, [certificate.shipment_id, certificate.operator_id, certificate.crop_id])
    return Trace("certificate", certificate.cert_no, "backward", rows)


def find_plot(store: Store, text: str) -> Plot:
    """A plot by its name, or 'operator/plot' when several operators name a plot alike.

    Operator names accept their aliases. Raises NotFoundError listing close names, or
    ValidationError listing the candidates when the name is ambiguous.
    """
    text = text.strip()
    operator_part, _, plot_part = text.rpartition("/")
    plots = store.plots.list()
    if operator_part:
        match = NameIndex(store.operators.name_entries()).match(operator_part)
        if not match.ok:
            raise NotFoundError(
                match.error or translate("db", "no operator '{name}'").format(name=operator_part)
            )
        plots = [p for p in plots if p.operator_id == match.value]
    index = NameIndex((p.id, p.name, ()) for p in plots)
    found = index.match(plot_part)
    if found.ok:
        return store.plots.get(found.value)
    if found.ambiguous:
        names = {o.id: o.name for o in store.operators.list()}
        options = ", ".join(f"{names[store.plots.get(i).operator_id]}/{plot_part}" for i in found.ambiguous)
        raise ValidationError(
            translate("db", "several plots are called '{name}'; write one of {options}").format(
                name=plot_part, options=options
            )
        )
    close = index.suggestions(plot_part)
    if close:
        raise NotFoundError(
            translate("db", "no plot '{name}'; did you mean {names}?").format(
                name=plot_part, names=join(close, translate("db", "{first}, {rest}"))
            )
        )
    raise NotFoundError(
        translate("db", "no plot '{name}'; write a plot name, or OPERATOR/PLOT").format(name=plot_part)
    )


def trace(store: Store, kind: QueryKind, query: str) -> Trace:
    """Dispatch a trace question: a lot code, a certificate number, a weighing ticket or a plot name."""
    if kind == "lot":
        return forward_from_lot(store, query)
    if kind == "certificate":
        return backward_from_certificate(store, query)
    if kind == "ticket":
        return backward_from_ticket(store, query)
    if kind == "plot":
        return forward_from_plot(store, find_plot(store, query).id)
    raise ValidationError(
        translate("db", "unknown trace kind '{kind}'; use lot, certificate, ticket or plot").format(kind=kind)
    )


_LOT = re.compile(r"L\d{6,8}-?\d+")
_CERTIFICATE = re.compile(r"HGZ\d{4}-?\d+")
_TICKET = re.compile(r"B\d")


def recognise(store: Store, text: str) -> tuple[QueryKind, str]:
    """What a typed or scanned code is, from its form: (kind, the code as stored).

    L… is a lot code, HGZ… a certificate number (a scanned certificate QR text gives its number),
    B… a weighing ticket; any other text is a ticket when a truck has exactly that ticket number,
    else a plot name. Full-width characters and lower case are read as the codes' own ASCII.
    """
    raw = text.strip()
    if raw.startswith("FJHGZ:"):
        return "certificate", raw.splitlines()[0][len("FJHGZ:") :].strip()
    code = normalize_text(raw).strip().upper().replace(" ", "")
    if _CERTIFICATE.fullmatch(code):
        return "certificate", code
    if _LOT.fullmatch(code):
        return "lot", code
    if _TICKET.match(code):
        return "ticket", code
    if raw and store.db.execute("SELECT 1 FROM shipments WHERE ticket_no = ?", [raw]).fetchone():
        return "ticket", raw
    return "plot", raw
