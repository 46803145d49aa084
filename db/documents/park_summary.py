"""产销月报 / 年报: the park's figures for a month or a year as the town asks for them.

Every operator is listed, also one with nothing in the period. Each row carries the period, the
period before it (环比, months only), the same period a year earlier (同比) and the year to date
(累计) with last year's year to date, so the renderers only divide and format. Shares and changes
are exact fractions here; documents round them once, half up, to 0.1 %.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from fractions import Fraction

from db.documents.reports import _bounds, period_bounds
from db.organisation import load as load_organisation
from db.repositories import Store


@dataclass(frozen=True, slots=True)
class Figures:
    """What one operator, crop, market or month did over one span of days."""

    trucks: int = 0
    shipped_g: int = 0
    payable_g: int = 0
    amount_fen: int = 0
    harvested_g: int = 0

    def __add__(self, other: Figures) -> Figures:
        return Figures(
            self.trucks + other.trucks,
            self.shipped_g + other.shipped_g,
            self.payable_g + other.payable_g,
            self.amount_fen + other.amount_fen,
            self.harvested_g + other.harvested_g,
        )

    @property
    def average_price(self) -> Decimal | None:
        """元/公斤 over the payable weight the amounts were billed on; None when nothing was sold."""
        if self.payable_g == 0:
            return None
        return Decimal(self.amount_fen) * 10 / Decimal(self.payable_g)


ZERO = Figures()


def change(current: int, previous: int) -> Fraction | None:
    """(current − previous) / previous exactly; None when there was nothing before."""
    if previous == 0:
        return None
    return Fraction(current - previous, previous)


@dataclass(frozen=True, slots=True)
class SummaryRow:
    """One operator, crop, market or month: the period and what it is compared with."""

    name: str
    now: Figures
    last_year: Figures  # the same span a year earlier (同比)
    previous: Figures  # the span before (环比): the previous month; for a year, the previous year
    ytd: Figures  # 1 January to the end of the span (累计)
    ytd_last_year: Figures
    name_en: str = ""  # the crop's, operator's or market's English name, when it has one


@dataclass(frozen=True, slots=True)
class Spans:
    start: str
    end: str
    last_year: tuple[str, str]
    previous: tuple[str, str]
    ytd: tuple[str, str]
    ytd_last_year: tuple[str, str]


@dataclass(frozen=True, slots=True)
class ParkReport:
    """The month's or year's report: totals, and rows by operator, crop, market (and month)."""

    park_name: str
    period: str  # 'YYYY-MM' or 'YYYY'
    spans: Spans
    issued_on: str
    total: SummaryRow
    by_operator: tuple[SummaryRow, ...]
    by_crop: tuple[SummaryRow, ...]
    by_market: tuple[SummaryRow, ...]
    by_month: tuple[SummaryRow, ...] = field(default=())  # a year only

    @property
    def is_year(self) -> bool:
        return len(self.period) == 4

    @property
    def start(self) -> str:
        return self.spans.start

    @property
    def end(self) -> str:
        return self.spans.end

    def share(self, row: SummaryRow) -> Fraction | None:
        """The row's share of the period's shipped weight."""
        total = self.total.now.shipped_g
        return None if total == 0 else Fraction(row.now.shipped_g, total)


def spans(period: str) -> Spans:
    start, end = period_bounds(period)
    year = int(period[:4])
    last_year = _bounds(f"{year - 1:04d}{period[4:]}")
    assert last_year is not None
    if len(period) == 4:
        previous = last_year
        ytd = (start, end)
    else:
        month = int(period[5:])
        before = f"{year - 1:04d}-12" if month == 1 else f"{year:04d}-{month - 1:02d}"
        previous = _bounds(before)
        ytd = (f"{year:04d}-01-01", end)
    assert previous is not None
    ytd_last_year = (f"{year - 1:04d}-01-01", last_year[1])
    return Spans(start, end, last_year, previous, ytd, ytd_last_year)


# Each grouping: the name of a shipment line's group, of a truck's, and of a harvest's.
_GROUPS = {
    "operator": (
        "o.name",
        "JOIN operators o ON o.id = d.operator_id",
        "JOIN operators o ON o.id = h.operator_id",
    ),
    "crop": ("c.name", "JOIN crops c ON c.id = d.crop_id", "JOIN crops c ON c.id = h.crop_id"),
    "market": ("coalesce(m.name, '')", "LEFT JOIN markets m ON m.id = d.market_key", None),
    "month": ("substr({day}, 1, 7)", "", ""),
    "total": ("''", "", ""),
}
# Trucks are counted from the shipments themselves: a truck with two crops is one truck of each.
_TRUCKS = {
    "operator": """SELECT o.name, count(DISTINCT s.id) FROM shipments s
                   JOIN shipment_lines l ON l.shipment_id = s.id JOIN operators o ON o.id = l.operator_id
                   WHERE s.ship_date BETWEEN ? AND ? GROUP BY 1""",
    "crop": """SELECT c.name, count(DISTINCT s.id) FROM shipments s
               JOIN shipment_lines l ON l.shipment_id = s.id JOIN crops c ON c.id = l.crop_id
               WHERE s.ship_date BETWEEN ? AND ? GROUP BY 1""",
    "market": """SELECT coalesce(m.name, ''), count(*) FROM shipments s LEFT JOIN markets m ON m.id = s.market_id
                 WHERE s.ship_date BETWEEN ? AND ? GROUP BY 1""",
    "month": "SELECT substr(ship_date, 1, 7), count(*) FROM shipments WHERE ship_date BETWEEN ? AND ? GROUP BY 1",
    "total": "SELECT '', count(*) FROM shipments WHERE ship_date BETWEEN ? AND ?",
}


def _figures(store: Store, group: str, lo: str, hi: str) -> dict[str, Figures]:
    name, ship_join, harvest_join = _GROUPS[group]
    acc: dict[str, list[int]] = {}
    sql = (
        f"SELECT {name.format(day='d.day')}, sum(d.net_g), sum(d.payable_g), sum(d.amount_fen) "
        f"FROM shipment_daily d {ship_join} WHERE d.day BETWEEN ? AND ? GROUP BY 1"
    )
    for key, net, payable, fen in store.db.execute(sql, [lo, hi]):
        slot = acc.setdefault(key, [0] * 5)
        slot[1], slot[2], slot[3] = net, payable, fen
    for key, trucks in store.db.execute(_TRUCKS[group], [lo, hi]):
        acc.setdefault(key, [0] * 5)[0] = trucks
    if harvest_join is not None:
        sql = (
            f"SELECT {name.format(day='h.day')}, sum(h.weight_g) FROM harvest_daily h {harvest_join} "
            "WHERE h.day BETWEEN ? AND ? GROUP BY 1"
        )
        for key, grams in store.db.execute(sql, [lo, hi]):
            acc.setdefault(key, [0] * 5)[4] = grams
    return {key: Figures(*values) for key, values in acc.items()}


def _rows(store: Store, group: str, s: Spans, names: list[str] | None = None) -> list[SummaryRow]:
    columns = [
        _figures(store, group, *span)
        for span in ((s.start, s.end), s.last_year, s.previous, s.ytd, s.ytd_last_year)
    ]
    keys = list(names or [])
    for column in columns:
        keys += [k for k in column if k not in keys]
    return [SummaryRow(k, *(column.get(k, ZERO) for column in columns)) for k in keys]


def _months(store: Store, s: Spans, year: int) -> tuple[SummaryRow, ...]:
    """Twelve months: each against the month before (December of last year for January), the same
    month last year, and the year to date."""
    this = _figures(store, "month", f"{year:04d}-01-01", f"{year:04d}-12-31")
    before = _figures(store, "month", f"{year - 1:04d}-01-01", f"{year - 1:04d}-12-31")
    rows = []
    ytd, ytd_before = ZERO, ZERO
    previous = before.get(f"{year - 1:04d}-12", ZERO)
    for m in range(1, 13):
        now = this.get(f"{year:04d}-{m:02d}", ZERO)
        last = before.get(f"{year - 1:04d}-{m:02d}", ZERO)
        ytd, ytd_before = ytd + now, ytd_before + last
        rows.append(SummaryRow(f"{year:04d}-{m:02d}", now, last, previous, ytd, ytd_before))
        previous = now
    return tuple(rows)


def _order(rows: list[SummaryRow]) -> tuple[SummaryRow, ...]:
    """Biggest this period first; rows with nothing keep their name order at the end."""
    return tuple(sorted(rows, key=lambda r: (-r.now.shipped_g, -r.now.harvested_g, -r.ytd.shipped_g, r.name)))


def park_report(store: Store, period: str, *, issued_on: str | None = None) -> ParkReport:
    """The report for a month ('2026-11') or a year ('2026')."""
    s = spans(period)
    operators = [
        row[0] for row in store.db.execute("SELECT name FROM operators WHERE archived = 0 ORDER BY name")
    ]

    def english(rows: tuple[SummaryRow, ...], table: str) -> tuple[SummaryRow, ...]:
        names = dict(store.db.execute(f"SELECT name, name_en FROM {table}").fetchall())
        return tuple(replace(r, name_en=names.get(r.name) or "") for r in rows)

    by_operator = english(_order(_rows(store, "operator", s, operators)), "operators")
    by_crop = english(_order(_rows(store, "crop", s)), "crops")
    by_market = english(_order(_rows(store, "market", s)), "markets")
    total = _rows(store, "total", s, [""])[0]
    by_month = _months(store, s, int(period[:4])) if len(period) == 4 else ()
    return ParkReport(
        park_name=load_organisation(store.db).name,  # the park's own name from its settings
        period=period,
        spans=s,
        issued_on=issued_on or date.today().isoformat(),
        total=total,
        by_operator=by_operator,
        by_crop=by_crop,
        by_market=by_market,
        by_month=by_month,
    )
