"""The SQL behind the big tables: filtered, sorted id lists and block fetches (no Qt)."""

from __future__ import annotations

from array import array

import pytest

from db.browse import BrowseFilter, HarvestBrowser, ShipmentBrowser
from db.records import Harvest, Shipment, ShipmentLine


@pytest.fixture
def trade(store, master):
    ops, crops, buyers, markets = master["operators"], master["crops"], master["buyers"], master["markets"]
    h = [
        store.harvests.add(Harvest("2026-01-05", ops[0].id, crops[0].id, 1_500_000, grade="first")),
        store.harvests.add(Harvest("2026-01-06", ops[1].id, crops[1].id, 800_000, notes="雨后")),
        store.harvests.add(Harvest("2026-01-06", ops[0].id, crops[1].id, 2_000_000, grade="special")),
        store.harvests.add(
            Harvest("2026-01-07", ops[1].id, crops[0].id, 500_000, plot_id=master["plots"][1].id)
        ),
    ]
    s = [
        store.shipments.add(
            Shipment(
                "2026-01-06",
                "B20260106-001",
                buyers[0].id,
                9_000_000,
                3_000_000,
                market_id=markets[0].id,
                plate="渝C12345",
                lines=(
                    ShipmentLine(
                        ops[0].id, crops[0].id, 4_000_000, 24_000, grade="first", lot_ids=(h[0].id,)
                    ),
                    ShipmentLine(ops[1].id, crops[1].id, 2_000_000, 30_000),
                ),
            )
        ),
        store.shipments.add(
            Shipment(
                "2026-01-07",
                "B20260107-001",
                buyers[1].id,
                5_000_000,
                2_000_000,
                market_id=None,
                plate="川JA1234",
                payment_status="paid",
                lines=(ShipmentLine(ops[1].id, crops[0].id, 3_000_000, 10_000),),
            )
        ),
        store.shipments.add(
            Shipment(
                "2026-01-05",
                "B20260105-001",
                buyers[1].id,
                4_000_000,
                1_000_000,
                market_id=markets[1].id,
                payment_status="partial",
                lines=(ShipmentLine(ops[0].id, crops[1].id, 3_000_000, 20_000, grade="special"),),
            )
        ),
    ]
    return {"h": h, "s": s, **master}


def test_ids_are_an_int64_array_sorted_by_date_newest_first(store, trade):
    ids = HarvestBrowser(store.db).ids()
    h = trade["h"]
    assert isinstance(ids, array) and ids.typecode == "q"
    assert list(ids) == [h[3].id, h[2].id, h[1].id, h[0].id]
    assert list(HarvestBrowser(store.db).ids(descending=False)) == [h[0].id, h[1].id, h[2].id, h[3].id]


def test_sort_by_name_walks_the_master_table_in_name_order(store, trade):
    browser = HarvestBrowser(store.db)
    rows = browser.rows(browser.ids(sort="operator", descending=False))
    ordered = [rows[i] for i in browser.ids(sort="operator", descending=False)]
    names = [r.operator for r in ordered]
    assert len(names) == 4 and len(set(names)) == 2  # every lot, of both operators
    assert names == sorted(names)
    # within one operator, by date
    assert [r.harvest_date for r in ordered if r.operator == names[0]] == sorted(
        r.harvest_date for r in ordered if r.operator == names[0]
    )
    desc = browser.ids(sort="operator", descending=True)
    assert [rows[i].operator for i in desc] == sorted(names, reverse=True)


def test_sort_by_weight_and_lot(store, trade):
    browser = HarvestBrowser(store.db)
    rows = browser.rows(browser.ids())
    weights = [rows[i].weight_g for i in browser.ids(sort="weight", descending=False)]
    assert weights == [500_000, 800_000, 1_500_000, 2_000_000]
    lots = [rows[i].lot_code for i in browser.ids(sort="lot", descending=True)]
    assert len(set(lots)) == 4 and lots == sorted(lots, reverse=True)


def test_harvest_filters_combine(store, trade):
    browser = HarvestBrowser(store.db)
    h, ops, crops = trade["h"], trade["operators"], trade["crops"]
    assert set(browser.ids(BrowseFilter(operator_ids=(ops[0].id,)))) == {h[0].id, h[2].id}
    assert set(browser.ids(BrowseFilter(operator_ids=(ops[0].id,), crop_ids=(crops[1].id,)))) == {h[2].id}
    assert set(browser.ids(BrowseFilter(start="2026-01-06", end="2026-01-06"))) == {h[1].id, h[2].id}
    assert set(browser.ids(BrowseFilter(grades=("special", "first")))) == {h[0].id, h[2].id}
    assert browser.count(BrowseFilter(grades=("special", "first"))) == 2


