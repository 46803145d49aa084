"""The first page: this season's and this month's figures against last year, and small charts.

The figures come first: they are read by a task of their own, ahead of any other on the pool, and
painted before the chart module (pyqtgraph, numpy) is even imported; the charts follow."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.charts import palette
from app.charts.series import Unit
from app.context import AppContext
from app.tasks import HIGH_PRIORITY
from app.views import chart_data
from app.views.chart_data import ChartRequest, DashboardData, KpiPair
from app.views.chart_loader import ChartLoader
from app.views.page import Page
from app.views.widgets.empty_guide import EmptyGuide
from db import queries as q
from db.repositories import Store
from db.units import PRICE_SCALE

if TYPE_CHECKING:
    from app.charts.base import ChartWidget

UP_ARROW, DOWN_ARROW, FLAT = "▲", "▼", "＝"


@dataclass(frozen=True, slots=True)
class DashboardTotals:
    """The figures of the tiles: what the dashboard paints first."""

    as_of: str  # the last day the figures count (both periods and their year-earlier twins)
    season: KpiPair
    month: KpiPair
    outstanding_at_month_start: int  # owed by buyers at the end of the day before this month
    season_filters: q.Filters
    chart_filters: q.Filters  # the small charts' weeks


def dashboard_totals(store: Store, f: q.Filters | None = None, today: date | None = None) -> DashboardTotals:
    """The season's and the month's figures against a year earlier, for the reference day; what
    buyers owed at the five days they need is read in one pass over the history."""
    f = f or q.Filters()
    db = store.db
    day = chart_data.reference_day(q.date_bounds(db)[1], today)
    season_start, season_end = chart_data.preset_range("season", day)
    month_start, _month_end = chart_data.preset_range("month", day)
    end = chart_data.comparison_end(db, day)
    season = (season_start.isoformat(), max(season_start, end).isoformat())
    month = (month_start.isoformat(), max(month_start, end).isoformat())
    before_month = (month_start - timedelta(days=1)).isoformat()
    earlier = [q.Filters(start=a, end=b).shifted(-1).end or b for a, b in (season, month)]
    owed = q.outstanding_fens(db, [season[1], earlier[0], month[1], earlier[1], before_month], f.buyer_ids)
    return DashboardTotals(
        as_of=season[1],
        season=KpiPair(*q.compare_kpis(db, *season, f, (owed[0], owed[1]))),
        month=KpiPair(*q.compare_kpis(db, *month, f, (owed[2], owed[3]))),
        outstanding_at_month_start=owed[4],
        season_filters=f.with_dates(season_start.isoformat(), season_end.isoformat()),
        chart_filters=f.with_dates(*(d.isoformat() for d in chart_data.recent_weeks(day))),
    )


def dashboard_charts(store: Store, totals: DashboardTotals) -> DashboardData:
    """The small charts' data for the figures already read: the whole dashboard."""
    weeks, sf = totals.chart_filters, totals.season_filters
    return DashboardData(
        as_of=totals.as_of,
        season=totals.season,
        month=totals.month,
        outstanding_at_month_start=totals.outstanding_at_month_start,
        season_filters=sf,
        chart_filters=weeks,
        harvest=chart_data.harvest_chart(store, weeks, "week", "operator"),
        shipments=chart_data.shipment_chart(store, weeks, "week", "market", compare=False),
        prices=chart_data.price_chart(store, weeks, "week"),
        operators=chart_data.operator_chart(store, sf, ("tonnes",)),
    )


@dataclass(frozen=True, slots=True)
class KpiSpec:
    """One tile: which figure, how it is shown, whether a rise is good, and where a click goes."""

    key: str
    value: Callable[[q.Kpis], int | None]
    unit: Callable[[], Unit]
    rise_is_good: bool
    tab: str  # chart tab a click opens ('' for another page)
    page: str = "charts"


def _change(current: int | None, previous: int | None) -> tuple[str, int]:
    """(text, direction) of the change against last year: '▲ 12.3%', +1/−1/0; ('', 0) if none."""
    if current is None or previous is None:
        return "", 0
    bp = q.change_bp(current, previous)
    if bp is None:
        return "", 0
    sign = (bp > 0) - (bp < 0)
    arrow = {1: UP_ARROW, -1: DOWN_ARROW, 0: FLAT}[sign]
    magnitude = Unit("%", 100, 1).format(abs(bp))
    return f"{arrow} {magnitude}", sign


