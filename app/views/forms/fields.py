"""Entry fields: line edits that parse what the clerk types, as they type, and say beside themselves
what exact value they understood or what is wrong.

Each field reads its text through a CellParser (app.views.forms.field_parsers) and shows the result in
its `message`, a label the form places beside it: the normalised value in green ('= 1750 kg
(3500 斤)'), a warning in amber, or the problem in red, translated through app.messages.tr_message.
Dates open a calendar; names complete on canonical names, aliases and Traditional spellings.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDate,
    QEvent,
    QLocale,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QFont,
    QFontMetrics,
    QIcon,
    QStandardItem,
    QStandardItemModel,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QCompleter,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QStyle,
    QWidget,
)

from app.i18n import current_language
from app.messages import tr_message
from app.paths import resource_path
from app.views.forms.field_parsers import (
    CellParser,
    area_parser,
    date_parser,
    deduction_parser,
    money_parser,
    name_parser,
    plate_parser,
    price_parser,
    text_parser,
    weight_parser,
)
from db import units
from db.parsing import ParseResult, name_key, normalize_text

ERROR_STYLE = "color: #c62828;"
WARNING_STYLE = "color: #a15c00;"
INFO_STYLE = "color: #2e6b30;"
ERROR_EDIT_STYLE = "QLineEdit { border: 1px solid #c62828; }"


def tr(text: str) -> str:
    """Translate a source string declared with QT_TRANSLATE_NOOP("forms", …)."""
    return QCoreApplication.translate("forms", text)


class FieldMessage(QLabel):
    """Shows a field's problem (red), warning (amber) or the exact value it understood (green).

    Beside a field (`keep_lines`) the message keeps a fixed height of a few lines, whatever it says,
    so the rows of a form stay still as messages come and go; a longer text ends in '…' and is read
    whole in the tooltip (and in the form's summary). Elsewhere it grows with its text.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setMinimumWidth(200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setMinimumHeight(self.fontMetrics().lineSpacing())
        self.kind = ""
        self._text = ""
        self._detail = ""
        self._lines = 0  # 0: as many lines as the text needs

    def keep_lines(self, lines: int) -> None:
        """Always `lines` lines high, shown text cut to fit."""
        self._lines = lines
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self._fit()

    def text(self) -> str:
        """The whole message, also when only its start fits."""
        return self._text

    def show_error(self, text: str, detail: str = "") -> None:
        self._set("error", text, ERROR_STYLE, detail)

    def show_warning(self, text: str) -> None:
        self._set("warning", text, WARNING_STYLE, "")

    def show_info(self, text: str) -> None:
        self._set("info", text, INFO_STYLE, "")

    def clear_message(self) -> None:
        self._set("", "", "", "")

    def _set(self, kind: str, text: str, style: str, detail: str) -> None:
        self.kind = kind
        self._text, self._detail = text, detail
        self.setStyleSheet(style)
        self._fit()

    def _fit(self) -> None:
        shown = self._text
        if self._lines:
            metrics = self.fontMetrics()
            self.setFixedHeight(metrics.lineSpacing() * self._lines + 2)
            shown = _cut_to_lines(self._text, self.font(), self.contentsRect().width() - 2, self._lines)
        super().setText(shown)
        tips = [self._text] if shown != self._text else []
        if self._detail and self._detail != self._text:
            tips.append(self._detail)
        self.setToolTip("\n".join(tips))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._lines:
            self._fit()


def _cut_to_lines(text: str, font: QFont, width: int, lines: int) -> str:
    """`text` word-wrapped to `width`, its first `lines` lines, the last ending in '…' if more follows."""
    if not text or width <= 0:
        return text
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    starts = []
    while len(starts) <= lines:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        starts.append(line.textStart())
    layout.endLayout()
    if len(starts) <= lines:
        return text
    kept = [text[a:b].rstrip() for a, b in itertools.pairwise(starts[:lines])]
    rest = text[starts[lines - 1] :]
    kept.append(QFontMetrics(font).elidedText(rest, Qt.TextElideMode.ElideRight, width))
    return "\n".join(kept)


class ValidatedLineEdit(QLineEdit):
    """A line edit that parses its text on every change and shows the result in `message`.

    Text that does not parse is marked at once; an empty required field says 'Required' only once
    the clerk has typed here or pressed Save (`show_message`), not on a fresh form. `warn(value)`
    returns a non-blocking warning (a db.i18n Text or '').
    """

    validity_changed = Signal(bool)
    value_changed = Signal(object)  # the parsed value, or None while the text is empty or not valid

    def __init__(
        self,
        parser: CellParser,
        *,
        warn: Callable[[Any], str] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.parser = parser
        self._warn = warn
        self.message = FieldMessage()
        # The red border of a field in error is a style sheet, which drops the style's padding:
        # keep the unstyled height, so the field does not shrink (and its row move) when marked.
        self.setMinimumHeight(self.sizeHint().height())
        self._result: ParseResult = parser("")
        self._shown = False
        self.textChanged.connect(self._on_text_changed)
        self.textEdited.connect(self._on_edited)
        self._update_message()

    # ---- state
    @property
    def value(self) -> Any:
        return self._result.value if self._result.error is None else None

    @property
    def error(self) -> str:
        return self._result.error or ""

    @property
    def required(self) -> bool:
        return self.parser.required

    def is_valid(self) -> bool:
        return self._result.error is None

    def set_value(self, value: Any) -> None:
        self.setText("" if value is None else self.parser.text(value))
        self.setCursorPosition(0)

    def set_parser(self, parser: CellParser) -> None:
        self.parser = parser
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
        was_valid, old_value = self.is_valid(), self.value
        self._result = self.parser(text)
        self._update_message()
        if was_valid != self.is_valid():
            self.validity_changed.emit(self.is_valid())
        if old_value != self.value:
            self.value_changed.emit(self.value)

    def _update_message(self) -> None:
        if self.is_valid():
            value = self.value
            warning = self._warn(value) if (self._warn and value is not None) else ""
            if warning:
                self.message.show_warning(tr_message(warning))
            elif value is not None and self.describe(value):
                self.message.show_info(self.describe(value))
            else:
                self.message.clear_message()
            self.setStyleSheet("")
        elif self.error == "required" and not self._shown:
            self.message.clear_message()
            self.setStyleSheet("")
        else:
            required = self.error == "required"
            self.message.show_error(
                tr(QT_TRANSLATE_NOOP("forms", "Required")) if required else tr_message(self.error)
            )
            self.setStyleSheet(ERROR_EDIT_STYLE)

    def describe(self, value: Any) -> str:
        """The exact value understood, shown in green beside the field."""
        return self.parser.describe(value)

    def retranslate_ui(self) -> None:
        self._update_message()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class TextEdit(ValidatedLineEdit):
    """Plain text, normalised; optionally required."""

    def __init__(self, *, required: bool = False, max_length: int = 200, parent: QWidget | None = None):
        super().__init__(text_parser(max_length, required), parent=parent)


class WeightEdit(ValidatedLineEdit):
    """A weight in any unit of the trade (3500斤, 1.75吨, 12.5公斤); a bare number takes `default_unit`."""

    def __init__(self, default_unit: str = "kg", *, required: bool = True, parent: QWidget | None = None):
        super().__init__(weight_parser(default_unit, required), parent=parent)


class PriceEdit(ValidatedLineEdit):
    """A price as quoted (2.4, 1.2元/斤, 一块二一斤, 855元/吨); a bare number takes `default_unit`."""

    def __init__(
        self, default_unit: str = "元/公斤", *, required: bool = True, parent: QWidget | None = None
    ):
        super().__init__(price_parser(default_unit, required), parent=parent)


class MoneyEdit(ValidatedLineEdit):
    """An amount in 元, exact to the fen."""

    def __init__(self, *, required: bool = True, parent: QWidget | None = None):
        super().__init__(money_parser(required), parent=parent)


class AreaEdit(ValidatedLineEdit):
    """An area in 亩, exact to 0.01 亩."""

    def __init__(self, *, required: bool = False, parent: QWidget | None = None):
        super().__init__(area_parser(required), parent=parent)


class DeductionEdit(ValidatedLineEdit):
    """A truck's deduction (扣杂) in kg or as a percentage: '50公斤', '50', '2%'; empty for none."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(deduction_parser(), parent=parent)


class PlateEdit(ValidatedLineEdit):
    """A truck plate (川JA1234, 渝C 12345); the buyer's known plates are offered."""

    def __init__(self, *, required: bool = False, parent: QWidget | None = None):
        super().__init__(plate_parser(required), parent=parent)
        self._plates = QStringListModel(self)
        completer = QCompleter(self._plates, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.setCompleter(completer)

    def set_suggestions(self, plates: Sequence[str]) -> None:
        self._plates.setStringList(list(plates))

    def suggestions(self) -> list[str]:
        return self._plates.stringList()


class DateEdit(ValidatedLineEdit):
    """A date typed in any form clerks use (2023.1.6, 23/1/6, 1月6号, 20230106) or picked from a
    calendar (the button at the right, F4 or Alt+Down); the value is 'YYYY-MM-DD'."""

    def __init__(self, *, required: bool = True, window: Any = None, parent: QWidget | None = None):
        # `window` (db.date_window.DateWindow): a date outside it gets a warning, not a refusal.
        super().__init__(date_parser(required), warn=self._far_warning, parent=parent)
        self.far_window = window
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

    def _far_warning(self, value: str) -> str:
        window = getattr(self, "far_window", None)
        return window.warning(value) if window is not None else ""

    def set_window(self, window: Any) -> None:
        self.far_window = window
        self.revalidate()

    def describe(self, value: str) -> str:
        day = datetime.date.fromisoformat(value)
        weekday = QLocale().toString(QDate(day.year, day.month, day.day), "dddd")
        return f"= {value} {weekday}"

    def set_date(self, day: datetime.date | str) -> None:
        self.setText(day if isinstance(day, str) else day.isoformat())

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
            self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
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
            # The date format as placeholder, unless the owner gave the box its own ("from", "to").
            hint = tr(QT_TRANSLATE_NOOP("forms", "YYYY-MM-DD"))
            if self.placeholderText() in ("", getattr(self, "_format_hint", "")):
                self.setPlaceholderText(hint)
            self._format_hint = hint


class NameEdit(ValidatedLineEdit):
    """Picks a record by name: canonical names, aliases and Traditional spellings all match
    (db.parsing.NameIndex), and a pop-up lists the records whose name or alias contains what was
    typed, showing the alias that matched. The value is the record's id."""

    def __init__(
        self,
        entries: Iterable[tuple[int, str, Iterable[str]]] = (),
        *,
        required: bool = True,
        parent: QWidget | None = None,
    ):
        self._entries = [(i, name, tuple(aliases)) for i, name, aliases in entries]
        super().__init__(name_parser(self._entries, required), parent=parent)
        self._model = QStandardItemModel(self)
        completer = QCompleter(self._model, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCompletionRole(Qt.ItemDataRole.EditRole)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(12)
        self.setCompleter(completer)
        self.textEdited.connect(self._update_completions)
        self._fill_model(self.candidates(""))

    def set_entries(self, entries: Iterable[tuple[int, str, Iterable[str]]]) -> None:
        self._entries = [(i, name, tuple(aliases)) for i, name, aliases in entries]
        self._fill_model(self.candidates(""))
        self.set_parser(name_parser(self._entries, self.required))

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

    def describe(self, value: int) -> str:
        """The canonical name, when something else (an alias, Traditional characters) was typed."""
        canonical = self.parser.text(value)
        return "" if normalize_text(self.text()) == canonical else f"→ {canonical}"

    def _fill_model(self, candidates: Sequence[tuple[int, str, str]]) -> None:
        self._model.clear()
        for ident, name, alias in candidates:
            item = QStandardItem(f"{name}  ({alias})" if alias else name)
            item.setData(name, Qt.ItemDataRole.EditRole)
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


class ChoiceCombo(QComboBox):
    """Choose a stored code (grade, kind, method, payment status) by its label in the current language."""

    def __init__(
        self, codes: dict[str, tuple[str, str]], parent: QWidget | None = None, *, required: bool = False
    ):
        super().__init__(parent)
        self._codes = codes
        # A required choice starts empty ("choose…"), so nothing is saved by accident as the first code.
        self.required = required
        if required:
            self.addItem("", None)
        for code in codes:
            self.addItem(code, code)
        self.retranslate_ui()

    def code(self) -> str | None:
        return self.currentData()

    def clear_code(self) -> None:
        self.setCurrentIndex(0 if self.required else -1)

    def set_code(self, code: str) -> None:
        i = self.findData(code)
        if i >= 0:
            self.setCurrentIndex(i)

    def retranslate_ui(self) -> None:
        lang = current_language()
        for i in range(self.count()):
            code = self.itemData(i)
            if code is None:
                self.setItemText(i, QCoreApplication.translate("forms", "choose…"))
            else:
                self.setItemText(i, units.label(self._codes, code, lang))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
