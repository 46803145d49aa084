"""The import wizard's names to create: each unknown operator, crop, market, buyer (and each plot the
file names for an operator that lacks it) with a tick and the choices a careful clerk must make
before it is created (an operator's kind and side, a buyer's kind, a market's city), none made
silently; the plot's operator comes from the file."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.views.forms.fields import ChoiceCombo
from db import units
from db.importing.fixes import CREATABLE, missing_choices

Ident = str | tuple[str, str]  # a name, or a plot's (operator, plot)


def create_entries(create: dict[str, dict[Ident, dict[str, str]]]) -> dict[str, list[dict[str, str]]]:
    """The wizard's ticked names with their choices, as db.importing.fixes.create_names takes them."""
    entries: dict[str, list[dict[str, str]]] = {}
    for key, names in create.items():
        for ident, choices in names.items():
            if isinstance(ident, tuple):
                entry = {**choices, "operator": ident[0], "name": ident[1]}
            else:
                entry = {**choices, "name": ident}
            entries.setdefault(key, []).append(entry)
    return entries


def shown_name(ident: Ident) -> str:
    return f"{ident[1]}（{ident[0]}）" if isinstance(ident, tuple) else ident


class _HintCombo(ChoiceCombo):
    """A required code whose empty choice says what to choose ("kind…", not a bare "choose…")."""

    def __init__(self, codes: dict[str, tuple[str, str]], hint: str):
        self.hint = hint
        super().__init__(codes, required=True)
        self.setToolTip(hint)

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.setItemText(0, f"{self.hint}…")


class _Choice:
    """One choice of one name: a code combo, or a text (an editable combo offers the known values)."""

    def __init__(self, attr: str, widget: QWidget):
        self.attr = attr
        self.widget = widget

    def value(self) -> str:
        w = self.widget
        if isinstance(w, ChoiceCombo):
            return w.code() or ""
        if isinstance(w, QComboBox):
            return w.currentText().strip()
        assert isinstance(w, QLineEdit)
        return w.text().strip()


