"""Importing a file of harvests, payments or master records from the GUI: checked in a task
(db.importing.check_records or check_masters),
every problem listed or the count confirmed, then written in a task (a verified backup first) as
one undo step."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import commands
from app.context import AppContext
from app.tasks import TaskContext, TaskHandle
from app.views.dialogs.import_dialog import ImportProblemsDialog
from db import backup
from db.errors import DomainError
from db.importing import MASTER_KINDS, RecordImport, check_masters, check_records, layout_of, preview_columns


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
        self.mapping_dialog: MappingDialog | None = None
        self.mapping: dict[str, str | None] | None = None
        self.outcome = ""

    @property
    def running(self) -> bool:
        return self.handle is not None and not self.outcome

    def start(self, path: str | Path, mapping: dict[str, str | None] | None = None) -> None:
        """Check the file in a task (with `mapping`, the columns as the person chose them)."""
        self.path = Path(path)
        self.mapping = mapping
        self.result = None
        self.ctx.settings.last_folder = str(self.path.parent)
        file, kind = str(self.path), self.kind

        def check(task: TaskContext) -> RecordImport:
            check = check_masters if kind in MASTER_KINDS else check_records
            return check(task.store(), kind, file, progress=task.progress, mapping=mapping)

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
        if result.problems and result.rows == 0 and self.mapping is None and self._ask_mapping():
            return  # the titles were not understood: the mapping view, then the check again
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

    def _ask_mapping(self) -> bool:
        """Show the mapping view when the file has a title row; False when there is nothing to map."""
        try:
            columns = preview_columns(self.path, self.kind)
        except DomainError:
            return False
        if not columns:
            return False
        lang = self.ctx.settings.language
        fields = [(f.key, f.title(lang)) for f in layout_of(self.kind).fields]
        self.mapping_dialog = MappingDialog(columns, fields, self.path, self.widget)
        self.mapping_dialog.accepted.connect(lambda: self.start(self.path, self.mapping_dialog.mapping()))
        self.mapping_dialog.rejected.connect(self._mapping_declined)
        self.mapping_dialog.open()
        return True

    def _mapping_declined(self) -> None:
        self.status_message.emit(self.tr("Nothing was imported."))
        self._end("declined")

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


class MappingDialog(QDialog):
    """The mapping view: each column of the file, the field it is read as (correctable) and its
    first values. The import then reads the file with this mapping."""

    def __init__(
        self,
        columns: list[tuple[str, str | None, list[str]]],
        fields: list[tuple[str, str]],
        path: Path,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.path = path
        self.fields = fields  # (key, title in the interface language)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.table = QTableWidget(len(columns), 3)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.boxes: list[tuple[str, QComboBox]] = []
        for row, (title, key, values) in enumerate(columns):
            item = QTableWidgetItem(title)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, 0, item)
            box = QComboBox()
            box.addItem("", None)
            for field_key, field_title in fields:
                box.addItem(field_title, field_key)
            box.setCurrentIndex(max(box.findData(key), 0))
            self.table.setCellWidget(row, 1, box)
            self.boxes.append((title, box))
            shown = QTableWidgetItem(" · ".join(values))
            shown.setFlags(shown.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, 2, shown)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(760, 420)
        self.retranslate_ui()
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(1, max(self.table.columnWidth(1), 160))

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Columns of %1").replace("%1", self.path.name))
        self.label.setText(
            self.tr(
                "Some columns were not recognised. Choose the field each column holds ((ignore) skips the "
                "column; a unit in the title, as in 重量(斤), still applies), then check the file again."
            )
        )
        self.table.setHorizontalHeaderLabels(
            [self.tr("Column in the file"), self.tr("Read as"), self.tr("First values")]
        )
        for _title, box in self.boxes:
            box.setItemText(0, self.tr("(ignore)"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def choose(self, title: str, key: str | None) -> None:
        for column, box in self.boxes:
            if column == title:
                box.setCurrentIndex(max(box.findData(key), 0))

    def mapping(self) -> dict[str, str | None]:
        return {title: box.currentData() for title, box in self.boxes}
