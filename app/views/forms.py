"""Form building blocks: fields that parse as the clerk types and say what is wrong beside themselves.

Every field parses its text into an exact value (grams, fen, price units, ISO dates, ids) through
db.parsing, shows the normalised value or the problem in a message label next to it, and reports
whether it is valid. RecordForm lays fields out (label | field | message) and RecordDialog wraps a
form with the keyboard flow of the issue: Enter/Tab moves on, Ctrl+S saves, Esc cancels.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.i18n import current_language
from app.messages import tr_error, tr_message
from app.paths import resource_path
from db import parsing, units
from db.errors import DomainError, ValidationError
from db.parsing import NameIndex, ParseResult, name_key, normalize_text

# Colours of the message beside a field.
ERROR_STYLE = "color: #c62828;"
WARNING_STYLE = "color: #a15c00;"
INFO_STYLE = "color: #2e6b30;"


def tr(text: str) -> str:
    """Translate a source string declared with QT_TRANSLATE_NOOP("forms", …)."""
    return QCoreApplication.translate("forms", text)


# ---------------------------------------------------------------------------------------------------
# Parsers for the values db.parsing does not cover (money, areas, plain text, lists)


def parse_text(text: str, max_length: int = 200) -> ParseResult[str]:
    """Normalised text (full-width forms, zero-width and doubled spaces cleaned)."""
    value = normalize_text(text)
    if len(value) > max_length:
        return ParseResult(error=f"longer than {max_length} characters")
    return ParseResult(value=value)


def parse_yuan_fen(text: str) -> ParseResult[int]:
    """Exact fen from 元 typed as '1,250.5', '￥800', '１２００元'; at most 2 decimals, above zero."""
    shown = normalize_text(text)
    s = shown.replace(",", "").replace("，", "").removeprefix("¥").removeprefix("￥")
    s = s.removesuffix("元").removesuffix("块").strip()
    try:
        value = Decimal(s)
    except InvalidOperation:
        return ParseResult(error=f"'{shown}' is not an amount in 元; type one such as 1250 or 1,250.50")
    if not value.is_finite():
        return ParseResult(error=f"'{shown}' is not an amount in 元")
    if value <= 0:
        return ParseResult(error="the amount must be more than 0 元")
    fen = value * 100
    if fen != fen.to_integral_value():
        return ParseResult(error=f"'{shown}' is finer than 1 分 (0.01 元)")
    if fen > 10**12:
        return ParseResult(error=f"'{shown}' is too large; check for a typing error")
    return ParseResult(value=int(fen))


def parse_area_mu_x100(text: str) -> ParseResult[int]:
    """Hundredths of 亩 from '1500', '12.5亩', '０.５'; at most 2 decimals, not negative."""
    shown = normalize_text(text)
    s = shown.replace(",", "").removesuffix("亩").strip()
    try:
        value = Decimal(s)
    except InvalidOperation:
        return ParseResult(error=f"'{shown}' is not an area in 亩; type one such as 150 or 12.5")
    if not value.is_finite() or value < 0:
        return ParseResult(error="an area cannot be negative")
    x100 = value * 100
    if x100 != x100.to_integral_value():
        return ParseResult(error=f"'{shown}' is finer than 0.01 亩")
    return ParseResult(value=int(x100))


def format_area(area_mu_x100: int) -> str:
    return (
        f"{Decimal(area_mu_x100) / 100:f}".rstrip("0").rstrip(".")
        if area_mu_x100 % 100
        else str(area_mu_x100 // 100)
    )


def split_list(text: str) -> list[str]:
    """Items typed separated by commas, 、 or ;, normalised, without duplicates (a space may be part
    of an item, as in the plate '渝C 12345')."""
    s = normalize_text(text)
    for sep in ("，", "、", ";", "；"):
        s = s.replace(sep, ",")
    return list(dict.fromkeys(item.strip() for item in s.split(",") if item.strip()))


def parse_name_list(text: str) -> ParseResult[tuple[str, ...]]:
    return ParseResult(value=tuple(split_list(text)))


def parse_plate_list(text: str) -> ParseResult[tuple[str, ...]]:
    plates = []
    for item in split_list(text):
        result = parsing.parse_plate(item)
        if not result.ok:
            return ParseResult(error=result.error)
        plates.append(result.value)
    return ParseResult(value=tuple(dict.fromkeys(plates)))


def parse_phone(text: str) -> ParseResult[str]:
    """A phone number as typed: digits with optional +, -, spaces; masked digits (*) are kept."""
    s = normalize_text(text)
    digits = [c for c in s if c.isdigit() or c == "*"]
    if any(c not in "0123456789*+- ()" for c in s):
        return ParseResult(error=f"'{s}' is not a phone number; type digits such as 13800000001")
    if not 5 <= len(digits) <= 20:
        return ParseResult(error=f"'{s}' has {len(digits)} digits; a phone number has 5 to 20")
    return ParseResult(value=s)


_CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_warning(code: str) -> str:
    """Why a 统一社会信用代码 looks wrong (length, characters, GB 32100 check digit), or ''."""
    if not code:
        return ""
    if len(code) != 18:
        return f"has {len(code)} characters; a credit code has 18"
    if any(c not in _CREDIT_CHARS for c in code):
        return "contains characters a credit code never uses (I, O, S, V, Z)"
    total = sum(_CREDIT_CHARS.index(c) * w for c, w in zip(code[:17], _CREDIT_WEIGHTS, strict=True))
    check = _CREDIT_CHARS[(31 - total % 31) % 31]
    if code[17] != check:
        return f"check digit should be {check}; please compare with the licence"
    return ""


# ---------------------------------------------------------------------------------------------------
# The message beside a field


class FieldMessage(QLabel):
    """Shows a field's problem (red), warning (amber) or the exact value it understood (green)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setMinimumWidth(240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.kind = ""

    def show_error(self, text: str, detail: str = "") -> None:
        self._set("error", text, ERROR_STYLE, detail)

    def show_warning(self, text: str, detail: str = "") -> None:
        self._set("warning", text, WARNING_STYLE, detail)

    def show_info(self, text: str) -> None:
        self._set("info", text, INFO_STYLE, "")

    def clear_message(self) -> None:
        self._set("", "", "", "")

    def _set(self, kind: str, text: str, style: str, detail: str) -> None:
        self.kind = kind
        self.setText(text)
        self.setStyleSheet(style)
        self.setToolTip(detail if detail and detail != text else "")


