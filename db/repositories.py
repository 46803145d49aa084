"""The one write path: every insert, update, archive and delete, each in one transaction with its audit row."""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, ClassVar, Generic, TypeVar

from sqlite_utils import Database

from db import audit, changes, deductions, parsing, units
from db.connection import (
    WRITE_PATIENCE_S,
    WaitReporter,
    begin_write,
    data_version,
    is_read_only,
    read_only_error,
)
from db.errors import (
    DuplicateError,
    NotFoundError,
    ReferencedError,
    StaleRecordError,
    ValidationError,
)
from db.i18n import Text, join, translate
from db.records import (
    AuditEntry,
    Buyer,
    Certificate,
    Crop,
    Harvest,
    Market,
    Operator,
    Payment,
    Plot,
    Record,
    Shipment,
    ShipmentLine,
)

R = TypeVar("R", bound=Record)

# Heaviest plausible single truck (DOMAIN.md: above 40 t is almost surely a typing error).
MAX_TRUCK_NET_G = 40 * units.G_PER_TONNE
# Bounds beyond which a value is a typing error (or hostile input), checked before SQLite sees it:
# they keep every product the database computes (net × price for a line amount) inside 64 bits.
MAX_GROSS_G = 100 * units.G_PER_TONNE  # truck and load together
MAX_LOT_G = 1000 * units.G_PER_TONNE  # one harvest lot or certificate
MAX_PRICE = parsing.MAX_PRICE  # 1000 元/公斤
MAX_PAYMENT_FEN = 1_000_000_000 * units.FEN_PER_YUAN  # 10亿元
# Dates the program accepts, as db.parsing reads them (the schema's CHECK allows 1000–2999).
FIRST_DATE, LAST_DATE = f"{parsing.MIN_YEAR}-01-01", f"{parsing.MAX_YEAR}-12-31"
# Longest text of a one-line field (a name, ticket, plate, code, phone or place).
MAX_LINE_CHARS = 200


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _date_problem(value: str) -> Text | None:
    try:
        date.fromisoformat(value)
        ok = len(value) == 10
    except (TypeError, ValueError):
        ok = False
    if not ok:
        return translate("db", "'{value}' is not a date (YYYY-MM-DD)").format(
            value=parsing.visible(str(value))
        )
    if not FIRST_DATE <= value <= LAST_DATE:
        return translate("db", "{value} is not between {first} and {last}; check the year").format(
            value=value, first=FIRST_DATE, last=LAST_DATE
        )
    return None


def _field_message(field: str, message: str) -> Text:
    return translate("db", "{field}: {message}").format(field=field, message=message)


def _check_date(field: str, value: str) -> None:
    problem = _date_problem(value)
    if problem is not None:
        raise ValidationError(_field_message(field, problem), [(field, "date")])


def _text_problem(value: str) -> Text | None:
    """Why a one-line text cannot be stored: an invisible character, or too long; None if fine."""
    if len(value) > MAX_LINE_CHARS:
        return translate("db", "{n} characters is too long; at most {limit}").format(
            n=len(value), limit=MAX_LINE_CHARS
        )
    if value.isprintable():
        return None
    for ch in value:
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            return translate(
                "db",
                "'{value}' holds the invisible character U+{code}; type it again with visible "
                "characters only",
            ).format(value=parsing.visible(value), code=f"{ord(ch):04X}")
    return None


@dataclass(frozen=True)
class Reference:
    """A table whose column refers to another record; label is what a person calls those rows.

    The label is a db.i18n.Text: it reads (and compares) as its English text, e.g. 'shipment lines'.
    """

    table: str
    column: str
    label: str


