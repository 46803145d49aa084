"""Parts the main window places: the task progress with Cancel, a stand-in for a broken page, and
the database file dialogs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from app.context import AppContext
from app.tasks import TaskHandle
from app.views.page import Page


class TaskProgress(QWidget):
    """A progress bar and a Cancel button for the running tasks; hidden while none runs."""

    message_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(220)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.handles: list[TaskHandle] = []
        self.hide()
        self.retranslate_ui()

    def track(self, handle: TaskHandle) -> None:
        self.handles.append(handle)
        handle.progressed.connect(self._progressed)
        handle.ended.connect(self._ended)  # a bound method: disconnected when this widget goes
        self.bar.setRange(0, 0)
        self.show()

    def _progressed(self, done: int, total: int, message: str) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        if message:
            self.message_changed.emit(message)

    def _ended(self) -> None:
        handle = self.sender()
        if handle in self.handles:
            self.handles.remove(handle)
        if not self.handles:
            self.hide()

    def cancel(self) -> None:
        for handle in self.handles:
            handle.cancel()

    def retranslate_ui(self) -> None:
        self.cancel_button.setText(QCoreApplication.translate("MainWindow", "Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class BrokenPage(Page):
    """Stands in for a page that failed to build, so the rest of the program still works."""

    def __init__(self, ctx: AppContext, name: str, error: Exception, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.key = name
        self._name = name
        self._detail = f"{name}: {type(error).__name__}: {error}"
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.retranslate_ui()

    def title(self) -> str:
        return QCoreApplication.translate("MainWindow", "Page not available")

    def retranslate_ui(self) -> None:
        self.label.setText(
            QCoreApplication.translate(
                "MainWindow",
                "This page could not be opened; the rest of the program works. "
                "The full detail is in the log file in the data folder (Help ▸ About).\n\n%1",
            ).replace("%1", self._detail)
        )


def ask_database_to_open(parent: QWidget, near: Path) -> str:
    path, _ = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("MainWindow", "Open database"),
        str(near.parent),
        QCoreApplication.translate("MainWindow", "Databases (*.db *.sqlite);;All files (*)"),
    )
    return path


def ask_database_to_create(parent: QWidget, near: Path) -> str:
    path, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("MainWindow", "New database"),
        str(near.parent / "park.db"),
        QCoreApplication.translate("MainWindow", "Databases (*.db)"),
    )
    return path
