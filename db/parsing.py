"""Turning what a clerk typed into exact values: weights, prices, dates, percents, plates and names."""

from __future__ import annotations

import calendar
import datetime
import decimal
import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import Generic, NoReturn, TypeVar

import opencc

from db.i18n import join, translate

T = TypeVar("T")

# Kept here rather than imported from db.units so this module stands alone (pure stdlib + OpenCC).
PRICE_SCALE = 10_000
MAX_WEIGHT_G = 100_000_000  # 100 t: anything heavier is a typing error, whatever the truck
MAX_PRICE = 1000 * PRICE_SCALE  # 1000 元/公斤: no vegetable here comes near it
# A month-day typed without a year is read in today's year unless that lands further than this in
# the future; then it is last year's (a clerk entering 12月30号 on 1月3日 means the past December).
FUTURE_WINDOW_DAYS = 61
MIN_YEAR, MAX_YEAR = 1900, 2099
MAX_NAME_CHARS = 200  # the longest name the repositories store

WEIGHT_UNITS_G: dict[str, int] = {
    "g": 1,
    "克": 1,
    "两": 50,
    "斤": 500,
    "市斤": 500,
    "kg": 1000,
    "kgs": 1000,
    "公斤": 1000,
    "千克": 1000,
    "担": 50_000,
    "市担": 50_000,
    "t": 1_000_000,
    "吨": 1_000_000,
    "公吨": 1_000_000,
}
PRICE_UNITS_G: dict[str, int] = {
    "斤": 500,
    "市斤": 500,
    "kg": 1000,
    "公斤": 1000,
    "千克": 1000,
    "担": 50_000,
    "t": 1_000_000,
    "吨": 1_000_000,
    "公吨": 1_000_000,
}
# Canonical names of the per-weight a price is quoted in, as reported in ParseResult.ambiguous.
PRICE_UNIT_NAMES = {500: "元/斤", 1000: "元/公斤", 50_000: "元/担", 1_000_000: "元/吨"}

_WEIGHT_UNIT_KEYS = sorted(WEIGHT_UNITS_G, key=len, reverse=True)
_PRICE_UNIT_KEYS = sorted(PRICE_UNITS_G, key=len, reverse=True)
# Messages are db.i18n Texts: English here, translated by the GUI and the CLI (see app/messages.py).
_WEIGHT_HINT = translate("db", "use 斤, 两, 公斤/kg, 克/g, 吨/t or 担")
_PRICE_HINT = translate("db", "use 元/斤, 元/公斤 or 元/吨 (e.g. 1.2元/斤, 一块二一斤)")
_DATE_HINT = translate("db", "type it year-month-day, e.g. 2023-01-06, 2023.1.6, 2023年1月6日 or 20230106")
_PLATE_HINT = translate("db", "type a plate like 川JA1234, 渝C12345 or 渝AD12345")


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


# ---------------------------------------------------------------------------------------------------
# Numbers: Arabic (1,250.5), Chinese (两千五百, 一点五, 一万二) and mixed (1.2万)

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "贰": 2,
    "两": 2,
    "三": 3,
    "叁": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
_CN_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}
_ARABIC = re.compile(r"[0-9]+(?:,[0-9]+)*(?:\.[0-9]+)?")
_THOUSANDS = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
_MAX_DIGITS = 15
_NUMBERISH = set("0123456789.,点半") | set(_CN_DIGITS) | set(_CN_SMALL) | set(_CN_BIG)


@dataclass(frozen=True)
class _Number:
    value: Fraction
    end: int
    single_digit: bool  # one integer digit and nothing else: "二" in 一块二, "2" in 5斤2


def _is_multiplier_at(s: str, i: int, kilo_is_unit: bool = True) -> bool:
    c = s[i : i + 1]
    if c in _CN_BIG:
        return True
    # 千克 is read as the unit kilogram unless the caller asks for the other reading, 千 × 克:
    # the two agree for 三千克 but not for 一万三千克 (13,000 kg or 13,000 g), see _parse_weight.
    return c in _CN_SMALL and not (kilo_is_unit and c == "千" and s[i + 1 : i + 2] == "克")


