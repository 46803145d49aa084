"""What changed between two versions of a record, said as a person reads it (for a stale save)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from db import units
from db.i18n import Text, join, translate

# Field names as a person calls them; a field not listed is shown by its name.
FIELD_LABELS: dict[str, Text] = {
    "name": translate("db", "name"),
    "name_en": translate("db", "English name"),
    "kind": translate("db", "kind"),
    "side": translate("db", "side"),
    "short_name": translate("db", "short name"),
    "town": translate("db", "town"),
    "credit_code": translate("db", "credit code"),
    "contact": translate("db", "contact"),
    "phone": translate("db", "phone"),
    "area_mu_x100": translate("db", "area (亩)"),
    "archived": translate("db", "archived"),
    "notes": translate("db", "notes"),
    "aliases": translate("db", "aliases"),
    "plates": translate("db", "plates"),
    "operator_id": translate("db", "operator"),
    "plot_id": translate("db", "plot"),
    "crop_id": translate("db", "crop"),
    "buyer_id": translate("db", "buyer"),
    "market_id": translate("db", "market"),
    "default_market_id": translate("db", "usual market"),
    "village": translate("db", "village"),
    "season_months": translate("db", "season"),
    "price_low": translate("db", "lowest price"),
    "price_high": translate("db", "highest price"),
    "home_base": translate("db", "home base"),
    "district": translate("db", "district"),
    "city": translate("db", "city"),
    "harvest_date": translate("db", "harvest date"),
    "weight_g": translate("db", "weight"),
    "lot_code": translate("db", "lot code"),
    "grade": translate("db", "grade"),
    "ship_date": translate("db", "date"),
    "ticket_no": translate("db", "weighing ticket number"),
    "gross_g": translate("db", "gross weight"),
    "tare_g": translate("db", "tare"),
    "net_g": translate("db", "net weight"),
    "plate": translate("db", "plate"),
    "deduction_g": translate("db", "deduction"),
    "deduction_pct_x100": translate("db", "deduction (%)"),
    "payment_status": translate("db", "payment status"),
    "lines": translate("db", "lines"),
    "agreed_price": translate("db", "agreed price"),
    "settled_price": translate("db", "settled price"),
    "amount_fen": translate("db", "amount"),
    "lot_ids": translate("db", "harvest lots"),
    "pay_date": translate("db", "payment date"),
    "method": translate("db", "method"),
    "reference": translate("db", "reference"),
    "status": translate("db", "status"),
}

# Fields that only follow from others (a line's position and amount): not worth a mention.
_DERIVED = {"id", "shipment_id", "line_no", "amount_fen"}

# A record id → its name, for fields such as operator_id (None: show the id).
NameOf = Callable[[str, int], str | None]

# Code fields whose meaning does not depend on the record kind ('kind' does: the repository says).
_CODES = {
    "grade": units.GRADES,
    "side": units.SIDES,
    "method": units.PAYMENT_METHODS,
    "payment_status": units.PAYMENT_STATUSES,
    "status": units.CERTIFICATE_STATUSES,
}

_MAX_SHOWN = 8


def field_label(field: str) -> Text | str:
    """What a person calls a stored field (a db Text to translate), else the field's own name."""
    return FIELD_LABELS.get(field, field)


def readable(
    field: str,
    value: Any,
    name_of: NameOf,
    codes: dict[str, dict[str, tuple[str, str]]] | None = None,
    lang: str = "zh_CN",
) -> str:
    """A stored value as a person reads it (kg, 元, labels of codes, names of records)."""
    return _Values(name_of, {**_CODES, **(codes or {})}, lang)(field, value)


def differences(opened: dict, current: dict) -> list[tuple[str, Any, Any]]:
    """(field, value when opened, value now) for each field of two record snapshots that differs."""
    return [
        (field, opened.get(field), current.get(field))
        for field in dict.fromkeys([*opened, *current])
        if field not in ("id",) and opened.get(field) != current.get(field)
    ]


def describe(
    changes: list[tuple[str, Any, Any]],
    name_of: NameOf,
    codes: dict[str, dict[str, tuple[str, str]]] | None = None,
    lang: str = "zh_CN",
) -> str:
    """'net weight 2,100.0 kg → 2,000.0 kg; line 1: …' for the changes, at most a few of them.

    Codes are shown by their labels in `lang` (the interface language), records by their names."""
    shown_as = _Values(name_of, {**_CODES, **(codes or {})}, lang)
    parts: list[str] = []
    for field, before, after in changes:
        if field in _DERIVED:
            continue
        if field == "lines":
            parts.extend(_describe_lines(before or [], after or [], shown_as))
        else:
            parts.append(_one(field, before, after, shown_as))
    if not parts:
        parts = [translate("db", "its derived values")]
    shown = parts[:_MAX_SHOWN]
    if len(parts) > _MAX_SHOWN:
        shown.append(translate("db", "and {n} more").format(n=len(parts) - _MAX_SHOWN))
    return join(shown, translate("db", "{first}; {rest}"))


def _describe_lines(before: list[dict], after: list[dict], shown_as: _Values) -> list[str]:
    if len(before) != len(after):
        return [translate("db", "lines: {before} → {after}").format(before=len(before), after=len(after))]
    parts = []
    for n, (old, new) in enumerate(zip(before, after, strict=True), start=1):
        for field, b, a in differences(old, new):
            if field not in _DERIVED:
                parts.append(
                    translate("db", "line {n}: {change}").format(n=n, change=_one(field, b, a, shown_as))
                )
    return parts


def _one(field: str, before: Any, after: Any, shown_as: _Values) -> Text:
    return translate("db", "{field} {before} → {after}").format(
        field=FIELD_LABELS.get(field, field), before=shown_as(field, before), after=shown_as(field, after)
    )


class _Values:
    """A stored value as a person reads it: weights in kg, money in 元, codes and ids by name."""

    def __init__(self, name_of: NameOf, codes: dict[str, dict[str, tuple[str, str]]], lang: str):
        self.name_of = name_of
        self.codes = codes
        self.lang = lang

    def __call__(self, field: str, value: Any) -> str:
        if value is None or value == "" or value == []:
            return translate("db", "(empty)")
        if isinstance(value, list) and value and isinstance(value[0], dict):  # a truck's lines
            net = sum(line.get("net_g") or 0 for line in value)
            return translate("db", "{n} line(s), {kg} kg net").format(n=len(value), kg=units.format_kg(net))
        if isinstance(value, list):
            return "、".join(str(v) for v in value)
        if field == "archived":
            return translate("db", "yes") if value else translate("db", "no")
        if field in self.codes:
            return units.label(self.codes[field], value, self.lang)
        if not isinstance(value, int):
            return str(value)
        if field.endswith("_id"):
            return self.name_of(field, value) or f"#{value}"
        if field.endswith("_g"):
            return f"{units.format_kg(value)} kg"
        if field.endswith("_fen"):
            return f"{units.format_yuan(value)} 元"
        if field.endswith("_price") or field.startswith("price_"):
            return f"{units.format_price(value)} 元/kg"
        if field.endswith("_x100"):
            return f"{Decimal(value) / 100:f}"
        return str(value)
