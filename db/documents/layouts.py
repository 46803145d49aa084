"""File layouts of harvests and payments: their columns, and their export (CSV or XLSX) in the
layout `db.importing.kinds` reads back, so an export imported into the same master data and
exported again gives the same file."""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterator
from typing import Any

from db import units
from db.documents.exporting import EXPORT_FORMATS, Column, ExportError, Field, Sheet, write_csv, write_xlsx
from db.i18n import translate

HARVEST_FIELDS: tuple[Field, ...] = (
    Field("date", "日期", "date", "date"),
    Field("lot_code", "批次号", "lot_code", "text"),
    Field("operator", "经营主体", "operator", "text"),
    Field("plot", "地块", "plot", "text"),
    Field("crop", "品种", "crop", "text"),
    Field("grade", "等级", "grade", "text"),
    Field("weight_kg", "重量(公斤)", "weight_kg", "kg"),
    Field("notes", "备注", "notes", "text"),
)

PAYMENT_FIELDS: tuple[Field, ...] = (
    Field("date", "日期", "date", "date"),
    Field("buyer", "客商", "buyer", "text"),
    Field("amount", "金额(元)", "amount_cny", "money"),
    Field("method", "方式", "method", "text"),
    Field("reference", "凭证号", "reference", "text"),
    Field("notes", "备注", "notes", "text"),
)

FIELDS = {"harvests": HARVEST_FIELDS, "payments": PAYMENT_FIELDS}
SHEET_NAMES = {"harvests": ("采收", "Harvests"), "payments": ("收款", "Payments")}


def harvest_rows(db: Any, lang: str = "zh_CN") -> Iterator[tuple[object, ...]]:
    """One row per harvest lot, by date and lot code, with exact values (weight in kg)."""
    sql = """
        SELECT h.harvest_date, h.lot_code, o.name, coalesce(p.name, ''), c.name, h.grade, h.weight_g, h.notes
        FROM harvests h
        JOIN operators o ON o.id = h.operator_id
        JOIN crops c ON c.id = h.crop_id
        LEFT JOIN plots p ON p.id = h.plot_id
        ORDER BY h.harvest_date, h.lot_code, h.id
    """
    conn = getattr(db, "conn", db)
    grades = {code: units.label(units.GRADES, code, lang) for code in units.GRADES}
    for day, lot, operator, plot, crop, grade, weight_g, notes in conn.execute(sql):
        yield (
            datetime.date.fromisoformat(day),
            lot,
            operator,
            plot,
            crop,
            grades.get(grade, grade),
            units.kg(weight_g),
            notes,
        )


def payment_rows(db: Any, lang: str = "zh_CN") -> Iterator[tuple[object, ...]]:
    """One row per payment, by date, with the amount in 元 and the method's label."""
    sql = """
        SELECT p.pay_date, b.name, p.amount_fen, p.method, p.reference, p.notes
        FROM payments p JOIN buyers b ON b.id = p.buyer_id
        ORDER BY p.pay_date, p.id
    """
    conn = getattr(db, "conn", db)
    methods = {code: units.label(units.PAYMENT_METHODS, code, lang) for code in units.PAYMENT_METHODS}
    for day, buyer, fen, method, reference, notes in conn.execute(sql):
        yield (
            datetime.date.fromisoformat(day),
            buyer,
            units.yuan(fen),
            methods.get(method, method),
            reference,
            notes,
        )


_ROWS = {"harvests": harvest_rows, "payments": payment_rows}


def export_kind(
    db: Any,
    kind: str,
    path: str | os.PathLike,
    fmt: str,
    lang: str = "zh_CN",
    *,
    created: datetime.datetime | None = None,
) -> int:
    """Write the export of `kind` ('harvests' or 'payments') as 'csv' or 'xlsx'; returns the rows written."""
    columns = [Column(f.title(lang), f.kind) for f in FIELDS[kind]]
    rows = _ROWS[kind](db, lang)
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
