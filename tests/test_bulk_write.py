"""The bulk write of shipments (db/repositories/bulk.py): the same rows, summaries and audit as one by one."""

from __future__ import annotations

import json

import pytest

from db.records import Shipment, ShipmentLine
from db.repositories import bulk
from db.repositories.base import _json
from db.storage import audit, check


def _trucks(master, day: str, first: int, n: int) -> list[Shipment]:
    ops, crops, buyers, markets = master["operators"], master["crops"], master["buyers"], master["markets"]
    out = []
    for i in range(n):
        lines = tuple(
            ShipmentLine(
                operator_id=ops[(i + j) % 2].id,
                crop_id=crops[j % 2].id,
                net_g=1_000_000 + 137 * i + 1_001 * j,
                agreed_price=12_000 + 100 * j,
                settled_price=11_500 if (i + j) % 5 == 0 else None,
                grade=("ungraded", "first")[j % 2],
            )
            for j in range(1 + i % 3)
        )
        out.append(
            Shipment(
                ship_date=day,
                ticket_no=f"T{first + i}",
                buyer_id=buyers[i % 2].id,
                market_id=markets[i % 2].id if i % 4 else None,
                plate="渝C12345",
                gross_g=sum(line.net_g for line in lines) + 9_000_000,
                tare_g=9_000_000,
                deduction_g=(0, 3_001, 17)[i % 3],
                deduction_pct_x100=250 if i % 7 == 6 else None,
                lines=lines,
            )
        )
    return out


def _table(store, sql: str) -> list[tuple]:
    return sorted(store.db.execute(sql).fetchall())


def test_bulk_equals_one_by_one_summaries_totals_and_audit(store, master, tmp_path):
    # Some trucks one by one first, so the bulk write adds to summary rows that already exist.
    for shipment in _trucks(master, "2024-03-01", 0, 5):
        store.shipments.add(shipment)
    bulk = store.shipments.add_many(
        _trucks(master, "2024-03-01", 100, 40) + _trucks(master, "2024-03-02", 200, 9)
    )

    assert all(not f for f in (check.shipment_daily(store.db), check.shipment_totals(store.db)))
    assert check.audit_chain(store.db) == []
    # Each stored record is what reading it back gives, and its audit row says exactly that.
    for shipment in bulk:
        assert store.shipments.get(shipment.id) == shipment
        (after,) = store.db.execute(
            "SELECT after FROM audit_log WHERE table_name = 'shipments' AND row_id = ?", [shipment.id]
        ).fetchone()
        assert after == _json(store.shipments._snapshot(shipment))
    # The same trucks added one by one elsewhere give the same summary and totals.
    from db.repositories import Store
    from db.storage.connection import open_database

    other = Store(open_database(tmp_path / "other.db"), user="tester")
    try:
        for repo in ("operators", "crops", "markets", "buyers"):
            for record in getattr(store, repo).list():
                getattr(other, repo).add(record.replace(id=None))
        for shipment in _trucks(master, "2024-03-01", 0, 5) + _trucks(master, "2024-03-01", 100, 40):
            other.shipments.add(shipment)
        for shipment in _trucks(master, "2024-03-02", 200, 9):
            other.shipments.add(shipment)
        for sql in (
            "SELECT * FROM shipment_daily",
            "SELECT id, line_count, total_fen, net_g, deduction_g FROM shipments",
            "SELECT * FROM shipment_lines",
        ):
            assert _table(store, sql) == _table(other, sql)
    finally:
        other.close()


def test_the_triggers_count_again_when_the_bulk_write_is_over(store, master):
    store.shipments.add_many(_trucks(master, "2024-03-01", 0, 3))
    store.shipments.add(_trucks(master, "2024-03-01", 10, 1)[0])
    assert store.db.execute("SELECT count(*) FROM bulk_import").fetchone()[0] == 0
    assert check.shipment_daily(store.db) == [] and check.shipment_totals(store.db) == []


