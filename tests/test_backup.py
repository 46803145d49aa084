"""db/storage/backup.py without Qt: verified backups, nothing left by a failed one, rotation, restore."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from db.errors import Cancelled
from db.repositories import Store
from db.storage import backup, restore, schema
from db.storage.connection import open_database
from tests import bulkdata

NOW = datetime(2026, 6, 30, 12, 0)


@pytest.fixture
def park(db_path):
    """A park with a few thousand records (several backup steps of pages)."""
    store = Store(open_database(db_path), user="tester")
    bulkdata.populate(store, harvests=3_000, shipments=2_000, days=200)
    yield store
    store.close()


def content(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    """Every row of the counted tables: the whole content, to compare two databases."""
    return {
        t: conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall()
        for t in backup.COUNTED_TABLES
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", [t]).fetchone()
    }


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


# ------------------------------------------------------------------------------------------ backup


def test_a_backup_is_complete_verified_and_named_for_its_reason(park, db_path):
    info = backup.backup_database(park.db, db_path, backup.BEFORE_IMPORT, now=NOW)
    folder = db_path.parent / "backups"
    assert info.path == folder / "park.20260630-120000.before-import.db"
    assert listing(folder) == [info.path.name]  # no -journal, -wal or temporary file beside it
    assert info.counts == backup.count_records(park.db.conn)
    assert info.counts["shipments"] == 2_000 and info.counts["harvests"] == 3_000
    conn = backup.open_read_only(info.path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert content(conn) == content(park.db.conn)
    finally:
        conn.close()
    listed = backup.list_backups(db_path)
    assert [(b.path, b.reason, b.created, b.counts, b.size) for b in listed] == [
        (info.path, "before-import", NOW, info.counts, info.path.stat().st_size)
    ]


def test_two_backups_in_one_second_get_two_names(park, db_path):
    first = backup.backup_database(park.db, db_path, backup.MANUAL, now=NOW)
    second = backup.backup_database(park.db, db_path, backup.MANUAL, now=NOW)
    assert first.path != second.path and first.path.exists() and second.path.exists()
    assert backup.parse_name(second.path.name) == ("park", NOW, "manual")


def test_a_backup_to_a_chosen_file_refuses_the_database_and_its_side_files(park, db_path, tmp_path):
    link = tmp_path / "link.db"
    link.symlink_to(db_path)
    for target in (db_path, Path(str(db_path) + "-wal"), Path(str(db_path) + "-shm"), link):
        with pytest.raises(backup.BackupError, match="database itself"):
            backup.backup_database(park.db, db_path, target=target)
    assert backup.count_records(park.db.conn)["shipments"] == 2_000
    out = tmp_path / "elsewhere" / "copy.db"
    info = backup.backup_database(park.db, db_path, target=out)
    assert info.path == out and listing(out.parent) == ["copy.db"]


@pytest.mark.parametrize("stage", ["copy", "verify"])
def test_a_cancelled_backup_leaves_no_file(park, db_path, stage):
    def cancel(done, total, at):
        if at == stage:
            raise Cancelled()

    with pytest.raises(Cancelled):
        backup.backup_database(park.db, db_path, backup.DAILY, progress=cancel)
    assert listing(db_path.parent / "backups") == []


def test_a_copy_that_fails_verification_is_not_kept(park, db_path, monkeypatch):
    real = backup.count_records
    calls = []

    def counts_that_differ_for_the_copy(conn):
        calls.append(conn)
        found = real(conn)
        return found if len(calls) == 1 else {**found, "shipments": found["shipments"] - 1}

    monkeypatch.setattr(backup, "count_records", counts_that_differ_for_the_copy)
    with pytest.raises(backup.BackupError, match="record counts differ"):
        backup.backup_database(park.db, db_path, backup.DAILY)
    assert listing(db_path.parent / "backups") == []


@pytest.fixture
def tiny_disk(tmp_path):
    """A 1 MB tmpfs (needs root); the database is bigger, so the backup fills it."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs: {done.stderr.decode().strip()}")
    yield mount
    subprocess.run(["umount", str(mount)], check=True)


