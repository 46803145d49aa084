"""The harvest lot form: date, operator, plot, crop, grade and weight, checked as typed; saves as one undo step."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app import commands
from app.context import AppContext
from app.messages import tr_error, tr_message
from app.views.entry_fields import DateField, EntryDefaults, NameField, WeightField
from db import units
from db.errors import DomainError
from db.records import Harvest


class HarvestForm(QDialog):
    """Add, edit or duplicate one harvest lot."""

    saved = Signal(object)  # the stored Harvest

    def __init__(
        self,
        ctx: AppContext,
        record: Harvest | None = None,
        duplicate: bool = False,
        listener: Callable[[str, Sequence[int]], None] | None = None,
        defaults: EntryDefaults | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.store = ctx.store
        self.listener = listener
        self.defaults = defaults or EntryDefaults(getattr(ctx, "settings", None))
        self.original = None if duplicate else record
        self.date = DateField(self)
        self.operator = NameField(self.store.operators.name_entries(), self)
        self.plot = QComboBox(self)
        self.crop = NameField(self.store.crops.name_entries(), self)
        self.grade = QComboBox(self)
        for code in units.GRADES:
            self.grade.addItem(units.label(units.GRADES, code, ctx.language), code)
        self.weight = WeightField(self)
        self.lot = QLabel(self)
        self.lot.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes = QLineEdit(self)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        for button in self.buttons.buttons():
            button.setAutoDefault(False)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.labels = {}
        for key, widget in (
            ("date", self.date),
            ("operator", self.operator),
            ("plot", self.plot),
            ("crop", self.crop),
            ("grade", self.grade),
            ("weight", self.weight),
            ("lot", self.lot),
            ("notes", self.notes),
        ):
            label = QLabel(self)
            label.setBuddy(widget)
            self.labels[key] = label
            self.form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        self.operator.value_changed.connect(self._load_plots)
        self.retranslate_ui()
        self._fill(record)
        self.setMinimumWidth(560)

    def retranslate_ui(self) -> None:
        if self.original is None:
            self.setWindowTitle(self.tr("New harvest lot"))
        else:
            self.setWindowTitle(self.tr("Harvest lot %1").replace("%1", self.original.lot_code))
        texts = {
            "date": self.tr("&Date"),
            "operator": self.tr("&Operator"),
            "plot": self.tr("&Plot"),
            "crop": self.tr("&Crop"),
            "grade": self.tr("&Grade"),
            "weight": self.tr("&Weight"),
            "lot": self.tr("Lot code"),
            "notes": self.tr("&Notes"),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
        self.weight.line_edit.setPlaceholderText(self.tr("e.g. 3500斤, 1.75吨, 1250 (kg)"))
        self.date.line_edit.setPlaceholderText(self.tr("e.g. 2026-01-06, 1月6号"))
        if self.original is None:
            self.lot.setText(self.tr("assigned on save"))

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
            return
        self.date.set_date(record.harvest_date)
        self.operator.set_value(record.operator_id)
        self._load_plots(record.operator_id)
        self.plot.setCurrentIndex(max(self.plot.findData(record.plot_id), 0))
        self.crop.set_value(record.crop_id)
        self.grade.setCurrentIndex(max(self.grade.findData(record.grade), 0))
        self.weight.set_value(record.weight_g)
        self.notes.setText(record.notes)
        if self.original is not None:
            self.lot.setText(record.lot_code)

    def _load_plots(self, operator_id: int | None) -> None:
        current = self.plot.currentData()
        self.plot.clear()
        self.plot.addItem("—", None)
        if operator_id is not None:
            for plot in self.store.plots.for_operator(operator_id):
                self.plot.addItem(plot.name, plot.id)
        self.plot.setCurrentIndex(max(self.plot.findData(current), 0))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter moves to the next field, as Tab does; Ctrl+S saves.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.focusNextChild()
            return
        super().keyPressEvent(event)

    def record(self) -> Harvest | None:
        """The harvest the fields describe, or None (with the problems shown) when something is missing."""
        problems = []
        for field, name in (
            (self.date, self.labels["date"].text()),
            (self.operator, self.labels["operator"].text()),
            (self.crop, self.labels["crop"].text()),
            (self.weight, self.labels["weight"].text()),
        ):
            field.reparse()
            if field.value is None:
                message = tr_message(field.error) if field.text().strip() else self.tr("required")
                problems.append(f"{name.replace('&', '')}: {message}")
        if problems:
            self.error.setText("\n".join(problems))
            return None
        base = self.original or Harvest("", 0, 0, 1)
        return base.replace(
            harvest_date=self.date.value,
            operator_id=self.operator.value,
            plot_id=self.plot.currentData(),
            crop_id=self.crop.value,
            grade=self.grade.currentData(),
            weight_g=self.weight.value,
            notes=self.notes.text().strip(),
            **({} if self.original else {"id": None, "lot_code": ""}),
        )

    def save(self) -> bool:
        record = self.record()
        if record is None:
            return False
        repo = self.store.harvests
        try:
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
        except DomainError as exc:
            self.error.setText(tr_error(exc))
            return False
        self.defaults.set("date", stored.harvest_date)
        self.defaults.set("operator_id", stored.operator_id)
        self.defaults.set("crop_id", stored.crop_id)
        self.saved.emit(stored)
        self.accept()
        return True
