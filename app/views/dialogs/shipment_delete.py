"""Deleting trucks that have certificates: what the clerk may do instead of a dead end."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app import commands
from app.messages import tr_error
from db.errors import DomainError


def certificate_counts(repo, ids: Sequence[int]) -> dict[int, int]:
    """Per selected truck, how many certificates name it (trucks without any are left out)."""
    counts = {}
    for record_id in ids:
        n = repo.referenced_by(record_id).get("certificates", 0)
        if n:
            counts[record_id] = n
    return counts


def void_and_delete_question(tickets: dict[str, int], total: int) -> str:
    """The question, in the clerk's language: which trucks hold certificates, and what happens."""
    lines = [
        QCoreApplication.translate("ShipmentDelete", "Truck %1 has %n certificate(s).", "", n).replace(
            "%1", ticket
        )
        for ticket, n in tickets.items()
    ]
    lines.append(
        QCoreApplication.translate(
            "ShipmentDelete",
            "A certificate is never deleted. They can be voided (they stay in the register, marked void, with the truck named in the reason) and the truck deleted.",
        )
    )
    lines.append(
        QCoreApplication.translate(
            "ShipmentDelete", "Void the certificates and delete %n truck(s)?", "", total
        )
    )
    return "\n".join(lines)


def ask_void_and_delete(parent: QWidget, title: str, question: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, question, QMessageBox.StandardButton.NoButton, parent)
    void = box.addButton(
        QCoreApplication.translate("ShipmentDelete", "Void certificates and delete"),
        QMessageBox.ButtonRole.DestructiveRole,
    )
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is void


def void_and_delete(page, ids: Sequence[int], listener: Callable, ask: Callable[[str], bool]) -> bool:
    """Offer to void the certificates of the selected trucks and delete them; True if done."""
    repo = page.repo()
    records = repo.get_many(ids)
    counts = certificate_counts(repo, ids)
    tickets = {r.ticket_no: counts[r.id] for r in records if r.id in counts}
    if not ask(void_and_delete_question(tickets, len(ids))):
        return False
    reasons = {
        r.id: QCoreApplication.translate("ShipmentDelete", "Truck %1 was deleted").replace("%1", r.ticket_no)
        for r in records
    }
    try:
        commands.push(
            page.ctx.undo_stack, commands.DeleteShipmentsVoidingCertificates(repo, ids, reasons, listener)
        )
    except DomainError as exc:
        page.show_error(tr_error(exc))
        return False
    return True
