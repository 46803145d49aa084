"""What an empty page says in a new park: what to add first, with the button that does it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

# What a page needs before its own records make sense, in the order a park is set up.
_NEEDS = {
    "harvests": ("operators", "crops"),
    "shipments": ("operators", "crops", "buyers"),
    "payments": ("buyers",),
    "dashboard": ("operators", "crops"),
}


def _texts(kind: str) -> tuple[str, str]:
    """(what the page says, the button) when `kind` has no record yet. Literal calls: lupdate."""
    return {
        "operators": (
            QCoreApplication.translate(
                "EmptyGuide",
                "No operators yet. Start here: add the park's co-ops, family farms and companies; their plots, harvests and certificates hang on them.",
            ),
            QCoreApplication.translate("EmptyGuide", "Add the first operator"),
        ),
        "crops": (
            QCoreApplication.translate(
                "EmptyGuide",
                "No crops yet. Add the vegetables the park grows (白萝卜, 莴笋 …) before recording harvests.",
            ),
            QCoreApplication.translate("EmptyGuide", "Add the first crop"),
        ),
        "buyers": (
            QCoreApplication.translate(
                "EmptyGuide",
                "No buyers yet. Add the wholesalers who truck the produce away before recording shipments.",
            ),
            QCoreApplication.translate("EmptyGuide", "Add the first buyer"),
        ),
        "markets": (
            QCoreApplication.translate(
                "EmptyGuide",
                "No markets yet. Add the wholesale markets the trucks go to (optional on a shipment).",
            ),
            QCoreApplication.translate("EmptyGuide", "Add the first market"),
        ),
        "harvests": (
            QCoreApplication.translate(
                "EmptyGuide",
                "No harvest lots yet. Record the first lot, or paste rows copied from a sheet (Ctrl+V).",
            ),
            QCoreApplication.translate("EmptyGuide", "New harvest lot"),
        ),
        "shipments": (
            QCoreApplication.translate(
                "EmptyGuide", "No shipments yet. Record the first truck, or import a file."
            ),
            QCoreApplication.translate("EmptyGuide", "New shipment"),
        ),
        "payments": (
            QCoreApplication.translate("EmptyGuide", "No payments yet. Record what a buyer paid."),
            QCoreApplication.translate("EmptyGuide", "Record a payment"),
        ),
    }[kind]


def _go_first(kind: str) -> tuple[str, str]:
    return {
        "operators": (
            QCoreApplication.translate(
                "EmptyGuide", "Nothing to show yet: this park has no operators. Add them first."
            ),
            QCoreApplication.translate("EmptyGuide", "Go to operators"),
        ),
        "crops": (
            QCoreApplication.translate(
                "EmptyGuide", "Nothing to show yet: this park has no crops. Add them first."
            ),
            QCoreApplication.translate("EmptyGuide", "Go to crops"),
        ),
        "buyers": (
            QCoreApplication.translate(
                "EmptyGuide", "Nothing to show yet: this park has no buyers. Add them first."
            ),
            QCoreApplication.translate("EmptyGuide", "Go to buyers"),
        ),
    }[kind]


def guide(kind: str, store) -> tuple[str, str, str] | None:
    """(text, button, target) for an empty page of `kind`: target 'new' adds a record here, a page
    key opens the page to fill first. None when `kind` has records (or says nothing)."""
    for needed in _NEEDS.get(kind, ()):
        if getattr(store, needed).count() == 0:
            text, button = _go_first(needed)
            return text, button, needed
    if kind == "dashboard":
        return None
    try:
        text, button = _texts(kind)
    except KeyError:
        return None
    return (text, button, "new") if getattr(store, kind).count() == 0 else None


class EmptyGuide(QFrame):
    """A banner over an empty page: one sentence and one button; hidden once there are records."""

    def __init__(self, kind: str, store, act: Callable[[str], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        self._store = store
        self._act = act
        self._target = ""
        self.setObjectName("emptyGuide")
        self.setStyleSheet(
            "#emptyGuide { background: #FFF8E1; border: 1px solid #E6C35C; border-radius: 4px; }"
        )
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.button = QPushButton(self)
        self.button.clicked.connect(lambda: self._act(self._target))
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        row.addWidget(self.text, 1)
        row.addWidget(self.button)
        self.hide()

    def update_guide(self) -> None:
        """Show what to add first (in the language of the moment), or hide."""
        found = guide(self.kind, self._store)
        if found is None:
            self.hide()
            return
        text, button, self._target = found
        self.text.setText(text)
        self.button.setText(button)
        self.show()
