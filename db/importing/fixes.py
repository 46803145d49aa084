"""A file as the import wizard shows it, with the person's fixes: cells corrected in place and rows
dropped, checked again by the ordinary checks (check_shipments, check_records, check_masters), with
every problem still naming the file's own row; the unknown names the person chose to create, created
through the repositories in the same transaction as the records."""

from __future__ import annotations

import csv
import dataclasses
import datetime
import functools
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from db.errors import ValidationError
from db.i18n import translate
from db.importing.kinds import KINDS, check_records, records_import_record
from db.importing.masters import check_masters
from db.importing.preview import preview_columns
from db.importing.problems import ImportFailed, ImportProblem, Progress, _no_progress
from db.importing.reading import FileRow, read_rows
from db.importing.shipment_rows import STALE_FORMULA
from db.importing.shipments import check_shipments, import_record
from db.records import Buyer, Crop, Market, Operator, Plot
from db.repositories import Store

# The names an import may offer to create: field key → the repository and the choices a clerk must
# make for each (never a silent default: an operator's kind decides whether certificates are needed).
# A plot is named with its operator (the choice "operator", from the file).
CREATABLE: dict[str, tuple[str, tuple[str, ...]]] = {
    "operator": ("operators", ("kind", "side")),
    "crop": ("crops", ()),
    "market": ("markets", ("city",)),
    "buyer": ("buyers", ("kind",)),
    "plot": ("plots", ("operator",)),
}
_RECORDS: dict[str, type] = {
    "operator": Operator,
    "crop": Crop,
    "market": Market,
    "buyer": Buyer,
    "plot": Plot,
}
# the choices a name may carry besides its required ones (record attribute names)
_OPTIONAL = {
    "crop": ("name_en",),
    "market": ("district",),
    "buyer": ("market",),
    "operator": ("credit_code",),
}
NewName = str | Mapping[str, str]  # a name, or {"name": …, and the choices}
WRITE_CHUNK = 2000  # records written between two progress reports

Edits = Mapping[tuple[int, int], str]  # (index of the data row, column index) → the corrected text


@dataclass
class SheetTable:
    """The rows of one sheet (or CSV): its title row (None when no row names enough fields) and the
    data rows below it, each with its row number as the file shows it."""

    path: Path
    sheet: str | None
    header: FileRow | None
    rows: list[FileRow] = field(default_factory=list)

    @property
    def titles(self) -> list[str]:
        return [] if self.header is None else [c.text.strip() for c in self.header.cells]

    @functools.cached_property
    def width(self) -> int:
        """Columns shown: the titles', or more when rows are wider (a sheet's rows may be ragged)."""
        return max([len(self.titles), *(len(r.cells) for r in self.rows)], default=0)

    def text(self, row: int, column: int) -> str:
        cells = self.rows[row].cells
        return cells[column].text if column < len(cells) else ""

    def stale(self, row: int, column: int) -> bool:
        cells = self.rows[row].cells
        return column < len(cells) and cells[column].stale_formula


def load_table(
    path: str | os.PathLike,
    kind: str,
    sheet: str | None = None,
    mapping: Mapping[str, str | None] | None = None,
) -> SheetTable:
    """Read a file whole (bounded as every import is) and find its title row as the checks do."""
    path = Path(path)
    titles = [title for title, _key, _values in preview_columns(path, kind, sheet=sheet, mapping=mapping)]
    rows = [row for row in read_rows(path, sheet) if not row.is_blank()]
    for i, row in enumerate(rows):
        if titles and [c.text.strip() for c in row.cells if c.text.strip()] == titles:
            return SheetTable(path, sheet, row, rows[i + 1 :])
    return SheetTable(path, sheet, None, rows)


def check_file(
    store: Store,
    kind: str,
    path: str | os.PathLike,
    *,
    sheet: str | None = None,
    mapping: Mapping[str, str | None] | None = None,
    progress: Progress | None = None,
    today: datetime.date | None = None,
):
    """The ordinary check of a file of any kind (ShipmentImport or RecordImport)."""
    if kind == "shipments":
        return check_shipments(store, path, sheet=sheet, mapping=mapping, progress=progress, today=today)
    check = check_records if kind in KINDS else check_masters
    return check(store, kind, path, sheet=sheet, mapping=mapping, progress=progress, today=today)


