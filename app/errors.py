"""Errors a person can act on: the log file, the error dialog, the excepthook and write-failure reports."""

from __future__ import annotations

import logging
import logging.handlers
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.messages import failure_kind, tr_error, tr_failure
from db.errors import DatabaseFileError, DomainError, ReferencedError, ValidationError

log = logging.getLogger("fujiang")

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"


def setup_logging(path: Path, level: int = logging.INFO) -> logging.Handler:
    """Send the program's log to a rotating file (1 MB × 5) in the data folder; returns the handler."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    return handler


class ErrorDialog(QDialog):
    """What happened and what to do, in words; the technical detail stays in the log file."""

    def __init__(self, title: str, message: str, log_file: Path | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(40, 40))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.message_label = QLabel(message)
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text = QVBoxLayout()
        text.addWidget(self.message_label)
        self.log_label = QLabel()
        self.log_label.setWordWrap(True)
        self.log_label.setStyleSheet("color: palette(mid);")
        self.log_file = log_file
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        if log_file is not None:
            self.log_label.setText(
                QCoreApplication.translate("errors", "The details were written to the log file:\n%1").replace(
                    "%1", str(log_file)
                )
            )
            self.open_log_button = QPushButton(QCoreApplication.translate("errors", "Open log folder"))
            self.open_log_button.clicked.connect(self._open_log_folder)
            buttons.addButton(self.open_log_button, QDialogButtonBox.ButtonRole.ActionRole)
            text.addWidget(self.log_label)
        row = QHBoxLayout()
        row.addWidget(icon)
        row.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(buttons)

    def _open_log_folder(self) -> None:
        if self.log_file is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_file.parent)))


def describe(exc: BaseException) -> tuple[str, str]:
    """(title, message) for a person; a program error never shows its traceback."""
    if isinstance(exc, DatabaseFileError):
        return QCoreApplication.translate("errors", "The database cannot be used"), tr_error(exc)
    if isinstance(exc, ReferencedError):
        return QCoreApplication.translate("errors", "Still in use"), tr_error(exc)
    if isinstance(exc, ValidationError):
        return QCoreApplication.translate("errors", "Not saved"), QCoreApplication.translate(
            "errors", "The change was not saved: %1"
        ).replace("%1", tr_error(exc))
    if isinstance(exc, DomainError):
        return QCoreApplication.translate("errors", "Not done"), tr_error(exc)
    if failure_kind(exc) == "bug":
        return QCoreApplication.translate("errors", "Unexpected error"), tr_failure(exc)
    return QCoreApplication.translate("errors", "Not done"), tr_failure(exc)


class ErrorReporter(QObject):
    """Logs every error and shows it to the person; the composition root installs it as excepthook.

    `show` displays (title, message); tests replace it to record what would be shown.
    """

    def __init__(self, log_file: Path | None, parent_widget: Callable[[], QWidget | None] = lambda: None):
        super().__init__()
        self.log_file = log_file
        self._parent_widget = parent_widget
        self.show: Callable[[str, str], None] = self._show_dialog
        self._showing = False

    def _show_dialog(self, title: str, message: str) -> None:
        if self._showing:  # an error inside the dialog's own event loop must not stack dialogs
            return
        self._showing = True
        try:
            ErrorDialog(title, message, self.log_file, self._parent_widget()).exec()
        finally:
            self._showing = False

    def report(self, exc: BaseException, context: str = "") -> None:
        """Log `exc` (with traceback) and tell the person what happened."""
        detail = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        if isinstance(exc, DomainError):
            log.warning("%s%s", f"{context}: " if context else "", detail)
        else:
            log.error("%s%s", f"{context}: " if context else "", detail)
        title, message = describe(exc)
        self.show(title, message)

    def report_write_failure(self, exc: Exception) -> None:
        """RecordCommand.error_handler: an undo or redo could not be written."""
        self.report(exc, "undo/redo write failed")

    def excepthook(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        if exc.__traceback__ is None and tb is not None:
            exc = exc.with_traceback(tb)
        self.report(exc, "uncaught exception")
