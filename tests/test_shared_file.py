"""Several programs on one database file, with real processes (POSIX locks belong to a process, so
threads of one process cannot show what two programs do to a file): nothing committed is lost,
writers wait their turn and say so, a stale save is refused, and the window sees others' commits."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from db.errors import DatabaseBusyError, StaleRecordError
from db.records import Harvest, Shipment, ShipmentLine
from db.repositories import Store
from db.storage.connection import open_database

ROOT = Path(__file__).resolve().parents[1]


def child(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.procs", *args],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def expect(proc: subprocess.Popen, word: str) -> str:
    line = proc.stdout.readline().strip()
    if not line.startswith(word):
        proc.kill()
        raise AssertionError(f"child said {line!r}, expected {word!r}; stderr: {proc.stderr.read()}")
    return line


def tell(proc: subprocess.Popen, text: str = "go") -> None:
    proc.stdin.write(text + "\n")
    proc.stdin.flush()


def cli(db: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app.cli", "--db", str(db), "--lang", "en", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def kill(proc: subprocess.Popen) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdin.close()
    proc.stdout.close()
    proc.stderr.close()


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def notes_of_lots(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT notes FROM harvests ORDER BY id")]
    finally:
        conn.close()


@pytest.fixture
def park(store, master, db_path):
    """A park database on disk with master data and one truck, and no connection of this process."""
    store.shipments.add(
        Shipment(
            ship_date="2026-11-20",
            ticket_no="T-OTHER-1",
            buyer_id=master["buyers"][0].id,
            market_id=master["markets"][0].id,
            plate="渝C12345",
            gross_g=14_000_000,
            tare_g=4_000_000,
            lines=(
                ShipmentLine(
                    operator_id=master["operators"][0].id,
                    crop_id=master["crops"][0].id,
                    net_g=10_000_000,
                    agreed_price=20_000,
                ),
            ),
        )
    )
    store.close()
    return db_path


def _import_file(park: Path, tmp_path: Path) -> Path:
    exported = tmp_path / "out.csv"
    done = cli(park, "export", "shipments", "--format", "csv", "-o", str(exported))
    assert done.returncode == 0, done.stderr
    other = tmp_path / "other.csv"
    other.write_text(exported.read_text(encoding="utf-8-sig").replace("T-OTHER-1", "T-OTHER-2"), "utf-8-sig")
    return other


OTHER_PROGRAMS = {
    "stats": lambda park, tmp: [sys.executable, "-m", "app.cli", "--db", str(park), "stats"],
    "import": lambda park, tmp: [
        sys.executable, "-m", "app.cli", "--db", str(park), "import", "shipments", str(_import_file(park, tmp))
    ],
    "backup": lambda park, tmp: [sys.executable, "-m", "tests.procs", "backup", str(park), str(tmp / "copy.db")],
    "migration check": lambda park, tmp: [sys.executable, "-m", "tests.procs", "migrate", str(park)],
}  # fmt: skip


@pytest.mark.parametrize("other", list(OTHER_PROGRAMS))
def test_a_commit_survives_another_program_and_a_kill(park, tmp_path, other):
    """The app (window and task connections) is open; another program uses the file and ends; the
    app commits and is killed with SIGKILL: the commit is in the file and the file is sound."""
    command = OTHER_PROGRAMS[other](park, tmp_path)  # files it needs are made before the app opens
    app = child("app", str(park))
    expect(app, "ready")
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    tell(app, "commit")
    saved_id = int(expect(app, "committed").split()[1])
    kill(app)
    assert integrity(park) == "ok"
    conn = sqlite3.connect(park)
    try:
        row = conn.execute("SELECT notes FROM harvests WHERE id = ?", [saved_id]).fetchone()
        tickets = {r[0] for r in conn.execute("SELECT ticket_no FROM shipments")}
    finally:
        conn.close()
    assert row == ("saved by the app",)
    assert tickets == ({"T-OTHER-1", "T-OTHER-2"} if other == "import" else {"T-OTHER-1"})


def test_two_programs_writing_at_once_lose_nothing_and_double_nothing(park):
    with child("writer", str(park), "150", "A") as a, child("writer", str(park), "150", "B") as b:
        for w in (a, b):
            expect(w, "ready")
        for w in (a, b):
            tell(w)
        for w in (a, b):
            out, err = w.communicate(timeout=300)
            assert w.returncode == 0 and out.strip() == "done", err
    notes = notes_of_lots(park)
    assert sorted(notes) == sorted([f"{t}-{i}" for t in ("A", "B") for i in range(150)])
    conn = sqlite3.connect(park)
    try:
        lot_codes = [r[0] for r in conn.execute("SELECT lot_code FROM harvests")]
        audited = conn.execute("SELECT count(*) FROM audit_log WHERE table_name = 'harvests'").fetchone()[0]
    finally:
        conn.close()
    assert len(set(lot_codes)) == 300  # each lot got its own code although both numbered at once
    assert audited == 300
    assert integrity(park) == "ok"


def test_a_write_waits_for_another_programs_write_and_says_so(park, master):
    with child("hold", str(park)) as holder:
        _wait_while_holding(holder, park, master)


def _wait_while_holding(holder, park, master):
    expect(holder, "holding")
    store = Store(open_database(park), user="clerk")
    waits: list[tuple[float, bool]] = []

    def waiting(elapsed: float, finished: bool) -> None:
        if not waits:
            tell(holder, "release")  # only now: the write is known to be waiting
        waits.append((elapsed, finished))

    store.on_wait = waiting
    try:
        saved = store.harvests.add(
            Harvest(
                harvest_date="2026-01-07",
                operator_id=master["operators"][0].id,
                crop_id=master["crops"][0].id,
                weight_g=500_000,
                notes="saved after waiting",
            )
        )
    finally:
        store.close()
    assert holder.wait(timeout=30) == 0
    assert waits[0][1] is False and waits[-1][1] is True
    assert notes_of_lots(park) == ["saved by the holder", "saved after waiting"]
    assert saved.lot_code != ""


def test_a_write_that_waits_too_long_says_so_plainly_and_writes_nothing(park, master):
    with child("hold", str(park)) as holder:
        _give_up_while_holding(holder, park, master)


def _give_up_while_holding(holder, park, master):
    expect(holder, "holding")
    store = Store(open_database(park), user="clerk")
    store.write_patience_s = 0.5
    waited: list[float] = []
    store.on_wait = lambda elapsed, finished: waited.append(elapsed)
    try:
        with pytest.raises(DatabaseBusyError) as raised:
            store.harvests.add(
                Harvest(
                    harvest_date="2026-01-07",
                    operator_id=master["operators"][0].id,
                    crop_id=master["crops"][0].id,
                    weight_g=500_000,
                )
            )
        assert not store.db.conn.in_transaction
    finally:
        tell(holder, "release")
        assert holder.wait(timeout=30) == 0
        store.close()
    assert "Another program has been writing to the database" in str(raised.value)
    assert "Nothing was saved" in str(raised.value)
    assert waited  # it said that it waited before giving up
    assert notes_of_lots(park) == ["saved by the holder"]


def test_the_command_line_waits_for_the_app_and_says_so_on_stderr(park, tmp_path):
    source = _import_file(park, tmp_path)
    with child("hold", str(park)) as holder:
        _import_while_holding(holder, park, source)
    conn = sqlite3.connect(park)
    try:
        assert {r[0] for r in conn.execute("SELECT ticket_no FROM shipments")} == {"T-OTHER-1", "T-OTHER-2"}
    finally:
        conn.close()


def _import_while_holding(holder, park, source):
    expect(holder, "holding")
    with subprocess.Popen(
        [
            sys.executable,
            "-m",
            "app.cli",
            "--db",
            str(park),
            "--lang",
            "en",
            "import",
            "shipments",
            str(source),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as importer:
        _release_when_waiting(holder, importer)


def _release_when_waiting(holder, importer):
    first = importer.stderr.readline()
    assert first.startswith("Waiting for another program to finish writing to ")
    tell(holder, "release")
    out, err = importer.communicate(timeout=120)
    assert holder.wait(timeout=30) == 0
    assert importer.returncode == 0, err
    assert "Imported 1 shipment" in out


def test_a_save_over_a_record_changed_elsewhere_is_refused_and_says_what_changed(park, master):
    mine = Store(open_database(park), user="clerk-a")
    theirs = Store(open_database(park), user="clerk-b")
    try:
        opened = mine.harvests.add(
            Harvest(
                harvest_date="2026-01-07",
                operator_id=master["operators"][0].id,
                crop_id=master["crops"][0].id,
                weight_g=2_100_000,
            )
        )
        theirs.harvests.update(opened.replace(weight_g=2_000_000, grade="first"))
        with pytest.raises(StaleRecordError) as raised:
            mine.harvests.update(opened.replace(notes="my note"), expected=opened)
        message = str(raised.value)
        assert "was changed by clerk-b at " in message
        assert "weight 2,100.0 kg → 2,000.0 kg; grade 统货 → 一级" in message
        assert "Your changes were not saved" in message
        assert {c[0] for c in raised.value.changes} == {"weight_g", "grade"}
        stored = theirs.harvests.get(opened.id)
        assert (stored.weight_g, stored.notes) == (2_000_000, "")  # not overwritten
        # The same save over the version it expects goes through.
        assert mine.harvests.update(stored.replace(notes="my note"), expected=stored).notes == "my note"
    finally:
        mine.close()
        theirs.close()


def test_a_stale_shipment_names_the_changed_line(park, master):
    mine = Store(open_database(park), user="clerk-a")
    theirs = Store(open_database(park), user="clerk-b")
    try:
        opened = mine.shipments.by_ticket("T-OTHER-1")
        line = opened.lines[0]
        theirs.shipments.update(opened.replace(lines=(line.replace(net_g=9_000_000),), tare_g=5_000_000))
        with pytest.raises(StaleRecordError) as raised:
            mine.shipments.update(opened.replace(plate="渝C99999"), expected=opened)
        message = str(raised.value)
        assert "line 1: net weight 10,000.0 kg → 9,000.0 kg" in message
        assert "tare 4,000.0 kg → 5,000.0 kg" in message
        assert theirs.shipments.get(opened.id).plate == "渝C12345"
    finally:
        mine.close()
        theirs.close()


def _statistics(path: Path) -> list[tuple]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        if not con.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone():
            return []
        return con.execute("SELECT tbl, idx FROM sqlite_stat1").fetchall()
    finally:
        con.close()


def _forget_statistics(path: Path) -> None:
    con = sqlite3.connect(path)
    try:
        if con.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone():
            con.execute("DELETE FROM sqlite_stat1")
            con.commit()
    finally:
        con.close()
    assert _statistics(path) == []


def _read_lines_by_operator(store: Store, master) -> None:
    operator_id = master["operators"][0].id
    store.db.execute("SELECT count(*) FROM shipment_lines WHERE operator_id = ?", [operator_id]).fetchone()


def test_closing_leaves_the_planner_statistics_behind(park, master):
    _forget_statistics(park)
    store = Store(open_database(park), user="window")
    _read_lines_by_operator(store, master)
    store.close()  # only read: the file stays exactly as it was
    assert _statistics(park) == []
    store = Store(open_database(park), user="window")
    store.harvests.add(lot_of(master, "saved by the window"))
    _read_lines_by_operator(store, master)
    store.close()
    assert any(table == "shipment_lines" for table, _idx in _statistics(park))
    assert integrity(park) == "ok"


def test_closing_while_another_program_writes_neither_fails_nor_loses_its_write(park, master):
    _forget_statistics(park)
    store = Store(open_database(park), user="window")
    store.harvests.add(lot_of(master, "saved by the window"))
    _read_lines_by_operator(store, master)
    with child("hold", str(park)) as holder:
        expect(holder, "holding")
        store.close()  # the statistics need the lock another program holds: skipped, no error
        tell(holder, "release")
        expect(holder, "released")
        assert holder.wait(timeout=30) == 0
    assert _statistics(park) == []
    assert notes_of_lots(park) == ["saved by the window", "saved by the holder"]
    assert integrity(park) == "ok"


def lot_of(master, note: str) -> Harvest:
    return Harvest(
        harvest_date="2026-01-06",
        operator_id=master["operators"][0].id,
        crop_id=master["crops"][0].id,
        weight_g=1_000_000,
        notes=note,
    )
