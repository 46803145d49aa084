"""The bulk write path of shipments (an import, the demo): each record built once, plain tuples to executemany.

`Repository._bulk_insert` for shipments comes here. The general path prepared each shipment with
`dataclasses.replace` (three copies of every line), read each record's row through `to_row` and
let the line triggers maintain the daily summary and the shipment's totals row by row; profiled on
a 20,000-row import those were most of the write. Here every shipment and line is built once with
its final values, checked by the same `_check` as a single add, and written with executemany of
tuples. While the lines go in, the per-row summary triggers stand aside (migration
0013_bulk_import: they do nothing while `bulk_import` holds a row, which only this transaction
can see); the summary and the totals are then brought up to date with one set-based statement
each, in the same transaction. The audit rows are the usual one per shipment (the record's
history reads them), their JSON written straight from the tuples.
"""

from __future__ import annotations

import json
import sqlite3
from operator import attrgetter

from db import deductions, units
from db.i18n import translate
from db.records import Shipment, ShipmentLine
from db.storage.schema import BULK_GUARDED_TRIGGERS

_SHIPMENT_COLUMNS = Shipment.columns()
_LINE_COLUMNS = ShipmentLine.columns()
_shipment_values = attrgetter(*_SHIPMENT_COLUMNS)
_line_values = attrgetter(*_LINE_COLUMNS)
_SHIPMENT_SQL = (
    f"INSERT INTO shipments ({', '.join(_SHIPMENT_COLUMNS)}, line_count, total_fen) "
    f"VALUES ({', '.join('?' * (len(_SHIPMENT_COLUMNS) + 2))})"
)
_LINE_SQL = (
    f"INSERT INTO shipment_lines ({', '.join(_LINE_COLUMNS)}) VALUES ({', '.join('?' * len(_LINE_COLUMNS))})"
)

# The daily summary of the lines just written (ids from ? on), added to what it held: the same
# sums the per-row trigger keeps (schema._ship_add), set-based.
_SUMMARY_SQL = """
INSERT INTO shipment_daily (day, buyer_id, market_key, operator_id, crop_id, grade,
                            net_g, payable_g, amount_fen, lines, min_price, max_price)
SELECT s.ship_date, s.buyer_id, coalesce(s.market_id, 0), l.operator_id, l.crop_id, l.grade,
       sum(l.net_g), sum(l.payable_g), sum(l.amount_fen), count(*),
       min(coalesce(l.settled_price, l.agreed_price)), max(coalesce(l.settled_price, l.agreed_price))
FROM shipment_lines l JOIN shipments s ON s.id = l.shipment_id
WHERE l.id >= ?
GROUP BY 1, 2, 3, 4, 5, 6
ON CONFLICT (day, buyer_id, market_key, operator_id, crop_id, grade) DO UPDATE SET
    net_g = net_g + excluded.net_g,
    payable_g = payable_g + excluded.payable_g,
    amount_fen = amount_fen + excluded.amount_fen,
    lines = lines + excluded.lines,
    min_price = min(min_price, excluded.min_price),
    max_price = max(max_price, excluded.max_price)
"""


def insert_shipments(repo, records: list[Shipment]) -> list[Shipment]:
    """Insert shipments with their lines (inside the caller's transaction); returns them stored."""
    conn = repo.db.conn
    # The indexes of 100,000 new rows do not fit SQLite's default 2 MB page cache: inserting them
    # then reads and writes pages again and again (measured: the lines' insert took twice as long).
    (cache_size,) = conn.execute("PRAGMA cache_size").fetchone()
    conn.execute(f"PRAGMA cache_size = {min(cache_size, -_BULK_CACHE_KIB)}")
    try:
        return _insert(repo, conn, records)
    finally:
        conn.execute(f"PRAGMA cache_size = {int(cache_size)}")


_BULK_CACHE_KIB = 32 * 1024


