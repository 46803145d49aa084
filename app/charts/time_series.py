"""Stacked areas or bars over time buckets on a date axis, with a same-period-last-year line."""

from __future__ import annotations

from collections.abc import Hashable
from datetime import UTC, datetime

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.DateAxisItem import (
    DAY_SPACING,
    MONTH_SPACING,
    YEAR_SPACING,
    DateAxisItem,
    TickSpec,
    ZoomLevel,
    makeMStepper,
    makeSStepper,
    makeYStepper,
)
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QComboBox, QWidget

from app.charts import palette
from app.charts.base import ChartWidget, NumberAxis, filled_band, style_axis
from app.charts.legend import LegendEntry
from app.charts.series import (
    Series,
    TimeSeriesData,
    day_seconds,
    format_percent,
    next_period,
    seconds_day,
)

_YEARS = ZoomLevel([TickSpec(YEAR_SPACING, makeYStepper(1), "%Y", autoSkip=[1, 2, 5, 10])], "2024")
_MONTHS = ZoomLevel(
    [
        TickSpec(YEAR_SPACING, makeYStepper(1), "%Y-%m"),
        TickSpec(MONTH_SPACING, makeMStepper(1), "%Y-%m", autoSkip=[1, 2, 3, 6]),
    ],
    "2024-03",
)
_DAYS = ZoomLevel(
    [
        TickSpec(MONTH_SPACING, makeMStepper(1), "%Y-%m-%d"),
        TickSpec(DAY_SPACING, makeSStepper(DAY_SPACING), "%m-%d", autoSkip=[1, 2, 7, 14]),
    ],
    "2024-03-05",
)


class PeriodAxis(DateAxisItem):
    """A date axis in days, labelled with language-neutral numeric dates (2024, 2024-03, 03-05)."""

    def __init__(self, orientation: str = "bottom", **kwargs):
        super().__init__(orientation, utcOffset=0, **kwargs)
        self.zoomLevels = {np.inf: _YEARS, 12 * MONTH_SPACING: _MONTHS, 28 * DAY_SPACING: _DAYS}

    def tickValues(self, minVal, maxVal, size):
        """Pyqtgraph's ticks, less the finer ones too close to a coarser one: zoomed in to days, a day
        (02-27) printed over its month's label (2025-03-01)."""
        levels = super().tickValues(minVal, maxVal, size)
        room = self.minSpacing  # seconds one label takes at this zoom, with its padding
        kept, coarser = [], np.array([], dtype=float)
        for spacing, values in levels:
            values = np.asarray(values, dtype=float)
            if coarser.size and values.size:
                near = np.abs(values[:, None] - coarser[None, :]).min(axis=1) < room
                values = values[~near]
            kept.append((spacing, values.tolist()))
            coarser = np.concatenate([coarser, values])
        return kept

    def tickStrings(self, values, scale, spacing):
        spec = next((s for s in self.zoomLevel.tickSpecs if s.spacing == spacing), None)
        fmt = spec.format if spec else "%Y-%m-%d"
        out = []
        for v in values:
            try:
                out.append(datetime.fromtimestamp(v, UTC).strftime(fmt))
            except (OverflowError, OSError, ValueError):
                out.append("")
        return out


def period_label(period: str, bucket: str) -> str:
    """How a bucket is named in tooltips: 2024-03-05, 2024-03-04 – 03-10, 2024-03, 2024."""
    if bucket == "month":
        return period[:7]
    if bucket == "year":
        return period[:4]
    if bucket == "week":
        last = seconds_day(day_seconds(next_period(period, "week")) - 86_400)
        return f"{period} – {last.isoformat()[5:]}"
    return period


