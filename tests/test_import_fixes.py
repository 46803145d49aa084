"""The wizard's db side without Qt: a file's fixes (cells corrected, rows dropped) checked again with
each problem on the file's own row; untrusted formulas stay problems until corrected; names created
only inside the write (a check 'with' them rolls back); remembered mappings."""

from __future__ import annotations

import csv
import datetime

import pytest

from db.errors import ValidationError
from db.importing import ImportFailed
from db.importing.fixes import (
    check_fixed,
    check_with_names,
    load_table,
    missing_choices,
    unknown_names,
    write_import,
)
from db.importing.remembered import mapping_key, remember_mapping, remembered_mapping
from tests.test_import_corpus import CORPUS, STALE, TODAY


def write_csv(path, rows):
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows(rows)
    return path


HEADER = ["日期", "磅单号", "客商", "经营主体", "品种", "净重(公斤)", "单价(元/公斤)"]


@pytest.fixture
def park(tmp_path):
    from db.records import Buyer, Crop, Operator
    from db.repositories import Store
    from db.storage.connection import open_database

    store = Store(open_database(tmp_path / "park.db"), user="tester")
    store.operators.add(Operator(name="涪江湾合作社", aliases=("涪江湾",)))
    store.crops.add(Crop(name="白萝卜", aliases=("萝卜",)))
    store.buyers.add(Buyer(name="陈建华"))
    yield store
    store.close()


