"""The monthly rollup of the daily shipment summary (migration 0017_chart_summary): kept exact by
every write path, and the charts' answers read through it equal those read from the daily rows."""

from __future__ import annotations

import dataclasses

import pytest

from db import queries as q
from db.queries import charts
from db.records import Shipment, ShipmentLine
from db.repositories import bulk

ROLLUP = """SELECT substr(day, 1, 7) || '-01', buyer_id, market_key, operator_id, crop_id, grade,
    sum(net_g), sum(payable_g), sum(amount_fen), sum(lines), min(min_price), max(max_price)
    FROM shipment_daily WHERE lines > 0 GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6"""
MONTHLY = """SELECT day, buyer_id, market_key, operator_id, crop_id, grade, net_g, payable_g,
    amount_fen, lines, min_price, max_price FROM shipment_monthly ORDER BY 1, 2, 3, 4, 5, 6"""


def _truck(master, day: str, n: int, price: int, market: int = 0, op: int = 0, lines: int = 2) -> Shipment:
    ops, crops, buyers, markets = master["operators"], master["crops"], master["buyers"], master["markets"]
    return Shipment(
        day,
        f"B{day.replace('-', '')}-{n:03d}",
        buyers[n % 2].id,
        20_000_000,
        7_000_000,
        market_id=markets[market].id,
        lines=tuple(
            ShipmentLine(ops[(op + k) % 2].id, crops[k % 2].id, 6_000_000 + 1000 * k, price + 100 * k)
            for k in range(lines)
        ),
    )


def _agrees(db) -> list[tuple]:
    monthly = db.execute(MONTHLY).fetchall()
    assert monthly == db.execute(ROLLUP).fetchall()
    return monthly


def test_the_rollup_follows_every_write_path(store, master):
    db = store.db
    days = ["2025-11-03", "2025-11-30", "2025-12-01", "2025-12-15", "2026-01-31", "2026-02-01"]
    added = [store.shipments.add(_truck(master, d, i, 24_000 + 500 * i)) for i, d in enumerate(days)]
    assert len(_agrees(db)) > 0
    # the bulk write's set-based summary (an import)
    batch = bulk.insert_shipments(
        store.shipments,
        [_truck(master, d, 10 + i, 20_000 + 900 * i, market=1) for i, d in enumerate(days * 3)],
    )
    _agrees(db)
    # a price edit lowers, then raises, a month's lowest and highest price
    cheap = dataclasses.replace(
        added[0], lines=tuple(dataclasses.replace(ln, agreed_price=1_000) for ln in added[0].lines)
    )
    cheap = store.shipments.update(cheap)
    low = db.execute("SELECT min(min_price) FROM shipment_monthly WHERE day = '2025-11-01'").fetchone()[0]
    assert low == 1_000
    _agrees(db)
    dear = dataclasses.replace(
        cheap, lines=tuple(dataclasses.replace(ln, agreed_price=90_000) for ln in cheap.lines)
    )
    store.shipments.update(dear)
    assert (
        db.execute("SELECT min(min_price) FROM shipment_monthly WHERE day = '2025-11-01'").fetchone()[0]
        > 1_000
    )
    _agrees(db)
    # a line taken off a truck, a truck deleted, an import undone set-based
    store.shipments.update(dataclasses.replace(added[1], lines=added[1].lines[:1]))
    _agrees(db)
    store.shipments.delete(added[2].id)
    _agrees(db)
    with store.write():
        bulk.delete_batch(store.shipments, batch)
    _agrees(db)
    for s in added[3:]:
        store.shipments.delete(s.id)
    store.shipments.delete(added[0].id)
    store.shipments.delete(added[1].id)
    assert _agrees(db) == []


RANGES = [
    (None, None),
    ("2025-11-01", "2026-01-31"),  # whole months only
    ("2025-11-15", "2026-02-10"),  # cut at both ends
    ("2025-11-30", "2025-12-01"),  # no whole month
    ("2025-12-01", "2025-12-31"),  # one whole month
    ("2025-12-02", None),
    (None, "2026-01-30"),
    ("2026-03-01", "2025-11-01"),  # backwards: nothing
]


