"""Forms: entry fields laid out as label | field | message, with an Alt+letter for every label; the
dialog around a form (Enter/Tab moves on, Ctrl+S saves, Esc cancels); the defaults a new record
starts from."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.messages import tr_error, tr_message
from app.views.forms.fields import ChoiceCombo, FieldMessage, ValidatedLineEdit, tr
from db.errors import DomainError, ValidationError


def with_accelerator(text: str, source: str, taken: set[str]) -> str:
    """`text`, the translation of the English `source`, with an Alt+letter not in `taken` (which it
    joins). The letter comes from the source, word initials first; English reads '&Name', 'S&ide',
    a translation gets it as Chinese programs write it, '名称(&N)'."""
    starts = [i for i, c in enumerate(source) if i == 0 or source[i - 1] == " "]
    for i in [*starts, *range(len(source))]:
        letter = source[i].upper()
        if source[i].isascii() and source[i].isalpha() and letter not in taken:
            taken.add(letter)
            return source[:i] + "&" + source[i:] if text == source else f"{text}(&{letter})"
    return text


class RecordForm(QWidget):
    """Fields in a grid: label | field | message, in one or more side-by-side `columns`. Labels are
    source strings of context 'forms'; each label of a focusable field gets its own Alt+letter."""

    edited = Signal()  # a field's value changed (to keep a shown problem summary current)

    def __init__(self, parent: QWidget | None = None, columns: int = 1):
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setHorizontalSpacing(10)
        for column in range(columns):
            self.grid.setColumnStretch(3 * column + 1, 2)
            self.grid.setColumnStretch(3 * column + 2, 1)
        self._rows = [0] * columns
        self.fields: dict[str, QWidget] = {}
        self.messages: dict[str, FieldMessage] = {}
        self._labels: dict[str, tuple[QLabel, str, bool]] = {}
        self.general_message = FieldMessage()

    def add_field(
        self,
        key: str,
        label: str,
        widget: QWidget,
        *,
        required: bool | None = None,
        column: int = 0,
        beside: QWidget | None = None,
    ) -> Any:
        """Add a row to `column`; `label` is a QT_TRANSLATE_NOOP("forms", …) source string, `beside`
        a widget (a button) between the field and its message."""
        row, x = self._rows[column], 3 * column
        self._rows[column] += 1
        if required is None:
            required = bool(getattr(widget, "required", False))
        text_label = QLabel()
        text_label.setBuddy(widget)
        self._labels[key] = (text_label, label, required)
        message = getattr(widget, "message", None)
        if not isinstance(message, FieldMessage):
            message = FieldMessage()
        message.keep_lines(2)  # rows stay still as messages come and go
        self.grid.addWidget(text_label, row, x)
        if beside is None:
            self.grid.addWidget(widget, row, x + 1)
        else:
            cell = QHBoxLayout()
            cell.addWidget(widget, 1)
            cell.addWidget(beside)
            self.grid.addLayout(cell, row, x + 1)
        self.grid.addWidget(message, row, x + 2)
        self.fields[key] = widget
        self.messages[key] = message
        changed = getattr(widget, "value_changed", None) or getattr(widget, "currentIndexChanged", None)
        if changed is not None:
            changed.connect(lambda *_args: self.edited.emit())
        self.retranslate_ui()
        return widget

    def refresh_summary(self, message: FieldMessage) -> None:
        """Once a summary of problems is shown, keep it true as fields are fixed: fewer lines, then
        none."""
        if message.kind != "error":
            return
        problems = self.check()
        if problems:
            message.show_error("\n".join(problems))
        else:
            message.clear_message()

    def finish(self) -> None:
        """Add the message for problems no single field owns, under the fields."""
        self.grid.addWidget(self.general_message, max(self._rows), 0, 1, 3 * len(self._rows))
        self.grid.setRowStretch(max(self._rows) + 1, 1)  # spare height goes below, not between rows

    def label_text(self, key: str) -> str:
        """A field's label as read in a sentence: translated, without Alt+letter or '*'."""
        return tr(self._labels[key][1])

    def retranslate_ui(self) -> None:
        taken: set[str] = set()
        for label, source, required in self._labels.values():
            text = tr(source)
            if label.buddy().focusPolicy() & Qt.FocusPolicy.TabFocus:  # a field, not a shown value
                text = with_accelerator(text, source, taken)
            label.setText(text + (" *" if required else ""))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def value(self, key: str) -> Any:
        widget = self.fields[key]
        if isinstance(widget, ChoiceCombo):
            return widget.code()
        if isinstance(widget, ValidatedLineEdit):
            return widget.value
        if isinstance(widget, QComboBox):
            return widget.currentData()
        if isinstance(widget, QLineEdit):
            return widget.text()
        raise TypeError(f"no value for {type(widget).__name__}")

    def invalid_fields(self) -> list[str]:
        return [
            key
            for key, widget in self.fields.items()
            if (isinstance(widget, ValidatedLineEdit) and not widget.is_valid())
            or (isinstance(widget, ChoiceCombo) and widget.required and widget.code() is None)
        ]

    def show_all_messages(self) -> None:
        for key, widget in self.fields.items():
            if isinstance(widget, ValidatedLineEdit):
                widget.show_message()
            elif isinstance(widget, ChoiceCombo) and widget.required:
                if widget.code() is None:
                    self.messages[key].show_error(tr(QT_TRANSLATE_NOOP("forms", "Required")))
                else:
                    self.messages[key].clear_message()

    def check(self) -> list[str]:
        """Show every field's message; 'Label: problem' for each field that keeps the form from saving."""
        self.show_all_messages()
        line = tr(QT_TRANSLATE_NOOP("forms", "%1: %2"))
        return [
            line.replace("%1", self.label_text(key)).replace("%2", self.messages[key].text())
            for key in self.invalid_fields()
        ]

    def show_problems(self, exc: DomainError) -> None:
        """Put a failed save's problems beside the fields they name, the rest under the form."""
        problems = exc.problems if isinstance(exc, ValidationError) else []
        unplaced = []
        for field_name, message in problems:
            key = next(
                (
                    k
                    for k in (field_name, field_name.removesuffix("_id"), field_name + "s")
                    if k in self.messages
                ),
                field_name,
            )
            if key in self.messages:
                self.messages[key].show_error(_problem_text(message), tr_error(exc))
            else:
                unplaced.append(message)
        if not problems or unplaced:
            self.general_message.show_error(tr_error(exc))
        else:
            self.general_message.clear_message()

    def field_order(self) -> list[QWidget]:
        return list(self.fields.values())


