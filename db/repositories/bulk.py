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

import contextlib
import gc
import json
import sqlite3
import threading
from operator import attrgetter

from db import deductions, units
from db.errors import DomainError, ReferencedError
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


def insert_shipments(repo, records: list[Shipment], action: str = "insert") -> list[Shipment]:
    """Insert shipments with their lines (inside the caller's transaction); returns them stored.
    `action` names the audit rows: 'restore' when an undone import is done again (same ids)."""
    conn = repo.db.conn
    # The indexes of 100,000 new rows do not fit SQLite's default 2 MB page cache: inserting them
    # then reads and writes pages again and again (measured: the lines' insert took twice as long).
    (cache_size,) = conn.execute("PRAGMA cache_size").fetchone()
    conn.execute(f"PRAGMA cache_size = {min(cache_size, -_BULK_CACHE_KIB)}")
    try:
        with pause_cycle_collection():
            return _insert(repo, conn, records, action)
    finally:
        conn.execute(f"PRAGMA cache_size = {int(cache_size)}")


_BULK_CACHE_KIB = 32 * 1024


class _CyclePause:
    """Pauses Python's cycle collector while any bulk step runs (they may run in several threads).

    A bulk write or an import's check builds hundreds of thousands of records, lines and rows that
    live until it ends, and the collector, run every few hundred new objects, walks all of them
    again and again. Nothing they hold refers back to itself, so reference counting frees them
    all the same; the collector runs again once the last step running is over. Measured: the
    check of 100,000 rows 2.4 → 1.8 s CPU, the write 3.7 → 3.3 s."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.running = 0
        self.resume = False  # whether it was on when the first step began

    @contextlib.contextmanager
    def __call__(self):
        with self.lock:
            if self.running == 0:
                self.resume = gc.isenabled()
                gc.disable()
            self.running += 1
        try:
            yield
        finally:
            with self.lock:
                self.running -= 1
                if self.running == 0 and self.resume:
                    gc.enable()


pause_cycle_collection = _CyclePause()


def _insert(repo, conn: sqlite3.Connection, records: list[Shipment], action: str) -> list[Shipment]:
    from db.repositories.base import _integrity_error  # base imports the repositories that use this

    next_id = repo._next_id(records)
    given_lines = [line for r in records for line in r.lines]
    next_line_id = repo._next_id(given_lines, "shipment_lines")
    first_line_id = next_line_id
    redo = False
    # A redo of an import brings every record back with its ids: when its lines all come after
    # every stored line, the set-based summary below counts exactly them too.
    if (
        records
        and all(r.id is not None for r in records)
        and all(line.id is not None for line in given_lines)
    ):
        (stored_max,) = conn.execute("SELECT coalesce(max(id), 0) FROM shipment_lines").fetchone()
        lowest = min((line.id for line in given_lines), default=next_line_id)
        if lowest > stored_max:
            first_line_id, redo = lowest, True
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
                    line.packs,
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
    own_ids = own_ids and not redo  # a redo's lines all come after every stored one
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
        action, "shipments", ((s.id, None, _snapshot_json(s)) for s in stored), serialised=True
    )
    return stored


def _triggers_guarded(conn: sqlite3.Connection) -> bool:
    """Whether the per-row insert triggers stand aside for a bulk write (migration 0013, and no
    later migration recreated them without the guard)."""
    return _guarded(conn, BULK_GUARDED_TRIGGERS, "bulk_import")


def _guarded(conn: sqlite3.Connection, triggers: tuple[str, ...], guard: str) -> bool:
    """Whether every one of `triggers` stands aside while the table `guard` holds a row."""
    marks = ", ".join("?" * len(triggers))
    found = conn.execute(
        f"SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN ({marks}) AND sql LIKE ?",
        [*triggers, f"%WHEN NOT EXISTS (SELECT 1 FROM {guard})%"],
    ).fetchone()[0]
    return found == len(triggers)


# The snapshot's keys in sorted order, so that dicts built in that order dump as sort_keys would
# write them without sorting each one again.
_SHIPMENT_KEYS = sorted([*_SHIPMENT_COLUMNS, "lines"])
_LINE_KEYS = sorted(_LINE_COLUMNS)
_shipment_sorted = attrgetter(*_SHIPMENT_KEYS)
_line_sorted = attrgetter(*_LINE_KEYS)
_dumps = json.JSONEncoder(ensure_ascii=False).encode


def _snapshot_json(shipment: Shipment) -> str:
    """The same JSON as json.dumps(Repository._snapshot(shipment), ensure_ascii=False, sort_keys=True)."""
    if _FAST_SNAPSHOT:
        text = _fast_snapshot_json(shipment)
        if text is not None:
            return text
    data = dict(zip(_SHIPMENT_KEYS, _shipment_sorted(shipment), strict=True))
    data["lines"] = [dict(zip(_LINE_KEYS, _line_sorted(line), strict=True)) for line in shipment.lines]
    return _dumps(data)


# The audit row of every shipment of an import is its snapshot: building a dict a record and a line
# and encoding it was ~15 µs a shipment (0.9 s of a 199,000-line import). Written out with the keys
# in place it is half that; every value is checked to be an int, None or str (what json.dumps
# writes as Python prints it), else the general path above writes it.
_FAST_SNAPSHOT = _SHIPMENT_KEYS == [
    "buyer_id",
    "deduction_g",
    "deduction_pct_x100",
    "gross_g",
    "id",
    "lines",
    "market_id",
    "net_g",
    "notes",
    "payment_status",
    "plate",
    "ship_date",
    "tare_g",
    "ticket_no",
] and _LINE_KEYS == [
    "agreed_price",
    "amount_fen",
    "crop_id",
    "grade",
    "id",
    "line_no",
    "net_g",
    "operator_id",
    "packs",
    "payable_g",
    "settled_price",
    "shipment_id",
]
_NUMBERS = frozenset((int, type(None)))
_text = json.encoder.encode_basestring  # a str as json.dumps(..., ensure_ascii=False) writes it


def _null(value: int | None) -> int | str:
    return "null" if value is None else value


def _fast_snapshot_json(shipment: Shipment) -> str | None:
    buyer, deduction, pct, gross, sid, lines, market, net, notes, status, plate, day, tare, ticket = (
        _shipment_sorted(shipment)
    )
    types = {type(buyer), type(deduction), type(pct), type(gross), type(sid), type(market), type(net)}
    types.add(type(tare))
    if not types <= _NUMBERS or {type(notes), type(status), type(plate), type(day), type(ticket)} != {str}:
        return None
    parts = []
    for line in lines:
        price, amount, crop, grade, lid, number, lnet, operator, packs, payable, settled, owner = (
            _line_sorted(line)
        )
        types = {type(price), type(amount), type(crop), type(lid), type(number), type(lnet), type(operator)}
        types.update((type(payable), type(settled), type(owner)))
        if not types <= _NUMBERS or type(grade) is not str or type(packs) is not str:
            return None
        parts.append(
            f'{{"agreed_price": {_null(price)}, "amount_fen": {_null(amount)}, "crop_id": {_null(crop)}, '
            f'"grade": {_text(grade)}, "id": {_null(lid)}, "line_no": {_null(number)}, '
            f'"net_g": {_null(lnet)}, "operator_id": {_null(operator)}, "packs": {_text(packs)}, '
            f'"payable_g": {_null(payable)}, '
            f'"settled_price": {_null(settled)}, "shipment_id": {_null(owner)}}}'
        )
    return (
        f'{{"buyer_id": {_null(buyer)}, "deduction_g": {_null(deduction)}, "deduction_pct_x100": {_null(pct)}, '
        f'"gross_g": {_null(gross)}, "id": {_null(sid)}, "lines": [{", ".join(parts)}], '
        f'"market_id": {_null(market)}, "net_g": {_null(net)}, "notes": {_text(notes)}, '
        f'"payment_status": {_text(status)}, "plate": {_text(plate)}, "ship_date": {_text(day)}, '
        f'"tare_g": {_null(tare)}, "ticket_no": {_text(ticket)}}}'
    )


# ---- Undo and redo of an import: set-based delete and restore of a batch of records

# The per-row delete triggers a batch delete replaces with set-based statements. They recompute a
# group's lowest and highest price from its remaining lines and scan the summary for emptied rows
# once per deleted line: on 10,000 lines most of an undo. While the delete's transaction holds the
# row of bulk_delete (migration 0014_bulk_delete; no other connection can see it) they stand aside.
# A database whose triggers lost the guard (a later migration rewrote them) lets them do the work.
BATCH_DELETE_TRIGGERS = {
    "shipments": ("shipment_lines", ("shipment_lines_ad", "shipment_totals_ad")),
    "harvests": ("harvests", ("harvests_ad",)),
}
BATCH_TABLES = tuple(BATCH_DELETE_TRIGGERS)

_SHIPMENT_GROUPS_SQL = """
INSERT INTO temp.batch_groups (day, buyer_id, market_key, operator_id, crop_id, grade,
                               net_g, payable_g, amount_fen, lines)
