"""Weights, prices and percents with their units (斤, 公斤, 元/斤 …), exact: grams and 0.0001 元/kg."""

from __future__ import annotations

import re
from fractions import Fraction

from db.i18n import translate
from db.parsing.numbers import (
    _NUMBERISH,
    _check_not_negative,
    _fraction_text,
    _match_unit,
    _Number,
    _reject_leftover,
    _scan_number,
    _skip_spaces,
)
from db.parsing.text import ParseResult, _or_list, _prepare, _Reject, _rejected, normalize_text, to_simplified

# Kept here rather than imported from db.units so this module stands alone (pure stdlib + OpenCC).
PRICE_SCALE = 10_000
MAX_WEIGHT_G = 100_000_000  # 100 t: anything heavier is a typing error, whatever the truck
MAX_PRICE = 1000 * PRICE_SCALE  # 1000 元/公斤: no vegetable here comes near it
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
_WEIGHT_HINT = translate("db", "use 斤, 两, 公斤/kg, 克/g, 吨/t or 担")
_PRICE_HINT = translate("db", "use 元/斤, 元/公斤 or 元/吨 (e.g. 1.2元/斤, 一块二一斤)")

# ---------------------------------------------------------------------------------------------------
# Weights


def _weight_unit_g(unit: str) -> int:
    key = _prepare(unit)[1].replace(" ", "")
    if key not in WEIGHT_UNITS_G:
        raise ValueError(f"unknown default weight unit {unit!r}; use one of {sorted(WEIGHT_UNITS_G)}")
    return WEIGHT_UNITS_G[key]


# Packs a clerk counts instead of weighing (DOMAIN.md: 网袋 mesh bags, 塑料筐 crates, 捆 bundles):
# a count of them is a weight only through the crop's pack weight.
PACKS: dict[str, str] = {
    "网袋": "bag",
    "编织袋": "bag",
    "袋": "bag",
    "塑料筐": "basket",
    "筐": "basket",
    "捆": "bundle",
}
_PACK_COUNT = re.compile(r"([0-9]{1,6})\s*(" + "|".join(sorted(PACKS, key=len, reverse=True)) + ")")


def parse_pack_count(text: str) -> tuple[int, str] | None:
    """(count, the pack as typed) for a whole count of bags, crates or bundles ('3袋', '12 筐'); else None."""
    match = _PACK_COUNT.fullmatch(to_simplified(normalize_text(text)))
    if match is None or int(match.group(1)) == 0:
        return None
    return int(match.group(1)), match.group(2)


PACK_KINDS = ("bag", "basket", "bundle")  # a crop's pack weights: Crop.bag_g, basket_g, bundle_g
MAX_PACK_G = 100_000  # what two people can lift: a pack above 100 kg is a typing error


def parse_pack_weight_g(text: str) -> ParseResult[int]:
    """What one pack weighs, as staff type it for a crop ('25', '25公斤', '50斤'; a bare number is kg),
    from 1 g up to 100 kg."""
    result = parse_weight_g(text, default_unit="kg")
    if result.ok and result.value > MAX_PACK_G:
        return ParseResult(
            error=translate(
                "db", "'{text}': a pack above 100 kg is a typing error; type what one pack weighs"
            ).format(text=_prepare(text)[0])
        )
    return result


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
