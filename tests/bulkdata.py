"""Bulk test data: a realistic park with many harvests and shipments, written fast with executemany.

Used by the id-list model tests (~50k rows) and by hand for the million-row check:
    .venv/bin/python -m tests.bulkdata /tmp/million.db 1000000 1000000
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta

from db import units
from db.records import Buyer, Crop, Market, Operator, Plot
from db.repositories import Store
from db.storage.connection import open_database

OPERATORS = [
    ("遂宁市船山区涪江湾蔬菜种植专业合作社", "涪江湾", "coop", "suining"),
    ("船山区老池镇绿畴果蔬专业合作社", "绿畴", "coop", "suining"),
    ("船山区唐家乡青禾家庭农场", "青禾", "family_farm", "suining"),
    ("船山区何德贵家庭农场", "何德贵", "family_farm", "suining"),
    ("四川遂潼鲜蔬农业开发有限公司", "遂潼鲜蔬", "company", "suining"),
    ("潼南区桂林街道双坝蔬菜股份合作社", "双坝", "coop", "tongnan"),
    ("潼南区丰沃蔬菜专业合作社", "丰沃", "coop", "tongnan"),
    ("潼南区李明秀家庭农场", "李明秀", "family_farm", "tongnan"),
]
CROPS = [
    ("白萝卜", "daikon radish", ("萝卜", "蘿蔔"), 4_000, 22_000),
    ("大白菜", "napa cabbage", ("黄秧白",), 6_000, 16_000),
    ("甘蓝", "cabbage", ("莲花白", "包包白"), 6_000, 16_000),
    ("莴笋", "celtuce", ("青笋",), 10_000, 47_000),
    ("青菜", "leaf mustard", ("芥菜",), 8_000, 20_000),
    ("辣椒", "chili", ("二荆条", "海椒"), 28_000, 36_000),
]
MARKETS = [
    ("重庆双福国际农贸城", "江津区", ("双福", "双福市场")),
    ("重庆盘溪农产品批发市场", "江北区", ("盘溪",)),
    ("花枝农业祥和蔬菜批发市场", "九龙坡区", ("花枝", "祥和")),
    ("中农联·合川农贸城", "合川区", ("合川中农联",)),
]
BUYERS = [
    ("陈建华", "wholesaler", 0, ("渝D52831", "渝D60127")),
    ("周德明", "wholesaler", 1, ("渝C12345",)),
    ("刘小勇", "broker", 0, ("渝D88120",)),
    ("王春梅", "trader", 3, ("渝B30931",)),
    ("重庆鲜达生鲜配送有限公司", "distributor", 2, ("渝A7M302",)),
]
GRADES = list(units.GRADES)


def make_master(store: Store) -> dict[str, list]:
    """The master records the bulk rows refer to."""
    ops = [
        store.operators.add(Operator(name=n, short_name=s, kind=k, side=side, aliases=(s,)))
        for n, s, k, side in OPERATORS
    ]
    plots = [store.plots.add(Plot(operator_id=o.id, name=f"{i + 1}号地")) for i, o in enumerate(ops)]
    crops = [
        store.crops.add(Crop(name=n, name_en=en, aliases=al, price_low=lo, price_high=hi))
        for n, en, al, lo, hi in CROPS
    ]
    markets = [store.markets.add(Market(name=n, district=d, aliases=al)) for n, d, al in MARKETS]
    buyers = [
        store.buyers.add(Buyer(name=n, kind=k, default_market_id=markets[m].id, plates=pl))
        for n, k, m, pl in BUYERS
    ]
    return {"operators": ops, "plots": plots, "crops": crops, "markets": markets, "buyers": buyers}


def populate(store: Store, harvests: int, shipments: int, seed: int = 7, days: int = 1500) -> dict:
    """Write `harvests` lots and `shipments` truckloads (1–3 lines each) over `days` days to 2026-01-31."""
    master = make_master(store)
    rng = random.Random(seed)
    last = date(2026, 1, 31)
    first = last - timedelta(days=days - 1)
    ops, plots, crops = master["operators"], master["plots"], master["crops"]
    markets, buyers = master["markets"], master["buyers"]
    db = store.db

    per_day_lots: dict[str, int] = {}
    rows = []
    for i in range(harvests):
        day = (first + timedelta(days=i * days // max(harvests, 1))).isoformat()
        n = per_day_lots.get(day, 0) + 1
        per_day_lots[day] = n
        k = rng.randrange(len(ops))
        crop = crops[rng.randrange(len(crops))]
        rows.append(
            (
                day,
                ops[k].id,
                plots[k].id if rng.random() < 0.7 else None,
                crop.id,
                rng.choice(GRADES),
                rng.randrange(200, 8000) * 500,
                f"L{day.replace('-', '')}-{n:04d}",
                "",
            )
        )
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO harvests (harvest_date, operator_id, plot_id, crop_id, grade, weight_g, lot_code, notes)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        db.conn.executemany(
            "INSERT INTO counters (name, value) VALUES (?, ?)",
            [(f"lot:{d}", n) for d, n in per_day_lots.items()],
        )
    del rows

    per_day_tickets: dict[str, int] = {}
    statuses = ["paid"] * 6 + ["partial", "unpaid", "unpaid"]
    ship_rows, line_rows = [], []
    first_id = (db.execute("SELECT max(id) FROM shipments").fetchone()[0] or 0) + 1
    for i in range(shipments):
        day = (first + timedelta(days=i * days // max(shipments, 1))).isoformat()
        n = per_day_tickets.get(day, 0) + 1
        per_day_tickets[day] = n
        b = rng.randrange(len(buyers))
        buyer = buyers[b]
        market_id = buyer.default_market_id if rng.random() < 0.9 else markets[rng.randrange(len(markets))].id
        nlines = rng.choice((1, 1, 2, 2, 3))
        net = 0
        sid = first_id + i
        keys = set()
        for _ in range(nlines):
            crop = crops[rng.randrange(len(crops))]
            g = rng.randrange(1000, 8000) * 1000
            price = rng.randrange(crop.price_low // 100, crop.price_high // 100 + 1) * 100
            operator_id = ops[rng.randrange(len(ops))].id
            grade = rng.choice(GRADES)
            # A truck has one line per operator × crop × grade (what an import reads back); the
            # random draws are made all the same, so every other truck stays as it was.
            if (operator_id, crop.id, grade) in keys:
                continue
            keys.add((operator_id, crop.id, grade))
            net += g
            line_rows.append(
                (sid, len(keys), operator_id, crop.id, grade, g, price, units.amount_fen(g, price))
            )
        tare = rng.randrange(3000, 12000) * 1000
        ship_rows.append(
            (
                sid,
                day,
                f"B{day.replace('-', '')}-{n:03d}",
                buyer.id,
                market_id,
                buyer.plates[rng.randrange(len(buyer.plates))],
                net + tare,
                tare,
                net,
                0,
                statuses[rng.randrange(len(statuses))],
            )
        )
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO shipments (id, ship_date, ticket_no, buyer_id, market_id, plate, gross_g, tare_g,"
            " net_g, deduction_g, payment_status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ship_rows,
        )
        db.conn.executemany(
            # No deductions here: each line's payable weight is its net weight.
            "INSERT INTO shipment_lines (shipment_id, line_no, operator_id, crop_id, grade, net_g,"
            " payable_g, agreed_price, amount_fen) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, ?8)",
            line_rows,
        )
    return master


if __name__ == "__main__":
    path, nh, ns = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    s = Store(open_database(path))
    populate(s, nh, ns)
    s.db.execute("ANALYZE")
    s.close()
