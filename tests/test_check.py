"""`fujiang check` and db/storage/check.py on a real file with real damage: each invariant is broken the way
a bad tool or a hand edit would break it, found, reported, and repaired where it can be recomputed."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest
from sqlite_utils import Database

from app.cli import main
from db.certification import certificates
from db.records import Operator
from db.repositories import Store
from db.storage import audit, check, schema
from db.storage.connection import open_database
from tests.documents_data import build_park


@pytest.fixture
def park(store, master):
    build_park(store, master)
    # The hand-worked park has one truck whose lines weigh 99.5 kg less than its net weight;
    # weighed again here so that the park passes every check.
    truck = store.shipments.by_ticket("B20260106-001")
    store.shipments.update(truck.replace(gross_g=truck.tare_g + truck.lines_net_g))
    shipment = store.shipments.by_ticket("B20260105-001")
    certificates.issue_for_shipment(store, shipment.id, all_operators=True)
    return store


@pytest.fixture
def run(db_path, capsys):
    def run(*argv: str) -> tuple[int, str, str]:
        code = main(["--db", str(db_path), "--lang", "en", *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def findings(store) -> dict[str, int]:
    return {f.check: f.count for f in check.run_check(store.db).findings}


def tamper(store, *statements: str) -> None:
    """Change the file behind the program's back (no triggers bypassed unless a statement says so)."""
    conn = store.db.conn
    conn.execute("PRAGMA ignore_check_constraints = ON")
    for sql in statements:
        conn.execute(sql)
    conn.commit()
    conn.execute("PRAGMA ignore_check_constraints = OFF")


def test_a_healthy_database_passes_every_check(run, park):
    assert findings(park) == {}
    code, out, err = run("check")
    assert code == 0, err
    assert "Everything is in order." in out and "PROBLEM" not in out
    assert out.count("  ok ") == len(check.run_check(park.db).checks) == 11


def test_summaries_out_of_step_are_found_and_repaired_in_one_audited_transaction(run, park, db_path):
    records_before = park.db.execute("SELECT count(*), sum(net_g) FROM shipment_lines").fetchone()
    audit_before = park.audit_log.count()
    tamper(
        park,
        "UPDATE shipment_daily SET amount_fen = amount_fen + 100 WHERE rowid = (SELECT min(rowid) FROM shipment_daily)",
        "DELETE FROM harvest_daily WHERE rowid = (SELECT min(rowid) FROM harvest_daily)",
        "UPDATE shipments SET total_fen = total_fen - 1 WHERE ticket_no = 'B20260105-001'",
    )
    assert findings(park) == {"shipment_daily": 2, "harvest_daily": 1, "shipment_totals": 1, "balances": 1}
    code, out, _ = run("check")
    assert code == 1
    assert "daily shipment summary differs" in out and "B20260105-001" in out
    assert "'fujiang check --repair' recomputes the summaries" in out
    code, out, err = run("check", "--repair")
    assert code == 0, out + err
    assert (
        "Repaired: 2 daily shipment summary row(s), 1 daily harvest summary row(s), 1 shipment total(s)"
        in out
    )
    assert "Everything is in order." in out
    assert park.db.execute("SELECT count(*), sum(net_g) FROM shipment_lines").fetchone() == records_before
    repairs = park.db.execute(
        "SELECT table_name FROM audit_log WHERE id > ? ORDER BY id", [audit_before]
    ).fetchall()
    assert [r[0] for r in repairs] == ["shipment_daily", "harvest_daily", "shipments"]
    assert findings(park) == {}


def test_broken_weights_and_certificates_are_reported_not_repaired(run, park):
    cert = park.db.execute("SELECT id, cert_no FROM certificates ORDER BY id").fetchone()
    tamper(
        park,
        "UPDATE shipments SET tare_g = tare_g + 1 WHERE ticket_no = 'B20260106-001'",
        f"UPDATE certificates SET weight_g = weight_g + 5 WHERE id = {cert[0]}",
    )
    found = findings(park)
    # The edit also breaks the CHECK constraint the file declares, which SQLite's own check sees.
    assert found == {"integrity": 1, "net_weights": 1, "certificate_weights": 1}
    code, out, _ = run("check", "--repair")
    assert code == 1
    assert "B20260106-001" in out and cert[1] in out
    assert "a repair cannot recompute" in out


def test_lines_that_do_not_add_up_to_the_truck(park):
    tamper(
        park,
        "UPDATE shipment_lines SET net_g = net_g - 1000, amount_fen = amount_fen "
        "WHERE id = (SELECT min(id) FROM shipment_lines)",
    )
    found = check.lines_against_truck(park.db)
    assert found[0].count == 1 and " kg ≠ " in found[0].examples[0]
    assert "net weight" in found[0].message
    # that line's payable weight, once right, is now more than its lines can bear
    assert [f.message for f in found[1:]] == [
        "1 shipment(s) whose lines' payable weights do not add up to net less the deduction"
    ]


