"""The id-list table model (DESIGN.md convention 5): ids in an array, rows fetched in blocks when painted.

Like Anki's browser: a filter or sort runs one SQL query that returns only ids (an `array('q')`);
`rowCount` is the true count, so the scroll bar and Ctrl+End work at a million rows; the display
rows behind a painted cell are fetched 256 at a time and kept in a small LRU cache.

With a TaskRunner the id query (50–130 ms at a million rows, measured for issue 13) runs as a task on its own connection
(convention 6): the table keeps showing the rows it has until the new ids arrive, a newer request
cancels an older one, and `refreshed` is emitted once the new ids are in place. Block fetches of the
painted rows (a few milliseconds) stay on the GUI thread.
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app.tasks import TaskContext, TaskHandle, TaskRunner
from db.browse import BrowseFilter

ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


@dataclass(frozen=True)
class Column:
    """One column of an id-list table: how a display row becomes its text, value and edit text."""

    key: str  # also the browser's sort key and the key edits and fills are applied by
    title: str  # English source text, declared with QT_TRANSLATE_NOOP in the model's context
    display: Callable[[Any, str], str]  # (row, language) -> text
    unit: str = ""  # 'kg' (value in grams), 'yuan' (value in fen) or 'count': a numeric column
    value: Callable[[Any], Any] | None = None  # raw value (grams, fen, code, id) for sums and fills
    edit_text: Callable[[Any, str], str] | None = None  # text put in an editor; None: not editable
    tooltip: Callable[[Any, str], str] | None = None
    sortable: bool = True
    width: int = 100  # default width in pixels at the default font
    numeric: bool = False  # right-aligned like a number, though it has no unit to sum

    @property
    def right_aligned(self) -> bool:
        return bool(self.unit) or self.numeric


class IdListModel(QAbstractTableModel):
    """A read-only table over the ids a browser returns; edits are handed to `edit_handler`."""

    BLOCK = 256
    MAX_BLOCKS = 64  # 16,384 rows cached: several screens of scrolling either way
    IdRole = Qt.ItemDataRole.UserRole + 1
    ValueRole = Qt.ItemDataRole.UserRole + 2

    refreshed = Signal()  # the ids of the latest request are shown (filter, sort or data change)
    refresh_failed = Signal(str)  # the id query failed: a message for a person; the old rows stay
    pending_changed = Signal(bool)  # an id query started (True) or the last one ended (False)

    def __init__(
        self,
        browser: Any,
        columns: Sequence[Column],
        context: str,
        parent=None,
        tasks: TaskRunner | None = None,
    ):
        super().__init__(parent)
        self.browser = browser  # on the GUI thread's connection: block fetches of painted rows
        self.columns = list(columns)
        self.context = context  # translation context of the column titles
        self.language = "zh_CN"
        # Without a runner the id query runs at once on `browser` (a model used alone, benchmarks).
        self.tasks = tasks
        # The same kind of browser over a task's own connection (a Database is bound to its thread).
        self.task_browser: Callable[[Any], Any] = type(browser)
        # What is shown (ids, and the filter and order they were queried with) ...
        self._filter = BrowseFilter()
        self._sort_key = browser.default_sort
        self._descending = True
        # ... and what was asked for last; they differ while an id query runs.
        self._wanted: tuple[BrowseFilter, str, bool] = (self._filter, self._sort_key, self._descending)
        self._request = 0  # number of the latest id query; an older one's ids are dropped
        self._pending: TaskHandle | None = None
        self._pending_selection: QItemSelectionModel | None = None  # the one passed to refresh()
        self._ids = array("q")
        self._blocks: OrderedDict[int, list[Any]] = OrderedDict()
        # Called with (ids, column key, typed text) when a cell is edited; returns True if applied.
        self.edit_handler: Callable[[list[int], str, str], bool] | None = None
        self.fetches = 0  # block queries run; tests and the benchmark read it
        # The view's selection model, so that a refresh (sort, filter, edit) keeps the selection.
        self.selection_model: QItemSelectionModel | None = None

    # ---- the id list
    @property
    def ids(self) -> array:
        return self._ids

    @property
    def filter(self) -> BrowseFilter:
        """The filter of the ids shown (the rows, their count and selection totals agree with it)."""
        return self._filter

    @property
    def requested_filter(self) -> BrowseFilter:
        """The filter last asked for; shown once its ids arrive."""
        return self._wanted[0]

    def set_filter(self, flt: BrowseFilter, selection: QItemSelectionModel | None = None) -> None:
        self._wanted = (flt, self._wanted[1], self._wanted[2])
        self._query(selection)

    @property
    def sort_key(self) -> str:
        return self._sort_key

    @property
    def descending(self) -> bool:
        return self._descending

    @property
    def pending(self) -> bool:
        """An id query is running; the rows shown are those of an earlier one."""
        return self._pending is not None

    def column_index(self, key: str) -> int:
        for i, column in enumerate(self.columns):
            if column.key == key:
                return i
        raise KeyError(key)

    def refresh(self, selection: QItemSelectionModel | None = None) -> None:
        """The data changed: repaint the rows shown from the database at once, and re-run the id
        query; the selection (`selection`, or the view's) is kept by id when the ids arrive."""
        if self.tasks is not None:
            self.invalidate_rows()
        self._query(selection)

    def _query(self, selection: QItemSelectionModel | None) -> None:
        self._request += 1
        request, wanted = self._request, self._wanted
        self._pending_selection = selection
        if self.tasks is None:
            self._show(wanted, self.browser.ids(*wanted))
            return
        if self._pending is not None:
            self._pending.cancel()  # its ids would be dropped anyway; this stops its SQL early
        make_browser = self.task_browser

        def query(task: TaskContext) -> tuple[int, tuple[BrowseFilter, str, bool], array]:
            return request, wanted, make_browser(task.store().db).ids(*wanted)

        was_pending = self._pending is not None
        self._pending = self.tasks.start("table ids", query, announce=False)
        # Bound methods: Qt drops these connections when the model is deleted first.
        self._pending.succeeded.connect(self._ids_arrived)
        self._pending.failed.connect(self._ids_failed)
        self._pending.ended.connect(self._query_ended)
        if not was_pending:
            self.pending_changed.emit(True)

    def _ids_arrived(self, result: tuple[int, tuple[BrowseFilter, str, bool], array]) -> None:
        request, wanted, ids = result
        if request != self._request:
            return  # a newer query is on its way: these ids are stale
        self._pending = None
        self._show(wanted, ids)
        self.pending_changed.emit(False)

    def _ids_failed(self, message: str, _detail: str) -> None:
        if self.sender() is self._pending:
            self.refresh_failed.emit(message)

    def _query_ended(self) -> None:
        if self.sender() is self._pending:
            # The latest query ended without ids (it failed, or was cancelled at shutdown): the rows
            # shown stay, and are what the next request is compared with.
            self._pending = None
            self._wanted = (self._filter, self._sort_key, self._descending)
            self.pending_changed.emit(False)

    def _show(self, wanted: tuple[BrowseFilter, str, bool], ids: array) -> None:
        """Put the queried ids in place, keeping the selection by id."""
        selection = self._pending_selection or self.selection_model
        self._pending_selection = None
        # The same ids in the same order (a refresh after an edit, say): the selected rows are the
        # same rows, restored range by range. Comparing two arrays is one C loop; mapping a big
        # selection through its ids costs about a second per million selected rows.
        same_rows = selection is not None and ids == self._ids
        ranges = (
            [(r.top(), r.left(), r.bottom(), r.right()) for r in selection.selection()]
            if selection is not None and same_rows
            else None
        )
        current = selection.currentIndex() if selection is not None and same_rows else None
        current_at = (current.row(), current.column()) if current is not None and current.isValid() else None
        kept = self._selected_ids(selection) if selection is not None and not same_rows else None
        self.beginResetModel()
        self._filter, self._sort_key, self._descending = wanted
        self._ids = ids
        self._blocks.clear()
        self.endResetModel()
        if selection is not None and ranges is not None:
            sel = QItemSelection()
            for top, left, bottom, right in ranges:
                sel.select(self.index(top, left), self.index(bottom, right))
            selection.select(sel, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            if current_at is not None:
                selection.setCurrentIndex(self.index(*current_at), QItemSelectionModel.SelectionFlag.NoUpdate)
        elif selection is not None and kept is not None:
            self._restore_selection(selection, *kept)
        self.refreshed.emit()

    def invalidate_rows(self) -> None:
        """Forget cached rows (their content changed, not their order) and repaint."""
        self._blocks.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self.columns) - 1))

    def id_at(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, record_id: int) -> int | None:
        try:
            return self._ids.index(record_id)
        except ValueError:
            return None

    def rows_of(self, ids: Iterable[int]) -> list[int]:
        """Rows of the ids that are shown, in row order."""
        wanted = set(ids)
        if len(wanted) <= 32:
            found = (self.row_of(i) for i in wanted)
            return sorted(r for r in found if r is not None)
        return [row for row, i in enumerate(self._ids) if i in wanted]

    def record_row(self, row: int) -> Any:
        """The display row (a db.browse row dataclass) at a table row, fetched with its block."""
        block_no = row // self.BLOCK
        block = self._blocks.get(block_no)
        if block is None:
            start = block_no * self.BLOCK
            ids = self._ids[start : start + self.BLOCK]
            found = self.browser.rows(ids)
            self.fetches += 1
            block = [found.get(i) for i in ids]
            self._blocks[block_no] = block
            while len(self._blocks) > self.MAX_BLOCKS:
                self._blocks.popitem(last=False)
        else:
            self._blocks.move_to_end(block_no)
        return block[row - block_no * self.BLOCK]

    # ---- Qt model interface
    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column.right_aligned else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == self.IdRole:
            return self._ids[index.row()]
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.EditRole,
            Qt.ItemDataRole.ToolTipRole,
            self.ValueRole,
        ):
            return None
        row = self.record_row(index.row())
        if row is None:  # deleted since the ids were read; the next refresh drops it
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(row, self.language)
        if role == self.ValueRole:
            return column.value(row) if column.value else None
        if role == Qt.ItemDataRole.EditRole:
            if column.edit_text is not None:
                return column.edit_text(row, self.language)
            return column.display(row, self.language)
        if column.tooltip is not None:
            return column.tooltip(row, self.language)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            column = self.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return QCoreApplication.translate(self.context, column.title)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                horizontal = (
                    Qt.AlignmentFlag.AlignRight if column.right_aligned else Qt.AlignmentFlag.AlignLeft
                )
                return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        if self.edit_handler is not None and self.columns[index.column()].edit_text is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.edit_handler is None:
            return False
        column = self.columns[index.column()]
        if column.edit_text is None:
            return False
        return bool(self.edit_handler([self._ids[index.row()]], column.key, str(value)))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns) or not self.columns[column].sortable:
            return
        self._wanted = (self._wanted[0], self.columns[column].key, order == Qt.SortOrder.DescendingOrder)
        self._query(None)

    def retranslate(self, language: str) -> None:
        """Show codes (grades, statuses) and headers in another language."""
        self.language = language
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        self.invalidate_rows()

    # ---- selection kept across a refresh
    def _selected_ids(self, selection: QItemSelectionModel) -> tuple[Any, int | None, int] | None:
        current = selection.currentIndex()
        current_id = (
            self._ids[current.row()] if current.isValid() and current.row() < len(self._ids) else None
        )
        column = current.column() if current.isValid() else 0
        ranges = selection.selection()
        rows: set[int] = set()
        columns: set[int] = set()
        all_rows = False
        for r in ranges:
            if r.top() == 0 and r.bottom() == len(self._ids) - 1 and len(self._ids) > 1:
                all_rows = True
            else:
                rows.update(range(r.top(), r.bottom() + 1))
            columns.update(range(r.left(), r.right() + 1))
        chosen: Any = "all" if all_rows else {self._ids[r] for r in rows if r < len(self._ids)}
        return (chosen, sorted(columns)), current_id, column

    def _restore_selection(
        self,
        selection: QItemSelectionModel,
        chosen: tuple[Any, list[int]],
        current_id: int | None,
        column: int,
    ) -> None:
        ids, columns = chosen
        if not columns or not self._ids:
            return
        if ids == "all":
            rows = [(0, len(self._ids) - 1)]
        else:
            rows = _runs(self.rows_of(ids))
        sel = QItemSelection()
        for top, bottom in rows:
            for left, right in _runs(columns):
                sel.select(self.index(top, left), self.index(bottom, right))
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        selection.select(sel, flags)
        if current_id is not None:
            row = self.row_of(current_id)
            if row is not None:
                selection.setCurrentIndex(self.index(row, column), QItemSelectionModel.SelectionFlag.NoUpdate)


def _runs(sorted_values: Sequence[int]) -> list[tuple[int, int]]:
    """Contiguous runs of sorted integers as (first, last) pairs."""
    runs: list[tuple[int, int]] = []
    for v in sorted_values:
        if runs and v == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], v)
        else:
            runs.append((v, v))
    return runs
