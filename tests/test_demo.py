"""The demo dataset: deterministic, and as realistic as DOMAIN.md says, checked on a generated year."""

from __future__ import annotations

import hashlib
import random
import re
from collections import defaultdict
from datetime import date, timedelta

import pytest

from db import demo, units
from db.errors import Cancelled, ValidationError
from db.records import Operator
from db.repositories import Store
from db.storage.connection import open_database

YEAR = 2025
END = date(YEAR, 12, 31)
SEED = 2026

# DOMAIN.md
DOMAIN_TONNES = {
    "遂宁市船山区涪江湾蔬菜种植专业合作社": 16000,
    "船山区老池镇绿畴果蔬专业合作社": 7000,
    "船山区唐家乡青禾家庭农场": 1800,
    "船山区何德贵家庭农场": 1600,
    "四川遂潼鲜蔬农业开发有限公司": 18000,
    "遂宁蜀渝菜园农业科技有限公司": 6500,
    "潼南区桂林街道双坝蔬菜股份合作社": 22400,
    "潼南区丰沃蔬菜专业合作社": 9000,
    "潼南区涪滨家庭农场": 2400,
    "潼南区李明秀家庭农场": 1800,
    "重庆涪江源农业发展有限公司": 13500,
}
DOMAIN_AREA_MU = dict(
    zip(DOMAIN_TONNES, (1500, 900, 220, 150, 1800, 1000, 2000, 1100, 260, 180, 1200), strict=True)
)
DOMAIN_CROPS = dict(
    zip(
        DOMAIN_TONNES,
        (
            {"白萝卜", "莴笋", "青菜"},
            {"豇豆", "菜豆", "辣椒", "白萝卜"},
            {"花椰菜", "甘蓝"},
            {"青菜", "儿菜"},
            {"番茄", "黄瓜", "白萝卜"},
            {"莲藕", "冬瓜", "南瓜"},
            {"白萝卜", "大白菜"},
            {"甘蓝", "辣椒", "苦瓜"},
            {"糯玉米", "冬瓜", "南瓜"},
            {"莴笋", "上海青"},
            {"生姜", "白萝卜", "胡萝卜"},
        ),
        strict=True,
    )
)
MONTH_SHARE = (13, 9, 9, 7, 8, 8, 6, 3, 4, 7, 12, 14)
TRUCK_T = {"陈建华": (15, 20), "周德明": (8, 12), "王春梅": (2, 4), "杨光福": (12, 20), "罗成刚": (25, 35)}


def rows(store: Store, sql: str, params=()) -> list[tuple]:
    return store.db.execute(sql, list(params)).fetchall()


def one(store: Store, sql: str, params=()):
    return store.db.execute(sql, list(params)).fetchone()[0]


