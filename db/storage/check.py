"""Checking a database: SQLite's own checks, the domain's invariants, the audit chain; and the repair
of what can be recomputed (the daily summary tables and each shipment's totals).

Each check is a function `(db) -> list[Finding]`; `run_check` runs them in order with progress.
Nothing here writes except `repair`, which goes through the Store's write path in one
transaction and leaves an audit row per table it rewrote.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from db import units
from db.i18n import Text, translate
from db.storage import audit

EXAMPLES = 10  # how many offending records a finding names; the count covers them all

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Finding:
    """Something wrong: what (one line), how many records, a few examples, and whether `repair` fixes it."""

    check: str
    message: Text
    count: int = 1
    examples: tuple[str, ...] = ()
    repairable: bool = False


@dataclass
class CheckReport:
    checks: list[tuple[str, Text]] = field(default_factory=list)  # (key, title) of each check run
    findings: list[Finding] = field(default_factory=list)
    audit_entries: int = 0

    @property
    def ok(self) -> bool:
        return not self.findings

    @property
    def repairable(self) -> bool:
        return any(f.repairable for f in self.findings)


def kg(grams: int) -> str:
    return f"{units.plain_kg(grams)} kg"


def yuan(fen: int) -> str:
    return f"{units.plain_yuan(fen)} 元"


def _conn(db: Any) -> Any:
    return getattr(db, "conn", db)


def _rows(db: Any, sql: str, params: Any = ()) -> list[tuple]:
    return _conn(db).execute(sql, params).fetchall()


# ---------------------------------------------------------------------------------------------------
# SQLite's own checks


def integrity(db: Any) -> list[Finding]:
    """PRAGMA integrity_check: the file's structure (pages, indexes, constraints)."""
    messages = [r[0] for r in _rows(db, "PRAGMA integrity_check(100)")]
    if messages == ["ok"]:
        return []
    if all(m.startswith("CHECK constraint failed") for m in messages):
        # The pages are sound; records were edited outside the program past the rules the file declares.
        return [
            Finding(
                "integrity",
                translate(
                    "db",
                    "{n} record(s) break the rules the file itself declares (edited outside the program)",
                ).format(n=len(messages)),
                len(messages),
                tuple(messages[:EXAMPLES]),
            )
        ]
    return [
        Finding(
            "integrity",
            translate(
                "db",
                "the file is damaged: SQLite's integrity check found {n} problem(s); restore a backup",
            ).format(n=len(messages)),
            len(messages),
            tuple(messages[:EXAMPLES]),
        )
    ]


def foreign_keys(db: Any) -> list[Finding]:
    """PRAGMA foreign_key_check: every reference points at an existing record."""
    rows = _rows(db, "PRAGMA foreign_key_check")
    if not rows:
        return []
    examples = tuple(f"{table} #{rowid} → {parent}" for table, rowid, parent, _fk in rows[:EXAMPLES])
    return [
        Finding(
            "foreign_keys",
            translate("db", "{n} record(s) refer to records that do not exist").format(n=len(rows)),
            len(rows),
            examples,
        )
    ]


# ---------------------------------------------------------------------------------------------------
# Weights


def net_weights(db: Any) -> list[Finding]:
    """Each truck's net weight is its gross minus its tare."""
    rows = _rows(
        db,
        "SELECT ticket_no, gross_g, tare_g, net_g FROM shipments WHERE net_g IS NOT gross_g - tare_g ORDER BY id",
    )
    if not rows:
        return []
    return [
        Finding(
            "net_weights",
            translate("db", "{n} shipment(s) whose net weight is not gross minus tare").format(n=len(rows)),
            len(rows),
            tuple(f"{t}: {kg(g)} − {kg(ta)} ≠ {kg(n)}" for t, g, ta, n in rows[:EXAMPLES]),
        )
    ]


