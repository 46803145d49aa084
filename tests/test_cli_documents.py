"""The document sub-commands end to end: exit codes, what they print, and the files they write."""

from __future__ import annotations

import csv
import shutil
import subprocess
from decimal import Decimal

import pytest
from python_calamine import CalamineWorkbook

from app.cli import main
from tests.documents_data import CHEN_CLOSING_FEN, CHEN_SHIPPED_FEN, build_park


@pytest.fixture
def park(store, master):
    return build_park(store, master)


@pytest.fixture
def run(db_path, capsys):
    def run(*argv: str) -> tuple[int, str, str]:
        # Messages are asserted in English; documents keep their own --lang where a test gives one.
        lang = [] if "--lang" in argv else ["--lang", "en"]
        code = main(["--db", str(db_path), *lang, *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


PERIOD = ("--from", "2026-01-01", "--to", "2026-01-31")


def test_buyer_report_csv_by_alias_free_name(run, park, tmp_path):
    out_file = tmp_path / "chen.csv"
    code, out, err = run("export", "buyer-report", "--buyer", "陈建华", *PERIOD, "-o", str(out_file))
    assert code == 0, err
    assert "陈建华: 4 lines, 51,769.82 元, closing balance 32,269.82 元" in out
    rows = list(csv.reader(out_file.read_text(encoding="utf-8-sig").splitlines()))
    # The statement's ledger: its shipment lines add up to the shipped amount, as its total says.
    lines = [r for r in rows[1:] if r[1].startswith("B")]
    assert sum(int(Decimal(r[11]) * 100) for r in lines) == CHEN_SHIPPED_FEN
    total = rows[rows.index([""] * len(rows[0])) - 1]
    assert total[0] in ("合计", "Total") and total[11] == "51769.82"


def test_buyer_report_by_id_and_xlsx(run, park, master, tmp_path):
    out_file = tmp_path / "report.xlsx"
    code, _, err = run(
        "--lang",
        "zh_CN",
        "export",
        "buyer-report",
        "--buyer",
        str(master["buyers"][0].id),
        *PERIOD,
        "-o",
        str(out_file),
    )
    assert code == 0, err
    book = CalamineWorkbook.from_path(str(out_file))
    lines = book.get_sheet_by_name("发货明细").to_python()
    assert round(lines[-1][12] * 100) == CHEN_SHIPPED_FEN


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_buyer_report_pdf_in_english(run, park, tmp_path, qapp):
    out_file = tmp_path / "chen.pdf"
    code, _, err = run(
        "--lang",
        "en",
        "export",
        "buyer-report",
        "--buyer",
        "陈建华",
        *PERIOD,
        "--format",
        "pdf",
        "-o",
        str(out_file),
    )
    assert code == 0, err
    text = subprocess.run(
        ["pdftotext", str(out_file), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Buyer statement" in text and "陈建华" in text
    assert f"{Decimal(CHEN_CLOSING_FEN) / 100:,.2f}" in text


def test_buyer_ids_are_read_as_typed_digits(run, park, master, tmp_path):
    # full-width digits are an id like ASCII ones; '٣' (a digit to str.isdigit()) is looked up as a
    # name, and '²' no longer crashes int() ("Unexpected error" before)
    assert master["buyers"][0].id == 1
    code, out, err = run("export", "buyer-report", "--buyer", "１", *PERIOD, "-o", str(tmp_path / "x.csv"))
    assert code == 0 and out.startswith("陈建华: 4 lines"), err
    for name in ("٣", "¹²"):
        code, _out, err = run(
            "export", "buyer-report", "--buyer", name, *PERIOD, "-o", str(tmp_path / "y.csv")
        )
        assert code == 1 and "matches no known name" in err and "Unexpected" not in err


def test_months_and_years_outside_1900_to_2099_are_usage_errors(run, park, tmp_path):
    for option, value in (("--month", "1899-12"), ("--month", "2100-01"), ("--year", "2100")):
        code, _, err = run("export", "park-summary", option, value, "-o", str(tmp_path / "x.pdf"))
        assert code == 2 and f"'{value}' is not a" in err


def test_unknown_buyer_lists_close_matches(run, park, tmp_path):
    code, _out, err = run(
        "export", "buyer-report", "--buyer", "陈健华", *PERIOD, "-o", str(tmp_path / "x.csv")
    )
    assert code == 1
    assert "陈建华" in err and "Traceback" not in err
    assert not (tmp_path / "x.csv").exists()


def test_bad_period_and_format(run, park, tmp_path):
    code, _, err = run(
        "export",
        "buyer-report",
        "--buyer",
        "陈建华",
        "--from",
        "2026-02-01",
        "--to",
        "2026-01-01",
        "-o",
        str(tmp_path / "x.csv"),
    )
    assert code == 1 and "--from 2026-02-01 is after --to 2026-01-01" in err
    code, _, err = run("export", "buyer-report", "--buyer", "陈建华", *PERIOD, "-o", str(tmp_path / "x.txt"))
    assert code == 1 and "--format" in err
    code, _, err = run("export", "park-summary", "--month", "2026-13", "-o", str(tmp_path / "x.pdf"))
    assert code == 2


def test_all_buyers_into_a_folder(run, park, tmp_path):
    folder = tmp_path / "reports"
    code, out, err = run("export", "buyer-report", "--all", *PERIOD, "--format", "csv", "-o", str(folder))
    assert code == 0, err
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["周德明_2026-01-01_2026-01-31.csv", "陈建华_2026-01-01_2026-01-31.csv"]
    assert "Wrote 2 buyer reports" in out


def test_operator_statement_with_alias(run, park, tmp_path):
    out_file = tmp_path / "op.csv"
    code, out, err = run("export", "operator-statement", "--operator", "涪江湾", *PERIOD, "-o", str(out_file))
    assert code == 0, err
    assert "涪江湾合作社: 15,000.0 kg harvested, 13,000.0 kg sold for 29,400.00 元" in out
    code, _, err = run("export", "operator-statement", "--operator", "涪江", *PERIOD, "-o", str(out_file))
    assert code == 1 and "涪江湾合作社" in err


def test_park_summary_xlsx(run, park, tmp_path):
    out_file = tmp_path / "sum.xlsx"
    code, out, err = run(
        "--lang", "zh_CN", "export", "park-summary", "--month", "2026-01", "-o", str(out_file)
    )
    assert code == 0, err
    assert out.startswith("2026-01：出货 24.001 吨（去年同期 0.000 吨）")  # Chinese is the default language
    rows = CalamineWorkbook.from_path(str(out_file)).get_sheet_by_name("按品种").to_python()
    assert rows[0][0] == "遂潼涪江蔬菜乐园 产销月报 2026-01" and rows[-1][0] == "合计"


def test_certificate_issues_then_reprints(run, park, store, tmp_path, qapp):
    out_file = tmp_path / "c.pdf"
    code, out, err = run("certificate", "--ticket", "B20260105-001", "-o", str(out_file))
    assert code == 0, err
    assert "HGZ2026-000001  涪江湾合作社  (new)" in out
    assert out_file.stat().st_size > 0
    code, out, err = run("certificate", "--ticket", "B20260105-001", "--force", "-o", str(out_file))
    assert code == 0 and "(already issued)" in out
    assert store.certificates.count() == 1
    code, out, err = run("certificate", "--ticket", "B19990101-001", "--force", "-o", str(out_file))
    assert code == 1 and "B19990101-001" in err


def test_certificate_for_family_farm_only_truck(run, store, master, tmp_path, qapp):
    from db.records import Shipment, ShipmentLine

    farm = master["operators"][1]
    store.shipments.add(
        Shipment(
            "2026-01-09",
            "B20260109-001",
            master["buyers"][1].id,
            2_000_000,
            1_000_000,
            lines=(ShipmentLine(farm.id, master["crops"][1].id, 1_000_000, 30_000),),
        )
    )
    code, _, err = run("certificate", "--ticket", "B20260109-001", "-o", str(tmp_path / "c.pdf"))
    assert code == 1 and "--all-operators" in err
    code, out, err = run(
        "certificate", "--ticket", "B20260109-001", "--all-operators", "-o", str(tmp_path / "c.pdf")
    )
    assert code == 0 and "青禾家庭农场" in out


def test_trace_prints_and_exports(run, park, tmp_path):
    code, out, err = run("trace", "--lot", "L20260106-0001")
    assert code == 0, err
    assert out.count("→ 陈建华 → 重庆盘溪农产品批发市场") == 2 and "2 links." in out
    out_file = tmp_path / "t.csv"
    code, out, err = run("trace", "--ticket", "B20260105-001", "-o", str(out_file))
    assert code == 0 and "2 links (2 lots, 1 trucks, 1 buyers)" in out
    rows = list(csv.reader(out_file.read_text(encoding="utf-8-sig").splitlines()))
    assert [r[0] for r in rows[1:]] == ["L20260105-0001", "L20260105-0002"]
    code, out, err = run("trace", "--plot", "一号地", "--format", "xlsx", "-o", str(tmp_path / "p.xlsx"))
    assert code == 0 and "2 links" in out
    code, _, err = run("trace", "--lot", "L19990101-0001")
    assert code == 1 and "L19990101-0001" in err
    code, _, err = run("trace", "--lot", "x", "--ticket", "y")
    assert code == 2
