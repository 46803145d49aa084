"""The SQL behind the big tables (harvests, shipments, the certificate register): filtered, sorted id
lists and block fetches of rows.

The tables above this module follow DESIGN.md convention 5 (Anki's browser): a query returns only
the ids of the rows that pass the filter, in display order, as an `array('q')`; the rows themselves
are fetched in blocks when they are painted. Sorting and filtering are SQL over indexed columns.
Sorting by a name (operator, crop, plot, buyer, market) walks the master table in name order and,
for each record, reads that record's rows through its (id, date) index, so no million-row sort is ever
done; every other sort column has an index ending in the row id (migration 0010). The ids come back
as one JSON array built inside SQLite: parsing it is about twice as fast as stepping a cursor through
a million rows in Python. Searching is db/search.py's: the matching ids are collected through
indexes (names, FTS5 trigram) and only those rows are sorted.
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from db import search, units
from db.certification import coverage

# Rows fetched per query when many ids are looked up at once (SQLite's bound-parameter limit is high,
# but shorter IN lists keep each statement cheap to prepare).
CHUNK = 500
# Grades sort by quality, not by the spelling of their codes.
GRADE_ORDER = ("special", "first", "second", "ungraded", "substandard")


@dataclass(frozen=True, slots=True)
class BrowseFilter:
    """What the table shows: a search text, an inclusive date range and restrictions by id or code.

    Empty tuples mean "no restriction"; within one dimension the values are alternatives (OR),
    across dimensions all must hold (AND). Operator, crop and grade of a shipment are those of its
    lines: a shipment passes when one of its lines has all of them.
    """

    search: str = ""
    start: str | None = None
    end: str | None = None
    operator_ids: tuple[int, ...] = ()
    crop_ids: tuple[int, ...] = ()
    grades: tuple[str, ...] = ()
    buyer_ids: tuple[int, ...] = ()
    market_ids: tuple[int, ...] = ()
    payment_statuses: tuple[str, ...] = ()
    # Certificate states: of a truck (db.certification.coverage.TRUCK_STATES) on the shipments table, of a
    # certificate (db.certification.coverage.REGISTER_STATES) in the register.
    certificate_states: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class HarvestRow:
    """One harvest lot as the table shows it."""

    id: int
    harvest_date: str
    lot_code: str
    operator_id: int
    operator: str
    plot_id: int | None
    plot: str
    crop_id: int
    crop: str
    grade: str
    weight_g: int
    notes: str
    shipped_lines: int  # shipment lines that name this lot
    crop_en: str = ""  # the crop's English name, '' when it has none
    operator_en: str = ""  # the operator's English name, '' when it has none
    packs: str = ""  # the count of packs the weight was estimated from ('3袋'); '' when weighed

    def crop_in(self, language: str) -> str:
        """The crop as the interface names it: its English name in English when it has one."""
        return self.crop_en if language == "en" and self.crop_en else self.crop

    def operator_in(self, language: str) -> str:
        """The operator as the interface names it: its English name in English when it has one."""
        return self.operator_en if language == "en" and self.operator_en else self.operator


@dataclass(frozen=True, slots=True)
class ShipmentRow:
    """One shipment (truckload) as the table shows it, with totals of its lines."""

    id: int
    ship_date: str
    ticket_no: str
    buyer_id: int
    buyer: str
    market_id: int | None
    market: str
    plate: str
    gross_g: int
    tare_g: int
    net_g: int
    deduction_g: int
    payment_status: str
    notes: str
    lines: int
    lines_net_g: int
    amount_fen: int
    certificates: str = ""  # the truck's certificate state, one of db.certification.coverage.TRUCK_STATES
    market_en: str = ""  # the market's English name, '' when it has none
    estimated_lines: int = 0  # lines whose weight was estimated from a count of packs

    def market_in(self, language: str) -> str:
        """The market as the interface names it: its English name in English when it has one."""
        return self.market_en if language == "en" and self.market_en else self.market


def _marks(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))


def _fetch_ids(db: Any, sql: str, params: Sequence[Any], out: array) -> None:
    # The subquery's ORDER BY is kept: SQLite never flattens an ordered subquery into an aggregate.
    text = db.execute(f"SELECT json_group_array(id) FROM ({sql})", list(params)).fetchone()[0]
    out.extend(array("q", json.loads(text)))


def _matching(alias: str, queries: list[str]) -> str:
    """A clause keeping the rows whose id one of the id queries returns (none when there are none)."""
    return f"{alias}.id IN ({' UNION ALL '.join(queries)})" if queries else "0"


def _id_queries(table: str, column: str, ids: Sequence[int], params: list[Any]) -> list[str]:
    """The query of the ids of `table` rows whose `column` is one of `ids` (none when ids is empty)."""
    if not ids:
        return []
    params.extend(ids)
    return [f"SELECT id FROM {table} WHERE {column} IN ({_marks(ids)})"]


class _Browser:
    """Shared machinery; subclasses name their table, sort keys and row shape."""

    table = ""
    alias = ""
    date_column = ""
    # sort key -> SQL ORDER BY expression over the table alias (ties are broken by id)
    sort_sql: dict[str, str] = {}
    # sort key -> (master table or tuple of codes in display order, column of this table): sorts done
    # group by group, each group read through an index in date order
    group_sorts: dict[str, tuple[str | tuple[str, ...], str]] = {}
    # numeric column key -> SQL expression summed for selection totals
    numeric_sql: dict[str, str] = {}
    default_sort = "date"

    def __init__(self, db: Any):
        self.db = db

    # ---- filtering
    def where(self, flt: BrowseFilter) -> tuple[list[str], list[Any]]:
        a = self.alias
        clauses: list[str] = []
        params: list[Any] = []
        if flt.start:
            clauses.append(f"{a}.{self.date_column} >= ?")
            params.append(flt.start)
        if flt.end:
            clauses.append(f"{a}.{self.date_column} <= ?")
            params.append(flt.end)
        self._where_more(flt, clauses, params)
        return clauses, params

    def _where_more(self, flt: BrowseFilter, clauses: list[str], params: list[Any]) -> None:
        raise NotImplementedError

    # ---- id lists
    def ids(
        self, flt: BrowseFilter = BrowseFilter(), sort: str | None = None, descending: bool = True
    ) -> array:
        """Ids of the rows passing `flt`, in display order (ties broken by id, in the same direction)."""
        out = array("q")
        for sql, params in self.id_queries(flt, sort, descending):
            _fetch_ids(self.db, sql, params, out)
        return out

    def id_queries(
        self, flt: BrowseFilter = BrowseFilter(), sort: str | None = None, descending: bool = True
    ) -> list[tuple[str, list[Any]]]:
        """The SELECTs of `ids`, whose results follow one another (tests read their query plans)."""
        sort = sort or self.default_sort
        clauses, params = self.where(flt)
        direction = "DESC" if descending else "ASC"
        a = self.alias
        if sort in self.group_sorts:
            return self._grouped_queries(sort, clauses, params, direction, bool(flt.search.strip()))
        if sort not in self.sort_sql:
            raise ValueError(f"cannot sort by {sort!r}")
        sql = f"SELECT {a}.id FROM {self.table} {a}{self._join_for_sort(sort)}"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += f" ORDER BY {self.sort_sql[sort]} {direction}, {a}.id {direction}"
        return [(sql, params)]

    def _join_for_sort(self, sort: str) -> str:
        return ""

    def _grouped_queries(
        self, sort: str, clauses: list[str], params: list[Any], direction: str, subset: bool
    ) -> list[tuple[str, list[Any]]]:
        master, column = self.group_sorts[sort]
        a = self.alias
        if isinstance(master, tuple):
            groups: list[Any] = list(master)
        else:
            groups = [r[0] for r in self.db.execute(f"SELECT id FROM {master} ORDER BY name, id")]
        order = f"{a}.{self.date_column} {direction}, {a}.id {direction}"
        base = " AND ".join(clauses)
        if subset:
            # A search keeps few rows, found through their own indexes: one query sorting them by the
            # group's place in name order beats a query per group, each finding them again.
            rank = f"CASE {a}.{column} {' '.join('WHEN ? THEN ?' for _ in groups)} ELSE ? END"
            ranks = [v for i, g in enumerate(groups) for v in (g, i)] + [len(groups)]
            sql = f"SELECT {a}.id FROM {self.table} {a} WHERE {base} ORDER BY {rank} {direction}, {order}"
            return [(sql, params + ranks)]
        if self._column_nullable(column):
            groups.append(None)  # rows without one sort after every name
        if direction == "DESC":
            groups.reverse()
        queries = []
        for group in groups:
            test = f"{a}.{column} IS NULL" if group is None else f"{a}.{column} = ?"
            where = f"{test} AND {base}" if base else test
            sql = f"SELECT {a}.id FROM {self.table} {a} WHERE {where} ORDER BY {order}"
            queries.append((sql, ([] if group is None else [group]) + params))
        return queries

    def _column_nullable(self, column: str) -> bool:
        return False

    def count(self, flt: BrowseFilter = BrowseFilter()) -> int:
        clauses, params = self.where(flt)
        sql = f"SELECT count(*) FROM {self.table} {self.alias}"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        return self.db.execute(sql, params).fetchone()[0]

    # ---- totals for the selection summary
    def totals(self, column: str, flt: BrowseFilter = BrowseFilter()) -> tuple[int, int]:
        """(rows, sum of the numeric column) over every row passing the filter."""
        clauses, params = self.where(flt)
        sql = f"SELECT count(*), coalesce(sum({self.numeric_sql[column]}), 0) FROM {self.table} {self.alias}"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        n, total = self.db.execute(sql, params).fetchone()
        return n, total

    def totals_of(self, column: str, ids: Iterable[int]) -> tuple[int, int]:
        """(rows found, sum of the numeric column) over the given ids."""
        ids = list(ids)
        n = total = 0
        expr = self.numeric_sql[column]
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            row = self.db.execute(
                f"SELECT count(*), coalesce(sum({expr}), 0) FROM {self.table} {self.alias} "
                f"WHERE {self.alias}.id IN ({_marks(chunk)})",
                chunk,
            ).fetchone()
            n += row[0]
            total += row[1]
        return n, total

    # ---- rows
    def rows(self, ids: Sequence[int]) -> dict[int, Any]:
        """Display rows of the given ids (missing ids are left out), keyed by id."""
        found: dict[int, Any] = {}
        ids = list(ids)
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            for row in self._rows(chunk):
                found[row.id] = row
        return found

    def _rows(self, ids: list[int]) -> list[Any]:
        raise NotImplementedError


class HarvestBrowser(_Browser):
    """The harvest lots table."""

    table = "harvests"
    alias = "h"
    date_column = "harvest_date"
    sort_sql = {
        "date": "h.harvest_date",
        "lot": "h.lot_code",
        "weight": "h.weight_g",
        "notes": "h.notes",
    }
    group_sorts = {
        "operator": ("operators", "operator_id"),
        "crop": ("crops", "crop_id"),
        "plot": ("plots", "plot_id"),
        "grade": (GRADE_ORDER, "grade"),
    }
    numeric_sql = {"weight": "h.weight_g"}

    def _column_nullable(self, column: str) -> bool:
        return column == "plot_id"

    def _where_more(self, flt: BrowseFilter, clauses: list[str], params: list[Any]) -> None:
        for column, values in (
            ("operator_id", flt.operator_ids),
            ("crop_id", flt.crop_ids),
            ("grade", flt.grades),
        ):
            if values:
                clauses.append(f"h.{column} IN ({_marks(values)})")
                params.extend(values)
        if flt.search.strip():
            t = search.terms(flt.search)
            queries, found = search.text_queries("harvests", [("lot_code", t.code), ("notes", t.plain)])
            for column, ids in (
                (
                    "operator_id",
                    search.name_ids(self.db, "operators", "operator_aliases", "operator_id", t.key),
                ),
                ("crop_id", search.name_ids(self.db, "crops", "crop_aliases", "crop_id", t.key)),
                ("plot_id", search.name_ids(self.db, "plots", None, "", t.key)),
            ):
                queries += _id_queries("harvests", column, ids, found)
            clauses.append(_matching("h", queries))
            params.extend(found)

    def _rows(self, ids: list[int]) -> list[HarvestRow]:
        sql = f"""
            SELECT h.id, h.harvest_date, h.lot_code, h.operator_id, o.name, h.plot_id,
                   coalesce(p.name, ''), h.crop_id, c.name, h.grade, h.weight_g, h.notes,
                   (SELECT count(*) FROM shipment_line_lots x WHERE x.harvest_id = h.id), c.name_en,
                   o.name_en, h.packs
            FROM harvests h
            JOIN operators o ON o.id = h.operator_id
            JOIN crops c ON c.id = h.crop_id
            LEFT JOIN plots p ON p.id = h.plot_id
            WHERE h.id IN ({_marks(ids)})"""
        return [HarvestRow(*r) for r in self.db.execute(sql, ids)]

    def lots_near(
        self, operator_id: int, crop_id: int, day: str, days: int = 3, limit: int = 200
    ) -> list[HarvestRow]:
        """Lots of an operator and crop harvested within `days` days before or on `day`, newest first."""
        rows = self.db.execute(
            "SELECT id FROM harvests WHERE operator_id = ? AND crop_id = ? "
            "AND harvest_date BETWEEN date(?, ?) AND date(?, '+1 day') "
            "ORDER BY harvest_date DESC, id DESC LIMIT ?",
            [operator_id, crop_id, day, f"-{int(days)} days", day, limit],
        ).fetchall()
        ids = [r[0] for r in rows]
        found = self.rows(ids)
        return [found[i] for i in ids if i in found]


class ShipmentBrowser(_Browser):
    """The shipments table: one row per shipment, with per-line filters over its lines."""

    table = "shipments"
    alias = "s"
    date_column = "ship_date"
    sort_sql = {
        "date": "s.ship_date",
        "ticket": "s.ticket_no",
        "plate": "s.plate",
        "net": "s.net_g",
        "lines": "s.line_count",
        "amount": "s.total_fen",
    }
    group_sorts = {
        "buyer": ("buyers", "buyer_id"),
        "market": ("markets", "market_id"),
        "status": (tuple(units.PAYMENT_STATUSES), "payment_status"),
    }
    numeric_sql = {
        "gross": "s.gross_g",
        "tare": "s.tare_g",
        "net": "s.net_g",
        "deduction": "s.deduction_g",
        "payable": "s.net_g - s.deduction_g",
        "lines": "s.line_count",
        "amount": "s.total_fen",
    }

    def _column_nullable(self, column: str) -> bool:
        return column == "market_id"

    def _where_more(self, flt: BrowseFilter, clauses: list[str], params: list[Any]) -> None:
        for column, values in (
            ("buyer_id", flt.buyer_ids),
            ("market_id", flt.market_ids),
            ("payment_status", flt.payment_statuses),
        ):
            if values:
                clauses.append(f"s.{column} IN ({_marks(values)})")
                params.extend(values)
        line_terms: list[str] = []
        for column, values in (
            ("operator_id", flt.operator_ids),
            ("crop_id", flt.crop_ids),
            ("grade", flt.grades),
        ):
            if values:
                line_terms.append(f"l.{column} IN ({_marks(values)})")
                params.extend(values)
        if line_terms:
            # A set of shipment ids read from the (operator|crop, shipment_id, …) covering indexes:
            # one index range per filter value instead of probing each shipment's lines.
            clauses.append(
                "s.id IN (SELECT l.shipment_id FROM shipment_lines l WHERE " + " AND ".join(line_terms) + ")"
            )
        if flt.search.strip():
            self._search(flt.search, clauses, params)
        if flt.certificate_states:
            clauses.append(f"{coverage.TRUCK_STATE_SQL} IN ({_marks(flt.certificate_states)})")
            params.extend(flt.certificate_states)

    def _search(self, text: str, clauses: list[str], params: list[Any]) -> None:
        t = search.terms(text)
        code = t.code
        queries, found = search.text_queries(
            "shipments", [("ticket_no", t.code), ("plate", t.code), ("notes", t.plain)]
        )
        for column, ids in (
            ("buyer_id", search.name_ids(self.db, "buyers", None, "", t.key)),
            ("market_id", search.name_ids(self.db, "markets", "market_aliases", "market_id", t.key)),
        ):
            queries += _id_queries("shipments", column, ids, found)
        # A shipment carrying an operator's or a crop's goods: read from the (operator|crop,
        # shipment_id, …) covering indexes of its lines.
        for column, ids in (
            ("operator_id", search.name_ids(self.db, "operators", "operator_aliases", "operator_id", t.key)),
            ("crop_id", search.name_ids(self.db, "crops", "crop_aliases", "crop_id", t.key)),
        ):
            if ids:
                queries.append(f"SELECT shipment_id FROM shipment_lines WHERE {column} IN ({_marks(ids)})")
                found.extend(ids)
        # A lot code finds the shipments that carried the lot (traced forward through its lines).
        lot_ids = (
            [
                r[0]
                for r in self.db.execute(
                    "SELECT id FROM harvests WHERE lot_code >= ? AND lot_code < ? LIMIT 1000",
                    [code, code + "\U0010ffff"],
                )
            ]
            if code.startswith("L") and len(code) >= 9
            else []
        )
        if lot_ids:
            queries.append(
                "SELECT l.shipment_id FROM shipment_line_lots x "
                f"JOIN shipment_lines l ON l.id = x.line_id WHERE x.harvest_id IN ({_marks(lot_ids)})"
            )
            found.extend(lot_ids)
        clauses.append(_matching("s", queries))
        params.extend(found)

    def _rows(self, ids: list[int]) -> list[ShipmentRow]:
        marks = _marks(ids)
        sql = f"""
            SELECT s.id, s.ship_date, s.ticket_no, s.buyer_id, b.name, s.market_id,
                   coalesce(m.name, ''), s.plate, s.gross_g, s.tare_g, s.net_g, s.deduction_g,
                   s.payment_status, s.notes,
                   coalesce(t.n, 0), coalesce(t.net, 0), coalesce(t.amount, 0),
                   {coverage.TRUCK_STATE_SQL}, coalesce(m.name_en, ''), coalesce(t.estimated, 0)
            FROM shipments s
            JOIN buyers b ON b.id = s.buyer_id
            LEFT JOIN markets m ON m.id = s.market_id
            LEFT JOIN (SELECT shipment_id, count(*) AS n, sum(net_g) AS net, sum(amount_fen) AS amount,
                              sum(packs != '') AS estimated
                       FROM shipment_lines WHERE shipment_id IN ({marks}) GROUP BY shipment_id) t
                   ON t.shipment_id = s.id
            WHERE s.id IN ({marks})"""
        return [ShipmentRow(*r) for r in self.db.execute(sql, ids + ids)]

    def line_summary(self, shipment_id: int) -> list[tuple[str, str, str, int, int, int]]:
        """(operator, crop, grade, net_g, effective price, amount_fen) of each line, for tooltips."""
        return [
            tuple(r)
            for r in self.db.execute(
                "SELECT o.name, c.name, l.grade, l.net_g, coalesce(l.settled_price, l.agreed_price), "
                "l.amount_fen FROM shipment_lines l JOIN operators o ON o.id = l.operator_id "
                "JOIN crops c ON c.id = l.crop_id WHERE l.shipment_id = ? ORDER BY l.line_no, l.id",
                [shipment_id],
            )
        ]


@dataclass(frozen=True, slots=True)
class CertificateRow:
    """One line of the certificate register as the table shows it."""

    id: int
    cert_no: str
    issue_date: str
    operator_id: int
    operator: str
    crop_id: int
    product: str
    weight_g: int
    ticket_no: str  # '' for a certificate issued without a shipment
    buyer: str
    status: str  # 'valid' or 'void'
    void_reason: str
    replaces_no: str  # number of the certificate this one replaced, or ''
    state: str = ""  # 'valid', 'stale' (no longer matches its truck: reissue it) or 'void'


class CertificateBrowser(_Browser):
    """The certificate register (about 20,000 a year, kept for years): newest first by default.

    Ticket and buyer belong to the certificate's shipment; searching or filtering by them reads the
    matching shipment ids first, then the certificates through their shipment index.
    """

    table = "certificates"
    alias = "c"
    date_column = "issue_date"
    sort_sql = {
        "date": "c.issue_date",
        "number": "c.cert_no",
        "weight": "c.weight_g",
        "ticket": "s.ticket_no",
    }
    group_sorts = {
        "operator": ("operators", "operator_id"),
        "product": ("crops", "crop_id"),
        "status": (tuple(units.CERTIFICATE_STATUSES), "status"),
    }
    numeric_sql = {"weight": "c.weight_g"}

    def _join_for_sort(self, sort: str) -> str:
        return " LEFT JOIN shipments s ON s.id = c.shipment_id" if sort == "ticket" else ""

    def _where_more(self, flt: BrowseFilter, clauses: list[str], params: list[Any]) -> None:
        for column, values in (("operator_id", flt.operator_ids), ("crop_id", flt.crop_ids)):
            if values:
                clauses.append(f"c.{column} IN ({_marks(values)})")
                params.extend(values)
        if flt.certificate_states:
            clauses.append(f"{coverage.register_state_sql()} IN ({_marks(flt.certificate_states)})")
            params.extend(flt.certificate_states)
        if flt.buyer_ids:
            clauses.append(
                f"c.shipment_id IN (SELECT id FROM shipments WHERE buyer_id IN ({_marks(flt.buyer_ids)}))"
            )
            params.extend(flt.buyer_ids)
        if flt.search.strip():
            t = search.terms(flt.search)
            queries, found = search.text_queries(
                "certificates", [("cert_no", t.code), ("issuer_name", t.plain)]
            )
            for column, ids in (
                (
                    "operator_id",
                    search.name_ids(self.db, "operators", "operator_aliases", "operator_id", t.key),
                ),
                ("crop_id", search.name_ids(self.db, "crops", "crop_aliases", "crop_id", t.key)),
            ):
                queries += _id_queries("certificates", column, ids, found)
            # The truck's ticket and buyer: the matching shipments first, then their certificates.
            trucks, truck_params = search.text_queries("shipments", [("ticket_no", t.code)])
            trucks += _id_queries(
                "shipments", "buyer_id", search.name_ids(self.db, "buyers", None, "", t.key), truck_params
            )
            if trucks:
                queries.append(
                    f"SELECT id FROM certificates WHERE shipment_id IN ({' UNION ALL '.join(trucks)})"
                )
                found.extend(truck_params)
            clauses.append(_matching("c", queries))
            params.extend(found)

    def _rows(self, ids: list[int]) -> list[CertificateRow]:
        sql = f"""
            SELECT c.id, c.cert_no, c.issue_date, c.operator_id, o.name, c.crop_id, cr.name, c.weight_g,
                   coalesce(s.ticket_no, ''), coalesce(b.name, ''), c.status, c.void_reason,
                   coalesce(r.cert_no, ''), {coverage.register_state_sql()}
            FROM certificates c
            JOIN operators o ON o.id = c.operator_id
            JOIN crops cr ON cr.id = c.crop_id
            LEFT JOIN shipments s ON s.id = c.shipment_id
            LEFT JOIN buyers b ON b.id = s.buyer_id
            LEFT JOIN certificates r ON r.id = c.replaces_id
            WHERE c.id IN ({_marks(ids)})"""
        return [CertificateRow(*r) for r in self.db.execute(sql, ids)]