class KpiTile(QFrame):
    """A figure for the season with its change on last year, and the same for the month."""

    clicked = Signal(str)

    def __init__(self, key: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.key = key
        self.setObjectName("kpiTile")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setStyleSheet(
            "#kpiTile { background: white; border: 1px solid #D8D8D8; border-radius: 6px; }"
            "#kpiTile:hover { border-color: #0072B2; }"
        )
        self.title = QLabel(self)
        self.value = QLabel(self)
        self.change = QLabel(self)
        self.previous = QLabel(self)
        self.month_value = QLabel(self)
        self.month_change = QLabel(self)
        title_font = self.title.font()
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.title.setStyleSheet(f"color: {palette.MUTED_TEXT};")
        value_font = self.value.font()
        value_font.setPointSizeF(value_font.pointSizeF() * 1.7)
        value_font.setBold(True)
        self.value.setFont(value_font)
        for label in (self.previous, self.month_value):
            label.setStyleSheet(f"color: {palette.MUTED_TEXT};")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        row = QHBoxLayout()
        row.addWidget(self.change)
        row.addWidget(self.previous, 1)
        layout.addLayout(row)
        month = QHBoxLayout()
        month.addWidget(self.month_value, 1)
        month.addWidget(self.month_change)
        layout.addLayout(month)

    def show_values(
        self,
        title: str,
        value: str,
        change: tuple[str, int],
        previous: str,
        month_value: str,
        month_change: tuple[str, int],
        rise_is_good: bool,
    ) -> None:
        self.title.setText(title)
        self.value.setText(value)
        self.previous.setText(previous)
        self.month_value.setText(month_value)
        for label, (text, direction) in ((self.change, change), (self.month_change, month_change)):
            label.setText(text)
            good = direction == 0 or (direction > 0) == rise_is_good
            color = palette.MUTED_TEXT if direction == 0 else (palette.UP if good else palette.DOWN)
            label.setStyleSheet(f"color: {color}; font-weight: bold;")

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit(self.key)
        super().mouseReleaseEvent(event)


class DashboardPage(Page):
    """KPI tiles and small charts for the current season; a click opens the full chart."""

    key = "dashboard"
    totals_shown = Signal()  # the tiles show the figures; the charts follow
    refreshed = Signal()  # the figures and the charts are shown

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, today: Any = None):
        super().__init__(ctx, parent)
        self._today = today  # a fixed 'today' for tests and screenshots; None: the real date
        self._data: DashboardData | None = None
        self._stale = True
        self._specs = self._kpi_specs()

        self.heading = QLabel(self)
        heading_font = self.heading.font()
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.35)
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        self.subheading = QLabel(self)
        self.subheading.setStyleSheet(f"color: {palette.MUTED_TEXT};")
        self.subheading.setWordWrap(True)

        self.tiles: dict[str, KpiTile] = {}
        tiles = QGridLayout()
        tiles.setSpacing(8)
        for i, spec in enumerate(self._specs):
            tile = KpiTile(spec.key, self)
            tile.clicked.connect(self._tile_clicked)
            self.tiles[spec.key] = tile
            tiles.addWidget(tile, i // 3, i % 3)

        # The charts' frames now, the charts themselves once the figures are painted (_build_charts).
        self._chart_tabs: dict[str, ChartWidget] = {}
        self._chart_frames: dict[str, QVBoxLayout] = {}
        charts = QGridLayout()
        charts.setSpacing(8)
        for i, tab in enumerate(("harvest", "flows", "prices", "operators")):
            frame = QFrame(self)
            frame.setObjectName("chartFrame")
            frame.setStyleSheet(
                "#chartFrame { background: white; border: 1px solid #D8D8D8; border-radius: 6px; }"
            )
            frame.setMinimumHeight(230 + 12)
            inner = QVBoxLayout(frame)
            inner.setContentsMargins(6, 6, 6, 6)
            self._chart_frames[tab] = inner
            charts.addWidget(frame, i // 2, i % 2)

        body = QWidget(self)
        column = QVBoxLayout(body)
        column.setContentsMargins(12, 10, 12, 12)
        column.setSpacing(8)
        self.empty_guide = EmptyGuide(
            "dashboard", ctx.store, lambda target: self.open_requested.emit(target, None), self
        )
        column.addWidget(self.empty_guide)
        column.addWidget(self.heading)
        column.addWidget(self.subheading)
        column.addLayout(tiles)
        column.addLayout(charts, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        self._totals: DashboardTotals | None = None
        self._totals_generation = 0
        self._loader = ChartLoader(ctx.tasks, "dashboard", self)
        self._loader.failed.connect(self._on_failed)
        self.retranslate_ui()

    def _build_charts(self) -> None:
        """Import the chart module and make the four small charts (once)."""
        if self._chart_tabs:
            return
        from app.charts.bars import BarsChart
        from app.charts.prices import PriceChart
        from app.charts.time_series import TimeSeriesChart

        self.harvest_chart = TimeSeriesChart(compact=True)
        self.shipment_chart = TimeSeriesChart(compact=True)
        self.price_chart = PriceChart(compact=True)
        self.operator_chart = BarsChart(compact=True)
        self._chart_tabs = {
            "harvest": self.harvest_chart,
            "flows": self.shipment_chart,
            "prices": self.price_chart,
            "operators": self.operator_chart,
        }
        for tab, chart in self._chart_tabs.items():
            chart.protected_database = getattr(self.ctx, "db_path", None)
            chart.settings = getattr(self.ctx, "settings", None)
            chart.setMinimumHeight(230)
            chart.clicked.connect(lambda tab=tab: self.open_chart(tab))
            self._chart_frames[tab].addWidget(chart)

    # ------------------------------------------------------------ Page API
    def title(self) -> str:
        return self.tr("Dashboard")

    def supported_actions(self) -> set[str]:
        return {"refresh"}

    def refresh(self) -> None:
        """Read the figures (a task ahead of the others on the pool), paint them, then the charts."""
        self._stale = False
        self.status_message.emit(self.tr("Loading the dashboard…"))
        self._loader.cancel()
        self._totals_generation += 1
        generation = self._totals_generation
        f, today = q.Filters(), self._today
        handle = self.ctx.tasks.start(
            "dashboard",
            lambda task: dashboard_totals(task.store(), f, today),
            announce=False,
            priority=HIGH_PRIORITY,
        )
        handle.succeeded.connect(lambda totals: self._totals_read(generation, totals))
        handle.failed.connect(lambda message, _detail: self._totals_failed(generation, message))

    def _totals_failed(self, generation: int, message: str) -> None:
        if generation == self._totals_generation:
            self._on_failed(message)

    def _totals_read(self, generation: int, totals: DashboardTotals) -> None:
        if generation != self._totals_generation:
            return  # a newer refresh is on its way
        self._totals = totals
        self._show_totals(totals)
        # Paint the figures now: making the charts (importing pyqtgraph and numpy, ~0.5 s) comes
        # next on this thread, and a zero timer would run before a posted paint.
        if self.isVisible():
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest.value)  # the labels' new widths
            self.repaint()
        self.totals_shown.emit()
        self._loader.load(lambda store: dashboard_charts(store, totals), self._show)
        QTimer.singleShot(0, self, self._build_charts)  # while the charts' data task runs

    def data_changed(self, table: str, ids: list[int]) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def data(self) -> DashboardData | None:
        return self._data

    def open_chart(self, tab: str) -> None:
        """Ask the window for the chart page showing `tab` with the filters of what was clicked:
        the small time charts' weeks, or this season for the operators and the figures."""
        filters, bucket = None, None
        if self._totals is not None:
            if tab in ("harvest", "flows", "prices"):
                filters, bucket = self._totals.chart_filters, "week"
            else:
                filters = self._totals.season_filters
        self.open_requested.emit("charts", ChartRequest(tab=tab, filters=filters, bucket=bucket))

    # ------------------------------------------------------------ drawing
    def _kpi_specs(self) -> list[KpiSpec]:
        yuan = lambda: Unit(self.tr("yuan"), 100, 0)  # noqa: E731
        tonnes = lambda: Unit("t", 1_000_000, 1)  # noqa: E731
        return [
            KpiSpec("harvested", lambda k: k.harvested_g, tonnes, True, "harvest"),
            KpiSpec("shipped", lambda k: k.shipped_g, tonnes, True, "flows"),
            KpiSpec("revenue", lambda k: k.revenue_fen, yuan, True, "prices"),
            KpiSpec(
                "mean_price",
                lambda k: k.mean_price,
                lambda: Unit(self.tr("yuan/kg"), PRICE_SCALE, 2),
                True,
                "prices",
            ),
            KpiSpec("outstanding", lambda k: k.outstanding_fen, yuan, False, "flows"),
            KpiSpec(
                "certificates",
                lambda k: k.certificates_issued,
                lambda: Unit("", 1, 0),
                True,
                "",
                "certificates",
            ),
        ]

    def _kpi_title(self, key: str) -> str:
        return {
            "harvested": self.tr("Harvested"),
            "shipped": self.tr("Shipped"),
            "revenue": self.tr("Revenue"),
            "mean_price": self.tr("Average price"),
            "outstanding": self.tr("Owed by buyers"),
            "certificates": self.tr("Certificates issued"),
        }[key]

    def _show(self, data: DashboardData) -> None:
        """The charts' data arrived (with the figures they were read for)."""
        self._build_charts()
        self._data = data
        weeks = chart_data.DASHBOARD_WEEKS
        self.harvest_chart.set_title(
            self.tr("Harvested per week, last %1 weeks, by operator").replace("%1", str(weeks))
        )
        self.harvest_chart.set_data(data.harvest)
        self.shipment_chart.set_title(
            self.tr("Shipped per week, last %1 weeks, by market").replace("%1", str(weeks))
        )
        self.shipment_chart.set_data(data.shipments)
        self.price_chart.set_title(self.tr("Average price per week, last %1 weeks").replace("%1", str(weeks)))
        self.price_chart.set_data(data.prices)
        self.operator_chart.set_title(self.tr("Harvested this season, by operator"))
        self.operator_chart.set_data(data.operators)
        self.status_message.emit("")
        self.refreshed.emit()

    def _show_totals(self, data: DashboardTotals) -> None:
        season, month = data.season, data.month
        start = season.current.start
        self.heading.setText(
            self.tr("Season %1–%2").replace("%1", start[:4]).replace("%2", str(int(start[:4]) + 1))
        )
        self.subheading.setText(
            self.tr("Season to date %1 – %2 and this month from %3, each against the same days last year.")
            .replace("%1", start)
            .replace("%2", data.as_of)
            .replace("%3", month.current.start)
        )
        for spec in self._specs:
            unit = spec.unit()
            now, before = spec.value(season.current), spec.value(season.previous)
            month_now, month_before = spec.value(month.current), spec.value(month.previous)
            last_year = self.tr("last year %1").replace("%1", unit.format(before))
            month_line = self.tr("This month %1").replace("%1", unit.format(month_now))
            month_change = _change(month_now, month_before)
            if spec.key == "outstanding":
                # A balance, not a flow: its month line is how much the debt grew or shrank.
                last_year = self.tr("a year earlier %1").replace("%1", unit.format(before))
                delta = (month_now or 0) - data.outstanding_at_month_start
                sign = (delta > 0) - (delta < 0)
                signed = {1: "+", -1: "−", 0: "±"}[sign] + unit.format(abs(delta))
                month_line = self.tr("Change this month %1").replace("%1", signed)
                month_change = ({1: UP_ARROW, -1: DOWN_ARROW, 0: ""}[sign], sign)
            tile = self.tiles[spec.key]
            tile.show_values(
                self._kpi_title(spec.key),
                unit.format(now),
                _change(now, before),
                last_year,
                month_line,
                month_change,
                spec.rise_is_good,
            )
            tile.setToolTip(self._tile_tooltip(spec.key, data))
        self.empty_guide.update_guide()

    def _tile_tooltip(self, key: str, data: DashboardTotals | DashboardData) -> str:
        """Which days the figures count, so a comparison can be checked."""
        season, month = data.season, data.month
        if key == "outstanding":
            lines = [
                self.tr("Owed at the end of %1; a year earlier: at the end of %2.")
                .replace("%1", season.current.end)
                .replace("%2", season.previous.end),
                self.tr("Change this month: since the end of %1.").replace(
                    "%1", (date.fromisoformat(month.current.start) - timedelta(days=1)).isoformat()
                ),
            ]
        else:
            lines = [
                self.tr("Season: %1 – %2, against %3 – %4.")
                .replace("%1", season.current.start)
                .replace("%2", season.current.end)
                .replace("%3", season.previous.start)
                .replace("%4", season.previous.end),
                self.tr("This month: %1 – %2, against %3 – %4.")
                .replace("%1", month.current.start)
                .replace("%2", month.current.end)
                .replace("%3", month.previous.start)
                .replace("%4", month.previous.end),
            ]
        lines.append(self.tr("Click to open the chart behind this figure"))
        return "\n".join(lines)

    def _tile_clicked(self, key: str) -> None:
        spec = next(s for s in self._specs if s.key == key)
        if spec.page == "charts":
            filters = self._totals.season_filters if self._totals is not None else None
            bucket = "week" if spec.tab in ("harvest", "flows", "prices") else None
            self.open_requested.emit("charts", ChartRequest(tab=spec.tab, filters=filters, bucket=bucket))
        else:
            # The certificates page takes a search text; an empty one lists every certificate.
            self.open_requested.emit(spec.page, "")

    def _on_failed(self, message: str) -> None:
        self.status_message.emit(self.tr("The dashboard could not be loaded: %1").replace("%1", message))

    def charts(self) -> dict[str, ChartWidget]:
        return dict(self._chart_tabs)

    def retranslate_ui(self) -> None:
        self.heading.setText(self.tr("Dashboard"))
        for spec in self._specs:
            tile = self.tiles[spec.key]
            tile.title.setText(self._kpi_title(spec.key))
            tile.setToolTip(self.tr("Click to open the chart behind this figure"))
        if self._totals is not None:
            self.refresh()  # the chart labels are made in the data task, in the language of the moment
