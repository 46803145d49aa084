"""Files that are not a sound database of this program are refused with a message a person can act
on and left exactly as they were; an import killed at any moment of its write leaves all or nothing."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from db.documents import exporting
from db.errors import DatabaseFileError, DatabaseLockedError, ForeignDatabaseError
from db.repositories import Store
from db.storage import connection, schema
from db.storage.connection import open_database
from tests import bulkdata
from tests.test_shared_file import child, expect, tell

ROOT = Path(__file__).resolve().parents[1]


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file of a folder and a digest of its bytes (only read while no connection is open)."""
    return {
        p.name: "folder" if p.is_dir() else hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
    }


def park_file(path: Path) -> Path:
    store = Store(open_database(path))
    bulkdata.make_master(store)
    store.close()
    return path


def zero_bytes(folder: Path) -> Path:
    path = folder / "park.db"
    path.write_bytes(b"")
    return path


def truncated(folder: Path) -> Path:
    path = park_file(folder / "park.db")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    return path


def random_bytes(folder: Path) -> Path:
    path = folder / "park.db"
    path.write_bytes(random.Random(5).randbytes(50_000))
    return path


def workbook_named_db(folder: Path) -> Path:
    path = folder / "park.db"
    exporting.write_xlsx(path, [exporting.Sheet("表", [exporting.Column("日期")], [["2026-01-06"]])])
    return path


def foreign(folder: Path) -> Path:
    path = folder / "park.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    return path


def newer(folder: Path) -> Path:
    path = park_file(folder / "park.db")
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, '9999_future', '2030')",
        [schema.MIGRATION_SET],
    )
    conn.commit()
    conn.close()
    return path


def a_folder(folder: Path) -> Path:
    path = folder / "park.db"
    path.mkdir()
    return path


CORPUS = {
    "zero bytes": (zero_bytes, DatabaseFileError, "is empty (0 bytes)"),
    "truncated": (truncated, DatabaseFileError, "is damaged"),
    "random bytes": (random_bytes, ForeignDatabaseError, "is not a database file"),
    "a workbook named .db": (workbook_named_db, ForeignDatabaseError, "is not a database file"),
    "another program's database": (foreign, ForeignDatabaseError, "of another program"),
    "a newer version's database": (newer, DatabaseFileError, "newer version of this program"),
    "a folder": (a_folder, DatabaseFileError, "is a folder"),
}


@pytest.mark.parametrize("kind", list(CORPUS))
def test_a_broken_file_is_refused_with_a_reason_and_left_as_it_was(tmp_path, kind):
    make, error, words = CORPUS[kind]
    folder = tmp_path / "office"
    folder.mkdir()
    path = make(folder)
    before = fingerprint(folder)
    with pytest.raises(error) as raised:
        open_database(path, create=False)
    assert words in str(raised.value)
    assert str(path) in str(raised.value)
    assert fingerprint(folder) == before  # not a byte changed, no -wal or -shm left beside it


