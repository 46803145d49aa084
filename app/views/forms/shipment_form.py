"""The shipment form: the truck's header (weights checked as typed) and a grid of lines with running totals."""

from __future__ import annotations

import dataclasses
import datetime
import itertools
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import commands
from app.context import AppContext
from app.messages import tr_error, tr_message
from app.views.dialogs.certificate_dialogs import reissue_notice
from app.views.forms.buyer_form import new_buyer_dialog
from app.views.forms.date_checks import date_window
from app.views.forms.field_parsers import (
    CellParser,
    plain_decimal,
)
from app.views.forms.fields import (
    ChoiceCombo,
    DateEdit,
    DeductionEdit,
    FieldMessage,
    NameEdit,
    PlateEdit,
    TextEdit,
    ValidatedLineEdit,
    WeightEdit,
)
from app.views.forms.record_form import EntryDefaults, RecordDialog, RecordForm
from app.views.forms.shipment_lines import (
    PRICE_UNITS,
    LotPicker,
    LotsRole,
    PacksRole,
    SettledRole,
    line_columns,
)
from app.views.forms.shipment_totals import line_prices, packs_of, show_line_payable
from app.views.widgets.paste_grid import ValidatingGrid
from db import deductions, plausibility, units
from db.browse import HarvestBrowser
from db.errors import DomainError, NotFoundError
from db.parsing import ParseResult, normalize_text
from db.records import Shipment, ShipmentLine
from db.repositories import MAX_TRUCK_NET_G


