"""A reusable record browser (search, per-column filters, sortable table, form dialog, undoable
add/edit/duplicate/archive/delete) and the page that hosts one or more of them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import commands
from app.context import AppContext
from app.messages import tr_error
from app.models.record_table import ID_ROLE, Column, RecordFilterProxy, RecordTableModel
from app.views.dialogs.history_dialog import add_history_action
from app.views.forms.fields import DateEdit
from app.views.forms.record_form import RecordDialog, RecordForm
from app.views.page import Page
from app.views.widgets.empty_guide import EmptyGuide
from db.errors import DomainError
from db.records import Record
from db.repositories import Repository

# What a person calls the rows that refer to a record (db Reference.label → translatable).
REFERENCE_LABELS = {
    "plots": QT_TRANSLATE_NOOP("references", "plots"),
    "harvests": QT_TRANSLATE_NOOP("references", "harvests"),
    "shipment lines": QT_TRANSLATE_NOOP("references", "shipment lines"),
    "certificates": QT_TRANSLATE_NOOP("references", "certificates"),
    "shipments": QT_TRANSLATE_NOOP("references", "shipments"),
    "buyers": QT_TRANSLATE_NOOP("references", "buyers"),
    "payments": QT_TRANSLATE_NOOP("references", "payments"),
}


def describe_references(references: dict[str, int]) -> str:
    """'3 harvests, 12 shipment lines' in the interface language."""
    parts = [
        QCoreApplication.translate("RecordBrowser", "%1: %2")
        .replace("%1", QCoreApplication.translate("references", REFERENCE_LABELS.get(label, label)))
        .replace("%2", f"{n:,}")
        for label, n in references.items()
    ]
    return QCoreApplication.translate("RecordBrowser", ", ").join(parts)


class RecordTableView(QTableView):
    """The browser's table: Enter edits the current record."""

    edit_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.edit_requested.emit()
            return
        super().keyPressEvent(event)


