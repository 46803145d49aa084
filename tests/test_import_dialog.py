"""Importing a shipments file on the Shipments page: checked in a task, every problem listed and nothing
written, or confirmed and written as one undo step; Cancel writes nothing; the last folder is kept."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication, QUndoStack
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.context import AppContext
from app.i18n import Translations
from app.settings import Settings
from app.tasks import TaskRunner
from app.views.pages.shipments_page import ShipmentsPage
from db import units
from db.importing import check_shipments

HEADER = [
    "日期",
    "磅单号",
    "客商",
    "目的市场",
    "车牌号",
    "经营主体",
    "品种",
    "等级",
    "净重(公斤)",
    "单价(元/公斤)",
    "金额(元)",
]
GOOD = [
    HEADER,
    ["2026-02-03", "I001", "陈建华", "双福", "渝C12345", "涪江湾", "蘿蔔", "一级", "1200", "2.4", "2880.00"],
    ["2026-02-03", "I001", "陈建华", "双福", "渝C12345", "青禾家庭农场", "青笋", "", "500", "1.2元/斤", ""],
    ["2026-02-04", "I002", "周德明", "", "", "涪江湾合作社", "白萝卜", "特級", "3吨半", "855元/吨", ""],
]
BAD = [
    HEADER,
    [
        "2026-02-03",
        "I001",
        "陈建华",
        "双福",
        "渝C12345",
        "涪江湾",
        "白萝卜",
        "一级",
        "1200",
        "2.4",
        "",
    ],  # fine
    ["2026-13-01", "I003", "陈建", "双福", "川X", "涪江湾", "白萝卜", "五级", "12x", "1.2", ""],
    ["2026-02-05", "I004", "周德明", "盘溪", "", "涪江湾", "白萝卜", "", "100", "2", "300.00"],
]


def write_csv(path, rows):
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows(rows)
    return path


def counts(store):
    return {
        t: store.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("shipments", "shipment_lines")
    }


@pytest.fixture
def ctx(store, master, db_path, tmp_path):
    stack = QUndoStack()
    tasks = TaskRunner(db_path)
    yield AppContext(store, db_path, stack, tasks, settings=Settings(tmp_path / "s.ini"))
    stack.clear()
    tasks.cancel_all()
    tasks.wait()


@pytest.fixture
def page(qtbot, ctx):
    p = ShipmentsPage(ctx)
    qtbot.addWidget(p)
    p.resize(1200, 600)
    with qtbot.waitSignal(p.model.refreshed, timeout=10_000):
        p.show()
    p.errors = []
    p.show_error = p.errors.append
    return p


def checked(qtbot, page, path):
    """Start an import of `path` and wait until the file has been read and checked (or the task ended)."""
    importer = page.import_file(path)
    qtbot.waitUntil(lambda: importer.result is not None or bool(importer.outcome), timeout=10_000)
    return importer


def test_good_file_is_confirmed_imported_and_undone_in_one_step(qtbot, page, ctx, store, tmp_path):
    path = write_csv(tmp_path / "good.csv", GOOD)
    before = counts(store)
    importer = checked(qtbot, page, path)
    assert counts(store) == before  # the check wrote nothing
    box = importer.confirmation
    assert box is not None and box.isVisible()
    text = box.informativeText()
    net_g = 1_200_000 + 500_000 + 3_500_000
    amount = units.amount_fen(1_200_000, 24_000) + units.amount_fen(500_000, 24_000)
    amount += units.amount_fen(3_500_000, 8_550)
    assert "Shipments: 2" in text and "Lines: 3" in text
    assert units.format_tonnes(net_g, 3) in text and units.format_yuan(amount) in text

    with qtbot.waitSignal(page.model.refreshed, timeout=10_000):
        box.button(QMessageBox.StandardButton.Yes).click()
    assert importer.outcome == "imported"
    after = counts(store)
    assert after == {"shipments": before["shipments"] + 2, "shipment_lines": before["shipment_lines"] + 3}
    assert ctx.undo_stack.count() == 1
    imported = {s.ticket_no: s for s in store.shipments.list()}
    assert imported["I001"].amount_fen + imported["I002"].amount_fen == amount
    m = page.model
    tickets = {m.data(m.index(r, m.column_index("ticket"))) for r in range(m.rowCount())}
    assert {"I001", "I002"} <= tickets
    qtbot.waitUntil(lambda: page.current_id() in {s.id for s in imported.values()})

    with qtbot.waitSignal(page.model.refreshed, timeout=10_000):
        ctx.undo_stack.undo()
    assert counts(store) == before
    assert page.model.rowCount() == 0
    with qtbot.waitSignal(page.model.refreshed, timeout=10_000):
        ctx.undo_stack.redo()
    assert counts(store) == after
    assert {s.ticket_no: s.id for s in store.shipments.list()} == {t: s.id for t, s in imported.items()}


def test_declining_the_confirmation_writes_nothing(qtbot, page, ctx, store, tmp_path):
    before = counts(store)
    importer = checked(qtbot, page, write_csv(tmp_path / "good.csv", GOOD))
    importer.confirmation.button(QMessageBox.StandardButton.Cancel).click()
    assert importer.outcome == "declined"
    assert counts(store) == before and ctx.undo_stack.count() == 0


def test_every_bad_cell_is_listed_and_nothing_is_written(qtbot, page, ctx, store, tmp_path):
    path = write_csv(tmp_path / "bad.csv", BAD)
    before = counts(store)
    importer = checked(qtbot, page, path)
    assert importer.outcome == "problems" and importer.confirmation is None
    assert counts(store) == before and ctx.undo_stack.count() == 0
    dialog = importer.problems_dialog
    assert dialog is not None and dialog.isVisible()
    expected = check_shipments(store, path).problems
    shown = dialog.shown_problems()
    assert [(r, c, v) for r, c, v, _ in shown] == [
        (str(p.row), p.column, p.value) for p in expected
    ]  # in file order: row, then column
    assert [(r, c, v) for r, c, v, _ in shown] == [
        ("3", "日期", "2026-13-01"),
        ("3", "客商", "陈建"),
        ("3", "车牌号", "川X"),
        ("3", "等级", "五级"),
        ("3", "净重(公斤)", "12x"),
        ("4", "金额(元)", "300.00"),
    ]
    assert "no month 13" in shown[0][3]
    assert "200.00" in shown[5][3]  # what net × price gives
    assert "6 problem(s)" in dialog.summary.text() and "Nothing was imported" in dialog.summary.text()

    # Sortable: by value, then by row number (numerically) descending.
    dialog.table.horizontalHeader().setSortIndicator(dialog.VALUE, Qt.SortOrder.AscendingOrder)
    values = [v for _, _, v, _ in dialog.shown_problems()]
    assert values == sorted(values)
    dialog.table.horizontalHeader().setSortIndicator(dialog.ROW, Qt.SortOrder.DescendingOrder)
    assert dialog.shown_problems()[0][0] == "4"

    # Copyable: every problem as tab-separated rows under the header.
    dialog.copy_button.click()
    lines = QGuiApplication.clipboard().text().splitlines()
    assert lines[0] == "Row\tColumn\tValue\tProblem" and len(lines) == 1 + len(expected)
    assert lines[1].split("\t")[:3] == ["4", "金额(元)", "300.00"]
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    dialog.table.selectionModel().select(dialog.proxy.index(0, 0), flags)
    dialog.copy_selection()
    assert len(QGuiApplication.clipboard().text().splitlines()) == 2


def test_problems_are_shown_in_the_interface_language(qtbot, qapp, page, tmp_path):
    translations = Translations(qapp)
    try:
        translations.set_language("zh_CN")
        importer = checked(qtbot, page, write_csv(tmp_path / "bad.csv", BAD))
        dialog = importer.problems_dialog
        assert dialog.model.horizontalHeaderItem(dialog.ROW).text() != "Row"
        problem = dialog.shown_problems()[0][3]
        assert "13" in problem and "no month" not in problem
        translations.set_language("en")
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        assert "no month 13" in dialog.shown_problems()[0][3]
    finally:
        translations.uninstall()


def test_cancel_while_checking_writes_nothing(qtbot, page, ctx, store, tmp_path):
    before = counts(store)
    importer = page.import_file(write_csv(tmp_path / "good.csv", GOOD))
    assert importer.running
    with qtbot.waitSignal(importer.finished, timeout=10_000) as ended:
        importer.cancel_button.click()  # before the task has read a row
    assert ended.args == ["cancelled"]
    assert importer.result is None and importer.confirmation is None
    assert counts(store) == before and ctx.undo_stack.count() == 0


def test_an_unreadable_file_is_reported(qtbot, page, store, tmp_path):
    path = tmp_path / "notes.docx"
    path.write_bytes(b"PK")
    importer = checked(qtbot, page, path)
    assert importer.outcome == "failed"
    assert len(page.errors) == 1 and "notes.docx" in page.errors[0] and ".csv" in page.errors[0]


def test_import_action_asks_for_a_file_in_the_last_folder(qtbot, page, ctx, tmp_path, monkeypatch):
    assert "import" in page.supported_actions()
    folder = tmp_path / "incoming"
    folder.mkdir()
    path = write_csv(folder / "good.csv", GOOD)
    asked = []

    def fake_dialog(parent, caption, directory, filters):
        asked.append((directory, filters))
        return (str(path), "") if len(asked) == 1 else ("", "")

    monkeypatch.setattr(QFileDialog, "getOpenFileName", fake_dialog)
    page.import_records()
    qtbot.waitUntil(lambda: page.importer.result is not None, timeout=10_000)
    page.importer.confirmation.button(QMessageBox.StandardButton.Cancel).click()
    page.import_records()  # the second time the dialog opens where the file was
    assert asked[1][0] == str(folder)
    assert "*.csv" in asked[0][1] and "*.xlsx" in asked[0][1]
    assert ctx.settings.last_folder == str(folder)


def test_cancel_while_writing_writes_nothing(qtbot, page, ctx, store, tmp_path, monkeypatch):
    monkeypatch.setattr("app.views.dialogs.import_dialog.WRITE_CHUNK", 1)  # a progress report per shipment
    path = write_csv(tmp_path / "good.csv", GOOD)
    before = counts(store)
    importer = checked(qtbot, page, path)
    importer.confirmation.hide()
    importer.write(importer.result.shipments)
    importer.cancel()  # before the task runs: its first progress report, after one shipment, stops it
    qtbot.waitUntil(lambda: importer.outcome == "cancelled", timeout=10_000)
    assert counts(store) == before
    assert ctx.undo_stack.count() == 0


def test_warnings_are_accepted_per_kind_and_kept_in_the_audit_log(qtbot, page, ctx, store, tmp_path):
    import json

    rows = [
        HEADER,
        ["2026-02-03", "W1", "陈建华", "双福", "", "涪江湾", "白萝卜", "", "1000", "0", ""],
        ["2026-02-03", "W1", "陈建华", "双福", "", "涪江湾", "白萝卜", "", "1000", "0", ""],  # pasted twice
    ]
    before = counts(store)
    importer = checked(qtbot, page, write_csv(tmp_path / "w.csv", rows))
    dialog = importer.warnings_dialog
    assert dialog is not None and dialog.isVisible() and importer.confirmation is None
    assert list(dialog.checks) == ["price_zero"]
    assert "row 2, 单价(元/公斤) '0': the price is 0" in dialog.list.toPlainText()
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()  # nothing is imported until every kind is ticked
    dialog.checks["price_zero"].setChecked(True)
    assert ok.isEnabled()
    ok.click()
    box = importer.confirmation
    assert (
        "Repeated rows skipped: 1" in box.informativeText()
        and "Warnings accepted: 1" in box.informativeText()
    )
    with qtbot.waitSignal(page.model.refreshed, timeout=10_000):
        box.button(QMessageBox.StandardButton.Yes).click()
    assert counts(store)["shipment_lines"] == before["shipment_lines"] + 1  # the repeat was skipped
    [entry] = store.db.execute("SELECT after FROM audit_log WHERE table_name = 'imports'").fetchall()
    record = json.loads(entry[0])
    assert [w["kind"] for w in record["accepted_warnings"]] == ["price_zero"]
    assert record["duplicates_skipped"] == [{"row": 3, "repeats_row": 2}]


def test_declining_the_warnings_writes_nothing(qtbot, page, ctx, store, tmp_path):
    rows = [HEADER, ["2026-02-03", "W2", "陈建华", "双福", "", "涪江湾", "白萝卜", "", "1000", "0", ""]]
    before = counts(store)
    importer = checked(qtbot, page, write_csv(tmp_path / "w.csv", rows))
    importer.warnings_dialog.reject()
    assert importer.outcome == "declined" and counts(store) == before


def test_the_problems_dialog_saves_a_template(qtbot, page, tmp_path, monkeypatch):
    from db import importing

    importer = checked(qtbot, page, write_csv(tmp_path / "bad.csv", BAD))
    target = tmp_path / "template.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert importer.problems_dialog.save_template() == str(target)
    rows = importing.read_rows(target)
    assert [c.text for c in rows[0].cells][:3] == ["日期", "磅单号", "客商"] and len(rows) == 2
    assert importing.read_rows(target, sheet="说明")[1].cells[0].text == "日期"


def test_a_workbook_whose_first_sheet_holds_notes_asks_for_the_sheet(qtbot, page, store, tmp_path):
    import xlsxwriter

    path = tmp_path / "two.xlsx"
    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet("说明").write_string(0, 0, "十一月出货")
    data = book.add_worksheet("出货")
    for r, row in enumerate(GOOD):
        for c, value in enumerate(row):
            data.write_string(r, c, value)
    book.close()
    before = counts(store)
    importer = checked(qtbot, page, path)
    dialog = importer.sheet_dialog
    assert dialog is not None and dialog.isVisible() and importer.problems_dialog is None
    assert dialog.comboBoxItems() == ["说明", "出货"] and dialog.textValue() == "出货"
    dialog.accept()
    qtbot.waitUntil(lambda: importer.result is not None, timeout=10_000)
    assert importer.result.sheet == "出货" and not importer.result.problems
    assert importer.confirmation is not None and "Shipments: 2" in importer.confirmation.informativeText()
    importer.confirmation.button(QMessageBox.StandardButton.Cancel).click()
    assert counts(store) == before


def test_a_harvests_file_is_imported_on_the_harvests_page_as_one_undo_step(qtbot, ctx, store, tmp_path):
    from app.views.pages.harvests_page import HarvestsPage

    page = HarvestsPage(ctx)
    qtbot.addWidget(page)
    page.errors = []
    page.show_error = page.errors.append
    assert "import" in page.supported_actions()
    rows = [
        ["作物", "重量(斤)", "采收日期", "主体", "级别", "天气"],
        ["蘿蔔", "5000", "2026.1.5", "涪江湾", "一級", "晴"],
    ]
    importer = page.import_file(write_csv(tmp_path / "h.csv", rows))
    qtbot.waitUntil(lambda: importer.confirmation is not None or bool(importer.outcome), timeout=10_000)
    box = importer.confirmation
    assert "h.csv is correct: 1 record(s)" in box.text() and "Columns ignored: 天气" in box.informativeText()
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: importer.outcome == "imported", timeout=10_000)
    [harvest] = store.harvests.list()
    assert (harvest.harvest_date, harvest.weight_g, harvest.grade) == ("2026-01-05", 2_500_000, "first")
    assert ctx.undo_stack.count() == 1
    ctx.undo_stack.undo()
    assert store.harvests.count() == 0


def test_a_bad_harvests_file_lists_its_problems_and_offers_the_harvests_template(qtbot, ctx, store, tmp_path):
    from app.views.pages.harvests_page import HarvestsPage

    page = HarvestsPage(ctx)
    qtbot.addWidget(page)
    rows = [["日期", "经营主体", "品种", "重量"], ["2026-01-05", "无此主体", "萝卜", "12x"]]
    importer = page.import_file(write_csv(tmp_path / "bad.csv", rows))
    qtbot.waitUntil(lambda: bool(importer.outcome), timeout=10_000)
    assert importer.outcome == "problems" and store.harvests.count() == 0
    dialog = importer.problems_dialog
    assert [(r, c) for r, c, _, _ in dialog.shown_problems()] == [("2", "经营主体"), ("2", "重量")]
    assert dialog.kind == "harvests"


def test_markets_are_imported_on_the_markets_page(qtbot, ctx, store, tmp_path):
    from app.views.pages.master_pages import MarketsPage

    page = MarketsPage(ctx)
    qtbot.addWidget(page)
    assert "import" in page.supported_actions()
    rows = [["名称", "区县", "别名"], ["重庆东部国际农产品交易中心", "长寿区", "长寿市场、长寿"]]
    importer = page.import_file(write_csv(tmp_path / "m.csv", rows))
    qtbot.waitUntil(lambda: importer.confirmation is not None or bool(importer.outcome), timeout=10_000)
    importer.confirmation.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: importer.outcome == "imported", timeout=10_000)
    market = {m.name: m for m in store.markets.list()}["重庆东部国际农产品交易中心"]
    assert (market.district, market.aliases) == ("长寿区", ("长寿市场", "长寿"))
    ctx.undo_stack.undo()
    assert "重庆东部国际农产品交易中心" not in {m.name for m in store.markets.list()}


def test_a_harvest_sheet_imports_after_one_mapping_correction(qtbot, ctx, store, tmp_path):
    """The issue's new user: Chinese titles in another order, one of them unknown, corrected once."""
    from app.views.pages.harvests_page import HarvestsPage

    page = HarvestsPage(ctx)
    qtbot.addWidget(page)
    rows = [
        ["作物", "采摘日", "主体", "重量(斤)", "天气"],
        ["蘿蔔", "2026.1.5", "涪江湾", "5000", "晴"],
        ["青笋", "2026-01-06", "青禾家庭农场", "3吨", "雨"],
    ]
    importer = page.import_file(write_csv(tmp_path / "h.csv", rows))
    qtbot.waitUntil(lambda: importer.mapping_dialog is not None or bool(importer.outcome), timeout=10_000)
    dialog = importer.mapping_dialog
    assert dialog is not None and store.harvests.count() == 0
    shown = {
        dialog.table.item(r, 0).text(): (dialog.boxes[r][1].currentData(), dialog.table.item(r, 2).text())
        for r in range(dialog.table.rowCount())
    }
    assert shown == {
        "作物": ("crop", "蘿蔔 · 青笋"),
        "采摘日": (None, "2026.1.5 · 2026-01-06"),  # not recognised: the one correction
        "主体": ("operator", "涪江湾 · 青禾家庭农场"),
        "重量(斤)": ("weight_kg", "5000 · 3吨"),
        "天气": (None, "晴 · 雨"),
    }
    dialog.choose("采摘日", "date")
    dialog.accept()
    qtbot.waitUntil(lambda: importer.confirmation is not None or bool(importer.outcome), timeout=10_000)
    importer.confirmation.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: importer.outcome == "imported", timeout=10_000)
    got = sorted((h.harvest_date, h.weight_g) for h in store.harvests.list())
    assert got == [("2026-01-05", 2_500_000), ("2026-01-06", 3_000_000)]


