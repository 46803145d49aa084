"""Harvest and payment files (the layouts of `db.documents.layouts`, or a clerk's own titles) → checked
records → one all-or-nothing write. Names must be known: unknown operators, plots, crops and buyers
are problems (and listed together in `unknown`), never created."""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from db import parsing, units
from db.documents.exporting import unneutralise
from db.documents.layouts import HARVEST_FIELDS, PAYMENT_FIELDS
from db.errors import ValidationError
from db.i18n import translate
from db.importing import record_checks
from db.importing.mapping import MAX_CELL_CHARS, Columns, Layout, _expected, _find_header, _map_header
from db.importing.packs import ESTIMATED, PackWeights
from db.importing.problems import (
    MAX_PROBLEMS,
    PROGRESS_EVERY,
    WARNING_KINDS,
    ImportFailed,
    ImportProblem,
    ImportWarning,
    Progress,
    WarningsNotAccepted,
    _no_progress,
    no_rows_message,
    skipped_example,
)
from db.importing.reading import Cell, FileRow, _open_rows
from db.importing.shipment_rows import split_time
from db.records import Harvest, Payment
from db.repositories import FIRST_DATE, LAST_DATE, Store
from db.storage.outputs import check_input, database_path

KINDS = ("harvests", "payments")

LAYOUTS = {
    "harvests": Layout(
        HARVEST_FIELDS,
        {
            "date": ("日期", "采收日期", "时间", "date", "harvestdate"),
            "lot_code": ("批次号", "批次", "批号", "lot", "lotcode", "lotno"),
            "operator": ("经营主体", "主体", "合作社", "生产者", "operator", "producer", "grower"),
            "plot": ("地块", "田块", "地块名", "plot", "field"),
            "crop": ("品种", "品名", "作物", "菜品", "crop", "product", "variety"),
            "grade": ("等级", "级别", "规格", "grade"),
            "weight_kg": ("重量", "净重", "数量", "产量", "weight", "quantity", "net"),
            "notes": ("备注", "说明", "notes", "remark", "remarks"),
        },
        optional=("lot_code", "plot", "grade", "notes"),
    ),
    "payments": Layout(
        PAYMENT_FIELDS,
        {
            "date": ("日期", "收款日期", "付款日期", "时间", "date", "paydate"),
            "buyer": ("客商", "买家", "收购商", "客户", "老板", "付款人", "buyer", "customer", "payer"),
            "amount": ("金额", "收款金额", "付款金额", "款项", "amount", "sum"),
            "method": ("方式", "付款方式", "收款方式", "method", "paymentmethod"),
            "reference": ("凭证号", "单号", "流水号", "交易号", "reference", "ref"),
            "notes": ("备注", "说明", "notes", "remark", "remarks"),
        },
        optional=("method", "reference", "notes"),
    ),
}


@dataclass
class RecordImport:
    """The outcome of reading a harvests or payments file: records ready to write, or the problems."""

    path: str
    kind: str
    rows: int = 0
    records: list = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    # names that matched nothing (or more than one record), by field: for the CLI to list
    unknown: dict[str, list[str]] = field(default_factory=dict)
    new_plots: list[tuple[str, str]] = field(default_factory=list)  # (operator, plot) not stored yet
    written: bool = False
    # plausible only by mistake (weights estimated from packs, duplicates, outliers): accepted by kind
    warnings: list[ImportWarning] = field(default_factory=list)
    # rows of the file that are a template's example row (db.documents.templates.is_example): skipped
    examples: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def warning_kinds(self) -> list[str]:
        """The kinds of warnings found, in the order of WARNING_KINDS."""
        found = {w.kind for w in self.warnings}
        return [kind for kind in WARNING_KINDS if kind in found]


