"""Benchmark: a buyer report of 10,000 shipment lines as PDF (≤ 3 s) and XLSX (≤ 2 s).

Run from the repository root (not part of the default test run):

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/bench/bench_reports.py [--lines 10000]

Each time is printed with its ratio to writing the same rows with the csv module, which is the
floor for any export of those rows. Exits 1 if a limit is exceeded.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.documents import formatting as fmt
from app.documents.pdf import ensure_gui_application
from app.documents.reports_pdf import buyer_statement_document, write_report_pdf
from app.documents.reports_xlsx import buyer_statement_xlsx
from db.documents import reports
from db.records import Buyer, Crop, Market, Operator, Shipment, ShipmentLine
from db.repositories import Store
from db.storage.connection import open_database

LIMITS = {"pdf": 3.0, "xlsx": 2.0}


def build(store: Store, lines: int) -> int:
    """One buyer with `lines` shipment lines (two per truck) over a year."""
    ops = [store.operators.add(Operator(name=f"测试合作社{i}", kind="coop")) for i in range(4)]
    crops = [store.crops.add(Crop(name=n)) for n in ("白萝卜", "莴笋", "大白菜", "甘蓝", "青菜")]
    markets = [store.markets.add(Market(name=n)) for n in ("重庆双福国际农贸城", "重庆盘溪农产品批发市场")]
    buyer = store.buyers.add(Buyer(name="陈建华", kind="wholesaler"))
    shipments = []
    for n in range(lines // 2):
        day = f"2025-{n * 12 // (lines // 2) + 1:02d}-{n % 28 + 1:02d}"
        shipments.append(
            Shipment(
                day,
                f"B{day.replace('-', '')}-{n:05d}",
                buyer.id,
                20_000_000,
                7_000_000,
                market_id=markets[n % 2].id,
                plate="渝C12345",
                lines=tuple(
                    ShipmentLine(
                        ops[(n + k) % 4].id,
                        crops[(n + k) % 5].id,
                        6_000_000 + 137 * n + k,
                        24_000 + n % 7 * 1111,
                    )
                    for k in range(2)
                ),
            )
        )
    store.shipments.add_many(shipments)
    return buyer.id


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=10_000)
    args = parser.parse_args()
    ensure_gui_application()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        store = Store(open_database(out / "bench.db"))
        buyer_id = build(store, args.lines)
        t0 = time.perf_counter()
        st = reports.buyer_statement(store, buyer_id, "2025-01-01", "2025-12-31")
        query = time.perf_counter() - t0
        assert len(st.lines) == args.lines

        t0 = time.perf_counter()
        with (out / "rows.csv").open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            for line in st.lines:
                writer.writerow(
                    [line.ship_date, line.ticket_no, line.plate, line.market, line.crop, line.grade,
                     fmt.kg(line.net_g), fmt.price_kg(line.price), fmt.price_jin(line.price), fmt.yuan(line.amount_fen)]
                )  # fmt: skip
        baseline = time.perf_counter() - t0

        t0 = time.perf_counter()
        pages = write_report_pdf(out / "report.pdf", buyer_statement_document(st))
        pdf = time.perf_counter() - t0

        t0 = time.perf_counter()
        buyer_statement_xlsx(out / "report.xlsx", st)
        xlsx = time.perf_counter() - t0
        store.close()

    print(f"buyer report, {args.lines:,} lines (statement query {query:.2f} s)")
    print(f"  csv module baseline  {baseline:6.3f} s")
    ok = True
    for name, seconds, extra in (("pdf", pdf, f", {pages} pages"), ("xlsx", xlsx, "")):
        within = seconds <= LIMITS[name]
        ok &= within
        print(
            f"  {name:<4}                 {seconds:6.3f} s  = {seconds / baseline:5.1f} × csv"
            f"  (limit {LIMITS[name]:.0f} s: {'ok' if within else 'TOO SLOW'}{extra})"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
