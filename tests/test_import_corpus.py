"""The corpus of messy files (tests/corpus, written by make_corpus.py) imported into the demo's
master data: exactly the expected values, or exactly the expected messages; whole small files
fuzzed: no crash, no traceback, no partial write."""

from __future__ import annotations

import csv
import datetime
import importlib.util
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import cli
from db import demo, importing
from db.importing import ImportFailed, WarningsNotAccepted, check_shipments, import_shipments
from db.repositories import Store
from db.storage.connection import open_database

CORPUS = Path(__file__).parent / "corpus"
TODAY = datetime.date(2024, 1, 10)
STALE = (
    "a formula whose saved value cannot be trusted (0 or nothing: the program that wrote the file "
    "did not compute it); open the file in Excel or WPS and save it again, or type the value"
)


@pytest.fixture(scope="module")
def park_db(tmp_path_factory):
    """The demo's master data (DOMAIN.md's operators, crops with their price ranges, buyers, markets)."""
    path = tmp_path_factory.mktemp("park") / "park.db"
    store = Store(open_database(path), user="tester")
    demo.generate(store, years=0, seed=7, end=datetime.date(2025, 12, 31))
    store.close()
    return path


@pytest.fixture
def park(park_db, tmp_path):
    copy = tmp_path / "park.db"
    copy.write_bytes(park_db.read_bytes())
    store = Store(open_database(copy), user="tester")
    yield store
    store.close()


def ids(store):
    """name → id of each kind of master record."""
    return {
        "op": {o.name: o.id for o in store.operators.list()},
        "crop": {c.name: c.id for c in store.crops.list()},
        "buyer": {b.name: b.id for b in store.buyers.list()},
        "market": {m.name: m.id for m in store.markets.list()},
    }


def counts(store):
    return {
        t: store.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("shipments", "shipment_lines", "audit_log")
    }


def test_the_corpus_is_what_the_generator_writes(tmp_path):
    spec = importlib.util.spec_from_file_location("make_corpus", CORPUS / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path)
    for path in sorted(tmp_path.iterdir()):
        assert path.read_bytes() == (CORPUS / path.name).read_bytes(), path.name


def test_a_clerks_gbk_sheet_in_its_own_layout_imports_exactly(park):
    n = ids(park)
    result = import_shipments(park, CORPUS / "clerk_sheet_gbk.csv", today=TODAY)
    assert result.written and result.rows == 8
    assert result.ignored_columns == ["备注"]
    assert result.duplicates == [(3, 2, "B231106-01")]  # the row pasted twice is skipped, once
    got = {
        s.ticket_no: (
            s.ship_date,
            s.buyer_id,
            s.market_id,
            s.plate,
            s.gross_g,
            s.tare_g,
            [(x.operator_id, x.crop_id, x.grade, x.net_g, x.agreed_price) for x in s.lines],
        )
        for s in park.shipments.list()
    }
    op, crop, buyer, market = n["op"], n["crop"], n["buyer"], n["market"]
    assert got == {
        # 21240 斤 at 0.6 元/斤 = 10,620 kg at 1.2 元/kg, once (not 21,240 kg: the repeat is skipped)
        "B231106-01": (
            "2023-11-06",
            buyer["陈建华"],
            market["重庆双福国际农贸城"],
            "渝C37215",
            14_620_000,
            0,
            [
                (op["遂宁市船山区涪江湾蔬菜种植专业合作社"], crop["白萝卜"], "ungraded", 10_620_000, 12_000),
                (op["潼南区桂林街道双坝蔬菜股份合作社"], crop["白萝卜"], "first", 4_000_000, 13_000),
            ],
        ),
        "B231106-02": (
            "2023-11-06",
            buyer["蒋国平"],
            market["遂宁纵横农产品批发市场"],
            "川JA3712",
            3_500_000,
            0,
            [(op["船山区唐家乡青禾家庭农场"], crop["花椰菜"], "ungraded", 3_500_000, 42_000)],
        ),
        "B231107-01": (
            "2023-11-07",
            buyer["重庆鲜达生鲜配送有限公司"],
            market["花枝农业祥和蔬菜批发市场"],
            "渝A62391",
            600_000,
            0,
            [(op["船山区老池镇绿畴果蔬专业合作社"], crop["豇豆"], "special", 600_000, 70_000)],
        ),
        "B231108-01": (
            "2023-11-08",
            buyer["周德明"],
            market["重庆盘溪农产品批发市场"],
            "渝C24071",
            3_000_000,
            0,
            [(op["潼南区李明秀家庭农场"], crop["莴笋"], "second", 3_000_000, 22_000)],
        ),
        "B231108-02": (
            "2023-11-08",
            buyer["周德明"],
            None,
            "渝C24071",
            2_500_000,
            0,
            [(op["船山区何德贵家庭农场"], crop["儿菜"], "ungraded", 2_500_000, 30_000)],
        ),
        "B231109-01": (
            "2023-11-09",
            buyer["刘小勇"],
            market["海领(临空)进口农产品交易中心"],
            "渝C11872",
            4_500_000,
            0,
            [(op["潼南区丰沃蔬菜专业合作社"], crop["甘蓝"], "ungraded", 4_500_000, 10_000)],
        ),
    }
    # the skipped repeat is in the audit log with the import
    [entry] = park.db.execute("SELECT after FROM audit_log WHERE table_name = 'imports'").fetchall()
    assert json.loads(entry[0])["duplicates_skipped"] == [{"row": 3, "repeats_row": 2}]


