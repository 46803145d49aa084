"""Frozen build's runtime hook: pyqtgraph imports PySide6.QtOpenGL only for its OpenGL drawing,
which the program never switches on; the 9 MB module stays out of the build (tools/fujiang.spec)
and an empty stand-in answers the import, so a use of it would fail loudly, not silently."""

import sys
import types

if "PySide6.QtOpenGL" not in sys.modules:
    try:
        import PySide6.QtOpenGL  # noqa: F401 (a build that has it uses it)
    except ImportError:
        sys.modules["PySide6.QtOpenGL"] = types.ModuleType("PySide6.QtOpenGL")
