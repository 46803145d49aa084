"""The rooms of DESIGN.md: db/ never imports Qt or pyqtgraph (nor app/), and models never import views."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUI_PACKAGES = ("PySide6", "shiboken6", "pyqtgraph")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            names.add(node.args[0].value)
    return names


def _top(name: str) -> str:
    return name.split(".")[0]


def test_db_modules_import_no_gui_at_run_time():
    """Import every db module in a fresh interpreter and look at what got loaded."""
    code = (
        "import importlib, json, pkgutil, sys\n"
        "import db\n"
        "for m in pkgutil.walk_packages(db.__path__, 'db.'):\n"
        "    importlib.import_module(m.name)\n"
        f"print(json.dumps(sorted(n for n in sys.modules if n.split('.')[0] in {GUI_PACKAGES!r} or n == 'app' "
        "or n.startswith('app.'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    assert loaded == [], f"importing db loaded {loaded}"


def test_db_source_never_imports_gui_or_app():
    offenders = {}
    for path in sorted((ROOT / "db").rglob("*.py")):
        bad = {n for n in imported_modules(path) if _top(n) in (*GUI_PACKAGES, "app")}
        if bad:
            offenders[str(path.relative_to(ROOT))] = sorted(bad)
    assert not offenders, offenders


def test_models_never_import_views():
    offenders = {}
    for path in sorted((ROOT / "app" / "models").rglob("*.py")):
        bad = {n for n in imported_modules(path) if n == "app.views" or n.startswith("app.views.")}
        if bad:
            offenders[str(path.relative_to(ROOT))] = sorted(bad)
    assert not offenders, offenders


def test_the_scan_sees_imports():
    """The AST scan itself: a file importing Qt is caught (a check that cannot fail is no check)."""
    sample = ROOT / "app" / "views" / "main_window.py"
    names = imported_modules(sample)
    assert "PySide6.QtWidgets" in names and "app.views.actions" in names