def _problem_text(message: str) -> str:
    if message == "duplicate":
        return tr(QT_TRANSLATE_NOOP("forms", "Already used by another record"))
    if message in ("required", "positive", "date", "choice"):
        return tr(QT_TRANSLATE_NOOP("forms", "Not accepted"))
    return tr_message(message)


class RecordDialog(QDialog):
    """A form in a dialog: Enter or Tab moves to the next field, Enter on the last field or Ctrl+S
    saves, Esc cancels. `save(form)` does the write; a DomainError it raises is shown in the form."""

    saved = Signal(object)

    def __init__(
        self,
        title: str,
        form: RecordForm,
        save: Callable[[RecordForm], Any],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = form
        self._save = save
        self.result_value: Any = None
        form.finish()
        self.buttons = QDialogButtonBox()
        self.save_button = QPushButton()
        self.cancel_button = QPushButton()
        for button in (self.save_button, self.cancel_button):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.try_save)
        form.edited.connect(lambda: form.refresh_summary(form.general_message))
        self.cancel_button.clicked.connect(self.reject)
        self.save_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        self.save_shortcut.activated.connect(self.try_save)
        layout = QVBoxLayout(self)
        layout.addWidget(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(720)
        self.retranslate_ui()
        fields = form.field_order()
        if fields:
            fields[0].setFocus()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:
            # Grow (never shrink) when a message beside a field wraps onto more lines than fit.
            needed = self.layout().totalHeightForWidth(self.width())
            if needed > self.height():
                self.resize(self.width(), needed)
        return handled

    def retranslate_ui(self) -> None:
        self.save_button.setText(tr(QT_TRANSLATE_NOOP("forms", "Save")) + " (Ctrl+S)")
        self.cancel_button.setText(tr(QT_TRANSLATE_NOOP("forms", "Cancel")))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def keyPressEvent(self, event) -> None:
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            focus = self.focusWidget()
            if focus in (self.save_button, self.cancel_button):
                focus.click()
                return
            fields = [w for w in self.form.field_order() if w.isEnabled() and w.isVisible()]
            if fields and focus is fields[-1]:
                self.try_save()
            else:
                self.focusNextChild()
            return
        super().keyPressEvent(event)

    def try_save(self) -> bool:
        """Save if every field is valid; otherwise show the messages and go to the first problem."""
        problems = self.form.check()
        if problems:
            self.form.general_message.show_error("\n".join(problems))
            self.form.fields[self.form.invalid_fields()[0]].setFocus()
            return False
        try:
            self.result_value = self._save(self.form)
        except DomainError as exc:
            self.form.show_problems(exc)
            return False
        self.saved.emit(self.result_value)
        self.accept()
        return True


class EntryDefaults:
    """The last date, operator, buyer and market entered, remembered across sessions (app.settings)."""

    def __init__(self, settings: Any = None):
        if settings is None:
            from app.settings import Settings

            settings = Settings()
        self.settings = settings

    def get(self, key: str) -> str:
        return self.settings.entry_default(key)

    def get_int(self, key: str) -> int | None:
        value = self.get(key)
        return int(value) if value.isdigit() else None

    def set(self, key: str, value: Any) -> None:
        self.settings.set_entry_default(key, value)
