"""Report content as data: buyer statement and operator statement (park summary: db.documents.park_summary), exact.

Renderers (PDF, XLSX, CSV) only format what is here; every total is a sum of the rows it closes,
taken from stored line amounts, so a document's totals equal the database's sums to the fen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from db.errors import ValidationError
from db.i18n import translate
from db.organisation import DEFAULT_ORGANISATION, Organisation
from db.organisation import load as load_organisation
from db.records import Buyer, Operator
from db.repositories import FIRST_DATE, LAST_DATE, Store
from db.service_fee import NO_FEE, ServiceFee, get_service_fee

PARK_NAME = "遂潼涪江蔬菜乐园"
# A tonnage chart shows days up to this many, months beyond it.
MAX_DAILY_BARS = 62

Progress = Callable[[int, int], None]


def _check_period(start: str, end: str) -> None:
    try:
        first, last = date.fromisoformat(start), date.fromisoformat(end)
    except (TypeError, ValueError) as exc:
        raise ValidationError(
            translate("db", "the period {start} – {end} is not two dates (YYYY-MM-DD)").format(
                start=start, end=end
            )
        ) from exc
    for day in (first, last):
        if not FIRST_DATE <= day.isoformat() <= LAST_DATE:
            raise ValidationError(
                translate("db", "{value} is not between {first} and {last}; check the year").format(
                    value=day.isoformat(), first=FIRST_DATE, last=LAST_DATE
                )
            )
    if first > last:
        raise ValidationError(
            translate("db", "the period starts ({start}) after it ends ({end})").format(start=start, end=end)
        )


@dataclass(frozen=True, slots=True)
class StatementLine:
    """One shipment line on a statement (a truck with two crops gives two lines)."""

    ship_date: str
    ticket_no: str
    plate: str
    market: str
    crop: str
    grade: str  # code of db.units.GRADES
    net_g: int
    price: int  # effective price: settled when set, else agreed (0.0001 元/kg)
    amount_fen: int  # payable_g × price, rounded half up once to the fen
    operator: str
    buyer: str
    shipment_id: int
    line_no: int
    payable_g: int  # net_g less the line's share of the truck's deduction (db.deductions)
    agreed_price: int  # 约定价
    settled_price: int | None  # 实结价, when the price was settled after the sale
    gross_g: int  # the truck's weighbridge figures, the same on each of its lines
    tare_g: int
    crop_en: str = ""  # the crop's English name, when it has one (English documents)
    operator_en: str = ""  # the operator's and the market's English names, likewise
    market_en: str = ""
    packs: str = ""  # the count of packs net_g was estimated from ('3袋'); '' when weighed

    @property
    def estimated(self) -> bool:
        return bool(self.packs)

    @property
    def deduction_g(self) -> int:
        return self.net_g - self.payable_g

    @property
    def price_differs(self) -> bool:
        """Settled at another price than agreed: the statement shows both, marked."""
        return self.settled_price is not None and self.settled_price != self.agreed_price


@dataclass(frozen=True, slots=True)
class Weighing:
    """One truck on a statement as the weighbridge ticket has it: gross − tare = net; net − 扣重 = payable."""

    ship_date: str
    ticket_no: str
    plate: str
    gross_g: int
    tare_g: int
    net_g: int
    deduction_g: int

    @property
    def payable_g(self) -> int:
        return self.net_g - self.deduction_g

    @property
    def weighed(self) -> bool:
        """Weighed on the park's bridge (see Shipment.weighed): else gross and tare are shown as '—'."""
        return self.tare_g > 0


@dataclass(frozen=True, slots=True)
class Subtotal:
    """Lines, weight and amount of one crop, market, operator or buyer."""

    name: str
    lines: int
    net_g: int
    amount_fen: int
    payable_g: int = 0  # net less deductions: the weight the amount was billed on
    trucks: int = 0

    @property
    def deduction_g(self) -> int:
        return self.net_g - self.payable_g


