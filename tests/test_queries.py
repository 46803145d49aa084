"""db.queries against figures worked out by hand on small parks (below, and tests/chartset.py); no Qt."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest

from db import queries as q
from db.queries import Filters
from db.records import Certificate, Harvest, Operator, Payment, Shipment, ShipmentLine
from tests import chartset

T = chartset.T  # grams per tonne

# ---------------------------------------------------------------- the hand-made park
#
# Operators O1 涪江湾 (1500 亩), O2 青禾 (220 亩); crops C1 白萝卜, C2 莴笋; markets M1 双福, M2 盘溪;
# buyers B1 陈建华, B2 周德明 (all from the `master` fixture).
#
# Harvests (final state):
#   H5 2024-01-10 Wed  O1 C1 first        400_000 g
#   H4 2024-12-29 Sun  O2 C1 ungraded     300_000 g
#   H1 2024-12-30 Mon  O1 C1 first      1_000_000 g   (plot 一号地)
#   H2 2025-01-05 Sun  O1 C1 first        500_000 g   (entered as 450_000, then corrected)
#   H3 2025-01-06 Mon  O2 C2 second       200_000 g
#   (H6 2025-01-05 O1 C1 first 77_000 g is entered and then deleted)
#
# Shipment lines (final state); amount = round-half-up(net_g × price / 100_000):
#   S4 2024-01-12 B1 M1    O1 C1 first     400_000 @ 10_000            →  40_000 fen
#   S1 2024-12-30 B1 M1    O1 C1 first   1_200_000 @ 24_000            → 288_000 fen
#                          O2 C1 ungraded  300_000 @ 16_000            →  48_000 fen
#   S2 2025-01-02 B2 —     O1 C1 first     500_000 @ 30_000 settled 20_000 → 100_000 fen
#   S6 2025-01-04 B2 M2    O2 C1 first     100_000 @ 14_000            →  14_000 fen
#   S3 2025-01-06 B1 M2    O2 C2 second    150_000 @ 33_333            →  49_999.5 → 50_000 fen
#      (S3 is entered as 2025-01-07, M1, 100_000 g and then updated to the above)
#   (S5 2025-01-04 B2 M2 O2 C1 first 999_000 @ 12_000 — same summary row as S6 — is deleted)
#
# Payments: P2 B1 2024-02-01 40_000; P1 B1 2025-01-05 200_000; P3 B2 2025-01-10 150_000 fen.
# Certificates: K4 O1 C1 2024-01-12 (S4); K1 O1 C1 2024-12-30 (S1); K3 O1 C1 2025-01-02 (S2, voided);
#               K2 O2 C2 2025-01-06 (S3); K5 O2 C1 2025-01-15 (no shipment).


def _line(op, crop, grade, net_g, agreed, settled=None):
    return ShipmentLine(
        operator_id=op, crop_id=crop, grade=grade, net_g=net_g, agreed_price=agreed, settled_price=settled
    )


def _shipment(ticket, day, buyer, market, *lines, tare=100_000):
    return Shipment(
        ship_date=day,
        ticket_no=ticket,
        buyer_id=buyer,
        market_id=market,
        gross_g=sum(line.net_g for line in lines) + tare,
        tare_g=tare,
        lines=tuple(lines),
    )


def _certificate(op, crop, day, shipment_id=None):
    return Certificate(
        operator_id=op,
        crop_id=crop,
        weight_g=100_000,
        issue_date=day,
        origin="四川省遂宁市船山区老池镇",
        issuer_name="张三",
        shipment_id=shipment_id,
    )


@pytest.fixture
def park(store, master):
    o1, o2 = (o.id for o in master["operators"])
    c1, c2 = (c.id for c in master["crops"])
    m1, m2 = (m.id for m in master["markets"])
    b1, b2 = (b.id for b in master["buyers"])
    plot1 = master["plots"][0].id
    h = store.harvests
    h.add(Harvest(harvest_date="2024-01-10", operator_id=o1, crop_id=c1, weight_g=400_000, grade="first"))
    h.add(Harvest(harvest_date="2024-12-29", operator_id=o2, crop_id=c1, weight_g=300_000))
    h.add(
        Harvest(
            harvest_date="2024-12-30",
            operator_id=o1,
            crop_id=c1,
            weight_g=1_000_000,
            grade="first",
            plot_id=plot1,
        )
    )
    h2 = h.add(
        Harvest(harvest_date="2025-01-05", operator_id=o1, crop_id=c1, weight_g=450_000, grade="first")
    )
    h.update(h2.replace(weight_g=500_000))
    h.add(Harvest(harvest_date="2025-01-06", operator_id=o2, crop_id=c2, weight_g=200_000, grade="second"))
    h6 = h.add(Harvest(harvest_date="2025-01-05", operator_id=o1, crop_id=c1, weight_g=77_000, grade="first"))
    h.delete(h6.id)

    s = store.shipments
    s4 = s.add(_shipment("B4", "2024-01-12", b1, m1, _line(o1, c1, "first", 400_000, 10_000)))
    s1 = s.add(
        _shipment(
            "B1",
            "2024-12-30",
            b1,
            m1,
            _line(o1, c1, "first", 1_200_000, 24_000),
            _line(o2, c1, "ungraded", 300_000, 16_000),
        )
    )
    s2 = s.add(_shipment("B2", "2025-01-02", b2, None, _line(o1, c1, "first", 500_000, 30_000, 20_000)))
    s.add(_shipment("B6", "2025-01-04", b2, m2, _line(o2, c1, "first", 100_000, 14_000)))
    s5 = s.add(_shipment("B5", "2025-01-04", b2, m2, _line(o2, c1, "first", 999_000, 12_000)))
    s3 = s.add(_shipment("B3", "2025-01-07", b1, m1, _line(o2, c2, "second", 100_000, 33_333)))

    p = store.payments
    p.add(Payment(buyer_id=b1, pay_date="2024-02-01", amount_fen=40_000))
    p.add(Payment(buyer_id=b1, pay_date="2025-01-05", amount_fen=200_000, method="wechat"))
    p.add(Payment(buyer_id=b2, pay_date="2025-01-10", amount_fen=150_000, method="cash"))

    c = store.certificates
    c.add(_certificate(o1, c1, "2024-01-12", s4.id))
    c.add(_certificate(o1, c1, "2024-12-30", s1.id))
    k3 = c.add(_certificate(o1, c1, "2025-01-02", s2.id))
    c.void(k3.id, "重量写错")
    c.add(_certificate(o2, c2, "2025-01-06", s3.id))
    c.add(_certificate(o2, c1, "2025-01-15"))

    ids = {
        "o1": o1, "o2": o2, "c1": c1, "c2": c2, "m1": m1, "m2": m2, "b1": b1, "b2": b2,
        "s3": s3.id, "s5": s5.id,
    }  # fmt: skip
    return store, ids


@pytest.fixture
def settled(park):
    """The park after S3 is corrected and S5 deleted."""
    store, ids = park
    s3 = store.shipments.get(ids["s3"])
    store.shipments.update(
        s3.replace(
            ship_date="2025-01-06",
            market_id=ids["m2"],
            lines=(s3.lines[0].replace(id=None, net_g=150_000),),
            gross_g=250_000,
        )
    )
    store.shipments.delete(ids["s5"])
    return store.db, ids


@pytest.fixture
def chart_park(store, master):
    """The chart tests' park (tests/chartset.py): November 2025 against November 2024."""
    chartset.build(store, master)
    return store.db, master


