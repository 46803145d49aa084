"""A small hand-worked park for the report, certificate, trace and document tests.

Every figure the tests expect is worked out by hand in the comments below.
"""

from __future__ import annotations

from db.records import Harvest, Operator, Payment, Plot, Shipment, ShipmentLine
from db.repositories import Store

KG = 1000


def build_park(store: Store, master: dict) -> dict:
    """Four trucks, four lots and two payments around January 2026 on top of conftest's `master`."""
    coop, farm = master["operators"]
    plot1, plot2 = master["plots"]
    radish, celtuce = master["crops"]
    shuangfu, panxi = master["markets"]
    chen, zhou = master["buyers"]
    company = store.operators.add(
        Operator(
            name="四川遂潼鲜蔬农业开发有限公司",
            kind="company",
            side="suining",
            town="老池镇",
            phone="138****0005",
            credit_code="91510903MA00000005",
        )
    )
    greenhouse = store.plots.add(Plot(operator_id=company.id, name="大棚区", village="涪江村"))
    # Lots: codes follow the per-day counter.
    h1 = store.harvests.add(
        Harvest("2026-01-05", coop.id, radish.id, 10_000 * KG, plot_id=plot1.id, grade="first")
    )
    h2 = store.harvests.add(Harvest("2026-01-05", farm.id, celtuce.id, 3_000 * KG, plot_id=plot2.id))
    h3 = store.harvests.add(
        Harvest("2026-01-06", company.id, radish.id, 8_000 * KG, plot_id=greenhouse.id, grade="special")
    )
    h4 = store.harvests.add(
        Harvest("2026-01-06", coop.id, radish.id, 5_000 * KG, plot_id=plot1.id, grade="first")
    )
    # Before the period: 1,000 kg × 2.00 = 2,000.00 元 → opening balance 2,000.00 − 1,500.00 = 500.00 元.
    s0 = store.shipments.add(
        Shipment(
            "2025-12-20",
            "B20251220-001",
            chen.id,
            8_000 * KG,
            7_000 * KG,
            market_id=shuangfu.id,
            plate="渝C12345",
            lines=(ShipmentLine(coop.id, radish.id, 1_000 * KG, 20_000),),
        )
    )
    # 10,000 kg × 2.40 = 24,000.00 元; 3,000 kg × 3.10 = 9,300.00 元.
    s1 = store.shipments.add(
        Shipment(
            "2026-01-05",
            "B20260105-001",
            chen.id,
            20_000 * KG,
            7_000 * KG,
            market_id=shuangfu.id,
            plate="渝C12345",
            lines=(
                ShipmentLine(coop.id, radish.id, 10_000 * KG, 24_000, grade="first", lot_ids=(h1.id,)),
                ShipmentLine(farm.id, celtuce.id, 3_000 * KG, 31_000, lot_ids=(h2.id,)),
            ),
        )
    )
    # 6,000 kg × 2.6667 = 16,000.20 元; 2,000.5 kg × 1.2345 = 2,469.617 → 2,469.62 元 (half up).
    s2 = store.shipments.add(
        Shipment(
            "2026-01-06",
            "B20260106-001",
            chen.id,
            16_000 * KG,
            7_900 * KG,
            market_id=panxi.id,
            plate="渝C12345",
            lines=(
                ShipmentLine(company.id, radish.id, 6_000 * KG, 26_667, grade="special", lot_ids=(h3.id,)),
                ShipmentLine(company.id, radish.id, 2_000_500, 12_345, grade="second", lot_ids=(h3.id,)),
            ),
        )
    )
    # Settled below the agreed price: 3,000 kg × 1.80 = 5,400.00 元; no market, no lots.
    s3 = store.shipments.add(
        Shipment(
            "2026-01-07",
            "B20260107-001",
            zhou.id,
            5_000 * KG,
            2_000 * KG,
            plate="川JA1234",
            lines=(ShipmentLine(coop.id, radish.id, 3_000 * KG, 20_000, settled_price=18_000),),
        )
    )
    p0 = store.payments.add(Payment(chen.id, "2025-12-25", 150_000, "cash"))
    p1 = store.payments.add(Payment(chen.id, "2026-01-08", 2_000_000, "wechat", reference="=HYPERLINK(1)"))
    return {
        "company": company,
        "greenhouse": greenhouse,
        "harvests": [h1, h2, h3, h4],
        "shipments": [s0, s1, s2, s3],
        "payments": [p0, p1],
    }


# Buyer 陈建华, 2026-01-01 .. 2026-01-31, worked by hand:
CHEN_LINES = 4
CHEN_SHIPPED_G = 21_000_500
CHEN_SHIPPED_FEN = 2_400_000 + 930_000 + 1_600_020 + 246_962  # 5,176,982
CHEN_PAID_FEN = 2_000_000
CHEN_OPENING_FEN = 50_000
CHEN_CLOSING_FEN = CHEN_OPENING_FEN + CHEN_SHIPPED_FEN - CHEN_PAID_FEN  # 3,226,982 = 32,269.82 元
