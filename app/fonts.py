"""The bundled CJK font: its file, and registering it so the UI, charts and PDFs show Chinese anywhere."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from db import resources

FAMILY = "Fujiang Sans SC"
FONT_FILE = resources.FONT[-1]


def font_path() -> Path:
    """The bundled font file (Noto Sans CJK SC subset, OFL; see resources/fonts/OFL.txt);
    MissingResourceError when the installation lacks it."""
    return resources.require(*resources.FONT)


def register_fonts() -> str:
    """Register the bundled font with Qt (once per process) and return its family name.

    Needs a QGuiApplication. A missing or unreadable file raises MissingResourceError: without
    it Chinese would show as boxes on a machine without CJK fonts, so there is no fallback.
    """
    if FAMILY in QFontDatabase.families():
        return FAMILY
    path = font_path()
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        raise resources.MissingResourceError([path])
    return families[0]


def apply_app_font(app: QGuiApplication, family: str) -> QFont:
    """Keep the platform's UI font for Latin text and use the bundled family for what it lacks (CJK)."""
    font = QFont(app.font())
    if family:
        families = [f for f in font.families() or [font.family()] if f != family]
        font.setFamilies([*families, family])
    app.setFont(font)
    return font
