"""Runs a chart's data function as a task and hands back only the newest result."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.tasks import TaskHandle, TaskRunner
from db.repositories import Store


class ChartLoader(QObject):
    """One slot of slow work (a chart, the dashboard): a new load supersedes the one running.

    The data function runs on the thread pool with its own connection; the result of a
    superseded load is dropped, so a quick series of filter changes never draws stale data.
    """

    failed = Signal(str)  # a message a person can read

    def __init__(self, tasks: TaskRunner, name: str, parent: QObject | None = None):
        super().__init__(parent)
        self._tasks = tasks
        self._name = name
        self._generation = 0
        self._handle: TaskHandle | None = None

    @property
    def busy(self) -> bool:
        return self._handle is not None and self._handle.running

    def load(self, fn: Callable[[Store], Any], apply: Callable[[Any], None]) -> TaskHandle:
        self._generation += 1
        generation = self._generation
        if self._handle is not None and self._handle.running:
            self._handle.cancel()
        handle = self._tasks.start(self._name, lambda context: fn(context.store()))
        handle.succeeded.connect(lambda result: self._done(generation, apply, result))
        handle.failed.connect(lambda message, _detail: self._failed(generation, message))
        self._handle = handle
        return handle

    def cancel(self) -> None:
        """Drop the load in flight: its result, if it still arrives, is not drawn."""
        self._generation += 1
        if self._handle is not None and self._handle.running:
            self._handle.cancel()
        self._handle = None

    def _done(self, generation: int, apply: Callable[[Any], None], result: Any) -> None:
        if generation == self._generation:
            self._handle = None
            apply(result)

    def _failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self._handle = None
            self.failed.emit(message)
