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


def _note(row: CertificateRow, lang: str) -> str:
    # Literal contexts: lupdate reads no variable context.
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
        lambda r, lang: units.label(units.CERTIFICATE_STATUSES, r.status, lang),
        value=lambda r: r.status,
        width=60,
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
