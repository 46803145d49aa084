"""Entry fields that parse as the clerk types and show the exact normalised value (or the problem) beside them.

Weights (3500斤, 1.75吨, １２．５公斤), prices (一块二一斤, 2.4元/公斤), dates (2026.1.6, 1月6号) with a
calendar, names with a completer that accepts aliases and Traditional characters, plates and
deductions (kg or %). The same parsers check pasted and grid cells (`CellParser`).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from app.messages import tr_message
from db import parsing, units
from db.i18n import translate
from db.parsing import NameIndex, ParseResult

OK_STYLE = "color: #2f6f3e;"
ERROR_STYLE = "color: #b3261e;"
ERROR_EDIT_STYLE = "QLineEdit { border: 1px solid #b3261e; background: #fff4f2; }"


def _plain(value: Decimal) -> str:
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def describe_weight(grams: int) -> str:
    """Exact kilograms, and 斤 when that is a whole or half number: '= 1750 kg (3500 斤)'."""
    kg = units.plain_kg(grams)
    jin = Decimal(grams) / units.G_PER_JIN
    extra = f" ({_plain(jin)} 斤)" if (jin * 2) == (jin * 2).to_integral_value() else ""
    return f"= {kg} kg{extra}"


def describe_price(price: int) -> str:
    """Exact 元/公斤 and 元/斤: '= 2.4 元/公斤 · 1.2 元/斤'."""
    return f"= {units.plain_price_per_kg(price)} 元/公斤 · {_plain(units.price_per_jin(price))} 元/斤"


# ---------------------------------------------------------------------------------------------------
# Parsers for one cell of text, shared by the fields, the lines grid, table edits and paste.


@dataclass(frozen=True)
class CellParser:
    """Text → ParseResult, plus how a value is written back and described."""

    parse: Callable[[str], ParseResult]
    text: Callable[[Any], str]  # canonical text of a value (what a cell shows after parsing)
    describe: Callable[[Any], str] = str
    required: bool = True

    def __call__(self, text: str) -> ParseResult:
        if not parsing.normalize_text(text):
            if self.required:
                return ParseResult(error="required")
            return ParseResult(value=None)
        return self.parse(text)


def weight_parser(default_unit: str = "kg") -> CellParser:
    return CellParser(
        lambda t: parsing.parse_weight_g(t, default_unit),
        lambda g: units.plain_kg(g),
        describe_weight,
    )


def price_parser(default_unit: str = "元/公斤") -> CellParser:
    return CellParser(
        lambda t: parsing.parse_price(t, default_unit),
        lambda p: units.plain_price_per_kg(p),
        describe_price,
    )


def _parse_iso_date(text: str) -> ParseResult:
    result = parsing.parse_date(text)
    if not result.ok:
        return result
    return ParseResult(value=result.value.isoformat())


def date_parser() -> CellParser:
    return CellParser(_parse_iso_date, lambda d: d, lambda d: f"= {d}")


def _parse_code(codes: dict[str, tuple[str, str]], what: str) -> Callable[[str], ParseResult]:
    """`what` is a db.i18n message naming the kind of code, e.g. translate("db", "grade")."""

    def parse(text: str) -> ParseResult:
        code = units.code_for_label(codes, parsing.to_simplified(parsing.normalize_text(text)))
        if code is None:
            choices = " / ".join(zh for zh, _ in codes.values())
            # A ParseResult error like db.parsing's: a Text, translated where it is shown.
            error = translate("db", "'{text}' is not a {what}; use {choices}").format(
                text=text, what=what, choices=choices
            )
            return ParseResult(error=error)
        return ParseResult(value=code)

    return parse


def grade_parser(language: str = "zh_CN", required: bool = False) -> CellParser:
    """Grades by code, Chinese or English label; empty means ungraded."""
    parse = _parse_code(units.GRADES, translate("db", "grade"))
    return CellParser(
        lambda t: parse(t),
        lambda code: units.label(units.GRADES, code or "ungraded", language),
        lambda code: units.label(units.GRADES, code, language),
        required=required,
    )


def status_parser(language: str = "zh_CN") -> CellParser:
    parse = _parse_code(units.PAYMENT_STATUSES, translate("db", "payment status"))
    return CellParser(parse, lambda code: units.label(units.PAYMENT_STATUSES, code, language))


def plate_parser(required: bool = False) -> CellParser:
    return CellParser(parsing.parse_plate, lambda p: p or "", lambda p: f"= {p}", required=required)


def name_parser(entries: Sequence[tuple[int, str, Iterable[str]]], required: bool = True) -> CellParser:
    """Names of master records (canonical, alias or Traditional) → id."""
    index = NameIndex(entries)
    names = {i: n for i, n, _ in entries}
    return CellParser(index.match, lambda i: names.get(i, ""), lambda i: f"= {names.get(i, '')}", required)


def deduction_parser() -> CellParser:
    """'2%' → ('pct', 200); '50公斤' or a bare number (kg) → ('g', 50000); empty → no deduction."""

    def parse(text: str) -> ParseResult:
        s = parsing.normalize_text(text)
        if any(mark in s for mark in ("%", "％", "‰", "百分之")):
            result = parsing.parse_percent(s)
            return ParseResult(value=("pct", result.value)) if result.ok else result
        result = parsing.parse_weight_g(s, "kg")
        return ParseResult(value=("g", result.value)) if result.ok else result

    def text(value: Any) -> str:
        if not value:
            return ""
        kind, amount = value
        return f"{_plain(Decimal(amount) / 100)}%" if kind == "pct" else units.plain_kg(amount) + "公斤"

    def describe(value: Any) -> str:
        kind, amount = value
        return f"= {_plain(Decimal(amount) / 100)}%" if kind == "pct" else describe_weight(amount)

    return CellParser(parse, text, describe, required=False)


# ---------------------------------------------------------------------------------------------------
# Widgets


class ParsedField(QWidget):
    """A line edit with a note beside it: the exact normalised value, or why the text is not accepted."""

    value_changed = Signal(object)  # the parsed value, or None while the text is not valid

    def __init__(self, parser: CellParser, parent: QWidget | None = None, note_width: int = 190):
        super().__init__(parent)
        self.parser = parser
        self.line_edit = QLineEdit(self)
        self.note = QLabel(self)
        self.note.setMinimumWidth(note_width)
        self.note.setMaximumWidth(note_width * 2)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.line_edit, 1)
        self._extra_layout = layout
        layout.addWidget(self.note)
        self.setFocusProxy(self.line_edit)
        self._result: ParseResult = self.parser("")
        self.line_edit.textChanged.connect(self._on_text_changed)
        self._show()

    # ---- value
    @property
    def value(self) -> Any:
        return self._result.value if self._result.error is None else None

    @property
    def error(self) -> str | None:
        return self._result.error

    def is_valid(self) -> bool:
        return self._result.error is None

    def set_value(self, value: Any) -> None:
        self.line_edit.setText("" if value is None else self.parser.text(value))

    def text(self) -> str:
        return self.line_edit.text()

    def setText(self, text: str) -> None:
        self.line_edit.setText(text)

    def reparse(self) -> None:
        self._on_text_changed(self.line_edit.text())

    # ---- internals
    def _on_text_changed(self, text: str) -> None:
        self._result = self.parser(text)
        self._show()
        self.value_changed.emit(self.value)

    def _show(self) -> None:
        text = self.line_edit.text()
        if self._result.error is None:
            value = self._result.value
            self.note.setText("" if value is None else self.parser.describe(value))
            self.note.setStyleSheet(OK_STYLE)
            self.note.setToolTip("")
            self.line_edit.setStyleSheet("")
        else:
            message = self._error_text(self._result.error)
            self.note.setText(message if text.strip() else "")
            self.note.setToolTip(message)
            self.note.setStyleSheet(ERROR_STYLE)
            # An empty required field is not an error until Save; typed nonsense is, at once.
            self.line_edit.setStyleSheet(ERROR_EDIT_STYLE if text.strip() else "")

    def _error_text(self, error: str) -> str:
        if error == "required":
            return self.tr("Required")
        return tr_message(error)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._show()  # the note (a db message) in the new language
        super().changeEvent(event)


class WeightField(ParsedField):
    def __init__(self, parent: QWidget | None = None, default_unit: str = "kg"):
        super().__init__(weight_parser(default_unit), parent)
        self.line_edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class PriceField(ParsedField):
    def __init__(self, parent: QWidget | None = None, default_unit: str = "元/公斤"):
        super().__init__(price_parser(default_unit), parent, note_width=220)
        self.line_edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class DeductionField(ParsedField):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(deduction_parser(), parent)
        self.line_edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class PlateField(ParsedField):
    """A plate; the buyer's known plates are offered."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(plate_parser(), parent, note_width=120)
        self._plates = QStringListModel(self)
        completer = QCompleter(self._plates, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.line_edit.setCompleter(completer)

    def set_suggestions(self, plates: Sequence[str]) -> None:
        self._plates.setStringList(list(plates))

    def suggestions(self) -> list[str]:
        return self._plates.stringList()


class DateField(ParsedField):
    """A date typed in any of the clerks' forms, or picked from a calendar (Alt+Down or the button)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(date_parser(), parent, note_width=120)
        self.line_edit.setMaxLength(20)
        self.button = QToolButton(self)
        self.button.setText("▾")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.setAutoRaise(True)
        self._extra_layout.insertWidget(1, self.button)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self._menu = QMenu(self)
        action = QWidgetAction(self._menu)
        action.setDefaultWidget(self.calendar)
        self._menu.addAction(action)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        self.button.clicked.connect(self.show_calendar)
        self.line_edit.installEventFilter(self)

    def show_calendar(self) -> None:
        if self.value:
            self.calendar.setSelectedDate(QDate.fromString(self.value, "yyyy-MM-dd"))
        self._menu.popup(self.line_edit.mapToGlobal(self.line_edit.rect().bottomLeft()))
        self.calendar.setFocus()

    def _picked(self, day: QDate) -> None:
        self.line_edit.setText(day.toString("yyyy-MM-dd"))
        self._menu.close()
        self.line_edit.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.line_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and event.modifiers() & Qt.KeyboardModifier.AltModifier
        ):
            self.show_calendar()
            return True
        return super().eventFilter(watched, event)

    def set_date(self, day: datetime.date | str) -> None:
        self.line_edit.setText(day if isinstance(day, str) else day.isoformat())


class NameField(ParsedField):
    """A master record by name: the completer lists canonical names whose name or alias contains the text,
    so 蘿蔔, 萝卜 and 白萝卜 all offer 白萝卜; the note shows the canonical name the text resolves to."""

    def __init__(self, entries: Sequence[tuple[int, str, Iterable[str]]], parent: QWidget | None = None):
        self._entries = list(entries)
        super().__init__(name_parser(self._entries), parent, note_width=200)
        self._names = QStringListModel(self)
        self._completer = QCompleter(self._names, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setMaxVisibleItems(12)
        self.line_edit.setCompleter(self._completer)
        self.line_edit.textEdited.connect(self._offer)

    def set_entries(self, entries: Sequence[tuple[int, str, Iterable[str]]]) -> None:
        self._entries = list(entries)
        self.parser = name_parser(self._entries)
        self.reparse()

    def candidates(self, text: str) -> list[str]:
        key = parsing.name_key(text)
        if not key:
            return [name for _, name, _ in self._entries]
        found = []
        for _, name, aliases in self._entries:
            if any(key in parsing.name_key(n) for n in (name, *aliases)):
                found.append(name)
        return found

    def _offer(self, text: str) -> None:
        names = self.candidates(text)
        if names == [text]:
            return
        self._names.setStringList(names)
        if names and self.line_edit.hasFocus():
            self._completer.complete()

    def _show(self) -> None:
        super()._show()
        if self._result.error is None and self._result.value is not None:
            shown = self.parser.text(self._result.value)
            # the canonical name is only news when something else was typed
            self.note.setText("" if shown == self.line_edit.text().strip() else f"= {shown}")


class EntryDefaults:
    """The last date, operator, buyer and market entered, remembered across sessions (app.settings)."""

    KEYS = ("date", "operator_id", "crop_id", "buyer_id", "market_id", "price_unit")

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
