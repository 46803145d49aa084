"""No output over a database: every writing command refuses the open database, its companions and
other databases of ours (any spelling, through links), replaces other files only with --force, and
never opens the open database file to find out."""

from __future__ import annotations

import builtins
import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from db.documents.exporting import write_csv
from db.storage import outputs
from db.storage.connection import open_database
from db.storage.outputs import Output, OutputExists, OutputRefused, check_target
from tests.documents_data import build_park

PERIOD = ("--from", "2026-01-01", "--to", "2026-01-31")

# Every command that writes a file, with what it needs besides -o.
WRITERS = {
    "shipments csv": ["export", "shipments", "--format", "csv"],
    "shipments xlsx": ["export", "shipments", "--format", "xlsx"],
    "buyer-report": ["export", "buyer-report", "--buyer", "陈建华", *PERIOD, "--format", "csv"],
    "buyer-report pdf": ["export", "buyer-report", "--buyer", "陈建华", *PERIOD, "--format", "pdf"],
    "operator-statement": [
        "export",
        "operator-statement",
        "--operator",
        "涪江湾",
        *PERIOD,
        "--format",
        "xlsx",
    ],
    "park-summary": ["export", "park-summary", "--month", "2026-01", "--format", "xlsx"],
    "certificate": ["certificate", "--ticket", "B20260105-001"],
    "trace": ["trace", "--ticket", "B20260105-001", "--format", "csv"],
}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def park(store, master):
    build_park(store, master)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return store


