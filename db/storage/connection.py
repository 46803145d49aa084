"""Opening a database file safely and writing to it as one of several programs sharing the file.

Several connections, in this process and in others (a second window, the command line), may use
one file at once. Two rules keep that safe:

- The file is never opened with the operating system while a connection to it may be live: on
  POSIX, closing *any* descriptor of a file releases every lock the process holds on it, SQLite's
  included, and another program may then delete the WAL under us. Everything about the file is
  learnt through SQLite itself, or through `os.stat` (which opens nothing).
- A write transaction begins as a writer (`BEGIN IMMEDIATE`), so a writer that meets another
  writer waits its turn instead of failing at once, and says that it waits.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from sqlite_utils import Database

from db.errors import (
    DatabaseBusyError,
    DatabaseFileError,
    DatabaseLockedError,
    DatabaseReadOnlyError,
    EmptyDatabaseError,
    ForeignDatabaseError,
)
from db.i18n import translate
from db.storage import schema

BUSY_TIMEOUT_MS = 5000
# How long a write waits for another program's write to finish before it says so plainly.
WRITE_PATIENCE_S = 60.0
# The wait is made of short slices so the waiting can be shown (and cancelled) between them.
_WAIT_SLICE_MS = 200

# Called while a write waits for another program: (seconds waited so far, finished). It is called
# with finished=False after each slice of waiting, and once with finished=True when the write may
# go ahead; it may raise (e.g. db.errors.Cancelled) to give up.
WaitReporter = Callable[[float, bool], None]


def open_database(path: str | Path, *, migrate: bool = True, create: bool = True) -> Database:
    """Open (creating if allowed) the tracker database at `path`, migrated to the current schema.

    Raises a DatabaseFileError subclass, with a message a person can act on, when the file is not
    an SQLite database, belongs to another program, comes from a newer version, is locked or broken.
    Nothing is changed in a file that is refused.
    """
    path = Path(path)
    is_memory = str(path) == ":memory:"
    creating = False
    if not is_memory:
        creating = _check_path(path, create)
    db: Database | None = None
    try:
        if is_memory:
            db = _connect(":memory:", uri=False)
            read_only = False
        else:
            db, read_only = _connect_file(path, creating)
        # Identity first: a file that is refused is left exactly as it was (WAL mode is stored in
        # the file, so it is switched on only once the file is known to be ours).
        _check_identity(db, path)
        if read_only:
            db.execute("PRAGMA query_only = ON")  # see is_read_only()
            if schema.pending_migrations(db):
                raise DatabaseReadOnlyError(
                    translate(
                        "db",
                        "{path} comes from an earlier version of this program and must be upgraded, "
                        "but it can only be read here. Make it writable, or open a copy in a folder "
                        "you may write to.",
                    ).format(path=str(path))
                )
            return db
        if not is_memory:
            db.execute("PRAGMA journal_mode = WAL")
        # FULL: a commit survives a power cut too, not only a crash of the program.
        db.execute("PRAGMA synchronous = FULL")
        if migrate:
            _migrate(db, path, is_memory)
    except BaseException as exc:
        if db is not None:
            db.close()  # a refused file is left as it was: no -wal or -shm stays beside it
        if isinstance(exc, sqlite3.DatabaseError):
            raise _file_error(exc, path) from exc
        raise
    return db


def is_read_only(db: Database) -> bool:
    """Whether the database was opened for reading only (a read-only file, folder or medium)."""
    return bool(db.execute("PRAGMA query_only").fetchone()[0])


def optimize(db: Database) -> None:
    """Refresh the query planner's statistics as SQLite advises before a connection closes
    (`PRAGMA optimize`, each table sampled at most `analysis_limit` rows, so it stays quick at a
    million lines). Without them the planner may read a chart's rows through the wrong index.
    Only after this connection wrote (a session that only read leaves the file exactly as it was);
    never waits for another program's lock and never makes a close fail: statistics are a hint."""
    try:
        if db.conn.total_changes == 0 or is_read_only(db):
            return
        db.execute("PRAGMA busy_timeout = 0")
        db.execute("PRAGMA analysis_limit = 400")
        db.execute("PRAGMA optimize")
    except sqlite3.Error:
        pass


