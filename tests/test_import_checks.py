"""Harvest and payment imports catch what QA found stored silently: the same file twice, identical
rows, a bank reference used twice, 100 t from one plot in a day, ¥9,999,999 from one buyer, dates
after today, yearless dates read into the future, and a template's example row imported as real."""

from __future__ import annotations

import csv
import datetime
import json

import pytest

from app import cli
from db import demo, importing
from db.documents import templates
from db.importing import ImportFailed, WarningsNotAccepted, import_records
from db.importing.fixes import check_fixed, load_table
from db.records import Shipment, ShipmentLine
from db.repositories import Store
from db.storage.connection import open_database

TODAY = datetime.date(2026, 12, 2)
KG = 1000
FJW = "遂宁市船山区涪江湾蔬菜种植专业合作社"


@pytest.fixture(scope="module")
def park_db(tmp_path_factory):
    """The demo's masters and one shipment to 陈建华 of 25,000 kg × 2.40 = ¥60,000.00 owed."""
    path = tmp_path_factory.mktemp("park") / "park.db"
    store = Store(open_database(path), user="tester")
    demo.generate(store, years=0, seed=7, end=datetime.date(2025, 12, 31))
    buyer = next(b for b in store.buyers.list() if b.name == "陈建华")
    operator = next(o for o in store.operators.list() if o.name == FJW)
    radish = next(c for c in store.crops.list() if c.name == "白萝卜")
    store.shipments.add(
        Shipment(
            "2026-11-20",
            "B20261120-001",
            buyer.id,
            33_000 * KG,
            8_000 * KG,
            lines=(ShipmentLine(operator.id, radish.id, 25_000 * KG, 24_000),),
        )
    )
    store.close()
    return path


@pytest.fixture
def park_path(park_db, tmp_path):
    path = tmp_path / "park.db"
    path.write_bytes(park_db.read_bytes())
    return path


@pytest.fixture
def store(park_path):
    store = Store(open_database(park_path), user="tester")
    yield store
    store.close()


def write_csv(path, rows):
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


PAYMENT_TITLES = ["日期", "客商", "金额", "方式", "凭证号", "备注"]
HARVEST_TITLES = ["日期", "经营主体", "地块", "品种", "等级", "重量(斤)"]


def smallest_plot(store):
    """(its operator's name, the plot) of the park's smallest plot."""
    names = {o.id: o.name for o in store.operators.list()}
    plot = min((p for i in names for p in store.plots.for_operator(i)), key=lambda p: p.area_mu_x100)
    return names[plot.operator_id], plot


def paid(store) -> int:
    return store.db.execute("SELECT coalesce(sum(amount_fen), 0) FROM payments").fetchone()[0]


def imports_audit(store) -> list[dict]:
    rows = store.db.execute("SELECT after FROM audit_log WHERE table_name = 'imports' ORDER BY id")
    return [json.loads(after) for (after,) in rows]


def test_the_same_payments_file_twice_needs_the_duplicates_accepted(store, tmp_path):
    path = write_csv(tmp_path / "p.csv", [PAYMENT_TITLES, ["2026-11-25", "陈建华", "25000", "转账", "", ""]])
    assert import_records(store, "payments", path, today=TODAY).written
    assert paid(store) == 2_500_000
    with pytest.raises(WarningsNotAccepted) as refused:
        import_records(store, "payments", path, today=TODAY)
    assert [(w.row, w.kind) for w in refused.value.problems] == [(2, "duplicate")]
    assert "already stored" in str(refused.value.problems[0].message)
    assert paid(store) == 2_500_000  # nothing written
    # another kind accepted is not enough; the duplicate kind is
    with pytest.raises(WarningsNotAccepted):
        import_records(store, "payments", path, today=TODAY, accept_warnings={"future_date"})
    result = import_records(store, "payments", path, today=TODAY, accept_warnings={"duplicate"})
    assert result.written and paid(store) == 5_000_000
    [audit] = imports_audit(store)
    assert audit["kind"] == "payments" and [w["kind"] for w in audit["accepted_warnings"]] == ["duplicate"]


