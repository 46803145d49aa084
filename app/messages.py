"""Messages made in db/ (db.i18n.Text) shown in the interface language, for the GUI and the CLI.

db/ cannot import Qt, so it keeps each message as its English text plus the template and values it
was made from. Here the template is translated in the "db" context and the values are put back;
values that are messages themselves (hints, joined lists) are translated the same way, while
values such as names, numbers and codes are shown as they are.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTranslator

from db.errors import DomainError, ValidationError
from db.i18n import Text, join, translate

CONTEXT = "db"


def tr_message(message: object, translator: QTranslator | None = None) -> str:
    """A db message in the interface language; any other string is returned as it is.

    Without `translator` the application's installed translators are used (the GUI). The command
    line, which has no application object, passes the QTranslator it loaded for --lang.
    A translation that lost or renamed a placeholder falls back to the English message.
    """
    if not isinstance(message, Text):
        return "" if message is None else str(message)
    translated = _translate(message.template, translator)
    if not message.params:
        return translated  # as Text does: a template without values is the text itself
    params = _translated_params(message.params, translator)
    try:
        return translated.format(**params)
    except (KeyError, IndexError, ValueError, AttributeError):
        return str(message)


def tr_error(exc: BaseException, translator: QTranslator | None = None) -> str:
    """An exception's message in the interface language.

    A DomainError made in db/ carries its Text in args[0] (str(exc) would give the English). A
    ValidationError whose message is plain but whose problems are db messages shows those problems,
    translated and joined. Anything else shows str(exc), or its type's name when that is empty.
    """
    first = exc.args[0] if len(exc.args) == 1 else None
    if isinstance(first, Text):
        return tr_message(first, translator)
    if isinstance(exc, ValidationError):
        messages = [message for _field, message in exc.problems if isinstance(message, Text)]
        if messages and len(messages) == len(exc.problems):
            return tr_message(join(messages, translate("db", "{first}; {rest}")), translator)
    return str(exc) or type(exc).__name__


def _translate(template: str, translator: QTranslator | None) -> str:
    if translator is not None:
        found = translator.translate(CONTEXT, template)
        if found:
            return found
    # Returns the template itself when no translator knows it (or no application exists yet).
    return QCoreApplication.translate(CONTEXT, template)


def _translated_params(params: Mapping[str, Any], translator: QTranslator | None) -> dict[str, Any]:
    return {
        key: tr_message(value, translator) if isinstance(value, Text) else value
        for key, value in params.items()
    }


def tr_failure(exc: BaseException, translator: QTranslator | None = None, path: object = None) -> str:
    """What a failure means for the person and what to do, in the interface language.

    A DomainError says it itself (tr_error). Anything else (a disk that failed under SQLite, a full
    or read-only disk, a missing folder, a bug) gets a sentence chosen by its kind; the exception's
    own English text and type stay in the log file, which the caller writes. `path` names the
    file the work was writing when the exception does not say.
    """
    if isinstance(exc, DomainError):
        return tr_error(exc, translator)
    filename = getattr(exc, "filename", None) or path
    problem = failure_kind(exc, has_path=bool(filename))
    return _tr_errors(_FAILURES[problem], translator).replace("%1", str(filename or ""))


def failure_kind(exc: BaseException, has_path: bool = False) -> str:
    """'disk', 'locked', 'full', 'read_only', 'damaged', 'denied', 'missing', 'file', 'memory' or 'bug'."""
    if isinstance(exc, MemoryError):
        return "memory"
    if isinstance(exc, sqlite3.Error):
        text = str(exc).lower()
        for words, kind in (
            (("full",), "full"),
            (("locked", "busy"), "locked"),
            (("readonly", "read-only"), "read_only"),
            (("malformed", "not a database", "corrupt"), "damaged"),
            (("disk i/o", "disk", "unable to open"), "disk"),
        ):
            if any(word in text for word in words):
                return kind
        return "bug"
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            return "full"
        if exc.errno == errno.EROFS:
            return "read_only"
        has_path = has_path or bool(exc.filename)
        if exc.errno in (errno.EACCES, errno.EPERM):
            return "denied" if has_path else "read_only"
        if exc.errno == errno.ENOENT and has_path:
            return "missing"
        return "file" if has_path else "disk"
    return "bug"


def _tr_errors(text: str, translator: QTranslator | None) -> str:
    if translator is not None:
        found = translator.translate("errors", text)
        if found:
            return found
    return QCoreApplication.translate("errors", text)


_FAILURES = {
    "disk": QT_TRANSLATE_NOOP(
        "errors",
        "The database file could not be read or written: the disk, USB stick or network drive "
        "holding it did not answer. Check that it is still connected, then try again. The details "
        "are in the log file.",
    ),
    "locked": QT_TRANSLATE_NOOP(
        "errors", "Another program is using the database right now. Wait a moment, then try again."
    ),
    "full": QT_TRANSLATE_NOOP(
        "errors", "The disk is full. Free some space on it, then try again; nothing was written."
    ),
    "read_only": QT_TRANSLATE_NOOP(
        "errors",
        "The file, folder or disk is read-only, so nothing could be written. Choose another place "
        "or ask for permission to write there.",
    ),
    "damaged": QT_TRANSLATE_NOOP(
        "errors",
        "The database file looks damaged. Copy it somewhere safe, then run Check the database "
        "or restore a backup. The details are in the log file.",
    ),
    "denied": QT_TRANSLATE_NOOP(
        "errors",
        "The program may not write to %1. Choose another folder, or ask for permission to write there.",
    ),
    "missing": QT_TRANSLATE_NOOP("errors", "%1 does not exist (any more). Check the name and the folder."),
    "file": QT_TRANSLATE_NOOP(
        "errors",
        "%1 could not be read or written. Check the disk, then try again; the details are in the log file.",
    ),
    "memory": QT_TRANSLATE_NOOP(
        "errors",
        "The computer ran out of memory. Close other programs, then try again with a smaller period.",
    ),
    "bug": QT_TRANSLATE_NOOP(
        "errors",
        "Something went wrong inside the program. Your saved data is safe; the last change may not "
        "have been saved. Please try again, and send the log file to support if it happens again.",
    ),
}