class Repository(Generic[R]):
    """Writes and look-ups of one record type."""

    record: ClassVar[type[Record]]
    references: ClassVar[tuple[Reference, ...]] = ()
    bulk: ClassVar[bool] = False
    order_by: ClassVar[str] = "id"
    label: ClassVar[str] = translate("db", "record")  # what a person calls one (a db.i18n.Text)
    # One-line text fields (str, or a tuple of them such as aliases): no control or format
    # characters (NUL, U+202E …), at most MAX_LINE_CHARS. Notes may span lines and are not listed.
    text_fields: ClassVar[tuple[str, ...]] = ()
    # Fields that must not be blank, and fields holding a code of a db.units table; checked here so
    # a person reads what is wrong and what is accepted, not the schema's CHECK.
    required_fields: ClassVar[tuple[str, ...]] = ()
    code_fields: ClassVar[dict[str, dict[str, tuple[str, str]]]] = {}
    # Integer fields that cannot be negative (areas, prices of a range).
    non_negative_fields: ClassVar[tuple[str, ...]] = ()

    def __init__(self, store: Store):
        self.store = store

    @property
    def db(self) -> Database:
        return self.store.db

    @property
    def table(self) -> str:
        return self.record.TABLE

    # ---- reads
    def get(self, record_id: int) -> R:
        row = self._row(record_id)
        if row is None:
            raise NotFoundError(
                translate("db", "{label} {id} does not exist").format(label=self.label, id=record_id)
            )
        return self._load(row)

    def find(self, record_id: int) -> R | None:
        row = self._row(record_id)
        return None if row is None else self._load(row)

    def list(self, *, include_archived: bool = True, where: str = "", params: Sequence = ()) -> list[R]:
        """Records, optionally filtered. `where` is SQL written in code (a literal, never text a person
        typed); every value goes in `params`."""
        clauses = [where] if where else []
        if not include_archived and "archived" in self.record.columns():
            clauses.append("archived = 0")
        sql = f"SELECT * FROM {self.table}"
        if clauses:
            sql += " WHERE " + " AND ".join(f"({c})" for c in clauses)
        sql += f" ORDER BY {self.order_by}"
        return [self._load(row) for row in self._rows(sql, params)]

    def get_many(self, ids: Sequence[int]) -> list[R]:
        """Records for ids, in the order of ids (missing ids are skipped)."""
        found: dict[int, R] = {}
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            for row in self._rows(f"SELECT * FROM {self.table} WHERE id IN ({marks})", chunk):
                found[row["id"]] = self._load(row)
        return [found[i] for i in ids if i in found]

    def count(self) -> int:
        return self.db.execute(f"SELECT count(*) FROM {self.table}").fetchone()[0]

    def _row(self, record_id: int) -> dict | None:
        rows = self._rows(f"SELECT * FROM {self.table} WHERE id = ?", [record_id])
        return rows[0] if rows else None

    def _rows(self, sql: str, params: Sequence = ()) -> list[dict]:
        cursor = self.db.execute(sql, list(params))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def _load(self, row: dict) -> R:
        return self.record.from_row(row)  # type: ignore[return-value]

    # ---- writes
    def add(self, record: R) -> R:
        with self.store.write():
            return self._insert(record)

    def add_many(self, records: Iterable[R]) -> list[R]:
        """Insert all or none, in one transaction; returns the stored records with their ids."""
        records = list(records)
        with self.store.write():
            if not self.bulk:
                return [self._insert(r) for r in records]
            return self._bulk_insert(records)

    def _bulk_insert(self, records: list[R]) -> list[R]:
        # Big tables (harvests, shipments): executemany with ids assigned here, and the audit
        # rows built from the prepared records instead of reading each row back.
        prepared = [self._prepare(r) for r in records]
        for record in prepared:
            self._check(record)
        next_id = self._next_id(prepared)
        stored = []
        for record in prepared:
            if record.id is None:
                record = record.replace(id=next_id)
                next_id += 1
            stored.append(record)
        cols = self.record.columns()
        sql = f"INSERT INTO {self.table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
        try:
            # Generators, not lists: a million-line import holds its rows once, not three times.
            self.db.conn.executemany(sql, (list(r.to_row().values()) for r in stored))
        except sqlite3.IntegrityError as exc:
            raise _integrity_error(exc, self.label) from exc
        stored = self._bulk_children(stored)
        self.store.audit_many("insert", self.table, ((r.id, None, self._snapshot(r)) for r in stored))
        return stored

    def _next_id(self, records: Sequence[Record], table: str | None = None) -> int:
        current = self.db.execute(f"SELECT coalesce(max(id), 0) FROM {table or self.table}").fetchone()[0]
        given = [r.id for r in records if r.id is not None]
        return max([current, *given]) + 1

    def _bulk_children(self, records: list[R]) -> list[R]:
        return records

    def update(self, record: R, *, expected: R | None = None) -> R:
        """Write a new version of a record. `expected` is the record as the person saw it when they
        began the edit: if the stored record differs (another window or program changed it since),
        nothing is written and StaleRecordError says what changed."""
        if record.id is None:
            raise ValidationError(
                translate("db", "cannot update a {label} that was never saved").format(label=self.label)
            )
        with self.store.write():
            before = self.get(record.id)
            if expected is not None:
                self._check_unchanged(expected, before)
            record = self._prepare(record)
            self._check(record)
            self._clear_for_update(record)
            row = record.to_row()
            row.pop("id")
            sets = ", ".join(f"{k} = ?" for k in row)
            self._execute(f"UPDATE {self.table} SET {sets} WHERE id = ?", [*row.values(), record.id])
            self._save_children(record, replacing=True)
            after = self.get(record.id)
            self.store.audit("update", self.table, record.id, self._snapshot(before), self._snapshot(after))
            return after

    def _check_unchanged(self, opened: R, current: R) -> None:
        found = changes.differences(self._snapshot(opened), self._snapshot(current))
        if not found:
            return
        last = self.db.execute(
            "SELECT user, at FROM audit_log WHERE table_name = ? AND row_id = ? ORDER BY id DESC LIMIT 1",
            [self.table, current.id],
        ).fetchone()
        values = {
            "label": self.label,
            "name": self._name(current),
            "changes": changes.describe(found, self.store.name_of, self.code_fields, self.store.language),
        }
        if last is None:
            message = translate("db", "The {label} '{name}' was changed after you opened it: {changes}.")
        else:
            message = translate(
                "db",
                "The {label} '{name}' was changed by {user} at {time} after you opened it: {changes}.",
            )
            at = datetime.fromisoformat(last[1]).astimezone()  # the clerk's own clock
            values.update(user=last[0], time=at.strftime("%Y-%m-%d %H:%M"))
        message = message.format(**values)
        advice = translate(
            "db",
            "Your changes were not saved; open it again to see what it holds now, then make your "
            "change there.",
        )
        raise StaleRecordError(
            translate("db", "{message} {advice}").format(message=message, advice=advice), found
        )

    def delete(self, record_id: int) -> R:
        """Delete and return the record (so an undo can restore it exactly)."""
        with self.store.write():
            before = self.get(record_id)
            refs = self.referenced_by(record_id)
            if refs:
                listing = join(
                    [translate("db", "{n} {things}").format(n=n, things=label) for label, n in refs.items()],
                    translate("db", "{first}, {rest}"),
                )
                raise ReferencedError(
                    translate("db", "{label} '{name}' is still used by {listing}; archive it instead").format(
                        label=self.label, name=self._name(before), listing=listing
                    ),
                    refs,
                )
            self._delete_children(before)
            self._execute(f"DELETE FROM {self.table} WHERE id = ?", [record_id])
            self.store.audit("delete", self.table, record_id, self._snapshot(before), None)
            return before

    def restore(self, record: R) -> R:
        """Re-insert a deleted record with its old id (undo of delete)."""
        if record.id is None:
            raise ValidationError(translate("db", "only a record that was saved can be restored"))
        with self.store.write():
            return self._insert(record, action="restore")

    def archive(self, record_id: int, archived: bool = True) -> R:
        if "archived" not in self.record.columns():
            raise ValidationError(translate("db", "a {label} cannot be archived").format(label=self.label))
        with self.store.write():
            before = self.get(record_id)
            self._execute(f"UPDATE {self.table} SET archived = ? WHERE id = ?", [int(archived), record_id])
            after = self.get(record_id)
            self.store.audit("archive", self.table, record_id, self._snapshot(before), self._snapshot(after))
            return after

    def referenced_by(self, record_id: int) -> dict[str, int]:
        """How many rows of each referring kind point at this record."""
        found = {}
        for ref in self.references:
            n = self.db.execute(
                f"SELECT count(*) FROM {ref.table} WHERE {ref.column} = ?", [record_id]
            ).fetchone()[0]
            if n:
                found[ref.label] = n
        return found

    def _check(self, record: R) -> None:
        """Every rule a record must meet before it is written: its texts, required fields and codes,
        then the subclass's rules. Each problem is (field, a db.i18n.Text saying what is wrong and
        what is accepted), so a form can show it beside the field."""
        problems: list[tuple[str, Text]] = []
        for field in self.text_fields:
            value = getattr(record, field)
            for text in value if isinstance(value, tuple) else (value,):
                problem = _text_problem(text) if isinstance(text, str) else None
                if problem is not None:
                    problems.append((field, problem))
                    break
        for field in self.required_fields:
            if not getattr(record, field).strip():
                problems.append((field, translate("db", "required; it cannot be blank")))
        for field, codes in self.code_fields.items():
            value = getattr(record, field)
            if value not in codes:
                problems.append(
                    (
                        field,
                        translate("db", "unknown code '{value}'; use one of {codes}").format(
                            value=parsing.visible(str(value)), codes=", ".join(codes)
                        ),
                    )
                )
        for field in self.non_negative_fields:
            if getattr(record, field) < 0:
                problems.append((field, translate("db", "cannot be negative")))
        if problems:
            message = join([_field_message(f, m) for f, m in problems], translate("db", "{first}; {rest}"))
            raise ValidationError(message, problems)
        self._validate(record)

    # ---- hooks for subclasses
    def _prepare(self, record: R) -> R:
        return record

    def _validate(self, record: R) -> None:
        pass

    def _clear_for_update(self, record: R) -> None:
        pass

    def _save_children(self, record: R, replacing: bool) -> None:
        pass

    def _delete_children(self, record: R) -> None:
        pass

    def display_name(self, record: R) -> str:
        """How a person names the record: its name, lot code or weighing ticket."""
        return self._name(record)

    def _name(self, record: R) -> str:
        return str(getattr(record, "name", record.id))

    def _snapshot(self, record: R) -> dict:
        data = record.to_row()
        for extra in record.EXTRA:
            value = getattr(record, extra)
            data[extra] = [v.to_row() if isinstance(v, Record) else v for v in value]
        return data

    def _insert(self, record: R, action: str = "insert") -> R:
        record = self._prepare(record)
        self._check(record)
        row = record.to_row()
        if row.get("id") is None:
            row.pop("id", None)
        cols = ", ".join(row)
        marks = ", ".join("?" * len(row))
        cursor = self._execute(f"INSERT INTO {self.table} ({cols}) VALUES ({marks})", list(row.values()))
        record = record.replace(id=cursor.lastrowid)
        self._save_children(record, replacing=False)
        stored = self.get(record.id)
        self.store.audit(action, self.table, stored.id, None, self._snapshot(stored))
        return stored

    def _execute(self, sql: str, params: Sequence = ()) -> sqlite3.Cursor:
        try:
            return self.db.execute(sql, list(params))
        except sqlite3.IntegrityError as exc:
            raise _integrity_error(exc, self.label) from exc


