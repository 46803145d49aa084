"""File layouts of the master records (operators, plots, buyers, markets, crops): their columns,
how each value is written and read back, and their export in the layout
`db.importing.masters` reads, so export → import into an empty database → export gives the same file."""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from db import units
from db.documents.exporting import EXPORT_FORMATS, Column, ExportError, Field, Sheet, write_csv, write_xlsx
from db.i18n import translate
from db.records import Buyer, Crop, Market, Operator, Plot

MASTER_KINDS = ("operators", "plots", "buyers", "markets", "crops")
# Aliases and plates in one cell, separated as a clerk would type them.
LIST_SEPARATOR = "、"


@dataclass(frozen=True)
class MasterField:
    """One column: the Field (key, titles, kind), the record attribute and how the value is coded:
    'text', 'list' (aliases, plates), 'code:<units dict>', 'mu' (亩 × 100), 'price' (元/公斤),
    'ref:<kind>' (the name of a record of that kind), 'bool' (是/否), 'pack' (grams written as kg,
    blank while unknown)."""

    field: Field
    attr: str
    codec: str = "text"


def _f(key: str, zh: str, en: str, attr: str, codec: str = "text", kind: str = "text") -> MasterField:
    return MasterField(Field(key, zh, en, kind), attr, codec)  # type: ignore[arg-type]


MASTER_FIELDS: dict[str, tuple[MasterField, ...]] = {
    "operators": (
        _f("name", "名称", "name", "name"),
        _f("kind", "类型", "kind", "kind", "code:OPERATOR_KINDS"),
        _f("side", "所属", "side", "side", "code:SIDES"),
        _f("short_name", "简称", "short_name", "short_name"),
        _f("town", "乡镇", "town", "town"),
        _f("credit_code", "统一社会信用代码", "credit_code", "credit_code"),
        _f("contact", "联系人", "contact", "contact"),
        _f("phone", "电话", "phone", "phone"),
        _f("area_mu", "面积(亩)", "area_mu", "area_mu_x100", "mu", "kg"),
        _f("aliases", "别名", "aliases", "aliases", "list"),
        _f("archived", "已归档", "archived", "archived", "bool"),
        _f("notes", "备注", "notes", "notes"),
        _f("name_en", "英文名", "name_en", "name_en"),  # since 0009: at the end, so older files still read
    ),
    "plots": (
        _f("operator", "经营主体", "operator", "operator_id", "ref:operators"),
        _f("name", "地块", "name", "name"),
        _f("area_mu", "面积(亩)", "area_mu", "area_mu_x100", "mu", "kg"),
        _f("village", "村", "village", "village"),
        _f("archived", "已归档", "archived", "archived", "bool"),
        _f("notes", "备注", "notes", "notes"),
    ),
    "buyers": (
        _f("name", "名称", "name", "name"),
        _f("kind", "类型", "kind", "kind", "code:BUYER_KINDS"),
        _f("home_base", "所在地", "home_base", "home_base"),
        _f("phone", "电话", "phone", "phone"),
        _f("market", "常去市场", "default_market", "default_market_id", "ref:markets"),
        _f("plates", "车牌", "plates", "plates", "list"),
        _f("archived", "已归档", "archived", "archived", "bool"),
        _f("notes", "备注", "notes", "notes"),
    ),
    "markets": (
        _f("name", "名称", "name", "name"),
        _f("district", "区县", "district", "district"),
        _f("city", "城市", "city", "city"),
        _f("aliases", "别名", "aliases", "aliases", "list"),
        _f("archived", "已归档", "archived", "archived", "bool"),
        _f("name_en", "英文名", "name_en", "name_en"),  # since 0009: at the end, so older files still read
    ),
    "crops": (
        _f("name", "名称", "name", "name"),
        _f("name_en", "英文名", "name_en", "name_en"),
        _f("season_months", "采收月份", "season_months", "season_months"),
        _f("price_low", "常见低价(元/公斤)", "price_low_cny_per_kg", "price_low", "price", "price"),
        _f("price_high", "常见高价(元/公斤)", "price_high_cny_per_kg", "price_high", "price", "price"),
        _f("aliases", "别名", "aliases", "aliases", "list"),
        _f("archived", "已归档", "archived", "archived", "bool"),
        # since 0015: at the end, so older files still read
        _f("bag_kg", "每袋重量(公斤)", "bag_kg", "bag_g", "pack", "kg"),
        _f("basket_kg", "每筐重量(公斤)", "basket_kg", "basket_g", "pack", "kg"),
        _f("bundle_kg", "每捆重量(公斤)", "bundle_kg", "bundle_g", "pack", "kg"),
    ),
}

RECORDS = {"operators": Operator, "plots": Plot, "buyers": Buyer, "markets": Market, "crops": Crop}
SHEET_NAMES = {
    "operators": ("经营主体", "Operators"),
    "plots": ("地块", "Plots"),
    "buyers": ("客商", "Buyers"),
    "markets": ("市场", "Markets"),
    "crops": ("品种", "Crops"),
}
BOOL_TEXT = {True: ("是", "yes"), False: ("否", "no")}


def codes(codec: str) -> dict[str, tuple[str, str]]:
    return getattr(units, codec.removeprefix("code:"))


def _names(db: Any, table: str) -> dict[int, str]:
    conn = getattr(db, "conn", db)
    return {row[0]: row[1] for row in conn.execute(f"SELECT id, name FROM {table}")}


def master_rows(store: Any, kind: str, lang: str = "zh_CN") -> Iterator[tuple[object, ...]]:
    """One row per record of `kind`, in the order they were added (by id), archived ones too."""
    fields = MASTER_FIELDS[kind]
    zh = lang.startswith("zh")
    refs = {
        f.codec: _names(store.db, f.codec.removeprefix("ref:")) for f in fields if f.codec.startswith("ref:")
    }
    repo = getattr(store, kind)
    for record in sorted(repo.list(include_archived=True), key=lambda r: r.id):
        row: list[object] = []
        for f in fields:
            value = getattr(record, f.attr)
            if f.codec == "list":
                row.append(LIST_SEPARATOR.join(value))
            elif f.codec.startswith("code:"):
                row.append(units.label(codes(f.codec), value, lang))
            elif f.codec == "mu":
                row.append(Decimal(value) / 100)
            elif f.codec == "price":
                row.append(units.price_per_kg(value))
            elif f.codec == "pack":
                row.append(None if value is None else Decimal(value) / 1000)
            elif f.codec.startswith("ref:"):
                row.append("" if value is None else refs[f.codec].get(value, ""))
            elif f.codec == "bool":
                row.append(BOOL_TEXT[bool(value)][0 if zh else 1])
            else:
                row.append(value)
        yield tuple(row)


def export_master(
    store: Any,
    kind: str,
    path: str | os.PathLike,
    fmt: str,
    lang: str = "zh_CN",
    *,
    created: datetime.datetime | None = None,
) -> int:
    """Write the master records of `kind` as 'csv' or 'xlsx'; returns the rows written."""
    columns = [Column(f.field.title(lang), f.field.kind) for f in MASTER_FIELDS[kind]]
    rows = master_rows(store, kind, lang)
    if fmt == "csv":
        return write_csv(path, columns, rows)
    if fmt == "xlsx":
        zh, en = SHEET_NAMES[kind]
        return write_xlsx(path, [Sheet(zh if lang.startswith("zh") else en, columns, rows)], created=created)
    raise ExportError(
        translate("db", "unknown export format '{format}'; use {formats}").format(
            format=fmt, formats=" or ".join(EXPORT_FORMATS)
        )
    )
