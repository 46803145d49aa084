"""The shipments table: one row per truckload, its columns over db.browse.ShipmentRow."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.models.idlist import Column, IdListModel
from app.tasks import TaskRunner
from db import units
from db.browse import ShipmentBrowser, ShipmentRow

CONTEXT = "ShipmentModel"


def _net_tip(row: ShipmentRow, lang: str) -> str:
    tip = QCoreApplication.translate("ShipmentModel", "Gross %1 kg − tare %2 kg = net %3 kg")
    tip = tip.replace("%1", units.format_kg(row.gross_g)).replace("%2", units.format_kg(row.tare_g))
    tip = tip.replace("%3", units.format_kg(row.net_g))
    if row.lines_net_g != row.net_g:
        diff = QCoreApplication.translate("ShipmentModel", "Lines add up to %1 kg").replace(
            "%1", units.format_kg(row.lines_net_g)
        )
        tip += "\n" + diff
    return tip


COLUMNS = [
    Column(
        "date",
        QT_TRANSLATE_NOOP("ShipmentModel", "Date"),
        lambda r, lang: r.ship_date,
        value=lambda r: r.ship_date,
        edit_text=lambda r, lang: r.ship_date,
        width=92,
    ),
    Column(
        "ticket",
        QT_TRANSLATE_NOOP("ShipmentModel", "Ticket"),
        lambda r, lang: r.ticket_no,
        value=lambda r: r.ticket_no,
        width=122,
    ),
    Column(
        "buyer",
        QT_TRANSLATE_NOOP("ShipmentModel", "Buyer"),
        lambda r, lang: r.buyer,
        value=lambda r: r.buyer_id,
        edit_text=lambda r, lang: r.buyer,
        tooltip=lambda r, lang: r.buyer,
        width=150,
    ),
    Column(
        "market",
        QT_TRANSLATE_NOOP("ShipmentModel", "Market"),
        lambda r, lang: r.market,
        value=lambda r: r.market_id,
        edit_text=lambda r, lang: r.market,
        tooltip=lambda r, lang: r.market,
        width=190,
    ),
    Column(
        "plate",
        QT_TRANSLATE_NOOP("ShipmentModel", "Plate"),
        lambda r, lang: r.plate,
        value=lambda r: r.plate,
        edit_text=lambda r, lang: r.plate,
        width=90,
    ),
    Column(
        "net",
        QT_TRANSLATE_NOOP("ShipmentModel", "Net (kg)"),
        lambda r, lang: units.format_kg(r.net_g),
        unit="kg",
        value=lambda r: r.net_g,
        tooltip=_net_tip,
        width=100,
    ),
    Column(
        "lines",
        QT_TRANSLATE_NOOP("ShipmentModel", "Lines"),
        lambda r, lang: str(r.lines),
        unit="count",
        value=lambda r: r.lines,
        width=52,
    ),
    Column(
        "amount",
        QT_TRANSLATE_NOOP("ShipmentModel", "Amount (yuan)"),
        lambda r, lang: units.format_yuan(r.amount_fen),
        unit="yuan",
        value=lambda r: r.amount_fen,
        width=110,
    ),
    Column(
        "status",
        QT_TRANSLATE_NOOP("ShipmentModel", "Payment"),
        lambda r, lang: units.label(units.PAYMENT_STATUSES, r.payment_status, lang),
        value=lambda r: r.payment_status,
        edit_text=lambda r, lang: units.label(units.PAYMENT_STATUSES, r.payment_status, lang),
        width=80,
    ),
]


def shipment_model(db, parent=None, tasks: TaskRunner | None = None) -> IdListModel:
    """The shipments table model: rows fetched on `db` (the GUI thread's connection); with `tasks`
    the id query of each sort, filter and refresh runs as a task on its own connection."""
    return IdListModel(ShipmentBrowser(db), COLUMNS, CONTEXT, parent, tasks)
