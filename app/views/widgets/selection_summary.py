"""Count, sum and mean of the selected numeric cells of an id-list table, in the column's unit.

Works on selection ranges, never on a list of every selected index. A few thousand selected rows
are summed from the model's cached blocks at once; more are summed by SQL in a task on its own
connection (convention 6), so Ctrl+A or a shift-click over a million rows never freezes the window:
the cell count shows at once, the sums when they arrive, and a newer selection cancels an older sum.
"""

from __future__ import annotations

from array import array
from fractions import Fraction
from typing import Any

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QObject, Signal

from app.models.idlist import IdListModel
from app.tasks import TaskContext, TaskHandle, TaskRunner
from db import units
from db.browse import BrowseFilter

# Up to this many selected rows the values come from the model's cached blocks; beyond, from SQL.
MODEL_LIMIT = 2048

Runs = list[tuple[int, int]]


def _half_up(value: Fraction) -> int:
    return int((value * 2 + 1) // 2) if value >= 0 else -int((-value * 2 + 1) // 2)


def format_amount(unit: str, value: int | Fraction) -> str:
    """A sum or mean in the column's unit: grams as kg, fen as 元, counts as numbers."""
    if unit == "kg":
        return units.format_kg(_half_up(Fraction(value))) + " kg"
    if unit == "yuan":
        return units.format_yuan(_half_up(Fraction(value))) + " 元"
    if isinstance(value, Fraction) and value.denominator != 1:
        tenths = _half_up(value * 10)
        return f"{tenths // 10:,}.{tenths % 10}"
    return f"{int(value):,}"


def sql_totals(browser: Any, key: str, flt: BrowseFilter, ids: array, rows: Runs) -> tuple[int, int]:
    """(rows, sum) of a numeric column over row runs of an id list, by SQL.

    The whole list is one aggregate over the filter; most of it is that aggregate less the rows
    left out (Shift+click from the second row to the last reads one id, not a million).
    """
    n_rows = sum(bottom - top + 1 for top, bottom in rows)
    if n_rows == len(ids):
        return browser.totals(key, flt)
    if n_rows > len(ids) // 2:
        left_out: list[int] = []
        start = 0
        for top, bottom in rows:
            left_out.extend(ids[start:top])
            start = bottom + 1
        left_out.extend(ids[start:])
        n_all, sum_all = browser.totals(key, flt)
        n_out, sum_out = browser.totals_of(key, left_out)
        return n_all - n_out, sum_all - sum_out
    chosen: list[int] = []
    for top, bottom in rows:
        chosen.extend(ids[top : bottom + 1])
    return browser.totals_of(key, chosen)


def column_totals(model: IdListModel, column: int, rows: Runs) -> tuple[int, int]:
    """(cells, sum) of a numeric column over row runs (top, bottom), from the cache or from SQL."""
    n_rows = sum(bottom - top + 1 for top, bottom in rows)
    if n_rows > MODEL_LIMIT:
        return sql_totals(model.browser, model.columns[column].key, model.filter, model.ids, rows)
    count = total = 0
    for top, bottom in rows:
        for r in range(top, bottom + 1):
            value = model.data(model.index(r, column), IdListModel.ValueRole)
            if value is not None:
                count += 1
                total += value
    return count, total


def selected_runs(selection: QItemSelectionModel) -> tuple[int, dict[int, Runs]]:
    """(selected cells, merged row runs of each selected column)."""
    per_column: dict[int, Runs] = {}
    cells = 0
    for r in selection.selection():
        cells += (r.bottom() - r.top() + 1) * (r.right() - r.left() + 1)
        for c in range(r.left(), r.right() + 1):
            per_column.setdefault(c, []).append((r.top(), r.bottom()))
    return cells, {c: _merge(runs) for c, runs in per_column.items()}


def summary_text(model: IdListModel, cells: int, totals: dict[int, tuple[int, int]]) -> str:
    """'3 cells · sum 1,250.0 kg · mean 416.7 kg' ('' when no cell is selected)."""
    if cells == 0:
        return ""
    parts = [QCoreApplication.translate("SelectionSummary", "%n cell(s)", "", cells)]
    for c in sorted(totals):
        count, total = totals[c]
        if count == 0:
            continue
        column = model.columns[c]
        if len(totals) == 1:
            text = (
                QCoreApplication.translate("SelectionSummary", "sum %1 · mean %2")
                .replace("%1", format_amount(column.unit, total))
                .replace("%2", format_amount(column.unit, Fraction(total, count)))
            )
        else:
            text = (
                QCoreApplication.translate("SelectionSummary", "%1: sum %2 · mean %3")
                .replace("%1", QCoreApplication.translate(model.context, column.title))
                .replace("%2", format_amount(column.unit, total))
                .replace("%3", format_amount(column.unit, Fraction(total, count)))
            )
        parts.append(text)
    return " · ".join(parts)


def summarize(model: IdListModel, selection: QItemSelectionModel) -> str:
    """The summary of the selection, computed here and now (on this thread's connection)."""
    cells, runs = selected_runs(selection)
    numeric = [c for c in sorted(runs) if model.columns[c].unit]
    return summary_text(model, cells, {c: column_totals(model, c, runs[c]) for c in numeric})


def _merge(runs: Runs) -> Runs:
    merged: Runs = []
    for top, bottom in sorted(runs):
        if merged and top <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(bottom, merged[-1][1]))
        else:
            merged.append((top, bottom))
    return merged


