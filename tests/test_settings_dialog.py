"""File ▸ The park's details…: checked as the clerk types, saved through the undo stack, undone and
redone, reachable from the File menu, and on the next statement."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from app.i18n import Translations
from app.views.dialogs.settings_dialog import SettingsDialog
from app.views.main_window import MainWindow
from db import organisation
from db.documents import reports
from tests.test_main_window import make_ctx, my_pages


@pytest.fixture
def translations(qapp):
    t = Translations(qapp)
    t.set_language("en")
    yield t
    t.uninstall()


@pytest.fixture
def ctx(store, master, db_path, translations):
    c = make_ctx(store, db_path)
    yield c
    c.tasks.wait()


def test_typing_is_checked_saved_undone_and_redone(qtbot, ctx, master):
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert dialog.edits["name"].text() == "遂潼涪江蔬菜乐园" and dialog.days.value() == 15
    code = dialog.edits["credit_code"]
    qtbot.keyClicks(code, "91350100M000100Y44")
    assert not save.isEnabled()
    assert dialog.notes["credit_code"].isVisible()
    assert "give 3" in dialog.notes["credit_code"].text()
    code.setText("")
    code.insert("９１３５０１００ｍ０００１００ｙ４３")  # full-width, lower case: as an IME commits it
    assert save.isEnabled() and dialog.notes["credit_code"].text() == "Check character correct."
    dialog.edits["name"].clear()
    assert not save.isEnabled() and dialog.notes["name"].isVisible()
    dialog.edits["name"].insert("涪江蔬菜产业园有限公司")
    qtbot.keyClicks(dialog.edits["account"], "6228 4801 2345")
    dialog.days.setValue(7)
    assert save.isEnabled()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    stored = organisation.load(ctx.store.db)
    assert (stored.name, stored.credit_code, stored.account, stored.objection_days) == (
        "涪江蔬菜产业园有限公司",
        "91350100M000100Y43",
        "622848012345",
        7,
    )
    assert ctx.undo_stack.count() == 1 and ctx.undo_stack.undoText() == "Change the park's details"
    ctx.undo_stack.undo()
    assert organisation.load(ctx.store.db) == organisation.Organisation()
    ctx.undo_stack.redo()
    assert organisation.load(ctx.store.db) == stored
    st = reports.buyer_statement(ctx.store, master["buyers"][0].id, "2026-01-01", "2026-01-31")
    assert st.organisation == stored and st.park_name == "涪江蔬菜产业园有限公司"


def test_an_undo_over_another_programs_change_is_refused(qtbot, ctx):
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.edits["phone"].setText("0825-1111111")
    dialog.save()
    # Another program changes the phone meanwhile: undo must not overwrite it.
    current = organisation.load(ctx.store.db)
    organisation.save(ctx.store, current.replace(phone="0825-2222222"))
    errors = []
    from app.commands import RecordCommand

    RecordCommand.error_handler = errors.append
    try:
        ctx.undo_stack.undo()
    finally:
        RecordCommand.error_handler = None
    assert errors and "changed by someone else" in str(errors[0])
    assert organisation.load(ctx.store.db).phone == "0825-2222222"


def test_reachable_from_the_file_menu(qtbot, ctx):
    window = MainWindow(ctx, my_pages())
    qtbot.addWidget(window)
    file_actions = [a for a in window.menus["file"].actions() if not a.isSeparator()]
    assert [a.objectName() for a in file_actions[-2:]] == ["organisation_settings", "action_quit"]
    action = file_actions[-2]
    assert action.text() == "The park's &details…" and file_actions[-1].text() == "&Quit"
    action.trigger()
    assert isinstance(window.settings_dialog, SettingsDialog) and window.settings_dialog.isVisible()
    window.settings_dialog.reject()
