"""Backups: online copies through SQLite's backup API, verified before they count; listing; rotation.

Rules this module keeps (see SQLite's "How To Corrupt An SQLite Database File", §2.2): the live
database, its -wal and -shm are only ever read and written through SQLite, never opened, copied or
read by the OS, because closing any other descriptor of a file this process has open through
SQLite drops all of the process's locks on it. A backup file is read through SQLite too, read-only.

A backup is written to a hidden temporary name (`.NAME.PID.partial`) in the backups folder, checked
(integrity_check, and the record counts equal to the source's, counted in the same read transaction
the copy was made in), synced to disk and only then renamed to its final name
`STEM.YYYYMMDD-HHMMSS.REASON.db`: a failed, cancelled or killed backup leaves nothing that looks
like a backup. Putting a backup back is db/storage/restore.py.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from db import queries
from db.errors import DomainError
from db.i18n import Text, translate
from db.storage import schema

FOLDER_NAME = "backups"
DAILY, BEFORE_IMPORT, BEFORE_MIGRATION, BEFORE_RESTORE, MANUAL = (
    "daily",
    "before-import",
    "before-migration",
    "before-restore",
    "manual",
)
REASONS = (DAILY, BEFORE_IMPORT, BEFORE_MIGRATION, BEFORE_RESTORE, MANUAL)
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 14, 8, 12
# The record counts a backup is checked against and listed with.
COUNTED_TABLES = queries.COUNTED_TABLES
_STEP_PAGES = 512  # pages per backup step: progress and Cancel about every 2 MB
_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(
    r"^(?P<stem>.+)\.(?P<stamp>\d{8}-\d{6})(?:-(?P<seq>\d+))?\.(?P<reason>" + "|".join(REASONS) + r")\.db$"
)
_PARTIAL = ".partial"
_SIDE_FILES = ("-wal", "-shm", "-journal")

Progress = Callable[[int, int, str], None]  # done, total, stage


class BackupError(DomainError):
    """A backup could not be made or used; nothing that looks like a backup was left behind."""


@dataclass(frozen=True)
class BackupInfo:
    """One backup file: when and why it was made, its size, and its record counts."""

    path: Path
    created: datetime  # local time, from the file name (else the file's modification time)
    reason: str  # one of REASONS, or "" for a file not named by this program
    size: int
    counts: dict[str, int] = field(default_factory=dict)
    problem: str = ""  # why it cannot be restored; "" when it can (as far as was checked)

    @property
    def ok(self) -> bool:
        return not self.problem

    @property
    def records(self) -> int:
        """All records except the audit log's entries."""
        return sum(n for table, n in self.counts.items() if table != "audit_log")


# ------------------------------------------------------------------------------------------ names


def default_folder(db_path: str | Path) -> Path:
    """`backups/` beside the database."""
    return Path(db_path).parent / FOLDER_NAME


def backup_name(db_path: str | Path, reason: str, when: datetime, seq: int = 0) -> str:
    stem = Path(db_path).stem or "database"
    return f"{stem}.{when.strftime(_STAMP)}{f'-{seq}' if seq else ''}.{reason}.db"


def parse_name(name: str) -> tuple[str, datetime, str] | None:
    """(database stem, time, reason) of a backup file name made by backup_name, else None."""
    match = _NAME.match(name)
    if not match:
        return None
    try:
        when = datetime.strptime(match["stamp"], _STAMP)
    except ValueError:
        return None
    return match["stem"], when, match["reason"]


def _free_name(folder: Path, db_path: Path, reason: str, when: datetime) -> Path:
    seq = 0
    while (folder / backup_name(db_path, reason, when, seq)).exists():
        seq += 1
    return folder / backup_name(db_path, reason, when, seq)


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists() and os.path.samefile(a, b):
            return True
    except OSError:
        pass
    return os.path.normcase(a.resolve()) == os.path.normcase(b.resolve())


