"""Read-only aggregates for the dashboard, charts, statistics and reports (exact integers, no Qt).

Conventions shared by every function here:

- `db` is a sqlite-utils `Database` (or a plain `sqlite3.Connection`); nothing here writes.
- Weights are integer grams, money integer fen, prices integer units of 0.0001 元/kg
  (`db.units.PRICE_SCALE`). Sums are done by SQLite on integers; nothing is float-summed.
- Shipment figures come from the trigger-maintained daily summary `shipment_daily` and harvest
  figures from `harvest_daily`, so a chart refresh reads ~100k summary rows, not a million lines.
  Revenue is the sum of stored line amounts (settled price when set, else agreed price).
- `Filters` combine as AND across dimensions and OR within one dimension's tuple; an empty tuple
  means "no restriction". Harvests have no buyer or market, so harvest figures ignore
  `buyer_ids` and `market_ids`. A grade filter uses the grade of the harvest lot or of the
  shipment line. To select shipments without a destination market put `None` (or 0) in
  `market_ids`; results report such shipments with market id `None`.
- Periods are labelled by the first day of their bucket, as 'YYYY-MM-DD' text: a day by itself,
  an ISO week by its Monday, a month by 'YYYY-MM-01', a year by 'YYYY-01-01'. Series are ordered
  by period, then key (None first).
- Rounding, where a figure is not an integer sum, is half up and done once (stated per field).
- Results are frozen dataclasses or plain tuples; ids are returned, names only where stated.
"""

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


def _bucketed(bucket: str, column: str, aggregates: str, source: str, sums: Sequence[str]) -> str:
    """SQL for `aggregates` from `source` (table and WHERE) per period and key `column` (k).

    The rows are first grouped by day and key: a covering index on (day, …) or (key, day, …)
    hands the summary rows over already grouped (SQLite may take GROUP BY terms in any order),
    so no temporary B-tree is built over them. Only those few grouped rows get the date arithmetic and the second
    grouping into periods (`sums` re-aggregates the inner columns), so the date function runs
    once per day and key, not once per summary row. Ungrouped (column 'NULL') the constant stays
    out of the GROUP BY: `GROUP BY day, NULL` is sorted in a temporary B-tree, 3–4× slower.
    """
    keys = "day" if column == "NULL" else "day, k"
    inner = f"SELECT day, {column} AS k, {aggregates} FROM {source} GROUP BY {keys}"
    if bucket == "day":
        return f"{inner} ORDER BY {keys}"
    outer = ", ".join(sums)
    return (
        f"SELECT {_bucket_sql(bucket)} AS period, k, {outer} FROM ({inner}) "
        "GROUP BY period, k ORDER BY period, k"
    )


# ---------------------------------------------------------------- aggregates

COUNTED_TABLES = (  # what record_counts() counts, and what a backup is checked against
    "operators",
    "plots",
    "crops",
    "markets",
    "buyers",
    "harvests",
    "shipments",
    "shipment_lines",
    "payments",
    "certificates",
    "audit_log",
)


def record_counts(db: Any) -> dict[str, int]:
    """Rows per table: operators, plots, crops, markets, buyers, harvests, shipments,
    shipment_lines, payments, certificates, audit_log."""
    return {table: _rows(db, f"SELECT count(*) FROM {table}")[0][0] for table in COUNTED_TABLES}


def date_bounds(db: Any) -> tuple[str | None, str | None]:
    """First and last day with a harvest or a shipment; (None, None) for an empty database."""
    # One min() or max() per sub-select, so each is a single primary-key seek.
    row = _rows(
        db,
        "SELECT (SELECT min(day) FROM shipment_daily), (SELECT max(day) FROM shipment_daily), "
        "(SELECT min(day) FROM harvest_daily), (SELECT max(day) FROM harvest_daily)",
    )[0]
    firsts = [d for d in (row[0], row[2]) if d is not None]
    lasts = [d for d in (row[1], row[3]) if d is not None]
    return (min(firsts) if firsts else None, max(lasts) if lasts else None)


def yearly_totals(db: Any) -> list[YearTotal]:
    """Per calendar year with any harvest, shipment or payment: harvested and shipped grams,
    revenue (line amounts) and payments received. Ordered by year."""
    years: dict[int, list[int]] = {}

    def add(rows: list[tuple], slots: Sequence[int]) -> None:
        for row in rows:
            totals = years.setdefault(int(row[0]), [0, 0, 0, 0])
            for slot, value in zip(slots, row[1:], strict=True):
                totals[slot] += value

    add(
        _rows(
            db,
            "SELECT substr(day, 1, 4) AS y, sum(g) FROM "
            "(SELECT day, sum(weight_g) AS g FROM harvest_daily GROUP BY day) GROUP BY y",
        ),
        (0,),
    )
    add(
        _rows(
            db,
            "SELECT substr(day, 1, 4) AS y, sum(g), sum(a) FROM "
            "(SELECT day, sum(net_g) AS g, sum(amount_fen) AS a FROM shipment_daily GROUP BY day) GROUP BY y",
        ),
        (1, 2),
    )
    add(_rows(db, "SELECT substr(pay_date, 1, 4) AS y, sum(amount_fen) FROM payments GROUP BY y"), (3,))
    return [YearTotal(year, *years[year]) for year in sorted(years)]