def digest(store: Store) -> str:
    """A hash of every table's rows, leaving out only when things were written."""
    h = hashlib.sha256()
    tables = [
        name
        for (name,) in rows(store, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        if name != "_sqlite_migrations"
    ]
    for table in tables:
        cols = [
            r[1]
            for r in rows(store, f"PRAGMA table_info({table})")
            if not (table == "audit_log" and r[1] in ("at", "hash"))
        ]
        h.update(table.encode())
        for row in rows(store, f"SELECT {', '.join(cols)} FROM {table} ORDER BY {', '.join(cols)}"):
            h.update(repr(row).encode())
    return h.hexdigest()


@pytest.fixture(scope="module")
def year(tmp_path_factory):
    """One generated calendar year, shared by the read-only checks below."""
    store = Store(open_database(tmp_path_factory.mktemp("demo") / "park.db"), user="tester")
    calls: list[tuple[int, int]] = []
    summary = demo.generate(store, years=1, seed=SEED, end=END, progress=lambda d, n: calls.append((d, n)))
    yield store, summary, calls
    store.close()


# ---- master data


def test_years_zero_writes_the_master_data_only(store):
    summary = demo.generate(store, years=0)
    assert (summary.operators, summary.crops, summary.buyers) == (11, 22, 8)
    assert summary.markets >= 9 and summary.harvests == summary.shipments == 0
    assert store.operators.count() == 11 and store.crops.count() == 22 and store.buyers.count() == 8
    assert store.markets.count() >= 9
    for table in ("harvests", "shipments", "payments", "certificates"):
        assert one(store, f"SELECT count(*) FROM {table}") == 0


def test_operators_match_the_domain(store):
    master = demo.seed_master_data(store)
    ops = {o.name: o for o in master.operators}
    assert set(ops) == set(DOMAIN_TONNES)
    assert {o.kind for o in ops.values()} == {"coop", "company", "family_farm"}
    codes = [o.credit_code for o in ops.values()]
    assert len(set(codes)) == 11
    for op in ops.values():
        assert op.area_mu_x100 == DOMAIN_AREA_MU[op.name] * 100
        assert re.fullmatch(r"138\*{4}\d{4}", op.phone) and op.contact and op.town
        assert op.credit_code[:2] == {"coop": "93", "company": "91", "family_farm": "92"}[op.kind]
        assert len(op.credit_code) == 18 and op.credit_code[2:10] == "0" * 8  # obviously fake
        assert _gb32100_ok(op.credit_code)
        assert op.side == ("tongnan" if op.name.startswith(("潼南", "重庆")) else "suining")
        # an English name for English documents, in pinyin with the kind of firm in English
        assert op.name_en.isascii() or "ü" in op.name_en
        assert op.name_en.endswith(
            {"coop": "Cooperative", "company": "Co., Ltd.", "family_farm": "Family Farm"}[op.kind]
        )
    for op, plots in zip(master.operators, master.plots, strict=True):
        assert 2 <= len(plots) <= 4
        assert sum(p.area_mu_x100 for p in plots) == op.area_mu_x100
        assert all(p.village.endswith("村") and p.operator_id == op.id for p in plots)


def _gb32100_ok(code: str) -> bool:
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    total = sum(alphabet.index(ch) * pow(3, i, 31) for i, ch in enumerate(code[:17]))
    return alphabet[(31 - total % 31) % 31] == code[17]


def test_crops_markets_and_buyers_match_the_domain(store):
    master = demo.seed_master_data(store)
    crops = {c.name: c for c in master.crops}
    assert crops["白萝卜"].price_low == 4_000 and crops["白萝卜"].price_high == 22_000
    assert crops["生姜"].price_high == 210_000
    assert crops["白萝卜"].season_months == "11,12,1,2,3,4,5,6"
    assert crops["上海青"].season_months == ",".join(str(m) for m in range(1, 13))
    assert "蘿蔔" in crops["白萝卜"].aliases and "莲花白" in crops["甘蓝"].aliases
    assert all(c.name_en and c.season_months and 0 < c.price_low < c.price_high for c in crops.values())
    aliases = [a for c in master.crops for a in c.aliases]
    assert len(aliases) == len(set(aliases))
    for ambiguous in ("豆角", "红萝卜", "油菜", "小白菜"):
        assert ambiguous not in aliases and ambiguous not in crops
    markets = {m.name: m for m in master.markets}
    assert (
        markets["重庆双福国际农贸城"].district == "江津区" and "双福" in markets["重庆双福国际农贸城"].aliases
    )
    assert markets["遂宁纵横农产品批发市场"].city == "遂宁"
    assert markets["重庆双福国际农贸城"].name_en == "Chongqing Shuangfu International Agricultural Trade City"
    assert all(m.name_en.isascii() and m.name_en for m in master.markets)
    assert any(m.city == "成都" for m in master.markets)
    assert sum(m.city == "重庆" for m in master.markets) == 9
    by_id = {m.id: m for m in master.markets}
    buyers = {b.name: b for b in master.buyers}
    assert by_id[buyers["陈建华"].default_market_id].name == "重庆双福国际农贸城"
    assert by_id[buyers["王春梅"].default_market_id].name == "中农联·合川农贸城"
    plates = [p for b in master.buyers for p in b.plates]
    assert len(plates) == len(set(plates))
    for b in master.buyers:
        assert b.plates and re.fullmatch(r"139\*{4}\d{4}", b.phone) and b.default_market_id
        city = by_id[b.default_market_id].city
        pattern = {"重庆": r"渝[A-Z]\d{5}", "遂宁": r"川J[A-Z]\d{4}", "成都": r"川A[A-Z]\d{4}"}[city]
        assert all(re.fullmatch(pattern, p) for p in b.plates), b.name


def test_seeding_again_returns_the_same_master_data(store):
    first = demo.seed_master_data(store)
    again = demo.seed_master_data(store)
    assert again == first
    assert store.operators.count() == 11


def test_foreign_master_data_is_refused(store):
    store.operators.add(Operator(name="别人的合作社"))
    with pytest.raises(ValidationError):
        demo.generate(store, years=0)
    assert store.operators.count() == 1


# ---- determinism and cancelling


def test_same_seed_gives_identical_data(year, store):
    first, summary, _ = year
    again = demo.generate(store, years=1, seed=SEED, end=END)
    assert again == summary
    assert digest(store) == digest(first)


def test_the_seed_changes_the_trade():
    def trucks(seed: int) -> list[tuple]:
        trade = demo._Trade(random.Random(seed), date(YEAR, 1, 1), date(YEAR, 1, 31))
        trade.simulate_month(YEAR, 1)
        return [(t.ticket_no, t.plate, t.net_g) for t in trade.trucks]

    assert trucks(1) == trucks(1)
    assert trucks(1) != trucks(2)


def test_cancel_leaves_nothing_written(store):
    calls = []

    def progress(done: int, total: int) -> None:
        calls.append(done)
        if done > total // 2 + 1:  # while writing the trade
            raise Cancelled

    with pytest.raises(Cancelled):
        demo.generate(store, years=1, end=END, progress=progress)
    for table in ("operators", "crops", "harvests", "shipments", "certificates", "counters", "audit_log"):
        assert one(store, f"SELECT count(*) FROM {table}") == 0, table


def test_progress_is_reported_up_to_the_total(year):
    _, _, calls = year
    totals = {n for _, n in calls}
    assert len(totals) == 1 and len(calls) > 12
    done = [d for d, _ in calls]
    assert done == sorted(done) and done[0] == 0 and done[-1] == totals.pop()


# ---- volumes and seasons


def test_a_year_is_about_100000_tonnes(year):
    store, summary, _ = year
    shipped = one(store, "SELECT sum(net_g) FROM shipments")
    harvested = one(store, "SELECT sum(weight_g) FROM harvests")
    assert 95_000 * units.G_PER_TONNE <= shipped <= 105_000 * units.G_PER_TONNE
    assert 0 <= harvested - shipped <= harvested // 100  # what was picked is what left the park
    assert summary.shipped_g == shipped and summary.harvested_g == harvested
    assert summary.tonnes_per_year == ((YEAR, units.tonnes(shipped)),)
    assert summary.shipments == store.shipments.count() and summary.harvests == store.harvests.count()
    assert summary.certificates == store.certificates.count() and summary.payments == store.payments.count()


def test_each_operator_near_its_yearly_tonnes(year):
    store, _, _ = year
    got = dict(
        rows(
            store,
            "SELECT o.name, sum(h.weight_g) FROM harvests h JOIN operators o ON o.id = h.operator_id "
            "GROUP BY o.name",
        )
    )
    for name, tonnes in DOMAIN_TONNES.items():
        assert abs(got[name] / units.G_PER_TONNE - tonnes) <= tonnes * 0.05, name


def test_monthly_shares_follow_the_domain(year):
    store, _, _ = year
    total = one(store, "SELECT sum(net_g) FROM shipments")
    by_month = dict(
        rows(store, "SELECT cast(substr(ship_date, 6, 2) AS integer), sum(net_g) FROM shipments GROUP BY 1")
    )
    for month, share in enumerate(MONTH_SHARE, 1):
        assert abs(100 * by_month[month] / total - share) <= 1.5, month


def test_crops_are_harvested_only_in_season(year):
    store, _, _ = year
    seasons = {c.id: {int(m) for m in c.season_months.split(",")} for c in store.crops.list()}
    for crop_id, month in rows(
        store, "SELECT DISTINCT crop_id, cast(substr(harvest_date, 6, 2) AS integer) FROM harvests"
    ):
        assert month in seasons[crop_id]
    grown = defaultdict(set)
    for op, crop in rows(
        store,
        "SELECT DISTINCT o.name, c.name FROM harvests h JOIN operators o ON o.id = h.operator_id "
        "JOIN crops c ON c.id = h.crop_id",
    ):
        grown[op].add(crop)
    assert grown == DOMAIN_CROPS


def test_harvest_lots_are_graded_and_on_the_operators_plots(year):
    store, _, _ = year
    assert one(store, "SELECT count(*) FROM harvests h JOIN plots p ON p.id = h.plot_id "
               "WHERE p.operator_id != h.operator_id") == 0  # fmt: skip
    assert one(store, "SELECT count(*) FROM harvests WHERE plot_id IS NULL") == 0
    by_grade = dict(rows(store, "SELECT grade, sum(weight_g) FROM harvests GROUP BY grade"))
    assert set(by_grade) == set(units.GRADES)
    assert by_grade["ungraded"] + by_grade["first"] > 0.75 * sum(by_grade.values())
    codes = [c for (c,) in rows(store, "SELECT lot_code FROM harvests")]
    assert len(codes) == len(set(codes))


def test_spring_festival_lull(year):
    store, _, _ = year
    festival = date(2025, 1, 29)
    daily = dict(rows(store, "SELECT ship_date, sum(net_g) FROM shipments GROUP BY ship_date"))
    january = [daily.get(f"2025-01-{d:02d}", 0) for d in range(1, 32)]
    normal = sum(january) / 31
    quiet = [daily.get((festival + timedelta(days=k)).isoformat(), 0) for k in range(-1, 2)]
    assert daily.get(festival.isoformat(), 0) == 0
    assert all(q < 0.25 * normal for q in quiet)


# ---- trucks


def test_trucks_weigh_up(year):
    store, _, _ = year
    bad = rows(
        store,
        "SELECT s.ticket_no FROM shipments s JOIN shipment_lines l ON l.shipment_id = s.id "
        "GROUP BY s.id HAVING sum(l.net_g) != s.net_g OR s.net_g != s.gross_g - s.tare_g "
        "OR count(*) NOT BETWEEN 1 AND 4",
    )
    assert bad == []
    assert (
        one(store, "SELECT count(*) FROM shipments WHERE id NOT IN (SELECT shipment_id FROM shipment_lines)")
        == 0
    )
    tickets = [t for (t,) in rows(store, "SELECT ticket_no FROM shipments")]
    assert len(tickets) == len(set(tickets))
    for ticket, ship_date in rows(store, "SELECT ticket_no, ship_date FROM shipments"):
        assert re.fullmatch(r"B\d{8}-\d{3}", ticket) and ticket[1:9] == ship_date.replace("-", "")
    # Deductions (扣杂) are small: 0–2 % of the net weight.
    assert one(store, "SELECT count(*) FROM shipments WHERE deduction_g * 50 > net_g") == 0
    assert one(store, "SELECT count(*) FROM shipments WHERE deduction_pct_x100 IS NOT NULL") > 0
    assert (
        one(store, "SELECT count(*) FROM shipments WHERE deduction_g > 0 AND deduction_pct_x100 IS NULL") > 0
    )


def test_trucks_are_sized_and_plated_per_buyer(year):
    store, _, _ = year
    for buyer in store.buyers.list():
        loads = rows(store, "SELECT net_g, tare_g, plate FROM shipments WHERE buyer_id = ?", [buyer.id])
        assert loads, buyer.name
        assert {plate for _, _, plate in loads} <= set(buyer.plates)
        for net, tare, _ in loads:
            assert 2 * units.G_PER_TONNE <= net <= 35 * units.G_PER_TONNE
            assert 2 * units.G_PER_TONNE <= tare <= 18 * units.G_PER_TONNE
        if buyer.name in TRUCK_T:
            lo, hi = TRUCK_T[buyer.name]
            assert all(lo * units.G_PER_TONNE <= net <= hi * units.G_PER_TONNE for net, _, _ in loads)
    markets = dict(
        rows(
            store,
            "SELECT m.name, count(*) FROM shipments s JOIN buyers b ON b.id = s.buyer_id "
            "JOIN markets m ON m.id = s.market_id WHERE b.name = '陈建华' GROUP BY m.name",
        )
    )
    assert max(markets, key=markets.get) == "重庆双福国际农贸城"


def test_lines_come_from_their_own_lots(year):
    store, _, _ = year
    assert (
        one(
            store,
            "SELECT count(*) FROM shipment_lines WHERE id NOT IN (SELECT line_id FROM shipment_line_lots)",
        )
        == 0
    )
    mismatched = one(
        store,
        "SELECT count(*) FROM shipment_line_lots x JOIN shipment_lines l ON l.id = x.line_id "
        "JOIN shipments s ON s.id = l.shipment_id JOIN harvests h ON h.id = x.harvest_id "
        "WHERE h.operator_id != l.operator_id OR h.crop_id != l.crop_id OR h.grade != l.grade "
        "OR h.harvest_date > s.ship_date OR julianday(s.ship_date) - julianday(h.harvest_date) > 3",
    )
    assert mismatched == 0
    # Nothing is shipped that was not picked: per line, and per operator × crop × grade.
    short = one(
        store,
        "SELECT count(*) FROM shipment_lines l WHERE l.net_g > (SELECT sum(h.weight_g) FROM harvests h "
        "JOIN shipment_line_lots x ON x.harvest_id = h.id WHERE x.line_id = l.id)",
    )
    assert short == 0
    over = one(
        store,
        "SELECT count(*) FROM (SELECT operator_id, crop_id, grade, sum(net_g) AS out FROM shipment_lines "
        "GROUP BY 1, 2, 3) JOIN (SELECT operator_id, crop_id, grade, sum(weight_g) AS picked FROM harvests "
        "GROUP BY 1, 2, 3) USING (operator_id, crop_id, grade) WHERE out > picked",
    )
    assert over == 0


# ---- prices


def test_prices_stay_in_the_domain_ranges(year):
    store, _, _ = year
    crops = {c.id: c for c in store.crops.list()}
    settled = 0
    for crop_id, agreed, settled_price, payable_g, amount in rows(
        store, "SELECT crop_id, agreed_price, settled_price, payable_g, amount_fen FROM shipment_lines"
    ):
        crop = crops[crop_id]
        low, high = crop.price_low * 0.4, crop.price_high * 0.7  # farm-gate is 40–70 % of wholesale
        assert low <= agreed <= high, crop.name
        if settled_price is not None:
            settled += 1
            assert low <= settled_price < agreed
        assert amount == units.amount_fen(payable_g, agreed if settled_price is None else settled_price)
    assert settled > 0


def test_deductions_are_billed_the_lines_summing_to_each_trucks_payable_weight(year):
    store, _, _ = year
    trucks = rows(
        store,
        "SELECT s.net_g - s.deduction_g, sum(l.payable_g), sum(l.net_g), s.net_g, s.deduction_g "
        "FROM shipments s JOIN shipment_lines l ON l.shipment_id = s.id GROUP BY s.id",
    )
    assert all(
        payable == lines_payable and net == lines_net for payable, lines_payable, lines_net, net, _ in trucks
    )
    assert sum(1 for *_, deduction in trucks if deduction) > len(trucks) // 3


def test_prices_move_with_the_seasons(year):
    store, _, _ = year

    def mean_price(crop: str, months: tuple[str, ...]) -> float:
        marks = ",".join("?" * len(months))
        return one(
            store,
            "SELECT sum(l.agreed_price * l.net_g) * 1.0 / sum(l.net_g) FROM shipment_lines l "
            "JOIN shipments s ON s.id = l.shipment_id JOIN crops c ON c.id = l.crop_id "
            f"WHERE c.name = ? AND substr(s.ship_date, 6, 2) IN ({marks})",
            [crop, *months],
        )

    # Cheapest in the middle of the season, dearer at its edges.
    assert mean_price("白萝卜", ("01", "02")) < mean_price("白萝卜", ("05", "06", "11"))
    assert mean_price("黄瓜", ("05", "06")) < mean_price("黄瓜", ("04", "07"))
    daily = dict(
        rows(
            store,
            "SELECT s.ship_date, avg(l.agreed_price) FROM shipment_lines l "
            "JOIN shipments s ON s.id = l.shipment_id JOIN crops c ON c.id = l.crop_id "
            "WHERE c.name = '白萝卜' GROUP BY s.ship_date",
        )
    )
    assert len({round(p) for p in daily.values()}) > 100  # a random walk, not a step function


# ---- payments and certificates


def test_balances_are_realistic(year):
    store, _, _ = year
    balances = {}
    for buyer in store.buyers.list():
        owed = one(
            store,
            "SELECT coalesce(sum(l.amount_fen), 0) FROM shipment_lines l "
            "JOIN shipments s ON s.id = l.shipment_id WHERE s.buyer_id = ?",
            [buyer.id],
        )
        paid = one(store, "SELECT coalesce(sum(amount_fen), 0) FROM payments WHERE buyer_id = ?", [buyer.id])
        balances[buyer.name] = owed - paid
        assert 0 <= owed - paid < owed * 0.2, buyer.name
    assert all(b > 0 for b in balances.values())
    methods = {m for (m,) in rows(store, "SELECT DISTINCT method FROM payments")}
    assert methods == set(units.PAYMENT_METHODS)
    # The slow payer still owes for loads older than three weeks; the last days are unpaid by all.
    oldest_open = dict(
        rows(
            store,
            "SELECT b.name, min(s.ship_date) FROM shipments s JOIN buyers b ON b.id = s.buyer_id "
            "WHERE s.payment_status != 'paid' GROUP BY b.name",
        )
    )
    assert min(oldest_open.values()) < (END - timedelta(days=21)).isoformat()
    assert one(store, "SELECT count(*) FROM shipments WHERE ship_date = ? AND payment_status != 'unpaid'",
               [END.isoformat()]) == 0  # fmt: skip


def test_payment_status_follows_payments_oldest_first(year):
    store, _, _ = year
    for buyer in store.buyers.list():
        paid = one(store, "SELECT coalesce(sum(amount_fen), 0) FROM payments WHERE buyer_id = ?", [buyer.id])
        covered = 0
        for status, amount in rows(
            store,
            "SELECT s.payment_status, sum(l.amount_fen) FROM shipments s "
            "JOIN shipment_lines l ON l.shipment_id = s.id WHERE s.buyer_id = ? "
            "GROUP BY s.id ORDER BY s.ship_date, s.ticket_no",
            [buyer.id],
        ):
            expected = "paid" if covered + amount <= paid else "partial" if covered < paid else "unpaid"
            assert status == expected, buyer.name
            covered += amount


def test_certificates_go_with_the_loads(year):
    store, _, _ = year
    kinds = {o.id: o.kind for o in store.operators.list()}
    certs = defaultdict(list)
    for cert in store.certificates.list():
        certs[cert.shipment_id].append(cert)
    family = 0
    for shipment in store.shipments.list():
        need: dict[tuple[int, int], int] = defaultdict(int)
        for line in shipment.lines:
            need[(line.operator_id, line.crop_id)] += line.net_g
        valid = {(c.operator_id, c.crop_id): c for c in certs[shipment.id] if c.status == "valid"}
        for (op, crop), grams in need.items():
            if kinds[op] != "family_farm":
                assert valid[(op, crop)].weight_g == grams
            elif (op, crop) in valid:
                family += 1
        assert set(valid) <= set(need)
    assert family > 0
    all_certs = [c for cs in certs.values() for c in cs]
    assert len({c.cert_no for c in all_certs}) == len(all_certs)
    void = [c for c in all_certs if c.status == "void"]
    assert void and all(c.voided_at and c.void_reason for c in void)
    replaced = {c.replaces_id for c in all_certs if c.replaces_id}
    assert replaced == {c.id for c in void}
    for cert in all_certs:
        assert cert.origin.startswith(("四川省遂宁市船山区", "重庆市潼南区")) and cert.origin.endswith("村")
    assert one(store, "SELECT count(*) FROM certificates c JOIN shipments s ON s.id = c.shipment_id "
               "WHERE c.issue_date != s.ship_date") == 0  # fmt: skip
    share_qc = sum(c.basis_quality_control for c in all_certs) / len(all_certs)
    assert share_qc > 0.8 and any(c.basis_self_test for c in all_certs)


# ---- written in bulk: as correct as through the repositories one by one


def test_the_generated_demo_passes_the_programs_own_check(tmp_path, capsys):
    """`fujiang demo` then `fujiang check`, as a person would: every check in order (the daily
    summaries equal a recomputation from the lines, the totals, balances, certificates, the chain)."""
    from app.cli import main

    db_path = tmp_path / "demo.db"
    assert main(["--db", str(db_path), "--lang", "en", "demo", "--years", "1"]) == 0
    capsys.readouterr()
    code = main(["--db", str(db_path), "--lang", "en", "check"])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert "Everything is in order." in out and "PROBLEM" not in out


def test_summaries_equal_a_recomputation_from_the_records(year):
    from db.storage import check

    store, summary, _ = year
    for expected, stored in (
        (check.EXPECTED_SHIPMENT_DAILY, check.STORED_SHIPMENT_DAILY),
        (check.EXPECTED_HARVEST_DAILY, check.STORED_HARVEST_DAILY),
    ):
        recomputed = sorted(rows(store, expected))
        assert recomputed == sorted(rows(store, stored))
        assert len(recomputed) > 1000
    assert one(store, "SELECT sum(lines) FROM shipment_daily") == summary.shipment_lines
    assert one(store, "SELECT sum(lots) FROM harvest_daily") == summary.harvests
    assert (
        rows(
            store,
            "SELECT s.id FROM shipments s WHERE s.line_count != (SELECT count(*) FROM shipment_lines l "
            "WHERE l.shipment_id = s.id) OR s.total_fen != (SELECT sum(amount_fen) FROM shipment_lines l "
            "WHERE l.shipment_id = s.id)",
        )
        == []
    )
    assert check.run_check(store.db).findings == []


def test_stored_loads_are_what_the_repository_makes_of_them(year):
    """Derived values (net, deduction, line numbers, payable weights, amounts) written in bulk are
    those ShipmentRepository._prepare gives the same shipment."""
    store, _, _ = year
    ids = [r[0] for r in rows(store, "SELECT id FROM shipments WHERE deduction_g > 0 ORDER BY id LIMIT 300")]
    ids += [
        r[0] for r in rows(store, "SELECT id FROM shipments WHERE deduction_pct_x100 IS NOT NULL LIMIT 300")
    ]
    assert len(ids) == 600
    for shipment_id in ids:
        stored = store.shipments.get(shipment_id)
        assert store.shipments._prepare(stored) == stored


def test_the_search_indexes_hold_every_row(year):
    from db import search

    store, _, _ = year
    for table, (index, columns) in search.INDEXES.items():
        cols = ", ".join(columns)
        indexed = rows(store, f"SELECT rowid, {cols} FROM {index} ORDER BY rowid")
        assert indexed == rows(store, f"SELECT id, {cols} FROM {table} ORDER BY id"), table
        assert len(indexed) > 1000
    text = f"HGZ{YEAR}-0001"  # -000100 … -000199
    found = rows(store, "SELECT rowid FROM certificate_search WHERE cert_no GLOB ? ORDER BY 1", [f"*{text}*"])
    assert len(found) == 100
    assert found == rows(store, "SELECT id FROM certificates WHERE instr(cert_no, ?) ORDER BY 1", [text])


def test_one_audit_entry_per_table_and_month_names_the_rows_it_added(year):
    from db.storage import audit

    store, summary, _ = year
    counts = {
        "harvests": summary.harvests,
        "shipments": summary.shipments,
        "certificates": summary.certificates,
        "payments": summary.payments,
    }
    for table, n in counts.items():
        entries = audit.changes(store.db, table=table)
        assert {(e.action, e.row_id, e.user) for e in entries} == {("insert", 0, "tester")}
        assert len(entries) == (1 if table == "payments" else 12)
        following = 1
        for entry in entries:
            after = entry.after
            assert after["demo_seed"] == SEED and after["first_id"] == following
            assert after["last_id"] - after["first_id"] + 1 == after["rows"]
            following = after["last_id"] + 1
        assert following - 1 == n == one(store, f"SELECT max(id) FROM {table}")
    checked, broken = audit.verify_chain(store.db)
    assert broken is None and checked == store.audit_log.count()


def triggers_and_indexes(store: Store) -> list[tuple]:
    return rows(
        store, "SELECT type, name, sql FROM sqlite_master WHERE type IN ('trigger', 'index') ORDER BY name"
    )


def test_triggers_and_indexes_are_in_place_after_a_demo_and_after_a_cancelled_one(year, store):
    """The demo builds the trade tables' indexes after writing and sets the harvests' summary
    trigger aside meanwhile: afterwards the schema is as it was, and Cancel leaves it so too."""
    generated, _, _ = year
    before = triggers_and_indexes(store)
    names = {name for _, name, _ in before}
    assert {"harvests_ai", "idx_lines_operator", "idx_certificates_status"} <= names
    assert triggers_and_indexes(generated) == before
    assert rows(generated, "PRAGMA integrity_check") == [("ok",)]

    def cancel_while_writing(done: int, total: int) -> None:
        if done > total // 2 + 3:
            raise Cancelled

    with pytest.raises(Cancelled):
        demo.generate(store, years=1, end=END, progress=cancel_while_writing)
    assert triggers_and_indexes(store) == before
    assert one(store, "SELECT count(*) FROM bulk_import") == 0
    # The per-row triggers work again for what a clerk enters afterwards.
    demo.generate(store, years=0)
    master = demo.seed_master_data(store)
    from db.records import Harvest

    store.harvests.add(Harvest("2025-03-01", master.operators[0].id, master.crops[0].id, 5000))
    assert rows(store, "SELECT day, weight_g, lots FROM harvest_daily") == [("2025-03-01", 5000, 1)]


def test_records_that_do_not_follow_on_are_refused_before_anything_is_written(store):
    from db.records import Payment
    from db.repositories import bulk_rows

    master = demo.seed_master_data(store)
    buyer = master.buyers[0].id
    with pytest.raises(ValueError), store.write():
        bulk_rows.insert_records(store.payments, [Payment(buyer, "2025-01-02", 100, id=5)], {})
    bad = Payment(buyer, "2025-01-02", -100, id=2)
    with pytest.raises(ValidationError), store.write():
        bulk_rows.insert_records(store.payments, [Payment(buyer, "2025-01-02", 100, id=1), bad], {})
    assert one(store, "SELECT count(*) FROM payments") == 0