def _arabic_at(s: str, i: int, shown: str) -> tuple[Fraction, int, bool] | None:
    m = _ARABIC.match(s, i)
    if m is None:
        return None
    literal = m.group()
    if "," in literal and not _THOUSANDS.fullmatch(literal):
        raise _Reject(
            translate(
                "db", "'{text}' has a misplaced ','; commas separate thousands (1,250), '.' marks decimals"
            ).format(text=shown)
        )
    plain = literal.replace(",", "")
    whole, _, frac = plain.partition(".")
    if len(whole.lstrip("0")) > _MAX_DIGITS or len(frac) > _MAX_DIGITS:
        raise _Reject(translate("db", "'{text}' has too many digits").format(text=shown))
    return Fraction(plain), m.end(), len(literal) == 1


def _scan_number(s: str, i: int, shown: str, kilo_is_unit: bool = True) -> _Number | None:
    """Read the longest well-formed number at s[i:], or None when no number starts there.

    With `kilo_is_unit` a 千 followed by 克 ends the number (千克 is the unit); without, it is 千.
    """
    n = len(s)
    total = Fraction(0)
    section = Fraction(0)
    digit: Fraction | None = None
    digit_single = False
    mult_before_digit: int | None = None  # the multiplier right before the pending digit, if any
    prev_mult: int | None = None  # the multiplier that was the last token read
    last_small: int | None = None
    last_big: int | None = None
    tokens = 0
    end = i
    while i < n:
        c = s[i]
        arabic = _arabic_at(s, i, shown) if c in "0123456789" else None
        if arabic is not None:
            if digit is not None:
                break
            digit, i, digit_single = arabic
            mult_before_digit = prev_mult
        elif c in _CN_DIGITS and c not in "零〇":
            if digit is not None:
                break
            # 两 is "two" only before a multiplier (两千, 一万两千, also 一万两千克 read as 一万两 千克)
            # or as a whole number (两斤); anywhere else it is the unit 两 (十两, 五斤二两).
            if c == "两" and not (_is_multiplier_at(s, i + 1, kilo_is_unit=False) or tokens == 0):
                break
            digit, digit_single = Fraction(_CN_DIGITS[c]), True
            mult_before_digit = prev_mult
            i += 1
        elif c in "零〇":
            if digit is not None:
                break
            if tokens == 0:
                digit, digit_single = Fraction(0), True  # 零点五
                mult_before_digit = None
            else:
                mult_before_digit = None  # 一百零五: the 5 is literal, not 五十
            prev_mult = None
            i += 1
            tokens += 1
            end = i
            continue
        elif _is_multiplier_at(s, i, kilo_is_unit) and c in _CN_SMALL:
            m = _CN_SMALL[c]
            if last_small is not None and m >= last_small:
                break
            if digit is None:
                if m != 10 or prev_mult is not None:
                    break
                digit = Fraction(1)  # 十二 = 一十二
            if digit >= 10:
                break
            section += digit * m
            digit, last_small, prev_mult = None, m, m
            i += 1
        elif c in _CN_BIG:
            big = _CN_BIG[c]
            if digit is not None:
                section += _lone_digit(digit, digit_single, mult_before_digit)  # 两千五万 = 2500万
            if section == 0 or (last_big is not None and big >= last_big):
                break
            total += section * big
            section, digit, last_small, last_big, prev_mult = Fraction(0), None, None, big, big
            i += 1
        elif c == "点":
            if digit is None and prev_mult is not None and prev_mult < 10_000:
                digit = Fraction(0)  # 二十点五: the point follows a multiplier directly
            if digit is None or digit.denominator != 1:
                break
            if digit_single and mult_before_digit is not None and mult_before_digit > 10:
                break  # 一百二点五 is neither 120.5 nor 102.5 for sure
            j = i + 1
            places = ""
            while j < n and (s[j] in "0123456789" or (s[j] in _CN_DIGITS and s[j] != "两")):
                places += s[j] if s[j] in "0123456789" else str(_CN_DIGITS[s[j]])
                j += 1
            if not places:
                break
            if len(places) > _MAX_DIGITS:
                raise _Reject(translate("db", "'{text}' has too many digits").format(text=shown))
            digit += Fraction(int(places), 10 ** len(places))
            digit_single, mult_before_digit = False, None
            i = j
        else:
            break
        if c not in _CN_SMALL and c not in _CN_BIG:
            prev_mult = None
        tokens += 1
        end = i
    if tokens == 0:
        return None
    if digit is not None:
        if not digit_single and mult_before_digit is not None and digit >= mult_before_digit:
            # 1万25000
            raise _Reject(translate("db", "'{text}' is not a well-formed number").format(text=shown))
        section += _lone_digit(digit, digit_single, mult_before_digit)
    total += section
    return _Number(total, end, tokens == 1 and digit_single)


