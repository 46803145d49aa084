"""Fonts of the PDF documents: the bundled CJK face, shaped so that text extraction keeps every
character, and a metrics cache for layout."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontDatabase, QFontMetricsF, QGuiApplication

from app.paths import resource_path

# Characters a line may not start with (Chinese line-breaking rules).
NO_LINE_START = frozenset("，。、；：！？）》」』】”’%,.;:!?)")
FALLBACK_FAMILIES = ("Fujiang Sans SC", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei")
BUNDLED_FONT = ("fonts", "NotoSansSC-Fujiang-Subset.otf")
# OpenType features switched off in documents: 'locl' (see extractable) and the ligatures, which
# would draw "fi", "fl", "ffi" as one glyph that pdftotext, search and copy-paste read as nothing.
OFF_FEATURES = ("locl", "liga", "clig", "dlig")


def ensure_gui_application() -> QGuiApplication:
    """The running QGuiApplication, or one made for headless use (the command line, tests)."""
    app = QCoreApplication.instance()
    if app is None:
        if sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
        ):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        # A QApplication (not only a QGuiApplication), so widgets can still be made later in
        # the same process (the desktop app, pytest-qt).
        from PySide6.QtWidgets import QApplication

        app = QApplication([sys.argv[0] if sys.argv else "fujiang"])
    if not isinstance(app, QGuiApplication):
        raise RuntimeError("documents need a QGuiApplication, not a plain QCoreApplication")
    return app


_family: str | None = None


def extractable(font: QFont) -> QFont:
    """Switch off the features that make glyphs PDF text extraction cannot map back to characters.

    With 'locl', Noto Sans CJK shapes digits after a Latin letter ('B20260105', '渝C12345') into
    glyphs outside its character map (the SC face already draws Simplified forms by default); with
    the ligatures, "fixed", "field" and "office" would lose their "fi" and "ffi" to pdftotext,
    search and copy-paste."""
    for tag in OFF_FEATURES:
        font.setFeature(QFont.Tag(tag), 0)
    return font


no_locl = extractable  # the earlier name, still imported by the certificate layout


def font_family() -> str:
    """The CJK font family documents use: the bundled subset when present, else a system CJK font."""
    global _family
    if _family is not None:
        return _family
    ensure_gui_application()
    families: list[str] = []
    try:
        from app import fonts  # the composition root's font registration, once it is available

        registered = fonts.register_fonts()
        if isinstance(registered, str):
            families.append(registered)
        elif isinstance(registered, list | tuple):
            families.extend(str(f) for f in registered)
    except (ImportError, AttributeError):
        bundled = resource_path(*BUNDLED_FONT)
        if bundled.exists():
            font_id = QFontDatabase.addApplicationFont(str(bundled))
            families.extend(QFontDatabase.applicationFontFamilies(font_id))
    available = set(QFontDatabase.families())
    for name in (*families, *FALLBACK_FAMILIES):
        if name in available:
            _family = name
            return name
    _family = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family()
    return _family


class Fonts:
    """The document's fonts by key, with metrics on the writer and a width cache."""

    SIZES = {
        "title": (16.0, True),
        "subtitle": (10.0, False),
        "heading": (11.0, True),
        "body": (9.0, False),
        "small": (7.5, False),
        "cell": (8.0, False),
        "cellb": (8.0, True),
    }

    def __init__(self, device, family: str, cell_size: float = 8.0):
        self.fonts: dict[str, QFont] = {}
        self.metrics: dict[str, QFontMetricsF] = {}
        self.cache: dict[str, dict[str, float]] = {}
        for key, (size, bold) in self.SIZES.items():
            self.add(device, family, key, cell_size if key.startswith("cell") else size, bold)

    def add(self, device, family: str, key: str, size: float, bold: bool = False) -> None:
        font = QFont(family)
        font.setPointSizeF(size)
        font.setBold(bold)
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        extractable(font)
        self.fonts[key] = font
        self.metrics[key] = QFontMetricsF(font, device)
        self.cache[key] = {}

    def width(self, key: str, text: str) -> float:
        cache = self.cache[key]
        w = cache.get(text)
        if w is None:
            w = self.metrics[key].horizontalAdvance(text)
            if len(cache) < 50_000:
                cache[text] = w
        return w

    def line(self, key: str) -> float:
        return self.metrics[key].height()

    def ascent(self, key: str) -> float:
        return self.metrics[key].ascent()

    def wrap(self, key: str, text: str, width: float) -> list[str]:
        """Lines of text no wider than width: CJK breaks anywhere, Latin at spaces when it can."""
        out: list[str] = []
        for para in text.split("\n"):
            if self.width(key, para) <= width:
                out.append(para)
                continue
            fm = self.metrics[key]
            current = ""
            for ch in para:
                trial = current + ch
                if current and fm.horizontalAdvance(trial) > width:
                    space = current.rfind(" ")
                    if ch != " " and space > 0 and ord(ch) < 0x2E80:
                        out.append(current[:space])
                        current = current[space + 1 :] + ch
                    elif ch in NO_LINE_START and len(current) > 1:
                        # Closing punctuation never starts a line: the last character goes with it.
                        out.append(current[:-1])
                        current = current[-1] + ch
                    else:
                        out.append(current.rstrip())
                        current = ch.lstrip()
                else:
                    current = trial
            out.append(current)
        return out
