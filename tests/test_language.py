"""Every string in the clerk's language: plural messages lupdate can find, Qt's own dialogs, the
command line's argparse texts, failures told as sentences, and no English left in a Chinese window."""

from __future__ import annotations

import argparse
import ast
import sqlite3
import time
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QFileDialog, QMenu

from app import cli
from app.context import AppContext
from app.i18n import Translations
from app.messages import tr_failure
from app.settings import Settings
from app.tasks import TaskRunner
from tests.visible_texts import english_in, english_words, menu_texts, widget_texts

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def zh(qapp):
    t = Translations(qapp)
    t.set_language("zh_CN")
    yield t
    t.uninstall()


def _plural_calls_hidden_from_lupdate(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        texts = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
        plural = name in ("tr", "translate") and any("%n" in t for t in texts)
        if plural and not isinstance(node.args[-1], ast.Name | ast.Constant):
            found.append(f"line {node.lineno}: {ast.unparse(node)[:100]}")
    return found


def test_the_plural_check_catches_a_count_lupdate_cannot_see():
    hidden = ast.parse('QCoreApplication.translate("X", "%n row(s) added", "", len(records))')
    seen = ast.parse('self.tr("%n row(s) added", "", count)')
    assert _plural_calls_hidden_from_lupdate(hidden) and not _plural_calls_hidden_from_lupdate(seen)


def test_every_plural_message_has_a_count_lupdate_can_see():
    """pyside6-lupdate skips a %n message whose count is a call (len(x)); the message then never
    reaches the .ts and shows in English ("3 row(s) added")."""
    hidden = []
    for path in sorted([*(REPO / "app").rglob("*.py"), *(REPO / "db").rglob("*.py")]):
        hidden += [
            f"{path.relative_to(REPO)} {h}"
            for h in _plural_calls_hidden_from_lupdate(ast.parse(path.read_text()))
        ]
    assert not hidden, hidden


# ---------------------------------------------------------------------------------------------------
# A paste and its undo step, in Chinese


@pytest.fixture
def ctx(store, db_path, tmp_path):
    stack = QUndoStack()
    tasks = TaskRunner(db_path)
    yield AppContext(store, db_path, stack, tasks, language="zh_CN", settings=Settings(tmp_path / "s.ini"))
    stack.clear()
    tasks.cancel_all()
    tasks.wait()


def test_pasted_rows_are_reported_and_undone_in_chinese(qtbot, zh, ctx, master):
    from app.views.actions import WindowActions
    from app.views.pages.harvests_page import HarvestsPage

    page = HarvestsPage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.model.refreshed, timeout=10_000):
        pass
    actions = WindowActions(page, ctx.undo_stack)
    dialog = page.paste_text("2026-01-06\t涪江湾\t白萝卜\t\t1.2吨\n2026-01-07\t涪江湾\t莴笋\t\t300斤\n")
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(page.status_message) as status:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert status.args == ["已添加 2 行"]
    assert ctx.undo_stack.undoText() == "粘贴 2 行"
    assert actions["undo"].text().count("粘贴 2 行") == 1 and not english_words(actions["undo"].text())
    # The step says itself in the language in force, also after a switch.
    zh.set_language("en")
    QCoreApplication.processEvents()
    actions.retranslate_ui()  # the window does this on LanguageChange
    assert ctx.undo_stack.undoText() == "Paste 2 rows" and "Paste 2 rows" in actions["undo"].text()
    zh.set_language("zh_CN")
    actions.retranslate_ui()
    assert ctx.undo_stack.undoText() == "粘贴 2 行"


# ---------------------------------------------------------------------------------------------------
# Qt's own dialogs


def test_qt_file_dialog_speaks_the_interface_language_and_switches_live(qtbot, zh):
    dialog = QFileDialog(None, "x")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = {
        w.objectName(): w.text() for w in dialog.findChildren(type(dialog.findChild(object, "lookInLabel")))
    }
    assert labels["lookInLabel"] == "查找范围(&L)："
    assert labels["fileTypeLabel"] == "文件类型(&T)："
    assert dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
    zh.set_language("en")
    QCoreApplication.processEvents()  # LanguageChange reaches the widgets as a posted event
    assert dialog.findChild(object, "lookInLabel").text() == "&Look in:"
    assert (
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"
    )


