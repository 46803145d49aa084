"""Benchmark: checking and importing a 100,000-row shipments file (the issue's target: ≤ 5 s).

Run from the repository root (not part of the default test run):

    .venv/bin/python -m tests.bench.bench_import [--rows 100000] [--format csv|xlsx]

Writes a shipments file of clerk-typed rows (the demo's master data; names, aliases and
Traditional characters, units in cells, 3 lines a ticket) into a temporary folder, then times
check_shipments (read, parse, group, check) and the write, and compares the total with raw
`sqlite3` executemany of the very rows the import stored into the program's own schema (see
`schema_baseline`; the older floor of two bare tables is printed too). Prints rows/s and the
ratios; exits 1 when the import takes more than the target.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from db import demo, importing
from db.repositories import Store
from db.repositories.bulk import _BULK_CACHE_KIB, _SUMMARY_SQL
from db.search import INDEXES
from db.storage.connection import open_database

TARGET_S = 5.0
TITLES = [
    "日期",
    "磅单号",
    "客商",
    "目的市场",
    "车牌号",
    "经营主体",
    "品种",
    "等级",
    "净重(公斤)",
    "单价(元/公斤)",
    "金额(元)",
]


def write_file(store: Store, path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    buyers = [(b.name, b.plates) for b in store.buyers.list()]
    markets = [m.name for m in store.markets.list()] + ["双福", "盘溪", "花枝"]
    operators = [o.name for o in store.operators.list()] + ["涪江湾", "雙壩", "青禾"]
    crops = [(c.name, c.price_low, c.price_high) for c in store.crops.list()]
    grades = ["", "一级", "特级", "二级"]  # "" is 统货: each grade once a ticket
    start = datetime.date(2024, 1, 1)
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(TITLES)
        n = 0
        ticket = 0
        while n < rows:
            ticket += 1
            day = start + datetime.timedelta(days=ticket // 120)
            buyer, plates = rng.choice(buyers)
            market = rng.choice(markets)
            plate = rng.choice(plates) if plates else ""
            for grade in rng.sample(grades, 3):
                if n == rows:
                    break
                crop, low, high = rng.choice(crops)
                price = rng.randint(low, high) // 100 * 100 if high else 20_000
                out.writerow(
                    [
                        day.isoformat(),
                        f"B{ticket:07d}",
                        buyer,
                        market,
                        plate,
                        rng.choice(operators),
                        crop,
                        grade,
                        f"{rng.randint(200, 4000)}",
                        f"{price / 10_000:g}",
                        "",
                    ]
                )
                n += 1


def copy_database(source: Path | sqlite3.Connection, target: Path) -> None:
    """A consistent copy of a database file (SQLite's backup API: a WAL file's pages included)."""
    src = source if isinstance(source, sqlite3.Connection) else sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        if src is not source:
            src.close()


def schema_baseline(before: Path, imported: Path, folder: Path) -> float:
    """Raw sqlite3 executemany of the very rows an import stored (read back from `imported`) into a
    copy of the database as it was before the import (`before`): the program's own tables with
    every index, the daily summary and the search index brought up to date by plain SQL (the
    per-line triggers stand aside as in a bulk write, then one INSERT … SELECT each), no Python
    checking, no audit rows; the connection set as the program's bulk write sets its own (foreign
    keys checked, synchronous FULL, a 32 MB page cache). What an import would cost if it did
    nothing but write."""
    src = sqlite3.connect(imported)
    shipments = src.execute("SELECT * FROM shipments ORDER BY id").fetchall()
    lines = src.execute("SELECT * FROM shipment_lines ORDER BY id").fetchall()
    src.close()
    target = folder / "raw-schema.db"
    copy_database(before, target)
    conn = sqlite3.connect(target)
    # the program's own settings for a bulk write (db.storage.connection, db.repositories.bulk)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(f"PRAGMA cache_size = -{_BULK_CACHE_KIB}")
    first_line = lines[0][0] if lines else 0
    index, columns = INDEXES["shipments"]
    cols = ", ".join(columns)
    began = time.perf_counter()
    with conn:
        conn.execute("INSERT INTO bulk_import (id) VALUES (1)")
        if shipments:
            conn.executemany(
                f"INSERT INTO shipments VALUES ({', '.join('?' * len(shipments[0]))})", shipments
            )
        if lines:
            conn.executemany(f"INSERT INTO shipment_lines VALUES ({', '.join('?' * len(lines[0]))})", lines)
        conn.execute("DELETE FROM bulk_import")
        conn.execute(_SUMMARY_SQL, [first_line])
        conn.execute(
            f"INSERT INTO {index}(rowid, {cols}) SELECT id, {cols} FROM shipments WHERE id >= ?",
            [shipments[0][0] if shipments else 0],
        )
    took = time.perf_counter() - began
    conn.close()
    return took


def raw_baseline(folder: Path, shipments: int, lines: int) -> float:
    """The same number of rows into two bare tables with executemany: the floor for any import
    (no index but the row id, no summary)."""
    conn = sqlite3.connect(folder / "raw.db")
    conn.execute("CREATE TABLE s (id INTEGER PRIMARY KEY, d TEXT, t TEXT, b INT, g INT)")
    conn.execute("CREATE TABLE l (id INTEGER PRIMARY KEY, s INT, o INT, c INT, n INT, p INT)")
    began = time.perf_counter()
    with conn:
        conn.executemany(
            "INSERT INTO s VALUES (?, ?, ?, ?, ?)",
            ((i, "2024-01-01", f"B{i}", 1, 1) for i in range(shipments)),
        )
        conn.executemany(
            "INSERT INTO l VALUES (?, ?, ?, ?, ?, ?)", ((i, i // 3, 1, 1, 1000, 1) for i in range(lines))
        )
    took = time.perf_counter() - began
    conn.close()
    return took


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store = Store(open_database(folder / "bench.db"), user="bench")
        demo.generate(store, years=0, seed=7, end=datetime.date(2025, 12, 31))
        path = folder / "shipments.csv"
        write_file(store, path, args.rows)
        copy_database(store.db.conn, folder / "before.db")
        cpu_began, began = time.process_time(), time.perf_counter()
        result = importing.check_shipments(store, path, today=datetime.date(2026, 1, 1))
        cpu_checked, checked = time.process_time(), time.perf_counter()
        if result.problems:
            print("problems:", [p.text() for p in result.problems[:5]])
            return 1
        importing.write_shipments(store, result, path)
        cpu_done, done = time.process_time(), time.perf_counter()
        store.close()
        schema = schema_baseline(folder / "before.db", folder / "bench.db", folder)
        raw = raw_baseline(folder, len(result.shipments), result.lines)
    total = done - began
    print(
        f"{args.rows:,} rows: check {checked - began:.2f} s, write {done - checked:.2f} s, total {total:.2f} s "
        f"({args.rows / total:,.0f} rows/s); target ≤ {TARGET_S:.0f} s: "
        f"{'met' if total <= TARGET_S else 'MISSED'}\n"
        f"  raw sqlite3 executemany of the same rows into the program's schema (indexes, summary and "
        f"search index by plain SQL): {schema:.2f} s (×{total / schema:.1f}; "
        f"{schema / total:.0%} of raw throughput)\n"
        f"  the same number of rows into two bare tables: {raw:.2f} s (×{total / raw:.0f})\n"
        f"  CPU time of this process (less sensitive to other programs on the machine): check "
        f"{cpu_checked - cpu_began:.2f} s, write {cpu_done - cpu_checked:.2f} s"
    )
    return 0 if total <= TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
