"""The id-list model on a generated database of ~50k rows: true counts, block fetch, sort, filter, selection."""

from __future__ import annotations

import pytest
from bulkdata import populate
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt

from app.models.harvest_model import harvest_model
from app.models.idlist import IdListModel
from app.models.shipment_model import shipment_model
from app.tasks import TaskRunner
from db.browse import BrowseFilter
from db.errors import ValidationError
from db.i18n import translate
from db.records import Harvest
from db.repositories import Store
from db.storage.connection import open_database

N_HARVESTS = 50_000
N_SHIPMENTS = 20_000


@pytest.fixture(scope="module")
def big_path(tmp_path_factory):
    return tmp_path_factory.mktemp("big") / "big.db"


@pytest.fixture(scope="module")
def big(big_path):
    store = Store(open_database(big_path), user="tester")
    master = populate(store, N_HARVESTS, N_SHIPMENTS)
    yield store, master
    store.close()


def test_models_pass_qtmodeltester(qtmodeltester, big):
    store, _ = big
    for model in (harvest_model(store.db), shipment_model(store.db)):
        model.refresh()
        model.set_filter(BrowseFilter(start="2025-12-01"))  # keep the tester's full walk short
        assert 0 < model.rowCount() < 3000
        qtmodeltester.check(model, force_py=True)