# What a person calls the columns a UNIQUE constraint guards (SQLite's message names the column).
_UNIQUE_FIELD_LABELS = {
    "ticket_no": translate("db", "weighing ticket number"),
    "lot_code": translate("db", "lot code"),
    "cert_no": translate("db", "certificate number"),
    "name": translate("db", "name"),
    "plate": translate("db", "plate"),
    "alias": translate("db", "alias"),
}


# What the schema's triggers say (RAISE(ABORT, …)), as a person should read it.
_TRIGGER_MESSAGES = {
    "plot does not belong to the operator": translate(
        "db", "the plot belongs to another operator; choose one of this operator's plots"
    ),
    "certificates are voided, never deleted": translate(
        "db", "a certificate is never deleted; void it instead"
    ),
}


def _integrity_error(exc: sqlite3.IntegrityError, label: str) -> ValidationError:
    # The problems' second items here are codes ("duplicate", "reference") or SQLite's own words;
    # the message (args[0]) is the translatable text.
    text = str(exc)
    match = re.search(r"UNIQUE constraint failed: ([\w.]+(?:, [\w.]+)*)", text)
    if match:
        # "plots.operator_id, plots.name": the last column is the one a person chose (a plot's
        # name is unique within its operator).
        field = match.group(1).split(", ")[-1].split(".")[-1]
        shown = _UNIQUE_FIELD_LABELS.get(field)
        if shown is None:
            message = translate("db", "a value that must be unique is already used by another {label}")
            message = message.format(label=label)
        else:
            message = translate("db", "this {field} is already used by another {label}").format(
                field=shown, label=label
            )
        return DuplicateError(message, [(field, "duplicate")])
    if "FOREIGN KEY" in text:
        return ValidationError(
            translate("db", "{label} refers to a record that does not exist").format(label=label),
            [("", "reference")],
        )
    known = _TRIGGER_MESSAGES.get(text)
    if known is not None:
        return ValidationError(known, [("", known)])
    if "CHECK constraint failed" in text:
        detail = text.split("CHECK constraint failed:", 1)[-1].strip()
        return ValidationError(
            translate("db", "{label} breaks a rule: {detail}").format(label=label, detail=detail),
            [("", detail)],
        )
    return ValidationError(
        translate("db", "{label} could not be saved: {reason}").format(label=label, reason=text), [("", text)]
    )


