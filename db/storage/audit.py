"""The audit log that holds: rows written only through here, chained by hashes, listed for people.

Each audit row stores ``hash = sha256(previous row's hash + the row's canonical content)``; the
first row chains from the empty string. Changing, deleting or inserting a row anywhere in the
middle therefore breaks the chain from that row on, which `verify_chain` reports. Triggers
(migration 0007) refuse UPDATE and DELETE on the table, so only a deliberate edit of the file
that drops them can change it, and the chain shows where.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from db.i18n import Text, translate

GENESIS = ""
_COLUMNS = "id, at, user, action, table_name, row_id, before, after"


def canonical(
    row_id_: int,
    at: str,
    user: str,
    action: str,
    table: str,
    row_id: int,
    before: str | None,
    after: str | None,
) -> str:
    """The exact text a row's hash covers: its columns as compact JSON, in a fixed order."""
    return json.dumps(
        [row_id_, at, user, action, table, row_id, before, after], ensure_ascii=False, separators=(",", ":")
    )


_string = json.encoder.encode_basestring  # a str as json.dumps(..., ensure_ascii=False) writes it
_TEXTS = frozenset((str, type(None)))


def _optional(text: str | None) -> str:
    return "null" if text is None else _string(text)


def chain_hash(previous: str, content: str) -> str:
    return hashlib.sha256((previous + content).encode("utf-8")).hexdigest()


def _last(db: Any) -> tuple[int, str]:
    row = db.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    return (0, GENESIS) if row is None else (row[0], row[1] or GENESIS)


def insert_entries(
    db: Any,
    at: str,
    user: str,
    action: str,
    table: str,
    entries: Iterable[tuple[int, str | None, str | None]],
) -> int:
    """Append audit rows (row id, before JSON, after JSON) with their chained hashes; returns how many.

    Runs inside the caller's write transaction, so reading the last hash and appending are one step.
    """
    last_id, previous = _last(db)
    # canonical() of every row, with the columns all rows share encoded once (a bulk write appends
    # tens of thousands): the same text, as the test of this module checks.
    common = (at, user, action, table)
    shared = "," + ",".join(map(_string, common)) + "," if {type(v) for v in common} == {str} else None

    def rows() -> Iterator[tuple[Any, ...]]:
        nonlocal last_id, previous
        for row_id, before, after in entries:
            last_id += 1
            if (
                shared is not None
                and type(row_id) is int
                and (before is None or type(before) is str)
                and type(after) in _TEXTS
            ):
                content = (
                    f"[{last_id}{shared}{row_id},{_optional(before)},{_optional(after)}]"  # as canonical()
                )
            else:
                content = canonical(last_id, at, user, action, table, row_id, before, after)
            previous = chain_hash(previous, content)
            yield (last_id, at, user, action, table, row_id, before, after, previous)

    conn = getattr(db, "conn", db)
    cursor = conn.executemany(
        "INSERT INTO audit_log (id, at, user, action, table_name, row_id, before, after, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows(),
    )
    return cursor.rowcount


@dataclass(frozen=True)
class ChainBreak:
    """The first audit row whose stored hash is not what its content and predecessor give."""

    row_id: int
    message: Text


def verify_chain(
    db: Any, progress: Callable[[int, int], None] | None = None
) -> tuple[int, ChainBreak | None]:
    """Check every audit row's hash in id order; returns (rows checked, the first break or None)."""
    total = db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    previous, checked = GENESIS, 0
    for row in db.execute(f"SELECT {_COLUMNS}, hash FROM audit_log ORDER BY id"):
        *content, stored = row
        expected = chain_hash(previous, canonical(*content))
        if stored != expected:
            return checked, ChainBreak(
                content[0],
                translate(
                    "db",
                    "audit log: entry {id} ({when}, {user}, {action} {table} #{row}) does not match "
                    "the chain; the log was changed outside the program at or before this entry",
                ).format(
                    id=content[0],
                    when=content[1],
                    user=content[2],
                    action=content[3],
                    table=content[4],
                    row=content[5],
                ),
            )
        previous = stored
        checked += 1
        if progress and checked % 20_000 == 0:
            progress(checked, total)
    return checked, None


def rechain(db: Any) -> int:
    """Compute the hash of every row in id order (migration 0007, before the triggers exist)."""
    previous, n = GENESIS, 0
    updates = []
    for row in db.execute(f"SELECT {_COLUMNS} FROM audit_log ORDER BY id").fetchall():
        previous = chain_hash(previous, canonical(*row))
        updates.append((previous, row[0]))
        n += 1
    getattr(db, "conn", db).executemany("UPDATE audit_log SET hash = ? WHERE id = ?", updates)
    return n


# ---------------------------------------------------------------------------------------------------
# Listing changes (fujiang audit, a record's history)


@dataclass(frozen=True)
class Change:
    """One audited change, with before and after as dicts (None for an insert's before)."""

    id: int
    at: str
    user: str
    action: str
    table: str
    row_id: int
    before: dict | None
    after: dict | None

    def changed_fields(self) -> list[tuple[str, Any, Any]]:
        """(field, before, after) for each field whose value differs (all fields of an insert or delete)."""
        before, after = self.before or {}, self.after or {}
        keys = sorted(set(before) | set(after))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]


def changes(
    db: Any,
    *,
    since: str | None = None,
    table: str | None = None,
    record: int | None = None,
    latest: int | None = None,
) -> list[Change]:
    """Audited changes, oldest first; `since` is a day 'YYYY-MM-DD' (UTC, inclusive); `latest`
    keeps only the last N of them (read from the end, not all loaded)."""
    clauses, params = [], []
    if since:
        clauses.append("at >= ?")
        params.append(datetime.date.fromisoformat(since).isoformat())
    if table:
        clauses.append("table_name = ?")
        params.append(table)
    if record is not None:
        clauses.append("row_id = ?")
        params.append(record)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    order = f"id DESC LIMIT {int(latest)}" if latest else "id"
    rows = db.execute(f"SELECT {_COLUMNS} FROM audit_log {where} ORDER BY {order}", params).fetchall()
    out = []
    for rid, at, user, action, tbl, row_id, before, after in reversed(rows) if latest else rows:
        out.append(
            Change(
                rid,
                at,
                user,
                action,
                tbl,
                row_id,
                json.loads(before) if before else None,
                json.loads(after) if after else None,
            )
        )
    return out


def audited_tables(db: Any) -> list[str]:
    return [r[0] for r in db.execute("SELECT DISTINCT table_name FROM audit_log ORDER BY table_name")]