def test_a_conflicting_row_of_one_ticket_is_listed_and_nothing_is_imported(park):
    before = counts(park)
    with pytest.raises(ImportFailed) as failed:
        import_shipments(park, CORPUS / "conflict.csv", today=TODAY)
    assert [(p.row, p.column, p.value, str(p.message)) for p in failed.value.problems] == [
        (
            3,
            "磅单号",
            "B240105-01",
            "row 2 of this ticket has the same operator, crop and grade with other values; a ticket "
            "has one line per operator, crop and grade: delete one of the two rows or correct it",
        )
    ]
    assert counts(park) == before


def test_stale_formulas_are_reported_never_read_as_zero(park):
    before = counts(park)
    with pytest.raises(ImportFailed) as failed:
        import_shipments(park, CORPUS / "stale_formulas.xlsx", today=TODAY)
    # 400*2 saved as 800 is read; 0.6*2 saved as 0 and a SUM saved without a value are not
    assert [(p.row, p.column, p.value, str(p.message)) for p in failed.value.problems] == [
        (2, "单价(元/公斤)", "0", STALE),
        (3, "净重(公斤)", "", STALE),
    ]
    assert counts(park) == before


def test_a_formula_with_its_value_saved_is_read(park, tmp_path):
    spec = importlib.util.spec_from_file_location("make_corpus", CORPUS / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rows = [module.STALE["出货"][0], list(module.STALE["出货"][1])]
    rows[1][9] = ("0.6*2", 1.2)  # computed and saved, as Excel or WPS saves it
    path = tmp_path / "computed.xlsx"
    path.write_bytes(module.workbook({"出货": rows}))
    result = import_shipments(park, path, today=TODAY)
    [line] = result.shipments[0].lines
    assert (line.net_g, line.agreed_price) == (800_000, 12_000)


def test_outliers_are_warnings_accepted_explicitly_and_kept_in_the_audit_log(park):
    before = counts(park)
    path = CORPUS / "outliers.csv"
    with pytest.raises(WarningsNotAccepted) as refused:
        import_shipments(park, path, today=TODAY)
    assert [(w.kind, w.row, w.value) for w in refused.value.problems] == [
        ("price_range", 2, "77.67"),  # eggplant, whose usual high is 4.5 元/kg
        ("price_range", 3, "12元/斤"),  # 24 元/kg for radish
        ("price_zero", 4, "0"),
        ("near_duplicate", 6, "T5"),  # 45 minutes after T4; T6 came 95 minutes after T5
    ]
    assert str(refused.value.problems[0].message) == (
        "77.67 元/公斤 is far outside the usual range of 茄子 (2–4.5 元/公斤); check the price and its "
        "unit (元/斤 or 元/公斤)"
    )
    assert str(refused.value.problems[3].message) == (
        "the same truck (川JA3712, 3000 kg net) as ticket T4 on row 5, weighed within the hour; is it "
        "one truck entered twice?"
    )
    assert counts(park) == before
    with pytest.raises(WarningsNotAccepted) as partly:  # every kind must be accepted
        import_shipments(park, path, today=TODAY, accept_warnings=["price_range", "price_zero"])
    assert [w.kind for w in partly.value.problems] == ["near_duplicate"]
    assert counts(park) == before

    result = import_shipments(park, path, today=TODAY, accept_warnings=True)
    assert result.written and len(result.shipments) == 6
    [entry] = park.db.execute("SELECT after FROM audit_log WHERE table_name = 'imports'").fetchall()
    record = json.loads(entry[0])
    assert record["file"] == "outliers.csv" and record["shipments"] == 6
    assert [(w["kind"], w["row"]) for w in record["accepted_warnings"]] == [
        ("price_range", 2),
        ("price_range", 3),
        ("price_zero", 4),
        ("near_duplicate", 6),
    ]


def test_a_mapping_reads_titles_no_rule_knows(park):
    mapping = json.loads((CORPUS / "mapping.json").read_text(encoding="utf-8"))
    with pytest.raises(ImportFailed):
        import_shipments(park, CORPUS / "mapped.csv", today=TODAY)
    [shipment] = import_shipments(park, CORPUS / "mapped.csv", today=TODAY, mapping=mapping).shipments
    [line] = shipment.lines
    assert (line.net_g, line.agreed_price) == (1_500_000, 18_000)  # 3000 斤 at 0.9 元/斤
    assert line.crop_id == ids(park)["crop"]["南瓜"]


def test_a_mapping_naming_what_is_not_there_is_a_problem(park):
    with pytest.raises(ImportFailed) as failed:
        import_shipments(park, CORPUS / "mapped.csv", mapping={"票": "ticket", "重量": "weight??"})
    messages = [(p.column, str(p.message).split(";")[0]) for p in failed.value.problems]
    assert ("重量", "the mapping names this column, but the file has no column of that title") in messages


def test_the_sheet_is_chosen_by_name(park):
    with pytest.raises(ImportFailed):
        import_shipments(park, CORPUS / "two_sheets.xlsx", today=TODAY)  # the first sheet holds notes
    [shipment] = import_shipments(park, CORPUS / "two_sheets.xlsx", today=TODAY, sheet="出货").shipments
    assert (shipment.ticket_no, shipment.lines[0].net_g, shipment.lines[0].agreed_price) == (
        "S1",
        2_500_000,
        84_000,
    )
    with pytest.raises(importing.DomainError, match="has no sheet '出货单'; its sheets are 说明, 出货"):
        check_shipments(park, CORPUS / "two_sheets.xlsx", sheet="出货单")


def test_a_title_above_the_table_is_skipped(park, tmp_path):
    rows = [["2023年11月出货表"], [], *[list(r) for r in csv.reader(["单号,日期,买家,主体,品名,重量,单价"])]]
    rows.append(["X1", "2023-11-06", "陈建华", "涪江湾", "萝卜", "1000", "1.2"])
    path = tmp_path / "titled.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)
    [shipment] = import_shipments(park, path, today=TODAY).shipments
    assert shipment.lines[0].net_g == 1_000_000


# ---------------------------------------------------------------------------------------------------
# The command line


def run(capsys, *argv):
    code = cli.main(["--lang", "en", *(str(a) for a in argv)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def park_path(park):
    path = Path(park.path)
    park.close()
    return path


def test_cli_lists_warnings_writes_the_errors_csv_and_imports_only_when_accepted(capsys, park_path, tmp_path):
    errors = tmp_path / "errors.csv"
    code, out, err = run(
        capsys, "--db", park_path, "import", "shipments", CORPUS / "outliers.csv", "--errors", errors
    )
    assert code == 1
    assert "warning: row 2, Price (CNY/kg) '77.67': 77.67 元/公斤 is far outside" in err
    assert "import it again with --accept-warnings. Nothing was imported." in err
    data = errors.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Excel
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines()))
    assert rows[0] == ["kind", "row", "column", "value", "message"]
    assert [(r[0], r[1], r[3]) for r in rows[1:]] == [
        ("warning", "2", "77.67"),
        ("warning", "3", "12元/斤"),
        ("warning", "4", "0"),
        ("warning", "6", "T5"),
    ]
    code, _, err = run(
        capsys, "--db", park_path, "import", "shipments", CORPUS / "outliers.csv", "--errors", errors
    )
    assert code == 1 and "--force" in err  # the errors file is not replaced without --force
    code, out, _ = run(
        capsys, "--db", park_path, "import", "shipments", CORPUS / "outliers.csv", "--accept-warnings"
    )
    assert code == 0 and "Imported 6 shipments (6 lines)" in out
    store = Store(open_database(park_path), user="tester")
    try:
        assert store.shipments.count() == 6
    finally:
        store.close()


def test_cli_sheet_mapping_and_skipped_rows(capsys, park_path):
    code, out, err = run(
        capsys,
        "--db",
        park_path,
        "import",
        "shipments",
        CORPUS / "two_sheets.xlsx",
        "--sheet",
        "出货",
        "--dry-run",
    )
    assert code == 0 and "is correct: 1 shipment, 1 line" in out
    code, out, _ = run(
        capsys,
        "--db",
        park_path,
        "import",
        "shipments",
        CORPUS / "mapped.csv",
        "--mapping",
        CORPUS / "mapping.json",
    )
    assert code == 0 and "Imported 1 shipment (1 line)" in out
    code, out, err = run(capsys, "--db", park_path, "import", "shipments", CORPUS / "clerk_sheet_gbk.csv")
    assert code == 0
    assert "ignored: 备注: column ignored" in err
    assert "duplicate: row 3" in err and "1 repeated row skipped." in out


def test_cli_refuses_a_mapping_that_is_not_json(capsys, park_path, tmp_path):
    bad = tmp_path / "m.json"
    bad.write_text("{not json", encoding="utf-8")
    code, _, err = run(
        capsys, "--db", park_path, "import", "shipments", CORPUS / "mapped.csv", "--mapping", bad
    )
    assert code == 1 and "is not a JSON mapping" in err and "Traceback" not in err


# ---------------------------------------------------------------------------------------------------
# Fuzzing whole small files

_VALUES = {
    "单号": ["F1", "F2", "F2", "", "=1+1", "Ｆ３"],
    "时间": [
        "2024-01-06",
        "2024-01-06 16:02",
        "2024.1.6",
        "24/1/6",
        "2024年1月6日",
        "20240106",
        "1月6号",
        "2024-13-01",
        "",
        "x",
    ],
    "买家": ["陈建华", "周德明", "陳建華", "", "无名"],
    "主体": ["涪江湾", "雙壩", "青禾", "", "不存在"],
    "品名": ["萝卜", "蘿蔔", "青笋", "茄子", "", "豆角"],
    "等级": ["", "一级", "特級", "统货", "五级"],
    "重量(斤)": ["1000", "１２．５", "3吨半", "0", "-5", "1e9", "", "abc", "100000"],
    "单价(元/斤)": ["0.6", "1.2元/公斤", "0", "一块二", "", "99999", "abc"],
    "车号": ["渝C37215", "川JA3712", "", "XX"],
}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    titles=st.permutations(list(_VALUES)),
    rows=st.lists(st.lists(st.integers(min_value=0, max_value=9), min_size=9, max_size=9), max_size=6),
    accept=st.booleans(),
)
def test_fuzzed_files_import_whole_or_not_at_all(park, tmp_path, titles, rows, accept):
    path = tmp_path / "fuzz.csv"
    table = [titles] + [
        [_VALUES[t][i % len(_VALUES[t])] for t, i in zip(titles, row, strict=True)] for row in rows
    ]
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(table)
    before = counts(park)
    try:
        result = import_shipments(park, path, today=TODAY, accept_warnings=accept)
    except (ImportFailed, importing.DomainError) as exc:
        assert counts(park) == before  # nothing at all was written
        assert str(exc)
        for problem in getattr(exc, "problems", []):
            assert problem.text()  # every problem can be shown
        return
    after = counts(park)
    assert after["shipments"] - before["shipments"] == len(result.shipments)
    assert after["shipment_lines"] - before["shipment_lines"] == result.lines
    park.db.execute("DELETE FROM shipment_lines")  # the next example starts from the same state
    park.db.execute("DELETE FROM shipments")
    park.db.conn.commit()