def _lone_digit(digit: Fraction, single: bool, mult_before: int | None) -> Fraction:
    """A digit ending a number; right after a multiplier it counts in the next lower place.

    两千五 = 2500 and 一万二 = 12000 in speech; after 零 (一百零五) the digit is literal.
    """
    if single and mult_before is not None:
        return digit * mult_before / 10
    return digit


def _skip_spaces(s: str, i: int) -> int:
    while i < len(s) and s[i] == " ":
        i += 1
    return i


def _match_unit(s: str, i: int, keys: list[str]) -> str | None:
    for key in keys:
        if s.startswith(key, i):
            return key
    return None


def _reject_leftover(shown: str, s: str, i: int, unit_message: str) -> NoReturn:
    if s[i] in _NUMBERISH:
        raise _Reject(translate("db", "'{text}' is not a well-formed number").format(text=shown))
    raise _Reject(unit_message)


def _check_not_negative(s: str, message: str) -> None:
    if s.startswith(("-", "负")):
        raise _Reject(message)


def _fraction_text(value: Fraction) -> str:
    """A fraction as a plain decimal for messages: exact, rounded once half up to 6 places, with
    trailing zeros dropped (no float: 123456789.123456 stays as typed)."""
    if value.denominator == 1:
        return str(value.numerator)
    with decimal.localcontext() as context:
        context.prec = _MAX_DIGITS * 2 + 10  # room for every digit a parsed number can have
        exact = decimal.Decimal(value.numerator) / decimal.Decimal(value.denominator)
        text = f"{exact.quantize(decimal.Decimal('0.000001'), rounding=decimal.ROUND_HALF_UP):f}"
    return text.rstrip("0").rstrip(".")


# ---------------------------------------------------------------------------------------------------
# Weights


def _weight_unit_g(unit: str) -> int:
    key = _prepare(unit)[1].replace(" ", "")
    if key not in WEIGHT_UNITS_G:
        raise ValueError(f"unknown default weight unit {unit!r}; use one of {sorted(WEIGHT_UNITS_G)}")
    return WEIGHT_UNITS_G[key]


def parse_weight_g(text: str, default_unit: str | None = None) -> ParseResult[int]:
    """Exact integer grams from a typed weight: '12.5公斤', '25 斤', '三吨半', '五斤二两', '1.2万斤'.

    A bare number takes `default_unit` ('kg', '公斤', '斤', 't', ...); without one it is ambiguous
    between kg and 斤, never guessed.
    """
    default_g = None if default_unit is None else _weight_unit_g(default_unit)
    shown, s = _prepare(text)
    try:
        return _parse_weight(shown, s, default_g)
    except _Reject as reason:
        return _rejected(reason)


def _parse_weight(shown: str, s: str, default_g: int | None) -> ParseResult[int]:
    if not s:
        raise _Reject(translate("db", "no weight given; type one such as 12.5公斤 or 25斤"))
    _check_not_negative(s, translate("db", "'{text}': weight must be positive").format(text=shown))
    if "千克" not in s:
        return _checked_reading(shown, _weight_reading(shown, s, default_g, kilo_is_unit=True))
    # 千克 is the unit kilogram, or 千 ends the number and 克 is the unit: 三千克 is 3 kg either way,
    # but 一万三千克 is 一万三 千克 (13,000 kg) or 一万三千 克 (13,000 g). Read it both ways; when the
    # readings differ the weight is ambiguous and both come back, never a guess.
    readings: list[Fraction | ParseResult[int]] = []
    first_error: _Reject | None = None
    for kilo_is_unit in (True, False):
        try:
            reading = _weight_reading(shown, s, default_g, kilo_is_unit)
        except _Reject as reason:
            first_error = first_error or reason
            continue
        if reading not in readings:
            readings.append(reading)
    if not readings:
        assert first_error is not None
        raise first_error
    if len(readings) == 1 or not all(isinstance(r, Fraction) for r in readings):
        return _checked_reading(shown, readings[0])
    return _ambiguous_kilo(shown, sorted(readings))  # type: ignore[arg-type]