class _Row:
    """The cells of one data row by field, and how to report a problem with one of them."""

    def __init__(self, row: FileRow, columns: Columns, problems: list[ImportProblem]):
        self.row = row
        self.columns = columns
        self.problems = problems
        self.failed = False

    def cell(self, key: str) -> Cell:
        if key not in self.columns:
            return Cell("")
        index = self.columns[key][0]
        return self.row.cells[index] if index < len(self.row.cells) else Cell("")

    def problem(self, key: str, message: str) -> None:
        self.failed = True
        value = parsing.visible(self.cell(key).text.strip())
        self.problems.append(ImportProblem(self.row.number, self.columns[key][1], value, message))

    def text(self, key: str) -> str | None:
        cell = self.cell(key)
        if cell.stale_formula:
            from db.importing.shipment_rows import STALE_FORMULA

            self.problem(key, STALE_FORMULA)
            return None
        value = cell.text.strip()
        if len(value) > MAX_CELL_CHARS:
            self.problem(
                key,
                translate("db", "{n} characters is too long; at most {limit}").format(
                    n=len(value), limit=MAX_CELL_CHARS
                ),
            )
            return None
        return unneutralise(value)


class _Parser:
    def __init__(self, store: Store, columns: Columns, today: datetime.date | None, result: RecordImport):
        self.store = store
        self.columns = columns
        self.today = today
        self.result = result
        self.indexes: dict[str, parsing.NameIndex] = {}
        self.pack_weights: PackWeights | None = None

    def index(self, key: str) -> parsing.NameIndex:
        if key not in self.indexes:
            repo = {"operator": self.store.operators, "crop": self.store.crops, "buyer": self.store.buyers}[
                key
            ]
            self.indexes[key] = parsing.NameIndex(repo.name_entries())
        return self.indexes[key]

    def date(self, row: _Row) -> str | None:
        native = row.cell("date").native
        if isinstance(native, datetime.date):
            day = (native.date() if isinstance(native, datetime.datetime) else native).isoformat()
        else:
            value = row.text("date")
            if value is None:
                return None
            # records of the past: a date without a year is never read as a future one
            result = parsing.parse_date(split_time(value)[0], today=self.today, window_days=0)
            if not result.ok:
                row.problem("date", result.error or translate("db", "not a date"))
                return None
            day = result.value.isoformat()
        if not FIRST_DATE <= day <= LAST_DATE:
            row.problem(
                "date",
                translate("db", "{value} is not between {first} and {last}; check the year").format(
                    value=day, first=FIRST_DATE, last=LAST_DATE
                ),
            )
            return None
        return day

    def name(self, row: _Row, key: str) -> int | None:
        value = row.text(key)
        if value is None:
            return None
        if not parsing.normalize_text(value):
            row.problem(key, translate("db", "required"))
            return None
        result = self.index(key).match(value)
        if result.ok:
            return result.value
        row.problem(key, result.error or translate("db", "unknown name"))
        names = self.result.unknown.setdefault(key, [])
        shown = parsing.visible(parsing.normalize_text(value))
        if shown not in names:
            names.append(shown)
        return None

    def code(self, row: _Row, key: str, codes: dict[str, tuple[str, str]], default: str) -> str | None:
        value = row.text(key)
        if value is None:
            return None
        text = parsing.to_simplified(parsing.normalize_text(value))
        if not text:
            return default
        if text in codes:
            return text
        code = units.code_for_label(codes, text)
        if code is None:
            accepted = ", ".join(f"{zh} ({en})" for zh, en in codes.values())
            row.problem(key, translate("db", "unknown value; use one of {values}").format(values=accepted))
        return code

    def harvest(self, row: _Row) -> Harvest | None:
        day = self.date(row)
        operator_id = self.name(row, "operator")
        crop_id = self.name(row, "crop")
        grade = self.code(row, "grade", units.GRADES, "ungraded")
        weight, packs = None, ""
        if (value := row.text("weight_kg")) is not None:
            unit = self.columns.units.get("weight_kg", "kg")
            result = parsing.parse_weight_g(value, default_unit=unit)
            if result.ok:
                weight = result.value
            elif (count := parsing.parse_pack_count(value)) is not None:
                weight, packs = self.from_packs(row, *count, crop_id)
            else:
                row.problem("weight_kg", result.error or translate("db", "not a weight"))
        plot_id = None
        plot = row.text("plot")
        if plot and operator_id is not None:
            wanted = parsing.to_simplified(parsing.normalize_text(plot))
            found = [
                p.id
                for p in self.store.plots.for_operator(operator_id, include_archived=True)
                if p.name == wanted
            ]
            if found:
                plot_id = found[0]
            else:
                row.problem("plot", translate("db", "this operator has no plot of that name"))
                self.result.unknown.setdefault("plot", []).append(parsing.visible(wanted))
                pair = (self.store.operators.get(operator_id).name, wanted)
                if pair not in self.result.new_plots:
                    self.result.new_plots.append(pair)
        lot = parsing.normalize_text(row.text("lot_code") or "")
        notes = row.text("notes") or ""
        if row.failed:
            return None
        return Harvest(
            harvest_date=day,  # type: ignore[arg-type]
            operator_id=operator_id,  # type: ignore[arg-type]
            crop_id=crop_id,  # type: ignore[arg-type]
            weight_g=weight,  # type: ignore[arg-type]
            lot_code=lot,
            plot_id=plot_id,
            grade=grade,  # type: ignore[arg-type]
            notes=notes,
            packs=packs,
        )

    def from_packs(self, row: _Row, count: int, pack: str, crop_id: int | None) -> tuple[int | None, str]:
        """A count of bags, crates or bundles: (its weight through the crop's pack weight, the count as
        stored) with an 'estimated' warning; a problem and (None, '') when the crop has no such weight."""
        if self.pack_weights is None:
            self.pack_weights = PackWeights(self.store.crops.list(include_archived=True))
        estimate = self.pack_weights.estimate(count, pack, crop_id)
        if estimate.grams is None:
            row.problem("weight_kg", estimate.message)
            return None, ""
        shown = parsing.visible(row.cell("weight_kg").text.strip())
        title = self.columns["weight_kg"][1]
        self.result.warnings.append(ImportWarning(row.row.number, title, shown, estimate.message, ESTIMATED))
        return estimate.grams, estimate.packs

    def payment(self, row: _Row) -> Payment | None:
        day = self.date(row)
        buyer_id = self.name(row, "buyer")
        method = self.code(row, "method", units.PAYMENT_METHODS, "transfer")
        amount = None
        if (value := row.text("amount")) is not None:
            text = parsing.normalize_text(value).replace(",", "").replace(" ", "")
            text = text.removeprefix("¥").removeprefix("￥").removesuffix("元")
            try:
                given = Decimal(text)
            except InvalidOperation:
                given = Decimal("NaN")
            if (
                given.is_finite()
                and given > 0
                and (given * units.FEN_PER_YUAN) == int(given * units.FEN_PER_YUAN)
            ):
                amount = int(given * units.FEN_PER_YUAN)
            elif given.is_finite() and given <= 0:
                row.problem("amount", translate("db", "the amount must be more than 0 元"))
            else:
                row.problem("amount", translate("db", "not an amount in 元; type it like 1234.50"))
        reference = row.text("reference") or ""
        notes = row.text("notes") or ""
        if row.failed:
            return None
        return Payment(
            buyer_id=buyer_id,  # type: ignore[arg-type]
            pay_date=day,  # type: ignore[arg-type]
            amount_fen=amount,  # type: ignore[arg-type]
            method=method,  # type: ignore[arg-type]
            reference=parsing.normalize_text(reference),
            notes=notes,
        )


