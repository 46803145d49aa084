"""The certificate register table: its columns over db.browse.CertificateRow, on the id-list model."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.models.idlist import Column, IdListModel, ModelIndex
from app.tasks import TaskRunner
from db import units
from db.browse import CertificateBrowser, CertificateRow

# The register's texts were first translated under this context; the .ts keeps them there.
CONTEXT = "RegisterModel"

# What a truck's certificates amount to (db.certification.coverage.TRUCK_STATES), as the shipments table says it.
TRUCK_STATE_LABELS = {
    "complete": QT_TRANSLATE_NOOP("CertificateState", "Certified"),
    "missing": QT_TRANSLATE_NOOP("CertificateState", "⚠ Missing"),
    "stale": QT_TRANSLATE_NOOP("CertificateState", "⚠ Reissue"),
    "none": QT_TRANSLATE_NOOP("CertificateState", "Not required"),
}
# A certificate's state in the register (db.certification.coverage.REGISTER_STATES).
REGISTER_STATE_LABELS = {
    "valid": QT_TRANSLATE_NOOP("CertificateState", "Valid"),
    "stale": QT_TRANSLATE_NOOP("CertificateState", "⚠ Reissue"),
    "void": QT_TRANSLATE_NOOP("CertificateState", "Void"),
}


def state_label(labels: dict[str, str], code: str) -> str:
    """The label of a certificate state in the interface language."""
    return QCoreApplication.translate("CertificateState", labels[code]) if code in labels else code


def truck_state_tip(code: str) -> str:
    tips = {
        "complete": QCoreApplication.translate(
            "CertificateState",
            "Every co-operative's and company's product on the truck has a valid certificate.",
        ),
        "missing": QCoreApplication.translate(
            "CertificateState",
            "A co-operative's or company's product on the truck has no certificate: issue it.",
        ),
        "stale": QCoreApplication.translate(
            "CertificateState", "The truck was changed after its certificate was issued: reissue it."
        ),
        "none": QCoreApplication.translate(
            "CertificateState", "Only family farms' produce, for which no certificate is required."
        ),
    }
    return tips.get(code, "")


def _note(row: CertificateRow, lang: str) -> str:
    # Literal contexts: lupdate reads no variable context.
    if row.state == "stale":
        return QCoreApplication.translate(
            "RegisterModel", "The truck no longer matches this certificate: void and reissue it."
        )
    if row.status == "void":
        return QCoreApplication.translate("RegisterModel", "Void: %1").replace("%1", row.void_reason)
    if row.replaces_no:
        return QCoreApplication.translate("RegisterModel", "Replaces %1").replace("%1", row.replaces_no)
    return ""


COLUMNS = [
    Column(
        "number",
        QT_TRANSLATE_NOOP("RegisterModel", "Number"),
        lambda r, lang: r.cert_no,
        value=lambda r: r.cert_no,
        width=130,
    ),
    Column(
        "date",
        QT_TRANSLATE_NOOP("RegisterModel", "Issued"),
        lambda r, lang: r.issue_date,
        value=lambda r: r.issue_date,
        width=92,
    ),
    Column(
        "operator",
        QT_TRANSLATE_NOOP("RegisterModel", "Issuer"),
        lambda r, lang: r.operator,
        value=lambda r: r.operator_id,
        tooltip=lambda r, lang: r.operator,
        width=260,
    ),
    Column(
        "product",
        QT_TRANSLATE_NOOP("RegisterModel", "Product"),
        lambda r, lang: r.product,
        value=lambda r: r.crop_id,
        width=80,
    ),
    Column(
        "weight",
        QT_TRANSLATE_NOOP("RegisterModel", "Weight (kg)"),
        lambda r, lang: units.format_kg(r.weight_g),
        unit="kg",
        value=lambda r: r.weight_g,
        width=100,
    ),
    Column(
        "ticket",
        QT_TRANSLATE_NOOP("RegisterModel", "Ticket"),
        lambda r, lang: r.ticket_no,
        value=lambda r: r.ticket_no,
        width=122,
    ),
    Column(
        "buyer",
        QT_TRANSLATE_NOOP("RegisterModel", "Buyer"),
        lambda r, lang: r.buyer,
        tooltip=lambda r, lang: r.buyer,
        sortable=False,
        width=150,
    ),
    Column(
        "status",
        QT_TRANSLATE_NOOP("RegisterModel", "Status"),
        lambda r, lang: state_label(REGISTER_STATE_LABELS, r.state or r.status),
        value=lambda r: r.status,
        tooltip=_note,
        width=80,
    ),
    Column(
        "note",
        QT_TRANSLATE_NOOP("RegisterModel", "Note"),
        _note,
        tooltip=_note,
        sortable=False,
        width=200,
    ),
]


class CertificateModel(IdListModel):
    """The register: a voided certificate shows grey, its number struck through."""

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole):
            if not index.isValid() or not 0 <= index.row() < self.rowCount():
                return None
            row = self.record_row(index.row())
            if row is not None and row.state == "stale" and role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(176, 96, 0))  # needs reissue: amber, like a warning
            if row is None or row.status != "void":
                return None
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(128, 128, 128))
            if self.columns[index.column()].key == "number":
                font = QFont()
                font.setStrikeOut(True)
                return font
            return None
        return super().data(index, role)


def certificate_model(db, parent=None, tasks: TaskRunner | None = None) -> CertificateModel:
    """The register model: rows fetched on `db` (the GUI thread's connection); with `tasks` the id
    query of each sort, search and refresh runs as a task on its own connection."""
    return CertificateModel(CertificateBrowser(db), COLUMNS, CONTEXT, parent, tasks)