@pytest.mark.parametrize("start,end", RANGES)
def test_charts_read_through_the_rollup_give_the_daily_answers(store, master, monkeypatch, start, end):
    days = ["2025-11-03", "2025-11-30", "2025-12-01", "2025-12-15", "2026-01-31", "2026-02-01", "2026-02-09"]
    for i, d in enumerate(days * 2):
        store.shipments.add(_truck(master, d, i, 23_000 + 700 * i, market=i % 2, op=i % 3))
    db = store.db
    ops = master["operators"]
    filters = [q.Filters(start=start, end=end), q.Filters(start=start, end=end, operator_ids=(ops[1].id,))]

    def answers():
        out = []
        for f in filters:
            for bucket in ("month", "year", "week"):
                for group_by in ("market", "buyer", "crop", "operator", None):
                    out.append(q.shipment_series(db, bucket, group_by, f))
                out.append(q.price_series(db, bucket, f))
                out.append(q.price_series(db, bucket, f, by_crop=False))
            out.append(q.flows(db, f))
            out.append(q.operator_summary(db, f))
            for season_years in (False, True):
                out.append(q.season_overlay(db, master["crops"][1].id, f, season_years=season_years))
        return out

    through_rollup = answers()
    monkeypatch.setattr(charts, "_month_split", lambda f: ([f], None))
    assert through_rollup == answers()
    if start is None or end is None or start <= end:
        assert any(through_rollup)


def test_whole_months_come_from_the_rollup_and_cut_ones_from_the_daily_rows(store, master):
    db = store.db
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        q.shipment_series(db, "month", "market", q.Filters(start="2025-11-12", end="2026-10-20"))
        q.flows(db, q.Filters(start="2025-11-01", end="2026-10-31"))
        q.shipment_series(db, "week", "market", q.Filters(start="2025-11-01", end="2026-10-31"))
    finally:
        db.conn.set_trace_callback(None)
    cut, whole, weeks = [
        " | ".join(r[-1] for r in db.execute("EXPLAIN QUERY PLAN " + s).fetchall())
        for s in statements
        if s.startswith("SELECT")
    ]
    assert "SEARCH shipment_monthly USING PRIMARY KEY (day>? AND day<?)" in cut
    assert cut.count("SEARCH shipment_daily") == 2 and "SCAN shipment" not in cut
    assert (
        "SEARCH shipment_monthly USING PRIMARY KEY (day>? AND day<?)" in whole
        and "shipment_daily" not in whole
    )
    assert "shipment_monthly" not in weeks  # weeks cut months: the daily rows only


def test_a_crops_seasons_are_read_through_the_rollups_crop_index(store, master):
    db = store.db
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        q.season_overlay(db, master["crops"][0].id, q.Filters(), season_years=True)
    finally:
        db.conn.set_trace_callback(None)
    (plan,) = [
        " | ".join(r[-1] for r in db.execute("EXPLAIN QUERY PLAN " + s).fetchall())
        for s in statements
        if s.startswith("SELECT")
    ]
    assert "COVERING INDEX idx_shipment_monthly_crop (crop_id=?)" in plan and "shipment_daily" not in plan


def test_check_finds_a_rollup_that_drifted_and_repair_rebuilds_it(store, master):
    from db.storage import check

    for i, day in enumerate(["2025-11-03", "2025-12-15", "2026-01-31"]):
        store.shipments.add(_truck(master, day, i, 24_000 + 500 * i))
    right = _agrees(store.db)
    assert not [f for f in check.run_check(store.db).findings if f.check == "shipment_daily"]
    store.db.execute("UPDATE shipment_monthly SET net_g = net_g + 5 WHERE day = '2025-12-01'")
    store.db.execute("DELETE FROM shipment_monthly WHERE day = '2026-01-01'")
    store.db.conn.commit()
    (finding,) = [f for f in check.run_check(store.db).findings if f.check == "shipment_daily"]
    assert finding.count >= 3 and finding.repairable
    assert check.repair(store).shipment_daily == finding.count
    assert _agrees(store.db) == right
    assert not [f for f in check.run_check(store.db).findings if f.check == "shipment_daily"]
