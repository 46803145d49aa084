"""Nothing clipped: buyer names, chart labels, counts with thousands separators, sibling pages alike."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetrics, QUndoStack

from app.context import AppContext
from app.settings import Settings
from app.tasks import TaskRunner
from db.records import Payment


@pytest.fixture
def ctx(store, db_path, tmp_path):
    stack = QUndoStack()
    tasks = TaskRunner(db_path)
    yield AppContext(store, db_path, stack, tasks, language="zh_CN", settings=Settings(tmp_path / "s.ini"))
    stack.clear()
    tasks.cancel_all()
    tasks.wait()


def test_the_balance_pane_keeps_readable_buyer_names_when_squeezed(qtbot, ctx, master):
    from app.views.pages.payments_page import PaymentsPage

    for buyer in master["buyers"]:
        ctx.store.payments.add(Payment(buyer.id, "2026-01-08", 123_456_789_00))
    page = PaymentsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    page.splitter.setSizes([1090, 10])  # the clerk drags the splitter (or a small window squeezes it)
    qtbot.waitUntil(lambda: page.balance_view.viewport().width() > 0)
    view = page.balance_view
    header = view.horizontalHeader()
    qtbot.waitUntil(lambda: header.length() <= view.viewport().width())  # every figure in view
    assert (
        header.sectionSize(0) >= view.fontMetrics().horizontalAdvance("陈建华") + 8
    )  # a whole name, not 陈…
    assert page.splitter.sizes()[1] > 0


@pytest.fixture
def zh(qapp):
    from app.i18n import Translations

    t = Translations(qapp)
    t.set_language("zh_CN")
    yield t
    t.uninstall()


def test_counts_print_with_thousands_separators(qtbot, zh, ctx, master):
    from PySide6.QtCore import QCoreApplication

    from app.views.pages.payments_page import PaymentsPage

    assert QCoreApplication.translate("CertificatesPage", "%n certificate(s)", "", 57244) == "57,244 张合格证"
    assert QCoreApplication.translate("IdListPage", "Delete %n record(s)?", "", 1400) == "删除 1,400 条记录？"
    zh.set_language("en")
    assert (
        QCoreApplication.translate("IdListPage", "Delete %n record(s)?", "", 1400) == "Delete 1,400 records?"
    )
    zh.set_language("zh_CN")
    buyer = master["buyers"][0].id
    ctx.store.payments.add_many([Payment(buyer, "2026-01-08", 100 + i) for i in range(1400)])
    page = PaymentsPage(ctx)
    qtbot.addWidget(page)
    assert page.payments.count_label.text() == "1,400 / 1,400 条"


# ---------------------------------------------------------------------------------------------------
# Charts


def _operators(n: int):
    from app.charts.series import BarCategory, BarData, BarMetric, Unit

    names = ["双坝合作社", "涪江湾合作社", "涪江源", "遂潼鲜蔬", "丰沃合作社", "蜀渝菜园", "绿畴合作社",
             "青禾农场", "何德贵农场", "李明秀农场", "涪滨农场", "金穗农场"][:n]  # fmt: skip
    cats = tuple(BarCategory(i, name, "#336699") for i, name in enumerate(names))
    values = tuple((n - i) * 1_000_000 for i in range(n))
    return BarData(cats, (BarMetric("采收量", Unit("t", 1_000_000, 1), values),))


def test_the_dashboard_bar_chart_names_every_operator(qtbot):
    """A compact bar chart of 11 operators in the dashboard's 230-pixel frame named every other one."""
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from app.charts.bars import BarsChart

    holder = QWidget()
    qtbot.addWidget(holder)
    chart = BarsChart(compact=True)
    chart.setMinimumHeight(230)
    QVBoxLayout(holder).addWidget(chart)
    holder.resize(520, 230)
    holder.show()
    chart.set_data(_operators(11))
    axis = chart._panels[0][1]

    def named() -> list[str]:
        holder.grab()  # paints: the axis decides which names it draws
        return [text for _pos, text in axis._tickLevels[0]]

    qtbot.waitUntil(lambda: len(named()) == 11)
    line = QFontMetrics(axis.style["tickFont"] or chart.font()).height()
    assert chart.height() > 230 and axis.geometry().height() >= 11 * line


