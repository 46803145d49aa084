"""Help ▸ Check the database… on a real file: the check runs as a task, the report names what is
wrong, Repair recomputes the summaries and the dialog then reports everything in order."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from app.i18n import Translations
from app.views.dialogs.check_dialog import CheckDialog
from app.views.main_window import MainWindow
from tests.documents_data import build_park
from tests.test_main_window import make_ctx, my_pages


@pytest.fixture
def translations(qapp):
    t = Translations(qapp)
    t.set_language("en")
    yield t
    t.uninstall()


@pytest.fixture
def ctx(store, master, db_path, translations):
    build_park(store, master)
    truck = store.shipments.by_ticket("B20260106-001")
    store.shipments.update(truck.replace(gross_g=truck.tare_g + truck.lines_net_g))
    c = make_ctx(store, db_path)
    yield c
    c.tasks.wait()


def run_task(qtbot, start):
    handle = start()
    with qtbot.waitSignal(handle.ended, timeout=20_000):
        pass
    return handle


def test_check_repair_and_check_again(qtbot, ctx, monkeypatch):
    ctx.store.db.execute(
        "UPDATE shipment_daily SET net_g = net_g + 7 WHERE rowid = (SELECT min(rowid) FROM shipment_daily)"
    )
    ctx.store.db.conn.commit()
    dialog = CheckDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    run_task(qtbot, dialog.start_check)
    assert not dialog.report.ok and dialog.repair_button.isEnabled()
    assert "daily shipment summary differs" in dialog.text.toPlainText()
    assert "Repair recomputes" in dialog.summary.text()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    assert dialog.repair() is None  # asked first; No leaves everything as it was
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    repaired = []
    dialog.repaired.connect(repaired.append)
    run_task(qtbot, dialog.repair)  # the task starts once the event loop runs: no signal is missed
    assert [r.shipment_daily for r in repaired] == [2]
    assert dialog.report.ok and dialog.summary.text() == "Everything is in order."
    assert not dialog.repair_button.isEnabled()


def test_the_help_menu_has_the_check(qtbot, ctx):
    window = MainWindow(ctx, my_pages())
    qtbot.addWidget(window)
    actions = {a.objectName(): a for a in window.menus["help"].actions()}
    assert actions["check_database"].text() == "&Check the database…"
    actions["check_database"].trigger()
    dialog = window.check_dialog
    with qtbot.waitSignal(dialog.handle.ended, timeout=20_000):
        pass
    assert dialog.report.ok
    dialog.close()
    window.close()
