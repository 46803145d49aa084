"""Harvests and payments: export → import → export gives the same bytes; a clerk's own sheet reads;
unknown names are listed, never created; templates hold titles, an example and notes."""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

import pytest

from app import cli
from db import demo, importing
from db.documents import layouts, templates
from db.importing import ImportFailed, import_records
from db.importing.fixes import check_file
from db.importing.masters import MASTER_KINDS
from db.records import Harvest, Payment
from db.repositories import Store
from db.storage.connection import open_database

TODAY = datetime.date(2024, 1, 10)


@pytest.fixture(scope="module")
def park_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("park") / "park.db"
    store = Store(open_database(path), user="tester")
    demo.generate(store, years=0, seed=7, end=datetime.date(2025, 12, 31))
    store.close()
    return path


def _copy(park_db, path):
    path.write_bytes(park_db.read_bytes())
    return Store(open_database(path), user="tester")


@pytest.fixture
def source(park_db, tmp_path):
    store = _copy(park_db, tmp_path / "source.db")
    ops = {o.name: o for o in store.operators.list()}
    crops = {c.name: c.id for c in store.crops.list()}
    buyers = {b.name: b.id for b in store.buyers.list()}
    fjw = ops["遂宁市船山区涪江湾蔬菜种植专业合作社"]
    plot = store.plots.for_operator(fjw.id)[0]
    store.harvests.add_many(
        [
            Harvest(
                "2024-01-05",
                fjw.id,
                crops["白萝卜"],
                2_500_500,
                plot_id=plot.id,
                grade="first",
                notes="=早上",
            ),
            Harvest("2024-01-05", fjw.id, crops["莴笋"], 1, grade="ungraded"),
            Harvest(
                "2023-12-31", ops["潼南区丰沃蔬菜专业合作社"].id, crops["甘蓝"], 99_999_999, grade="special"
            ),
        ]
    )
    store.payments.add_many(
        [
            Payment(buyers["陈建华"], "2024-01-06", 1_274_401, "wechat", "WX0001", "第一笔"),
            Payment(buyers["周德明"], "2024-01-06", 1, "cash"),
            Payment(buyers["陈建华"], "2023-12-30", 99_999_999_999, "transfer", "+1", "年底"),
        ]
    )
    yield store
    store.close()


@pytest.fixture
def target(park_db, tmp_path):
    store = _copy(park_db, tmp_path / "target.db")
    yield store
    store.close()


@pytest.mark.parametrize("kind", ["harvests", "payments"])
@pytest.mark.parametrize(("fmt", "lang"), [("csv", "zh_CN"), ("csv", "en"), ("xlsx", "zh_CN")])
def test_round_trip_is_byte_identical(source, target, tmp_path, kind, fmt, lang):
    first, second = tmp_path / f"first.{fmt}", tmp_path / f"second.{fmt}"
    assert layouts.export_kind(source.db, kind, first, fmt, lang) == 3
    # the source holds deliberately extreme values (100 t without a plot, ¥999,999,999.99): warned about
    with pytest.raises(importing.WarningsNotAccepted) as refused:
        import_records(target, kind, first, today=TODAY)
    expected = {"harvests": ["harvest_yield"], "payments": ["payment_amount"]}[kind]
    assert refused.value.result.warning_kinds == expected
    result = import_records(target, kind, first, today=TODAY, accept_warnings=expected)
    assert result.written and len(result.records) == 3
    layouts.export_kind(target.db, kind, second, fmt, lang)
    assert second.read_bytes() == first.read_bytes()


def write_csv(path, rows, encoding="utf-8-sig"):
    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def test_a_clerks_harvest_sheet_in_another_order_with_jin(target, tmp_path):
    rows = [
        ["作物", "重量(斤)", "采收日期", "主体", "田块", "级别", "天气"],
        ["蘿蔔", "５０００", "2024.1.5", "涪江湾", "", "一級", "晴"],
        ["青笋", "1吨", "24/1/6", "李明秀", "", "", "雨"],
    ]
    result = import_records(target, "harvests", write_csv(tmp_path / "h.csv", rows, "gb18030"), today=TODAY)
    assert result.ignored_columns == ["天气"]
    got = [(h.harvest_date, h.weight_g, h.grade, h.lot_code) for h in result.records]
    assert got == [
        ("2024-01-05", 2_500_000, "first", "L20240105-0001"),  # 5000 斤
        ("2024-01-06", 1_000_000, "ungraded", "L20240106-0001"),
    ]


def test_unknown_names_are_listed_never_created(capsys, park_db, tmp_path):
    db = tmp_path / "t.db"
    db.write_bytes(park_db.read_bytes())
    rows = [
        ["日期", "客商", "金额", "方式"],
        ["2024-01-05", "张三", "100", "微信"],
        ["2024-01-05", "李四", "12.345", "刷卡"],
        ["2024-01-05", "张三", "5", ""],
    ]
    path = write_csv(tmp_path / "p.csv", rows)
    code = cli.main(["--lang", "en", "--db", str(db), "import", "payments", str(path)])
    _, err = capsys.readouterr()
    assert code == 1
    assert "Unknown buyers (add them first, or correct the file): 张三, 李四" in err
    assert "row 3, 金额 '12.345': not an amount in 元" in err
    assert "row 3, 方式 '刷卡': unknown value" in err
    store = Store(open_database(db), user="tester")
    try:
        assert store.payments.count() == 0
        assert {b.name for b in store.buyers.list()}.isdisjoint({"张三", "李四"})
    finally:
        store.close()


