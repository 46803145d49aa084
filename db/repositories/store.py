"""The Store: all repositories over one connection, its transactions, audit rows and counters."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlite_utils import Database

from db import audit, search
from db.connection import (
    WRITE_PATIENCE_S,
    WaitReporter,
    begin_write,
    data_version,
    is_read_only,
    optimize,
    read_only_error,
)
from db.repositories.base import (
    _json,
    _now,
)
from db.repositories.certificates import AuditRepository, CertificateRepository
from db.repositories.masters import (
    BuyerRepository,
    CropRepository,
    MarketRepository,
    OperatorRepository,
    PlotRepository,
)
from db.repositories.trade import HarvestRepository, PaymentRepository, ShipmentRepository


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
        self,
        action: str,
        table: str,
        entries: Iterable[tuple[int, Any, Any]],
        *,
        serialised: bool = False,
    ) -> None:
        """Audit rows (row id, before, after), appended with the hash chain (db/audit.py) inside the
        caller's transaction; before and after are dicts, or JSON already when `serialised` (a
        bulk write builds it straight from its rows)."""
        written: list[int] = []

        def rows() -> Iterator[tuple[int, str | None, str | None]]:
            for rid, before, after in entries:
                written.append(rid)
                yield (rid, before, after) if serialised else (rid, _json(before), _json(after))

        audit.insert_entries(self.db, _now(), self.user, action, table, rows())
        # Every write of a row is audited here, so this keeps the search indexes in step with it.
        search.reindex(self.db, table, written)

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
        optimize(self.db)
        self.db.close()
