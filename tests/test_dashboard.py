"""The dashboard on a small park: KPI tiles against last year, small charts, clicks that open charts."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QUndoStack

from app.charts import palette
from app.context import AppContext
from app.tasks import TaskRunner
from app.views.chart_data import ChartRequest, recent_weeks
from app.views.pages.dashboard_page import DOWN_ARROW, UP_ARROW, DashboardPage
from db.records import Harvest
from tests import chartset

T = 1_000_000


@pytest.fixture
def ctx(store, db_path):
    context = AppContext(store=store, db_path=db_path, undo_stack=QUndoStack(), tasks=TaskRunner(db_path))
    yield context
    context.tasks.cancel_all()
    context.tasks.wait(5000)


def _dashboard(qtbot, ctx, today=date(2025, 11, 30)):
    page = DashboardPage(ctx, today=today)
    qtbot.addWidget(page)
    page.resize(1300, 900)
    with qtbot.waitSignal(page.refreshed, timeout=10_000):
        page.show()
    return page


def _tile(page, key):
    tile = page.tiles[key]
    return tile.value.text(), tile.change.text(), tile.previous.text(), tile.month_value.text()


def test_tiles_show_the_season_against_last_year(qtbot, ctx, store, master):
    chartset.build(store, master)
    page = _dashboard(qtbot, ctx)
    assert page.heading.text() == "Season 2025–2026"
    assert "2025-11-01 – 2025-11-30" in page.subheading.text()
    assert _tile(page, "harvested") == ("12.0 t", f"{UP_ARROW} 33.3%", "last year 9.0 t", "This month 12.0 t")
    assert _tile(page, "shipped") == ("10.5 t", f"{UP_ARROW} 110.0%", "last year 5.0 t", "This month 10.5 t")
    assert _tile(page, "revenue") == (
        "13,200 yuan",
        f"{UP_ARROW} 230.0%",
        "last year 4,000 yuan",
        "This month 13,200 yuan",
    )
    # 13,200 元 / 10,500 kg = 1.2571 元/kg against 0.8000: +57.1%.
    assert _tile(page, "mean_price")[:3] == ("1.26 yuan/kg", f"{UP_ARROW} 57.1%", "last year 0.80 yuan/kg")
    # Owed as of the day: 陈建华 14,200 − 5,000 and 周德明 3,000; a year earlier 4,000.
    assert _tile(page, "outstanding")[:3] == (
        "12,200 yuan",
        f"{UP_ARROW} 205.0%",
        "a year earlier 4,000 yuan",
    )
    # The voided certificate does not count.
    assert _tile(page, "certificates")[:3] == ("2", f"{UP_ARROW} 100.0%", "last year 1")
    # A rise is good news, except in what buyers owe; the colour says so and the arrow says which way.
    assert palette.UP in page.tiles["shipped"].change.styleSheet()
    assert palette.DOWN in page.tiles["outstanding"].change.styleSheet()


def test_a_fall_shows_a_down_arrow_and_no_history_shows_no_percentage(qtbot, ctx, store, master):
    chartset.build(store, master)
    fj, _qh = master["operators"]
    radish = master["crops"][0]
    store.harvests.add(
        Harvest(harvest_date="2024-11-05", operator_id=fj.id, crop_id=radish.id, weight_g=20 * T)
    )
    # 2025-12-01…03 against 2024-12-01…03: nothing either year, so no percentage for the month.
    page = _dashboard(qtbot, ctx, today=date(2025, 12, 3))
    assert _tile(page, "harvested") == (
        "12.0 t",
        f"{DOWN_ARROW} 58.6%",
        "last year 29.0 t",
        "This month 0.0 t",
    )
    assert page.tiles["harvested"].month_change.text() == ""
    assert palette.DOWN in page.tiles["harvested"].change.styleSheet()


def test_old_data_is_counted_to_the_last_recorded_day(qtbot, ctx, store, master):
    chartset.build(store, master)
    # Nothing recorded since 2025-12-05: a year later the dashboard shows the season up to that day.
    page = _dashboard(qtbot, ctx, today=date(2026, 11, 30))
    assert "2025-11-01 – 2025-12-05" in page.subheading.text()
    assert _tile(page, "harvested")[:2] == ("17.0 t", f"{UP_ARROW} 88.9%")


def test_small_charts_show_the_recent_weeks(qtbot, ctx, store, master):
    chartset.build(store, master)
    page = _dashboard(qtbot, ctx)
    start, end = recent_weeks(date(2025, 11, 30))
    assert (start.isoformat(), end.isoformat()) == ("2025-06-02", "2025-11-30")
    harvest = page.harvest_chart.data
    assert len(harvest.periods) == 26 and harvest.bucket == "week"
    by_op = {s.key: s.values for s in harvest.series}
    fj, qh = master["operators"]
    # 2025-11-10 is a Monday: week 2025-11-10 holds 10 t; 2025-11-20 is in the week of 11-17.
    weeks = list(harvest.periods)
    assert by_op[fj.id][weeks.index("2025-11-10")] == 10_000_000
    assert by_op[qh.id][weeks.index("2025-11-17")] == 2_000_000
    # Last year's line: 2024-11-15 (8 t) lies in the week 52 weeks before 2025-11-10.
    assert harvest.comparison.values[weeks.index("2025-11-10")] == 8_000_000
    assert {s.key for s in page.shipment_chart.data.series} == {m.id for m in master["markets"]}
    assert page.operator_chart.data.metrics[0].values == (10_000_000, 2_000_000)
    for chart in page.charts().values():
        assert chart.compact and not chart.empty_state_visible()


def test_empty_database_shows_friendly_states(qtbot, ctx, master):
    page = _dashboard(qtbot, ctx)
    assert _tile(page, "harvested")[:2] == ("0.0 t", "")
    assert page.tiles["mean_price"].value.text() == "—"
    for chart in page.charts().values():
        assert chart.empty_state_visible()


def test_clicking_a_tile_or_a_chart_opens_the_full_chart_with_the_same_filter(qtbot, ctx, store, master):
    chartset.build(store, master)
    page = _dashboard(qtbot, ctx)
    with qtbot.waitSignal(page.open_requested) as blocker:
        qtbot.mouseClick(page.tiles["harvested"], Qt.MouseButton.LeftButton)
    key, request = blocker.args
    assert key == "charts" and isinstance(request, ChartRequest)
    assert request.tab == "harvest" and request.bucket == "week"
    assert (request.filters.start, request.filters.end) == ("2025-11-01", "2025-11-30")

    with qtbot.waitSignal(page.open_requested) as blocker:
        page.price_chart.clicked.emit()
    key, request = blocker.args
    assert request.tab == "prices"
    assert (request.filters.start, request.filters.end) == ("2025-06-02", "2025-11-30")

    # A click on the small chart's plot area (through the scene) asks the same.
    chart = page.operator_chart
    with qtbot.waitSignal(page.open_requested) as blocker:
        view = chart._view
        qtbot.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(view.width() // 2, view.height() // 2)
        )
    assert blocker.args[1].tab == "operators"

    with qtbot.waitSignal(page.open_requested) as blocker:
        page.tiles["certificates"].clicked.emit("certificates")
    # The certificates page takes a search text: empty, so it lists them all.
    assert blocker.args == ["certificates", ""]


def test_a_morning_with_nothing_recorded_yet_compares_equal_spans(qtbot, ctx, store, master):
    chartset.build(store, master)
    fj, _qh = master["operators"]
    radish = master["crops"][0]
    # Last year's 22 November was a full day; this year's has nothing yet (the clerk's morning).
    store.harvests.add(
        Harvest(harvest_date="2024-11-22", operator_id=fj.id, crop_id=radish.id, weight_g=4 * T)
    )
    page = _dashboard(qtbot, ctx, today=date(2025, 11, 22))
    # Both periods end on the last recorded day, 2025-11-21, and its twin 2024-11-21:
    # 12 t against 8 t (not against 12 t with last year's 22nd, which read as no growth).
    tile = page.tiles["harvested"]
    assert (tile.value.text(), tile.month_change.text()) == ("12.0 t", f"{UP_ARROW} 50.0%")
    tip = tile.toolTip()
    assert "Season: 2025-11-01 – 2025-11-21, against 2024-11-01 – 2024-11-21." in tip
    assert "This month: 2025-11-01 – 2025-11-21, against 2024-11-01 – 2024-11-21." in tip
    assert "2025-11-01 – 2025-11-21" in page.subheading.text()


def test_owed_by_buyers_shows_this_months_change_not_the_figure_again(qtbot, ctx, store, master):
    chartset.build(store, master)
    page = _dashboard(qtbot, ctx)
    tile = page.tiles["outstanding"]
    # Owed at the end of 2025-10-31: 陈建华's 4,000 from 2024; now 12,200: up 8,200 this month.
    assert tile.value.text() == "12,200 yuan"
    assert tile.month_value.text() == "Change this month +8,200 yuan"
    assert tile.month_change.text() == UP_ARROW
    assert palette.DOWN in tile.month_change.styleSheet()  # more debt is bad news
    assert "since the end of 2025-10-31" in tile.toolTip()