class _AliasMixin:
    """Master records with a child table of aliases (or plates) that name them."""

    alias_table: ClassVar[str]
    alias_column: ClassVar[str] = "alias"
    alias_field: ClassVar[str] = "aliases"
    owner_column: ClassVar[str]

    def _load(self, row: dict):
        record = self.record.from_row(row)
        aliases = tuple(
            r[0]
            for r in self.db.execute(
                f"SELECT {self.alias_column} FROM {self.alias_table} WHERE {self.owner_column} = ? "
                f"ORDER BY rowid",
                [row["id"]],
            )
        )
        return record.replace(**{self.alias_field: aliases})

    def _save_children(self, record, replacing: bool) -> None:
        if replacing:
            self._execute(f"DELETE FROM {self.alias_table} WHERE {self.owner_column} = ?", [record.id])
        for alias in dict.fromkeys(getattr(record, self.alias_field)):
            if alias and alias != getattr(record, "name", None):
                self._execute(
                    f"INSERT INTO {self.alias_table} ({self.alias_column}, {self.owner_column}) VALUES (?, ?)",
                    [alias, record.id],
                )

    def _delete_children(self, record) -> None:
        self._execute(f"DELETE FROM {self.alias_table} WHERE {self.owner_column} = ?", [record.id])

    def name_entries(self) -> list[tuple[int, str, tuple[str, ...]]]:
        """(id, canonical name, aliases) of every record, for matching typed names."""
        aliases: dict[int, list[str]] = {}
        for alias, owner in self.db.execute(
            f"SELECT {self.alias_column}, {self.owner_column} FROM {self.alias_table}"
        ):
            aliases.setdefault(owner, []).append(alias)
        return [
            (rid, name, tuple(aliases.get(rid, ())))
            for rid, name in self.db.execute(f"SELECT id, name FROM {self.table} ORDER BY id")
        ]


class OperatorRepository(_AliasMixin, Repository[Operator]):
    record = Operator
    label = translate("db", "operator")
    text_fields = ("name", "short_name", "town", "credit_code", "contact", "phone", "aliases")
    required_fields = ("name",)
    code_fields = {"kind": units.OPERATOR_KINDS, "side": units.SIDES}
    non_negative_fields = ("area_mu_x100",)
    alias_table = "operator_aliases"
    owner_column = "operator_id"
    order_by = "name"
    references = (
        Reference("plots", "operator_id", translate("db", "plots")),
        Reference("harvests", "operator_id", translate("db", "harvests")),
        Reference("shipment_lines", "operator_id", translate("db", "shipment lines")),
        Reference("certificates", "operator_id", translate("db", "certificates")),
    )

    def _prepare(self, record: Operator) -> Operator:
        return record.replace(name=record.name.strip(), credit_code=record.credit_code.strip().upper())


class PlotRepository(Repository[Plot]):
    record = Plot
    label = translate("db", "plot")
    text_fields = ("name", "village")
    required_fields = ("name",)
    non_negative_fields = ("area_mu_x100",)
    order_by = "operator_id, name"
    references = (Reference("harvests", "plot_id", translate("db", "harvests")),)

    def for_operator(self, operator_id: int, include_archived: bool = False) -> list[Plot]:
        return self.list(include_archived=include_archived, where="operator_id = ?", params=[operator_id])


class CropRepository(_AliasMixin, Repository[Crop]):
    record = Crop
    label = translate("db", "crop")
    text_fields = ("name", "name_en", "aliases")
    required_fields = ("name",)
    non_negative_fields = ("price_low", "price_high")
    alias_table = "crop_aliases"
    owner_column = "crop_id"
    order_by = "id"
    references = (
        Reference("harvests", "crop_id", translate("db", "harvests")),
        Reference("shipment_lines", "crop_id", translate("db", "shipment lines")),
        Reference("certificates", "crop_id", translate("db", "certificates")),
    )

    def _validate(self, record: Crop) -> None:
        if record.price_high < record.price_low:
            message = translate("db", "the typical price range runs backwards; give the low price first")
            raise ValidationError(message, [("price_high", message)])


class MarketRepository(_AliasMixin, Repository[Market]):
    record = Market
    label = translate("db", "market")
    text_fields = ("name", "district", "city", "aliases")
    required_fields = ("name",)
    alias_table = "market_aliases"
    owner_column = "market_id"
    order_by = "id"
    references = (
        Reference("shipments", "market_id", translate("db", "shipments")),
        Reference("buyers", "default_market_id", translate("db", "buyers")),
    )


