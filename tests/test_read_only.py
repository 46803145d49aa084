"""A database on a read-only disk is opened for reading: browsing, reports and exports work, a save
says plainly why it cannot, and the file is left exactly as it was."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from db.errors import DatabaseReadOnlyError
from db.records import Buyer
from db.repositories import Store
from db.storage.connection import open_database

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def read_only_park(tmp_path, master, store):
    """The park's file on a small tmpfs that is then remounted read-only (needs root)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("mounting a tmpfs needs root")
    try:
        copy = mount / "park.db"
        dest = sqlite3.connect(copy)
        store.db.conn.backup(dest)  # a WAL-mode file, as the program leaves it
        dest.close()
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        yield copy
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_database_on_a_read_only_disk_is_read_and_never_written(read_only_park):
    before = digest(read_only_park)  # no connection of this process is open to it yet
    store = Store(open_database(read_only_park))
    try:
        assert store.read_only
        assert [b.name for b in store.buyers.list()] == ["陈建华", "周德明"]
        with pytest.raises(DatabaseReadOnlyError) as raised:
            store.buyers.add(Buyer(name="新客商"))
        assert "can only be read here" in str(raised.value) and "nothing can be saved" in str(raised.value)
    finally:
        store.close()
    assert digest(read_only_park) == before
    assert sorted(p.name for p in read_only_park.parent.iterdir()) == ["park.db"]


def test_the_command_line_reads_a_read_only_database_and_refuses_to_write(read_only_park, tmp_path):
    def cli(*args):
        return subprocess.run(
            [sys.executable, "-m", "app.cli", "--db", str(read_only_park), "--lang", "en", *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )

    stats = cli("stats", "--json")
    assert stats.returncode == 0, stats.stderr
    assert '"buyers": 2' in stats.stdout
    out = tmp_path / "lines.csv"
    exported = cli("export", "shipments", "--format", "csv", "-o", str(out))
    assert exported.returncode == 0, exported.stderr and out.exists()
    demo = cli("demo", "--years", "0")
    assert demo.returncode == 1
    assert "can only be read here" in demo.stderr and "Traceback" not in demo.stderr
