"""The import wizard's preview: the file's rows with each bad cell highlighted and its reasons, a cell
fixed in place or a row dropped (checked again at once), and the unknown names offered for creation."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWizardPage,
)

from app.messages import tr_message
from app.views.wizard.names import NamesBox
from app.views.wizard.wizard import SUMMARY, WARNINGS
from db.importing.fixes import SheetTable

BAD = QColor("#f8c9c4")
BAD_ROW = QColor("#fdecea")
DROPPED = QColor("#9e9e9e")
Index = QModelIndex | QPersistentModelIndex


class PreviewModel(QAbstractTableModel):
    """The data rows of a SheetTable, with the wizard's fixes; bad cells carry their reasons."""

    def __init__(self, wizard, parent=None):
        super().__init__(parent)
        self.w = wizard
        self.table: SheetTable | None = None
        self.cell_problems: dict[tuple[int, int], list[str]] = {}
        self.row_problems: dict[int, list[str]] = {}
        self.index_of_row: dict[int, int] = {}  # file row number → data row
        self.column_of: dict[str, int] = {}

    def set_table(self, table: SheetTable | None) -> None:
        self.beginResetModel()
        self.table = table
        self.index_of_row = {} if table is None else {r.number: i for i, r in enumerate(table.rows)}
        self.column_of = {} if table is None else {t: i for i, t in enumerate(table.titles) if t}
        self.cell_problems, self.row_problems = {}, {}
        self.endResetModel()

    def set_problems(self, problems) -> None:
        cells: dict[tuple[int, int], list[str]] = defaultdict(list)
        rows: dict[int, list[str]] = defaultdict(list)
        for problem in problems:
            row = self.index_of_row.get(problem.row) if problem.row is not None else None
            if row is None:
                continue
            column = self.column_of.get(problem.column)
            if column is None:
                rows[row].append(tr_message(problem.message))
            else:
                cells[(row, column)].append(tr_message(problem.message))
        self.cell_problems, self.row_problems = dict(cells), dict(rows)
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, self.rowCount() - 1)

    def rowCount(self, parent: Index | None = None) -> int:
        return 0 if self.table is None or (parent is not None and parent.isValid()) else len(self.table.rows)

    def columnCount(self, parent: Index | None = None) -> int:
        return 0 if self.table is None or (parent is not None and parent.isValid()) else self.table.width

    def text(self, row: int, column: int) -> str:
        edited = self.w.edits.get((row, column))
        return edited if edited is not None else self.table.text(row, column)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.table is None:
            return None
        row, column = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.text(row, column)
        dropped = row in self.w.dropped
        if role == Qt.ItemDataRole.BackgroundRole and not dropped:
            if (row, column) in self.cell_problems:
                return QBrush(BAD)
            if row in self.row_problems:
                return QBrush(BAD_ROW)
        if role == Qt.ItemDataRole.ForegroundRole and dropped:
            return QBrush(DROPPED)
        if role == Qt.ItemDataRole.FontRole and dropped:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            reasons = self.cell_problems.get((row, column), []) + self.row_problems.get(row, [])
            return "\n".join(reasons) or None
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row, column, text = index.row(), index.column(), str(value)
        if text == self.table.text(row, column) and not self.table.stale(row, column):
            self.w.edits.pop((row, column), None)
        else:
            self.w.edits[(row, column)] = text
        self.dataChanged.emit(index, index)
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.row() not in self.w.dropped:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if self.table is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                titles = self.table.titles
                return titles[section] if section < len(titles) else ""
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return str(self.table.rows[section].number)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(self.row_problems.get(section, [])) or None
        return None

    def set_dropped(self, rows: list[int], dropped: bool) -> None:
        for row in rows:
            if dropped:
                self.w.dropped.add(row)
            else:
                self.w.dropped.discard(row)
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))


