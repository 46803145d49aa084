"""kill -9 during a restore, in a real child process: the database is always whole, and either all of
the old content or all of the restored one.

The child stops itself at a chosen point (it prints where and sleeps), so each kill lands exactly
there: in the safety backup, between two steps of the write into the live file (its pages already
spilling into the WAL, uncommitted), or just after the commit. No timing decides the outcome.
"""

from __future__ import annotations

import hashlib
import os
import select
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from db.repositories import Store
from db.storage import backup
from db.storage.connection import open_database
from tests import bulkdata

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(os.name != "posix", reason="kill -9 and select() on pipes are POSIX")

CHILD = """
import sys, time
from db.storage import backup, restore
from db.storage.connection import open_database

db_path, source, folder, stage, nth = sys.argv[1:6]
backup._STEP_PAGES = 8
db = open_database(db_path, migrate=False)
db.execute("PRAGMA cache_size = 4")  # a tiny page cache: written pages spill to the WAL at once
seen = []

def hold(done, total, at):
    if at == stage:
        seen.append(done)
        if len(seen) == int(nth):
            print(f"STOPPED {at} {len(seen)} {done}/{total}", flush=True)
            time.sleep(600)

restore.restore(db, db_path, source, folder=folder, progress=hold)
print("FINISHED", flush=True)
"""


def fingerprint(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        digest = hashlib.sha256()
        for table in backup.COUNTED_TABLES:
            for row in conn.execute(f"SELECT * FROM {table} ORDER BY rowid"):
                digest.update(repr(row).encode())
        return digest.hexdigest()
    finally:
        conn.close()


def make_copy(tmp_path: Path, name: str, seed: int, harvests: int, shipments: int) -> Path:
    path = tmp_path / f"{name}-source.db"
    store = Store(open_database(path), user="tester")
    try:
        bulkdata.populate(store, harvests=harvests, shipments=shipments, seed=seed, days=120)
        return backup.backup_database(store.db, path, target=tmp_path / f"{name}.db").path
    finally:
        store.close()


@pytest.fixture(scope="module")
def contents(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("kill")
    old = make_copy(tmp, "old", seed=1, harvests=1_500, shipments=1_000)
    new = make_copy(tmp, "new", seed=2, harvests=2_500, shipments=700)
    return old, new, fingerprint(old), fingerprint(new)


def fresh_live(template: Path, live: Path) -> None:
    """The live database as the old content (no process has it open here)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(live) + suffix).unlink(missing_ok=True)
    live.write_bytes(template.read_bytes())


def run_until_stopped(live: Path, source: Path, folder: Path, stage: str, nth: int) -> str:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(live), str(source), str(folder), stage, str(nth)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        ready, _, _ = select.select([child.stdout], [], [], 120)
        line = child.stdout.readline() if ready else ""
        if not line.startswith("STOPPED"):
            child.kill()
            _out, err = child.communicate()
            pytest.fail(f"the child did not stop at {stage} #{nth}: {line!r} {err[-2000:]}")
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        assert child.returncode == -signal.SIGKILL
        return line
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdout.close()
        child.stderr.close()


# 20 kills between write steps (8 pages a step), 3 in the safety backup, 3 after the commit:
# (stage, which call of the progress callback, the content expected afterwards)
def kills(source: Path) -> list[tuple[str, int, str]]:
    conn = sqlite3.connect(source)
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.close()
    write_calls = -(-pages // 8) - 1  # the last step's call comes after the commit ("written")
    assert write_calls >= 40, "the restored content is too small to aim at its write phase"
    spread = sorted({1 + (write_calls - 1) * i // 19 for i in range(20)})
    return (
        [("write", n, "old") for n in spread]
        + [("copy", n, "old") for n in (1, 2, 5)]
        + [("written", 1, "new"), ("migrate", 1, "new"), ("written", 1, "new")]
    )


def test_kill_9_during_a_restore_leaves_all_old_or_all_restored(contents, tmp_path):
    old, new, old_print, new_print = contents
    live = tmp_path / "park.db"
    folder = tmp_path / "backups"
    outcomes = []
    for stage, nth, expected in kills(new):
        fresh_live(old, live)
        line = run_until_stopped(live, new, folder, stage, nth)
        wal = Path(str(live) + "-wal")
        wal_size = wal.stat().st_size if wal.exists() else 0
        found = fingerprint(live)
        assert found in (old_print, new_print), f"mixed content after a kill at {line}"
        outcomes.append((line.split()[1], "old" if found == old_print else "new", wal_size))
        assert found == (old_print if expected == "old" else new_print), f"after a kill at {line}"
        # A killed backup never leaves a file that looks like one.
        assert all(b.ok for b in backup.list_backups(live, folder))
    writes = [o for o in outcomes if o[0] == "write"]
    assert len(writes) == 20
    # The kills in the write phase really came after restored pages reached the file (the WAL).
    assert sum(1 for _s, _c, wal_size in writes if wal_size > 0) >= 15