def test_a_full_disk_leaves_no_file_that_looks_like_a_backup(park, db_path, tiny_disk):
    with pytest.raises(backup.BackupError) as failed:
        backup.backup_database(park.db, db_path, backup.BEFORE_MIGRATION, folder=tiny_disk)
    assert "full" in str(failed.value) or "space" in str(failed.value)
    assert listing(tiny_disk) == []
    assert backup.list_backups(db_path, tiny_disk) == []


def test_leftovers_of_a_killed_backup_are_removed_at_the_next_one(park, db_path):
    folder = db_path.parent / "backups"
    folder.mkdir()
    dead = subprocess.Popen(["true"])
    dead.wait()
    stale = folder / f".park.20260630-110000.daily.db.{dead.pid}.partial"
    stale.write_bytes(b"half a backup")
    assert backup.list_backups(db_path) == []  # it never looks like a backup
    backup.backup_database(park.db, db_path, backup.MANUAL, now=NOW)
    assert not stale.exists()


# ------------------------------------------------------------------------------------------ rotation


def test_rotation_keeps_14_daily_8_weekly_12_monthly_and_all_of_today():
    times = []
    day = date(2025, 1, 1)
    while day <= NOW.date():
        times.append(datetime.combine(day, datetime.min.time()).replace(hour=9))
        day += timedelta(days=1)
    times += [datetime(2026, 6, 30, 10), datetime(2026, 6, 30, 11), datetime(2026, 6, 20, 14)]
    kept = backup.kept_by_rotation(times, NOW)
    expected = {
        # today
        "2026-06-30 09", "2026-06-30 10", "2026-06-30 11",
        # the newest of each of the 13 days before (06-20 has a later one, at 14:00)
        *(f"2026-06-{d:02d} 09" for d in range(17, 30) if d != 20), "2026-06-20 14",
        # the newest of each of 8 ISO weeks, not already kept: Sundays
        "2026-06-14 09", "2026-06-07 09", "2026-05-31 09", "2026-05-24 09", "2026-05-17 09",
        # the newest of each of 12 months, not already kept
        "2026-04-30 09", "2026-03-31 09", "2026-02-28 09", "2026-01-31 09", "2025-12-31 09",
        "2025-11-30 09", "2025-10-31 09", "2025-09-30 09", "2025-08-31 09", "2025-07-31 09",
    }  # fmt: skip
    assert {t.strftime("%Y-%m-%d %H") for t in kept} == expected


def test_rotation_counts_days_that_have_backups_not_calendar_days():
    times = [datetime(2026, 1, d, 9) for d in (2, 9, 16)]
    assert backup.kept_by_rotation(times, NOW, daily=2, weekly=0, monthly=0) == set(times[1:])


def test_rotate_deletes_what_the_rule_drops_but_never_manual_backups(tmp_path):
    db_path = tmp_path / "park.db"
    folder = tmp_path / "backups"
    folder.mkdir()
    names = []
    for n in range(40):  # one automatic backup a day for 40 days, and a manual one 30 days ago
        when = NOW - timedelta(days=n)
        names.append(backup.backup_name(db_path, backup.DAILY, when))
    names.append(backup.backup_name(db_path, backup.MANUAL, NOW - timedelta(days=30)))
    names.append(backup.backup_name(tmp_path / "other.db", backup.DAILY, NOW - timedelta(days=39)))
    for name in names:
        (folder / name).write_bytes(b"")
    deleted = backup.rotate(db_path, folder, now=NOW)
    left = set(listing(folder))
    assert {p.name for p in deleted} == set(names) - left
    assert backup.backup_name(db_path, backup.MANUAL, NOW - timedelta(days=30)) in left
    assert backup.backup_name(tmp_path / "other.db", backup.DAILY, NOW - timedelta(days=39)) in left
    kept_daily = [n for n in left if n.startswith("park.") and n.endswith(".daily.db")]
    # 14 days, plus the newest of older weeks (to 8) and of the month before (May)
    assert backup.backup_name(db_path, backup.DAILY, NOW - timedelta(days=13)) in left
    assert backup.backup_name(db_path, backup.DAILY, NOW - timedelta(days=15)) not in left
    assert len(kept_daily) < 40 and len(deleted) == 40 - len(kept_daily)


