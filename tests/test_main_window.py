"""The main window on a real database: navigation, menus, live language switch, restored layout,
the welcome dialog on an empty database, error reporting and opening a broken database."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

import app
from app import main as app_main
from app.context import AppContext
from app.errors import ErrorReporter
from app.i18n import Translations
from app.settings import Settings
from app.tasks import TaskRunner
from app.views.dialogs.welcome import DEMO, EMPTY, STANDARD, WelcomeDialog, database_is_empty
from app.views.main_window import MainWindow
from app.views.page import Page
from app.views.pages import page_factories
from db.errors import DatabaseFileError, ValidationError
from db.records import Buyer
from db.repositories import Store
from db.storage.connection import open_database


def make_ctx(store: Store, db_path, language: str = "en") -> AppContext:
    return AppContext(
        store=store,
        db_path=db_path,
        undo_stack=QUndoStack(),
        tasks=TaskRunner(db_path, user="tester"),
        language=language,
        settings=Settings(),
    )


@pytest.fixture
def translations(qapp):
    t = Translations(qapp)
    t.set_language("en")
    yield t
    t.uninstall()


@pytest.fixture
def ctx(master, store, db_path):
    c = make_ctx(store, db_path)
    yield c
    c.tasks.wait()


def dispose(*widgets) -> None:
    """Close and delete widgets now, before the database they show is closed."""
    for widget in widgets:
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


@pytest.fixture
def windows(qtbot, store, translations):
    """Top-level widgets of a test, deleted before the database closes (their pages read it)."""
    made = []

    def add(widget):
        qtbot.addWidget(widget)
        made.append(widget)
        return widget

    yield add
    dispose(*made)


class StubPage(Page):
    """Stands in for the teammates' pages, so these tests depend on the window and master pages only."""

    def __init__(self, ctx, parent=None, n=0):
        super().__init__(ctx, parent)
        self.key = f"stub{n}"

    def title(self) -> str:
        return self.key


def my_pages() -> list:
    mine = [f for f in page_factories() if getattr(f, "page_name", "") in MY_PAGES]
    return [*mine, *[lambda c, p=None, n=n: StubPage(c, p, n) for n in range(4)]]


MY_PAGES = ("PaymentsPage", "OperatorsPage", "BuyersPage", "MarketsPage", "CropsPage")


@pytest.fixture
def window(windows, ctx):
    w = windows(MainWindow(ctx, my_pages()))
    w.show()
    return w


def flush_events() -> None:
    QCoreApplication.sendPostedEvents()
    QCoreApplication.processEvents()