def test_identical_rows_of_one_payments_file(store, tmp_path):
    row = ["2026-11-25", "陈建华", "20000", "微信", "", ""]
    other = ["2026-11-25", "陈建华", "20000", "现金", "", ""]  # another method: another payment
    path = write_csv(tmp_path / "p.csv", [PAYMENT_TITLES, row, other, row])
    with pytest.raises(WarningsNotAccepted) as refused:
        import_records(store, "payments", path, today=TODAY)
    [warning] = refused.value.problems
    assert (warning.row, warning.kind) == (4, "duplicate") and "as row 2" in str(warning.message)
    assert paid(store) == 0
    assert len(import_records(store, "payments", path, today=TODAY, accept_warnings=True).records) == 3


def test_a_bank_reference_is_one_transfer(store, tmp_path):
    first = write_csv(
        tmp_path / "a.csv", [PAYMENT_TITLES, ["2026-11-25", "陈建华", "100", "转账", "TX-7", ""]]
    )
    import_records(store, "payments", first, today=TODAY)
    # the same reference again: refused even with every warning accepted (another amount, another day)
    again = write_csv(
        tmp_path / "b.csv", [PAYMENT_TITLES, ["2026-11-26", "陈建华", "200", "转账", "TX-7", ""]]
    )
    with pytest.raises(ImportFailed) as failed:
        import_records(store, "payments", again, today=TODAY, accept_warnings=True)
    [problem] = failed.value.problems
    assert (problem.row, problem.column, problem.value) == (2, "凭证号", "TX-7")
    assert "already stored" in problem.message
    twice = write_csv(
        tmp_path / "c.csv",
        [
            PAYMENT_TITLES,
            ["2026-11-26", "陈建华", "1", "转账", "TX-8", ""],
            ["2026-11-27", "陈建华", "2", "", "TX-8", ""],
        ],
    )
    with pytest.raises(ImportFailed) as failed:
        import_records(store, "payments", twice, today=TODAY, accept_warnings=True)
    assert [(p.row, p.value) for p in failed.value.problems] == [(3, "TX-8")]
    assert "as row 2" in failed.value.problems[0].message
    assert paid(store) == 10_000


def test_implausible_payments_are_warned_about(store, tmp_path):
    rows = [
        PAYMENT_TITLES,
        ["2026-11-25", "陈建华", "60000", "转账", "", ""],  # what he owes
        ["2026-11-26", "陈建华", "20000", "转账", "", ""],  # a prepayment within the margin
        ["2026-11-27", "陈建华", "0.01", "转账", "", ""],  # ¥20,000.01 in credit: beyond it
        ["2026-11-27", "周德明", "9999999", "转账", "", ""],  # QA's ¥9,999,999
    ]
    with pytest.raises(WarningsNotAccepted) as refused:
        import_records(store, "payments", write_csv(tmp_path / "p.csv", rows), today=TODAY)
    warnings = refused.value.problems
    assert [(w.row, w.kind, w.column) for w in warnings] == [
        (4, "payment_amount", "金额"),
        (5, "payment_amount", "金额"),
    ]
    assert "would leave the buyer ¥20,000.01 in credit" in str(warnings[0].message)
    assert "more than ¥5,000,000.00 in one payment" in str(warnings[1].message)


def test_the_same_harvests_file_twice_and_identical_rows(store, tmp_path):
    operator, plot = smallest_plot(store)
    row = ["2026-11-25", operator, plot.name, "白萝卜", "一级", "5000"]
    path = write_csv(tmp_path / "h.csv", [HARVEST_TITLES, row, [*row[:4], "二级", "5000"]])
    assert len(import_records(store, "harvests", path, today=TODAY).records) == 2
    with pytest.raises(WarningsNotAccepted) as refused:
        import_records(store, "harvests", path, today=TODAY)
    assert [(w.row, w.kind) for w in refused.value.problems] == [(2, "duplicate"), (3, "duplicate")]
    assert store.harvests.count() == 2
    same = write_csv(tmp_path / "same.csv", [HARVEST_TITLES, [*row[:5], "300"], [*row[:5], "300"]])
    with pytest.raises(WarningsNotAccepted) as refused:
        import_records(store, "harvests", same, today=TODAY)
    assert [(w.row, w.kind) for w in refused.value.problems] == [(3, "duplicate")]


