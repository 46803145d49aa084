"""The rows of an entry form stay where they are while messages beside the fields come and go: a field
marked red keeps its height, a message keeps its lines (a long one ends in '…', read whole in its
tooltip), and the summary under the form takes room below the fields, not between them."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack

from app.context import AppContext
from app.fonts import apply_app_font, register_fonts
from app.i18n import Translations
from app.settings import Settings
from app.tasks import TaskRunner
from app.views.forms.fields import FieldMessage
from app.views.forms.harvest_form import HarvestForm
from app.views.forms.shipment_form import ShipmentForm

BAD = "x?? 12/45/99 zz, not what any field could read"


@pytest.fixture
def ctx(store, master, db_path, tmp_path):
    tasks = TaskRunner(db_path)
    yield AppContext(store, db_path, QUndoStack(), tasks, settings=Settings(tmp_path / "s.ini"))
    tasks.cancel_all()
    tasks.wait()


@pytest.fixture(params=["en", "zh_CN"])
def language(request, qapp):
    """The interface language, with the program's own font (the bundled CJK family behind the UI
    font), whose taller lines once squeezed the shipment form's rows when its summary grew."""
    translations = Translations(qapp)
    translations.set_language(request.param)
    font = qapp.font()
    apply_app_font(qapp, register_fonts())
    yield request.param
    qapp.setFont(font)
    translations.uninstall()


def _geometry(qtbot, dialog, form) -> dict[str, tuple[int, int]]:
    """Each field's top and height in the dialog, once the dialog has laid itself out again."""
    qtbot.wait(50)  # a grown summary is laid out by a posted LayoutRequest
    return {key: (w.mapTo(dialog, w.rect().topLeft()).y(), w.height()) for key, w in form.fields.items()}


def _typed_fields(form):
    return {k: w for k, w in form.fields.items() if hasattr(w, "setText") and not isinstance(w, FieldMessage)}


@pytest.mark.parametrize("kind", ["harvest", "shipment"])
def test_fields_stay_put_as_error_messages_appear_and_go(qtbot, ctx, language, kind):
    dialog = HarvestForm(ctx) if kind == "harvest" else ShipmentForm(ctx)
    qtbot.addWidget(dialog)
    form = dialog.form if kind == "harvest" else dialog.header
    save = dialog.try_save if kind == "harvest" else dialog.save
    dialog.show()
    qtbot.waitExposed(dialog)
    fresh = _geometry(qtbot, dialog, form)

    for field in _typed_fields(form).values():
        field.setText(BAD)
    assert not save()
    marked = [k for k, m in form.messages.items() if m.kind == "error"]
    assert {"date", "weight" if kind == "harvest" else "gross"} <= set(marked)
    assert dialog.error.kind == "error" and len(dialog.error.text().splitlines()) >= 3
    assert _geometry(qtbot, dialog, form) == fresh

    for field in _typed_fields(form).values():  # emptied: 'Required' where a value is needed
        field.setText("")
    assert form.messages["date"].text() in ("Required", "必填")
    assert _geometry(qtbot, dialog, form) == fresh

    form.fields["date"].setText("2026-01-05")  # fixed: an info line in green
    assert form.messages["date"].kind == "info"
    assert _geometry(qtbot, dialog, form) == fresh


def test_a_long_message_ends_in_an_ellipsis_and_is_read_whole_in_its_tooltip(qtbot, ctx):
    dialog = HarvestForm(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    message = dialog.form.messages["date"]
    dialog.date.setText(BAD)
    whole = message.text()
    assert whole.startswith(f"'{BAD}' is not a date")  # the whole text, for the form's summary
    shown = super(FieldMessage, message).text()  # what the label paints
    assert shown != whole and shown.endswith("…") and len(shown.splitlines()) == 2
    assert message.toolTip() == whole
    assert "is not a date" in dialog.form.check()[0]

    dialog.date.setText("2026-01-05")
    assert super(FieldMessage, message).text() == message.text() and message.toolTip() == ""
