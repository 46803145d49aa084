"""Files of master records (operators, plots, buyers, markets, crops) → new records, all or nothing.

An import adds records; a name already stored (for a plot: the operator's plot of that name) is a
problem, never an update. A plot's operator and a buyer's usual market must already be known: the
unknown ones are listed, never created."""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path

from db import parsing, units
from db.documents.master_layouts import BOOL_TEXT, MASTER_FIELDS, MASTER_KINDS, RECORDS, codes
from db.errors import ValidationError
from db.i18n import translate
from db.importing.kinds import RecordImport, _Row
from db.importing.mapping import Layout, _expected, _find_header, _map_header
from db.importing.problems import (
    MAX_PROBLEMS,
    PROGRESS_EVERY,
    ImportFailed,
    ImportProblem,
    Progress,
    _no_progress,
    no_rows_message,
    skipped_example,
)
from db.importing.reading import _open_rows
from db.repositories import Store
from db.storage.outputs import check_input, database_path

_TITLES = {
    "name": ("名称", "名字", "姓名", "name"),
    "name_en": ("英文名", "英文名称", "english name", "name_en"),
    "operator": ("经营主体", "主体", "operator"),
    "aliases": ("别名", "又名", "aliases", "alias"),
    "plates": ("车牌", "车牌号", "车号", "plates", "plate"),
    "notes": ("备注", "notes", "remarks"),
    "phone": ("电话", "手机", "联系电话", "phone", "tel"),
    "area_mu": ("面积", "亩数", "area"),
    "market": ("常去市场", "市场", "目的市场", "market"),
    "bag_kg": ("袋重", "每袋重量", "每袋", "bag weight", "bag"),
    "basket_kg": ("筐重", "每筐重量", "每筐", "crate weight", "basket weight", "crate", "basket"),
    "bundle_kg": ("捆重", "每捆重量", "每捆", "bundle weight", "bundle"),
}
LAYOUTS = {
    kind: Layout(
        tuple(f.field for f in fields),
        {f.field.key: _TITLES.get(f.field.key, ()) for f in fields},
        optional=tuple(f.field.key for f in fields if f.field.key not in ("name", "operator")),
        unit_keys=(),  # the titles' units are the layout's (面积(亩), 常见低价(元/公斤))
    )
    for kind, fields in MASTER_FIELDS.items()
}
_SPLIT = re.compile(r"[、,，;；/]")
_TRUE = {"是", "yes", "y", "true", "1", "√", "已归档", "archived"}
_FALSE = {"", "否", "no", "n", "false", "0"}


def check_masters(
    store: Store,
    kind: str,
    path: str | os.PathLike,
    *,
    progress: Progress | None = None,
    sheet: str | None = None,
    mapping: Mapping[str, str | None] | None = None,
    today: datetime.date | None = None,  # for a uniform signature: master records have no dates
) -> RecordImport:
    """Read and check a file of master records of `kind` without writing anything."""
    del today
    check_input(path, database_path(store.db))
    report = progress or _no_progress
    report(0, 0)
    layout = LAYOUTS[kind]
    result = RecordImport(str(path), kind)
    reader = _open_rows(Path(path), report, sheet)
    try:
        header, rows = _find_header(reader.rows, mapping, layout)
        if header is None:
            message = translate("db", "the file is empty; the columns are {zh} (in English: {en})")
            result.problems.append(ImportProblem(None, "", "", _expected(message, layout)))
            return result
        columns = _map_header(header, result.problems, mapping, layout)
        result.ignored_columns = list(columns.ignored)
        if result.problems:
            return result
        refs: dict[str, parsing.NameIndex] = {}
        taken = _taken_names(store, kind)
        for n, row in enumerate(rows):
            if n % PROGRESS_EVERY == 0:
                report(min(reader.position(), reader.size), reader.size)
            if row.is_blank() or skipped_example(row, result.examples):
                continue
            result.rows += 1
            record = _parse(store, kind, _Row(row, columns, result.problems), refs, result)
            if record is not None:
                key = (getattr(record, "operator_id", None), record.name)
                if key in taken:
                    result.problems.append(
                        ImportProblem(
                            row.number,
                            columns["name"][1],
                            record.name,
                            translate(
                                "db",
                                "already in the database or on an earlier row; an import only adds "
                                "records (change existing ones in the program)",
                            ),
                        )
                    )
                taken.add(key)
                if not result.problems:
                    result.records.append(record)
            if len(result.problems) >= MAX_PROBLEMS:
                break
        report(reader.size, reader.size)
    finally:
        reader.rows.close()
    if result.rows == 0 and not result.problems:
        result.problems.append(ImportProblem(None, "", "", no_rows_message(result.examples)))
    if result.problems:
        result.records = []
    return result


