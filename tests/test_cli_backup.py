"""`fujiang backup`, `backups`, `restore` and the automatic backups of the writing commands, through
app.cli.main."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

from app import cli
from db.repositories import Store
from db.storage import backup
from db.storage.connection import open_database
from tests.test_cli import add_shipments, run, table_count


def backups_of(db_path: Path) -> list[backup.BackupInfo]:
    return backup.list_backups(db_path)


def test_backup_writes_a_checked_copy_into_the_backups_folder(capsys, db_path, store, master):
    add_shipments(store, master)
    code, out, err = run(capsys, "--db", db_path, "backup")
    assert (code, err) == (0, "")
    [made] = backups_of(db_path)
    assert made.reason == "manual" and made.counts["shipments"] == 2
    assert (
        out
        == f"Backed up {made.records:,} records to {made.path} ({made.size / 1024 / 1024:,.1f} MB); checked.\n"
    )


def test_backup_to_a_file_never_overwrites_the_database(capsys, db_path, store, master, tmp_path):
    add_shipments(store, master)
    link = tmp_path / "link.db"
    link.symlink_to(db_path)
    for target in (db_path, f"{db_path}-wal", f"{db_path}-shm", link, tmp_path / "." / "park.db"):
        code, out, err = run(capsys, "--db", db_path, "backup", "-o", target, "--force")
        assert code == 1 and out == ""
        assert err.count("\n") == 1 and "is the database itself" in err
    assert table_count(store, "shipments") == 2
    target = tmp_path / "copy.db"
    target.write_text("keep me")
    code, _, err = run(capsys, "--db", db_path, "backup", "-o", target)
    assert code == 1 and "add --force" in err and target.read_text() == "keep me"
    code, _, err = run(capsys, "--db", db_path, "backup", "-o", target, "--force")
    assert (code, err) == (0, "")
    assert backup.read_backup(target, thorough=True).counts["shipments"] == 2


def test_backups_lists_date_reason_size_and_counts(capsys, db_path, store, master, tmp_path):
    add_shipments(store, master)
    folder = tmp_path / "elsewhere"
    code, out, _ = run(capsys, "--db", db_path, "backups", "--folder", folder)
    assert code == 0 and out == f"No backups of {db_path} in {folder}.\n"
    made = backup.backup_database(store.db, db_path, backup.BEFORE_IMPORT, folder=folder)
    code, out, _ = run(capsys, "--db", db_path, "backups", "--folder", folder)
    assert code == 0
    header, _rule, row = out.splitlines()[1:]
    assert header.split() == [
        "Date", "Reason", "Size", "Harvests", "Shipments", "Payments", "Certificates", "All", "records", "File"
    ]  # fmt: skip
    assert row.split() == [
        *made.created.strftime("%Y-%m-%d %H:%M").split(),
        "before", "import", f"{made.size / 1024 / 1024:,.1f}", "MB",
        "0", "2", "0", "0", f"{made.records:,}", made.path.name,
    ]  # fmt: skip


def test_the_backups_folder_setting_is_used(capsys, db_path, store, master, tmp_path):
    from app.settings import Settings

    Settings().backup_folder = str(tmp_path / "from-settings")
    code, _, _ = run(capsys, "--db", db_path, "backup")
    assert code == 0
    assert len(backup.list_backups(db_path, tmp_path / "from-settings")) == 1
    assert backups_of(db_path) == []


def test_restore_shows_counts_asks_and_backs_up_first(capsys, db_path, store, master, monkeypatch):
    made = backup.backup_database(store.db, db_path, backup.DAILY)
    add_shipments(store, master)
    # Without a terminal and without --yes: nothing happens.
    code, out, err = run(capsys, "--db", db_path, "restore", made.path)
    assert code == 1 and "add --yes" in err
    assert "shipments" in out and table_count(store, "shipments") == 2
    rows = {" ".join(line.split()[:-2]): line.split()[-2:] for line in out.splitlines()[3:]}
    assert rows["shipment lines"] == ["3", "0"] and rows["shipments"] == ["2", "0"]
    assert rows["operators"] == ["2", "2"]
    # On a terminal the answer decides.
    for answer, expected_code, shipments in (("n\n", 1, 2), ("y\n", 0, 0)):
        monkeypatch.setattr("sys.stdin", _Terminal(answer))
        code = cli.main(["--lang", "en", "--db", str(db_path), "restore", str(made.path)])
        out, err = capsys.readouterr()
        assert code == expected_code, err
        assert table_count(store, "shipments") == shipments
    assert "Replace the database's content with this backup? [y/N]" in out
    assert "Restored" in out
    [safety] = [b for b in backups_of(db_path) if b.reason == "before-restore"]
    assert safety.counts["shipments"] == 2 and str(safety.path) in out


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_restore_with_yes_and_an_unusable_file(capsys, db_path, store, master, tmp_path):
    made = backup.backup_database(store.db, db_path, backup.DAILY)
    add_shipments(store, master)
    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    for bad in (foreign, db_path, tmp_path / "missing.db"):
        code, out, err = run(capsys, "--db", db_path, "restore", "--yes", bad)
        assert code == 1 and out == "" and err.count("\n") == 1, err
    assert table_count(store, "shipments") == 2
    code, out, err = run(capsys, "--db", db_path, "restore", "--yes", made.path)
    assert (code, err) == (0, "")
    assert table_count(store, "shipments") == 0


def test_import_backs_up_first_dry_run_and_reading_commands_do_not(capsys, tmp_path, db_path, store, master):
    add_shipments(store, master)
    exported = tmp_path / "ships.csv"
    assert run(capsys, "--db", db_path, "export", "shipments", "-o", exported)[0] == 0
    assert run(capsys, "--db", db_path, "stats")[0] == 0
    assert backups_of(db_path) == []  # reading commands make no backup
    fresh = tmp_path / "fresh" / "park.db"
    fresh.parent.mkdir()
    other = Store(open_database(fresh), user="tester")
    for repo in ("operators", "crops", "markets", "buyers"):
        for record in getattr(store, repo).list():
            getattr(other, repo).add(record.replace(id=None))
    other.close()
    assert run(capsys, "--db", fresh, "import", "shipments", "--dry-run", exported)[0] == 0
    assert backups_of(fresh) == []
    code, _, err = run(capsys, "--db", fresh, "import", "shipments", exported)
    assert (code, err) == (0, "")
    [made] = backups_of(fresh)
    assert made.reason == "before-import" and made.counts["shipments"] == 0  # the state before


def test_a_failing_automatic_backup_stops_the_import(capsys, tmp_path, db_path, store, master, monkeypatch):
    add_shipments(store, master)
    exported = tmp_path / "ships.csv"
    run(capsys, "--db", db_path, "export", "shipments", "-o", exported)
    store.db.execute("DELETE FROM shipment_lines")
    store.db.execute("DELETE FROM shipments")
    store.db.conn.commit()

    def full(*_args, **_kwargs):
        raise backup.BackupError(backup.translate("db", "the disk is full"))

    monkeypatch.setattr(backup, "backup_database", full)
    code, out, err = run(capsys, "--db", db_path, "import", "shipments", exported)
    assert code == 1 and out == ""
    assert err == "Error: the automatic backup failed, so nothing was written. the disk is full\n"
    assert table_count(store, "shipments") == 0


def test_the_first_writing_command_of_the_day_makes_the_daily_backup(capsys, db_path, store, master):
    assert run(capsys, "--db", db_path, "demo", "--years", "0")[0] == 1  # refuses: other data
    [made] = backups_of(db_path)
    assert made.reason == "daily"
    run(capsys, "--db", db_path, "demo", "--years", "0")
    assert len(backups_of(db_path)) == 1  # once a day


def test_restore_onto_a_missing_database_creates_it(capsys, db_path, store, master, tmp_path):
    add_shipments(store, master)
    made = backup.backup_database(store.db, db_path, backup.MANUAL, target=tmp_path / "usb" / "park.db")
    new_pc = tmp_path / "new-pc" / "park.db"
    new_pc.parent.mkdir()
    code, out, err = run(capsys, "--db", new_pc, "restore", "--yes", made.path)
    assert (code, err) == (0, "")
    assert out.endswith(f"Restored {made.path} as the new database {new_pc}: {made.records:,} records.\n")
    reopened = open_database(new_pc)
    try:
        assert backup.count_records(reopened.conn) == made.counts
    finally:
        reopened.close()