# ---------------------------------------------------------------------------------------------------
# Fields


class ValidatedLineEdit(QLineEdit):
    """A line edit that parses its text on every keystroke and shows the result in `message`.

    `parse` turns text into a ParseResult; `describe(value)` gives the normalised value shown in
    green (e.g. '= 1,750.0 kg'); `hint` is the short, translated message shown when the text does
    not parse (the parser's detailed English message goes to the tooltip; an English interface
    shows it directly); `warn(value)` returns a non-blocking warning.
    """

    validity_changed = Signal(bool)
    value_changed = Signal(object)

    def __init__(
        self,
        parse: Callable[[str], ParseResult],
        *,
        required: bool = False,
        describe: Callable[[Any], str] | None = None,
        format_value: Callable[[Any], str] | None = None,
        hint: str = "",
        warn: Callable[[Any], str] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._parse = parse
        self.required = required
        self._describe = describe
        self._format = format_value or (lambda v: "" if v is None else str(v))
        self.hint = hint
        self._warn = warn
        self.message = FieldMessage()
        self._value: Any = None
        self._error = "required" if required else ""
        self._valid = not required
        self._shown = False  # messages appear once the clerk has typed here, or on Save
        self.textChanged.connect(self._on_text_changed)
        self.textEdited.connect(self._on_edited)

    # ---- state
    @property
    def value(self) -> Any:
        return self._value

    @property
    def error(self) -> str:
        return self._error

    def is_valid(self) -> bool:
        return self._valid

    def set_value(self, value: Any) -> None:
        self.setText(self._format(value) if value is not None else "")
        self.setCursorPosition(0)

    def set_parser(self, parse: Callable[[str], ParseResult]) -> None:
        self._parse = parse
        self.revalidate()

    def show_message(self) -> None:
        """Show the message even if nothing was typed yet (after Save was pressed)."""
        self._shown = True
        self._update_message()

    def revalidate(self) -> None:
        self._on_text_changed(self.text())

    # ---- behaviour
    def _on_edited(self, _text: str) -> None:
        self._shown = True

    def _on_text_changed(self, text: str) -> None:
        was_valid, old_value = self._valid, self._value
        if not normalize_text(text):
            self._value = None
            self._error = "required" if self.required else ""
            self._valid = not self.required
        else:
            result = self._parse(text)
            if result.error is None and result.value is not None:
                self._value, self._error, self._valid = result.value, "", True
            else:
                self._value, self._error, self._valid = None, result.error or "invalid", False
        self._update_message()
        if was_valid != self._valid:
            self.validity_changed.emit(self._valid)
        if old_value != self._value:
            self.value_changed.emit(self._value)

    def _update_message(self) -> None:
        if self._valid:
            warning = self._warn(self._value) if (self._warn and self._value is not None) else ""
            if warning:
                self.message.show_warning(warning)
            elif self._value is not None and self._describe is not None:
                self.message.show_info(self._describe(self._value))
            else:
                self.message.clear_message()
            self.setStyleSheet("")
            return
        if not self._shown:
            self.message.clear_message()
            return
        if self._error == "required":
            self.message.show_error(tr(QT_TRANSLATE_NOOP("forms", "Required")))
        elif hasattr(self._error, "template") and (
            tr_message(self._error) != str(self._error) or current_language() == "en" or not self.hint
        ):
            self.message.show_error(tr_message(self._error))  # db/ made it translatable, and it is
        elif self.hint and current_language() != "en":
            self.message.show_error(tr(self.hint), self._error)
        else:
            self.message.show_error(self._error)
        self.setStyleSheet("QLineEdit { border: 1px solid #c62828; }")

    def retranslate_ui(self) -> None:
        self._update_message()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class TextEdit(ValidatedLineEdit):
    """Plain text, normalised; optionally required."""

    def __init__(self, *, required: bool = False, max_length: int = 200, parent: QWidget | None = None):
        super().__init__(lambda t: parse_text(t, max_length), required=required, parent=parent)


class WeightEdit(ValidatedLineEdit):
    """A weight in any unit of the trade (3500斤, 1.75吨, 12.5公斤); a bare number takes `default_unit`."""

    def __init__(self, default_unit: str = "kg", *, required: bool = True, parent: QWidget | None = None):
        self.default_unit = default_unit
        super().__init__(
            lambda t: parsing.parse_weight_g(t, self.default_unit),
            required=required,
            describe=describe_weight,
            format_value=units.plain_kg,
            hint=QT_TRANSLATE_NOOP("forms", "Not a weight: type e.g. 12.5, 3500斤 or 1.75吨"),
            parent=parent,
        )


def _plain_number(value: Decimal) -> str:
    """A decimal with thousands separators and no trailing zeros: 1,750 / 12.5."""
    value = value.normalize()
    return f"{value:,f}"


def describe_weight(grams: int) -> str:
    return f"= {_plain_number(units.kg(grams))} kg · {_plain_number(Decimal(grams) / units.G_PER_JIN)} 斤"


class PriceEdit(ValidatedLineEdit):
    """A price as quoted (2.4, 1.2元/斤, 一块二一斤, 855元/吨); a bare number takes `default_unit`."""

    def __init__(
        self, default_unit: str = "元/公斤", *, required: bool = True, parent: QWidget | None = None
    ):
        self.default_unit = default_unit
        super().__init__(
            lambda t: parsing.parse_price(t, self.default_unit),
            required=required,
            describe=describe_price,
            format_value=units.plain_price_per_kg,
            hint=QT_TRANSLATE_NOOP("forms", "Not a price: type e.g. 2.4, 1.2元/斤 or 855元/吨"),
            parent=parent,
        )


def describe_price(price: int) -> str:
    return f"= {units.format_price(price, 'kg', 4)} 元/公斤 · {units.format_price(price, 'jin', 4)} 元/斤"


class MoneyEdit(ValidatedLineEdit):
    """An amount in 元, exact to the fen."""

    def __init__(self, *, required: bool = True, parent: QWidget | None = None):
        super().__init__(
            parse_yuan_fen,
            required=required,
            describe=lambda fen: f"= ¥{units.format_yuan(fen)}",
            format_value=units.plain_yuan,
            hint=QT_TRANSLATE_NOOP("forms", "Not an amount: type 元 with at most 2 decimals, e.g. 1250.50"),
            parent=parent,
        )


class AreaEdit(ValidatedLineEdit):
    """An area in 亩, exact to 0.01 亩."""

    def __init__(self, *, required: bool = False, parent: QWidget | None = None):
        super().__init__(
            parse_area_mu_x100,
            required=required,
            describe=lambda v: f"= {format_area(v)} 亩 · {Decimal(v) / 1500:.2f} ha",
            format_value=format_area,
            hint=QT_TRANSLATE_NOOP("forms", "Not an area: type 亩 with at most 2 decimals, e.g. 150 or 12.5"),
            parent=parent,
        )


class DateEdit(ValidatedLineEdit):
    """A date typed in any form clerks use (2023.1.6, 23/1/6, 1月6号, 20230106) or picked from a
    calendar (the button at the right, F4 or Alt+Down); the value is 'YYYY-MM-DD'."""

    def __init__(
        self,
        *,
        required: bool = True,
        today: Callable[[], datetime.date] = datetime.date.today,
        parent: QWidget | None = None,
    ):
        self._today = today
        super().__init__(
            self._parse_date,
            required=required,
            describe=self._describe_date,
            hint=QT_TRANSLATE_NOOP("forms", "Not a date: type year-month-day, e.g. 2026-01-06 or 1月6号"),
            parent=parent,
        )
        self.setPlaceholderText("YYYY-MM-DD")
        path = resource_path("icons", "calendar.svg")
        icon = (
            QIcon(str(path))
            if path.exists()
            else self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowDown)
        )
        self.calendar_action = QAction(icon, "", self)
        self.calendar_action.triggered.connect(self.show_calendar)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self.calendar: QCalendarWidget | None = None
        self.retranslate_ui()

    def _parse_date(self, text: str) -> ParseResult[str]:
        result = parsing.parse_date(text, today=self._today())
        if result.error is None and result.value is not None:
            return ParseResult(value=result.value.isoformat())
        return ParseResult(error=result.error, ambiguous=result.ambiguous)

    def _describe_date(self, iso: str) -> str:
        day = datetime.date.fromisoformat(iso)
        weekday = QLocale().toString(QDate(day.year, day.month, day.day), "dddd")
        return f"= {iso} {weekday}"

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key == Qt.Key.Key_F4 or (
            key == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
        ):
            self.show_calendar()
            return
        super().keyPressEvent(event)

    def show_calendar(self) -> None:
        """Open the calendar below the field; picking a day (click or Enter) fills it in."""
        if self.calendar is None:
            self.calendar = QCalendarWidget(self)
            self.calendar.setWindowFlags(Qt.WindowType.Popup)
            self.calendar.setGridVisible(True)
            self.calendar.activated.connect(self._picked)
            self.calendar.clicked.connect(self._picked)
        if self.value:
            day = datetime.date.fromisoformat(self.value)
            self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        self.calendar.move(self.mapToGlobal(self.rect().bottomLeft()))
        self.calendar.show()
        self.calendar.setFocus()

    def _picked(self, date: QDate) -> None:
        self._shown = True
        self.setText(date.toString("yyyy-MM-dd"))
        if self.calendar is not None:
            self.calendar.hide()
        self.setFocus()

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if hasattr(self, "calendar_action"):
            self.calendar_action.setToolTip(tr(QT_TRANSLATE_NOOP("forms", "Pick a date (F4)")))


