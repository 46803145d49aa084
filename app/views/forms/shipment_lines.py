"""The shipment form's lines grid: its columns (also what a pasted block of lines is read as) and the lot picker."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.views.forms.field_parsers import (
    grade_parser,
    name_parser,
    price_parser,
    weight_parser,
)
from app.views.widgets.paste_grid import GridColumn
from db import units

LotsRole = Qt.ItemDataRole.UserRole + 3
SettledRole = Qt.ItemDataRole.UserRole + 4
# On a line's net cell: (the count of packs its weight was estimated from, that weight), while it holds it
PacksRole = Qt.ItemDataRole.UserRole + 5
PRICE_UNITS = ("元/公斤", "元/斤")


def english_names(repository, language: str) -> dict[int, str]:
    """The English names of a master table's records, when the interface is English."""
    if language != "en":
        return {}
    return {r.id: r.name_en for r in repository.list() if getattr(r, "name_en", "")}


def line_columns(store, language: str, price_unit: str) -> list[GridColumn]:
    """Columns of the lines grid (also what a pasted block of lines is read as)."""

    def amount(values: dict[str, Any]) -> str:
        if values.get("net") is None or values.get("price") is None:
            return ""
        return units.format_yuan(units.amount_fen(values["net"], values["price"]))

    return [
        GridColumn(
            "operator",
            QCoreApplication.translate("ShipmentForm", "Operator"),
            name_parser(store.operators.name_entries(), shown=english_names(store.operators, language)),
            ("经营主体", "主体", "operator"),
            230,
        ),
        GridColumn(
            "crop",
            QCoreApplication.translate("ShipmentForm", "Crop"),
            name_parser(store.crops.name_entries(), shown=english_names(store.crops, language)),
            ("品种", "品名"),
            90,
        ),
        GridColumn(
            "grade",
            QCoreApplication.translate("ShipmentForm", "Grade"),
            grade_parser(language),
            ("等级",),
            64,
        ),
        GridColumn(
            "net",
            QCoreApplication.translate("ShipmentForm", "Net (kg)"),
            weight_parser("kg"),
            ("净重", "重量"),
            100,
            True,
        ),
        GridColumn(
            "price",
            QCoreApplication.translate("ShipmentForm", "Price (%1)").replace("%1", price_unit),
            price_parser(price_unit),
            ("单价", "价格", "约定价"),
            110,
            True,
        ),
        # The line's share of the truck's deduction and what is left to pay for: the form fills
        # these (and the amount) for all lines at once, as they depend on every line's weight.
        GridColumn(
            "deduction",
            QCoreApplication.translate("ShipmentForm", "Deduction (kg)"),
            None,
            (),
            90,
            True,
            compute=lambda values: "",
        ),
        GridColumn(
            "payable",
            QCoreApplication.translate("ShipmentForm", "Payable (kg)"),
            None,
            (),
            100,
            True,
            compute=lambda values: "",
        ),
        GridColumn(
            "amount",
            QCoreApplication.translate("ShipmentForm", "Amount (yuan)"),
            None,
            (),
            100,
            True,
            compute=amount,
        ),
        GridColumn("lots", QCoreApplication.translate("ShipmentForm", "Harvest lots"), None, (), 150),
    ]


class LotPicker(QDialog):
    """Tick the harvest lots of the line's operator and crop harvested near the shipment date."""

    def __init__(self, lots: Sequence[Any], chosen: Sequence[int], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Harvest lots of this line"))
        self.list = QListWidget(self)
        for lot in lots:
            item = QListWidgetItem(
                f"{lot.lot_code}   {lot.harvest_date}   {units.format_kg(lot.weight_g)} kg"
            )
            item.setData(Qt.ItemDataRole.UserRole, lot.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if lot.id in chosen else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if not lots:
            layout.addWidget(
                QLabel(self.tr("No lots of this operator and crop in the 3 days up to the date."), self)
            )
        layout.addWidget(self.list)
        layout.addWidget(buttons)

    def chosen(self) -> list[int]:
        return [
            self.list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]
