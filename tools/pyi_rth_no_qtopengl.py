"""Frozen build's runtime hook: pyqtgraph imports PySide6.QtOpenGL and PySide6.QtOpenGLWidgets only
for its OpenGL drawing, which the program never switches on; the modules and Qt's OpenGL libraries
stay out of the build (tools/fujiang.spec) and stand-ins answer the imports. pyqtgraph subclasses
QOpenGLWidget when it loads and asks `isinstance(viewport, QOpenGLWidget)` when it draws a curve, so
the stand-in is a class, which no widget is an instance of; making one fails loudly, not silently."""

import sys
import types


class QOpenGLWidget:
    def __init__(self, *args, **kwargs):
        raise ImportError("OpenGL drawing is not part of this build (tools/fujiang.spec)")


for name, attributes in (("QtOpenGL", {}), ("QtOpenGLWidgets", {"QOpenGLWidget": QOpenGLWidget})):
    full = f"PySide6.{name}"
    if full in sys.modules:
        continue
    try:
        __import__(full)  # a build that has it uses it
    except ImportError:
        stand_in = types.ModuleType(full)
        stand_in.__dict__.update(attributes)
        sys.modules[full] = stand_in
