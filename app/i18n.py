"""Interface languages: loading and switching Qt translators live (Simplified Chinese default, English)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator, Signal

from app.messages import tr_message  # noqa: F401  (the one implementation; kept importable here)
from db import resources

DEFAULT_LANGUAGE = "zh_CN"
# Language code → its name in that language (menu entries are never translated).
LANGUAGES: dict[str, str] = {"zh_CN": "简体中文", "en": "English"}
_LOCALES = {"zh_CN": QLocale(QLocale.Language.Chinese, QLocale.Country.China), "en": QLocale("en_GB")}


def qm_path(language: str) -> Path:
    """The program's compiled translation for a language; MissingResourceError when the
    installation lacks it (the interface must not fall back to English unasked)."""
    return resources.require("translations", f"fujiang_{language}.qm")


def normalize_language(language: str | None) -> str:
    """'zh', 'zh_CN', 'zh-CN' → 'zh_CN'; 'en', 'en_US' → 'en'; anything else → the default."""
    if not language:
        return DEFAULT_LANGUAGE
    lang = language.replace("-", "_")
    if lang.lower().startswith("zh"):
        return "zh_CN"
    if lang.lower().startswith("en"):
        return "en"
    return DEFAULT_LANGUAGE


class Translations(QObject):
    """Owns the installed translators; switching installs the new set, which re-texts every widget.

    Installing or removing a QTranslator makes Qt send LanguageChange to every widget, and each
    widget's retranslate_ui() sets its texts again.
    """

    language_changed = Signal(str)

    def __init__(self, app: QCoreApplication, parent: QObject | None = None):
        super().__init__(parent)
        self._app = app
        self._installed: list[QTranslator] = []
        self.language = ""

    def set_language(self, language: str) -> str:
        """Switch to `language`; returns the language now in force."""
        language = normalize_language(language)
        if language == self.language:
            return language
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed = []
        QLocale.setDefault(_LOCALES[language])
        for path, name in self._files(language):
            translator = QTranslator(self)
            if translator.load(name, str(path)):
                self._app.installTranslator(translator)
                self._installed.append(translator)
        self.language = language
        self.language_changed.emit(language)
        return language

    def _files(self, language: str) -> list[tuple[Path, str]]:
        files = []
        own = qm_path(language)
        files.append((own.parent, own.name))
        if language != "en":
            # Qt's own texts (standard dialog buttons, context menus of line edits).
            qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
            for base in ("qtbase", "qt"):
                if (qt_dir / f"{base}_{language}.qm").exists():
                    files.append((qt_dir, f"{base}_{language}.qm"))
                    break
        return files

    def installed_count(self) -> int:
        return len(self._installed)

    def uninstall(self) -> None:
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed = []
        self.language = ""


def current_language() -> str:
    """The interface language in force ('zh_CN' or 'en'), as set by Translations.set_language."""
    return "zh_CN" if QLocale().language() == QLocale.Language.Chinese else "en"