def is_live_database_path(path: str | Path, db_path: str | Path) -> bool:
    """True when `path` is the database or one of its -wal/-shm/-journal files (links resolved)."""
    path, db_path = Path(path), Path(db_path)
    candidates = [db_path, *(db_path.with_name(db_path.name + s) for s in _SIDE_FILES)]
    return any(_same_file(path, c) for c in candidates)


# ------------------------------------------------------------------------------------------ reading


def _conn(db: Any) -> sqlite3.Connection:
    return getattr(db, "conn", db)


def open_read_only(path: str | Path) -> sqlite3.Connection:
    """A read-only SQLite connection to a backup file (never to the live database)."""
    return sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)


def count_records(conn: sqlite3.Connection) -> dict[str, int]:
    """Rows in each counted table that exists (an older schema may lack some)."""
    present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return {
        table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in COUNTED_TABLES
        if table in present
    }


def _integrity(conn: sqlite3.Connection) -> str:
    rows = [r[0] for r in conn.execute("PRAGMA integrity_check(5)")]
    return "ok" if rows == ["ok"] else "; ".join(rows)


def _identity_problem(conn: sqlite3.Connection, path: Path) -> Text | None:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if app_id != schema.APPLICATION_ID:
        return translate("db", "{path} is not a backup of this program's database.").format(path=str(path))
    applied = {
        r[0]
        for r in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [schema.MIGRATION_SET]
        )
    }
    newer = applied - set(schema.all_migration_names())
    if newer:
        return translate(
            "db", "{path} was made by a newer version of this program; update the program to restore it."
        ).format(path=str(path))
    return None


def read_backup(path: str | Path, *, thorough: bool = False) -> BackupInfo:
    """What a backup file holds, read through SQLite read-only. `thorough` adds integrity_check
    (slow on a big file); without it only the identity and the counts are read."""
    path = Path(path)
    parsed = parse_name(path.name)
    try:
        stat = path.stat()
    except OSError as exc:
        return BackupInfo(path, datetime.now(), "", 0, problem=_reason_text(exc))
    created = parsed[1] if parsed else datetime.fromtimestamp(stat.st_mtime)
    reason = parsed[2] if parsed else ""
    counts: dict[str, int] = {}
    problem: str = ""
    try:
        conn = open_read_only(path)
        try:
            found = _identity_problem(conn, path)
            if found is None:
                counts = count_records(conn)
                if thorough:
                    check = _integrity(conn)
                    if check != "ok":
                        found = translate("db", "{path} is damaged ({reason}).").format(
                            path=str(path), reason=check
                        )
            problem = found or ""
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        problem = translate("db", "{path} cannot be read as a database ({reason}).").format(
            path=str(path), reason=str(exc)
        )
    return BackupInfo(path, created, reason, stat.st_size, counts, problem)


def list_backups(db_path: str | Path, folder: str | Path | None = None) -> list[BackupInfo]:
    """The backups of this database in the folder, newest first, with their counts."""
    return [read_backup(p) for p in _backup_files(db_path, folder)]


def _backup_files(db_path: str | Path, folder: str | Path | None) -> list[Path]:
    folder = Path(folder) if folder else default_folder(db_path)
    stem = Path(db_path).stem
    found = []
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            parsed = parse_name(entry.name)
            if parsed and parsed[0] == stem and entry.is_file():
                found.append((parsed[1], entry.name, entry))
    return [p for _when, _name, p in sorted(found, reverse=True)]


def latest_good_backup(db_path: str | Path, folder: str | Path | None = None) -> BackupInfo | None:
    """The newest backup that passes every check (integrity_check included), or None."""
    for path in _backup_files(db_path, folder):
        info = read_backup(path, thorough=True)
        if info.ok:
            return info
    return None


# ------------------------------------------------------------------------------------------ writing