@pytest.fixture
def run(db_path, capsys):
    def run(*argv: str) -> tuple[int, str, str]:
        code = main(["--db", str(db_path), "--lang", "en", *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def spellings(db_path: Path, tmp_path: Path) -> dict[str, Path]:
    link = tmp_path / "elsewhere.csv"
    link.symlink_to(db_path)
    folder_link = tmp_path / "linked_folder"
    folder_link.symlink_to(db_path.parent, target_is_directory=True)
    return {
        "as given": db_path,
        "relative with ..": db_path.parent / ".." / db_path.parent.name / db_path.name,
        "through a file link": link,
        "through a folder link": folder_link / db_path.name,
        "upper case": db_path.with_name(db_path.name.upper()),
        "its -wal": db_path.with_name(db_path.name + "-wal"),
        "its -shm in upper case": db_path.with_name(db_path.name.upper() + "-SHM"),
        "its -journal": db_path.with_name(db_path.name + "-journal"),
    }


@pytest.mark.parametrize("command", list(WRITERS))
def test_every_writing_command_refuses_the_open_database_in_every_spelling(
    run, park, db_path, tmp_path, command, qapp
):
    park.close()
    before = digest(db_path)
    for how, target in spellings(db_path, tmp_path).items():
        for force in ([], ["--force"]):
            code, out, err = run(*WRITERS[command], *force, "-o", str(target))
            assert code == 1, (how, force, out, err)
            assert err.count("\n") == 1 and "open database" in err, (how, err)
    assert digest(db_path) == before
    assert not [p for p in db_path.parent.iterdir() if p.name.endswith(".tmp")]
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM shipments").fetchone()[0] > 0


@pytest.mark.parametrize("command", list(WRITERS))
def test_an_existing_file_is_replaced_only_with_force(run, park, tmp_path, command, qapp):
    target = tmp_path / "out.bin"
    target.write_bytes(b"keep me")
    code, _, err = run(*WRITERS[command], "-o", str(target))
    assert code == 1 and "already exists" in err and "--force" in err
    assert target.read_bytes() == b"keep me"
    code, _, err = run(*WRITERS[command], "--force", "-o", str(target))
    assert code == 0, err
    assert target.read_bytes() != b"keep me"


def test_another_database_of_ours_is_never_replaced_even_with_force(run, park, tmp_path, qapp):
    other = tmp_path / "other.db"
    open_database(other).close()
    (tmp_path / "other.db-wal").write_bytes(b"changes not yet checkpointed")
    before = digest(other)
    for target in (other, tmp_path / "other.db-wal"):
        code, _, err = run(*WRITERS["shipments csv"], "--force", "-o", str(target))
        assert code == 1 and "database of this program" in err, err
    assert digest(other) == before
    # Another program's SQLite file is only an existing file: replaced with --force.
    foreign = tmp_path / "foreign.sqlite"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE t (x)")
    code, _, err = run(*WRITERS["shipments csv"], "-o", str(foreign))
    assert code == 1 and "already exists" in err
    assert run(*WRITERS["shipments csv"], "--force", "-o", str(foreign))[0] == 0


def test_import_of_the_open_database_is_refused_before_it_is_opened(run, park, db_path, tmp_path):
    # A database named like a CSV passes every suffix check: only the identity check stops it.
    csv_named = tmp_path / "park.csv"
    park.close()
    db_path.rename(csv_named)
    code = main(["--db", str(csv_named), "--lang", "en", "import", "shipments", str(csv_named)])
    assert code == 1
    code = main(["--db", str(csv_named), "--lang", "en", "import", "shipments", str(tmp_path / "PARK.CSV")])
    assert code == 1


def test_the_open_database_is_never_opened_by_the_guard(park, db_path, tmp_path, monkeypatch):
    """Opening and closing a descriptor of the database would drop this process's locks on it."""
    opened: list[str] = []
    real_open, real_os_open = builtins.open, os.open

    def spy_open(file, *args, **kwargs):
        opened.append(os.path.realpath(file) if isinstance(file, str | os.PathLike) else str(file))
        return real_open(file, *args, **kwargs)

    def spy_os_open(file, *args, **kwargs):
        opened.append(os.path.realpath(file))
        return real_os_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy_open)
    monkeypatch.setattr(os, "open", spy_os_open)
    for target in spellings(db_path, tmp_path).values():
        with pytest.raises(OutputRefused):
            check_target(target, db_path, overwrite=True)
        with pytest.raises(OutputRefused):
            write_csv(Output(target, db_path, overwrite=True), ["a"], [["1"]])
    protected = {os.path.realpath(db_path) + s for s in ("", "-wal", "-shm", "-journal")}
    assert not protected & set(opened)


def _can_lock_exclusively(db_path: Path) -> bool:
    script = "import sqlite3,sys; c=sqlite3.connect(sys.argv[1], timeout=0); c.execute('BEGIN EXCLUSIVE')"
    probe = subprocess.run([sys.executable, "-c", script, str(db_path)], capture_output=True, text=True)
    return probe.returncode == 0


def test_a_refused_output_keeps_this_process_s_lock_on_the_database(park, db_path):
    """A read transaction's lock survives refused exports and imports of the database: another
    process still cannot take the database exclusively. The control at the end shows that merely
    opening and closing the file would have dropped the lock (SQLite "How To Corrupt" §2.2)."""
    park.db.execute("PRAGMA journal_mode=DELETE")
    reader = sqlite3.connect(db_path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM shipments").fetchone()  # holds a SHARED lock
    with pytest.raises(OutputRefused):
        write_csv(Output(db_path, db_path, overwrite=True), ["a"], [["1"]])
    with pytest.raises(OutputRefused):
        outputs.check_input(db_path, db_path)
    assert not _can_lock_exclusively(db_path)
    open(db_path, "rb").close()  # what a header check of the open database would do
    assert _can_lock_exclusively(db_path)
    reader.execute("COMMIT")
    reader.close()


def test_check_target_existing_and_new_files(tmp_path, db_path, store):
    new = tmp_path / "new.csv"
    assert check_target(new, db_path) == new
    new.write_text("x")
    with pytest.raises(OutputExists):
        check_target(new, db_path)
    assert check_target(new, db_path, overwrite=True) == new
    hard = tmp_path / "hard.csv"
    os.link(db_path, hard)
    with pytest.raises(OutputRefused):
        check_target(hard, db_path, overwrite=True)


def test_stale_export_temporaries_of_dead_processes_only_are_removed(tmp_path):
    dead = tmp_path / ".report.csv.999999999.abcd1234.tmp"
    alive = tmp_path / f".report.csv.{os.getppid()}.abcd1234.tmp"
    other = tmp_path / ".notes.tmp"
    for p in (dead, alive, other):
        p.write_text("x")
    assert outputs.remove_stale_temporaries(tmp_path) == [dead]
    assert not dead.exists() and alive.exists() and other.exists()


def test_buyer_reports_for_all_never_make_a_folder_in_the_database_s_place(run, park, db_path):
    park.close()
    for name in (db_path.name + "-wal", db_path.name + "-journal"):
        code, _, err = run("export", "buyer-report", "--all", *PERIOD, "-o", str(db_path.with_name(name)))
        assert code == 1 and "open database" in err
        assert not db_path.with_name(name).is_dir()


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="names open files through /proc (Linux)")
def test_the_finished_file_is_on_disk_before_it_replaces_the_target(tmp_path, monkeypatch):
    """fsync of the complete temporary file, then the rename, then the folder's fsync."""
    events: list[tuple[str, str]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        events.append(("fsync", os.readlink(f"/proc/self/fd/{fd}")))
        return real_fsync(fd)

    def replace(src, dst):
        events.append(("replace", str(src)))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    target = tmp_path / "out.csv"
    write_csv(Output(target), ["a"], [["1"]])
    kinds = [kind for kind, _ in events]
    assert kinds == ["fsync", "replace", "fsync"]
    assert events[0][1] == events[1][1] and events[0][1] != str(target)  # the temporary file
    assert events[2][1] == str(tmp_path)  # the folder, so the rename itself survives a power cut
    assert target.read_bytes() == b"\xef\xbb\xbfa\r\n1\r\n"
