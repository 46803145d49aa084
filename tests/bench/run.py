"""The performance suite (issue 13): every figure, its side-by-side baseline, ratio, target, pass/fail.

    .venv/bin/python tests/bench/run.py [--scale tiny|small|full] [--runs N] [--json FILE] [--only WORD]

full = 1,000,000 shipment lines + 400,000 harvests (built once by tests/bench/data.py and cached
under ~/.cache/fujiang-bench); small = 100,000 + 40,000; tiny is the smoke run of the default
tests (tests/test_bench_smoke.py), whose figures mean nothing. Each value is the median of --runs
runs (default 5) and its baseline is measured in the same run, so the ratio survives a busy
machine better than the value. Figures whose memory or start time counts run in their own process.
`--growth` prints start, dashboard, one chart and one sort at 100k, 300k and 1M lines instead.
Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import os
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench import data  # noqa: E402

CHILD = Path(__file__).with_name("child.py")
PYTHON = sys.executable
IMPORT_ROWS = {"tiny": 600, "small": 199_000, "full": 199_000}
REPORT_LINES = {"tiny": 200, "small": 10_000, "full": 10_000}
EXPORT_LINES = {"tiny": 600, "small": 66_000, "full": 66_000}
DEMO_YEARS = {"tiny": 0, "small": 3, "full": 3}
# Two sizes of the same shipments file, CSV and XLSX, so the growth of the import's memory shows.
MEMORY_ROWS = {"tiny": (300, 1200), "small": (50_000, 200_000), "full": (50_000, 200_000)}


@dataclass
class Figure:
    figure: str
    value: float
    unit: str
    target: float  # the limit: on the value, or on the ratio when target_on == "ratio"
    ratio: float | None
    passed: bool
    baseline: float | None = None
    baseline_label: str = ""
    target_on: str = "value"


def _children_cpu() -> float:
    """User and system CPU seconds of every child process this one has waited for."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class Suite:
    def __init__(self, scale: str, runs: int, only: str = "", json_path=None, markdown_path=None):
        self.scale, self.runs, self.only = scale, runs, only
        self.json_path: Path | None = json_path
        self.markdown_path: Path | None = markdown_path
        self.figures: list[Figure] = []
        self.tmp = Path(tempfile.mkdtemp(prefix="fujiang-bench-"))
        # The program's settings (last database, language) stay out of the person's own.
        self.env = dict(os.environ, XDG_CONFIG_HOME=str(self.tmp / "config"), QT_QPA_PLATFORM="offscreen")
        lines, harvests, self.park_years = data.SCALES[scale]
        self.db = data.park_path(lines, harvests)

    def add(self, name, value, unit, target, baseline=None, label="", on="value") -> None:
        ratio = value / baseline if baseline else None
        checked = ratio if on == "ratio" else value
        fig = Figure(
            name, value, unit, target, ratio, checked is not None and checked <= target, baseline, label, on
        )
        self.figures.append(fig)
        print(row(fig), flush=True)
        self.save()  # after every figure: a run cut short keeps what it measured

    def save(self) -> None:
        if self.json_path:
            keys = ("figure", "value", "unit", "target", "ratio", "passed")
            rows = [{k: asdict(f)[k] for k in keys} | asdict(f) for f in self.figures]
            self.json_path.write_text(json.dumps(rows, ensure_ascii=False, indent=1))
        if self.markdown_path:
            self.markdown_path.write_text(markdown(self.figures) + "\n")

    def wanted(self, name: str) -> bool:
        return not self.only or self.only in name

    def median(self, fn: Callable[[], object], runs: int | None = None) -> float:
        times = []
        for _ in range(runs or self.runs):
            began = time.perf_counter()
            fn()
            times.append(time.perf_counter() - began)
        return statistics.median(times)

    def child(self, *args: str) -> tuple[dict[str, float], float]:
        """Run a process; (its `figure` lines, the epoch time it was started). A child says its own
        peak memory (child.peak_mb): the rusage of a waited-for child carries this process's."""
        out = self.tmp / "child.out"
        # Fresh settings each time: a window remembers its last page, and the launch figure needs the
        # dashboard to be the page a new user starts on.
        env = dict(self.env, XDG_CONFIG_HOME=tempfile.mkdtemp(prefix="config-", dir=self.tmp))
        with out.open("w") as fh:
            began = time.time()
            proc = subprocess.Popen([PYTHON, *args], stdout=fh, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
            proc.wait()
        text = out.read_text(errors="replace")
        found = {}
        for line in text.splitlines():
            if line.startswith("figure "):
                _, name, value = line.split()
                found[name] = float(value)
        if proc.returncode != 0 and not found:
            raise RuntimeError(f"{' '.join(args)} failed:\n{text[-2000:]}")
        return found, began

    # ------------------------------------------------------------------ start and launch

    def start(self) -> None:
        ours, bare = [], []
        for _ in range(self.runs):
            found, began = self.child(str(CHILD), "start", str(self.db))
            ours.append(found["painted"] - began)
            found, began = self.child(str(CHILD), "bare")
            bare.append(found["painted"] - began)
        value, base = statistics.median(ours), statistics.median(bare)
        self.add(
            "cold start to the painted main window", value, "s", 1.5, base, "bare PySide6 + pyqtgraph window"
        )
        self.add(
            "cold start, ratio to the bare window",
            value,
            "s",
            2.0,
            base,
            "bare PySide6 + pyqtgraph window",
            "ratio",
        )

    def launch(self) -> None:
        park = data.demo_path(self.park_years) if self.park_years else self.db
        times = []
        for _ in range(self.runs):
            found, began = self.child(str(CHILD), "dashboard", str(park))
            times.append(found["totals"] - began)
        value = statistics.median(times)
        calc = self.calc_opening(park) if self.scale != "tiny" else None
        label = f"LibreOffice Calc opening the {self.park_years or 4}-year shipments XLSX (headless)"
        if self.scale == "tiny":
            label = "LibreOffice Calc is not measured at the tiny scale"
        elif calc is None:
            label = "LibreOffice Calc could not be measured here (soffice not found)"
        self.add(
            f"launch to the dashboard's totals, {self.park_years or 4}-year park",
            value,
            "s",
            1 / 8,
            calc,
            label,
            "ratio",
        )

    def calc_opening(self, park: Path) -> float | None:
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if not soffice:
            return None
        from db.documents import exporting
        from db.storage.connection import open_database

        xlsx = self.tmp / "decade.xlsx"
        db = open_database(park, migrate=False)
        exporting.export_shipments(db, xlsx, "xlsx")
        db.close()
        profile = self.tmp / "lo-profile"
        times = []
        for _ in range(max(1, min(self.runs, 3))):
            began = time.perf_counter()
            subprocess.run(
                [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                 "--convert-to", "csv", "--outdir", str(self.tmp / "lo"), str(xlsx)],
                check=True, capture_output=True, timeout=900,
            )  # fmt: skip
            times.append(time.perf_counter() - began)
        return statistics.median(times)

    def pages(self) -> None:
        found, _ = self.child(str(CHILD), "pages", str(self.db))
        self.add("page switch (median of every page)", found["switch"], "s", 0.05)
        self.add("peak memory while visiting every page", found["peak_mb"], "MB", 400)

    # ------------------------------------------------------------------ import and demo

    def importing(self) -> None:
        from db import demo
        from db.repositories import Store
        from db.storage.connection import open_database
        from tests.bench import bench_import

        rows = IMPORT_ROWS[self.scale]
        folder = self.tmp / "import"
        folder.mkdir(exist_ok=True)
        csv_path = folder / "shipments.csv"
        template = folder / "template.db"
        store = Store(open_database(template), user="bench")
        demo.seed_master_data(store)
        bench_import.write_file(store, csv_path, rows)
        store.close()
        ours, schema, bare, peaks = [], [], [], []
        for _ in range(max(1, min(self.runs, 3))):
            target = folder / "target.db"
            for suffix in ("", "-wal", "-shm"):
                Path(str(target) + suffix).unlink(missing_ok=True)
            shutil.copy(template, target)
            began = time.perf_counter()
            found, _ = self.child(
                str(CHILD), "cli", "--db", str(target), "import", "shipments", str(csv_path)
            )
            ours.append(time.perf_counter() - began)
            peaks.append(found["peak_mb"])  # the process's own (see child.peak_mb)
            db = sqlite3.connect(target)
            trucks, lines = db.execute("SELECT count(*), sum(line_count) FROM shipments").fetchone()
            db.close()
            if lines != rows:
                raise RuntimeError(f"the import wrote {lines} lines of {rows}")
            raw_dir = folder / "raw"
            shutil.rmtree(raw_dir, ignore_errors=True)
            raw_dir.mkdir()
            schema.append(bench_import.schema_baseline(template, target, raw_dir))
            bare.append(bench_import.raw_baseline(raw_dir, trucks, lines))
        name = f"import {rows:,} shipment lines (CLI)"
        value = statistics.median(ours)
        # Issue 13's side-by-side: raw executemany of the same rows into the program's own schema
        # (its indexes; the summary and search index by plain SQL); ≥ 25 % of its throughput.
        label = "raw sqlite3 executemany of the same rows into the program's schema"
        self.add(name, value, "s", 4.0, statistics.median(schema), label, "ratio")
        # The absolute figure for this machine, beside the floor of two bare tables.
        label = "the same number of rows into two bare tables"
        self.add(f"{name}, absolute", value, "s", 6.5, statistics.median(bare), label)
        self.add("import's peak memory", max(peaks), "MB", 300)

    def memory(self) -> None:
        """Peak memory (each in its own process) of reading a shipments workbook and of checking it
        (`import --dry-run`) at two sizes, and the same for the CSV: the reading stays flat."""
        from tests.bench import bench_memory

        folder = self.tmp / "memory"
        folder.mkdir(exist_ok=True)
        small, big = MEMORY_ROWS[self.scale]
        peaks: dict[tuple[str, str, int], float] = {}
        for rows in (small, big):
            template, paths = bench_memory.files(folder, rows, ("csv", "xlsx"))
            for fmt, path in paths.items():
                peaks["read", fmt, rows] = bench_memory.read_figures(path)["peak_mb"]
                peaks["check", fmt, rows] = bench_memory.import_peak(template, path, True, folder)
        for fmt in ("xlsx", "csv"):
            name = fmt.upper()
            for rows in (small, big):
                self.add(f"peak memory reading a {rows:,}-row {name}", peaks["read", fmt, rows], "MB", 120)
            self.add(
                f"peak memory reading {name}: growth {small:,} → {big:,} rows",
                peaks["read", fmt, big] - peaks["read", fmt, small],
                "MB",
                40,
            )
            for rows in (small, big):
                self.add(
                    f"peak memory of import --dry-run, {rows:,}-row {name}",
                    peaks["check", fmt, rows],
                    "MB",
                    400,
                )

    def demo(self) -> None:
        """The demo from the command line and from the welcome dialog, each in a process of its own
        (a median of up to 3 runs). Beside each: the CPU time that process used, which a busy
        machine does not stretch: wall time far above it means the process waited for a core."""
        years = DEMO_YEARS[self.scale]
        folder = self.tmp / "demo"
        folder.mkdir(exist_ok=True)
        for how in ("CLI", "welcome dialog"):
            path = folder / f"{how[0]}.db"
            walls, cpus = [], []
            for _ in range(min(self.runs, 3)):
                for suffix in ("", "-wal", "-shm"):
                    Path(str(path) + suffix).unlink(missing_ok=True)
                if how == "CLI":
                    cpu = _children_cpu()
                    began = time.perf_counter()
                    self.child("-m", "app.cli", "--db", str(path), "demo", "--years", str(years))
                    walls.append(time.perf_counter() - began)
                else:
                    from db.storage.connection import open_database

                    open_database(path).close()  # the program creates the file before the dialog shows
                    cpu = _children_cpu()
                    found, _ = self.child(str(CHILD), "welcome", str(path), str(years))
                    walls.append(found["seconds"])
                cpus.append(_children_cpu() - cpu)
            label = "CPU time of that process"
            took, cpu = statistics.median(walls), statistics.median(cpus)
            self.add(f"{years}-year demo generation ({how})", took, "s", 10.0, cpu, label)

    # ------------------------------------------------------------------ tables

    def tables(self) -> None:
        from db.browse import BrowseFilter, HarvestBrowser, ShipmentBrowser
        from db.storage.connection import open_database

        db = open_database(self.db, migrate=False)
        operator = db.execute("SELECT id FROM operators ORDER BY id LIMIT 1").fetchone()[0]
        radish = db.execute("SELECT id FROM crops WHERE name = '白萝卜'").fetchone()[0]
        for browser, sorts in (
            (ShipmentBrowser(db), ["date", "net", "amount", "lines", "buyer", "status"]),
            (HarvestBrowser(db), ["date", "weight", "operator", "crop", "grade"]),
        ):
            name = browser.table
            bare = self.median(
                lambda b=browser: b.db.execute(f"SELECT id FROM {b.table} ORDER BY id").fetchall()
            )
            worst, worst_sort = 0.0, ""
            for sort in sorts:
                took = self.median(lambda s=sort, b=browser: b.ids(sort=s))
                if took > worst:
                    worst, worst_sort = took, sort
            self.add(
                f"{name}: sort by a column (slowest: {worst_sort})",
                worst,
                "s",
                0.15,
                bare,
                "bare SQL id query",
            )
            typed = BrowseFilter(
                operator_ids=(operator,), crop_ids=(radish,), start="2025-01-01", end="2025-12-31"
            )
            took = self.median(lambda b=browser, f=typed: b.ids(f))
            self.add(
                f"{name}: typed filters (operator, crop, a year)", took, "s", 0.15, bare, "bare SQL id query"
            )
            ids = browser.ids()
            last = self.median(lambda b=browser, i=ids: b.rows(i[-256:]), self.runs * 3)
            first = self.median(lambda b=browser, i=ids: b.rows(i[:256]), self.runs * 3)
            self.add(
                f"{name}: scroll to the last row (block of 256)", last, "s", 0.016, first, "the first block"
            )
            column = next(iter(browser.numeric_sql))
            chosen = ids[: min(len(ids), 100_000)]
            took = self.median(lambda b=browser, c=column, i=chosen: b.totals_of(c, i))
            self.add(f"{name}: totals of {len(chosen):,} selected rows", took, "s", 0.15)
            if name == "harvests":
                took = self.median(lambda b=browser: b.ids(BrowseFilter(search="白萝卜")))
                self.add("harvests: search '白萝卜'", took, "s", 0.15, bare, "bare SQL id query")
        db.close()

    # ------------------------------------------------------------------ charts and dashboard

    def charts(self) -> None:
        from PySide6.QtWidgets import QApplication

        from db.repositories import Store
        from db.storage.connection import open_database
        from tests.bench import bench_charts

        app = QApplication.instance() or QApplication([])
        store = Store(open_database(self.db, migrate=False))
        for name, chart_s, sql_s in bench_charts.bench_charts(app, store, self.runs):
            self.add(
                f"chart refresh: {name}",
                chart_s,
                "s",
                bench_charts.LIMIT_CHART_S,
                sql_s,
                "bare SQL aggregate",
            )
        first = bench_charts.bench_dashboard(app, self.db, store, self.runs)
        self.add(
            "dashboard first paint (page built → totals and charts)",
            first,
            "s",
            bench_charts.LIMIT_DASHBOARD_S,
        )
        store.close()

    # ------------------------------------------------------------------ documents

    def reports(self) -> None:
        from app.documents import formatting as fmt
        from app.documents.pdf import ensure_gui_application
        from app.documents.reports_pdf import buyer_statement_document, write_report_pdf
        from app.documents.reports_xlsx import buyer_statement_xlsx
        from db.documents import reports
        from db.repositories import Store
        from db.storage.connection import open_database
        from tests.bench import bench_reports

        ensure_gui_application()
        n = REPORT_LINES[self.scale]
        folder = self.tmp / "reports"
        folder.mkdir(exist_ok=True)
        store = Store(open_database(folder / "r.db"))
        buyer = bench_reports.build(store, n)
        statement = reports.buyer_statement(store, buyer, "2025-01-01", "2025-12-31")

        def write_csv() -> None:
            with (folder / "rows.csv").open("w", encoding="utf-8-sig", newline="") as fh:
                writer = csv.writer(fh)
                for line in statement.lines:
                    writer.writerow(
                        [line.ship_date, line.ticket_no, line.plate, line.market, line.crop, line.grade,
                         fmt.kg(line.net_g), fmt.price_kg(line.price), fmt.yuan(line.amount_fen)]
                    )  # fmt: skip

        runs = max(1, min(self.runs, 3))
        base = self.median(write_csv, runs)
        pdf = self.median(
            lambda: write_report_pdf(folder / "r.pdf", buyer_statement_document(statement)), runs
        )
        xlsx = self.median(lambda: buyer_statement_xlsx(folder / "r.xlsx", statement), runs)
        store.close()
        label = "the csv module writing the same rows"
        self.add(f"buyer report PDF, {n:,} lines", pdf, "s", bench_reports.LIMITS["pdf"], base, label)
        self.add(f"buyer report XLSX, {n:,} lines", xlsx, "s", bench_reports.LIMITS["xlsx"], base, label)

    def export(self) -> None:
        from db.documents import exporting
        from db.repositories import Store
        from db.storage.connection import open_database
        from tests.bench.bench_exports import LIMIT_XLSX_S, LINES_PER_TRUCK
        from tests.bulkdata import populate

        n = EXPORT_LINES[self.scale]
        folder = self.tmp / "export"
        folder.mkdir(exist_ok=True)
        store = Store(open_database(folder / "e.db"))
        populate(store, 10, int(n / LINES_PER_TRUCK), days=3 * 365)
        store.db.execute("ANALYZE")
        lines = store.db.execute("SELECT count(*) FROM shipment_lines").fetchone()[0]
        runs = max(1, min(self.runs, 3))
        csv_s = self.median(lambda: exporting.export_shipments(store.db, folder / "s.csv", "csv"), runs)
        xlsx_s = self.median(lambda: exporting.export_shipments(store.db, folder / "s.xlsx", "xlsx"), runs)
        store.close()
        self.add(
            f"shipments XLSX export, {lines:,} lines", xlsx_s, "s", LIMIT_XLSX_S, csv_s, "the CSV export"
        )

    def run(self) -> None:
        # Quick parts first, so a run cut short still says most.
        parts = [
            ("tables", self.tables),
            ("charts", self.charts),
            ("start", self.start),
            ("pages", self.pages),
            ("reports", self.reports),
            ("export", self.export),
            ("launch", self.launch),
            ("demo", self.demo),
            ("import", self.importing),
            ("memory", self.memory),
        ]
        for name, part in parts:
            if self.wanted(name):
                part()

    def close(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)


def _amount(value: float, unit: str, width: int = 0) -> str:
    if unit == "s" and value < 1:
        return f"{value * 1000:{width}.1f} ms"
    return f"{value:{width}.2f} {unit:2s}"


def row(f: Figure) -> str:
    unit = f.unit
    value = _amount(f.value, unit, 9)
    base = _amount(f.baseline, "s", 9) if f.baseline is not None else " " * 12
    ratio = f"{f.ratio:7.2f}×" if f.ratio is not None else " " * 8
    target = f"ratio ≤ {f.target:g}" if f.target_on == "ratio" else f"≤ {f.target:g} {unit}"
    return f"{f.figure:62s} {value} {base} {ratio}  {target:16s} {'pass' if f.passed else 'FAIL'}"


def markdown(figures: list[Figure]) -> str:
    out = ["| figure | median | side by side | ratio | target | |", "|---|---|---|---|---|---|"]
    for f in figures:
        value = _amount(f.value, f.unit).strip()
        base = f.baseline_label
        if f.baseline is not None:
            base += f": {_amount(f.baseline, 's').strip()}"
        ratio = f"{f.ratio:.2f}×" if f.ratio is not None else ""
        target = f"ratio ≤ {f.target:g}" if f.target_on == "ratio" else f"≤ {f.target:g} {f.unit}"
        out.append(
            f"| {f.figure} | {value} | {base} | {ratio} | {target} | {'pass' if f.passed else '**FAIL**'} |"
        )
    return "\n".join(out)


def growth(runs: int) -> int:
    """Start, dashboard, one chart and one sort at 100k, 300k and 1M shipment lines."""
    print(
        "| lines | cold start | launch to totals | shipments chart | sort shipments by net |\n|---|---|---|---|---|"
    )
    for lines in (100_000, 300_000, 1_000_000):
        suite = Suite.__new__(Suite)
        suite.scale, suite.runs, suite.only, suite.figures = "full", runs, "", []
        suite.json_path = suite.markdown_path = None
        suite.tmp = Path(tempfile.mkdtemp(prefix="fujiang-bench-"))
        suite.env = dict(os.environ, XDG_CONFIG_HOME=str(suite.tmp / "config"), QT_QPA_PLATFORM="offscreen")
        suite.db = data.park_path(lines, lines * 2 // 5)
        suite.park_years = 0
        start = statistics.median(
            found["painted"] - began
            for found, began in (suite.child(str(CHILD), "start", str(suite.db)) for _ in range(runs))
        )
        launch = statistics.median(
            found["totals"] - began
            for found, began in (suite.child(str(CHILD), "dashboard", str(suite.db)) for _ in range(runs))
        )
        from app.views import chart_data as cd
        from db.browse import ShipmentBrowser
        from db.queries import Filters
        from db.repositories import Store
        from db.storage.connection import open_database

        store = Store(open_database(suite.db, migrate=False))
        f = Filters(start="2025-11-01", end="2026-10-31")
        chart = suite.median(lambda s=store, f=f: cd.shipment_chart(s, f, "month", "market"))
        browser = ShipmentBrowser(store.db)
        sort = suite.median(lambda b=browser: b.ids(sort="net"))
        store.close()
        suite.close()
        print(
            f"| {lines:,} | {start:.2f} s | {launch:.2f} s | {chart * 1000:.0f} ms | {sort * 1000:.0f} ms |",
            flush=True,
        )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=sorted(data.SCALES), default="small")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the figures as a JSON list")
    parser.add_argument("--markdown", type=Path, metavar="FILE", help="write the table as Markdown")
    parser.add_argument("--only", default="", help="run the parts whose name contains this word")
    parser.add_argument("--growth", action="store_true", help="how cost grows: 100k, 300k and 1M lines")
    args = parser.parse_args(argv)
    if args.growth:
        return growth(args.runs)
    random.seed(0)
    suite = Suite(args.scale, args.runs, args.only, args.json, args.markdown)
    print(
        f"scale {args.scale}: {suite.db.name}; medians of {args.runs} runs; {datetime.datetime.now():%Y-%m-%d %H:%M}"
    )
    try:
        suite.run()
    finally:
        suite.close()
    suite.save()
    missed = [f.figure for f in suite.figures if not f.passed]
    print(f"{len(suite.figures) - len(missed)} of {len(suite.figures)} figures within their targets")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
