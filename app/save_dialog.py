"""Asking where to save an output: the file dialog, a question before replacing, never the database."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.messages import tr_error
from db.errors import DomainError
from db.storage.outputs import Output, check_target


def confirm_replace(parent: QWidget | None, path: Path) -> bool:
    """Ask before replacing a file the file dialog did not ask about (a name changed afterwards)."""
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("SaveDialog", "Replace file?"),
        QCoreApplication.translate("SaveDialog", "%1 already exists.\nDo you want to replace it?").replace(
            "%1", str(path)
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def guarded_output(
    parent: QWidget | None, path: str | Path, database: Path | None, *, agreed: bool
) -> Output | None:
    """`path` as an Output the person agreed to, or None (after saying why) when it may not be written.

    `agreed` says whether the person already agreed to replace an existing file (the save dialog
    asks); otherwise an existing file is asked about here.
    """
    target = Path(path)
    try:
        check_target(target, database, overwrite=True)
    except DomainError as exc:
        QMessageBox.warning(
            parent, QCoreApplication.translate("SaveDialog", "Cannot save here"), tr_error(exc)
        )
        return None
    if not agreed and target.exists() and not confirm_replace(parent, target):
        return None
    return Output(target, database, overwrite=True)


def ask_output(
    parent: QWidget | None,
    title: str,
    suggested: str | Path,
    filters: str,
    database: Path | None,
    suffixes: Sequence[str] = (),
) -> Output | None:
    """Ask for a file to write (the dialog itself asks before replacing a file); a name without one
    of `suffixes` gets the first, and if that file exists the person is asked again."""
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), filters)
    if not chosen:
        return None
    target = Path(chosen)
    agreed = True
    if suffixes and target.suffix.lower() not in suffixes:
        target = target.with_suffix(suffixes[0])
        agreed = False  # the dialog asked about another name
    return guarded_output(parent, target, database, agreed=agreed)
