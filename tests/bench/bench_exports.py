"""Benchmark: the three-year shipments export (about 66,000 lines) as XLSX (≤ 4 s), beside CSV.

Run from the repository root (not part of the default test run):

    .venv/bin/python -m tests.bench.bench_exports [--lines 66000]

Both files are written by `db.documents.exporting.export_shipments` from the same database; the XLSX time is
printed with its ratio to the CSV export of the same rows. Exits 1 if the limit is exceeded.
On the development machine (2 shared cores): CSV 0.85 s; XLSX 2.6 s (2.9 × CSV) with rows
written whole (db/documents/xlsx_rows.py), 5.7 s (6.7 × CSV) cell by cell through XlsxWriter's public calls.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from db.documents import exporting
from db.repositories import Store
from db.storage.connection import open_database
from tests.bulkdata import populate

LIMIT_XLSX_S = 4.0
LINES_PER_TRUCK = 1.8  # tests.bulkdata writes 1–3 lines a truck


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=66_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        store = Store(open_database(out / "bench.db"))
        populate(store, 10, int(args.lines / LINES_PER_TRUCK), days=3 * 365)
        store.db.execute("ANALYZE")
        lines = store.db.execute("SELECT count(*) FROM shipment_lines").fetchone()[0]
        times = {}
        for fmt in ("csv", "xlsx"):
            t0 = time.perf_counter()
            written = exporting.export_shipments(store.db, out / f"shipments.{fmt}", fmt)
            times[fmt] = time.perf_counter() - t0
            assert written == lines
        cells = lines * len(exporting.SHIPMENT_FIELDS)
        store.close()
    ok = times["xlsx"] <= LIMIT_XLSX_S
    print(f"shipments export, {lines:,} lines × {len(exporting.SHIPMENT_FIELDS)} columns ({cells:,} cells)")
    print(f"  csv   {times['csv']:6.3f} s")
    print(
        f"  xlsx  {times['xlsx']:6.3f} s  = {times['xlsx'] / times['csv']:4.1f} × csv"
        f"  (limit {LIMIT_XLSX_S:.0f} s: {'ok' if ok else 'TOO SLOW'})"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