def lines_against_truck(db: Any) -> list[Finding]:
    """The lines of a truck add up to its weight on the weighbridge.

    Today's rule: the lines' net weights sum to the truck's net weight (gross − tare). When
    deductions are apportioned to the lines, this is the one place to compare them with the
    payable weight (net − deduction) instead.
    """
    rows = _rows(
        db,
        """
        SELECT s.ticket_no, s.net_g, sum(l.net_g) FROM shipments s JOIN shipment_lines l ON l.shipment_id = s.id
        GROUP BY s.id HAVING sum(l.net_g) <> s.net_g ORDER BY s.id
        """,
    )
    found = []
    if rows:
        found.append(
            Finding(
                "lines_against_truck",
                translate("db", "{n} shipment(s) whose lines do not add up to the truck's net weight").format(
                    n=len(rows)
                ),
                len(rows),
                tuple(f"{t}: {kg(lines)} ≠ {kg(net)}" for t, net, lines in rows[:EXAMPLES]),
            )
        )
    # The deduction is shared out to the lines to the gram: their payable weights add up to the
    # lines' net less the truck's deduction (db.deductions).
    unbilled = _rows(
        db,
        """
        SELECT s.ticket_no, sum(l.net_g) - s.deduction_g, sum(l.payable_g)
        FROM shipments s JOIN shipment_lines l ON l.shipment_id = s.id
        GROUP BY s.id HAVING sum(l.payable_g) <> sum(l.net_g) - s.deduction_g ORDER BY s.id
        """,
    )
    if unbilled:
        found.append(
            Finding(
                "lines_against_truck",
                translate(
                    "db",
                    "{n} shipment(s) whose lines' payable weights do not add up to net less the deduction",
                ).format(n=len(unbilled)),
                len(unbilled),
                tuple(f"{t}: {kg(paid)} ≠ {kg(due)}" for t, due, paid in unbilled[:EXAMPLES]),
            )
        )
    return found


# ---------------------------------------------------------------------------------------------------
# Summaries kept by triggers, against a recomputation from the records

EXPECTED_SHIPMENT_DAILY = """
    SELECT s.ship_date, s.buyer_id, coalesce(s.market_id, 0), l.operator_id, l.crop_id, l.grade,
           sum(l.net_g), sum(l.amount_fen), count(*),
           min(coalesce(l.settled_price, l.agreed_price)), max(coalesce(l.settled_price, l.agreed_price)),
           sum(l.payable_g)
    FROM shipment_lines l JOIN shipments s ON s.id = l.shipment_id
    GROUP BY 1, 2, 3, 4, 5, 6
"""
STORED_SHIPMENT_DAILY = """
    SELECT day, buyer_id, market_key, operator_id, crop_id, grade, net_g, amount_fen, lines, min_price, max_price,
           payable_g
    FROM shipment_daily
"""
# The monthly rollup the charts read (migration 0017), against the daily summary regrouped by month.
EXPECTED_SHIPMENT_MONTHLY = """
    SELECT substr(day, 1, 7) || '-01', buyer_id, market_key, operator_id, crop_id, grade, sum(net_g),
           sum(payable_g), sum(amount_fen), sum(lines), min(min_price), max(max_price)
    FROM shipment_daily WHERE lines > 0 GROUP BY 1, 2, 3, 4, 5, 6
"""
STORED_SHIPMENT_MONTHLY = """
    SELECT day, buyer_id, market_key, operator_id, crop_id, grade, net_g, payable_g, amount_fen, lines,
           min_price, max_price
    FROM shipment_monthly
"""
EXPECTED_HARVEST_DAILY = """
    SELECT harvest_date, operator_id, crop_id, coalesce(plot_id, 0), grade, sum(weight_g), count(*)
    FROM harvests GROUP BY 1, 2, 3, 4, 5
"""
STORED_HARVEST_DAILY = "SELECT day, operator_id, crop_id, plot_key, grade, weight_g, lots FROM harvest_daily"
SHIPMENT_TOTALS_WRONG = """
    SELECT s.id, s.ticket_no, s.line_count, s.total_fen, coalesce(t.n, 0), coalesce(t.fen, 0)
    FROM shipments s LEFT JOIN (
        SELECT shipment_id, count(*) AS n, sum(amount_fen) AS fen FROM shipment_lines GROUP BY shipment_id
    ) t ON t.shipment_id = s.id
    WHERE s.line_count IS NOT coalesce(t.n, 0) OR s.total_fen IS NOT coalesce(t.fen, 0)
    ORDER BY s.id
"""


def _difference(db: Any, expected: str, stored: str) -> tuple[int, list[tuple]]:
    missing = _rows(db, f"SELECT * FROM ({expected} EXCEPT {stored}) LIMIT {EXAMPLES}")
    n_missing = _rows(db, f"SELECT count(*) FROM ({expected} EXCEPT {stored})")[0][0]
    n_extra = _rows(db, f"SELECT count(*) FROM ({stored} EXCEPT {expected})")[0][0]
    return n_missing + n_extra, missing


def _shipment_summaries(db: Any) -> tuple[int, list[tuple]]:
    """Rows of the daily shipment summary that differ from the lines, and of its monthly rollup
    that differ from the daily rows (both are repaired together)."""
    n, examples = _difference(db, EXPECTED_SHIPMENT_DAILY, STORED_SHIPMENT_DAILY)
    return n + _difference(db, EXPECTED_SHIPMENT_MONTHLY, STORED_SHIPMENT_MONTHLY)[0], examples


