"""Pasting rows copied from Excel/WPS: every cell parsed before anything is saved; bad cells marked;
the paste of many rows is one undo step."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialogButtonBox

from app.context import AppContext
from app.settings import Settings
from app.tasks import TaskRunner
from app.views.pages.harvests_page import HarvestsPage
from app.views.pages.shipments_page import ShipmentsPage
from app.views.widgets.paste_grid import BAD_BRUSH, split_sheet_text


@pytest.fixture
def ctx(store, db_path, tmp_path):
    stack = QUndoStack()
    tasks = TaskRunner(db_path)
    yield AppContext(store, db_path, stack, tasks, settings=Settings(tmp_path / "s.ini"))
    stack.clear()
    tasks.cancel_all()
    tasks.wait()


def open_page(qtbot, page_class, ctx):
    """A page with its first id list shown (the id query runs as a task)."""
    page = page_class(ctx)
    qtbot.addWidget(page)
    with shown(qtbot, page):
        pass
    return page


def shown(qtbot, page):
    """Wait for the page's id query to put its ids in the table."""
    return qtbot.waitSignal(page.model.refreshed, timeout=10_000)


def test_split_sheet_text_handles_quotes_crlf_and_blank_lines():
    text = '2026-01-06\t"涪江湾\t合作社"\t"说""好""的"\r\n2026-01-07\t"两\n行"\t\r\n\r\n'
    assert split_sheet_text(text) == [
        ["2026-01-06", "涪江湾\t合作社", '说"好"的'],
        ["2026-01-07", "两\n行", ""],
    ]


SHEET = (
    "日期\t经营主体\t品种\t等级\t重量\t备注\n"
    "2026.1.6\t涪江湾\t萝卜\t一级\t3500斤\t\n"
    "2026-01-06\t青禾家庭农场\t青笋\t统货\t１２５０\t雨后\n"  # full-width digits
    "2026-01-07\t涪江湾\t白萝卜\t特级\t三吨半斤斤\t\n"  # the bad cell
)


def test_paste_three_rows_with_one_bad_cell(qtbot, ctx, store, master):
    page = open_page(qtbot, HarvestsPage, ctx)
    dialog = page.paste_text(SHEET)
    qtbot.addWidget(dialog)
    grid = dialog.grid
    assert grid.rowCount() == 3  # the header row was recognised, not pasted
    problems = grid.problems()
    assert [(r, grid.grid_columns[c].key) for r, c, _ in problems] == [(2, "weight")]
    bad = grid.item(2, grid.column_of("weight"))
    assert bad.background() == BAD_BRUSH
    assert bad.toolTip() == "'三吨半斤斤': nothing may follow 半"
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled()
    dialog.accept()  # refused while a cell is bad
    assert store.harvests.count() == 0
    assert grid.row_values(0)["weight"] == 1_750_000
    assert grid.row_values(1)["weight"] == 1_250_000
    assert grid.row_values(0)["crop"] == master["crops"][0].id  # alias 萝卜

    # fixing the cell clears its mark; dropping the row works too
    grid.set_text(2, "weight", "3.5吨")
    assert grid.problems() == [] and save.isEnabled()
    grid.set_text(2, "weight", "??")
    grid.drop_rows([2])
    assert save.isEnabled()
    n = ctx.undo_stack.count()
    with shown(qtbot, page), qtbot.waitSignal(page.records_written):
        save.click()
    assert store.harvests.count() == 2
    assert ctx.undo_stack.count() == n + 1  # one undo step for the whole paste
    assert page.model.rowCount() == 2
    with shown(qtbot, page):
        ctx.undo_stack.undo()
    assert store.harvests.count() == 0 and page.model.rowCount() == 0
    with shown(qtbot, page):
        ctx.undo_stack.redo()
    assert store.harvests.count() == 2 and page.model.rowCount() == 2


def test_paste_without_header_maps_columns_in_order(qtbot, ctx, store, master):
    page = open_page(qtbot, HarvestsPage, ctx)
    dialog = page.paste_text("2026-01-06\t涪江湾\t白萝卜\t\t1.2吨\n")
    qtbot.addWidget(dialog)
    assert dialog.grid.problems() == []
    assert dialog.grid.row_values(0)["weight"] == 1_200_000