@pytest.mark.parametrize("kind", ["truncated", "random bytes", "another program's database", "a folder"])
def test_the_command_line_says_so_in_one_line(tmp_path, kind):
    make, _error, words = CORPUS[kind]
    folder = tmp_path / "office"
    folder.mkdir()
    path = make(folder)
    before = fingerprint(folder)
    done = subprocess.run(
        [sys.executable, "-m", "app.cli", "--db", str(path), "--lang", "en", "stats"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and words in done.stderr and "Traceback" not in done.stderr
    assert fingerprint(folder) == before


def test_a_file_locked_by_another_program_is_reported_as_locked(tmp_path, monkeypatch):
    path = park_file(tmp_path / "park.db")
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 300)
    script = (
        "import sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA locking_mode = EXCLUSIVE')\n"
        "c.execute('BEGIN EXCLUSIVE')\n"
        "print('holding', flush=True)\n"
        "sys.stdin.readline()\n"
    )
    with subprocess.Popen(
        [sys.executable, "-c", script, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    ) as holder:
        expect(holder, "holding")
        with pytest.raises(DatabaseLockedError, match="is locked by another program"):
            open_database(path)
        tell(holder, "done")
    store = Store(open_database(path))  # free again: it opens
    assert store.operators.count() == len(bulkdata.OPERATORS)
    store.close()


@pytest.fixture(scope="module")
def import_source(tmp_path_factory):
    """A park with 400 trucks exported as CSV, and an empty park (same master data) to import into."""
    folder = tmp_path_factory.mktemp("kill")
    source = Store(open_database(folder / "source.db"))
    bulkdata.populate(source, harvests=0, shipments=400, seed=11, days=60)
    lines = exporting.export_shipments(source.db, folder / "trucks.csv", "csv")
    trucks = source.shipments.count()
    source.close()
    empty = park_file(folder / "empty.db")
    return folder / "trucks.csv", empty, trucks, lines


def test_an_import_killed_during_its_write_leaves_all_or_nothing(tmp_path, import_source):
    """20 imports killed with SIGKILL at random points of their write phase (counted in SQLite
    virtual-machine steps, so each kill lands where it was aimed): each time the file is sound and
    holds either none of the file's trucks or all of them."""
    csv, empty, trucks, _lines = import_source
    measured = tmp_path / "measured.db"
    shutil.copyfile(empty, measured)  # no connection to either file is open in this process
    with child("import", str(measured), str(csv)) as whole:
        expect(whole, "writing")
        total = int(expect(whole, "imported").split()[3])
    assert total > 20
    rng = random.Random(20261202)
    for attempt in range(20):
        target = tmp_path / f"park{attempt}.db"
        shutil.copyfile(empty, target)
        with child("import", str(target), str(csv), str(rng.randint(1, total))) as importer:
            expect(importer, "writing")
            expect(importer, "stopped")
            os.kill(importer.pid, signal.SIGKILL)
            importer.wait(timeout=60)
        conn = sqlite3.connect(target)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            count = conn.execute("SELECT count(*) FROM shipments").fetchone()[0]
            lines = conn.execute("SELECT count(*) FROM shipment_lines").fetchone()[0]
            audited = conn.execute(
                "SELECT count(*) FROM audit_log WHERE table_name = 'shipments'"
            ).fetchone()[0]
        finally:
            conn.close()
        assert (count, lines, audited) == (0, 0, 0)  # killed before the commit: nothing at all
        store = Store(open_database(target))  # and the program opens it again as usual
        assert store.shipments.count() == 0
        store.close()
    final = Store(open_database(measured))
    assert final.shipments.count() == trucks  # the import that was not killed wrote everything
    final.close()


def test_a_leftover_wal_on_a_full_disk_is_explained_and_kept(tmp_path):
    """A crash leaves the latest commit in the -wal; on a disk that is now full, SQLite cannot make
    the room it needs to read it: the message says so and that nothing is lost, and once space is
    freed the commit is there."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(disk)], capture_output=True
    ).returncode:
        pytest.skip("mounting a tmpfs needs root")
    try:
        path = disk / "park.db"
        script = (
            "import os, signal, sys\n"
            "from db.storage.connection import open_database\n"
            "from db.records import Buyer\n"
            "from db.repositories import Store\n"
            "s = Store(open_database(sys.argv[1]))\n"
            "s.buyers.add(Buyer(name='崩溃前保存的客商'))\n"
            "os.kill(os.getpid(), signal.SIGKILL)\n"
        )
        subprocess.run([sys.executable, "-c", script, str(path)], cwd=ROOT, timeout=60)
        wal = path.with_name("park.db-wal")
        assert wal.stat().st_size > 0
        path.with_name("park.db-shm").unlink()  # no process has it: as after a reboot that lost it
        filler = disk / "filler"
        fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
        try:
            while True:
                os.write(fd, b"x" * 65536)
        except OSError:
            pass
        finally:
            os.close(fd)
        with pytest.raises(DatabaseFileError) as raised:
            open_database(path)
        assert "disk is full" in str(raised.value) and "nothing is lost" in str(raised.value)
        assert str(wal) in str(raised.value)
        filler.unlink()
        store = Store(open_database(path))
        assert [b.name for b in store.buyers.list()] == ["崩溃前保存的客商"]
        store.close()
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)