class BuyerRepository(_AliasMixin, Repository[Buyer]):
    record = Buyer
    label = translate("db", "buyer")
    text_fields = ("name", "home_base", "phone", "plates")
    required_fields = ("name",)
    code_fields = {"kind": units.BUYER_KINDS}
    alias_table = "buyer_plates"
    alias_column = "plate"
    alias_field = "plates"
    owner_column = "buyer_id"
    order_by = "id"
    references = (
        Reference("shipments", "buyer_id", translate("db", "shipments")),
        Reference("payments", "buyer_id", translate("db", "payments")),
    )

    def name_entries(self) -> list[tuple[int, str, tuple[str, ...]]]:
        # Plates are not names; buyers are matched by name only.
        return [(rid, name, ()) for rid, name in self.db.execute("SELECT id, name FROM buyers ORDER BY id")]

    def by_plate(self, plate: str) -> Buyer | None:
        row = self.db.execute("SELECT buyer_id FROM buyer_plates WHERE plate = ?", [plate]).fetchone()
        return None if row is None else self.get(row[0])


class HarvestRepository(Repository[Harvest]):
    record = Harvest
    label = translate("db", "harvest")
    text_fields = ("lot_code",)
    code_fields = {"grade": units.GRADES}
    bulk = True
    order_by = "harvest_date, id"
    references = (Reference("shipment_line_lots", "harvest_id", translate("db", "shipment lines")),)

    def _name(self, record: Harvest) -> str:
        return record.lot_code

    def last_grade(self, operator_id: int | None, crop_id: int | None) -> str | None:
        """The grade of the operator's latest lot of the crop, else of the operator's latest lot,
        else of the crop's latest lot; None when there is none (a new form then asks)."""
        for where, params in (
            ("operator_id = ? AND crop_id = ?", [operator_id, crop_id]),
            ("operator_id = ?", [operator_id]),
            ("crop_id = ?", [crop_id]),
        ):
            if any(p is None for p in params):
                continue
            rows = self._rows(
                f"SELECT grade FROM harvests WHERE {where} ORDER BY harvest_date DESC, id DESC LIMIT 1",
                params,
            )
            if rows:
                return rows[0]["grade"]
        return None

    def _prepare(self, record: Harvest) -> Harvest:
        if not record.lot_code:
            record = record.replace(lot_code=self.next_lot_code(record.harvest_date))
        return record

    def _validate(self, record: Harvest) -> None:
        _check_date("harvest_date", record.harvest_date)
        if record.weight_g <= 0:
            raise ValidationError(translate("db", "weight must be positive"), [("weight_g", "positive")])
        if record.weight_g > MAX_LOT_G:
            message = translate("db", "a harvest lot above 1,000 t is almost surely a typing error")
            raise ValidationError(message, [("weight_g", message)])

    def _bulk_insert(self, records: list[Harvest]) -> list[Harvest]:
        # Reserve lot-code numbers a date at a time rather than one counter write per lot.
        wanted: dict[str, int] = {}
        for record in records:
            if not record.lot_code:
                _check_date("harvest_date", record.harvest_date)
                wanted[record.harvest_date] = wanted.get(record.harvest_date, 0) + 1
        first = {day: self.store.reserve_counter(f"lot:{day}", n) for day, n in wanted.items()}
        coded = []
        for record in records:
            if not record.lot_code:
                n = first[record.harvest_date]
                first[record.harvest_date] = n + 1
                record = record.replace(lot_code=self._lot_code(record.harvest_date, n))
            coded.append(record)
        return super()._bulk_insert(coded)

    @staticmethod
    def _lot_code(harvest_date: str, n: int) -> str:
        return f"L{harvest_date.replace('-', '')}-{n:04d}"

    def next_lot_code(self, harvest_date: str) -> str:
        """A new lot code 'L20261127-0001'; the counter never goes back, so codes are never reused."""
        _check_date("harvest_date", harvest_date)
        return self._lot_code(harvest_date, self.store.next_counter(f"lot:{harvest_date}"))

    def by_lot_code(self, lot_code: str) -> Harvest:
        row = self.db.execute("SELECT id FROM harvests WHERE lot_code = ?", [lot_code.strip()]).fetchone()
        if row is None:
            raise NotFoundError(translate("db", "no harvest lot '{code}'").format(code=lot_code))
        return self.get(row[0])


