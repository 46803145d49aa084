"""Where things live: the data folder, the default database, the log and bundled resources."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from db import resources

APP_NAME = "FujiangTracker"
ORG_NAME = "FujiangPark"
DB_ENV = "FUJIANG_DB"
DATA_ENV = "FUJIANG_DATA_DIR"
DB_FILENAME = "fujiang.db"
# The desktop's name for the program: the .desktop file, AppStream id and taskbar grouping.
APP_ID = "cn.fujiangpark.FujiangTracker"


def data_dir() -> Path:
    """The user's data folder (FUJIANG_DATA_DIR overrides), created if missing.

    Resolved without Qt so the command line works headless; it matches the folder
    QStandardPaths.AppDataLocation gives for this application on each platform.
    """
    override = os.environ.get(DATA_ENV)
    if override:
        path = Path(override).expanduser()
    elif sys.platform == "win32":
        path = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming")) / ORG_NAME / APP_NAME
    elif sys.platform == "darwin":
        path = Path.home() / "Library" / "Application Support" / ORG_NAME / APP_NAME
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
        path = base / ORG_NAME / APP_NAME
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path(cli_value: str | os.PathLike | None = None) -> Path:
    """--db beats FUJIANG_DB, which beats the file in the data folder."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    return data_dir() / DB_FILENAME


def log_path() -> Path:
    return data_dir() / "fujiang.log"


def resource_path(*parts: str) -> Path:
    """A bundled resource's real path: in a wheel, an editable install, the source tree or a
    frozen (PyInstaller) build (db.resources holds the one implementation, which db uses too)."""
    return resources.resource_path(*parts)


def login_name(default: str = "user") -> str:
    """Who is writing, for the audit log; `default` where the system has no login name
    (some containers and service accounts) — the writes are still audited."""
    try:
        return getpass.getuser()
    except Exception:  # getpass raises OSError, KeyError or ImportError depending on the platform
        return default
