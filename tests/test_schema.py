"""Migrations from an empty file and from every earlier schema version; opening foreign or broken files."""

from __future__ import annotations

import sqlite3

import pytest
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from db.errors import DatabaseFileError, DatabaseLockedError, ForeignDatabaseError
from db.repositories import Store
from db.storage import schema
from db.storage.connection import open_database


def _schema_of(db: Database) -> list[tuple[str, str]]:
    return sorted(
        (row[0], row[1])
        for row in db.execute(
            "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE '_sqlite_migrations%'"
        )
    )


def test_empty_file_gets_current_schema(db_path):
    db = open_database(db_path)
    tables = set(db.table_names())
    for table in (
        "operators",
        "plots",
        "crops",
        "crop_aliases",
        "markets",
        "market_aliases",
        "buyers",
        "buyer_plates",
        "harvests",
        "shipments",
        "shipment_lines",
        "shipment_line_lots",
        "payments",
        "certificates",
        "audit_log",
        "counters",
        "shipment_daily",
        "harvest_daily",
    ):
        assert table in tables
    assert db.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert schema.pending_migrations(db) == []


@pytest.mark.parametrize("stop_before", schema.all_migration_names())
def test_upgrade_from_every_earlier_version(tmp_path, stop_before):
    """A database left at any earlier version migrates to the same schema as a new one."""
    fresh = open_database(tmp_path / "fresh.db")
    old_path = tmp_path / "old.db"
    old = Database(sqlite3.connect(old_path))
    schema.migrations.apply(old, stop_before=stop_before)
    old.close()
    upgraded = open_database(old_path)
    assert _schema_of(upgraded) == _schema_of(fresh)
    assert schema.pending_migrations(upgraded) == []


def test_operators_and_markets_stored_before_english_names_get_none(tmp_path):
    path = tmp_path / "old.db"
    old = Database(sqlite3.connect(path))
    schema.migrations.apply(old, stop_before="0009_english_names")
    old.execute("INSERT INTO operators (name, kind, side) VALUES ('涪江湾合作社', 'coop', 'suining')")
    old.execute("INSERT INTO markets (name) VALUES ('重庆双福国际农贸城')")
    old.conn.commit()
    old.close()
    store = Store(open_database(path), user="tester")
    try:
        [op], [market] = store.operators.list(), store.markets.list()
        assert op.name_en == market.name_en == ""
        store.operators.update(op.replace(name_en="Fujiangwan Cooperative"))
        assert store.operators.get(op.id).name_en == "Fujiangwan Cooperative"
    finally:
        store.close()


def test_reopening_applies_nothing_and_keeps_data(db_path, master):
    db = open_database(db_path)
    assert db.execute("SELECT count(*) FROM operators").fetchone()[0] == 2
    assert schema.pending_migrations(db) == []


def test_a_text_file_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "prices.db"
    path.write_text("日期,价格\n2026-01-01,1.2\n", encoding="utf-8")
    with pytest.raises(ForeignDatabaseError, match="not a database file"):
        open_database(path)
    assert path.read_text(encoding="utf-8").startswith("日期")  # untouched


def test_another_programs_database_is_refused_untouched(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(ForeignDatabaseError, match="another program"):
        open_database(path)
    conn = sqlite3.connect(path)
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")] == ["customers"]


def test_a_newer_schema_is_refused(db_path):
    db = open_database(db_path)
    with db.atomic():
        db.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
            [schema.MIGRATION_SET, "9999_from_the_future", "2030-01-01"],
        )
    db.close()
    with pytest.raises(DatabaseFileError, match="newer version"):
        open_database(db_path)


def test_a_damaged_file_is_reported(db_path, master):
    data = bytearray(db_path.read_bytes())
    # Keep the SQLite header but scramble the pages after it.
    data[100:4096] = b"\xff" * (4096 - 100)
    damaged = db_path.with_name("damaged.db")
    damaged.write_bytes(bytes(data))
    with pytest.raises(DatabaseFileError):
        db = open_database(damaged)
        db.execute("SELECT count(*) FROM operators").fetchone()


def test_a_locked_database_is_reported(tmp_path, monkeypatch):
    monkeypatch.setattr("db.storage.connection.BUSY_TIMEOUT_MS", 100)
    path = tmp_path / "locked.db"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("CREATE TABLE t (x)")
    try:
        with pytest.raises(DatabaseLockedError, match="locked by another program"):
            open_database(path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_backup_is_made_before_migrating_an_existing_database(db_path, master, monkeypatch):
    """When a new schema step arrives, the file is copied (with its data) before the step runs."""
    upgraded = Migrations(schema.MIGRATION_SET)
    for step in schema.migrations._migrations:
        upgraded(name=step.name)(step.fn)

    @upgraded(name="9000_test_step")
    def _add_column(db):
        db.execute("ALTER TABLE operators ADD COLUMN test_note TEXT")

    monkeypatch.setattr(schema, "migrations", upgraded)
    db_path_str = str(db_path)
    db = open_database(db_path_str)
    assert "test_note" in db["operators"].columns_dict
    backups = list((db_path.parent / "backups").glob("park.*.before-migration.db"))
    assert len(backups) == 1
    copy = sqlite3.connect(backups[0])
    assert copy.execute("SELECT count(*) FROM operators").fetchone()[0] == 2
    assert "test_note" not in [r[1] for r in copy.execute("PRAGMA table_info(operators)")]
