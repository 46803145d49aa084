"""The filter bar every chart shares: period, time bucket, operators, crops, buyers and markets."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from datetime import date

from PySide6.QtCore import QDate, QEvent, QSize, QTimer, Signal
from PySide6.QtGui import QAction, QMouseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QMenu,
    QStyle,
    QToolButton,
    QWidget,
)

from app.views.chart_data import PRESETS, ChartRequest, preset_range
from db import queries as q
from db.repositories import Store

BUCKET_KEYS = ("day", "week", "month", "year")
DEBOUNCE_MS = 150


class _StayOpenMenu(QMenu):
    """A menu whose checkable entries toggle without closing it, so several can be picked."""

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        action = self.activeAction()
        if action is not None and action.isCheckable() and action.isEnabled():
            action.trigger()
            return
        super().mouseReleaseEvent(event)


class MultiSelect(QToolButton):
    """Pick any number of names from a drop-down; none picked means all."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self._menu = _StayOpenMenu(self)
        self.setMenu(self._menu)
        self._all = QAction(self)
        self._all.triggered.connect(self.clear_selection)
        self._actions: dict[Hashable, QAction] = {}
        self._all_text = ""
        self._some_text = "%1"
        self._rebuild_menu()

    def sizeHint(self) -> QSize:
        # The style draws the drop-down arrow in the bottom-right corner, over centred text that
        # fills the button: room for the arrow on both sides keeps the text clear of it.
        hint = super().sizeHint()
        return QSize(
            hint.width() + 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator),
            hint.height(),
        )

    def set_texts(self, all_text: str, some_text: str) -> None:
        """'All operators' and '%1 operators' (for more than two picked)."""
        self._all_text = all_text
        self._some_text = some_text
        self._all.setText(all_text)
        self._update_text()

    def set_items(self, items: Sequence[tuple[Hashable, str, str]]) -> None:
        """(key, label, tooltip) per entry; keys still offered stay picked."""
        picked = set(self.selected())
        self._actions = {}
        for key, label, tip in items:
            action = QAction(label, self)
            action.setCheckable(True)
            action.setChecked(key in picked)
            action.setToolTip(tip)
            action.toggled.connect(self._on_toggled)
            self._actions[key] = action
        self._rebuild_menu()
        self._update_text()

    def _rebuild_menu(self) -> None:
        self._menu.clear()
        self._menu.addAction(self._all)
        self._menu.addSeparator()
        for action in self._actions.values():
            self._menu.addAction(action)
        self._menu.setToolTipsVisible(True)

    def keys(self) -> list[Hashable]:
        return list(self._actions)

    def selected(self) -> tuple:
        return tuple(k for k, a in self._actions.items() if a.isChecked())

    def set_selected(self, keys: Sequence[Hashable]) -> None:
        wanted = set(keys)
        for key, action in self._actions.items():
            action.blockSignals(True)
            action.setChecked(key in wanted)
            action.blockSignals(False)
        self._update_text()
        self.changed.emit()

    def clear_selection(self) -> None:
        self.set_selected(())

    def toggle(self, key: Hashable) -> None:
        """Pick or unpick one entry, as a click in the menu would."""
        self._actions[key].trigger()

    def _on_toggled(self, _checked: bool) -> None:
        self._update_text()
        self.changed.emit()

    def _update_text(self) -> None:
        picked = [a.text() for a in self._actions.values() if a.isChecked()]
        if not picked:
            self.setText(self._all_text)
        elif len(picked) <= 2:
            self.setText("、".join(picked))
        else:
            self.setText(self._some_text.replace("%1", str(len(picked))))
        self.setToolTip("\n".join(picked) if picked else self._all_text)


