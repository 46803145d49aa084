"""Record counts, date bounds and yearly totals: the figures of `fujiang stats` and the backup checks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from db.queries.base import (
    _NAME_TABLES,
    Kind,
    YearTotal,
    _key_column,
    _market_id,
    _rows,
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