class NamesBox(QGroupBox):
    """Ticks and choices of the names to create; `changed` is called after a tick (the file is checked
    again with the names), `chosen` after a choice of a ticked name (no check needed: the page says
    again whether it is complete)."""

    def __init__(self, wizard, changed: Callable[[], None], chosen: Callable[[], None]):
        super().__init__()
        self.w = wizard
        self.changed = changed
        self.chosen = chosen
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        self.missing.setStyleSheet("color: #b3261e")
        self.inner = QWidget()
        self.grid = QGridLayout(self.inner)
        self.grid.setContentsMargins(0, 0, 0, 0)
        for column in range(3):
            self.grid.setColumnStretch(column, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.inner)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.missing)
        self.rows: list[tuple[str, Ident, QCheckBox, list[_Choice]]] = []
        self.retranslate_ui()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Names not in the database"))
        self.fill(again=True)

    # ---- the rows
    def fill(self, again: bool = False) -> None:
        """The rows of the names seen so far; kept as they are (and the field being typed in with
        them) when the names are the same, unless `again` (a new language)."""
        order = [key for key in CREATABLE if key in self.w.unknown]
        wanted = [(key, ident) for key in order for ident in self.w.unknown[key]]
        if not again and wanted == [(key, ident) for key, ident, _box, _choices in self.rows]:
            self._show_missing()
            return
        for _key, _ident, box, choices in self.rows:
            box.deleteLater()
            for choice in choices:
                choice.widget.deleteLater()
        self.rows = []
        for key, ident in wanted:
            self._add_row(key, ident)
        for row in range(self.grid.rowCount()):
            self.grid.setRowStretch(row, 0)
        self.grid.setRowStretch(2 * len(self.rows), 1)  # the rows stay together at the top
        self.note.setText(
            self.tr(
                "Tick the names to create with the import (undone with it) and choose what each needs; "
                "correct a misspelt one in the table."
            )
            if self.rows
            else self.tr("Every name in the file is in the database.")
        )
        self._show_missing()

    def _add_row(self, key: str, ident: Ident) -> None:
        texts = {
            "operator": self.tr("Create operator %1"),
            "crop": self.tr("Create crop %1"),
            "buyer": self.tr("Create buyer %1"),
            "market": self.tr("Create market %1"),
        }
        if isinstance(ident, tuple):
            text = self.tr("Create plot %1 of operator %2").replace("%1", ident[1]).replace("%2", ident[0])
        else:
            text = texts[key].replace("%1", ident)
        box = QCheckBox(text)
        chosen = self.w.create.get(key, {}).get(ident)
        box.setChecked(chosen is not None)
        choices = self._choices(key)
        said = self._said_by_file(key, ident)
        for choice in choices:
            value = (chosen if chosen is not None else said).get(choice.attr, "")
            if isinstance(choice.widget, ChoiceCombo):
                choice.widget.set_code(value)
                choice.widget.currentIndexChanged.connect(lambda _i, k=key, n=ident: self._chose(k, n))
            elif isinstance(choice.widget, QComboBox):
                choice.widget.setCurrentText(value)
                choice.widget.currentTextChanged.connect(lambda _t, k=key, n=ident: self._chose(k, n))
            else:
                choice.widget.setText(value)
                choice.widget.textEdited.connect(lambda _t, k=key, n=ident: self._chose(k, n))
        box.toggled.connect(lambda on, k=key, n=ident: self.choose(k, n, on))
        row = 2 * len(self.rows)  # the tick on one line, its choices below it
        self.grid.addWidget(box, row, 0, 1, 3)
        for column, choice in enumerate(choices):
            self.grid.addWidget(choice.widget, row + 1, column)
        if key == "operator":
            box.setToolTip(self.tr("An operator's kind decides whether its certificates are required."))
        self.rows.append((key, ident, box, choices))

    def _choices(self, key: str) -> list[_Choice]:
        def combo(codes: dict[str, tuple[str, str]], hint: str) -> ChoiceCombo:
            return _HintCombo(codes, hint)

        def text(hint: str, known: list[str] | None = None) -> QWidget:
            if known is None:
                widget = QLineEdit()
                widget.setPlaceholderText(hint)
            else:
                widget = QComboBox()
                widget.setEditable(True)
                widget.addItems(known)
                widget.setCurrentIndex(-1)
                widget.lineEdit().setPlaceholderText(hint)
            widget.setToolTip(hint)
            return widget

        if key == "operator":
            return [
                _Choice(
                    "kind",
                    combo(units.OPERATOR_KINDS, self.tr("Kind (decides whether certificates are needed)")),
                ),
                _Choice("side", combo(units.SIDES, self.tr("Side"))),
                _Choice("credit_code", text(self.tr("Credit code (optional)"))),
            ]
        if key == "buyer":
            markets = [m.name for m in self.w.ctx.store.markets.list()]
            markets += [n for n in self.w.unknown.get("market", []) if n not in markets]
            return [
                _Choice("kind", combo(units.BUYER_KINDS, self.tr("Kind"))),
                _Choice("market", text(self.tr("Usual market (optional)"), markets)),
            ]
        if key == "market":
            cities = sorted({m.city for m in self.w.ctx.store.markets.list(include_archived=True) if m.city})
            return [
                _Choice("city", text(self.tr("City"), cities)),
                _Choice("district", text(self.tr("District (optional)"))),
            ]
        if key == "crop":
            return [_Choice("name_en", text(self.tr("English name (optional)")))]
        return []

    def _said_by_file(self, key: str, ident: Ident) -> dict[str, str]:
        """The choices the file itself makes for a name, to pre-select: a new buyer's usual market
        when every row of the buyer in the file names the same one. Nothing else is guessed."""
        table = self.w.table
        if key != "buyer" or table is None or not isinstance(ident, str):
            return {}
        mapping = self.w.mapping or {title: field for title, field, _values in self.w.columns}
        column = {field: i for i, title in enumerate(table.titles) if (field := mapping.get(title))}
        if "buyer" not in column or "market" not in column:
            return {}

        def text(row: int, field: str) -> str:
            edited = self.w.edits.get((row, column[field]))
            return (edited if edited is not None else table.text(row, column[field])).strip()

        markets = {
            text(row, "market")
            for row in range(len(table.rows))
            if row not in self.w.dropped and text(row, "buyer") == ident
        }
        return {"market": markets.pop()} if len(markets) == 1 and "" not in markets else {}

    def _values(self, key: str, ident: Ident) -> dict[str, str]:
        for k, n, _box, choices in self.rows:
            if (k, n) == (key, ident):
                return {c.attr: c.value() for c in choices if c.value()}
        return {}

    # ---- changes
    def choose(self, key: str, ident: Ident, create: bool) -> None:
        assert key in CREATABLE
        names = self.w.create.setdefault(key, {})
        if create:
            names[ident] = self._values(key, ident)
        else:
            names.pop(ident, None)
        self._show_missing()
        self.changed()

    def _chose(self, key: str, ident: Ident) -> None:
        names = self.w.create.get(key, {})
        if ident in names:
            names[ident] = self._values(key, ident)
            self._show_missing()
            self.chosen()

    def box(self, name: str) -> QCheckBox:
        return next(box for _k, ident, box, _c in self.rows if shown_name(ident) == name or ident == name)

    def choice(self, name: str, attr: str) -> QWidget:
        for _k, ident, _box, choices in self.rows:
            if shown_name(ident) == name or ident == name:
                return next(c.widget for c in choices if c.attr == attr)
        raise KeyError(name)

    # ---- what is still to choose
    def incomplete(self) -> list[str]:
        """The ticked names that lack a required choice, as 'name: choices'."""
        labels = {
            "kind": self.tr("kind"),
            "side": self.tr("side"),
            "city": self.tr("city"),
        }
        lines = []
        for key, entries in create_entries(self.w.create).items():
            for entry in entries:
                missing = [labels.get(m, m) for m in missing_choices(key, entry)]
                if missing:
                    lines.append(f"{entry['name']}: {'、'.join(missing)}")
        return lines

    def _show_missing(self) -> None:
        lines = self.incomplete()
        self.missing.setText(
            self.tr("Choose before importing: %1").replace("%1", "; ".join(lines)) if lines else ""
        )
        self.missing.setVisible(bool(lines))
