"""Blank workbooks to fill in for an import: a sheet with the titles of a kind and one example row,
and a sheet of notes explaining each column (what it holds, the forms accepted, whether required)."""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable
from decimal import Decimal

from db.documents.exporting import SHIPMENT_FIELDS, Column, Field, Sheet, write_xlsx
from db.documents.layouts import HARVEST_FIELDS, PAYMENT_FIELDS
from db.i18n import Text, translate

TEMPLATE_KINDS = ("shipments", "harvests", "payments")

_FIELDS: dict[str, tuple[Field, ...]] = {
    "shipments": SHIPMENT_FIELDS,
    "harvests": HARVEST_FIELDS,
    "payments": PAYMENT_FIELDS,
}

_DAY = datetime.date(2026, 1, 6)
_EXAMPLES: dict[str, tuple[object, ...]] = {
    "shipments": (
        _DAY,
        "B20260106-001",
        "陈建华",
        "重庆双福国际农贸城",
        "渝C12345",
        "遂宁市船山区涪江湾蔬菜种植专业合作社",
        "白萝卜",
        "统货",
        Decimal("10620"),
        Decimal("1.2"),
        Decimal("12744"),
        Decimal("18620"),
        Decimal("8000"),
        Decimal("0"),
        Decimal("10620"),
    ),
    "harvests": (
        _DAY,
        "",
        "遂宁市船山区涪江湾蔬菜种植专业合作社",
        "河坝一片",
        "白萝卜",
        "一级",
        Decimal("2500"),
        "",
    ),
    "payments": (_DAY, "陈建华", Decimal("12744"), "转账", "", ""),
}

# What each column holds, by key (shared by the kinds that have it).
_NOTES: dict[str, Text] = {
    "date": translate(
        "db", "required; 2026-01-06, 2026.1.6, 2026年1月6日 or 20260106; a time after it is ignored"
    ),
    "ticket": translate("db", "required; the weighing ticket (磅单号); the rows of one ticket are one truck"),
    "buyer": translate("db", "required; a buyer already in the program (name or alias)"),
    "market": translate("db", "optional; a destination market already in the program (name or alias)"),
    "plate": translate("db", "optional; the truck's plate, e.g. 川JA1234 or 渝C12345"),
    "operator": translate("db", "required; an operator already in the program (name or alias)"),
    "crop": translate(
        "db", "required; a crop already in the program (name, alias or Traditional characters)"
    ),
    "grade": translate("db", "optional; 特级, 一级, 二级, 统货 or 次品 (blank: 统货)"),
    "net_kg": translate("db", "required; kg, or with a unit typed in the cell (斤, 吨 …)"),
    "price": translate("db", "required; 元/公斤, or with a unit typed in the cell (1.2元/斤)"),
    "amount": translate("db", "optional; 元; checked against weight × price, always computed"),
    "truck_gross_kg": translate(
        "db", "optional; the truck's gross weight in kg, the same on every row of a ticket"
    ),
    "truck_tare_kg": translate("db", "optional; the truck's tare in kg, the same on every row of a ticket"),
    "deduction_kg": translate("db", "optional; this line's share of the deduction (扣重) in kg"),
    "payable_kg": translate("db", "optional; net weight less the deduction, in kg"),
    "lot_code": translate("db", "optional; blank gets a new lot code"),
    "plot": translate("db", "optional; a plot of that operator already in the program"),
    "weight_kg": translate("db", "required; kg, or with a unit typed in the cell (斤, 吨 …)"),
    "notes": translate("db", "optional; any text"),
    "method": translate("db", "optional; 现金, 微信, 支付宝 or 转账 (blank: 转账)"),
    "reference": translate("db", "optional; the transfer's reference"),
}


def write_template(
    kind: str, path: str | os.PathLike, lang: str = "zh_CN", tr: Callable[[Text], str] = str
) -> int:
    """Write the template of `kind` (see TEMPLATE_KINDS) to an .xlsx file; `tr` renders the notes
    (db texts) in the reader's language (the CLI and GUI pass their translator)."""
    fields = _FIELDS[kind]
    zh = lang.startswith("zh")
    columns = [Column(f.title(lang), f.kind) for f in fields]
    notes_columns = [Column(tr(translate("db", "column"))), Column(tr(translate("db", "what it holds")))]
    notes = [(f.title(lang), tr(_NOTES[f.key])) for f in fields]
    notes.append(
        (
            "",
            tr(
                translate(
                    "db",
                    "Delete the example row, then fill in one row per record. The columns may be in any "
                    "order; other columns are ignored.",
                )
            ),
        )
    )
    sheets = [
        Sheet("数据" if zh else "Data", columns, [_EXAMPLES[kind]]),
        Sheet("说明" if zh else "Notes", notes_columns, notes),
    ]
    return write_xlsx(path, sheets)
