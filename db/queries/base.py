"""What every query shares: filters, result records, exact rounding, seasons and periods, SQL helpers."""

from __future__ import annotations

import dataclasses
from calendar import monthrange
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

from db import units

BUCKETS = ("day", "week", "month", "year")
Bucket = Literal["day", "week", "month", "year"]
Kind = Literal["harvest", "shipment"]

# The park's season runs from 1 November to 31 October: the winter peak (Nov–Apr in DOMAIN.md)
# then falls inside one season instead of being cut at New Year.
SEASON_START_MONTH = 11

# market_key of a shipment without a destination market in shipment_daily.
NO_MARKET_KEY = 0

# grams × price units / _PRICE_DIVISOR = fen, so fen × _PRICE_DIVISOR / grams = price units.
_PRICE_DIVISOR = units.G_PER_KG * units.PRICE_SCALE // units.FEN_PER_YUAN


def _div_half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded half away from zero (denominator > 0)."""
    q = (abs(numerator) * 2 + denominator) // (denominator * 2)
    return q if numerator >= 0 else -q


def _mean_price(amount_fen: int, net_g: int) -> int | None:
    """Revenue per kg in stored price units, half-up: amount_fen × 100_000 / net_g."""
    if net_g <= 0:
        return None
    return _div_half_up(amount_fen * _PRICE_DIVISOR, net_g)


def _price_decimal(price: int | None) -> Decimal | None:
    return None if price is None else units.price_per_kg(price)


@dataclass(frozen=True, slots=True)
class Filters:
    """What every chart shares: an inclusive date range and id/grade restrictions."""

    start: str | None = None  # inclusive 'YYYY-MM-DD'
    end: str | None = None  # inclusive 'YYYY-MM-DD'
    operator_ids: tuple[int, ...] = ()
    crop_ids: tuple[int, ...] = ()
    buyer_ids: tuple[int, ...] = ()
    # None (or 0) selects shipments without a destination market.
    market_ids: tuple[int | None, ...] = ()
    grades: tuple[str, ...] = ()

    def with_dates(self, start: str | None, end: str | None) -> Filters:
        """The same filter over another date range."""
        return dataclasses.replace(self, start=start, end=end)

    def shifted(self, years: int) -> Filters:
        """The same filter moved by whole years (-1: the same period last year), as compare_kpis does."""
        _check_day("start", self.start)
        _check_day("end", self.end)
        start = None if self.start is None else shift_years(date.fromisoformat(self.start), years)
        end = None if self.end is None else _shift_end(date.fromisoformat(self.end), years)
        return self.with_dates(
            None if start is None else start.isoformat(), None if end is None else end.isoformat()
        )


@dataclass(frozen=True, slots=True)
class YearTotal:
    year: int
    harvested_g: int
    shipped_g: int
    revenue_fen: int
    payments_fen: int


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """Harvested grams in one period for one key (operator or crop id; None when not grouped)."""

    period: str
    key: int | None
    grams: int


@dataclass(frozen=True, slots=True)
class ShipPoint:
    """Shipped net grams and line amounts in one period for one key (None: not grouped / no market)."""

    period: str
    key: int | None
    net_g: int
    amount_fen: int


@dataclass(frozen=True, slots=True)
class PricePoint:
    """Realised prices of one crop (None: all crops) in one period.

    min_price / max_price are the lowest and highest effective line prices (settled when set,
    else agreed). The weighted mean is revenue over the payable weight the amounts were billed
    on (amount_fen / payable_g, net less deductions), i.e. it is built from the stored, rounded
    line amounts, so it agrees with every revenue total.
    """

    period: str
    crop_id: int | None
    payable_g: int
    amount_fen: int
    min_price: int
    max_price: int

    @property
    def mean_price(self) -> int:
        """Weighted mean in stored price units (0.0001 元/kg), rounded half up."""
        return _mean_price(self.amount_fen, self.payable_g) or 0

    @property
    def mean_price_per_kg(self) -> Decimal:
        """Weighted mean in 元/kg, to 0.0001 元 (the stored price resolution), rounded half up."""
        return units.price_per_kg(self.mean_price)


@dataclass(frozen=True, slots=True)
class Flow:
    """Net grams that went from an operator via a buyer to a market (None: no market recorded)."""

    operator_id: int
    buyer_id: int
    market_id: int | None
    net_g: int


@dataclass(frozen=True, slots=True)
class OperatorStat:
    """One operator's output over the filtered period.

    share is the operator's exact fraction of the park's harvested grams under the same
    filters except `operator_ids` (so a single operator still shows its share of the park);
    shipped_share is the same for shipped grams. yield_per_mu_g is harvested grams per 亩,
    rounded half up (None when the operator has no recorded area).
    """

    operator_id: int
    name: str
    area_mu_x100: int
    harvested_g: int
    shipped_g: int
    revenue_fen: int
    share: Fraction
    shipped_share: Fraction
    yield_per_mu_g: int | None

    @property
    def share_bp(self) -> int:
        """share in basis points (1/100 of a percent), rounded half up."""
        return _div_half_up(self.share.numerator * 10_000, self.share.denominator)


@dataclass(frozen=True, slots=True)
class BuyerBalance:
    """A buyer's account: shipments (line amounts) minus payments; positive means the buyer owes."""

    buyer_id: int
    name: str
    shipped_fen: int
    paid_fen: int
    balance_fen: int
    last_shipment: str | None
    last_payment: str | None