def yearly_by(db: Any, kind: Kind, dim: str) -> list[tuple[int, int | None, str, int]]:
    """(year, key id, key name, grams) per calendar year and operator/crop (harvests) or
    operator/crop/market/buyer (shipments); ordered by year, then grams descending, then id.
    A shipment without market has key id None and name ''. Raises ValueError for a harvest
    by market or buyer."""
    if kind not in ("harvest", "shipment"):
        raise ValueError(f"unknown kind '{kind}'; use 'harvest' or 'shipment'")
    column = _key_column(kind, dim)
    table, grams = ("harvest_daily", "weight_g") if kind == "harvest" else ("shipment_daily", "net_g")
    names = dict(_rows(db, f"SELECT id, name FROM {_NAME_TABLES[dim]}"))
    rows = _rows(
        db,
        f"SELECT CAST(substr(day, 1, 4) AS INTEGER) AS y, k, sum(g) FROM "
        f"(SELECT day, {column} AS k, sum({grams}) AS g FROM {table} GROUP BY k, day) GROUP BY y, k",
    )
    out = []
    for year, key, total in rows:
        key_id = _market_id(key) if dim == "market" else key
        out.append((year, key_id, "" if key_id is None else names.get(key_id, ""), total))
    out.sort(key=lambda r: (r[0], -r[3], -1 if r[1] is None else r[1]))
    return out


def harvest_series(
    db: Any, bucket: Bucket, group_by: Literal["operator", "crop"] | None, f: Filters = Filters()
) -> list[SeriesPoint]:
    """Harvested grams per period (and operator or crop). Ignores buyer and market filters."""
    column = _key_column("harvest", group_by)
    where, params = _where(f, "harvest")
    sql = _bucketed(bucket, column, "sum(weight_g) AS g", f"harvest_daily{where}", ["sum(g)"])
    return [SeriesPoint(*row) for row in _rows(db, sql, params)]


def shipment_series(
    db: Any,
    bucket: Bucket,
    group_by: Literal["market", "buyer", "crop", "operator"] | None,
    f: Filters = Filters(),
) -> list[ShipPoint]:
    """Shipped net grams and line amounts per period (and market, buyer, crop or operator)."""
    column = _key_column("shipment", group_by)
    where, params = _where(f, "shipment")
    aggregates = "sum(net_g) AS g, sum(amount_fen) AS a"
    sql = _bucketed(bucket, column, aggregates, f"shipment_daily{where}", ["sum(g)", "sum(a)"])
    rows = _rows(db, sql, params)
    if group_by == "market":
        return [ShipPoint(p, _market_id(k), g, a) for p, k, g, a in rows]
    return [ShipPoint(*row) for row in rows]


def price_series(db: Any, bucket: Bucket, f: Filters = Filters(), by_crop: bool = True) -> list[PricePoint]:
    """Realised price per period (per crop unless by_crop is False): payable weight, amount, min, max."""
    column = "crop_id" if by_crop else "NULL"
    where, params = _where(f, "shipment")
    aggregates = "sum(payable_g) AS g, sum(amount_fen) AS a, min(min_price) AS lo, max(max_price) AS hi"
    sums = ["sum(g)", "sum(a)", "min(lo)", "max(hi)"]
    sql = _bucketed(bucket, column, aggregates, f"shipment_daily{where}", sums)
    return [PricePoint(*row) for row in _rows(db, sql, params)]


def flows(db: Any, f: Filters = Filters()) -> list[Flow]:
    """Net grams per (operator, buyer, market) for the flow diagram, heaviest first
    (ties by operator, buyer, market id; no market first)."""
    where, params = _where(f, "shipment")
    rows = _rows(
        db,
        f"SELECT operator_id, buyer_id, market_key, sum(net_g) AS g FROM shipment_daily{where} "
        "GROUP BY operator_id, buyer_id, market_key ORDER BY g DESC, operator_id, buyer_id, market_key",
        params,
    )
    return [Flow(o, b, _market_id(m), g) for o, b, m, g in rows]