def shipment_daily(db: Any) -> list[Finding]:
    """The daily shipment summary equals a recomputation from the shipment lines, and its monthly
    rollup the daily rows regrouped."""
    n, examples = _shipment_summaries(db)
    if not n:
        return []
    return [
        Finding(
            "shipment_daily",
            translate(
                "db",
                "the daily shipment summary differs from the shipment lines in {n} row(s); repair recomputes it",
            ).format(n=n),
            n,
            tuple(f"{r[0]}: {kg(r[6])}" for r in examples),
            repairable=True,
        )
    ]


def harvest_daily(db: Any) -> list[Finding]:
    """The daily harvest summary equals a recomputation from the harvests."""
    n, examples = _difference(db, EXPECTED_HARVEST_DAILY, STORED_HARVEST_DAILY)
    if not n:
        return []
    return [
        Finding(
            "harvest_daily",
            translate(
                "db",
                "the daily harvest summary differs from the harvests in {n} row(s); repair recomputes it",
            ).format(n=n),
            n,
            tuple(f"{r[0]}: {kg(r[5])}" for r in examples),
            repairable=True,
        )
    ]


def shipment_totals(db: Any) -> list[Finding]:
    """Each shipment's line count and total equal its lines."""
    rows = _rows(db, SHIPMENT_TOTALS_WRONG)
    if not rows:
        return []
    return [
        Finding(
            "shipment_totals",
            translate(
                "db",
                "{n} shipment(s) whose line count or total differs from their lines; repair recomputes them",
            ).format(n=len(rows)),
            len(rows),
            tuple(f"{r[1]}: {r[2]} / {yuan(r[3])} ≠ {r[4]} / {yuan(r[5])}" for r in rows[:EXAMPLES]),
            repairable=True,
        )
    ]


def balances(db: Any) -> list[Finding]:
    """Each buyer's balance as the program shows it equals shipments minus payments from the records."""
    from db import queries

    shown = {b.buyer_id: b.balance_fen for b in queries.buyer_balances(db)}
    actual = dict(
        _rows(
            db,
            """
            SELECT b.id,
                   coalesce((SELECT sum(l.amount_fen) FROM shipment_lines l JOIN shipments s ON s.id = l.shipment_id
                             WHERE s.buyer_id = b.id), 0)
                 - coalesce((SELECT sum(p.amount_fen) FROM payments p WHERE p.buyer_id = b.id), 0)
            FROM buyers b
            """,
        )
    )
    names = {b.buyer_id: b.name for b in queries.buyer_balances(db)}
    wrong = [(names[b], fen, actual.get(b, 0)) for b, fen in sorted(shown.items()) if fen != actual.get(b, 0)]
    if not wrong:
        return []
    return [
        Finding(
            "balances",
            translate(
                "db",
                "{n} buyer balance(s) differ from shipments minus payments; repair recomputes the summaries",
            ).format(n=len(wrong)),
            len(wrong),
            tuple(f"{b}: {yuan(shown_fen)} ≠ {yuan(real)}" for b, shown_fen, real in wrong[:EXAMPLES]),
            repairable=True,
        )
    ]


# ---------------------------------------------------------------------------------------------------
# Certificates


def certificate_numbers(db: Any) -> list[Finding]:
    """No certificate number is used twice (also not with other spaces or letter case)."""
    rows = _rows(
        db,
        """
        SELECT upper(trim(cert_no)), count(*) FROM certificates GROUP BY upper(trim(cert_no))
        HAVING count(*) > 1 ORDER BY 1
        """,
    )
    if not rows:
        return []
    return [
        Finding(
            "certificate_numbers",
            translate("db", "{n} certificate number(s) used more than once").format(n=len(rows)),
            len(rows),
            tuple(f"{no} ×{n}" for no, n in rows[:EXAMPLES]),
        )
    ]


def certificate_weights(db: Any) -> list[Finding]:
    """Each valid certificate of a truck states the weight of its operator's lines of that crop."""
    rows = _rows(
        db,
        """
        SELECT c.cert_no, c.weight_g, coalesce((
            SELECT sum(l.net_g) FROM shipment_lines l
            WHERE l.shipment_id = c.shipment_id AND l.operator_id = c.operator_id AND l.crop_id = c.crop_id
        ), 0) AS lines_g
        FROM certificates c
        WHERE c.status = 'valid' AND c.shipment_id IS NOT NULL AND c.weight_g <> lines_g
        ORDER BY c.id
        """,
    )
    if not rows:
        return []
    return [
        Finding(
            "certificate_weights",
            translate(
                "db", "{n} valid certificate(s) whose weight differs from their lines on the truck"
            ).format(n=len(rows)),
            len(rows),
            tuple(f"{no}: {kg(w)} ≠ {kg(lines)}" for no, w, lines in rows[:EXAMPLES]),
        )
    ]