def test_a_plots_day_beyond_its_yield_is_warned_about(store, tmp_path):
    operator, plot = smallest_plot(store)  # 64.5 亩: 2,000 斤 per 亩 is 64,500 kg in a day
    assert plot.area_mu_x100 == 6450
    rows = [
        HARVEST_TITLES,
        ["2026-11-25", operator, plot.name, "白萝卜", "一级", "100000"],  # 50 t: plausible
        ["2026-11-25", operator, plot.name, "莴笋", "一级", "29002"],  # 64,501 kg in the day: one too many
        ["2026-11-25", operator, plot.name, "青菜", "一级", "10"],  # the same day: warned once
        ["2026-11-26", operator, plot.name, "白萝卜", "一级", "200000"],  # QA's 100 t from one plot
        ["2026-11-26", operator, "", "白萝卜", "一级", "80002"],  # no plot: a row above 40 t
    ]
    with pytest.raises(WarningsNotAccepted) as refused:
        import_records(store, "harvests", write_csv(tmp_path / "h.csv", rows), today=TODAY)
    warnings = refused.value.problems
    assert [(w.row, w.kind, w.column) for w in warnings] == [
        (3, "harvest_yield", "重量(斤)"),
        (5, "harvest_yield", "重量(斤)"),
        (6, "harvest_yield", "重量(斤)"),
    ]
    assert f"64,501.0 kg from plot {plot.name} in one day" in str(warnings[0].message)
    assert "64.5 亩" in str(warnings[0].message) and "64,500 kg" in str(warnings[0].message)
    assert "100,000.0 kg from plot" in str(warnings[1].message)
    assert "a harvest of 40,001.0 kg is above 40 t" in str(warnings[2].message)
    # a stored harvest of the same plot-day counts too
    import_records(store, "harvests", write_csv(tmp_path / "a.csv", rows[:2]), today=TODAY)
    with pytest.raises(WarningsNotAccepted) as refused:
        import_records(store, "harvests", write_csv(tmp_path / "b.csv", [rows[0], rows[2]]), today=TODAY)
    assert [(w.row, w.kind) for w in refused.value.problems] == [(2, "harvest_yield")]


def test_dates_after_today_and_dates_without_a_year(store, tmp_path):
    operator, plot = smallest_plot(store)
    rows = [
        HARVEST_TITLES,
        ["12月30号", operator, plot.name, "白萝卜", "一级", "100"],  # on 2026-12-02: last December
        ["2026-12-03", operator, plot.name, "白萝卜", "一级", "200"],  # tomorrow
        ["2026-12-02", operator, plot.name, "白萝卜", "一级", "300"],  # today
    ]
    path = write_csv(tmp_path / "h.csv", rows)
    with pytest.raises(WarningsNotAccepted) as refused:
        import_records(store, "harvests", path, today=TODAY)
    [warning] = refused.value.problems
    assert (warning.row, warning.kind, warning.column) == (3, "future_date", "日期")
    assert "2026-12-03 is after today (2026-12-02)" in str(warning.message)
    result = import_records(store, "harvests", path, today=TODAY, accept_warnings=["future_date"])
    assert [h.harvest_date for h in result.records] == ["2025-12-30", "2026-12-03", "2026-12-02"]
    # the same file a day later has nothing after today
    later = import_records(store, "harvests", path, today=datetime.date(2026, 12, 3), dry_run=True)
    assert [w.kind for w in later.warnings] == ["duplicate"] * 3
    payment = write_csv(tmp_path / "p.csv", [PAYMENT_TITLES, ["12月30日", "陈建华", "10", "", "", ""]])
    assert import_records(store, "payments", payment, today=TODAY).records[0].pay_date == "2025-12-30"


