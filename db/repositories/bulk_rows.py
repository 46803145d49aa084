"""Writing a whole generated trade at once (the demo): final records to executemany, one audit entry per batch.

The demo's records are built once with their final ids, codes, payable weights and amounts, checked
by the same `_check` as a single add, and written as tuples by executemany. The shipment lines'
per-row summary triggers stand aside (migration 0013) for one set-based update of the daily summary
per batch, the shipments' totals are written with them, and the search indexes are filled per batch.

The repositories' bulk path (`Repository._bulk_insert`, db/repositories/bulk.py) writes an audit
row per record holding the record as JSON: right for an import, which is undone record by record,
but for three demo years that was 120,000 rows, 79 MB of the 160 MB file and about a quarter of the
time. A demo is created at once and never undone row by row, so each batch here gets one audit
entry instead: row 0 of its table (as `check --repair` writes), naming the ids it added.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Sequence
from operator import attrgetter
from typing import Any

from db import search
from db.records import Record, Shipment, ShipmentLine
from db.repositories import bulk
from db.repositories.base import _integrity_error
from db.repositories.certificates import CertificateRepository
from db.repositories.trade import HarvestRepository

_SHIPMENT_COLUMNS = Shipment.columns()
_LINE_COLUMNS = ShipmentLine.columns()
_shipment_values = attrgetter(*_SHIPMENT_COLUMNS)
_line_values = attrgetter(*_LINE_COLUMNS)


def next_id(store: Any, table: str) -> int:
    """The id the next row of `table` gets (ids are never given twice within one transaction)."""
    return store.db.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0]


def lot_codes(store: Any, days: Sequence[str]) -> list[str]:
    """New lot codes for harvests on these days, in order, reserved a day at a time from the same
    counters as HarvestRepository.next_lot_code."""
    return [
        HarvestRepository._lot_code(day, n) for day, n in zip(days, _reserve(store, "lot", days), strict=True)
    ]


def certificate_numbers(store: Any, issue_dates: Sequence[str]) -> list[str]:
    """New certificate numbers for these issue dates, in order, reserved a year at a time from the
    same counters as CertificateRepository.next_cert_no."""
    years = [d[:4] for d in issue_dates]
    numbers = _reserve(store, "certificate", years)
    return [CertificateRepository._cert_no(year, n) for year, n in zip(years, numbers, strict=True)]


def _reserve(store: Any, kind: str, keys: Sequence[str]) -> list[int]:
    wanted: dict[str, int] = {}
    for key in keys:
        wanted[key] = wanted.get(key, 0) + 1
    following = {key: store.reserve_counter(f"{kind}:{key}", n) for key, n in wanted.items()}
    out = []
    for key in keys:
        out.append(following[key])
        following[key] += 1
    return out


# The tables a whole generated trade fills, whose own indexes `indexes_aside` builds once at the end.
TRADE_TABLES = (
    "harvests",
    "harvest_daily",
    "shipments",
    "shipment_lines",
    "shipment_line_lots",
    "shipment_daily",
    "certificates",
    "payments",
)


@contextlib.contextmanager
def indexes_aside(store: Any, tables: Sequence[str] = TRADE_TABLES) -> Iterator[None]:
    """Inside the caller's transaction: drop the tables' own indexes (not those behind a PRIMARY KEY
    or UNIQUE constraint, which keep refusing duplicates) and the harvests' per-row summary trigger,
    and create them again from their stored text when the block ends.

    Building an index once over all the rows costs less than keeping it up to date through tens of
    thousands of inserts in random key order (measured on three demo years: 4.5 s of CPU for the
    writing with every index, 2.9 s + 0.5 s to build them after). It all happens in one savepoint
    (Store.write inside a transaction): no other connection ever sees the tables without them, and
    an error (or Cancel) rolls the block back whole, indexes and trigger included."""
    conn = store.db.conn
    marks = ", ".join("?" * len(tables))
    kept = conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND "
        f"((type = 'index' AND tbl_name IN ({marks})) OR (type = 'trigger' AND name = ?)) ORDER BY rowid",
        [*tables, _HARVEST_TRIGGER],
    ).fetchall()
    with store.write():  # the caller's transaction: a savepoint, rolled back whole on an error
        for kind, name, _sql in kept:
            conn.execute(f"DROP {kind.upper()} {name}")
        yield
        for _kind, _name, sql in kept:
            conn.execute(sql)


def insert_records(repo: Any, records: Sequence[Record], note: dict) -> None:
    """Insert records of a table without children (harvests, certificates, payments), inside the
    caller's transaction. Their ids must follow on from the table's (see next_id)."""
    if not records:
        return
    first = _check_ids(repo, records)
    check = repo._check
    for record in records:
        check(record)
    cols = repo.record.columns()
    sql = f"INSERT INTO {repo.table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    try:
        repo.db.conn.executemany(sql, map(attrgetter(*cols), records))
    except sqlite3.IntegrityError as exc:
        raise _integrity_error(exc, repo.label) from exc
    _audit_batch(repo, first, len(records), note)


# The daily harvest summary of the lots just written (ids from ? on), added to what it held: the
# same sums as the per-row trigger harvests_ai (schema._harvest_add), set-based.
_HARVEST_SUMMARY_SQL = """
INSERT INTO harvest_daily (day, operator_id, crop_id, plot_key, grade, weight_g, lots)
SELECT harvest_date, operator_id, crop_id, coalesce(plot_id, 0), grade, sum(weight_g), count(*)
FROM harvests WHERE id >= ?
GROUP BY 1, 2, 3, 4, 5
ON CONFLICT (day, operator_id, crop_id, plot_key, grade) DO UPDATE SET
    weight_g = weight_g + excluded.weight_g, lots = lots + excluded.lots
