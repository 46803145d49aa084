"""The tracker's data and domain layer: pure Python, never imports Qt."""

import sys as _sys


def _import_sqlite_utils_without_numpy() -> None:
    """sqlite-utils imports numpy (and pandas) only to map their scalar types to column types, which
    this program never stores; importing it with them hidden saves ~0.2 s of every start (numpy
    loads later, with pyqtgraph, when a chart is first shown)."""
    hidden = [name for name in ("numpy", "pandas") if name not in _sys.modules]
    for name in hidden:
        _sys.modules[name] = None  # type: ignore[assignment]  # makes `import name` fail at once
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name in hidden:
            if _sys.modules.get(name, False) is None:
                del _sys.modules[name]


_import_sqlite_utils_without_numpy()
