"""The backups in the desktop app: File → Back up now… and Restore…, the restore dialog, the day's
backup at start, and the latest good backup offered for a damaged database."""

from __future__ import annotations

import datetime
import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app import commands
from app.i18n import Translations
from app.views.dialogs import backup_dialog
from app.views.main_window import MainWindow
from db.errors import DatabaseFileError, ForeignDatabaseError
from db.records import Buyer
from db.repositories import Store
from db.storage import backup
from db.storage.connection import open_database
from tests import bulkdata
from tests.test_main_window import StubPage, dispose, make_ctx


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


@pytest.fixture
def windows(qtbot, store, translations):
    """Top-level widgets of a test, deleted before the database they read is closed."""
    made = []

    def add(widget):
        qtbot.addWidget(widget)
        made.append(widget)
        return widget

    yield add
    dispose(*made)


class CountingPage(StubPage):
    def __init__(self, ctx, parent=None, n=0):
        super().__init__(ctx, parent, n)
        self.refreshed = 0

    def refresh(self) -> None:
        self.refreshed += 1


@pytest.fixture
def window(windows, ctx):
    w = windows(MainWindow(ctx, [lambda c, p=None, n=n: CountingPage(c, p, n) for n in range(2)]))
    w.show()
    return w


@pytest.fixture
def actions(window, ctx):
    made = backup_dialog.install(window, ctx, daily=False)
    yield made
    ctx.tasks.wait()


def shipments(store: Store) -> int:
    return store.db.execute("SELECT count(*) FROM shipments").fetchone()[0]


def test_the_file_menu_holds_back_up_and_restore_above_quit(window, actions):
    file_actions = [a for a in window.menus["file"].actions() if not a.isSeparator()]
    texts = [a.text() for a in file_actions]
    assert texts[-3:] == ["&Back up now…", "&Restore from a backup…", "&Quit"]


def test_back_up_now_runs_as_a_task_and_says_where(qtbot, actions, ctx, store):
    with qtbot.waitSignal(actions.backed_up, timeout=20_000) as done:
        actions.back_up_action.trigger()
    info = done.args[0]
    assert [b.path for b in backup.list_backups(ctx.db_path)] == [info.path]
    assert info.reason == "manual" and info.counts == backup.count_records(store.db.conn)
    assert str(info.path) in actions.message.text()


def test_the_daily_backup_at_start_is_made_once(qtbot, window, ctx, store):
    first = backup_dialog.install(window, ctx)
    with qtbot.waitSignal(first.handle.ended, timeout=20_000):
        pass
    [made] = backup.list_backups(ctx.db_path)
    assert made.reason == "daily"
    second = backup_dialog.install(window, ctx)
    with qtbot.waitSignal(second.handle.succeeded, timeout=20_000) as done:
        pass
    assert done.args == [None] and len(backup.list_backups(ctx.db_path)) == 1


def open_dialog(qtbot, actions) -> backup_dialog.RestoreDialog:
    dialog = actions.open_restore_dialog()
    qtbot.waitUntil(lambda: dialog.handle is None, timeout=20_000)
    return dialog


def test_the_dialog_lists_date_reason_size_and_counts(qtbot, actions, ctx, store):
    older = backup.backup_database(store.db, ctx.db_path, backup.BEFORE_IMPORT)
    store.buyers.add(Buyer(name="杨光福", kind="wholesaler"))
    newer = backup.backup_database(store.db, ctx.db_path, backup.MANUAL)
    dialog = open_dialog(qtbot, actions)
    table = dialog.table
    assert table.rowCount() == 2
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == [
        "Date", "Reason", "Size", "Harvests", "Shipments", "Payments", "Certificates", "All records", "File"
    ]  # fmt: skip
    rows = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(2)]
    assert rows[0][:2] == [newer.created.strftime("%Y-%m-%d %H:%M:%S"), "Made by hand"]
    assert rows[1][1] == "Before an import"
    assert rows[0][7] == f"{newer.records:,}" and rows[1][7] == f"{older.records:,}"
    assert int(rows[0][7].replace(",", "")) == int(rows[1][7].replace(",", "")) + 1
    assert rows[0][2].endswith(" MB") and rows[0][8] == newer.path.name
    assert dialog.restore_button.isEnabled() and dialog.selected().path == newer.path