# ---------------------------------------------------------------- dates and periods


def test_season_runs_november_to_october():
    season = (date(2024, 11, 1), date(2025, 10, 31))
    assert q.season_of(date(2024, 11, 1)) == season
    assert q.season_of(date(2025, 1, 15)) == season
    assert q.season_of(date(2025, 10, 31)) == season
    assert q.season_of(date(2025, 11, 1)) == (date(2025, 11, 1), date(2026, 10, 31))
    assert q.season_of(date(2024, 10, 31)) == (date(2023, 11, 1), date(2024, 10, 31))


def test_month_and_year_shifts():
    assert q.month_of(date(2024, 2, 10)) == (date(2024, 2, 1), date(2024, 2, 29))
    assert q.month_of(date(2025, 12, 31)) == (date(2025, 12, 1), date(2025, 12, 31))
    assert q.shift_years(date(2024, 2, 29), -1) == date(2023, 2, 28)
    assert q.shift_years(date(2025, 3, 1), -1) == date(2024, 3, 1)


def test_bucket_start_labels():
    # 2024-12-30 is a Monday: it is its own week's label, and so are the days after it to Sunday.
    assert q.bucket_start("2024-12-30", "week") == "2024-12-30"
    assert q.bucket_start("2025-01-05", "week") == "2024-12-30"
    assert q.bucket_start("2025-01-06", "week") == "2025-01-06"
    assert q.bucket_start("2024-12-29", "week") == "2024-12-23"
    assert q.bucket_start("2025-07-19", "month") == "2025-07-01"
    assert q.bucket_start("2025-07-19", "year") == "2025-01-01"
    assert q.bucket_start(date(2025, 7, 19), "day") == "2025-07-19"
    with pytest.raises(ValueError, match="bucket"):
        q.bucket_start("2025-07-19", "quarter")