class ShipmentForm(QDialog):
    """Add, edit or duplicate one shipment with its lines."""

    saved = Signal(object)  # the stored Shipment

    def __init__(
        self,
        ctx: AppContext,
        record: Shipment | None = None,
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
        self._auto_market: int | None = None
        # The truck's valid certificates: an edit that changes what they certify says so at once.
        self._certificates = (
            [c for c in self.store.certificates.for_shipment(record.id) if c.status == "valid"]
            if self.original is not None and record.id is not None
            else []
        )

        # ---- header: the truck, in two columns of label | field | message
        self.header = RecordForm(columns=2)
        self.header.layout().setContentsMargins(0, 0, 0, 0)
        add = self.header.add_field
        self.date = add("date", QT_TRANSLATE_NOOP("forms", "Date"), DateEdit(window=date_window(ctx)))
        self.new_buyer_button = QPushButton()
        self.new_buyer_button.setAutoDefault(False)
        self.new_buyer_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.buyer = add(
            "buyer",
            QT_TRANSLATE_NOOP("forms", "Buyer"),
            NameEdit(self.store.buyers.name_entries()),
            beside=self.new_buyer_button,
        )
        self.market = add(
            "market",
            QT_TRANSLATE_NOOP("forms", "Market"),
            NameEdit(self.store.markets.name_entries(), required=False),
        )
        self.plate = add("plate", QT_TRANSLATE_NOOP("forms", "Plate"), PlateEdit())
        self.suggest_button = QPushButton()
        self.suggest_button.setAutoDefault(False)
        self.suggest_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.ticket = add(
            "ticket",
            QT_TRANSLATE_NOOP("forms", "Weighing ticket"),
            ValidatedLineEdit(CellParser(self._parse_ticket)),
            beside=self.suggest_button,
        )
        # Both blank: not weighed on the park's bridge (stored as gross = the lines' net, tare 0).
        self.gross = add("gross", QT_TRANSLATE_NOOP("forms", "Gross"), WeightEdit(required=False), column=1)
        self.tare = add("tare", QT_TRANSLATE_NOOP("forms", "Tare"), WeightEdit(required=False), column=1)
        for weight, other in ((self.gross, self.tare), (self.tare, self.gross)):
            # one of the two typed: the other is required too
            weight.textChanged.connect(lambda text, o=other: _require(o, bool(text.strip())))
        self.net = add("net", QT_TRANSLATE_NOOP("forms", "Net"), FieldMessage(), column=1)
        self.deduction = add("deduction", QT_TRANSLATE_NOOP("forms", "Deduction"), DeductionEdit(), column=1)
        self.status = add(
            "status", QT_TRANSLATE_NOOP("forms", "Payment"), ChoiceCombo(units.PAYMENT_STATUSES), column=1
        )
        self.header_box = QGroupBox(self)
        QVBoxLayout(self.header_box).addWidget(self.header)

        # ---- lines
        self.price_unit = QComboBox(self)
        self.price_unit.addItems(PRICE_UNITS)
        unit = self.defaults.get("price_unit")
        self.price_unit.setCurrentIndex(max(self.price_unit.findText(unit), 0) if unit else 0)
        self.lines = ValidatingGrid(
            line_columns(self.store, ctx.language, self.price_unit.currentText()), self
        )
        self.lines.setMinimumHeight(170)
        self.lines.row_check = self._check_line
        self.lines_box = QGroupBox(self)
        self.add_line_button = QPushButton(self)
        self.remove_line_button = QPushButton(self)
        self.lots_button = QPushButton(self)
        self.price_unit_label = QLabel(self)
        self.price_unit_label.setBuddy(self.price_unit)
        for button in (self.add_line_button, self.remove_line_button, self.lots_button):
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.totals = QLabel(self)
        self.mismatch = FieldMessage(self)
        self.certificate_notice = FieldMessage(self)
        line_bar = QHBoxLayout()
        line_bar.addWidget(self.add_line_button)
        line_bar.addWidget(self.remove_line_button)
        line_bar.addWidget(self.lots_button)
        line_bar.addStretch(1)
        line_bar.addWidget(self.price_unit_label)
        line_bar.addWidget(self.price_unit)
        lines_layout = QVBoxLayout(self.lines_box)
        lines_layout.addLayout(line_bar)
        lines_layout.addWidget(self.lines, 1)
        totals_row = QHBoxLayout()
        totals_row.addWidget(self.mismatch, 1)
        totals_row.addWidget(self.totals)
        lines_layout.addLayout(totals_row)
        lines_layout.addWidget(self.certificate_notice)

        self.notes = TextEdit(max_length=1000, parent=self)
        self.notes_label = QLabel(self)
        self.notes_label.setBuddy(self.notes)
        notes_row = QHBoxLayout()
        notes_row.addWidget(self.notes_label)
        notes_row.addWidget(self.notes, 1)
        self.error = FieldMessage(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        for button in self.buttons.buttons():
            button.setAutoDefault(False)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header_box)
        layout.addWidget(self.lines_box, 1)
        layout.addLayout(notes_row)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        chain = [
            self.date,
            self.buyer,
            self.market,
            self.plate,
            self.ticket,
            self.gross,
            self.tare,
            self.deduction,
            self.lines,
            self.status,
            self.price_unit,
            self.notes,
        ]
        for first, second in itertools.pairwise(chain):
            self.setTabOrder(first, second)

        # ---- behaviour
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        self.buyer.value_changed.connect(self._buyer_changed)
        self.date.value_changed.connect(lambda _v: self._suggest_ticket(only_if_auto=True))
        self.suggest_button.clicked.connect(lambda: self._suggest_ticket(only_if_auto=False))
        self.new_buyer_button.clicked.connect(self.new_buyer)
        for field in (self.gross, self.tare, self.deduction):
            field.value_changed.connect(lambda _v: self._update_weights())
        self.lines.rows_changed.connect(self._update_weights)
        self.lines.rows_changed.connect(self._refresh_summary)
        self.header.edited.connect(self._refresh_summary)
        self.add_line_button.clicked.connect(self._add_line)
        self.remove_line_button.clicked.connect(self.lines.drop_selected_rows)
        self.lots_button.clicked.connect(self.pick_lots)
        self._price_unit = self.price_unit.currentText()
        self.price_unit.currentTextChanged.connect(self._price_unit_changed)
        self._auto_ticket = ""
        self.retranslate_ui()
        self._fill(record, duplicate)
        self.resize(1040, 660)

    # ---- texts
    def retranslate_ui(self) -> None:
        if self.original is None:
            self.setWindowTitle(self.tr("New shipment"))
        else:
            self.setWindowTitle(self.tr("Shipment %1").replace("%1", self.original.ticket_no))
        self.header_box.setTitle(self.tr("Truck"))
        self.lines_box.setTitle(self.tr("Lines"))
        # The header's labels take their Alt+letters first (RecordForm); these use others.
        self.suggest_button.setText(self.tr("&Suggest"))
        self.new_buyer_button.setText(self.tr("New b&uyer…"))
        self.new_buyer_button.setToolTip(
            self.tr("A buyer not in the list yet: add them with the name typed here, then carry on")
        )
        self.add_line_button.setText(self.tr("Add &line"))
        self.remove_line_button.setText(self.tr("&Remove lines"))
        self.lots_button.setText(self.tr("Harvest l&ots…"))
        self.price_unit_label.setText(self.tr("Pr&ices in"))
        self.notes_label.setText(self.tr("&Notes"))
        self.gross.setPlaceholderText(self.tr("e.g. 18.5吨, 18500 (kg)"))
        self.deduction.setPlaceholderText(self.tr("kg or %, e.g. 2%"))
        self.ticket.revalidate()  # its message, in the new language
        self.lines.set_titles(
            [c.title for c in line_columns(self.store, self.ctx.language, self.price_unit.currentText())]
        )
        self._update_weights()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:
            # Grow (never shrink) when the summary of problems needs more lines than fit: squeezed,
            # the layout would move the truck's rows up and cut the lines grid below its minimum.
            layout = self.layout()
            needed = max(layout.totalMinimumSize().height(), layout.totalHeightForWidth(self.width()))
            if needed > self.height():
                self.resize(self.width(), needed)
        return handled

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # ---- filling
    def _fill(self, record: Shipment | None, duplicate: bool) -> None:
        if record is None:
            self.date.set_date(self.defaults.get("date") or datetime.date.today().isoformat())
            buyer = self.defaults.get_int("buyer_id")
            if buyer is not None and self.store.buyers.find(buyer) is not None:
                self.buyer.set_value(buyer)
            market = self.defaults.get_int("market_id")
            if market is not None and self.store.markets.find(market) is not None:
                self.market.set_value(market)
            self._suggest_ticket(only_if_auto=False)
            self.lines.add_row()
            return
        self.date.set_date(record.ship_date)
        self.buyer.set_value(record.buyer_id)
        self.market.set_value(record.market_id)
        self.plate.setText(record.plate)
        if record.weighed:  # else gross and tare stay blank: not weighed on the park's bridge
            self.gross.set_value(record.gross_g)
            self.tare.set_value(record.tare_g)
        if record.deduction_pct_x100 is not None:
            self.deduction.set_value(("pct", record.deduction_pct_x100))
        elif record.deduction_g:
            self.deduction.set_value(("g", record.deduction_g))
        self.status.set_code(record.payment_status)
        self.notes.setText(record.notes)
        if duplicate:
            self._suggest_ticket(only_if_auto=False)
            self.status.setCurrentIndex(0)
        else:
            self.ticket.setText(record.ticket_no)
        for line in record.lines:
            self._add_line_of(line, keep_lots=not duplicate)

    def _add_line_of(self, line: ShipmentLine, keep_lots: bool = True) -> int:
        unit = self.price_unit.currentText()
        price = (
            units.price_per_kg(line.agreed_price)
            if unit == "元/公斤"
            else units.price_per_jin(line.agreed_price)
        )
        row = self.lines.add_row(
            {
                "operator": self._name(self.store.operators, line.operator_id),
                "crop": self._name(self.store.crops, line.crop_id),
                "grade": units.label(units.GRADES, line.grade, self.ctx.language),
                "net": units.plain_kg(line.net_g),
                "price": plain_decimal(price),
            }
        )
        self.lines.item(row, self.lines.column_of("operator")).setData(SettledRole, line.settled_price)
        if line.packs:
            self.lines.item(row, self.lines.column_of("net")).setData(PacksRole, (line.packs, line.net_g))
            self._update_totals(self.net_g())  # the mark shows from the start
        if keep_lots:
            self.set_line_lots(row, list(line.lot_ids))
        return row

    def _name(self, repo, record_id: int) -> str:
        """The record's name as the lines grid shows it: English where the interface is and it has one."""
        record = repo.find(record_id)
        if record is None:
            return ""
        english = getattr(record, "name_en", "") if self.ctx.language == "en" else ""
        return english or record.name

    # ---- header behaviour
    def _buyer_changed(self, buyer_id: int | None) -> None:
        if buyer_id is None:
            self.plate.set_suggestions([])
            return
        buyer = self.store.buyers.get(buyer_id)
        self.plate.set_suggestions(list(buyer.plates))
        if buyer.plates and not self.plate.text().strip():
            self.plate.setText(buyer.plates[0])
        # The buyer's usual market, unless the clerk chose another one.
        market_typed = self.market.text().strip()
        if buyer.default_market_id and (not market_typed or self.market.value == self._auto_market):
            self.market.set_value(buyer.default_market_id)
            self._auto_market = buyer.default_market_id

    def new_buyer(self) -> RecordDialog:
        """Add a buyer not known yet, named as typed in the buyer field; back here with it filled."""
        typed = "" if self.buyer.value is not None else self.buyer.text()
        dialog = new_buyer_dialog(self.ctx, typed, self.listener, self, plate=self.plate.value or "")
        dialog.saved.connect(self._buyer_created)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _buyer_created(self, buyer: Any) -> None:
        self.buyer.set_entries(self.store.buyers.name_entries())
        self.buyer.set_value(buyer.id)
        self.buyer.setFocus()

    def _suggest_ticket(self, only_if_auto: bool) -> None:
        if only_if_auto and self.ticket.text() != self._auto_ticket:
            return
        if self.date.value is None:
            return
        self._auto_ticket = self.store.shipments.next_ticket_no(self.date.value)
        self.ticket.setText(self._auto_ticket)

    def _parse_ticket(self, text: str) -> ParseResult[str]:
        """A weighing ticket number no other shipment has."""
        ticket = normalize_text(text)
        try:
            other = self.store.shipments.by_ticket(ticket)
        except NotFoundError:
            return ParseResult(value=ticket)
        if self.original is not None and other.id == self.original.id:
            return ParseResult(value=ticket)
        return ParseResult(error=self.tr("already used on %1").replace("%1", other.ship_date))

    def unweighed(self) -> bool:
        """Gross and tare both left blank: the truck was not weighed on the park's bridge."""
        return not self.gross.text().strip() and not self.tare.text().strip()

    def _lines_net_g(self) -> int | None:
        nets = [self.lines.row_values(r).get("net") for r in self.lines.filled_rows()]
        if not nets or any(n is None or n <= 0 for n in nets):
            return None
        return sum(nets)

    def net_g(self) -> int | None:
        if self.unweighed():
            return self._lines_net_g()
        if self.gross.value is None or self.tare.value is None:
            return None
        return self.gross.value - self.tare.value

    def deduction_g(self) -> int:
        value = self.deduction.value
        net = self.net_g()
        if not value:
            return 0
        kind, amount = value
        if kind == "pct":
            return 0 if net is None else (net * amount + 5000) // 10000
        return amount

    def _update_weights(self) -> None:
        net = self.net_g()
        if net is None:
            self.net.clear_message()
            self.net.setText("—")
        elif net <= 0:
            self.net.show_error(self.tr("gross must be more than the tare"))
        elif net > MAX_TRUCK_NET_G:
            self.net.show_error(
                self.tr("%1 kg: above 100 t, this cannot be one truck").replace("%1", units.format_kg(net))
            )
        elif net > plausibility.TRUCK_NET_G:
            self.net.show_warning(
                self.tr("%1 kg: above 40 t, check for a typing error").replace("%1", units.format_kg(net))
            )
        else:
            text = f"{units.format_kg(net)} kg"
            if self.unweighed():
                text = self.tr("%1 kg, the lines' total (not weighed on the park's bridge)").replace(
                    "%1", units.format_kg(net)
                )
            deduction = self.deduction_g()
            if deduction:
                text += " · " + self.tr("payable %1 kg").replace("%1", units.format_kg(net - deduction))
            self.net.show_info(text)
        self._update_totals(net)

    def _line_payable(self, values: list[dict[str, Any]]) -> list[int | None]:
        """Each line's payable weight as it will be stored (the truck's deduction shared out by
        db.deductions over the lines whose weight is read); None where the weight is not read."""
        weights = [v["net"] for v in values if v.get("net") is not None and v["net"] > 0]
        deduction = self.deduction_g()
        if 0 <= deduction <= sum(weights):
            shares = iter(deductions.payable_weights(deduction, weights))
        else:
            shares = iter(weights)  # the save is refused and the deduction field says why
        return [next(shares) if v.get("net") is not None and v["net"] > 0 else None for v in values]

    def _update_totals(self, net: int | None) -> None:
        values = self.lines.values()
        weights = [v["net"] for v in values if v.get("net") is not None]
        payable = self._line_payable(values)
        prices = line_prices(self.lines, values)
        show_line_payable(self.lines, values, payable, prices)
        amounts = [
            units.amount_fen(p, price)
            for p, price in zip(payable, prices, strict=True)
            if p is not None and price is not None
        ]
        lines_g = sum(weights)
        line_count = len(values)  # lupdate finds a plural only when its count is a plain name
        text = self.tr("%n line(s)", "", line_count) + f" · {units.format_kg(lines_g)} kg"
        deduction = self.deduction_g()
        if deduction:
            text += " · " + self.tr("payable %1 kg").replace(
                "%1", units.format_kg(sum(p for p in payable if p is not None))
            )
        self.totals.setText(text + f" · {units.format_yuan(sum(amounts))} 元")
        if net is not None and net > 0 and values and lines_g != net:
            diff = lines_g - net
            self.mismatch.show_warning(
                self.tr("Lines add up to %1 kg, the truck's net is %2 kg (%3 kg).")
                .replace("%1", units.format_kg(lines_g))
                .replace("%2", units.format_kg(net))
                .replace("%3", ("+" if diff > 0 else "−") + units.format_kg(abs(diff)))
            )
        else:
            self.mismatch.clear_message()
        if values and deduction > lines_g:
            self.mismatch.show_warning(
                self.tr("The deduction (%1 kg) is more than the lines weigh (%2 kg).")
                .replace("%1", units.format_kg(deduction))
                .replace("%2", units.format_kg(lines_g))
            )
        # Which certificates the lines as edited no longer match (they will need reissue).
        notice = reissue_notice(self._certificates, values)
        if notice:
            self.certificate_notice.show_warning(notice)
        else:
            self.certificate_notice.clear_message()

    # ---- lines
    def _check_line(self, values: dict[str, Any]) -> list[tuple[str, str]]:
        return []

    def _add_line(self) -> None:
        row = self.lines.add_row()
        self.lines.setCurrentCell(row, 0)
        self.lines.setFocus()

    def accept_warnings(self, warnings: list[str]) -> bool:
        """Ask whether to save although some values look like typing errors (tests replace this)."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Save anyway?"), "", parent=self)
        box.setText(self.tr("Some values look like typing errors:"))
        box.setInformativeText("\n".join(warnings))
        save = box.addButton(self.tr("Save anyway"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Check again"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is save

    def ask_price_unit(self, old: str, new: str) -> str:
        """Prices are typed and the unit changes: 'convert' them, 're-read' the numbers in the new
        unit, or 'keep' the old unit (tests replace this)."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Prices already typed"), "", parent=self)
        box.setText(
            self.tr("The prices are typed in %1. Convert them to %2, or read the same numbers as %2?")
            .replace("%1", old)
            .replace("%2", new)
        )
        convert = box.addButton(
            self.tr("Convert to %1").replace("%1", new), QMessageBox.ButtonRole.AcceptRole
        )
        reread = box.addButton(self.tr("Read as %1").replace("%1", new), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Keep %1").replace("%1", old), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return {convert: "convert", reread: "re-read"}.get(box.clickedButton(), "keep")

    def _price_unit_changed(self, unit: str) -> None:
        old = self._price_unit
        if old != unit:
            typed = [(r, self.lines.row_values(r).get("price")) for r in self.lines.filled_rows()]
            typed = [(r, price) for r, price in typed if price is not None]
            choice = self.ask_price_unit(old, unit) if typed else "re-read"
            if choice == "keep":
                self.price_unit.blockSignals(True)
                self.price_unit.setCurrentText(old)
                self.price_unit.blockSignals(False)
                return
            if choice == "convert":
                for row, price in typed:  # the same price, written in the new unit (exact)
                    per = units.price_per_kg(price) if unit == "元/公斤" else units.price_per_jin(price)
                    self.lines.set_text(row, "price", plain_decimal(per))
        self._price_unit = unit
        self._apply_price_unit(unit)

    def _apply_price_unit(self, unit: str) -> None:
        for column, new in zip(
            self.lines.grid_columns, line_columns(self.store, self.ctx.language, unit), strict=True
        ):
            column.parser = new.parser
            column.title = new.title
        self.lines.set_titles([c.title for c in self.lines.grid_columns])
        self.lines.recheck()
        self.defaults.set("price_unit", unit)

    def line_lots(self, row: int) -> list[int]:
        item = self.lines.item(row, self.lines.column_of("lots"))
        return list(item.data(LotsRole) or []) if item else []

    def set_line_lots(self, row: int, lot_ids: list[int]) -> None:
        item = self.lines.item(row, self.lines.column_of("lots"))
        item.setData(LotsRole, list(lot_ids))
        codes = [h.lot_code for h in self.store.harvests.get_many(lot_ids)]
        item.setText(", ".join(codes))
        item.setToolTip("\n".join(codes))

    def lot_choices(self, row: int) -> list[Any]:
        values = self.lines.row_values(row)
        if values.get("operator") is None or values.get("crop") is None or self.date.value is None:
            return []
        return HarvestBrowser(self.store.db).lots_near(values["operator"], values["crop"], self.date.value)

    def pick_lots(self) -> None:
        row = self.lines.currentRow()
        if row < 0:
            return
        picker = LotPicker(self.lot_choices(row), self.line_lots(row), self)
        if picker.exec() == QDialog.DialogCode.Accepted:
            self.set_line_lots(row, picker.chosen())

    # ---- keyboard: Enter moves on (the grid handles its own Enter)
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.focusNextChild()
            return
        super().keyPressEvent(event)

    # ---- saving
    def _problems(self) -> list[str]:
        problems = self.header.check()
        n = len(self.lines.problems())  # a plain name, so lupdate finds the plural
        if n:
            problems.append(self.tr("%n line cell(s) to fix (marked red) or remove the line", "", n))
        elif not self.lines.filled_rows():
            problems.append(self.tr("a shipment needs at least one line"))
        return problems

    def _refresh_summary(self) -> None:
        """A shown summary of problems follows the fixes: it shrinks, then goes."""
        if self.error.kind != "error":
            return
        problems = self._problems()
        if problems:
            self.error.show_error("\n".join(problems))
        else:
            self.error.clear_message()

    def record(self) -> Shipment | None:
        """The shipment the form describes, or None with the problems shown beside the fields and below."""
        problems = self._problems()
        if problems:
            self.error.show_error("\n".join(problems))
            return None
        lines = []
        for row in self.lines.filled_rows():
            v = self.lines.row_values(row)
            settled = self.lines.item(row, self.lines.column_of("operator")).data(SettledRole)
            lines.append(
                ShipmentLine(
                    operator_id=v["operator"],
                    crop_id=v["crop"],
                    net_g=v["net"],
                    agreed_price=v["price"],
                    grade=v["grade"] or "ungraded",
                    settled_price=settled,
                    lot_ids=tuple(self.line_lots(row)),
                    packs=packs_of(self.lines, row, v.get("net")),
                )
            )
        deduction = self.deduction.value
        base = self.original or Shipment("", "", 0, 1, 0)
        return base.replace(
            ship_date=self.date.value,
            ticket_no=self.ticket.value,
            buyer_id=self.buyer.value,
            market_id=self.market.value,
            plate=self.plate.value or "",
            # not weighed on the park's bridge: gross = the lines' net, tare 0 (Shipment.weighed)
            gross_g=sum(line.net_g for line in lines) if self.unweighed() else self.gross.value,
            tare_g=0 if self.unweighed() else self.tare.value,
            deduction_g=deduction[1] if deduction and deduction[0] == "g" else 0,
            deduction_pct_x100=deduction[1] if deduction and deduction[0] == "pct" else None,
            payment_status=self.status.currentData(),
            notes=self.notes.value or "",
            lines=tuple(lines),
            **({} if self.original else {"id": None}),
        )

    def save(self) -> bool:
        record = self.record()
        if record is None:
            return False
        warnings = plausibility.shipment_warnings(self.store, record.lines, record.gross_g - record.tare_g)
        if warnings and not self.accept_warnings([tr_message(w) for w in warnings]):
            return False
        try:
            # the shipment and the acceptance of its warnings: one transaction
            with self.store.write():
                stored = self._push(record)
                if warnings:
                    plausibility.record_acceptance(self.store, "shipments", stored.id, warnings)
        except DomainError as exc:
            self.error.show_error(tr_error(exc))
            return False
        self.defaults.set("date", stored.ship_date)
        self.defaults.set("buyer_id", stored.buyer_id)
        self.defaults.set("market_id", stored.market_id)
        if stored.lines:
            self.defaults.set("operator_id", stored.lines[-1].operator_id)
        self.saved.emit(stored)
        self.accept()
        return True

    def _push(self, record: Shipment) -> Shipment:
        """Add or update the shipment through an undoable command; the record as stored."""
        repo = self.store.shipments
        if self.original is None:
            command = commands.AddRecords(
                repo, [record], self.listener, self.tr("Add shipment %1").replace("%1", record.ticket_no)
            )
            commands.push(self.ctx.undo_stack, command)
            return command.saved[0]
        command = commands.UpdateRecords(
            repo,
            [self.original],
            [record],
            self.listener,
            self.tr("Edit shipment %1").replace("%1", record.ticket_no),
        )
        commands.push(self.ctx.undo_stack, command)
        return command.after[0]


def _require(field: WeightEdit, required: bool) -> None:
    """Make a weighbridge field required (its partner was typed) or optional (both may be blank)."""
    if field.parser.required != required:
        field.set_parser(dataclasses.replace(field.parser, required=required))