def press(qtbot, widget, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    widget.activateWindow()
    qtbot.keyClick(widget, key, modifier)


def test_window_lists_pages_and_opens_on_first(window):
    keys = [p.key for p in window.pages]
    assert keys[:5] == ["payments", "operators", "buyers", "markets", "crops"]
    assert window.nav.count() == len(window.pages)
    assert window.current_page() is window.pages[0]
    assert window.nav.item(keys.index("buyers")).text() == "Buyers"


def test_ctrl_number_switches_pages_in_order(qtbot, window):
    qtbot.waitExposed(window)
    for i in reversed(range(min(9, len(window.pages)))):
        press(qtbot, window, getattr(Qt.Key, f"Key_{i + 1}"), Qt.KeyboardModifier.ControlModifier)
        assert window.stack.currentIndex() == i
        assert window.nav.currentRow() == i
    assert window.page_actions[0].shortcut().toString() == "Ctrl+1"


def test_every_page_has_a_view_menu_entry_and_a_key(qtbot, windows, ctx):
    """All eleven pages (Charts and Trace are the tenth and eleventh): Ctrl+1 … Ctrl+9, Ctrl+0, Alt+1."""
    window = windows(MainWindow(ctx, [lambda c, p=None, n=n: StubPage(c, p, n) for n in range(11)]))
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    keys = [action.shortcut().toString() for action in window.page_actions]
    assert keys == [f"Ctrl+{n}" for n in range(1, 10)] + ["Ctrl+0", "Alt+1"]
    view = window.menus["view"].actions()
    assert all(action in view for action in window.page_actions)
    press(qtbot, window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentIndex() == 9
    press(qtbot, window, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert window.stack.currentIndex() == 10 and window.nav.currentRow() == 10
    assert window.nav.item(10).toolTip() == "Alt+1"


def test_menus_hold_the_standard_actions(window):
    titles = [m.title() for m in window.menus.values()]
    assert titles == ["&File", "&Edit", "&View", "&Records", "Re&ports", "&Help"]
    a = window.actions
    assert a["undo"].shortcut().toString() == "Ctrl+Z"
    assert "Ctrl+Shift+Z" in [s.toString() for s in a["redo"].shortcuts()]
    assert a["new"].shortcut().toString() == "Ctrl+N"
    assert a["find"].shortcut().toString() == "Ctrl+F"
    assert a["fill_down"].shortcut().toString() == "Ctrl+D"
    assert a["new"] in window.menus["records"].actions()
    assert a["undo"] in window.menus["edit"].actions()


def test_reports_menu_accepts_actions(window):
    from PySide6.QtGui import QAction

    action = QAction("Buyer statement", window)
    window.add_report_action(action)
    assert action in window.menus["reports"].actions()
    assert window.menus["reports"].menuAction().isVisible()


def test_language_switch_changes_texts_live(qtbot, window, translations, ctx):
    translations.set_language("zh_CN")
    flush_events()
    assert window.menus["file"].title() == "文件(&F)"
    assert window.menus["edit"].title() == "编辑(&E)"
    buyers = window.pages[[p.key for p in window.pages].index("buyers")]
    assert window.nav.item(window.pages.index(buyers)).text() == "客商"
    assert buyers.browser.model.headerData(0, Qt.Orientation.Horizontal) == "名称"
    assert buyers.browser.search.placeholderText().startswith("搜索")
    kinds = buyers.browser.model.index(0, 1).data()
    assert kinds == "批发商"
    translations.set_language("en")
    flush_events()
    assert window.menus["file"].title() == "&File"
    assert window.nav.item(window.pages.index(buyers)).text() == "Buyers"
    assert buyers.browser.model.index(0, 1).data() == "Wholesaler"


def test_language_menu_emits_request(qtbot, window):
    with qtbot.waitSignal(window.language_requested) as blocker:
        window.actions.language_actions["zh_CN"].trigger()
    assert blocker.args == ["zh_CN"]


def test_session_language_switch_is_remembered(windows, ctx, translations):
    session = app_main.Session(ctx, translations, my_pages())
    windows(session.window)
    session.window.actions.language_actions["zh_CN"].trigger()
    flush_events()
    assert ctx.language == "zh_CN"
    assert Settings().language == "zh_CN"
    assert session.window.menus["help"].title() == "帮助(&H)"
    session.set_language("en")
    flush_events()
    assert session.window.menus["help"].title() == "&Help"


def test_geometry_splitter_and_last_page_restored(windows, ctx, translations):
    # Pages are built when first shown, and a window is no narrower than the pages it has built:
    # this one starts on Markets, so the wider pages are never built.
    ctx.settings.last_page = "markets"
    first = windows(MainWindow(ctx, my_pages()))
    first.show()
    first.show_page(3)
    first.resize(640, 430)
    size = (first.width(), first.height())  # no smaller than the window's minimum width
    assert size[1] == 430 and size[0] < 800  # within the offscreen screen, which clamps restores
    assert size[1] == 430
    first.splitter.setSizes([200, 500])
    sizes = first.splitter.sizes()
    key = first.current_page().key
    first.close()
    second = windows(MainWindow(ctx, my_pages()))
    second.show()
    assert second.current_page().key == key
    assert (second.width(), second.height()) == size
    assert second.splitter.sizes() == sizes


def test_undo_redo_actions_follow_the_stack(qtbot, window, ctx):
    page = window.pages[[p.key for p in window.pages].index("buyers")]
    window.show_page(window.pages.index(page))
    assert not window.actions["undo"].isEnabled()
    dialog = page.browser.open_form(None, None)
    qtbot.addWidget(dialog)
    dialog.form.fields["name"].setText("杨光福")
    assert dialog.try_save()
    assert window.actions["undo"].isEnabled()
    assert "buyer" in window.actions["undo"].text()
    window.actions["undo"].trigger()
    assert [b.name for b in ctx.store.buyers.list()] == ["陈建华", "周德明"]
    window.actions["redo"].trigger()
    assert "杨光福" in [b.name for b in ctx.store.buyers.list()]


def test_record_actions_reach_the_current_page(qtbot, window, ctx, monkeypatch):
    keys = [p.key for p in window.pages]
    window.show_page(keys.index("markets"))
    window.actions["new"].trigger()
    page = window.current_page()
    assert page.browser.dialog is not None
    qtbot.addWidget(page.browser.dialog)
    page.browser.dialog.reject()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.actions["find"].trigger()
    assert QApplication.focusWidget() is page.browser.search


def test_selection_summary_in_status_bar(qtbot, window, ctx):
    keys = [p.key for p in window.pages]
    window.show_page(keys.index("buyers"))
    table = window.current_page().browser.table
    table.selectAll()
    assert window.summary_label.text() == "2 selected"


def test_task_progress_and_cancel_in_status_bar(qtbot, window, ctx):
    import threading

    release = threading.Event()

    def work(task):
        task.progress(1, 4)
        release.wait(10)
        task.check_cancelled()
        return 1

    handle = ctx.tasks.start("slow", work)
    progress = window.task_progress
    assert not progress.isHidden()
    assert progress.cancel_button.text() == "Cancel"
    outcome: list[str] = []
    handle.cancelled.connect(lambda: outcome.append("cancelled"))
    handle.succeeded.connect(lambda _r: outcome.append("succeeded"))
    # The bar hides on `ended`, which arrives after `cancelled`: wait for the last one.
    with qtbot.waitSignal(handle.ended, timeout=10000):
        progress.cancel_button.click()
        release.set()
    assert outcome == ["cancelled"]
    assert progress.isHidden()


def test_about_dialog_names_database_and_folders(qtbot, ctx, db_path, translations):
    from app.views.dialogs.about import AboutDialog

    dialog = AboutDialog(db_path)
    qtbot.addWidget(dialog)
    assert dialog.db_value.text() == str(db_path)
    assert dialog.version_value.text() == app.__version__
    assert "FUJIANG" not in dialog.data_value.text()


# ---- the welcome dialog


@pytest.fixture
def empty_ctx(store, db_path):
    c = make_ctx(store, db_path)
    yield c
    c.tasks.wait()


def test_welcome_dialog_appears_on_an_empty_database(qtbot, windows, empty_ctx, translations):
    session = app_main.Session(empty_ctx, translations, my_pages())
    windows(session.window)
    session.window.show()
    dialog = session.show_welcome_if_empty()
    assert isinstance(dialog, WelcomeDialog)
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    assert dialog.choice() == DEMO


def test_no_welcome_on_a_database_with_data(windows, ctx, translations):
    session = app_main.Session(ctx, translations, my_pages())
    windows(session.window)
    assert session.show_welcome_if_empty() is None


def test_welcome_standard_lists(qtbot, empty_ctx, translations):
    dialog = WelcomeDialog(empty_ctx)
    qtbot.addWidget(dialog)
    dialog.options[STANDARD].setChecked(True)
    with qtbot.waitSignal(dialog.data_created):
        dialog.start_button.click()
    names = [c.name for c in empty_ctx.store.crops.list()]
    assert "白萝卜" in names and "莴笋" in names
    assert "重庆双福国际农贸城" in [m.name for m in empty_ctx.store.markets.list()]
    assert empty_ctx.store.operators.count() == 0
    assert not database_is_empty(empty_ctx.store)


def test_welcome_empty_writes_nothing(qtbot, empty_ctx, translations):
    dialog = WelcomeDialog(empty_ctx)
    qtbot.addWidget(dialog)
    dialog.options[EMPTY].setChecked(True)
    dialog.start_button.click()
    assert database_is_empty(empty_ctx.store)


def test_welcome_demo_runs_as_task_and_pages_reload(qtbot, windows, empty_ctx, translations):
    session = app_main.Session(empty_ctx, translations, my_pages())
    windows(session.window)
    dialog = session.show_welcome_if_empty(demo_years=0)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.data_created, timeout=60000):
        dialog.start_button.click()
        assert not dialog.progress.isHidden()
    assert empty_ctx.store.operators.count() == 11
    operators = next(p for p in session.window.pages if p.key == "operators")
    assert operators.operators.model.rowCount() == 11


def test_welcome_demo_cancel_writes_nothing(qtbot, empty_ctx, translations, monkeypatch):
    from db import demo

    def slow_generate(store, years=3, seed=2026, end=None, progress=None):
        with store.write():
            demo.seed_master_data(store)
            for i in range(1000):
                progress(i, 1000)  # raises Cancelled once Cancel was pressed
                threading_event.wait(0.01)
        return None

    import threading

    threading_event = threading.Event()
    monkeypatch.setattr(demo, "generate", slow_generate)
    dialog = WelcomeDialog(empty_ctx)
    qtbot.addWidget(dialog)
    handle = dialog.start_demo()
    with qtbot.waitSignal(handle.cancelled, timeout=30000):
        dialog.cancel_button.click()
    assert database_is_empty(empty_ctx.store)
    assert dialog.start_button.isEnabled()


# ---- errors


def test_excepthook_logs_and_shows_a_message_without_traceback(qapp, tmp_path, caplog):
    shown = []
    reporter = ErrorReporter(tmp_path / "fujiang.log")
    reporter.show = lambda title, message: shown.append((title, message))
    try:
        raise KeyError("boom")
    except KeyError as exc:
        with caplog.at_level(logging.ERROR, logger="fujiang"):
            reporter.excepthook(type(exc), exc, exc.__traceback__)
    assert shown and "KeyError" not in shown[0][1]  # the exception's name and text stay in the log
    assert "KeyError" in caplog.text
    assert "Traceback" not in shown[0][1]
    assert "Traceback" in caplog.text


def test_write_failure_handler_shows_the_domain_message(qapp, tmp_path):
    shown = []
    reporter = ErrorReporter(tmp_path / "fujiang.log")
    reporter.show = lambda title, message: shown.append((title, message))
    reporter.report_write_failure(ValidationError("name is already used"))
    assert shown == [("Not saved", "The change was not saved: name is already used")]


def test_failed_undo_reaches_the_error_handler(qtbot, ctx, monkeypatch):
    from app import commands

    seen = []
    monkeypatch.setattr(commands.RecordCommand, "error_handler", staticmethod(seen.append))
    command = commands.AddRecords(ctx.store.buyers, [Buyer(name="刘小勇")])
    commands.push(ctx.undo_stack, command)
    added = command.saved[0]
    ctx.store.payments.add(
        __import__("db.records", fromlist=["Payment"]).Payment(
            buyer_id=added.id, pay_date="2026-01-05", amount_fen=100
        )
    )
    ctx.undo_stack.undo()  # the buyer now has a payment: deleting it fails, the handler is told
    assert seen and "payment" in str(seen[0])


def test_open_with_recovery_offers_another_file(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("this is not a database")
    good = tmp_path / "good.db"
    asked = []

    def ask(error):
        asked.append(error)
        return app_main.CREATE_NEW

    opened = app_main.open_with_recovery(bad, ask=ask, choose=lambda choice, near: good)
    assert opened is not None
    db, path = opened
    assert path == good
    assert isinstance(asked[0], DatabaseFileError)
    db.close()


def test_open_with_recovery_quit(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("not a database")
    assert app_main.open_with_recovery(bad, ask=lambda e: app_main.QUIT) is None


def test_database_problem_dialog_choices(qtbot):
    dialog = app_main.DatabaseProblemDialog(DatabaseFileError("x.db is locked by another program."))
    qtbot.addWidget(dialog)
    assert "locked" in dialog.message.text()
    dialog.buttons[app_main.OPEN_OTHER].click()
    assert dialog.choice == app_main.OPEN_OTHER


def test_main_runs_and_exits(qtbot, tmp_path, monkeypatch):
    """The composition root end to end: opens the database, shows the window, exits with 0."""
    from PySide6.QtCore import QTimer

    path = tmp_path / "run.db"
    s = Store(open_database(path))
    s.buyers.add(Buyer(name="陈建华"))
    s.close()

    def close_all():
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow):
                assert widget.windowTitle().endswith("run.db")
                widget.close()

    QTimer.singleShot(0, close_all)
    assert app_main.main(["fujiang"], db_path=path, language="en") == 0
    assert Settings().last_database == str(path)


def test_a_page_that_fails_to_build_is_replaced_by_a_message(qtbot, windows, ctx, caplog):
    def broken(c, p=None):
        raise ValueError("no such column: nope")

    broken.page_name = "BrokenTestPage"
    with caplog.at_level(logging.ERROR):
        window = windows(MainWindow(ctx, [broken, *my_pages()]))
    page = window.pages[0]
    assert window.nav.item(0).text() == "Page not available"
    assert "could not be opened" in page.label.text()
    assert "ValueError: no such column: nope" in page.label.text()
    assert "BrokenTestPage" in caplog.text  # the log has the traceback
    assert window.nav.count() == len(my_pages()) + 1  # every other page is there


def test_an_empty_file_becomes_a_database_only_when_the_person_says_so(qtbot, tmp_path):
    from db.errors import EmptyDatabaseError

    empty = tmp_path / "park.db"
    empty.write_bytes(b"")
    assert app_main.open_with_recovery(empty, ask=lambda e: app_main.QUIT) is None
    assert empty.stat().st_size == 0 and sorted(p.name for p in tmp_path.iterdir()) == ["park.db"]
    asked = []
    opened = app_main.open_with_recovery(empty, ask=lambda e: asked.append(e) or app_main.CREATE_HERE)
    assert opened is not None and opened[1] == empty
    assert isinstance(asked[0], EmptyDatabaseError) and "is empty (0 bytes)" in str(asked[0])
    assert Store(opened[0]).operators.count() == 0  # a new, migrated database in that very file
    opened[0].close()
    dialog = app_main.DatabaseProblemDialog(asked[0])
    qtbot.addWidget(dialog)
    assert dialog.buttons[app_main.CREATE_HERE].isVisibleTo(dialog)
    dialog.buttons[app_main.CREATE_HERE].click()
    assert dialog.choice == app_main.CREATE_HERE
    other = app_main.DatabaseProblemDialog(DatabaseFileError("x.db is locked by another program."))
    qtbot.addWidget(other)
    assert not other.buttons[app_main.CREATE_HERE].isVisibleTo(other)
