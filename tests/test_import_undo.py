"""Undo and redo of a big import (app.commands.delete_parts / restore_parts, what the undo step's
task runs): set-based, yet after undo the database is the one before the import (every table, the
daily summaries with their lowest and highest prices, the shipments' totals) and after redo the one
after it, with the same ids; `fujiang check` finds nothing and the audit chain verifies, with one
audit row per record undone or done again."""

from __future__ import annotations

import csv
import dataclasses
import datetime

import pytest

from app.commands import delete_parts, restore_parts
from db import demo, units
from db.errors import ReferencedError
from db.importing.fixes import check_file, load_table, write_import
from db.records import Harvest
from db.repositories import Store
from db.storage.audit import verify_chain
from db.storage.check import run_check
from db.storage.connection import open_database
from tests.bench.bench_import import write_file
from tests.test_shared_file import child, expect, kill, tell

TODAY = datetime.date(2026, 1, 10)


@pytest.fixture(scope="module")
def park_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("park") / "park.db"
    store = Store(open_database(path), user="tester")
    demo.generate(store, years=0, seed=7, end=datetime.date(2025, 12, 31))
    store.close()
    return path


@pytest.fixture
def store(park_db, tmp_path):
    path = tmp_path / "p.db"
    path.write_bytes(park_db.read_bytes())
    s = Store(open_database(path), user="tester")
    yield s
    s.close()


def _tables(store) -> dict[str, list[tuple]]:
    """Every table's rows; a full-text index by what it holds, not by how its segments are stored
    (they are merged differently after a delete and a new insert)."""
    conn = store.db.conn
    tables = [
        r[0]
        for r in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
        if r[0] != "audit_log"
    ]
    virtual = [
        r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")
    ]
    storage = {f"{v}_{part}" for v in virtual for part in ("data", "idx", "docsize", "config")}
    found = {
        n: sorted(conn.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr)
        for n in tables
        if n not in storage and n not in virtual
    }
    for v in virtual:
        found[v] = sorted(conn.execute(f'SELECT rowid, * FROM "{v}"').fetchall(), key=repr)
    return found


def _schema(store) -> list[tuple]:
    return store.db.conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").fetchall()


def _sound(store) -> None:
    report = run_check(store.db)
    assert report.ok, [str(f) for f in report.findings]
    _checked, broken = verify_chain(store.db)
    assert broken is None


def _audit(store, action: str, table: str) -> int:
    return store.db.conn.execute(
        "SELECT count(*) FROM audit_log WHERE action = ? AND table_name = ?", [action, table]
    ).fetchone()[0]


