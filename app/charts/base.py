"""The frame every chart shares: plot canvas, legend, empty state, hover tips, zoom reset and export."""

from __future__ import annotations

import math
import os
from collections.abc import Hashable
from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QPointF, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QGuiApplication, QImage, QPainter, QPen
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QGraphicsPathItem,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from app.charts import palette
from app.charts.legend import Legend, LegendEntry
from db.documents.exporting import replacing
from db.storage.outputs import Output

DEFAULT_EXPORT_SIZE = QSize(1600, 900)


def style_axis(axis: pg.AxisItem, font: QFont | None = None) -> None:
    """Dark text, light lines, the application's font (which holds the CJK glyphs)."""
    axis.setPen(pg.mkPen(palette.MUTED_TEXT))
    axis.setTextPen(pg.mkPen(palette.TEXT))
    tick_font = QFont(font) if font is not None else QFont()
    axis.setStyle(tickFont=tick_font, tickTextOffset=4, autoExpandTextSpace=True)
    axis.enableAutoSIPrefix(False)


class NumberAxis(pg.AxisItem):
    """A value axis with thousands separators and no SI prefixes."""

    def tickStrings(self, values, scale, spacing):
        places = 0
        if spacing < 1:
            places = min(4, max(0, len(f"{spacing:.10f}".rstrip("0").split(".")[1]) if spacing else 0))
            places = min(places, 3)
        return [f"{v * scale:,.{places}f}" for v in values]


class CategoryAxis(pg.AxisItem):
    """An axis whose ticks are names at integer positions (months, operators)."""

    def __init__(self, orientation: str, **kwargs: Any):
        super().__init__(orientation, **kwargs)
        self._labels: list[str] = []

    def set_labels(self, labels: list[str]) -> None:
        self._labels = list(labels)
        self.setTicks([[(i, text) for i, text in enumerate(self._labels)]])
        if self.orientation in ("left", "right") and self.style["showValues"]:
            # Wide enough for the longest name at once (the axis would otherwise grow a paint later).
            font = self.style["tickFont"] or QFont()
            metrics = QFontMetrics(font)
            widest = max((metrics.horizontalAdvance(t) for t in self._labels), default=0)
            self.setWidth(widest + max(0, self.style["tickLength"]) + self.style["tickTextOffset"][0] + 10)

    def generateDrawSpecs(self, p: Any) -> Any:
        # On a short vertical axis (the dashboard's small charts) names would overprint each other:
        # label every k-th category so each name has a line of its own; hover still names them all.
        if self._labels and self.orientation in ("left", "right"):
            line = QFontMetrics(self.style["tickFont"] or self.font()).height()
            step = max(1, math.ceil(len(self._labels) * line / max(self.geometry().height(), 1)))
            self._tickLevels = [[(i, t) for i, t in enumerate(self._labels) if i % step == 0]]
        return super().generateDrawSpecs(p)


