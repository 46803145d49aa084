"""The benchmark databases: a deterministic generator of a big park, built once and cached.

The rows go into the real schema with executemany (its triggers keep the daily summaries and the
shipment totals, exactly as the one write path does), without audit rows: a benchmark database
is not a record of anybody's work. The cache lives outside the repository
(~/.cache/fujiang-bench, or $FUJIANG_BENCH_CACHE) and is keyed by the generator's version, the
size and the schema's last migration, so a changed generator or schema builds afresh.
"""

from __future__ import annotations

import hashlib
import os
import random
import time
from datetime import date, timedelta
from pathlib import Path

from db import demo, search, units
from db.repositories import Store
from db.storage import check, schema
from db.storage.connection import open_database

GENERATOR_VERSION = (
    3  # 3: search indexes built; 2: each buyer's own markets (1 spread trucks over all markets)
)
FIRST_DAY = date(2022, 11, 1)
LAST_DAY = date(2026, 10, 31)
# DOMAIN.md's share of annual volume by month.
MONTH_SHARE = {1: 13, 2: 9, 3: 9, 4: 7, 5: 8, 6: 8, 7: 6, 8: 3, 9: 4, 10: 7, 11: 12, 12: 14}
DEMO_VERSION = 1  # the demo park comes from db.demo.generate, not from build()
SUMMARY_TRIGGERS = ("harvests_ai", "shipment_lines_ai", "shipment_totals_ai")
SCALES = {
    # scale: (shipment lines, harvests, years of the demo park the launch figure opens)
    "tiny": (3_000, 1_200, 0),
    "small": (100_000, 40_000, 3),
    "full": (1_000_000, 400_000, 10),
}


def cache_dir() -> Path:
    folder = Path(os.environ.get("FUJIANG_BENCH_CACHE") or Path.home() / ".cache" / "fujiang-bench")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _schema_key() -> str:
    """How many migrations the program has and a digest of their names: a new one makes new
    benchmark databases (two branches that each add a different migration must not share one)."""
    names = schema.all_migration_names()
    return f"{len(names)}-{hashlib.sha256(chr(10).join(names).encode()).hexdigest()[:8]}"


def park_path(lines: int, harvests: int) -> Path:
    """The cached database of `lines` shipment lines and `harvests` harvests (built if missing)."""
    path = cache_dir() / f"park-v{GENERATOR_VERSION}-m{_schema_key()}-{lines}-{harvests}.db"
    if not path.exists():
        print(f"building {path.name}: {lines:,} shipment lines, {harvests:,} harvests …", flush=True)
        began = time.perf_counter()
        partial = path.with_suffix(".partial")
        build(partial, lines, harvests)
        partial.rename(path)
        print(f"  built in {time.perf_counter() - began:.0f} s", flush=True)
    return path


def demo_path(years: int) -> Path:
    """A cached demo park of `years` years ending 2026-10-31 (the launch figure's database)."""
    path = cache_dir() / f"demo-v{DEMO_VERSION}-m{_schema_key()}-{years}y.db"
    if not path.exists():
        print(f"building the {years}-year demo park {path.name} …", flush=True)
        partial = path.with_suffix(".partial")
        for suffix in ("", "-wal", "-shm"):
            Path(str(partial) + suffix).unlink(missing_ok=True)
        store = Store(open_database(partial), user="bench")
        demo.generate(store, years=years, seed=2026, end=LAST_DAY)
        store.db.execute("ANALYZE")
        store.close()
        partial.rename(path)
    return path


def _days() -> tuple[list[str], list[float]]:
    days, weights = [], []
    d = FIRST_DAY
    while d <= LAST_DAY:
        days.append(d.isoformat())
        weights.append(MONTH_SHARE[d.month] / 30 * (0.35 if d.weekday() == 6 else 1.0))
        d += timedelta(days=1)
    return days, weights


