"""The bundled CJK font: its file, and registering it so the UI, charts and PDFs show Chinese anywhere."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from app.paths import resource_path

FAMILY = "Fujiang Sans SC"
FONT_FILE = "FujiangSansSC-Regular.otf"


def font_path() -> Path:
    """The bundled font file (Noto Sans CJK SC subset, OFL; see resources/fonts/OFL.txt)."""
    return resource_path("fonts", FONT_FILE)


def register_fonts() -> str:
    """Register the bundled font with Qt (once per process) and return its family name.

    Needs a QGuiApplication. Returns '' if the file is missing or unreadable, so the caller can
    fall back to the system's fonts.
    """
    if FAMILY in QFontDatabase.families():
        return FAMILY
    font_id = QFontDatabase.addApplicationFont(str(font_path()))
    if font_id < 0:
        return ""
    families = QFontDatabase.applicationFontFamilies(font_id)
    return families[0] if families else ""


def apply_app_font(app: QGuiApplication, family: str) -> QFont:
    """Keep the platform's UI font for Latin text and use the bundled family for what it lacks (CJK)."""
    font = QFont(app.font())
    if family:
        families = [f for f in font.families() or [font.family()] if f != family]
        font.setFamilies([*families, family])
    app.setFont(font)
    return font