class FilterBar(QWidget):
    """Emits `changed` (once, shortly after the last edit) when any filter changes."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, show_bucket: bool = True):
        super().__init__(parent)
        self._reference = date.today()
        self._updating = False

        self._period_label = QLabel(self)
        self._preset = QComboBox(self)
        for key in PRESETS:
            self._preset.addItem("", key)
        self._start = QDateEdit(self)
        self._end = QDateEdit(self)
        for edit in (self._start, self._end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(self._on_date_edited)
        self._dash = QLabel("–", self)
        self._bucket_label = QLabel(self)
        self._bucket = QComboBox(self)
        for key in BUCKET_KEYS:
            self._bucket.addItem("", key)
        self._bucket.setCurrentIndex(BUCKET_KEYS.index("month"))
        self.operators = MultiSelect(self)
        self.crops = MultiSelect(self)
        self.buyers = MultiSelect(self)
        self.markets = MultiSelect(self)
        self._clear = QToolButton(self)
        self._clear.setAutoRaise(True)
        self._clear.clicked.connect(self.clear)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(6)
        for widget in (self._period_label, self._preset, self._start, self._dash, self._end):
            layout.addWidget(widget)
        layout.addSpacing(8)
        layout.addWidget(self._bucket_label)
        layout.addWidget(self._bucket)
        self._bucket_label.setVisible(show_bucket)
        self._bucket.setVisible(show_bucket)
        layout.addSpacing(8)
        for widget in (self.operators, self.crops, self.buyers, self.markets):
            layout.addWidget(widget)
        layout.addWidget(self._clear)
        layout.addStretch(1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.changed)
        self._preset.currentIndexChanged.connect(self._on_preset)
        self._bucket.currentIndexChanged.connect(self._schedule)
        for box in (self.operators, self.crops, self.buyers, self.markets):
            box.changed.connect(self._schedule)
        self.retranslate_ui()
        # The first period is the bar's initial state, not a change: nothing is pending after
        # construction, so a page shown at once loads once (a pending "change" used to fire a
        # second load of the first tab that raced whatever the page was asked to show next).
        self._preset.setCurrentIndex(PRESETS.index("12m"))
        self._timer.stop()

    # ------------------------------------------------------------ state
    def load_choices(self, store: Store) -> None:
        """Offer the master records (small tables, read on the GUI thread); archived ones last."""

        def items(records, label):
            ordered = sorted(records, key=lambda r: (r.archived, r.id))
            return [(r.id, label(r), r.name) for r in ordered]

        self.operators.set_items(items(store.operators.list(), lambda r: r.short_name or r.name))
        self.crops.set_items(items(store.crops.list(), lambda r: r.name))
        self.buyers.set_items(items(store.buyers.list(), lambda r: r.name))
        markets = items(store.markets.list(), lambda r: r.aliases[0] if r.aliases else r.name)
        markets.append((None, self.tr("No market recorded"), ""))
        self.markets.set_items(markets)

    def set_reference_day(self, day: date) -> None:
        """The day presets count from ('this season' ends on it)."""
        self._reference = day
        if self.preset() != "custom":
            self._apply_preset(self.preset(), emit=False)

    def preset(self) -> str:
        return self._preset.currentData()

    def set_preset(self, preset: str) -> None:
        index = PRESETS.index(preset)
        if self._preset.currentIndex() != index:
            self._preset.setCurrentIndex(index)  # → _on_preset
        else:
            self._apply_preset(preset, emit=True)

    def bucket(self) -> str:
        return self._bucket.currentData()

    def set_bucket(self, bucket: str) -> None:
        self._bucket.setCurrentIndex(BUCKET_KEYS.index(bucket))

    def set_dates(self, start: str | None, end: str | None) -> None:
        """Show a custom period."""
        self._updating = True
        self._preset.setCurrentIndex(PRESETS.index("custom"))
        if start:
            self._start.setDate(QDate.fromString(start, "yyyy-MM-dd"))
        if end:
            self._end.setDate(QDate.fromString(end, "yyyy-MM-dd"))
        self._updating = False
        self._schedule()

    def filters(self) -> q.Filters:
        start, end = self.dates()
        return q.Filters(
            start=start,
            end=end,
            operator_ids=self.operators.selected(),
            crop_ids=self.crops.selected(),
            buyer_ids=self.buyers.selected(),
            market_ids=self.markets.selected(),
        )

    def dates(self) -> tuple[str | None, str | None]:
        if self.preset() == "all":
            return None, None
        start = self._start.date().toString("yyyy-MM-dd")
        end = self._end.date().toString("yyyy-MM-dd")
        return (start, end) if start <= end else (end, start)

    def apply_request(self, request: ChartRequest) -> None:
        """Show what a request asks for (dates, picks, bucket), then emit `changed` once."""
        self._updating = True
        try:
            f = request.filters
            if request.bucket:
                self.set_bucket(request.bucket)
            if f is not None:
                self.operators.set_selected(f.operator_ids)
                self.crops.set_selected(f.crop_ids)
                self.buyers.set_selected(f.buyer_ids)
                self.markets.set_selected(f.market_ids)
            if request.preset and request.preset != "custom":
                self._preset.setCurrentIndex(PRESETS.index(request.preset))
                self._apply_preset(request.preset, emit=False)
            elif f is not None:
                self._preset.setCurrentIndex(
                    PRESETS.index("all" if f.start is None and f.end is None else "custom")
                )
                if f.start:
                    self._start.setDate(QDate.fromString(f.start, "yyyy-MM-dd"))
                if f.end:
                    self._end.setDate(QDate.fromString(f.end, "yyyy-MM-dd"))
        finally:
            self._updating = False
        self._sync_enabled()
        self._schedule()

    def clear(self) -> None:
        """All operators, crops, buyers and markets (the period stays)."""
        self._updating = True
        for box in (self.operators, self.crops, self.buyers, self.markets):
            box.clear_selection()
        self._updating = False
        self._schedule()

    def flush(self) -> None:
        """Emit a pending change now (tests, and a page that is shown)."""
        if self._timer.isActive():
            self._timer.stop()
            self.changed.emit()

    # ------------------------------------------------------------ internals
    def _on_preset(self, _index: int) -> None:
        if not self._updating:
            self._apply_preset(self.preset(), emit=True)

    def _apply_preset(self, preset: str, emit: bool) -> None:
        if preset not in ("custom", "all"):
            start, end = preset_range(preset, self._reference)
            self._updating = True
            self._start.setDate(QDate(start.year, start.month, start.day))
            self._end.setDate(QDate(end.year, end.month, end.day))
            self._updating = False
        self._sync_enabled()
        if emit:
            self._schedule()

    def _sync_enabled(self) -> None:
        custom = self.preset() == "custom"
        for widget in (self._start, self._end):
            widget.setEnabled(custom)
        shown = self.preset() != "all"
        for widget in (self._start, self._dash, self._end):
            widget.setVisible(shown)

    def _on_date_edited(self, _date: QDate) -> None:
        if not self._updating:
            self._schedule()

    def _schedule(self, *_args) -> None:
        if not self._updating:
            self._timer.start()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self._period_label.setText(self.tr("Period"))
        texts = {
            "season": self.tr("This season (Nov–Oct)"),
            "last_season": self.tr("Last season"),
            "month": self.tr("This month"),
            "last_month": self.tr("Last month"),
            "12m": self.tr("Last 12 months"),
            "year": self.tr("This year"),
            "last_year": self.tr("Last year"),
            "all": self.tr("All time"),
            "custom": self.tr("Custom dates"),
        }
        for i, key in enumerate(PRESETS):
            self._preset.setItemText(i, texts[key])
        self._bucket_label.setText(self.tr("Per"))
        buckets = {
            "day": self.tr("Day"),
            "week": self.tr("Week"),
            "month": self.tr("Month"),
            "year": self.tr("Year"),
        }
        for i, key in enumerate(BUCKET_KEYS):
            self._bucket.setItemText(i, buckets[key])
        self.operators.set_texts(self.tr("All operators"), self.tr("%1 operators"))
        self.crops.set_texts(self.tr("All crops"), self.tr("%1 crops"))
        self.buyers.set_texts(self.tr("All buyers"), self.tr("%1 buyers"))
        self.markets.set_texts(self.tr("All markets"), self.tr("%1 markets"))
        self._clear.setText(self.tr("Clear filters"))
        self._clear.setToolTip(self.tr("Show all operators, crops, buyers and markets again"))
        self._start.setToolTip(self.tr("First day (included)"))
        self._end.setToolTip(self.tr("Last day (included)"))


__all__ = ["BUCKET_KEYS", "FilterBar", "MultiSelect"]
