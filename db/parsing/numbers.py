"""Numbers as clerks type them: Arabic (1,250.5), Chinese (两千五百, 一点五, 一万二) and mixed (1.2万)."""

from __future__ import annotations

import decimal
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import NoReturn

from db.i18n import translate
from db.parsing.text import _Reject

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