def test_a_refused_bulk_write_leaves_nothing(store, master):
    trucks = _trucks(master, "2024-03-01", 0, 4)
    store.shipments.add(trucks[2])  # its ticket is taken: the bulk write is refused as a whole
    before = _table(store, "SELECT * FROM shipment_daily")
    with pytest.raises(Exception, match="ticket"):
        store.shipments.add_many(trucks)
    assert store.shipments.count() == 1
    assert _table(store, "SELECT * FROM shipment_daily") == before
    assert store.db.execute("SELECT count(*) FROM bulk_import").fetchone()[0] == 0
    assert audit.verify_chain(store.db)[1] is None


def test_triggers_recreated_without_the_guard_still_count_every_line(store, master):
    # A later migration that rewrote a trigger without the guard must not make lines count twice.
    (sql,) = store.db.execute("SELECT sql FROM sqlite_master WHERE name = 'shipment_totals_ai'").fetchone()
    store.db.execute("DROP TRIGGER shipment_totals_ai")
    store.db.execute(sql.replace("WHEN NOT EXISTS (SELECT 1 FROM bulk_import)", ""))
    store.shipments.add_many(_trucks(master, "2024-03-01", 0, 6))
    assert check.shipment_daily(store.db) == [] and check.shipment_totals(store.db) == []


def test_audit_entries_of_a_bulk_write_read_as_inserts(store, master):
    (stored,) = store.shipments.add_many(_trucks(master, "2024-03-01", 0, 1))
    (change,) = audit.changes(store.db, table="shipments", record=stored.id)
    assert change.action == "insert" and change.before is None
    assert change.after["ticket_no"] == "T0"
    assert [line["net_g"] for line in change.after["lines"]] == [line.net_g for line in stored.lines]
    assert json.loads(_json(change.after)) == change.after


def test_records_with_their_own_ids_are_counted_too(store, master):
    trucks = _trucks(master, "2024-03-01", 0, 3)
    trucks[1] = trucks[1].replace(
        id=500, lines=tuple(line.replace(id=900 + i) for i, line in enumerate(trucks[1].lines))
    )
    store.shipments.add_many(trucks)
    assert store.shipments.get(500).lines[0].id == 900
    assert check.shipment_daily(store.db) == [] and check.shipment_totals(store.db) == []


def test_the_audit_text_written_fast_is_the_canonical_one(store, master):
    # db.storage.audit writes the common columns of a batch once; the hash must cover exactly
    # canonical(): quotes, backslashes, Chinese, control characters, None and ints alike.
    entries = [
        (1, None, '{"notes": "引号\\" \\\\ 换行\\n", "x": 1}'),
        (2, '{"a": null}', None),
        (3, "\u2028\t\x01", "✓"),
    ]
    with store.write():
        audit.insert_entries(store.db, '2026-01-01T00:00:00"Z', 'clerk "王"', "insert", "shipments", entries)
    assert audit.verify_chain(store.db)[1] is None


def test_the_snapshot_written_fast_is_what_json_dumps_writes(store, master):
    (stored,) = store.shipments.add_many(_trucks(master, "2024-03-01", 0, 1))
    odd = stored.replace(
        notes='引号 " \\ 换行\n\x01 \u2028',
        plate="渝A·12345",
        market_id=None,
        deduction_pct_x100=None,
        lines=tuple(line.replace(settled_price=None if i else 12_345) for i, line in enumerate(stored.lines)),
    )
    for shipment in (stored, odd, odd.replace(id=None)):
        expected = json.dumps(store.shipments._snapshot(shipment), ensure_ascii=False, sort_keys=True)
        assert bulk._fast_snapshot_json(shipment) == expected == bulk._snapshot_json(shipment)
    # anything but an int, None or str is left to the JSON encoder
    assert bulk._fast_snapshot_json(odd.replace(gross_g=True)) is None


def test_the_cycle_collector_pauses_only_while_bulk_steps_run():
    import gc

    assert gc.isenabled()
    with bulk.pause_cycle_collection():
        assert not gc.isenabled()
        with bulk.pause_cycle_collection():  # another step at the same time
            pass
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), bulk.pause_cycle_collection():
        raise ValueError  # a step that fails gives it back too
    assert gc.isenabled()
