"""Chart widgets on hand-made series, and the chart page on a small park written through the repositories."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication, QImage, QUndoStack

from app.charts import palette
from app.charts.bars import BarsChart
from app.charts.flows import FlowChart
from app.charts.prices import BAND_KEY, DERIVED_KEY, REFERENCE_KEY, PriceChart
from app.charts.seasons import SeasonChart
from app.charts.series import (
    BarCategory,
    BarData,
    BarMetric,
    FlowData,
    FlowNode,
    OverlayData,
    PriceData,
    PriceSeries,
    ReferencePoint,
    Series,
    TimeSeriesData,
    Unit,
    day_seconds,
)
from app.charts.time_series import TimeSeriesChart
from app.context import AppContext
from app.tasks import TaskRunner
from app.views.chart_data import ChartRequest, preset_range, reference_day
from app.views.pages.charts_page import ChartsPage
from db import queries as q
from tests import chartset

T = 1_000_000
TONNES = Unit("t", T, 2)


def _show(qtbot, widget, size=(800, 500)):
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _series_data(periods=("2025-01-01", "2025-02-01", "2025-03-01", "2025-04-01")):
    a = Series(1, "涪江湾", (2 * T, 3 * T, 0, 1_234_567), palette.color_hex("operator", 1))
    b = Series(2, "青禾", (1 * T, None, 4 * T, 500_000), palette.color_hex("operator", 2))
    last = Series("last_year", "Same period last year", (2 * T, 2 * T, None, 3 * T), palette.COMPARISON)
    return TimeSeriesData(tuple(periods), "month", (a, b), TONNES, last, "t")


# ---------------------------------------------------------------- palette


def test_palette_is_stable_and_distinct():
    assert palette.color_hex("operator", 3) == palette.color_hex("operator", 3)
    firsts = [palette.color_hex("operator", i) for i in range(1, 17)]
    assert len(set(firsts)) == 16
    assert palette.color_hex("operator", 17) == palette.color_hex("operator", 1)
    # Operator 1 and market 1 meet in the flow diagram, so they differ.
    assert palette.color_hex("operator", 1) != palette.color_hex("market", 1)
    assert palette.color_hex("market", None) == palette.OTHERS
    assert palette.COLORS[0] == "#E69F00"  # Okabe–Ito first


# ---------------------------------------------------------------- time series


def test_time_series_draws_stacked_values_and_comparison(qtbot):
    chart = _show(qtbot, TimeSeriesChart())
    chart.set_data(_series_data())
    assert chart.drawn_style() == "area"
    items = chart.drawn_items()
    assert set(items) == {1, 2, "last_year"}
    assert chart.drawn_values(1) == [2.0, 3.0, 0.0, 1.234567]
    assert chart.drawn_values(2) == [1.0, 0.0, 4.0, 0.5]
    # The second series is stacked on the first.
    _x, top = items[2].getData()
    assert list(top) == [3.0, 3.0, 4.0, pytest.approx(1.734567)]
    _x, last = items["last_year"].getData()
    assert np.isnan(last[2]) and list(last[[0, 1, 3]]) == [2.0, 2.0, 3.0]
    assert chart.legend.labels() == ["涪江湾", "青禾", "Same period last year"]

    chart.set_style("bar")
    bars = chart.drawn_items()[1]
    assert isinstance(bars, pg.BarGraphItem)
    assert list(bars.opts["height"]) == [2.0, 3.0, 0.0, 1.234567]
    assert list(chart.drawn_items()[2].opts["y0"]) == [2.0, 3.0, 0.0, 1.234567]


def test_time_series_tooltip_is_exact_with_units(qtbot):
    chart = _show(qtbot, TimeSeriesChart())
    chart.set_data(_series_data())
    x = day_seconds("2025-04-15")
    text = chart.tooltip_at(x, 0)
    assert text == (
        "2025-04\n"
        "Total: 1.73 t\n"
        "  涪江湾: 1.23 t (71.2%)\n"
        "  青禾: 0.50 t (28.8%)\n"
        "Same period last year: 3.00 t (−42.2%)"
    )
    # The same text through the mouse path (data point → scene → tooltip).
    assert chart.hover_data_point(x, 0.5) == text
    assert chart.tooltip_at(day_seconds("2026-01-01"), 0) == ""


def test_legend_click_hides_and_shows_a_series(qtbot):
    chart = _show(qtbot, TimeSeriesChart())
    chart.set_data(_series_data())
    with qtbot.waitSignal(chart.series_toggled) as blocker:
        chart.legend.click(1)
    assert blocker.args == [1, False]
    assert 1 not in chart.drawn_items() and not chart.legend.is_shown(1)
    # The other series now stands on the ground, and the totals leave the hidden one out.
    assert list(chart.drawn_items()[2].getData()[1]) == [1.0, 0.0, 4.0, 0.5]
    assert "Total: 0.50 t" in chart.tooltip_at(day_seconds("2025-04-02"), 0)
    chart.legend.click(1)
    assert 1 in chart.drawn_items() and chart.legend.is_shown(1)
    chart.legend.click("last_year")
    assert "last_year" not in chart.drawn_items()
    # Hidden series stay hidden when new data with the same keys arrives.
    chart.set_data(_series_data())
    assert "last_year" not in chart.drawn_items()


def test_empty_state_instead_of_a_blank_plot(qtbot):
    chart = _show(qtbot, TimeSeriesChart())
    chart.set_data(_series_data())
    assert not chart.empty_state_visible()
    empty = TimeSeriesData(("2025-01-01",), "month", (Series(1, "a", (0,), "#000000"),), TONNES)
    chart.set_data(empty)
    assert chart.empty_state_visible()
    assert "No data for this period" in chart.empty_text()
    assert chart.legend.keys() == []


def test_export_png_svg_and_clipboard(qtbot, tmp_path):
    chart = _show(qtbot, TimeSeriesChart())
    chart.set_title("Harvested")
    chart.set_data(_series_data())
    path = chart.export_png(tmp_path / "chart.png", QSize(640, 360))
    image = QImage(str(path))
    assert (image.width(), image.height()) == (640, 360)
    # Not blank: the series colours are in the picture.
    colours = {image.pixelColor(x, y).name() for x in range(0, 640, 4) for y in range(0, 360, 4)}
    assert len(colours) > 10
    svg = chart.export_svg(tmp_path / "chart.svg", QSize(800, 450))
    text = svg.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text and 'width="' in text
    image = chart.copy_to_clipboard()
    assert not image.isNull()
    assert QGuiApplication.clipboard().image().size() == image.size()


def test_zoom_and_reset(qtbot):
    chart = _show(qtbot, TimeSeriesChart())
    chart.set_data(_series_data())
    vb = chart._views()[0]
    full = vb.viewRange()[0]
    vb.setXRange(day_seconds("2025-02-01"), day_seconds("2025-03-01"), padding=0)
    assert vb.viewRange()[0][1] - vb.viewRange()[0][0] < (full[1] - full[0]) / 2
    chart.reset_view()
    assert vb.viewRange()[0] == pytest.approx(full, rel=1e-3)


# ---------------------------------------------------------------- prices


def _price_data():
    periods = ("2025-01-01", "2025-02-01", "2025-03-01")
    radish = PriceSeries(
        1, "白萝卜", palette.color_hex("crop", 1), (12_345, None, 8_000), (10_000, None, 7_000),
        (15_000, None, 9_500), (3 * T, 0, 2 * T),
    )  # fmt: skip
    celtuce = PriceSeries(
        2, "莴笋", palette.color_hex("crop", 2), (20_000, 22_000, 21_000), (18_000, 20_000, 19_000),
        (24_000, 25_000, 23_000), (T, T, T),
    )  # fmt: skip
    refs = (ReferencePoint(1, "2025-02-10", 14_000, "2025-02-10 · 遂宁纵横批发市场 · wholesale · 白萝卜"),)
    return PriceData(periods, "month", (radish, celtuce), refs)


def test_price_chart_mean_band_references_and_units(qtbot):
    chart = _show(qtbot, PriceChart())
    chart.set_data(_price_data())
    _x, mean = chart.mean_item(1).getData()
    assert list(mean[[0, 2]]) == [1.2345, 0.8] and np.isnan(mean[1])
    # Two single-period bands (the gap splits the run) for 白萝卜, one run for 莴笋.
    assert len(chart.band_items(1)) == 2 and len(chart.band_items(2)) == 1
    xs, ys = chart.reference_item().getData()
    assert list(xs) == [day_seconds("2025-02-10")] and list(ys) == [1.4]
    x = day_seconds("2025-01-15")
    assert chart.tooltip_at(x, 0) == (
        "2025-01\n"
        "白萝卜: mean 1.23 yuan/kg (min 1.00, max 1.50), 3.00 t sold\n"
        "莴笋: mean 2.00 yuan/kg (min 1.80, max 2.40), 1.00 t sold"
    )
    ref = chart.hover_data_point(day_seconds("2025-02-10"), 1.4)
    assert ref.splitlines()[:2] == ["Reference price", "白萝卜: 1.40 yuan/kg"]

    chart.set_price_unit("jin")
    _x, mean = chart.mean_item(1).getData()
    assert list(mean[[0, 2]]) == [0.61725, 0.4]
    assert "白萝卜: mean 0.62 yuan/jin (min 0.50, max 0.75)" in chart.tooltip_at(x, 0)
    assert list(chart.reference_item().getData()[1]) == [0.7]

    chart.legend.click(REFERENCE_KEY)
    assert chart.reference_item() is None
    chart.legend.click(2)
    assert chart.shown_keys() == [1]


def test_price_chart_hides_default_hidden_series_once(qtbot):
    chart = _show(qtbot, PriceChart())
    data = _price_data()
    chart.set_data(PriceData(data.periods, data.bucket, data.series, data.references, default_hidden=(2,)))
    assert chart.shown_keys() == [1] and not chart.legend.is_shown(2)
    chart.legend.click(2)
    chart.set_data(PriceData(data.periods, data.bucket, data.series, data.references, default_hidden=(2,)))
    assert chart.shown_keys() == [1, 2]


# ---------------------------------------------------------------- flows


def _flow_data():
    ops = (FlowNode(1, "涪江湾", "#E69F00"), FlowNode(2, "青禾", "#56B4E9"))
    buyers = (FlowNode(1, "陈建华", "#6E6E6E"), FlowNode(2, "周德明", "#6E6E6E"))
    markets = (FlowNode(1, "双福", "#0072B2"), FlowNode(2, "盘溪", "#D55E00"))
    paths = (((0, 0, 0), 6 * T), ((0, 1, 1), 3 * T), ((1, 0, 0), 1_500_000))
    return FlowData((ops, buyers, markets), ("Operators", "Buyers", "Markets"), paths, Unit("t", T, 1))


def test_flow_bands_are_as_wide_as_their_tonnes(qtbot):
    chart = _show(qtbot, FlowChart())
    chart.set_data(_flow_data())
    widths = {(b.stage, b.source, b.target): b.value for b in chart.bands()}
    assert widths == {
        (0, 0, 0): 6 * T,
        (0, 0, 1): 3 * T,
        (0, 1, 0): 1_500_000,
        (1, 0, 0): 7_500_000,
        (1, 1, 1): 3 * T,
    }
    band = chart.band(0, 1, 2)  # 涪江湾 → 周德明
    path = band.item.path()
    # The band's right end (target side) is exactly its tonnes tall: lineTo from (xb, y1) down.
    assert path.elementAt(4).y - path.elementAt(3).y == pytest.approx(3 * T)
    assert path.elementAt(4).x == path.elementAt(3).x
    text = chart.hover_data_point(band.anchor.x(), band.anchor.y())
    assert text == "涪江湾 → 周德明\n3.0 t\n28.6% of all shown\n33.3% of 涪江湾"
    node = next(n for n in chart.nodes() if n.column == 2 and n.index == 0)
    assert chart.tooltip_at(node.rect.center().x(), node.rect.center().y()) == "Markets: 双福\n7.5 t (71.4%)"


def test_flow_legend_hides_an_operator(qtbot):
    chart = _show(qtbot, FlowChart())
    chart.set_data(_flow_data())
    chart.legend.click(1)
    widths = {(b.stage, b.source, b.target): b.value for b in chart.bands()}
    assert widths == {(0, 1, 0): 1_500_000, (1, 0, 0): 1_500_000}
    band = chart.band(0, 2, 1)
    assert "100.0% of all shown" in chart.band_text(band)


# ---------------------------------------------------------------- seasons and operators


def test_season_overlay_one_line_per_year(qtbot):
    months = (11, 12, 1)
    data = OverlayData(
        months,
        (Series(2024, "2024–2025", (T, 2 * T, None), "#332288"), Series(2025, "2025–2026", (3 * T, None, None), "#117733")),
        Unit("t", T, 1),
    )  # fmt: skip
    chart = _show(qtbot, SeasonChart())
    chart.set_data(data)
    assert chart.shown_keys() == [2024, 2025]
    _x, y = chart.line_item(2024).getData()
    assert list(y[:2]) == [1.0, 2.0] and np.isnan(y[2])
    assert chart.tooltip_at(0.1, 0) == "Nov\n  2025–2026: 3.0 t\n  2024–2025: 1.0 t"
    chart.legend.click(2024)
    assert chart.shown_keys() == [2025]


def test_operator_bars_and_tooltip(qtbot):
    cats = (
        BarCategory(1, "涪江湾", "#E69F00", "遂宁市船山区涪江湾蔬菜种植专业合作社"),
        BarCategory(2, "青禾", "#56B4E9"),
    )
    data = BarData(
        cats,
        (
            BarMetric("Harvested", Unit("t", T, 1), (12 * T, 2 * T)),
            BarMetric("Yield per mu", Unit("jin/mu", 500, 0), (8_000, 9_091)),
            BarMetric("Share of park output", Unit("%", 100, 1), (8_571, 1_429)),
        ),
    )
    chart = _show(qtbot, BarsChart(), (900, 400))
    chart.set_data(data)
    assert [list(b.opts["width"]) for b in chart.bar_items()] == [[12.0, 2.0], [16.0, 18.182], [85.71, 14.29]]
    assert chart.tooltip_at(1.0, 0.1) == (
        "遂宁市船山区涪江湾蔬菜种植专业合作社\nHarvested: 12.0 t\nYield per mu: 16 jin/mu\nShare of park output: 85.7%"
    )
    chart.legend.click(1)
    assert chart.shown_categories() == [2]
    assert [list(b.opts["width"]) for b in chart.bar_items()] == [[2.0], [18.182], [14.29]]


# ---------------------------------------------------------------- periods


def test_presets_and_reference_day():
    from datetime import date

    day = date(2025, 11, 30)
    assert preset_range("season", day) == (date(2025, 11, 1), day)
    assert preset_range("last_season", day) == (date(2024, 11, 1), date(2025, 10, 31))
    assert preset_range("last_month", day) == (date(2025, 10, 1), date(2025, 10, 31))
    assert preset_range("12m", day) == (date(2024, 12, 1), day)
    assert preset_range("all", day) == (None, None)
    # Old data: the dashboard counts to the last recorded day, not to an empty today.
    assert reference_day("2023-03-05", date(2025, 11, 30)) == date(2023, 3, 5)
    assert reference_day("2025-11-02", date(2025, 11, 30)) == date(2025, 11, 30)


# ---------------------------------------------------------------- the chart page on real data


@pytest.fixture
def park(store, master):
    chartset.build(store, master)
    return master


@pytest.fixture
def page(qtbot, store, db_path, park):
    ctx = AppContext(store=store, db_path=db_path, undo_stack=QUndoStack(), tasks=TaskRunner(db_path))
    page = ChartsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    # Shown, the page loads the tab in view once; later changes each load again.
    with qtbot.waitSignal(page.refreshed, timeout=10_000):
        page.show()
    yield page
    ctx.tasks.cancel_all()
    ctx.tasks.wait(5000)


def _load(qtbot, page, tab, change):
    with qtbot.waitSignal(page.refreshed, timeout=10_000, check_params_cb=lambda t: t == tab):
        change()
        page.filter_bar.flush()


def _november(page):
    page.filter_bar.set_bucket("month")
    page.filter_bar.set_dates("2025-11-01", "2025-11-30")


def test_harvest_chart_shows_the_right_series_and_follows_filters(qtbot, page, park):
    fj, qh = park["operators"]
    _load(qtbot, page, "harvest", lambda: _november(page))
    chart = page.harvest_chart
    data = chart.data
    assert data.periods == ("2025-11-01",)
    assert [(s.key, s.label, s.values) for s in data.series] == [
        (fj.id, "涪江湾合作社", (10 * T,)),
        (qh.id, "青禾家庭农场", (2 * T,)),
    ]
    assert data.comparison.values == (9 * T,)
    assert chart.drawn_values(fj.id) == [10.0] and chart.drawn_values(qh.id) == [2.0]
    assert chart.tooltip_at(day_seconds("2025-11-15"), 0) == (
        "2025-11\nTotal: 12.00 t\n  涪江湾合作社: 10.00 t (83.3%)\n  青禾家庭农场: 2.00 t (16.7%)\n"
        "Same period last year: 9.00 t (+33.3%)"
    )
    assert "2025-11-01 – 2025-11-30" in chart.title()

    # An operator filter changes what is drawn (the comparison follows the filter too).
    _load(qtbot, page, "harvest", lambda: page.filter_bar.operators.toggle(qh.id))
    assert [s.key for s in chart.data.series] == [qh.id]
    assert chart.data.comparison.values == (1 * T,)
    assert set(chart.drawn_items()) == {qh.id, "last_year"}

    # By crop instead of operator.
    _load(qtbot, page, "harvest", lambda: page.set_harvest_group("crop"))
    assert [s.label for s in chart.data.series] == ["莴笋"]

    # A period without harvests shows the empty state.
    _load(qtbot, page, "harvest", lambda: page.filter_bar.set_dates("2025-06-01", "2025-06-30"))
    assert chart.empty_state_visible()


def test_flows_tab_markets_over_time_and_flow_diagram(qtbot, page, park):
    fj, qh = park["operators"]
    chen, zhou = park["buyers"]
    shuangfu, panxi = park["markets"]
    _load(qtbot, page, "flows", lambda: (page.show_tab("flows"), _november(page)))
    series = {s.key: s.values for s in page.shipment_chart.data.series}
    assert series == {shuangfu.id: (7_500_000,), panxi.id: (3 * T,)}
    flow = page.flow_chart
    assert flow.band(0, fj.id, chen.id).value == 6 * T
    assert flow.band(0, qh.id, chen.id).value == 1_500_000
    assert flow.band(1, chen.id, shuangfu.id).value == 7_500_000
    assert flow.band(1, zhou.id, panxi.id).value == 3 * T
    band = flow.band(0, fj.id, zhou.id)
    assert flow.tooltip_at(band.anchor.x(), band.anchor.y()).splitlines()[1:3] == [
        "3.0 t",
        "28.6% of all shown",
    ]
    # A buyer filter narrows both charts.
    _load(qtbot, page, "flows", lambda: page.filter_bar.buyers.toggle(zhou.id))
    assert {s.key for s in page.shipment_chart.data.series} == {panxi.id}
    assert [(b.stage, b.value) for b in flow.bands()] == [(0, 3 * T), (1, 3 * T)]


def test_prices_tab_exact_means_and_jin(qtbot, page, park):
    radish, celtuce = park["crops"]
    _load(qtbot, page, "prices", lambda: (page.show_tab("prices"), _november(page)))
    chart = page.price_chart
    by_key = {s.key: s for s in chart.data.series}
    # 白萝卜: 7,200 + 3,000 元 over 9 t = 1.1333 元/kg; 莴笋 3,000 元 / 1.5 t = 2.0000.
    assert by_key[radish.id].mean == (11_333,)
    assert (by_key[radish.id].low, by_key[radish.id].high) == ((10_000,), (12_000,))
    assert by_key[celtuce.id].mean == (20_000,)
    x = day_seconds("2025-11-10")
    assert "白萝卜: mean 1.13 yuan/kg (min 1.00, max 1.20), 9.00 t sold" in chart.tooltip_at(x, 0)
    chart.set_price_unit("jin")
    assert "白萝卜: mean 0.57 yuan/jin (min 0.50, max 0.60), 9.00 t sold" in chart.tooltip_at(x, 0)


def test_prices_overlay_reference_points_inside_the_period(qtbot, page, park):
    _load(
        qtbot,
        page,
        "prices",
        lambda: (page.show_tab("prices"), page.filter_bar.set_dates("2022-12-01", "2025-11-30")),
    )
    radish, celtuce = park["crops"]
    references = page.price_chart.data.references
    refs = sorted((r.key, r.day, r.price) for r in references if not r.derived)
    # The bundled file's dated wholesale points of the two crops sold (0.4 元 for 白萝卜 in the
    # Dec 2022 glut); farm-gate, origin-index and undated points are not drawn.
    assert refs == [
        (radish.id, "2022-12-07", 4_000),
        (radish.id, "2023-10-25", 14_000),
        (celtuce.id, "2022-12-07", 10_000),
        (celtuce.id, "2023-10-25", 26_000),
    ]
    assert page.price_chart.reference_item() is not None
    # Every other month of the 36 has a derived point per crop, so the reference covers the span.
    for crop in (radish, celtuce):
        derived = [r.day for r in references if r.derived and r.key == crop.id]
        assert len(derived) == 34 and len(set(derived)) == 34
        assert derived[0] == "2023-01-01" and derived[-1] == "2025-11-01"
        assert "2023-10-01" not in derived
        assert all(r.text.startswith("Derived, not reported") for r in references if r.derived)
    assert set(page.price_chart.derived_items()) == {radish.id, celtuce.id}
    assert page.price_chart.reference_note() == ""
    assert "Reference derived from the sourced prices' seasonal profile" in page.price_chart.legend.labels()


def test_seasons_and_operators_tabs(qtbot, page, park):
    radish = park["crops"][0]
    fj, qh = park["operators"]
    _load(qtbot, page, "seasons", lambda: (page.show_tab("seasons"), page.set_season_crop(radish.id)))
    data = page.season_chart.data
    assert [(s.key, s.values[0]) for s in data.series] == [(2024, 5 * T), (2025, 9 * T)]
    _load(qtbot, page, "seasons", lambda: page.set_season_kind("harvest"))
    assert [(s.key, s.values[:2]) for s in page.season_chart.data.series] == [
        (2024, (8 * T, None)),
        (2025, (10 * T, 5 * T)),
    ]

    _load(qtbot, page, "operators", lambda: (page.show_tab("operators"), _november(page)))
    bars = page.operator_chart
    assert bars.shown_categories() == [fj.id, qh.id]
    tonnes, per_mu, share = (list(b.opts["width"]) for b in bars.bar_items())
    # 10 t on 1,500 亩 = 6,667 g/亩 = 13.33 斤/亩; 2 t on 220 亩 = 18.18 斤/亩.
    assert tonnes == [10.0, 2.0]
    assert per_mu == [pytest.approx(6_667 / 500), pytest.approx(9_091 / 500)]
    assert share == [pytest.approx(83.33), pytest.approx(16.67)]
    tip = bars.tooltip_at(1, 0)
    assert "Yield per mu: 13 jin/mu" in tip and "Share of park output: 83.3%" in tip


def test_open_with_a_request_sets_tab_and_filters(qtbot, page, park):
    qh = park["operators"][1]
    request = ChartRequest(
        tab="operators", filters=q.Filters(start="2025-11-01", end="2025-11-30", operator_ids=(qh.id,))
    )
    with qtbot.waitSignal(page.refreshed, timeout=10_000):
        page.open_with(request)
    assert page.current_tab() == "operators"
    assert page.filter_bar.filters() == request.filters
    assert page.operator_chart.shown_categories() == [qh.id]
    # The operator's share is still of the whole park: 2 t of 12 t.
    assert page.operator_chart.data.metrics[2].values == (1_667,)
    assert Decimal(1_667) / 100 == Decimal("16.67")


def test_a_request_right_after_showing_supersedes_the_first_load(qtbot, store, db_path, park):
    """The race behind the flaky request test: the page's first load (of the tab in view) was
    still running when a request arrived, so its `refreshed` answered for the request."""
    ctx = AppContext(store=store, db_path=db_path, undo_stack=QUndoStack(), tasks=TaskRunner(db_path))
    page = ChartsPage(ctx)
    qtbot.addWidget(page)
    # Nothing is pending after construction: the bar's first period is not a change.
    with qtbot.assertNotEmitted(page.filter_bar.changed):
        page.filter_bar.flush()
    seen: list[str] = []
    page.refreshed.connect(seen.append)
    page.show()  # starts loading the harvest tab
    qh = park["operators"][1]
    request = ChartRequest(tab="operators", filters=q.Filters(operator_ids=(qh.id,)))
    with qtbot.waitSignal(page.refreshed, timeout=10_000):
        page.open_with(request)
    ctx.tasks.wait(10_000)
    qtbot.wait(1)  # deliver any result that was still queued
    assert seen == ["operators"]
    assert page.operator_chart.shown_categories() == [qh.id]
    page.show_tab("harvest")  # the superseded tab loads again when shown
    assert seen[-1] == "operators"
    qtbot.waitUntil(lambda: seen[-1] == "harvest", timeout=10_000)
    ctx.tasks.cancel_all()
    ctx.tasks.wait(5000)


@pytest.mark.parametrize("style", ["area", "bar"])
def test_a_bucket_still_under_way_is_drawn_hollow_and_labelled(qtbot, style):
    chart = _show(qtbot, TimeSeriesChart())
    d = _series_data()
    chart.set_data(
        TimeSeriesData(d.periods, d.bucket, d.series, d.unit, d.comparison, d.y_label, "2025-04-09")
    )
    chart.set_style(style)
    # Every value is still there; the last bucket is apart, dashed, with a label.
    assert chart.drawn_values(1) == [2.0, 3.0, 0.0, pytest.approx(1.234567)]
    hollow = chart.partial_items()
    assert set(hollow) == {1, 2}
    assert hollow[1].opts["pen"].style() == Qt.PenStyle.DashLine
    assert chart.partial_label() == "partial"
    x = (day_seconds("2025-04-01") + day_seconds("2025-04-20")) / 2
    assert "Not over yet: counted to 2025-04-09" in chart.tooltip_at(x, 0)
    # A complete last bucket is drawn as usual.
    chart.set_data(d)
    assert chart.partial_items() == {} and chart.partial_label() == ""


def test_the_chart_page_marks_the_current_month_as_partial(qtbot, page):
    _load(qtbot, page, "harvest", lambda: page.filter_bar.set_dates("2025-09-01", "2025-11-20"))
    assert page.harvest_chart.data.partial_until == "2025-11-20"
    assert page.harvest_chart.partial_label() == "partial"
    _load(qtbot, page, "harvest", lambda: page.filter_bar.set_dates("2025-09-01", "2025-11-30"))
    assert page.harvest_chart.data.partial_until is None


def test_price_chart_band_has_a_legend_entry_and_a_crop_without_reference_is_named(qtbot):
    chart = _show(qtbot, PriceChart())
    data = _price_data()
    radish_only = tuple(r for r in data.references if r.key == 1)
    derived = ReferencePoint(1, "2025-03-01", 15_000, "Derived, not reported", derived=True)
    chart.set_data(PriceData(data.periods, data.bucket, data.series, (*radish_only, derived)))
    labels = chart.legend.labels()
    assert "Shaded: lowest to highest line price" in labels
    assert "Reference derived from the sourced prices' seasonal profile" in labels
    # 莴笋 has no reference in the period: the chart says so instead of drawing nothing.
    assert chart.reference_note() == "No reference price in this period for: 莴笋"
    assert chart.derived_items()[1].opts["pen"].style() == Qt.PenStyle.DotLine
    assert "白萝卜 reference (derived): 1.50 yuan/kg" in chart.tooltip_at(day_seconds("2025-03-15"), 0)
    # The band's legend entry hides and shows the bands.
    chart.legend.click(BAND_KEY)
    assert chart.band_items(1) == [] and chart.band_items(2) == []
    chart.legend.click(BAND_KEY)
    assert len(chart.band_items(1)) == 2
    chart.legend.click(DERIVED_KEY)
    assert chart.derived_items() == {}
    # With a reference for every shown crop the note goes.
    chart.legend.click(2)
    assert chart.reference_note() == ""
