"""Writing a simulated demo trade through the repositories: harvests, loads, certificates, payments."""

from __future__ import annotations

import random
from collections.abc import Callable

from db import units
from db.demo.park import (
    _COMMITTEE_TEST_DETAILS,
    _PROVINCE_PREFIX,
    _SELF_TEST_DETAILS,
    KG,
    OPERATORS,
    MasterData,
)
from db.demo.trade import _round_to, _Trade, _Truck
from db.records import Certificate, Harvest, Payment, Shipment, ShipmentLine
from db.repositories import Store


def write_trade(trade: _Trade, store: Store, master: MasterData, step: Callable[[int], None]) -> dict:
    """Store the simulated trade in monthly chunks (harvests first, so loads can name their lots);
    `step(n)` after each month. Returns the counts for DemoSummary."""
    rng = trade.rng
    op_ids = [o.id for o in master.operators]
    crop_ids = [c.id for c in master.crops]
    buyer_ids = [b.id for b in master.buyers]
    market_ids = [m.id for m in master.markets]
    harvest_ids: list[int] = []
    n_lines = n_certs = 0
    chunks: dict[str, tuple[list[int], list[_Truck]]] = {}
    for i, h in enumerate(trade.harvests):
        chunks.setdefault(h[0][:7], ([], []))[0].append(i)
    for t in trade.trucks:
        chunks.setdefault(t.day.isoformat()[:7], ([], []))[1].append(t)
    for n, (harvest_idx, trucks) in enumerate(chunks.values()):
        records = []
        for i in harvest_idx:
            day, op, plot, crop, grade, weight = trade.harvests[i]
            records.append(
                Harvest(
                    harvest_date=day,
                    operator_id=op_ids[op],
                    crop_id=crop_ids[crop],
                    weight_g=weight,
                    plot_id=master.plots[op][plot].id,
                    grade=grade,
                )
            )
        harvest_ids.extend(h.id for h in store.harvests.add_many(records))
        shipments = []
        for t in trucks:
            lines = tuple(
                ShipmentLine(
                    operator_id=op_ids[key[0]],
                    crop_id=crop_ids[key[1]],
                    net_g=net_g,
                    agreed_price=agreed,
                    grade=key[2],
                    settled_price=settled,
                    lot_ids=tuple(harvest_ids[i] for i in lots),
                )
                for (key, net_g, lots), (agreed, settled, _) in zip(t.lines, t.priced, strict=True)
            )
            n_lines += len(lines)
            shipments.append(
                Shipment(
                    ship_date=t.day.isoformat(),
                    ticket_no=t.ticket_no,
                    buyer_id=buyer_ids[t.buyer],
                    gross_g=t.net_g + t.tare_g,
                    tare_g=t.tare_g,
                    market_id=market_ids[t.market],
                    plate=t.plate,
                    deduction_g=t.deduction_g,
                    deduction_pct_x100=t.deduction_pct_x100,
                    payment_status=t.status,
                    notes="行情下跌，部分按实结价结算" if any(p[1] is not None for p in t.priced) else "",
                    lines=lines,
                )
            )
        stored = store.shipments.add_many(shipments)
        n_certs += _certificates(trade, store, master, trucks, stored, rng)
        step(n)
    payments = [
        Payment(
            buyer_id=buyer_ids[b],
            pay_date=day,
            amount_fen=amount,
            method=method,
            reference=ref,
            notes=note,
        )
        for b, day, amount, method, ref, note in trade.payments
    ]
    store.payments.add_many(payments)
    shipped_by_year: dict[int, int] = {}
    for t in trade.trucks:
        shipped_by_year[t.day.year] = shipped_by_year.get(t.day.year, 0) + t.net_g
    return dict(
        harvests=len(trade.harvests),
        shipments=len(trade.trucks),
        shipment_lines=n_lines,
        payments=len(payments),
        certificates=n_certs,
        harvested_g=sum(h[5] for h in trade.harvests),
        shipped_g=sum(shipped_by_year.values()),
        tonnes_per_year=tuple((y, units.tonnes(g)) for y, g in sorted(shipped_by_year.items())),
    )


def _certificates(
    trade: _Trade,
    store: Store,
    master: MasterData,
    trucks: list[_Truck],
    stored: list[Shipment],
    rng: random.Random,
) -> int:
    """一车一证: a certificate per co-op or company (and some family farms) and crop on each load."""
    certs: list[Certificate] = []
    redo: list[int] = []  # positions in certs of certificates that get voided and reissued
    for truck, shipment in zip(trucks, stored, strict=True):
        groups: dict[tuple[int, int], tuple[int, int]] = {}  # (op, crop) -> (grams, first lot)
        for (op, crop, _), net_g, lots in truck.lines:
            grams, lot = groups.get((op, crop), (0, lots[0]))
            groups[(op, crop)] = (grams + net_g, lot)
        for (op, crop), (grams, lot) in groups.items():
            spec = OPERATORS[op]
            if spec.kind == "family_farm" and rng.random() >= spec.family_cert_rate:
                continue
            plot = trade.harvests[lot][2]
            r = rng.random()
            details = ""
            if r < 0.12:
                details = _SELF_TEST_DETAILS
            elif r < 0.14:
                details = _COMMITTEE_TEST_DETAILS.format(year=truck.day.year, n=rng.randint(1, 9999))
            if rng.random() < 0.004:
                redo.append(len(certs))
            certs.append(
                Certificate(
                    operator_id=master.operators[op].id,
                    crop_id=master.crops[crop].id,
                    weight_g=grams,
                    issue_date=shipment.ship_date,
                    origin=_PROVINCE_PREFIX[spec.side] + spec.town + spec.plots[plot][1],
                    issuer_name=spec.name,
                    phone=master.operators[op].phone,
                    shipment_id=shipment.id,
                    basis_quality_control=r >= 0.12 or rng.random() < 0.5,
                    basis_self_test=r < 0.12,
                    basis_commissioned_test=0.12 <= r < 0.14,
                    test_details=details,
                )
            )
    # A few were written with a wrong weight: the wrong one stays in the register, void.
    correct = {i: certs[i].weight_g for i in redo}
    for i in redo:
        voided_at = f"{certs[i].issue_date}T0{rng.randint(1, 3)}:{rng.randint(0, 59):02d}:00+00:00"
        certs[i] = certs[i].replace(
            weight_g=_mistyped(certs[i].weight_g, rng),
            status="void",
            void_reason="重量填写错误，已重开",
            voided_at=voided_at,
        )
    issued = store.certificates.add_many(certs)
    reissued = [
        issued[i].replace(
            id=None,
            cert_no="",
            status="valid",
            void_reason="",
            voided_at=None,
            weight_g=correct[i],
            replaces_id=issued[i].id,
        )
        for i in redo
    ]
    store.certificates.add_many(reissued)
    return len(issued) + len(reissued)


def _mistyped(weight_g: int, rng: random.Random) -> int:
    """A plausible typing slip in a weight: a digit too many or too few, or a round figure."""
    kg = weight_g // KG
    slips = [kg * 10, max(kg // 10, 1), _round_to(kg, 1000) or 1000]
    choice = rng.choice([s for s in slips if s != kg] or [kg + 100])
    return choice * KG