def check_fixed(
    store: Store,
    kind: str,
    table: SheetTable,
    *,
    edits: Edits | None = None,
    dropped: Sequence[int] = (),
    mapping: Mapping[str, str | None] | None = None,
    progress: Progress | None = None,
    today: datetime.date | None = None,
):
    """Check the file with the person's fixes. Without any, the file itself is checked; with some,
    the fixed rows are written to a temporary CSV (the title row, then every row kept) and that is
    checked, each problem then moved back to the row the file shows. A workbook's formula whose
    saved value cannot be trusted stays a problem until its cell is corrected."""
    edits = dict(edits or {})
    if not edits and not dropped:
        return check_file(
            store, kind, table.path, sheet=table.sheet, mapping=mapping, progress=progress, today=today
        )
    if table.header is None:
        # nothing to fix without a title row: the file's own problems (its titles) stand
        return check_file(
            store, kind, table.path, sheet=table.sheet, mapping=mapping, progress=progress, today=today
        )
    skip = set(dropped)
    width = max(table.width, *(c + 1 for _r, c in edits), 0)
    lines = {1: table.header.number}  # line of the temporary CSV → row of the file
    stale: list[tuple[int, int]] = []  # (file row, column) of untrusted formulas left as they are
    with tempfile.TemporaryDirectory(prefix="fujiang-import-") as folder:
        temporary = Path(folder) / f"{table.path.stem}.csv"
        with open(temporary, "w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\r\n")
            writer.writerow(table.titles)
            line = 2
            for i, row in enumerate(table.rows):
                if i in skip:
                    continue
                cells = []
                for c in range(width):
                    if (i, c) in edits:
                        cells.append(edits[(i, c)])
                    elif table.stale(i, c):
                        stale.append((row.number, c))
                        cells.append("")
                    else:
                        cells.append(table.text(i, c))
                writer.writerow(cells)
                lines[line] = row.number
                line += 1 + sum(text.count("\n") + text.count("\r") - text.count("\r\n") for text in cells)
        result = check_file(store, kind, temporary, mapping=mapping, progress=progress, today=today)
    _moved_back(result, lines, str(table.path), table.sheet)
    if stale:
        titles = table.titles
        where = {(row, titles[c] if c < len(titles) else "") for row, c in stale}
        kept = [p for p in result.problems if (p.row, p.column) not in where]
        found = [
            ImportProblem(row, titles[c] if c < len(titles) else "", "", STALE_FORMULA) for row, c in stale
        ]
        result.problems = sorted(kept + found, key=lambda p: p.row or 0)
        _clear_records(result)
    return result


def _moved_back(result, lines: dict[int, int], path: str, sheet: str | None) -> None:
    def move(problem):
        if problem.row is None or problem.row not in lines:
            return problem
        return dataclasses.replace(problem, row=lines[problem.row])

    result.path = path
    result.problems = [move(p) for p in result.problems]
    if hasattr(result, "warnings"):
        result.warnings = [move(w) for w in result.warnings]
    if hasattr(result, "duplicates"):
        result.duplicates = [(lines.get(r, r), lines.get(f, f), t) for r, f, t in result.duplicates]
    result.examples = [lines.get(r, r) for r in result.examples]
    if hasattr(result, "sheet"):
        result.sheet = sheet or ""


def _clear_records(result) -> None:
    if hasattr(result, "shipments"):
        result.shipments = []
    if hasattr(result, "records"):
        result.records = []


def unknown_names(result) -> dict[str, list]:
    """The unknown operators, crops, buyers and markets of a checked file, by field key, and the
    plots its operators do not have as (operator name, plot name)."""
    found: dict[str, list] = {
        key: list(names)
        for key, names in result.unknown.items()
        if key in CREATABLE and key != "plot" and names
    }
    plots = list(getattr(result, "new_plots", []))
    if plots:
        found["plot"] = plots
    return found