def test_periods_cover_the_range_including_empty_buckets():
    assert q.periods("2024-12-25", "2025-01-07", "week") == ["2024-12-23", "2024-12-30", "2025-01-06"]
    assert q.periods("2024-11-15", "2025-02-01", "month") == [
        "2024-11-01",
        "2024-12-01",
        "2025-01-01",
        "2025-02-01",
    ]
    assert q.periods("2024-12-31", "2025-01-02", "day") == ["2024-12-31", "2025-01-01", "2025-01-02"]
    assert q.periods("2023-06-01", "2025-01-01", "year") == ["2023-01-01", "2024-01-01", "2025-01-01"]


def test_sql_week_buckets_match_iso_mondays_across_year_ends(store, master):
    """One harvest a day around four New Years; every week total must match Python's ISO Monday."""
    o1, c1 = master["operators"][0].id, master["crops"][0].id
    days = []
    for year in (2020, 2024, 2026, 2027):  # 2021-01-03 is a Sunday in ISO week 53 of 2020
        first = date(year, 12, 20)
        days += [first + timedelta(days=i) for i in range(21)]
    store.harvests.add_many(
        Harvest(harvest_date=d.isoformat(), operator_id=o1, crop_id=c1, weight_g=1000 + d.toordinal() % 97)
        for d in days
    )
    expected: dict[str, int] = {}
    for d in days:
        monday = d - timedelta(days=d.isoweekday() - 1)
        assert monday.isocalendar()[1:] == (d.isocalendar()[1], 1)
        expected[monday.isoformat()] = expected.get(monday.isoformat(), 0) + 1000 + d.toordinal() % 97
    got = q.harvest_series(store.db, "week", None, Filters())
    assert {p.period: p.grams for p in got} == expected
    assert [p.period for p in got] == sorted(expected)
    assert "2020-12-28" in expected and "2027-12-27" in expected  # Mondays whose week ends in January


# ---------------------------------------------------------------- counts, bounds, yearly figures


def test_record_counts(settled):
    db, _ = settled
    counts = q.record_counts(db)
    assert {k: v for k, v in counts.items() if k != "audit_log"} == {
        "operators": 2,
        "plots": 2,
        "crops": 2,
        "markets": 2,
        "buyers": 2,
        "harvests": 5,  # H6 deleted
        "shipments": 5,  # S5 deleted
        "shipment_lines": 6,
        "payments": 3,
        "certificates": 5,  # the voided one stays
    }
    assert counts["audit_log"] == db.execute("SELECT count(*) FROM audit_log").fetchone()[0] > 0


def test_date_bounds(settled):
    db, _ = settled
    # First: harvest H5 2024-01-10 (before shipment S4 2024-01-12); last: S3 and H3 on 2025-01-06.
    assert q.date_bounds(db) == ("2024-01-10", "2025-01-06")


def test_date_bounds_empty(store):
    assert q.date_bounds(store.db) == (None, None)
    assert q.yearly_totals(store.db) == []


def test_yearly_totals(settled):
    db, _ = settled
    assert q.yearly_totals(db) == [
        # harvested 400_000 + 300_000 + 1_000_000; shipped 400_000 + 1_200_000 + 300_000;
        # revenue 40_000 + 288_000 + 48_000; payments P2 40_000
        q.YearTotal(2024, 1_700_000, 1_900_000, 376_000, 40_000),
        # harvested 500_000 + 200_000; shipped 500_000 + 100_000 + 150_000;
        # revenue 100_000 + 14_000 + 50_000; payments 200_000 + 150_000
        q.YearTotal(2025, 700_000, 750_000, 164_000, 350_000),
    ]


def test_yearly_by(settled):
    db, i = settled
    assert q.yearly_by(db, "harvest", "operator") == [
        (2024, i["o1"], "涪江湾合作社", 1_400_000),  # 400_000 + 1_000_000
        (2024, i["o2"], "青禾家庭农场", 300_000),
        (2025, i["o1"], "涪江湾合作社", 500_000),
        (2025, i["o2"], "青禾家庭农场", 200_000),
    ]
    assert q.yearly_by(db, "harvest", "crop") == [
        (2024, i["c1"], "白萝卜", 1_700_000),
        (2025, i["c1"], "白萝卜", 500_000),
        (2025, i["c2"], "莴笋", 200_000),
    ]
    assert q.yearly_by(db, "shipment", "market") == [
        (2024, i["m1"], "重庆双福国际农贸城", 1_900_000),
        (2025, None, "", 500_000),  # S2 had no market
        (2025, i["m2"], "重庆盘溪农产品批发市场", 250_000),  # S6 100_000 + S3 150_000
    ]
    assert q.yearly_by(db, "shipment", "buyer") == [
        (2024, i["b1"], "陈建华", 1_900_000),
        (2025, i["b2"], "周德明", 600_000),  # S2 500_000 + S6 100_000
        (2025, i["b1"], "陈建华", 150_000),
    ]
    assert q.yearly_by(db, "shipment", "operator")[0] == (2024, i["o1"], "涪江湾合作社", 1_600_000)
    with pytest.raises(ValueError, match="harvest"):
        q.yearly_by(db, "harvest", "market")
    with pytest.raises(ValueError):
        q.yearly_by(db, "payments", "buyer")