def counts(store):
    tables = ("shipments", "shipment_lines", "operators", "buyers", "crops", "audit_log")
    return {t: store.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def test_a_title_row_below_notes_is_found_and_rows_keep_their_numbers(park, tmp_path):
    path = write_csv(
        tmp_path / "t.csv",
        [["2024年1月出货表"], [], HEADER, ["2024-01-06", "A1", "陈建华", "涪江湾", "萝卜", "100", "1.2"]],
    )
    table = load_table(path, "shipments")
    assert table.titles == HEADER and [r.number for r in table.rows] == [4]


def test_a_corrected_cell_and_a_dropped_row_are_checked_again_on_the_files_rows(park, tmp_path):
    rows = [
        HEADER,
        ["2024-01-06", "A1", "陈建华", "涪江湾", "萝卜", "12x", "1.2"],
        ["2024-01-06", "A2", "陈建华", "涪江湾", "萝卜", "100", "1.2"],
        ["2024-13-06", "A3", "陈建华", "涪江湾", "萝卜", "100", "1.2"],
        ["2024-01-07", "A4", "无名氏", "涪江湾", "萝卜", "100", "1.2"],
    ]
    table = load_table(write_csv(tmp_path / "f.csv", rows), "shipments")
    first = check_fixed(park, "shipments", table, today=TODAY)
    assert sorted((p.row, p.column) for p in first.problems) == [(2, "净重(公斤)"), (4, "日期"), (5, "客商")]
    fixed = check_fixed(park, "shipments", table, edits={(0, 5): "120"}, dropped=[2], today=TODAY)
    assert [(p.row, p.column) for p in fixed.problems] == [(5, "客商")]  # still row 5 of the file
    assert unknown_names(fixed) == {"buyer": ["无名氏"]}
    assert fixed.path == str(table.path)


def test_rows_after_a_cell_of_several_lines_keep_their_numbers(park, tmp_path):
    rows = [
        [*HEADER, "备注"],
        ["2024-01-06", "A1", "陈建华", "涪江湾", "萝卜", "100", "1.2", "第一行\n第二行\n第三行"],
        ["2024-01-06", "A2", "陈建华", "涪江湾", "萝卜", "1x", "1.2", ""],
    ]
    table = load_table(write_csv(tmp_path / "m.csv", rows), "shipments")
    wrong = check_fixed(park, "shipments", table, edits={(0, 5): "110"}, today=TODAY)
    assert [(p.row, p.column) for p in wrong.problems] == [(table.rows[1].number, "净重(公斤)")]


def test_an_untrusted_formula_stays_a_problem_until_its_cell_is_corrected(park):
    from db.records import Crop, Market

    park.crops.add(Crop(name="莴笋"))
    park.markets.add(Market(name="双福农贸城", aliases=("双福",)))
    table = load_table(CORPUS / "stale_formulas.xlsx", "shipments")
    other = check_fixed(park, "shipments", table, edits={(1, 1): "F2"}, today=TODAY)  # an edit elsewhere
    assert [(p.row, p.column, str(p.message)) for p in other.problems] == [
        (2, "单价(元/公斤)", STALE),
        (3, "净重(公斤)", STALE),
    ]
    assert other.shipments == []
    fixed = check_fixed(park, "shipments", table, edits={(0, 9): "1.2", (1, 8): "500"}, today=TODAY)
    assert fixed.problems == []
    assert sorted(line.net_g for s in fixed.shipments for line in s.lines) == [500_000, 800_000]


def test_names_are_created_only_by_the_write_in_its_transaction(park, tmp_path):
    rows = [HEADER, ["2024-01-06", "A1", "王大富", "新苗农场", "萝卜", "100", "1.2"]]
    table = load_table(write_csv(tmp_path / "n.csv", rows), "shipments")
    before = counts(park)
    create = {
        "buyer": [{"name": "王大富", "kind": "broker"}],
        "operator": [{"name": "新苗农场", "kind": "family_farm", "side": "tongnan"}],
    }
    seen = check_with_names(park, "shipments", table, create, today=TODAY)
    assert seen.problems == [] and counts(park) == before  # checked as if created, then rolled back
    half = check_with_names(park, "shipments", table, {"buyer": ["王大富"]}, today=TODAY)
    assert [p.column for p in half.problems] == ["经营主体"]
    with pytest.raises(ImportFailed):
        write_import(park, "shipments", table, half, create={"buyer": create["buyer"]}, today=TODAY)
    assert counts(park) == before  # the buyer created first was rolled back with the rest
    created, saved = write_import(park, "shipments", table, seen, create=create, today=TODAY)
    assert [b.name for b in created["buyers"]] == ["王大富"] and [o.name for o in created["operators"]] == [
        "新苗农场"
    ]
    [shipment] = saved
    assert park.buyers.get(shipment.buyer_id).name == "王大富"
    assert (created["buyers"][0].kind, created["operators"][0].kind, created["operators"][0].side) == (
        "broker",
        "family_farm",
        "tongnan",
    )


def test_a_name_is_never_created_without_the_choices_a_clerk_must_make(park, tmp_path):
    rows = [HEADER, ["2024-01-06", "A1", "王大富", "新苗农场", "萝卜", "100", "1.2"]]
    table = load_table(write_csv(tmp_path / "n.csv", rows), "shipments")
    before = counts(park)
    create = {
        "buyer": [{"name": "王大富", "kind": "broker"}],
        "operator": [{"name": "新苗农场", "side": "suining"}],
    }
    seen = check_with_names(park, "shipments", table, create, today=TODAY)
    assert seen.problems == []  # the check looks past the missing kind; the write does not
    assert missing_choices("operator", create["operator"][0]) == ["kind"]
    with pytest.raises(ValidationError, match="新苗农场"):
        write_import(park, "shipments", table, seen, create=create, today=TODAY)
    assert counts(park) == before


def test_a_mapping_is_remembered_by_kind_and_titles_with_an_audit_row(park):
    titles = ["作物", "采摘日", "主体", "重量(斤)"]
    mapping = {"作物": "crop", "采摘日": "date", "主体": "operator", "重量(斤)": "weight_kg"}
    assert remembered_mapping(park, "harvests", titles) is None
    remember_mapping(park, "harvests", titles, mapping)
    remember_mapping(park, "harvests", titles, mapping)  # the same again writes nothing
    assert remembered_mapping(park, "harvests", titles) == mapping
    assert remembered_mapping(park, "payments", titles) is None
    assert remembered_mapping(park, "harvests", list(reversed(titles))) is None
    audits = park.db.execute("SELECT count(*) FROM audit_log WHERE table_name = 'settings'").fetchone()[0]
    assert audits == 1
    park.db.execute("UPDATE settings SET value = 'not json' WHERE key = ?", [mapping_key("harvests", titles)])
    assert remembered_mapping(park, "harvests", titles) is None  # a damaged entry is not offered


def test_a_harvest_day_is_the_same_whether_the_file_is_fixed_or_not(park, tmp_path):
    rows = [["日期", "经营主体", "品种", "重量"], ["2024-01-05 16:02", "涪江湾", "萝卜", "100"]]
    table = load_table(write_csv(tmp_path / "h.csv", rows), "harvests")
    plain = check_fixed(park, "harvests", table, today=TODAY)
    dropped_nothing = check_fixed(park, "harvests", table, edits={(0, 3): "100"}, today=TODAY)
    assert [h.harvest_date for h in plain.records] == [h.harvest_date for h in dropped_nothing.records]
    assert plain.records[0].harvest_date == datetime.date(2024, 1, 5).isoformat()


def test_a_plots_file_naming_a_new_operator_offers_it_and_the_write_creates_both(park, tmp_path):
    rows = [["名称", "经营主体", "面积(亩)"], ["东坝三号地", "新苗农场", "12"]]
    table = load_table(write_csv(tmp_path / "p.csv", rows), "plots")
    first = check_fixed(park, "plots", table)
    assert unknown_names(first) == {"operator": ["新苗农场"]} and first.records == []
    create = {"operator": [{"name": "新苗农场", "kind": "coop", "side": "suining"}]}
    seen = check_with_names(park, "plots", table, create)
    assert seen.problems == []
    created, [plot] = write_import(park, "plots", table, seen, create=create)
    [operator] = created["operators"]
    assert (plot.name, plot.operator_id) == ("东坝三号地", operator.id)


def test_the_plot_of_a_new_operator_named_in_a_harvests_file_is_offered_and_created(park, tmp_path):
    rows = [
        ["日期", "经营主体", "品种", "重量", "地块"],
        ["2024-01-05", "新苗农场", "萝卜", "100", "东坝三号地"],
    ]
    table = load_table(write_csv(tmp_path / "h.csv", rows), "harvests")
    operator = {"name": "新苗农场", "kind": "family_farm", "side": "tongnan"}
    seen = check_with_names(park, "harvests", table, {"operator": [operator]}, today=TODAY)
    assert [p.column for p in seen.problems] == ["地块"]
    assert unknown_names(seen) == {"plot": [("新苗农场", "东坝三号地")]}
    create = {"operator": [operator], "plot": [{"name": "东坝三号地", "operator": "新苗农场"}]}
    seen = check_with_names(park, "harvests", table, create, today=TODAY)
    assert seen.problems == []
    created, [harvest] = write_import(park, "harvests", table, seen, create=create, today=TODAY)
    [new_operator], [plot] = created["operators"], created["plots"]
    assert (
        (plot.operator_id, plot.name)
        == (new_operator.id, "东坝三号地")
        == (harvest.operator_id, "东坝三号地")
    )
    assert harvest.plot_id == plot.id


def test_a_new_buyers_usual_market_may_be_a_market_created_with_it(park, tmp_path):
    rows = [HEADER, ["2024-01-06", "A1", "王大富", "涪江湾", "萝卜", "100", "1.2"]]
    table = load_table(write_csv(tmp_path / "n.csv", rows), "shipments")
    create = {
        "buyer": [{"name": "王大富", "kind": "broker", "market": "东环新市场"}],
        "market": [{"name": "东环新市场", "city": "重庆", "district": "沙坪坝区"}],
    }
    seen = check_with_names(park, "shipments", table, create, today=TODAY)
    created, _ = write_import(park, "shipments", table, seen, create=create, today=TODAY)
    [market], [buyer] = created["markets"], created["buyers"]
    assert (market.city, market.district, buyer.default_market_id) == ("重庆", "沙坪坝区", market.id)
