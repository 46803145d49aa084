"""Noticing what other programs (and other windows) commit to the open database, and showing that
this program waits while another one writes."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QStatusBar

from db.repositories import Store

# How often the window asks SQLite whether anyone else committed (a PRAGMA of a microsecond).
POLL_MS = 1000


class DatabaseWatcher(QObject):
    """Emits `changed` when another connection, of this or any program, has committed to the file.

    SQLite's `PRAGMA data_version` on the window's own connection changes exactly then; the
    window's own writes do not change it (they are already shown).
    """

    changed = Signal()

    def __init__(self, store: Store, parent: QObject | None = None, interval_ms: int = POLL_MS):
        super().__init__(parent)
        self.store = store
        self._version = store.data_version()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def poll(self) -> bool:
        """Look now; returns whether something changed (and `changed` was emitted)."""
        version = self.store.data_version()
        if version is None:  # the database was closed: nothing more to watch
            self.timer.stop()
            return False
        if version == self._version:
            return False
        self._version = version
        self.changed.emit()
        return True


def waiting_text(elapsed: float) -> str:
    """'Waiting for another program to finish writing to the database… (3 s)', translated."""
    seconds = round(elapsed)
    return QCoreApplication.translate(
        "database", "Waiting for another program to finish writing to the database… (%n s)", "", seconds
    )


class WriteWaitIndicator:
    """Says in the status bar that a save waits for another program to finish writing.

    The wait happens on the GUI thread (a save is short, and must finish before the form closes),
    so the message is painted at once instead of through the event loop.
    """

    def __init__(self, status_bar: QStatusBar):
        self.status_bar = status_bar

    def __call__(self, elapsed: float, finished: bool) -> None:
        if finished:
            self.status_bar.clearMessage()
        else:
            self.status_bar.showMessage(waiting_text(elapsed))
        self.status_bar.repaint()
