"""A layout that places items left to right and wraps them onto further lines when the width runs out."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    """Items left to right at their preferred size, wrapping onto another line when the width runs
    out (a filter row with many combo boxes stays readable in a narrow window or a longer language)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6, one_line_hint: bool = True):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        # A legend asks only for its widest item, so it never widens its chart; a filter row asks
        # for everything on one line and wraps when it gets less.
        self._one_line_hint = one_line_hint
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:
        """Everything on one line (or, without one_line_hint, the minimum size)."""
        if not self._one_line_hint:
            return self.minimumSize()
        shown = [item.sizeHint() for item in self._items if not item.isEmpty()]
        width = sum(h.width() for h in shown) + self.spacing() * max(len(shown) - 1, 0)
        return QSize(width, max((h.height() for h in shown), default=0))

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            if not item.isEmpty():
                size = size.expandedTo(item.minimumSize())
        return size

    def lines(self, width: int) -> list[list[QLayoutItem]]:
        """The items on each line at this width."""
        lines: list[list[QLayoutItem]] = [[]]
        x = 0
        for item in self._items:
            if item.isEmpty():
                continue
            w = item.sizeHint().width()
            if lines[-1] and x + w > width:
                lines.append([])
                x = 0
            lines[-1].append(item)
            x += w + self.spacing()
        return lines

    def _arrange(self, rect: QRect, apply: bool) -> int:
        y = rect.y()
        for line in self.lines(rect.width()):
            height = max((item.sizeHint().height() for item in line), default=0)
            x = rect.x()
            for item in line:
                hint = item.sizeHint()
                if apply:  # centred on the line: combo boxes and line edits differ by a pixel or two
                    item.setGeometry(QRect(QPoint(x, y + (height - hint.height()) // 2), hint))
                x += hint.width() + self.spacing()
            y += height + self.spacing()
        return max(y - self.spacing() - rect.y(), 0)
