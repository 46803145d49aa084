"""Names matched to records through their aliases, exactly; near misses suggested."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from db.i18n import join, translate
from db.parsing.text import ParseResult, _or_list, normalize_text, to_simplified, visible

MAX_NAME_CHARS = 200  # the longest name the repositories store

# ---------------------------------------------------------------------------------------------------
# Names

_NAME_NOISE = re.compile(r"[\s·•・‧∙]")


def name_key(text: str) -> str:
    """The form names are compared in: normalised, Simplified, case-folded, no spaces or middle dots."""
    return _NAME_NOISE.sub("", to_simplified(normalize_text(text)).casefold())


class NameIndex:
    """Matches typed names to canonical ids through their aliases, exactly; suggests near misses."""

    def __init__(self, entries: Iterable[tuple[int, str, Iterable[str]]]) -> None:
        self._canonical: dict[int, str] = {}
        self._ids_by_key: dict[str, set[int]] = {}
        for ident, canonical, aliases in entries:
            self._canonical.setdefault(ident, canonical)
            for name in (canonical, *aliases):
                key = name_key(name)
                if key:
                    self._ids_by_key.setdefault(key, set()).add(ident)

    def match(self, text: str) -> ParseResult[int]:
        """The id whose canonical name or alias equals text; ambiguous when it names several."""
        shown = normalize_text(text)
        key = name_key(text)
        if not key:
            return ParseResult(error=translate("db", "no name given"))
        if len(key) > MAX_NAME_CHARS:  # no name is this long; and near-miss search would take seconds
            return ParseResult(
                error=translate("db", "'{text}' is {n} characters long; a name has at most {limit}").format(
                    text=visible(shown, 20), n=len(shown), limit=MAX_NAME_CHARS
                )
            )
        ids = self._ids_by_key.get(key)
        if not ids:
            close = self.suggestions(text)
            if close:
                error = translate("db", "'{text}' matches no known name; did you mean {names}?").format(
                    text=shown, names=join(close, translate("db", "{first}, {rest}"))
                )
            else:
                error = translate("db", "'{text}' matches no known name").format(text=shown)
            return ParseResult(error=error)
        if len(ids) == 1:
            return ParseResult(value=next(iter(ids)))
        candidates = tuple(sorted(ids))
        names = _or_list(self._canonical[i] for i in candidates)
        error = translate("db", "'{text}' could mean {names}; choose one").format(text=shown, names=names)
        return ParseResult(error=error, ambiguous=candidates)

    def suggestions(self, text: str, n: int = 3) -> list[str]:
        """Up to n canonical names close to text: names containing it first, then similar spellings."""
        key = name_key(text)
        if not key or n <= 0 or len(key) > MAX_NAME_CHARS:
            return []
        scored = []
        for candidate in self._ids_by_key:
            ratio = difflib.SequenceMatcher(None, key, candidate).ratio()
            contains = key in candidate or candidate in key
            if contains or ratio >= 0.5:
                scored.append((not contains, -ratio, candidate))
        names: list[str] = []
        for _, _, candidate in sorted(scored):
            for ident in sorted(self._ids_by_key[candidate]):
                name = self._canonical[ident]
                if name not in names:
                    names.append(name)
        return names[:n]
