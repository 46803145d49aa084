"""The import wizard: one file of any kind → file and sheet, mapping, preview with fixes and the
names to create, warnings, then one write in a task (progress, Cancel) that is one undo step."""

from __future__ import annotations

import functools
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QPushButton, QWidget, QWizard

from app import commands
from app.context import AppContext
from app.messages import tr_error, tr_message
from app.tasks import TaskContext, TaskHandle
from app.views.wizard.names import create_entries
from db.documents import templates
from db.errors import DomainError
from db.importing import CSV_SUFFIXES, KINDS, MASTER_KINDS, WORKBOOK_SUFFIXES
from db.importing.fixes import SheetTable, check_with_names, load_table, unknown_names, write_import
from db.storage import backup
from db.storage.outputs import Output

ALL_KINDS = ("shipments", *KINDS, *MASTER_KINDS)
FILE, MAPPING, PREVIEW, WARNINGS, SUMMARY = range(5)


def kind_title(kind: str) -> str:
    titles = {
        "shipments": QCoreApplication.translate("ImportWizard", "Shipments"),
        "harvests": QCoreApplication.translate("ImportWizard", "Harvests"),
        "payments": QCoreApplication.translate("ImportWizard", "Payments"),
        "operators": QCoreApplication.translate("ImportWizard", "Operators"),
        "plots": QCoreApplication.translate("ImportWizard", "Plots"),
        "buyers": QCoreApplication.translate("ImportWizard", "Buyers"),
        "markets": QCoreApplication.translate("ImportWizard", "Markets"),
        "crops": QCoreApplication.translate("ImportWizard", "Crops"),
    }
    return titles[kind]


def ask_import_file(parent: QWidget, ctx: AppContext, title: str = "") -> str:
    """The file to import, chosen in a file dialog that opens in the folder used last ('' if none)."""
    patterns = " ".join(f"*{suffix}" for suffix in (*CSV_SUFFIXES, *WORKBOOK_SUFFIXES))
    path, _ = QFileDialog.getOpenFileName(
        parent,
        title or QCoreApplication.translate("ImportWizard", "Import"),
        ctx.settings.last_folder or str(Path.home()),
        QCoreApplication.translate("ImportWizard", "Spreadsheets and CSV files (%1);;All files (*)").replace(
            "%1", patterns
        ),
    )
    return path


def save_template(parent: QWidget, kind: str, folder: Path, language: str) -> str:
    """Ask where, then write the blank sheet of `kind` (`fujiang template KIND`); '' if cancelled."""
    title = QCoreApplication.translate("ImportWizard", "Save a template")
    path, _ = QFileDialog.getSaveFileName(
        parent,
        title,
        str(folder / f"{kind}-template.xlsx"),
        QCoreApplication.translate("ImportWizard", "Workbooks (*.xlsx)"),
    )
    if not path:
        return ""
    try:
        # QFileDialog has asked before replacing a file; the database is never written over
        templates.write_template(
            kind, Output(Path(path), database=None, overwrite=True), language, tr_message
        )
    except DomainError as exc:
        QMessageBox.warning(parent, title, tr_error(exc))
        return ""
    return path


def follow(handle: TaskHandle, dialog: QProgressDialog) -> None:
    """The dialog shows the task's progress; its Cancel cancels the task; it closes at the end."""

    def progressed(done: int, total: int, _message: str) -> None:
        if total and shiboken6.isValid(dialog):
            dialog.setRange(0, total)
            dialog.setValue(done)

    dialog.canceled.connect(handle.cancel)
    handle.progressed.connect(progressed)

    def ended() -> None:
        if not shiboken6.isValid(dialog):
            return  # closed with its window
        dialog.canceled.disconnect(handle.cancel)  # hiding it would otherwise 'cancel'
        dialog.hide()
        dialog.deleteLater()

    handle.ended.connect(ended)


