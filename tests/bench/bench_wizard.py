"""Benchmark: the import wizard's work on a big shipments file, each figure against a baseline
measured in the same run.

    .venv/bin/python -m tests.bench.bench_wizard [--rows 100000]

- a re-check after a fix (the fixed rows written to a temporary CSV, then checked) against the plain
  check of the file (check_shipments): the ratio is what a fix costs over the first check;
- the undo and the redo of the import (app.commands.delete_parts / restore_parts, what the undo
  step's task runs) against the import's own write (db.importing.fixes.write_import).
"""

from __future__ import annotations

import argparse
import datetime
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.commands import delete_parts, restore_parts
from db import demo
from db.importing.fixes import check_file, check_fixed, load_table, write_import
from db.repositories import Store
from db.storage.connection import open_database
from tests.bench.bench_import import write_file


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store = Store(open_database(folder / "bench.db"), user="bench")
        demo.generate(store, years=0, seed=7, end=datetime.date(2025, 12, 31))
        path = folder / "big.csv"
        write_file(store, path, args.rows)
        plain, check_s = timed(lambda: check_file(store, "shipments", path))
        assert not plain.problems, plain.problems[:3]
        table, load_s = timed(lambda: load_table(path, "shipments"))
        fixed, fix_s = timed(lambda: check_fixed(store, "shipments", table, edits={(0, 0): table.text(0, 0)}))
        assert not fixed.problems and len(fixed.shipments) == len(plain.shipments)
        nothing = lambda *_: None  # noqa: E731
        (_created, saved), write_s = timed(lambda: write_import(store, "shipments", table, plain))
        lines = sum(len(s.lines) for s in saved)
        parts = [("shipments", saved)]
        _, undo_s = timed(lambda: delete_parts(store, parts, nothing))
        again, redo_s = timed(lambda: restore_parts(store, parts, nothing))
        assert store.shipments.count() >= len(saved) and again[0][1][0].id == saved[0].id
        store.close()
    print(f"{args.rows:,} rows, {len(saved):,} shipments, {lines:,} lines")
    print(f"check (baseline)        {check_s:7.2f} s  {args.rows / check_s:10,.0f} rows/s")
    print(f"load the table          {load_s:7.2f} s  ({load_s / check_s:.2f}× the check)")
    print(f"re-check after a fix    {fix_s:7.2f} s  ({fix_s / check_s:.2f}× the check)")
    print(f"write (baseline)        {write_s:7.2f} s  {lines / write_s:10,.0f} lines/s")
    print(f"undo (task body)        {undo_s:7.2f} s  ({undo_s / write_s:.2f}× the write)")
    print(f"redo (task body)        {redo_s:7.2f} s  ({redo_s / write_s:.2f}× the write)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