def test_harvest_search_by_lot_alias_traditional_and_notes(store, trade):
    browser = HarvestBrowser(store.db)
    h = trade["h"]
    assert list(browser.ids(BrowseFilter(search=h[1].lot_code.lower()))) == [h[1].id]
    assert set(browser.ids(BrowseFilter(search="蘿蔔"))) == {h[0].id, h[3].id}  # Traditional → 白萝卜
    assert set(browser.ids(BrowseFilter(search="涪江湾"))) == {h[0].id, h[2].id}
    assert list(browser.ids(BrowseFilter(search="雨后"))) == [h[1].id]
    assert list(browser.ids(BrowseFilter(search="河边"))) == [h[3].id]  # plot name
    assert list(browser.ids(BrowseFilter(search="nothing-like-this"))) == []


def test_harvest_rows_carry_names_and_shipped_lines(store, trade):
    h = trade["h"]
    rows = HarvestBrowser(store.db).rows([h[0].id, h[3].id, 999_999])
    assert set(rows) == {h[0].id, h[3].id}
    assert rows[h[0].id].operator == "涪江湾合作社"
    assert rows[h[0].id].crop == "白萝卜"
    assert rows[h[0].id].shipped_lines == 1
    assert rows[h[3].id].plot == "河边地"
    assert rows[h[3].id].shipped_lines == 0


def test_shipment_rows_total_their_lines(store, trade):
    s = trade["s"]
    rows = ShipmentBrowser(store.db).rows([s[0].id, s[1].id])
    first = rows[s[0].id]
    assert (first.lines, first.lines_net_g, first.net_g) == (2, 6_000_000, 6_000_000)
    assert first.amount_fen == 960_000 + 600_000  # 4000 kg × 2.4 + 2000 kg × 3.0
    assert first.market == "重庆双福国际农贸城"
    assert rows[s[1].id].market == ""


def test_shipment_line_filters_use_one_line(store, trade):
    browser = ShipmentBrowser(store.db)
    s, ops, crops = trade["s"], trade["operators"], trade["crops"]
    assert set(browser.ids(BrowseFilter(operator_ids=(ops[1].id,)))) == {s[0].id, s[1].id}
    # operator 0 with crop 0 only on shipment 0; operator 0's 莴笋 is on shipment 2
    assert list(browser.ids(BrowseFilter(operator_ids=(ops[0].id,), crop_ids=(crops[0].id,)))) == [s[0].id]
    assert list(browser.ids(BrowseFilter(grades=("special",)))) == [s[2].id]
    assert list(browser.ids(BrowseFilter(payment_statuses=("paid", "partial")))) == [s[1].id, s[2].id]
    assert list(browser.ids(BrowseFilter(buyer_ids=(trade["buyers"][0].id,)))) == [s[0].id]


def test_shipment_search(store, trade):
    browser = ShipmentBrowser(store.db)
    s, h = trade["s"], trade["h"]
    assert list(browser.ids(BrowseFilter(search="20260107"))) == [s[1].id]
    assert list(browser.ids(BrowseFilter(search="川J·a1234"))) == [s[1].id]  # plate typed loosely
    assert list(browser.ids(BrowseFilter(search="陈建华"))) == [s[0].id]
    assert list(browser.ids(BrowseFilter(search="盘溪"))) == [s[2].id]  # market alias
    assert set(browser.ids(BrowseFilter(search="青笋"))) == {s[0].id, s[2].id}  # crop alias on lines
    assert list(browser.ids(BrowseFilter(search=h[0].lot_code))) == [s[0].id]  # traced by lot


def test_shipment_sorts(store, trade):
    browser = ShipmentBrowser(store.db)
    s = trade["s"]
    assert list(browser.ids(sort="amount", descending=True)) == [s[0].id, s[2].id, s[1].id]
    assert list(browser.ids(sort="lines", descending=False))[-1] == s[0].id
    # no market sorts after every market name
    assert list(browser.ids(sort="market", descending=False))[-1] == s[1].id
    assert browser.ids(sort="market", descending=True)[0] == s[1].id
    assert list(browser.ids(sort="ticket", descending=False)) == [s[2].id, s[0].id, s[1].id]
    with pytest.raises(ValueError):
        browser.ids(sort="nonsense")


def test_totals_over_filter_and_over_ids(store, trade):
    hb, sb = HarvestBrowser(store.db), ShipmentBrowser(store.db)
    h, s = trade["h"], trade["s"]
    assert hb.totals("weight") == (4, 4_800_000)
    assert hb.totals_of("weight", [h[0].id, h[1].id]) == (2, 2_300_000)
    assert sb.totals("amount") == (3, 960_000 + 600_000 + 300_000 + 600_000)
    assert sb.totals_of("net", [s[1].id]) == (1, 3_000_000)


def test_lots_near_picks_operator_crop_and_dates(store, trade):
    h, ops, crops = trade["h"], trade["operators"], trade["crops"]
    near = HarvestBrowser(store.db).lots_near(ops[0].id, crops[1].id, "2026-01-07")
    assert [r.id for r in near] == [h[2].id]
    assert HarvestBrowser(store.db).lots_near(ops[0].id, crops[1].id, "2026-01-20") == []