class TimeSeriesChart(ChartWidget):
    """Draws TimeSeriesData: series stacked as areas or bars; the comparison as a dashed line."""

    STYLES = ("area", "bar")

    def __init__(self, parent: QWidget | None = None, *, compact: bool = False):
        self._style = "area"
        self._items: dict[Hashable, pg.GraphicsObject] = {}
        self._x0 = np.zeros(0)
        self._x1 = np.zeros(0)
        self._partial_items: dict[Hashable, pg.BarGraphItem] = {}
        self._partial_label: pg.TextItem | None = None
        super().__init__(parent, compact=compact)
        self._style_box = QComboBox(self)
        self._style_box.addItem("", "area")
        self._style_box.addItem("", "bar")
        self._style_box.currentIndexChanged.connect(lambda _i: self.set_style(self._style_box.currentData()))
        self.add_control(self._style_box)
        self._retranslate_chart()

    def _build(self) -> None:
        self._plot = self._view.addPlot(
            axisItems={"bottom": PeriodAxis("bottom"), "left": NumberAxis("left")}
        )
        self._plot.setMenuEnabled(False)
        self._plot.hideButtons()
        self._plot.showGrid(x=False, y=True, alpha=0.25)
        for name in ("bottom", "left"):
            style_axis(self._plot.getAxis(name), self.font())
        vb = self._plot.getViewBox()
        vb.setMouseEnabled(x=not self._compact, y=False)
        vb.setAutoVisible(y=True)
        self._guide = pg.InfiniteLine(angle=90, pen=pg.mkPen(palette.MUTED_TEXT, style=Qt.PenStyle.DotLine))
        self._guide.hide()

    def _views(self) -> list[pg.ViewBox]:
        return [self._plot.getViewBox()]

    # ---------------------------------------------------------------- public
    def set_style(self, style: str) -> None:
        """'area' (stacked areas) or 'bar' (stacked bars)."""
        if style not in self.STYLES or style == self._style:
            return
        self._style = style
        index = self.STYLES.index(style)
        if self._style_box.currentIndex() != index:
            self._style_box.setCurrentIndex(index)
        self._redraw()

    def chart_style(self) -> str:
        return self._style

    def drawn_style(self) -> str:
        """What is drawn: bars also when there are too few periods for an area."""
        return "bar" if self._style == "bar" or len(self._data.periods) < 3 else "area"

    def drawn_items(self) -> dict[Hashable, pg.GraphicsObject]:
        """The plot item of each shown series: a BarGraphItem (bars), the PlotCurveItem of an
        area's top edge, or the comparison's PlotDataItem."""
        return dict(self._items)

    def drawn_values(self, key: Hashable) -> list[float]:
        """The plotted height of series `key` per period (its own part, not the stack top)."""
        item = self._items[key]
        if isinstance(item, pg.BarGraphItem):
            values = [float(v) for v in item.opts["height"]]
        else:
            _x, top = item.getData()
            base = getattr(item, "stack_base", np.zeros(len(top)))
            values = [float(t - b) for t, b in zip(top, base, strict=True)]
        partial = self._partial_items.get(key)
        if partial is not None:
            values += [float(v) for v in partial.opts["height"]]
        return values

    def partial_items(self) -> dict[Hashable, pg.BarGraphItem]:
        """The hollow, dashed bars of a bucket still under way, per series (empty if none)."""
        return dict(self._partial_items)

    def partial_label(self) -> str:
        """The text over a bucket still under way ('' when the last bucket is complete)."""
        return self._partial_label.toPlainText() if self._partial_label is not None else ""

    # ---------------------------------------------------------------- drawing
    def _copy_extra_state(self, other: ChartWidget) -> None:
        if isinstance(other, TimeSeriesChart):
            self.set_style(other._style)

    def _legend_entries(self) -> list[LegendEntry]:
        d: TimeSeriesData = self._data
        entries = [LegendEntry(s.key, s.label, s.color, "box") for s in d.series]
        if d.comparison is not None:
            entries.append(LegendEntry(d.comparison.key, d.comparison.label, d.comparison.color, "dash"))
        return entries

    def _draw(self) -> None:
        d: TimeSeriesData = self._data
        plot = self._plot
        plot.clear()
        self._items = {}
        plot.addItem(self._guide, ignoreBounds=True)
        self._guide.hide()
        plot.setLabel("left", d.y_label)
        x0 = np.array([day_seconds(p) for p in d.periods])
        x1 = np.array([day_seconds(next_period(p, d.bucket)) for p in d.periods])
        self._x0, self._x1 = x0, x1
        centres = (x0 + x1) / 2
        n = len(d.periods)
        stack = np.zeros(n)
        # An invisible baseline keeps 0 in view, so tonnes are never read off a cut axis.
        plot.addItem(pg.PlotCurveItem(centres, stack.copy(), pen=None))
        bars = self.drawn_style() == "bar"
        divisor = float(d.unit.divisor)
        # A bucket still under way is drawn apart, hollow with a dashed edge: its few days would
        # otherwise read as a collapse. Areas stop at the last complete bucket.
        partial = d.last_is_partial
        whole = n - 1 if partial else n
        self._partial_items = {}
        for s in d.series:
            if s.key in self._hidden:
                continue
            values = np.array([0 if v is None else v for v in s.values], dtype=float) / divisor
            color = palette.qcolor(s.color)
            if bars:
                item = pg.BarGraphItem(
                    x=centres[:whole],
                    width=(x1 - x0)[:whole] * 0.82,
                    y0=stack[:whole].copy(),
                    height=values[:whole],
                    brush=color,
                    pen=pg.mkPen(color.darker(125), width=0.5),
                )
                plot.addItem(item)
            else:
                item = pg.PlotCurveItem(
                    centres[:whole],
                    (stack + values)[:whole],
                    pen=pg.mkPen(palette.line_color(color), width=1),
                )
                item.stack_base = stack[:whole].copy()
                plot.addItem(
                    filled_band(
                        centres[:whole], stack[:whole], (stack + values)[:whole], palette.qcolor(color, 215)
                    ),
                    ignoreBounds=True,
                )
                plot.addItem(item)
            if partial:
                hollow = pg.BarGraphItem(
                    x=centres[-1:],
                    width=(x1 - x0)[-1:] * 0.82,
                    y0=stack[-1:].copy(),
                    height=values[-1:],
                    brush=palette.qcolor(color, 60),
                    pen=pg.mkPen(color.darker(125), width=1.2, style=Qt.PenStyle.DashLine),
                )
                plot.addItem(hollow)
                self._partial_items[s.key] = hollow
            self._items[s.key] = item
            stack = stack + values
        self._partial_label = None
        if partial:
            label = pg.TextItem(self.tr("partial"), color=palette.MUTED_TEXT, anchor=(0.5, 1.0))
            label.setFont(self.font())
            label.setPos(centres[-1], float(stack[-1]))
            plot.addItem(label, ignoreBounds=True)
            self._partial_label = label
        c = d.comparison
        # A line with no point at all is left out (pyqtgraph cannot bound an all-NaN line).
        if c is not None and c.key not in self._hidden and any(v is not None for v in c.values):
            values = np.array([np.nan if v is None else v for v in c.values], dtype=float) / divisor
            item = pg.PlotDataItem(
                centres,
                values,
                pen=pg.mkPen(c.color, width=2, style=Qt.PenStyle.DashLine),
                symbol="o" if n <= 40 else None,
                symbolSize=5,
                symbolBrush=c.color,
                symbolPen=None,
                connect="finite",
            )
            plot.addItem(item)
            self._items[c.key] = item
        vb = plot.getViewBox()
        if n:
            pad = (x1[-1] - x0[0]) * 0.01
            vb.setLimits(xMin=x0[0] - pad, xMax=x1[-1] + pad, yMin=0, minXRange=3 * 86_400)
            vb.setXRange(x0[0], x1[-1], padding=0.01)
        vb.enableAutoRange(axis=pg.ViewBox.YAxis)

    # ---------------------------------------------------------------- hover
    def period_index_at(self, x: float) -> int | None:
        if not len(self._x0):
            return None
        i = int(np.searchsorted(self._x0, x, side="right")) - 1
        if 0 <= i < len(self._x0) and x < self._x1[i]:
            return i
        return None

    def tooltip_at(self, x: float, y: float) -> str:
        d: TimeSeriesData = self._data
        i = self.period_index_at(x)
        if i is None:
            return ""
        unit = d.unit
        shown = [s for s in d.series if s.key not in self._hidden]
        total = sum(s.values[i] or 0 for s in shown)
        lines = [period_label(d.periods[i], d.bucket), self.tr("Total: %1").replace("%1", unit.format(total))]
        if d.last_is_partial and i == len(d.periods) - 1:
            lines.insert(1, self.tr("Not over yet: counted to %1").replace("%1", d.partial_until))
        ranked = sorted(
            ((s.values[i] or 0, s) for s in shown if s.values[i]), key=lambda t: (-t[0], str(t[1].label))
        )
        limit = 12
        for value, s in ranked[:limit]:
            lines.append(f"  {s.label}: {unit.format(value)} ({format_percent(value, total)})")
        if len(ranked) > limit:
            rest = sum(v for v, _ in ranked[limit:])
            lines.append(
                "  "
                + self.tr("%1 more: %2")
                .replace("%1", str(len(ranked) - limit))
                .replace("%2", unit.format(rest))
            )
        c = d.comparison
        if c is not None and c.key not in self._hidden:
            previous = c.values[i]
            text = f"{c.label}: {unit.format(previous)}"
            if previous:
                change = _signed_percent(total - previous, previous)
                text += f" ({change})"
            lines.append(text)
        return "\n".join(lines)

    def tooltip_at_scene(self, scene_pos: QPointF) -> str:
        text = super().tooltip_at_scene(scene_pos)
        if text and self._data is not None:
            i = self.period_index_at(self._plot.getViewBox().mapSceneToView(scene_pos).x())
            if i is not None:
                self._guide.setValue((self._x0[i] + self._x1[i]) / 2)
                self._guide.show()
        else:
            self._guide.hide()
        return text

    def _retranslate_chart(self) -> None:
        box = getattr(self, "_style_box", None)
        if box is not None:
            box.setItemText(0, self.tr("Stacked areas"))
            box.setItemText(1, self.tr("Stacked bars"))
            box.setToolTip(self.tr("How the series are drawn"))


def _signed_percent(change: int, base: int) -> str:
    text = format_percent(abs(change), base)
    if change > 0:
        return "+" + text
    if change < 0:
        return "−" + text
    return text


__all__ = ["PeriodAxis", "Series", "TimeSeriesChart", "TimeSeriesData", "period_label"]