# ---------------------------------------------------------------- harvest series


def test_harvest_series_by_week_across_new_year(settled):
    db, i = settled
    assert q.harvest_series(db, "week", None, Filters()) == [
        q.SeriesPoint("2024-01-08", None, 400_000),  # H5, Wednesday 2024-01-10
        q.SeriesPoint("2024-12-23", None, 300_000),  # H4, Sunday 2024-12-29
        q.SeriesPoint("2024-12-30", None, 1_500_000),  # H1 Monday + H2 Sunday 2025-01-05
        q.SeriesPoint("2025-01-06", None, 200_000),  # H3, a Monday, opens its own week
    ]
    assert q.harvest_series(db, "week", "crop", Filters()) == [
        q.SeriesPoint("2024-01-08", i["c1"], 400_000),
        q.SeriesPoint("2024-12-23", i["c1"], 300_000),
        q.SeriesPoint("2024-12-30", i["c1"], 1_500_000),
        q.SeriesPoint("2025-01-06", i["c2"], 200_000),
    ]


def test_harvest_series_buckets_and_filters(settled):
    db, i = settled
    assert q.harvest_series(db, "month", "operator", Filters(start="2024-12-01")) == [
        q.SeriesPoint("2024-12-01", i["o1"], 1_000_000),
        q.SeriesPoint("2024-12-01", i["o2"], 300_000),
        q.SeriesPoint("2025-01-01", i["o1"], 500_000),
        q.SeriesPoint("2025-01-01", i["o2"], 200_000),
    ]
    assert q.harvest_series(db, "year", None) == [
        q.SeriesPoint("2024-01-01", None, 1_700_000),
        q.SeriesPoint("2025-01-01", None, 700_000),
    ]
    only_o1_first = Filters(operator_ids=(i["o1"],), grades=("first",))
    assert q.harvest_series(db, "day", None, only_o1_first) == [
        q.SeriesPoint("2024-01-10", None, 400_000),
        q.SeriesPoint("2024-12-30", None, 1_000_000),
        q.SeriesPoint("2025-01-05", None, 500_000),
    ]
    # Inclusive ends; OR within a dimension, AND across dimensions.
    window = Filters(
        start="2024-12-29", end="2025-01-05", operator_ids=(i["o1"], i["o2"]), crop_ids=(i["c1"],)
    )
    assert q.harvest_series(db, "day", None, window) == [
        q.SeriesPoint("2024-12-29", None, 300_000),
        q.SeriesPoint("2024-12-30", None, 1_000_000),
        q.SeriesPoint("2025-01-05", None, 500_000),
    ]
    # Harvests have no buyer or market: those filters are ignored.
    assert q.harvest_series(db, "year", None, Filters(buyer_ids=(i["b2"],), market_ids=(i["m2"],))) == (
        q.harvest_series(db, "year", None)
    )
    assert q.harvest_series(db, "day", None, Filters(crop_ids=(9999,))) == []


def test_ungrouped_series_on_the_chart_park(chart_park):
    db, park = chart_park

    def harvested(bucket, f=None):
        return [(p.period, p.grams) for p in q.harvest_series(db, bucket, None, f or Filters())]

    def shipped(bucket, f=None):
        return [(p.period, p.net_g) for p in q.shipment_series(db, bucket, None, f or Filters())]

    assert harvested("month") == [("2024-11-01", 9 * T), ("2025-11-01", 12 * T), ("2025-12-01", 5 * T)]
    assert harvested("year") == [("2024-01-01", 9 * T), ("2025-01-01", 17 * T)]
    # 2025-11-10 and 2025-11-20 fall in the ISO weeks starting on Mondays 11-10 and 11-17.
    nov = Filters(start="2025-11-01", end="2025-11-30")
    assert harvested("week", nov) == [("2025-11-10", 10 * T), ("2025-11-17", 2 * T)]
    assert shipped("day", nov) == [("2025-11-11", 7_500_000), ("2025-11-21", 3 * T)]
    zhou = park["buyers"][1].id
    assert shipped("month", Filters(buyer_ids=(zhou,))) == [("2025-11-01", 3 * T)]
    # Harvests have no buyer: a buyer filter does not narrow them.
    assert harvested("year", Filters(buyer_ids=(zhou,)))[1] == ("2025-01-01", 17 * T)
    assert shipped("month", Filters(market_ids=(None,))) == []