def _connect(target: str, *, uri: bool) -> Database:
    conn = sqlite3.connect(target, uri=uri, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    # Writes that Python's sqlite3 begins by itself begin as a writer too (see begin_write).
    conn.isolation_level = "IMMEDIATE"
    db = Database(conn)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys = ON")
    return db


def _connect_file(path: Path, creating: bool) -> tuple[Database, bool]:
    """A connection to the file, and whether it can only read (then it is opened read-only)."""
    base = path.absolute().as_uri()
    # mode=rw never creates a file: a path that vanished since the check stays an error.
    try:
        db = _probed(f"{base}?mode={'rwc' if creating else 'rw'}")
    except sqlite3.OperationalError as exc:
        if creating or not _cannot_write(exc):
            raise
    else:
        writable = creating or (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))
        if writable and not _on_read_only_medium(path):
            return db, False
        db.close()
    # A read-only file, folder or medium: read it without writing anything. A WAL database whose
    # shared-memory file cannot be made is read as immutable, which is only right when no changes
    # wait in a -wal file beside it (os.stat tells, without opening it).
    try:
        return _probed(f"{base}?mode=ro"), True
    except sqlite3.OperationalError as exc:
        if not _cannot_write(exc):
            raise
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise DatabaseReadOnlyError(
            translate(
                "db",
                "{path} can only be read here, and its last changes are still in {wal}, which "
                "only a program that may write there can bring in. Open it where it can be written.",
            ).format(path=str(path), wal=str(wal))
        )
    return _probed(f"{base}?mode=ro&immutable=1"), True


def _probed(uri: str) -> Database:
    """A connection that has read the file's schema once (SQLite opens lazily); closed if it fails."""
    db = _connect(uri, uri=True)
    try:
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except BaseException:
        db.close()
        raise
    return db


def _cannot_write(exc: sqlite3.OperationalError) -> bool:
    code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
    return code in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM)


def _on_read_only_medium(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (AttributeError, OSError):  # no statvfs on Windows: os.access has said enough there
        return False


def _check_path(path: Path, create: bool) -> bool:
    """What can be known of the path without opening it; returns whether a new file is made."""
    try:
        info = path.stat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise DatabaseFileError(
            translate("db", "Cannot read {path}: {reason}.").format(path=str(path), reason=exc.strerror)
        ) from exc
    if info is not None and path.is_dir():
        raise DatabaseFileError(
            translate("db", "{path} is a folder, not a database file.").format(path=str(path))
        )
    if info is None:
        if not create:
            raise DatabaseFileError(translate("db", "There is no database at {path}.").format(path=str(path)))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseFileError(
                translate("db", "Cannot create the folder for {path}: {reason}.").format(
                    path=str(path), reason=exc.strerror
                )
            ) from exc
        return True
    if info.st_size == 0 and not create:
        raise EmptyDatabaseError(
            translate(
                "db",
                "{path} is empty (0 bytes): it holds no data yet. Create a new database there "
                "(for example with 'fujiang --db {path} demo'), or choose another file.",
            ).format(path=str(path))
        )
    return False


def _migrate(db: Database, path: Path, is_memory: bool) -> None:
    if not schema.pending_migrations(db):
        return
    # The copy is taken before the write lock: SQLite's backup cannot read a database through a
    # connection that holds a write transaction on it.
    if not is_memory and _has_tables(db):
        from db.storage import backup

        try:
            backup.backup_database(db, path, backup.BEFORE_MIGRATION)
        except backup.BackupError as exc:
            raise DatabaseFileError(
                translate(
                    "db",
                    "{path} needs an upgrade for this version of the program, but the backup taken "
                    "before it failed ({reason}); nothing was changed. Free some disk space, or make "
                    "the folder writable, and open it again.",
                ).format(path=str(path), reason=exc.args[0] if exc.args else str(exc))
            ) from exc
    # Another program may be upgrading the same file: the lock makes one of them do it, and the
    # other finds nothing left to do.
    begin_write(db.conn)
    try:
        schema.migrate(db)
    except BaseException:
        db.conn.rollback()
        raise
    db.conn.commit()


def begin_write(
    conn: sqlite3.Connection,
    *,
    on_wait: WaitReporter | None = None,
    patience_s: float = WRITE_PATIENCE_S,
    name: str = "",
) -> None:
    """Begin a write transaction (BEGIN IMMEDIATE), waiting while another connection writes.

    A deferred transaction that reads and then writes cannot wait for a busy database (SQLite
    refuses at once to avoid a deadlock); one that takes the write lock first can. The wait is
    reported to `on_wait` after each slice; after `patience_s` it ends in DatabaseBusyError.
    """
    started = time.monotonic()
    waited = False
    conn.execute(f"PRAGMA busy_timeout = {_WAIT_SLICE_MS}")
    try:
        while True:
            try:
                conn.execute("BEGIN IMMEDIATE")
                break
            except sqlite3.OperationalError as exc:
                if _is_read_only(exc):
                    raise read_only_error(name) from exc
                if not _is_busy(exc):
                    raise
                elapsed = time.monotonic() - started
                if elapsed >= patience_s:
                    raise DatabaseBusyError(
                        translate(
                            "db",
                            "Another program has been writing to the database for {seconds} s and "
                            "has not finished. Nothing was saved; try again when it is done (an "
                            "import or a restore can take a minute).",
                        ).format(seconds=round(elapsed))
                    ) from exc
                waited = True
                if on_wait is not None:
                    on_wait(elapsed, False)
    finally:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if waited and on_wait is not None:
        on_wait(time.monotonic() - started, True)


def data_version(conn: sqlite3.Connection) -> int:
    """A number that changes whenever another connection (of any program) commits to the file."""
    return conn.execute("PRAGMA data_version").fetchone()[0]


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _is_read_only(exc: sqlite3.OperationalError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF == sqlite3.SQLITE_READONLY
    return "readonly" in str(exc).lower()


def read_only_error(path: str) -> DatabaseReadOnlyError:
    """What a save on a database that can only be read says."""
    return DatabaseReadOnlyError(
        translate(
            "db",
            "The database {path} can only be read here (a read-only file, folder or disk): "
            "nothing can be saved. Make the file and its folder writable, or open a copy in "
            "a folder you may write to.",
        ).format(path=path)
    )


def _has_tables(db: Database) -> bool:
    return bool(db.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0])


def _check_identity(db: Database, path: Path) -> None:
    app_id = db.execute("PRAGMA application_id").fetchone()[0]
    if app_id == schema.APPLICATION_ID:
        known = set(schema.all_migration_names())
        applied = {
            row[0]
            for row in db.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ?",
                [schema.MIGRATION_SET],
            )
        }
        newer = applied - known
        if newer:
            raise DatabaseFileError(
                translate(
                    "db",
                    "{path} was written by a newer version of this program (schema steps {steps}). "
                    "Update the program to open it.",
                ).format(path=str(path), steps=", ".join(sorted(newer)))
            )
        return
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if app_id == 0 and tables <= {"_sqlite_migrations"}:
        return  # a new file, or one whose first migration never ran
    raise ForeignDatabaseError(
        translate(
            "db",
            "{path} is an SQLite database of another program, not of the Fujiang park tracker. "
            "Open the tracker's own database, or create a new one.",
        ).format(path=str(path))
    )


