"""Messages made in db/ (db.i18n.Text) shown in the interface language, for the GUI and the CLI.

db/ cannot import Qt, so it keeps each message as its English text plus the template and values it
was made from. Here the template is translated in the "db" context and the values are put back;
values that are messages themselves (hints, joined lists) are translated the same way, while
values such as names, numbers and codes are shown as they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, QTranslator

from db.errors import ValidationError
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
