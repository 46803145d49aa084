"""File ▸ The park's details…: the organisation printed on every document (db/organisation.py),
checked as the clerk types, saved as one undoable step."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.commands import SetOrganisation, push
from app.context import AppContext
from app.messages import tr_error, tr_message
from app.views.actions import ActionTexts
from db import organisation
from db.errors import DomainError
from db.organisation import Organisation

TEXT_FIELDS = ("name", "address", "phone", "credit_code", "bank", "account")


class SettingsDialog(QDialog):
    """One form: legal name, address, phone, unified social credit code, bank, account, objection days.

    Each field says what is wrong under it while the clerk types; Save is enabled only when all is
    well. The saved details go through SetOrganisation on the undo stack.
    """

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.loaded = organisation.load(ctx.store.db)
        self.edits: dict[str, QLineEdit] = {}
        self.notes: dict[str, QLabel] = {}
        self.labels: dict[str, QLabel] = {}
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        form = QFormLayout()
        for key in (*TEXT_FIELDS, "objection_days"):
            if key == "objection_days":
                editor: QWidget = QSpinBox()
                editor.setRange(1, organisation.MAX_OBJECTION_DAYS)
                editor.setValue(self.loaded.objection_days)
                editor.valueChanged.connect(self.check)
                self.days = editor
            else:
                editor = QLineEdit(getattr(self.loaded, key))
                editor.setObjectName(key)
                editor.textChanged.connect(self.check)
                self.edits[key] = editor
            note = QLabel()
            note.setWordWrap(True)
            note.setStyleSheet("color: #b00020;")
            note.hide()
            self.notes[key] = note
            box = QVBoxLayout()
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(editor)
            box.addWidget(note)
            holder = QWidget()
            holder.setLayout(box)
            self.labels[key] = QLabel()
            self.labels[key].setBuddy(editor)
            form.addRow(self.labels[key], holder)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(680)
        self.retranslate_ui()
        self.check()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("SettingsDialog", "The park's details"))
        self.intro.setText(
            QCoreApplication.translate(
                "SettingsDialog",
                "These details head every statement, summary and certificate the program prints. "
                "The objection period is the days a buyer has to query a statement.",
            )
        )
        texts = {
            "name": QCoreApplication.translate("SettingsDialog", "&Legal name:"),
            "address": QCoreApplication.translate("SettingsDialog", "&Address:"),
            "phone": QCoreApplication.translate("SettingsDialog", "&Phone:"),
            "credit_code": QCoreApplication.translate("SettingsDialog", "&Unified social credit code:"),
            "bank": QCoreApplication.translate("SettingsDialog", "&Bank:"),
            "account": QCoreApplication.translate("SettingsDialog", "Account &number:"),
            "objection_days": QCoreApplication.translate("SettingsDialog", "&Objection period:"),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
        self.days.setSuffix(QCoreApplication.translate("SettingsDialog", " days"))
        self.edits["credit_code"].setPlaceholderText(
            QCoreApplication.translate("SettingsDialog", "18 characters, e.g. 91510903MA62C0FJ05")
        )
        self.edits["account"].setPlaceholderText(
            QCoreApplication.translate("SettingsDialog", "digits; spaces are ignored")
        )
        self.check()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def current(self) -> Organisation:
        """What the form holds now."""
        return Organisation(
            **{key: edit.text() for key, edit in self.edits.items()}, objection_days=self.days.value()
        )

    def check(self) -> bool:
        """Show each field's problem under it; Save only when there is none. Returns True when valid."""
        found = dict(organisation.problems(self.current()))
        for key, note in self.notes.items():
            message = found.get(key)
            note.setText(tr_message(message) if message else "")
            note.setVisible(message is not None)
        code = self.edits["credit_code"].text()
        if "credit_code" not in found and code.strip():
            self.notes["credit_code"].setText(
                QCoreApplication.translate("SettingsDialog", "Check character correct.")
            )
            self.notes["credit_code"].setStyleSheet("color: #1b5e20;")
            self.notes["credit_code"].show()
        else:
            self.notes["credit_code"].setStyleSheet("color: #b00020;")
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not found)
        return not found

    def save(self) -> None:
        if not self.check():
            return
        wanted = organisation.normalized(self.current())
        if wanted == self.loaded:
            self.accept()
            return
        try:
            push(self.ctx.undo_stack, SetOrganisation(self.ctx.store, self.loaded, wanted))
        except DomainError as exc:
            QMessageBox.warning(
                self, QCoreApplication.translate("SettingsDialog", "Not saved"), tr_error(exc)
            )
            return
        self.accept()


def _action_texts() -> tuple[str, str]:
    return (
        QCoreApplication.translate("SettingsDialog", "The park's &details…"),
        QCoreApplication.translate(
            "SettingsDialog",
            "Legal name, address, credit code, bank account and objection period printed on documents",
        ),
    )


def install(window: Any, ctx: AppContext) -> QAction:
    """Add File ▸ The park's details… to a main window; returns the action."""
    action = QAction(window)
    action.setObjectName("organisation_settings")
    window._settings_retranslator = ActionTexts(window, action, _action_texts)

    def show() -> None:
        dialog = SettingsDialog(ctx, window)
        window.settings_dialog = dialog
        dialog.open()

    action.triggered.connect(show)
    window.add_menu_action("file", action)
    quit_action = window.actions["quit"]
    window.menus["file"].insertAction(quit_action, action)  # moves it above Quit
    window.menus["file"].insertSeparator(quit_action)
    return action
