"""Importing a file of harvests, payments or master records from the GUI: checked in a task
(db.importing.check_records or check_masters),
every problem listed or the count confirmed, then written in a task (a verified backup first) as
one undo step."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from app import commands
from app.context import AppContext
from app.tasks import TaskContext, TaskHandle
from app.views.import_dialog import ImportProblemsDialog
from db import backup
from db.importing import MASTER_KINDS, RecordImport, check_masters, check_records


class RecordImporter(QObject):
    """One import of one harvests or payments file."""

    imported = Signal(list)  # the stored records
    status_message = Signal(str)
    finished = Signal(str)  # 'imported', 'problems', 'declined' or 'failed'

    def __init__(
        self,
        ctx: AppContext,
        kind: str,
        parent: QWidget,
        listener: commands.Listener | None = None,
        show_error: Callable[[str], None] | None = None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.kind = kind
        self.widget = parent
        self.listener = listener
        self.show_error = show_error or (lambda text: QMessageBox.warning(parent, self.tr("Import"), text))
        self.path = Path()
        self.handle: TaskHandle | None = None
        self.result: RecordImport | None = None
        self.problems_dialog: ImportProblemsDialog | None = None
        self.confirmation: QMessageBox | None = None
        self.outcome = ""

    @property
    def running(self) -> bool:
        return self.handle is not None and not self.outcome

    def start(self, path: str | Path) -> None:
        self.path = Path(path)
        self.ctx.settings.last_folder = str(self.path.parent)
        file, kind = str(self.path), self.kind

        def check(task: TaskContext) -> RecordImport:
            check = check_masters if kind in MASTER_KINDS else check_records
            return check(task.store(), kind, file, progress=task.progress)

        self.handle = self.ctx.tasks.start(f"import {kind}", check)
        self.handle.succeeded.connect(self._checked)
        self.handle.failed.connect(self._failed)
        self.handle.cancelled.connect(lambda: self._end("declined"))

    def _end(self, outcome: str) -> None:
        self.outcome = outcome
        self.finished.emit(outcome)

    def _failed(self, message: str, _detail: str) -> None:
        self.show_error(message)
        self._end("failed")

    def _checked(self, result: RecordImport) -> None:
        self.result = result
        if result.problems:
            self.problems_dialog = ImportProblemsDialog(
                result.problems, self.path, self.widget, self.ctx.settings.language, self.kind
            )
            self.problems_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.problems_dialog.open()
            self._end("problems")
            return
        box = QMessageBox(self.widget)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Import"))
        n = len(result.records)
        box.setText(self.tr("%1 is correct: %n record(s). Import them?", "", n).replace("%1", self.path.name))
        details = [self.tr("The import is one step: Undo removes all of it.")]
        if result.ignored_columns:
            details.insert(0, self.tr("Columns ignored: %1").replace("%1", ", ".join(result.ignored_columns)))
        box.setInformativeText("\n".join(details))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Import"))
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.finished.connect(self._answered)
        self.confirmation = box
        box.open()

    def _answered(self, answer: int) -> None:
        if answer != QMessageBox.StandardButton.Yes or self.result is None:
            self.status_message.emit(self.tr("Nothing was imported."))
            self._end("declined")
            return
        records = list(self.result.records)
        db_path, backups = self.ctx.db_path, self.ctx.settings.backup_folder_for(self.ctx.db_path)
        kind = self.kind

        def add(task: TaskContext) -> list:
            store = task.store()
            backup.backup_database(store.db, db_path, backup.BEFORE_IMPORT, folder=backups)
            return getattr(store, kind).add_many(records)  # one transaction: all or nothing

        self.handle = self.ctx.tasks.start(f"import {kind}", add)
        self.handle.succeeded.connect(self._written)
        self.handle.failed.connect(self._failed)

    def _written(self, saved: list) -> None:
        n = len(saved)
        repo = getattr(self.ctx.store, self.kind)
        command = commands.AddRecords.done(repo, saved, self.listener, self.tr("Import %n record(s)", "", n))
        commands.push_done(self.ctx.undo_stack, command, [r.id for r in saved])
        self.status_message.emit(
            self.tr("Imported %n record(s) from %1.", "", n).replace("%1", self.path.name)
        )
        self.imported.emit(list(saved))
        self._end("imported")