def _per_period(points) -> dict[str, tuple[int, ...]]:
    """Grams (and amounts, for shipments) summed per period over the keys."""
    out: dict[str, tuple[int, ...]] = {}
    for p in points:
        value = (p.grams,) if isinstance(p, q.SeriesPoint) else (p.net_g, p.amount_fen)
        old = out.get(p.period, (0,) * len(value))
        out[p.period] = tuple(a + b for a, b in zip(old, value, strict=True))
    return out


@pytest.mark.parametrize("bucket", q.BUCKETS)
def test_ungrouped_series_are_the_sums_of_the_grouped_ones(chart_park, bucket):
    """Ungrouped series are grouped by day alone, grouped ones by day and key: both add up alike."""
    db, park = chart_park
    radish = park["crops"][0].id
    for f in (Filters(), Filters(start="2024-11-16", end="2025-11-21"), Filters(crop_ids=(radish,))):
        for series, keys in (
            (q.harvest_series, ("operator", "crop")),
            (q.shipment_series, ("operator", "crop", "market", "buyer")),
        ):
            points = series(db, bucket, None, f)
            whole = _per_period(points)
            assert whole and [p.period for p in points] == sorted(whole)
            for key in keys:
                assert _per_period(series(db, bucket, key, f)) == whole, (series.__name__, key, f)


def test_bad_arguments_are_refused(settled):
    db, i = settled
    with pytest.raises(ValueError, match="bucket"):
        q.harvest_series(db, "quarter", None)
    with pytest.raises(ValueError, match="grouped"):
        q.harvest_series(db, "week", "buyer")
    with pytest.raises(ValueError, match="not a date"):
        q.shipment_series(db, "week", None, Filters(start="2024-1-5"))
    with pytest.raises(ValueError, match="not a date"):
        q.buyer_balances(db, "2025/01/01")
    with pytest.raises(ValueError, match="kind"):
        q.season_overlay(db, i["c1"], kind="payments")


# ---------------------------------------------------------------- shipment series, prices, flows


def test_shipment_series_by_week_and_market(settled):
    db, i = settled
    assert q.shipment_series(db, "week", "market", Filters()) == [
        q.ShipPoint("2024-01-08", i["m1"], 400_000, 40_000),  # S4 Friday 2024-01-12
        q.ShipPoint("2024-12-30", None, 500_000, 100_000),  # S2 Thursday 2025-01-02, no market
        q.ShipPoint("2024-12-30", i["m1"], 1_500_000, 336_000),  # S1: 288_000 + 48_000
        q.ShipPoint("2024-12-30", i["m2"], 100_000, 14_000),  # S6 Saturday 2025-01-04
        q.ShipPoint("2025-01-06", i["m2"], 150_000, 50_000),  # S3 after its update
    ]


def test_shipment_series_filters(settled):
    db, i = settled
    no_market = Filters(market_ids=(None,))
    assert q.shipment_series(db, "month", None, no_market) == [
        q.ShipPoint("2025-01-01", None, 500_000, 100_000)
    ]
    assert q.shipment_series(db, "day", "buyer", Filters(grades=("first",))) == [
        q.ShipPoint("2024-01-12", i["b1"], 400_000, 40_000),
        q.ShipPoint("2024-12-30", i["b1"], 1_200_000, 288_000),
        q.ShipPoint("2025-01-02", i["b2"], 500_000, 100_000),
        q.ShipPoint("2025-01-04", i["b2"], 100_000, 14_000),
    ]
    # C1 to a named market: S4 (O1), S1 (O1 and O2), S6 (O2).
    named = Filters(crop_ids=(i["c1"],), market_ids=(i["m1"], i["m2"]))
    assert q.shipment_series(db, "year", "operator", named) == [
        q.ShipPoint("2024-01-01", i["o1"], 1_600_000, 328_000),  # 400_000 + 1_200_000 g; 40_000 + 288_000
        q.ShipPoint("2024-01-01", i["o2"], 300_000, 48_000),
        q.ShipPoint("2025-01-01", i["o2"], 100_000, 14_000),
    ]
    window = Filters(start="2024-12-30", end="2025-01-04")
    assert q.shipment_series(db, "day", "crop", window) == [
        q.ShipPoint("2024-12-30", i["c1"], 1_500_000, 336_000),
        q.ShipPoint("2025-01-02", i["c1"], 500_000, 100_000),
        q.ShipPoint("2025-01-04", i["c1"], 100_000, 14_000),
    ]
    b2_or_none = Filters(buyer_ids=(i["b2"],), market_ids=(None, i["m1"]))
    assert q.shipment_series(db, "year", None, b2_or_none) == [
        q.ShipPoint("2025-01-01", None, 500_000, 100_000)
    ]