def show_task(parent: QWidget | None, handle: TaskHandle, text: str) -> None:
    """Progress and Cancel of an undo or redo of an import (ImportCommand), over `parent`'s window
    (the task is also announced to the main window's status bar)."""
    if parent is None or not shiboken6.isValid(parent):
        return
    dialog = QProgressDialog(parent)
    dialog.setLabelText(text)
    dialog.setCancelButton(QPushButton(QCoreApplication.translate("ImportWizard", "Cancel")))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumDuration(300)
    dialog.setRange(0, 0)
    follow(handle, dialog)


class ImportWizard(QWizard):
    """State shared by the pages (the file, its mapping, the fixes, the latest check) and the two
    kinds of work they start: a check (again after every fix) and the write."""

    checked = Signal(object)  # the latest check's result (ShipmentImport or RecordImport)
    check_failed = Signal(str)
    imported = Signal(list)  # the stored records
    status_message = Signal(str)
    finished_import = Signal(str)  # 'imported', 'cancelled' (the write) or 'failed'

    def __init__(
        self,
        ctx: AppContext,
        kind: str,
        parent: QWidget | None = None,
        listener: commands.Listener | None = None,
        path: str | Path | None = None,
    ):
        super().__init__(parent)
        from app.views.wizard.pages import FilePage, MappingPage, SummaryPage, WarningsPage
        from app.views.wizard.preview_page import PreviewPage

        self.ctx = ctx
        self.kind = kind
        self.listener = listener
        self.path = Path(path) if path else None
        self.sheet: str | None = None
        self.columns: list = []  # the sheet's (title, field key or None, first values), as read
        self.mapping: dict[str, str | None] | None = None
        self.table: SheetTable | None = None
        self.edits: dict[tuple[int, int], str] = {}
        self.dropped: set[int] = set()
        # the ticked names: key → {name, or a plot's (operator, plot): the choices made for it}
        self.create: dict[str, dict] = {}
        self.unknown: dict[str, list] = {}  # every unknown name (plot: (operator, plot)) seen
        self.result = None
        self.check_handle: TaskHandle | None = None
        self.write_handle: TaskHandle | None = None
        self.progress: QProgressDialog | None = None
        self.outcome = ""
        self._generation = 0
        self._checking = False
        self.writing = False  # from the write's start until its result has arrived
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.warnings_page = WarningsPage(self)
        self.summary_page = SummaryPage(self)
        for page_id, page in enumerate(
            (self.file_page, self.mapping_page, self.preview_page, self.warnings_page, self.summary_page)
        ):
            self.setPage(page_id, page)
        self.resize(980, 640)
        self.retranslate_ui()

    # ---- language
    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Import %1").replace("%1", kind_title(self.kind)))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< &Back"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Next >"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Cancel"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Import"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    @property
    def language(self) -> str:
        return self.ctx.settings.language

    # ---- checking (a task; again after every fix)
    def start_check(self, reload: bool = False) -> TaskHandle:
        """Check the file with the fixes and names so far; `checked` carries the result. A newer check
        supersedes an older one still running (its result is dropped)."""
        if self.check_handle is not None and self.check_handle.running:
            self.check_handle.cancel()
        self._generation += 1
        generation = self._generation
        self.result = None
        self._checking = True
        kind, path, sheet, mapping = self.kind, self.path, self.sheet, self.mapping
        table = None if reload else self.table
        edits, dropped = dict(self.edits), sorted(self.dropped)
        create = create_entries(self.create)

        def check(task: TaskContext):
            loaded = table or load_table(path, kind, sheet, mapping)
            task.check_cancelled()
            result = check_with_names(
                task.store(),
                kind,
                loaded,
                create,
                edits=edits,
                dropped=dropped,
                mapping=mapping,
                progress=task.progress,
            )
            return loaded, result

        handle = self.ctx.tasks.start(f"check {kind}", check, announce=False)
        handle.succeeded.connect(lambda found: self._checked(generation, *found))
        handle.failed.connect(lambda message, _detail: self._check_failed(generation, message))
        self.check_handle = handle
        return handle

    @property
    def checking(self) -> bool:
        """A check is under way whose result has not arrived (the handle's own `running` flag is
        set by the worker, which may be later or earlier than the result reaches this thread)."""
        return self._checking

    def _checked(self, generation: int, table: SheetTable, result) -> None:
        if generation != self._generation:
            return
        self._checking = False
        self.table = table
        self.result = result
        for key, names in unknown_names(result).items():
            known = self.unknown.setdefault(key, [])
            known += [n for n in names if n not in known]
        self.checked.emit(result)

    def _check_failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self._checking = False
            self.check_failed.emit(message)

    def records_of(self, result) -> list:
        return list(result.shipments if self.kind == "shipments" else result.records)

    # ---- writing (a task: one transaction, a verified backup first)
    def start_write(self) -> TaskHandle | None:
        if self.result is None or self.result.problems or self.table is None:
            return None
        kind, table, result, mapping = self.kind, self.table, self.result, self.mapping
        edits, dropped = dict(self.edits), sorted(self.dropped)
        create = create_entries(self.create)
        db_path, backups = self.ctx.db_path, self.ctx.settings.backup_folder_for(self.ctx.db_path)

        def write(task: TaskContext):
            store = task.store()
            backup.backup_database(
                store.db,
                db_path,
                backup.BEFORE_IMPORT,
                folder=backups,
                progress=lambda *_: task.check_cancelled(),
            )
            return write_import(
                store,
                kind,
                table,
                result,
                create=create,
                progress=task.progress,
                edits=edits,
                dropped=dropped,
                mapping=mapping,
            )

        self.progress = self._progress_dialog(self.tr("Writing %1 …").replace("%1", table.path.name))
        handle = self.ctx.tasks.start(f"import {kind}", write, announce=False)
        self._follow(handle, self.progress)
        handle.succeeded.connect(self._written)
        handle.failed.connect(self._write_failed)
        handle.cancelled.connect(self._write_cancelled)
        self.write_handle = handle
        self.writing = True
        return handle

    def _progress_dialog(self, label: str) -> QProgressDialog:
        dialog = QProgressDialog(self)
        dialog.setWindowTitle(self.windowTitle())
        dialog.setLabelText(label)
        dialog.setCancelButton(QPushButton(self.tr("Cancel")))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(300)
        dialog.setRange(0, 0)
        return dialog

    @staticmethod
    def _follow(handle: TaskHandle, dialog: QProgressDialog) -> None:
        follow(handle, dialog)

    def _written(self, written: tuple[dict[str, list], list]) -> None:
        self.writing = False
        created, saved = written
        self.progress = None
        n = len(saved)
        parts = [*created.items(), (self.kind, saved)]
        text = self.tr("Import %n record(s)", "", n)
        # the undo step outlives the wizard: its progress is shown over the page that opened it
        show = functools.partial(show_task, self.parentWidget())
        command = commands.ImportCommand(
            self.ctx.undo_stack, self.ctx.tasks, parts, text, self.listener, show
        )
        command.text_source = ("ImportWizard", "Import %n record(s)", n)  # said again after a switch
        self.ctx.undo_stack.push(command)  # skip_next_redo: the task has written it
        if self.listener is not None:
            for repo_name, records in parts:
                self.listener(repo_name, [r.id for r in records])
        name = self.table.path.name if self.table else ""
        self.status_message.emit(self.tr("Imported %n record(s) from %1.", "", n).replace("%1", name))
        self.imported.emit(list(saved))
        self.outcome = "imported"
        self.finished_import.emit("imported")
        self.accept()

    def _write_failed(self, message: str, _detail: str) -> None:
        self.writing = False
        self.progress = None
        QMessageBox.warning(
            self, self.windowTitle(), self.tr("Nothing was imported: %1").replace("%1", message)
        )
        self.finished_import.emit("failed")

    def _write_cancelled(self) -> None:
        self.writing = False
        self.progress = None
        self.status_message.emit(self.tr("Import cancelled; nothing was written."))
        self.finished_import.emit("cancelled")

    def reject(self) -> None:
        if self.check_handle is not None and self.check_handle.running:
            self.check_handle.cancel()
        if self.writing and self.write_handle is not None:
            self.write_handle.cancel()
            return  # the write ends first (rolled back); the wizard stays
        if not self.outcome:
            self.status_message.emit(self.tr("Nothing was imported."))
        super().reject()
