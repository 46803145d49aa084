"""The import wizard driven as a clerk would: a real XLSX (XlsxWriter) or CSV, a real SQLite file,
real widgets offscreen; the mapping corrected once, cells fixed in place, rows dropped, unknown names
created, a remembered mapping, Cancel writing nothing, and undo/redo of the import as tasks."""

from __future__ import annotations

import csv

import pytest
import xlsxwriter
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWizard

from app.context import AppContext
from app.settings import Settings
from app.tasks import TaskRunner
from app.views.wizard import ImportWizard
from app.views.wizard.wizard import MAPPING, PREVIEW, SUMMARY, WARNINGS

HARVEST_ROWS = [
    ["作物", "采摘日", "主体", "重量(斤)", "天气"],
    ["蘿蔔", "2026.1.5", "涪江湾", "5000", "晴"],
    ["青笋", "2026-01-06", "青禾家庭农场", "3吨", "雨"],
]


def write_xlsx(path, rows, sheet="采收"):
    book = xlsxwriter.Workbook(str(path))
    page = book.add_worksheet(sheet)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            page.write_string(r, c, value)
    book.close()
    return path


def write_csv(path, rows):
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows(rows)
    return path


@pytest.fixture
def ctx(store, master, db_path, tmp_path):
    stack = QUndoStack()
    tasks = TaskRunner(db_path)
    yield AppContext(store, db_path, stack, tasks, settings=Settings(tmp_path / "s.ini"))
    stack.clear()
    tasks.cancel_all()
    tasks.wait()


def open_wizard(qtbot, ctx, kind, path) -> ImportWizard:
    wizard = ImportWizard(ctx, kind, None, None, path)
    qtbot.addWidget(wizard)
    wizard.show()
    read(qtbot, wizard)
    return wizard


def read(qtbot, wizard) -> None:
    """Wait until the file page has read the file (its sheets and titles: a task)."""
    qtbot.waitUntil(lambda: not wizard.file_page.reading, timeout=20_000)


def to_preview(qtbot, wizard) -> None:
    """Next from the mapping page, and wait for the first check of the rows."""
    assert wizard.currentId() == MAPPING
    with qtbot.waitSignal(wizard.checked, timeout=20_000):
        wizard.next()
    assert wizard.currentId() == PREVIEW


def rechecked(qtbot, wizard, action) -> None:
    with qtbot.waitSignal(wizard.checked, timeout=20_000):
        action()


def import_now(qtbot, wizard) -> None:
    assert wizard.currentId() == SUMMARY
    with qtbot.waitSignal(wizard.finished_import, timeout=30_000) as ended:
        wizard.button(QWizard.WizardButton.FinishButton).click()
    assert ended.args == ["imported"]
    # closing asks the last page again (QWizard.done): it must close, not start a second write
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=10_000)
    assert not wizard.writing and wizard.ctx.undo_stack.count() == 1


def harvests(store):
    return sorted(
        (h.harvest_date, h.weight_g, store.operators.get(h.operator_id).name) for h in store.harvests.list()
    )


def test_a_chinese_harvest_sheet_in_another_order_imports_after_one_mapping_correction(
    qtbot, ctx, store, tmp_path
):
    """The issue's new user: a workbook, titles in Chinese and in another order, one not recognised."""
    wizard = open_wizard(qtbot, ctx, "harvests", write_xlsx(tmp_path / "采收.xlsx", HARVEST_ROWS))
    assert wizard.file_page.sheet_box.currentText() == "采收" and wizard.file_page.isComplete()
    wizard.next()
    page = wizard.mapping_page
    shown = {
        page.table.item(r, 0).text(): (page.boxes[r][1].currentData(), page.table.item(r, 2).text())
        for r in range(page.table.rowCount())
    }
    assert shown == {
        "作物": ("crop", "蘿蔔 · 青笋"),
        "采摘日": (None, "2026.1.5 · 2026-01-06"),  # not recognised: the one correction
        "主体": ("operator", "涪江湾 · 青禾家庭农场"),
        "重量(斤)": ("weight_kg", "5000 · 3吨"),
        "天气": (None, "晴 · 雨"),
    }
    page.choose("采摘日", "date")
    to_preview(qtbot, wizard)
    assert wizard.result.problems == [] and wizard.preview_page.isComplete()
    wizard.next()
    assert (
        "Columns ignored: 天气" in wizard.summary_page.text.text()
        or "天气" in wizard.summary_page.text.text()
    )
    import_now(qtbot, wizard)
    assert harvests(store) == [
        ("2026-01-05", 2_500_000, "涪江湾合作社"),
        ("2026-01-06", 3_000_000, "青禾家庭农场"),
    ]
    assert ctx.undo_stack.count() == 1


