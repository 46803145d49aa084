"""The charts' aggregates: harvest and shipment series, prices, flows, season overlays and operators."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from fractions import Fraction
from typing import Any, Literal

from db.queries.base import (
    SEASON_START_MONTH,
    Bucket,
    Filters,
    Flow,
    Kind,
    OperatorStat,
    PricePoint,
    SeriesPoint,
    ShipPoint,
    _bucketed,
    _div_half_up,
    _key_column,
    _market_id,
    _rows,
    _where,
)

_FILTER_COLUMNS = {
    "operator_id": "operator_ids",
    "crop_id": "crop_ids",
    "buyer_id": "buyer_ids",
    "market_key": "market_ids",
}


def _by_filter(column: str, f: Filters, kind: Kind) -> bool:
    """Whether a grouped query keyed on `column` should read its rows through the filter's index.

    A filter that names operators, crops, buyers or markets keeps few summary rows, found through
    its own (key, day) index. But the grouping (by day and key) invites SQLite to walk the day's or
    the key's index instead, in order, to skip a sort: through the whole table or period for the few
    rows the filter keeps (the shipment chart by market with two operators picked took about 4×
    longer). Then the grouping terms are written as expressions (+day, +key), which no index orders.
    Unfiltered, or filtered only on the key itself, the key's covering index is the fastest; so is
    the filter's index for one id and no key, as it hands that id's rows over in day order.
    """
    names = [name for c, name in _FILTER_COLUMNS.items() if c != column]
    if kind == "harvest":
        names = [n for n in names if n in ("operator_ids", "crop_ids")]
    picked = [getattr(f, name) for name in names if getattr(f, name)]
    if column == "NULL" and len(picked) == 1 and len(picked[0]) == 1:
        return False
    return bool(picked)


def _month_split(f: Filters) -> tuple[list[Filters], Filters | None]:
    """The filter's period as the days of the months it cuts (shipment_daily) and the whole months
    between (shipment_monthly, whose `day` is the month's first day): none, one or two daily
    ranges, and the monthly range or None when the period holds no whole month. An open end stays
    open on the monthly side."""
    start, end = f.start, f.end
    if start is not None and end is not None and start > end:
        return [f], None
    first = start  # the first day of the first whole month
    if start is not None and not start.endswith("-01"):
        first = _month_start(date.fromisoformat(start[:8] + "01") + timedelta(days=31))
    last = None  # the first day of the last whole month
    if end is not None:
        whole = (date.fromisoformat(end) + timedelta(days=1)).day == 1
        last = (
            end[:8] + "01" if whole else _month_start(date.fromisoformat(end[:8] + "01") - timedelta(days=1))
        )
    if first is not None and last is not None and first > last:
        return [f], None
    daily = []
    if start is not None and first != start:
        daily.append(f.with_dates(start, (date.fromisoformat(first) - timedelta(days=1)).isoformat()))
    if end is not None and last != end[:8] + "01":
        daily.append(f.with_dates(end[:8] + "01", end))
    return daily, f.with_dates(first, last)


def _month_start(day: date) -> str:
    return day.isoformat()[:8] + "01"


def _sources(f: Filters, column: str, bucket: Bucket | None) -> tuple[list[tuple[str, bool]], list[Any]]:
    """(table and WHERE, by_filter) pairs for `_bucketed`, with their parameters in order: for
    buckets of a month or longer (or none) the whole months come from the monthly rollup, a year
    there is ~24,000 rows instead of ~165,000 daily ones at a million lines; weeks and days, which
    cut months, from shipment_daily alone."""
    by_filter = _by_filter(column, f, "shipment")
    parts = [("shipment_daily", f)]
    if bucket in (None, "month", "year"):
        daily, monthly = _month_split(f)
        parts = [("shipment_daily", d) for d in daily] + ([("shipment_monthly", monthly)] if monthly else [])
    sources: list[tuple[str, bool]] = []
    params: list[Any] = []
    for table, part in parts:
        where, p = _where(part, "shipment")
        sources.append((f"{table}{where}", by_filter))
        params += p
    return sources, params


def harvest_series(
    db: Any, bucket: Bucket, group_by: Literal["operator", "crop"] | None, f: Filters = Filters()
) -> list[SeriesPoint]:
    """Harvested grams per period (and operator or crop). Ignores buyer and market filters."""
    column = _key_column("harvest", group_by)
    where, params = _where(f, "harvest")
    sql = _bucketed(
        bucket,
        column,
        "sum(weight_g) AS g",
        f"harvest_daily{where}",
        ["sum(g)"],
        _by_filter(column, f, "harvest"),
    )
    return [SeriesPoint(*row) for row in _rows(db, sql, params)]


def shipment_series(
    db: Any,
    bucket: Bucket,
    group_by: Literal["market", "buyer", "crop", "operator"] | None,
    f: Filters = Filters(),
) -> list[ShipPoint]:
    """Shipped net grams and line amounts per period (and market, buyer, crop or operator)."""
    column = _key_column("shipment", group_by)
    aggregates = "sum(net_g) AS g, sum(amount_fen) AS a"
    sources, params = _sources(f, column, bucket)
    sql = _bucketed(bucket, column, aggregates, sources, ["sum(g)", "sum(a)"])
    rows = _rows(db, sql, params)
    if group_by == "market":
        return [ShipPoint(p, _market_id(k), g, a) for p, k, g, a in rows]
    return [ShipPoint(*row) for row in rows]


def price_series(db: Any, bucket: Bucket, f: Filters = Filters(), by_crop: bool = True) -> list[PricePoint]:
    """Realised price per period (per crop unless by_crop is False): payable weight, amount, min, max."""
    column = "crop_id" if by_crop else "NULL"
    aggregates = "sum(payable_g) AS g, sum(amount_fen) AS a, min(min_price) AS lo, max(max_price) AS hi"
    sums = ["sum(g)", "sum(a)", "min(lo)", "max(hi)"]
    sources, params = _sources(f, column, bucket)
    sql = _bucketed(bucket, column, aggregates, sources, sums)
    return [PricePoint(*row) for row in _rows(db, sql, params)]


def flows(db: Any, f: Filters = Filters()) -> list[Flow]:
    """Net grams per (operator, buyer, market) for the flow diagram, heaviest first
    (ties by operator, buyer, market id; no market first)."""
    sources, params = _sources(f, "NULL", None)
    keys = "operator_id, buyer_id, market_key"
    inner = " UNION ALL ".join(
        f"SELECT {keys}, sum(net_g) AS g FROM {table} GROUP BY {keys}" for table, _ in sources
    )
    rows = _rows(
        db,
        f"SELECT {keys}, sum(g) AS g FROM ({inner}) GROUP BY {keys} ORDER BY g DESC, {keys}"
        if len(sources) > 1
        else f"{inner} ORDER BY g DESC, {keys}",
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
    one_crop = dataclasses.replace(f, crop_ids=(crop_id,))
    if kind == "harvest":
        where, params = _where(one_crop, kind)
        sources = [(f"harvest_daily{where}", _by_filter("NULL", one_crop, kind))]
    else:  # whole months from the rollup, through its crop index
        sources, params = _sources(one_crop, "NULL", "month")
    sql = _bucketed(
        "month", "NULL", f"sum({'weight_g' if kind == 'harvest' else 'net_g'}) AS g", sources, ["sum(g)"]
    )
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
    sources, params = _sources(dataclasses.replace(f, operator_ids=()), "operator_id", None)
    inner = " UNION ALL ".join(
        f"SELECT operator_id, sum(net_g) AS g, sum(amount_fen) AS a FROM {table} GROUP BY operator_id"
        for table, _ in sources
    )
    shipped = {
        op: (g, a)
        for op, g, a in _rows(
            db, f"SELECT operator_id, sum(g), sum(a) FROM ({inner}) GROUP BY operator_id", params
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
