"""Parse results and text normalisation: what every parser shares (NFKC, invisible characters, Simplified)."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

import opencc

from db.i18n import join, translate

T = TypeVar("T")

# Messages are db.i18n Texts: English here, translated by the GUI and the CLI (see app/messages.py).


@dataclass(frozen=True)
class ParseResult(Generic[T]):
    """An exact value, or why there is none: an error, plus candidates when the text is ambiguous."""

    value: T | None = None
    error: str | None = None
    ambiguous: tuple = ()

    @property
    def ok(self) -> bool:
        return self.error is None and self.value is not None


class _Reject(Exception):
    """Internal: stops a parser with the message (a db.i18n.Text) the clerk will read."""


def _rejected(reason: _Reject) -> ParseResult:
    return ParseResult(error=reason.args[0])  # args[0], not str(reason): keep the Text


def _or_list(items: Iterable[str]) -> str:
    return join(list(items), translate("db", "{first} or {rest}"))


# ---------------------------------------------------------------------------------------------------
# Text normalisation

_WHITESPACE = re.compile(r"\s+")
# Unicode categories of characters nobody can see: controls (NUL, ESC, …) and format characters
# (zero-width spaces and joiners, U+FEFF, bidirectional overrides such as U+202E that reorder
# what is shown). In a name, ticket, plate or number they carry nothing a clerk meant, but they
# can make two names look alike or a value read backwards, so they are dropped.
_INVISIBLE_CATEGORIES = ("Cc", "Cf")


def _is_invisible(ch: str) -> bool:
    # Tab, line breaks and the like are controls too, but they are whitespace and fold to a space.
    return unicodedata.category(ch) in _INVISIBLE_CATEGORIES and not ch.isspace()


def drop_invisible(s: str) -> str:
    """s without control and format characters (NUL, zero-width spaces, U+202E and other bidi
    controls); whitespace stays."""
    if s.isprintable():  # the common case: nothing to look at character by character
        return s
    return "".join(ch for ch in s if not _is_invisible(ch))


def normalize_text(s: str) -> str:
    """NFKC; control and format characters (zero-width, bidi overrides, NUL) removed; every run of
    whitespace (incl. U+3000) one space; stripped."""
    # Invisible characters go first: removing them after NFKC could bring a letter and its combining
    # mark together and make a second normalisation change the text.
    s = unicodedata.normalize("NFKC", drop_invisible(s))
    return _WHITESPACE.sub(" ", s).strip()


def visible(s: str, limit: int = 60) -> str:
    """s made safe to show back in a message: each invisible or non-printing character (other than a
    plain or ideographic space) written as <U+XXXX>, and anything past `limit` characters cut to '…'.

    A value from a hostile file can hold a bidi override that would reorder the message around it,
    or a hundred thousand characters; the person still sees where the problem is.
    """
    cut = len(s) > limit
    if cut:
        s = s[:limit]
    if not s.isprintable():
        s = "".join(ch if ch.isprintable() or ch in " \u3000" else f"<U+{ord(ch):04X}>" for ch in s)
    return s + "…" if cut else s


@functools.cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(s: str) -> str:
    """Traditional characters to Simplified (OpenCC t2s), e.g. 蘿蔔 → 萝卜, 兩噸 → 两吨."""
    return _t2s().convert(s) if s else s


_DIGIT_IDEOGRAPHIC_STOP = re.compile(r"(?<=[0-9])。(?=[0-9])")


def _prepare(text: str) -> tuple[str, str]:
    """(text as shown back to the clerk, text ready for the number parsers)."""
    shown = normalize_text(text)
    s = to_simplified(shown).lower().replace("\u2212", "-")
    # An IME in Chinese mode turns the decimal point into 。; between digits it can only be a point.
    return shown, _DIGIT_IDEOGRAPHIC_STOP.sub(".", s)
