"""The window when another program shares its database: it shows what others commit (keeping the
selection and the scroll position), a save waits visibly, and a stale save says what changed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QStatusBar

from app.context import AppContext
from app.db_watch import DatabaseWatcher, WriteWaitIndicator
from app.settings import Settings
from app.tasks import TaskRunner
from app.views.main_window import MainWindow
from app.views.pages.harvests_page import HarvestsPage
from app.views.pages.master_pages import BuyersPage
from db.records import Buyer, Harvest

ROOT = Path(__file__).resolve().parents[1]


def in_another_program(db_path: Path, code: str) -> None:
    """Run Python code on the database in a separate process (`store` is its Store)."""
    script = (
        "import sys\n"
        "from db.storage.connection import open_database\n"
        "from db.records import Buyer, Harvest\n"
        "from db.repositories import Store\n"
        "store = Store(open_database(sys.argv[1]), user='other-clerk')\n" + code + "\nstore.close()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(db_path)], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr


@pytest.fixture
def ctx(store, db_path, tmp_path):
    stack = QUndoStack()
    tasks = TaskRunner(db_path, user="tester")
    yield AppContext(store, db_path, stack, tasks, language="en", settings=Settings(tmp_path / "s.ini"))
    stack.clear()
    tasks.cancel_all()
    tasks.wait()


def test_the_watcher_sees_another_programs_commit_and_not_its_own(qtbot, store, master, db_path):
    watcher = DatabaseWatcher(store)
    assert not watcher.poll()
    store.buyers.add(Buyer(name="本窗口客商"))  # this connection's own write: already shown
    assert not watcher.poll()
    in_another_program(db_path, "store.buyers.add(Buyer(name='另一个程序的客商'))")
    with qtbot.waitSignal(watcher.changed, timeout=1000):
        assert watcher.poll()
    assert not watcher.poll()  # once per change


def test_the_page_in_view_shows_outside_changes_keeping_selection_and_scroll(
    qtbot, ctx, store, master, db_path
):
    store.buyers.add_many([Buyer(name=f"客商{i:03d}") for i in range(300)])
    window = MainWindow(ctx, [lambda c, parent: BuyersPage(c, parent)])
    qtbot.addWidget(window)
    window.resize(1000, 600)
    window.show()
    qtbot.waitExposed(window)
    page = window.current_page()
    browser = page.browsers[0]
    browser.refresh()
    chosen = store.buyers.list(where="name = ?", params=["客商150"])[0]
    browser.select_ids([chosen.id])
    bar = browser.table.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    top = bar.value()
    assert top > 0
    in_another_program(db_path, "store.buyers.add(Buyer(name='新来的客商'))")
    watcher = DatabaseWatcher(store)
    watcher._version = -1  # as if it had looked before the other program wrote
    watcher.changed.connect(window.show_outside_changes)
    assert watcher.poll()
    names = {browser.model.record_at(r).name for r in range(browser.model.rowCount())}
    assert "新来的客商" in names
    assert [r.id for r in browser.selected_records()] == [chosen.id]
    assert bar.value() == top


def test_a_waiting_save_shows_in_the_status_bar(qtbot):
    bar = QStatusBar()
    qtbot.addWidget(bar)
    indicator = WriteWaitIndicator(bar)
    indicator(2.4, False)
    assert bar.currentMessage() == "Waiting for another program to finish writing to the database… (2 s)"
    indicator(3.0, True)
    assert bar.currentMessage() == ""


def test_a_stale_form_save_says_what_changed_and_keeps_the_other_save(qtbot, ctx, store, master, db_path):
    ops, crops = master["operators"], master["crops"]
    lot = store.harvests.add(Harvest("2026-01-06", ops[0].id, crops[0].id, 2_100_000, grade="first"))
    page = HarvestsPage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.model.refreshed, timeout=10_000):
        page.show()
    form = page.open_form(store.harvests.get(lot.id))
    qtbot.addWidget(form)
    in_another_program(
        db_path, f"store.harvests.update(store.harvests.get({lot.id}).replace(weight_g=2_000_000))"
    )
    form.notes.setText("雨后采收")
    assert not form.save()
    shown = form.error.text()
    assert "was changed by other-clerk" in shown
    assert "weight 2,100.0 kg → 2,000.0 kg" in shown
    stored = store.harvests.get(lot.id)
    assert (stored.weight_g, stored.notes) == (2_000_000, "")
    assert ctx.undo_stack.count() == 0  # nothing to undo: nothing was written


def test_a_task_that_waits_says_so_in_its_progress_and_goes_on(qtbot, ctx, store, master, db_path):
    from tests.test_shared_file import child, expect, tell

    ops, crops = master["operators"], master["crops"]

    def save(task):
        return task.store().harvests.add(Harvest("2026-01-08", ops[0].id, crops[0].id, 900_000)).id

    with child("hold", str(db_path)) as holder:
        expect(holder, "holding")
        handle = ctx.tasks.start("save a lot", save)
        messages: list[str] = []
        handle.progressed.connect(lambda _d, _t, text: messages.append(text))
        with qtbot.waitSignal(handle.progressed, timeout=10_000):
            pass
        assert messages[0].startswith("Waiting for another program to finish writing to the database…")
        with qtbot.waitSignal(handle.succeeded, timeout=30_000) as done:
            tell(holder, "release")
        assert holder.wait(timeout=30) == 0
    assert store.harvests.get(done.args[0]).weight_g == 900_000