class NameEdit(ValidatedLineEdit):
    """Picks a record by name: canonical names, aliases and Traditional spellings all match, and a
    pop-up lists the candidates containing what was typed. The value is the record's id."""

    def __init__(
        self,
        entries: Iterable[tuple[int, str, Iterable[str]]] = (),
        *,
        required: bool = True,
        parent: QWidget | None = None,
    ):
        self._index = NameIndex([])
        self._entries: list[tuple[int, str, tuple[str, ...]]] = []
        self._canonical: dict[int, str] = {}
        super().__init__(
            self._match,
            required=required,
            describe=self._describe_match,
            format_value=lambda i: self._canonical.get(i, ""),
            hint=QT_TRANSLATE_NOOP("forms", "No such name; choose one from the list"),
            parent=parent,
        )
        self._model = QStandardItemModel(self)
        completer = QCompleter(self._model, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCompletionRole(Qt.ItemDataRole.EditRole)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(12)
        self.setCompleter(completer)
        self.textEdited.connect(self._update_completions)
        self.set_entries(entries)

    def set_entries(self, entries: Iterable[tuple[int, str, Iterable[str]]]) -> None:
        self._entries = [(i, name, tuple(aliases)) for i, name, aliases in entries]
        self._canonical = {i: name for i, name, _ in self._entries}
        self._index = NameIndex(self._entries)
        self._fill_model(self.candidates(""))
        self.revalidate()

    def entries(self) -> list[tuple[int, str, tuple[str, ...]]]:
        return list(self._entries)

    def candidates(self, text: str) -> list[tuple[int, str, str]]:
        """(id, canonical, matched alias or '') for every record whose name or alias contains text;
        names that start with it first."""
        key = name_key(text)
        found = []
        for ident, name, aliases in self._entries:
            best = None
            for n in (name, *aliases):
                k = name_key(n)
                if key in k:
                    rank = 0 if k.startswith(key) else 1
                    if best is None or rank < best[0]:
                        best = (rank, "" if n == name else n)
            if best is not None:
                found.append((best[0], ident, name, best[1]))
        found.sort(key=lambda t: t[0])
        return [(ident, name, alias) for _, ident, name, alias in found]

    def _fill_model(self, candidates: Sequence[tuple[int, str, str]]) -> None:
        self._model.clear()
        for ident, name, alias in candidates:
            item = QStandardItem(f"{name}  ({alias})" if alias else name)
            item.setData(name, Qt.ItemDataRole.EditRole)
            item.setData(f"{name}  ({alias})" if alias else name, Qt.ItemDataRole.DisplayRole)
            item.setData(ident, Qt.ItemDataRole.UserRole)
            self._model.appendRow(item)

    def _update_completions(self, text: str) -> None:
        matches = self.candidates(text)
        self._fill_model(matches)
        completer = self.completer()
        if text and matches and self.hasFocus() and not (len(matches) == 1 and matches[0][1] == text):
            completer.setCompletionPrefix("")
            completer.complete()
        elif completer.popup().isVisible() and not matches:
            completer.popup().hide()

    def inputMethodEvent(self, event) -> None:
        super().inputMethodEvent(event)
        if event.commitString():
            self._update_completions(self.text())

    def _match(self, text: str) -> ParseResult[int]:
        result = self._index.match(text)
        if result.error is not None and result.ambiguous:
            return result
        return result

    def _describe_match(self, ident: int) -> str:
        canonical = self._canonical.get(ident, "")
        return "" if name_key(self.text()) == name_key(canonical) else f"→ {canonical}"

    def _update_message(self) -> None:
        super()._update_message()
        if not self._valid and self._shown and self._error not in ("", "required"):
            close = self._index.suggestions(self.text())
            if close and current_language() != "en":
                self.message.show_error(
                    tr(QT_TRANSLATE_NOOP("forms", "No such name. Did you mean: %1?")).replace(
                        "%1", "、".join(close)
                    ),
                    self._error,
                )


class ChoiceCombo(QComboBox):
    """Choose a stored code (grade, kind, method) by its label in the current language."""

    def __init__(self, codes: dict[str, tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self._codes = codes
        for code in codes:
            self.addItem(code, code)
        self.retranslate_ui()

    def code(self) -> str:
        return self.currentData()

    def set_code(self, code: str) -> None:
        i = self.findData(code)
        if i >= 0:
            self.setCurrentIndex(i)

    def retranslate_ui(self) -> None:
        lang = current_language()
        for i in range(self.count()):
            self.setItemText(i, units.label(self._codes, self.itemData(i), lang))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


# ---------------------------------------------------------------------------------------------------
# Forms and the dialog around them


class RecordForm(QWidget):
    """Fields in a grid: label | field | message. Labels are source strings of context 'forms'."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setColumnStretch(1, 2)
        self.grid.setColumnStretch(2, 1)
        self.grid.setHorizontalSpacing(10)
        self.fields: dict[str, QWidget] = {}
        self.messages: dict[str, FieldMessage] = {}
        self._labels: list[tuple[QLabel, str, bool]] = []
        self.general_message = FieldMessage()

    def add_field(self, key: str, label: str, widget: QWidget, *, required: bool | None = None) -> QWidget:
        """Add a row; `label` is a QT_TRANSLATE_NOOP("forms", …) source string."""
        row = self.grid.rowCount()
        if required is None:
            required = bool(getattr(widget, "required", False))
        text_label = QLabel()
        text_label.setBuddy(widget)
        self._labels.append((text_label, label, required))
        message = getattr(widget, "message", None)
        if not isinstance(message, FieldMessage):
            message = FieldMessage()
        self.grid.addWidget(text_label, row, 0)
        self.grid.addWidget(widget, row, 1)
        self.grid.addWidget(message, row, 2)
        self.fields[key] = widget
        self.messages[key] = message
        self._set_label(text_label, label, required)
        return widget

    def finish(self) -> None:
        """Add the message for problems no single field owns, under the fields."""
        self.grid.addWidget(self.general_message, self.grid.rowCount(), 0, 1, 3)

    def _set_label(self, label: QLabel, source: str, required: bool) -> None:
        label.setText(tr(source) + (" *" if required else ""))

    def retranslate_ui(self) -> None:
        for label, source, required in self._labels:
            self._set_label(label, source, required)

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
            if isinstance(widget, ValidatedLineEdit) and not widget.is_valid()
        ]

    def show_all_messages(self) -> None:
        for widget in self.fields.values():
            if isinstance(widget, ValidatedLineEdit):
                widget.show_message()

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
        self.form.show_all_messages()
        invalid = self.form.invalid_fields()
        if invalid:
            self.form.fields[invalid[0]].setFocus()
            return False
        try:
            self.result_value = self._save(self.form)
        except DomainError as exc:
            self.form.show_problems(exc)
            return False
        self.saved.emit(self.result_value)
        self.accept()
        return True


class EnterMovesOn(QObject):
    """Event filter for a form outside a RecordDialog: Enter moves the focus on, like Tab."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        is_enter = event.type() == QEvent.Type.KeyPress and event.key() in (
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
        )
        if not is_enter or not isinstance(watched, QWidget):
            return False
        completer = watched.completer() if isinstance(watched, QLineEdit) else None
        if completer is not None and completer.popup().isVisible():
            return False
        watched.focusNextChild()
        return True
