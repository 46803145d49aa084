"""What a clerk typed into a field or pasted into a grid cell, as an exact value: `CellParser` and its kinds.

The non-widget half of app.views.forms.fields: the fields, the shipment lines grid, in-place table edits
and pasted rows all read text through these parsers. Errors are db.i18n Texts, shown translated
through app.messages.tr_message.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from db import parsing, units
from db.i18n import translate
from db.parsing import NameIndex, ParseResult, normalize_text


def plain_decimal(value: Decimal) -> str:
    """A decimal as typed back: no separators, no trailing zeros ('1750', '12.5')."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def grouped_decimal(value: Decimal) -> str:
    """A decimal with thousands separators and no trailing zeros, nothing rounded ('18,170', '12.5')."""
    whole, _, fraction = plain_decimal(value).partition(".")
    sign = "-" if whole.startswith("-") else ""
    text = f"{sign}{int(whole.lstrip('-')):,}"
    return f"{text}.{fraction}" if fraction else text


def describe_weight(grams: int) -> str:
    """Exact kilograms, and 斤 when that is a whole or half number: '= 18,170 kg (36,340 斤)'."""
    jin = Decimal(grams) / units.G_PER_JIN
    extra = f" ({grouped_decimal(jin)} 斤)" if (jin * 2) == (jin * 2).to_integral_value() else ""
    return f"= {grouped_decimal(units.kg(grams))} kg{extra}"


def describe_price(price: int) -> str:
    """Exact 元/公斤 and 元/斤: '= 2.4 元/公斤 · 1.2 元/斤'."""
    return f"= {units.plain_price_per_kg(price)} 元/公斤 · {plain_decimal(units.price_per_jin(price))} 元/斤"


def _nothing(_value: Any) -> str:
    return ""


@dataclass(frozen=True)
class CellParser:
    """Text → ParseResult (empty text: None, or the error 'required'), plus how a value is written
    back into the text (`text`) and described beside a field (`describe`, '' for nothing)."""

    parse: Callable[[str], ParseResult]
    text: Callable[[Any], str] = str
    describe: Callable[[Any], str] = _nothing
    required: bool = True

    def __call__(self, text: str) -> ParseResult:
        if not normalize_text(text):
            return ParseResult(error="required") if self.required else ParseResult(value=None)
        return self.parse(text)


def weight_parser(default_unit: str = "kg", required: bool = True) -> CellParser:
    """A weight in any unit of the trade (3500斤, 1.75吨, 12.5公斤); a bare number takes `default_unit`."""
    return CellParser(
        lambda t: parsing.parse_weight_g(t, default_unit), units.plain_kg, describe_weight, required
    )


def price_parser(default_unit: str = "元/公斤", required: bool = True) -> CellParser:
    """A price as quoted (2.4, 1.2元/斤, 一块二一斤, 855元/吨); a bare number takes `default_unit`."""
    return CellParser(
        lambda t: parsing.parse_price(t, default_unit), units.plain_price_per_kg, describe_price, required
    )


def _parse_iso_date(text: str) -> ParseResult[str]:
    result = parsing.parse_date(text)
    if not result.ok:
        return ParseResult(error=result.error, ambiguous=result.ambiguous)
    return ParseResult(value=result.value.isoformat())


def date_parser(required: bool = True) -> CellParser:
    """A date in any form clerks type (2023.1.6, 23/1/6, 1月6号, 20230106) → 'YYYY-MM-DD'."""
    return CellParser(_parse_iso_date, str, lambda d: f"= {d}", required)


def _parse_code(codes: dict[str, tuple[str, str]], what: str) -> Callable[[str], ParseResult]:
    """`what` is a db.i18n message naming the kind of code, e.g. translate("db", "grade")."""

    def parse(text: str) -> ParseResult:
        code = units.code_for_label(codes, parsing.to_simplified(normalize_text(text)))
        if code is None:
            choices = " / ".join(zh for zh, _ in codes.values())
            error = translate("db", "'{text}' is not a {what}; use {choices}").format(
                text=text, what=what, choices=choices
            )
            return ParseResult(error=error)
        return ParseResult(value=code)

    return parse


