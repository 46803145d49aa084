"""The small-table proxy sorts by each column's sort values, read once per sort and never stale."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt

from app.models.record_table import Column, RecordFilterProxy, RecordTableModel


@dataclass(frozen=True)
class Row:
    id: int
    name: str
    amount: int


def shown(proxy, column=0):
    return [proxy.index(r, column).data() for r in range(proxy.rowCount())]


def make(rows, labels):
    columns = [
        Column("name", "Name", lambda r: labels.get(r.name, r.name)),
        Column("amount", "Amount", lambda r: f"{r.amount:,}", sort_key=lambda r: r.amount),
    ]
    model = RecordTableModel(columns)
    model.set_records(rows)
    proxy = RecordFilterProxy()
    proxy.setSourceModel(model)
    return model, proxy


def test_sorts_numbers_as_numbers_and_names_in_pinyin_order(qapp):
    _model, proxy = make([Row(1, "周", 900), Row(2, "陈", 10_000), Row(3, "蒋", 25)], {})
    proxy.sort(1, Qt.SortOrder.AscendingOrder)
    assert shown(proxy, 1) == ["25", "900", "10,000"]  # not "10,000" < "25" < "900"
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    assert shown(proxy) == ["陈", "蒋", "周"]  # chen, jiang, zhou


def test_new_records_and_new_labels_are_sorted_afresh(qapp):
    labels: dict[str, str] = {}
    model, proxy = make([Row(1, "b", 1), Row(2, "c", 2)], labels)
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    assert shown(proxy) == ["b", "c"]
    model.set_records([Row(1, "b", 1), Row(2, "c", 2), Row(3, "a", 3)])
    assert shown(proxy) == ["a", "b", "c"]
    labels.update({"a": "z"})  # a language switch changes what a column shows
    model.texts_changed()
    assert shown(proxy) == ["b", "c", "z"]