def season_overlay(
    db: Any, crop_id: int, f: Filters = Filters(), kind: Kind = "shipment", season_years: bool = False
) -> list[tuple[int, int, int]]:
    """(year, month, grams) of one crop, shipped (or harvested), for overlaying the years.

    `crop_id` replaces any crop filter. With season_years=True, `year` is the year the park
    season (Nov–Oct) started, so a winter's November to April stay on one line, and months are
    ordered in season order (11, 12, 1, …, 10); otherwise by calendar year and month.
    Months without any weight are absent.
    """
    if kind not in ("harvest", "shipment"):
        raise ValueError(f"unknown kind '{kind}'; use 'harvest' or 'shipment'")
    table, grams = ("harvest_daily", "weight_g") if kind == "harvest" else ("shipment_daily", "net_g")
    where, params = _where(dataclasses.replace(f, crop_ids=(crop_id,)), kind)
    sql = _bucketed("month", "NULL", f"sum({grams}) AS g", f"{table}{where}", ["sum(g)"])
    rows = [(int(period[:4]), int(period[5:7]), total) for period, _, total in _rows(db, sql, params)]
    if not season_years:
        return rows
    totals: dict[tuple[int, int], int] = {}
    for year, month, total in rows:
        season = year if month >= SEASON_START_MONTH else year - 1
        totals[(season, month)] = totals.get((season, month), 0) + total
    order = sorted(totals, key=lambda ym: (ym[0], (ym[1] - SEASON_START_MONTH) % 12))
    return [(season, month, totals[(season, month)]) for season, month in order]


def operator_summary(db: Any, f: Filters = Filters()) -> list[OperatorStat]:
    """Per operator (every operator selected by the filter, archived ones only with activity):
    area, harvested and shipped grams, revenue, share of park output and yield per 亩.
    Ordered by harvested grams descending, then shipped grams descending, then id."""
    where, params = _where(f, "harvest", operators=False)
    harvested = dict(
        _rows(db, f"SELECT operator_id, sum(weight_g) FROM harvest_daily{where} GROUP BY operator_id", params)
    )
    where, params = _where(f, "shipment", operators=False)
    shipped = {
        op: (g, a)
        for op, g, a in _rows(
            db,
            f"SELECT operator_id, sum(net_g), sum(amount_fen) FROM shipment_daily{where} GROUP BY operator_id",
            params,
        )
    }
    park_harvested = sum(harvested.values())
    park_shipped = sum(g for g, _ in shipped.values())
    wanted = set(f.operator_ids)
    out = []
    for op_id, name, area, archived in _rows(db, "SELECT id, name, area_mu_x100, archived FROM operators"):
        if wanted and op_id not in wanted:
            continue
        h = harvested.get(op_id, 0)
        g, a = shipped.get(op_id, (0, 0))
        if archived and not (h or g):
            continue
        out.append(
            OperatorStat(
                operator_id=op_id,
                name=name,
                area_mu_x100=area,
                harvested_g=h,
                shipped_g=g,
                revenue_fen=a,
                share=Fraction(h, park_harvested) if park_harvested else Fraction(0),
                shipped_share=Fraction(g, park_shipped) if park_shipped else Fraction(0),
                # grams per 亩 = grams × 100 / area in hundredths of 亩.
                yield_per_mu_g=_div_half_up(h * 100, area) if area else None,
            )
        )
    out.sort(key=lambda s: (-s.harvested_g, -s.shipped_g, s.operator_id))
    return out


def buyer_balances(db: Any, as_of: str | None = None) -> list[BuyerBalance]:
    """Each buyer's shipments, payments and balance up to and including `as_of` (default: all),
    with the last shipment and payment dates. Archived buyers appear only with activity.
    Ordered by balance descending, then id."""
    _check_day("as_of", as_of)
    ship_where, pay_where, params = "", "", []
    if as_of is not None:
        ship_where, pay_where, params = " WHERE day <= ?", " WHERE pay_date <= ?", [as_of]
    shipped = {
        b: (a, last)
        for b, a, last in _rows(
            db,
            f"SELECT buyer_id, sum(amount_fen), max(day) FROM shipment_daily{ship_where} GROUP BY buyer_id",
            params,
        )
    }
    paid = {
        b: (a, last)
        for b, a, last in _rows(
            db,
            f"SELECT buyer_id, sum(amount_fen), max(pay_date) FROM payments{pay_where} GROUP BY buyer_id",
            params,
        )
    }
    out = []
    for buyer_id, name, archived in _rows(db, "SELECT id, name, archived FROM buyers"):
        s_fen, s_last = shipped.get(buyer_id, (0, None))
        p_fen, p_last = paid.get(buyer_id, (0, None))
        if archived and s_last is None and p_last is None:
            continue
        out.append(BuyerBalance(buyer_id, name, s_fen, p_fen, s_fen - p_fen, s_last, p_last))
    out.sort(key=lambda b: (-b.balance_fen, b.buyer_id))
    return out