def _insert(repo, conn: sqlite3.Connection, records: list[Shipment]) -> list[Shipment]:
    from db.repositories.base import _integrity_error  # base imports the repositories that use this

    next_id = repo._next_id(records)
    next_line_id = repo._next_id([line for r in records for line in r.lines], "shipment_lines")
    first_line_id = next_line_id
    stored: list[Shipment] = []
    check = repo._check
    for record in records:
        shipment_id = record.id
        if shipment_id is None:
            shipment_id, next_id = next_id, next_id + 1
        net = record.gross_g - record.tare_g
        deduction = record.deduction_g
        if record.deduction_pct_x100 is not None:
            deduction = (net * record.deduction_pct_x100 + 5000) // 10000  # as ShipmentRepository._prepare
        nets = [line.net_g for line in record.lines]
        if deduction > 0 and all(n > 0 for n in nets) and deduction <= sum(nets):
            payable = deductions.payable_weights(deduction, nets)
        else:
            payable = nets  # no deduction, or _check refuses the shipment saying why
        lines = []
        for number, (line, pay) in enumerate(zip(record.lines, payable, strict=True), start=1):
            line_id = line.id
            if line_id is None:
                line_id, next_line_id = next_line_id, next_line_id + 1
            price = line.agreed_price if line.settled_price is None else line.settled_price
            amount = units.amount_fen(pay, price)
            lines.append(
                ShipmentLine(
                    line.operator_id,
                    line.crop_id,
                    line.net_g,
                    line.agreed_price,
                    line.grade,
                    line.settled_price,
                    amount,
                    shipment_id,
                    number,
                    line_id,
                    line.lot_ids,
                    pay,
                )
            )
        shipment = Shipment(
            record.ship_date,
            record.ticket_no.strip(),
            record.buyer_id,
            record.gross_g,
            record.tare_g,
            net,
            record.market_id,
            record.plate,
            deduction,
            record.deduction_pct_x100,
            record.payment_status,
            record.notes,
            shipment_id,
            tuple(lines),
        )
        check(shipment)
        stored.append(shipment)
    # Rows are generated from the stored records as SQLite takes them: never held as lists too.
    # The set-based summary counts the lines from first_line_id on: records that bring their own
    # ids (below it) are left to the per-row triggers.
    own_ids = any(r.id is not None or any(line.id is not None for line in r.lines) for r in records)
    guarded = not own_ids and _triggers_guarded(conn)
    if guarded:  # each shipment's totals written with it
        shipment_rows = (
            (*_shipment_values(s), len(s.lines), sum(line.amount_fen for line in s.lines)) for s in stored
        )
    else:  # the triggers count every line: the shipments start from nothing
        shipment_rows = ((*_shipment_values(s), 0, 0) for s in stored)
    line_rows = (_line_values(line) for s in stored for line in s.lines)
    lot_rows = ((line.id, h) for s in stored for line in s.lines for h in dict.fromkeys(line.lot_ids))
    try:
        conn.executemany(_SHIPMENT_SQL, shipment_rows)
    except sqlite3.IntegrityError as exc:
        raise _integrity_error(exc, repo.label) from exc
    try:
        if guarded:
            conn.execute("INSERT INTO bulk_import (id) VALUES (1)")  # the per-row triggers stand aside
            try:
                conn.executemany(_LINE_SQL, line_rows)
            finally:
                conn.execute("DELETE FROM bulk_import")
            if next_line_id > first_line_id:
                conn.execute(_SUMMARY_SQL, [first_line_id])
        else:
            conn.executemany(_LINE_SQL, line_rows)
        conn.executemany("INSERT INTO shipment_line_lots (line_id, harvest_id) VALUES (?, ?)", lot_rows)
    except sqlite3.IntegrityError as exc:
        raise _integrity_error(exc, translate("db", "shipment line")) from exc
    repo.store.audit_many(
        "insert", "shipments", ((s.id, None, _snapshot_json(s)) for s in stored), serialised=True
    )
    return stored


def _triggers_guarded(conn: sqlite3.Connection) -> bool:
    """Whether the per-row insert triggers stand aside for a bulk write (migration 0013, and no
    later migration recreated them without the guard)."""
    marks = ", ".join("?" * len(BULK_GUARDED_TRIGGERS))
    found = conn.execute(
        f"SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN ({marks}) "
        "AND sql LIKE '%FROM bulk_import%'",
        BULK_GUARDED_TRIGGERS,
    ).fetchone()[0]
    return found == len(BULK_GUARDED_TRIGGERS)


# The snapshot's keys in sorted order, so that dicts built in that order dump as sort_keys would
# write them without sorting each one again.
_SHIPMENT_KEYS = sorted([*_SHIPMENT_COLUMNS, "lines"])
_LINE_KEYS = sorted(_LINE_COLUMNS)
_shipment_sorted = attrgetter(*_SHIPMENT_KEYS)
_line_sorted = attrgetter(*_LINE_KEYS)
_dumps = json.JSONEncoder(ensure_ascii=False).encode


def _snapshot_json(shipment: Shipment) -> str:
    """The same JSON as json.dumps(Repository._snapshot(shipment), ensure_ascii=False, sort_keys=True)."""
    data = dict(zip(_SHIPMENT_KEYS, _shipment_sorted(shipment), strict=True))
    data["lines"] = [dict(zip(_LINE_KEYS, _line_sorted(line), strict=True)) for line in shipment.lines]
    return _dumps(data)
