"""Benchmark: the big harvest and shipment tables (id-list model) at a million shipment lines.

Run from the repository root (not part of the default test run):

    .venv/bin/python -m tests.bench.bench_tables [--runs 7] [--db PATH]

A part of tests/bench/run.py, runnable alone with more detail, on the suite's park of 1,000,000
shipment lines and 400,000 harvests (tests/bench/data.py: built once, cached). For each table it
prints the median time of the id query behind a refresh (per sort key, with and without a filter)
and of fetching one block of rows for painting, each with its ratio to the stated budget:
  - id query ≤ 1,000 ms: it runs as a task off the GUI thread, the old rows stay on screen meanwhile;
  - block fetch ≤ 16 ms: it runs on the GUI thread while painting, so it must fit in one frame.
Exits 1 if a budget is missed.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from db.browse import BrowseFilter, HarvestBrowser, ShipmentBrowser
from db.connection import open_database
from tests.bench import data
from tests.bench.bench_charts import HARVESTS, LINES

ID_BUDGET_MS = 1000.0
BLOCK_BUDGET_MS = 16.0
BLOCK = 256  # rows the model fetches per block (app/models/idlist.py)


def _median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _report(label: str, ms: float, budget: float) -> bool:
    ok = ms <= budget
    print(
        f"{label:<46} {ms:9.1f} ms   ratio to {budget:,.0f} ms budget {ms / budget:5.2f}  {'' if ok else 'SLOW'}"
    )
    return ok


def bench(browser, sorts: list[str], flt: BrowseFilter, runs: int) -> bool:
    ok = True
    name = browser.table
    for sort in sorts:
        ok &= _report(
            f"{name}: ids sorted by {sort}",
            _median_ms(lambda s=sort: browser.ids(sort=s), runs),
            ID_BUDGET_MS,
        )
    ok &= _report(
        f"{name}: ids, one operator, by date", _median_ms(lambda: browser.ids(flt), runs), ID_BUDGET_MS
    )
    ok &= _report(f"{name}: count", _median_ms(browser.count, runs), ID_BUDGET_MS)
    ids = browser.ids()
    rng = random.Random(5)

    def block() -> None:
        start = rng.randrange(0, max(1, len(ids) - BLOCK))
        browser.rows(ids[start : start + BLOCK])

    ok &= _report(
        f"{name}: block of {BLOCK} rows at a random place", _median_ms(block, runs * 5), BLOCK_BUDGET_MS
    )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--db", type=Path, help="default: the 1M-line park of tests/bench/data.py")
    args = parser.parse_args()
    args.db = args.db or data.park_path(LINES, HARVESTS)
    db = open_database(args.db)
    operator = db.execute("SELECT id FROM operators ORDER BY id LIMIT 1").fetchone()[0]
    flt = BrowseFilter(operator_ids=(operator,))
    lines = db.execute("SELECT count(*) FROM shipment_lines").fetchone()[0]
    print(f"database {args.db}: {lines:,} shipment lines; medians of {args.runs} runs")
    ok = bench(HarvestBrowser(db), ["date", "weight", "operator", "crop", "grade"], flt, args.runs)
    ok &= bench(ShipmentBrowser(db), ["date", "net", "amount", "lines", "buyer", "status"], flt, args.runs)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
