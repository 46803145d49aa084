"""An editable grid whose every cell is parsed and checked as it changes; rows pasted from Excel/WPS land in it.

The grid never saves: it tells whether every cell is good and hands back parsed values. Bad cells
get a red background and a tooltip with the reason; rows can be dropped. The shipment form's lines
grid and the paste dialog of the harvest and shipment pages are this grid.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.messages import tr_message
from app.views.forms.field_parsers import CellParser
from db import parsing

BAD_BRUSH = QBrush(QColor("#f9d6d2"))
COMPUTED_BRUSH = QBrush(QColor("#f3f4f6"))
ValueRole = Qt.ItemDataRole.UserRole + 1


@dataclass
class GridColumn:
    """One column: its key, translated title, parser, header names a pasted sheet may use, width."""

    key: str
    title: str
    parser: CellParser | None = None  # None: computed (read-only) column
    headers: tuple[str, ...] = ()
    width: int = 100
    numeric: bool = False
    compute: Callable[[dict[str, Any]], str] | None = field(default=None, repr=False)


def split_sheet_text(text: str) -> list[list[str]]:
    """Rows of cells from text copied out of a spreadsheet: tabs between cells, newlines between rows,
    cells holding tabs, quotes or newlines wrapped in double quotes (as Excel and WPS write them)."""
    rows: list[list[str]] = []
    row: list[str] = []
    cell: list[str] = []
    i, n = 0, len(text)
    at_cell_start = True
    while i < n:
        c = text[i]
        if at_cell_start and c == '"':
            # a quoted cell: read to the closing quote, "" is a literal quote
            i += 1
            while i < n:
                if text[i] == '"':
                    if i + 1 < n and text[i + 1] == '"':
                        cell.append('"')
                        i += 2
                        continue
                    i += 1
                    break
                cell.append(text[i])
                i += 1
            at_cell_start = False
            continue
        if c == "\t":
            row.append("".join(cell))
            cell, at_cell_start = [], True
        elif c in "\r\n":
            if c == "\r" and i + 1 < n and text[i + 1] == "\n":
                i += 1
            row.append("".join(cell))
            rows.append(row)
            row, cell, at_cell_start = [], [], True
        else:
            cell.append(c)
            at_cell_start = False
        i += 1
    if cell or row:
        row.append("".join(cell))
        rows.append(row)
    # blank rows (an empty line at the end of the copied block) carry nothing
    return [r for r in rows if any(c.strip() for c in r)]


class _MoveOnDelegate(QStyledItemDelegate):
    """Enter after an edit moves to the next cell, as Tab does."""

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        # Alt+letter is the form's (a button's or a label's), never text for the cell: the edit is
        # kept and the editor closed, and the letter is not typed (X11 gives Alt+letter a text).
        if (
            event.type() == QEvent.Type.KeyPress
            and event.modifiers() == Qt.KeyboardModifier.AltModifier
            and event.text()
        ):
            view = self.parent()
            if isinstance(view, ValidatingGrid):
                view.close_editor_in_place(editor)
            return True
        return super().eventFilter(editor, event)


class ValidatingGrid(QTableWidget):
    """A table of text cells checked by their column's parser as they change."""

    validity_changed = Signal(bool)  # every cell good (and at least one row)
    rows_changed = Signal()  # a row was added, dropped or a value changed

    def __init__(self, columns: Sequence[GridColumn], parent: QWidget | None = None):
        super().__init__(0, len(columns), parent)
        self.grid_columns = list(columns)
        self._updating = False
        self._valid = False
        self.row_check: Callable[[dict[str, Any]], list[tuple[str, str]]] | None = None
        self.left_out_headers: list[str] = []  # a pasted header's names that match no column
        self.left_out_columns = 0  # pasted columns (without a header) beyond the grid's last
        self.setItemDelegate(_MoveOnDelegate(self))
        self.setHorizontalHeaderLabels([c.title for c in self.grid_columns])
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for i, column in enumerate(self.grid_columns):
            self.setColumnWidth(i, column.width)
            if column.numeric:
                item = self.horizontalHeaderItem(i)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(True)
        self.verticalHeader().setDefaultSectionSize(24)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setTabKeyNavigation(True)
        self.itemChanged.connect(self._on_item_changed)

    # ---- content
    def set_titles(self, titles: Sequence[str]) -> None:
        for column, title in zip(self.grid_columns, titles, strict=True):
            column.title = title
        self.setHorizontalHeaderLabels(titles)

    def column_of(self, key: str) -> int:
        for i, column in enumerate(self.grid_columns):
            if column.key == key:
                return i
        raise KeyError(key)

    def add_row(self, texts: Sequence[str] | dict[str, str] = ()) -> int:
        """Append a row of texts (by position, or by column key) and check it; returns its index."""
        if isinstance(texts, dict):
            texts = [texts.get(c.key, "") for c in self.grid_columns]
        row = self.rowCount()
        self._updating = True
        self.insertRow(row)
        for c, column in enumerate(self.grid_columns):
            text = texts[c] if c < len(texts) else ""
            item = QTableWidgetItem(text)
            if column.numeric:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column.parser is None:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                item.setBackground(COMPUTED_BRUSH)
            self.setItem(row, c, item)
        self._updating = False
        self._check_row(row)
        self._changed()
        return row

    def add_rows(self, rows: Sequence[Sequence[str]]) -> None:
        self.setUpdatesEnabled(False)
        for texts in rows:
            self.add_row(texts)
        self.setUpdatesEnabled(True)

    def paste_text(self, text: str) -> int:
        """Append rows copied from a spreadsheet (a header row naming the columns is recognised and
        used to map them); returns the number of rows added."""
        rows = split_sheet_text(text)
        if not rows:
            return 0
        mapping = self._header_mapping(rows[0])
        if mapping is not None:
            # Named columns the grid has no place for are reported, never dropped without a word.
            self.left_out_headers = [
                cell.strip() for i, cell in enumerate(rows[0]) if cell.strip() and i not in mapping
            ]
            rows = rows[1:]
        else:
            editable = [i for i, c in enumerate(self.grid_columns) if c.parser is not None]
            widest = max(len(r) for r in rows)
            mapping = {i: editable[i] for i in range(min(len(editable), widest))}
            used = [i for i in range(len(editable), widest) if any(i < len(r) and r[i].strip() for r in rows)]
            self.left_out_columns = len(used)
        for cells in rows:
            texts = [""] * len(self.grid_columns)
            for source, target in mapping.items():
                if source < len(cells):
                    texts[target] = cells[source].strip()
            self.add_row(texts)
        return len(rows)

    def _header_mapping(self, first: Sequence[str]) -> dict[int, int] | None:
        keys = {}
        for c, column in enumerate(self.grid_columns):
            if column.parser is None:
                continue
            for name in (column.title, column.key, *column.headers):
                keys[parsing.name_key(name)] = c
        mapping = {}
        for i, cell in enumerate(first):
            key = parsing.name_key(cell)
            if key in keys:
                mapping[i] = keys[key]
        # a header row names most of its non-empty cells
        named = sum(1 for cell in first if cell.strip())
        return mapping if mapping and len(mapping) * 2 > named else None

    def drop_rows(self, rows: Sequence[int]) -> None:
        for row in sorted(set(rows), reverse=True):
            self.removeRow(row)
        self._changed()

    def drop_selected_rows(self) -> None:
        self.drop_rows([i.row() for i in self.selectedIndexes()])

    def text(self, row: int, key: str) -> str:
        item = self.item(row, self.column_of(key))
        return item.text() if item else ""

    def set_text(self, row: int, key: str, text: str) -> None:
        self.item(row, self.column_of(key)).setText(text)

    # ---- values and problems
    def is_blank_row(self, row: int) -> bool:
        """A row with nothing typed in it (the empty row Tab starts) is ignored, not an error."""
        for c, column in enumerate(self.grid_columns):
            item = self.item(row, c)
            if column.parser is not None and item is not None and item.text().strip():
                return False
        return True

    def filled_rows(self) -> list[int]:
        return [r for r in range(self.rowCount()) if not self.is_blank_row(r)]

    def row_values(self, row: int) -> dict[str, Any]:
        """Parsed values of a row by column key (None for a bad or empty optional cell)."""
        values: dict[str, Any] = {}
        for c, column in enumerate(self.grid_columns):
            item = self.item(row, c)
            values[column.key] = item.data(ValueRole) if item is not None else None
        return values

    def values(self) -> list[dict[str, Any]]:
        """Parsed values of every filled row."""
        return [self.row_values(r) for r in self.filled_rows()]

    def problems(self) -> list[tuple[int, int, str]]:
        """(row, column, reason) of every bad cell."""
        found = []
        for r in self.filled_rows():
            for c in range(len(self.grid_columns)):
                item = self.item(r, c)
                if item is not None and item.data(Qt.ItemDataRole.UserRole + 2):
                    found.append((r, c, item.toolTip()))
        return found

    def is_valid(self) -> bool:
        return bool(self.filled_rows()) and not self.problems()

    # ---- checking
    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if self._updating:
            return
        self._check_row(item.row())
        self._changed()

    def recheck(self) -> None:
        for r in range(self.rowCount()):
            self._check_row(r)
        self._changed()

    def _check_row(self, row: int) -> None:
        self._updating = True
        blank = self.is_blank_row(row)
        try:
            values: dict[str, Any] = {}
            for c, column in enumerate(self.grid_columns):
                item = self.item(row, c)
                if item is None or column.parser is None:
                    continue
                result = column.parser(item.text())
                values[column.key] = result.value if result.error is None else None
                item.setData(ValueRole, values[column.key])
                bad = result.error is not None and not blank
                self._mark(item, self._reason(result.error) if bad else None)
            problems = self.row_check(values) if self.row_check and not blank else []
            for key, message in problems:
                item = self.item(row, self.column_of(key))
                if item is not None and not item.data(Qt.ItemDataRole.UserRole + 2):
                    self._mark(item, tr_message(message))
            for c, column in enumerate(self.grid_columns):
                if column.compute is not None:
                    item = self.item(row, c)
                    if item is not None:
                        item.setText(column.compute(values))
        finally:
            self._updating = False

    def _reason(self, error: str) -> str:
        if error == "required":
            return QCoreApplication.translate("ValidatingGrid", "Required")
        return tr_message(error)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and not self._updating:
            self.recheck()  # the reasons in the bad cells' tooltips, in the new language
        super().changeEvent(event)

    def _mark(self, item: QTableWidgetItem, reason: str | None) -> None:
        item.setData(Qt.ItemDataRole.UserRole + 2, bool(reason))
        item.setToolTip(reason or "")
        if reason:
            item.setBackground(BAD_BRUSH)
        elif item.flags() & Qt.ItemFlag.ItemIsEditable:
            item.setBackground(QBrush())

    def _changed(self) -> None:
        valid = self.is_valid()
        if valid != self._valid:
            self._valid = valid
            self.validity_changed.emit(valid)
        self.rows_changed.emit()

    # ---- keyboard: Enter moves on, Ctrl+D fills down, Ctrl+V pastes, Delete drops rows
    def close_editor_in_place(self, editor: QWidget) -> None:
        """Keep the edit and close the editor without moving on (so no new line is started)."""
        self.commitData(editor)
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        if hint in (
            QAbstractItemDelegate.EndEditHint.NoHint,
            QAbstractItemDelegate.EndEditHint.SubmitModelCache,
        ):
            hint = QAbstractItemDelegate.EndEditHint.EditNextItem
        super().closeEditor(editor, hint)

    def moveCursor(
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        # Tab and Enter walk the editable cells row by row, skipping computed columns; past the last
        # cell of a filled last row a new row is started, so lines are entered without the mouse.
        next_, previous = QAbstractItemView.CursorAction.MoveNext, QAbstractItemView.CursorAction.MovePrevious
        if action not in (next_, previous):
            return super().moveCursor(action, modifiers)
        editable = [i for i, c in enumerate(self.grid_columns) if c.parser is not None]
        current = self.currentIndex()
        if not editable or self.rowCount() == 0:
            return current
        row, col = (current.row(), current.column()) if current.isValid() else (0, -1)
        model = self.model()
        if action == next_:
            later = [e for e in editable if e > col]
            if later:
                return model.index(row, later[0])
            if row + 1 < self.rowCount():
                return model.index(row + 1, editable[0])
            if not self.is_blank_row(row):
                self.add_row()
                return model.index(row + 1, editable[0])
            return current
        earlier = [e for e in editable if e < col]
        if earlier:
            return model.index(row, earlier[-1])
        if row > 0:
            return model.index(row - 1, editable[-1])
        return current

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.modifiers() == Qt.KeyboardModifier.AltModifier:
            event.ignore()  # the form's Alt+letter: it must not start an edit with the letter
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_text(QGuiApplication.clipboard().text())
            return
        if event.key() == Qt.Key.Key_D and event.modifiers() == Qt.KeyboardModifier.ControlModifier:
            self.fill_down()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != self.State.EditingState:
            index = self.currentIndex()
            if index.isValid():
                self.edit(index)
                return
        if event.key() == Qt.Key.Key_Delete and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.drop_selected_rows()
            return
        if event.key() == Qt.Key.Key_Delete:
            for index in self.selectedIndexes():
                item = self.item(index.row(), index.column())
                if item is not None and item.flags() & Qt.ItemFlag.ItemIsEditable:
                    item.setText("")
            return
        super().keyPressEvent(event)

    def fill_down(self) -> None:
        """Copy the top selected cell of each selected column into the selected cells below it."""
        by_column: dict[int, list[int]] = {}
        for index in self.selectedIndexes():
            by_column.setdefault(index.column(), []).append(index.row())
        for column, rows in by_column.items():
            rows.sort()
            source = self.item(rows[0], column)
            if source is None or self.grid_columns[column].parser is None:
                continue
            for row in rows[1:]:
                self.item(row, column).setText(source.text())


class PasteDialog(QDialog):
    """Pasted rows shown before anything is saved: fix or drop the marked cells, then Save."""

    def __init__(
        self,
        columns: Sequence[GridColumn],
        text: str,
        title: str,
        parent: QWidget | None = None,
        row_check: Callable[[dict[str, Any]], list[tuple[str, str]]] | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.grid = ValidatingGrid(columns, self)
        self.grid.row_check = row_check
        self.left_out = QLabel(self)
        self.left_out.setWordWrap(True)
        self.left_out.setStyleSheet("color: #8a5300;")
        self.summary = QLabel(self)
        self.drop_button = QPushButton(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.drop_button.clicked.connect(self.grid.drop_selected_rows)
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.drop_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.left_out)
        layout.addLayout(bar)
        layout.addWidget(self.buttons)
        self.grid.rows_changed.connect(self._update)
        self.grid.paste_text(text)
        self.retranslate_ui()
        self.resize(min(1100, sum(c.width for c in columns) + 80), 420)

    def retranslate_ui(self) -> None:
        self.drop_button.setText(self.tr("Drop selected rows"))
        self.drop_button.setToolTip(self.tr("Shift+Delete"))
        self._update()

    def _update(self) -> None:
        problems = self.grid.problems()
        rows = self.grid.rowCount()
        if problems:
            bad_cells = len(problems)  # lupdate finds a plural only when its count is a plain name
            bad_rows = len({r for r, _, _ in problems})
            text = (
                self.tr("%n row(s) pasted", "", rows)
                + " · "
                + self.tr("%n cell(s) to fix or drop (see their tooltips)", "", bad_cells)
            )
            text += " · " + self.tr("%n row(s) with problems", "", bad_rows)
            self.summary.setStyleSheet("color: #b3261e;")
        else:
            text = self.tr("%n row(s) ready to save", "", rows)
            self.summary.setStyleSheet("")
        self.summary.setText(text)
        headers, extra = self.grid.left_out_headers, self.grid.left_out_columns
        notes = []
        if headers:
            notes.append(self.tr("Not pasted, no column of that name: %1").replace("%1", "、".join(headers)))
        if extra:
            notes.append(self.tr("Not pasted: %n column(s) beyond the last one", "", extra))
        self.left_out.setText("\n".join(notes))
        self.left_out.setVisible(bool(notes))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(self.grid.is_valid())

    def accept(self) -> None:
        if self.grid.is_valid():
            super().accept()


def model_row_texts(model: QAbstractItemModel, rows: Sequence[int]) -> str:
    """Tab-separated display texts of model rows (Copy), for pasting into a spreadsheet."""
    lines = []
    for r in rows:
        cells = [str(model.data(model.index(r, c)) or "") for c in range(model.columnCount())]
        lines.append("\t".join(cell.replace("\t", " ").replace("\n", " ") for cell in cells))
    return "\n".join(lines)