def test_a_corrected_mapping_is_remembered_for_files_with_the_same_titles(qtbot, ctx, store, tmp_path):
    first = open_wizard(qtbot, ctx, "harvests", write_csv(tmp_path / "a.csv", HARVEST_ROWS))
    first.next()
    first.mapping_page.choose("采摘日", "date")
    to_preview(qtbot, first)
    first.reject()
    other = [HARVEST_ROWS[0], ["白萝卜", "2026-01-09", "涪江湾", "100", ""]]
    again = open_wizard(qtbot, ctx, "harvests", write_csv(tmp_path / "b.csv", other))
    again.next()
    assert dict((t, b.currentData()) for t, b in again.mapping_page.boxes)["采摘日"] == "date"
    assert again.mapping_page.remembered
    to_preview(qtbot, again)
    assert again.result.problems == []
    # kept in the database's settings table, with its audit row
    [(value,)] = store.db.execute(
        "SELECT value FROM settings WHERE key LIKE 'import_mapping:harvests:%'"
    ).fetchall()
    assert '"采摘日": "date"' in value


def test_a_bad_cell_is_fixed_in_place_and_a_row_dropped(qtbot, ctx, store, tmp_path):
    rows = [
        ["日期", "经营主体", "品种", "重量"],
        ["2026-01-05", "涪江湾", "萝卜", "12x"],  # a typing slip: corrected in place
        ["2026-01-06", "涪江湾", "萝卜", "100"],
        ["2026-13-07", "青禾家庭农场", "青笋", "abc"],  # a row of nonsense: dropped
    ]
    wizard = open_wizard(qtbot, ctx, "harvests", write_csv(tmp_path / "bad.csv", rows))
    wizard.next()
    to_preview(qtbot, wizard)
    page, model = wizard.preview_page, wizard.preview_page.model
    bad = sorted((p.row, p.column) for p in wizard.result.problems)
    assert bad == [(2, "重量"), (4, "日期"), (4, "重量")] and not page.isComplete()
    assert model.data(model.index(0, 3), Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(model.index(1, 3), Qt.ItemDataRole.BackgroundRole) is None
    assert "'12x' has an unknown unit" in model.data(model.index(0, 3), Qt.ItemDataRole.ToolTipRole)
    rechecked(qtbot, wizard, lambda: model.setData(model.index(0, 3), "120"))
    assert sorted((p.row, p.column) for p in wizard.result.problems) == [(4, "日期"), (4, "重量")]
    page.view.setCurrentIndex(model.index(2, 0))
    rechecked(qtbot, wizard, page.toggle_drop)
    assert wizard.result.problems == [] and page.isComplete()
    wizard.next()
    import_now(qtbot, wizard)
    assert harvests(store) == [
        ("2026-01-05", 120_000, "涪江湾合作社"),
        ("2026-01-06", 100_000, "涪江湾合作社"),
    ]


def test_unknown_names_are_offered_and_created_only_when_ticked_in_the_same_undo_step(
    qtbot, ctx, store, tmp_path
):
    rows = [
        ["日期", "磅单号", "客商", "经营主体", "品种", "净重(公斤)", "单价(元/公斤)"],
        ["2026-02-03", "N1", "王大富", "涪江湾", "萝卜", "1000", "1.2"],
        ["2026-02-03", "N2", "陈建华", "新苗农场", "萝卜", "500", "1.2"],
    ]
    buyers, operators = store.buyers.count(), store.operators.count()
    wizard = open_wizard(qtbot, ctx, "shipments", write_csv(tmp_path / "n.csv", rows))
    wizard.next()
    to_preview(qtbot, wizard)
    page = wizard.preview_page
    assert wizard.unknown == {"buyer": ["王大富"], "operator": ["新苗农场"]}
    assert len(wizard.result.problems) == 2 and store.buyers.count() == buyers  # nothing created yet
    rechecked(qtbot, wizard, lambda: page.name_box("王大富").setChecked(True))
    assert [p.column for p in wizard.result.problems] == ["经营主体"]
    assert store.buyers.count() == buyers  # the check created it only inside a rolled-back transaction
    rechecked(qtbot, wizard, lambda: page.name_box("新苗农场").setChecked(True))
    assert wizard.result.problems == []
    # ticked, but a buyer's kind and an operator's kind and side are the clerk's to choose: no default
    assert not page.isComplete() and "新苗农场" in page.names_box.missing.text()
    names = page.names_box
    names.choice("王大富", "kind").set_code("broker")
    names.choice("新苗农场", "kind").set_code("family_farm")
    assert not page.isComplete()
    names.choice("新苗农场", "side").set_code("tongnan")
    assert page.isComplete()
    credit = names.choice("新苗农场", "credit_code")
    qtbot.keyClicks(credit, "91510903MA6")  # typing starts no check and keeps the field
    assert not wizard.checking and names.choice("新苗农场", "credit_code") is credit
    assert wizard.create["operator"]["新苗农场"]["credit_code"] == "91510903MA6"
    wizard.next()
    assert "王大富" in wizard.summary_page.text.text()
    import_now(qtbot, wizard)
    assert store.buyers.count() == buyers + 1 and store.operators.count() == operators + 1
    [new] = [o for o in store.operators.list() if o.name == "新苗农场"]
    assert (new.kind, new.side, new.credit_code) == ("family_farm", "tongnan", "91510903MA6")
    assert {s.ticket_no for s in store.shipments.list()} >= {"N1", "N2"}
    # one undo step removes the shipments and the names created with them (a task)
    with qtbot.waitSignal(ctx.tasks.task_started, timeout=5_000):
        ctx.undo_stack.undo()
    # another task (a page's reload) may announce itself first: wait for the outcome itself
    qtbot.waitUntil(lambda: store.buyers.count() == buyers, timeout=20_000)
    assert store.buyers.count() == buyers and store.operators.count() == operators
    assert not {s.ticket_no for s in store.shipments.list()} & {"N1", "N2"}


def test_undo_and_redo_of_an_import_run_as_tasks_and_restore_the_same_records(qtbot, ctx, store, tmp_path):
    wizard = open_wizard(qtbot, ctx, "harvests", write_csv(tmp_path / "a.csv", HARVEST_ROWS))
    wizard.next()
    wizard.mapping_page.choose("采摘日", "date")
    to_preview(qtbot, wizard)
    wizard.next()
    import_now(qtbot, wizard)
    stored = sorted(h.id for h in store.harvests.list())
    assert len(stored) == 2

    def step(action, done):
        # Another task (a page's reload) may announce itself first: wait for the outcome itself.
        with qtbot.waitSignal(ctx.tasks.task_started, timeout=5_000):
            action()
        qtbot.waitUntil(done, timeout=20_000)

    step(ctx.undo_stack.undo, lambda: store.harvests.count() == 0 and ctx.undo_stack.index() == 0)
    step(
        ctx.undo_stack.redo,
        lambda: sorted(h.id for h in store.harvests.list()) == stored and ctx.undo_stack.index() == 1,
    )


def test_a_cancelled_undo_leaves_the_records_and_the_stack_where_they_were(qtbot, ctx, store, tmp_path):
    wizard = open_wizard(qtbot, ctx, "harvests", write_csv(tmp_path / "a.csv", HARVEST_ROWS))
    wizard.next()
    wizard.mapping_page.choose("采摘日", "date")
    to_preview(qtbot, wizard)
    wizard.next()
    import_now(qtbot, wizard)
    command = ctx.undo_stack.command(0)
    command.PROGRESS_EVERY = 1  # a progress report, and so a look at Cancel, per record
    cancelled = []
    # cancelled from the worker's own progress step (a queued signal could let the task finish first)
    ctx.tasks.task_started.connect(
        lambda handle: handle.progressed.connect(
            lambda *_: handle.cancel(), Qt.ConnectionType.DirectConnection
        )
    )
    ctx.tasks.task_started.connect(lambda handle: handle.cancelled.connect(lambda: cancelled.append(1)))
    with qtbot.waitSignal(ctx.tasks.task_started, timeout=5_000):
        ctx.undo_stack.undo()
    qtbot.waitUntil(lambda: cancelled == [1] and not ctx.tasks.running(), timeout=20_000)
    assert store.harvests.count() == 2 and ctx.undo_stack.index() == 1


def test_cancelling_the_write_leaves_the_database_untouched(qtbot, ctx, store, tmp_path, monkeypatch):
    monkeypatch.setattr("db.importing.fixes.WRITE_CHUNK", 1)  # a progress report per record
    rows = [HARVEST_ROWS[0]] + [["萝卜", f"2026-01-{d:02d}", "涪江湾", "100", ""] for d in range(1, 21)]
    wizard = open_wizard(qtbot, ctx, "harvests", write_csv(tmp_path / "many.csv", rows))
    wizard.next()
    wizard.mapping_page.choose("采摘日", "date")
    to_preview(qtbot, wizard)
    wizard.next()
    before = store.harvests.count()
    audit = store.db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    wizard.button(QWizard.WizardButton.FinishButton).click()
    handle = wizard.write_handle
    handle.progressed.connect(  # in the worker, at its third record: nothing can be committed before
        lambda done, total, _m: done >= 3 and handle.cancel(), Qt.ConnectionType.DirectConnection
    )
    with qtbot.waitSignal(wizard.finished_import, timeout=30_000) as ended:
        pass
    assert ended.args == ["cancelled"] and wizard.isVisible() and wizard.currentId() == SUMMARY
    assert store.harvests.count() == before and ctx.undo_stack.count() == 0
    assert store.db.execute("SELECT count(*) FROM audit_log").fetchone()[0] == audit


def test_warnings_are_accepted_per_kind_before_the_import(qtbot, ctx, store, tmp_path):
    rows = [
        ["日期", "磅单号", "客商", "经营主体", "品种", "净重(公斤)", "单价(元/公斤)"],
        ["2026-02-03", "W1", "陈建华", "涪江湾", "萝卜", "1000", "0"],
    ]
    wizard = open_wizard(qtbot, ctx, "shipments", write_csv(tmp_path / "w.csv", rows))
    wizard.next()
    to_preview(qtbot, wizard)
    assert wizard.result.warnings and wizard.preview_page.nextId() == WARNINGS
    wizard.next()
    page = wizard.warnings_page
    assert not page.isComplete()
    for box in page.checks.values():
        box.setChecked(True)
    assert page.isComplete()
    wizard.next()
    import_now(qtbot, wizard)
    [imports] = store.db.execute("SELECT count(*) FROM audit_log WHERE table_name = 'imports'").fetchone()
    assert imports == 1


def test_a_sheet_without_titles_offers_the_template(qtbot, ctx, tmp_path, monkeypatch):
    from db.importing import read_rows

    rows = [["萝卜", "2026-01-05", "涪江湾", "100"]]
    wizard = open_wizard(qtbot, ctx, "harvests", write_csv(tmp_path / "plain.csv", rows))
    page = wizard.file_page
    assert not page.recognised and page.template_button.isVisible()
    assert "template" in page.note.text()
    target = tmp_path / "harvests-template.xlsx"
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    assert page.save_template() == str(target)
    titles = [c.text for c in read_rows(target)[0].cells]
    assert titles[:4] == ["日期", "批次号", "经营主体", "地块"]


@pytest.mark.parametrize("kind", ["operators", "plots", "buyers", "markets", "crops", "payments"])
def test_the_wizard_offers_the_template_of_every_kind(qtbot, ctx, tmp_path, monkeypatch, kind):
    from db.importing import layout_of, read_rows

    wizard = open_wizard(qtbot, ctx, kind, None)
    page = wizard.file_page
    assert page.template_button.isVisible() and "template" in page.note.text()
    target = tmp_path / f"{kind}-template.xlsx"
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    assert page.save_template() == str(target)
    assert [c.text for c in read_rows(target)[0].cells] == [f.zh for f in layout_of(kind).fields]
    # the saved template is what the wizard then reads, its titles recognised
    again = open_wizard(qtbot, ctx, kind, target)
    assert again.file_page.recognised
    wizard.reject()
    again.reject()


def test_the_wizard_switches_language_live(qtbot, qapp, ctx, tmp_path):
    from PySide6.QtCore import QCoreApplication, QEvent

    from app.i18n import Translations

    translations = Translations(qapp)
    try:
        translations.set_language("en")
        wizard = open_wizard(qtbot, ctx, "harvests", write_csv(tmp_path / "a.csv", HARVEST_ROWS))
        wizard.next()
        assert wizard.mapping_page.title() == "What each column holds"
        assert wizard.windowTitle() == "Import Harvests"
        translations.set_language("zh_CN")
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        assert wizard.mapping_page.title() == "每列的内容" and wizard.windowTitle() == "导入采收"
        assert wizard.mapping_page.boxes[1][1].itemText(0) == "（忽略）"
    finally:
        translations.uninstall()


def test_file_import_on_the_shipments_page_opens_the_wizard_in_the_last_folder(
    qtbot, ctx, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QFileDialog

    from app.views.pages.shipments_page import ShipmentsPage

    page = ShipmentsPage(ctx)
    qtbot.addWidget(page)
    assert "import" in page.supported_actions()
    ctx.settings.last_folder = str(tmp_path)
    asked = []
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileName",
        lambda _p, _c, folder, filters: asked.append((folder, filters)) or ("", ""),
    )
    page.import_records()
    wizard = page.importer
    assert wizard.kind == "shipments" and wizard.file_page.kind_box.currentData() == "shipments"
    wizard.file_page.browse.click()
    assert asked[0][0] == str(tmp_path) and "*.csv" in asked[0][1] and "*.xlsx" in asked[0][1]
    wizard.reject()


def test_a_workbook_opening_on_notes_starts_on_its_sheet_of_shipments(qtbot, ctx):
    from tests.test_import_corpus import CORPUS

    wizard = open_wizard(qtbot, ctx, "shipments", CORPUS / "two_sheets.xlsx")
    page = wizard.file_page
    assert [page.sheet_box.itemText(i) for i in range(page.sheet_box.count())] == ["说明", "出货"]
    assert page.sheet_box.currentText() == "出货" and page.recognised
    page.sheet_box.setCurrentIndex(0)
    read(qtbot, wizard)
    assert not page.recognised and "template" in page.note.text()
    page.sheet_box.setCurrentIndex(1)
    read(qtbot, wizard)
    wizard.next()
    assert wizard.sheet == "出货" and wizard.mapping_page.table.item(0, 0).text() == "日期"


def test_going_back_to_another_kind_starts_the_mapping_afresh(qtbot, ctx, tmp_path):
    wizard = open_wizard(qtbot, ctx, "harvests", write_csv(tmp_path / "a.csv", HARVEST_ROWS))
    wizard.next()
    wizard.mapping_page.choose("采摘日", "date")
    to_preview(qtbot, wizard)
    wizard.back()
    wizard.back()
    page = wizard.file_page
    page.kind_box.setCurrentIndex(page.kind_box.findData("payments"))
    read(qtbot, wizard)
    wizard.next()
    assert wizard.kind == "payments" and wizard.mapping is None and wizard.table is None
    keys = {box.itemData(i) for _t, box in wizard.mapping_page.boxes for i in range(box.count())}
    assert "amount" in keys and "weight_kg" not in keys


def test_a_harvest_sheet_of_bags_imports_estimated_once_the_kind_is_ticked(
    qtbot, ctx, store, master, tmp_path
):
    radish = master["crops"][0]
    store.crops.update(radish.replace(bag_g=25_000))
    rows = [["日期", "经营主体", "品种", "重量"], ["2026-02-03", "涪江湾", "萝卜", "30袋"]]
    wizard = open_wizard(qtbot, ctx, "harvests", write_csv(tmp_path / "h.csv", rows))
    wizard.next()
    to_preview(qtbot, wizard)
    assert [w.kind for w in wizard.result.warnings] == ["estimated"]
    assert wizard.preview_page.nextId() == WARNINGS
    wizard.next()
    page = wizard.warnings_page
    assert "30袋 estimated as 750 kg" in page.list.toPlainText()
    assert list(page.checks) == ["estimated"] and not page.isComplete()
    assert "weights estimated from a count of bags" in page.checks["estimated"].text()
    page.checks["estimated"].setChecked(True)
    wizard.next()
    assert "Warnings accepted: 1" in wizard.summary_page.text.text()
    import_now(qtbot, wizard)
    [lot] = store.harvests.list()
    assert (lot.weight_g, lot.packs) == (750_000, "30袋")
    [audit] = store.db.execute("SELECT after FROM audit_log WHERE table_name = 'imports'").fetchone()
    assert '"kind": "harvests"' in audit and "estimated" in audit


def test_a_new_operators_plot_named_in_the_file_is_offered_once_the_operator_is_ticked(
    qtbot, ctx, store, tmp_path
):
    rows = [
        ["日期", "经营主体", "品种", "重量(公斤)", "地块"],
        ["2026-02-03", "新苗农场", "萝卜", "100", "东坝三号地"],
    ]
    wizard = open_wizard(qtbot, ctx, "harvests", write_csv(tmp_path / "p.csv", rows))
    wizard.next()
    to_preview(qtbot, wizard)
    page, names = wizard.preview_page, wizard.preview_page.names_box
    assert wizard.unknown == {"operator": ["新苗农场"]}
    rechecked(qtbot, wizard, lambda: page.name_box("新苗农场").setChecked(True))
    assert wizard.unknown["plot"] == [("新苗农场", "东坝三号地")]
    assert [p.column for p in wizard.result.problems] == ["地块"]
    rechecked(qtbot, wizard, lambda: page.name_box("东坝三号地（新苗农场）").setChecked(True))
    names.choice("新苗农场", "kind").set_code("company")
    names.choice("新苗农场", "side").set_code("suining")
    assert wizard.result.problems == [] and page.isComplete()
    wizard.next()
    import_now(qtbot, wizard)
    [operator] = [o for o in store.operators.list() if o.name == "新苗农场"]
    [plot] = store.plots.for_operator(operator.id)
    [harvest] = [h for h in store.harvests.list() if h.operator_id == operator.id]
    assert (operator.kind, plot.name, harvest.plot_id) == ("company", "东坝三号地", plot.id)


def test_a_new_buyers_usual_market_is_preselected_only_when_the_file_names_one(qtbot, ctx, store, tmp_path):
    market = store.markets.list()[0].name
    rows = [
        ["日期", "磅单号", "客商", "经营主体", "品种", "净重(公斤)", "单价(元/公斤)", "市场"],
        ["2026-02-03", "M1", "王大富", "涪江湾", "萝卜", "1000", "1.2", market],
        ["2026-02-04", "M2", "王大富", "涪江湾", "萝卜", "800", "1.2", market],
        ["2026-02-04", "M3", "李二娃", "涪江湾", "萝卜", "800", "1.2", market],
        ["2026-02-05", "M4", "李二娃", "涪江湾", "萝卜", "800", "1.2", ""],
    ]
    wizard = open_wizard(qtbot, ctx, "shipments", write_csv(tmp_path / "m.csv", rows))
    wizard.next()
    to_preview(qtbot, wizard)
    names = wizard.preview_page.names_box
    assert names.choice("王大富", "market").currentText() == market  # the file says so on every row
    assert names.choice("李二娃", "market").currentText() == ""  # one row without: no guess
    assert names.choice("王大富", "kind").code() is None  # the kind is never guessed
    rechecked(qtbot, wizard, lambda: names.box("王大富").setChecked(True))
    assert wizard.create["buyer"]["王大富"] == {"market": market}
