"""Translatable messages from db/ without Qt: English text that remembers its template and values.

Write `translate("db", "weight {value} is not positive").format(value=text)`; pyside6-lupdate finds
the template, the message reads as English here, and the GUI shows it translated through
`app.i18n.tr_message()`.
"""

from __future__ import annotations

from typing import Any


class Text(str):
    """An English message plus the template and values it was made from."""

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, params: dict[str, Any] | None = None) -> Text:
        params = params or {}
        obj = super().__new__(cls, template.format(**params) if params else template)
        obj.template = template
        obj.params = params
        return obj

    def format(self, *args: Any, **kwargs: Any) -> Text:  # type: ignore[override]
        if args:
            raise TypeError("use named placeholders in translatable messages")
        return Text(self.template, {**self.params, **kwargs})


def translate(context: str, template: str) -> Text:
    """Mark a message for translation (context is 'db'); returns it untranslated as Text."""
    del context  # the GUI translates in its own context table; kept for lupdate
    return Text(template)
