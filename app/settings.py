"""Typed settings over QSettings: window layout, last page, language, recent files, entry defaults."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

from app import paths

MAX_RECENT = 8


def settings_file() -> Path:
    """The INI file settings live in, under the platform's config folder (XDG_CONFIG_HOME on Linux).

    Resolved on every call, unlike QSettings' own default paths, which Qt computes once per process.
    """
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    return Path(base) / paths.ORG_NAME / f"{paths.APP_NAME}.ini"


class Settings:
    """The program's settings; each value has a typed property or accessor and a default."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path is not None else settings_file()
        self._qs = QSettings(str(self.path), QSettings.Format.IniFormat)

    # ---- generic typed access
    def _str(self, key: str, default: str = "") -> str:
        value = self._qs.value(key, default)
        return default if value is None else str(value)

    def _bytes(self, key: str) -> QByteArray:
        value = self._qs.value(key)
        return value if isinstance(value, QByteArray) else QByteArray()

    def _list(self, key: str) -> list[str]:
        value = self._qs.value(key, [])
        if value is None or value == "":
            return []
        if isinstance(value, str):
            return [value]
        return [str(v) for v in value]

    # ---- language
    @property
    def language(self) -> str:
        """'zh_CN' (default) or 'en'."""
        value = self._str("ui/language", "zh_CN")
        return value if value in ("zh_CN", "en") else "zh_CN"

    @language.setter
    def language(self, value: str) -> None:
        self._qs.setValue("ui/language", value)

    # ---- main window
    @property
    def geometry(self) -> QByteArray:
        return self._bytes("window/geometry")

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._qs.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray:
        return self._bytes("window/state")

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._qs.setValue("window/state", value)

    @property
    def last_page(self) -> str:
        return self._str("window/last_page")

    @last_page.setter
    def last_page(self, value: str) -> None:
        self._qs.setValue("window/last_page", value)

    def splitter_state(self, key: str) -> QByteArray:
        return self._bytes(f"splitters/{key}")

    def set_splitter_state(self, key: str, value: QByteArray) -> None:
        self._qs.setValue(f"splitters/{key}", value)

    def header_state(self, key: str) -> QByteArray:
        """A table header's column widths and order, by table key."""
        return self._bytes(f"headers/{key}")

    def set_header_state(self, key: str, value: QByteArray) -> None:
        self._qs.setValue(f"headers/{key}", value)

    # ---- databases
    @property
    def last_database(self) -> str:
        return self._str("files/last_database")

    @last_database.setter
    def last_database(self, value: str) -> None:
        self._qs.setValue("files/last_database", value)
        recent = [value, *[p for p in self.recent_databases if p != value]]
        self._qs.setValue("files/recent_databases", recent[:MAX_RECENT])

    @property
    def recent_databases(self) -> list[str]:
        return self._list("files/recent_databases")

    @property
    def last_folder(self) -> str:
        """The folder the last file dialog (import, export, open) was in."""
        return self._str("files/last_folder")

    @last_folder.setter
    def last_folder(self, value: str) -> None:
        self._qs.setValue("files/last_folder", value)

    @property
    def backup_folder(self) -> str:
        """Where automatic backups go; "" means `backups/` beside the database (db.storage.backup)."""
        return self._str("files/backup_folder")

    @backup_folder.setter
    def backup_folder(self, value: str) -> None:
        self._qs.setValue("files/backup_folder", value)

    def backup_folder_for(self, db_path: str | Path) -> Path:
        """The backups folder of a database: the setting, else `backups/` beside it."""
        from db.storage.backup import default_folder

        return Path(self.backup_folder) if self.backup_folder else default_folder(db_path)

    # ---- dates far from today get a warning in the forms
    def date_window(self, today: Any = None) -> Any:
        """The window of dates a form takes without a warning: [dates] days_ahead (60) and
        years_back (2) in the settings file."""
        from db.date_window import DAYS_AHEAD, YEARS_BACK, DateWindow

        def number(key: str, default: int) -> int:
            text = self._str(f"dates/{key}", str(default))
            return int(text) if text.isdigit() else default

        return DateWindow(number("days_ahead", DAYS_AHEAD), number("years_back", YEARS_BACK), today)

    def set_date_window(self, days_ahead: int, years_back: int) -> None:
        self._qs.setValue("dates/days_ahead", str(days_ahead))
        self._qs.setValue("dates/years_back", str(years_back))

    # ---- remembered entry defaults (last date, operator, buyer, market, price unit, ...)
    def entry_default(self, key: str, default: str = "") -> str:
        """What the clerk last entered for `key` ('date', 'operator_id', 'buyer_id', 'market_id', ...)."""
        return self._str(f"defaults/{key}", default)

    def set_entry_default(self, key: str, value: str | int | None) -> None:
        self._qs.setValue(f"defaults/{key}", "" if value is None else str(value))

    def sync(self) -> None:
        self._qs.sync()