class PreviewPage(QWizardPage):
    """The rows, their problems, the fixes and the names to create."""

    def __init__(self, wizard):
        super().__init__()
        self.w = wizard
        self.model = PreviewModel(wizard, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAlternatingRowColors(False)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.drop_button = QPushButton()
        self.drop_button.clicked.connect(self.toggle_drop)
        self.drop_action = QAction(self.view)
        self.drop_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Delete))
        self.drop_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.drop_action.triggered.connect(self.toggle_drop)
        self.view.addAction(self.drop_action)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.problems = QListWidget()
        self.problems.currentItemChanged.connect(self._go_to_problem)
        self.names_box = NamesBox(wizard, self._names_changed, self.completeChanged.emit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.drop_button)
        below = QSplitter(Qt.Orientation.Horizontal)
        below.addWidget(self.problems)
        below.addWidget(self.names_box)
        below.setStretchFactor(0, 2)
        below.setStretchFactor(1, 3)
        below.setSizes([400, 600])  # the names and their choices need the room
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(below)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(split, 1)
        self.model.dataChanged.connect(self._edited)
        wizard.checked.connect(self._checked)
        wizard.check_failed.connect(self._failed)
        self._rechecking = False
        self.failure = ""
        self.retranslate_ui()

    # ---- language
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Check the rows"))
        self.setSubTitle(
            self.tr(
                "Red cells are wrong: point at one for the reason. Type over a cell to correct it, or drop "
                "its row (Ctrl+Del); the file itself is not changed."
            )
        )
        self.drop_button.setText(self.tr("&Drop or keep the row"))
        self.drop_action.setText(self.tr("Drop or keep the row"))
        self._show_status()
        self._fill_problems()
        if self.model.table is not None and self.w.result is not None:
            self._show_problems(self.w.result.problems)

    def _show_problems(self, problems) -> None:
        self._rechecking = True  # repainting the problems is no edit
        try:
            self.model.set_problems(problems)
        finally:
            self._rechecking = False

    # ---- checking
    def initializePage(self) -> None:
        self.model.set_table(self.w.table)
        self.w.start_check()
        self._show_status()

    def recheck(self) -> None:
        self.w.start_check()
        self._show_status()
        self.completeChanged.emit()

    def _edited(self, *_args) -> None:
        if not self._rechecking:
            self.recheck()

    def _checked(self, result) -> None:
        self.failure = ""
        if self.model.table is not self.w.table:
            self.model.set_table(self.w.table)
        self._show_problems(result.problems)
        self._fill_problems()
        self.names_box.fill()
        self._show_status()
        self.completeChanged.emit()

    def _failed(self, message: str) -> None:
        self.failure = message
        self._show_status()
        self.completeChanged.emit()

    def _show_status(self) -> None:
        result = self.w.result
        if self.failure:
            text = self.tr("The file cannot be read: %1").replace("%1", self.failure)
        elif self.w.checking or result is None:
            text = self.tr("Checking …")
        elif result.problems:
            n = len(result.problems)
            text = self.tr("%n problem(s): correct the cells or drop their rows.", "", n)
        else:
            n = len(self.w.records_of(result))
            text = self.tr("No problems: %n record(s) ready to import.", "", n)
        self.status.setText(text)

    def _fill_problems(self) -> None:
        self.problems.blockSignals(True)
        self.problems.clear()
        for problem in [] if self.w.result is None else self.w.result.problems:
            item = QListWidgetItem(tr_message(problem.text()))
            item.setData(Qt.ItemDataRole.UserRole, (problem.row, problem.column))
            self.problems.addItem(item)
        self.problems.blockSignals(False)

    def _go_to_problem(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        row_number, column = item.data(Qt.ItemDataRole.UserRole)
        row = self.model.index_of_row.get(row_number)
        if row is None:
            return
        index = self.model.index(row, self.model.column_of.get(column, 0))
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)

    # ---- the names to create
    def _names_changed(self) -> None:
        self.recheck()

    def name_box(self, name: str) -> QCheckBox:
        return self.names_box.box(name)

    # ---- dropping rows
    def toggle_drop(self) -> None:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedIndexes()})
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex().row()]
        if not rows:
            return
        self.model.set_dropped(rows, not all(r in self.w.dropped for r in rows))

    def isComplete(self) -> bool:
        result = self.w.result
        return (
            not self.w.checking
            and result is not None
            and not result.problems
            and not self.failure
            and not self.names_box.incomplete()
        )

    def nextId(self) -> int:
        result = self.w.result
        return WARNINGS if result is not None and getattr(result, "warnings", None) else SUMMARY
