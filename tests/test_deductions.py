"""A truck's deduction (扣重) apportioned to its lines: property tests, the repository, migration 0006."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from db import deductions, units
from db.errors import ValidationError
from db.records import Shipment, ShipmentLine
from db.storage import schema
from db.storage.connection import open_database

nets = st.lists(st.integers(min_value=1, max_value=40_000_000), min_size=1, max_size=8)


@given(nets, st.data())
def test_lines_always_sum_to_the_payable_weight(line_nets, data):
    total = sum(line_nets)
    deduction = data.draw(st.integers(min_value=0, max_value=total))
    shares = deductions.apportion(deduction, line_nets)
    payable = deductions.payable_weights(deduction, line_nets)
    assert sum(shares) == deduction
    assert sum(payable) == total - deduction
    assert all(0 <= p <= n for p, n in zip(payable, line_nets, strict=True))
    # Within one gram of the exact proportional share, and never a gram to a line without remainder.
    for share, net in zip(shares, line_nets, strict=True):
        exact_floor, remainder = divmod(deduction * net, total)
        assert share in (exact_floor, exact_floor + 1)
        if remainder == 0:
            assert share == exact_floor


@given(nets, st.data())
def test_the_split_is_the_largest_remainder_rule_with_ties_to_the_earlier_line(line_nets, data):
    total = sum(line_nets)
    deduction = data.draw(st.integers(min_value=0, max_value=total))
    shares = deductions.apportion(deduction, line_nets)
    extra = [i for i, (s, n) in enumerate(zip(shares, line_nets, strict=True)) if s > deduction * n // total]
    rest = [i for i in range(len(line_nets)) if i not in extra]
    remainder = [deduction * n % total for n in line_nets]
    for i in extra:
        for j in rest:
            assert remainder[i] > remainder[j] or (remainder[i] == remainder[j] and i < j)


@given(nets, st.data())
def test_amounts_are_payable_weight_times_price_to_the_fen(line_nets, data):
    total = sum(line_nets)
    deduction = data.draw(st.integers(min_value=0, max_value=total))
    prices = data.draw(st.lists(st.integers(0, 10_000_000), min_size=len(line_nets), max_size=len(line_nets)))
    for net, price, payable in zip(
        line_nets, prices, deductions.payable_weights(deduction, line_nets), strict=True
    ):
        line = ShipmentLine(operator_id=1, crop_id=1, net_g=net, agreed_price=price).with_payable(payable)
        # Exact: grams × (0.0001 元/kg) = 1e-5 fen, rounded half up once.
        exact = payable * price
        assert line.amount_fen * 100_000 - 50_000 <= exact < line.amount_fen * 100_000 + 50_000
        assert line.deduction_g == net - payable


@given(nets, st.integers(min_value=1, max_value=10_000))
def test_a_deduction_larger_than_the_net_is_refused(line_nets, over):
    total = sum(line_nets)
    with pytest.raises(ValidationError, match="is more than the lines' net weight of"):
        deductions.apportion(total + over, line_nets)


def test_equal_lines_share_the_leftover_grams_in_line_order():
    assert deductions.apportion(2, [1000, 1000, 1000]) == [1, 1, 0]
    assert deductions.apportion(1, [1000, 1000]) == [1, 0]
    assert deductions.apportion(0, [5, 7]) == [0, 0]
    assert deductions.apportion(12, [5, 7]) == [5, 7]
    assert deductions.apportion(0, []) == []


def _shipment(master, deduction_g=0, pct=None, nets_g=(600_000, 400_000), price=20_000):
    return Shipment(
        ship_date="2026-11-20",
        ticket_no="B20261120-001",
        buyer_id=master["buyers"][0].id,
        gross_g=sum(nets_g) + 5_000_000,
        tare_g=5_000_000,
        market_id=master["markets"][0].id,
        deduction_g=deduction_g,
        deduction_pct_x100=pct,
        lines=tuple(
            ShipmentLine(
                operator_id=master["operators"][i % 2].id,
                crop_id=master["crops"][0].id,
                net_g=n,
                agreed_price=price,
            )
            for i, n in enumerate(nets_g)
        ),
    )


def _daily(db):
    return db.execute(
        "SELECT sum(net_g), sum(payable_g), sum(amount_fen), sum(lines) FROM shipment_daily"
    ).fetchone()


def test_stored_lines_carry_payable_weight_and_the_summaries_follow(store, master):
    s = store.shipments.add(_shipment(master, deduction_g=50_000))
    assert [line.payable_g for line in s.lines] == [570_000, 380_000]
    # 570 kg × 2 元/kg, 380 kg × 2 元/kg
    assert [line.amount_fen for line in s.lines] == [114_000, 76_000]
    assert _daily(store.db) == (1_000_000, 950_000, 190_000, 2)
    assert store.db.execute("SELECT total_fen FROM shipments").fetchone()[0] == 190_000
    changed = store.shipments.update(s.replace(deduction_g=0, deduction_pct_x100=200))  # 2 %: 20 kg
    assert changed.deduction_g == 20_000
    assert [line.payable_g for line in changed.lines] == [588_000, 392_000]
    assert _daily(store.db) == (1_000_000, 980_000, 196_000, 2)
    store.shipments.delete(s.id)
    assert _daily(store.db) == (None, None, None, None)


def test_a_deduction_more_than_the_lines_weigh_is_refused_with_a_clear_message(store, master):
    # The truck weighs 10 t net but its one line only 1 t; a 2 t deduction cannot come off that line.
    shipment = _shipment(master, deduction_g=2_000_000, nets_g=(1_000_000,))
    shipment = shipment.replace(gross_g=15_000_000)
    with pytest.raises(ValidationError) as info:
        store.shipments.add(shipment)
    assert str(info.value) == (
        "deduction_g: the deduction of 2000 kg is more than the lines' net weight of 1000 kg; "
        "enter a smaller deduction or check the line weights"
    )
    assert store.shipments.count() == 0


def _old_database(path):
    """A database at the schema before 0006, with trade written as the program then wrote it."""
    db = Database(sqlite3.connect(path))
    schema.migrations.apply(db, stop_before="0006_line_payable_weights")
    run = db.execute
    run("INSERT INTO operators (id, name, kind, side) VALUES (1, '涪江湾合作社', 'coop', 'suining')")
    run("INSERT INTO operators (id, name, kind, side) VALUES (2, '青禾家庭农场', 'family_farm', 'suining')")
    run("INSERT INTO crops (id, name) VALUES (1, '白萝卜'), (2, '莴笋')")
    run("INSERT INTO markets (id, name) VALUES (1, '重庆双福国际农贸城')")
    run("INSERT INTO buyers (id, name, kind) VALUES (1, '陈建华', 'wholesaler')")
    run(
        "INSERT INTO harvests (id, harvest_date, operator_id, crop_id, weight_g, lot_code) "
        "VALUES (1, '2026-11-19', 1, 1, 9000000, 'L20261119-0001')"
    )
    trucks = [
        # id, ticket, net, deduction, pct, lines (net, agreed, settled)
        (1, "B1", 10_000_000, 150_000, 150, [(6_000_500, 12_345, None), (3_999_500, 24_000, 20_000)]),
        (2, "B2", 3_000_000, 0, None, [(3_000_000, 15_000, None)]),
        (3, "B3", 1_000_000, 1, None, [(500_000, 10_000, None), (500_000, 10_000, None)]),
    ]
    line_id = 0
    for sid, ticket, net, deduction, pct, lines in trucks:
        run(
            "INSERT INTO shipments (id, ship_date, ticket_no, buyer_id, market_id, gross_g, tare_g, net_g, "
            "deduction_g, deduction_pct_x100) VALUES (?, '2026-11-20', ?, 1, 1, ?, 5000000, ?, ?, ?)",
            [sid, ticket, net + 5_000_000, net, deduction, pct],
        )
        for n, (g, agreed, settled) in enumerate(lines, start=1):
            line_id += 1
            price = settled if settled is not None else agreed
            run(
                "INSERT INTO shipment_lines (id, shipment_id, line_no, operator_id, crop_id, net_g, "
                "agreed_price, settled_price, amount_fen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [line_id, sid, n, n, n, g, agreed, settled, units.amount_fen(g, price)],
            )
    run("INSERT INTO shipment_line_lots (line_id, harvest_id) VALUES (1, 1), (3, 1)")
    db.conn.commit()
    before = db.execute("SELECT sum(amount_fen) FROM shipment_lines").fetchone()[0]
    db.close()
    return before


def test_migration_0006_recomputes_stored_lines_totals_and_summaries(db_path):
    billed_on_net = _old_database(db_path)
    db = open_database(db_path)
    assert schema.pending_migrations(db) == []
    rows = db.execute("SELECT id, net_g, payable_g, amount_fen FROM shipment_lines ORDER BY id").fetchall()
    assert rows == [
        (1, 6_000_500, 5_910_492, 729_650),  # 5910.492 kg × 1.2345 元/kg
        (2, 3_999_500, 3_939_508, 787_902),  # 3939.508 kg × 2.0000 元/kg (the settled price)
        (3, 3_000_000, 3_000_000, 450_000),  # no deduction: payable = net
        (4, 500_000, 499_999, 50_000),  # the 1 g deduction: equal remainders, the first line bears it
        (5, 500_000, 500_000, 50_000),
    ]
    total = sum(r[3] for r in rows)
    assert total < billed_on_net
    # Shipments' totals and the daily summary agree with the lines again.
    assert db.execute("SELECT id, total_fen, line_count FROM shipments ORDER BY id").fetchall() == [
        (1, 729_650 + 787_902, 2),
        (2, 450_000, 1),
        (3, 100_000, 2),
    ]
    assert _daily(db) == (14_000_000, 14_000_000 - 150_001, total, 5)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("SELECT line_id, harvest_id FROM shipment_line_lots ORDER BY line_id").fetchall() == [
        (1, 1),
        (3, 1),
    ]
    # The rebuilt table is guarded by its new CHECK and its triggers keep the summaries exact.
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE shipment_lines SET amount_fen = 1 WHERE id = 3")
    db.execute("DELETE FROM shipment_line_lots WHERE line_id = 3")
    db.execute("DELETE FROM shipment_lines WHERE id = 3")
    assert _daily(db) == (11_000_000, 11_000_000 - 150_001, total - 450_000, 4)
    assert db.execute("SELECT total_fen, line_count FROM shipments WHERE id = 2").fetchone() == (0, 0)
    with pytest.raises(sqlite3.IntegrityError, match="rewrite the lines"):
        db.execute("UPDATE shipments SET ship_date = '2026-11-21' WHERE id = 1")


def _copy_master(store, path):
    from db.repositories import Store

    other = Store(open_database(path), user="tester")
    for repo in ("operators", "crops", "markets", "buyers"):
        for record in getattr(store, repo).list():
            getattr(other, repo).add(record.replace(id=None))
    return other


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_import_export_keeps_weighing_and_deductions_byte_identical(store, master, tmp_path, fmt):
    from db import importing
    from db.documents import exporting

    store.shipments.add(_shipment(master, pct=150, nets_g=(6_000_500, 3_999_500), price=12_345))
    store.shipments.add(
        _shipment(master, deduction_g=7_000, nets_g=(1_000_000,)).replace(ticket_no="B20261120-002")
    )
    first, second = tmp_path / f"first.{fmt}", tmp_path / f"second.{fmt}"
    assert exporting.export_shipments(store.db, first, fmt) == 3
    other = _copy_master(store, tmp_path / "other.db")
    result = importing.import_shipments(other, first)
    assert result.amount_fen == sum(s.amount_fen for s in store.shipments.list())
    imported = other.shipments.by_ticket("B20261120-001")
    assert (imported.gross_g, imported.tare_g, imported.deduction_g) == (15_000_000, 5_000_000, 150_000)
    assert [line.payable_g for line in imported.lines] == [5_910_492, 3_939_508]
    exporting.export_shipments(other.db, second, fmt)
    assert second.read_bytes() == first.read_bytes()
    other.close()
    if fmt == "csv":
        text = first.read_bytes().decode("utf-8-sig").split("\r\n")
        # 5910.492 kg × 1.2345 元/kg = 7296.50 元; the line's 90.008 kg of the 150 kg deduction
        assert text[1].endswith(",7296.50,15000,5000,90.008,5910.492")


def test_the_first_layout_still_imports_and_a_bad_payable_weight_is_named(store, master, tmp_path):
    from db import importing

    old = tmp_path / "old.csv"
    old.write_text(
        "日期,磅单号,客商,目的市场,车牌号,经营主体,品种,等级,净重(公斤),单价(元/公斤),金额(元)\n"
        "2026-11-20,T1,陈建华,双福,,涪江湾合作社,白萝卜,统货,1000,2,2000.00\n",
        encoding="utf-8",
    )
    shipment = importing.import_shipments(store, old).shipments[0]
    stored = store.shipments.by_ticket("T1")
    assert (stored.gross_g, stored.tare_g, stored.deduction_g, stored.amount_fen) == (
        1_000_000,
        0,
        0,
        200_000,
    )
    assert shipment.ticket_no == "T1"
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "日期,磅单号,客商,目的市场,车牌号,经营主体,品种,等级,净重(公斤),单价(元/公斤),金额(元),"
        "整车毛重(公斤),整车皮重(公斤),扣重(公斤),结算重量(公斤)\n"
        "2026-11-20,T2,陈建华,双福,,涪江湾合作社,白萝卜,统货,1000,2,1980.00,6000,5000,10,995\n"
        "2026-11-20,T3,陈建华,双福,,涪江湾合作社,白萝卜,统货,1000,2,2000.00,6000,5000,10,990\n",
        encoding="utf-8",
    )
    with pytest.raises(importing.ImportFailed) as info:
        importing.import_shipments(store, bad)
    assert [(p.row, p.column, p.message) for p in info.value.problems] == [
        (2, "结算重量(公斤)", "does not match net weight − deduction = 990 kg; correct one of them"),
        (
            3,
            "金额(元)",
            "does not match payable weight × price = 1980.00 元; correct the amount, the weight "
            "or the price (or leave the amount blank)",
        ),
    ]


def test_the_trace_shows_the_weighbridge_deduction_and_payable_weight(store, master, tmp_path):
    import csv

    from app.documents import reports_xlsx
    from db import trace
    from db.records import Harvest

    lot = store.harvests.add(
        Harvest(
            harvest_date="2026-11-19",
            operator_id=master["operators"][0].id,
            crop_id=master["crops"][0].id,
            weight_g=700_000,
        )
    )
    shipment = _shipment(master, deduction_g=50_000)
    shipment = shipment.replace(lines=(shipment.lines[0].replace(lot_ids=(lot.id,)), shipment.lines[1]))
    store.shipments.add(shipment)
    (row,) = trace.forward_from_lot(store, lot.lot_code).rows
    assert (row.line_net_g, row.line_deduction_g, row.line_payable_g) == (600_000, 30_000, 570_000)
    assert (row.truck_gross_g, row.truck_tare_g, row.truck_net_g, row.truck_deduction_g) == (
        6_000_000, 5_000_000, 1_000_000, 50_000,
    )  # fmt: skip
    back = trace.backward_from_ticket(store, "B20261120-001").rows
    assert [r.line_payable_g for r in back] == [570_000, 380_000]
    path = tmp_path / "trace.csv"
    reports_xlsx.trace_csv(path, trace.forward_from_lot(store, lot.lot_code))
    header, line = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert header[-6:] == [
        "出货扣重(公斤)",
        "出货结算重量(公斤)",
        "整车毛重(公斤)",
        "整车皮重(公斤)",
        "整车净重(公斤)",
        "整车扣重(公斤)",
    ]
    assert line[-6:] == ["30", "570", "6000", "5000", "1000", "50"]


def test_average_prices_are_over_the_payable_weight(store, master):
    from db import queries

    store.shipments.add(_shipment(master, deduction_g=50_000))  # 1000 kg net, 950 kg payable, 2 元/kg
    k = queries.kpis(store.db, "2026-11-01", "2026-11-30")
    assert (k.shipped_g, k.payable_g, k.revenue_fen) == (1_000_000, 950_000, 190_000)
    assert k.mean_price == 20_000  # 2.0000 元/kg, not 1.90 over the net weight
    (point,) = queries.price_series(store.db, "month", queries.Filters())
    assert (point.payable_g, point.mean_price) == (950_000, 20_000)


def test_an_import_whose_deductions_cannot_be_stored_as_given_names_the_rows(store, master, tmp_path):
    from db import importing

    head = (
        "日期,磅单号,客商,目的市场,车牌号,经营主体,品种,等级,净重(公斤),单价(元/公斤),金额(元),"
        "整车毛重(公斤),整车皮重(公斤),扣重(公斤),结算重量(公斤)\n"
    )
    path = tmp_path / "shares.csv"
    path.write_text(
        head
        # 30 kg and 5 kg on two equal lines: the program keeps one per truck, 17.5 kg each
        + "2026-11-20,T1,陈建华,双福,,涪江湾合作社,白萝卜,统货,1000,2,,7000,5000,30,\n"
        + "2026-11-20,T1,陈建华,双福,,涪江湾合作社,莴笋,统货,1000,2,,7000,5000,5,\n"
        # a tare above the gross, and a deduction the truck's net cannot bear
        + "2026-11-20,T2,陈建华,双福,,涪江湾合作社,白萝卜,统货,1000,2,,5000,6000,,\n"
        + "2026-11-20,T3,陈建华,双福,,涪江湾合作社,白萝卜,统货,1000,2,,6000,5000,1000,\n",
        encoding="utf-8",
    )
    with pytest.raises(importing.ImportFailed) as info:
        importing.import_shipments(store, path)
    assert [(p.row, p.column, p.value, p.message) for p in info.value.problems] == [
        (2, "扣重(公斤)", "30 / 5", "ticket T1: the lines' deductions add up to 35 kg, but the program keeps "
         "one deduction per truck, shared over its lines by weight (17.5 + 17.5 kg); type the truck's "
         "deduction on its first row only (the other rows blank), or these shares"),
        (4, "整车毛重(公斤)", "5000", "ticket T2: gross weight must be more than the tare"),
        (5, "扣重(公斤)", "1000", "ticket T3: the deduction must be less than the net weight"),
    ]  # fmt: skip
    assert store.shipments.count() == 0


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.integers(min_value=1, max_value=8_000_000), min_size=1, max_size=5),
    st.integers(min_value=0, max_value=9_999),
    st.booleans(),
    st.lists(st.integers(min_value=0, max_value=100_000), min_size=5, max_size=5),
)
def test_stored_trucks_bill_exactly_their_payable_weight(store, master, line_nets, pct, as_kg, prices):
    net = sum(line_nets)
    deduction = (net * pct + 5000) // 10000
    assume(deduction < net)  # the truck's rule: a deduction is less than the net weight
    n = store.shipments.count() + 1
    shipment = _shipment(master, nets_g=line_nets).replace(
        ticket_no=f"H{n}",
        gross_g=net + 5_000_000,
        deduction_g=deduction if as_kg else 0,
        deduction_pct_x100=None if as_kg else pct,
    )
    shipment = shipment.replace(
        lines=tuple(line.replace(agreed_price=p) for line, p in zip(shipment.lines, prices, strict=False))
    )
    stored = store.shipments.add(shipment)
    assert stored.deduction_g == deduction
    assert sum(line.payable_g for line in stored.lines) == net - deduction
    assert all(0 <= line.payable_g <= line.net_g for line in stored.lines)
    assert all(
        line.amount_fen == units.amount_fen(line.payable_g, line.agreed_price) for line in stored.lines
    )
    totals = store.db.execute(
        "SELECT (SELECT sum(amount_fen) FROM shipment_lines), (SELECT sum(amount_fen) FROM shipment_daily), "
        "(SELECT sum(total_fen) FROM shipments), (SELECT sum(payable_g) FROM shipment_lines), "
        "(SELECT sum(payable_g) FROM shipment_daily)"
    ).fetchone()
    assert totals[0] == totals[1] == totals[2] and totals[3] == totals[4]


def test_the_shipments_browser_sums_every_weight_column(store, master):
    from db.browse import ShipmentBrowser

    store.shipments.add(_shipment(master, deduction_g=50_000))
    browser = ShipmentBrowser(store.db)
    sums = {key: browser.totals(key)[1] for key in ("gross", "tare", "net", "deduction", "payable")}
    assert sums == {
        "gross": 6_000_000,
        "tare": 5_000_000,
        "net": 1_000_000,
        "deduction": 50_000,
        "payable": 950_000,
    }


def test_every_numeric_shipment_column_can_be_summed_by_sql():
    """A selection of more rows than are cached is summed in SQL: every numeric column needs its SQL."""
    from app.models.shipment_model import COLUMNS
    from db.browse import ShipmentBrowser

    assert {c.key for c in COLUMNS if c.unit} <= set(ShipmentBrowser.numeric_sql)


def test_migration_0006_opens_a_truck_whose_deduction_is_more_than_its_lines(db_path):
    """Before 0006 nothing compared a deduction with the lines; such a truck bills nothing rather than
    leaving a database that cannot be opened."""
    db = Database(sqlite3.connect(db_path))
    schema.migrations.apply(db, stop_before="0006_line_payable_weights")
    db.execute("INSERT INTO operators (id, name, kind, side) VALUES (1, '涪江湾合作社', 'coop', 'suining')")
    db.execute("INSERT INTO crops (id, name) VALUES (1, '白萝卜')")
    db.execute("INSERT INTO buyers (id, name, kind) VALUES (1, '陈建华', 'wholesaler')")
    db.execute(
        "INSERT INTO shipments (id, ship_date, ticket_no, buyer_id, gross_g, tare_g, net_g, deduction_g) "
        "VALUES (1, '2026-11-20', 'B1', 1, 7000000, 5000000, 2000000, 600000)"
    )
    db.execute(
        "INSERT INTO shipment_lines (id, shipment_id, line_no, operator_id, crop_id, net_g, agreed_price, "
        "amount_fen) VALUES (1, 1, 1, 1, 1, 500000, 20000, 100000)"
    )
    db.conn.commit()
    db.close()
    migrated = open_database(db_path)
    assert migrated.execute("SELECT payable_g, amount_fen FROM shipment_lines").fetchone() == (0, 0)
    assert migrated.execute("SELECT total_fen FROM shipments").fetchone() == (0,)
