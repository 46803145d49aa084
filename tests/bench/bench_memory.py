"""Benchmark: the import's peak memory as the file grows (issue 12), CSV and its XLSX twin.

Run from the repository root (not part of the default test run):

    .venv/bin/python -m tests.bench.bench_memory [--rows 50000 200000 …] [--format csv xlsx] [--no-import]
    .venv/bin/python tests/bench/bench_memory.py read FILE      # reading alone, in this process

Each figure is the peak memory (VmHWM, see tests/bench/child.py) of a separate process running
`fujiang import shipments FILE --dry-run`, then the real import into a copy of a database holding
the demo's master data; `read` reports the CPU seconds and peak memory of reading the file's rows
and nothing else. The XLSX twin holds the same rows as the CSV of bench_import.write_file, as a
clerk's workbook would: dates and numbers as native cells, texts in the shared strings table.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

CHILD = Path(__file__).with_name("child.py")
SIZES = (50_000, 200_000, 500_000, 1_000_000)
_NUMBER_COLUMNS = (8, 9)  # 净重(公斤), 单价(元/公斤)


def write_xlsx_twin(csv_path: Path, xlsx_path: Path) -> None:
    """The rows of a bench CSV as a workbook (XlsxWriter's default mode: shared strings, as Excel)."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(xlsx_path))
    sheet = book.add_worksheet("出货")
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    with csv_path.open(encoding="utf-8-sig", newline="") as fh:
        for r, record in enumerate(csv.reader(fh)):
            for c, value in enumerate(record):
                if r and c == 0:
                    sheet.write_datetime(r, c, datetime.datetime.fromisoformat(value), day)
                elif r and c in _NUMBER_COLUMNS and value:
                    sheet.write_number(r, c, float(value))
                elif value:
                    sheet.write_string(r, c, value)
    book.close()


def files(folder: Path, rows: int, formats: tuple[str, ...]) -> tuple[Path, dict[str, Path]]:
    """The template database (demo master data) and the files of `rows` rows, written once."""
    from db import demo
    from db.repositories import Store
    from db.storage.connection import open_database
    from tests.bench import bench_import

    template = folder / "template.db"
    csv_path = folder / f"shipments-{rows}.csv"
    if not template.exists() or not csv_path.exists():
        store = Store(open_database(template), user="bench")
        if not store.buyers.list():
            demo.seed_master_data(store)
        bench_import.write_file(store, csv_path, rows)
        store.close()
    out = {"csv": csv_path}
    if "xlsx" in formats:
        out["xlsx"] = csv_path.with_suffix(".xlsx")
        if not out["xlsx"].exists():
            write_xlsx_twin(csv_path, out["xlsx"])
    return template, {f: p for f, p in out.items() if f in formats}


def child_figures(*args: str) -> dict[str, float]:
    """Run a process of this suite; the `figure NAME VALUE` lines it printed."""
    proc = subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=ROOT)
    found = {}
    for line in proc.stdout.splitlines():
        if line.startswith("figure "):
            _, name, value = line.split()
            found[name] = float(value)
    if "peak_mb" not in found:
        raise RuntimeError(f"{' '.join(args)} failed:\n{(proc.stdout + proc.stderr)[-2000:]}")
    return found


def import_peak(template: Path, path: Path, dry_run: bool, folder: Path) -> float:
    target = folder / "target.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    shutil.copy(template, target)
    extra = ["--dry-run"] if dry_run else []
    found = child_figures(str(CHILD), "cli", "--db", str(target), "import", "shipments", *extra, str(path))
    return found["peak_mb"]


def read_figures(path: Path) -> dict[str, float]:
    """Reading alone, in a process of its own: CPU seconds, rows and peak MB."""
    return child_figures(str(Path(__file__)), "read", str(path))


def read(path: str) -> int:
    """Read every row of PATH as the import does (nothing kept); say CPU seconds and peak memory."""
    from db.importing import reading
    from tests.bench.child import peak_mb, say

    began = time.process_time()
    rows = sum(1 for _ in reading._open_rows(Path(path), lambda done, total: None).rows)
    say("read_cpu_s", time.process_time() - began)
    say("rows", rows)
    say("peak_mb", peak_mb())
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["read"]:
        return read(argv[1])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--format", nargs="+", choices=("csv", "xlsx"), default=["csv", "xlsx"])
    parser.add_argument("--no-import", action="store_true", help="reading and --dry-run only")
    parser.add_argument("--keep", type=Path, help="a folder to keep the files in (reused when there)")
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="fujiang-memory-"))
    folder.mkdir(parents=True, exist_ok=True)
    print("| rows | file | MB | read CPU s | read peak MB | --dry-run peak MB | import peak MB |")
    print("|---|---|---|---|---|---|---|")
    try:
        for rows in args.rows:
            template, paths = files(folder, rows, tuple(args.format))
            for fmt, path in paths.items():
                reading = read_figures(path)
                dry = import_peak(template, path, True, folder)
                real = "" if args.no_import else f"{import_peak(template, path, False, folder):.0f}"
                print(
                    f"| {rows:,} | {fmt} | {path.stat().st_size / 2**20:.1f} | {reading['read_cpu_s']:.2f} "
                    f"| {reading['peak_mb']:.0f} | {dry:.0f} | {real} |",
                    flush=True,
                )
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
