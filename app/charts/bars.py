"""Horizontal bars per category (operators), one panel per metric, the categories shared."""

from __future__ import annotations

from collections.abc import Hashable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QTimer
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QWidget

from app.charts import palette
from app.charts.base import CategoryAxis, ChartWidget, NumberAxis, style_axis
from app.charts.legend import LegendEntry
from app.charts.series import BarCategory, BarData

# Above this many categories the bars are not labelled with their values.
_MAX_VALUE_LABELS = 16


class BarsChart(ChartWidget):
    """Draws BarData: a panel per metric with a horizontal bar per shown category."""

    def __init__(self, parent: QWidget | None = None, *, compact: bool = False):
        self._plots: list[pg.PlotItem] = []
        self._panels: list[tuple[pg.PlotItem, CategoryAxis]] = []
        self._bars: list[pg.BarGraphItem] = []
        self._shown: list[BarCategory] = []
        self._panel_bars: dict[int, pg.BarGraphItem] = {}
        self._label_pools: dict[int, list[pg.TextItem]] = {}
        super().__init__(parent, compact=compact)
        self._base_minimum = self.minimumHeight()

    def setMinimumHeight(self, height: int) -> None:
        """What the page asks for stays the floor of what the categories need."""
        if not getattr(self, "_fitting", False):
            self._base_minimum = height
        super().setMinimumHeight(height)

    def _views(self) -> list[pg.ViewBox]:
        return [p.getViewBox() for p in self._plots]

    def bar_items(self) -> list[pg.BarGraphItem]:
        """One BarGraphItem per metric panel; opts['width'] holds the plotted values."""
        return list(self._bars)

    def shown_categories(self) -> list[Hashable]:
        return [c.key for c in self._shown]

    def _legend_entries(self) -> list[LegendEntry]:
        return [LegendEntry(c.key, c.label, c.color, "box", c.detail) for c in self._data.categories]

    def _panel(self, col: int) -> tuple[pg.PlotItem, CategoryAxis]:
        """The plot of panel `col`, made once: removing plots from a layout is not safe in
        PySide, so unused panels are collapsed instead."""
        while len(self._panels) <= col:
            i = len(self._panels)
            axis = CategoryAxis("left")
            plot = self._view.addPlot(row=0, col=i, axisItems={"left": axis, "bottom": NumberAxis("bottom")})
            plot.setMenuEnabled(False)
            plot.hideButtons()
            plot.showGrid(x=True, y=False, alpha=0.2)
            for name in ("bottom", "left"):
                style_axis(plot.getAxis(name), self.font())
            if i > 0:
                axis.setStyle(showValues=False)
                axis.setWidth(6)
                plot.setYLink(self._panels[0][0])
            vb = plot.getViewBox()
            if i == 0:
                vb.sigResized.connect(self._plot_resized)
            vb.invertY(True)
            vb.setMouseEnabled(x=not self._compact, y=False)
            self._panels.append((plot, axis))
        return self._panels[col]

    def _draw(self) -> None:
        d: BarData = self._data
        self._plots, self._bars = [], []
        index = [i for i, c in enumerate(d.categories) if c.key not in self._hidden]
        self._shown = [d.categories[i] for i in index]
        y = np.arange(len(index), dtype=float)
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
        for col, metric in enumerate(d.metrics):
            plot, axis = self._panel(col)
            # Only the bars are replaced; value labels come from the panel's pool (fresh TextItems
            # and plot.clear() were a third of a refresh).
            old = self._panel_bars.get(col)
            if old is not None:
                plot.removeItem(old)
            pool = self._label_pools.setdefault(col, [])
            for label in pool:
                label.hide()
            plot.show()
            plot.setMaximumWidth(16_777_215)
            plot.setTitle(
                f"{metric.title} ({metric.unit.symbol})",
                color=palette.TEXT,
                size=f"{self.font().pointSizeF():.0f}pt",
            )
            axis.set_labels([c.label for c in self._shown])
            vb = plot.getViewBox()
            values = (
                np.array([0 if metric.values[i] is None else metric.values[i] for i in index], dtype=float)
                / metric.unit.divisor
            )
            bars = pg.BarGraphItem(
                x0=np.zeros(len(index)),
                y=y,
                height=0.7,
                width=values,
                brushes=[palette.qcolor(c.color) for c in self._shown],
                pens=[pg.mkPen(palette.qcolor(c.color).darker(130), width=0.6) for c in self._shown],
            )
            plot.addItem(bars)
            self._panel_bars[col] = bars
            if not self._compact and len(index) <= _MAX_VALUE_LABELS:
                for row, i in enumerate(index):
                    raw = metric.values[i]
                    if raw is None:
                        continue
                    while len(pool) <= row:
                        made = pg.TextItem("", color=palette.TEXT, anchor=(0, 0.5))
                        plot.addItem(made, ignoreBounds=True)
                        pool.append(made)
                    label = pool[row]
                    if label.textItem.font() != small:
                        label.setFont(small)
                    label.setText(metric.unit.format(raw, with_symbol=False), color=palette.TEXT)
                    label.setPos(values[row], row)
                    label.show()
            top = float(values.max()) if len(values) else 1.0
            vb.setLimits(yMin=-0.6, yMax=max(len(index), 1) - 0.4)
            vb.setYRange(-0.5, max(len(index), 1) - 0.5, padding=0)
            # Room on the right for the value labels.
            vb.setXRange(0, top * (1.22 if not self._compact else 1.05) or 1, padding=0)
            self._plots.append(plot)
            self._bars.append(bars)
        for col in range(len(d.metrics), len(self._panels)):
            plot = self._panels[col][0]
            old = self._panel_bars.pop(col, None)
            if old is not None:
                plot.removeItem(old)
            for label in self._label_pools.get(col, []):
                label.hide()
            plot.hide()
            plot.setMaximumWidth(0)
        if self._compact:
            self._fit_height(len(index))

    def _plot_resized(self) -> None:
        # The legend and the axes settle after a draw: measure again once they have.
        if self._shown:
            QTimer.singleShot(0, self, self._refit)  # dropped if the chart is gone by then

    def _refit(self) -> None:
        if not self._shown:
            return
        # The bars' rows again: a range set while the chart was still unlaid (drawn before its
        # page was first shown) came out shifted, and the top bar and its name were cut off.
        rows = len(self._shown)
        for plot in self._plots:
            plot.getViewBox().setYRange(-0.5, rows - 0.5, padding=0)
        if self._compact:
            self._fit_height(rows)

    def _fit_height(self, rows: int) -> None:
        """Tall enough for a line per category, so the axis names every bar (a short axis names
        only every k-th, and the dashboard's chart named every other operator). The chart's other
        parts (title, value axis, legend, margins) keep the height they had."""
        if not self._panels:
            return
        axis = self._panels[0][1]
        line = QFontMetrics(axis.style["tickFont"] or self.font()).height()
        needed_axis = rows * (line + 2)
        shown_axis = max(axis.geometry().height(), 1.0)
        others = self.height() - shown_axis if self.isVisible() and shown_axis > 1 else 6 * line + 40
        wanted = int(max(self._base_minimum, needed_axis + others))
        if wanted == self.minimumHeight():
            return
        self._fitting = True
        try:
            self.setMinimumHeight(wanted)
        finally:
            self._fitting = False

    def category_at(self, y: float) -> BarCategory | None:
        row = round(y)
        if 0 <= row < len(self._shown) and abs(y - row) <= 0.45:
            return self._shown[row]
        return None

    def tooltip_at(self, x: float, y: float) -> str:
        d: BarData = self._data
        category = self.category_at(y)
        if category is None:
            return ""
        i = d.categories.index(category)
        lines = [category.detail or category.label]
        for metric in d.metrics:
            lines.append(f"{metric.title}: {metric.unit.format(metric.values[i])}")
        if d.notes and i < len(d.notes) and d.notes[i]:
            lines.append(d.notes[i])
        return "\n".join(lines)

    def tooltip_at_scene(self, scene_pos: QPointF) -> str:
        for plot in self._plots:
            vb = plot.getViewBox()
            if vb.sceneBoundingRect().contains(scene_pos):
                point = vb.mapSceneToView(scene_pos)
                return self.tooltip_at(point.x(), point.y())
        return ""


__all__ = ["BarsChart"]