def grade_parser(language: str = "zh_CN", required: bool = False) -> CellParser:
    """Grades by code, Chinese or English label; empty means ungraded."""
    return CellParser(
        _parse_code(units.GRADES, translate("db", "grade")),
        lambda code: units.label(units.GRADES, code or "ungraded", language),
        lambda code: units.label(units.GRADES, code, language),
        required,
    )


def status_parser(language: str = "zh_CN") -> CellParser:
    return CellParser(
        _parse_code(units.PAYMENT_STATUSES, translate("db", "payment status")),
        lambda code: units.label(units.PAYMENT_STATUSES, code, language),
    )


def plate_parser(required: bool = False) -> CellParser:
    return CellParser(parsing.parse_plate, lambda p: p or "", lambda p: f"= {p}", required)


def name_parser(
    entries: Sequence[tuple[int, str, Iterable[str]]],
    required: bool = True,
    shown: dict[int, str] | None = None,
) -> CellParser:
    """Names of master records (canonical, alias or Traditional) → id; `shown` names the records
    in the interface language where it differs (English names, which are also accepted as typed)."""
    shown = shown or {}
    index = NameIndex([(i, n, (*aliases, shown[i]) if i in shown else aliases) for i, n, aliases in entries])
    names = {i: shown.get(i, n) for i, n, _ in entries}
    return CellParser(index.match, lambda i: names.get(i, ""), lambda i: f"= {names.get(i, '')}", required)


def deduction_parser() -> CellParser:
    """'2%' → ('pct', 200); '50公斤' or a bare number (kg) → ('g', 50000); empty → no deduction."""

    def parse(text: str) -> ParseResult:
        s = normalize_text(text)
        if any(mark in s for mark in ("%", "％", "‰", "百分之")):
            result = parsing.parse_percent(s)
            return ParseResult(value=("pct", result.value)) if result.ok else result
        result = parsing.parse_weight_g(s, "kg")
        return ParseResult(value=("g", result.value)) if result.ok else result

    def text(value: Any) -> str:
        kind, amount = value
        return (
            f"{plain_decimal(Decimal(amount) / 100)}%" if kind == "pct" else units.plain_kg(amount) + "公斤"
        )

    def describe(value: Any) -> str:
        kind, amount = value
        return f"= {plain_decimal(Decimal(amount) / 100)}%" if kind == "pct" else describe_weight(amount)

    return CellParser(parse, text, describe, required=False)


def text_parser(max_length: int = 200, required: bool = False) -> CellParser:
    """Plain text, normalised (full-width forms, zero-width and doubled spaces cleaned)."""

    def parse(text: str) -> ParseResult[str]:
        value = normalize_text(text)
        if len(value) > max_length:
            return ParseResult(error=translate("db", "longer than {n} characters").format(n=max_length))
        return ParseResult(value=value)

    return CellParser(parse, required=required)


def parse_yuan_fen(text: str) -> ParseResult[int]:
    """Exact fen from 元 typed as '1,250.5', '￥800', '１２００元'; at most 2 decimals, above zero."""
    shown = normalize_text(text)
    s = shown.replace(",", "").replace("，", "").removeprefix("¥").removeprefix("￥")
    s = s.removesuffix("元").removesuffix("块").strip()
    try:
        value = Decimal(s)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        error = translate("db", "'{text}' is not an amount in 元; type one such as 1250 or 1,250.50")
        return ParseResult(error=error.format(text=shown))
    if value <= 0:
        return ParseResult(error=translate("db", "the amount must be more than 0 元"))
    fen = value * 100
    if fen != fen.to_integral_value():
        return ParseResult(error=translate("db", "'{text}' is finer than 1 分 (0.01 元)").format(text=shown))
    if fen > 10**12:
        return ParseResult(
            error=translate("db", "'{text}' is too large; check for a typing error").format(text=shown)
        )
    return ParseResult(value=int(fen))


def money_parser(required: bool = True) -> CellParser:
    """An amount in 元, exact to the fen."""
    return CellParser(parse_yuan_fen, units.plain_yuan, lambda fen: f"= ¥{units.format_yuan(fen)}", required)


