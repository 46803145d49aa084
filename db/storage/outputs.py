"""Output files: where they may go (never over the open database, its companions or another
database of ours) and how they are written (beside the target, fsynced, moved into place).

Every file the program writes (exports, reports, certificates, traces) goes through
`db.documents.exporting.replacing()`, which asks `check_target()` here before it writes and again just
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

import contextlib
import errno
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xlsxwriter.exceptions import FileCreateError

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


class ExportError(DomainError):
    """An export cannot be written as asked (too many rows for a sheet, a value of the wrong kind)."""


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
    from db.storage.schema import APPLICATION_ID  # imported here: schema pulls in sqlite-utils

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
    if _is_private_key(Path(os.path.realpath(target))):
        raise OutputRefused(
            translate(
                "db",
                "{path} is a private key (the park's certificate signing key); an export may never be "
                "written over it. Choose another file name.",
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


def _is_private_key(path: Path) -> bool:
    """Whether a file is a PEM private key (the park's signing key beside the database, db.certification.signing)."""
    try:
        with open(path, "rb") as f:
            return f.read(40).lstrip().startswith(b"-----BEGIN PRIVATE KEY-----")
    except OSError:
        return False


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


# ---------------------------------------------------------------------------------------------------
# Writing beside the target, then moving into place


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# Read once at import: os.umask can only be read by setting it, which is not thread-safe later.
_UMASK = _current_umask()


@contextlib.contextmanager
def replacing(path: str | os.PathLike) -> Iterator[Path]:
    """A temporary path in the target's folder; moved onto the target only if the block succeeds,
    so a failed or cancelled export never leaves a half-written file.

    An `outputs.Output` target is checked before anything is written and again just before the
    move: never the open database, its companions or another database of this program, and an
    existing file only if `overwrite`. The finished file is flushed to disk (fsync) before the
    move, so a power cut leaves the old file or the new one, never an empty one.
    """
    guard = path if isinstance(path, Output) else None
    target = Path(path)
    if guard is not None:
        check_target(target, guard.database, overwrite=guard.overwrite)
    if target.is_dir():
        raise ExportError(
            translate("db", "{path} is a folder; give a file name to export to").format(path=str(target))
        )
    folder = target.parent
    if not folder.is_dir():
        raise ExportError(translate("db", "the folder {path} does not exist").format(path=str(folder)))
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=temp_prefix(target), suffix=".tmp", dir=folder)
    except OSError as exc:
        raise output_error(exc, target) from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        try:
            yield tmp
            if guard is not None:
                check_target(target, guard.database, overwrite=guard.overwrite)
            # mkstemp makes the file private (0600); an exported file gets the usual permissions.
            os.chmod(tmp, 0o666 & ~_UMASK)
            _fsync(tmp)
            os.replace(tmp, target)
        except OSError as exc:
            raise output_error(exc, target) from exc
        except FileCreateError as exc:  # XlsxWriter wraps the OSError of close()
            cause = exc.args[0] if exc.args and isinstance(exc.args[0], OSError) else None
            if cause is None:
                raise
            raise output_error(cause, target) from exc
        _fsync_folder(folder)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


class _QuietAfterFailure:
    """The file XlsxWriter zips a workbook into. XlsxWriter leaves its ZipFile open when a write
    fails (a full disk); when that object is collected it writes again and Python prints
    "Exception ignored in ZipFile.__del__" on stderr. After the first OSError (which is raised
    as usual), writes go nowhere, so the failure is reported once, as one line."""

    def __init__(self, path: Path):
        self._fh = open(path, "wb")  # noqa: SIM115 (closed by workbook_file)
        self.failed = False
        self._position = 0  # where ZipFile believes it is, once the real file failed

    def _call(self, name: str, *args: Any) -> Any:
        try:
            return getattr(self._fh, name)(*args)
        except OSError:
            self.failed = True
            raise

    def write(self, data: bytes) -> int:
        if self.failed:
            self._position += len(data)
            return len(data)
        return self._call("write", data)

    def tell(self) -> int:
        return self._position if self.failed else self._call("tell")

    def seek(self, offset: int, whence: int = 0) -> int:
        if self.failed:
            self._position = offset if whence == 0 else self._position + offset
            return self._position
        return self._call("seek", offset, whence)

    def flush(self) -> None:
        if not self.failed:
            self._call("flush")

    def truncate(self, *args: Any) -> int:
        return self._position if self.failed else self._call("truncate", *args)

    def seekable(self) -> bool:
        return True

    def close(self) -> None:
        """ZipFile does not close a file it was given; workbook_file does."""


@contextlib.contextmanager
def workbook_file(tmp: Path) -> Iterator[Any]:
    """A file object for `xlsxwriter.Workbook(...)` writing to `tmp` (see _QuietAfterFailure)."""
    target = _QuietAfterFailure(tmp)
    try:
        yield target
    finally:
        target.failed = True  # a ZipFile collected later writes nowhere
        target._fh.close()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows cannot open a folder and needs no such step)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _full_temporary_folder(exc: OSError, target: Path) -> str | None:
    """The temporary folder, when the full disk is the one XlsxWriter's temporary files were on."""
    folder = tempfile.gettempdir()
    if exc.filename and Path(exc.filename).parent == target.parent:
        return None
    try:
        if os.path.samefile(folder, target.parent):
            return None
        temp_free = shutil.disk_usage(folder).free
        target_free = shutil.disk_usage(target.parent).free
    except OSError:
        return None
    return folder if temp_free < target_free and temp_free < 4 * 2**20 else None


class OutputFailed(ExportError):
    """The output file could not be written: a full disk, a read-only file or folder, no permission."""


def output_error(exc: OSError, target: Path) -> DomainError:
    """An OSError while writing an output file as one line naming the real cause."""
    if isinstance(exc, DomainError):
        return exc
    if exc.errno == errno.ENOSPC or exc.errno == getattr(errno, "EDQUOT", -1):
        scratch = _full_temporary_folder(exc, target)
        if scratch is not None:
            return OutputFailed(
                translate(
                    "db",
                    "{path} could not be written: the temporary folder {folder} is full (the target "
                    "disk has room). Free space there and try again.",
                ).format(path=str(target), folder=scratch)
            )
        template = translate(
            "db", "{path} could not be written: the disk is full. Free some space or choose another disk."
        )
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        template = translate(
            "db",
            "{path} could not be written: the file or its folder is read-only, or you may not write "
            "there. Choose another folder.",
        )
    else:
        template = translate("db", "{path} could not be written: {reason}.")
    return OutputFailed(template.format(path=str(target), reason=exc.strerror or str(exc)))
