"""A table model over a whole list of records, with declared columns, plus its search/filter proxy.

For the small master tables (operators, plots, buyers, markets, crops, payments); the big harvest
and shipment tables use the id-list model instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cmp_to_key
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCollator,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from db.parsing import name_key
from db.records import Record

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the record's id
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # a value that sorts correctly (numbers as numbers)
FILTER_ROLE = Qt.ItemDataRole.UserRole + 3  # the value per-column filters compare (codes, ids)
RECORD_ROLE = Qt.ItemDataRole.UserRole + 4  # the record itself

Index = QModelIndex | QPersistentModelIndex


@dataclass
class Column:
    """A declared column: `header` is an untranslated source string (QT_TRANSLATE_NOOP 'columns')."""

    key: str
    header: str
    display: Callable[[Any], str]
    sort_key: Callable[[Any], Any] | None = None
    filter_value: Callable[[Any], Any] | None = None  # set → the page offers a filter on this column
    align_right: bool = False
    tooltip: Callable[[Any], str] | None = None
    extra: dict = field(default_factory=dict)

    def title(self) -> str:
        return QCoreApplication.translate("columns", self.header)


class RecordTableModel(QAbstractTableModel):
    """Rows are records held in memory; columns are `Column`s. Read-only: edits go through forms."""

    def __init__(self, columns: Sequence[Column], parent=None, id_of: Callable[[Any], int] | None = None):
        super().__init__(parent)
        self.columns = list(columns)
        self._id_of = id_of or (lambda record: record.id)
        self._loaded: list[Record] = []  # as loaded: ties keep this order in any sort
        self._records: list[Record] = []  # as shown: sorted by _sort
        self._row_of_id: dict[int, int] = {}
        self._sort: tuple[int, Qt.SortOrder] | None = None
        # Chinese names sort by pinyin, numbers inside names by value (一号地 … 10号地).
        self._collator = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        self._collator.setNumericMode(True)

    # ---- content
    def set_records(self, records: Sequence[Record]) -> None:
        self.beginResetModel()
        self._loaded = list(records)
        self._records = self._sorted()
        self._row_of_id = {self._id_of(r): i for i, r in enumerate(self._records)}
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows by a column's sort key (numbers as numbers, texts by the Chinese
        collation); -1 restores the loaded order. The sort is kept across set_records().

        Sorted here, by a key, rather than in the proxy's lessThan (a Python call per comparison:
        4,658 payments took 40,000 of them, ~0.5 s)."""
        self._sort = (column, order) if 0 <= column < len(self.columns) else None
        if not self._loaded:
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        moved = [self._records[i.row()] for i in persistent]
        self._records = self._sorted()
        self._row_of_id = {self._id_of(r): i for i, r in enumerate(self._records)}
        self.changePersistentIndexList(
            persistent,
            [
                self.index(self._row_of_id[self._id_of(r)], i.column())
                for r, i in zip(moved, persistent, strict=True)
            ],
        )
        self.layoutChanged.emit()

    def sort_state(self) -> tuple[int, Qt.SortOrder] | None:
        return self._sort

    def _sorted(self) -> list[Record]:
        if self._sort is None:
            return list(self._loaded)
        column, order = self._sort
        spec = self.columns[column]
        values = [_sort_value(spec, record) for record in self._loaded]
        present = [v for v in values if v is not None]
        if all(isinstance(v, str) for v in present):
            # Rank each distinct text once by the collation (a name column holds few of them).
            ranked = sorted(set(present), key=cmp_to_key(self._collator.compare))
            rank = {text: i for i, text in enumerate(ranked)}
            present = [rank[v] for v in present]
            values = [None if v is None else rank[v] for v in values]
        try:
            sorted(present)
        except TypeError:  # mixed kinds: compare their texts
            values = [None if v is None else str(v) for v in values]
        # Empty values first when ascending, last when descending (as the proxy's lessThan had it);
        # ties keep the loaded order either way (a stable sort).
        keys = [(0, 0) if v is None else (1, v) for v in values]
        rows = sorted(
            range(len(self._loaded)),
            key=keys.__getitem__,
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        return [self._loaded[i] for i in rows]

    def records(self) -> list[Record]:
        return list(self._records)

    def record_at(self, row: int) -> Record | None:
        return self._records[row] if 0 <= row < len(self._records) else None

    def row_of_id(self, record_id: int) -> int:
        return self._row_of_id.get(record_id, -1)

    def texts_changed(self) -> None:
        """Labels depend on the language: sort them afresh, tell views everything needs repainting."""
        if self._sort is not None:
            self.sort(*self._sort)
        if self._records:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._records) - 1, len(self.columns) - 1))
        if self.columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)

    # ---- Qt model API
    def rowCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._records)

    def columnCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.columns)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._records)):
            return None
        if not (0 <= index.column() < len(self.columns)):
            return None
        record = self._records[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(record)
        if role == SORT_ROLE:
            return _sort_value(column, record)
        if role == FILTER_ROLE:
            return column.filter_value(record) if column.filter_value else column.display(record)
        if role == ID_ROLE:
            return self._id_of(record)
        if role == RECORD_ROLE:
            return record
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.align_right:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(record)
        if role == Qt.ItemDataRole.ForegroundRole and getattr(record, "archived", False):
            return QBrush(QColor(140, 140, 140))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.columns[section].title()
            if role == Qt.ItemDataRole.TextAlignmentRole:  # a header sits over its column's figures
                horizontal = (
                    Qt.AlignmentFlag.AlignRight
                    if self.columns[section].align_right
                    else Qt.AlignmentFlag.AlignLeft
                )
                return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
            return None
        vertical = orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole
        if vertical and 0 <= section < len(self._records):
            return str(section + 1)
        return None


def _sort_value(column: Column, record: Record) -> Any:
    return column.sort_key(record) if column.sort_key else column.display(record)


class RecordFilterProxy(QSortFilterProxyModel):
    """Search across every column (aliases and Traditional characters match), per-column filters,
    archived rows hidden unless asked for, and sorting by each column's sort key."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._search_key = ""
        self._column_filters: dict[int, Any] = {}
        self._ranges: dict[int, tuple[Any, Any]] = {}
        self._show_archived = False
        self._extra_text: Callable[[Any], str] | None = None
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The source model sorts (by a key, fast); the proxy keeps its order and only filters."""
        model = self.sourceModel()
        if isinstance(model, RecordTableModel):
            model.sort(column, order)
        else:
            super().sort(column, order)

    def set_extra_search_text(self, fn: Callable[[Any], str] | None) -> None:
        """Text searched besides the visible columns (aliases, plates, notes)."""
        self.beginFilterChange()
        self._extra_text = fn
        self.endFilterChange()

    def set_search_text(self, text: str) -> None:
        key = name_key(text)
        if key != self._search_key:
            self.beginFilterChange()
            self._search_key = key
            self.endFilterChange()

    def search_text_key(self) -> str:
        return self._search_key

    def set_column_filter(self, column: int, value: Any | None) -> None:
        """Keep only rows whose FILTER_ROLE value in `column` equals `value` (None clears)."""
        self.beginFilterChange()
        if value is None:
            self._column_filters.pop(column, None)
        else:
            self._column_filters[column] = value
        self.endFilterChange()

    def set_range_filter(self, column: int, low: Any | None, high: Any | None) -> None:
        """Keep only rows whose SORT_ROLE value in `column` lies in [low, high] (None: open end)."""
        self.beginFilterChange()
        if low is None and high is None:
            self._ranges.pop(column, None)
        else:
            self._ranges[column] = (low, high)
        self.endFilterChange()

    def column_filters(self) -> dict[int, Any]:
        return dict(self._column_filters)

    def set_show_archived(self, show: bool) -> None:
        if show != self._show_archived:
            self.beginFilterChange()
            self._show_archived = show
            self.endFilterChange()

    @property
    def show_archived(self) -> bool:
        return self._show_archived

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, RecordTableModel):
            return True
        record = model.record_at(source_row)
        if record is None:
            return False
        if not self._show_archived and getattr(record, "archived", False):
            return False
        for column, wanted in self._column_filters.items():
            if model.index(source_row, column).data(FILTER_ROLE) != wanted:
                return False
        for column, (low, high) in self._ranges.items():
            value = model.index(source_row, column).data(SORT_ROLE)
            if value is None or (low is not None and value < low) or (high is not None and value > high):
                return False
        if self._search_key:
            texts = [
                str(model.index(source_row, c).data(Qt.ItemDataRole.DisplayRole) or "")
                for c in range(model.columnCount())
            ]
            if self._extra_text is not None:
                texts.append(self._extra_text(record))
            if not any(self._search_key in name_key(t) for t in texts):
                return False
        return True