class SelectionSummary(QObject):
    """Recomputes the summary whenever the selection of a view over an id-list model changes."""

    summary_changed = Signal(str)

    def __init__(
        self,
        model: IdListModel,
        selection: QItemSelectionModel,
        parent: QObject | None = None,
        tasks: TaskRunner | None = None,
    ):
        super().__init__(parent)
        self.model = model
        self.selection = selection
        # Without a runner (a model used alone) big sums are done here, as before.
        self.tasks = tasks if tasks is not None else model.tasks
        self.text = ""
        self._request = 0
        self._pending: TaskHandle | None = None
        self._pending_cells = 0
        selection.selectionChanged.connect(self.update)
        model.modelReset.connect(self.update)

    @property
    def pending(self) -> bool:
        """Sums of a big selection are being added up in a task."""
        return self._pending is not None

    def update(self, *args) -> None:
        self._request += 1
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None
        model = self.model
        cells, runs = selected_runs(self.selection)
        numeric = [c for c in sorted(runs) if model.columns[c].unit]
        big = [c for c in numeric if sum(b - t + 1 for t, b in runs[c]) > MODEL_LIMIT]
        if not big or self.tasks is None:
            self._show(summary_text(model, cells, {c: column_totals(model, c, runs[c]) for c in numeric}))
            return
        self._show(
            QCoreApplication.translate("SelectionSummary", "%n cell(s)", "", cells)
            + " · "
            + QCoreApplication.translate("SelectionSummary", "adding up…")
        )
        request, flt, ids = self._request, model.filter, model.ids
        keys = {c: model.columns[c].key for c in numeric}
        make_browser = model.task_browser

        def add_up(task: TaskContext) -> tuple[int, int, dict[int, tuple[int, int]]]:
            browser = make_browser(task.store().db)
            totals = {}
            for c in numeric:
                task.check_cancelled()
                totals[c] = sql_totals(browser, keys[c], flt, ids, runs[c])
            return request, cells, totals

        self._pending = self.tasks.start("selection totals", add_up, announce=False)
        self._pending.succeeded.connect(self._added_up)
        self._pending_cells = cells
        # Bound methods (not lambdas): Qt drops these connections if the summary is deleted first.
        self._pending.failed.connect(self._not_added_up)
        self._pending.ended.connect(self._ended)

    def _added_up(self, result: tuple[int, int, dict[int, tuple[int, int]]]) -> None:
        request, cells, totals = result
        if request == self._request:
            self._pending = None
            self._show(summary_text(self.model, cells, totals))

    def _not_added_up(self, _message: str, _detail: str) -> None:
        if self.sender() is self._pending:  # the count stands; the sums are left out
            cells = self._pending_cells  # lupdate finds a plural only when its count is a plain name
            self._show(QCoreApplication.translate("SelectionSummary", "%n cell(s)", "", cells))

    def _ended(self) -> None:
        if self.sender() is self._pending:
            self._pending = None

    def _show(self, text: str) -> None:
        if text != self.text:
            self.text = text
            self.summary_changed.emit(text)