def test_row_count_is_true_count_and_rows_come_in_blocks(big):
    store, _ = big
    model = harvest_model(store.db)
    model.refresh()
    assert model.rowCount() == N_HARVESTS
    assert model.fetches == 0  # nothing fetched until painted
    last = model.index(N_HARVESTS - 1, model.column_index("lot"))
    assert model.data(last).startswith("L")  # Ctrl+End: the last row is there
    assert model.fetches == 1
    for row in range((N_HARVESTS - 1) // IdListModel.BLOCK * IdListModel.BLOCK, N_HARVESTS):
        model.data(model.index(row, 0))
    assert model.fetches == 1  # the same block
    for row in range(0, N_HARVESTS, IdListModel.BLOCK):
        model.data(model.index(row, 0))
    assert len(model._blocks) == IdListModel.MAX_BLOCKS  # the cache stays bounded
    # newest first: the last row is the first lot written
    assert model.data(last) == store.harvests.get(min(model.ids)).lot_code


def test_display_units_and_alignment(big):
    store, _ = big
    model = shipment_model(store.db)
    model.refresh()
    net = model.column_index("net")
    amount = model.column_index("amount")
    header = model.headerData(net, Qt.Orientation.Horizontal)
    assert "kg" in header
    assert "yuan" in model.headerData(amount, Qt.Orientation.Horizontal)  # no translator: the English source
    align = model.data(model.index(0, net), Qt.ItemDataRole.TextAlignmentRole)
    assert align & Qt.AlignmentFlag.AlignRight
    row = model.record_row(0)
    assert model.data(model.index(0, amount), IdListModel.ValueRole) == row.amount_fen
    assert model.data(model.index(0, net)) == f"{row.net_g / 1000:,.1f}"


def test_sort_by_each_sortable_column(big):
    store, _ = big
    model = shipment_model(store.db)
    model.refresh()
    for i, column in enumerate(model.columns):
        if not column.sortable:
            continue
        model.sort(i, Qt.SortOrder.AscendingOrder)
        assert model.rowCount() == N_SHIPMENTS
        values = [model.data(model.index(r, i), IdListModel.ValueRole) for r in range(0, 600, 7)]
        if column.key in ("net", "amount", "lines", "date", "ticket", "plate"):
            assert values == sorted(values), column.key
    buyer = model.column_index("buyer")
    model.sort(buyer, Qt.SortOrder.DescendingOrder)
    names = [model.data(model.index(r, buyer)) for r in range(0, N_SHIPMENTS, 97)]
    assert names == sorted(names, reverse=True)


def test_filter_changes_count_and_per_line_filters_apply(big):
    store, master = big
    model = shipment_model(store.db)
    model.refresh()
    crop = master["crops"][0]
    model.set_filter(BrowseFilter(crop_ids=(crop.id,), payment_statuses=("unpaid",)))
    n = model.rowCount()
    assert 0 < n < N_SHIPMENTS
    for r in range(0, n, max(1, n // 40)):
        sid = model.id_at(r)
        shipment = store.shipments.get(sid)
        assert shipment.payment_status == "unpaid"
        assert any(line.crop_id == crop.id for line in shipment.lines)


def test_refresh_keeps_selection_by_id(big):
    store, master = big
    model = harvest_model(store.db)
    model.refresh()
    selection = QItemSelectionModel(model)
    model.selection_model = selection
    chosen = [model.id_at(5), model.id_at(6), model.id_at(900)]
    sel = QItemSelection(model.index(5, 0), model.index(6, 2))
    sel.select(model.index(900, 0), model.index(900, 2))
    selection.select(sel, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    selection.setCurrentIndex(model.index(900, 1), QItemSelectionModel.SelectionFlag.NoUpdate)
    # a new lot dated today goes to the top, so every row moves down by one
    added = store.harvests.add(
        Harvest("2026-02-01", master["operators"][0].id, master["crops"][0].id, 1_000_000)
    )
    model.refresh()
    assert model.id_at(0) == added.id
    rows = sorted({i.row() for i in selection.selectedIndexes()})
    assert [model.id_at(r) for r in rows] == chosen
    assert selection.currentIndex().row() == 901
    assert selection.currentIndex().column() == 1
    store.harvests.delete(added.id)


def test_sort_keeps_selected_record(big):
    store, _ = big
    model = harvest_model(store.db)
    model.refresh()
    selection = QItemSelectionModel(model)
    model.selection_model = selection
    target = model.id_at(10)
    selection.select(model.index(10, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    model.sort(model.column_index("weight"), Qt.SortOrder.AscendingOrder)
    rows = {i.row() for i in selection.selectedIndexes()}
    assert [model.id_at(r) for r in rows] == [target]


def test_edit_goes_to_the_handler_not_the_database(big):
    store, _ = big
    model = harvest_model(store.db)
    model.refresh()
    calls = []
    weight = model.column_index("weight")
    assert not model.flags(model.index(0, weight)) & Qt.ItemFlag.ItemIsEditable
    model.edit_handler = lambda ids, key, text: calls.append((ids, key, text)) or True
    assert model.flags(model.index(0, weight)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, model.column_index("lot"))) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(model.index(3, weight), "3500斤")
    assert calls == [([model.id_at(3)], "weight", "3500斤")]


# ---- the id query as a task (DESIGN.md convention 6)


@pytest.fixture
def runner(big_path):
    tasks = TaskRunner(big_path)
    yield tasks
    tasks.cancel_all()
    tasks.wait()


def _async_model(qtbot, store, runner, make=harvest_model):
    model = make(store.db, None, runner)
    with qtbot.waitSignal(model.refreshed, timeout=10_000):
        model.refresh()
    return model


def test_id_query_runs_as_a_task_and_the_old_rows_stay_until_its_ids_arrive(qtbot, big, runner):
    store, master = big
    model = _async_model(qtbot, store, runner)
    assert model.rowCount() == N_HARVESTS and not model.pending
    flt = BrowseFilter(operator_ids=(master["operators"][0].id,))
    with qtbot.waitSignal(model.refreshed, timeout=10_000):
        model.set_filter(flt)
        # nothing changed yet: the old ids, their filter and their true count are still shown
        assert model.pending
        assert model.rowCount() == N_HARVESTS and model.filter == BrowseFilter()
        assert model.requested_filter == flt
        assert model.data(model.index(N_HARVESTS - 1, 0))  # and can still be painted
    assert not model.pending and model.filter == flt
    assert model.ids == model.browser.ids(flt, "date", True)
    assert 0 < model.rowCount() < N_HARVESTS


def test_a_newer_request_replaces_an_older_one(qtbot, big, runner):
    store, _ = big
    model = _async_model(qtbot, store, runner, shipment_model)
    shown: list[int] = []
    model.refreshed.connect(lambda: shown.append(model.rowCount()))
    with qtbot.waitSignal(model.pending_changed, timeout=10_000, check_params_cb=lambda p: not p):
        model.set_filter(BrowseFilter(start="2025-01-01"))
        model.sort(model.column_index("buyer"), Qt.SortOrder.AscendingOrder)  # a grouped sort
        model.set_filter(BrowseFilter(payment_statuses=("paid",)))
    expected = model.browser.ids(BrowseFilter(payment_statuses=("paid",)), "buyer", False)
    assert shown == [len(expected)]  # only the newest ids were ever shown
    assert model.ids == expected and model.sort_key == "buyer" and not model.descending


def test_selection_is_kept_by_id_across_a_query_in_a_task(qtbot, big, runner):
    store, _ = big
    model = _async_model(qtbot, store, runner)
    selection = QItemSelectionModel(model)
    model.selection_model = selection
    target = model.id_at(10)
    selection.select(model.index(10, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    selection.setCurrentIndex(model.index(10, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
    with qtbot.waitSignal(model.refreshed, timeout=10_000):
        model.sort(model.column_index("weight"), Qt.SortOrder.AscendingOrder)
    rows = {i.row() for i in selection.selectedIndexes()}
    assert [model.id_at(r) for r in rows] == [target]
    assert model.id_at(selection.currentIndex().row()) == target


def test_a_failed_id_query_keeps_the_rows_and_says_why(qtbot, big, runner):
    store, _ = big
    model = _async_model(qtbot, store, runner)
    before = model.ids

    def broken(db):
        raise ValidationError(translate("db", "tare cannot be negative"))

    model.task_browser = broken
    with qtbot.waitSignal(model.refresh_failed, timeout=10_000) as failed:
        model.set_filter(BrowseFilter(start="2025-12-01"))
    assert failed.args == ["tare cannot be negative"]
    qtbot.waitUntil(lambda: not model.pending)
    assert model.ids == before and model.filter == BrowseFilter()
    assert model.requested_filter == BrowseFilter()  # the same filter asked again is a new request