def test_accepted_warnings_are_audited_with_the_records(store, tmp_path):
    rows = [PAYMENT_TITLES, ["2026-12-05", "周德明", "9999999", "转账", "", ""]]
    result = import_records(
        store, "payments", write_csv(tmp_path / "p.csv", rows), today=TODAY, accept_warnings=True
    )
    [audit] = imports_audit(store)
    assert audit["records"] == 1 and {w["kind"] for w in audit["accepted_warnings"]} == {
        "payment_amount",
        "future_date",
    }
    assert result.written and paid(store) == 999_999_900


@pytest.mark.parametrize("kind", templates.TEMPLATE_KINDS)
def test_a_forgotten_example_row_is_skipped_with_a_notice(store, tmp_path, kind):
    path = tmp_path / f"{kind}.xlsx"
    templates.write_template(kind, path, "zh_CN")
    rows = [[c.text for c in row.cells] for row in importing.read_rows(path)]
    assert templates.is_example(rows[1]) and not templates.is_example(rows[0])
    # a real row below the example: only the real row is read (masters need a new name)
    real = list(rows[1])
    real[real.index(templates.EXAMPLE_MARKS["zh"])] = ""
    if kind in importing.MASTER_KINDS:
        real[[f.key for f in importing.layout_of(kind).fields].index("name")] += "二"
    table = load_table(write_csv(tmp_path / f"{kind}.csv", [rows[0], rows[1], real]), kind)
    result = check_fixed(store, kind, table, today=TODAY)
    assert not result.problems, result.problems
    assert result.examples == [2]
    assert len(result.shipments if kind == "shipments" else result.records) == 1


def test_the_example_mark_is_read_in_either_language_and_any_width():
    assert templates.is_example(["", " 示例行,导入时跳过 "])
    assert templates.is_example(["EXAMPLE ROW, skipped on import"])
    assert not templates.is_example(["示例", "example", ""])


def run_cli(capsys, db, *argv):
    code = cli.main(["--lang", "en", "--db", str(db), *(str(a) for a in argv)])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_accepts_warnings_by_kind(park_path, tmp_path, capsys):
    db = park_path
    path = write_csv(tmp_path / "p.csv", [PAYMENT_TITLES, ["2026-11-25", "陈建华", "25000", "转账", "", ""]])
    assert run_cli(capsys, db, "import", "payments", path)[0] == 0
    code, out, err = run_cli(capsys, db, "import", "payments", path)
    assert code == 1
    assert "warning: row 2: the same buyer, date, amount, method and reference is already stored" in err
    assert "Kinds of warnings found: duplicate (accept only some with --accept-warnings duplicate)." in err
    assert run_cli(capsys, db, "import", "payments", path, "--accept-warnings", "price_zero")[0] == 1
    code, out, err = run_cli(capsys, db, "import", "payments", path, "--accept-warnings", "bogus")
    assert code == 2 and "unknown kind of warning bogus" in err
    code, out, err = run_cli(capsys, db, "import", "payments", "--accept-warnings", "duplicate")
    assert code == 2 and "which file?" in err
    # the option before the file, without kinds, accepts every kind (as it always did)
    code, out, err = run_cli(capsys, db, "import", "payments", "--accept-warnings", path, "--dry-run")
    assert code == 0 and "is correct: 1 record (nothing written)" in out
    code, out, err = run_cli(
        capsys, db, "import", "payments", "--accept-warnings", "duplicate,future_date", path
    )
    assert code == 0 and "Imported 1 record from" in out
    template = tmp_path / "t.xlsx"
    assert run_cli(capsys, db, "template", "payments", "-o", template)[0] == 0
    code, out, err = run_cli(capsys, db, "import", "payments", template, "--dry-run")
    assert code == 1 and "only the template's example row" in err
    check = Store(open_database(db), user="tester")
    try:
        assert paid(check) == 5_000_000
    finally:
        check.close()