def _checked_reading(shown: str, reading: Fraction | ParseResult[int]) -> ParseResult[int]:
    return reading if isinstance(reading, ParseResult) else _checked_weight(shown, reading)


def _ambiguous_kilo(shown: str, readings: list[Fraction]) -> ParseResult[int]:
    """Two readings of 千克 giving different weights; a reading no weight can have (over 100 t, a
    fraction of a gram, as in 三千克半 read as 三千克 + 半克) is no reading."""
    candidates: list[int] = []
    rejected: _Reject | None = None
    for grams in readings:
        try:
            candidates.append(_checked_weight(shown, grams).value)  # type: ignore[arg-type]
        except _Reject as reason:
            rejected = rejected or reason
    if not candidates:
        assert rejected is not None
        raise rejected
    if len(candidates) == 1:
        return ParseResult(value=candidates[0])
    error = translate(
        "db",
        "'{text}' could be {weights} (千 may end the number or start the unit 千克); "
        "type the one you mean in digits",
    ).format(text=shown, weights=_or_list(f"{_fraction_text(Fraction(g, 1000))}公斤" for g in candidates))
    return ParseResult(error=error, ambiguous=tuple(candidates))


def _weight_reading(
    shown: str, s: str, default_g: int | None, kilo_is_unit: bool
) -> Fraction | ParseResult[int]:
    """The weight in grams before range checks, or the result for a bare number (no unit typed)."""
    unknown_unit = translate("db", "'{text}' has an unknown unit; {hint}").format(
        text=shown, hint=_WEIGHT_HINT
    )
    total = Fraction(0)
    last_unit_g: int | None = None
    whole_units = 0  # segments so far, each a whole number of its unit (五斤 in 五斤二)
    after_zero = False  # a 零 joined the last unit to what follows, which must name its own unit
    i = 0
    while (i := _skip_spaces(s, i)) < len(s):
        if s[i] == "半" and _match_unit(s, i + 1, _WEIGHT_UNIT_KEYS):
            number = _Number(Fraction(1, 2), i + 1, False)  # 半吨
        else:
            scanned = _scan_number(s, i, shown, kilo_is_unit)
            if scanned is None and last_unit_g is not None and s[i] not in _NUMBERISH:
                raise _Reject(
                    translate("db", "'{text}' has extra text '{extra}' after the weight").format(
                        text=shown, extra=s[i:]
                    )
                )
            if scanned is None:
                _reject_leftover(
                    shown,
                    s,
                    i,
                    translate("db", "'{text}' is not a weight; type one such as 12.5公斤").format(text=shown),
                )
            number = scanned
        k = _skip_spaces(s, number.end)
        unit = _match_unit(s, k, _WEIGHT_UNIT_KEYS)
        if unit is None:
            if k < len(s):
                _reject_leftover(shown, s, k, unknown_unit)
            if last_unit_g is None:
                return _bare_weight(shown, number.value, default_g)
            if number.single_digit and whole_units == 1 and not after_zero:
                total += number.value * last_unit_g / 10  # 五斤二 = 5.2 斤, 一吨二 = 1.2 吨
                break
            raise _Reject(
                translate("db", "'{text}': the last number has no unit; {hint}").format(
                    text=shown, hint=_WEIGHT_HINT
                )
            )
        unit_g = WEIGHT_UNITS_G[unit]
        if last_unit_g is not None and unit_g >= last_unit_g:
            raise _Reject(
                translate("db", "'{text}': put larger units first, as in 3吨500公斤 or 5斤2两").format(
                    text=shown
                )
            )
        total += number.value * unit_g
        last_unit_g = unit_g
        whole_units += 1 if number.value.denominator == 1 else 2
        i = _skip_spaces(s, k + len(unit))
        after_zero = False
        if s.startswith("半", i):
            total += Fraction(unit_g, 2)  # 三吨半
            if _skip_spaces(s, i + 1) < len(s):
                raise _Reject(translate("db", "'{text}': nothing may follow 半").format(text=shown))
            break
        if s[i : i + 1] in ("零", "〇") and s[i + 1 : i + 2] != "点":
            i, after_zero = i + 1, True  # 三吨零五十公斤 = 3 t 50 kg (零 marks the skipped places)
    if after_zero:
        raise _Reject(translate("db", "'{text}' is not a well-formed number").format(text=shown))
    return total