@dataclass(frozen=True, slots=True)
class PaymentRow:
    pay_date: str
    method: str  # code of db.units.PAYMENT_METHODS
    reference: str
    amount_fen: int


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar of a tonnage chart: a day 'YYYY-MM-DD' or a month 'YYYY-MM', and its grams."""

    label: str
    grams: int


@dataclass(frozen=True, slots=True)
class BuyerStatement:
    """客商对账单: a buyer's shipments and payments over a period, with its balances."""

    park_name: str
    buyer: Buyer
    start: str
    end: str
    issued_on: str
    lines: tuple[StatementLine, ...]
    by_crop: tuple[Subtotal, ...]
    by_market: tuple[Subtotal, ...]
    payments: tuple[PaymentRow, ...]
    opening_fen: int  # balance owed before `start` (shipments − payments)
    tonnage: tuple[Bar, ...]
    organisation: Organisation = DEFAULT_ORGANISATION  # the park's letterhead (db/organisation.py)

    @property
    def shipped_g(self) -> int:
        return sum(line.net_g for line in self.lines)

    @property
    def payable_g(self) -> int:
        return sum(line.payable_g for line in self.lines)

    @property
    def deduction_g(self) -> int:
        return sum(line.deduction_g for line in self.lines)

    @property
    def shipped_fen(self) -> int:
        return sum(line.amount_fen for line in self.lines)

    @property
    def weighings(self) -> tuple[Weighing, ...]:
        """Each truck once, in statement order: gross − tare = net, and the deduction its lines bear."""
        deduction: dict[int, int] = {}
        first: dict[int, StatementLine] = {}
        for line in self.lines:
            first.setdefault(line.shipment_id, line)
            deduction[line.shipment_id] = deduction.get(line.shipment_id, 0) + line.deduction_g
        return tuple(
            Weighing(
                x.ship_date, x.ticket_no, x.plate, x.gross_g, x.tare_g, x.gross_g - x.tare_g, deduction[sid]
            )
            for sid, x in first.items()
        )

    @property
    def repriced(self) -> tuple[StatementLine, ...]:
        """Lines settled at another price than agreed (marked ※ on the statement)."""
        return tuple(line for line in self.lines if line.price_differs)

    @property
    def paid_fen(self) -> int:
        return sum(p.amount_fen for p in self.payments)

    @property
    def closing_fen(self) -> int:
        return self.opening_fen + self.shipped_fen - self.paid_fen

    @property
    def trucks(self) -> int:
        return len({line.shipment_id for line in self.lines})


_LINE_SQL = """
    SELECT s.ship_date, s.ticket_no, s.plate, coalesce(m.name, ''), c.name, l.grade, l.net_g,
           coalesce(l.settled_price, l.agreed_price), l.amount_fen, o.name, b.name, s.id, l.line_no,
           l.payable_g, l.agreed_price, l.settled_price, s.gross_g, s.tare_g, c.name_en, o.name_en,
           coalesce(m.name_en, ''), l.packs
    FROM shipments s
    JOIN shipment_lines l ON l.shipment_id = s.id
    JOIN crops c ON c.id = l.crop_id
    JOIN operators o ON o.id = l.operator_id
    JOIN buyers b ON b.id = s.buyer_id
    LEFT JOIN markets m ON m.id = s.market_id
"""


def _lines(store: Store, where: str, params: list) -> tuple[StatementLine, ...]:
    sql = f"{_LINE_SQL} WHERE {where} ORDER BY s.ship_date, s.ticket_no, s.id, l.line_no"
    return tuple(StatementLine(*row) for row in store.db.execute(sql, params))


def _subtotals(lines: tuple[StatementLine, ...], key: Callable[[StatementLine], str]) -> tuple[Subtotal, ...]:
    """Subtotals by key, heaviest first (then by name), each exact."""
    acc: dict[str, list[int]] = {}
    trucks: dict[str, set[int]] = {}
    for line in lines:
        name = key(line)
        slot = acc.setdefault(name, [0, 0, 0, 0])
        slot[0] += 1
        slot[1] += line.net_g
        slot[2] += line.amount_fen
        slot[3] += line.payable_g
        trucks.setdefault(name, set()).add(line.shipment_id)
    rows = [
        Subtotal(name, n, g, fen, payable, len(trucks[name])) for name, (n, g, fen, payable) in acc.items()
    ]
    rows.sort(key=lambda s: (-s.net_g, s.name))
    return tuple(rows)


