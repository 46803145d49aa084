"""Count, sum and mean of the selected numeric cells of an id-list table, in the column's unit.

Works on selection ranges, never on a list of every selected index, so Ctrl+A over a million rows
costs one SQL aggregate (the whole filtered table) instead of a million cell reads.
"""

from __future__ import annotations

from fractions import Fraction

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QObject, Signal

from app.models.idlist import IdListModel
from db import units

# Up to this many selected rows the values come from the model's cached blocks; beyond, from SQL.
MODEL_LIMIT = 2048


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


def column_totals(model: IdListModel, column: int, rows: list[tuple[int, int]]) -> tuple[int, int]:
    """(cells, sum) of a numeric column over row runs (top, bottom), from the cache or from SQL."""
    key = model.columns[column].key
    n_rows = sum(bottom - top + 1 for top, bottom in rows)
    if n_rows == model.rowCount() and n_rows > MODEL_LIMIT:
        return model.browser.totals(key, model.filter)
    if n_rows > MODEL_LIMIT:
        ids = [model.id_at(r) for top, bottom in rows for r in range(top, bottom + 1)]
        return model.browser.totals_of(key, ids)
    count = total = 0
    for top, bottom in rows:
        for r in range(top, bottom + 1):
            value = model.data(model.index(r, column), IdListModel.ValueRole)
            if value is not None:
                count += 1
                total += value
    return count, total


def summarize(model: IdListModel, selection: QItemSelectionModel) -> str:
    """'3 cells · sum 1,250.0 kg · mean 416.7 kg' for the selection ('' when nothing is selected)."""
    ranges = selection.selection()
    per_column: dict[int, list[tuple[int, int]]] = {}
    cells = 0
    for r in ranges:
        cells += (r.bottom() - r.top() + 1) * (r.right() - r.left() + 1)
        for c in range(r.left(), r.right() + 1):
            per_column.setdefault(c, []).append((r.top(), r.bottom()))
    if cells == 0:
        return ""
    parts = [QCoreApplication.translate("SelectionSummary", "%n cell(s)", "", cells)]
    numeric = [c for c in sorted(per_column) if model.columns[c].unit]
    for c in numeric:
        column = model.columns[c]
        count, total = column_totals(model, c, _merge(per_column[c]))
        if count == 0:
            continue
        title = QCoreApplication.translate(model.context, column.title)
        text = (
            QCoreApplication.translate("SelectionSummary", "%1: sum %2 · mean %3")
            .replace("%1", title)
            .replace("%2", format_amount(column.unit, total))
            .replace("%3", format_amount(column.unit, Fraction(total, count)))
        )
        if len(numeric) == 1:
            text = (
                QCoreApplication.translate("SelectionSummary", "sum %1 · mean %2")
                .replace("%1", format_amount(column.unit, total))
                .replace("%2", format_amount(column.unit, Fraction(total, count)))
            )
        parts.append(text)
    return " · ".join(parts)


def _merge(runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for top, bottom in sorted(runs):
        if merged and top <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(bottom, merged[-1][1]))
        else:
            merged.append((top, bottom))
    return merged


class SelectionSummary(QObject):
    """Recomputes the summary whenever the selection of a view over an id-list model changes."""

    summary_changed = Signal(str)

    def __init__(self, model: IdListModel, selection: QItemSelectionModel, parent: QObject | None = None):
        super().__init__(parent)
        self.model = model
        self.selection = selection
        self.text = ""
        selection.selectionChanged.connect(self.update)
        model.modelReset.connect(self.update)

    def update(self, *args) -> None:
        text = summarize(self.model, self.selection)
        if text != self.text:
            self.text = text
            self.summary_changed.emit(text)