SELECT s.ship_date, s.buyer_id, coalesce(s.market_id, 0), l.operator_id, l.crop_id, l.grade,
       sum(l.net_g), sum(l.payable_g), sum(l.amount_fen), count(*)
FROM shipment_lines l JOIN shipments s ON s.id = l.shipment_id
WHERE l.shipment_id IN (SELECT id FROM temp.batch_ids)
GROUP BY 1, 2, 3, 4, 5, 6
"""
_GROUP_MATCH = """d.day = g.day AND d.buyer_id = g.buyer_id AND d.market_key = g.market_key
    AND d.operator_id = g.operator_id AND d.crop_id = g.crop_id AND d.grade = g.grade"""
_SHIPMENT_SUMMARY_LESS_SQL = f"""
UPDATE shipment_daily AS d SET net_g = d.net_g - g.net_g, payable_g = d.payable_g - g.payable_g,
    amount_fen = d.amount_fen - g.amount_fen, lines = d.lines - g.lines
FROM temp.batch_groups AS g WHERE {_GROUP_MATCH}
"""
_GROUP_PRICES = """(SELECT coalesce(l.settled_price, l.agreed_price) AS p FROM shipment_lines l
    JOIN shipments s ON s.id = l.shipment_id
    WHERE s.ship_date = d.day AND s.buyer_id = d.buyer_id AND coalesce(s.market_id, 0) = d.market_key
      AND l.operator_id = d.operator_id AND l.crop_id = d.crop_id AND l.grade = d.grade)"""
_SHIPMENT_PRICES_SQL = f"""
UPDATE shipment_daily AS d SET min_price = (SELECT min(p) FROM {_GROUP_PRICES}),
    max_price = (SELECT max(p) FROM {_GROUP_PRICES})
