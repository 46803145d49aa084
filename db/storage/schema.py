"""Schema migrations (sqlite-utils Migrations); an applied migration is never edited, only added to."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from db import deductions, units

# 'FJGT': marks a file as this program's database (PRAGMA application_id).
APPLICATION_ID = 0x464A4754
MIGRATION_SET = "fujiang"

migrations = Migrations(MIGRATION_SET)


def _run(db: Database, statements: str) -> None:
    # executescript() would COMMIT the migration's transaction, so statements run one by one.
    for statement in _split(statements):
        db.execute(statement)


def _split(script: str) -> list[str]:
    """Split a script at top-level semicolons; trigger bodies (BEGIN … END;) stay whole."""
    out, current, depth = [], [], 0
    for line in script.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("--"):
            continue
        current.append(line)
        upper = stripped.upper()
        if upper.endswith("BEGIN"):
            depth += 1
        if upper in ("END;", "END"):
            depth -= 1
        if depth == 0 and stripped.endswith(";"):
            out.append("\n".join(current))
            current = []
    if current:
        out.append("\n".join(current))
    return out


GRADE_CHECK = "grade IN ('special', 'first', 'second', 'ungraded', 'substandard')"

_MASTER = """
CREATE TABLE operators (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    short_name TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL CHECK (kind IN ('coop', 'family_farm', 'company')),
    side TEXT NOT NULL CHECK (side IN ('suining', 'tongnan')),
    town TEXT NOT NULL DEFAULT '',
    credit_code TEXT NOT NULL DEFAULT '',
    contact TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    area_mu_x100 INTEGER NOT NULL DEFAULT 0 CHECK (area_mu_x100 >= 0),
    archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    notes TEXT NOT NULL DEFAULT ''
);
CREATE TABLE operator_aliases (
    alias TEXT PRIMARY KEY,
    operator_id INTEGER NOT NULL REFERENCES operators(id) ON DELETE CASCADE
);
CREATE INDEX idx_operator_aliases_operator ON operator_aliases(operator_id);
CREATE TABLE plots (
    id INTEGER PRIMARY KEY,
    operator_id INTEGER NOT NULL REFERENCES operators(id),
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    area_mu_x100 INTEGER NOT NULL DEFAULT 0 CHECK (area_mu_x100 >= 0),
    village TEXT NOT NULL DEFAULT '',
    archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    notes TEXT NOT NULL DEFAULT '',
    UNIQUE (operator_id, name)
);
CREATE TABLE crops (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    name_en TEXT NOT NULL DEFAULT '',
    season_months TEXT NOT NULL DEFAULT '',
    price_low INTEGER NOT NULL DEFAULT 0 CHECK (price_low >= 0),
    price_high INTEGER NOT NULL DEFAULT 0 CHECK (price_high >= price_low),
    archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
);
CREATE TABLE crop_aliases (
    alias TEXT PRIMARY KEY,
    crop_id INTEGER NOT NULL REFERENCES crops(id) ON DELETE CASCADE
);
CREATE INDEX idx_crop_aliases_crop ON crop_aliases(crop_id);
CREATE TABLE markets (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    district TEXT NOT NULL DEFAULT '',
    city TEXT NOT NULL DEFAULT '',
    archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
);
CREATE TABLE market_aliases (
    alias TEXT PRIMARY KEY,
    market_id INTEGER NOT NULL REFERENCES markets(id) ON DELETE CASCADE
);
CREATE INDEX idx_market_aliases_market ON market_aliases(market_id);
CREATE TABLE buyers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    kind TEXT NOT NULL CHECK (kind IN ('broker', 'wholesaler', 'distributor', 'supermarket', 'trader')),
    home_base TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    default_market_id INTEGER REFERENCES markets(id),
    archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    notes TEXT NOT NULL DEFAULT ''
);
CREATE TABLE buyer_plates (
    plate TEXT PRIMARY KEY,
    buyer_id INTEGER NOT NULL REFERENCES buyers(id) ON DELETE CASCADE
);
CREATE INDEX idx_buyer_plates_buyer ON buyer_plates(buyer_id);
"""

_TRADE = f"""
CREATE TABLE harvests (
    id INTEGER PRIMARY KEY,
    harvest_date TEXT NOT NULL CHECK (harvest_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    operator_id INTEGER NOT NULL REFERENCES operators(id),
    plot_id INTEGER REFERENCES plots(id),
    crop_id INTEGER NOT NULL REFERENCES crops(id),
    grade TEXT NOT NULL DEFAULT 'ungraded' CHECK ({GRADE_CHECK}),
    weight_g INTEGER NOT NULL CHECK (weight_g > 0),
    lot_code TEXT NOT NULL UNIQUE CHECK (length(lot_code) > 0),
    notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX idx_harvests_date ON harvests(harvest_date);
CREATE INDEX idx_harvests_operator_date ON harvests(operator_id, harvest_date);
CREATE INDEX idx_harvests_crop_date ON harvests(crop_id, harvest_date);
CREATE INDEX idx_harvests_plot ON harvests(plot_id);
CREATE TRIGGER harvests_plot_owner_insert BEFORE INSERT ON harvests
WHEN NEW.plot_id IS NOT NULL
 AND (SELECT operator_id FROM plots WHERE id = NEW.plot_id) IS NOT NEW.operator_id
BEGIN
    SELECT RAISE(ABORT, 'plot does not belong to the operator');
END;
CREATE TRIGGER harvests_plot_owner_update BEFORE UPDATE OF plot_id, operator_id ON harvests
WHEN NEW.plot_id IS NOT NULL
 AND (SELECT operator_id FROM plots WHERE id = NEW.plot_id) IS NOT NEW.operator_id
BEGIN
    SELECT RAISE(ABORT, 'plot does not belong to the operator');
END;

CREATE TABLE shipments (
    id INTEGER PRIMARY KEY,
    ship_date TEXT NOT NULL CHECK (ship_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    ticket_no TEXT NOT NULL UNIQUE CHECK (length(trim(ticket_no)) > 0),
    buyer_id INTEGER NOT NULL REFERENCES buyers(id),
    market_id INTEGER REFERENCES markets(id),
    plate TEXT NOT NULL DEFAULT '',
    gross_g INTEGER NOT NULL CHECK (gross_g > 0),
    tare_g INTEGER NOT NULL CHECK (tare_g >= 0),
    net_g INTEGER NOT NULL CHECK (net_g > 0 AND net_g = gross_g - tare_g),
    deduction_g INTEGER NOT NULL DEFAULT 0 CHECK (deduction_g >= 0 AND deduction_g < net_g),
    deduction_pct_x100 INTEGER CHECK (deduction_pct_x100 IS NULL
        OR (deduction_pct_x100 >= 0 AND deduction_pct_x100 < 10000)),
    payment_status TEXT NOT NULL DEFAULT 'unpaid'
        CHECK (payment_status IN ('unpaid', 'partial', 'paid')),
    notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX idx_shipments_date ON shipments(ship_date, buyer_id, market_id);
CREATE INDEX idx_shipments_buyer_date ON shipments(buyer_id, ship_date);
CREATE INDEX idx_shipments_market_date ON shipments(market_id, ship_date);
CREATE INDEX idx_shipments_plate ON shipments(plate);

CREATE TABLE shipment_lines (
    id INTEGER PRIMARY KEY,
    shipment_id INTEGER NOT NULL REFERENCES shipments(id),
    line_no INTEGER NOT NULL DEFAULT 0,
    operator_id INTEGER NOT NULL REFERENCES operators(id),
    crop_id INTEGER NOT NULL REFERENCES crops(id),
    grade TEXT NOT NULL DEFAULT 'ungraded' CHECK ({GRADE_CHECK}),
    net_g INTEGER NOT NULL CHECK (net_g > 0),
    agreed_price INTEGER NOT NULL CHECK (agreed_price >= 0),
    settled_price INTEGER CHECK (settled_price IS NULL OR settled_price >= 0),
    amount_fen INTEGER NOT NULL
        CHECK (amount_fen = (net_g * coalesce(settled_price, agreed_price) + 50000) / 100000)
);
CREATE INDEX idx_lines_shipment ON shipment_lines(shipment_id, line_no);
CREATE INDEX idx_lines_operator ON shipment_lines(operator_id);
CREATE INDEX idx_lines_crop ON shipment_lines(crop_id);

CREATE TABLE shipment_line_lots (
    line_id INTEGER NOT NULL REFERENCES shipment_lines(id) ON DELETE CASCADE,
    harvest_id INTEGER NOT NULL REFERENCES harvests(id),
    PRIMARY KEY (line_id, harvest_id)
) WITHOUT ROWID;
CREATE INDEX idx_line_lots_harvest ON shipment_line_lots(harvest_id);

CREATE TABLE payments (
    id INTEGER PRIMARY KEY,
    buyer_id INTEGER NOT NULL REFERENCES buyers(id),
    pay_date TEXT NOT NULL CHECK (pay_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
    method TEXT NOT NULL CHECK (method IN ('cash', 'wechat', 'alipay', 'transfer')),
    reference TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX idx_payments_buyer_date ON payments(buyer_id, pay_date);
CREATE INDEX idx_payments_date ON payments(pay_date);

CREATE TABLE certificates (
    id INTEGER PRIMARY KEY,
    cert_no TEXT NOT NULL UNIQUE CHECK (length(cert_no) > 0),
    shipment_id INTEGER REFERENCES shipments(id),
    operator_id INTEGER NOT NULL REFERENCES operators(id),
    crop_id INTEGER NOT NULL REFERENCES crops(id),
    weight_g INTEGER NOT NULL CHECK (weight_g > 0),
    issue_date TEXT NOT NULL CHECK (issue_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    origin TEXT NOT NULL CHECK (length(trim(origin)) > 0),
    issuer_name TEXT NOT NULL CHECK (length(trim(issuer_name)) > 0),
    phone TEXT NOT NULL DEFAULT '',
    basis_quality_control INTEGER NOT NULL DEFAULT 0 CHECK (basis_quality_control IN (0, 1)),
    basis_self_test INTEGER NOT NULL DEFAULT 0 CHECK (basis_self_test IN (0, 1)),
    basis_commissioned_test INTEGER NOT NULL DEFAULT 0 CHECK (basis_commissioned_test IN (0, 1)),
    test_details TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'void')),
    void_reason TEXT NOT NULL DEFAULT '',
    voided_at TEXT,
    replaces_id INTEGER REFERENCES certificates(id),
    CHECK (basis_quality_control + basis_self_test + basis_commissioned_test >= 1),
    CHECK ((status = 'void') = (voided_at IS NOT NULL))
);
CREATE INDEX idx_certificates_shipment ON certificates(shipment_id);
CREATE INDEX idx_certificates_date ON certificates(issue_date);
CREATE INDEX idx_certificates_operator ON certificates(operator_id, issue_date);
-- A certificate number is never reused: rows are voided, never deleted.
CREATE TRIGGER certificates_never_deleted BEFORE DELETE ON certificates
BEGIN
    SELECT RAISE(ABORT, 'certificates are voided, never deleted');
END;

-- Sequences that must never hand out the same number twice (certificate numbers, lot codes).
CREATE TABLE counters (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'archive', 'restore')),
    table_name TEXT NOT NULL,
    row_id INTEGER NOT NULL,
    before TEXT,
    after TEXT
);
CREATE INDEX idx_audit_table_row ON audit_log(table_name, row_id);
CREATE INDEX idx_audit_at ON audit_log(at);
"""


# Daily summaries kept by triggers, so dashboards and charts stay fast at a million lines.
# A shipment's date, buyer or market cannot change while it has lines (the repository
# rewrites the lines around such a change), so the line triggers alone keep these exact.
def _ship_group(r: str) -> str:
    """Selects the summary row that line `r` (NEW or OLD) counts in."""
    return f"""rowid IN (SELECT d.rowid FROM shipment_daily d JOIN shipments s ON s.id = {r}.shipment_id
                    WHERE d.day = s.ship_date AND d.buyer_id = s.buyer_id
                      AND d.market_key = coalesce(s.market_id, 0) AND d.operator_id = {r}.operator_id
                      AND d.crop_id = {r}.crop_id AND d.grade = {r}.grade)"""


def _ship_add(r: str, payable: bool = False) -> str:
    # `payable`: the summary's payable_g column (from 0006 on); 0001 ran without it.
    col, val = (" payable_g,", f" {r}.payable_g,") if payable else ("", "")
    upd = "\n        payable_g = payable_g + excluded.payable_g," if payable else ""
    return f"""
    INSERT INTO shipment_daily (day, buyer_id, market_key, operator_id, crop_id, grade,
                                net_g,{col} amount_fen, lines, min_price, max_price)
    SELECT s.ship_date, s.buyer_id, coalesce(s.market_id, 0), {r}.operator_id, {r}.crop_id,
           {r}.grade, {r}.net_g,{val} {r}.amount_fen, 1,
           coalesce({r}.settled_price, {r}.agreed_price), coalesce({r}.settled_price, {r}.agreed_price)
    FROM shipments s WHERE s.id = {r}.shipment_id
    ON CONFLICT (day, buyer_id, market_key, operator_id, crop_id, grade) DO UPDATE SET
        net_g = net_g + excluded.net_g,{upd}
        amount_fen = amount_fen + excluded.amount_fen,
        lines = lines + 1,
        min_price = min(min_price, excluded.min_price),
        max_price = max(max_price, excluded.max_price);"""


def _ship_remove(r: str, payable: bool = False) -> str:
    # Min and max cannot be subtracted, so they are recomputed from the group's remaining lines.
    prices = """(SELECT coalesce(l.settled_price, l.agreed_price) AS p FROM shipment_lines l
                 JOIN shipments s2 ON s2.id = l.shipment_id
                 WHERE s2.ship_date = shipment_daily.day AND s2.buyer_id = shipment_daily.buyer_id
                   AND coalesce(s2.market_id, 0) = shipment_daily.market_key
                   AND l.operator_id = shipment_daily.operator_id
                   AND l.crop_id = shipment_daily.crop_id AND l.grade = shipment_daily.grade)"""
    sub = f" payable_g = payable_g - {r}.payable_g," if payable else ""
    return f"""
    UPDATE shipment_daily SET
        net_g = net_g - {r}.net_g,{sub} amount_fen = amount_fen - {r}.amount_fen, lines = lines - 1
    WHERE {_ship_group(r)};
    DELETE FROM shipment_daily WHERE lines = 0;
    UPDATE shipment_daily SET
        min_price = (SELECT min(p) FROM {prices}), max_price = (SELECT max(p) FROM {prices})
    WHERE {_ship_group(r)};"""


def _harvest_add(r: str) -> str:
    return f"""
    INSERT INTO harvest_daily (day, operator_id, crop_id, plot_key, grade, weight_g, lots)
    VALUES ({r}.harvest_date, {r}.operator_id, {r}.crop_id, coalesce({r}.plot_id, 0), {r}.grade,
            {r}.weight_g, 1)
    ON CONFLICT (day, operator_id, crop_id, plot_key, grade) DO UPDATE SET
        weight_g = weight_g + excluded.weight_g, lots = lots + 1;"""


def _harvest_remove(r: str) -> str:
    return f"""
    UPDATE harvest_daily SET weight_g = weight_g - {r}.weight_g, lots = lots - 1
    WHERE day = {r}.harvest_date AND operator_id = {r}.operator_id AND crop_id = {r}.crop_id
      AND plot_key = coalesce({r}.plot_id, 0) AND grade = {r}.grade;
    DELETE FROM harvest_daily WHERE lots = 0;"""


def _summaries() -> str:
    return f"""
CREATE TABLE shipment_daily (
    day TEXT NOT NULL,
    buyer_id INTEGER NOT NULL,
    market_key INTEGER NOT NULL,
    operator_id INTEGER NOT NULL,
    crop_id INTEGER NOT NULL,
    grade TEXT NOT NULL,
    net_g INTEGER NOT NULL,
    amount_fen INTEGER NOT NULL,
    lines INTEGER NOT NULL,
    min_price INTEGER,
    max_price INTEGER,
    PRIMARY KEY (day, buyer_id, market_key, operator_id, crop_id, grade)
);
CREATE INDEX idx_shipment_daily_crop ON shipment_daily(crop_id, day);
CREATE INDEX idx_shipment_daily_operator ON shipment_daily(operator_id, day);
CREATE INDEX idx_shipment_daily_market ON shipment_daily(market_key, day);
CREATE TABLE harvest_daily (
    day TEXT NOT NULL,
    operator_id INTEGER NOT NULL,
    crop_id INTEGER NOT NULL,
    plot_key INTEGER NOT NULL,
    grade TEXT NOT NULL,
    weight_g INTEGER NOT NULL,
    lots INTEGER NOT NULL,
    PRIMARY KEY (day, operator_id, crop_id, plot_key, grade)
);
CREATE INDEX idx_harvest_daily_crop ON harvest_daily(crop_id, day);
CREATE INDEX idx_harvest_daily_operator ON harvest_daily(operator_id, day);
CREATE TRIGGER shipment_lines_ai AFTER INSERT ON shipment_lines BEGIN {_ship_add("NEW")}
END;
CREATE TRIGGER shipment_lines_ad AFTER DELETE ON shipment_lines BEGIN {_ship_remove("OLD")}
END;
CREATE TRIGGER shipment_lines_au AFTER UPDATE ON shipment_lines BEGIN {_ship_remove("OLD")}
{_ship_add("NEW")}
END;
CREATE TRIGGER shipments_key_locked BEFORE UPDATE OF ship_date, buyer_id, market_id ON shipments
WHEN (NEW.ship_date IS NOT OLD.ship_date OR NEW.buyer_id IS NOT OLD.buyer_id
      OR NEW.market_id IS NOT OLD.market_id)
 AND EXISTS (SELECT 1 FROM shipment_lines WHERE shipment_id = OLD.id)
BEGIN
    SELECT RAISE(ABORT, 'rewrite the lines to change a shipment''s date, buyer or market');
END;
CREATE TRIGGER harvests_ai AFTER INSERT ON harvests BEGIN {_harvest_add("NEW")}
END;
CREATE TRIGGER harvests_ad AFTER DELETE ON harvests BEGIN {_harvest_remove("OLD")}
END;
CREATE TRIGGER harvests_au AFTER UPDATE ON harvests BEGIN {_harvest_remove("OLD")}
{_harvest_add("NEW")}
END;
"""


@migrations(name="0001_initial")
def _initial(db: Database) -> None:
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    _run(db, _MASTER)
    _run(db, _TRADE)
    _run(db, _summaries())


@migrations(name="0002_covering_summary_indexes")
def _covering_summary_indexes(db: Database) -> None:
    # Covering indexes: chart queries read totals straight from the index, sorted by key and day.
    _run(
        db,
        """
DROP INDEX idx_shipment_daily_crop;
DROP INDEX idx_shipment_daily_operator;
DROP INDEX idx_shipment_daily_market;
DROP INDEX idx_harvest_daily_crop;
DROP INDEX idx_harvest_daily_operator;
CREATE INDEX idx_shipment_daily_crop ON shipment_daily(crop_id, day, net_g, amount_fen, min_price, max_price);
CREATE INDEX idx_shipment_daily_operator ON shipment_daily(operator_id, day, net_g, amount_fen);
CREATE INDEX idx_shipment_daily_market ON shipment_daily(market_key, day, net_g, amount_fen);
CREATE INDEX idx_shipment_daily_buyer ON shipment_daily(buyer_id, day, net_g, amount_fen);
CREATE INDEX idx_shipment_daily_flow ON shipment_daily(operator_id, buyer_id, market_key, day, net_g);
CREATE INDEX idx_shipment_daily_day ON shipment_daily(day, net_g, amount_fen, min_price, max_price);
CREATE INDEX idx_harvest_daily_crop ON harvest_daily(crop_id, day, weight_g);
CREATE INDEX idx_harvest_daily_operator ON harvest_daily(operator_id, day, weight_g);
CREATE INDEX idx_harvest_daily_day ON harvest_daily(day, operator_id, crop_id, grade, weight_g);
""",
    )


@migrations(name="0003_browse_indexes_and_shipment_totals")
def _browse_indexes_and_shipment_totals(db: Database) -> None:
    # The shipments table sorts by line count and amount at a million rows, so each shipment
    # carries its lines' count and total, kept exact by triggers and indexed.
    _run(
        db,
        """
CREATE INDEX idx_harvests_weight ON harvests(weight_g);
CREATE INDEX idx_harvests_grade_date ON harvests(grade, harvest_date);
CREATE INDEX idx_shipments_status_date ON shipments(payment_status, ship_date);
CREATE INDEX idx_shipments_net ON shipments(net_g);
ALTER TABLE shipments ADD COLUMN line_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE shipments ADD COLUMN total_fen INTEGER NOT NULL DEFAULT 0;
UPDATE shipments SET
    line_count = (SELECT count(*) FROM shipment_lines l WHERE l.shipment_id = shipments.id),
    total_fen = (SELECT coalesce(sum(amount_fen), 0) FROM shipment_lines l WHERE l.shipment_id = shipments.id);
CREATE INDEX idx_shipments_line_count ON shipments(line_count);
CREATE INDEX idx_shipments_total ON shipments(total_fen);
CREATE TRIGGER shipment_totals_ai AFTER INSERT ON shipment_lines BEGIN
    UPDATE shipments SET line_count = line_count + 1, total_fen = total_fen + NEW.amount_fen
    WHERE id = NEW.shipment_id;
END;
CREATE TRIGGER shipment_totals_ad AFTER DELETE ON shipment_lines BEGIN
    UPDATE shipments SET line_count = line_count - 1, total_fen = total_fen - OLD.amount_fen
    WHERE id = OLD.shipment_id;
END;
CREATE TRIGGER shipment_totals_au AFTER UPDATE OF shipment_id, amount_fen ON shipment_lines BEGIN
    UPDATE shipments SET line_count = line_count - 1, total_fen = total_fen - OLD.amount_fen
    WHERE id = OLD.shipment_id;
    UPDATE shipments SET line_count = line_count + 1, total_fen = total_fen + NEW.amount_fen
    WHERE id = NEW.shipment_id;
END;
""",
    )


@migrations(name="0004_line_filter_indexes")
def _line_filter_indexes(db: Database) -> None:
    # The shipments table filtered by operator or crop reads the matching shipment ids straight
    # from these (covering) indexes instead of probing every shipment's lines.
    _run(
        db,
        """
DROP INDEX idx_lines_operator;
DROP INDEX idx_lines_crop;
CREATE INDEX idx_lines_operator ON shipment_lines(operator_id, shipment_id, crop_id, grade);
CREATE INDEX idx_lines_crop ON shipment_lines(crop_id, shipment_id, grade);
""",
    )


@migrations(name="0005_certificate_browse_indexes")
def _certificate_browse_indexes(db: Database) -> None:
    # The certificate register (about 20,000 a year, kept for years) is an id-list table: sorting
    # by product, status or weight reads ids through these indexes, product and status group by
    # group in date order like the operator sort does with idx_certificates_operator.
    _run(
        db,
        """
CREATE INDEX idx_certificates_crop ON certificates(crop_id, issue_date);
CREATE INDEX idx_certificates_status ON certificates(status, issue_date);
CREATE INDEX idx_certificates_weight ON certificates(weight_g);
""",
    )


_LINES_0006 = f"""
CREATE TABLE shipment_lines_0006 (
    id INTEGER PRIMARY KEY,
    shipment_id INTEGER NOT NULL REFERENCES shipments(id),
    line_no INTEGER NOT NULL DEFAULT 0,
    operator_id INTEGER NOT NULL REFERENCES operators(id),
    crop_id INTEGER NOT NULL REFERENCES crops(id),
    grade TEXT NOT NULL DEFAULT 'ungraded' CHECK ({GRADE_CHECK}),
    net_g INTEGER NOT NULL CHECK (net_g > 0),
    payable_g INTEGER NOT NULL CHECK (payable_g >= 0 AND payable_g <= net_g),
    agreed_price INTEGER NOT NULL CHECK (agreed_price >= 0),
    settled_price INTEGER CHECK (settled_price IS NULL OR settled_price >= 0),
    amount_fen INTEGER NOT NULL
        CHECK (amount_fen = (payable_g * coalesce(settled_price, agreed_price) + 50000) / 100000)
)"""

_LINE_TRIGGERS_0006 = f"""
CREATE INDEX idx_lines_shipment ON shipment_lines(shipment_id, line_no);
CREATE INDEX idx_lines_operator ON shipment_lines(operator_id, shipment_id, crop_id, grade);
CREATE INDEX idx_lines_crop ON shipment_lines(crop_id, shipment_id, grade);
CREATE TRIGGER shipment_lines_ai AFTER INSERT ON shipment_lines BEGIN {_ship_add("NEW", payable=True)}
END;
CREATE TRIGGER shipment_lines_ad AFTER DELETE ON shipment_lines BEGIN {_ship_remove("OLD", payable=True)}
END;
CREATE TRIGGER shipment_lines_au AFTER UPDATE ON shipment_lines BEGIN {_ship_remove("OLD", payable=True)}
{_ship_add("NEW", payable=True)}
END;
CREATE TRIGGER shipment_totals_ai AFTER INSERT ON shipment_lines BEGIN
    UPDATE shipments SET line_count = line_count + 1, total_fen = total_fen + NEW.amount_fen
    WHERE id = NEW.shipment_id;
END;
CREATE TRIGGER shipment_totals_ad AFTER DELETE ON shipment_lines BEGIN
    UPDATE shipments SET line_count = line_count - 1, total_fen = total_fen - OLD.amount_fen
    WHERE id = OLD.shipment_id;
END;
CREATE TRIGGER shipment_totals_au AFTER UPDATE OF shipment_id, amount_fen ON shipment_lines BEGIN
    UPDATE shipments SET line_count = line_count - 1, total_fen = total_fen - OLD.amount_fen
    WHERE id = OLD.shipment_id;
    UPDATE shipments SET line_count = line_count + 1, total_fen = total_fen + NEW.amount_fen
    WHERE id = NEW.shipment_id;
END;
CREATE TRIGGER shipments_key_locked BEFORE UPDATE OF ship_date, buyer_id, market_id ON shipments
WHEN (NEW.ship_date IS NOT OLD.ship_date OR NEW.buyer_id IS NOT OLD.buyer_id
      OR NEW.market_id IS NOT OLD.market_id)
 AND EXISTS (SELECT 1 FROM shipment_lines WHERE shipment_id = OLD.id)
BEGIN
    SELECT RAISE(ABORT, 'rewrite the lines to change a shipment''s date, buyer or market');
END;
"""


def _payable_rows(db: Database) -> Iterator[tuple[int, int, int]]:
    """(line id, payable grams, amount fen) of every stored line, the deduction apportioned."""
    sql = """SELECT s.id, s.deduction_g, l.id, l.net_g, coalesce(l.settled_price, l.agreed_price)
             FROM shipments s JOIN shipment_lines l ON l.shipment_id = s.id
             ORDER BY s.id, l.line_no, l.id"""
    for _, group in itertools.groupby(db.execute(sql), key=lambda r: r[0]):
        lines = list(group)
        nets = [r[3] for r in lines]
        # A truck whose deduction is more than its lines weigh (possible before 0006 checked it)
        # has every line at payable 0 rather than a database that cannot be opened.
        deduction = min(lines[0][1], sum(nets))
        for r, payable in zip(lines, deductions.payable_weights(deduction, nets), strict=True):
            yield r[2], payable, units.amount_fen(payable, r[4])


@migrations(name="0006_line_payable_weights")
def _line_payable_weights(db: Database) -> None:
    # The truck's deduction (扣重) is apportioned to its lines (db.deductions) and line amounts are
    # computed on the payable weight. The lines' CHECK on the amount changes, so the table is
    # rebuilt (SQLite's documented 12-step way: new table, copy, drop, rename); the lot links are
    # kept aside meanwhile, because dropping the old table would cascade-delete them. Then the
    # daily summary (with a new payable_g column) and the shipments' totals are recomputed.
    recomputed = list(_payable_rows(db))
    _run(
        db,
        f"""
CREATE TEMP TABLE line_lots_0006 AS SELECT line_id, harvest_id FROM shipment_line_lots;
DELETE FROM shipment_line_lots;
DROP TRIGGER shipments_key_locked;
{_LINES_0006};
INSERT INTO shipment_lines_0006 (id, shipment_id, line_no, operator_id, crop_id, grade, net_g,
                                 payable_g, agreed_price, settled_price, amount_fen)
    SELECT id, shipment_id, line_no, operator_id, crop_id, grade, net_g, net_g, agreed_price,
           settled_price, (net_g * coalesce(settled_price, agreed_price) + 50000) / 100000
    FROM shipment_lines;
DROP TABLE shipment_lines;
ALTER TABLE shipment_lines_0006 RENAME TO shipment_lines;
""",
    )
    db.conn.executemany(
        "UPDATE shipment_lines SET payable_g = ?, amount_fen = ? WHERE id = ?",
        ((payable, fen, line_id) for line_id, payable, fen in recomputed),
    )
    _run(
        db,
        f"""
INSERT INTO shipment_line_lots (line_id, harvest_id) SELECT line_id, harvest_id FROM temp.line_lots_0006;
DROP TABLE temp.line_lots_0006;
{_LINE_TRIGGERS_0006}
UPDATE shipments SET
    line_count = (SELECT count(*) FROM shipment_lines l WHERE l.shipment_id = shipments.id),
    total_fen = (SELECT coalesce(sum(amount_fen), 0) FROM shipment_lines l WHERE l.shipment_id = shipments.id);
ALTER TABLE shipment_daily ADD COLUMN payable_g INTEGER NOT NULL DEFAULT 0;
DELETE FROM shipment_daily;
INSERT INTO shipment_daily (day, buyer_id, market_key, operator_id, crop_id, grade,
                            net_g, payable_g, amount_fen, lines, min_price, max_price)
    SELECT s.ship_date, s.buyer_id, coalesce(s.market_id, 0), l.operator_id, l.crop_id, l.grade,
           sum(l.net_g), sum(l.payable_g), sum(l.amount_fen), count(*),
           min(coalesce(l.settled_price, l.agreed_price)), max(coalesce(l.settled_price, l.agreed_price))
    FROM shipment_lines l JOIN shipments s ON s.id = l.shipment_id
    GROUP BY s.ship_date, s.buyer_id, coalesce(s.market_id, 0), l.operator_id, l.crop_id, l.grade;
DROP INDEX idx_shipment_daily_crop;
DROP INDEX idx_shipment_daily_day;
CREATE INDEX idx_shipment_daily_crop
    ON shipment_daily(crop_id, day, net_g, payable_g, amount_fen, min_price, max_price);
CREATE INDEX idx_shipment_daily_day
    ON shipment_daily(day, net_g, payable_g, amount_fen, min_price, max_price);
""",
    )


def migrate(db: Database) -> list[str]:
    """Apply pending migrations; returns the names applied."""
    pending = [m.name for m in migrations.pending(db)]
    migrations.apply(db)
    return pending


def pending_migrations(db: Database) -> list[str]:
    return [m.name for m in migrations.pending(db)]


def all_migration_names() -> list[str]:
    return [m.name for m in migrations._migrations]


# Registered after every earlier step (0006 and before are defined above): the name keeps the order.
@migrations(name="0007_audit_log_that_holds")
def _audit_log_that_holds(db: Database) -> None:
    # The audit log can be appended to only: triggers refuse UPDATE and DELETE, and each row's
    # hash chains it to the one before (db/storage/audit.py), so an edit of the file shows in `check`.
    from db.storage import audit

    db.execute("ALTER TABLE audit_log ADD COLUMN hash TEXT")
    audit.rechain(db)
    _run(
        db,
        """
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log cannot be changed');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log cannot be changed');
END;
""",
    )


@migrations(name="0008_park_settings")
def _park_settings(db: Database) -> None:
    # The park's settings, one row per key: its own details printed on every document
    # (db/organisation.py) and the service fee it charges on an operator's sales
    # (db/service_fee.py, a JSON value); written through Store.write with audit rows.
    _run(
        db,
        """
CREATE TABLE settings (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE CHECK (length(key) > 0),
    value TEXT NOT NULL
);
""",
    )


@migrations(name="0009_english_names")
def _english_names(db: Database) -> None:
    # Operators and markets may have an English name, printed on English documents instead of the
    # Chinese one (crops have had one since 0001); '' where none is known.
    _run(
        db,
        """
ALTER TABLE operators ADD COLUMN name_en TEXT NOT NULL DEFAULT '';
ALTER TABLE markets ADD COLUMN name_en TEXT NOT NULL DEFAULT '';
""",
    )


@migrations(name="0010_search_and_sort")
def _search_and_sort(db: Database) -> None:
    # Sorting: every sortable column of the harvests, shipments and certificates tables reads its
    # ids in (column, id) order from an index (an index ends with the row id), so no sort of the
    # whole table is done; tests/test_search_sort.py checks each plan.
    # Searching: free text (codes, plates, notes) by substring through an FTS5 trigram index per
    # table, written by the repositories' one write path (db/search.py), not by triggers: a trigger
    # costs every row of a bulk insert its own FTS statement. The notes indexes also serve 1–2
    # character searches, which have no trigram.
    _run(
        db,
        """
DROP INDEX idx_harvests_plot;
CREATE INDEX idx_harvests_plot ON harvests(plot_id, harvest_date);
CREATE INDEX idx_harvests_notes ON harvests(notes);
CREATE INDEX idx_shipments_day ON shipments(ship_date);
CREATE INDEX idx_shipments_notes ON shipments(notes);
""",
    )
    for index, table, columns in (
        ("harvest_search", "harvests", "lot_code, notes"),
        ("shipment_search", "shipments", "ticket_no, plate, notes"),
        ("certificate_search", "certificates", "cert_no, issuer_name"),
    ):
        db.execute(
            f"CREATE VIRTUAL TABLE {index} USING fts5({columns}, "
            "tokenize='trigram case_sensitive 1', detail='none', columnsize=0)"
        )
        db.execute(f"INSERT INTO {index}(rowid, {columns}) SELECT id, {columns} FROM {table}")


@migrations(name="0013_bulk_import")
def _bulk_import(db: Database) -> None:
    # A bulk write (db/repositories/bulk.py) brings the daily summary and the shipments' totals up
    # to date with one set-based statement after inserting its lines, instead of one trigger run
    # per line. While its transaction holds the single row of bulk_import (no other connection can
    # see it) the two per-row insert triggers stand aside; everything else still runs them. The
    # triggers keep the bodies earlier migrations gave them: only the WHEN clause is added.
    db.execute("CREATE TABLE bulk_import (id INTEGER PRIMARY KEY CHECK (id = 1))")
    for name in BULK_GUARDED_TRIGGERS:
        row = db.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", [name]
        ).fetchone()
        guarded, n = re.subn(
            r"(AFTER INSERT ON shipment_lines)\s+BEGIN",
            r"\1\nWHEN NOT EXISTS (SELECT 1 FROM bulk_import) BEGIN",
            row[0],
            count=1,
        )
        if n != 1:
            raise RuntimeError(f"trigger {name} has an unexpected shape")
        db.execute(f"DROP TRIGGER {name}")
        db.execute(guarded)


# The per-row triggers a bulk write stands aside (migration 0013); db/repositories/bulk.py checks
# that they still carry the guard before relying on it.
BULK_GUARDED_TRIGGERS = ("shipment_lines_ai", "shipment_totals_ai")


@migrations(name="0014_bulk_delete")
def _bulk_delete(db: Database) -> None:
    # The undo of an import (db/repositories/bulk.py delete_batch) brings the daily summaries and
    # the shipments' totals down with set-based statements instead of one trigger run per deleted
    # line. While its transaction holds the single row of bulk_delete (no other connection can see
    # it) the per-row delete triggers stand aside; everything else still runs them. Before this the
    # undo dropped and created the triggers again inside its transaction. As in 0013, the triggers
    # keep their bodies: only the WHEN clause is added.
    db.execute("CREATE TABLE bulk_delete (id INTEGER PRIMARY KEY CHECK (id = 1))")
    for name in BULK_DELETE_GUARDED_TRIGGERS:
        row = db.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", [name]
        ).fetchone()
        guarded, n = re.subn(
            r"(AFTER DELETE ON \w+)\s+BEGIN",
            r"\1\nWHEN NOT EXISTS (SELECT 1 FROM bulk_delete) BEGIN",
            row[0],
            count=1,
        )
        if n != 1:
            raise RuntimeError(f"trigger {name} has an unexpected shape")
        db.execute(f"DROP TRIGGER {name}")
        db.execute(guarded)


# The per-row delete triggers a batch delete stands aside (migration 0014); db/repositories/bulk.py
# checks that they still carry the guard before relying on it.
BULK_DELETE_GUARDED_TRIGGERS = ("shipment_lines_ad", "shipment_totals_ad", "harvests_ad")


@migrations(name="0015_pack_weights")
def _pack_weights(db: Database) -> None:
    # What one pack of a crop weighs (DOMAIN.md: 网袋 mesh bag, 塑料筐 crate, 捆 bundle), in grams;
    # NULL while the park has not said: a count of packs becomes a weight only through it.
    # A line's or a harvest's `packs` is the count it was estimated from, as typed ('3袋'); '' means
    # weighed. Nothing else marks an estimate, so it cannot disagree with the weight.
    _run(
        db,
        """
ALTER TABLE crops ADD COLUMN bag_g INTEGER CHECK (bag_g IS NULL OR bag_g > 0);
ALTER TABLE crops ADD COLUMN basket_g INTEGER CHECK (basket_g IS NULL OR basket_g > 0);
ALTER TABLE crops ADD COLUMN bundle_g INTEGER CHECK (bundle_g IS NULL OR bundle_g > 0);
ALTER TABLE shipment_lines ADD COLUMN packs TEXT NOT NULL DEFAULT '';
ALTER TABLE harvests ADD COLUMN packs TEXT NOT NULL DEFAULT '';
""",
    )


# The month's rollup of the daily shipment summary (migration 0017): one row per month × buyer ×
# market × operator × crop × grade, `day` the month's first day. The daily summary keeps a row per
# day of each of those, ~450 a day at a million lines; a chart of a year by month read ~165,000 of
# them, the rollup ~24,000. Triggers on shipment_daily keep it, so every path that keeps the daily
# summary (the line triggers, the bulk writes' set-based statements, `check --repair`) keeps this
# too; the charts read whole months here and a period's partial first and last months from the daily
# rows (db/queries/charts.py).
_MONTH_OF = "substr({r}.day, 1, 7) || '-01'"
_MONTH_KEY = """day = substr({r}.day, 1, 7) || '-01' AND buyer_id = {r}.buyer_id
    AND market_key = {r}.market_key AND operator_id = {r}.operator_id AND crop_id = {r}.crop_id
    AND grade = {r}.grade"""


def _month_prices(r: str, agg: str) -> str:
    """The lowest or highest price of a rollup row, from its month's daily rows (flow index)."""
    return f"""(SELECT {agg}(d.{agg}_price) FROM shipment_daily d
        WHERE d.operator_id = {r}.operator_id AND d.buyer_id = {r}.buyer_id
          AND d.market_key = {r}.market_key
          AND d.day BETWEEN substr({r}.day, 1, 7) || '-01' AND substr({r}.day, 1, 7) || '-31'
          AND d.crop_id = {r}.crop_id AND d.grade = {r}.grade AND d.lines > 0)"""


def _month_upsert(sign_new: str, old: bool) -> str:
    """Adds NEW's sums (less OLD's, for an update) to the rollup row of NEW's month."""
    less = (lambda c: f"NEW.{c} - OLD.{c}") if old else (lambda c: f"NEW.{c}")
    sums = ["net_g", "payable_g", "amount_fen", "lines"]
    return f"""
    INSERT INTO shipment_monthly (day, buyer_id, market_key, operator_id, crop_id, grade,
                                  net_g, payable_g, amount_fen, lines, min_price, max_price)
    VALUES ({_MONTH_OF.format(r=sign_new)}, NEW.buyer_id, NEW.market_key, NEW.operator_id,
            NEW.crop_id, NEW.grade, {", ".join(less(c) for c in sums)}, NEW.min_price, NEW.max_price)
    ON CONFLICT (day, buyer_id, market_key, operator_id, crop_id, grade) DO UPDATE SET
        {", ".join(f"{c} = {c} + excluded.{c}" for c in sums)},
        min_price = coalesce(min(min_price, excluded.min_price), min_price, excluded.min_price),
        max_price = coalesce(max(max_price, excluded.max_price), max_price, excluded.max_price);"""


def _month_reprice(r: str, when: str) -> str:
    return f"""
    UPDATE shipment_monthly SET min_price = {_month_prices(r, "min")}, max_price = {_month_prices(r, "max")}
    WHERE {_MONTH_KEY.format(r=r)} AND ({when});"""


@migrations(name="0017_chart_summary")
def _chart_summary(db: Database) -> None:
    _run(
        db,
        f"""
CREATE TABLE shipment_monthly (
    day TEXT NOT NULL,
    buyer_id INTEGER NOT NULL,
    market_key INTEGER NOT NULL,
    operator_id INTEGER NOT NULL,
    crop_id INTEGER NOT NULL,
    grade TEXT NOT NULL,
    net_g INTEGER NOT NULL,
    payable_g INTEGER NOT NULL,
    amount_fen INTEGER NOT NULL,
    lines INTEGER NOT NULL,
    min_price INTEGER,
    max_price INTEGER,
    PRIMARY KEY (day, buyer_id, market_key, operator_id, crop_id, grade)
) WITHOUT ROWID;
CREATE INDEX idx_shipment_monthly_crop
    ON shipment_monthly(crop_id, day, net_g, payable_g, amount_fen, min_price, max_price);
INSERT INTO shipment_monthly (day, buyer_id, market_key, operator_id, crop_id, grade,
                              net_g, payable_g, amount_fen, lines, min_price, max_price)
    SELECT substr(day, 1, 7) || '-01', buyer_id, market_key, operator_id, crop_id, grade,
           sum(net_g), sum(payable_g), sum(amount_fen), sum(lines), min(min_price), max(max_price)
    FROM shipment_daily WHERE lines > 0 GROUP BY 1, 2, 3, 4, 5, 6;
CREATE TRIGGER shipment_daily_month_ai AFTER INSERT ON shipment_daily BEGIN {_month_upsert("NEW", False)}
END;
CREATE TRIGGER shipment_daily_month_au AFTER UPDATE ON shipment_daily BEGIN {_month_upsert("NEW", True)}
    DELETE FROM shipment_monthly WHERE {_MONTH_KEY.format(r="NEW")} AND lines <= 0;{
            _month_reprice(
                "NEW",
                "NEW.min_price IS NULL OR OLD.min_price IS NULL OR NEW.min_price > OLD.min_price "
                "OR NEW.max_price IS NULL OR OLD.max_price IS NULL OR NEW.max_price < OLD.max_price",
            )
        }
END;
CREATE TRIGGER shipment_daily_month_ad AFTER DELETE ON shipment_daily BEGIN
    UPDATE shipment_monthly SET net_g = net_g - OLD.net_g, payable_g = payable_g - OLD.payable_g,
        amount_fen = amount_fen - OLD.amount_fen, lines = lines - OLD.lines
    WHERE {_MONTH_KEY.format(r="OLD")};
    DELETE FROM shipment_monthly WHERE {_MONTH_KEY.format(r="OLD")} AND lines <= 0;{
            _month_reprice("OLD", "1")
        }
END;
""",
    )