def test_a_lot_code_already_stored_is_a_problem(source, target, tmp_path):
    path = tmp_path / "h.csv"
    layouts.export_kind(source.db, "harvests", path, "csv")
    import_records(target, "harvests", path, today=TODAY, accept_warnings=True)
    with pytest.raises(ImportFailed) as failed:
        import_records(target, "harvests", path, today=TODAY)
    assert [p.value for p in failed.value.problems] == ["L20231231-0001", "L20240105-0001", "L20240105-0002"]


def test_cli_export_import_and_template(capsys, park_db, tmp_path):
    db = tmp_path / "t.db"
    db.write_bytes(park_db.read_bytes())

    def run(*argv):
        code = cli.main(["--lang", "en", "--db", str(db), *(str(a) for a in argv)])
        out, err = capsys.readouterr()
        return code, out, err

    rows = [["日期", "客商", "金额(元)", "方式"], ["2024-01-05", "陈建华", "1,274.40", "微信"]]
    code, out, _ = run("import", "payments", write_csv(tmp_path / "p.csv", rows))
    assert code == 0 and "Imported 1 record from" in out
    code, out, _ = run("export", "payments", "-o", tmp_path / "out.csv")
    assert code == 0 and "Exported 1 row to" in out
    text = (tmp_path / "out.csv").read_text(encoding="utf-8-sig").splitlines()
    assert text == ["date,buyer,amount_cny,method,reference,notes", "2024-01-05,陈建华,1274.40,WeChat Pay,,"]
    code, out, _ = run("template", "harvests", "-o", tmp_path / "t.xlsx")
    assert code == 0
    data, notes = (
        importing.read_rows(tmp_path / "t.xlsx"),
        importing.read_rows(tmp_path / "t.xlsx", sheet="Notes"),
    )
    assert [c.text for c in data[0].cells] == [f.en for f in layouts.HARVEST_FIELDS]
    assert [c.text for c in data[1].cells][2:5] == [
        "遂宁市船山区涪江湾蔬菜种植专业合作社",
        "河坝一片",
        "白萝卜",
    ]
    assert [r.cells[0].text for r in notes[1:9]] == [f.en for f in layouts.HARVEST_FIELDS]
    assert notes[7].cells[1].text.startswith("required; kg")
    assert [c.text for c in data[1].cells][7] == "example row, skipped on import"
    # a clerk who forgets the example row does not import it as a real harvest
    code, out, err = run("import", "harvests", tmp_path / "t.xlsx", "--dry-run")
    assert code == 1 and "1 correct record" not in out
    assert "the file has only the template's example row (skipped); fill in rows below it" in err


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
@pytest.mark.parametrize("kind", templates.TEMPLATE_KINDS)
def test_every_template_reads_back(park_db, tmp_path, capsys, kind, lang):
    db = tmp_path / "p.db"
    db.write_bytes(park_db.read_bytes())
    path = tmp_path / f"{kind}.xlsx"
    assert cli.main(["--lang", lang, "--db", str(db), "template", kind, "-o", str(path)]) == 0
    capsys.readouterr()
    store = Store(open_database(db), user="tester")
    try:
        data = importing.read_rows(path)
        fields = [f.key for f in importing.layout_of(kind).fields]
        titles = [c.text for c in data[0].cells]
        assert len(titles) == len(fields) and len(data) == 2
        notes = importing.read_rows(path, sheet="说明" if lang == "zh_CN" else "Notes")
        # every column explained, in the reader's language, and the example row's fate said
        assert [r.cells[0].text for r in notes[1 : 1 + len(titles)]] == titles
        assert all(r.cells[1].text.startswith(("required", "optional", "必填", "选填")) for r in notes[1:-1])
        mark = templates.EXAMPLE_MARKS["zh" if lang == "zh_CN" else "en"]
        assert f"“{mark}”" in notes[-1].cells[1].text
        # the example row is marked, and every kind's import skips it with a notice
        example = [c.text for c in data[1].cells]
        assert example.count(mark) == 1
        result = check_file(store, kind, path, today=TODAY)
        assert result.examples == [2]
        assert [p.message for p in result.problems] == [
            "the file has only the template's example row (skipped); fill in rows below it"
        ]
        # without its mark it is accepted by the kind's own check, and imports as the values shown
        example[example.index(mark)] = ""
        unmarked = write_csv(tmp_path / f"{kind}.csv", [titles, example])
        result = check_file(store, kind, unmarked, today=TODAY)
        assert not result.problems and not result.examples, result.problems
        records = result.shipments if kind == "shipments" else result.records
        assert len(records) == 1
        if kind in MASTER_KINDS:
            importing.import_masters(store, kind, unmarked)
            assert (
                cli.main(["--lang", lang, "--db", str(db), "export", kind, "-o", str(tmp_path / "o.csv")])
                == 0
            )
            exported = importing.read_rows(tmp_path / "o.csv")
            assert [c.text for c in exported[0].cells] == titles
            assert [c.text for c in exported[-1].cells] == example
    finally:
        store.close()