def test_the_top_bar_and_its_name_are_in_view_when_drawn_before_shown(qtbot):
    """The charts page draws its operator chart (three linked panels) in a tab not yet shown; the
    top bar and its label came out cut off (the range was set while the plots had no size)."""
    from PySide6.QtWidgets import QTabWidget, QWidget

    from app.charts.bars import BarsChart
    from app.charts.series import BarData

    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    chart = BarsChart()
    tabs.addTab(QWidget(), "harvest")
    tabs.addTab(chart, "operators")
    tabs.resize(1000, 600)
    tabs.show()
    one = _operators(11)
    chart.set_data(BarData(one.categories, one.metrics * 3))  # drawn in the hidden tab
    tabs.setCurrentIndex(1)
    vb = chart._plots[0].getViewBox()
    qtbot.waitUntil(lambda: vb.height() > 200)
    qtbot.wait(50)
    (top, bottom) = vb.viewRange()[1]
    assert top <= -0.35 and bottom >= 10.35  # every bar (height 0.7 around its row) whole


def test_zoomed_in_date_labels_do_not_print_over_each_other(qtbot):
    """Zoomed to a few weeks, a day's label (02-27) printed over its month's (2025-03-01)."""
    from datetime import date, timedelta

    from app.charts.series import Series, TimeSeriesData, Unit, day_seconds
    from app.charts.time_series import PeriodAxis, TimeSeriesChart

    chart = TimeSeriesChart()
    qtbot.addWidget(chart)
    chart.resize(1000, 500)
    chart.show()
    days = tuple((date(2025, 1, 1) + timedelta(days=i)).isoformat() for i in range(180))
    series = Series("a", "双坝合作社", tuple(1_000_000 + i for i in range(180)), "#336699")
    chart.set_data(TimeSeriesData(days, "day", (series,), Unit("t", 1_000_000, 1)))
    axis = chart._plot.getAxis("bottom")
    assert isinstance(axis, PeriodAxis)
    vb = axis.linkedView()
    vb.setXRange(day_seconds("2025-02-20"), day_seconds("2025-04-10"), padding=0)
    chart.grab()  # paints: the axis measures its font
    low, high = vb.viewRange()[0]
    levels = axis.tickValues(low, high, axis.geometry().width())
    assert len(levels) >= 2 and any(values for _spacing, values in levels[1:])  # months and days
    placed: list[float] = []
    for _spacing, values in levels:
        for value in values:
            assert all(abs(value - other) >= axis.minSpacing for other in placed)
        placed += values


def test_long_buyer_names_show_whole_on_the_shipments_page(qtbot, ctx, master):
    from app.views.pages.shipments_page import ShipmentsPage
    from db.records import Buyer

    long_name = "重庆鲜达生鲜配送有限公司"
    ctx.store.buyers.add(Buyer(name=long_name, kind="wholesaler"))
    page = ShipmentsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    buyer = [c.key for c in page.model.columns].index("buyer")
    assert page.view.columnWidth(buyer) >= page.view.fontMetrics().horizontalAdvance(long_name) + 8


def test_the_payments_page_looks_like_its_siblings(qtbot, zh, ctx, master):
    """Headers over their figures, and date and search boxes that say what they take, as on the
    shipments and harvests pages, also after a language round trip."""
    from PySide6.QtCore import QCoreApplication, Qt

    from app.views.pages.payments_page import PaymentsPage

    ctx.store.payments.add(Payment(master["buyers"][0].id, "2026-01-08", 12_345_00))
    page = PaymentsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    model = page.payments.model
    keys = [c.key for c in model.columns]
    for column in (page.payments.proxy, model):
        align = Qt.AlignmentFlag(
            column.headerData(
                keys.index("amount"), Qt.Orientation.Horizontal, Qt.ItemDataRole.TextAlignmentRole
            )
        )
        assert align & Qt.AlignmentFlag.AlignRight
    buyer_align = Qt.AlignmentFlag(
        model.headerData(keys.index("buyer"), Qt.Orientation.Horizontal, Qt.ItemDataRole.TextAlignmentRole)
    )
    assert buyer_align & Qt.AlignmentFlag.AlignLeft
    for language, texts in (("en", ("from", "to")), ("zh_CN", ("起始日期", "截止日期"))):
        zh.set_language(language)
        ctx.language = language
        QCoreApplication.processEvents()
        shown = (page.payments.date_from.placeholderText(), page.payments.date_to.placeholderText())
        assert shown == texts
    assert page.payments.search.placeholderText() == "搜索客商、单号、备注（Ctrl+F）…"