def missing_choices(key: str, entry: NewName) -> list[str]:
    """The required choices a name to create still lacks."""
    values = {"name": entry} if isinstance(entry, str) else entry
    return [choice for choice in CREATABLE[key][1] if not str(values.get(choice) or "").strip()]


def _record(store: Store, key: str, entry: NewName, strict: bool):
    values = dict({"name": entry} if isinstance(entry, str) else entry)
    missing = missing_choices(key, values)
    if missing and strict:
        texts = {
            "kind": translate("db", "kind"),
            "side": translate("db", "side"),
            "city": translate("db", "city"),
            "operator": translate("db", "operator"),
        }
        message = translate("db", "{name}: choose its {choices} before it is created")
        choices = "、".join(texts[m] for m in missing)
        raise ValidationError(message.format(name=values.get("name", ""), choices=choices))
    allowed = {"name", *CREATABLE[key][1], *_OPTIONAL.get(key, ())}
    values = {k: str(v).strip() for k, v in values.items() if k in allowed and str(v or "").strip()}
    if key == "plot":
        operator = _by_name(store.operators.list(include_archived=True), values.pop("operator", ""))
        if operator is None:
            raise ValidationError(translate("db", "unknown name") + f": {values.get('name', '')}")
        values["operator_id"] = operator.id
    if key == "buyer" and "market" in values:
        market = _by_name(store.markets.list(include_archived=True), values.pop("market"))
        values["default_market_id"] = market.id if market is not None else None
    return _RECORDS[key](**values)  # a missing choice (only while checking): the record's default


def _by_name(records, name: str):
    return next((r for r in records if r.name == name), None)


def create_names(
    store: Store, names: Mapping[str, Sequence[NewName]], strict: bool = True
) -> dict[str, list]:
    """Add a record for each name (one transaction, audited); returns them by repository name. Every
    required choice must be made (ValidationError), except when `strict` is False (a check only)."""
    created: dict[str, list] = {}
    with store.write():
        for key in CREATABLE:  # operators before their plots, markets before their buyers
            wanted = names.get(key)
            if not wanted:
                continue
            table = CREATABLE[key][0]
            records = [_record(store, key, entry, strict) for entry in wanted]
            created.setdefault(table, []).extend(getattr(store, table).add_many(records))
    return created


class _Rollback(Exception):
    pass


def check_with_names(
    store: Store, kind: str, table: SheetTable, create: Mapping[str, Sequence[str]], **options
):
    """check_fixed as if the names were created: they are, inside a transaction rolled back after."""
    if not any(create.values()):
        return check_fixed(store, kind, table, **options)
    outcome = []
    try:
        with store.write():
            create_names(store, create, strict=False)
            outcome.append(check_fixed(store, kind, table, **options))
            raise _Rollback
    except _Rollback:
        pass
    return outcome[0]


def write_import(
    store: Store,
    kind: str,
    table: SheetTable,
    result,
    *,
    create: Mapping[str, Sequence[NewName]] | None = None,
    progress: Progress | None = None,
    **options,
) -> tuple[dict[str, list], list]:
    """Create the chosen names and add the checked records in one transaction (all or nothing).

    With names to create, the file is checked again inside the transaction, so the records refer to
    the new names; any problem then writes nothing (ImportFailed). Returns (created names by
    repository, the stored records)."""
    report = progress or _no_progress
    with store.write():
        created = create_names(store, create or {})
        if created:
            result = check_fixed(store, kind, table, **options)
            if result.problems:
                raise ImportFailed(result.problems, table.path, result)
        records = list(result.shipments if kind == "shipments" else result.records)
        repo = getattr(store, kind)
        saved: list = []
        n = len(records)
        report(0, n)
        for start in range(0, n, WRITE_CHUNK):
            saved += repo.add_many(records[start : start + WRITE_CHUNK])
            report(min(start + WRITE_CHUNK, n), n)
        if kind == "shipments" and (result.warnings or result.duplicates):
            record = import_record(result, table.path)
            record["shipments"] = len(saved)
            store.audit("insert", "imports", 0, None, record)
        elif kind != "shipments" and getattr(result, "warnings", None):
            record = records_import_record(result, table.path)
            record["records"] = len(saved)
            store.audit("insert", "imports", 0, None, record)
    return created, saved