def test_the_daily_backup_is_made_once_a_day_and_not_of_an_empty_database(park, db_path, tmp_path):
    first = backup.daily_backup(park.db, db_path, now=NOW)
    assert first is not None and first.reason == "daily"
    assert backup.daily_backup(park.db, db_path, now=NOW + timedelta(hours=3)) is None
    assert backup.daily_backup(park.db, db_path, now=NOW + timedelta(days=1)) is not None
    empty_path = tmp_path / "empty.db"
    empty = open_database(empty_path)
    try:
        assert backup.daily_backup(empty, empty_path, now=NOW) is None
    finally:
        empty.close()


# ------------------------------------------------------------------------------------------ restore


def _change_everything(store: Store) -> None:
    with store.write():
        store.db.execute("DELETE FROM shipment_lines WHERE shipment_id % 2 = 0")
        store.db.execute(
            "DELETE FROM shipments WHERE id % 2 = 0 AND id NOT IN (SELECT shipment_id FROM shipment_lines)"
        )
        store.db.execute("UPDATE operators SET name = name || '（改）'")


def test_restore_round_trip_reports_counts_and_other_connections_see_it(park, db_path):
    saved = backup.backup_database(park.db, db_path, backup.MANUAL, now=NOW - timedelta(days=1))
    expected = content(park.db.conn)
    _change_everything(park)
    changed = content(park.db.conn)
    assert changed != expected
    other = sqlite3.connect(db_path)
    try:
        result = restore.restore(park.db, db_path, saved.path, now=NOW)
        assert result.before == {t: len(rows) for t, rows in changed.items()}
        assert result.after == saved.counts == {t: len(rows) for t, rows in expected.items()}
        assert content(other) == expected  # another connection sees the restored data at once
    finally:
        other.close()
    assert content(park.db.conn) == expected
    assert park.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert result.safety is not None and result.safety.reason == "before-restore"
    safety = backup.open_read_only(result.safety.path)
    try:
        assert content(safety) == changed  # the state before the restore can be restored in turn
    finally:
        safety.close()


def test_a_cancelled_restore_leaves_the_database_as_it_was(park, db_path, monkeypatch):
    monkeypatch.setattr(backup, "_STEP_PAGES", 64)
    saved = backup.backup_database(park.db, db_path, backup.MANUAL, now=NOW - timedelta(days=1))
    _change_everything(park)
    before = content(park.db.conn)
    steps = []

    def cancel_mid_write(done, total, stage):
        if stage == "write":
            steps.append(done)
            if len(steps) == 2:
                raise Cancelled()

    with pytest.raises(Cancelled):
        restore.restore(park.db, db_path, saved.path, progress=cancel_mid_write)
    assert steps[-1] < park.db.execute("PRAGMA page_count").fetchone()[0]  # really in the middle
    assert park.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert content(park.db.conn) == before


def _foreign(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (text)")
    conn.commit()
    conn.close()
    return path


def _damaged(path: Path, source: Path) -> Path:
    data = bytearray(source.read_bytes())  # a closed backup file, never the live database
    data[4096 * 3 : 4096 * 6] = os.urandom(4096 * 3)
    path.write_bytes(bytes(data))
    return path


def _newer(path: Path, source: Path) -> Path:
    conn = sqlite3.connect(path)
    backup.open_read_only(source).backup(conn)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, ?, ?)",
        [schema.MIGRATION_SET, "9999_from_the_future", "2030-01-01"],
    )
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("foreign", "not a backup of this program"),
        ("damaged", "damaged|cannot be read"),
        ("newer", "newer version"),
        ("random", "cannot be read"),
        ("live", "open database itself"),
        ("missing", "no backup file"),
    ],
)
def test_restore_refuses_an_unusable_file_and_leaves_the_database_untouched(
    park, db_path, tmp_path, kind, message
):
    good = backup.backup_database(park.db, db_path, backup.MANUAL, target=tmp_path / "good.db")
    _change_everything(park)
    before = content(park.db.conn)
    candidate = {
        "foreign": lambda: _foreign(tmp_path / "foreign.db"),
        "damaged": lambda: _damaged(tmp_path / "damaged.db", good.path),
        "newer": lambda: _newer(tmp_path / "newer.db", good.path),
        "random": lambda: (tmp_path / "random.db").write_bytes(os.urandom(50_000)) and tmp_path / "random.db",
        "live": lambda: db_path,
        "missing": lambda: tmp_path / "missing.db",
    }[kind]()
    with pytest.raises(backup.BackupError, match=message):
        restore.restore(park.db, db_path, candidate)
    assert content(park.db.conn) == before
    assert backup.list_backups(db_path) == []  # not even the safety copy: nothing was started