def build(path: Path, lines: int, harvests: int, seed: int = 11) -> None:
    """The demo park's master data, then `harvests` harvests and `lines` shipment lines (2–4 a
    truck) over four seasons with DOMAIN.md's seasonality, in date order."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    store = Store(open_database(path), user="bench")
    master = demo.seed_master_data(store)
    db = store.db
    rng = random.Random(seed)
    days, day_weights = _days()
    crops_by_name = {c.name: c for c in master.crops}
    ops = []
    for op, plots, spec in zip(master.operators, master.plots, demo.OPERATORS, strict=True):
        crops = [crops_by_name[name] for name, _ in spec.crops]
        ops.append((op.id, [p.id for p in plots], crops, [w for _, w in spec.crops]))
    op_weights = [spec.tonnes_per_year for spec in demo.OPERATORS]
    buyers = [b.id for b in master.buyers]
    buyer_weights = [spec.share for spec in demo.BUYERS]
    market_id = {m.name: m.id for m in master.markets}
    # Each buyer sells on in its own one to three markets (DOMAIN.md), as the demo's buyers do.
    buyer_markets = [
        ([market_id[name] for name, _ in b.markets], [w for _, w in b.markets]) for b in demo.BUYERS
    ]
    grades = list(units.GRADES)
    db.execute("PRAGMA cache_size = -256000")
    # The summary triggers cost ~50 µs a row: they are set aside while the rows go in, and the
    # program's own repair (db.storage.check.repair) recomputes the summaries from the records afterwards.
    # Every other trigger (checks, search indexes) stays and fires.
    saved = db.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({', '.join('?' * len(SUMMARY_TRIGGERS))})",
        SUMMARY_TRIGGERS,
    ).fetchall()
    # Likewise the indexes of the three big tables: built once over sorted data, not row by row.
    indexes = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        "AND tbl_name IN ('harvests', 'shipments', 'shipment_lines')"
    ).fetchall()
    with store.write():
        for name, _sql in saved:
            db.execute(f"DROP TRIGGER {name}")
        for name, _sql in indexes:
            db.execute(f"DROP INDEX {name}")
        # Harvests: sorted by date as a park records them.
        picked_days = sorted(rng.choices(days, day_weights, k=harvests))
        harvest_rows = []
        for n, day in enumerate(picked_days, 1):
            op, plots, crops, weights = rng.choices(ops, op_weights)[0]
            crop = rng.choices(crops, weights)[0]
            harvest_rows.append(
                (n, day, op, rng.choice(plots), crop.id, rng.choice(grades), rng.randrange(100, 2_000) * 1_000,
                 f"L{n:07d}")
            )  # fmt: skip
        db.conn.executemany(
            "INSERT INTO harvests (id, harvest_date, operator_id, plot_id, crop_id, grade, weight_g, lot_code) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            harvest_rows,
        )
        del harvest_rows
        # Trucks of 2–4 lines, in date order.
        trucks = []
        left = lines
        while left:
            count = min(rng.choice((2, 3, 3, 4)), left)
            trucks.append(count)
            left -= count
        truck_days = sorted(rng.choices(days, day_weights, k=len(trucks)))
        ship_rows, line_rows = [], []
        line_id = 0
        for sid, (count, day) in enumerate(zip(trucks, truck_days, strict=True), 1):
            net = 0
            for k in range(count):
                op, _plots, crops, weights = rng.choices(ops, op_weights)[0]
                crop = rng.choices(crops, weights)[0]
                low, high = max(crop.price_low, 1_000), max(crop.price_high, crop.price_low + 1_000)
                price = rng.randrange(low // 100, high // 100 + 1) * 100
                net_g = rng.randrange(500, 6_000) * 1_000
                net += net_g
                line_id += 1
                amount = (net_g * price + 50_000) // 100_000
                line_rows.append(
                    (line_id, sid, k + 1, op, crop.id, rng.choice(grades), net_g, net_g, price, amount)
                )
            tare = rng.randrange(3_000, 15_000) * 1_000
            b = rng.choices(range(len(buyers)), buyer_weights)[0]
            market = rng.choices(*buyer_markets[b])[0]
            ship_rows.append((sid, day, f"B{sid:07d}", buyers[b], market, net + tare, tare, net, "paid"))
        db.conn.executemany(
            "INSERT INTO shipments (id, ship_date, ticket_no, buyer_id, market_id, gross_g, tare_g, net_g, "
            "payment_status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ship_rows,
        )
        db.conn.executemany(
            "INSERT INTO shipment_lines (id, shipment_id, line_no, operator_id, crop_id, grade, net_g, "
            "payable_g, agreed_price, amount_fen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            line_rows,
        )
        for _name, sql in saved + indexes:
            db.execute(sql)
        # The search indexes are written by the one write path (Store.audit_many), which these
        # rows did not take: built once here, from the rows, as the migration builds them.
        for table in search.INDEXES:
            search.rebuild(db, table)
    check.repair(store)
    db.execute("ANALYZE")
    store.close()
