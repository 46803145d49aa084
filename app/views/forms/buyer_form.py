"""The buyer form: on the buyers page, and from the shipment form for a buyer not yet known."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QWidget

from app import commands
from app.context import AppContext
from app.views.forms.field_parsers import CellParser, parse_phone, plates_parser
from app.views.forms.fields import ChoiceCombo, NameEdit, TextEdit, ValidatedLineEdit
from app.views.forms.record_form import RecordDialog, RecordForm
from db import units
from db.records import Buyer


def build_buyer_form(ctx: AppContext, record: Buyer | None) -> RecordForm:
    record = record or Buyer(name="")
    form = RecordForm()
    name = form.add_field("name", QT_TRANSLATE_NOOP("forms", "Name"), TextEdit(required=True))
    kind = form.add_field("kind", QT_TRANSLATE_NOOP("forms", "Kind"), ChoiceCombo(units.BUYER_KINDS))
    home = form.add_field("home_base", QT_TRANSLATE_NOOP("forms", "Home base"), TextEdit())
    phone = form.add_field(
        "phone",
        QT_TRANSLATE_NOOP("forms", "Phone"),
        ValidatedLineEdit(CellParser(parse_phone, required=False)),
    )
    markets = [
        (m.id, m.name, m.aliases)
        for m in ctx.store.markets.list()
        if not m.archived or m.id == record.default_market_id
    ]
    market = form.add_field(
        "default_market", QT_TRANSLATE_NOOP("forms", "Usual market"), NameEdit(markets, required=False)
    )
    plates = form.add_field(
        "plates",
        QT_TRANSLATE_NOOP("forms", "Truck plates"),
        ValidatedLineEdit(plates_parser()),
    )
    notes = form.add_field("notes", QT_TRANSLATE_NOOP("forms", "Notes"), TextEdit(max_length=1000))
    name.set_value(record.name)
    kind.set_code(record.kind)
    home.set_value(record.home_base)
    phone.set_value(record.phone)
    market.set_value(record.default_market_id)
    plates.set_value(record.plates)
    notes.set_value(record.notes)
    return form


def buyer_from_form(form: RecordForm, original: Buyer | None) -> Buyer:
    base = original or Buyer(name="")
    return base.replace(
        name=form.value("name"),
        kind=form.value("kind"),
        home_base=form.value("home_base") or "",
        phone=form.value("phone") or "",
        default_market_id=form.value("default_market"),
        plates=form.value("plates") or (),
        notes=form.value("notes") or "",
    )


def new_buyer_dialog(
    ctx: AppContext,
    name: str,
    listener: Callable[[str, Sequence[int]], None] | None,
    parent: QWidget | None = None,
    plate: str = "",
) -> RecordDialog:
    """A buyer form filled with the name (and plate) typed elsewhere; Save adds the buyer as one
    undo step and the dialog's `saved` signal carries the stored Buyer."""
    start = Buyer(name=name.strip(), plates=(plate,) if plate else ())

    def save(form: RecordForm) -> Buyer:
        record = buyer_from_form(form, None)
        command = commands.AddRecords(
            ctx.store.buyers,
            [record],
            listener,
            QCoreApplication.translate("BuyerForm", "Add buyer %1").replace("%1", record.name),
        )
        commands.push(ctx.undo_stack, command)
        return command.saved[0]

    title = QCoreApplication.translate("RecordBrowser", "New buyer")
    return RecordDialog(title, build_buyer_form(ctx, start), save, parent)