def test_a_shipments_sheet_with_an_unknown_title_imports_after_one_mapping_correction(
    qtbot, page, store, tmp_path
):
    rows = [
        ["单号", "日期", "买家", "货主", "品名", "重量(斤)", "单价(元/斤)"],
        ["M1", "2026-02-03", "陈建华", "涪江湾", "萝卜", "2000", "0.6"],
    ]
    importer = page.import_file(write_csv(tmp_path / "m.csv", rows))
    qtbot.waitUntil(lambda: importer.mapping_dialog is not None or bool(importer.outcome), timeout=10_000)
    dialog = importer.mapping_dialog
    assert dialog is not None and importer.problems_dialog is None
    assert dict((t, b.currentData()) for t, b in dialog.boxes)["货主"] is None
    dialog.choose("货主", "operator")
    dialog.accept()
    qtbot.waitUntil(lambda: importer.confirmation is not None or bool(importer.outcome), timeout=10_000)
    with qtbot.waitSignal(page.model.refreshed, timeout=10_000):
        importer.confirmation.button(QMessageBox.StandardButton.Yes).click()
    [shipment] = [s for s in store.shipments.list() if s.ticket_no == "M1"]
    [line] = store.shipments.lines_of(shipment.id)
    assert (line.net_g, line.agreed_price) == (1_000_000, 12_000)  # 2000 斤 at 0.6 元/斤
