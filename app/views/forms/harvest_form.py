"""The harvest lot form: date, operator, plot, crop, grade and weight, checked as typed; saves as one undo step."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from app import commands
from app.context import AppContext
from app.views.forms.date_checks import date_window
from app.views.forms.fields import ChoiceCombo, DateEdit, NameEdit, TextEdit, WeightEdit
from app.views.forms.record_form import EntryDefaults, RecordDialog, RecordForm
from db import units
from db.records import Harvest


class HarvestForm(RecordDialog):
    """Add, edit or duplicate one harvest lot."""

    def __init__(
        self,
        ctx: AppContext,
        record: Harvest | None = None,
        duplicate: bool = False,
        listener: Callable[[str, Sequence[int]], None] | None = None,
        defaults: EntryDefaults | None = None,
        parent: QWidget | None = None,
    ):
        self.ctx = ctx
        self.store = ctx.store
        self.listener = listener
        self.defaults = defaults or EntryDefaults(getattr(ctx, "settings", None))
        self.original = None if duplicate else record
        form = RecordForm()
        add = form.add_field
        self.date = add("date", QT_TRANSLATE_NOOP("forms", "Date"), DateEdit(window=date_window(ctx)))
        self.operator = add(
            "operator", QT_TRANSLATE_NOOP("forms", "Operator"), NameEdit(self.store.operators.name_entries())
        )
        self.plot = add("plot", QT_TRANSLATE_NOOP("forms", "Plot"), QComboBox())
        self.crop = add("crop", QT_TRANSLATE_NOOP("forms", "Crop"), NameEdit(self.store.crops.name_entries()))
        self.grade = add(
            "grade", QT_TRANSLATE_NOOP("forms", "Grade"), ChoiceCombo(units.GRADES, required=record is None)
        )
        self.weight = add("weight", QT_TRANSLATE_NOOP("forms", "Weight"), WeightEdit())
        self.lot = add("lot", QT_TRANSLATE_NOOP("forms", "Lot code"), QLabel())
        self.lot.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes = add("notes", QT_TRANSLATE_NOOP("forms", "Notes"), TextEdit(max_length=1000))
        super().__init__("", form, lambda _form: self._write(), parent)
        self.error = form.general_message
        self.operator.value_changed.connect(self._load_plots)
        self.grade.activated.connect(lambda _i: self.grade.setProperty("chosen_by_hand", True))
        self._fill(record)

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if self.original is None:
            self.setWindowTitle(self.tr("New harvest lot"))
            self.lot.setText(self.tr("assigned on save"))
        else:
            self.setWindowTitle(self.tr("Harvest lot %1").replace("%1", self.original.lot_code))
        self.weight.setPlaceholderText(self.tr("e.g. 3500斤, 1.75吨, 1250 (kg)"))
        self.date.setPlaceholderText(self.tr("e.g. 2026-01-06, 1月6号"))

    def _fill(self, record: Harvest | None) -> None:
        if record is None:
            self.date.set_date(self.defaults.get("date") or datetime.date.today().isoformat())
            for field, key, repo in (
                (self.operator, "operator_id", self.store.operators),
                (self.crop, "crop_id", self.store.crops),
            ):
                rid = self.defaults.get_int(key)
                if rid is not None and repo.find(rid) is not None:
                    field.set_value(rid)
            self._default_grade()
            self.operator.value_changed.connect(lambda _v: self._default_grade())
            self.crop.value_changed.connect(lambda _v: self._default_grade())
            return
        self.date.set_date(record.harvest_date)
        self.operator.set_value(record.operator_id)
        self._load_plots(record.operator_id)
        self.plot.setCurrentIndex(max(self.plot.findData(record.plot_id), 0))
        self.crop.set_value(record.crop_id)
        self.grade.set_code(record.grade)
        if record.packs and self.original is not None:
            self._mark_estimate(record)
        self.weight.set_value(record.weight_g)
        self.notes.set_value(record.notes)
        if self.original is not None:
            self.lot.setText(record.lot_code)

    def _mark_estimate(self, record: Harvest) -> None:
        """Beside the weight while it is still the one estimated from packs (3袋): say so."""
        weighed = self.weight.parser

        def describe(grams: int) -> str:
            shown = weighed.describe(grams)
            if grams != record.weight_g:
                return shown
            return shown + " · " + self.tr("estimated from %1, not weighed").replace("%1", record.packs)

        self.weight.set_parser(dataclasses.replace(weighed, describe=describe))

    def _default_grade(self) -> None:
        """A new lot takes the grade last used for this operator and crop (or either); with no
        history the grade stays empty and must be chosen: never premium by accident."""
        if self.grade.property("chosen_by_hand"):
            return
        grade = self.store.harvests.last_grade(self.operator.value, self.crop.value)
        if grade is None:
            self.grade.clear_code()
        else:
            self.grade.set_code(grade)

    def _load_plots(self, operator_id: int | None) -> None:
        current = self.plot.currentData()
        self.plot.clear()
        self.plot.addItem("—", None)
        if operator_id is not None:
            for plot in self.store.plots.for_operator(operator_id):
                self.plot.addItem(plot.name, plot.id)
        self.plot.setCurrentIndex(max(self.plot.findData(current), 0))

    def save(self) -> bool:
        return self.try_save()

    def _write(self) -> Harvest:
        """Store the lot as one undo step; a DomainError is shown in the form by RecordDialog."""
        base = self.original or Harvest("", 0, 0, 1)
        record = base.replace(
            harvest_date=self.date.value,
            operator_id=self.operator.value,
            plot_id=self.plot.currentData(),
            crop_id=self.crop.value,
            grade=self.grade.code(),
            weight_g=self.weight.value,
            notes=self.notes.value or "",
            # an estimate from packs (3袋) stays one until another weight is typed
            packs=base.packs if self.original and self.weight.value == base.weight_g else "",
            **({} if self.original else {"id": None, "lot_code": ""}),
        )
        repo = self.store.harvests
        if self.original is None:
            command = commands.AddRecords(repo, [record], self.listener, self.tr("Add harvest lot"))
            commands.push(self.ctx.undo_stack, command)
            stored = command.saved[0]
        else:
            command = commands.UpdateRecords(
                repo, [self.original], [record], self.listener, self.tr("Edit harvest lot")
            )
            commands.push(self.ctx.undo_stack, command)
            stored = command.after[0]
        self.defaults.set("date", stored.harvest_date)
        self.defaults.set("operator_id", stored.operator_id)
        self.defaults.set("crop_id", stored.crop_id)
        return stored
