"""Translatable messages from db/ without Qt: English text that remembers its template and values.

Write `translate("db", "weight {value} is not positive").format(value=text)`; pyside6-lupdate finds
the template, the message reads as English here, and the GUI shows it translated through
`app.messages.tr_message()`.
"""

from __future__ import annotations

from collections.abc import Sequence
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


def join(parts: Sequence[str], pair: Text) -> str:
    """Messages joined through `pair`, a message holding {first} and {rest}.

    `join(problems, translate("db", "{first}; {rest}"))` reads "a; b; c" in English, and stays a
    Text whose separators are translated along with each part. The parts are paired as a balanced
    tree, so translating a long list never nests deeply.
    """
    parts = list(parts)
    if not parts:
        return ""
    if len(parts) == 1:
        return parts[0]
    middle = len(parts) // 2
    return pair.format(first=join(parts[:middle], pair), rest=join(parts[middle:], pair))