@dataclass(frozen=True, slots=True)
class Kpis:
    """Dashboard figures for an inclusive period.

    outstanding_fen is the sum of the positive buyer balances as of `end` (a buyer in credit does
    not offset another's debt); it honours `buyer_ids` only. certificates_issued counts valid
    (not voided) certificates issued in the period, honouring operator and crop filters, and
    buyer/market filters through the certificate's shipment.
    """

    start: str
    end: str
    harvested_g: int
    shipped_g: int
    revenue_fen: int
    outstanding_fen: int
    certificates_issued: int
    payable_g: int | None = None  # shipped net less deductions (None: taken as shipped_g)

    @property
    def mean_price(self) -> int | None:
        """Revenue per payable kg (the weight the amounts were billed on) in stored price units,
        half-up; None when nothing was shipped."""
        return _mean_price(self.revenue_fen, self.shipped_g if self.payable_g is None else self.payable_g)

    @property
    def mean_price_per_kg(self) -> Decimal | None:
        """Revenue per kg shipped in 元/kg to 0.0001, half-up; None when nothing was shipped."""
        return _price_decimal(self.mean_price)


# ---------------------------------------------------------------- dates and periods


def _as_date(day: str | date) -> date:
    return day if isinstance(day, date) else date.fromisoformat(day)


def _check_day(name: str, value: str | None) -> None:
    # Bound as text and compared as text, so only the canonical form may pass.
    if value is None:
        return
    try:
        ok = len(value) == 10 and date.fromisoformat(value).isoformat() == value
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise ValueError(f"{name}: '{value}' is not a date (YYYY-MM-DD)")


def season_of(day: date) -> tuple[date, date]:
    """The park season holding `day`: 1 November to the next 31 October, inclusive.

    The season starts in November because the winter peak (Nov–Apr, DOMAIN.md) is the heart
    of the park's year; a calendar year would cut it in two.
    """
    first_year = day.year if day.month >= SEASON_START_MONTH else day.year - 1
    start = date(first_year, SEASON_START_MONTH, 1)
    return start, date(first_year + 1, SEASON_START_MONTH, 1) - timedelta(days=1)


def month_of(day: date) -> tuple[date, date]:
    """First and last day of the calendar month holding `day`."""
    return day.replace(day=1), day.replace(day=monthrange(day.year, day.month)[1])


def shift_years(day: date, years: int) -> date:
    """The same calendar day `years` later (earlier if negative); 29 February becomes the 28th."""
    year = day.year + years
    return day.replace(year=year, day=min(day.day, monthrange(year, day.month)[1]))


def _shift_end(day: date, years: int) -> date:
    # The last day of a month stays the last day (28 Feb 2025 → 29 Feb 2024), so whole months match.
    shifted = shift_years(day, years)
    if day.day == monthrange(day.year, day.month)[1]:
        shifted = month_of(shifted)[1]
    return shifted


def bucket_start(day: str | date, bucket: Bucket) -> str:
    """The label of the bucket holding `day` (Python twin of the SQL bucketing)."""
    d = _as_date(day)
    if bucket == "day":
        return d.isoformat()
    if bucket == "week":
        return (d - timedelta(days=d.weekday())).isoformat()
    if bucket == "month":
        return d.replace(day=1).isoformat()
    if bucket == "year":
        return date(d.year, 1, 1).isoformat()
    raise ValueError(f"unknown bucket '{bucket}'; use one of {', '.join(BUCKETS)}")


def periods(start: str, end: str, bucket: Bucket) -> list[str]:
    """Every bucket label from the one holding `start` to the one holding `end`, so a chart can
    show empty periods as zero."""
    current = _as_date(bucket_start(start, bucket))
    last = _as_date(bucket_start(end, bucket))
    out = []
    while current <= last:
        out.append(current.isoformat())
        if bucket == "day":
            current += timedelta(days=1)
        elif bucket == "week":
            current += timedelta(days=7)
        elif bucket == "month":
            current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
        else:
            current = date(current.year + 1, 1, 1)
    return out


