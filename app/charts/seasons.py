"""One crop's monthly tonnes, one line per year, so the years overlay."""

from __future__ import annotations

from collections.abc import Hashable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QWidget

from app.charts import palette
from app.charts.base import CategoryAxis, ChartWidget, NumberAxis, style_axis
from app.charts.legend import LegendEntry
from app.charts.series import OverlayData

_MONTHS = (
    QT_TRANSLATE_NOOP("Months", "Jan"),
    QT_TRANSLATE_NOOP("Months", "Feb"),
    QT_TRANSLATE_NOOP("Months", "Mar"),
    QT_TRANSLATE_NOOP("Months", "Apr"),
    QT_TRANSLATE_NOOP("Months", "May"),
    QT_TRANSLATE_NOOP("Months", "Jun"),
    QT_TRANSLATE_NOOP("Months", "Jul"),
    QT_TRANSLATE_NOOP("Months", "Aug"),
    QT_TRANSLATE_NOOP("Months", "Sep"),
    QT_TRANSLATE_NOOP("Months", "Oct"),
    QT_TRANSLATE_NOOP("Months", "Nov"),
    QT_TRANSLATE_NOOP("Months", "Dec"),
)


def month_name(month: int) -> str:
    """Short month name in the UI language (Jan … Dec; 1月 … 12月 in Chinese)."""
    return QCoreApplication.translate("Months", _MONTHS[month - 1])


class SeasonChart(ChartWidget):
    """Draws OverlayData: a line per year across the months."""

    def __init__(self, parent: QWidget | None = None, *, compact: bool = False):
        self._lines: dict[Hashable, pg.PlotDataItem] = {}
        super().__init__(parent, compact=compact)

    def _build(self) -> None:
        self._axis = CategoryAxis("bottom")
        self._plot = self._view.addPlot(axisItems={"bottom": self._axis, "left": NumberAxis("left")})
        self._plot.setMenuEnabled(False)
        self._plot.hideButtons()
        self._plot.showGrid(x=True, y=True, alpha=0.2)
        for name in ("bottom", "left"):
            style_axis(self._plot.getAxis(name), self.font())
        self._plot.getViewBox().setMouseEnabled(x=not self._compact, y=not self._compact)

    def _views(self) -> list[pg.ViewBox]:
        return [self._plot.getViewBox()]

    def line_item(self, key: Hashable) -> pg.PlotDataItem:
        return self._lines[key]

    def shown_keys(self) -> list[Hashable]:
        return list(self._lines)

    def _legend_entries(self) -> list[LegendEntry]:
        return [LegendEntry(s.key, s.label, s.color, "line") for s in self._data.series]

    def _draw(self) -> None:
        d: OverlayData = self._data
        plot = self._plot
        plot.clear()
        self._lines = {}
        self._axis.set_labels([month_name(m) for m in d.months])
        plot.setLabel("left", d.y_label)
        x = np.arange(len(d.months), dtype=float)
        # An invisible baseline keeps 0 in view, so tonnes are never read off a cut axis.
        plot.addItem(pg.PlotCurveItem(x, np.zeros(len(x)), pen=None))
        count = len(d.series)
        for rank, s in enumerate(d.series):
            if s.key in self._hidden or all(v is None for v in s.values):
                continue
            values = np.array([np.nan if v is None else v for v in s.values], dtype=float) / d.unit.divisor
            # The latest year is drawn boldest, so "this year" stands out from the overlay.
            width = 3.0 if rank == count - 1 else 1.8
            item = pg.PlotDataItem(
                x,
                values,
                pen=pg.mkPen(palette.line_color(s.color), width=width),
                symbol="o",
                symbolSize=6 if rank == count - 1 else 5,
                symbolBrush=palette.line_color(s.color),
                symbolPen=None,
                connect="finite",
            )
            plot.addItem(item)
            self._lines[s.key] = item
        vb = plot.getViewBox()
        vb.setLimits(xMin=-0.5, xMax=len(d.months) - 0.5, yMin=0)
        vb.setXRange(-0.3, len(d.months) - 0.7, padding=0)
        vb.enableAutoRange(axis=pg.ViewBox.YAxis)

    def tooltip_at(self, x: float, y: float) -> str:
        d: OverlayData = self._data
        i = round(x)
        if not 0 <= i < len(d.months) or abs(x - i) > 0.5:
            return ""
        lines = [month_name(d.months[i])]
        shown = [s for s in d.series if s.key not in self._hidden]
        for s in reversed(shown):
            lines.append(f"  {s.label}: {d.unit.format(s.values[i] or 0)}")
        return "\n".join(lines)


__all__ = ["SeasonChart", "month_name"]
