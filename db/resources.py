"""The bundled resources (font, translations, icons, reference prices): where they are, and a loud
error when one is missing.

The `resources/` folder of the source tree is installed as the package `fujiang_resources`
(pyproject.toml maps it), so a wheel, an editable install and a frozen (PyInstaller) build all
find the files through importlib.resources. Pure Python: `db` may use it, and `app.paths`
re-exports `resource_path` as the program's one way to a resource.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.resources
import sys
from pathlib import Path

PACKAGE = "fujiang_resources"
FONT = ("fonts", "FujiangSansSC-Regular.otf")
REFERENCE_PRICES = ("data", "reference_prices.csv")
APP_ICON = ("icons", "app.svg")
LANGUAGES = ("zh_CN", "en")

# What the program cannot run without: checked at every start (command line and window).
REQUIRED: tuple[tuple[str, ...], ...] = (
    FONT,
    *(("translations", f"fujiang_{language}.qm") for language in LANGUAGES),
    REFERENCE_PRICES,
    APP_ICON,
)

_extracted = contextlib.ExitStack()  # files copied out of a zipped package, deleted at exit
atexit.register(_extracted.close)


class MissingResourceError(RuntimeError):
    """A file the installation should hold is not there: the installation is incomplete."""

    def __init__(self, missing: list[Path]):
        self.missing = missing
        names = ", ".join(str(p) for p in missing)
        super().__init__(f"the installation is incomplete: {names} missing")


def _source_tree() -> Path:
    return Path(__file__).resolve().parent.parent / "resources"


def root() -> Path:
    """The folder holding the resources.

    A frozen build keeps them in its own folder (sys._MEIPASS); an installed package (wheel or
    editable) is found through importlib.resources; a checkout that was never installed, or an
    editable install made before the resources became a package, uses the source tree's folder.
    """
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / PACKAGE
    try:
        files = importlib.resources.files(PACKAGE)
    except ModuleNotFoundError:
        return _source_tree()
    if isinstance(files, Path):
        return files
    # A zipped package: copy it out once so Qt and sqlite can open real files.
    return Path(_extracted.enter_context(importlib.resources.as_file(files)))


def resource_path(*parts: str) -> Path:
    """A bundled resource's real path (it may not exist; `require` checks)."""
    return root().joinpath(*parts)


def require(*parts: str) -> Path:
    """A bundled resource's path; MissingResourceError when the file is not there."""
    path = resource_path(*parts)
    if not path.is_file():
        raise MissingResourceError([path])
    return path


def check(required: tuple[tuple[str, ...], ...] = REQUIRED) -> None:
    """Raise MissingResourceError naming every required resource that is missing."""
    missing = [p for p in (resource_path(*parts) for parts in required) if not p.is_file()]
    if missing:
        raise MissingResourceError(missing)