class RecordBrowser(QWidget):
    """Search box, column filters and a sortable table over one repository, with a form dialog.

    Subclasses say which repository, which columns, how to build the form and how to turn the
    form back into a record. Every write is an undo command pushed with commands.push.
    """

    status_message = Signal(str)
    selection_summary_changed = Signal(str)
    current_record_changed = Signal(object)  # the record under the cursor, or None
    records_changed = Signal(str, list)  # (table, ids) after this browser's writes, undo or redo
    open_requested = Signal(str, object)  # (page key, argument): the empty guide's "add … first"

    key = "records"
    date_filter_column: str | None = None  # key of a column filtered by a date range
    default_sort: tuple[str, Qt.SortOrder] | None = None

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: RecordDialog | None = None
        self.model = RecordTableModel(self.make_columns(), self)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.set_extra_search_text(self.search_extra)

        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(180)
        self.search.textChanged.connect(self._search_changed)
        self.filters: dict[int, QComboBox] = {}
        self.filter_labels: dict[int, str] = {}
        bar = QHBoxLayout()
        bar.addWidget(self.search, 2)
        for col, column in enumerate(self.model.columns):
            if column.filter_value is not None:
                combo = QComboBox()
                combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
                combo.currentIndexChanged.connect(lambda _i, c=col: self._filter_changed(c))
                self.filters[col] = combo
                bar.addWidget(combo)
        self.date_from: DateEdit | None = None
        self.date_to: DateEdit | None = None
        self.date_label = QLabel()
        if self.date_filter_column:
            self.date_from, self.date_to = DateEdit(required=False), DateEdit(required=False)
            for edit in (self.date_from, self.date_to):
                edit.setMaximumWidth(130)
                edit.value_changed.connect(self._date_range_changed)
            bar.addWidget(self.date_label)
            bar.addWidget(self.date_from)
            bar.addWidget(QLabel("–"))
            bar.addWidget(self.date_to)
        self.show_archived = QCheckBox()
        self.show_archived.toggled.connect(self.proxy.set_show_archived)
        self.show_archived.toggled.connect(lambda _on: self._update_count())
        if "archived" in self.repository().record.columns():
            bar.addWidget(self.show_archived)
        else:
            self.show_archived.hide()
            self.proxy.set_show_archived(True)
        self.count_label = QLabel()
        bar.addStretch(1)
        bar.addWidget(self.count_label)

        self.table = RecordTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Fitting the columns reads the first 200 rows and the visible ones, not 1,000 (years of
        # payments: 350 ms on the GUI thread when the page is built).
        self.table.horizontalHeader().setResizeContentsPrecision(200)
        self.table.doubleClicked.connect(lambda _index: self.edit_current())
        self.table.edit_requested.connect(self.edit_current)
        self.history = add_history_action(
            self.table,
            ctx,
            lambda: self.repository().table,
            lambda: getattr(self.current_record(), "id", None),
        )
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.selectionModel().currentRowChanged.connect(
            lambda _cur, _prev: self.current_record_changed.emit(self.current_record())
        )
        self.proxy.rowsInserted.connect(lambda *_: self._update_count())
        self.proxy.rowsRemoved.connect(lambda *_: self._update_count())
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)

        self.empty_guide = EmptyGuide(self.key, ctx.store, self._guide_action, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty_guide)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

        self.retranslate_ui()
        # Without this the header's own default (descending) would order the first column Z→A.
        key, order = self.default_sort or (self.model.columns[0].key, Qt.SortOrder.AscendingOrder)
        self.table.sortByColumn(self.column_index(key), order)
        self._sized = self.restore_header()
        self.refresh()

    # ---- to override
    def repository(self) -> Repository:
        raise NotImplementedError

    def make_columns(self) -> list[Column]:
        raise NotImplementedError

    def build_form(self, record: Record | None) -> RecordForm:
        """A form for `record` (None: a new one) with every field filled in."""
        raise NotImplementedError

    def record_from_form(self, form: RecordForm, original: Record | None) -> Record:
        """The record the form describes; `original` is the edited record (None when adding)."""
        raise NotImplementedError

    def form_title(self, record: Record | None) -> str:
        if record is None:
            return QCoreApplication.translate("RecordBrowser", "New record")
        return QCoreApplication.translate("RecordBrowser", "Edit record")

    def load(self) -> list[Record]:
        return self.repository().list()

    def search_extra(self, record: Record) -> str:
        """Searched besides the visible columns (aliases, plates, notes)."""
        return " ".join(str(v) for v in getattr(record, "aliases", ()) or getattr(record, "plates", ()))

    def duplicate_of(self, record: Record) -> Record:
        """The starting point of a duplicate: a copy without id (unique names get a suffix)."""
        if hasattr(record, "name"):
            suffix = QCoreApplication.translate("RecordBrowser", " (copy)")
            record = record.replace(name=f"{record.name}{suffix}")
        if hasattr(record, "aliases"):
            record = record.replace(aliases=())
        if hasattr(record, "plates"):
            record = record.replace(plates=())
        return record.replace(id=None)

    def summary_text(self, records: Sequence[Record]) -> str:
        # pyside6-lupdate only sees a translate() whose count is a plain name or number.
        n = len(records)
        return QCoreApplication.translate("RecordBrowser", "%n selected", "", n) if records else ""

    def retranslate_extra(self) -> None:
        """Texts of widgets a subclass adds."""

    # ---- state
    def column_index(self, key: str) -> int:
        for i, column in enumerate(self.model.columns):
            if column.key == key:
                return i
        raise KeyError(key)

    def current_record(self) -> Record | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.record_at(self.proxy.mapToSource(index).row())

    def selected_records(self) -> list[Record]:
        rows = sorted({self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()})
        records = [self.model.record_at(r) for r in rows]
        if not records and self.current_record() is not None:
            records = [self.current_record()]
        return [r for r in records if r is not None]

    def visible_count(self) -> int:
        return self.proxy.rowCount()

    # ---- loading
    def refresh(self, select_ids: Sequence[int] | None = None) -> None:
        """Reload from the database, keeping (or setting) the selection and the filters."""
        keep = list(select_ids) if select_ids is not None else [r.id for r in self.selected_records()]
        current = self.current_record()
        self.model.set_records(self.load())
        if not getattr(self, "_sized", True) and self.model.rowCount():
            self.table.resizeColumnsToContents()  # first rows seen: fit the columns to them once
            self._sized = True
        self._fill_filters()
        self._update_count()
        self.select_ids(keep, current.id if current is not None and select_ids is None else None)
        if hasattr(self, "empty_guide"):
            self.empty_guide.update_guide()

    def _guide_action(self, target: str) -> None:
        if target == "new":
            self.new_record()
        else:
            self.open_requested.emit(target, None)

    def select_ids(self, ids: Sequence[int], current_id: int | None = None) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        first = None
        for record_id in ids:
            row = self.model.row_of_id(record_id)
            if row < 0:
                continue
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            if not index.isValid():
                continue
            selection.select(
                index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
            )
            if first is None or record_id == current_id:
                first = index
        if first is None and self.proxy.rowCount() and not ids:
            first = self.proxy.index(0, 0)  # start on the first row, so details and Enter work at once
            selection.select(
                first, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
            )
        if first is not None:
            selection.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.table.scrollTo(first)

    def _fill_filters(self) -> None:
        for col, combo in self.filters.items():
            column = self.model.columns[col]
            current = combo.currentData() if combo.currentIndex() > 0 else None
            values: dict[Any, str] = {}
            for record in self.model.records():
                value = column.filter_value(record)
                if value is not None and value != "":
                    values.setdefault(value, column.display(record))
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self._all_text(column), None)
            for value, text in sorted(values.items(), key=lambda kv: kv[1]):
                combo.addItem(text, value)
            i = combo.findData(current) if current is not None else 0
            combo.setCurrentIndex(max(i, 0))
            combo.blockSignals(False)
            self.proxy.set_column_filter(col, combo.currentData() if combo.currentIndex() > 0 else None)

    def _all_text(self, column: Column) -> str:
        return QCoreApplication.translate("RecordBrowser", "%1: all").replace("%1", column.title())

    # ---- filters
    def _search_changed(self, text: str) -> None:
        self.proxy.set_search_text(text)
        self._update_count()

    def _filter_changed(self, col: int) -> None:
        combo = self.filters[col]
        self.proxy.set_column_filter(col, combo.currentData() if combo.currentIndex() > 0 else None)
        self._update_count()

    def set_filter(self, column_key: str, value: Any) -> None:
        """Filter a column to a value (None: all), as if chosen in its combo."""
        combo = self.filters[self.column_index(column_key)]
        i = combo.findData(value) if value is not None else 0
        combo.setCurrentIndex(max(i, 0))

    def _date_range_changed(self, _value: object = None) -> None:
        if self.date_filter_column is None or self.date_from is None or self.date_to is None:
            return
        self.proxy.set_range_filter(
            self.column_index(self.date_filter_column), self.date_from.value, self.date_to.value
        )
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        text = QCoreApplication.translate("RecordBrowser", "%1 of %2").replace("%1", f"{shown:,}")
        self.count_label.setText(text.replace("%2", f"{total:,}"))

    def _selection_changed(self, *_args: object) -> None:
        self.selection_summary_changed.emit(self.summary_text(self.selected_records()))

    # ---- texts
    def retranslate_ui(self) -> None:
        if hasattr(self, "empty_guide") and not self.empty_guide.isHidden():
            self.empty_guide.update_guide()
        self.search.setPlaceholderText(self.search_placeholder())
        if self.date_from is not None and self.date_to is not None:  # as the shipments page says it
            self.date_from.setPlaceholderText(QCoreApplication.translate("RecordBrowser", "from"))
            self.date_to.setPlaceholderText(QCoreApplication.translate("RecordBrowser", "to"))
        self.show_archived.setText(QCoreApplication.translate("RecordBrowser", "Show archived"))
        self.date_label.setText(QCoreApplication.translate("RecordBrowser", "Dates"))
        for col, combo in self.filters.items():
            if combo.count():
                combo.setItemText(0, self._all_text(self.model.columns[col]))
        self.model.texts_changed()
        self._update_count()
        self.retranslate_extra()
        self._widen_columns_to_texts()

    def search_placeholder(self) -> str:
        """What the search box looks in; a browser may name its own fields."""
        return QCoreApplication.translate("RecordBrowser", "Search (Ctrl+F)…")

    def _widen_columns_to_texts(self) -> None:
        """After a language switch, a column whose header or labels grew (Kind: 合作社 → Cooperative)
        is widened so nothing is cut off; a column wider than it needs stays as the clerk left it."""
        header = self.table.horizontalHeader()
        for column in range(self.proxy.columnCount()):
            if header.isSectionHidden(column):
                continue
            needed = max(self.table.sizeHintForColumn(column), header.sectionSizeHint(column))
            if header.sectionSize(column) < needed:
                header.resizeSection(column, needed)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
            self._fill_filters()
        super().changeEvent(event)

    # ---- header layout
    def restore_header(self) -> bool:
        """Column widths and order as the clerk left them; False when there are none saved."""
        state = self.ctx.settings.header_state(self.key)
        if state.isEmpty():
            return False
        return self.table.horizontalHeader().restoreState(state)

    def save_header(self) -> None:
        self.ctx.settings.set_header_state(self.key, self.table.horizontalHeader().saveState())

    # ---- actions
    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def new_record(self) -> None:
        self.open_form(None, None)

    def edit_current(self) -> None:
        record = self.current_record()
        if record is not None:
            self.open_form(record, record)

    def duplicate_current(self) -> None:
        record = self.current_record()
        if record is not None:
            self.open_form(self.duplicate_of(record), None)

    def open_form(self, shown: Record | None, original: Record | None) -> RecordDialog:
        """Open the form (non-blocking) on `shown`; saving adds a record, or updates `original`."""
        if self.dialog is not None:
            self.dialog.close()
        form = self.build_form(shown)
        title = self.form_title(original)
        dialog = RecordDialog(title, form, lambda f: self._save(f, original), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r, d=dialog: self._dialog_closed(d))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _dialog_closed(self, dialog: RecordDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        self.table.setFocus()

    def _save(self, form: RecordForm, original: Record | None) -> Record:
        record = self.record_from_form(form, original)
        repo = self.repository()
        if original is None:
            command = commands.AddRecords(
                repo, [record], self._listener, self._text(QT_TRANSLATE_NOOP("RecordBrowser", "Add %1"))
            )
            commands.push(self.ctx.undo_stack, command)
            saved = command.saved[0]
            self.remember(saved)
        else:
            command = commands.UpdateRecords(
                repo,
                [original],
                [record],
                self._listener,
                self._text(QT_TRANSLATE_NOOP("RecordBrowser", "Edit %1")),
            )
            commands.push(self.ctx.undo_stack, command)
            saved = command.after[0]
        self.refresh([saved.id])
        self.status_message.emit(
            QCoreApplication.translate("RecordBrowser", "Saved %1").replace("%1", self.name_of(saved))
        )
        return saved

    def remember(self, record: Record) -> None:
        """Remember values of a new record as the defaults of the next one (override)."""

    def name_of(self, record: Record) -> str:
        return str(getattr(record, "name", "") or record.id)

    def _text(self, template: str) -> str:
        """Undo-stack text such as 'Add buyer 陈建华'."""
        verb = QCoreApplication.translate("RecordBrowser", template)
        return verb.replace("%1", self.kind_name())

    def kind_name(self) -> str:
        return QCoreApplication.translate("RecordBrowser", "record")

    def _listener(self, table: str, ids: Sequence[int]) -> None:
        self.refresh()
        self.records_changed.emit(table, list(ids))

    def delete_selected(self) -> None:
        records = self.selected_records()
        if not records:
            return
        repo = self.repository()
        referenced = {r.id: repo.referenced_by(r.id) for r in records}
        referenced = {i: refs for i, refs in referenced.items() if refs}
        if referenced:
            self._offer_archive(records, referenced)
            return
        names = "、".join(self.name_of(r) for r in records[:5]) + ("…" if len(records) > 5 else "")
        n = len(records)
        answer = QMessageBox.question(
            self,
            QCoreApplication.translate("RecordBrowser", "Delete"),
            QCoreApplication.translate("RecordBrowser", "Delete %n record(s)?", "", n) + f"\n{names}",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        ids = [r.id for r in records]
        self._push(
            commands.DeleteRecords(
                repo, ids, self._listener, self._text(QT_TRANSLATE_NOOP("RecordBrowser", "Delete %1"))
            )
        )

    def _offer_archive(self, records: Sequence[Record], referenced: dict[int, dict[str, int]]) -> None:
        lines = [
            f"• {self.name_of(r)} — {describe_references(referenced[r.id])}"
            for r in records
            if r.id in referenced
        ]
        can_archive = "archived" in self.repository().record.columns()
        text = (
            QCoreApplication.translate(
                "RecordBrowser", "These records are still used, so they cannot be deleted:"
            )
            + "\n"
            + "\n".join(lines)
        )
        if not can_archive:
            QMessageBox.information(self, QCoreApplication.translate("RecordBrowser", "Still in use"), text)
            return
        text += "\n\n" + QCoreApplication.translate(
            "RecordBrowser",
            "Archive them instead? Archived records keep their history and reports but are hidden "
            "from lists and name completion. You can restore them later.",
        )
        answer = QMessageBox.question(
            self,
            QCoreApplication.translate("RecordBrowser", "Still in use"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes:
            ids = [r.id for r in records]
            self._push(
                commands.ArchiveRecords(
                    self.repository(),
                    ids,
                    True,
                    self._listener,
                    self._text(QT_TRANSLATE_NOOP("RecordBrowser", "Archive %1")),
                )
            )

    def archive_selected(self) -> None:
        """Archive the selection, or restore it when every selected record is archived already."""
        records = self.selected_records()
        if not records or "archived" not in self.repository().record.columns():
            return
        restore = all(getattr(r, "archived", False) for r in records)
        ids = [r.id for r in records]
        template = (
            QT_TRANSLATE_NOOP("RecordBrowser", "Restore %1")
            if restore
            else QT_TRANSLATE_NOOP("RecordBrowser", "Archive %1")
        )
        self._push(
            commands.ArchiveRecords(self.repository(), ids, not restore, self._listener, self._text(template))
        )

    def _push(self, command: commands.RecordCommand) -> bool:
        try:
            commands.push(self.ctx.undo_stack, command)
        except DomainError as exc:
            QMessageBox.warning(
                self,
                QCoreApplication.translate("RecordBrowser", "Not done"),
                tr_error(exc),
            )
            return False
        return True

    def copy_selection(self) -> None:
        """Copy the selected rows as tab-separated text (pastes into Excel/WPS)."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        columns = range(self.proxy.columnCount())
        lines = ["\t".join(self.proxy.headerData(c, Qt.Orientation.Horizontal) for c in columns)]
        for row in rows:
            lines.append("\t".join(str(self.proxy.index(row, c).data() or "") for c in columns))
        QGuiApplication.clipboard().setText("\n".join(lines))
        n = len(rows)
        self.status_message.emit(QCoreApplication.translate("RecordBrowser", "Copied %n row(s)", "", n))

    def selected_ids(self) -> list[int]:
        return [i.data(ID_ROLE) for i in self.table.selectionModel().selectedRows()]


class RecordPage(Page):
    """A page made of record browsers; window actions go to the browser that has the focus."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.browsers: list[RecordBrowser] = []

    def add_browser(self, browser: RecordBrowser) -> RecordBrowser:
        self.browsers.append(browser)
        browser.status_message.connect(self.status_message)
        browser.open_requested.connect(self.open_requested)
        browser.selection_summary_changed.connect(self.selection_summary_changed)
        return browser

    @property
    def browser(self) -> RecordBrowser:
        return self.browsers[0]

    def active_browser(self) -> RecordBrowser:
        focus = QGuiApplication.focusObject()
        for browser in reversed(self.browsers):
            if isinstance(focus, QWidget) and browser.isAncestorOf(focus):
                return browser
        return self.browser

    def supported_actions(self) -> set[str]:
        actions = {"new", "edit", "duplicate", "delete", "archive", "find", "copy", "refresh"}
        from db.importing import KINDS, MASTER_KINDS

        if self.browsers and self.browser.key in (*KINDS, *MASTER_KINDS):
            actions.add("import")  # File ▸ Import reads a file of these records
        return actions

    def import_records(self) -> None:
        """File ▸ Import: the import wizard for the records the focused browser shows."""
        self.import_file(None)

    def import_file(self, path: str | None, kind: str | None = None):
        """Open the import wizard for `kind` (default: the focused browser's), on `path` when given."""
        from app.views.wizard import open_import_wizard

        browser = self.active_browser()
        previous = getattr(self, "importer", None)
        importer = open_import_wizard(self.ctx, kind or browser.key, self, browser._listener, path, previous)
        importer.status_message.connect(self.status_message)
        self.importer = importer
        return importer

    def refresh(self) -> None:
        for browser in self.browsers:
            browser.refresh()

    def retranslate_ui(self) -> None:
        for browser in self.browsers:
            browser.retranslate_ui()

    def new_record(self) -> None:
        self.active_browser().new_record()

    def edit_current(self) -> None:
        self.active_browser().edit_current()

    def duplicate_current(self) -> None:
        self.active_browser().duplicate_current()

    def delete_selected(self) -> None:
        self.active_browser().delete_selected()

    def archive_selected(self) -> None:
        self.active_browser().archive_selected()

    def focus_search(self) -> None:
        self.active_browser().focus_search()

    def copy_selection(self) -> None:
        self.active_browser().copy_selection()

    def save_state(self) -> None:
        """Remember column widths (the main window calls this when it closes)."""
        for browser in self.browsers:
            browser.save_header()
