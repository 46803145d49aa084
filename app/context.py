"""The long-lived objects every page needs, built once by app.main and passed through constructors."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtGui import QUndoStack

from app.settings import Settings
from app.tasks import TaskRunner
from db.repositories import Store


@dataclass
class AppContext:
    store: Store  # the GUI thread's connection; tasks open their own through `tasks`
    db_path: Path
    undo_stack: QUndoStack
    tasks: TaskRunner
    language: str = "zh_CN"  # 'zh_CN' or 'en': what db.units.label() and exports use
    settings: Settings = field(default_factory=Settings)  # window layout, remembered entry defaults
    # The truck last selected or saved on the shipments page: certificates are offered for it first.
    current_shipment_id: int | None = None

    def __setattr__(self, name: str, value: object) -> None:
        super().__setattr__(name, value)
        # Tasks name records in the interface language too (a crop's English name in English).
        if name in ("language", "tasks") and "tasks" in self.__dict__ and "language" in self.__dict__:
            self.tasks.language = self.language