"""
_HARVEST_TRIGGER = "harvests_ai"


def insert_harvests(repo: Any, records: Sequence[Record], note: dict) -> None:
    """Insert harvest lots as insert_records does, their daily summary updated set-based.

    Migration 0013 gave the harvests' per-row summary trigger no guard, so unless indexes_aside
    already set it aside it is dropped inside the caller's transaction and created again from its
    own stored text (as bulk.delete_batch does): no other connection ever sees the database
    without it, and a failure rolls both back."""
    if not records:
        return
    conn = repo.db.conn
    trigger = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", [_HARVEST_TRIGGER]
    ).fetchone()
    if trigger is not None:
        conn.execute(f"DROP TRIGGER {_HARVEST_TRIGGER}")
    insert_records(repo, records, note)
    if trigger is not None:
        conn.execute(trigger[0])
    conn.execute(_HARVEST_SUMMARY_SQL, [records[0].id])


def insert_shipments(repo: Any, shipments: Sequence[Shipment], note: dict) -> None:
    """Insert shipments with their lines and the lines' harvest lots, inside the caller's
    transaction. Ids, line numbers, payable weights and amounts must be final (as
    ShipmentRepository._prepare makes them), the ids following on from the tables'."""
    if not shipments:
        return
    conn = repo.db.conn
    if not bulk._triggers_guarded(conn):
        raise RuntimeError("the shipment lines' insert triggers lack the bulk guard (migration 0013)")
    first = _check_ids(repo, shipments)
    lines = [line for s in shipments for line in s.lines]
    first_line = next_id(repo.store, "shipment_lines")
    check = repo._check
    owners = (s.id for s in shipments for _ in s.lines)
    for number, (owner, line) in enumerate(zip(owners, lines, strict=True), first_line):
        if line.id != number or line.shipment_id != owner:
            raise ValueError(f"shipment line {line.id} of shipment {owner} is not numbered in order")
    for shipment in shipments:
        if shipment.net_g != shipment.gross_g - shipment.tare_g:
            raise ValueError(f"shipment {shipment.id}: net weight is not gross minus tare")
        check(shipment)
    shipment_sql = (
        f"INSERT INTO shipments ({', '.join(_SHIPMENT_COLUMNS)}, line_count, total_fen) "
        f"VALUES ({', '.join('?' * (len(_SHIPMENT_COLUMNS) + 2))})"
    )
    line_sql = (
        f"INSERT INTO shipment_lines ({', '.join(_LINE_COLUMNS)}) "
        f"VALUES ({', '.join('?' * len(_LINE_COLUMNS))})"
    )
    try:
        conn.executemany(
            shipment_sql,
            (
                (*_shipment_values(s), len(s.lines), sum(line.amount_fen for line in s.lines))
                for s in shipments
            ),
        )
        conn.execute("INSERT INTO bulk_import (id) VALUES (1)")  # the per-row triggers stand aside
        try:
            conn.executemany(line_sql, map(_line_values, lines))
        finally:
            conn.execute("DELETE FROM bulk_import")
        conn.execute(bulk._SUMMARY_SQL, [first_line])
        conn.executemany(
            "INSERT INTO shipment_line_lots (line_id, harvest_id) VALUES (?, ?)",
            ((line.id, h) for line in lines for h in dict.fromkeys(line.lot_ids)),
        )
    except sqlite3.IntegrityError as exc:
        raise _integrity_error(exc, repo.label) from exc
    _audit_batch(repo, first, len(shipments), note)


def _check_ids(repo: Any, records: Sequence[Record]) -> int:
    first = next_id(repo.store, repo.table)
    for number, record in enumerate(records, first):
        if record.id != number:
            raise ValueError(f"{repo.table}: record {record.id} given where {number} follows")
    return first


def _audit_batch(repo: Any, first: int, n: int, note: dict) -> None:
    ids = list(range(first, first + n))
    repo.store.audit(
        "insert", repo.table, 0, None, {**note, "first_id": first, "last_id": ids[-1], "rows": n}
    )
    search.reindex(repo.db, repo.table, ids)
