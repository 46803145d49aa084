"""The one API for slow work: a function runs on the thread pool with progress, cancel and result signals."""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

from app.db_watch import waiting_text
from app.messages import tr_failure
from db.errors import Cancelled, DomainError
from db.repositories import Store
from db.storage.connection import open_database

log = logging.getLogger(__name__)

# SQLite virtual-machine steps between two looks at the Cancel flag (about a millisecond of work).
_CANCEL_CHECK_STEPS = 100_000
# A task waits longer than the GUI thread for another program's write: it shows that it waits and
# can be cancelled.
TASK_WRITE_PATIENCE_S = 300.0
# A task started with this priority runs before any queued task of the default priority (0): what
# the person waits to see (the dashboard's figures) before background reads and backups.
HIGH_PRIORITY = 10


class TaskContext:
    """What a task function gets: progress reporting, a cancel check and its own database connection."""

    def __init__(self, handle: TaskHandle, db_path: Path | None, user: str):
        self._handle = handle
        self._db_path = db_path
        self._user = user
        self._store: Store | None = None
        self.language = "zh_CN"

    def progress(self, done: int, total: int, message: str = "") -> None:
        """Report progress; raises Cancelled if the person pressed Cancel."""
        self.check_cancelled()
        self._handle.progressed.emit(done, total, message)

    def check_cancelled(self) -> None:
        if self._handle.is_cancelled():
            raise Cancelled()

    @property
    def cancelled(self) -> bool:
        return self._handle.is_cancelled()

    def store(self) -> Store:
        """A Store on a connection of this thread (a sqlite-utils Database is bound to its thread).

        A statement running when the person presses Cancel is interrupted (SQLite's progress
        handler), so a long query stops at once; a write it was part of is rolled back.
        """
        if self._store is None:
            if self._db_path is None:
                raise RuntimeError("this task runner has no database")
            db = open_database(self._db_path, migrate=False)
            db.conn.set_progress_handler(self._handle.is_cancelled, _CANCEL_CHECK_STEPS)
            self._store = Store(db, self._user)
            self._store.language = self.language
            self._store.on_wait = self._waiting
            self._store.write_patience_s = TASK_WRITE_PATIENCE_S
        return self._store

    def _waiting(self, elapsed: float, finished: bool) -> None:
        """While another program writes: say so in the progress bar (Cancel stops the wait)."""
        if finished:
            self.progress(0, 0, "")
            return
        self.progress(0, 0, waiting_text(elapsed))

    @property
    def wrote(self) -> bool:
        """Whether the task's connection changed the database (committed: a failed write raised)."""
        return self._store is not None and self._store.db.conn.total_changes > 0

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


class TaskHandle(QObject):
    """Signals of one running task; lives on the GUI thread, emitted from the worker."""

    progressed = Signal(int, int, str)  # done, total, message
    succeeded = Signal(object)  # the function's result
    failed = Signal(str, str)  # message for a person (in the interface language), detail for the log
    cancelled = Signal()
    ended = Signal()  # after any of the three above
    # From the worker: the exception and its traceback. Relayed on the GUI thread as `failed`, so
    # a db message (db.i18n.Text, which a str signal would flatten to English) is translated there.
    _raised = Signal(object, str)

    def __init__(self, name: str, parent: QObject | None = None):
        super().__init__(parent)
        self.name = name
        self._cancel = threading.Event()
        self.running = True
        self.error: BaseException | None = None  # what a failed task raised
        self._raised.connect(self._report_failure)

    @Slot(object, str)
    def _report_failure(self, exc: BaseException, detail: str) -> None:
        self.error = exc
        message = tr_failure(exc)  # the exception's own text and traceback are in the log
        self.failed.emit(message, detail)

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[TaskContext], Any], context: TaskContext, handle: TaskHandle):
        super().__init__()
        self._fn = fn
        self._context = context
        self._handle = handle

    def run(self) -> None:
        handle = self._handle
        try:
            result = self._fn(self._context)
        except Cancelled:
            handle.cancelled.emit()
        except Exception as exc:  # a bug must still reach the person as a message, not kill the app
            if handle.is_cancelled():  # e.g. the statement Cancel interrupted: not a failure
                handle.cancelled.emit()
            else:
                if not isinstance(exc, DomainError):
                    log.exception("task %s failed", handle.name)
                detail = traceback.format_exc()
                handle._raised.emit(exc.with_traceback(None), detail)  # its frames hold the connection
        else:
            # Cancel pressed after the function's last look at it: a read is dropped, but a write it
            # committed is done and is reported so (not as "cancelled", which would hide it).
            if handle.is_cancelled() and not self._context.wrote:
                handle.cancelled.emit()
            else:
                handle.succeeded.emit(result)
        finally:
            self._context.close()
            handle.running = False
            handle.ended.emit()


class TaskRunner(QObject):
    """Starts tasks on a thread pool; each gets its own database connection if it asks for one."""

    task_started = Signal(object)  # the TaskHandle, so the window can show progress and Cancel

    def __init__(
        self,
        db_path: Path | None,
        user: str = "system",
        parent: QObject | None = None,
        pool: QThreadPool | None = None,
    ):
        super().__init__(parent)
        self.db_path = db_path
        self.user = user
        self.language = "zh_CN"  # the interface language, for each task's Store (AppContext keeps it)
        self._pool = pool or QThreadPool.globalInstance()
        self._handles: set[TaskHandle] = set()

    def start(
        self, name: str, fn: Callable[[TaskContext], Any], *, announce: bool = True, priority: int = 0
    ) -> TaskHandle:
        """Run fn(context) on the pool once control returns to the event loop, so the caller can
        connect to the returned handle's signals first without missing any.

        `announce=False` keeps the task out of `task_started` (the window's progress bar and
        Cancel): for short background reads, such as a table's id query, that show their own state.
        `priority`: a queued task with a higher one starts first (HIGH_PRIORITY).
        """
        handle = TaskHandle(name, self)
        self._handles.add(handle)
        handle.ended.connect(self._forget)
        context = TaskContext(handle, self.db_path, self.user)
        context.language = self.language
        runnable = _Runnable(fn, context, handle)
        QTimer.singleShot(0, self, lambda: self._pool.start(runnable, priority))
        if announce:
            self.task_started.emit(handle)
        return handle

    def _forget(self) -> None:
        self._handles = {h for h in self._handles if h.running}

    def running(self) -> list[TaskHandle]:
        return [h for h in self._handles if h.running]

    def cancel_all(self) -> None:
        for handle in list(self._handles):
            handle.cancel()

    def wait(self, msecs: int = -1) -> bool:
        """Wait for every started task (tests, and shutdown after cancel_all)."""
        return self._pool.waitForDone(msecs)
