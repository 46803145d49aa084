"""Bags, crates and bundles (袋/筐/捆) become weight only where the crop has a known pack weight,
marked as estimated: stored on the crop (migration 0015), read and written by the crops import and
export, and used by the shipments and harvests imports (CLI too) with a warning of their own."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from app import cli
from db import demo, parsing
from db.documents.master_layouts import export_master
from db.errors import ValidationError
from db.importing import (
    ImportFailed,
    WarningsNotAccepted,
    check_masters,
    import_masters,
    import_records,
    import_shipments,
)
from db.records import Crop
from db.repositories import Store
from db.storage import schema
from db.storage.connection import open_database
from tests.test_import_corpus import park as corpus_park  # noqa: F401
from tests.test_import_corpus import park_db  # noqa: F401

CORPUS = Path(__file__).parent / "corpus"
TODAY = datetime.date(2024, 1, 10)
# What the park's own scales say one pack of each weighs, as staff would set them (the demo has none).
PACKS_SET = {"白萝卜": {"bag_g": 25_000}, "莴笋": {"bundle_g": 8_000}, "甘蓝": {"basket_g": 15_000}}


@pytest.fixture
def park(corpus_park):  # noqa: F811
    """The demo's master data (as the corpus tests have it) with the pack weights of PACKS_SET."""
    for crop in corpus_park.crops.list():
        if crop.name in PACKS_SET:
            corpus_park.crops.update(crop.replace(**PACKS_SET[crop.name]))
    return corpus_park


def _crop(store, name):
    return next(c for c in store.crops.list() if c.name == name)


# ---- storage


def test_an_older_database_gains_unknown_pack_weights_and_weighed_lines(tmp_path):
    db = Database(tmp_path / "old.db")
    schema.migrations.apply(db, stop_before="0015_pack_weights")
    db.execute("INSERT INTO crops (name) VALUES ('白萝卜')")
    db.conn.commit()
    db.close()
    store = Store(open_database(tmp_path / "old.db"), user="tester")
    try:
        [crop] = store.crops.list()
        assert (crop.bag_g, crop.basket_g, crop.bundle_g) == (None, None, None)
        columns = {r[1]: r[4] for r in store.db.execute("PRAGMA table_info(shipment_lines)")}
        assert columns["packs"] == "''"
        assert {r[1] for r in store.db.execute("PRAGMA table_info(harvests)")} >= {"packs"}
    finally:
        store.close()


def test_the_demo_invents_no_pack_weight(tmp_path):
    path = tmp_path / "demo.db"
    store = Store(open_database(path), user="tester")
    try:
        demo.generate(store, years=0, seed=7, end=datetime.date(2025, 12, 31))
        assert all((c.bag_g, c.basket_g, c.bundle_g) == (None, None, None) for c in store.crops.list())
    finally:
        store.close()


@pytest.mark.parametrize("grams", [0, -5, 100_001, 2.5])
def test_a_pack_weight_out_of_range_is_refused_and_nothing_written(park, grams):
    crop = _crop(park, "大白菜")
    with pytest.raises(ValidationError, match="a pack weight is more than 0 and at most 100 kg"):
        park.crops.update(crop.replace(bag_g=grams))
    assert park.crops.get(crop.id).bag_g is None


def test_pack_weights_are_typed_in_kg_or_with_a_unit():
    assert parsing.parse_pack_weight_g("25").value == 25_000
    assert parsing.parse_pack_weight_g("50斤").value == 25_000
    assert parsing.parse_pack_weight_g("7.5公斤").value == 7_500
    assert "above 100 kg" in parsing.parse_pack_weight_g("250").error
    assert not parsing.parse_pack_weight_g("三袋").ok


# ---- the crops import and export