def test_update_and_delete_keep_the_summary_exact(park):
    store, i = park
    db = store.db
    day = Filters(start="2025-01-04", end="2025-01-07")
    # Before: S6 100_000 @ 14_000 and S5 999_000 @ 12_000 share one summary row; S3 still on 01-07 to M1.
    assert q.price_series(db, "day", day) == [
        q.PricePoint("2025-01-04", i["c1"], 1_099_000, 133_880, 12_000, 14_000),  # 14_000 + 119_880
        q.PricePoint("2025-01-07", i["c2"], 100_000, 33_333, 33_333, 33_333),  # 33_333 exactly
    ]
    s3 = store.shipments.get(i["s3"])
    store.shipments.update(
        s3.replace(
            ship_date="2025-01-06",
            market_id=i["m2"],
            lines=(s3.lines[0].replace(id=None, net_g=150_000),),
            gross_g=250_000,
        )
    )
    store.shipments.delete(i["s5"])
    # After: the deleted line's weight, amount and low price are gone; S3 moved day and market.
    assert q.price_series(db, "day", day) == [
        q.PricePoint("2025-01-04", i["c1"], 100_000, 14_000, 14_000, 14_000),
        q.PricePoint("2025-01-06", i["c2"], 150_000, 50_000, 33_333, 33_333),
    ]
    assert q.shipment_series(db, "day", "market", day) == [
        q.ShipPoint("2025-01-04", i["m2"], 100_000, 14_000),
        q.ShipPoint("2025-01-06", i["m2"], 150_000, 50_000),
    ]
    # The summary agrees with the base tables row for row.
    base = db.execute(
        "SELECT sum(l.net_g), sum(l.amount_fen) FROM shipment_lines l JOIN shipments s ON s.id = l.shipment_id"
    ).fetchone()
    total = q.kpis(db, "2000-01-01", "2099-12-31")
    assert (total.shipped_g, total.revenue_fen) == tuple(base) == (2_650_000, 540_000)


def test_price_series_by_crop_uses_settled_prices(settled):
    db, i = settled
    points = q.price_series(db, "month", Filters())
    assert points == [
        q.PricePoint("2024-01-01", i["c1"], 400_000, 40_000, 10_000, 10_000),
        q.PricePoint("2024-12-01", i["c1"], 1_500_000, 336_000, 16_000, 24_000),
        # S2 settled at 20_000 (agreed 30_000 never counts) and S6 at 14_000.
        q.PricePoint("2025-01-01", i["c1"], 600_000, 114_000, 14_000, 20_000),
        q.PricePoint("2025-01-01", i["c2"], 150_000, 50_000, 33_333, 33_333),
    ]
    # Weighted mean = amount × 100_000 / grams, half up, in 0.0001 元/kg.
    assert [p.mean_price for p in points] == [
        10_000,  # 40_000 × 100_000 / 400_000
        22_400,  # 336_000 × 100_000 / 1_500_000
        19_000,  # 114_000 × 100_000 / 600_000
        33_333,  # 50_000 × 100_000 / 150_000 = 33_333.33…
    ]
    assert points[1].mean_price_per_kg == Decimal("2.24")
    assert points[3].mean_price_per_kg == Decimal("3.3333")


def test_price_series_all_crops(settled):
    db, _ = settled
    points = q.price_series(db, "year", Filters(), by_crop=False)
    assert points == [
        q.PricePoint("2024-01-01", None, 1_900_000, 376_000, 10_000, 24_000),
        q.PricePoint("2025-01-01", None, 750_000, 164_000, 14_000, 33_333),
    ]
    # 376_000 × 100_000 / 1_900_000 = 19_789.47… → 19_789; 164_000 × 100_000 / 750_000 = 21_866.67… → 21_867
    assert [p.mean_price for p in points] == [19_789, 21_867]
    assert points[1].mean_price_per_kg == Decimal("2.1867")


def test_flows(settled):
    db, i = settled
    assert q.flows(db, Filters()) == [
        q.Flow(i["o1"], i["b1"], i["m1"], 1_600_000),  # S4 400_000 + S1 1_200_000
        q.Flow(i["o1"], i["b2"], None, 500_000),  # S2
        q.Flow(i["o2"], i["b1"], i["m1"], 300_000),  # S1
        q.Flow(i["o2"], i["b1"], i["m2"], 150_000),  # S3
        q.Flow(i["o2"], i["b2"], i["m2"], 100_000),  # S6
    ]
    assert q.flows(db, Filters(start="2025-01-01", operator_ids=(i["o2"],))) == [
        q.Flow(i["o2"], i["b1"], i["m2"], 150_000),
        q.Flow(i["o2"], i["b2"], i["m2"], 100_000),
    ]


