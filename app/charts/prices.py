"""Realised prices over time: weighted mean line, min–max band, sourced reference prices as points."""

from __future__ import annotations

from collections.abc import Hashable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget

from app.charts import palette
from app.charts.base import ChartWidget, NumberAxis, filled_band, style_axis
from app.charts.legend import LegendEntry
from app.charts.series import PriceData, PriceSeries, Unit, day_seconds, next_period
from app.charts.time_series import PeriodAxis, period_label
from db.units import PRICE_SCALE

REFERENCE_KEY = "__reference__"
DERIVED_KEY = "__derived_reference__"
BAND_KEY = "__price_band__"
PRICE_UNITS = ("kg", "jin")
# A reference point answers the hover when the pointer is this close, in pixels.
_HIT_PX = 9


class PriceChart(ChartWidget):
    """Draws PriceData; prices are shown per 公斤 or per 斤 (`set_price_unit`)."""

    def __init__(self, parent: QWidget | None = None, *, compact: bool = False):
        self._per = "kg"
        self._means: dict[Hashable, pg.PlotDataItem] = {}
        self._bands: dict[Hashable, list[pg.GraphicsObject]] = {}
        self._reference_item: pg.ScatterPlotItem | None = None
        self._derived_items: dict[Hashable, pg.PlotDataItem] = {}
        self._note: pg.TextItem | None = None
        self._note_text = ""
        self._x0 = np.zeros(0)
        self._x1 = np.zeros(0)
        super().__init__(parent, compact=compact)
        self._unit_box = QComboBox(self)
        self._unit_box.addItem("", "kg")
        self._unit_box.addItem("", "jin")
        self._unit_box.currentIndexChanged.connect(
            lambda _i: self.set_price_unit(self._unit_box.currentData())
        )
        self.add_control(self._unit_box)
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
        vb.setMouseEnabled(x=not self._compact, y=not self._compact)

    def _views(self) -> list[pg.ViewBox]:
        return [self._plot.getViewBox()]

    # ---------------------------------------------------------------- public
    @property
    def unit(self) -> Unit:
        """The price unit shown: 元/公斤 (raw / 10,000) or 元/斤 (raw / 20,000), to 0.01 元."""
        if self._per == "jin":
            return Unit(self.tr("yuan/jin"), 2 * PRICE_SCALE, 2)
        return Unit(self.tr("yuan/kg"), PRICE_SCALE, 2)

    def price_unit(self) -> str:
        return self._per

    def set_price_unit(self, per: str) -> None:
        """'kg' (元/公斤) or 'jin' (元/斤)."""
        if per not in PRICE_UNITS or per == self._per:
            return
        self._per = per
        index = PRICE_UNITS.index(per)
        if self._unit_box.currentIndex() != index:
            self._unit_box.setCurrentIndex(index)
        self._redraw()

    def mean_item(self, key: Hashable) -> pg.PlotDataItem:
        return self._means[key]

    def band_items(self, key: Hashable) -> list[pg.GraphicsObject]:
        return list(self._bands.get(key, []))

    def reference_item(self) -> pg.ScatterPlotItem | None:
        return self._reference_item

    def derived_items(self) -> dict[Hashable, pg.PlotDataItem]:
        """Per crop, the dotted line of reference prices derived from the seasonal profile."""
        return dict(self._derived_items)

    def reference_note(self) -> str:
        """What the chart says about shown crops without any reference in the period ('' if none)."""
        return self._note_text

    def shown_keys(self) -> list[Hashable]:
        return list(self._means)

    # ---------------------------------------------------------------- drawing
    def _copy_extra_state(self, other: ChartWidget) -> None:
        if isinstance(other, PriceChart):
            self.set_price_unit(other._per)

    def _legend_entries(self) -> list[LegendEntry]:
        d: PriceData = self._data
        entries = [LegendEntry(s.key, s.label, s.color, "line") for s in d.series]
        if d.series:
            entries.append(
                LegendEntry(
                    BAND_KEY,
                    self.tr("Shaded: lowest to highest line price"),
                    palette.MUTED_TEXT,
                    "band",
                    self.tr("The band spans the lowest and the highest price of the period's lines"),
                )
            )
        if any(not r.derived for r in d.references):
            entries.append(
                LegendEntry(REFERENCE_KEY, self.tr("Reference wholesale prices"), "#FFFFFF", "point")
            )
        if any(r.derived for r in d.references):
            entries.append(
                LegendEntry(
                    DERIVED_KEY,
                    self.tr("Reference derived from the sourced prices' seasonal profile"),
                    palette.REFERENCE,
                    "dash",
                    self.tr("Months no source reports: each crop's sourced prices by calendar month"),
                )
            )
        return entries

    def _draw(self) -> None:
        d: PriceData = self._data
        plot = self._plot
        plot.clear()
        self._means, self._bands = {}, {}
        self._reference_item = None
        self._derived_items = {}
        unit = self.unit
        plot.setLabel("left", self.tr("Price (%1)").replace("%1", unit.symbol))
        x0 = np.array([day_seconds(p) for p in d.periods])
        x1 = np.array([day_seconds(next_period(p, d.bucket)) for p in d.periods])
        self._x0, self._x1 = x0, x1
        centres = (x0 + x1) / 2
        divisor = float(unit.divisor)
        shown = [s for s in d.series if s.key not in self._hidden]
        for s in shown if BAND_KEY not in self._hidden else ():
            color = palette.qcolor(s.color)
            low = np.array([np.nan if v is None else v for v in s.low], dtype=float) / divisor
            high = np.array([np.nan if v is None else v for v in s.high], dtype=float) / divisor
            self._bands[s.key] = self._draw_band(centres, x1 - x0, low, high, color)
        for s in shown:
            if all(v is None for v in s.mean):
                continue  # nothing sold in the range: no line (an all-NaN line cannot be bounded)
            mean = np.array([np.nan if v is None else v for v in s.mean], dtype=float) / divisor
            item = pg.PlotDataItem(
                centres,
                mean,
                pen=pg.mkPen(palette.line_color(s.color), width=2.2),
                symbol="o" if len(centres) <= 60 else None,
                symbolSize=5,
                symbolBrush=palette.line_color(s.color),
                symbolPen=None,
                connect="finite",
            )
            plot.addItem(item)
            self._means[s.key] = item
        shown_keys = {s.key for s in shown}
        colors = {s.key: s.color for s in d.series}
        if DERIVED_KEY not in self._hidden:
            for s in shown:
                derived = sorted(
                    (r for r in d.references if r.derived and r.key == s.key), key=lambda r: r.day
                )
                if not derived:
                    continue
                item = pg.PlotDataItem(
                    [day_seconds(r.day) + 15 * 86_400 for r in derived],
                    [r.price / divisor for r in derived],
                    pen=pg.mkPen(palette.line_color(s.color), width=1.4, style=Qt.PenStyle.DotLine),
                    symbol="d",
                    symbolSize=7,
                    symbolBrush=None,
                    symbolPen=pg.mkPen(palette.line_color(s.color), width=1),
                )
                plot.addItem(item)
                self._derived_items[s.key] = item
        self._show_note(shown, {r.key for r in d.references})
        if d.references and REFERENCE_KEY not in self._hidden:
            points = [r for r in d.references if r.key in shown_keys and not r.derived]
            if points:
                item = pg.ScatterPlotItem(
                    x=[day_seconds(r.day) for r in points],
                    y=[r.price / divisor for r in points],
                    symbol="d",
                    size=11,
                    brush=[palette.qcolor(colors[r.key]) for r in points],
                    pen=pg.mkPen(palette.REFERENCE, width=1.2),
                    data=list(range(len(points))),
                )
                item.points_data = points
                plot.addItem(item)
                self._reference_item = item
        vb = plot.getViewBox()
        vb.enableAutoRange()
        vb.setLimits(yMin=0)

    def _show_note(self, shown: list[PriceSeries], with_reference: set[Hashable]) -> None:
        """Say which shown crops have no reference in the period, rather than drawing nothing."""
        missing = [s.label for s in shown if s.key not in with_reference]
        self._note_text = (
            self.tr("No reference price in this period for: %1").replace("%1", "、".join(map(str, missing)))
            if missing
            else ""
        )
        if self._note is None:
            self._note = pg.TextItem(color=palette.MUTED_TEXT, anchor=(0, 0))
            self._note.setFont(self.font())
        vb = self._plot.getViewBox()
        if self._note.parentItem() is not vb:
            self._note.setParentItem(vb)
        self._note.setPos(6, 2)
        self._note.setText(self._note_text)
        self._note.setVisible(bool(self._note_text))

    def _draw_band(self, centres, widths, low, high, color) -> list[pg.GraphicsObject]:
        """The min–max band as filled runs of consecutive periods; a lone period as a bar."""
        items = []
        valid = ~(np.isnan(low) | np.isnan(high))
        brush = palette.qcolor(color, 55)
        i, n = 0, len(centres)
        while i < n:
            if not valid[i]:
                i += 1
                continue
            j = i
            while j + 1 < n and valid[j + 1]:
                j += 1
            if j > i:
                fill = filled_band(centres[i : j + 1], low[i : j + 1], high[i : j + 1], brush)
                self._plot.addItem(fill)
                items.append(fill)
            else:
                bar = pg.BarGraphItem(
                    x=[centres[i]], width=[widths[i] * 0.3], y0=[low[i]], y1=[high[i]], brush=brush, pen=None
                )
                self._plot.addItem(bar)
                items.append(bar)
            i = j + 1
        return items

    # ---------------------------------------------------------------- hover
    def reference_at(self, x: float, y: float) -> int | None:
        """Index (in the drawn points) of the reference point under (x, y), if any."""
        item = self._reference_item
        if item is None:
            return None
        px, py = self._plot.getViewBox().viewPixelSize()
        if not px or not py:
            return None
        xs, ys = item.getData()
        distance = np.hypot((xs - x) / px, (ys - y) / py)
        i = int(np.argmin(distance))
        return i if distance[i] <= _HIT_PX else None

    def tooltip_at(self, x: float, y: float) -> str:
        d: PriceData = self._data
        unit = self.unit
        hit = self.reference_at(x, y)
        if hit is not None:
            point = self._reference_item.points_data[hit]
            # (derived points are drawn as a dotted line and described in the period's tooltip)
            label = next((s.label for s in d.series if s.key == point.key), "")
            return "\n".join([self.tr("Reference price"), f"{label}: {unit.format(point.price)}", point.text])
        if not len(self._x0):
            return ""
        i = int(np.searchsorted(self._x0, x, side="right")) - 1
        if not (0 <= i < len(self._x0) and x < self._x1[i]):
            return ""
        rows = [s for s in d.series if s.key not in self._hidden and s.mean[i] is not None]
        derived = []
        if DERIVED_KEY not in self._hidden:
            month = d.periods[i][:7]
            labels = {s.key: s.label for s in d.series if s.key not in self._hidden}
            derived = [
                self.tr("%1 reference (derived): %2")
                .replace("%1", str(labels[r.key]))
                .replace("%2", unit.format(r.price))
                for r in d.references
                if r.derived and r.key in labels and r.day[:7] == month
            ]
        if not rows:
            return "\n".join([period_label(d.periods[i], d.bucket), self.tr("No sales"), *derived])
        rows.sort(key=lambda s: -s.weight_g[i])
        tonnes = Unit("t", 1_000_000, 2)
        lines = [period_label(d.periods[i], d.bucket)]
        for s in rows[:10]:
            lines.append(
                self.tr("%1: mean %2 (min %3, max %4), %5 sold")
                .replace("%1", s.label)
                .replace("%2", unit.format(s.mean[i]))
                .replace("%3", unit.format(s.low[i], with_symbol=False))
                .replace("%4", unit.format(s.high[i], with_symbol=False))
                .replace("%5", tonnes.format(s.weight_g[i]))
            )
        return "\n".join(lines + derived)

    def _retranslate_chart(self) -> None:
        box = getattr(self, "_unit_box", None)
        if box is not None:
            box.setItemText(0, self.tr("yuan/kg"))
            box.setItemText(1, self.tr("yuan/jin"))
            box.setToolTip(self.tr("Show prices per kilogram (公斤) or per jin (斤, 500 g)"))


__all__ = ["BAND_KEY", "DERIVED_KEY", "REFERENCE_KEY", "PriceChart", "PriceData", "PriceSeries"]