def _taken_names(store: Store, kind: str) -> set[tuple[int | None, str]]:
    if kind == "plots":
        return {(p.operator_id, p.name) for p in store.plots.list(include_archived=True)}
    return {(None, r.name) for r in getattr(store, kind).list(include_archived=True)}


def _parse(store: Store, kind: str, row: _Row, refs: dict[str, parsing.NameIndex], result: RecordImport):
    values: dict[str, object] = {}
    for f in MASTER_FIELDS[kind]:
        key = f.field.key
        if key not in row.columns:
            continue
        text = row.text(key)
        if text is None:
            continue
        if f.codec == "text":
            if key == "name" and not parsing.normalize_text(text):
                row.problem(key, translate("db", "required"))
                continue
            values[f.attr] = text
        elif f.codec == "list":
            values[f.attr] = tuple(part.strip() for part in _SPLIT.split(text) if part.strip())
        elif f.codec.startswith("code:"):
            simple = parsing.to_simplified(parsing.normalize_text(text))
            table = codes(f.codec)
            code = simple if simple in table else units.code_for_label(table, simple)
            if not simple:
                continue  # the record's default
            if code is None:
                accepted = ", ".join(f"{zh} ({en})" for zh, en in table.values())
                row.problem(
                    key, translate("db", "unknown value; use one of {values}").format(values=accepted)
                )
            else:
                values[f.attr] = code
        elif f.codec == "mu":
            if not parsing.normalize_text(text):
                continue
            try:
                hundredths = Decimal(parsing.normalize_text(text).replace(",", "")) * 100
            except InvalidOperation:
                hundredths = Decimal("NaN")
            if hundredths.is_finite() and hundredths >= 0 and hundredths == int(hundredths):
                values[f.attr] = int(hundredths)
            else:
                row.problem(key, translate("db", "not an area in 亩; type it like 150 or 12.5"))
        elif f.codec == "price":
            if not parsing.normalize_text(text):
                continue
            parsed = parsing.parse_price(text, default_unit="元/公斤")
            if parsed.ok:
                values[f.attr] = parsed.value
            else:
                row.problem(key, parsed.error or translate("db", "not a price"))
        elif f.codec == "pack":
            if not parsing.normalize_text(text):
                continue  # unknown
            parsed = parsing.parse_pack_weight_g(text)
            if parsed.ok:
                values[f.attr] = parsed.value
            else:
                row.problem(key, parsed.error or translate("db", "not a weight"))
        elif f.codec.startswith("ref:"):
            target = f.codec.removeprefix("ref:")
            if not parsing.normalize_text(text):
                if key == "operator":
                    row.problem(key, translate("db", "required"))
                continue
            if target not in refs:
                refs[target] = parsing.NameIndex(getattr(store, target).name_entries())
            found = refs[target].match(text)
            if found.ok:
                values[f.attr] = found.value
            else:
                row.problem(key, found.error or translate("db", "unknown name"))
                names = result.unknown.setdefault(key, [])
                if text not in names:
                    names.append(parsing.visible(text))
        elif f.codec == "bool":
            flag = parsing.normalize_text(text).casefold()
            if flag in _TRUE or flag in (BOOL_TEXT[True][0], BOOL_TEXT[True][1]):
                values[f.attr] = True
            elif flag in _FALSE:
                values[f.attr] = False
            else:
                row.problem(key, translate("db", "type 是 (yes) or 否 (no)"))
    if row.failed:
        return None
    try:
        return RECORDS[kind](**values)
    except TypeError:  # a required value (a plot's operator) did not parse
        return None


def import_masters(
    store: Store,
    kind: str,
    path: str | os.PathLike,
    *,
    dry_run: bool = False,
    sheet: str | None = None,
    mapping: Mapping[str, str | None] | None = None,
    today: datetime.date | None = None,
    before_write: Callable[[], None] | None = None,
) -> RecordImport:
    """Check a file of master records and, if it has no problem, add every record in one transaction
    (`before_write` first, as import_records)."""
    result = check_masters(store, kind, path, sheet=sheet, mapping=mapping, today=today)
    if result.problems:
        raise ImportFailed(result.problems, path, result)
    if dry_run:
        return result
    if before_write is not None:
        before_write()
    try:
        result.records = getattr(store, kind).add_many(result.records)
    except ValidationError as exc:
        message = exc.args[0] if exc.args else str(exc)
        raise ImportFailed([ImportProblem(None, "", "", message)], path, result) from exc
    result.written = True
    return result


__all__ = ["MASTER_KINDS", "check_masters", "import_masters"]