class ShipmentRepository(Repository[Shipment]):
    record = Shipment
    label = translate("db", "shipment")
    text_fields = ("ticket_no", "plate")
    bulk = True
    order_by = "ship_date, id"
    references = (Reference("certificates", "shipment_id", translate("db", "certificates")),)

    def _name(self, record: Shipment) -> str:
        return record.ticket_no

    def delete_voiding_certificates(self, record_id: int, reason: str) -> tuple[Shipment, list[Certificate]]:
        """Delete a shipment that has certificates, in one transaction: each certificate is voided
        (if still valid) with `reason`, and kept in the register without its truck (a certificate
        is never deleted). Returns the shipment and its certificates as they were, for an undo."""
        if not reason.strip():
            raise ValidationError(
                translate("db", "give the reason for voiding"), [("void_reason", "required")]
            )
        certificates = self.store.certificates
        with self.store.write():
            before = certificates.for_shipment(record_id)
            for cert in before:
                changed = cert.replace(shipment_id=None)
                if cert.status == "valid":
                    changed = changed.replace(status="void", void_reason=reason.strip(), voided_at=_now())
                certificates.update(changed)
            return self.delete(record_id), before

    def restore_with_certificates(self, shipment: Shipment, certificates: list[Certificate]) -> Shipment:
        """Undo of delete_voiding_certificates: the shipment back, its certificates as they were."""
        with self.store.write():
            restored = self.restore(shipment)
            for cert in certificates:
                self.store.certificates.update(cert)
            return restored

    def _load(self, row: dict) -> Shipment:
        shipment = Shipment.from_row(row)
        lines = self.lines_of(shipment.id)
        return shipment.replace(lines=tuple(lines))

    def lines_of(self, shipment_id: int) -> list[ShipmentLine]:
        rows = self._rows(
            "SELECT * FROM shipment_lines WHERE shipment_id = ? ORDER BY line_no, id", [shipment_id]
        )
        lots: dict[int, list[int]] = {}
        if rows:
            marks = ",".join("?" * len(rows))
            for line_id, harvest_id in self.db.execute(
                f"SELECT line_id, harvest_id FROM shipment_line_lots WHERE line_id IN ({marks}) "
                "ORDER BY harvest_id",
                [r["id"] for r in rows],
            ):
                lots.setdefault(line_id, []).append(harvest_id)
        return [ShipmentLine.from_row(r).replace(lot_ids=tuple(lots.get(r["id"], ()))) for r in rows]

    def _prepare(self, record: Shipment) -> Shipment:
        net = record.gross_g - record.tare_g
        deduction = record.deduction_g
        if record.deduction_pct_x100 is not None:
            # A percentage deduction is exact to the gram, rounded half up.
            deduction = (net * record.deduction_pct_x100 + 5000) // 10000
        lines = [line.replace(line_no=i + 1, shipment_id=record.id) for i, line in enumerate(record.lines)]
        nets = [line.net_g for line in lines]
        if all(n > 0 for n in nets) and 0 <= deduction <= sum(nets):
            payable = deductions.payable_weights(deduction, nets)
        else:
            payable = nets  # _validate refuses such a shipment, saying why
        lines = tuple(line.with_payable(p) for line, p in zip(lines, payable, strict=True))
        return record.replace(
            ticket_no=record.ticket_no.strip(), net_g=net, deduction_g=deduction, lines=lines
        )

    def _validate(self, record: Shipment) -> None:
        problems: list[tuple[str, str]] = []  # (field, a db.i18n.Text message)
        date_problem = _date_problem(record.ship_date)
        if date_problem is not None:
            problems.append(("ship_date", date_problem))
        if not record.ticket_no:
            problems.append(("ticket_no", translate("db", "a weighing ticket number is required")))
        if record.tare_g < 0:
            problems.append(("tare_g", translate("db", "tare cannot be negative")))
        if record.gross_g <= record.tare_g:
            problems.append(("gross_g", translate("db", "gross weight must be more than the tare")))
        elif record.gross_g > MAX_GROSS_G:
            problems.append(
                ("gross_g", translate("db", "a gross weight above 100 t is almost surely a typing error"))
            )
        elif record.net_g > MAX_TRUCK_NET_G:
            problems.append(
                ("net_g", translate("db", "a net weight above 40 t is almost surely a typing error"))
            )
        if record.deduction_pct_x100 is not None and not 0 <= record.deduction_pct_x100 < 10_000:
            problems.append(
                (
                    "deduction_pct_x100",
                    translate("db", "a deduction in percent must be from 0% to under 100%"),
                )
            )
        elif record.deduction_g < 0 or (record.net_g > 0 and record.deduction_g >= record.net_g):
            problems.append(
                ("deduction_g", translate("db", "the deduction must be less than the net weight"))
            )
        elif record.lines and record.deduction_g > record.lines_net_g:
            problems.append(
                ("deduction_g", deductions.too_large_message(record.deduction_g, record.lines_net_g))
            )
        if record.payment_status not in units.PAYMENT_STATUSES:
            problems.append(
                (
                    "payment_status",
                    translate("db", "unknown payment status '{status}'").format(status=record.payment_status),
                )
            )
        for line in record.lines:
            if line.net_g <= 0:
                problems.append(
                    (f"lines[{line.line_no}].net_g", translate("db", "line weight must be positive"))
                )
            elif line.net_g > MAX_TRUCK_NET_G:
                problems.append(
                    (
                        f"lines[{line.line_no}].net_g",
                        translate("db", "a line above 40 t is almost surely a typing error"),
                    )
                )
            for name, price in (("agreed_price", line.agreed_price), ("settled_price", line.settled_price)):
                if price is not None and not 0 <= price <= MAX_PRICE:
                    problems.append(
                        (
                            f"lines[{line.line_no}].{name}",
                            translate("db", "a price must be from 0 to 1000 元/公斤"),
                        )
                    )
            if line.grade not in units.GRADES:
                problems.append(
                    (
                        f"lines[{line.line_no}].grade",
                        translate("db", "unknown grade '{grade}'").format(grade=line.grade),
                    )
                )
        if problems:
            message = join(
                [_field_message(field, message) for field, message in problems],
                translate("db", "{first}; {rest}"),
            )
            raise ValidationError(message, problems)

    def _save_children(self, record: Shipment, replacing: bool) -> None:
        for line in record.lines:
            line = line.replace(shipment_id=record.id)
            row = line.to_row()
            if row.get("id") is None:
                row.pop("id")
            cols = ", ".join(row)
            cursor = self._execute(
                f"INSERT INTO shipment_lines ({cols}) VALUES ({', '.join('?' * len(row))})",
                list(row.values()),
            )
            for harvest_id in dict.fromkeys(line.lot_ids):
                self._execute(
                    "INSERT INTO shipment_line_lots (line_id, harvest_id) VALUES (?, ?)",
                    [cursor.lastrowid, harvest_id],
                )

    def _bulk_children(self, records: list[Shipment]) -> list[Shipment]:
        next_line_id = self._next_id([line for r in records for line in r.lines], "shipment_lines")
        out = []
        for shipment in records:
            lines = []
            for line in shipment.lines:
                if line.id is None:
                    line = line.replace(id=next_line_id)
                    next_line_id += 1
                lines.append(line.replace(shipment_id=shipment.id))
            out.append(shipment.replace(lines=tuple(lines)))
        cols = ShipmentLine.columns()
        try:
            self.db.conn.executemany(
                f"INSERT INTO shipment_lines ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                (list(line.to_row().values()) for shipment in out for line in shipment.lines),
            )
            self.db.conn.executemany(
                "INSERT INTO shipment_line_lots (line_id, harvest_id) VALUES (?, ?)",
                (
                    (line.id, h)
                    for shipment in out
                    for line in shipment.lines
                    for h in dict.fromkeys(line.lot_ids)
                ),
            )
        except sqlite3.IntegrityError as exc:
            raise _integrity_error(exc, translate("db", "shipment line")) from exc
        return out

    def _clear_for_update(self, record: Shipment) -> None:
        # The header's date, buyer and market are locked while lines exist (they key the daily
        # summary), so the lines are removed first and written again after the header.
        self._delete_children(record)

    def _delete_children(self, record: Shipment) -> None:
        self._execute(
            "DELETE FROM shipment_line_lots WHERE line_id IN "
            "(SELECT id FROM shipment_lines WHERE shipment_id = ?)",
            [record.id],
        )
        self._execute("DELETE FROM shipment_lines WHERE shipment_id = ?", [record.id])

    def by_ticket(self, ticket_no: str) -> Shipment:
        row = self.db.execute("SELECT id FROM shipments WHERE ticket_no = ?", [ticket_no.strip()]).fetchone()
        if row is None:
            raise NotFoundError(
                translate("db", "no shipment with weighing ticket '{ticket}'").format(ticket=ticket_no)
            )
        return self.get(row[0])

    def set_payment_status(self, shipment_id: int, status: str) -> Shipment:
        return self.update(self.get(shipment_id).replace(payment_status=status))

    def next_ticket_no(self, ship_date: str) -> str:
        """A suggestion for a new weighing ticket number 'B20261127-001' not yet used."""
        _check_date("ship_date", ship_date)
        prefix = f"B{ship_date.replace('-', '')}-"
        # Numerically, not as text: after -999 comes -1000, and a typed '-001a' is not a number.
        used = [
            int(suffix)
            for (ticket,) in self.db.execute(
                "SELECT ticket_no FROM shipments WHERE ticket_no GLOB ?", [prefix + "[0-9]*"]
            )
            if (suffix := ticket[len(prefix) :]).isdecimal() and suffix.isascii()
        ]
        return f"{prefix}{max(used, default=0) + 1:03d}"