# ---------------------------------------------------------------------------------------------------
# Running and repairing


def audit_chain(db: Any) -> list[Finding]:
    """Every audit row's hash follows from its content and the row before."""
    if "hash" not in {r[1] for r in _rows(db, "PRAGMA table_info(audit_log)")}:
        return []
    _checked, broken = audit.verify_chain(db)
    if broken is None:
        return []
    return [Finding("audit_chain", broken.message, 1, (str(broken.row_id),))]


def _titles() -> list[tuple[str, Callable[[Any], list[Finding]], Text]]:
    return [
        ("integrity", integrity, translate("db", "file structure (integrity check)")),
        ("foreign_keys", foreign_keys, translate("db", "references between records")),
        ("net_weights", net_weights, translate("db", "net weight = gross − tare")),
        ("lines_against_truck", lines_against_truck, translate("db", "lines against the truck's weight")),
        ("shipment_daily", shipment_daily, translate("db", "daily shipment summary")),
        ("harvest_daily", harvest_daily, translate("db", "daily harvest summary")),
        ("shipment_totals", shipment_totals, translate("db", "shipment line counts and totals")),
        ("balances", balances, translate("db", "buyer balances")),
        ("certificate_numbers", certificate_numbers, translate("db", "certificate numbers unique")),
        (
            "certificate_weights",
            certificate_weights,
            translate("db", "certificate weights against their lines"),
        ),
        ("audit_chain", audit_chain, translate("db", "audit log chain")),
    ]


def run_check(db: Any, progress: Progress | None = None) -> CheckReport:
    """Run every check; `progress(done, total, title)` before each (it may raise to stop)."""
    report = CheckReport()
    checks = _titles()
    for n, (key, fn, title) in enumerate(checks):
        if progress:
            progress(n, len(checks), title)
        report.checks.append((key, title))
        report.findings.extend(fn(db))
    report.audit_entries = _rows(db, "SELECT count(*) FROM audit_log")[0][0]
    if progress:
        progress(len(checks), len(checks), "")
    return report


@dataclass(frozen=True)
class RepairResult:
    shipment_daily: int  # rows that differed before the repair
    harvest_daily: int
    shipment_totals: int

    @property
    def changed(self) -> int:
        return self.shipment_daily + self.harvest_daily + self.shipment_totals


def repair(store: Any) -> RepairResult:
    """Recompute the daily summaries and each shipment's totals from the records, in one transaction
    through the Store's write path, with an audit row per table rewritten. Records are never changed."""
    db = store.db
    with store.write():
        daily, _ = _shipment_summaries(db)
        harvest, _ = _difference(db, EXPECTED_HARVEST_DAILY, STORED_HARVEST_DAILY)
        totals = len(_rows(db, SHIPMENT_TOTALS_WRONG))
        if daily:
            # The rollup emptied first: the daily rows' triggers then build it again as they go in.
            db.execute("DELETE FROM shipment_monthly")
            db.execute("DELETE FROM shipment_daily")
            db.execute(
                "INSERT INTO shipment_daily (day, buyer_id, market_key, operator_id, crop_id, grade, net_g, "
                f"amount_fen, lines, min_price, max_price, payable_g) {EXPECTED_SHIPMENT_DAILY}"
            )
            store.audit("update", "shipment_daily", 0, {"rows_differing": daily}, {"recomputed": True})
        if harvest:
            db.execute("DELETE FROM harvest_daily")
            db.execute(
                f"INSERT INTO harvest_daily (day, operator_id, crop_id, plot_key, grade, weight_g, lots) "
                f"{EXPECTED_HARVEST_DAILY}"
            )
            store.audit("update", "harvest_daily", 0, {"rows_differing": harvest}, {"recomputed": True})
        if totals:
            db.execute(
                """
                UPDATE shipments SET
                    line_count = (SELECT count(*) FROM shipment_lines l WHERE l.shipment_id = shipments.id),
                    total_fen = (SELECT coalesce(sum(amount_fen), 0) FROM shipment_lines l
                                 WHERE l.shipment_id = shipments.id)
                WHERE id IN (SELECT id FROM ({SHIPMENT_TOTALS_WRONG}))
                """.replace("{SHIPMENT_TOTALS_WRONG}", SHIPMENT_TOTALS_WRONG)
            )
            store.audit("update", "shipments", 0, {"rows_differing": totals}, {"recomputed": True})
    return RepairResult(daily, harvest, totals)