# ---------------------------------------------------------------------------------------------------
# The command line


def test_cli_help_is_chinese(capsys):
    assert cli.main(["--lang", "zh_CN", "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("用法：fujiang")
    assert "显示本帮助并退出" in out and "选项" in out
    for english in ("usage:", "options:", "show this help message and exit"):
        assert english not in out
    assert argparse._("usage: ") == "usage: "  # argparse is left as it was found


def test_cli_usage_errors_are_chinese(capsys):
    assert cli.main(["--lang", "zh_CN", "stats", "--no-such-option"]) == 2
    err = capsys.readouterr().err
    assert "用法：" in err and "错误：无法识别的参数：--no-such-option" in err
    assert cli.main(["--lang", "zh_CN", "demo", "--years", "three"]) == 2
    err = capsys.readouterr().err
    assert "参数 --years：" in err and "error:" not in err


def test_cli_help_stays_english_in_english(capsys):
    assert cli.main(["--lang", "en", "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: fujiang") and "show this help message and exit" in out


# ---------------------------------------------------------------------------------------------------
# Failures told as sentences, the detail in the log


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (sqlite3.OperationalError("disk I/O error"), "无法读写数据库文件"),
        (sqlite3.OperationalError("database or disk is full"), "磁盘已满"),
        (sqlite3.OperationalError("attempt to write a readonly database"), "只读"),
        (sqlite3.DatabaseError("database disk image is malformed"), "损坏"),
        (PermissionError(13, "Permission denied", "/srv/x.pdf"), "程序无权写入 /srv/x.pdf"),
        (KeyError("boom"), "程序内部出错"),
    ],
)
def test_failures_are_sentences_in_the_interface_language(zh, exc, expected):
    text = tr_failure(exc)
    assert expected in text
    assert type(exc).__name__ not in text and str(exc.args[0]) not in text


def test_a_failed_task_shows_a_sentence_and_logs_the_exception(qtbot, zh, db_path, caplog):
    runner = TaskRunner(db_path)

    def work(_ctx):
        raise sqlite3.OperationalError("disk I/O error")

    handle = runner.start("export", work)
    with qtbot.waitSignal(handle.failed, timeout=10_000) as failed:
        pass
    runner.wait()
    message, detail = failed.args
    assert message.startswith("无法读写数据库文件")
    assert "OperationalError" not in message and "disk I/O" not in message
    assert "OperationalError: disk I/O error" in detail and "disk I/O error" in caplog.text


# ---------------------------------------------------------------------------------------------------
# No English left in a Chinese window


def test_the_english_rule_tells_english_from_codes_and_units():
    assert english_words("Delete 1 record(s)?") == ["Delete", "record"]
    assert english_words("3 row(s) added") == ["row", "added"]
    assert english_words("删除 1 条记录？") == []
    for fine in (
        "12,400 kg",
        "HGZ-2025-000123",
        "L20250106-0001",
        "2025-12-31",
        "park.db",
        "渝C12345",
        "PDF",
    ):
        assert english_words(fine) == [], fine


# Legitimate ASCII that is no translation's business: the name of the English language in the
# language menu, and the English names of crops in their own column (they are data).
ALLOWED = ("English",)
# The file dialog's side bar names the user's home folder.
FOLDER_NAMES = "QListView(sidebar)"
ENGLISH_NAME_COLUMN = " 英文名]"  # the header of the crops' English-name column, as widget_texts names a cell


def _collect_dialogs(window, found: list) -> None:
    for top in QApplication.topLevelWidgets():
        if top is window or not top.isVisible() or isinstance(top, QMenu) or top.inherits("QTipLabel"):
            continue
        title = f"dialog {type(top).__name__} {top.windowTitle()}"
        found.extend((f"{title}: {where}", text) for where, text in widget_texts(top))
        top.reject() if isinstance(top, QDialog) else top.close()


def _settle(ctx, rounds: int = 10) -> None:
    for _ in range(rounds):
        QCoreApplication.processEvents()
        time.sleep(0.005)
    ctx.tasks.wait()
    QCoreApplication.processEvents()


@pytest.fixture
def demo_ctx(tmp_path, qapp):
    from db import demo
    from db.repositories import Store
    from db.storage.connection import open_database

    path = tmp_path / "demo.db"
    store = Store(open_database(path), user="tester")
    demo.generate(store, years=1, seed=7, end=date(2025, 12, 31))
    store.language = "zh_CN"
    ctx = AppContext(
        store, path, QUndoStack(), TaskRunner(path, user="tester"), language="zh_CN",
        settings=Settings(tmp_path / "s.ini"),
    )  # fmt: skip
    yield ctx
    ctx.tasks.cancel_all()
    ctx.tasks.wait()
    ctx.undo_stack.clear()
    store.close()


def test_no_english_in_the_chinese_window(qtbot, zh, demo_ctx):
    """Every page, every menu and action, and every dialog its actions open, in the zh_CN window
    on demo data: texts, tooltips, placeholders, table headers and cells, combo items."""
    from app.views.main_window import MainWindow

    window = MainWindow(demo_ctx)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    found: list[tuple[str, str]] = []
    for action in window.menuBar().actions():
        if action.menu() is not None:
            found += menu_texts(action.menu(), action.text())
    sweeper = QTimer()
    sweeper.timeout.connect(lambda: _collect_dialogs(window, found))
    sweeper.start(20)
    skip = {"quit", "undo", "redo", "cut", "copy", "paste", "refresh", "find", "fill_down"}
    page_actions = [a for key, a in window.actions.by_key.items() if key not in skip]
    other = [
        a
        for m in window.menuBar().actions()
        if m.menu() is not None
        for a in m.menu().actions()
        if not a.isSeparator() and a.menu() is None and a not in page_actions and a.text() not in ALLOWED
    ]
    try:
        for i, page in enumerate(window.pages):
            window.show_page(i)
            _settle(demo_ctx, 30)
            found += [(f"{page.key}: {where}", text) for where, text in widget_texts(window)]
            for action in page_actions:
                if action.isEnabled():
                    action.trigger()
                    _settle(demo_ctx)
        for action in other:
            if action.isEnabled() and action.data() is None:
                action.trigger()
                _settle(demo_ctx)
    finally:
        sweeper.stop()
    _collect_dialogs(window, found)
    assert len({where.split(":")[0] for where, _ in found if where.startswith("dialog")}) >= 8
    english = [
        (where, text)
        for where, text in english_in(found)
        if text not in ALLOWED and ENGLISH_NAME_COLUMN not in where and FOLDER_NAMES not in where
    ]
    assert not english, "\n".join(sorted({f"{w} | {t[:80]}" for w, t in english}))


# ---------------------------------------------------------------------------------------------------
# The English interface


def test_charts_name_crops_in_english_in_the_english_interface(qapp, store, master):
    from app.views.chart_data import harvest_chart
    from db.queries import Filters
    from db.records import Harvest

    ops, crops = master["operators"], master["crops"]
    store.harvests.add(
        Harvest(harvest_date="2025-03-02", operator_id=ops[0].id, crop_id=crops[0].id, weight_g=10_000)
    )
    store.harvests.add(
        Harvest(harvest_date="2025-03-03", operator_id=ops[1].id, crop_id=crops[1].id, weight_g=5_000)
    )
    translations = Translations(qapp)
    try:
        translations.set_language("en")
        store.language = "en"  # as Session.set_language does; tasks get it from AppContext
        labels = {s.label for s in harvest_chart(store, Filters(), "month", "crop").series}
        assert labels == {"daikon radish", "celtuce"}
        translations.set_language("zh_CN")
        store.language = "zh_CN"
        labels = {s.label for s in harvest_chart(store, Filters(), "month", "crop").series}
        assert labels == {"白萝卜", "莴笋"}
    finally:
        translations.uninstall()


@pytest.mark.parametrize(
    ("context", "source", "english", "chinese"),
    [
        ("columns", "Area (mu)", "Area (mu)", "面积（亩）"),
        ("columns", "Low (yuan/kg)", "Low (yuan/kg)", "低价（元/公斤）"),
        ("ShipmentsPage", "Price (yuan/kg)", "Price (yuan/kg)", None),
        ("columns", "Balance (yuan)", "Balance (yuan)", "余额（元）"),
    ],
)
def test_units_in_headers_are_english_in_english_and_chinese_in_chinese(
    qapp, context, source, english, chinese
):
    translations = Translations(qapp)
    try:
        translations.set_language("en")
        assert QCoreApplication.translate(context, source) == english
        translations.set_language("zh_CN")
        text = QCoreApplication.translate(context, source)
        assert text != source and ("元" in text or "亩" in text)
        if chinese:
            assert text == chinese
    finally:
        translations.uninstall()


def test_the_harvest_table_names_crops_in_the_interface_language(qtbot, qapp, ctx, store, master):
    from app.views.pages.harvests_page import HarvestsPage
    from db.records import Harvest

    ops, crops = master["operators"], master["crops"]
    store.harvests.add(
        Harvest(harvest_date="2025-03-02", operator_id=ops[0].id, crop_id=crops[0].id, weight_g=10_000)
    )
    translations = Translations(qapp)
    try:
        translations.set_language("en")
        ctx.language = "en"  # as Session.set_language does
        page = HarvestsPage(ctx)
        qtbot.addWidget(page)
        with qtbot.waitSignal(page.model.refreshed, timeout=10_000):
            pass
        crop_column = [c.key for c in page.model.columns].index("crop")
        assert page.model.index(0, crop_column).data() == "daikon radish"
        translations.set_language("zh_CN")
        ctx.language = "zh_CN"
        QCoreApplication.processEvents()
        assert page.model.index(0, crop_column).data() == "白萝卜"
    finally:
        translations.uninstall()


def _switch(translations, ctx, language: str) -> None:
    translations.set_language(language)
    ctx.language = language  # as Session.set_language does
    for _ in range(3):
        QCoreApplication.processEvents()


def test_after_a_live_switch_to_english_combos_and_columns_fit_their_texts(qtbot, qapp, ctx, master):
    """Sized once in Chinese, the combo boxes read "Mc" and "Stacked are" and the Kind column was
    cut off after a switch to English."""
    from PySide6.QtWidgets import QComboBox

    from app.views.main_window import MainWindow

    translations = Translations(qapp)
    try:
        _switch(translations, ctx, "zh_CN")
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        keys = [p.key for p in window.pages]
        operators = window.pages[keys.index("operators")].operators
        window.show_page(keys.index("operators"))
        _settle(ctx)
        assert operators.model.rowCount() == 2
        window.show_page(keys.index("charts"))
        _settle(ctx)
        _switch(translations, ctx, "en")
        _settle(ctx)
        combos = [c for c in window.pages[keys.index("charts")].findChildren(QComboBox) if c.isVisible()]
        assert "Month" in [c.currentText() for c in combos]
        cut = [
            (c.currentText(), c.width())
            for c in combos
            if c.width() < c.fontMetrics().horizontalAdvance(c.currentText()) + 16
        ]
        assert not cut
        window.show_page(keys.index("operators"))
        _settle(ctx)
        header = operators.table.horizontalHeader()
        kind = [c.key for c in operators.model.columns].index("kind")
        assert {operators.proxy.index(r, kind).data() for r in range(2)} == {"Co-operative", "Family farm"}
        assert header.sectionSize(kind) >= operators.table.sizeHintForColumn(kind)
        assert header.sectionSize(kind) >= header.sectionSizeHint(kind)
    finally:
        translations.uninstall()


def test_tasks_know_the_interface_language(qtbot, ctx):
    """A chart's data runs as a task on its own Store: it names crops in the language in force."""
    ctx.language = "en"
    handle = ctx.tasks.start("language", lambda task: task.store().language)
    with qtbot.waitSignal(handle.succeeded, timeout=10_000) as done:
        pass
    assert done.args == ["en"]
    ctx.language = "zh_CN"
    handle = ctx.tasks.start("language", lambda task: task.store().language)
    with qtbot.waitSignal(handle.succeeded, timeout=10_000) as done:
        pass
    assert done.args == ["zh_CN"]
