"""The command line through app.cli.main: exit codes, stdout/stderr, and real database files."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest

from app import cli
from db.records import Shipment, ShipmentLine

BOM = b"\xef\xbb\xbf"


def run(capsys, *argv):
    """Run the CLI; messages are asserted in English unless a test picks a language itself."""
    lang = [] if "--lang" in argv else ["--lang", "en"]
    code = cli.main([*lang, *(str(a) for a in argv)])
    out, err = capsys.readouterr()
    return code, out, err


def add_shipments(store, master):
    ops, crops = master["operators"], master["crops"]
    markets, buyers = master["markets"], master["buyers"]
    store.shipments.add_many(
        [
            Shipment(
                ship_date="2023-12-30",
                ticket_no="B20231230-001",
                buyer_id=buyers[0].id,
                market_id=markets[0].id,
                plate="渝C12345",
                gross_g=20_000_000,
                tare_g=5_000_000,
                lines=(
                    ShipmentLine(ops[0].id, crops[0].id, 10_000_000, 8_000, grade="first"),
                    ShipmentLine(ops[1].id, crops[1].id, 5_000_000, 24_000, settled_price=20_000),
                ),
            ),
            Shipment(
                ship_date="2024-01-02",
                ticket_no="B20240102-001",
                buyer_id=buyers[1].id,
                gross_g=2_500_500,
                tare_g=500,
                lines=(ShipmentLine(ops[1].id, crops[0].id, 2_500_000, 6_000),),
            ),
        ]
    )


def table_count(store, table):
    return store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


# ---------------------------------------------------------------------------------------------------
# Usage and user errors


@pytest.mark.parametrize(
    "argv",
    [
        ["bogus"],
        ["export"],
        ["export", "shipments"],
        ["--lang", "fr", "stats"],
        ["demo", "--years", "-1"],
        ["demo", "--years", "three"],
        ["export", "shipments", "-o", "x.csv", "--from", "2024-13-01"],
        ["import", "shipments"],
    ],
)
def test_wrong_usage_exits_2(capsys, argv):
    code, _, err = run(capsys, *argv)
    assert code == 2
    # a wrong --lang is reported in the default language (Chinese), once
    assert (
        ("usage: fujiang" in err or "用法：fujiang" in err)
        and err.count("fujiang") == 2
        and "__main__" not in err
    )
    assert "Traceback" not in err


def test_help_exits_0(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert "demo" in out and "stats" in out and "export" in out and "import" in out


def test_a_text_file_as_database_is_a_one_line_user_error(capsys, tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("this is not a database\n")
    code, out, err = run(capsys, "--db", bad, "stats")
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1 and "not a database file" in err and "Traceback" not in err
    assert bad.read_text() == "this is not a database\n"


def test_a_missing_database_is_not_created_by_reading_commands(capsys, tmp_path):
    missing = tmp_path / "nowhere.db"
    code, _, err = run(capsys, "--db", missing, "stats")
    assert code == 1 and "There is no database" in err
    code, _, err = run(capsys, "--db", missing, "export", "shipments", "-o", tmp_path / "x.csv")
    assert code == 1
    assert not missing.exists()


def test_fujiang_db_environment_variable_and_db_option(capsys, tmp_path, monkeypatch, db_path, store, master):
    monkeypatch.setenv("FUJIANG_DB", str(db_path))
    code, out, _ = run(capsys, "stats", "--json")
    assert code == 0 and json.loads(out)["counts"]["operators"] == 2
    other = tmp_path / "other.db"
    code, out, err = run(capsys, "--db", other, "stats")  # --db wins over the environment
    assert code == 1 and str(other) in err


# ---------------------------------------------------------------------------------------------------
# demo


def test_demo_master_data_only(capsys, tmp_path):
    path = tmp_path / "demo.db"
    code, out, err = run(capsys, "--db", path, "--lang", "en", "demo", "--years", "0")
    assert code == 0, err
    assert out.count("\n") == 1 and "11 operators" in out
    code, out, _ = run(capsys, "--db", path, "stats", "--json")
    stats = json.loads(out)
    assert stats["counts"]["operators"] == 11
    assert stats["counts"]["shipments"] == 0 and stats["years"] == []


def test_demo_refuses_a_database_with_other_data_and_changes_nothing(capsys, db_path, store, master):
    add_shipments(store, master)
    before = {t: table_count(store, t) for t in ("operators", "shipments", "audit_log")}
    code, out, err = run(capsys, "--db", db_path, "demo", "--years", "1")
    assert code == 1 and out == ""
    assert "Nothing was changed" in err and err.count("\n") == 1
    assert {t: table_count(store, t) for t in before} == before


# ---------------------------------------------------------------------------------------------------
# stats


def test_stats_json_is_exact(capsys, db_path, store, master):
    add_shipments(store, master)
    code, out, _ = run(capsys, "--db", db_path, "stats", "--json")
    assert code == 0
    stats = json.loads(out)
    assert stats["database"] == str(db_path)
    counts = stats["counts"]
    assert (counts["operators"], counts["crops"], counts["shipments"], counts["shipment_lines"]) == (
        2,
        2,
        2,
        3,
    )
    assert stats["years"] == [
        {
            "year": 2023,
            "harvested_g": 0,
            "harvested_t": "0",
            "shipped_g": 15_000_000,
            "shipped_t": "15",
            "revenue_fen": 1_800_000,
            "revenue_yuan": "18000.00",
            "payments_fen": 0,
            "payments_yuan": "0.00",
        },
        {
            "year": 2024,
            "harvested_g": 0,
            "harvested_t": "0",
            "shipped_g": 2_500_000,
            "shipped_t": "2.5",
            "revenue_fen": 150_000,
            "revenue_yuan": "1500.00",
            "payments_fen": 0,
            "payments_yuan": "0.00",
        },
    ]
    ops = master["operators"]
    assert [(e["year"], e["operator"], e["shipped_g"], e["shipped_t"]) for e in stats["operators"]] == [
        (2023, ops[0].name, 10_000_000, "10"),
        (2023, ops[1].name, 5_000_000, "5"),
        (2024, ops[1].name, 2_500_000, "2.5"),
    ]
    assert [(e["year"], e["market"], e["market_id"], e["shipped_t"]) for e in stats["markets"]] == [
        (2023, "重庆双福国际农贸城", master["markets"][0].id, "15"),
        (2024, "", None, "2.5"),
    ]


def test_stats_table_for_people(capsys, db_path, store, master):
    add_shipments(store, master)
    code, out, _ = run(capsys, "--db", db_path, "--lang", "en", "stats")
    assert code == 0
    assert "shipment lines" in out
    assert "涪江湾合作社" in out and "重庆双福国际农贸城" in out and "(no market recorded)" in out
    year_2023 = next(
        line for line in out.splitlines() if line.strip().startswith("2023") and "18,000.00" in line
    )
    assert "15.00" in year_2023


# ---------------------------------------------------------------------------------------------------
# export and import


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_import_export_round_trip(capsys, tmp_path, db_path, store, master, fmt):
    add_shipments(store, master)
    first, second = tmp_path / f"first.{fmt}", tmp_path / f"second.{fmt}"
    code, out, err = run(capsys, "--db", db_path, "export", "shipments", "--format", fmt, "-o", first)
    assert (code, err) == (0, "")
    assert out == f"Exported 3 shipment lines to {first}.\n"
    # a fresh database with the same master data
    fresh = tmp_path / "fresh.db"
    from db.repositories import Store
    from db.storage.connection import open_database

    other = Store(open_database(fresh), user="tester")
    for repo in ("operators", "crops", "markets", "buyers"):
        for record in getattr(store, repo).list():
            getattr(other, repo).add(record.replace(id=None))
    other.close()
    code, out, err = run(capsys, "--db", fresh, "import", "shipments", first)
    assert (code, err) == (0, "")
    assert out == f"Imported 2 shipments (3 lines) from {first}.\n"
    code, _, _ = run(capsys, "--db", fresh, "export", "shipments", "-o", second)  # format from the name
    assert code == 0
    assert second.read_bytes() == first.read_bytes()


def test_export_english_csv_with_dates(capsys, tmp_path, db_path, store, master):
    add_shipments(store, master)
    path = tmp_path / "en.csv"
    code, _, _ = run(
        capsys, "--db", db_path, "--lang", "en", "export", "shipments", "--from", "2024.1.1", "-o", path
    )
    assert code == 0
    assert (
        path.read_bytes()
        == BOM
        + (
            "date,ticket,buyer,market,plate,operator,crop,grade,net_kg,price_cny_per_kg,amount_cny,"
            "truck_gross_kg,truck_tare_kg,deduction_kg,payable_kg\r\n"
            "2024-01-02,B20240102-001,周德明,,,青禾家庭农场,白萝卜,Ungraded,2500,0.6,1500.00,2500.5,0.5,0,2500\r\n"
        ).encode()
    )


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--from", "2024-02-01", "--to", "2024-01-01"], "is after"),
        (["-o", "{tmp}/nowhere/x.csv"], "does not exist"),
        (["-o", "{tmp}/x.txt"], "--format"),
    ],
)
def test_export_user_errors(capsys, tmp_path, db_path, store, master, extra, message):
    args = [a.replace("{tmp}", str(tmp_path)) for a in extra]
    if "-o" not in args:
        args += ["-o", str(tmp_path / "x.csv")]
    code, out, err = run(capsys, "--db", db_path, "export", "shipments", *args)
    assert code == 1 and out == ""
    assert message in err and err.count("\n") == 1


def test_import_lists_every_problem_on_stderr_and_writes_nothing(capsys, tmp_path, db_path, store, master):
    path = tmp_path / "bad.csv"
    path.write_text(
        "日期,磅单号,客商,目的市场,车牌号,经营主体,品种,等级,净重(公斤),单价(元/公斤),金额(元)\n"
        "2024-01-06,B1,陈建华,双福,,涪江湾,萝卜,一级,100,1.2,120.00\n"
        "2024-01-06,B2,陈建,,,涪江湾,萝卜,一级,12x,1.2,\n"
        "2024-02-30,B3,陈建华,,,涪江湾,莴笋,,100,,\n",
        encoding="utf-8",
    )
    before = {t: table_count(store, t) for t in ("shipments", "shipment_lines", "audit_log")}
    code, out, err = run(capsys, "--db", db_path, "--lang", "en", "import", "shipments", path)
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert len(lines) == 6
    assert lines[0].startswith("row 3, 客商 '陈建':") and "陈建华" in lines[0]
    assert lines[1].startswith("row 3, 净重(公斤) '12x':")
    assert lines[2].startswith("row 4, 日期 '2024-02-30':")
    assert lines[3].startswith("row 4, 单价(元/公斤):")
    assert lines[4] == "Unknown buyers (add them first, or correct the file): 陈建"  # listed, never created
    assert "4 problems to fix" in lines[5] and "nothing was imported" in lines[5]
    assert {t: table_count(store, t) for t in before} == before


def test_import_dry_run_writes_nothing(capsys, tmp_path, db_path, store, master):
    path = tmp_path / "ok.csv"
    path.write_text(
        "date,ticket,buyer,market,plate,operator,crop,grade,net_kg,price_cny_per_kg,amount_cny\n"
        "2024-01-06,B1,陈建华,盘溪,渝C12345,涪江湾,蘿蔔,Grade 1,100,1.2,120.00\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "--db", db_path, "--lang", "en", "import", "shipments", "--dry-run", path)
    assert code == 0 and "nothing written" in out
    assert table_count(store, "shipments") == 0
    code, out, _ = run(capsys, "--db", db_path, "import", "shipments", path)
    assert code == 0 and table_count(store, "shipments") == 1


# ---------------------------------------------------------------------------------------------------
# Failures, the desktop app, extension modules, translation


def test_an_unexpected_error_is_logged_not_shown(capsys, tmp_path, db_path, store, monkeypatch):
    from db.documents import exporting

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(exporting, "export_shipments", broken)
    code, out, err = run(capsys, "--db", db_path, "export", "shipments", "-o", tmp_path / "x.csv")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err and "RuntimeError: boom" in err
    from app.paths import log_path

    assert str(log_path()) in err
    logged = log_path().read_text(encoding="utf-8")
    assert "Traceback" in logged and "RuntimeError: boom" in logged and "export shipments" in logged


def test_no_command_opens_the_desktop_app(capsys, monkeypatch, tmp_path):
    calls = []
    fake = types.ModuleType("app.main")

    def gui_main(argv=None, db_path=None, language=None):
        calls.append((argv, db_path, language))
        return 0

    fake.main = gui_main
    monkeypatch.setitem(sys.modules, "app.main", fake)
    assert run(capsys, "--db", tmp_path / "p.db", "--lang", "en")[0] == 0
    assert cli.main([]) == 0  # no language given: the app picks its own (saved or zh_CN)
    assert calls == [(None, tmp_path / "p.db", "en"), (None, None, None)]


def test_headless_commands_never_load_widgets(tmp_path):
    script = (
        "import sys; from app import cli; "
        f"code = cli.main(['--db', {str(tmp_path / 'x.db')!r}, 'stats']); "
        "assert 'PySide6.QtWidgets' not in sys.modules and 'PySide6.QtGui' not in sys.modules, 'widgets loaded'; "
        "sys.exit(code)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=Path(cli.__file__).parents[1]
    )
    assert done.returncode == 1, done.stderr  # no database there: a user error, without widgets
    assert "widgets loaded" not in done.stderr


def test_command_modules_can_add_an_export_kind(capsys, monkeypatch, tmp_path):
    plugin = types.ModuleType("fujiang_test_plugin")

    def register(subparsers):
        parser = cli.subcommands(subparsers, "export").add_parser("greeting")
        parser.add_argument("--name", required=True)
        parser.set_defaults(handler=lambda args, ctx: ctx.out(f"hello {args.name} ({ctx.language})"))

    plugin.register = register
    monkeypatch.setitem(sys.modules, "fujiang_test_plugin", plugin)
    monkeypatch.setattr(cli, "_COMMAND_MODULES", ["fujiang_test_plugin"])
    code, out, _ = run(capsys, "--lang", "en", "export", "greeting", "--name", "park")
    assert (code, out) == (0, "hello park (en)\n")
    assert run(capsys, "export", "greeting")[0] == 2


def _lrelease() -> str | None:
    beside = Path(sys.executable).with_name("pyside6-lrelease")
    return str(beside) if beside.exists() else shutil.which("pyside6-lrelease")


def test_messages_follow_lang(capsys, monkeypatch, tmp_path, db_path, store, master):
    lrelease = _lrelease()
    if lrelease is None:
        pytest.skip("pyside6-lrelease is not installed")
    ts = tmp_path / "cli_zh_CN.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="zh_CN">'
        "<context><name>cli</name><message><source>Exported {n} shipment lines to {path}.</source>"
        "<translation>已导出 {n} 行出货明细到 {path}。</translation></message></context></TS>",
        encoding="utf-8",
    )
    qm = tmp_path / "cli_zh_CN.qm"
    subprocess.run([lrelease, str(ts), "-qm", str(qm)], check=True, capture_output=True)
    monkeypatch.setattr(cli, "translation_file", lambda language: qm if language == "zh_CN" else None)
    add_shipments(store, master)
    out_file = tmp_path / "s.csv"
    code = cli.main(["--db", str(db_path), "export", "shipments", "-o", str(out_file)])  # default: zh_CN
    assert (code, capsys.readouterr().out) == (0, f"已导出 3 行出货明细到 {out_file}。\n")
    code, out, _ = run(
        capsys, "--db", db_path, "--lang", "en", "export", "shipments", "--force", "-o", out_file
    )
    assert out == f"Exported 3 shipment lines to {out_file}.\n"
    # the translator is scoped to one main() call
    assert (
        cli.translate("cli", "Exported {n} shipment lines to {path}.")
        == "Exported {n} shipment lines to {path}."
    )


@pytest.mark.parametrize(
    ("error", "logged"),
    [("database is locked", False), ("database or disk is full", False), ("no such column: x", True)],
)
def test_sqlite_errors_a_person_can_fix_are_user_errors(
    capsys, monkeypatch, tmp_path, db_path, store, error, logged
):
    import sqlite3

    from app.paths import log_path
    from db.documents import exporting

    def failing(*args, **kwargs):
        raise sqlite3.OperationalError(error)

    monkeypatch.setattr(exporting, "export_shipments", failing)
    code, out, err = run(capsys, "--db", db_path, "export", "shipments", "-o", tmp_path / "x.csv")
    assert code == 1 and out == "" and err.count("\n") == 1
    assert error in err
    assert ("Unexpected error" in err) is logged
    assert (log_path().exists() and error in log_path().read_text(encoding="utf-8")) is logged


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["demo", "--years", "three"],
            "argument --years: 'three' is not a whole number; write one such as 3",
        ),
        (["demo", "--years", "-1"], "argument --years: '-1' must not be negative; write 0 or more"),
        (
            ["export", "shipments", "-o", "x.csv", "--from", "1899-12-31"],
            "year 1899 is out of range (1900–2099)",
        ),
    ],
)
def test_usage_errors_say_what_to_write(capsys, argv, message):
    code, _, err = run(capsys, *argv)
    assert code == 2 and message in err


def test_too_many_demo_years_is_a_user_error_not_a_crash(capsys, tmp_path):
    path = tmp_path / "demo.db"
    code, out, err = run(capsys, "--db", path, "demo", "--years", "5000")
    assert (code, out) == (1, "")
    assert "the demo makes 0 to 30 years of trade; ask for fewer" in err and "Unexpected" not in err


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("old.xls", b"\xd0\xcf\x11\xe0" + bytes(100), "save it as .xlsx or as CSV"),
        ("junk.csv", bytes(range(256)) * 40, "neither UTF-8 nor GBK"),
        ("junk.xlsx", b"PK\x03\x04" + bytes(200), "cannot be read as a workbook"),
    ],
)
def test_import_of_a_hostile_file_is_a_one_line_user_error(
    capsys, tmp_path, db_path, store, name, content, message
):
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = run(capsys, "--db", db_path, "import", "shipments", path)
    assert (code, out) == (1, "")
    assert message in err and err.count("\n") == 1 and "Unexpected" not in err


def test_a_full_disk_shared_by_the_database_and_the_temporary_folder_is_the_databases(monkeypatch, tmp_path):
    """Two free-space readings of one disk differ when other programs write between them: that once
    named the temporary folder instead of the database's disk (and failed a test under load)."""
    import shutil
    import sqlite3
    from types import SimpleNamespace

    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("SQLITE_TMPDIR", str(temp))
    readings = iter([10**9, 10**9 - 4096])  # the database's disk first, then the temp folder's
    monkeypatch.setattr(shutil, "disk_usage", lambda _path: SimpleNamespace(free=next(readings)))
    full = sqlite3.OperationalError("database or disk is full")
    assert cli._full_folder(full, tmp_path / "park.db") is None