# SQL twins of bucket_start over a 'YYYY-MM-DD' text column. The week needs '-6 days' first:
# 'weekday 1' moves forward to the next Monday (staying on a Monday), so from six days earlier
# it lands on the Monday on or before the day — including the day itself when it is a Monday.
_BUCKET_SQL = {
    "day": "{col}",
    "week": "date({col}, '-6 days', 'weekday 1')",
    "month": "substr({col}, 1, 7) || '-01'",
    "year": "substr({col}, 1, 4) || '-01-01'",
}


def _bucket_sql(bucket: str, col: str = "day") -> str:
    if bucket not in _BUCKET_SQL:
        raise ValueError(f"unknown bucket '{bucket}'; use one of {', '.join(BUCKETS)}")
    return _BUCKET_SQL[bucket].format(col=col)


# ---------------------------------------------------------------- SQL helpers


def _rows(db: Any, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
    return list(db.execute(sql, list(params)).fetchall())


def _in(column: str, values: Iterable[Any], clauses: list[str], params: list[Any]) -> None:
    values = list(dict.fromkeys(values))
    if values:
        clauses.append(f"{column} IN ({', '.join('?' * len(values))})")
        params.extend(values)


def _where(f: Filters, kind: Kind, *, operators: bool = True, crops: bool = True) -> tuple[str, list[Any]]:
    """WHERE clause and parameters over harvest_daily or shipment_daily (both key dates as `day`)."""
    _check_day("start", f.start)
    _check_day("end", f.end)
    clauses: list[str] = []
    params: list[Any] = []
    if f.start is not None:
        clauses.append("day >= ?")
        params.append(f.start)
    if f.end is not None:
        clauses.append("day <= ?")
        params.append(f.end)
    if operators:
        _in("operator_id", f.operator_ids, clauses, params)
    if crops:
        _in("crop_id", f.crop_ids, clauses, params)
    if kind == "shipment":
        _in("buyer_id", f.buyer_ids, clauses, params)
        keys = [NO_MARKET_KEY if m is None else m for m in f.market_ids]
        _in("market_key", keys, clauses, params)
    _in("grade", f.grades, clauses, params)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _market_id(key: int | None) -> int | None:
    return None if key is None or key == NO_MARKET_KEY else key


_HARVEST_KEYS = {"operator": "operator_id", "crop": "crop_id"}
_SHIPMENT_KEYS = {"operator": "operator_id", "crop": "crop_id", "market": "market_key", "buyer": "buyer_id"}
_NAME_TABLES = {"operator": "operators", "crop": "crops", "market": "markets", "buyer": "buyers"}


def _key_column(kind: Kind, group_by: str | None) -> str:
    if group_by is None:
        return "NULL"
    keys = _HARVEST_KEYS if kind == "harvest" else _SHIPMENT_KEYS
    if group_by not in keys:
        raise ValueError(f"{kind} figures cannot be grouped by '{group_by}'; use one of {', '.join(keys)}")
    return keys[group_by]


def _bucketed(
    bucket: str,
    column: str,
    aggregates: str,
    source: str | Sequence[tuple[str, bool]],
    sums: Sequence[str],
    by_filter: bool = False,
) -> str:
    """SQL for `aggregates` from `source` (table and WHERE) per period and key `column` (k).

    The rows are first grouped by day and key: a covering index on (day, …) or (key, day, …)
    hands the summary rows over already grouped (SQLite may take GROUP BY terms in any order),
    so no temporary B-tree is built over them. Only those few grouped rows get the date arithmetic and the second
    grouping into periods (`sums` re-aggregates the inner columns), so the date function runs
    once per day and key, not once per summary row. Ungrouped (column 'NULL') the constant stays
    out of the GROUP BY: `GROUP BY day, NULL` is sorted in a temporary B-tree, 3–4× slower.
    `source` may be several (table and WHERE, by_filter) pairs whose rows are added up (UNION ALL):
    the monthly rollup for whole months and the daily rows for the months a period cuts.
    """
    parts = [(source, by_filter)] if isinstance(source, str) else list(source)
    inners, keys = [], "day" if column == "NULL" else "day, k"
    for table, filtered in parts:
        keys = "day" if column == "NULL" else "day, k"
        if filtered:  # no index order for the grouping: the WHERE clause's index reads the rows
            keys = "+day" if column == "NULL" else f"+day, +{column}"
        inners.append(f"SELECT day, {column} AS k, {aggregates} FROM {table} GROUP BY {keys}")
    inner = " UNION ALL ".join(inners)
    if bucket == "day" and len(inners) == 1:
        return f"{inner} ORDER BY {keys}"
    outer = ", ".join(sums)
    return (
        f"SELECT {_bucket_sql(bucket)} AS period, k, {outer} FROM ({inner}) "
        "GROUP BY period, k ORDER BY period, k"
    )
