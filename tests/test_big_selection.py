"""Big selections in the id-list tables: totals added up in a task, headers that never walk the rows,
and a refresh that keeps a selection of the same rows without mapping it through ids."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QAbstractTableModel, QItemSelection, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import QTableView

from app.models.harvest_model import harvest_model
from app.tasks import TaskRunner
from app.views.pages.idlist_page import keep_headers_off_the_selection
from app.views.widgets import selection_summary
from app.views.widgets.selection_summary import SelectionSummary, sql_totals
from db.browse import BrowseFilter, HarvestBrowser
from db.records import Harvest

WEIGHTS = [1_000_000, 2_000_000, 3_500_000, 500_000, 1_250_000, 750_000]  # grams


@pytest.fixture
def lots(store, master):
    op, crop = master["operators"][0], master["crops"][0]
    return [
        store.harvests.add(Harvest(f"2026-01-{5 + i:02d}", op.id, crop.id, w)) for i, w in enumerate(WEIGHTS)
    ]


@pytest.fixture
def runner(db_path):
    tasks = TaskRunner(db_path, "tester")
    yield tasks
    tasks.cancel_all()
    tasks.wait(5000)


@pytest.fixture
def view(qtbot, store, lots, runner):
    model = harvest_model(store.db, tasks=runner)
    with qtbot.waitSignal(model.refreshed, timeout=10_000):
        model.refresh()
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    model.selection_model = table.selectionModel()
    return table


def select_rows(view, top, bottom):
    model = view.model()
    view.selectionModel().select(
        QItemSelection(model.index(top, 0), model.index(bottom, model.columnCount() - 1)),
        QItemSelectionModel.SelectionFlag.ClearAndSelect,
    )


def weights_shown(view, top, bottom):
    """Weights of rows top..bottom as the table orders them (newest first)."""
    model = view.model()
    return [model.record_row(r).weight_g for r in range(top, bottom + 1)]


@pytest.mark.parametrize(("top", "bottom"), [(0, 5), (1, 5), (2, 3), (0, 1)])
def test_sql_totals_agree_with_the_rows(store, lots, top, bottom):
    """The whole list, most of it (the whole less what is left out) and a little of it."""
    browser = HarvestBrowser(store.db)
    ids = browser.ids()
    rows = browser.rows(ids)
    expected = [rows[i].weight_g for i in ids[top : bottom + 1]]
    assert sql_totals(browser, "weight", BrowseFilter(), ids, [(top, bottom)]) == (
        len(expected),
        sum(expected),
    )
    # two runs with a gap
    runs = [(0, 0), (2, 5)]
    picked = [rows[ids[0]].weight_g] + [rows[i].weight_g for i in ids[2:6]]
    assert sql_totals(browser, "weight", BrowseFilter(), ids, runs) == (5, sum(picked))


def test_a_big_selection_is_added_up_in_a_task(qtbot, view, monkeypatch):
    monkeypatch.setattr(selection_summary, "MODEL_LIMIT", 2)  # "big" from three rows on
    summary = SelectionSummary(view.model(), view.selectionModel(), view)
    texts: list[str] = []
    summary.summary_changed.connect(texts.append)
    with qtbot.waitSignal(summary.summary_changed, timeout=10_000, check_params_cb=lambda t: "sum" in t):
        select_rows(view, 1, 5)
        # The count shows at once; the sums follow from the task.
        assert summary.pending
        assert texts[-1].startswith("45 cell") and "sum" not in texts[-1]
    total = sum(weights_shown(view, 1, 5))
    assert f"sum {total / 1000:,.1f} kg" in texts[-1]
    assert not summary.pending


def test_a_newer_selection_replaces_an_older_sum(qtbot, view, monkeypatch):
    monkeypatch.setattr(selection_summary, "MODEL_LIMIT", 2)
    summary = SelectionSummary(view.model(), view.selectionModel(), view)
    select_rows(view, 0, 5)
    select_rows(view, 0, 2)
    qtbot.waitUntil(lambda: not summary.pending, timeout=10_000)
    qtbot.wait(50)  # any late result of the first selection would arrive now
    assert f"sum {sum(weights_shown(view, 0, 2)) / 1000:,.1f} kg" in summary.text


def test_a_small_selection_is_summed_at_once(view):
    summary = SelectionSummary(view.model(), view.selectionModel(), view)
    select_rows(view, 0, 1)
    assert not summary.pending
    assert f"sum {sum(weights_shown(view, 0, 1)) / 1000:,.1f} kg" in summary.text


def test_refresh_keeps_a_selection_of_the_same_rows(qtbot, view, store, lots):
    select_rows(view, 1, 4)
    column = view.model().columnCount() - 1
    view.selectionModel().setCurrentIndex(
        view.model().index(3, column), QItemSelectionModel.SelectionFlag.NoUpdate
    )
    with qtbot.waitSignal(view.model().refreshed, timeout=10_000):
        view.model().refresh()
    assert sorted({i.row() for i in view.selectionModel().selectedIndexes()}) == [1, 2, 3, 4]
    assert (view.currentIndex().row(), view.currentIndex().column()) == (3, column)
    # A new row at the top moves the rows down: the selection follows the records, not the rows.
    kept = {view.model().id_at(r) for r in range(1, 5)}
    op, crop = lots[0].operator_id, lots[0].crop_id
    store.harvests.add(Harvest("2026-02-01", op, crop, 100_000))
    with qtbot.waitSignal(view.model().refreshed, timeout=10_000):
        view.model().refresh()
    rows = sorted({i.row() for i in view.selectionModel().selectedIndexes()})
    assert rows == [2, 3, 4, 5] and {view.model().id_at(r) for r in rows} == kept


class _CountingModel(QAbstractTableModel):
    """Many rows, and a count of how often Qt asks for an item's flags."""

    def __init__(self, rows: int):
        super().__init__()
        self.rows = rows
        self.flag_calls = 0

    def rowCount(self, parent=QModelIndex()):  # noqa: B008
        return 0 if parent.isValid() else self.rows

    def columnCount(self, parent=QModelIndex()):  # noqa: B008
        return 0 if parent.isValid() else 3

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return index.row() if role == Qt.ItemDataRole.DisplayRole else None

    def flags(self, index):
        self.flag_calls += 1
        return super().flags(index)


