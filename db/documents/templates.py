"""Blank workbooks to fill in for an import: a sheet with the titles of a kind and one example row,
and a sheet of notes explaining each column (what it holds, the forms accepted, whether required)."""

from __future__ import annotations

import datetime
import os
import unicodedata
from collections.abc import Callable, Iterable
from decimal import Decimal

from db import units
from db.documents.exporting import SHIPMENT_FIELDS, SHIPMENT_IMPORT_EXTRA, Column, Field, Sheet, write_xlsx
from db.documents.layouts import HARVEST_FIELDS, PAYMENT_FIELDS
from db.documents.master_layouts import BOOL_TEXT, MASTER_FIELDS, MASTER_KINDS, codes
from db.i18n import Text, translate

TEMPLATE_KINDS = ("shipments", "harvests", "payments", *MASTER_KINDS)

# The example row says in one of its cells that it is one, so a clerk who forgets to delete it does
# not import it as a real record: every import skips a row with a cell reading so (either language),
# with a notice. The cell: the notes where the kind has them, else a text cell every row has.
EXAMPLE_MARKS = {"zh": "示例行，导入时跳过", "en": "example row, skipped on import"}
_MARKED = {"shipments": "market", "markets": "aliases", "crops": "aliases"}


def is_example(texts: Iterable[str]) -> bool:
    """Whether a row (its cells' texts) is a template's example row: a cell is the mark, in either
    language, whatever the spaces, the width of the comma or the case."""
    # every row of every import passes here: a cheap look for a word of the mark comes first
    texts = texts if isinstance(texts, list) else list(texts)
    joined = "\n".join(texts)
    if not ("示例" in joined or "ample" in joined or "AMPLE" in joined or "ａｍｐｌｅ" in joined):
        return False
    return any(_mark_key(text) in _MARK_KEYS for text in texts if text)