def format_area(area_mu_x100: int) -> str:
    return plain_decimal(Decimal(area_mu_x100) / 100)


def parse_area_mu_x100(text: str) -> ParseResult[int]:
    """Hundredths of 亩 from '1500', '12.5亩', '０.５'; at most 2 decimals, not negative."""
    shown = normalize_text(text)
    try:
        value = Decimal(shown.replace(",", "").removesuffix("亩").strip())
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        error = translate("db", "'{text}' is not an area in 亩; type one such as 150 or 12.5")
        return ParseResult(error=error.format(text=shown))
    if value < 0:
        return ParseResult(error=translate("db", "an area cannot be negative"))
    x100 = value * 100
    if x100 != x100.to_integral_value():
        return ParseResult(error=translate("db", "'{text}' is finer than 0.01 亩").format(text=shown))
    return ParseResult(value=int(x100))


def area_parser(required: bool = False) -> CellParser:
    """An area in 亩, exact to 0.01 亩; described in hectares too (15 亩 = 1 ha)."""
    return CellParser(
        parse_area_mu_x100,
        format_area,
        lambda v: f"= {format_area(v)} 亩 · {Decimal(v) / 1500:.2f} ha",
        required,
    )


def split_list(text: str) -> list[str]:
    """Items typed separated by commas, 、 or ;, normalised, without duplicates (a space may be part
    of an item, as in the plate '渝C 12345')."""
    s = normalize_text(text)
    for sep in ("，", "、", ";", "；"):
        s = s.replace(sep, ",")
    return list(dict.fromkeys(item.strip() for item in s.split(",") if item.strip()))


def names_parser() -> CellParser:
    """Other names of a record, as a tuple, written back joined with 、."""
    return CellParser(lambda t: ParseResult(value=tuple(split_list(t))), "、".join, required=False)


def _parse_plates(text: str) -> ParseResult[tuple[str, ...]]:
    plates = []
    for item in split_list(text):
        result = parsing.parse_plate(item)
        if not result.ok:
            return ParseResult(error=result.error)
        plates.append(result.value)
    return ParseResult(value=tuple(dict.fromkeys(plates)))


def plates_parser() -> CellParser:
    """A buyer's truck plates, separated by commas or 、."""
    return CellParser(_parse_plates, "、".join, required=False)


def parse_phone(text: str) -> ParseResult[str]:
    """A phone number as typed: digits with optional +, -, spaces; masked digits (*) are kept."""
    s = normalize_text(text)
    digits = [c for c in s if c.isdigit() or c == "*"]
    if any(c not in "0123456789*+- ()" for c in s):
        error = translate("db", "'{text}' is not a phone number; type digits such as 13800000001")
        return ParseResult(error=error.format(text=s))
    if not 5 <= len(digits) <= 20:
        error = translate("db", "'{text}' has {n} digits; a phone number has 5 to 20")
        return ParseResult(error=error.format(text=s, n=len(digits)))
    return ParseResult(value=s)


_CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_parser() -> CellParser:
    """A 统一社会信用代码, upper case without spaces (checked by `credit_code_warning`, not rejected)."""
    return CellParser(lambda t: ParseResult(value=normalize_text(t).upper().replace(" ", "")), required=False)


def credit_code_warning(code: str) -> str:
    """Why a 统一社会信用代码 looks wrong (length, characters, GB 32100 check digit), or ''."""
    if not code:
        return ""
    if len(code) != 18:
        return translate("db", "has {n} characters; a credit code has 18").format(n=len(code))
    if any(c not in _CREDIT_CHARS for c in code):
        return translate("db", "contains characters a credit code never uses (I, O, S, V, Z)")
    total = sum(_CREDIT_CHARS.index(c) * w for c, w in zip(code[:17], _CREDIT_WEIGHTS, strict=True))
    check = _CREDIT_CHARS[(31 - total % 31) % 31]
    if code[17] != check:
        return translate("db", "check digit should be {check}; please compare with the licence").format(
            check=check
        )
    return ""
