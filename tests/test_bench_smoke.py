"""The performance suite runs end to end at a tiny scale, so it cannot rot (no timing is asserted:
the figures of a tiny run on a shared machine mean nothing)."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Every figure issue 13 asks for, by a word of its name.
EXPECTED = [
    "shipment lines (CLI)",
    "import's peak memory",
    "cold start to the painted main window",
    "cold start, ratio to the bare window",
    "launch to the dashboard's totals",
    "shipments: sort by a column",
    "harvests: sort by a column",
    "harvests: search '白萝卜'",
    "demo generation (CLI)",
    "demo generation (welcome dialog)",
    "chart refresh: harvest",
    "chart refresh: shipments",
    "chart refresh: flows",
    "chart refresh: prices",
    "chart refresh: seasons",
    "chart refresh: operators",
    "dashboard first paint",
    "page switch",
    "shipments: scroll to the last row",
    "harvests: scroll to the last row",
    "shipments: typed filters",
    "harvests: typed filters",
    "shipments: totals of",
    "harvests: totals of",
    "buyer report PDF",
    "buyer report XLSX",
    "shipments XLSX export",
    "peak memory while visiting every page",
    "peak memory reading a",
    "peak memory of import --dry-run",
]


def test_the_suite_runs_at_a_tiny_scale_and_reports_every_figure(tmp_path):
    out = tmp_path / "figures.json"
    env = {"FUJIANG_BENCH_CACHE": str(tmp_path / "cache"), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "tests/bench/run.py", "--scale", "tiny", "--runs", "1", "--json", str(out)],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=1200,
    )
    # 0: every target met, 1: some missed (a tiny run on a busy machine may); anything else is a crash.
    assert done.returncode in (0, 1), done.stdout[-3000:] + done.stderr[-3000:]
    figures = json.loads(out.read_text(encoding="utf-8"))
    names = [f["figure"] for f in figures]
    missing = [word for word in EXPECTED if not any(word in name for name in names)]
    assert not missing, names
    for f in figures:
        assert set(f) >= {"figure", "value", "unit", "target", "ratio", "passed"}
        assert isinstance(f["value"], float | int) and math.isfinite(f["value"]) and f["value"] >= 0, f
        assert isinstance(f["target"], float | int) and f["target"] > 0, f
        assert f["ratio"] is None or (isinstance(f["ratio"], float) and math.isfinite(f["ratio"])), f
        assert isinstance(f["passed"], bool) and f["unit"] in ("s", "MB"), f
    # The printed table has a line per figure.
    assert sum(name in done.stdout for name in names) == len(names)