def backup_database(
    db: Any,
    db_path: str | Path,
    reason: str = MANUAL,
    *,
    folder: str | Path | None = None,
    target: str | Path | None = None,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> BackupInfo:
    """Copy the open database `db` (a sqlite-utils Database or an sqlite3 Connection, outside a
    write transaction) through SQLite's backup API; returns the verified backup.

    The copy goes to `target`, else to `folder` (default `backups/` beside `db_path`) under a name
    holding the time and the reason; a folder backup is followed by the rotation. Raises
    BackupError, leaving no backup-looking file, when the copy cannot be made or does not verify.
    `progress(done, total, stage)` is called between steps; an exception it raises (Cancelled)
    stops the backup.
    """
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    conn, db_path = _conn(db), Path(db_path)
    when = now or datetime.now()
    if target is not None:
        final = Path(target)
        if is_live_database_path(final, db_path):
            raise BackupError(
                translate("db", "{path} is the database itself; choose another file for the backup.").format(
                    path=str(final)
                )
            )
        out_folder = final.parent
    else:
        out_folder = Path(folder) if folder else default_folder(db_path)
    try:
        out_folder.mkdir(parents=True, exist_ok=True)
        if target is None:
            final = _free_name(out_folder, db_path, reason, when)
    except OSError as exc:
        raise _backup_failed(out_folder, exc) from exc
    temporary = out_folder / f".{final.name}.{os.getpid()}{_PARTIAL}"
    _remove_with_side_files(temporary)
    try:
        counts = _copy(conn, temporary, progress)
        _sync_file(temporary)
        os.replace(temporary, final)
        _sync_folder(out_folder)
    except (sqlite3.Error, OSError) as exc:
        _remove_with_side_files(temporary)
        raise _backup_failed(out_folder, exc) from exc
    except BaseException:
        _remove_with_side_files(temporary)
        raise
    _keep_key(db_path, out_folder)
    if target is None:
        with contextlib.suppress(OSError):
            rotate(db_path, out_folder, now=when)
    return BackupInfo(final, when.replace(microsecond=0), reason, final.stat().st_size, counts)


def _keep_key(db_path: Path, out_folder: Path) -> None:
    """The park's signing key (db.certification.signing) goes along with the backups: without it, certificates
    printed after a restore on a new PC would not verify against the public key markets hold. It
    never changes once made, so one private copy (mode 0600) is kept, replaced only if different."""
    from db.certification import signing

    key = signing.key_path(db_path)
    if not key.is_file():
        return
    copy = out_folder / key.name
    data = key.read_bytes()
    if copy.is_file() and copy.read_bytes() == data:
        return
    temporary = out_folder / f".{key.name}.{os.getpid()}{_PARTIAL}"
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temporary, copy)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise _backup_failed(out_folder, exc) from exc


def _copy(conn: sqlite3.Connection, temporary: Path, progress: Progress | None) -> dict[str, int]:
    """Copy into `temporary` and verify it; returns the source's counts."""
    dest = sqlite3.connect(str(temporary), check_same_thread=False)
    try:
        started = not conn.in_transaction
        if started:
            conn.execute("BEGIN")  # one read transaction: the counts and the copy see one state
        try:
            counts = count_records(conn)

            def step(_status: int, remaining: int, total: int) -> None:
                if progress is not None:
                    progress(total - remaining, total, "copy")

            conn.backup(dest, pages=_STEP_PAGES, progress=step)
        finally:
            if started:
                conn.execute("ROLLBACK")
        dest.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, readable read-only
        if progress is not None:
            progress(0, 0, "verify")
        check = _integrity(dest)
        if check != "ok":
            raise BackupError(
                translate("db", "the copy failed its integrity check ({reason})").format(reason=check)
            )
        copied = count_records(dest)
        if copied != counts:
            raise BackupError(translate("db", "the copy's record counts differ from the database's"))
    finally:
        dest.close()
    return counts


def _backup_failed(folder: Path, exc: BaseException) -> BackupError:
    return BackupError(
        translate("db", "The backup could not be written to {folder}: {reason}").format(
            folder=str(folder), reason=_reason_text(exc)
        )
    )