def check_records(
    store: Store,
    kind: str,
    path: str | os.PathLike,
    *,
    today: datetime.date | None = None,
    progress: Progress | None = None,
    sheet: str | None = None,
    mapping: Mapping[str, str | None] | None = None,
) -> RecordImport:
    """Read and check a harvests or payments file without writing anything (see check_shipments)."""
    check_input(path, database_path(store.db))
    today = today or datetime.date.today()
    report = progress or _no_progress
    report(0, 0)
    layout = LAYOUTS[kind]
    result = RecordImport(str(path), kind)
    record_rows: list[int] = []  # the file row of each record
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
        parser = _Parser(store, columns, today, result)
        parse: Callable[[_Row], object] = parser.harvest if kind == "harvests" else parser.payment
        for n, row in enumerate(rows):
            if n % PROGRESS_EVERY == 0:
                report(min(reader.position(), reader.size), reader.size)
            if row.is_blank() or skipped_example(row, result.examples):
                continue
            result.rows += 1
            record = parse(_Row(row, columns, result.problems))
            if record is not None and not result.problems:
                result.records.append(record)
                record_rows.append(row.number)
            if len(result.problems) >= MAX_PROBLEMS:
                break
        report(reader.size, reader.size)
    finally:
        reader.rows.close()
    if result.rows == 0 and not result.problems:
        result.problems.append(ImportProblem(None, "", "", no_rows_message(result.examples)))
    if kind == "harvests" and not result.problems:
        _check_lot_codes(store, result, columns)
    if not result.problems:
        check = record_checks.check_harvests if kind == "harvests" else record_checks.check_payments
        check(store, result, record_rows, columns, today)
    if result.problems:
        result.records = []
        result.warnings = []
    return result