class PaymentRepository(Repository[Payment]):
    record = Payment
    label = translate("db", "payment")
    text_fields = ("reference",)
    order_by = "pay_date, id"

    def _validate(self, record: Payment) -> None:
        _check_date("pay_date", record.pay_date)
        if record.amount_fen <= 0:
            raise ValidationError(translate("db", "amount must be positive"), [("amount_fen", "positive")])
        if record.amount_fen > MAX_PAYMENT_FEN:
            message = translate("db", "a payment above 1,000,000,000 元 is almost surely a typing error")
            raise ValidationError(message, [("amount_fen", message)])
        if record.method not in units.PAYMENT_METHODS:
            raise ValidationError(
                translate("db", "unknown payment method '{method}'").format(method=record.method),
                [("method", "choice")],
            )

    def _name(self, record: Payment) -> str:
        return f"{record.pay_date} {units.format_yuan(record.amount_fen)}"


class CertificateRepository(Repository[Certificate]):
    record = Certificate
    label = translate("db", "certificate")
    text_fields = ("cert_no", "origin", "issuer_name", "phone")
    required_fields = ("origin", "issuer_name")
    code_fields = {"status": units.CERTIFICATE_STATUSES}
    order_by = "issue_date, cert_no"
    bulk = True

    def _bulk_insert(self, records: list[Certificate]) -> list[Certificate]:
        # Reserve numbers a year at a time rather than one counter write per certificate.
        wanted: dict[str, int] = {}
        for record in records:
            if not record.cert_no:
                _check_date("issue_date", record.issue_date)
                wanted[record.issue_date[:4]] = wanted.get(record.issue_date[:4], 0) + 1
        first = {year: self.store.reserve_counter(f"certificate:{year}", n) for year, n in wanted.items()}
        numbered = []
        for record in records:
            if not record.cert_no:
                year = record.issue_date[:4]
                record = record.replace(cert_no=self._cert_no(year, first[year]))
                first[year] += 1
            numbered.append(record)
        return super()._bulk_insert(numbered)

    @staticmethod
    def _cert_no(year: str, n: int) -> str:
        return f"HGZ{year}-{n:06d}"

    def _name(self, record: Certificate) -> str:
        return record.cert_no

    def _prepare(self, record: Certificate) -> Certificate:
        if not record.cert_no:
            record = record.replace(cert_no=self.next_cert_no(record.issue_date))
        return record

    def _validate(self, record: Certificate) -> None:
        _check_date("issue_date", record.issue_date)
        if not 0 < record.weight_g <= MAX_LOT_G:
            message = translate("db", "a certificate's weight must be more than 0 and at most 1,000 t")
            raise ValidationError(message, [("weight_g", message)])
        if not (record.basis_quality_control or record.basis_self_test or record.basis_commissioned_test):
            raise ValidationError(
                translate("db", "tick at least one basis: quality control, own test or commissioned test"),
                [("basis", "at least one")],
            )

    def next_cert_no(self, issue_date: str) -> str:
        """'HGZ2026-000123': per-year sequence that never goes back, so numbers are never reused."""
        year = issue_date[:4]
        return self._cert_no(year, self.store.next_counter(f"certificate:{year}"))

    def delete(self, record_id: int) -> Certificate:
        raise ValidationError(translate("db", "a certificate is never deleted; void it instead"))

    def void(self, record_id: int, reason: str) -> Certificate:
        if not reason.strip():
            raise ValidationError(
                translate("db", "give the reason for voiding"), [("void_reason", "required")]
            )
        current = self.get(record_id)
        if current.status == "void":
            raise ValidationError(
                translate("db", "certificate {number} is already void").format(number=current.cert_no)
            )
        return self.update(current.replace(status="void", void_reason=reason.strip(), voided_at=_now()))

    def reissue(self, record_id: int, reason: str, **changes: Any) -> Certificate:
        """Void a certificate and issue its replacement (new number) in one transaction."""
        with self.store.write():
            old = self.void(record_id, reason)
            new = old.replace(
                id=None,
                cert_no="",
                status="valid",
                void_reason="",
                voided_at=None,
                replaces_id=old.id,
                **changes,
            )
            return self._insert(new)

    def for_shipment(self, shipment_id: int) -> list[Certificate]:
        return self.list(where="shipment_id = ?", params=[shipment_id])

    def by_number(self, cert_no: str) -> Certificate:
        row = self.db.execute("SELECT id FROM certificates WHERE cert_no = ?", [cert_no.strip()]).fetchone()
        if row is None:
            raise NotFoundError(translate("db", "no certificate numbered '{number}'").format(number=cert_no))
        return self.get(row[0])