def _reason_text(exc: BaseException) -> str:
    if isinstance(exc, BackupError):
        return exc.args[0]
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    text = str(exc)
    if "full" in text.lower():
        return translate("db", "the disk is full")
    return text or type(exc).__name__


def _sync_file(path: Path) -> None:
    """fsync a finished backup (closed by SQLite, never open elsewhere) before its rename."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sync_folder(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a folder for fsync; its renames are journaled by NTFS
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_with_side_files(path: Path) -> None:
    for suffix in ("", *_SIDE_FILES):
        with contextlib.suppress(FileNotFoundError):
            Path(str(path) + suffix).unlink()


def remove_leftovers(folder: str | Path) -> int:
    """Delete temporary files of backups that were killed (their process is gone); returns how many."""
    removed = 0
    with contextlib.suppress(OSError):
        for entry in Path(folder).iterdir():
            if not (entry.name.startswith(".") and _PARTIAL in entry.name):
                continue
            pid = entry.name.split(_PARTIAL)[0].rsplit(".", 1)[-1]
            if pid.isdigit() and _process_alive(int(pid)):
                continue
            with contextlib.suppress(OSError):
                entry.unlink()
                removed += 1
    return removed


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# ------------------------------------------------------------------------------------------ rotation


def kept_by_rotation(
    times: Iterable[datetime],
    now: datetime,
    daily: int = KEEP_DAILY,
    weekly: int = KEEP_WEEKLY,
    monthly: int = KEEP_MONTHLY,
) -> set[datetime]:
    """The backup times the rotation keeps (grandfather-father-son, as restic's --keep-daily etc.):
    the newest backup of each of the last `daily` days that have backups, of each of the last
    `weekly` ISO weeks and of each of the last `monthly` months; every backup made on `now`'s day or
    later (today's before-import and before-restore copies stay until tomorrow)."""
    times = sorted(set(times), reverse=True)
    keep = {t for t in times if t.date() >= now.date()}
    for count, period in (
        (daily, lambda t: t.date()),
        (weekly, lambda t: t.isocalendar()[:2]),
        (monthly, lambda t: (t.year, t.month)),
    ):
        seen: list[object] = []
        for t in times:  # newest first: the first time seen in a period is its newest
            key = period(t)
            if key in seen:
                continue
            if len(seen) == count:
                break
            seen.append(key)
            keep.add(t)
    return keep


def rotate(db_path: str | Path, folder: str | Path | None = None, now: datetime | None = None) -> list[Path]:
    """Delete the automatic backups of this database the rotation does not keep; manual backups
    are never deleted. Returns the deleted files."""
    now = now or datetime.now()
    automatic = []
    for path in _backup_files(db_path, folder):
        parsed = parse_name(path.name)
        if parsed and parsed[2] != MANUAL:
            automatic.append((parsed[1], path))
    keep = kept_by_rotation([t for t, _p in automatic], now)
    deleted = []
    for when, path in automatic:
        if when not in keep:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
                deleted.append(path)
    remove_leftovers(Path(folder) if folder else default_folder(db_path))
    return deleted


def daily_backup_due(
    db_path: str | Path, folder: str | Path | None = None, today: date | None = None
) -> bool:
    """True when the folder holds no backup of this database made today (of any reason)."""
    today = today or date.today()
    for path in _backup_files(db_path, folder):
        parsed = parse_name(path.name)
        if parsed and parsed[1].date() == today:
            return False
    return True


def daily_backup(
    db: Any,
    db_path: str | Path,
    *,
    folder: str | Path | None = None,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> BackupInfo | None:
    """The first backup of the day, if none was made today and the database holds any record."""
    now = now or datetime.now()
    if not daily_backup_due(db_path, folder, now.date()):
        return None
    conn = _conn(db)
    if not sum(count_records(conn).values()):
        return None  # nothing to lose yet
    return backup_database(db, db_path, DAILY, folder=folder, now=now, progress=progress)