def kpis(db: Any, start: str, end: str, f: Filters | None = None) -> Kpis:
    """Dashboard figures for start..end (inclusive); the filter's own dates are ignored."""
    f = (f or Filters()).with_dates(start, end)
    where, params = _where(f, "harvest")
    harvested = _rows(db, f"SELECT coalesce(sum(weight_g), 0) FROM harvest_daily{where}", params)[0][0]
    where, params = _where(f, "shipment")
    shipped, payable, revenue = _rows(
        db,
        "SELECT coalesce(sum(net_g), 0), coalesce(sum(payable_g), 0), coalesce(sum(amount_fen), 0) "
        f"FROM shipment_daily{where}",
        params,
    )[0]
    outstanding = outstanding_fen(db, end, f.buyer_ids)
    return Kpis(start, end, harvested, shipped, revenue, outstanding, _certificates_issued(db, f), payable)


def outstanding_fen(db: Any, as_of: str, buyer_ids: Iterable[int] = ()) -> int:
    """What buyers owe at the end of `as_of`: the sum of positive balances (a buyer in credit does
    not offset another's debt), of the given buyers or all."""
    wanted = set(buyer_ids)
    return sum(
        b.balance_fen
        for b in buyer_balances(db, as_of)
        if b.balance_fen > 0 and (not wanted or b.buyer_id in wanted)
    )


def last_recorded_day(db: Any, on_or_before: str) -> str | None:
    """The latest day on or before `on_or_before` with a harvest, a shipment or a payment
    recorded (None if none)."""
    row = _rows(
        db,
        "SELECT (SELECT max(day) FROM shipment_daily WHERE day <= ?), "
        "(SELECT max(day) FROM harvest_daily WHERE day <= ?), "
        "(SELECT max(pay_date) FROM payments WHERE pay_date <= ?)",
        [on_or_before, on_or_before, on_or_before],
    )[0]
    days = [d for d in row if d is not None]
    return max(days) if days else None


def _certificates_issued(db: Any, f: Filters) -> int:
    clauses = ["c.status = 'valid'", "c.issue_date >= ?", "c.issue_date <= ?"]
    params: list[Any] = [f.start, f.end]
    _in("c.operator_id", f.operator_ids, clauses, params)
    _in("c.crop_id", f.crop_ids, clauses, params)
    join = ""
    if f.buyer_ids or f.market_ids:
        # Only a certificate tied to a shipment has a buyer and a market.
        join = " JOIN shipments s ON s.id = c.shipment_id"
        _in("s.buyer_id", f.buyer_ids, clauses, params)
        markets = [NO_MARKET_KEY if m is None else m for m in f.market_ids]
        _in(f"coalesce(s.market_id, {NO_MARKET_KEY})", markets, clauses, params)
    sql = f"SELECT count(*) FROM certificates c{join} WHERE {' AND '.join(clauses)}"
    return _rows(db, sql, params)[0][0]


def compare_kpis(db: Any, start: str, end: str, f: Filters | None = None) -> tuple[Kpis, Kpis]:
    """(this period, the same period one year earlier) — for the dashboard's arrows.

    The earlier period is start..end shifted back one year; 29 February starts on the 28th, and a
    period ending on a month's last day ends on that month's last day (so February matches)."""
    before = Filters(start=start, end=end).shifted(-1)
    return kpis(db, start, end, f), kpis(db, before.start, before.end, f)


def change_bp(current: int, previous: int) -> int | None:
    """Change from previous to current in basis points, half-up (away from zero);
    None when previous is 0 (no meaningful percentage)."""
    if previous == 0:
        return None
    return _div_half_up((current - previous) * 10_000 * (1 if previous > 0 else -1), abs(previous))


__all__ = [
    "BUCKETS",
    "NO_MARKET_KEY",
    "SEASON_START_MONTH",
    "BuyerBalance",
    "Filters",
    "Flow",
    "Kpis",
    "OperatorStat",
    "PricePoint",
    "SeriesPoint",
    "ShipPoint",
    "YearTotal",
    "bucket_start",
    "buyer_balances",
    "change_bp",
    "compare_kpis",
    "date_bounds",
    "flows",
    "harvest_series",
    "kpis",
    "last_recorded_day",
    "month_of",
    "operator_summary",
    "outstanding_fen",
    "periods",
    "price_series",
    "record_counts",
    "season_of",
    "season_overlay",
    "shift_years",
    "shipment_series",
    "yearly_by",
    "yearly_totals",
]
