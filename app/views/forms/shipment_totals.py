"""The lines grid's derived cells in the shipment form: each line's payable weight, amount and
price, and the mark of a weight estimated from a count of packs (texts in the form's context)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from app.documents import formatting
from app.views.forms.shipment_lines import PacksRole, SettledRole
from app.views.widgets.paste_grid import ValidatingGrid
from db import units


def line_prices(grid: ValidatingGrid, values: list[dict[str, Any]]) -> list[int | None]:
    """The price each line is billed at: its settled price (kept on the row) when it has one."""
    prices = []
    for row, v in zip(grid.filled_rows(), values, strict=True):
        item = grid.item(row, grid.column_of("operator"))
        settled = item.data(SettledRole) if item is not None else None
        prices.append(settled if settled is not None and v.get("price") is not None else v.get("price"))
    return prices


def packs_of(grid: ValidatingGrid, row: int, net_g: int | None) -> str:
    """The count of packs the row's weight was estimated from ('3袋'), while the weight is still
    that estimate; '' once another weight is typed (a weighed one)."""
    item = grid.item(row, grid.column_of("net"))
    held = item.data(PacksRole) if item is not None else None
    return held[0] if held and net_g == held[1] else ""


def show_line_payable(
    grid: ValidatingGrid, values: list[dict[str, Any]], payable: list[int | None], prices: list[int | None]
) -> None:
    cols = {key: grid.column_of(key) for key in ("deduction", "payable", "amount")}
    blocked = grid.blockSignals(True)
    try:
        for row, v, p, price in zip(grid.filled_rows(), values, payable, prices, strict=True):
            texts = {"deduction": "", "payable": "", "amount": ""}
            tip = ""
            packs = packs_of(grid, row, v.get("net"))
            net_item = grid.item(row, grid.column_of("net"))
            if net_item is not None and net_item.font().italic() != bool(packs):
                font = net_item.font()
                font.setItalic(bool(packs))  # an estimate, not a weighing
                net_item.setFont(font)
            if p is not None:
                texts["deduction"] = formatting.kg(v["net"] - p) if v["net"] != p else ""
                texts["payable"] = formatting.kg(p)
                if price is not None:
                    texts["amount"] = units.format_yuan(units.amount_fen(p, price))
                if packs:
                    texts["payable"] += " " + QCoreApplication.translate("ShipmentForm", "est.")
                if price is not None and price != v.get("price"):
                    tip = (
                        QCoreApplication.translate(
                            "ShipmentForm", "At the settled price %1 元/kg (agreed %2 元/kg)"
                        )
                        .replace("%1", units.plain_price_per_kg(price))
                        .replace("%2", units.plain_price_per_kg(v["price"]))
                    )
            for key, text in texts.items():
                item = grid.item(row, cols[key])
                if item is not None and item.text() != text:
                    item.setText(text)
                if item is not None and key == "amount":
                    item.setToolTip(tip)
                if item is not None and key == "payable":
                    item.setToolTip(
                        QCoreApplication.translate(
                            "ShipmentForm",
                            "Net weight estimated from %1 × what one pack of the crop weighs; not weighed",
                        ).replace("%1", packs)
                        if packs
                        else ""
                    )
    finally:
        grid.blockSignals(blocked)
