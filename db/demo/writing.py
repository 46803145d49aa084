"""Writing a simulated demo trade through the repositories: harvests, loads, certificates, payments."""

from __future__ import annotations

import random
from collections.abc import Callable

from db import deductions, units
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
from db.repositories import Store, bulk_rows


def write_trade(
    trade: _Trade, store: Store, master: MasterData, step: Callable[[int], None], seed: int
) -> dict:
    """Store the simulated trade in monthly chunks (harvests first, so loads can name their lots);
    `step(n)` after each month. Every record is built once with its final ids and values and
    written in bulk (db/repositories/bulk_rows.py), one audit entry per table and month; the
    tables' indexes are built once at the end.
    Returns the counts for DemoSummary."""
    rng = trade.rng
    note = {"demo_seed": seed}
    op_ids = [o.id for o in master.operators]
    crop_ids = [c.id for c in master.crops]
    buyer_ids = [b.id for b in master.buyers]
    market_ids = [m.id for m in master.markets]
    plot_ids = [[p.id for p in plots] for plots in master.plots]
    first_harvest = bulk_rows.next_id(store, "harvests")
    n_lines = n_certs = 0
    chunks: dict[str, tuple[list[int], list[_Truck]]] = {}
    for i, h in enumerate(trade.harvests):
        chunks.setdefault(h[0][:7], ([], []))[0].append(i)
    for t in trade.trucks:
        chunks.setdefault(t.day.isoformat()[:7], ([], []))[1].append(t)
    with bulk_rows.indexes_aside(store):
        for n, (harvest_idx, trucks) in enumerate(chunks.values()):
            days = [trade.harvests[i][0] for i in harvest_idx]
            harvests = []
            for i, code in zip(harvest_idx, bulk_rows.lot_codes(store, days), strict=True):
                day, op, plot, crop, grade, weight = trade.harvests[i]
                harvests.append(
                    Harvest(
                        day,
                        op_ids[op],
                        crop_ids[crop],
                        weight,
                        code,
                        plot_ids[op][plot],
                        grade,
                        "",
                        first_harvest + i,
                    )
                )
            bulk_rows.insert_harvests(store.harvests, harvests, note)
            shipments = _shipments(store, trucks, op_ids, crop_ids, buyer_ids, market_ids, first_harvest)
            n_lines += sum(len(s.lines) for s in shipments)
            bulk_rows.insert_shipments(store.shipments, shipments, note)
            n_certs += _certificates(trade, store, master, trucks, shipments, rng, note)
            step(n)
        first_payment = bulk_rows.next_id(store, "payments")
        payments = [
            Payment(buyer_ids[b], day, amount, method, ref, note_text, first_payment + k)
            for k, (b, day, amount, method, ref, note_text) in enumerate(trade.payments)
        ]
        bulk_rows.insert_records(store.payments, payments, note)
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


def _shipments(
    store: Store,
    trucks: list[_Truck],
    op_ids: list[int],
    crop_ids: list[int],
    buyer_ids: list[int],
    market_ids: list[int],
    first_harvest: int,
) -> list[Shipment]:
    """The month's loads as stored shipments: ids, line numbers, the deduction shared over the
    lines' payable weights and the amounts, as ShipmentRepository._prepare makes them."""
    shipment_id = bulk_rows.next_id(store, "shipments")
    line_id = bulk_rows.next_id(store, "shipment_lines")
    out = []
    for t in trucks:
        net = t.net_g
        deduction = t.deduction_g
        if t.deduction_pct_x100 is not None:
            deduction = (net * t.deduction_pct_x100 + 5000) // 10000
        nets = [line[1] for line in t.lines]
        payable = deductions.payable_weights(deduction, nets) if 0 < deduction <= net else nets
        lines = []
        for number, ((key, net_g, lots), (agreed, settled, _), pay) in enumerate(
            zip(t.lines, t.priced, payable, strict=True), start=1
        ):
            price = agreed if settled is None else settled
            lines.append(
                ShipmentLine(
                    op_ids[key[0]],
                    crop_ids[key[1]],
                    net_g,
                    agreed,
                    key[2],
                    settled,
                    units.amount_fen(pay, price),
                    shipment_id,
                    number,
                    line_id,
                    tuple(first_harvest + i for i in lots),
                    pay,
                )
            )
            line_id += 1
        out.append(
            Shipment(
                ship_date=t.day.isoformat(),
                ticket_no=t.ticket_no,
                buyer_id=buyer_ids[t.buyer],
                gross_g=net + t.tare_g,
                tare_g=t.tare_g,
                net_g=net,
                market_id=market_ids[t.market],
                plate=t.plate,
                deduction_g=deduction,
                deduction_pct_x100=t.deduction_pct_x100,
                payment_status=t.status,
                notes="行情下跌，部分按实结价结算" if any(p[1] is not None for p in t.priced) else "",
                id=shipment_id,
                lines=tuple(lines),
            )
        )
        shipment_id += 1
    return out


def _certificates(
    trade: _Trade,
    store: Store,
    master: MasterData,
    trucks: list[_Truck],
    stored: list[Shipment],
    rng: random.Random,
    note: dict,
) -> int:
    """一车一证: a certificate per co-op or company (and some family farms) and crop on each load."""
    certs: list[dict] = []  # each certificate's fields but its number and id, which follow
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
                dict(
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
    # A few were written with a wrong weight: the wrong one stays in the register, void, and its
    # replacement (with the next numbers) names it.
    first = bulk_rows.next_id(store, "certificates")
    reissued = []
    for i in redo:
        voided_at = f"{certs[i]['issue_date']}T0{rng.randint(1, 3)}:{rng.randint(0, 59):02d}:00+00:00"
        reissued.append({**certs[i], "replaces_id": first + i})
        certs[i].update(
            weight_g=_mistyped(certs[i]["weight_g"], rng),
            status="void",
            void_reason="重量填写错误，已重开",
            voided_at=voided_at,
        )
    certs.extend(reissued)
    numbers = bulk_rows.certificate_numbers(store, [c["issue_date"] for c in certs])
    records = [
        Certificate(**fields, cert_no=number, id=first + k)
        for k, (fields, number) in enumerate(zip(certs, numbers, strict=True))
    ]
    bulk_rows.insert_records(store.certificates, records, note)
    return len(records)


def _mistyped(weight_g: int, rng: random.Random) -> int:
    """A plausible typing slip in a weight: a digit too many or too few, or a round figure."""
    kg = weight_g // KG
    slips = [kg * 10, max(kg // 10, 1), _round_to(kg, 1000) or 1000]
    choice = rng.choice([s for s in slips if s != kg] or [kg + 100])
    return choice * KG