def test_two_backups_in_one_minute_are_told_apart_by_their_seconds(qtbot, actions, ctx, store):
    made = backup.backup_database(store.db, ctx.db_path, backup.MANUAL)
    for second in (5, 40):
        when = datetime.datetime(2026, 3, 2, 12, 0, second)
        copy = made.path.with_name(backup.backup_name(ctx.db_path, backup.MANUAL, when))
        copy.write_bytes(made.path.read_bytes())
    made.path.unlink()
    table = open_dialog(qtbot, actions).table
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == [
        "2026-03-02 12:00:40",
        "2026-03-02 12:00:05",
    ]


def test_restore_asks_with_counts_then_restores_clears_undo_and_refreshes(qtbot, window, actions, ctx, store):
    saved = backup.backup_database(store.db, ctx.db_path, backup.DAILY)
    added = store.buyers.add(Buyer(name="杨光福", kind="wholesaler"))
    commands.push_done(
        ctx.undo_stack, commands.AddRecords.done(store.buyers, [added], None, "add"), [added.id]
    )
    assert ctx.undo_stack.count() == 1
    dialog = open_dialog(qtbot, actions)
    dialog.table.selectRow([b.path for b in dialog.backups].index(saved.path))
    box = dialog.ask_restore()
    buyers_row = f"<td>Buyers</td><td align='right'>{len(store.buyers.list())}</td><td>→</td><td align='right'>{saved.counts['buyers']}</td>"
    assert buyers_row in box.informativeText()
    assert "backed up first" in box.informativeText()
    refreshed = [p.refreshed for p in window.pages]
    with qtbot.waitSignal(actions.restored, timeout=30_000) as done:
        box.done(QMessageBox.StandardButton.Yes)
    result = done.args[0]
    assert result.after == saved.counts
    assert [b.name for b in store.buyers.list()] == [
        b.name for b in store.buyers.list() if b.name != "杨光福"
    ]
    assert ctx.undo_stack.count() == 0
    assert [p.refreshed for p in window.pages] == [n + 1 for n in refreshed]
    assert "before-restore" in result.safety.path.name and result.safety.path.name in dialog.status.text()
    qtbot.waitUntil(lambda: dialog.handle is None, timeout=20_000)  # the list is read again
    assert {b.reason for b in dialog.backups} == {"daily", "before-restore"}


def test_declining_changes_nothing(qtbot, actions, ctx, store):
    backup.backup_database(store.db, ctx.db_path, backup.DAILY)
    store.buyers.add(Buyer(name="杨光福", kind="wholesaler"))
    before = backup.count_records(store.db.conn)
    dialog = open_dialog(qtbot, actions)
    dialog.ask_restore().done(QMessageBox.StandardButton.Cancel)
    assert dialog.handle is None and dialog.status.text() == "Nothing was changed."
    assert backup.count_records(store.db.conn) == before


def test_a_foreign_file_is_refused_without_asking(qtbot, actions, ctx, store, tmp_path):
    foreign = tmp_path / "notes.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    dialog = open_dialog(qtbot, actions)
    assert dialog.ask_restore(backup.read_backup(foreign)) is None
    assert "not a backup of this program" in dialog.status.text()


def test_a_restore_of_a_big_park_can_be_cancelled(qtbot, windows, tmp_path, monkeypatch):
    big_path = tmp_path / "big.db"
    big = Store(open_database(big_path), user="tester")
    bulkdata.populate(big, harvests=2_000, shipments=1_500, days=100)
    big_ctx = make_ctx(big, big_path)
    try:
        saved = backup.backup_database(big.db, big_path, backup.DAILY)
        big.db.execute("DELETE FROM payments")
        big.db.conn.commit()
        before = backup.count_records(big.db.conn)
        monkeypatch.setattr(backup, "_STEP_PAGES", 8)
        dialog = windows(backup_dialog.RestoreDialog(big_ctx, backup.default_folder(big_path)))
        qtbot.waitUntil(lambda: dialog.handle is None, timeout=20_000)
        handle = dialog.start_restore(saved)
        messages = []
        writing, written = backup_dialog.stage_label("write"), backup_dialog.stage_label("written")

        def cancel_while_writing(done, total, message):
            messages.append(message)
            if message == writing:
                handle.cancel()

        # Direct: Cancel is pressed in the worker's own step, so it lands inside the write however
        # fast the machine is (a queued signal let the write finish first under load).
        handle.progressed.connect(cancel_while_writing, Qt.ConnectionType.DirectConnection)
        with qtbot.waitSignal(handle.ended, timeout=30_000):
            pass
        assert writing in messages and written not in messages
        assert dialog.status.text() == "Cancelled; the database was not changed."
        assert backup.count_records(big.db.conn) == before
    finally:
        big_ctx.tasks.wait()
        big.close()