FROM temp.batch_groups AS g WHERE {_GROUP_MATCH}
"""
_HARVEST_SUMMARY_LESS_SQL = """
UPDATE harvest_daily AS d SET weight_g = d.weight_g - g.weight_g, lots = d.lots - g.lots
FROM (SELECT harvest_date AS day, operator_id, crop_id, coalesce(plot_id, 0) AS plot_key, grade,
             sum(weight_g) AS weight_g, count(*) AS lots
      FROM harvests WHERE id IN (SELECT id FROM temp.batch_ids) GROUP BY 1, 2, 3, 4, 5) AS g
WHERE d.day = g.day AND d.operator_id = g.operator_id AND d.crop_id = g.crop_id
  AND d.plot_key = g.plot_key AND d.grade = g.grade
"""


class ChangedSinceError(DomainError):
    """An undo or redo refused as a whole: records it would delete or write over are no longer as
    this program left them (another program changed, deleted or replaced them, e.g. by restoring an
    older copy of the file and writing new records with the same ids). `n` is how many."""

    def __init__(self, message: str, n: int):
        super().__init__(message)
        self.n = n


def refuse_changed(n: int, direction: str) -> None:
    """Raise ChangedSinceError when `n` records differ; `direction` is 'undo' or 'redo'."""
    if not n:
        return
    if direction == "undo":
        message = translate("db", "{n} record(s) were changed by another program since; nothing was undone")
    else:
        message = translate("db", "{n} record(s) were changed by another program since; nothing was redone")
    raise ChangedSinceError(message.format(n=n), n)


def changed_since(repo, records, texts: list[str] | None = None) -> int:
    """How many of `records` (as this program wrote them) are no longer stored so: deleted, or
    stored with other values, inside the caller's transaction.

    The records of the big tables (an import's shipments or harvests) are compared set-based with
    their latest audit row, which every write of a row leaves (`texts`, their snapshots as the audit
    writes them, when the caller has them already); the others with the stored row itself."""
    records = [r for r in records if r is not None]
    if not records:
        return 0
    if repo.table in BATCH_TABLES and len(records) > 1:
        return _audit_differs(repo, records, texts or snapshot_texts(repo, records))
    stored = {r.id: r for r in repo.get_many([r.id for r in records])}
    snapshot = repo._snapshot
    return sum(1 for r in records if r.id not in stored or snapshot(stored[r.id]) != snapshot(r))


def snapshot_texts(repo, records: list) -> list[str]:
    """Each record's snapshot as its audit row holds it."""
    if repo.table == "shipments":
        return [_snapshot_json(r) for r in records]
    return [_dumps_sorted(repo._snapshot(r)) for r in records]


def _audit_differs(repo, records: list, texts: list[str]) -> int:
    conn = repo.db.conn
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS batch_expected (id INTEGER PRIMARY KEY, snapshot TEXT)")
    try:
        conn.executemany(
            "INSERT INTO temp.batch_expected (id, snapshot) VALUES (?, ?)",
            zip((r.id for r in records), texts, strict=True),
        )
        (n,) = conn.execute(
            "SELECT count(*) FROM temp.batch_expected e WHERE e.snapshot IS NOT (SELECT a.after "
            "FROM audit_log a WHERE a.table_name = ? AND a.row_id = e.id ORDER BY a.id DESC LIMIT 1) "
            f"OR NOT EXISTS (SELECT 1 FROM {repo.table} t WHERE t.id = e.id)",
            [repo.table],
        ).fetchone()
    finally:
        conn.execute("DELETE FROM temp.batch_expected")
    return n


def ids_taken(repo, records) -> int:
    """How many of `records` (to be put back with their ids) would land on ids another record holds
    now: its own id, or for a shipment one of its lines' ids."""
    records = [r for r in records if r is not None and r.id is not None]
    taken: set[int] = set()
    lines: set[int] = set()
    conn = repo.db.conn
    for start in range(0, len(records), 500):
        chunk = records[start : start + 500]
        ids = [r.id for r in chunk]
        marks = ",".join("?" * len(ids))
        taken.update(i for (i,) in conn.execute(f"SELECT id FROM {repo.table} WHERE id IN ({marks})", ids))
        if repo.table == "shipments":
            line_ids = [line.id for r in chunk for line in r.lines if line.id is not None]
            for begin in range(0, len(line_ids), 500):
                part = line_ids[begin : begin + 500]
                found = conn.execute(
                    f"SELECT id FROM shipment_lines WHERE id IN ({','.join('?' * len(part))})", part
                )
                lines.update(i for (i,) in found)
    if lines:
        return sum(1 for r in records if r.id in taken or any(line.id in lines for line in r.lines))
    return len(taken)


def delete_batch(repo, records: list, texts: list[str] | None = None) -> None:
    """Delete records an import added (shipments with their lines, or harvests), inside the caller's
    transaction, with set-based statements: the references checked as `Repository.delete` does, the
    daily summary and the shipments' totals brought down by what the batch held, one audit row per
    record (the record as the import stored it, which is what a redo restores; `texts`, their
    snapshots, when the caller has them already). The caller checked them unchanged (changed_since)."""
    if not records:
        return
    table = repo.table
    _trigger_table, triggers = BATCH_DELETE_TRIGGERS[table]
    conn = repo.db.conn
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS batch_ids (id INTEGER PRIMARY KEY)")
    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS batch_groups (day, buyer_id, market_key, operator_id, crop_id, "
        "grade, net_g, payable_g, amount_fen, lines)"
    )
    conn.execute("SAVEPOINT batch_delete")
    try:
        conn.executemany("INSERT INTO temp.batch_ids (id) VALUES (?)", ((r.id,) for r in records))
        for ref in repo.references:
            (n,) = conn.execute(
                f"SELECT count(*) FROM {ref.table} WHERE {ref.column} IN (SELECT id FROM temp.batch_ids)"
            ).fetchone()
            if n:
                raise ReferencedError(
                    translate(
                        "db", "{n} {things} still use records of this import; nothing was undone"
                    ).format(n=n, things=ref.label),
                    {ref.label: n},
                )
        guarded = _guarded(conn, triggers, "bulk_delete")
        if guarded:
            conn.execute("INSERT INTO bulk_delete (id) VALUES (1)")  # the per-row triggers stand aside
        if table == "shipments":
            if guarded:
                conn.execute(_SHIPMENT_GROUPS_SQL)
                conn.execute(_SHIPMENT_SUMMARY_LESS_SQL)
            conn.execute(
                "DELETE FROM shipment_line_lots WHERE line_id IN (SELECT id FROM shipment_lines "
                "WHERE shipment_id IN (SELECT id FROM temp.batch_ids))"
            )
            conn.execute("DELETE FROM shipment_lines WHERE shipment_id IN (SELECT id FROM temp.batch_ids)")
            deleted = conn.execute(
                "DELETE FROM shipments WHERE id IN (SELECT id FROM temp.batch_ids)"
            ).rowcount
            if guarded:
                conn.execute("DELETE FROM shipment_daily WHERE lines = 0")
                conn.execute(_SHIPMENT_PRICES_SQL)
        else:
            if guarded:
                conn.execute(_HARVEST_SUMMARY_LESS_SQL)
            deleted = conn.execute(
                "DELETE FROM harvests WHERE id IN (SELECT id FROM temp.batch_ids)"
            ).rowcount
            if guarded:
                conn.execute("DELETE FROM harvest_daily WHERE lots = 0")
        if guarded:
            conn.execute("DELETE FROM bulk_delete")
        if deleted != len(records):
            raise DomainError(
                translate(
                    "db", "{n} record(s) of this import are no longer in the database; nothing was undone"
                ).format(n=len(records) - deleted)
            )
        texts = texts or snapshot_texts(repo, records)
        repo.store.audit_many(
            "delete",
            table,
            ((r.id, text, None) for r, text in zip(records, texts, strict=True)),
            serialised=True,
        )
    except BaseException:
        # A Cancel interrupts a statement and may interrupt this too: the caller's transaction,
        # rolled back as the error leaves it, undoes everything then.
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK TO batch_delete")
        raise
    finally:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("RELEASE batch_delete")
            conn.execute("DELETE FROM temp.batch_ids")
            conn.execute("DELETE FROM temp.batch_groups")


def restore_batch(repo, records: list) -> list:
    """Put back records a batch delete removed, with their ids (redo of an import), as the import
    wrote them: one executemany, the summaries set-based where the triggers allow."""
    return repo._bulk_insert(list(records), "restore")


def _dumps_sorted(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True)
