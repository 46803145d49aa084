"""db.chart_queries against hand-computed values and against db.queries on the same data (no Qt)."""

from __future__ import annotations

import pytest

from db import chart_queries as cq
from db import queries as q
from tests import chartset

T = 1_000_000


@pytest.fixture
def park(store, master):
    chartset.build(store, master)
    return master


def test_totals_by_bucket(store, park):
    db = store.db
    assert cq.totals(db, "harvest", "month") == [
        ("2024-11-01", 9 * T),
        ("2025-11-01", 12 * T),
        ("2025-12-01", 5 * T),
    ]
    assert cq.totals(db, "harvest", "year") == [("2024-01-01", 9 * T), ("2025-01-01", 17 * T)]
    # 2025-11-10 and 2025-11-20 fall in the ISO weeks starting on Mondays 11-10 and 11-17.
    nov = q.Filters(start="2025-11-01", end="2025-11-30")
    assert cq.totals(db, "harvest", "week", nov) == [("2025-11-10", 10 * T), ("2025-11-17", 2 * T)]
    assert cq.totals(db, "shipment", "day", nov) == [("2025-11-11", 7_500_000), ("2025-11-21", 3 * T)]
    zhou = park["buyers"][1].id
    assert cq.totals(db, "shipment", "month", q.Filters(buyer_ids=(zhou,))) == [("2025-11-01", 3 * T)]
    # Harvests have no buyer: a buyer filter does not narrow them.
    assert cq.totals(db, "harvest", "year", q.Filters(buyer_ids=(zhou,)))[1] == ("2025-01-01", 17 * T)
    assert cq.totals(db, "shipment", "month", q.Filters(market_ids=(None,))) == []


@pytest.mark.parametrize("bucket", ["day", "week", "month", "year"])
def test_totals_agree_with_ungrouped_series(store, park, bucket):
    db = store.db
    radish = park["crops"][0].id
    for f in (q.Filters(), q.Filters(start="2024-11-16", end="2025-11-21"), q.Filters(crop_ids=(radish,))):
        harvested = [(p.period, p.grams) for p in q.harvest_series(db, bucket, None, f)]
        shipped = [(p.period, p.net_g) for p in q.shipment_series(db, bucket, None, f)]
        assert cq.totals(db, "harvest", bucket, f) == harvested
        assert cq.totals(db, "shipment", bucket, f) == shipped


def test_crop_months_agree_with_season_overlay(store, park):
    db = store.db
    radish = park["crops"][0].id
    assert cq.crop_months(db, radish) == [(2024, 11, 5 * T), (2025, 11, 9 * T)]
    assert cq.crop_months(db, radish, kind="harvest", season_years=True) == [
        (2024, 11, 8 * T),
        (2025, 11, 10 * T),
        (2025, 12, 5 * T),
    ]
    for kind in ("shipment", "harvest"):
        for season_years in (False, True):
            for f in (q.Filters(), q.Filters(start="2025-01-01"), q.Filters(crop_ids=(999,))):
                assert cq.crop_months(db, radish, f, kind, season_years) == q.season_overlay(
                    db, radish, f, kind, season_years
                )


def test_bad_arguments_are_refused(store, park):
    with pytest.raises(ValueError):
        cq.totals(store.db, "payments", "month")
    with pytest.raises(ValueError):
        cq.totals(store.db, "harvest", "quarter")
    with pytest.raises(ValueError):
        cq.totals(store.db, "harvest", "month", q.Filters(start="2025-13-01"))
