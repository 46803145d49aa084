"""A quick start: the window builds a page when it is first shown, the dashboard paints its figures
before its charts, the figures equal the queries', and importing the program leaves the chart
library, numpy and the workbook writer for later."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QUndoStack

from app.context import AppContext
from app.i18n import Translations
from app.settings import Settings
from app.tasks import TaskRunner
from app.views.main_window import MainWindow
from app.views.pages import page_factories
from app.views.pages.dashboard_page import DashboardPage, dashboard_totals
from app.views.pages.payments_page import PaymentsPage
from db import queries as q
from db.records import Buyer, Payment
from tests import chartset


@pytest.fixture
def ctx(store, db_path):
    context = AppContext(
        store=store,
        db_path=db_path,
        undo_stack=QUndoStack(),
        tasks=TaskRunner(db_path, user="tester"),
        language="en",
        settings=Settings(),
    )
    yield context
    context.tasks.cancel_all()
    context.tasks.wait(5000)


@pytest.fixture
def translations(qapp):
    t = Translations(qapp)
    t.set_language("en")
    yield t
    t.uninstall()


@pytest.fixture
def window(qtbot, ctx, master, translations):
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    ctx.tasks.cancel_all()
    ctx.tasks.wait(5000)
    w.close()
    w.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def test_importing_the_program_leaves_charts_numpy_and_workbooks_for_later():
    code = (
        "import json, sys; import app.main; "
        "print(json.dumps([m for m in ('pyqtgraph', 'numpy', 'xlsxwriter', 'pandas') if m in sys.modules]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    assert json.loads(out.strip().splitlines()[-1]) == []


def test_each_factory_names_its_page_as_the_page_does(qtbot, ctx, master, translations):
    for language in ("en", "zh_CN"):
        translations.set_language(language)
        for factory in page_factories():
            page = factory(ctx, None)
            qtbot.addWidget(page)
            assert (factory.page_key, factory.page_title()) == (page.key, page.title())
        ctx.tasks.wait(5000)


def test_the_window_builds_only_the_page_in_view_and_the_others_when_shown(qtbot, window):
    keys = [window.page_key(i) for i in range(window.page_count())]
    assert keys[:4] == ["dashboard", "harvests", "shipments", "payments"] and len(keys) == 11
    assert [p.key for p in window.built_pages()] == ["dashboard"]
    assert [window.nav.item(i).text() for i in range(4)] == ["Dashboard", "Harvests", "Shipments", "Payments"]
    # Its key builds a page: Ctrl+7 is Buyers.
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentIndex() == keys.index("buyers")
    buyers = window.current_page()
    assert buyers.key == "buyers" and buyers.isVisible()
    assert [p.key for p in window.built_pages()] == ["dashboard", "buyers"]
    assert buyers.browser.model.rowCount() == len(window.ctx.store.buyers.list())
    # Another page's request opens (and builds) the page it names.
    window.open_page("markets")
    assert window.current_page().key == "markets"
    assert len(window.built_pages()) == 3


def test_pages_built_late_speak_the_language_of_the_moment(qtbot, window, translations):
    translations.set_language("zh_CN")
    QCoreApplication.processEvents()
    index = window.page_key(6) == "buyers" and 6
    assert window.nav.item(index).text() == "客商"  # listed, not yet built
    assert window.page_actions[index].text() == "客商"
    window.show_page(index)
    page = window.current_page()
    assert page.title() == "客商"
    assert window.nav.item(index).text() == "客商"
    translations.set_language("en")
    QCoreApplication.processEvents()
    assert window.nav.item(index).text() == "Buyers"
    assert window.nav.item(1).text() == "Harvests"  # still not built
    assert "harvests" not in [p.key for p in window.built_pages()]


def test_built_pages_reload_on_outside_changes_and_unbuilt_ones_read_fresh(qtbot, window, ctx):
    buyers_index = [window.page_key(i) for i in range(window.page_count())].index("buyers")
    window.show_page(buyers_index)
    page = window.current_page()
    before = page.browser.model.rowCount()
    ctx.store.buyers.add(Buyer(name="新来的客商"))
    window.show_outside_changes()  # what the database watcher calls when data_version moves
    assert page.browser.model.rowCount() == before + 1
    # A page built after the change reads it when first shown.
    window.open_page("payments")
    payments = window.current_page()
    assert "新来的客商" in [b.name for b in payments.balances.records()]


def _payments_page(qtbot, ctx, master):
    names = ["周一", "陈二", "蒋三"]
    buyers = [ctx.store.buyers.add(Buyer(name=n)) for n in names]
    rows = [
        (buyers[0], "2025-03-02", 900_00, "cash", "b"),
        (buyers[1], "2025-01-15", 10_000_00, "wechat", "a"),
        (buyers[2], "2025-02-20", 25_00, "transfer", "c"),
        (buyers[1], "2025-01-15", 2_500_00, "cash", ""),
    ]
    for buyer, day, fen, method, ref in rows:
        ctx.store.payments.add(Payment(buyer.id, day, fen, method, reference=ref))
    page = PaymentsPage(ctx)
    qtbot.addWidget(page)
    return page


def test_payments_sort_by_every_column(qtbot, ctx, master, translations):
    page = _payments_page(qtbot, ctx, master)
    browser = page.payments
    columns = [c.key for c in browser.model.columns]

    def shown(key):
        proxy, c = browser.proxy, columns.index(key)
        return [proxy.index(r, c).data() for r in range(proxy.rowCount())]

    expected = {
        "date": ["2025-01-15", "2025-01-15", "2025-02-20", "2025-03-02"],
        "buyer": ["陈二", "陈二", "蒋三", "周一"],  # chen, jiang, zhou
        "amount": ["25.00", "900.00", "2,500.00", "10,000.00"],  # numbers as numbers
        "reference": ["", "a", "b", "c"],
    }
    for key, ascending in expected.items():
        browser.table.sortByColumn(columns.index(key), Qt.SortOrder.AscendingOrder)
        assert shown(key) == ascending
        browser.table.sortByColumn(columns.index(key), Qt.SortOrder.DescendingOrder)
        assert shown(key) == ascending[::-1]
    browser.table.sortByColumn(columns.index("method"), Qt.SortOrder.AscendingOrder)
    assert shown("method") == ["Bank transfer", "Cash", "Cash", "WeChat Pay"]  # by what it shows
    # Ties keep the loaded order and the selection follows its record through a sort.
    browser.table.sortByColumn(columns.index("amount"), Qt.SortOrder.DescendingOrder)
    browser.table.selectRow(0)
    top = browser.current_record()
    assert top.amount_fen == 10_000_00
    browser.table.sortByColumn(columns.index("amount"), Qt.SortOrder.AscendingOrder)
    assert browser.current_record() == top
    assert browser.proxy.mapToSource(browser.table.currentIndex()).row() == 3


def test_the_dashboard_figures_equal_the_queries(store, master):
    chartset.build(store, master)
    for today in (date(2025, 11, 30), date(2025, 12, 3), date(2026, 3, 1)):
        totals = dashboard_totals(store, today=today)
        db = store.db
        season_f = totals.season_filters
        season = q.compare_kpis(db, season_f.start, totals.as_of)
        assert (totals.season.current, totals.season.previous) == season
        month_start = totals.month.current.start
        month_end = max(month_start, totals.as_of)  # a month with nothing recorded yet: its first day
        assert (totals.month.current, totals.month.previous) == q.compare_kpis(db, month_start, month_end)
        before = (date.fromisoformat(month_start) - timedelta(days=1)).isoformat()
        assert totals.outstanding_at_month_start == q.outstanding_fen(db, before)
        assert totals.season.current.outstanding_fen == q.outstanding_fen(db, totals.as_of)


def test_outstanding_on_several_days_equals_each_day_alone(store, master):
    chartset.build(store, master)
    chen = master["buyers"][0]
    # A buyer in credit does not offset another's debt.
    store.payments.add(Payment(chen.id, "2025-11-20", 50_000_00, "transfer"))
    days = ["2023-01-01", "2024-11-30", "2025-11-01", "2025-11-19", "2025-11-20", "2025-11-30", "2030-01-01"]
    assert q.outstanding_fens(store.db, days) == [q.outstanding_fen(store.db, d) for d in days]
    others = [b.id for b in master["buyers"][1:]]
    assert q.outstanding_fens(store.db, days, others) == [
        q.outstanding_fen(store.db, d, others) for d in days
    ]
    assert q.outstanding_fens(store.db, []) == []


def test_the_dashboard_paints_its_figures_before_its_charts(qtbot, ctx, store, master):
    chartset.build(store, master)
    page = DashboardPage(ctx, today=date(2025, 11, 30))
    qtbot.addWidget(page)
    page.resize(1300, 900)
    seen = []
    page.totals_shown.connect(
        lambda: seen.append(("totals", bool(page.charts()), page.tiles["shipped"].value.text()))
    )
    with qtbot.waitSignal(page.refreshed, timeout=10_000):
        page.show()
    assert seen == [("totals", False, "10.5 t")]  # the figures, before any chart was made
    assert set(page.charts()) == {"harvest", "flows", "prices", "operators"}
    assert page.harvest_chart.data is not None
