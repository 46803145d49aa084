"""A clickable legend: one toggle per series, laid out in wrapping rows under the plot."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QToolButton, QWidget

from app.charts.palette import line_color, qcolor
from app.flow_layout import FlowLayout


@dataclass(frozen=True, slots=True)
class LegendEntry:
    key: Hashable
    label: str
    color: str
    style: str = "box"  # 'box' (area, bar), 'line', 'dash' (comparison), 'point', 'band'
    tooltip: str = ""


def swatch(color: str | QColor, style: str, size: int = 14, enabled: bool = True) -> QPixmap:
    """A small picture of how a series is drawn, hollow when the series is hidden."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    c = qcolor(color)
    if not enabled:
        c = QColor("#B0B0B0")
    if style in ("line", "dash"):
        pen = QPen(
            line_color(c) if enabled else c,
            2.5,
            Qt.PenStyle.DashLine if style == "dash" else Qt.PenStyle.SolidLine,
        )
        painter.setPen(pen)
        painter.drawLine(1, size // 2, size - 1, size // 2)
    elif style == "point":
        painter.setPen(QPen(QColor("#000000") if enabled else c, 1))
        painter.setBrush(c)
        half = size // 2
        points = [QPoint(half, 2), QPoint(size - 2, half), QPoint(half, size - 2), QPoint(2, half)]
        painter.drawPolygon(points)
    else:
        painter.setPen(QPen(c.darker(130), 1))
        fill = qcolor(c, 90 if style == "band" else 255)
        painter.setBrush(fill if enabled else Qt.GlobalColor.transparent)
        painter.drawRect(1, 1, size - 3, size - 3)
    painter.end()
    return pixmap


class Legend(QWidget):
    """Toggle buttons for the series of a chart; `toggled(key, shown)` when one is clicked."""

    toggled = Signal(object, bool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._layout = FlowLayout(self, spacing=2, one_line_hint=False)
        self._buttons: dict[Hashable, QToolButton] = {}
        self._entries: dict[Hashable, LegendEntry] = {}
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        # Flat entries: a checked toggle must not look like a pressed button.
        self.setStyleSheet(
            "QToolButton { border: none; background: transparent; padding: 1px 6px 1px 2px; }"
            "QToolButton:hover { background: #ECECEC; border-radius: 3px; }"
            "QToolButton:focus { background: #E0E8F0; border-radius: 3px; }"
        )
        self._hint = ""

    def set_entries(self, entries: Sequence[LegendEntry], hidden: set[Hashable] = frozenset()) -> None:
        for button in self._buttons.values():
            self._layout.removeWidget(button)
            button.deleteLater()
        self._buttons.clear()
        self._entries = {e.key: e for e in entries}
        for entry in entries:
            button = QToolButton(self)
            button.setCheckable(True)
            button.setChecked(entry.key not in hidden)
            button.setAutoRaise(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setText(entry.label)
            button.setToolTip(entry.tooltip or self._hint)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            self._paint(button, entry)
            button.toggled.connect(lambda shown, k=entry.key: self._on_toggled(k, shown))
            self._buttons[entry.key] = button
            self._layout.addWidget(button)
        self.setVisible(bool(entries))
        self.updateGeometry()

    def set_hint(self, text: str) -> None:
        """The tooltip of every entry (e.g. 'Click to hide or show this series')."""
        self._hint = text
        for key, button in self._buttons.items():
            button.setToolTip(self._entries[key].tooltip or text)

    def has(self, key: Hashable) -> bool:
        return key in self._buttons

    def keys(self) -> list[Hashable]:
        return list(self._buttons)

    def labels(self) -> list[str]:
        return [b.text() for b in self._buttons.values()]

    def button(self, key: Hashable) -> QToolButton:
        return self._buttons[key]

    def is_shown(self, key: Hashable) -> bool:
        return self._buttons[key].isChecked()

    def click(self, key: Hashable) -> None:
        """Toggle an entry as a click would."""
        self._buttons[key].click()

    def _on_toggled(self, key: Hashable, shown: bool) -> None:
        self._paint(self._buttons[key], self._entries[key])
        self.toggled.emit(key, shown)

    def _paint(self, button: QToolButton, entry: LegendEntry) -> None:
        button.setIcon(QIcon(swatch(entry.color, entry.style, enabled=button.isChecked())))
        palette = button.palette()
        role = button.foregroundRole()
        palette.setColor(role, QColor("#202020") if button.isChecked() else QColor("#9A9A9A"))
        button.setPalette(palette)
        font = button.font()
        font.setStrikeOut(not button.isChecked())
        button.setFont(font)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._layout.heightForWidth(width)
