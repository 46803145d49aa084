"""Where an output file may go: never over the open database, its companions or another database of ours.

Every file the program writes (exports, reports, certificates, traces) goes through
`db.exporting.replacing()`, which asks `check_target()` here before it writes and again just
before it moves the finished file into place. An `Output` carries the target's path together with
the open database's path and whether an existing file may be replaced, so the writers take it
wherever they take a path (it is an ``os.PathLike``).

POSIX trap (SQLite's "How To Corrupt An SQLite Database File", §2.2): opening and closing *any*
file descriptor of the database file drops every lock this process holds on it. So the open
database is recognised by stat (inode and device, `os.path.samefile`) and by name, never by
opening it; only the header of *other* existing files is read to see whether they are databases
of this program.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from db.errors import DomainError
from db.i18n import translate

SQLITE_MAGIC = b"SQLite format 3\x00"
_APPLICATION_ID_OFFSET = 68
COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")
# The hidden temporary file `replacing()` writes beside a target: '.NAME.<pid>.<random>.tmp'; the
# process id tells a leftover of a killed export from the file of an export still running.
TEMP_PATTERN = re.compile(r"^\..+\.(?P<pid>[0-9]+)\.[A-Za-z0-9_]{8}\.tmp$")


def temp_prefix(target: Path) -> str:
    return f".{target.name}.{os.getpid()}."


class OutputRefused(DomainError):
    """An output file would destroy data: the open database, its companion files or another database."""


class OutputExists(DomainError):
    """The output file exists and replacing it was not allowed."""

    def __init__(self, message: str, path: Path):
        super().__init__(message)
        self.path = path


@dataclass(frozen=True)
class Output(os.PathLike):
    """A file to write: its path, the open database (never to be written over) and whether an
    existing file may be replaced (the person agreed in a dialog, or gave --force)."""

    path: Path
    database: Path | None = None
    overwrite: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", Path(self.path))
        if self.database is not None:
            object.__setattr__(self, "database", Path(self.database))

    def __fspath__(self) -> str:
        return os.fspath(self.path)

    def __str__(self) -> str:
        return str(self.path)

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def suffix(self) -> str:
        return self.path.suffix

    @property
    def parent(self) -> Path:
        return self.path.parent

    def with_path(self, path: str | os.PathLike) -> Output:
        """The same policy for another file."""
        return Output(Path(path), self.database, self.overwrite)

    def __truediv__(self, name: str) -> Output:
        """A file in this folder, with the same policy (one report per buyer into a folder)."""
        return self.with_path(self.path / name)


def database_path(db: Any) -> Path | None:
    """The file of a sqlite-utils Database or sqlite3 connection ('main'), None in memory.

    Asked from SQLite (PRAGMA database_list), so the file is not opened again.
    """
    conn = getattr(db, "conn", db)
    for _seq, name, file in conn.execute("PRAGMA database_list"):
        if name == "main":
            return Path(file) if file else None
    return None


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _names(path: Path) -> list[Path]:
    """The path as given (made absolute) and with every link resolved (even a dangling last link)."""
    absolute = Path(os.path.abspath(path))
    real = Path(os.path.realpath(path))
    return [absolute] if real == absolute else [absolute, real]


def _protected(database: Path) -> list[Path]:
    return [database] + [database.with_name(database.name + s) for s in COMPANION_SUFFIXES]


def _is_database_name(target: Path, database: Path) -> bool:
    """Whether the target names the database or one of its companions, comparing folders by
    identity and names without regard to case (a case-insensitive disk makes PARK.DB-WAL the same)."""
    for t in _names(target):
        for d in _names(database):
            wanted = {p.name.casefold() for p in _protected(d)}
            if t.name.casefold() in wanted and (t.parent == d.parent or _same_file(t.parent, d.parent)):
                return True
    return False


def is_open_database(path: str | os.PathLike, database: str | os.PathLike | None) -> bool:
    """Whether `path` is the database or one of its -wal/-shm/-journal files, decided without
    opening either (stat and names only)."""
    if database is None:
        return False
    target, database = Path(path), Path(database)
    if _is_database_name(target, database):
        return True
    if not os.path.lexists(target):
        return False
    return any(_same_file(target, p) for d in _names(database) for p in _protected(d))


def application_id(path: Path) -> int | None:
    """The SQLite application_id of a file, None if it is not an SQLite database (or unreadable).

    Never call this on the open database (see the module docstring).
    """
    try:
        with open(path, "rb") as fh:
            head = fh.read(100)
    except OSError:
        return None
    if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
        return None
    return int.from_bytes(head[_APPLICATION_ID_OFFSET : _APPLICATION_ID_OFFSET + 4], "big")


def _is_our_database(path: Path) -> bool:
    from db.schema import APPLICATION_ID  # imported here: schema pulls in sqlite-utils

    if not path.is_file():
        return False
    if application_id(path) == APPLICATION_ID:
        return True
    # The -wal/-shm/-journal of another database of ours holds its latest changes.
    for suffix in COMPANION_SUFFIXES:
        if path.name.casefold().endswith(suffix):
            base = path.with_name(path.name[: -len(suffix)])
            if base.is_file() and application_id(base) == APPLICATION_ID:
                return True
    return False


def check_target(
    path: str | os.PathLike, database: str | os.PathLike | None = None, *, overwrite: bool = False
) -> Path:
    """Refuse an output path that would destroy data; returns it as a Path.

    Raises OutputRefused for the open database, its -wal/-shm/-journal (also through a link, a
    hard link or another spelling of the name) and any file that is a database of this program;
    OutputExists for any other existing file unless `overwrite`.
    """
    target = Path(path)
    if is_open_database(target, database):
        raise OutputRefused(
            translate(
                "db",
                "{path} is the open database (or one of its files); an export may never be written "
                "over it. Choose another file name.",
            ).format(path=str(target))
        )
    if target.is_dir():
        raise DomainError(
            translate("db", "{path} is a folder; give a file name to export to").format(path=str(target))
        )
    if not os.path.lexists(target):
        return target
    if _is_our_database(Path(os.path.realpath(target))):
        raise OutputRefused(
            translate(
                "db",
                "{path} is a database of this program; an export may never be written over it. "
                "Choose another file name.",
            ).format(path=str(target))
        )
    if not overwrite:
        raise OutputExists(
            translate(
                "db", "{path} already exists. Choose another name, or add --force to replace it."
            ).format(path=str(target)),
            target,
        )
    return target


def check_input(path: str | os.PathLike, database: str | os.PathLike | None) -> None:
    """Refuse to read the open database (or its companions) as an input file, decided by stat."""
    if is_open_database(path, database):
        raise OutputRefused(
            translate(
                "db",
                "{path} is the open database, not a file to import. Choose the CSV or XLSX file to import.",
            ).format(path=str(path))
        )


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs (a reused id counts as running: nothing is removed)."""
    if pid <= 0:
        return False
    if os.name == "nt":
        import ctypes

        kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            kernel.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, but belongs to someone else
    return True


def remove_stale_temporaries(folder: str | os.PathLike) -> list[Path]:
    """Delete the hidden '.NAME.<pid>.xxxxxxxx.tmp' files that killed exports left in `folder`.

    Only regular files of that exact pattern whose process no longer runs are touched; returns
    those removed.
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        found = TEMP_PATTERN.match(entry.name)
        if not found or int(found["pid"]) == os.getpid() or process_alive(int(found["pid"])):
            continue
        try:
            if entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed
