"""The Shipments page and form: keyboard-only entry of a shipment with two lines, undo/redo, edits,
filters over lines, sorting, selection totals, the lines-vs-net check and the language switch."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QInputMethodEvent, QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionComboBox

from app.context import AppContext
from app.settings import Settings
from app.tasks import TaskRunner
from app.views.pages.shipments_page import ShipmentsPage
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
def shipments(store, master):
    ops, crops, buyers, markets = master["operators"], master["crops"], master["buyers"], master["markets"]
    return [
        store.shipments.add(
            Shipment(
                "2026-01-05",
                "B20260105-001",
                buyers[0].id,
                9_000_000,
                3_000_000,
                market_id=markets[0].id,
                plate="渝C12345",
                lines=(
                    ShipmentLine(ops[0].id, crops[0].id, 4_000_000, 24_000, grade="first"),
                    ShipmentLine(ops[1].id, crops[1].id, 2_000_000, 30_000),
                ),
            )
        ),
        store.shipments.add(
            Shipment(
                "2026-01-06",
                "B20260106-001",
                buyers[1].id,
                5_000_000,
                2_000_000,
                market_id=markets[1].id,
                payment_status="paid",
                lines=(ShipmentLine(ops[1].id, crops[0].id, 3_000_000, 10_000),),
            )
        ),
    ]


@pytest.fixture
def page(qtbot, ctx, shipments):
    p = ShipmentsPage(ctx)
    qtbot.addWidget(p)
    p.resize(1200, 500)
    with shown(qtbot, p):  # the first id query runs as a task
        p.show()
    qtbot.waitExposed(p)
    p.errors = []
    p.show_error = p.errors.append
    return p


def shown(qtbot, page):
    """Wait for the page's id query (a task, off the GUI thread) to put its ids in the table."""
    return qtbot.waitSignal(page.model.refreshed, timeout=10_000)


def activate(qtbot, window):
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def type_keys(window, text):
    """ASCII as key presses, Chinese as an input method commits it, to the window's focused widget."""
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


def table(page):
    m = page.model
    return [tuple(m.data(m.index(r, c)) for c in range(m.columnCount())) for r in range(m.rowCount())]


def test_one_row_per_shipment_with_line_totals(page, shipments, qtmodeltester):
    m = page.model
    assert m.rowCount() == 2
    row = m.row_of(shipments[0].id)
    assert m.data(m.index(row, m.column_index("lines"))) == "2"
    assert m.data(m.index(row, m.column_index("amount"))) == "15,600.00"
    assert m.data(m.index(row, m.column_index("net"))) == "6,000.0"
    assert m.data(m.index(row, m.column_index("status"))) == "未付"
    qtmodeltester.check(m, force_py=True)


def test_keyboard_only_shipment_with_two_lines_then_undo_redo(qtbot, page, ctx, store, master):
    before = table(page)
    form = page.open_form(None)
    activate(qtbot, form)
    assert form.ticket.text().startswith("B")
    form.date.setFocus()
    form.date.selectAll()
    type_keys(form, "2026年1月8日")
    assert form.ticket.text() == "B20260108-001"  # the suggestion follows the date
    press(form, Qt.Key.Key_Return)
    assert form.focusWidget() is form.buyer
    type_keys(form, "陳建華")  # Traditional characters
    assert form.buyer.value == master["buyers"][0].id
    assert form.market.value == master["markets"][0].id  # the buyer's usual market
    assert form.plate.text() == "渝C12345"  # the buyer's plate offered
    form.gross.setFocus()
    type_keys(form, "9.5吨")
    press(form, Qt.Key.Key_Tab)
    assert form.focusWidget() is form.tare
    type_keys(form, "3500")
    assert form.net.text().startswith("6,000.0 kg")
    press(form, Qt.Key.Key_Tab)
    type_keys(form, "2%")
    assert "payable 5,880.0 kg" in form.net.text()
    press(form, Qt.Key.Key_Tab)  # into the lines grid, first cell
    assert form.focusWidget() is form.lines
    assert (form.lines.currentRow(), form.lines.currentColumn()) == (0, 0)
    for text in ("涪江湾", "蘿蔔", "一级", "4000", "一块二一斤"):
        type_keys(form, text)  # the first key opens the cell editor
        press(form, Qt.Key.Key_Tab)
    # past the last cell of a filled row a new line starts
    assert form.lines.rowCount() == 2 and form.lines.currentRow() == 1
    for text in ("青禾家庭农场", "青笋", "", "2000", "3"):
        if text:
            type_keys(form, text)
        press(form, Qt.Key.Key_Tab)
    assert form.lines.problems() == []
    # Live: the 2 % deduction (120 kg) shared over the lines by weight, amounts on payable kg.
    assert [form.lines.text(r, "deduction") for r in (0, 1)] == ["80.0", "40.0"]
    assert [form.lines.text(r, "payable") for r in (0, 1)] == ["3,920.0", "1,960.0"]
    assert form.lines.text(0, "amount") == "9,408.00"
    assert form.lines.text(1, "amount") == "5,880.00"
    assert "15,288.00 元" in form.totals.text()
    assert form.mismatch.text() == ""  # 4000 + 2000 = the truck's 6000 kg
    with shown(qtbot, page), qtbot.waitSignal(form.saved) as saved:
        press(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    added = saved.args[0]
    assert added.ticket_no == "B20260108-001"
    assert added.net_g == 6_000_000 and added.deduction_g == 120_000 and added.deduction_pct_x100 == 200
    # The 120 kg (2 %) deduction is shared 80 : 40 kg by line weight; amounts on the payable kg.
    assert [(line.net_g, line.payable_g, line.agreed_price, line.amount_fen) for line in added.lines] == [
        (4_000_000, 3_920_000, 24_000, 940_800),
        (2_000_000, 1_960_000, 30_000, 588_000),
    ]
    assert added.lines[0].grade == "first" and added.lines[1].grade == "ungraded"
    assert page.model.id_at(0) == added.id and page.current_id() == added.id
    assert ctx.settings.entry_default("buyer_id") == str(master["buyers"][0].id)

    with shown(qtbot, page):
        ctx.undo_stack.undo()
    assert table(page) == before
    assert store.shipments.find(added.id) is None
    with shown(qtbot, page):
        ctx.undo_stack.redo()
    assert store.shipments.get(added.id) == added
    assert page.model.id_at(0) == added.id


def test_lines_not_matching_the_net_are_shown_not_blocked(qtbot, page, store, master):
    form = page.open_form(None)
    qtbot.addWidget(form)
    form.buyer.setText("周德明")
    form.gross.setText("5000")
    form.tare.setText("2000")
    form.lines.set_text(0, "operator", "涪江湾")
    form.lines.set_text(0, "crop", "白萝卜")
    form.lines.set_text(0, "net", "2900")
    form.lines.set_text(0, "price", "2.4")
    assert "2,900.0" in form.mismatch.text() and "3,000.0" in form.mismatch.text()
    with shown(qtbot, page):
        assert form.save()
    assert store.shipments.count() == 3 and page.model.rowCount() == 3


def test_bad_line_cell_is_marked_and_blocks_save(qtbot, page, store):
    form = page.open_form(None)
    qtbot.addWidget(form)
    form.buyer.setText("周德明")
    form.gross.setText("5000")
    form.tare.setText("2000")
    form.lines.add_row(["涪江湾", "白萝卜", "", "3000", "两块四毛八分五"])
    form.lines.set_text(1, "price", "abc")
    bad = form.lines.problems()
    assert [(r, form.lines.grid_columns[c].key) for r, c, _ in bad] == [(1, "price")]
    assert form.lines.item(1, form.lines.column_of("price")).toolTip()
    assert not form.save()
    assert store.shipments.count() == 2
    form.lines.drop_rows([1])
    form.lines.add_row(["涪江湾", "白萝卜", "", "3000", "1.2"])
    form.ask_price_unit = lambda old, new: "re-read"  # the clerk means the number per 斤
    form.price_unit.setCurrentText("元/斤")  # the bare price is now per 斤
    assert form.lines.row_values(1)["price"] == 24_000


def test_edit_keeps_lots_and_links_lots_near_the_date(qtbot, page, ctx, store, master, shipments):
    lot = store.harvests.add(
        Harvest("2026-01-04", master["operators"][0].id, master["crops"][0].id, 4_000_000)
    )
    form = page.open_form(store.shipments.get(shipments[0].id))
    qtbot.addWidget(form)
    assert form.ticket.text() == "B20260105-001"
    assert [h.id for h in form.lot_choices(0)] == [lot.id]
    assert form.lot_choices(1) == []  # another operator and crop
    form.set_line_lots(0, [lot.id])
    assert form.lines.text(0, "lots") == lot.lot_code
    form.status.setCurrentIndex(form.status.findData("partial"))
    with shown(qtbot, page):
        assert form.save()
    saved = store.shipments.get(shipments[0].id)
    assert saved.lines[0].lot_ids == (lot.id,) and saved.payment_status == "partial"
    with shown(qtbot, page):
        ctx.undo_stack.undo()
    assert store.shipments.get(shipments[0].id) == shipments[0]


def test_duplicate_gets_a_new_ticket(qtbot, page, store, shipments):
    page.view.setCurrentIndex(page.model.index(page.model.row_of(shipments[0].id), 0))
    form = page.open_form(store.shipments.get(shipments[0].id), duplicate=True)
    qtbot.addWidget(form)
    assert form.ticket.text() == "B20260105-002"
    with shown(qtbot, page):
        assert form.save()
    assert store.shipments.count() == 3


def test_duplicate_ticket_is_flagged_as_typed(qtbot, page):
    form = page.open_form(None)
    qtbot.addWidget(form)
    form.ticket.setText("B20260106-001")
    assert "2026-01-06" in form.ticket.message.text()


def test_filters_over_lines_and_header(qtbot, page, master, shipments):
    with shown(qtbot, page):
        page.combos["crop"].select_value(master["crops"][1].id)
    assert [page.model.id_at(r) for r in range(page.model.rowCount())] == [shipments[0].id]
    with shown(qtbot, page):
        page.clear_filters()
    with shown(qtbot, page):
        page.combos["status"].select_value("paid")
    assert [page.model.id_at(r) for r in range(page.model.rowCount())] == [shipments[1].id]
    with shown(qtbot, page):
        page.clear_filters()
    with shown(qtbot, page):
        page.search.setText("盘溪")
        page.apply_filters()
    assert [page.model.id_at(r) for r in range(page.model.rowCount())] == [shipments[1].id]


def test_sorting_and_selection_totals(qtbot, page, shipments):
    m = page.model
    with shown(qtbot, page):
        page.view.sortByColumn(m.column_index("amount"), Qt.SortOrder.AscendingOrder)
    assert [m.id_at(r) for r in range(2)] == [shipments[1].id, shipments[0].id]
    c = m.column_index("amount")
    with qtbot.waitSignal(page.selection_summary_changed) as blocker:
        page.view.selectionModel().select(
            QItemSelection(m.index(0, c), m.index(1, c)), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
    assert "18,600.00 元" in blocker.args[0] and "9,300.00 元" in blocker.args[0]


def test_in_place_edit_with_ctrl_enter_applies_to_the_selection(qtbot, page, ctx, store, shipments):
    m = page.model
    c = m.column_index("status")
    page.view.selectionModel().select(
        QItemSelection(m.index(0, c), m.index(1, c)), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    page.view.setCurrentIndex(m.index(0, c))
    page.view.selectionModel().select(
        QItemSelection(m.index(0, c), m.index(1, c)), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    page.view.setFocus()
    page.view.edit(m.index(0, c))
    editor = QApplication.focusWidget()
    editor.selectAll()
    QTest.keyClicks(editor, "paid")
    with shown(qtbot, page):
        QTest.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert {store.shipments.get(s.id).payment_status for s in shipments} == {"paid"}
    with shown(qtbot, page):
        ctx.undo_stack.undo()
    assert store.shipments.get(shipments[0].id).payment_status == "unpaid"


def test_language_switch(page, ctx):
    m = page.model
    status = m.column_index("status")
    ctx.language = "en"
    QCoreApplication.sendEvent(page, QEvent(QEvent.Type.LanguageChange))
    assert {m.data(m.index(r, status)) for r in range(2)} == {"Unpaid", "Paid"}
    assert page.combos["status"].itemText(3) == "Paid"
    assert m.headerData(m.column_index("amount"), Qt.Orientation.Horizontal) == "Amount (yuan)"


def _text_room(combo):
    """The width a combo box has for its text, and the width its current text needs."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    return field.width(), combo.fontMetrics().horizontalAdvance(combo.currentText())


def test_filter_row_wraps_instead_of_truncating_the_combo_texts(qtbot, page):
    bar = page.filter_bar.layout()
    page.resize(1400, 600)
    qtbot.waitUntil(lambda: page.filter_bar.width() > 1300)
    wide = len(bar.lines(page.filter_bar.width()))
    page.resize(640, 600)
    qtbot.waitUntil(lambda: page.filter_bar.width() < 700)
    narrow = len(bar.lines(page.filter_bar.width()))
    assert narrow > wide >= 1
    for width in (1400, 640):
        page.resize(width, 600)
        qtbot.waitUntil(lambda w=width: abs(page.width() - w) < 2)
        for key, combo in page.combos.items():
            room, needed = _text_room(combo)
            assert room >= needed, key  # "All operators" / "全部经营主体" shown whole
            assert combo.geometry().right() <= page.filter_bar.width(), key
            assert combo.geometry().bottom() <= page.filter_bar.height(), key
    # The popup list shows long names in full, whatever the box's width.
    buyer = page.combos["buyer"]
    assert buyer.view().minimumWidth() >= buyer.view().sizeHintForColumn(0)


def test_export_writes_the_lines_of_the_date_range(qtbot, page, ctx, tmp_path, monkeypatch):
    target = tmp_path / "lines.csv"
    monkeypatch.setattr("app.save_dialog.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    page.date_from.setText("2026-01-06")
    page.apply_filters()
    assert "export" in page.supported_actions()
    page.export()
    with qtbot.waitSignal(page.export_handle.succeeded, timeout=10_000) as done:
        pass
    assert done.args == [1]  # only the 2026-01-06 truck has lines in range: one line
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("日期,磅单号,客商")
    assert lines[1].startswith("2026-01-06,B20260106-001,周德明")
    assert ctx.settings.last_folder == str(tmp_path)


def test_form_bills_each_line_on_payable_weight_at_its_settled_price(qtbot, page, store, master):
    ops, crops = master["operators"], master["crops"]
    s = store.shipments.add(
        Shipment(
            "2026-01-07",
            "B20260107-001",
            master["buyers"][0].id,
            18_000_000,
            8_000_000,
            deduction_pct_x100=150,
            lines=(
                ShipmentLine(ops[0].id, crops[0].id, 6_000_500, 12_345),
                ShipmentLine(ops[1].id, crops[1].id, 3_999_500, 24_000, settled_price=20_000),
            ),
        )
    )
    form = page.open_form(s)
    qtbot.addWidget(form)
    assert [form.lines.text(r, "deduction") for r in (0, 1)] == ["90.008", "59.992"]
    assert [form.lines.text(r, "payable") for r in (0, 1)] == ["5,910.492", "3,939.508"]
    # The form shows what is stored: the second line at its settled 2.00 元/kg, not the agreed 2.40.
    assert [form.lines.text(r, "amount") for r in (0, 1)] == ["7,296.50", "7,879.02"]
    assert form.lines.item(1, form.lines.column_of("amount")).toolTip().startswith("At the settled price 2")
    assert form.totals.text().endswith("payable 9,850.0 kg · 15,175.52 元")
    assert s.amount_fen == 1_517_552
    with shown(qtbot, page):
        page.refresh()
    row = page.model.row_of(s.id)
    assert page.model.data(page.model.index(row, page.model.column_index("payable"))) == "9,850.0"
