"""The shipments table: one row per truckload, its columns over db.browse.ShipmentRow."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.documents import formatting
from app.models.certificate_model import TRUCK_STATE_LABELS, state_label, truck_state_tip
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
    if row.estimated_lines:
        n = row.estimated_lines  # a plain name, so lupdate finds the plural
        tip += "\n" + QCoreApplication.translate(
            "ShipmentModel", "%n line(s) estimated from a count of packs (3袋), not weighed", "", n
        )
    return tip


def _net(row: ShipmentRow, lang: str) -> str:
    """The net weight, marked when a line of it was estimated from a count of packs."""
    text = units.format_kg(row.net_g)
    if row.estimated_lines:
        mark = QCoreApplication.translate("ShipmentModel", "est.")
        return f"{text} {mark}"
    return text


def _payable_tip(row: ShipmentRow, lang: str) -> str:
    tip = QCoreApplication.translate(
        "ShipmentModel", "Net %1 kg − deduction %2 kg = payable %3 kg; amounts are payable kg × price"
    )
    return (
        tip.replace("%1", units.format_kg(row.net_g))
        .replace("%2", units.format_kg(row.deduction_g))
        .replace("%3", units.format_kg(row.net_g - row.deduction_g))
    )


COLUMNS = [
    Column(
        "date",
        QT_TRANSLATE_NOOP("ShipmentModel", "Date"),
        lambda r, lang: r.ship_date,
        value=lambda r: r.ship_date,
        edit_text=lambda r, lang: r.ship_date,
        width=88,
    ),
    Column(
        "ticket",
        QT_TRANSLATE_NOOP("ShipmentModel", "Ticket"),
        lambda r, lang: r.ticket_no,
        value=lambda r: r.ticket_no,
        width=118,
    ),
    Column(
        "buyer",
        QT_TRANSLATE_NOOP("ShipmentModel", "Buyer"),
        lambda r, lang: r.buyer,
        value=lambda r: r.buyer_id,
        edit_text=lambda r, lang: r.buyer,
        tooltip=lambda r, lang: r.buyer,
        width=118,
    ),
    Column(
        "market",
        QT_TRANSLATE_NOOP("ShipmentModel", "Market"),
        lambda r, lang: r.market_in(lang),
        value=lambda r: r.market_id,
        edit_text=lambda r, lang: r.market,
        tooltip=lambda r, lang: r.market_in(lang),
        width=140,
    ),
    Column(
        "plate",
        QT_TRANSLATE_NOOP("ShipmentModel", "Plate"),
        lambda r, lang: r.plate,
        value=lambda r: r.plate,
        edit_text=lambda r, lang: r.plate,
        width=80,
    ),
    Column(
        "gross",
        QT_TRANSLATE_NOOP("ShipmentModel", "Gross (kg)"),
        lambda r, lang: units.format_kg(r.gross_g),
        unit="kg",
        value=lambda r: r.gross_g,
        sortable=False,
        width=84,
    ),
    Column(
        "tare",
        QT_TRANSLATE_NOOP("ShipmentModel", "Tare (kg)"),
        lambda r, lang: units.format_kg(r.tare_g),
        unit="kg",
        value=lambda r: r.tare_g,
        sortable=False,
        width=76,
    ),
    Column(
        "net",
        QT_TRANSLATE_NOOP("ShipmentModel", "Net (kg)"),
        _net,
        unit="kg",
        value=lambda r: r.net_g,
        tooltip=_net_tip,
        width=90,
    ),
    Column(
        "deduction",
        QT_TRANSLATE_NOOP("ShipmentModel", "Deduction (kg)"),
        lambda r, lang: formatting.kg(r.deduction_g) if r.deduction_g else "",
        unit="kg",
        value=lambda r: r.deduction_g,
        sortable=False,
        width=76,
    ),
    Column(
        "payable",
        QT_TRANSLATE_NOOP("ShipmentModel", "Payable (kg)"),
        lambda r, lang: formatting.kg(r.net_g - r.deduction_g),
        unit="kg",
        value=lambda r: r.net_g - r.deduction_g,
        tooltip=_payable_tip,
        sortable=False,
        width=110,
    ),
    Column(
        "lines",
        QT_TRANSLATE_NOOP("ShipmentModel", "Lines"),
        lambda r, lang: str(r.lines),
        unit="count",
        value=lambda r: r.lines,
        width=44,
    ),
    Column(
        "amount",
        QT_TRANSLATE_NOOP("ShipmentModel", "Amount (yuan)"),
        lambda r, lang: units.format_yuan(r.amount_fen),
        unit="yuan",
        value=lambda r: r.amount_fen,
        width=100,
    ),
    Column(
        "status",
        QT_TRANSLATE_NOOP("ShipmentModel", "Payment"),
        lambda r, lang: units.label(units.PAYMENT_STATUSES, r.payment_status, lang),
        value=lambda r: r.payment_status,
        edit_text=lambda r, lang: units.label(units.PAYMENT_STATUSES, r.payment_status, lang),
        width=64,
    ),
    Column(
        "certificates",
        QT_TRANSLATE_NOOP("ShipmentModel", "Certificates"),
        lambda r, lang: state_label(TRUCK_STATE_LABELS, r.certificates) if r.certificates != "none" else "",
        value=lambda r: r.certificates,
        tooltip=lambda r, lang: truck_state_tip(r.certificates),
        sortable=False,
        width=90,
    ),
]


def shipment_model(db, parent=None, tasks: TaskRunner | None = None) -> IdListModel:
    """The shipments table model: rows fetched on `db` (the GUI thread's connection); with `tasks`
    the id query of each sort, filter and refresh runs as a task on its own connection."""
    return IdListModel(ShipmentBrowser(db), COLUMNS, CONTEXT, parent, tasks)