def tonnage_bars(pairs: list[tuple[str, int]], start: str, end: str) -> tuple[Bar, ...]:
    """Grams per day (short periods) or per month, every bucket present, empty ones as 0."""
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    daily = (last - first).days + 1 <= MAX_DAILY_BARS
    buckets: dict[str, int] = {}
    day = first
    while day <= last:
        label = day.isoformat() if daily else day.isoformat()[:7]
        buckets.setdefault(label, 0)
        day += timedelta(days=1) if daily else timedelta(days=32 - day.day)
        if not daily:
            day = day.replace(day=1)
    for when, grams in pairs:
        label = when if daily else when[:7]
        if label in buckets:
            buckets[label] += grams
    return tuple(Bar(label, grams) for label, grams in buckets.items())


def buyer_statement(
    store: Store, buyer_id: int, start: str, end: str, *, issued_on: str | None = None
) -> BuyerStatement:
    """The buyer's lines, subtotals, payments and balances for start..end (inclusive)."""
    _check_period(start, end)
    buyer = store.buyers.get(buyer_id)
    lines = _lines(store, "s.buyer_id = ? AND s.ship_date BETWEEN ? AND ?", [buyer_id, start, end])
    payments = tuple(
        PaymentRow(*row)
        for row in store.db.execute(
            "SELECT pay_date, method, reference, amount_fen FROM payments "
            "WHERE buyer_id = ? AND pay_date BETWEEN ? AND ? ORDER BY pay_date, id",
            [buyer_id, start, end],
        )
    )
    shipped_before = store.db.execute(
        "SELECT coalesce(sum(l.amount_fen), 0) FROM shipments s JOIN shipment_lines l "
        "ON l.shipment_id = s.id WHERE s.buyer_id = ? AND s.ship_date < ?",
        [buyer_id, start],
    ).fetchone()[0]
    paid_before = store.db.execute(
        "SELECT coalesce(sum(amount_fen), 0) FROM payments WHERE buyer_id = ? AND pay_date < ?",
        [buyer_id, start],
    ).fetchone()[0]
    org = load_organisation(store.db)
    return BuyerStatement(
        park_name=org.name,
        organisation=org,
        buyer=buyer,
        start=start,
        end=end,
        issued_on=issued_on or date.today().isoformat(),
        lines=lines,
        by_crop=_subtotals(lines, lambda line: line.crop),
        by_market=_subtotals(lines, lambda line: line.market),
        payments=payments,
        opening_fen=shipped_before - paid_before,
        tonnage=tonnage_bars([(line.ship_date, line.net_g) for line in lines], start, end),
    )


def buyers_active(store: Store, start: str, end: str) -> list[Buyer]:
    """Buyers with a shipment or payment in the period, or a balance carried into it; by name."""
    _check_period(start, end)
    ids = [
        row[0]
        for row in store.db.execute(
            """SELECT id FROM buyers WHERE
                 EXISTS (SELECT 1 FROM shipments s WHERE s.buyer_id = buyers.id AND s.ship_date <= ?)
                 OR EXISTS (SELECT 1 FROM payments p WHERE p.buyer_id = buyers.id AND p.pay_date <= ?)
               ORDER BY name""",
            [end, end],
        )
    ]
    return store.buyers.get_many(ids)


@dataclass(frozen=True, slots=True)
class HarvestRow:
    harvest_date: str
    lot_code: str
    plot: str
    crop: str
    grade: str
    weight_g: int
    crop_en: str = ""


@dataclass(frozen=True, slots=True)
class CropRevenue:
    """An operator's harvested, shipped and payable grams and revenue of one crop."""

    crop: str
    harvested_g: int
    shipped_g: int
    amount_fen: int
    payable_g: int = 0
    crop_en: str = ""

    @property
    def deduction_g(self) -> int:
        return self.shipped_g - self.payable_g


