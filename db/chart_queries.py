"""Read-only aggregates the charts need beyond db.queries: ungrouped totals and one crop's months.

Same conventions as db.queries (Filters, bucket labels, integer grams; the trigger-maintained
summaries shipment_daily and harvest_daily). These are shaped for speed at a million lines: each
inner query groups by `day` first, which walks a covering index in its own order, so SQLite needs
no temporary B-tree over the summary rows (grouping by a constant or by year/month computed per
row does, and costs three to four times as much).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from db.queries import NO_MARKET_KEY, SEASON_START_MONTH, Filters

_BUCKET_SQL = {
    "day": "day",
    "week": "date(day, '-6 days', 'weekday 1')",
    "month": "substr(day, 1, 7) || '-01'",
    "year": "substr(day, 1, 4) || '-01-01'",
}
_TABLES = {"harvest": ("harvest_daily", "weight_g"), "shipment": ("shipment_daily", "net_g")}


def _check(kind: str, bucket: str | None = None) -> tuple[str, str]:
    if kind not in _TABLES:
        raise ValueError(f"unknown kind '{kind}'; use 'harvest' or 'shipment'")
    if bucket is not None and bucket not in _BUCKET_SQL:
        raise ValueError(f"unknown bucket '{bucket}'; use one of {', '.join(_BUCKET_SQL)}")
    return _TABLES[kind]


def _in(column: str, values: Iterable[Any], clauses: list[str], params: list[Any]) -> None:
    values = list(dict.fromkeys(values))
    if values:
        clauses.append(f"{column} IN ({', '.join('?' * len(values))})")
        params.extend(values)


def _where(f: Filters, kind: str, crop_ids: Sequence[int] | None = None) -> tuple[str, list[Any]]:
    """The filter as a WHERE clause with bound parameters; harvests ignore buyers and markets."""
    for value in (f.start, f.end):
        if value is not None:
            date.fromisoformat(value)  # raises ValueError for anything but YYYY-MM-DD
    clauses: list[str] = []
    params: list[Any] = []
    if f.start is not None:
        clauses.append("day >= ?")
        params.append(f.start)
    if f.end is not None:
        clauses.append("day <= ?")
        params.append(f.end)
    _in("operator_id", f.operator_ids, clauses, params)
    _in("crop_id", f.crop_ids if crop_ids is None else crop_ids, clauses, params)
    if kind == "shipment":
        _in("buyer_id", f.buyer_ids, clauses, params)
        _in("market_key", [NO_MARKET_KEY if m is None else m for m in f.market_ids], clauses, params)
    _in("grade", f.grades, clauses, params)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def totals(db: Any, kind: str, bucket: str, f: Filters | None = None) -> list[tuple[str, int]]:
    """(period, grams) harvested or shipped per bucket under the filter, ordered by period.

    The same figures as db.queries.harvest_series / shipment_series with group_by=None (the
    'same period last year' line), read without a temporary B-tree.
    """
    table, grams = _check(kind, bucket)
    where, params = _where(f or Filters(), kind)
    inner = f"SELECT day, sum({grams}) AS g FROM {table}{where} GROUP BY day"
    if bucket == "day":
        sql = f"{inner} ORDER BY day"
    else:
        sql = f"SELECT {_BUCKET_SQL[bucket]} AS period, sum(g) FROM ({inner}) GROUP BY period ORDER BY period"
    return [(period, total) for period, total in db.execute(sql, params).fetchall()]


def crop_months(
    db: Any, crop_id: int, f: Filters | None = None, kind: str = "shipment", season_years: bool = False
) -> list[tuple[int, int, int]]:
    """(year, month, grams) of one crop: the figures of db.queries.season_overlay, read by day.

    `crop_id` replaces any crop filter. With season_years=True, `year` is the year the park
    season (November to October) started and months are in season order (11, 12, 1, …, 10).
    Months without any weight are absent.
    """
    table, grams = _check(kind)
    where, params = _where(f or Filters(), kind, crop_ids=(crop_id,))
    sql = (
        "SELECT CAST(substr(day, 1, 4) AS INTEGER), CAST(substr(day, 6, 2) AS INTEGER), sum(g) "
        f"FROM (SELECT day, sum({grams}) AS g FROM {table}{where} GROUP BY day) "
        "GROUP BY substr(day, 1, 7) ORDER BY substr(day, 1, 7)"
    )
    rows = [(y, m, g) for y, m, g in db.execute(sql, params).fetchall()]
    if not season_years:
        return rows
    merged: dict[tuple[int, int], int] = {}
    for year, month, total in rows:
        key = (year if month >= SEASON_START_MONTH else year - 1, month)
        merged[key] = merged.get(key, 0) + total
    order = sorted(merged, key=lambda ym: (ym[0], (ym[1] - SEASON_START_MONTH) % 12))
    return [(season, month, merged[(season, month)]) for season, month in order]