class ChartWidget(QWidget):
    """Base of the chart widgets.

    A subclass builds its plot items in `_build()`, draws `self._data` in `_draw()` (called again
    whenever the data or the hidden series change), lists its legend entries and answers
    `tooltip_at()` for a point in data coordinates. The base class shows the empty state when the
    data is empty, keeps the legend's hidden series, exports and copies.
    """

    clicked = Signal()  # a compact chart was clicked: open the full chart
    series_toggled = Signal(object, bool)  # (key, shown)
    hovered = Signal(str)  # the tooltip text now shown ('' when none)
    drawn = Signal()

    def __init__(self, parent: QWidget | None = None, *, compact: bool = False):
        super().__init__(parent)
        self._compact = compact
        self._data: Any = None
        self._hidden: set[Hashable] = set()
        self._seen_keys: set[Hashable] = set()
        self._last_tooltip = ""
        self._title_text = ""
        self._empty_text = ""
        # The open database, which an exported image may never overwrite (set by the page).
        self.protected_database: Path | None = None
        self.settings: Any = None  # app.settings.Settings: the export dialog opens in the last folder

        self._title = QLabel(self)
        font = self._title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * (1.0 if compact else 1.15))
        self._title.setFont(font)
        self._title.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

        self._reset_button = QToolButton(self)
        self._reset_button.clicked.connect(self.reset_view)
        self._export_button = QToolButton(self)
        self._export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self._export_menu = QMenu(self)
        self._export_png = self._export_menu.addAction("")
        self._export_svg = self._export_menu.addAction("")
        self._export_button.setMenu(self._export_menu)
        self._copy_button = QToolButton(self)
        self._copy_button.clicked.connect(self.copy_to_clipboard)
        self._export_png.triggered.connect(lambda: self.export_requested("png"))
        self._export_svg.triggered.connect(lambda: self.export_requested("svg"))

        header = QHBoxLayout()
        header.setContentsMargins(4, 0, 4, 0)
        header.addWidget(self._title, 1)
        self._extra_controls = QHBoxLayout()
        self._extra_controls.setSpacing(4)
        header.addLayout(self._extra_controls)
        for button in (self._reset_button, self._export_button, self._copy_button):
            button.setAutoRaise(True)
            header.addWidget(button)
        self._toolbar_buttons = (self._reset_button, self._export_button, self._copy_button)

        self._view = pg.GraphicsLayoutWidget(self)
        self._view.setBackground("w")
        self._view.setMinimumSize(120, 80)
        self._view.ci.setContentsMargins(4, 4, 12, 4)
        self._empty = QLabel(self)
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setWordWrap(True)
        self._empty.setStyleSheet(f"color: {palette.MUTED_TEXT}; background: white;")
        self._empty.setAutoFillBackground(True)
        self._stack = QStackedWidget(self)
        self._stack.addWidget(self._view)
        self._stack.addWidget(self._empty)

        # White like the plot, so the chart reads as one picture (and exports as one).
        self.setAutoFillBackground(True)
        background = self.palette()
        background.setColor(self.backgroundRole(), QColor("white"))
        self.setPalette(background)

        self.legend = Legend(self)
        self.legend.toggled.connect(self._on_legend_toggled)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(header)
        layout.addWidget(self._stack, 1)
        layout.addWidget(self.legend)

        self._build()
        scene = self._view.scene()
        scene.sigMouseMoved.connect(self._on_mouse_moved)
        scene.sigMouseClicked.connect(self._on_mouse_clicked)
        if compact:
            for button in self._toolbar_buttons:
                button.hide()
            small = QFont(self.legend.font())
            small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
            self.legend.setFont(small)
            self.legend.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
            self._view.setCursor(Qt.CursorShape.PointingHandCursor)
            self._empty.setCursor(Qt.CursorShape.PointingHandCursor)
        self.retranslate_ui()
        self._show_state()

    # ------------------------------------------------------------ for subclasses
    def _build(self) -> None:
        """Create the plot items (once)."""

    def _draw(self) -> None:
        """Draw self._data with the hidden series left out."""

    def _legend_entries(self) -> list[LegendEntry]:
        return []

    def tooltip_at(self, x: float, y: float) -> str:
        """The hover text at a point in data coordinates of the main view ('' for none)."""
        return ""

    def _views(self) -> list[pg.ViewBox]:
        """The view boxes that zoom, pan and reset."""
        return []

    def _copy_extra_state(self, other: ChartWidget) -> None:
        """Copy state beyond data and hidden series (e.g. units or style) from `other`."""

    def _retranslate_chart(self) -> None:
        """Set the chart's own texts again (axis titles, fixed labels)."""

    # ------------------------------------------------------------ public API
    @property
    def compact(self) -> bool:
        return self._compact

    @property
    def data(self) -> Any:
        return self._data

    def set_title(self, text: str) -> None:
        self._title_text = text
        self._title.setText(text)
        self._title.setVisible(bool(text))

    def title(self) -> str:
        return self._title_text

    def set_empty_text(self, text: str) -> None:
        """What the empty state says (the default asks to change the period or filters)."""
        self._empty_text = text
        self._empty.setText(text or self._default_empty_text())

    def set_data(self, data: Any) -> None:
        """Show new data; hidden series stay hidden while their keys remain."""
        self._data = data
        self._redraw()

    def clear(self) -> None:
        self.set_data(None)

    def is_empty(self) -> bool:
        return self._data is None or bool(getattr(self._data, "is_empty", False))

    def empty_state_visible(self) -> bool:
        return self._stack.currentWidget() is self._empty

    def empty_text(self) -> str:
        return self._empty.text()

    def hidden_keys(self) -> set[Hashable]:
        return set(self._hidden)

    def set_series_visible(self, key: Hashable, shown: bool) -> None:
        if shown == (key not in self._hidden):
            return
        if shown:
            self._hidden.discard(key)
        else:
            self._hidden.add(key)
        if self.legend.has(key) and self.legend.is_shown(key) != shown:
            self.legend.button(key).setChecked(shown)  # emits toggled → redraw
            return
        self._redraw()
        self.series_toggled.emit(key, shown)

    def add_control(self, widget: QWidget) -> None:
        """Put a chart-specific control (e.g. a style switch) in the header, before the tools."""
        self._extra_controls.addWidget(widget)
        if self._compact:
            widget.hide()

    def reset_view(self) -> None:
        """Undo zoom and pan: show all the data again."""
        for view in self._views():
            view.enableAutoRange(pg.ViewBox.XYAxes, True)
            view.autoRange()

    def last_tooltip(self) -> str:
        return self._last_tooltip

    def hover_data_point(self, x: float, y: float) -> str:
        """Act as if the mouse were at data point (x, y) of the main view; returns the tip shown."""
        views = self._views()
        if not views:
            return ""
        for view in views:
            if any(view.state["autoRange"]):
                view.updateAutoRange()  # pyqtgraph applies auto range lazily, at the next paint
        scene_pos = views[0].mapViewToScene(QPointF(x, y))
        self._on_mouse_moved(scene_pos)
        return self._last_tooltip

    # ------------------------------------------------------------ export
    def render_image(self, size: QSize | None = None) -> QImage:
        """The chart (title, plot, legend; no buttons) drawn at `size` pixels."""
        size = QSize(size) if size is not None else DEFAULT_EXPORT_SIZE
        image = QImage(size, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        clone = self._export_clone(size)
        try:
            painter = QPainter(image)
            try:
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
                clone.render(painter, QPoint())
            finally:
                painter.end()
        finally:
            clone.close()
            clone.deleteLater()
        return image

    def export_png(self, path: str | os.PathLike, size: QSize | None = None) -> Path:
        """Write the chart as PNG; the file appears only when complete, never over the database."""
        image = self.render_image(size)
        with replacing(self._output(path)) as tmp:
            if not image.save(str(tmp), "PNG"):
                raise OSError(f"cannot write {path}")
        return Path(path)

    def export_svg(self, path: str | os.PathLike, size: QSize | None = None) -> Path:
        size = QSize(size) if size is not None else DEFAULT_EXPORT_SIZE
        with replacing(self._output(path)) as tmp:
            clone = self._export_clone(size)
            try:
                generator = QSvgGenerator()
                generator.setFileName(str(tmp))
                generator.setSize(size)
                generator.setViewBox(QRect(0, 0, size.width(), size.height()))
                generator.setTitle(self._title_text or "chart")
                painter = QPainter(generator)
                try:
                    clone.render(painter, QPoint())
                finally:
                    painter.end()
            finally:
                clone.close()
                clone.deleteLater()
            if not tmp.stat().st_size:
                raise OSError(f"cannot write {path}")
        return Path(path)

    def _output(self, path: str | os.PathLike) -> Output:
        if isinstance(path, Output):
            return path
        return Output(Path(path), self.protected_database, overwrite=True)

    def copy_to_clipboard(self) -> QImage:
        """Put the chart, at its size on screen, on the clipboard as an image."""
        size = self.size() if self.width() > 200 and self.height() > 150 else DEFAULT_EXPORT_SIZE
        image = self.render_image(size)
        QGuiApplication.clipboard().setImage(image)
        return image

    def export_requested(self, kind: str) -> None:
        """Ask for a file name and write PNG or SVG (the pages connect this to their dialogs)."""
        from PySide6.QtWidgets import QMessageBox

        from app.messages import tr_error, tr_failure
        from app.save_dialog import ask_output
        from db.errors import DomainError

        if kind == "svg":
            filter_text = self.tr("SVG drawing (*.svg)")
        else:
            filter_text = self.tr("PNG image (*.png)")
        stem = (self._title_text or "chart").replace("/", "-")
        folder = getattr(self.settings, "last_folder", "") or str(Path.home())
        output = ask_output(
            self,
            self.tr("Export chart"),
            Path(folder) / f"{stem}.{kind}",
            filter_text,
            self.protected_database,
            (f".{kind}",),
        )
        if output is None:
            return
        try:
            if kind == "svg":
                self.export_svg(output)
            else:
                self.export_png(output)
            if self.settings is not None:
                self.settings.last_folder = str(output.path.parent)
        except DomainError as exc:
            QMessageBox.warning(self, self.tr("Export chart"), tr_error(exc))
        except OSError as exc:
            QMessageBox.warning(
                self,
                self.tr("Export chart"),
                tr_failure(exc, path=output),
            )

    def _export_clone(self, size: QSize) -> ChartWidget:
        clone = type(self)(compact=False)
        clone.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        for button in clone._toolbar_buttons:
            button.hide()
        for i in range(clone._extra_controls.count()):
            item = clone._extra_controls.itemAt(i)
            if item.widget():
                item.widget().hide()
        clone.setFont(self.font())
        clone.set_title(self._title_text)
        clone._empty_text = self._empty_text
        clone._hidden = set(self._hidden)
        clone._seen_keys = set(self._seen_keys)
        clone._copy_extra_state(self)
        clone.set_data(self._data)
        clone.resize(size)
        clone.show()
        clone.layout().activate()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        for mine, theirs in zip(self._views(), clone._views(), strict=False):
            auto = mine.state["autoRange"]
            if not (auto[0] and auto[1]):
                x_range, y_range = mine.viewRange()
                theirs.setRange(xRange=x_range, yRange=y_range, padding=0)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        return clone

    # ------------------------------------------------------------ internals
    def _redraw(self) -> None:
        self._show_state()
        if not self.is_empty():
            known = {e.key for e in self._legend_entries()}
            self._hidden &= known
            default_hidden = set(getattr(self._data, "default_hidden", ()))
            self._hidden |= default_hidden & (known - self._seen_keys)
            self._seen_keys = known
            self._draw()
        entries = self._legend_entries() if not self.is_empty() else []
        if self._compact:
            # A small chart's legend only names what is drawn; a click opens the full chart.
            entries = [e for e in entries if e.key not in self._hidden]
        self.legend.set_entries(entries, self._hidden)
        self.drawn.emit()

    def _show_state(self) -> None:
        empty = self.is_empty()
        self._stack.setCurrentWidget(self._empty if empty else self._view)
        if empty:
            self._empty.setText(self._empty_text or self._default_empty_text())

    def _default_empty_text(self) -> str:
        if self._data is None:
            return self.tr("Loading…")
        return self.tr("No data for this period.\nChoose another period or clear some filters.")

    def _on_legend_toggled(self, key: Hashable, shown: bool) -> None:
        if shown:
            self._hidden.discard(key)
        else:
            self._hidden.add(key)
        if not self.is_empty():
            self._draw()
        self.series_toggled.emit(key, shown)

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        text = ""
        if not self.is_empty():
            text = self.tooltip_at_scene(scene_pos)
        self._last_tooltip = text
        if text:
            view_pos = self._view.mapFromScene(scene_pos)
            global_pos = self._view.viewport().mapToGlobal(view_pos)
            QToolTip.showText(global_pos, text, self._view)
        else:
            QToolTip.hideText()
        self.hovered.emit(text)

    def tooltip_at_scene(self, scene_pos: QPointF) -> str:
        """Hover text at a scene position: by default, the main view's tooltip_at()."""
        views = self._views()
        if not views or not views[0].sceneBoundingRect().contains(scene_pos):
            return ""
        point = views[0].mapSceneToView(scene_pos)
        return self.tooltip_at(point.x(), point.y())

    def _on_mouse_clicked(self, event: Any) -> None:
        if self._compact and event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()

    def mousePressEvent(self, event: Any) -> None:
        # Clicks on the plot arrive through the scene; this catches the title and the empty state.
        child = self.childAt(event.position().toPoint())
        on_plot = child is not None and (child is self._view or self._view.isAncestorOf(child))
        if self._compact and event.button() == Qt.MouseButton.LeftButton and not on_plot:
            self.clicked.emit()
        super().mousePressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self._reset_button.setText(self.tr("Reset zoom"))
        self._reset_button.setToolTip(self.tr("Show all the data again after zooming or panning"))
        self._export_button.setText(self.tr("Export"))
        self._export_png.setText(self.tr("Save as PNG image…"))
        self._export_svg.setText(self.tr("Save as SVG drawing…"))
        self._copy_button.setText(self.tr("Copy"))
        self._copy_button.setToolTip(self.tr("Copy the chart to the clipboard as an image"))
        self.legend.set_hint(self.tr("Click to hide or show this series"))
        if self._compact:
            self.setToolTip(self.tr("Click to open the full chart"))
        self._retranslate_chart()
        self._redraw()


def filled_band(x: Any, lower: Any, upper: Any, brush: QColor) -> QGraphicsPathItem:
    """The band between two lines over the same x as one filled outline: one item instead of
    pyqtgraph's FillBetweenItem and its two curves, whose path updates cost as much as the rest of
    a redraw. The view's auto-range reads its bounding rectangle like any item's."""
    outline = pg.arrayToQPath(np.concatenate([x, x[::-1]]), np.concatenate([upper, lower[::-1]]))
    outline.closeSubpath()
    band = QGraphicsPathItem(outline)
    band.setBrush(brush)
    band.setPen(QPen(Qt.PenStyle.NoPen))
    return band