def _check_lot_codes(store: Store, result: RecordImport, columns: Columns) -> None:
    """A lot code given in the file must be new: not twice in the file, not already stored."""
    if "lot_code" not in columns:
        return
    title = columns["lot_code"][1]
    seen: set[str] = set()
    for record in result.records:
        code = record.lot_code
        if not code:
            continue
        stored = store.db.execute("SELECT 1 FROM harvests WHERE lot_code = ?", [code]).fetchone()
        if code in seen or stored:
            result.problems.append(
                ImportProblem(
                    None,
                    title,
                    code,
                    translate(
                        "db",
                        "this lot code is already in the database or twice in the file; lot codes are unique",
                    ),
                )
            )
        seen.add(code)


def import_records(
    store: Store,
    kind: str,
    path: str | os.PathLike,
    *,
    dry_run: bool = False,
    today: datetime.date | None = None,
    sheet: str | None = None,
    mapping: Mapping[str, str | None] | None = None,
    accept_warnings: bool | Collection[str] = False,
    before_write: Callable[[], None] | None = None,
) -> RecordImport:
    """Check a harvests or payments file and, if it has no problem, write every record in one transaction.
    `before_write` runs once the file passed (the CLI's backup before an import), not for a refusal.

    Warnings (a harvest's weight estimated from a count of packs, a row equal to a stored record or to
    another row, an implausible weight or amount, a date after `today`) stop the write unless their kind is
    in `accept_warnings` (True accepts every kind); the acceptance is kept in the audit log with the
    records, in the same transaction."""
    from db.importing.shipments import unaccepted_warnings

    result = check_records(store, kind, path, today=today, sheet=sheet, mapping=mapping)
    if result.problems:
        raise ImportFailed(result.problems, path, result)
    if dry_run:
        return result
    unaccepted = unaccepted_warnings(result.warnings, accept_warnings)
    if unaccepted:
        raise WarningsNotAccepted(unaccepted, path, result)
    if before_write is not None:
        before_write()
    repo = store.harvests if kind == "harvests" else store.payments
    try:
        with store.write():  # the records and the acceptance of their warnings: one transaction
            result.records = repo.add_many(result.records)
            if result.warnings:
                store.audit("insert", "imports", 0, None, records_import_record(result, path))
    except ValidationError as exc:
        message = exc.args[0] if exc.args else str(exc)
        raise ImportFailed([ImportProblem(None, "", "", message)], path, result) from exc
    result.written = True
    return result


def records_import_record(result: RecordImport, path: str | os.PathLike) -> dict:
    """The audit row of an import whose warnings were accepted: the file, what it held, each warning."""
    return {
        "kind": result.kind,
        "file": Path(path).name,
        "records": len(result.records),
        "accepted_warnings": [
            {"kind": w.kind, "row": w.row, "value": w.value, "message": str(w.message)}
            for w in result.warnings
        ],
    }
