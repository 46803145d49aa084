"""Report content as data: buyer and operator statements and the park summary, checked to the fen."""

from __future__ import annotations

import pytest

from db.documents import park_summary, reports
from db.errors import ValidationError
from tests.documents_data import (
    CHEN_CLOSING_FEN,
    CHEN_LINES,
    CHEN_OPENING_FEN,
    CHEN_PAID_FEN,
    CHEN_SHIPPED_FEN,
    CHEN_SHIPPED_G,
    build_park,
)


@pytest.fixture
def park(store, master):
    return build_park(store, master)


def _db_sum(store, sql, params):
    return store.db.execute(sql, params).fetchone()[0]


def test_buyer_statement_matches_hand_worked_figures(store, master, park):
    chen = master["buyers"][0]
    st = reports.buyer_statement(store, chen.id, "2026-01-01", "2026-01-31", issued_on="2026-02-01")
    assert st.buyer.name == "陈建华"
    assert len(st.lines) == CHEN_LINES
    assert st.shipped_g == CHEN_SHIPPED_G
    assert st.shipped_fen == CHEN_SHIPPED_FEN == 5_176_982
    assert st.paid_fen == CHEN_PAID_FEN
    assert st.opening_fen == CHEN_OPENING_FEN
    assert st.closing_fen == CHEN_CLOSING_FEN == 3_226_982
    assert st.trucks == 2
    assert [line.ticket_no for line in st.lines] == ["B20260105-001"] * 2 + ["B20260106-001"] * 2
    assert {s.name: (s.lines, s.net_g, s.amount_fen) for s in st.by_crop} == {
        "白萝卜": (3, 18_000_500, 4_246_982),
        "莴笋": (1, 3_000_000, 930_000),
    }
    assert {s.name: (s.net_g, s.amount_fen) for s in st.by_market} == {
        "重庆双福国际农贸城": (13_000_000, 3_330_000),
        "重庆盘溪农产品批发市场": (8_000_500, 1_846_982),
    }
    assert [(p.pay_date, p.method, p.amount_fen) for p in st.payments] == [
        ("2026-01-08", "wechat", 2_000_000)
    ]


def test_buyer_statement_totals_equal_database_sums(store, master, park):
    chen = master["buyers"][0]
    st = reports.buyer_statement(store, chen.id, "2026-01-01", "2026-01-31")
    shipped = _db_sum(
        store,
        "SELECT sum(l.amount_fen) FROM shipment_lines l JOIN shipments s ON s.id = l.shipment_id "
        "WHERE s.buyer_id = ? AND s.ship_date BETWEEN ? AND ?",
        [chen.id, "2026-01-01", "2026-01-31"],
    )
    assert st.shipped_fen == shipped
    assert sum(s.amount_fen for s in st.by_crop) == sum(s.amount_fen for s in st.by_market) == shipped
    assert sum(b.grams for b in st.tonnage) == st.shipped_g
    # The closing balance equals all shipments minus all payments up to the end of the period.
    all_shipped = _db_sum(
        store,
        "SELECT sum(l.amount_fen) FROM shipment_lines l JOIN shipments s ON s.id = l.shipment_id "
        "WHERE s.buyer_id = ? AND s.ship_date <= ?",
        [chen.id, "2026-01-31"],
    )
    all_paid = _db_sum(store, "SELECT sum(amount_fen) FROM payments WHERE buyer_id = ?", [chen.id])
    assert st.closing_fen == all_shipped - all_paid


def test_settled_price_wins_over_agreed(store, master, park):
    zhou = master["buyers"][1]
    st = reports.buyer_statement(store, zhou.id, "2026-01-01", "2026-01-31")
    assert [(line.price, line.amount_fen, line.market) for line in st.lines] == [(18_000, 540_000, "")]
    assert st.opening_fen == 0
    assert st.closing_fen == 540_000