def test_an_older_backup_is_migrated_after_the_restore(park, db_path, tmp_path):
    old = tmp_path / "old.db"
    conn = sqlite3.connect(old)
    park.db.conn.backup(conn)
    conn.executescript(
        "DROP INDEX idx_certificates_crop; DROP INDEX idx_certificates_status; "
        "DROP INDEX idx_certificates_weight;"
    )
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0005_certificate_browse_indexes'")
    conn.commit()
    conn.close()
    result = restore.restore(park.db, db_path, old)
    assert "0005_certificate_browse_indexes" in result.migrated
    assert schema.pending_migrations(park.db) == []
    assert park.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'idx_certificates_crop'").fetchone()


def test_a_damaged_database_file_is_replaced_by_a_backup_and_kept_aside(db_path):
    store = Store(open_database(db_path), user="tester")
    bulkdata.populate(store, harvests=500, shipments=300, days=50)
    saved = backup.backup_database(store.db, db_path, backup.DAILY, now=NOW)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    _damaged(db_path, db_path)  # the file is closed: the test may write into it
    assert restore.is_damaged(db_path)
    latest = backup.latest_good_backup(db_path)
    assert latest is not None and latest.path == saved.path
    result = restore.restore_file(db_path, latest.path, now=NOW)
    assert result.damaged_copy is not None and result.damaged_copy.exists()
    assert not restore.is_damaged(db_path)
    reopened = open_database(db_path)
    try:
        assert backup.count_records(reopened.conn) == saved.counts
    finally:
        reopened.close()


def test_latest_good_backup_skips_a_damaged_newest_one(park, db_path):
    older = backup.backup_database(park.db, db_path, backup.DAILY, now=NOW - timedelta(days=1))
    newest = backup.backup_database(park.db, db_path, backup.MANUAL, now=NOW)
    _damaged(newest.path, newest.path)
    assert backup.latest_good_backup(db_path).path == older.path
    with contextlib.suppress(FileNotFoundError):
        newest.path.unlink()


def test_a_restore_while_another_program_writes_gives_up_and_changes_nothing(park, db_path, monkeypatch):
    monkeypatch.setattr(restore, "_BUSY_RETRIES", 2)
    saved = backup.backup_database(park.db, db_path, backup.MANUAL, now=NOW - timedelta(days=1))
    _change_everything(park)
    before = content(park.db.conn)
    other = sqlite3.connect(db_path, timeout=0.1)
    park.db.execute("PRAGMA busy_timeout = 100")
    try:
        other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        with pytest.raises(backup.BackupError, match="busy in another program"):
            restore.restore(park.db, db_path, saved.path)
    finally:
        other.rollback()
        other.close()
    assert content(park.db.conn) == before


def test_the_park_key_goes_along_with_the_backups(tmp_path):
    from db.certification import signing

    path = tmp_path / "park.db"
    store = Store(open_database(path))
    try:
        signing.private_key(path)  # made on first use, beside the database
        key = signing.key_path(path)
        info = backup.backup_database(store.db, path, backup.MANUAL)
    finally:
        store.close()
    copy = info.path.parent / key.name
    assert copy.read_bytes() == key.read_bytes()
    assert copy.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in info.path.parent.iterdir() if p.name.startswith(".")] == []
