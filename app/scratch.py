"""The program's own temporary folder (cleaned at start) and the removal of killed exports' leftovers.

XlsxWriter writes every sheet of a workbook to temporary files before zipping them (14 killed
exports once left 521 MB of plain-text shipment rows in the system's temp folder). While a
command or the desktop app runs, Python's temporary files go to `<data folder>/tmp/<process id>/`
instead; at the next start, the folders of processes that no longer run are deleted, and so are
the hidden '.NAME.<pid>.xxxxxxxx.tmp' files a killed export left in the data folder and beside
the database. Qt-free: the command line uses it too.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from app import paths
from db.storage.outputs import process_alive, remove_stale_temporaries

log = logging.getLogger(__name__)

SCRATCH_FOLDER = "tmp"


def scratch_root() -> Path:
    return paths.data_dir() / SCRATCH_FOLDER


def remove_stale_scratch(root: Path) -> list[Path]:
    """Delete the per-process folders under `root` whose process no longer runs; returns them."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(root))
    except OSError:
        return removed
    for entry in entries:
        if not entry.name.isdigit() or not entry.is_dir(follow_symlinks=False):
            continue
        pid = int(entry.name)
        if pid == os.getpid() or process_alive(pid):
            continue
        shutil.rmtree(entry.path, ignore_errors=True)
        removed.append(Path(entry.path))
    return removed


def clean_leftovers(db_path: Path | None) -> list[Path]:
    """Remove what killed runs left: stale scratch folders and export temporaries in known folders."""
    removed = remove_stale_scratch(scratch_root())
    folders = {paths.data_dir().resolve()}
    if db_path is not None and db_path.parent.is_dir():
        folders.add(db_path.parent.resolve())
    for folder in sorted(folders):
        removed += remove_stale_temporaries(folder)
    for path in removed:
        log.info("removed leftover %s", path)
    return removed


@contextlib.contextmanager
def session(db_path: Path | None) -> Iterator[Path | None]:
    """Clean leftovers, then send temporary files to this process's scratch folder until the end.

    Yields the folder (None if it could not be made: the system's temp folder is used then).
    """
    try:
        clean_leftovers(db_path)
        mine = scratch_root() / str(os.getpid())
        mine.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        log.warning("no scratch folder: %s", exc)
        yield None
        return
    previous = tempfile.tempdir
    tempfile.tempdir = str(mine)
    try:
        yield mine
    finally:
        tempfile.tempdir = previous
        shutil.rmtree(mine, ignore_errors=True)