def _corpus_module():
    spec = importlib.util.spec_from_file_location("make_corpus", CORPUS / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_CELLS = st.one_of(
    st.sampled_from(["陈建华", "涪江湾", "萝卜", "2024-01-06", "F1", "一级", "双福", "", "x", "=1+1"]),
    st.integers(min_value=-5, max_value=50_000),
    st.floats(min_value=0, max_value=100, allow_nan=False).map(lambda f: round(f, 2)),
    st.tuples(st.sampled_from(["1+1", "A1*2", "SUM(A1:A3)"]), st.sampled_from([None, 0, 2, "x"])),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(_CELLS, min_size=9, max_size=9), max_size=5))
def test_fuzzed_workbooks_with_formulas_import_whole_or_not_at_all(park, tmp_path, rows):
    titles = ["日期", "磅单号", "客商", "目的市场", "经营主体", "品种", "等级", "净重(公斤)", "单价(元/公斤)"]
    path = tmp_path / "fuzz.xlsx"
    path.write_bytes(_corpus_module().workbook({"出货": [titles, *rows]}))
    before = counts(park)
    try:
        result = import_shipments(park, path, today=TODAY, accept_warnings=True)
    except (ImportFailed, importing.DomainError) as exc:
        assert counts(park) == before
        for problem in getattr(exc, "problems", []):
            assert problem.text()
        return
    after = counts(park)
    assert after["shipment_lines"] - before["shipment_lines"] == result.lines
    # a formula cell saved as 0 or without a value never reached the database
    stale = {
        (r, c)
        for r, row in enumerate(rows, 2)
        for c, v in enumerate(row)
        if isinstance(v, tuple) and v[1] in (None, 0)
    }
    assert not {(r, c) for r, c in stale if c in (7, 8)}
    park.db.execute("DELETE FROM shipment_lines")
    park.db.execute("DELETE FROM shipments")
    park.db.conn.commit()
