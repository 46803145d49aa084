"""Putting a backup back: verify it, back up the database as it is, copy the backup into the live
file through SQLite's backup API in one write transaction, then bring an older schema up to date.

Like db/storage/backup.py, it reads and writes the live database only through SQLite (never the OS).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from db.i18n import translate
from db.storage import backup, schema

_BUSY = (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED from a backup step
_BUSY_RETRIES = 20  # each waits the connection's busy_timeout, then 0.25 s


@dataclass(frozen=True)
class RestoreResult:
    backup: backup.BackupInfo
    safety: backup.BackupInfo | None  # the copy of the database as it was before the restore
    before: dict[str, int]
    after: dict[str, int]
    migrated: list[str]  # schema steps applied to the restored data (an older backup)
    damaged_copy: Path | None = None  # where a damaged database was moved (restore_file)


def check_restorable(backup_path: str | Path, db_path: str | Path | None = None) -> backup.BackupInfo:
    """Verify a backup fully (integrity, this program's, not newer); raises backup.BackupError if it fails."""
    backup_path = Path(backup_path)
    if db_path is not None and backup.is_live_database_path(backup_path, db_path):
        raise backup.BackupError(
            translate("db", "{path} is the open database itself, not a backup.").format(path=str(backup_path))
        )
    if not backup_path.is_file():
        raise backup.BackupError(
            translate("db", "There is no backup file at {path}.").format(path=str(backup_path))
        )
    info = backup.read_backup(backup_path, thorough=True)
    if not info.ok:
        raise backup.BackupError(info.problem)
    return info


def restore(
    db: Any,
    db_path: str | Path,
    backup_path: str | Path,
    *,
    folder: str | Path | None = None,
    now: datetime | None = None,
    progress: backup.Progress | None = None,
    verified: backup.BackupInfo | None = None,
) -> RestoreResult:
    """Put a backup's content into the open database `db` (outside any transaction).

    The backup is verified first and the database as it is is backed up (reason before-restore);
    then SQLite's backup API copies the backup into the live file in one write transaction, so
    other connections see either the old or the restored data, never a mixture, and a crash
    leaves the old data. An older schema is migrated afterwards. Raises backup.BackupError, with the
    database untouched, when the backup cannot be used or the safety backup fails.
    `verified` is check_restorable's answer for this backup, if it was just asked.
    """
    conn, db_path = backup._conn(db), Path(db_path)
    say = progress or (lambda _d, _t, _s: None)
    say(0, 0, "check")
    if verified is not None and verified.path == Path(backup_path) and verified.ok:
        info = verified  # checked moments ago (to show what will change); not read twice
    else:
        info = check_restorable(backup_path, db_path)
    before = backup.count_records(conn)
    safety = backup.backup_database(
        conn, db_path, backup.BEFORE_RESTORE, folder=folder, now=now, progress=progress
    )
    source = backup.open_read_only(info.path)
    try:
        busy = []

        def step(status: int, remaining: int, total: int) -> None:
            if status in _BUSY:  # another connection holds the write lock; sqlite3 would retry forever
                busy.append(status)
                if len(busy) > _BUSY_RETRIES:
                    raise backup.BackupError(
                        translate(
                            "db",
                            "The database is busy in another program or window; close it and try "
                            "again. The database was not changed.",
                        )
                    )
                return
            # After the last step the restored data is committed: no longer "write" (cancellable).
            say(total - remaining, total, "write" if remaining else "written")

        source.backup(conn, pages=backup._STEP_PAGES, progress=step)
    except sqlite3.Error as exc:  # e.g. another program writing, or a full disk: rolled back
        raise backup.BackupError(
            translate(
                "db", "The backup could not be restored ({reason}); the database was not changed."
            ).format(reason=backup._reason_text(exc))
        ) from exc
    finally:
        source.close()
    say(0, 0, "migrate")
    migrated = _migrate(db, conn)
    check = backup._integrity(conn)
    if check != "ok":  # the copy was verified before; this would be a disk fault
        raise backup.BackupError(
            translate("db", "The restored database failed its integrity check ({reason}).").format(
                reason=check
            )
        )
    return RestoreResult(info, safety, before, backup.count_records(conn), migrated)


def _migrate(db: Any, conn: sqlite3.Connection) -> list[str]:
    from sqlite_utils import Database

    target = db if isinstance(db, Database) else Database(conn)
    return schema.migrate(target) if schema.pending_migrations(target) else []


def restore_file(
    db_path: str | Path, backup_path: str | Path, *, now: datetime | None = None
) -> RestoreResult:
    """Replace a database that cannot be opened (damaged) with a backup, keeping the damaged file.

    The damaged file (and its -wal/-shm) is renamed to `NAME.damaged-STAMP…`, never copied or read;
    the backup is copied to a temporary file through the backup API, verified, and renamed into
    place. Call it only when no connection to `db_path` is open.
    """
    db_path = Path(db_path)
    info = check_restorable(backup_path, db_path)
    when = now or datetime.now()
    temporary = db_path.with_name(f".{db_path.name}.{os.getpid()}{backup._PARTIAL}")
    backup._remove_with_side_files(temporary)
    try:
        source = backup.open_read_only(info.path)
        try:
            counts = backup.count_records(source)
            dest = sqlite3.connect(str(temporary))
            try:
                source.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE")
                if backup._integrity(dest) != "ok" or backup.count_records(dest) != counts:
                    raise backup.BackupError(
                        translate("db", "the copy's record counts differ from the database's")
                    )
            finally:
                dest.close()
        finally:
            source.close()
        backup._sync_file(temporary)
        damaged = db_path.with_name(f"{db_path.name}.damaged-{when.strftime(backup._STAMP)}")
        if db_path.exists():
            for suffix in ("", *backup._SIDE_FILES):
                side = Path(str(db_path) + suffix)
                if side.exists():
                    os.replace(side, Path(str(damaged) + suffix))
        else:
            damaged = None
        os.replace(temporary, db_path)
        backup._sync_folder(db_path.parent)
    except (sqlite3.Error, OSError) as exc:
        backup._remove_with_side_files(temporary)
        raise backup._backup_failed(db_path.parent, exc) from exc
    except BaseException:
        backup._remove_with_side_files(temporary)
        raise
    return RestoreResult(info, None, {}, counts, [], damaged)


def changed_counts(before: dict[str, int], after: dict[str, int]) -> Sequence[tuple[str, int, int]]:
    """(table, before, after) for every counted table, in backup.COUNTED_TABLES order."""
    return [
        (t, before.get(t, 0), after.get(t, 0)) for t in backup.COUNTED_TABLES if t in before or t in after
    ]


def is_damaged(path: str | Path) -> bool:
    """True when SQLite reads `path` as a damaged database (not when it is missing or locked)."""
    path = Path(path)
    if not path.is_file():
        return False
    try:
        conn = backup.open_read_only(path)
        try:
            return [r[0] for r in conn.execute("PRAGMA quick_check(1)")] != ["ok"]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        text = str(exc).lower()
        return any(word in text for word in ("malformed", "not a database", "corrupt", "disk image"))
