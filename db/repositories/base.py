"""The base of every repository: Repository, its checks, bounds and the mapping of SQLite errors."""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from sqlite_utils import Database

from db import parsing, units
from db.errors import (
    DuplicateError,
    NotFoundError,
    ReferencedError,
    StaleRecordError,
    ValidationError,
)
from db.i18n import Text, join, translate
from db.records import Record
from db.storage import changes

if TYPE_CHECKING:
    from db.repositories.store import Store

R = TypeVar("R", bound=Record)

# Bounds beyond which a value is a typing error (or hostile input), checked before SQLite sees it:
# they keep every product the database computes (net × price for a line amount) inside 64 bits:
# 100 t = 10⁸ g × 1000 元/公斤 (10⁷ price units) = 10¹⁵, far below 2⁶³ ≈ 9.2·10¹⁸, so sums over
# thousands of such lines still fit. It is also the most any typed weight may be (db.parsing). A
# truck above 40 t is only implausible (DOMAIN.md): a warning a person accepts
# (db.plausibility.TRUCK_NET_G), not a refusal.
MAX_TRUCK_NET_G = parsing.MAX_WEIGHT_G  # one truck's or one line's net weight
MAX_GROSS_G = parsing.MAX_WEIGHT_G  # truck and load together
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

    def _bulk_insert(self, records: list[R], action: str = "insert") -> list[R]:
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
        self.store.audit_many(action, self.table, ((r.id, None, self._snapshot(r)) for r in stored))
        return stored

    def _next_id(self, records: Sequence[Record], table: str | None = None) -> int:
        current = self.db.execute(f"SELECT coalesce(max(id), 0) FROM {table or self.table}").fetchone()[0]
        given = [r.id for r in records if r.id is not None]
        return max([current, *given]) + 1

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