def _bare_weight(shown: str, value: Fraction, default_g: int | None) -> ParseResult[int]:
    if value <= 0:
        raise _Reject(translate("db", "'{text}': weight must be positive").format(text=shown))
    if default_g is None:
        return ParseResult(
            error=translate("db", "'{text}' has no unit; add 公斤 or 斤 (e.g. {text}公斤)").format(
                text=shown
            ),
            ambiguous=("kg", "斤"),
        )
    return _checked_weight(shown, value * default_g)


def _checked_weight(shown: str, grams: Fraction) -> ParseResult[int]:
    if grams <= 0:
        raise _Reject(translate("db", "'{text}': weight must be positive").format(text=shown))
    if grams > MAX_WEIGHT_G:
        raise _Reject(
            translate("db", "'{text}' is more than 100 t; check for a typing error").format(text=shown)
        )
    if grams.denominator != 1:
        raise _Reject(
            translate("db", "'{text}' is {grams} g, not a whole number of grams").format(
                text=shown, grams=_fraction_text(grams)
            )
        )
    return ParseResult(value=int(grams))


# ---------------------------------------------------------------------------------------------------
# Prices


def _price_unit_g(unit: str) -> int:
    key = _prepare(unit)[1].replace(" ", "").removeprefix("元").removeprefix("/")
    if key not in PRICE_UNITS_G:
        raise ValueError(f"unknown default price unit {unit!r}; use '元/公斤', '元/斤' or '元/吨'")
    return PRICE_UNITS_G[key]


def parse_price(text: str, default_unit: str | None = None) -> ParseResult[int]:
    """Exact price in 0.0001 元 per kg: '1.2元/斤' → 24000, '855元/吨' → 8550, '一块二一斤' → 24000.

    Without a per-weight in the text, `default_unit` ('元/公斤', '元/斤', '元/吨') applies; without
    one the price is ambiguous between 元/公斤 and 元/斤, never guessed. Zero is allowed (samples, gifts).
    """
    default_g = None if default_unit is None else _price_unit_g(default_unit)
    shown, s = _prepare(text)
    try:
        return _parse_price(shown, s, default_g)
    except _Reject as reason:
        return _rejected(reason)


def _per_weight(s: str, i: int) -> tuple[int, int] | None:
    """(grams, end) for '/斤', '每公斤', '一斤', '1kg', 'per kg' at s[i:] when it runs to the end."""
    i = _skip_spaces(s, i)
    for sep in ("/", "每", "per", "一", "1"):
        if s.startswith(sep, i):
            k = _skip_spaces(s, i + len(sep))
            unit = _match_unit(s, k, _PRICE_UNIT_KEYS)
            if unit is not None and _skip_spaces(s, k + len(unit)) == len(s):
                return PRICE_UNITS_G[unit], len(s)
    return None


def _single_digit_at(s: str, i: int, shown: str) -> tuple[int, int] | None:
    number = _scan_number(s, i, shown)
    if number is None or not number.single_digit:
        return None
    return int(number.value), number.end


def _parse_price(shown: str, s: str, default_g: int | None) -> ParseResult[int]:
    if not s:
        raise _Reject(translate("db", "no price given; type one such as 1.2元/斤 or 2.4元/公斤"))
    s = s.removeprefix("¥").lstrip(" ")
    _check_not_negative(s, translate("db", "'{text}': a price cannot be negative").format(text=shown))
    unknown = translate("db", "'{text}' is not a price I can read; {hint}").format(
        text=shown, hint=_PRICE_HINT
    )
    per_g: int | None = None
    i = 0
    if s.startswith("每"):  # 每斤1.2元
        k = _skip_spaces(s, 1)
        unit = _match_unit(s, k, _PRICE_UNIT_KEYS)
        if unit is None:
            raise _Reject(unknown)
        per_g, i = PRICE_UNITS_G[unit], _skip_spaces(s, k + len(unit))
    number = _scan_number(s, i, shown)
    if number is None:
        raise _Reject(unknown)
    i = _skip_spaces(s, number.end)
    yuan, i = _price_amount(shown, s, i, number)
    if i < len(s):
        per = _per_weight(s, i)
        if per is None or per_g is not None:
            rest = s[_skip_spaces(s, i) :]
            if rest.startswith(("/", "每")):
                raise _Reject(
                    translate("db", "'{text}' has an unknown unit; {hint}").format(
                        text=shown, hint=_PRICE_HINT
                    )
                )
            raise _Reject(unknown)
        per_g = per[0]
    if per_g is None:
        per_g = default_g
    if per_g is None and yuan == 0:
        return ParseResult(value=0)  # nothing per any weight is still nothing
    if per_g is None:
        return ParseResult(
            error=translate(
                "db", "'{text}' does not say per what weight; add /公斤 or /斤 (e.g. 1.2元/斤)"
            ).format(text=shown),
            ambiguous=("元/公斤", "元/斤"),
        )
    price = yuan * 1000 * PRICE_SCALE / per_g
    if price > MAX_PRICE:
        raise _Reject(
            translate(
                "db", "'{text}' is {price} 元/公斤, above 1000 元/公斤; check for a typing error"
            ).format(text=shown, price=_fraction_text(price / PRICE_SCALE))
        )
    if price.denominator != 1:
        raise _Reject(translate("db", "'{text}' is more precise than 0.0001 元/公斤").format(text=shown))
    return ParseResult(value=int(price))