def test_season_overlay(settled):
    db, i = settled
    assert q.season_overlay(db, i["c1"]) == [
        (2024, 1, 400_000),
        (2024, 12, 1_500_000),
        (2025, 1, 600_000),  # S2 500_000 + S6 100_000
    ]
    # Park seasons: January 2024 belongs to the 2023 season; Dec 2024 and Jan 2025 to the 2024 one.
    assert q.season_overlay(db, i["c1"], season_years=True) == [
        (2023, 1, 400_000),
        (2024, 12, 1_500_000),
        (2024, 1, 600_000),
    ]
    # Harvested instead; the crop argument replaces any crop filter.
    assert q.season_overlay(db, i["c1"], Filters(crop_ids=(i["c2"],)), kind="harvest") == [
        (2024, 1, 400_000),
        (2024, 12, 1_300_000),  # H4 300_000 + H1 1_000_000
        (2025, 1, 500_000),
    ]


def test_season_overlay_on_the_chart_park(chart_park):
    db, park = chart_park
    radish = park["crops"][0].id
    assert q.season_overlay(db, radish) == [(2024, 11, 5 * T), (2025, 11, 9 * T)]  # 6 t + 3 t in 2025
    assert q.season_overlay(db, radish, Filters(start="2025-01-01")) == [(2025, 11, 9 * T)]
    # November and December 2025 belong to the season starting in 2025, in season order.
    assert q.season_overlay(db, radish, kind="harvest", season_years=True) == [
        (2024, 11, 8 * T),
        (2025, 11, 10 * T),
        (2025, 12, 5 * T),
    ]


# ---------------------------------------------------------------- operators, buyers, KPIs


def test_operator_summary(settled):
    db, i = settled
    o1, o2 = q.operator_summary(db, Filters())
    # O1 harvested 400_000 + 1_000_000 + 500_000, shipped 400_000 + 1_200_000 + 500_000,
    # revenue 40_000 + 288_000 + 100_000. O2 harvested 300_000 + 200_000, shipped
    # 300_000 + 100_000 + 150_000, revenue 48_000 + 14_000 + 50_000. Park: 2_400_000 / 2_650_000 g.
    assert o1 == q.OperatorStat(
        operator_id=i["o1"],
        name="涪江湾合作社",
        area_mu_x100=150_000,
        harvested_g=1_900_000,
        shipped_g=2_100_000,
        revenue_fen=428_000,
        share=Fraction(19, 24),
        shipped_share=Fraction(42, 53),
        yield_per_mu_g=1_267,  # 1_900_000 g / 1500 亩 = 1266.67
    )
    assert o2 == q.OperatorStat(
        operator_id=i["o2"],
        name="青禾家庭农场",
        area_mu_x100=22_000,
        harvested_g=500_000,
        shipped_g=550_000,
        revenue_fen=112_000,
        share=Fraction(5, 24),
        shipped_share=Fraction(11, 53),
        yield_per_mu_g=2_273,  # 500_000 g / 220 亩 = 2272.73
    )
    assert (o1.share_bp, o2.share_bp) == (7_917, 2_083)  # 7916.67 and 2083.33, half up


def test_operator_summary_share_is_of_the_whole_park(settled):
    db, i = settled
    (o2,) = q.operator_summary(db, Filters(start="2025-01-01", operator_ids=(i["o2"],)))
    # 2025: O2 harvested 200_000 of the park's 700_000; shipped 250_000 of 750_000.
    assert (o2.harvested_g, o2.shipped_g, o2.revenue_fen) == (200_000, 250_000, 64_000)
    assert (o2.share, o2.shipped_share) == (Fraction(2, 7), Fraction(1, 3))
    assert o2.yield_per_mu_g == 909  # 200_000 × 100 / 22_000 = 909.09


def test_operator_summary_lists_idle_operators_and_skips_archived_idle_ones(settled, store):
    db, i = settled
    idle = store.operators.add(Operator(name="闲置农场", kind="family_farm"))
    gone = store.operators.add(Operator(name="已撤销合作社"))
    store.operators.archive(gone.id)
    stats = q.operator_summary(db, Filters())
    assert [s.operator_id for s in stats] == [i["o1"], i["o2"], idle.id]
    assert stats[2].share == 0 and stats[2].yield_per_mu_g is None


