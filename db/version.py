"""The program's version: the one number in pyproject.toml, read where the program runs.

In a checkout (editable install or none) pyproject.toml itself is read, so a changed number shows
at once; an installed wheel and a frozen build read the package's metadata (the build script
copies it into the frozen folder).
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import metadata
from pathlib import Path

DISTRIBUTION = "fujiang-tracker"
NAME = "Fujiang park tracker"


@lru_cache(maxsize=1)
def version() -> str:
    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    if pyproject.is_file():
        with pyproject.open("rb") as fh:
            project = tomllib.load(fh).get("project", {})
        if project.get("name") == DISTRIBUTION and "version" in project:
            return str(project["version"])
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "0+unknown"


def creator() -> str:
    """What documents name as the program that made them (PDF Creator, XLSX properties)."""
    return f"遂潼涪江蔬菜乐园 · {NAME} {version()}"