def _price_amount(shown: str, s: str, i: int, number: _Number) -> tuple[Fraction, int]:
    """The amount in 元 starting with `number` (already read) and the index after it.

    Reads 1.2 / 1.2元 / 一块二 / 一块二毛五 / 一块零五 / 一块半 / 八毛 / 3毛5 / 五分.
    """
    whole = number.value.denominator == 1

    def fen_digit(j: int) -> tuple[Fraction, int]:
        """An optional last digit in 分 (3毛5, 一块二毛五), unless what follows is the per-weight."""
        if j >= len(s) or _per_weight(s, j) is not None:
            return Fraction(0), j
        digit = _single_digit_at(s, j, shown)
        if digit is None:
            return Fraction(0), j
        j = digit[1]
        if s.startswith("分", j):
            j += 1
        return Fraction(digit[0], 100), _after_qian(s, j)

    if s.startswith(("元", "块", "圆"), i):
        i = _after_qian(s, i + 1)
        if i >= len(s) or _per_weight(s, i) is not None:
            return number.value, i
        if not whole:
            return number.value, i
        if s.startswith("半", i):
            return number.value + Fraction(1, 2), i + 1
        if s[i] in "零〇":
            fen, j = fen_digit(i + 1)
            return number.value + fen, j
        jiao = _single_digit_at(s, i, shown)
        if jiao is None:
            return number.value, i
        i = jiao[1]
        if s.startswith(("毛", "角"), i):
            i = _after_qian(s, i + 1)
        fen, i = fen_digit(i)
        return number.value + Fraction(jiao[0], 10) + fen, i
    if s.startswith(("毛", "角"), i):
        i = _after_qian(s, i + 1)
        fen, i = fen_digit(i) if whole else (Fraction(0), i)
        return number.value / 10 + fen, i
    if s.startswith("分", i):
        return number.value / 100, _after_qian(s, i + 1)
    return number.value, i


def _after_qian(s: str, i: int) -> int:
    """Skip 钱 (两块钱, 八毛钱) and spaces."""
    if s.startswith("钱", i):
        i += 1
    return _skip_spaces(s, i)


# ---------------------------------------------------------------------------------------------------
# Percents


def parse_percent(text: str) -> ParseResult[int]:
    """Hundredths of a percent: '2%' → 200, '1.5％' → 150, '百分之二' → 200, '5‰' → 50.

    A bare number is read as a percent, since callers only ask for one where a percent is expected.
    """
    shown, s = _prepare(text)
    try:
        if not s:
            raise _Reject(translate("db", "no percentage given; type one such as 2% or 1.5%"))
        _check_not_negative(
            s, translate("db", "'{text}': a percentage cannot be negative").format(text=shown)
        )
        chinese = s.startswith("百分之")
        i = 3 if chinese else 0
        number = _scan_number(s, i, shown)
        if number is None:
            raise _Reject(
                translate("db", "'{text}' is not a percentage; type one such as 2% or 1.5%").format(
                    text=shown
                )
            )
        value = number.value
        i = _skip_spaces(s, number.end)
        if not chinese and s.startswith("%", i):
            i += 1
        elif not chinese and s.startswith("‰", i):
            value /= 10
            i += 1
        if _skip_spaces(s, i) < len(s):
            raise _Reject(
                translate("db", "'{text}' is not a percentage; type one such as 2% or 1.5%").format(
                    text=shown
                )
            )
        hundredths = value * 100
        if hundredths > 100 * 100:
            raise _Reject(translate("db", "'{text}' is more than 100%").format(text=shown))
        if hundredths.denominator != 1:
            raise _Reject(translate("db", "'{text}' is more precise than 0.01%").format(text=shown))
        return ParseResult(value=int(hundredths))
    except _Reject as reason:
        return _rejected(reason)


