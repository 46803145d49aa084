"""The charts' grouped queries read the summary rows a filter keeps through that filter's index, also
when SQLite knows the table's statistics (after ANALYZE) and could skip a sort by walking the
grouping key's index instead — the plan, not a timing, is what is checked."""

from __future__ import annotations

import pytest

from db import queries as q

# sqlite_stat1 as ANALYZE writes it for the three-year demo (58,242 and 32,398 summary rows).
DEMO_STATS = {
    "shipment_daily": {
        "idx_shipment_daily_day": "58242 54 1 1 1 1 1",
        "idx_shipment_daily_crop": "58242 2913 6 1 1 1 1 1",
        "idx_shipment_daily_flow": "58242 5295 662 331 2 1",
        "idx_shipment_daily_buyer": "58242 7281 8 1 1",
        "idx_shipment_daily_market": "58242 5295 7 1 1",
        "idx_shipment_daily_operator": "58242 5295 7 1 1",
        "sqlite_autoindex_shipment_daily_1": "58242 54 8 6 2 2 1",
    },
    "harvest_daily": {
        "idx_harvest_daily_day": "32398 30 4 3 1 1",
        "idx_harvest_daily_operator": "32398 2946 4 1",
        "idx_harvest_daily_crop": "32398 1620 4 1",
        "sqlite_autoindex_harvest_daily_1": "32398 30 4 3 3 1",
    },
}


@pytest.fixture
def analysed(store, master):
    db = store.db
    db.execute("ANALYZE")
    db.execute("DELETE FROM sqlite_stat1")
    for table, indexes in DEMO_STATS.items():
        for index, stat in indexes.items():
            db.execute("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)", [table, index, stat])
    db.conn.commit()
    db.execute("ANALYZE sqlite_schema")  # load the statistics into the planner
    return store


def _plans(db, run) -> list[str]:
    """The query plan of every statement `run` executes."""
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        run()
    finally:
        db.conn.set_trace_callback(None)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert selects
    return [" | ".join(row[-1] for row in db.execute("EXPLAIN QUERY PLAN " + s).fetchall()) for s in selects]


@pytest.mark.parametrize("group_by", ["market", "buyer", "crop", None])
@pytest.mark.parametrize("dated", [False, True])
def test_shipments_of_picked_operators_are_read_through_the_operator_index(analysed, master, group_by, dated):
    ops = master["operators"]
    f = q.Filters(operator_ids=(ops[0].id, ops[1].id))
    if dated:
        f = f.with_dates("2025-12-01", "2026-11-30")
    for plan in _plans(analysed.db, lambda: q.shipment_series(analysed.db, "week", group_by, f)):
        assert "(operator_id=?" in plan, plan
        assert "idx_shipment_daily_market" not in plan and "idx_shipment_daily_buyer" not in plan


@pytest.mark.parametrize("kind", ["shipment", "harvest"])
def test_a_picked_crop_is_read_through_the_crop_index_whatever_the_grouping(analysed, master, kind):
    f = q.Filters(crop_ids=(master["crops"][0].id,))
    if kind == "shipment":  # by week: months come from the monthly rollup (tests/test_chart_summary.py)
        runs = [lambda: q.shipment_series(analysed.db, "week", "market", f)]
        runs.append(lambda: q.shipment_series(analysed.db, "week", "operator", f))
    else:
        runs = [lambda: q.harvest_series(analysed.db, "month", "operator", f)]
    for run in runs:
        for plan in _plans(analysed.db, run):
            assert f"idx_{kind}_daily_crop (crop_id=?" in plan, plan


def test_unfiltered_the_grouping_keys_covering_index_is_still_used(analysed):
    (plan,) = _plans(analysed.db, lambda: q.shipment_series(analysed.db, "week", "market", q.Filters()))
    assert "COVERING INDEX idx_shipment_daily_market" in plan


def test_the_hidden_key_groups_the_same_sums(analysed, master):
    """+column changes the plan, never the answer: the filtered series equals the unfiltered one's
    rows of those operators, summed."""
    from db.records import Shipment, ShipmentLine

    ops, crops, buyers, markets = master["operators"], master["crops"], master["buyers"], master["markets"]
    for i, (op, market) in enumerate([(ops[0], markets[0]), (ops[1], markets[1]), (ops[0], markets[1])]):
        analysed.shipments.add(
            Shipment(
                f"2026-01-0{i + 1}",
                f"B2026010{i + 1}-001",
                buyers[0].id,
                9_000_000,
                3_000_000,
                market_id=market.id,
                lines=(ShipmentLine(op.id, crops[0].id, 6_000_000, 24_000),),
            )
        )
    f = q.Filters(operator_ids=(ops[0].id,))
    points = q.shipment_series(analysed.db, "month", "market", f)
    assert [(p.key, p.net_g) for p in points] == [(markets[0].id, 6_000_000), (markets[1].id, 6_000_000)]