def _same_groups_file(store, path, n_rows: int) -> None:
    """One row per stored line, in the very summary group it counts in, priced below or above the
    group's (so the lowest and highest prices move), each a truck of its own."""
    picked = store.db.conn.execute(
        "SELECT s.ship_date, b.name, m.name, o.name, c.name, l.grade, d.min_price, d.max_price "
        "FROM shipment_lines l JOIN shipments s ON s.id = l.shipment_id JOIN buyers b ON b.id = s.buyer_id "
        "JOIN markets m ON m.id = s.market_id JOIN operators o ON o.id = l.operator_id "
        "JOIN crops c ON c.id = l.crop_id JOIN shipment_daily d ON d.day = s.ship_date "
        "AND d.buyer_id = s.buyer_id AND d.market_key = s.market_id AND d.operator_id = l.operator_id "
        "AND d.crop_id = l.crop_id AND d.grade = l.grade ORDER BY l.id LIMIT ?",
        [n_rows],
    ).fetchall()
    assert len(picked) == n_rows
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(
            ["日期", "磅单号", "客商", "目的市场", "经营主体", "品种", "等级", "净重(公斤)", "单价(元/公斤)"]
        )
        for i, (day, buyer, market, operator, crop, grade, low, high) in enumerate(picked):
            price = max(low // 2, 100) if i % 2 else high * 2
            out.writerow(
                [
                    day,
                    f"U{i:05d}",
                    buyer,
                    market,
                    operator,
                    crop,
                    units.GRADES[grade][0],
                    "1000",
                    str(units.price_per_kg(price)),
                ]
            )


def _import(store, path):
    checked = check_file(store, "shipments", path, today=TODAY)
    assert not checked.problems, checked.problems[:3]
    return write_import(store, "shipments", load_table(path, "shipments"), checked)[1]


def test_undo_gives_back_the_database_before_the_import_and_redo_the_one_after(store, tmp_path, monkeypatch):
    monkeypatch.setattr("app.commands.BATCH", 700)  # several batches, both ways
    write_file(store, tmp_path / "earlier.csv", 2000)
    _import(store, tmp_path / "earlier.csv")  # stored before: the groups the import adds to
    path = tmp_path / "big.csv"
    _same_groups_file(store, path, 1500)
    before, schema = _tables(store), _schema(store)
    _sound(store)
    saved = _import(store, path)
    harvests = store.harvests.add_many(
        [
            dataclasses.replace(h, id=None, lot_code="", weight_g=h.weight_g + 1)
            for h in store.harvests.list()[:50]
        ]
    )
    after = _tables(store)
    assert after != before
    parts = [("shipments", saved), ("harvests", harvests)]
    reports = []
    delete_parts(store, parts, lambda done, total: reports.append((done, total)))
    assert _tables(store) == before and _schema(store) == schema
    assert reports[-1] == (len(saved) + len(harvests),) * 2 and len(reports) > 3
    assert _audit(store, "delete", "shipments") == len(saved)
    assert _audit(store, "delete", "harvests") == len(harvests)
    _sound(store)
    again = restore_parts(store, parts, lambda *_: None)
    assert _tables(store) == after and _schema(store) == schema
    assert [r.id for r in again[0][1]] == [s.id for s in saved]
    assert again[1][1] == harvests
    assert _audit(store, "restore", "shipments") == len(saved)
    _sound(store)
    # and once more: undo after redo
    delete_parts(store, parts, lambda *_: None)
    assert _tables(store) == before
    _sound(store)


def test_an_undo_refused_deletes_nothing(store, tmp_path):
    crop = store.crops.list()[0]
    operator = store.operators.list()[0]
    [lot] = store.harvests.add_many([Harvest("2025-12-01", operator.id, crop.id, 5_000_000)])
    write_file(store, tmp_path / "s.csv", 10)
    shipment = _import(store, tmp_path / "s.csv")[0]
    line = shipment.lines[0]
    # a later shipment line takes the imported lot: the import can no longer be undone
    store.shipments.update(
        dataclasses.replace(
            shipment, lines=(dataclasses.replace(line, lot_ids=(lot.id,)), *shipment.lines[1:])
        )
    )
    before, audit = _tables(store), store.db.conn.execute("SELECT count(*) FROM audit_log").fetchone()
    with pytest.raises(ReferencedError):
        delete_parts(store, [("harvests", [lot])], lambda *_: None)
    assert _tables(store) == before
    assert store.db.conn.execute("SELECT count(*) FROM audit_log").fetchone() == audit
    _sound(store)


def test_the_undo_leaves_the_delete_triggers_in_place_and_their_guard_empty(store, tmp_path):
    # Migration 0014: the per-row delete triggers stand aside while the undo's transaction holds the
    # row of bulk_delete; they are never dropped, and they count again once it is over.
    write_file(store, tmp_path / "earlier.csv", 300)
    kept = _import(store, tmp_path / "earlier.csv")
    _same_groups_file(store, tmp_path / "s.csv", 100)
    saved = _import(store, tmp_path / "s.csv")
    schema = _schema(store)
    delete_parts(store, [("shipments", saved)], lambda *_: None)
    assert _schema(store) == schema
    assert store.db.conn.execute("SELECT count(*) FROM bulk_delete").fetchone() == (0,)
    _sound(store)
    # a shipment deleted the ordinary way afterwards still goes through the triggers
    store.shipments.delete(kept[0].id)
    assert store.db.conn.execute(
        "SELECT count(*) FROM shipment_daily WHERE day = ?", [kept[0].ship_date]
    ).fetchone()[0] == len(
        store.db.conn.execute(
            "SELECT DISTINCT s.buyer_id, s.market_id, l.operator_id, l.crop_id, l.grade FROM shipment_lines l "
            "JOIN shipments s ON s.id = l.shipment_id WHERE s.ship_date = ?",
            [kept[0].ship_date],
        ).fetchall()
    )
    _sound(store)


def test_an_undo_is_exact_where_the_triggers_lost_their_guard(store, tmp_path):
    # A later migration that rewrote a delete trigger without the guard: the triggers do the work.
    write_file(store, tmp_path / "earlier.csv", 400)
    _import(store, tmp_path / "earlier.csv")
    path = tmp_path / "big.csv"
    _same_groups_file(store, path, 200)
    before = _tables(store)
    saved = _import(store, path)
    conn = store.db.conn
    (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'shipment_lines_ad'").fetchone()
    conn.execute("DROP TRIGGER shipment_lines_ad")
    conn.execute(sql.replace("WHEN NOT EXISTS (SELECT 1 FROM bulk_delete)", ""))
    delete_parts(store, [("shipments", saved)], lambda *_: None)
    assert _tables(store) == before
    _sound(store)


def test_another_program_writing_during_an_undo_is_not_affected(store, tmp_path):
    # The other program does not see the undo's guard row, waits for the undo's transaction, and its
    # own delete then runs the triggers: every summary is exact afterwards.
    write_file(store, tmp_path / "s.csv", 600)
    saved = _import(store, tmp_path / "s.csv")
    crop, operator = store.crops.list()[0], store.operators.list()[0]
    lots = store.harvests.add_many(
        [Harvest(f"2025-12-0{d}", operator.id, crop.id, 5_000_000) for d in (1, 2)]
    )
    other = child("deleter", str(store.db.conn.execute("PRAGMA database_list").fetchone()[2]))
    try:
        expect(other, "ready")
        told = []
        real = store.db.conn

        class Connection:  # the undo's connection: the other program is asked in the middle of it
            def __getattr__(self, name):
                return getattr(real, name)

            def execute(self, sql, *args):
                if sql.startswith("DELETE FROM shipment_lines") and not told:
                    assert real.execute("SELECT count(*) FROM bulk_delete").fetchone() == (1,)
                    tell(other)
                    told.append(expect(other, "sees"))
                return real.execute(sql, *args)

        store.db.conn = Connection()
        try:
            delete_parts(store, [("shipments", saved), ("harvests", lots[:1])], lambda *_: None)
        finally:
            store.db.conn = real
        assert told == ["sees 0"]  # then it waited for the undo to commit before deleting
        assert expect(other, "deleted") == f"deleted {lots[1].id}"
        other.communicate(timeout=60)
    finally:
        if other.poll() is None:
            kill(other)
    assert store.harvests.count() == len(store.harvests.list())
    assert not store.db.conn.execute(
        "SELECT count(*) FROM harvests WHERE id IN (?, ?)", [lot.id for lot in lots]
    ).fetchone()[0]
    _sound(store)


def test_an_undo_refuses_when_another_program_changed_or_deleted_imported_shipments(store, tmp_path):
    """The shipments of an import are compared with what the import wrote (set-based, against each
    one's latest audit row); another program's change to any refuses the whole undo."""
    from app.commands import restore_parts
    from db.repositories.bulk import ChangedSinceError
    from tests.test_undo_safety import other_program

    write_file(store, tmp_path / "s.csv", 30)
    saved = _import(store, tmp_path / "s.csv")
    changed, gone = saved[3], saved[7]
    other_program(
        store.path,
        f"""
        s = store.shipments.get({changed.id})
        store.shipments.update(s.replace(notes="另一程序改的"))
        store.shipments.delete({gone.id})
        """,
    )
    before = _tables(store)
    with pytest.raises(ChangedSinceError) as caught:
        delete_parts(store, [("shipments", saved)], lambda *_: None)
    assert caught.value.n == 2 and "nothing was undone" in str(caught.value)
    assert _tables(store) == before
    # an unchanged import is undone; its redo is refused once another program took one of its ids
    others = [s for s in saved if s.id not in (changed.id, gone.id)]
    parts = delete_parts(store, [("shipments", others)], lambda *_: None)
    other_program(
        store.path,
        f"""
        s = store.shipments.get({changed.id})
        lines = tuple(line.replace(id=None) for line in s.lines)
        store.shipments.add(s.replace(id={others[0].id}, ticket_no="X1", lines=lines))
        """,
    )
    before = _tables(store)
    with pytest.raises(ChangedSinceError) as caught:
        restore_parts(store, parts, lambda *_: None)
    # its id is one shipment's; its new lines took the freed line ids of the next one
    assert caught.value.n == 2 and "nothing was redone" in str(caught.value)
    assert _tables(store) == before
    _sound(store)