def test_export_refuses_to_write_over_the_database(capsys, park_db, tmp_path):
    db = tmp_path / "t.db"
    db.write_bytes(park_db.read_bytes())
    code = cli.main(
        ["--lang", "en", "--db", str(db), "export", "harvests", "--format", "csv", "-o", str(db), "--force"]
    )
    assert code == 1 and Path(db).read_bytes()[:16] == b"SQLite format 3\x00"


@pytest.mark.parametrize(("fmt", "lang"), [("csv", "zh_CN"), ("csv", "en"), ("xlsx", "zh_CN")])
def test_master_records_round_trip_into_an_empty_database(park_db, tmp_path, fmt, lang):
    from db.documents import master_layouts

    source = _copy(park_db, tmp_path / "source.db")
    empty = Store(open_database(tmp_path / "empty.db"), user="tester")
    try:
        # markets before buyers (a buyer's usual market), operators before plots
        for kind in ("markets", "crops", "operators", "plots", "buyers"):
            first, second = tmp_path / f"{kind}-1.{fmt}", tmp_path / f"{kind}-2.{fmt}"
            n = master_layouts.export_master(source, kind, first, fmt, lang)
            assert n == getattr(source, kind).count() > 0
            result = importing.import_masters(empty, kind, first)
            assert result.written and len(result.records) == n
            master_layouts.export_master(empty, kind, second, fmt, lang)
            assert second.read_bytes() == first.read_bytes(), kind
        crop = {c.name: c for c in empty.crops.list()}["白萝卜"]
        assert (crop.price_low, crop.price_high, crop.aliases) == (4_000, 22_000, ("萝卜", "蘿蔔", "白蘿蔔"))
        # a second import of the same file adds nothing: every name is taken
        with pytest.raises(ImportFailed) as failed:
            importing.import_masters(empty, "markets", tmp_path / f"markets-1.{fmt}")
        assert len(failed.value.problems) == empty.markets.count()
    finally:
        source.close()
        empty.close()


def test_english_names_are_the_last_column_and_files_without_it_still_import(park_db, tmp_path):
    from db.documents import master_layouts

    source = _copy(park_db, tmp_path / "source.db")
    empty = Store(open_database(tmp_path / "empty.db"), user="tester")
    try:
        for kind, title in (("operators", "英文名"), ("markets", "英文名")):
            path = tmp_path / f"{kind}.csv"
            master_layouts.export_master(source, kind, path, "csv")
            with open(path, encoding="utf-8-sig", newline="") as fh:
                rows = list(csv.reader(fh))
            assert rows[0][-1] == title
            english = {r.name: r.name_en for r in getattr(source, kind).list()}
            assert {row[0]: row[-1] for row in rows[1:]} == english and all(english.values())
            # the layout before 0009: the same columns without the last one
            older = tmp_path / f"{kind}-older.csv"
            with open(older, "w", encoding="utf-8-sig", newline="") as fh:
                csv.writer(fh).writerows(row[:-1] for row in rows)
            result = importing.import_masters(empty, kind, older)
            assert result.written and {r.name_en for r in result.records} == {""}
        # an English title for the column is read too, and the value is kept
        path = tmp_path / "markets-en.csv"
        path.write_text("name,district,english name\n新市场,江北区,New Market\n", encoding="utf-8")
        [market] = importing.import_masters(empty, "markets", path).records
        assert (market.name, market.name_en) == ("新市场", "New Market")
    finally:
        source.close()
        empty.close()


def test_plots_of_unknown_operators_are_listed_never_created(capsys, park_db, tmp_path):
    db = tmp_path / "t.db"
    db.write_bytes(park_db.read_bytes())
    rows = [
        ["经营主体", "地块", "面积(亩)"],
        ["涪江湾", "新地", "12.5"],
        ["不存在的合作社", "东坡", "3"],
        ["涪江湾", "新地2", "abc"],
    ]
    path = write_csv(tmp_path / "plots.csv", rows)
    code = cli.main(["--lang", "en", "--db", str(db), "import", "plots", str(path)])
    _, err = capsys.readouterr()
    assert code == 1
    assert (
        "Unknown plots" not in err
        and "Unknown operators (add them first, or correct the file): 不存在的合作社" in err
    )
    assert "row 4, 面积(亩) 'abc': not an area in 亩" in err
    rows.pop()
    rows.pop()
    code = cli.main(
        ["--lang", "en", "--db", str(db), "import", "plots", str(write_csv(tmp_path / "ok.csv", rows))]
    )
    assert code == 0
    store = Store(open_database(db), user="tester")
    try:
        [plot] = [p for p in store.plots.list() if p.name == "新地"]
        assert plot.area_mu_x100 == 1250
    finally:
        store.close()
