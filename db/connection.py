"""Opening a database file safely: identity check, pragmas, a backup before migrating, migrations."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from db import schema
from db.errors import DatabaseFileError, DatabaseLockedError, ForeignDatabaseError
from db.i18n import translate

BUSY_TIMEOUT_MS = 5000
_SQLITE_MAGIC = b"SQLite format 3\x00"


def open_database(path: str | Path, *, migrate: bool = True, create: bool = True) -> Database:
    """Open (creating if allowed) the tracker database at `path`, migrated to the current schema.

    Raises a DatabaseFileError subclass, with a message a person can act on, when the file is not
    an SQLite database, belongs to another program, comes from a newer version, is locked or broken.
    """
    path = Path(path)
    is_memory = str(path) == ":memory:"
    if not is_memory:
        _check_file(path, create)
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        db = Database(conn)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys = ON")
        if not is_memory:
            db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        _check_identity(db, path)
        if migrate:
            pending = schema.pending_migrations(db)
            if pending and not is_memory and _has_tables(db):
                backup_before_migration(db, path)
            schema.migrate(db)
    except sqlite3.DatabaseError as exc:
        raise _file_error(exc, path) from exc
    return db


def _check_file(path: Path, create: bool) -> None:
    if path.is_dir():
        raise DatabaseFileError(
            translate("db", "{path} is a folder, not a database file.").format(path=str(path))
        )
    if not path.exists():
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
        return
    try:
        with path.open("rb") as fh:
            head = fh.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        raise DatabaseFileError(
            translate("db", "Cannot read {path}: {reason}.").format(path=str(path), reason=exc.strerror)
        ) from exc
    if head and head != _SQLITE_MAGIC:
        raise ForeignDatabaseError(
            translate(
                "db",
                "{path} is not a database file (it may be a spreadsheet or another document). "
                "Choose the tracker's database file, or create a new one.",
            ).format(path=str(path))
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


def backup_before_migration(db: Database, path: Path) -> Path:
    """Copy the database beside itself before its schema changes; returns the copy's path."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.stem}.before-migration-{stamp}{path.suffix or '.db'}")
    dest = sqlite3.connect(str(target))
    try:
        db.conn.backup(dest)
    finally:
        dest.close()
    return target


def _file_error(exc: sqlite3.DatabaseError, path: Path) -> DatabaseFileError:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return DatabaseLockedError(
            translate(
                "db",
                "{path} is locked by another program. Close the other program (or the other "
                "window of this one) and try again.",
            ).format(path=str(path))
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
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