def test_tonnage_bars_daily_for_a_month_and_monthly_for_a_year(store, master, park):
    chen = master["buyers"][0]
    month = reports.buyer_statement(store, chen.id, "2026-01-01", "2026-01-31")
    assert len(month.tonnage) == 31
    assert month.tonnage[4] == reports.Bar("2026-01-05", 13_000_000)
    year = reports.buyer_statement(store, chen.id, "2025-06-01", "2026-05-31")
    assert [b.label for b in year.tonnage][:2] == ["2025-06", "2025-07"]
    assert len(year.tonnage) == 12
    assert dict((b.label, b.grams) for b in year.tonnage)["2025-12"] == 1_000_000


def test_bad_period_is_a_user_error(store, master):
    buyer = master["buyers"][0].id
    with pytest.raises(
        ValidationError, match=r"the period starts \(2026-02-01\) after it ends \(2026-01-01\)"
    ):
        reports.buyer_statement(store, buyer, "2026-02-01", "2026-01-01")
    with pytest.raises(ValidationError, match="is not two dates"):
        reports.buyer_statement(store, buyer, "2026-01-01", "Jan 31")
    for period in ("2026-13", "２０２６", "2026-1", "+2026", "0000", "abcd"):
        with pytest.raises(
            ValidationError, match=r"is not a month \(YYYY-MM\) or a year \(YYYY\) between 1900 and 2099"
        ):
            park_summary.park_report(store, period)


@pytest.mark.parametrize(("start", "end"), [("9999-01-01", "9999-12-31"), ("0001-01-01", "0001-12-31")])
def test_dates_far_in_the_past_or_future_are_refused(store, master, start, end):
    # 9999-12 used to overflow date arithmetic in the tonnage chart (OverflowError, not a message)
    with pytest.raises(ValidationError, match="is not between 1900-01-01 and 2099-12-31"):
        reports.buyer_statement(store, master["buyers"][0].id, start, end)
    with pytest.raises(ValidationError, match="is not between"):
        reports.operator_statement(store, master["operators"][0].id, start, end)
    with pytest.raises(ValidationError, match="between 1900 and 2099"):
        park_summary.park_report(store, start[:4])


def test_the_first_and_last_years_have_a_summary(store, master):
    assert park_summary.park_report(store, "1900").spans.last_year[0] == "1899-01-01"
    assert park_summary.park_report(store, "1900-01").spans.previous == ("1899-12-01", "1899-12-31")
    assert park_summary.park_report(store, "2099-12").end == "2099-12-31"


def test_buyers_active_lists_buyers_with_activity(store, master, park):
    names = [b.name for b in reports.buyers_active(store, "2026-01-01", "2026-01-31")]
    assert sorted(names) == sorted(["陈建华", "周德明"])
    assert reports.buyers_active(store, "2025-01-01", "2025-01-31") == []


def test_operator_statement(store, master, park):
    coop = master["operators"][0]
    st = reports.operator_statement(store, coop.id, "2026-01-01", "2026-01-31")
    assert [h.lot_code for h in st.harvests] == ["L20260105-0001", "L20260106-0002"]
    assert st.harvested_g == 15_000_000
    assert st.shipped_g == 13_000_000
    assert st.revenue_fen == 2_400_000 + 540_000
    assert st.by_crop == (
        reports.CropRevenue("白萝卜", 15_000_000, 13_000_000, 2_940_000, 13_000_000, "daikon radish"),
    )
    assert {b.name: b.amount_fen for b in st.by_buyer} == {"陈建华": 2_400_000, "周德明": 540_000}
    db_revenue = _db_sum(
        store,
        "SELECT sum(l.amount_fen) FROM shipment_lines l JOIN shipments s ON s.id = l.shipment_id "
        "WHERE l.operator_id = ? AND s.ship_date BETWEEN '2026-01-01' AND '2026-01-31'",
        [coop.id],
    )
    assert st.revenue_fen == db_revenue