def _mark_key(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


_MARK_KEYS = frozenset(_mark_key(mark) for mark in EXAMPLE_MARKS.values())

_FIELDS: dict[str, tuple[Field, ...]] = {
    "shipments": SHIPMENT_FIELDS + SHIPMENT_IMPORT_EXTRA,
    "harvests": HARVEST_FIELDS,
    "payments": PAYMENT_FIELDS,
    **{kind: tuple(f.field for f in fields) for kind, fields in MASTER_FIELDS.items()},
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
        None,
        None,
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
    # Master records: names the demo park does not have (an import only adds records).
    "operators": (
        "船山区绿源家庭农场",
        "家庭农场",
        "遂宁",
        "绿源农场",
        "老池镇",
        "",
        "李红",
        "13800000000",
        Decimal("45.5"),
        "绿源、绿源农场",
        "否",
        "",
        "Lüyuan Family Farm",
    ),
    "plots": ("遂宁市船山区涪江湾蔬菜种植专业合作社", "河坝三片", Decimal("12.5"), "河沙村", "否", ""),
    "buyers": ("刘长江", "批发商", "重庆江津", "13900000000", "重庆双福国际农贸城", "渝C56789", "否", ""),
    "markets": (
        "彭州蒙阳蔬菜批发市场",
        "彭州市",
        "成都",
        "蒙阳、蒙阳市场",
        "否",
        "Pengzhou Mengyang Vegetable Wholesale Market",
    ),
    # Pack weights blank: only the park's own weighing gives one (DOMAIN.md has only ranges).
    "crops": (
        "紫甘蓝",
        "red cabbage",
        "11,12,1,2,3",
        Decimal("1.6"),
        Decimal("3.2"),
        "红甘蓝",
        "否",
        None,
        None,
        None,
    ),
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
    "deduction_kg": translate(
        "db",
        "optional; the deduction (扣重) in kg: the truck's on the ticket's first row (shared over its "
        "lines by weight), or each line's share; '2%' for a deduction agreed in percent",
    ),
    "settled_price": translate(
        "db", "optional; the price settled after the sale (实结价), when it differs from the agreed price"
    ),
    "deduction_pct": translate(
        "db", "optional; a deduction (扣杂) agreed in percent of the truck's net weight, e.g. 2 or 2.5%"
    ),
    "payable_kg": translate("db", "optional; net weight less the deduction, in kg"),
    "lot_code": translate("db", "optional; blank gets a new lot code"),
    "plot": translate("db", "optional; a plot of that operator already in the program"),
    "weight_kg": translate("db", "required; kg, or with a unit typed in the cell (斤, 吨 …)"),
    "notes": translate("db", "optional; any text"),
    "method": translate("db", "optional; 现金, 微信, 支付宝 or 转账 (blank: 转账)"),
    "reference": translate("db", "optional; the transfer's reference"),
    # master records
    "name": translate("db", "required; a name not yet in the program (an import only adds records)"),
    "name_en": translate("db", "optional; the name on English documents"),
    "side": translate("db", "optional; 遂宁 or 潼南 (Suining or Tongnan)"),
    "short_name": translate("db", "optional; a short name for lists"),
    "town": translate("db", "optional; the town (乡镇)"),
    "credit_code": translate("db", "optional; the unified social credit code (统一社会信用代码)"),
    "contact": translate("db", "optional; the contact person"),
    "phone": translate("db", "optional; a phone number"),
    "area_mu": translate("db", "optional; the area in 亩, e.g. 150 or 12.5"),
    "aliases": translate("db", "optional; other names, separated by 、 or a comma"),
    "archived": translate("db", "optional; 是 (yes) or 否 (no); blank: 否"),
    "village": translate("db", "optional; the village (村)"),
    "home_base": translate("db", "optional; where the buyer is based"),
    "plates": translate("db", "optional; the buyer's truck plates, separated by 、 or a comma"),
    "district": translate("db", "optional; the district or county (区县)"),
    "city": translate("db", "optional; the city"),
    "season_months": translate("db", "optional; the months it is harvested, e.g. 11,12,1,2,3"),
    "price_low": translate(
        "db", "optional; the usual low price in 元/公斤 (prices far outside are warned about)"
    ),
    "price_high": translate("db", "optional; the usual high price in 元/公斤"),
    "bag_kg": translate(
        "db",
        "optional; what one bag (袋, 网袋) of it weighs in kg, as the park weighs it, e.g. 25; blank: "
        "unknown, and a count of bags (3袋) is then refused as a weight",
    ),
    "basket_kg": translate("db", "optional; what one crate (筐) of it weighs in kg, e.g. 15; blank: unknown"),
    "bundle_kg": translate("db", "optional; what one bundle (捆) of it weighs in kg, e.g. 8; blank: unknown"),
}
# A column whose note differs for one kind.
_KIND_NOTES: dict[tuple[str, str], Text] = {
    **{
        (kind, "kind"): translate("db", "optional; one of {values} (or in English: {english})").format(
            values="、".join(zh for zh, _en in codes.values()),
            english=", ".join(en for _zh, en in codes.values()),
        )
        for kind, codes in (("operators", units.OPERATOR_KINDS), ("buyers", units.BUYER_KINDS))
    },
    ("plots", "name"): translate("db", "required; the plot's name, not yet used by that operator"),
    ("buyers", "market"): translate(
        "db", "optional; the market the buyer usually takes the goods to, already in the program"
    ),
}


def _example(kind: str, lang: str) -> tuple[object, ...]:
    """The example row, its coded values (kinds, 是/否) in the language of the titles, as an export writes them."""
    mark = EXAMPLE_MARKS["zh" if lang.startswith("zh") else "en"]
    keys = [f.key for f in _FIELDS[kind]]
    row = list(_EXAMPLES[kind])
    row[keys.index(_MARKED.get(kind, "notes"))] = mark
    if kind not in MASTER_FIELDS or lang.startswith("zh"):
        return tuple(row)
    shown = []
    for f, value in zip(MASTER_FIELDS[kind], row, strict=True):
        if f.codec.startswith("code:"):
            table = codes(f.codec)
            value = table[units.code_for_label(table, str(value)) or ""][1]
        elif f.codec == "bool":
            value = BOOL_TEXT[value == BOOL_TEXT[True][0]][1]
        shown.append(value)
    return tuple(shown)


def _note(kind: str, key: str) -> Text:
    return _KIND_NOTES[(kind, key)] if (kind, key) in _KIND_NOTES else _NOTES[key]


def write_template(
    kind: str, path: str | os.PathLike, lang: str = "zh_CN", tr: Callable[[Text], str] = str
) -> int:
    """Write the template of `kind` (see TEMPLATE_KINDS) to an .xlsx file; `tr` renders the notes
    (db texts) in the reader's language (the CLI and GUI pass their translator)."""
    fields = _FIELDS[kind]
    zh = lang.startswith("zh")
    columns = [Column(f.title(lang), f.kind) for f in fields]
    mark = EXAMPLE_MARKS["zh" if zh else "en"]
    notes_columns = [Column(tr(translate("db", "column"))), Column(tr(translate("db", "what it holds")))]
    notes = [(f.title(lang), tr(_note(kind, f.key))) for f in fields]
    notes.append(
        (
            "",
            tr(
                translate(
                    "db",
                    "The example row says “{mark}” in one of its cells: an import skips it. Delete it or "
                    "leave it, then fill in one row per record. The columns may be in any order; other "
                    "columns are ignored.",
                ).format(mark=mark)
            ),
        )
    )
    sheets = [
        Sheet("数据" if zh else "Data", columns, [_example(kind, lang)]),
        Sheet("说明" if zh else "Notes", notes_columns, notes),
    ]
    return write_xlsx(path, sheets)