def _file_error(exc: sqlite3.DatabaseError, path: Path) -> DatabaseFileError:
    code = getattr(exc, "sqlite_errorcode", None)
    text = str(exc).lower()
    if code == sqlite3.SQLITE_NOTADB or "not a database" in text:
        return ForeignDatabaseError(
            translate(
                "db",
                "{path} is not a database file (it may be a spreadsheet or another document). "
                "Choose the tracker's database file, or create a new one.",
            ).format(path=str(path))
        )
    if ("full" in text or "disk i/o" in text) and _disk_nearly_full(path):
        wal = path.with_name(path.name + "-wal")
        if wal.exists() and wal.stat().st_size > 0:
            return DatabaseFileError(
                translate(
                    "db",
                    "{path} cannot be opened now because its disk is full. Its latest changes are kept "
                    "safe in {wal}, and SQLite needs a little room to bring them in: nothing is lost. "
                    "Free some space on that disk and open it again.",
                ).format(path=str(path), wal=str(wal))
            )
        return DatabaseFileError(
            translate(
                "db",
                "{path} cannot be opened now because its disk is full. Free some space on that disk "
                "and open it again; nothing in the database is lost.",
            ).format(path=str(path))
        )
    if "locked" in text or "busy" in text:
        return DatabaseLockedError(
            translate(
                "db",
                "{path} is locked by another program. Close the other program (or the other "
                "window of this one) and try again.",
            ).format(path=str(path))
        )
    if "malformed" in text or "corrupt" in text:
        return DatabaseFileError(
            translate(
                "db", "{path} is damaged ({reason}). Restore it from a backup, or open another database."
            ).format(path=str(path), reason=str(exc))
        )
    if "readonly" in text or "unable to open" in text:
        return DatabaseFileError(
            translate("db", "{path} cannot be opened for writing ({reason}).").format(
                path=str(path), reason=str(exc)
            )
        )
    return DatabaseFileError(
        translate("db", "{path} could not be opened: {reason}.").format(path=str(path), reason=str(exc))
    )


def _disk_nearly_full(path: Path) -> bool:
    """Whether the disk holding the database has less room than SQLite needs to open it (its
    shared-memory index and a few pages): the cause of an I/O error when opening."""
    try:
        info = os.statvfs(path.parent)
    except (AttributeError, OSError):  # no statvfs on Windows: SQLite then says "full" itself
        return True
    return info.f_bavail * info.f_frsize < 1024 * 1024