def test_paste_shipment_rows_grouped_by_ticket(qtbot, ctx, store, master):
    page = open_page(qtbot, ShipmentsPage, ctx)
    text = (
        "2026-01-06\tB20260106-007\t陈建华\t双福\t渝C12345\t9000\t3000\t涪江湾\t萝卜\t一级\t4000\t2.4\n"
        "2026-01-06\tB20260106-007\t陈建华\t双福\t渝C12345\t9000\t3000\t青禾家庭农场\t莴笋\t\t2000\t一块五一斤\n"
        "2026-01-06\tB20260106-008\t周德明\t盘溪\t渝D1\t5000\t2000\t涪江湾\t萝卜\t\t3000\t1\n"
    )
    dialog = page.paste_text(text)
    qtbot.addWidget(dialog)
    grid = dialog.grid
    assert [(r, grid.grid_columns[c].key) for r, c, _ in grid.problems()] == [(2, "plate")]
    assert store.shipments.count() == 0
    grid.set_text(2, "plate", "渝D12345")
    with shown(qtbot, page):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert store.shipments.count() == 2 and page.model.rowCount() == 2
    first = store.shipments.by_ticket("B20260106-007")
    assert [line.agreed_price for line in first.lines] == [24_000, 30_000]
    assert first.market_id == master["markets"][0].id
    with shown(qtbot, page):
        ctx.undo_stack.undo()
    assert store.shipments.count() == 0 and page.model.rowCount() == 0


def test_grid_fill_down_with_ctrl_d(qtbot, ctx, store, master):
    page = open_page(qtbot, HarvestsPage, ctx)
    dialog = page.paste_text("2026-01-06\t涪江湾\t白萝卜\t一级\t100\n2026-01-07\t青禾家庭农场\t莴笋\t\t200\n")
    qtbot.addWidget(dialog)
    grid = dialog.grid
    c = grid.column_of("grade")
    grid.setRangeSelected(_range(0, 1, c), True)
    grid.fill_down()
    assert grid.text(1, "grade") == "一级"


def _range(top, bottom, column):
    from PySide6.QtWidgets import QTableWidgetSelectionRange

    return QTableWidgetSelectionRange(top, column, bottom, column)


def test_a_pasted_plot_is_kept_checked_and_a_column_with_no_place_is_reported(qtbot, ctx, store, master):
    page = open_page(qtbot, HarvestsPage, ctx)
    fj_plot = master["plots"][0]
    sheet = (
        "日期\t经营主体\t地块\t品种\t重量\t车号\n"
        "2026-01-06\t涪江湾\t一号地\t萝卜\t100\t渝C1\n"
        "2026-01-06\t涪江湾\t河边地\t萝卜\t200\t渝C2\n"  # 河边地 is 青禾's plot, not 涪江湾's
    )
    dialog = page.paste_text(sheet)
    qtbot.addWidget(dialog)
    grid = dialog.grid
    assert grid.rowCount() == 2
    plot = grid.column_of("plot")
    assert grid.item(0, plot).text() == "一号地" and grid.item(0, plot).background() != BAD_BRUSH
    assert grid.item(1, plot).background() == BAD_BRUSH
    assert "no plot named 河边地" in grid.item(1, plot).toolTip() and "一号地" in grid.item(1, plot).toolTip()
    # 车号 maps to nothing a harvest has: said, not dropped silently.
    assert dialog.left_out.text() == "Not pasted, no column of that name: 车号"
    assert not dialog.left_out.isHidden()
    grid.drop_rows([1])
    with shown(qtbot, page):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    saved = [h for h in store.harvests.list() if h.weight_g == 100_000]
    assert [h.plot_id for h in saved] == [fj_plot.id]


def test_pasted_columns_beyond_the_grid_without_a_header_are_reported(qtbot, ctx, store, master):
    page = open_page(qtbot, HarvestsPage, ctx)
    dialog = page.paste_text("2026-01-06\t涪江湾\t白萝卜\t\t100\t\t一号地\t多余\t还有\n")
    qtbot.addWidget(dialog)
    assert dialog.grid.item(0, dialog.grid.column_of("plot")).text() == "一号地"
    assert dialog.left_out.text() == "Not pasted: 2 column(s) beyond the last one"


def test_a_pasted_truck_above_40_t_asks_and_keeps_the_acceptance_with_it(qtbot, ctx, store, master):
    page = open_page(qtbot, ShipmentsPage, ctx)
    text = "2026-01-06\tB20260106-009\t陈建华\t双福\t渝C12345\t60000\t15000\t涪江湾\t萝卜\t一级\t45000\t0.8\n"
    dialog = page.paste_text(text)
    qtbot.addWidget(dialog)
    assert dialog.grid.problems() == []  # allowed, only implausible
    asked: list[list[str]] = []
    page.accept_warnings = lambda warnings: asked.append(warnings) or False
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert store.shipments.count() == 0 and dialog.isVisible()  # "Check again": back to the rows
    assert asked == [
        [
            "ticket B20260106-009: a truck of 45,000.0 kg net is above 40 t; is a digit too many?",
            "ticket B20260106-009: line 1: a line of 45,000.0 kg is above 40 t; is a digit too many?",
        ]
    ]
    page.accept_warnings = lambda warnings: True
    with shown(qtbot, page):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    saved = store.shipments.by_ticket("B20260106-009")
    assert saved.net_g == 45_000_000
    after = store.db.execute(
        "SELECT after FROM audit_log WHERE table_name = 'warnings_accepted' AND row_id = ?", [saved.id]
    ).fetchone()[0]
    assert "above 40 t" in after and '"table": "shipments"' in after
