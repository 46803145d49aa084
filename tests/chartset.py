"""A small, hand-computed park for the chart and dashboard tests, written through the repositories.

On top of conftest's `master` (涪江湾合作社 1,500 亩 and 青禾家庭农场 220 亩; 白萝卜 and 莴笋;
双福 and 盘溪; buyers 陈建华 and 周德明):

season 2025–26 (November 2025)             same days a year earlier (November 2024)
  harvests  涪江湾 白萝卜 10 t  (11-10)       涪江湾 白萝卜 8 t (11-15)
            青禾   莴笋    2 t  (11-20)       青禾   莴笋   1 t (11-25)
            涪江湾 白萝卜  5 t  (12-05, after 'today' 2025-11-30)
  shipments 陈建华 → 双福 11-11: 涪江湾 白萝卜 6 t @ 1.20, 青禾 莴笋 1.5 t @ 2.00 元/kg
            周德明 → 盘溪 11-21: 涪江湾 白萝卜 3 t @ 1.00 元/kg
                                              陈建华 → 双福 2024-11-16: 涪江湾 白萝卜 5 t @ 0.80
  payments  陈建华 5,000 元 on 2025-11-30
  certificates 2 (valid) + 1 void in 2025-11   1 in 2024-11

So for 2025-11-01…30 against 2024-11-01…30: harvested 12 t vs 9 t (+33.3%), shipped 10.5 t vs
5 t (+110.0%), revenue 13,200 元 vs 4,000 元 (+230.0%), mean price 1.2571 vs 0.8000 元/kg
(+57.1%), owed 12,200 元 vs 4,000 元 (+205.0%), certificates 2 vs 1 (+100.0%).
"""

from __future__ import annotations

from db import units
from db.records import Certificate, Harvest, Payment, Shipment, ShipmentLine
from db.repositories import Store

TODAY = "2025-11-30"
T = units.G_PER_TONNE


def _ship(store: Store, day: str, ticket: str, buyer, market, lines) -> Shipment:
    net = sum(g for _, _, g, _ in lines)
    return store.shipments.add(
        Shipment(
            ship_date=day,
            ticket_no=ticket,
            buyer_id=buyer.id,
            market_id=market.id,
            gross_g=net + 5 * T,
            tare_g=5 * T,
            lines=tuple(
                ShipmentLine(operator_id=op.id, crop_id=crop.id, net_g=g, agreed_price=price)
                for op, crop, g, price in lines
            ),
        )
    )


def build(store: Store, master: dict) -> dict:
    ops, crops = master["operators"], master["crops"]
    markets, buyers = master["markets"], master["buyers"]
    fj, qh = ops
    radish, celtuce = crops
    store.harvests.add_many(
        [
            Harvest(harvest_date="2025-11-10", operator_id=fj.id, crop_id=radish.id, weight_g=10 * T),
            Harvest(harvest_date="2025-11-20", operator_id=qh.id, crop_id=celtuce.id, weight_g=2 * T),
            Harvest(harvest_date="2025-12-05", operator_id=fj.id, crop_id=radish.id, weight_g=5 * T),
            Harvest(harvest_date="2024-11-15", operator_id=fj.id, crop_id=radish.id, weight_g=8 * T),
            Harvest(harvest_date="2024-11-25", operator_id=qh.id, crop_id=celtuce.id, weight_g=1 * T),
        ]
    )
    shipments = [
        _ship(
            store,
            "2025-11-11",
            "B20251111-001",
            buyers[0],
            markets[0],
            [(fj, radish, 6 * T, 12_000), (qh, celtuce, 1_500_000, 20_000)],
        ),
        _ship(store, "2025-11-21", "B20251121-001", buyers[1], markets[1], [(fj, radish, 3 * T, 10_000)]),
        _ship(store, "2024-11-16", "B20241116-001", buyers[0], markets[0], [(fj, radish, 5 * T, 8_000)]),
    ]
    store.payments.add(Payment(buyer_id=buyers[0].id, pay_date="2025-11-30", amount_fen=500_000))

    def cert(day: str, op, crop, shipment=None) -> Certificate:
        return store.certificates.add(
            Certificate(
                operator_id=op.id,
                crop_id=crop.id,
                weight_g=T,
                issue_date=day,
                origin="四川省遂宁市船山区老池镇涪江村",
                issuer_name=op.name,
                shipment_id=shipment.id if shipment else None,
            )
        )

    cert("2025-11-11", fj, radish, shipments[0])
    cert("2025-11-21", fj, radish, shipments[1])
    voided = cert("2025-11-22", qh, celtuce)
    store.certificates.void(voided.id, "typed the wrong weight")
    cert("2024-11-16", fj, radish, shipments[2])
    return {"shipments": shipments}