# ---------------------------------------------------------------------------------------------------
# Dates (Chinese order: always year-month-day)

_CN_YEAR_DIGIT = "〇零一二三四五六七八九"
_CN_DAY = "[一二三四五六七八九十]{1,3}"
_SEP_YMD = re.compile(r"([0-9]{4}|[0-9]{2})([-./])([0-9]{1,2})\2([0-9]{1,2})")
_SEP_YEAR_LAST = re.compile(r"([0-9]{1,2})([-./])([0-9]{1,2})\2([0-9]{4}|[0-9]{2})")
_COMPACT = re.compile(r"[0-9]{8}")
_CN_YMD = re.compile(
    rf"([0-9]{{4}}|[0-9]{{2}}|[{_CN_YEAR_DIGIT}]{{4}})年([0-9]{{1,2}}|{_CN_DAY})月([0-9]{{1,2}}|{_CN_DAY})[日号]?"
)
_CN_MD = re.compile(rf"([0-9]{{1,2}}|{_CN_DAY})月([0-9]{{1,2}}|{_CN_DAY})[日号]?")
_SEP_MD = re.compile(r"([0-9]{1,2})([-./])([0-9]{1,2})")
_YEAR_MONTH = re.compile(rf"[0-9]{{4}}[-./][0-9]{{1,2}}|([0-9]{{4}}|[{_CN_YEAR_DIGIT}]{{4}})年[^月]*月?")
_SPACE_BY_SYMBOL = re.compile(r"\s*([^0-9\s])\s*")


def parse_date(text: str, today: datetime.date | None = None) -> ParseResult[datetime.date]:
    """A date typed year-month-day: 2023-01-06, 2023.1.6, 23/1/6, 2023年1月6号, 20230106, 1月6号.

    A month and day without a year take today's year, or the year before when that would put the
    date more than FUTURE_WINDOW_DAYS ahead of `today`. Year-last forms (6/1/2023) are ambiguous:
    the candidate readings come back in `ambiguous`, never a guess.
    """
    if today is None:
        today = datetime.date.today()
    elif isinstance(today, datetime.datetime):
        today = today.date()
    shown = normalize_text(text)
    s = _SPACE_BY_SYMBOL.sub(r"\1", _prepare(text)[1])
    try:
        return _parse_date(shown, s, today)
    except _Reject as reason:
        return _rejected(reason)


def _parse_date(shown: str, s: str, today: datetime.date) -> ParseResult[datetime.date]:
    if not s:
        raise _Reject(translate("db", "no date given; {hint}").format(hint=_DATE_HINT))
    if m := _SEP_YMD.fullmatch(s):
        return ParseResult(value=_make_date(shown, _year(m[1]), int(m[3]), int(m[4])))
    if m := _COMPACT.fullmatch(s):
        return ParseResult(value=_make_date(shown, int(s[:4]), int(s[4:6]), int(s[6:])))
    if m := _CN_YMD.fullmatch(s):
        return ParseResult(value=_make_date(shown, _year(m[1]), _small_int(m[2]), _small_int(m[3])))
    if m := _SEP_YEAR_LAST.fullmatch(s):
        return _year_last(shown, int(m[1]), int(m[3]), _year(m[4]))
    if (m := _CN_MD.fullmatch(s)) or (m := _SEP_MD.fullmatch(s)):
        month, day = (_small_int(m[1]), _small_int(m[2])) if "月" in s else (int(m[1]), int(m[3]))
        return ParseResult(value=_without_year(shown, month, day, today))
    if _YEAR_MONTH.fullmatch(s):
        raise _Reject(translate("db", "'{text}' has no day; {hint}").format(text=shown, hint=_DATE_HINT))
    raise _Reject(translate("db", "'{text}' is not a date; {hint}").format(text=shown, hint=_DATE_HINT))


def _year(text: str) -> int:
    if text[0] in _CN_YEAR_DIGIT:
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    return 2000 + int(text) if len(text) == 2 else int(text)