def test_crops_export_and_import_carry_the_pack_weights_byte_identical(park, tmp_path):
    for fmt in ("csv", "xlsx"):
        first = tmp_path / f"crops.{fmt}"
        export_master(park, "crops", first, fmt, created=datetime.datetime(2026, 1, 1))
        empty = Store(open_database(tmp_path / f"empty-{fmt}.db"), user="tester")
        try:
            import_masters(empty, "crops", first)
            again = tmp_path / f"again.{fmt}"
            export_master(empty, "crops", again, fmt, created=datetime.datetime(2026, 1, 1))
            assert again.read_bytes() == first.read_bytes()
            radish = _crop(empty, "白萝卜")
            assert (radish.bag_g, radish.basket_g, radish.bundle_g) == (25_000, None, None)
            assert _crop(empty, "莴笋").bundle_g == 8_000
        finally:
            empty.close()
    header = (tmp_path / "crops.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.endswith("每袋重量(公斤),每筐重量(公斤),每捆重量(公斤)")


def test_a_crops_file_with_a_clerks_pack_titles_and_units(store, tmp_path):
    path = tmp_path / "crops.csv"
    path.write_text("名称,袋重,每筐重量,捆重\n紫甘蓝,50斤,12.5,\n芹菜,,,300\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as failed:
        import_masters(store, "crops", path)
    [problem] = failed.value.problems
    assert (problem.row, problem.column, problem.value) == (3, "捆重", "300")
    assert "a pack above 100 kg is a typing error" in str(problem.message)
    assert store.crops.count() == 0
    path.write_text("名称,袋重,每筐重量,捆重\n紫甘蓝,50斤,12.5,\n芹菜,,,3\n", encoding="utf-8")
    result = check_masters(store, "crops", path)
    assert [(c.name, c.bag_g, c.basket_g, c.bundle_g) for c in result.records] == [
        ("紫甘蓝", 25_000, 12_500, None),
        ("芹菜", None, None, 3_000),
    ]


# ---- the shipments import


def test_counts_of_packs_become_estimated_weights_only_once_accepted(park):
    before = park.shipments.count()
    with pytest.raises(WarningsNotAccepted) as refused:
        import_shipments(park, CORPUS / "packs.csv", today=TODAY)
    assert [(w.kind, w.row, w.value) for w in refused.value.problems] == [
        ("estimated", 2, "40袋"),
        ("estimated", 3, "120 捆"),
        ("estimated", 4, "６０筐"),
    ]
    assert str(refused.value.problems[0].message) == (
        "40袋 estimated as 1000 kg (40 × 25 kg, what one bag of 白萝卜 weighs); stored marked as estimated (估)"
    )
    assert park.shipments.count() == before

    result = import_shipments(park, CORPUS / "packs.csv", today=TODAY, accept_warnings=["estimated"])
    assert result.written
    lines = {
        (s.ticket_no, park.crops.get(line.crop_id).name): (line.net_g, line.packs, line.agreed_price)
        for s in result.shipments
        for line in park.shipments.lines_of(s.id)
    }
    assert lines == {
        ("P1", "白萝卜"): (1_000_000, "40袋", 12_000),
        ("P1", "莴笋"): (960_000, "120捆", 22_000),
        ("P2", "甘蓝"): (900_000, "60筐", 10_000),
        ("P3", "大白菜"): (3_500_000, "", 12_000),
    }
    p1 = next(s for s in result.shipments if s.ticket_no == "P1")
    assert park.shipments.get(p1.id).net_g == 1_960_000  # no weighbridge columns: the lines' sum
    [entry] = park.db.execute("SELECT after FROM audit_log WHERE table_name = 'imports'").fetchall()
    assert [(w["kind"], w["row"]) for w in json.loads(entry[0])["accepted_warnings"]] == [
        ("estimated", 2),
        ("estimated", 3),
        ("estimated", 4),
    ]


def test_a_count_of_packs_without_a_pack_weight_is_a_clear_problem(park):
    before = park.shipments.count()
    with pytest.raises(ImportFailed) as failed:
        import_shipments(park, CORPUS / "packs_unknown.csv", today=TODAY, accept_warnings=True)
    assert [(p.row, p.column, p.value) for p in failed.value.problems] == [
        (2, "净重", "20袋"),
        (3, "净重", "5箱"),
    ]
    assert str(failed.value.problems[0].message) == (
        "20 袋 is a count, not a weight: 大白菜 has no bag weight; set it on the Crops page (or in "
        "'import crops'), or type the weight (公斤 or 斤)"
    )
    assert park.shipments.count() == before


def test_an_estimate_above_100_t_is_a_problem(park, tmp_path):
    path = tmp_path / "huge.csv"
    path.write_text(
        "磅单号,日期,客商,经营主体,品种,净重,单价\nH1,2024-01-08,陈建华,涪江湾,白萝卜,999999袋,1\n"
    )
    with pytest.raises(ImportFailed) as failed:
        import_shipments(park, path, today=TODAY, accept_warnings=True)
    assert "more than 100 t; check the count" in str(failed.value.problems[0].message)


# ---- the harvests import


def test_a_harvest_sheet_of_bags_and_bundles_imports_estimated_once_accepted(park):
    before = park.harvests.count()
    with pytest.raises(WarningsNotAccepted) as refused:
        import_records(park, "harvests", CORPUS / "harvest_packs.csv", today=TODAY)
    assert [(w.kind, w.row, w.column, w.value) for w in refused.value.problems] == [
        ("estimated", 2, "产量", "30网袋"),
        ("estimated", 3, "产量", "45捆"),
    ]
    assert park.harvests.count() == before
    result = import_records(park, "harvests", CORPUS / "harvest_packs.csv", today=TODAY, accept_warnings=True)
    stored = [park.harvests.get(h.id) for h in result.records]
    assert [(h.weight_g, h.packs, h.estimated) for h in stored] == [
        (750_000, "30网袋", True),
        (360_000, "45捆", True),
        (1_250_000, "", False),
    ]
    [entry] = park.db.execute("SELECT after FROM audit_log WHERE table_name = 'imports'").fetchall()
    record = json.loads(entry[0])
    assert record["kind"] == "harvests" and record["records"] == 3
    assert [w["value"] for w in record["accepted_warnings"]] == ["30网袋", "45捆"]


def test_a_harvest_count_of_crates_on_a_crop_without_a_crate_weight_is_a_problem(park, tmp_path):
    path = tmp_path / "h.csv"
    path.write_text("日期,经营主体,品种,重量\n2024-01-08,涪江湾,白萝卜,12筐\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as failed:
        import_records(park, "harvests", path, today=TODAY, accept_warnings=True)
    [problem] = failed.value.problems
    assert "白萝卜 has no crate weight" in str(problem.message)


# ---- the command line


def run(capsys, *argv):
    code = cli.main(["--lang", "en", *(str(a) for a in argv)])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_imports_harvests_of_packs_only_with_accept_warnings(capsys, park):
    path = Path(park.path)
    park.close()
    code, _, err = run(capsys, "--db", path, "import", "harvests", CORPUS / "harvest_packs.csv")
    assert code == 1
    assert "warning: row 2, 产量 '30网袋': 30网袋 estimated as 750 kg" in err
    assert "import it again with --accept-warnings. Nothing was imported." in err
    code, out, _ = run(
        capsys, "--db", path, "import", "harvests", CORPUS / "harvest_packs.csv", "--accept-warnings"
    )
    assert code == 0 and "Imported 3 records" in out
    code, _, err = run(capsys, "--db", path, "import", "shipments", CORPUS / "packs.csv")
    assert code == 1 and "40袋 estimated as 1000 kg" in err


def test_cli_exports_the_pack_weights_of_crops(capsys, park, tmp_path):
    path = Path(park.path)
    park.close()
    out_file = tmp_path / "crops.csv"
    code, _, _ = run(capsys, "--db", path, "export", "crops", "-o", out_file)
    assert code == 0
    lines = out_file.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].endswith("bag_kg,basket_kg,bundle_kg")
    radish = next(line for line in lines if line.startswith("白萝卜,"))
    assert radish.endswith(",25,,")
    assert Decimal("25") == Decimal(radish.split(",")[-3])


def test_a_crop_record_names_its_pack_weight_by_kind():
    crop = Crop(name="x", bag_g=25_000, bundle_g=8_000)
    assert [crop.pack_g(k) for k in parsing.PACK_KINDS] == [25_000, None, 8_000]


# ---- fuzzed: counts of packs mixed with weights, on crops with and without a pack weight

_CROPS = ["白萝卜", "莴笋", "甘藍", "大白菜", "无名菜"]
_WEIGHTS = ["3袋", "12 捆", "６０筐", "2网袋", "0袋", "1000", "5箱", "", "三袋", "999999筐"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(
        st.tuples(st.integers(0, 3), st.sampled_from(_CROPS), st.sampled_from(_WEIGHTS)),
        min_size=1,
        max_size=6,
    ),
    accept=st.booleans(),
    harvests=st.booleans(),
)
def test_fuzzed_counts_of_packs_import_whole_or_not_at_all(park, tmp_path, rows, accept, harvests):
    path = tmp_path / "fuzz.csv"
    if harvests:
        table = [["日期", "经营主体", "品种", "重量"]] + [["2024-01-08", "涪江湾", c, w] for _, c, w in rows]
    else:
        table = [["磅单号", "日期", "客商", "经营主体", "品种", "净重", "单价"]]
        table += [[f"F{t}", "2024-01-08", "陈建华", "涪江湾", c, w, "1"] for t, c, w in rows]
    path.write_text("\n".join(",".join(r) for r in table) + "\n", encoding="utf-8")
    tables = ("harvests", "shipment_lines", "shipments", "audit_log")
    before = {t: park.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    try:
        if harvests:
            result = import_records(park, "harvests", path, today=TODAY, accept_warnings=accept)
            stored = [(h.weight_g, h.packs) for h in result.records]
        else:
            result = import_shipments(park, path, today=TODAY, accept_warnings=accept)
            stored = [
                (line.net_g, line.packs) for s in result.shipments for line in park.shipments.lines_of(s.id)
            ]
    except ImportFailed as failed:
        assert all(p.text() for p in failed.problems)
        after = {t: park.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
        assert after == before  # nothing at all was written
        return
    each = {"袋": 25_000, "网袋": 25_000, "捆": 8_000, "筐": 15_000}
    for grams, packs in stored:
        if packs:  # an estimate is its count × the crop's pack weight, and only once accepted
            count, pack = parsing.parse_pack_count(packs)
            assert grams == count * each[pack] and accept
    park.db.execute("DELETE FROM shipment_lines")  # the next example starts from the same state
    park.db.execute("DELETE FROM shipments")
    park.db.execute("DELETE FROM harvests")
    park.db.conn.commit()
