"""Importing a shipments file from the GUI: read and check it in a task (progress, Cancel), then list
every problem, or confirm the counts and write every shipment as one undo step."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import commands
from app.context import AppContext
from app.messages import tr_error, tr_message
from app.tasks import TaskContext, TaskHandle
from db import backup, templates, units
from db.errors import DomainError
from db.importing import (
    CSV_SUFFIXES,
    WARNING_KINDS,
    WORKBOOK_SUFFIXES,
    ImportProblem,
    ShipmentImport,
    check_shipments,
    import_record,
)
from db.outputs import Output
from db.records import Shipment

SortRole = Qt.ItemDataRole.UserRole + 1

WRITE_CHUNK = 2000  # shipments written between progress reports


def ask_import_file(parent: QWidget, ctx: AppContext, title: str = "") -> str:
    """The file to import, chosen in a file dialog that opens in the folder used last ('' if none)."""
    patterns = " ".join(f"*{suffix}" for suffix in (*CSV_SUFFIXES, *WORKBOOK_SUFFIXES))
    path, _ = QFileDialog.getOpenFileName(
        parent,
        title or QCoreApplication.translate("ShipmentImporter", "Import shipments"),
        ctx.settings.last_folder or str(Path.home()),
        QCoreApplication.translate(
            "ShipmentImporter", "Spreadsheets and CSV files (%1);;All files (*)"
        ).replace("%1", patterns),
    )
    return path


class ImportProblemsDialog(QDialog):
    """Every problem of a file that was not imported: row, column, value and reason, sortable and
    copyable (Ctrl+C copies the selected rows, Copy all the whole list, both as tab-separated text)."""

    ROW, COLUMN, VALUE, PROBLEM = range(4)

    def __init__(
        self,
        problems: Sequence[ImportProblem],
        path: str | Path,
        parent: QWidget | None = None,
        language: str = "zh_CN",
        kind: str = "shipments",
    ):
        super().__init__(parent)
        self.language = language  # of the template's titles
        self.kind = kind  # what the file holds: the template offered is of that kind
        self.problems = list(problems)
        self.path = Path(path)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.model = QStandardItemModel(len(self.problems), 4, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(self.ROW, 56)
        self.table.setColumnWidth(self.COLUMN, 130)
        self.table.setColumnWidth(self.VALUE, 150)
        self.detail = QLabel(self)  # the whole reason of the current problem, however long
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.copy_action = QAction(self.table)
        self.copy_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Copy))
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.copy_action.triggered.connect(self.copy_selection)
        self.table.addAction(self.copy_action)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton(self)
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_all)
        # a blank workbook with the titles, an example row and notes on each column (db.templates)
        self.template_button = QPushButton(self)
        self.buttons.addButton(self.template_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.template_button.clicked.connect(self.save_template)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.buttons)
        self.table.selectionModel().currentChanged.connect(lambda *_: self._show_detail())
        self._fill()
        self.table.setSortingEnabled(True)
        # File order (row, then the file's column order) until a header is clicked.
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.proxy.sort(-1)
        self.retranslate_ui()
        self.resize(960, 520)
        if self.problems:
            self.table.setCurrentIndex(self.proxy.index(0, 0))

    def save_template(self) -> str:
        """Ask where, then write the template of this kind there; returns the path ('' if cancelled)."""
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save a template"),
            str(self.path.with_name(f"{self.kind}-template.xlsx")),
            self.tr("Workbooks (*.xlsx)"),
        )
        if not path:
            return ""
        try:
            # QFileDialog has asked before replacing a file; the database is never written over
            templates.write_template(
                self.kind, Output(Path(path), database=None, overwrite=True), self.language, tr_message
            )
        except DomainError as exc:
            QMessageBox.warning(self, self.tr("Save a template"), tr_error(exc))
            return ""
        return path

    def _fill(self) -> None:
        for i, problem in enumerate(self.problems):
            row = QStandardItem("" if problem.row is None else str(problem.row))
            row.setData(-1 if problem.row is None else problem.row, SortRole)
            row.setData(
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                Qt.ItemDataRole.TextAlignmentRole,
            )
            self.model.setItem(i, self.ROW, row)
            for column, text in ((self.COLUMN, problem.column), (self.VALUE, problem.value)):
                item = QStandardItem(text)
                item.setData(text, SortRole)
                item.setToolTip(text)
                self.model.setItem(i, column, item)
            self.model.setItem(i, self.PROBLEM, QStandardItem())

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Problems in %1").replace("%1", self.path.name))
        n = len(self.problems)
        self.summary.setText(
            self.tr(
                "%n problem(s) in %1. Nothing was imported: correct the file and import it again.", "", n
            ).replace("%1", str(self.path))
        )
        self.model.setHorizontalHeaderLabels(
            [self.tr("Row"), self.tr("Column"), self.tr("Value"), self.tr("Problem")]
        )
        for i, problem in enumerate(self.problems):
            text = tr_message(problem.message)
            item = self.model.item(i, self.PROBLEM)
            item.setText(text)
            item.setData(text, SortRole)
            item.setToolTip(text)
        self.copy_button.setText(self.tr("Copy all"))
        self.template_button.setText(self.tr("Save a template…"))
        self.template_button.setToolTip(
            self.tr("A blank workbook with the columns, an example row and notes on each column")
        )
        self.copy_button.setToolTip(self.tr("Copy every problem as a table for Excel or WPS"))
        self._show_detail()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _show_detail(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            self.detail.clear()
            return
        row, column, value, problem = (self.proxy.index(index.row(), c).data() or "" for c in range(4))
        where = [self.tr("Row %1").replace("%1", row) if row else "", column, f"'{value}'" if value else ""]
        self.detail.setText(" · ".join(w for w in where if w) + "\n" + problem)

    # ---- copying
    def rows_text(self, proxy_rows: Sequence[int]) -> str:
        """Tab-separated text of the header and the given (shown) rows."""
        header = [str(self.model.horizontalHeaderItem(c).text()) for c in range(4)]
        lines = ["\t".join(header)]
        for r in proxy_rows:
            cells = [(self.proxy.index(r, c).data() or "") for c in range(4)]
            lines.append("\t".join(_cell(text) for text in cells))
        return "\n".join(lines) + "\n"

    def copy_all(self) -> None:
        QGuiApplication.clipboard().setText(self.rows_text(range(self.proxy.rowCount())))

    def copy_selection(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        QGuiApplication.clipboard().setText(self.rows_text(rows or range(self.proxy.rowCount())))

    def shown_problems(self) -> list[tuple[str, str, str, str]]:
        """The table as shown (in its current order): row, column, value, problem."""
        return [
            tuple(self.proxy.index(r, c).data() or "" for c in range(4))  # type: ignore[misc]
            for r in range(self.proxy.rowCount())
        ]


def _cell(text: str) -> str:
    """A cell for tab-separated text: tabs and line breaks would split it."""
    return " ".join(str(text).split("\t")).replace("\r", " ").replace("\n", " ")


class ImportWarningsDialog(QDialog):
    """The warnings of a correct file (a price far out of range, a price of 0, one truck weighed
    twice), and a checkbox per kind: the import goes on only when every kind is accepted."""

    def __init__(self, result: ShipmentImport, path: str | Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.result = result
        self.path = Path(path)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.resize(760, 420)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.list = QPlainTextEdit()
        self.list.setReadOnly(True)
        self.list.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.checks: dict[str, QCheckBox] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        for kind in result.warning_kinds:
            box = QCheckBox()
            box.toggled.connect(self._update)
            self.checks[kind] = box
            layout.addWidget(box)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        self._update()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Warnings: %1").replace("%1", self.path.name))
        self.heading.setText(
            self.tr(
                "%1 is correct, but some values are plausible only by mistake. Check them; tick each "
                "kind you accept (it is kept in the audit log with the import), or cancel and correct the file."
            ).replace("%1", self.path.name)
        )
        self.list.setPlainText("\n".join(tr_message(w.text()) for w in self.result.warnings))
        for kind, box in self.checks.items():
            n = sum(1 for w in self.result.warnings if w.kind == kind)
            box.setText(
                self.tr("I accept %1 (%2)")
                .replace("%1", tr_message(WARNING_KINDS[kind]))
                .replace("%2", str(n))
            )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Continue"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def accepted_kinds(self) -> list[str]:
        return [kind for kind, box in self.checks.items() if box.isChecked()]

    def _update(self) -> None:
        ok = all(box.isChecked() for box in self.checks.values())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)


class ShipmentImporter(QObject):
    """One import of one file: check it in a task, then show its problems or ask, then write.

    The check (db.importing.check_shipments) reads and validates on the task's own connection and
    writes nothing. The write is a second task, one transaction; its result goes on the undo stack
    as one `commands.AddRecords` step.
    """

    checked = Signal(object)  # the ShipmentImport once read and checked
    imported = Signal(list)  # the stored shipments
    status_message = Signal(str)
    finished = Signal(str)  # 'imported', 'problems', 'declined', 'cancelled' or 'failed'

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget,
        listener: commands.Listener | None = None,
        show_error: Callable[[str], None] | None = None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.widget = parent
        self.listener = listener
        self.show_error = show_error or (lambda text: QMessageBox.warning(parent, self.tr("Import"), text))
        self.path = Path()
        self.handle: TaskHandle | None = None
        self.result: ShipmentImport | None = None
        self.progress: QProgressDialog | None = None
        self.cancel_button: QPushButton | None = None
        self.problems_dialog: ImportProblemsDialog | None = None
        self.confirmation: QMessageBox | None = None
        self.warnings_dialog: ImportWarningsDialog | None = None
        self.sheet_dialog: QInputDialog | None = None
        self.sheet: str | None = None
        self.mapping: dict[str, str | None] | None = None
        self.mapping_dialog = None
        self.outcome = ""

    @property
    def running(self) -> bool:
        return self.handle is not None and not self.outcome

    def start(
        self, path: str | Path, sheet: str | None = None, mapping: dict[str, str | None] | None = None
    ) -> None:
        """Check the file (a workbook's `sheet`, else its first; its columns read by `mapping` when
        given) in a task; what follows is shown when it ends."""
        self.path = Path(path)
        self.sheet = sheet
        self.mapping = mapping
        self.result = None
        self.ctx.settings.last_folder = str(self.path.parent)
        file = str(self.path)

        def check(task: TaskContext) -> ShipmentImport:
            return check_shipments(task.store(), file, progress=task.progress, sheet=sheet, mapping=mapping)

        self.progress = QProgressDialog(self.widget)
        self.progress.setWindowTitle(self.tr("Import shipments"))
        self.progress.setLabelText(self.tr("Reading and checking %1 …").replace("%1", self.path.name))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.progress.setCancelButton(self.cancel_button)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.setMinimumDuration(300)  # a small file is checked before it would show
        self.progress.setRange(0, 0)
        self.progress.canceled.connect(self.cancel)
        # The task's own progress bar and Cancel are this dialog's, so it is not announced.
        self.handle = self.ctx.tasks.start("import shipments", check, announce=False)
        self.handle.progressed.connect(self._progressed)
        self.handle.succeeded.connect(self._checked)
        self.handle.failed.connect(self._failed)
        self.handle.cancelled.connect(self._cancelled)

    def cancel(self) -> None:
        if self.handle is not None:
            self.handle.cancel()

    def _progressed(self, done: int, total: int, _message: str) -> None:
        if self.progress is not None and total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.canceled.disconnect(self.cancel)  # hiding it would otherwise 'cancel'
            self.progress.hide()
            self.progress.deleteLater()
            self.progress = None

    def _end(self, outcome: str) -> None:
        self.outcome = outcome
        self.finished.emit(outcome)

    def _failed(self, message: str, _detail: str) -> None:
        self._close_progress()
        self.show_error(
            self.tr("%1 was not imported: %2").replace("%1", self.path.name).replace("%2", message)
        )
        self._end("failed")

    def _cancelled(self) -> None:
        self._close_progress()
        self.status_message.emit(self.tr("Import cancelled; nothing was written."))
        self._end("cancelled")

    def _checked(self, result: ShipmentImport) -> None:
        self._close_progress()
        self.result = result
        self.checked.emit(result)
        if result.problems and self.sheet is None and len(result.sheets) > 1 and result.rows == 0:
            self._ask_sheet(result)  # the first sheet has no table of shipments: perhaps another has
            return
        if result.problems and result.rows == 0 and self.mapping is None and self._ask_mapping():
            return  # the titles were not understood: the mapping view, then the check again
        if result.problems:
            self.problems_dialog = ImportProblemsDialog(
                result.problems, self.path, self.widget, self.ctx.settings.language
            )
            self.problems_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.problems_dialog.open()
            self._end("problems")
            return
        if result.warnings:
            self.warnings_dialog = ImportWarningsDialog(result, self.path, self.widget)
            self.warnings_dialog.finished.connect(self._warnings_answered)
            self.warnings_dialog.open()
            return
        self._confirm(result)

    def _ask_sheet(self, result: ShipmentImport) -> None:
        self.sheet_dialog = QInputDialog(self.widget)
        self.sheet_dialog.setWindowTitle(self.tr("Import shipments"))
        self.sheet_dialog.setLabelText(
            self.tr("The first sheet of %1 has no table of shipments. Which sheet should be read?").replace(
                "%1", self.path.name
            )
        )
        self.sheet_dialog.setComboBoxItems(list(result.sheets))
        self.sheet_dialog.setComboBoxEditable(False)
        self.sheet_dialog.setTextValue(result.sheets[1])
        self.sheet_dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.sheet_dialog.textValueSelected.connect(lambda name: self.start(self.path, name))
        self.sheet_dialog.rejected.connect(self._sheet_declined)
        self.sheet_dialog.open()

    def _ask_mapping(self) -> bool:
        """The mapping view (app.views.dialogs.record_import.MappingDialog); False when there is nothing to map."""
        from app.views.dialogs.record_import import MappingDialog
        from db.importing import layout_of, preview_columns

        try:
            columns = preview_columns(self.path, "shipments", sheet=self.sheet)
        except DomainError:
            return False
        if not columns:
            return False
        lang = self.ctx.settings.language
        fields = [(f.key, f.title(lang)) for f in layout_of("shipments").fields]
        self.mapping_dialog = MappingDialog(columns, fields, self.path, self.widget)
        self.mapping_dialog.accepted.connect(
            lambda: self.start(self.path, self.sheet, self.mapping_dialog.mapping())
        )
        self.mapping_dialog.rejected.connect(self._sheet_declined)
        self.mapping_dialog.open()
        return True

    def _sheet_declined(self) -> None:
        self.status_message.emit(self.tr("Nothing was imported."))
        self._end("declined")

    def _warnings_answered(self, answer: int) -> None:
        if answer != QDialog.DialogCode.Accepted or self.result is None:
            self.status_message.emit(self.tr("Nothing was imported."))
            self._end("declined")
            return
        self._confirm(self.result)

    def _confirm(self, result: ShipmentImport) -> None:
        self.confirmation = self._confirmation(result)
        self.confirmation.finished.connect(self._answered)
        self.confirmation.open()

    def _confirmation(self, result: ShipmentImport) -> QMessageBox:
        box = QMessageBox(self.widget)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Import shipments"))
        box.setText(self.tr("%1 is correct. Import it?").replace("%1", self.path.name))
        n, lines = len(result.shipments), result.lines
        details = [
            self.tr("Shipments: %1").replace("%1", f"{n:,}"),
            self.tr("Lines: %1").replace("%1", f"{lines:,}"),
            self.tr("Net weight: %1 t").replace("%1", units.format_tonnes(result.net_g, 3)),
            self.tr("Amount: ¥%1").replace("%1", units.format_yuan(result.amount_fen)),
        ]
        if result.duplicates:
            details.append(self.tr("Repeated rows skipped: %1").replace("%1", f"{len(result.duplicates):,}"))
        if result.ignored_columns:
            details.append(self.tr("Columns ignored: %1").replace("%1", ", ".join(result.ignored_columns)))
        if result.warnings:
            details.append(self.tr("Warnings accepted: %1").replace("%1", f"{len(result.warnings):,}"))
        box.setInformativeText(
            "\n".join(details) + "\n\n" + self.tr("The import is one step: Undo removes all of it.")
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Import"))
        box.setWindowModality(Qt.WindowModality.WindowModal)
        return box

    def _answered(self, answer: int) -> None:
        if answer != QMessageBox.StandardButton.Yes or self.result is None:
            self.status_message.emit(self.tr("Nothing was imported."))
            self._end("declined")
            return
        self.write(self.result.shipments)

    def write(self, shipments: Sequence[Shipment]) -> None:
        """Add the checked shipments in a task (one transaction, with progress and Cancel), then put
        them on the undo stack as one step."""
        shipments = list(shipments)
        n = len(shipments)
        result = self.result
        # the audit row of an import with accepted warnings or skipped rows (db.importing.import_record)
        record = None
        if result is not None and (result.warnings or result.duplicates):
            record = import_record(result, self.path)
        db_path, backups = self.ctx.db_path, self.ctx.settings.backup_folder_for(self.ctx.db_path)

        def add(task: TaskContext) -> list[Shipment]:
            store, saved = task.store(), []
            # A verified backup first (db.backup); if it fails, nothing is imported.
            backup.backup_database(
                store.db,
                db_path,
                backup.BEFORE_IMPORT,
                folder=backups,
                progress=lambda *_: task.check_cancelled(),
            )
            with store.write():  # all or nothing: Cancel or a failure rolls every chunk back
                for start in range(0, n, WRITE_CHUNK):
                    saved += store.shipments.add_many(shipments[start : start + WRITE_CHUNK])
                    task.progress(min(start + WRITE_CHUNK, n), n)
                if record is not None:
                    record["shipments"] = len(saved)
                    store.audit("insert", "imports", 0, None, record)
            return saved

        self.progress = QProgressDialog(self.widget)
        self.progress.setWindowTitle(self.tr("Import shipments"))
        self.progress.setLabelText(self.tr("Writing %1 …").replace("%1", self.path.name))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.progress.setCancelButton(self.cancel_button)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.setMinimumDuration(300)
        self.progress.setRange(0, n)
        self.progress.canceled.connect(self.cancel)
        self.handle = self.ctx.tasks.start("import shipments", add, announce=False)
        self.handle.progressed.connect(self._progressed)
        self.handle.succeeded.connect(self._written)
        self.handle.failed.connect(self._failed)
        self.handle.cancelled.connect(self._cancelled)

    def _written(self, saved: list[Shipment]) -> None:
        self._close_progress()
        n = len(saved)
        command = commands.AddRecords.done(
            self.ctx.store.shipments, saved, self.listener, self.tr("Import %n shipment(s)", "", n)
        )
        commands.push_done(self.ctx.undo_stack, command, [s.id for s in saved])
        self.status_message.emit(
            self.tr("Imported %n shipment(s) from %1.", "", n).replace("%1", self.path.name)
        )
        self.imported.emit(list(saved))
        self._end("imported")
