"""Guards against a Qt binding that loses references to None/True/False (PySide6 6.12.0 on CPython 3.11).

Such a binding aborts the interpreter after a few thousand calls, so the check runs in a subprocess.
"""

from __future__ import annotations

import os
import subprocess
import sys

_PROBE = """
import sys
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
widget = QWidget()
class Probe(QObject):
    flag = Signal(bool)
probe = Probe()
probe.flag.connect(lambda value: None)
before = sys.getrefcount(None), sys.getrefcount(True)
for _ in range(20000):
    widget.setEnabled(True)
    probe.flag.emit(True)
after = sys.getrefcount(None), sys.getrefcount(True)
print(after[0] - before[0], after[1] - before[1])
"""


def test_void_calls_and_bool_signals_keep_reference_counts():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, f"the Qt binding crashed the interpreter: {result.stderr[-400:]}"
    none_drift, true_drift = (int(x) for x in result.stdout.split())
    assert abs(none_drift) < 100 and abs(true_drift) < 100
