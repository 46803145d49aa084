"""The Qt desktop front end and the command line of the Fujiang park tracker."""

from db.version import version as _version

__version__ = _version()  # the one number is pyproject.toml's (db/version.py)