def test_a_damaged_database_is_offered_its_latest_good_backup(db_path, tmp_path):
    store = Store(open_database(db_path), user="tester")
    bulkdata.populate(store, harvests=300, shipments=200, days=30)
    saved = backup.backup_database(store.db, db_path, backup.DAILY)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = bytearray(db_path.read_bytes())  # closed: the test may damage it
    data[4096 * 2 : 4096 * 5] = bytes(4096 * 3)
    db_path.write_bytes(bytes(data))
    error = DatabaseFileError("damaged")
    asked = []
    assert not backup_dialog.offer_latest_backup(ForeignDatabaseError("x"), db_path, confirm=lambda *a: True)
    assert not backup_dialog.offer_latest_backup(
        error, db_path, confirm=lambda e, i: asked.append(i) or False
    )
    assert [i.path for i in asked] == [saved.path]
    assert backup_dialog.offer_latest_backup(error, db_path, confirm=lambda e, i: True)
    reopened = open_database(db_path)
    try:
        assert backup.count_records(reopened.conn) == saved.counts
    finally:
        reopened.close()
    assert list(db_path.parent.glob("park.db.damaged-*"))


def test_the_gui_import_backs_up_first_and_a_failed_backup_imports_nothing(
    qtbot, windows, ctx, store, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox, QWidget, QWizard

    from app.views.wizard import ImportWizard
    from tests.test_import_wizard import HARVEST_ROWS, write_csv

    parent = windows(QWidget())
    path = write_csv(tmp_path / "good.csv", HARVEST_ROWS)
    monkeypatch.setattr(QMessageBox, "warning", lambda *_args: None)

    def ready() -> ImportWizard:
        wizard = ImportWizard(ctx, "harvests", parent, None, path)
        wizard.show()
        qtbot.waitUntil(lambda: not wizard.file_page.reading, timeout=20_000)
        wizard.next()
        wizard.mapping_page.choose("采摘日", "date")
        with qtbot.waitSignal(wizard.checked, timeout=20_000):
            wizard.next()
        wizard.next()
        return wizard

    def failing(*_args, **_kwargs):
        raise backup.BackupError(backup.translate("db", "the disk is full"))

    with monkeypatch.context() as patch:
        patch.setattr(backup, "backup_database", failing)
        refused = ready()
        before = backup.count_records(store.db.conn)  # with the mapping the wizard remembered
        with qtbot.waitSignal(refused.finished_import, timeout=20_000) as ended:
            refused.button(QWizard.WizardButton.FinishButton).click()
    assert ended.args == ["failed"] and backup.count_records(store.db.conn) == before

    wizard = ready()
    with qtbot.waitSignal(wizard.imported, timeout=20_000):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    [made] = backup.list_backups(ctx.db_path)
    assert made.reason == "before-import" and made.counts == before
    assert backup.count_records(store.db.conn)["harvests"] == before["harvests"] + 2


def test_changing_the_folder_lists_it_and_becomes_the_setting(qtbot, actions, ctx, store, tmp_path):
    elsewhere = tmp_path / "usb"
    made = backup.backup_database(store.db, ctx.db_path, backup.MANUAL, folder=elsewhere)
    dialog = open_dialog(qtbot, actions)
    assert dialog.backups == []
    dialog.set_folder(elsewhere)
    qtbot.waitUntil(lambda: dialog.handle is None, timeout=20_000)
    assert [b.path for b in dialog.backups] == [made.path]
    assert ctx.settings.backup_folder == str(elsewhere) and actions.folder() == elsewhere
    assert str(elsewhere) in dialog.heading.text()