def test_buyer_balances(settled):
    db, i = settled
    assert q.buyer_balances(db) == [
        # B1 shipped 40_000 + 336_000 + 50_000, paid 40_000 + 200_000.
        q.BuyerBalance(i["b1"], "陈建华", 426_000, 240_000, 186_000, "2025-01-06", "2025-01-05"),
        # B2 shipped 100_000 + 14_000, paid 150_000: in credit.
        q.BuyerBalance(i["b2"], "周德明", 114_000, 150_000, -36_000, "2025-01-04", "2025-01-10"),
    ]
    assert q.buyer_balances(db, as_of="2025-01-03") == [
        q.BuyerBalance(i["b1"], "陈建华", 376_000, 40_000, 336_000, "2024-12-30", "2024-02-01"),
        q.BuyerBalance(i["b2"], "周德明", 100_000, 0, 100_000, "2025-01-02", None),
    ]


def test_kpis_for_a_month(settled):
    db, _ = settled
    k = q.kpis(db, "2025-01-01", "2025-01-31")
    assert k == q.Kpis(
        start="2025-01-01",
        end="2025-01-31",
        harvested_g=700_000,
        shipped_g=750_000,
        revenue_fen=164_000,
        outstanding_fen=186_000,  # B1 owes 186_000; B2's credit of 36_000 does not offset it
        certificates_issued=2,  # K2 and K5; K3 was voided
        payable_g=750_000,  # no deductions here
    )
    assert k.mean_price == 21_867 and k.mean_price_per_kg == Decimal("2.1867")
    empty = q.kpis(db, "2023-01-01", "2023-01-31")
    assert (empty.shipped_g, empty.mean_price, empty.mean_price_per_kg) == (0, None, None)


def test_kpis_with_filters(settled):
    db, i = settled
    by_o2 = q.kpis(db, "2025-01-01", "2025-01-31", Filters(operator_ids=(i["o2"],), start="1999-01-01"))
    # O2: H3 200_000; S6 100_000 + S3 150_000 g, 14_000 + 50_000 fen; K2 and K5.
    assert (by_o2.harvested_g, by_o2.shipped_g, by_o2.revenue_fen) == (200_000, 250_000, 64_000)
    assert by_o2.certificates_issued == 2
    by_b1 = q.kpis(db, "2025-01-01", "2025-01-31", Filters(buyer_ids=(i["b1"],)))
    # Harvests ignore the buyer; S3 only; B1's balance only; K2 (via S3) only — K5 has no shipment.
    assert (by_b1.harvested_g, by_b1.shipped_g, by_b1.revenue_fen) == (700_000, 150_000, 50_000)
    assert (by_b1.outstanding_fen, by_b1.certificates_issued) == (186_000, 1)
    by_b2 = q.kpis(db, "2025-01-01", "2025-01-31", Filters(buyer_ids=(i["b2"],)))
    assert by_b2.outstanding_fen == 0  # in credit
    no_market = q.kpis(db, "2025-01-01", "2025-01-31", Filters(market_ids=(None,)))
    assert (no_market.shipped_g, no_market.certificates_issued) == (500_000, 0)  # S2; K3 is void


def test_compare_kpis_with_same_period_last_year(settled):
    db, _ = settled
    this, last = q.compare_kpis(db, "2025-01-01", "2025-01-31")
    assert (this.shipped_g, this.certificates_issued) == (750_000, 2)
    assert last == q.Kpis(
        start="2024-01-01",
        end="2024-01-31",
        harvested_g=400_000,
        shipped_g=400_000,
        revenue_fen=40_000,
        outstanding_fen=40_000,  # S4 unpaid until 2024-02-01
        certificates_issued=1,
        payable_g=400_000,
    )
    assert q.change_bp(this.shipped_g, last.shipped_g) == 8_750  # 350_000 / 400_000 = 87.5 %
    # A period ending on the last day of February compares with the whole of last February.
    _, leap = q.compare_kpis(db, "2025-02-01", "2025-02-28")
    assert (leap.start, leap.end) == ("2024-02-01", "2024-02-29")
    _, back = q.compare_kpis(db, "2024-02-29", "2024-02-29")
    assert (back.start, back.end) == ("2023-02-28", "2023-02-28")
    season = Filters(start="2024-11-01", end="2025-10-31", crop_ids=(1,)).shifted(-1)
    assert season == Filters(start="2023-11-01", end="2024-10-31", crop_ids=(1,))
    assert Filters().shifted(-1) == Filters()


def test_change_bp_rounds_half_away_from_zero():
    assert q.change_bp(100_005, 100_000) == 1  # +0.5 bp
    assert q.change_bp(99_995, 100_000) == -1  # −0.5 bp
    assert q.change_bp(1, 3) == -6_667  # −6666.67 bp
    assert q.change_bp(5, 0) is None


def test_plain_sqlite_connection_works(settled, db_path):
    conn = sqlite3.connect(db_path)
    try:
        assert q.yearly_totals(conn)[0].shipped_g == 1_900_000
    finally:
        conn.close()