@dataclass(frozen=True, slots=True)
class OperatorStatement:
    """经营主体结算单: an operator's sales by buyer (payable weights, deductions), the park's service
    fee where one is set, and the net proceeds; with the sales lines and harvests behind them."""

    park_name: str
    operator: Operator
    start: str
    end: str
    issued_on: str
    harvests: tuple[HarvestRow, ...]
    lines: tuple[StatementLine, ...]
    by_crop: tuple[CropRevenue, ...]
    by_buyer: tuple[Subtotal, ...]
    fee: ServiceFee = NO_FEE
    organisation: Organisation = DEFAULT_ORGANISATION  # the park's letterhead (db/organisation.py)

    @property
    def harvested_g(self) -> int:
        return sum(h.weight_g for h in self.harvests)

    @property
    def shipped_g(self) -> int:
        return sum(line.net_g for line in self.lines)

    @property
    def payable_g(self) -> int:
        return sum(line.payable_g for line in self.lines)

    @property
    def deduction_g(self) -> int:
        return self.shipped_g - self.payable_g

    @property
    def revenue_fen(self) -> int:
        return sum(line.amount_fen for line in self.lines)

    @property
    def trucks(self) -> int:
        return len({line.shipment_id for line in self.lines})

    @property
    def fee_fen(self) -> int:
        """The service fee on the period's totals, rounded half up to the fen once."""
        return self.fee.fee_fen(self.payable_g, self.revenue_fen)

    @property
    def net_fen(self) -> int:
        """Net proceeds: sales less the service fee."""
        return self.revenue_fen - self.fee_fen


def operator_statement(
    store: Store,
    operator_id: int,
    start: str,
    end: str,
    *,
    issued_on: str | None = None,
    fee: ServiceFee | None = None,
) -> OperatorStatement:
    """The operator's statement for start..end; the fee is the park's setting unless given."""
    _check_period(start, end)
    operator = store.operators.get(operator_id)
    harvests = tuple(
        HarvestRow(*row)
        for row in store.db.execute(
            """SELECT h.harvest_date, h.lot_code, coalesce(p.name, ''), c.name, h.grade, h.weight_g, c.name_en
               FROM harvests h JOIN crops c ON c.id = h.crop_id LEFT JOIN plots p ON p.id = h.plot_id
               WHERE h.operator_id = ? AND h.harvest_date BETWEEN ? AND ?
               ORDER BY h.harvest_date, h.lot_code""",
            [operator_id, start, end],
        )
    )
    lines = _lines(store, "l.operator_id = ? AND s.ship_date BETWEEN ? AND ?", [operator_id, start, end])
    crops: dict[str, list[int]] = {}
    english: dict[str, str] = {}
    for h in harvests:
        crops.setdefault(h.crop, [0, 0, 0, 0])[0] += h.weight_g
        english[h.crop] = h.crop_en
    for line in lines:
        slot = crops.setdefault(line.crop, [0, 0, 0, 0])
        slot[1] += line.net_g
        slot[2] += line.amount_fen
        slot[3] += line.payable_g
        english[line.crop] = line.crop_en
    by_crop = sorted(
        (CropRevenue(name, *values, english[name]) for name, values in crops.items()),
        key=lambda r: (-r.amount_fen, -r.harvested_g, r.crop),
    )
    org = load_organisation(store.db)
    return OperatorStatement(
        park_name=org.name,
        organisation=org,
        operator=operator,
        start=start,
        end=end,
        issued_on=issued_on or date.today().isoformat(),
        harvests=harvests,
        lines=lines,
        by_crop=tuple(by_crop),
        by_buyer=_subtotals(lines, lambda line: line.buyer),
        fee=get_service_fee(store) if fee is None else fee,
    )


def period_bounds(period: str) -> tuple[str, str]:
    """'2026-01' → ('2026-01-01', '2026-01-31'); '2026' → ('2026-01-01', '2026-12-31').

    Years 1900–2099 (the dates the program accepts); anything else is a ValidationError.
    """
    bounds = _bounds(period)
    if bounds is None or not FIRST_DATE <= bounds[0] <= LAST_DATE:
        raise ValidationError(
            translate(
                "db", "'{period}' is not a month (YYYY-MM) or a year (YYYY) between {first} and {last}"
            ).format(period=period, first=FIRST_DATE[:4], last=LAST_DATE[:4])
        )
    return bounds


def _bounds(period: str) -> tuple[str, str] | None:
    if not period.isascii():
        return None
    try:
        if len(period) == 4 and period.isdigit():
            year = int(period)
            return date(year, 1, 1).isoformat(), date(year, 12, 31).isoformat()
        if len(period) == 7 and period[4] == "-" and period[:4].isdigit() and period[5:].isdigit():
            first = date(int(period[:4]), int(period[5:]), 1)
            nxt = (first + timedelta(days=32)).replace(day=1)
            return first.isoformat(), (nxt - timedelta(days=1)).isoformat()
    except (ValueError, OverflowError):
        pass
    return None