def test_a_deduction_the_lines_do_not_bear(park):
    ticket = park.db.execute("SELECT ticket_no FROM shipments ORDER BY id LIMIT 1").fetchone()[0]
    tamper(park, f"UPDATE shipments SET deduction_g = deduction_g + 500 WHERE ticket_no = '{ticket}'")
    found = check.lines_against_truck(park.db)
    assert len(found) == 1 and found[0].count == 1
    assert found[0].examples[0].startswith(f"{ticket}: ")
    assert "payable weights do not add up" in found[0].message


def test_a_certificate_number_given_twice_in_another_spelling(park):
    first, second = park.db.execute("SELECT cert_no FROM certificates ORDER BY id LIMIT 2").fetchall()
    tamper(
        park, f"UPDATE certificates SET cert_no = lower('{first[0]}') || ' ' WHERE cert_no = '{second[0]}'"
    )
    assert findings(park).get("certificate_numbers") == 1


def test_references_to_missing_records(park):
    park.db.conn.execute("PRAGMA foreign_keys = OFF")
    tamper(park, "UPDATE payments SET buyer_id = 9999 WHERE id = (SELECT min(id) FROM payments)")
    assert "foreign_keys" in findings(park)


# ---------------------------------------------------------------------------------------------------
# The audit log that holds


def test_the_audit_log_refuses_update_and_delete(park):
    with pytest.raises(sqlite3.IntegrityError, match="audit log cannot be changed"):
        park.db.execute("UPDATE audit_log SET user = 'someone else' WHERE id = 1")
    with pytest.raises(sqlite3.IntegrityError, match="audit log cannot be changed"):
        park.db.execute("DELETE FROM audit_log WHERE id = 1")


def test_a_tampered_audit_log_is_found_at_its_first_broken_row(run, park):
    n = park.audit_log.count()
    assert audit.verify_chain(park.db) == (n, None)
    tamper(
        park,
        "DROP TRIGGER audit_log_no_update",
        "DROP TRIGGER audit_log_no_delete",
        "UPDATE audit_log SET user = 'mallory' WHERE id = 7",
    )
    checked, broken = audit.verify_chain(park.db)
    assert (checked, broken.row_id) == (6, 7)
    code, out, _ = run("check")
    assert code == 1 and "entry 7" in out
    tamper(park, "DELETE FROM audit_log WHERE id = 3")
    assert audit.verify_chain(park.db)[1].row_id == 4


def test_audit_many_and_single_audits_chain_together(park, master):
    park.operators.update(master["operators"][0].replace(phone="139****0002"))
    park.operators.add_many([Operator(name=f"新合作社{i}", kind="coop") for i in range(3)])
    assert audit.verify_chain(park.db)[1] is None


def test_migration_0007_chains_an_existing_log(tmp_path):
    path = tmp_path / "old.db"
    db = Database(sqlite3.connect(path))
    schema.migrations.apply(db, stop_before="0007_audit_log_that_holds")
    for i in range(5):
        db.execute(
            "INSERT INTO audit_log (at, user, action, table_name, row_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)",
            ["2025-01-01T00:00:00+00:00", "old", "insert", "operators", i, None, '{"x": 1}'],
        )
    db.conn.commit()
    db.close()
    store = Store(open_database(path), "tester")
    assert audit.verify_chain(store.db) == (5, None)
    store.operators.add(Operator(name="迁移后合作社", kind="coop"))
    assert audit.verify_chain(store.db) == (6, None)
    store.close()


def test_audit_lists_changes_before_and_after(run, park, master):
    op = master["operators"][0]
    park.operators.update(park.operators.get(op.id).replace(phone="139****0002"))
    code, out, err = run("audit", "--table", "operators", "--record", str(op.id))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].endswith(f"added operators #{op.id}")
    assert any(line.endswith(f"changed operators #{op.id}") and "tester" in line for line in lines)
    assert "    phone:  → 139****0002" in lines or any("phone:" in x and "139****0002" in x for x in lines)
    assert lines[-1] == "2 change(s)."
    code, out, _ = run("audit", "--since", "2099-01-01")
    assert out.strip() == "0 change(s)."
    code, out, _ = run("audit", "--table", "operators", "--record", str(op.id), "--limit", "1")
    assert (
        out.splitlines()[0].endswith(f"changed operators #{op.id}") and out.splitlines()[-1] == "1 change(s)."
    )


def test_check_exit_codes_in_a_real_process(park, db_path):
    def check_code() -> int:
        return subprocess.run(
            [sys.executable, "-m", "app.cli", "--db", str(db_path), "check"], capture_output=True, text=True
        ).returncode

    assert check_code() == 0
    tamper(
        park,
        "UPDATE shipment_daily SET net_g = net_g + 1 WHERE rowid = (SELECT min(rowid) FROM shipment_daily)",
    )
    assert check_code() == 1