class AuditRepository(Repository[AuditEntry]):
    record = AuditEntry
    label = translate("db", "audit entry")

    def for_row(self, table: str, row_id: int) -> list[AuditEntry]:
        return self.list(where="table_name = ? AND row_id = ?", params=[table, row_id])


class Store:
    """All repositories over one connection, writing as one user."""

    def __init__(self, db: Database, user: str = "system"):
        self.db = db
        self.user = user
        # While a write waits for another program's write: shown by the GUI's status bar, the
        # CLI's stderr or a task's progress (see db.connection.begin_write).
        self.on_wait: WaitReporter | None = None
        self.write_patience_s = WRITE_PATIENCE_S
        self.read_only = is_read_only(db)
        # The interface language ('zh_CN' or 'en') for code labels inside messages.
        self.language = "zh_CN"
        self._path: str | None = None
        self.operators = OperatorRepository(self)
        self.plots = PlotRepository(self)
        self.crops = CropRepository(self)
        self.markets = MarketRepository(self)
        self.buyers = BuyerRepository(self)
        self.harvests = HarvestRepository(self)
        self.shipments = ShipmentRepository(self)
        self.payments = PaymentRepository(self)
        self.certificates = CertificateRepository(self)
        self.audit_log = AuditRepository(self)

    @contextmanager
    def write(self) -> Iterator[Database]:
        """One transaction (a savepoint when nested): all of it is written, or none.

        The outermost one begins as a writer, waiting (and saying so) while another program writes.
        """
        conn = self.db.conn
        if conn.in_transaction:
            with self.db.atomic():
                yield self.db
            return
        if self.read_only:
            raise read_only_error(self.path)
        begin_write(conn, on_wait=self.on_wait, patience_s=self.write_patience_s, name=self.path)
        try:
            yield self.db
        except BaseException:
            # A no-op when an error (a RAISE(ROLLBACK) trigger) already ended the transaction.
            self.db.rollback()
            raise
        try:
            conn.commit()
        except BaseException:
            self.db.rollback()
            raise

    @property
    def path(self) -> str:
        """The database file's path ('' for a database in memory)."""
        if self._path is None:
            self._path = self.db.execute("PRAGMA database_list").fetchone()[2] or ""
        return self._path

    def name_of(self, field: str, record_id: int) -> str | None:
        """The name of the record a field such as 'operator_id' refers to (None if unknown)."""
        repo = {
            "operator_id": self.operators,
            "plot_id": self.plots,
            "crop_id": self.crops,
            "buyer_id": self.buyers,
            "market_id": self.markets,
            "default_market_id": self.markets,
        }.get(field)
        record = repo.find(record_id) if repo is not None else None
        return None if record is None else repo.display_name(record)

    def data_version(self) -> int | None:
        """Changes whenever another connection, of this program or another, commits to the file;
        None once this store is closed."""
        try:
            return data_version(self.db.conn)
        except sqlite3.ProgrammingError:  # closed
            return None

    def audit(self, action: str, table: str, row_id: int, before: dict | None, after: dict | None) -> None:
        self.audit_many(action, table, [(row_id, before, after)])

    def audit_many(
        self, action: str, table: str, entries: Iterable[tuple[int, dict | None, dict | None]]
    ) -> None:
        # Appended with the hash chain (db/audit.py), inside the caller's transaction.
        entries = ((rid, _json(b), _json(a)) for rid, b, a in entries)
        audit.insert_entries(self.db, _now(), self.user, action, table, entries)

    def next_counter(self, name: str) -> int:
        return self.reserve_counter(name, 1)

    def reserve_counter(self, name: str, n: int) -> int:
        """Reserve n consecutive values of a never-decreasing counter; returns the first."""
        with self.write():
            self.db.execute(
                "INSERT INTO counters (name, value) VALUES (?, ?) "
                "ON CONFLICT (name) DO UPDATE SET value = value + excluded.value",
                [name, n],
            )
            value = self.db.execute("SELECT value FROM counters WHERE name = ?", [name]).fetchone()[0]
        return value - n + 1

    def close(self) -> None:
        self.db.close()