def test_headers_do_not_ask_every_row_after_select_all(qtbot):
    model = _CountingModel(50_000)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    keep_headers_off_the_selection(view)
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)
    view.selectAll()
    model.flag_calls = 0
    view.grab()  # paints the headers and the visible cells
    # Work in proportion to what is painted (a screenful of cells), not to the 150,000 cells.
    assert 0 < model.flag_calls < 2_000
    assert view.selectionModel().hasSelection()


def test_copying_many_rows_runs_as_a_task_and_copies_the_same_text(
    qtbot, store, db_path, lots, tmp_path, monkeypatch
):
    from PySide6.QtGui import QGuiApplication, QUndoStack

    from app.context import AppContext
    from app.settings import Settings
    from app.views.pages import idlist_editing
    from app.views.pages.harvests_page import HarvestsPage
    from app.views.widgets.paste_grid import model_row_texts

    tasks = TaskRunner(db_path, "tester")
    ctx = AppContext(store, db_path, QUndoStack(), tasks, settings=Settings(tmp_path / "s.ini"))
    page = HarvestsPage(ctx)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == len(WEIGHTS), timeout=10_000)
    select_rows(page.view, 0, 1)
    page.view.selectionModel().select(
        QItemSelection(page.model.index(3, 0), page.model.index(5, page.model.columnCount() - 1)),
        QItemSelectionModel.SelectionFlag.Select,
    )
    expected = model_row_texts(page.model, [0, 1, 3, 4, 5])
    assert page.copy_selection() is None  # a few rows: at once
    assert QGuiApplication.clipboard().text() == expected
    QGuiApplication.clipboard().clear()
    monkeypatch.setattr(idlist_editing, "COPY_AT_ONCE", 2)
    try:
        with qtbot.waitSignal(page.status_message, timeout=10_000) as said:
            assert page.copy_selection() is not None
        assert QGuiApplication.clipboard().text() == expected
        assert said.args == ["Copied 5 row(s)."]
    finally:
        tasks.cancel_all()
        tasks.wait(5000)
