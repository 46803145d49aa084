"""The chart pages: harvest over time, buyer flows, prices, seasons and operators, under one filter bar."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.charts.bars import BarsChart
from app.charts.base import ChartWidget
from app.charts.flows import FlowChart
from app.charts.prices import PriceChart
from app.charts.seasons import SeasonChart
from app.charts.time_series import TimeSeriesChart
from app.context import AppContext
from app.views import chart_data
from app.views.chart_data import TABS, ChartRequest
from app.views.chart_loader import ChartLoader
from app.views.page import Page
from app.views.widgets.chart_filters import FilterBar
from db import queries as q

# Tables whose writes change what the charts show.
_DATA_TABLES = {"harvests", "shipments", "shipment_lines", "payments", "certificates"}
_MASTER_TABLES = {"operators", "crops", "markets", "buyers", "plots"}


def _option(parent: QWidget, label: QLabel, box: QComboBox) -> QWidget:
    holder = QWidget(parent)
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(4)
    row.addWidget(label)
    row.addWidget(box)
    return holder


class ChartsPage(Page):
    """Five charts in tabs; the filter bar above them is shared. Only the tab in view loads;
    the others load when they are shown after a change."""

    key = "charts"
    refreshed = Signal(str)  # tab key, after its new data is drawn

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self._stale: set[str] = set(TABS)
        self._season_crop: int | None = None

        self.filter_bar = FilterBar(self)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)

        self.harvest_chart = TimeSeriesChart(self)
        self._harvest_group_label = QLabel(self)
        self._harvest_group = QComboBox(self)
        self._harvest_group.addItem("", "operator")
        self._harvest_group.addItem("", "crop")
        self.harvest_chart.add_control(_option(self, self._harvest_group_label, self._harvest_group))

        self.shipment_chart = TimeSeriesChart(self)
        self._flow_group_label = QLabel(self)
        self._flow_group = QComboBox(self)
        self._flow_group.addItem("", "market")
        self._flow_group.addItem("", "buyer")
        self.shipment_chart.add_control(_option(self, self._flow_group_label, self._flow_group))
        self.flow_chart = FlowChart(self)
        flows = QSplitter(Qt.Orientation.Vertical, self)
        flows.addWidget(self.shipment_chart)
        flows.addWidget(self.flow_chart)
        flows.setStretchFactor(0, 2)
        flows.setStretchFactor(1, 3)
        flows.setChildrenCollapsible(False)

        self.price_chart = PriceChart(self)

        self.season_chart = SeasonChart(self)
        self._season_crop_label = QLabel(self)
        self._season_crop_box = QComboBox(self)
        self._season_kind = QComboBox(self)
        self._season_kind.addItem("", "shipment")
        self._season_kind.addItem("", "harvest")
        self.season_chart.add_control(_option(self, self._season_crop_label, self._season_crop_box))
        self.season_chart.add_control(self._season_kind)

        self.operator_chart = BarsChart(self)

        self._pages = {
            "harvest": self.harvest_chart,
            "flows": flows,
            "prices": self.price_chart,
            "seasons": self.season_chart,
            "operators": self.operator_chart,
        }
        for key in TABS:
            self.tabs.addTab(self._pages[key], "")
        for chart in self.charts().values():
            chart.protected_database = ctx.db_path  # an exported image never overwrites it
            chart.settings = getattr(ctx, "settings", None)

        self._loaders = {key: ChartLoader(ctx.tasks, f"chart:{key}", self) for key in TABS}
        for loader in self._loaders.values():
            loader.failed.connect(self._on_failed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.tabs, 1)

        self.filter_bar.changed.connect(self._filters_changed)
        self.tabs.currentChanged.connect(self._tab_changed)
        self._harvest_group.currentIndexChanged.connect(lambda _i: self._reload("harvest"))
        self._flow_group.currentIndexChanged.connect(lambda _i: self._reload("flows"))
        self._season_crop_box.activated.connect(self._season_crop_picked)
        self._season_kind.currentIndexChanged.connect(lambda _i: self._reload("seasons"))

        self._load_choices()
        self.retranslate_ui()

    # ------------------------------------------------------------ Page API
    def title(self) -> str:
        return self.tr("Charts")

    def supported_actions(self) -> set[str]:
        return {"export", "copy", "refresh"}

    def refresh(self) -> None:
        """Reload every chart: the one in view now, the others when shown."""
        self._stale = set(TABS)
        self._load_current()

    def data_changed(self, table: str, ids: list[int]) -> None:
        if table in _MASTER_TABLES:
            self._load_choices()
        if table in _DATA_TABLES | _MASTER_TABLES:
            self._stale = set(TABS)
            if self.isVisible():
                self._load_current()

    def open_with(self, argument: object) -> None:
        """Show a ChartRequest (a tab and its filters), e.g. from a dashboard tile."""
        if isinstance(argument, str):
            argument = ChartRequest(tab=argument)
        if not isinstance(argument, ChartRequest):
            return
        # A request supersedes every load in flight: a tab loaded before it (the first tab, on
        # the page's first showing) must not draw, or answer `refreshed`, after the request.
        for key, loader in self._loaders.items():
            if loader.busy:
                loader.cancel()
                self._stale.add(key)
        if argument.tab in TABS:
            self.tabs.blockSignals(True)
            self.tabs.setCurrentIndex(TABS.index(argument.tab))
            self.tabs.blockSignals(False)
        if argument.filters is not None and argument.filters.crop_ids:
            self._season_crop = argument.filters.crop_ids[0]
        self.filter_bar.apply_request(argument)
        self.filter_bar.flush()

    def export(self) -> None:
        self.current_chart().export_requested("png")

    def copy_selection(self) -> None:
        self.current_chart().copy_to_clipboard()
        self.status_message.emit(self.tr("Chart copied to the clipboard"))

    # ------------------------------------------------------------ public helpers
    def current_tab(self) -> str:
        return TABS[self.tabs.currentIndex()]

    def show_tab(self, tab: str) -> None:
        self.tabs.setCurrentIndex(TABS.index(tab))

    def current_chart(self) -> ChartWidget:
        tab = self.current_tab()
        return self.flow_chart if tab == "flows" else self._pages[tab]

    def charts(self) -> dict[str, ChartWidget]:
        return {
            "harvest": self.harvest_chart,
            "shipments": self.shipment_chart,
            "flows": self.flow_chart,
            "prices": self.price_chart,
            "seasons": self.season_chart,
            "operators": self.operator_chart,
        }

    def set_harvest_group(self, group: str) -> None:
        self._harvest_group.setCurrentIndex(self._harvest_group.findData(group))

    def set_flow_group(self, group: str) -> None:
        self._flow_group.setCurrentIndex(self._flow_group.findData(group))

    def set_season_crop(self, crop_id: int) -> None:
        self._season_crop = crop_id
        self._season_crop_box.setCurrentIndex(self._season_crop_box.findData(crop_id))
        self._reload("seasons")

    def set_season_kind(self, kind: str) -> None:
        self._season_kind.setCurrentIndex(self._season_kind.findData(kind))

    # ------------------------------------------------------------ loading
    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.filter_bar.flush()  # a change still waiting in the debounce loads now, once
        self._load_current()

    def _load_choices(self) -> None:
        store = self.ctx.store
        self.filter_bar.load_choices(store)
        self.filter_bar.set_reference_day(chart_data.reference_day(q.date_bounds(store.db)[1]))
        current = self._season_crop
        self._season_crop_box.blockSignals(True)
        self._season_crop_box.clear()
        for crop in store.crops.list():
            self._season_crop_box.addItem(crop.name, crop.id)
        if current is not None:
            self._season_crop_box.setCurrentIndex(self._season_crop_box.findData(current))
        self._season_crop_box.blockSignals(False)

    def _filters_changed(self) -> None:
        self._stale = set(TABS)
        if self.isVisible():
            self._load_current()

    def _tab_changed(self, _index: int) -> None:
        if self.isVisible():
            self._load_current()

    def _reload(self, tab: str) -> None:
        self._stale.add(tab)
        if self.current_tab() == tab and self.isVisible():
            self._load_current()

    def _season_crop_picked(self, _index: int) -> None:
        self._season_crop = self._season_crop_box.currentData()
        self._reload("seasons")

    def _load_current(self) -> None:
        tab = self.current_tab()
        if tab not in self._stale:
            return
        self._stale.discard(tab)
        f = self.filter_bar.filters()
        bucket = self.filter_bar.bucket()
        self.status_message.emit(self.tr("Loading chart…"))
        loader = self._loaders[tab]
        if tab == "harvest":
            group = self._harvest_group.currentData()
            loader.load(lambda store: chart_data.harvest_chart(store, f, bucket, group), self._show_harvest)
        elif tab == "flows":
            group = self._flow_group.currentData()
            loader.load(
                lambda store: (
                    chart_data.shipment_chart(store, f, bucket, group),
                    chart_data.flow_chart(store, f),
                ),
                self._show_flows,
            )
        elif tab == "prices":
            loader.load(lambda store: chart_data.price_chart(store, f, bucket), self._show_prices)
        elif tab == "seasons":
            crop, kind = self._season_crop, self._season_kind.currentData()
            # The season chart overlays whole years: it ignores the period, keeps the other filters.
            season_filters = f.with_dates(None, None)

            def season(store):
                crop_id = crop if crop is not None else chart_data.default_crop(store, f)
                return crop_id, chart_data.season_chart(store, season_filters, crop_id, kind)

            loader.load(season, self._show_seasons)
        elif tab == "operators":
            loader.load(lambda store: chart_data.operator_chart(store, f), self._show_operators)

    def _period_text(self) -> str:
        start, end = self.filter_bar.dates()
        if start is None:
            return self.tr("all time")
        return f"{start} – {end}"

    def _show_harvest(self, data: Any) -> None:
        self.harvest_chart.set_title(self.tr("Harvested tonnes, %1").replace("%1", self._period_text()))
        self.harvest_chart.set_data(data)
        self._done("harvest")

    def _show_flows(self, data: Any) -> None:
        series, flow = data
        self.shipment_chart.set_title(self.tr("Shipped tonnes, %1").replace("%1", self._period_text()))
        self.shipment_chart.set_data(series)
        self.flow_chart.set_title(
            self.tr("Where the produce went: operators → buyers → markets, %1").replace(
                "%1", self._period_text()
            )
        )
        self.flow_chart.set_data(flow)
        self._done("flows")

    def _show_prices(self, data: Any) -> None:
        self.price_chart.set_title(self.tr("Realised prices, %1").replace("%1", self._period_text()))
        self.price_chart.set_data(data)
        self._done("prices")

    def _show_seasons(self, data: Any) -> None:
        crop_id, overlay = data
        if crop_id is not None and self._season_crop is None:
            self._season_crop = crop_id
            self._season_crop_box.blockSignals(True)
            self._season_crop_box.setCurrentIndex(self._season_crop_box.findData(crop_id))
            self._season_crop_box.blockSignals(False)
        crop_name = self._season_crop_box.currentText()
        kind = self._season_kind.currentData()
        title = (
            self.tr("%1: tonnes shipped per month, season by season")
            if kind == "shipment"
            else self.tr("%1: tonnes harvested per month, season by season")
        )
        self.season_chart.set_title(title.replace("%1", crop_name))
        self.season_chart.set_data(overlay)
        self._done("seasons")

    def _show_operators(self, data: Any) -> None:
        self.operator_chart.set_title(self.tr("Operators, %1").replace("%1", self._period_text()))
        self.operator_chart.set_data(data)
        self._done("operators")

    def _done(self, tab: str) -> None:
        self.status_message.emit("")
        self.refreshed.emit(tab)

    def _on_failed(self, message: str) -> None:
        self.status_message.emit(self.tr("The chart could not be loaded: %1").replace("%1", message))

    # ------------------------------------------------------------ texts
    def retranslate_ui(self) -> None:
        names = {
            "harvest": self.tr("Harvest"),
            "flows": self.tr("Buyer flows"),
            "prices": self.tr("Prices"),
            "seasons": self.tr("Seasons"),
            "operators": self.tr("Operators"),
        }
        for i, key in enumerate(TABS):
            self.tabs.setTabText(i, names[key])
        self._harvest_group_label.setText(self.tr("Stack by"))
        self._harvest_group.setItemText(0, self.tr("Operator"))
        self._harvest_group.setItemText(1, self.tr("Crop"))
        self._flow_group_label.setText(self.tr("Stack by"))
        self._flow_group.setItemText(0, self.tr("Market"))
        self._flow_group.setItemText(1, self.tr("Buyer"))
        self._season_crop_label.setText(self.tr("Crop"))
        self._season_kind.setItemText(0, self.tr("Shipped"))
        self._season_kind.setItemText(1, self.tr("Harvested"))
        if not self._stale >= set(TABS):
            self._stale = set(TABS)
            if self.isVisible():
                self._load_current()
