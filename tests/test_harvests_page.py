"""The Harvests page and form on a real database: keyboard entry, edit, undo/redo, fill down, filters,
sorting, selection totals, deleting a lot that shipments refer to, language switch."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QInputMethodEvent, QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.context import AppContext
from app.models.idlist import IdListModel
from app.settings import Settings
from app.tasks import TaskRunner
from app.views.pages.harvests_page import HarvestsPage
from db.records import Harvest, Shipment, ShipmentLine


@pytest.fixture
def ctx(store, db_path, tmp_path):
    stack = QUndoStack()
    tasks = TaskRunner(db_path)
    yield AppContext(store, db_path, stack, tasks, settings=Settings(tmp_path / "s.ini"))
    stack.clear()
    tasks.cancel_all()
    tasks.wait()


@pytest.fixture
def lots(store, master):
    ops, crops = master["operators"], master["crops"]
    return [
        store.harvests.add(Harvest("2026-01-05", ops[0].id, crops[0].id, 1_500_000, grade="first")),
        store.harvests.add(Harvest("2026-01-06", ops[1].id, crops[1].id, 800_000)),
        store.harvests.add(Harvest("2026-01-07", ops[0].id, crops[1].id, 2_000_000, grade="special")),
    ]


@pytest.fixture
def page(qtbot, ctx, lots):
    p = HarvestsPage(ctx)
    qtbot.addWidget(p)
    p.resize(1200, 500)
    with shown(qtbot, p):  # the first id query runs as a task
        p.show()
    qtbot.waitExposed(p)
    errors: list[str] = []
    p.show_error = errors.append
    p.errors = errors
    return p


def shown(qtbot, page):
    """Wait for the page's id query (a task, off the GUI thread) to put its ids in the table."""
    return qtbot.waitSignal(page.model.refreshed, timeout=10_000)


def table(page) -> list[tuple]:
    m = page.model
    return [tuple(m.data(m.index(r, c)) for c in range(m.columnCount())) for r in range(m.rowCount())]


def col(page, key):
    return page.model.column_index(key)


def activate(qtbot, window):
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def type_keys(window, text):
    """Type as a person does: ASCII as key presses, Chinese as an input method commits it; each goes to
    whatever in the window has the focus now."""
    for chunk in re.findall(r"[\x00-\x7f]+|[^\x00-\x7f]+", text):
        if chunk.isascii():
            for ch in chunk:
                QTest.keyClicks(window.focusWidget(), ch)
        else:
            # An input method first shows the syllables being composed (a table cell opens its
            # editor on that), then commits the characters to whatever has the focus.
            QCoreApplication.sendEvent(window.focusWidget(), QInputMethodEvent(chunk[:1], []))
            event = QInputMethodEvent("", [])
            event.setCommitString(chunk)
            QCoreApplication.sendEvent(window.focusWidget(), event)


def press(window, key, modifier=Qt.KeyboardModifier.NoModifier):
    QTest.keyClick(window.focusWidget(), key, modifier)


def test_table_lists_lots_newest_first_and_model_is_sound(page, lots, qtmodeltester):
    assert page.model.rowCount() == 3
    assert [page.model.id_at(r) for r in range(3)] == [lots[2].id, lots[1].id, lots[0].id]
    assert page.model.data(page.model.index(0, col(page, "weight"))) == "2,000.0"
    assert page.model.data(page.model.index(0, col(page, "grade"))) == "特级"
    qtmodeltester.check(page.model, force_py=True)


def test_keyboard_only_entry_then_undo_and_redo(qtbot, page, ctx, store, master):
    before = table(page)
    form = page.open_form(None)
    activate(qtbot, form)
    form.date.setFocus()
    form.date.selectAll()
    type_keys(form, "2026.1.8")
    press(form, Qt.Key.Key_Return)  # Enter moves on
    assert form.focusWidget() is form.operator
    type_keys(form, "青禾家庭农场")
    press(form, Qt.Key.Key_Tab)
    press(form, Qt.Key.Key_Tab)  # past the plot
    assert form.focusWidget() is form.crop
    type_keys(form, "蘿蔔")  # Traditional
    assert form.crop.value == master["crops"][0].id
    press(form, Qt.Key.Key_Tab)
    press(form, Qt.Key.Key_Tab)  # past the grade
    type_keys(form, "3500斤")
    assert form.weight.message.text() == "= 1,750 kg (3,500 斤)"
    with shown(qtbot, page), qtbot.waitSignal(form.saved) as saved:
        press(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    added = saved.args[0]
    assert (added.harvest_date, added.weight_g, added.operator_id) == (
        "2026-01-08",
        1_750_000,
        master["operators"][1].id,
    )
    assert added.lot_code == "L20260108-0001"
    assert page.model.rowCount() == 4 and page.model.id_at(0) == added.id
    assert page.current_id() == added.id  # made current once its row arrived
    assert ctx.settings.entry_default("date") == "2026-01-08"

    with shown(qtbot, page):
        ctx.undo_stack.undo()
    assert table(page) == before
    assert store.harvests.find(added.id) is None
    with shown(qtbot, page):
        ctx.undo_stack.redo()
    assert page.model.id_at(0) == added.id
    assert store.harvests.get(added.id) == added


def test_form_shows_problems_beside_fields_and_does_not_save(qtbot, page, store):
    form = page.open_form(None)
    qtbot.addWidget(form)
    form.weight.setText("3500")  # bare number: kg by default
    assert form.weight.message.text().startswith("= 3,500 kg")
    form.weight.setText("三吨半")
    assert form.weight.value == 3_500_000
    form.weight.setText("12xyz")
    assert form.weight.value is None and form.weight.message.text()
    assert not form.save()
    # Every problem is named beside its field: the three left empty and the one typed wrong (with
    # no operator or crop there is no grade to take over, and the grade is never guessed).
    assert form.error.text().splitlines() == [
        "Operator: Required",
        "Crop: Required",
        "Grade: Required",
        "Weight: '12xyz' has an unknown unit; use 斤, 两, 公斤/kg, 克/g, 吨/t or 担",
    ]
    assert store.harvests.count() == 3


def test_edit_in_place_and_edit_form(qtbot, page, ctx, store, lots):
    row = page.model.row_of(lots[1].id)
    with shown(qtbot, page):
        assert page.set_value([lots[1].id], "weight", "1.2吨")
        # the rows shown repaint at once; the new id list follows from a task
        assert page.model.pending
        assert page.model.data(page.model.index(row, col(page, "weight"))) == "1,200.0"
    assert store.harvests.get(lots[1].id).weight_g == 1_200_000
    assert page.model.data(page.model.index(page.model.row_of(lots[1].id), col(page, "weight"))) == "1,200.0"
    with shown(qtbot, page):
        ctx.undo_stack.undo()
    assert store.harvests.get(lots[1].id).weight_g == 800_000
    # a bad value is refused with the reason, nothing written
    assert not page.set_value([lots[1].id], "weight", "abc")
    assert page.errors and store.harvests.get(lots[1].id).weight_g == 800_000
    # the form edits a whole record; the lot code stays
    page.view.setCurrentIndex(page.model.index(row, 0))
    form = page.open_form(store.harvests.get(lots[1].id))
    qtbot.addWidget(form)
    form.notes.setText("雨后采收")
    with shown(qtbot, page):
        assert form.save()
    assert store.harvests.get(lots[1].id).notes == "雨后采收"
    assert store.harvests.get(lots[1].id).lot_code == lots[1].lot_code


def test_value_typed_across_a_selection_is_one_undo_step(qtbot, page, ctx, store, lots):
    c = col(page, "grade")
    page.view.selectionModel().select(
        QItemSelection(page.model.index(0, c), page.model.index(2, c)),
        QItemSelectionModel.SelectionFlag.ClearAndSelect,
    )
    n = ctx.undo_stack.count()
    with shown(qtbot, page):
        assert page.set_value_for_selection("grade", "二级")
    assert {store.harvests.get(h.id).grade for h in lots} == {"second"}
    assert ctx.undo_stack.count() == n + 1
    assert len(page.view.selectionModel().selectedIndexes()) == 3  # kept across the refresh
    with shown(qtbot, page):
        ctx.undo_stack.undo()
    assert [store.harvests.get(h.id).grade for h in lots] == ["first", "ungraded", "special"]


def test_fill_down_is_one_undo_step(qtbot, page, ctx, store, lots):
    c = col(page, "weight")
    page.view.selectionModel().select(
        QItemSelection(page.model.index(0, c), page.model.index(2, c)),
        QItemSelectionModel.SelectionFlag.ClearAndSelect,
    )
    top = page.model.id_at(0)
    with shown(qtbot, page):
        page.fill_down()
    assert {store.harvests.get(h.id).weight_g for h in lots} == {store.harvests.get(top).weight_g}
    with shown(qtbot, page):
        ctx.undo_stack.undo()
    assert [store.harvests.get(h.id).weight_g for h in lots] == [1_500_000, 800_000, 2_000_000]
    assert page.model.data(page.model.index(2, c)) == "1,500.0"


def test_filters_search_and_dates(qtbot, page, master, lots):
    with shown(qtbot, page):
        page.combos["operator"].select_value(master["operators"][0].id)
        assert page.model.rowCount() == 3  # the old rows stay until the new ids arrive
        assert page.count_label.text().endswith("…")
    assert page.model.rowCount() == 2
    assert not page.count_label.text().endswith("…")
    with shown(qtbot, page):
        page.combos["grade"].select_value("special")
    assert [page.model.id_at(r) for r in range(page.model.rowCount())] == [lots[2].id]
    with shown(qtbot, page):
        page.clear_filters()
    assert page.model.rowCount() == 3
    with shown(qtbot, page):
        page.search.setText("青笋")  # alias of 莴笋
        page.apply_filters()
    assert {page.model.id_at(r) for r in range(page.model.rowCount())} == {lots[1].id, lots[2].id}
    with shown(qtbot, page):
        page.clear_filters()
    with shown(qtbot, page):
        page.date_from.setText("2026.1.6")
    page.date_to.setText("1/6/2026")  # ambiguous year-last: ignored, not guessed
    assert not page.model.pending and page.model.rowCount() == 2
    with shown(qtbot, page):
        page.date_to.setText("2026-01-06")
    assert [page.model.id_at(r) for r in range(page.model.rowCount())] == [lots[1].id]
    assert "1" in page.count_label.text()


def test_sorting_by_header(qtbot, page, lots):
    with shown(qtbot, page):
        page.view.sortByColumn(col(page, "weight"), Qt.SortOrder.AscendingOrder)
    assert [page.model.id_at(r) for r in range(3)] == [lots[1].id, lots[0].id, lots[2].id]
    with shown(qtbot, page):
        page.view.sortByColumn(col(page, "grade"), Qt.SortOrder.AscendingOrder)
    assert [page.model.id_at(r) for r in range(3)] == [lots[2].id, lots[0].id, lots[1].id]  # 特级 一级 统货


def test_selection_totals_reach_the_status_bar(qtbot, page):
    c = col(page, "weight")
    with qtbot.waitSignal(page.selection_summary_changed) as blocker:
        page.view.selectionModel().select(
            QItemSelection(page.model.index(0, c), page.model.index(2, c)),
            QItemSelectionModel.SelectionFlag.ClearAndSelect,
        )
    text = blocker.args[0]
    assert "3" in text and "4,300.0 kg" in text and "1,433.3 kg" in text


def test_deleting_a_lot_on_a_shipment_explains_and_keeps_it(qtbot, page, ctx, store, master, lots):
    store.shipments.add(
        Shipment(
            "2026-01-07",
            "B20260107-001",
            master["buyers"][0].id,
            3_000_000,
            1_000_000,
            lines=(
                ShipmentLine(
                    master["operators"][0].id, master["crops"][0].id, 1_500_000, 24_000, lot_ids=(lots[0].id,)
                ),
            ),
        )
    )
    with shown(qtbot, page):
        page.refresh()
    page.confirm = lambda question: True
    page.view.setCurrentIndex(page.model.index(page.model.row_of(lots[0].id), 0))
    page.delete_selected()
    assert store.harvests.find(lots[0].id) is not None
    assert lots[0].lot_code in page.errors[-1] and "1" in page.errors[-1]
    # an unreferenced lot goes, and comes back on undo with its id
    page.view.setCurrentIndex(page.model.index(page.model.row_of(lots[1].id), 0))
    page.view.selectionModel().select(
        page.view.currentIndex(), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    with shown(qtbot, page):
        page.delete_selected()
    assert store.harvests.find(lots[1].id) is None and page.model.rowCount() == 2
    with shown(qtbot, page):
        ctx.undo_stack.undo()
    assert store.harvests.get(lots[1].id) == lots[1]


def test_delete_asks_first(page, store, lots):
    page.confirm = lambda question: False
    page.view.setCurrentIndex(page.model.index(0, 0))
    page.delete_selected()
    assert store.harvests.count() == 3


def test_language_switch_retranslates(qtbot, page, ctx, lots):
    grade = col(page, "grade")
    assert page.model.data(page.model.index(0, grade)) == "特级"
    ctx.language = "en"
    QCoreApplication.sendEvent(page, QEvent(QEvent.Type.LanguageChange))
    assert page.model.data(page.model.index(0, grade)) == "Premium"
    assert page.combos["grade"].itemText(1) == "Premium"
    assert page.model.headerData(col(page, "weight"), Qt.Orientation.Horizontal) == "Weight (kg)"
    assert page.model.rowCount() == 3
    assert page.model.data(page.model.index(0, 0), IdListModel.IdRole) == max(lot.id for lot in lots)


def test_numbers_are_right_aligned_text_left(page, store, master, lots):
    ops, crops = master["operators"], master["crops"]
    store.shipments.add(
        Shipment(
            "2026-01-08",
            "B1",
            master["buyers"][0].id,
            1_500_000,
            0,
            lines=(ShipmentLine(ops[0].id, crops[0].id, 1_500_000, 20_000, lot_ids=(lots[0].id,)),),
        )
    )
    m = page.model
    m.invalidate_rows()
    row = m.row_of(lots[0].id)
    assert m.data(m.index(row, col(page, "shipped"))) == "1"

    def right(key, header=False):
        role = Qt.ItemDataRole.TextAlignmentRole
        value = m.headerData(col(page, key), Qt.Orientation.Horizontal, role) if header else None
        value = value if header else m.data(m.index(row, col(page, key)), role)
        return bool(value & Qt.AlignmentFlag.AlignRight.value)

    assert right("shipped") and right("shipped", header=True)
    assert right("weight") and not right("operator") and not right("notes", header=True)


def test_what_refers_to_a_lot_is_counted_in_the_interface_language(qtbot, qapp, page, store, master, lots):
    from app.i18n import Translations

    ops, crops = master["operators"], master["crops"]
    for ticket in ("B1", "B2"):
        store.shipments.add(
            Shipment(
                "2026-01-08",
                ticket,
                master["buyers"][0].id,
                1_000_000,
                0,
                lines=(ShipmentLine(ops[0].id, crops[0].id, 1_000_000, 20_000, lot_ids=(lots[0].id,)),),
            )
        )
    translations = Translations(qapp)
    try:
        translations.set_language("en")
        assert page.reference_count("shipment lines", 1) == "1 shipment line"
        assert page.reference_count("certificates", 3) == "3 certificates"
        translations.set_language("zh_CN")
        assert page.reference_count("shipment lines", 2) == "2 条出货明细"
        page.confirm = lambda question: True
        page.view.setCurrentIndex(page.model.index(page.model.row_of(lots[0].id), 0))
        page.delete_selected()
        assert f"{lots[0].lot_code} 仍被 2 条出货明细 引用。" in page.errors[-1]
    finally:
        translations.uninstall()