def _small_int(text: str) -> int:
    if text.isascii():
        return int(text)
    number = _scan_number(text, 0, text)
    if number is None or number.end != len(text) or number.value.denominator != 1:
        return 0  # 十十 and the like: _make_date names the bad month or day
    return int(number.value)


def _make_date(shown: str, year: int, month: int, day: int) -> datetime.date:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _Reject(
            translate("db", "'{text}': year {year} is out of range ({first}–{last})").format(
                text=shown, year=year, first=MIN_YEAR, last=MAX_YEAR
            )
        )
    if not 1 <= month <= 12:
        raise _Reject(
            translate("db", "'{text}' is not a valid date: there is no month {month}").format(
                text=shown, month=month
            )
        )
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise _Reject(
            translate(
                "db", "'{text}' is not a valid date: {year}-{month} has {days} days, not day {day}"
            ).format(text=shown, year=year, month=f"{month:02d}", days=days, day=day)
        )
    return datetime.date(year, month, day)


def _try_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return _make_date("", year, month, day)
    except _Reject:
        return None


def _year_last(shown: str, first: int, second: int, year: int) -> ParseResult[datetime.date]:
    readings = [_try_date(year, second, first), _try_date(year, first, second)]  # day-first, month-first
    candidates = tuple(dict.fromkeys(d for d in readings if d is not None))
    if not candidates:
        _make_date(shown, year, second, first)  # raises, naming the problem
    if len(candidates) == 1 and readings[0] == readings[1]:
        return ParseResult(value=candidates[0])  # 6/6/2023 reads the same either way
    listed = _or_list(d.isoformat() for d in candidates)
    if len(candidates) > 1:
        error = translate(
            "db", "'{text}' puts the year last and could be {dates}; type it year first (YYYY-MM-DD)"
        ).format(text=shown, dates=listed)
    else:
        error = translate(
            "db",
            "'{text}' puts the year last and would be {date} read day-first; type it year first, as {date}",
        ).format(text=shown, date=listed)
    return ParseResult(error=error, ambiguous=candidates)


def _without_year(shown: str, month: int, day: int, today: datetime.date) -> datetime.date:
    date = _make_date(shown, today.year, month, day)
    if (date - today).days > FUTURE_WINDOW_DAYS:
        date = _make_date(shown, today.year - 1, month, day)
    return date


# ---------------------------------------------------------------------------------------------------
# Number plates

PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_PLATE_SEPARATORS = re.compile(r"[\s·•・‧∙.\-_]")
_PLATE_CHARS = re.compile(r"[A-Z0-9]*")


def parse_plate(text: str) -> ParseResult[str]:
    """A plate in canonical form ('川JA1234', '渝C12345', '渝AD12345', '川J1234挂').

    Separator dots and spaces, full-width letters and lower case are accepted.
    """
    shown = normalize_text(text)
    s = _PLATE_SEPARATORS.sub("", to_simplified(shown)).upper()
    try:
        if not s:
            raise _Reject(translate("db", "no plate given; {hint}").format(hint=_PLATE_HINT))
        if s[0] not in PROVINCES:
            raise _Reject(
                translate("db", "'{text}' must start with a province character such as 川 or 渝").format(
                    text=shown
                )
            )
        city, rest = s[1:2], s[2:]
        trailer = rest.endswith("挂")
        rest = rest.removesuffix("挂")
        if not (city.isascii() and city.isalpha()) or not _PLATE_CHARS.fullmatch(rest):
            raise _Reject(
                translate("db", "'{text}' is not a plate; {hint}").format(text=shown, hint=_PLATE_HINT)
            )
        if "I" in city + rest or "O" in city + rest:
            raise _Reject(
                translate("db", "'{text}': plates never use the letters I or O; did you mean 1 or 0?").format(
                    text=shown
                )
            )
        if trailer:
            valid = len(rest) == 4
        elif len(rest) == 5:
            valid = True
        elif len(rest) == 6:  # new-energy: D/F first (small cars) or last (large vehicles)
            valid = (rest[0] in "DF" and rest[2:].isdigit()) or (rest[:5].isdigit() and rest[5] in "DF")
        else:
            valid = False
        if not valid:
            raise _Reject(
                translate("db", "'{text}' is not a plate; {hint}").format(text=shown, hint=_PLATE_HINT)
            )
        return ParseResult(value=s)
    except _Reject as reason:
        return _rejected(reason)


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
