"""Child programs for the tests of several processes sharing one database file.

    python -m tests.procs app DB         # window + task connection; on 'commit' saves a lot, prints its id
    python -m tests.procs writer DB N T  # N separate saves of harvest lots noted T-0 … T-(N-1)
    python -m tests.procs hold DB        # takes the write lock, says 'holding', waits for a line, commits
    python -m tests.procs backup DB OUT  # the program's own copy of the file (SQLite's backup API)
    python -m tests.procs migrate DB     # opens the file as the app does, checking for migrations
    python -m tests.procs deleter DB     # on a line: says how many rows bulk_delete shows it, deletes
                                         # the newest harvest lot (waiting for the lock), says 'deleted ID'
    python -m tests.procs import DB FILE [K] # imports shipments; 'writing' when the write begins, and
                                         # with K, 'stopped' after K thousand steps of it (then waits)

Each talks through stdin/stdout lines, so a test moves it step by step without sleeping.
"""

from __future__ import annotations

import sys

from db.records import Harvest
from db.repositories import Store
from db.storage import backup as backups
from db.storage.connection import open_database


def say(text: str) -> None:
    print(text, flush=True)


def first_ids(store: Store) -> tuple[int, int]:
    operator = store.operators.list()[0]
    crop = store.crops.list()[0]
    return operator.id, crop.id


def lot(operator_id: int, crop_id: int, note: str) -> Harvest:
    return Harvest(
        harvest_date="2026-01-06", operator_id=operator_id, crop_id=crop_id, weight_g=1_234_000, notes=note
    )


def app(path: str) -> None:
    window = Store(open_database(path), user="window")
    task = Store(open_database(path, migrate=False), user="task")  # as a task opens its own
    task.harvests.count()
    say("ready")
    sys.stdin.readline()
    saved = window.harvests.add(lot(*first_ids(window), "saved by the app"))
    say(f"committed {saved.id}")
    sys.stdin.readline()  # killed here


def writer(path: str, n: str, tag: str) -> None:
    store = Store(open_database(path), user=tag)
    ids = first_ids(store)
    say("ready")
    sys.stdin.readline()
    for i in range(int(n)):
        store.harvests.add(lot(*ids, f"{tag}-{i}"))
    say("done")


def hold(path: str) -> None:
    store = Store(open_database(path), user="holder")
    ids = first_ids(store)
    with store.write():
        store.harvests.add(lot(*ids, "saved by the holder"))
        say("holding")
        sys.stdin.readline()
    say("released")


def deleter(path: str) -> None:
    store = Store(open_database(path), user="deleter")
    say("ready")
    sys.stdin.readline()
    (shown,) = store.db.execute("SELECT count(*) FROM bulk_delete").fetchone()
    say(f"sees {shown}")
    (newest,) = store.db.execute("SELECT max(id) FROM harvests").fetchone()
    store.harvests.delete(newest)
    say(f"deleted {newest}")


def backup(path: str, out: str) -> None:
    db = open_database(path)
    info = backups.backup_database(db, path, backups.MANUAL, target=out)
    db.close()
    say(str(info.path))


def migrate(path: str) -> None:
    open_database(path).close()
    say("checked")


def import_file(path: str, source: str, stop_at: str = "0") -> None:
    """Import; with stop_at > 0, stop (and wait to be killed) after that many thousand SQLite
    virtual-machine steps of the write phase, so a test can aim a kill anywhere inside it."""
    from db import importing

    store = Store(open_database(path), user="importer")
    write = store.write
    steps = 0

    def step() -> int:
        nonlocal steps
        steps += 1
        if steps == int(stop_at):
            say("stopped")
            sys.stdin.readline()  # killed here, inside the write transaction
        return 0

    def announced_write():
        if steps == 0:
            say("writing")  # the check is done; everything from here on is the write phase
            store.db.conn.set_progress_handler(step, 1000)
        return write()

    store.write = announced_write
    result = importing.import_shipments(store, source)
    say(f"imported {len(result.shipments)} in {steps} thousand steps")


if __name__ == "__main__":
    role, *args = sys.argv[1:]
    roles = {
        "app": app,
        "writer": writer,
        "hold": hold,
        "deleter": deleter,
        "backup": backup,
        "migrate": migrate,
        "import": import_file,
    }
    roles[role](*args)
