"""The shipment importer: real CSV/XLSX files, every problem listed, all or nothing, exact round trips."""

from __future__ import annotations

import csv
import datetime
from decimal import Decimal

import pytest
import xlsxwriter
from hypothesis import given
from hypothesis import strategies as st

from db import exporting, importing, parsing, units
from db.connection import open_database
from db.importing import ImportFailed, check_shipments, import_shipments
from db.records import Shipment, ShipmentLine
from db.repositories import Store

ZH = [
    "日期",
    "磅单号",
    "客商",
    "目的市场",
    "车牌号",
    "经营主体",
    "品种",
    "等级",
    "净重(公斤)",
    "单价(元/公斤)",
    "金额(元)",
]
EN = [f.en for f in exporting.SHIPMENT_FIELDS]
TODAY = datetime.date(2024, 3, 1)


def write_csv(path, rows, encoding="utf-8-sig"):
    with open(path, "w", encoding=encoding, newline="") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows(rows)
    return path


def counts(store):
    return {
        t: store.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("shipments", "shipment_lines", "audit_log")
    }


def copy_master(src, dst):
    """The same master data (same ids) in another database."""
    for repo in ("operators", "crops", "markets", "buyers"):
        for record in getattr(src, repo).list():
            getattr(dst, repo).add(record.replace(id=None))


@pytest.fixture
def fresh(tmp_path, store, master):
    """Another database holding the same master data as `store`."""
    other = Store(open_database(tmp_path / "fresh.db"), user="tester")
    copy_master(store, other)
    yield other
    other.close()


def add_shipments(store, master):
    ops, crops = master["operators"], master["crops"]
    markets, buyers = master["markets"], master["buyers"]
    store.shipments.add_many(
        [
            Shipment(
                ship_date="2024-01-06",
                ticket_no="B20240106-001",
                buyer_id=buyers[0].id,
                market_id=markets[0].id,
                plate="渝C12345",
                gross_g=25_000_000,
                tare_g=8_000_000,
                lines=(
                    ShipmentLine(ops[0].id, crops[0].id, 12_000_500, 8_000, grade="first"),
                    ShipmentLine(
                        ops[1].id, crops[1].id, 4_999_500, 24_000, settled_price=21_235, grade="special"
                    ),
                    ShipmentLine(ops[0].id, crops[1].id, 333, 33_333, grade="substandard"),
                ),
            ),
            Shipment(
                ship_date="2024-01-05",
                ticket_no="=1+1",  # a hostile ticket survives neutralising and the way back
                buyer_id=buyers[1].id,
                gross_g=1_000_001,
                tare_g=0,
                lines=(ShipmentLine(ops[1].id, crops[0].id, 1_000_001, 1),),
            ),
            Shipment(
                ship_date="2023-12-31",
                ticket_no="B20231231-007",
                buyer_id=buyers[1].id,
                market_id=markets[1].id,
                plate="川JA1234",
                gross_g=9_000_000,
                tare_g=1_000_000,
                lines=(ShipmentLine(ops[1].id, crops[1].id, 8_000_000, 0, grade="second"),),
            ),
        ]
    )


GOOD = [
    ZH,
    [
        "2024-01-06",
        "B001",
        "陈建华",
        "双福",
        "渝C·12345",
        "涪江湾",
        "蘿蔔",
        "一级",
        "１２０００．５",
        "0.8",
        "9600.40",
    ],
    [
        "2024.1.6",
        "B001",
        "陈建华",
        "重庆双福国际农贸城",
        "渝C12345",
        "青禾家庭农场",
        "青笋",
        "",
        "2500",
        "1.2元/斤",
        "",
    ],
    [
        "2024年1月7日",
        "B002",
        "周德明",
        "",
        "",
        "涪江湾合作社",
        "白萝卜",
        "特級",
        "3吨半",
        "855元/吨",
        "2992.50",
    ],
]


# ---------------------------------------------------------------------------------------------------
# Good files


def test_a_good_csv_imports_with_aliases_traditional_and_typed_units(store, master, tmp_path):
    path = write_csv(tmp_path / "good.csv", GOOD)
    before = counts(store)
    result = import_shipments(store, path, today=TODAY)
    assert result.written and result.rows == 3 and result.lines == 3
    after = counts(store)
    assert after["shipments"] == before["shipments"] + 2
    assert after["audit_log"] == before["audit_log"] + 2  # one audit row per shipment

    ops, crops = master["operators"], master["crops"]
    first = store.shipments.by_ticket("B001")
    assert first.ship_date == "2024-01-06"
    assert first.buyer_id == master["buyers"][0].id
    assert first.market_id == master["markets"][0].id
    assert first.plate == "渝C12345"
    assert (first.gross_g, first.tare_g, first.net_g) == (14_500_500, 0, 14_500_500)
    assert [
        (ln.operator_id, ln.crop_id, ln.grade, ln.net_g, ln.agreed_price, ln.settled_price)
        for ln in first.lines
    ] == [
        (ops[0].id, crops[0].id, "first", 12_000_500, 8_000, None),
        (ops[1].id, crops[1].id, "ungraded", 2_500_000, 24_000, None),
    ]
    assert [ln.amount_fen for ln in first.lines] == [960_040, 600_000]
    second = store.shipments.by_ticket("B002")
    assert (second.market_id, second.plate, second.ship_date) == (None, "", "2024-01-07")
    assert second.lines[0].net_g == 3_500_000 and second.lines[0].agreed_price == 8_550
    assert second.lines[0].grade == "special"


def test_an_english_xlsx_with_native_cells_imports(store, master, tmp_path):
    path = tmp_path / "en.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    for col, title in enumerate(EN):
        sheet.write_string(0, col, title)
    # row 2 is left blank on purpose: row numbers must still be the sheet's
    values = [
        datetime.date(2024, 2, 1),
        20240201001,
        "周德明",
        "盘溪",
        "渝A88888",
        "青禾家庭农场",
        "莴笋",
        "Grade 2",
        1234.567,
        2.1235,
        None,
    ]
    for col, value in enumerate(values):
        if isinstance(value, datetime.date):
            sheet.write_datetime(2, col, value, date_format)
        elif isinstance(value, str):
            sheet.write_string(2, col, value)
        elif value is not None:
            sheet.write_number(2, col, value)
    book.close()
    result = import_shipments(store, path)
    shipment = store.shipments.by_ticket("20240201001")
    assert result.lines == 1
    assert shipment.ship_date == "2024-02-01" and shipment.plate == "渝A88888"
    line = shipment.lines[0]
    assert (line.net_g, line.agreed_price, line.grade) == (1_234_567, 21_235, "second")


def test_gbk_and_tab_separated_csv_are_read(store, master, tmp_path):
    path = tmp_path / "gbk.csv"
    text = "\r\n".join("\t".join(row) for row in GOOD[:2]) + "\r\n"
    path.write_bytes(text.replace("１２０００．５", "12000.5").encode("gb18030"))
    assert import_shipments(store, path, today=TODAY).lines == 1


def test_amount_within_one_fen_or_blank_is_accepted(store, master, tmp_path):
    rows = [
        ZH,
        [*GOOD[1][:10], "9600.41"],
        ["2024-01-06", "B001", "陈建华", "双福", "渝C12345", "涪江湾", "莴笋", "", "1", "0.3333", ""],
    ]
    result = import_shipments(store, write_csv(tmp_path / "a.csv", rows))
    # the stored amount is always computed exactly, never copied from the file
    assert [ln.amount_fen for ln in result.shipments[0].lines] == [960_040, 33]


def test_dry_run_checks_and_writes_nothing(store, master, tmp_path):
    before = counts(store)
    result = import_shipments(store, write_csv(tmp_path / "good.csv", GOOD), dry_run=True, today=TODAY)
    assert result.ok and not result.written and len(result.shipments) == 2
    assert counts(store) == before


def test_check_reports_progress_totals_and_stops_when_progress_raises(store, master, tmp_path):
    rows = [ZH] + [[GOOD[1][0], f"T{i:04d}", *GOOD[1][2:]] for i in range(1, 1201)]
    path = write_csv(tmp_path / "many.csv", rows)
    calls = []
    before = counts(store)
    result = check_shipments(
        store, path, today=TODAY, progress=lambda done, total: calls.append((done, total))
    )
    assert result.ok and len(result.shipments) == 1200 and counts(store) == before
    assert calls == [(0, 0), (0, 1200), (500, 1200), (1000, 1200), (1200, 1200)]
    assert result.net_g == 1200 * 12_000_500
    assert result.amount_fen == 1200 * 960_040  # each line rounded as stored, then summed

    class Stop(Exception):
        pass

    def stop_at_500(done, total):
        if done >= 500:
            raise Stop

    with pytest.raises(Stop):
        check_shipments(store, path, today=TODAY, progress=stop_at_500)
    assert counts(store) == before


# ---------------------------------------------------------------------------------------------------
# Bad files: every problem, nothing written


def test_every_bad_cell_is_listed_and_nothing_is_written(store, master, tmp_path):
    rows = [
        ZH,
        GOOD[1],  # row 2 is fine
        [
            "2024-13-01",
            "B003",
            "陈建华",
            "双福",
            "渝C12345",
            "涪江湾",
            "白萝卜",
            "一级",
            "12x",
            "1.2",
            "",
        ],  # row 3
        ["2024-01-08", "B004", "陈建华", "双福", "川X", "涪江湾", "白萝卜", "五级", "100", "-1", ""],  # row 4
        [
            "2024-01-08",
            "B005",
            "陈建华",
            "双福",
            "",
            "涪江湾",
            "白萝卜",
            "一级",
            "100",
            "2",
            "300.00",
        ],  # row 5
        ["", "", "", "", "", "", "", "", "", "", ""],  # row 6: blank, skipped
        ["6/1/2024", "", "", "", "", "", "", "", "0", "", ""],  # row 7
    ]
    path = write_csv(tmp_path / "bad.csv", rows)
    before = counts(store)
    with pytest.raises(ImportFailed) as failed:
        import_shipments(store, path)
    assert counts(store) == before
    found = [(p.row, p.column, p.value) for p in failed.value.problems]
    assert found == [
        (3, "日期", "2024-13-01"),
        (3, "净重(公斤)", "12x"),
        (4, "车牌号", "川X"),
        (4, "等级", "五级"),
        (4, "单价(元/公斤)", "-1"),
        (5, "金额(元)", "300.00"),
        (7, "日期", "6/1/2024"),
        (7, "磅单号", ""),
        (7, "客商", ""),
        (7, "经营主体", ""),
        (7, "品种", ""),
        (7, "净重(公斤)", "0"),
        (7, "单价(元/公斤)", ""),
    ]
    messages = {(p.row, p.column): p.message for p in failed.value.problems}
    assert "no month 13" in messages[(3, "日期")]
    assert "2024-01-06 or 2024-06-01" in messages[(7, "日期")]
    assert "200.00" in messages[(5, "金额(元)")]  # what net × price gives
    assert "特级" in messages[(4, "等级")]
    assert "nothing was imported" in str(failed.value)


def test_unknown_names_list_close_matches(store, master, tmp_path):
    rows = [ZH, ["2024-01-06", "B1", "陈建", "双福市场", "", "涪江湾合作", "白萝", "", "1", "1", ""]]
    with pytest.raises(ImportFailed) as failed:
        import_shipments(store, write_csv(tmp_path / "names.csv", rows))
    messages = {p.column: p.message for p in failed.value.problems}
    assert "陈建华" in messages["客商"]
    assert "重庆双福国际农贸城" in messages["目的市场"]
    assert "涪江湾合作社" in messages["经营主体"]
    assert "白萝卜" in messages["品种"]


def test_a_ticket_already_in_the_database_is_an_error(store, master, tmp_path):
    add_shipments(store, master)
    rows = [ZH, ["2024-01-09", "B20240106-001", "陈建华", "", "", "涪江湾", "白萝卜", "", "1", "1", ""]]
    before = counts(store)
    with pytest.raises(ImportFailed) as failed:
        import_shipments(store, write_csv(tmp_path / "dup.csv", rows))
    [problem] = failed.value.problems
    assert (problem.row, problem.column, problem.value) == (2, "磅单号", "B20240106-001")
    assert "already in the database" in problem.message
    assert counts(store) == before


def test_rows_of_one_ticket_must_agree_on_the_header_fields(store, master, tmp_path):
    rows = [
        ZH,
        ["2024-01-06", "B1", "陈建华", "双福", "渝C12345", "涪江湾", "白萝卜", "", "1", "1", ""],
        ["2024-01-06", "B1", "陈建华", "重庆双福国际农贸城", "渝C·12345", "涪江湾", "莴笋", "", "1", "1", ""],
        ["2024-01-07", "B1", "周德明", "盘溪", "渝C12345", "涪江湾", "莴笋", "", "1", "1", ""],
    ]
    with pytest.raises(ImportFailed) as failed:
        import_shipments(store, write_csv(tmp_path / "conflict.csv", rows))
    # row 3 names the same market and plate in other words: no conflict
    assert [(p.row, p.column, p.value) for p in failed.value.problems] == [
        (4, "日期", "2024-01-07"),
        (4, "客商", "周德明"),
        (4, "目的市场", "盘溪"),
    ]
    assert "row 2" in failed.value.problems[0].message


def test_a_ticket_heavier_than_any_truck_is_an_error(store, master, tmp_path):
    rows = [ZH] + [["2024-01-06", "B1", "陈建华", "", "", "涪江湾", "白萝卜", "", "15000", "1", ""]] * 3
    with pytest.raises(ImportFailed) as failed:
        import_shipments(store, write_csv(tmp_path / "heavy.csv", rows))
    [problem] = failed.value.problems
    assert (problem.row, problem.column, problem.value) == (2, "净重(公斤)", "45000")


def test_header_problems(store, master, tmp_path):
    rows = [
        [
            "日期",
            "磅单号",
            "客商",
            "目的市场",
            "车牌号",
            "经营主体",
            "品种",
            "等级",
            "重量",
            "单价(元/公斤)",
            "金额(元)",
            "金额(元)",
        ]
    ]
    rows.append(["2024-01-06"] * 12)
    with pytest.raises(ImportFailed) as failed:
        import_shipments(store, write_csv(tmp_path / "header.csv", rows))
    found = [(p.row, p.column, p.message.split(";")[0]) for p in failed.value.problems]
    assert (1, "重量", "unknown column") in found
    assert (1, "金额(元)", "this column appears twice") in found
    assert (1, "净重(公斤) / net_kg", "column missing") in found
    assert len(found) == 3


def test_full_width_brackets_in_titles_and_mixed_languages_are_accepted(store, master, tmp_path):
    header = [
        "date",
        "磅单号",
        "buyer",
        "目的市场",
        "plate",
        "经营主体",
        "crop",
        "等级",
        "净重（公斤）",
        "单价（元/公斤）",
        "AMOUNT_CNY",
    ]
    rows = [header, ["2024-01-06", "B1", "陈建华", "", "", "涪江湾", "白萝卜", "", "1", "1", "1.00"]]
    assert import_shipments(store, write_csv(tmp_path / "mixed.csv", rows)).lines == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), ("\ufeff" + ",".join(ZH) + "\r\n", "no rows below")],
)
def test_empty_files(store, master, tmp_path, content, message):
    path = tmp_path / "empty.csv"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(ImportFailed, match="nothing was imported") as failed:
        import_shipments(store, path)
    assert message in failed.value.problems[0].message


def test_row_numbers_count_lines_of_multi_line_cells(store, master, tmp_path):
    rows = [ZH, ["2024-01-06", "B1", "陈建华", "", "", "涪江湾", "白萝卜", "", "1", "1", ""]]
    rows[1][2] = "陈建华\n(老陈)"  # a cell over two lines: the next record starts on line 4
    rows.append(["2024-01-06", "B2", "陈建华", "", "", "涪江湾", "白萝卜", "", "x", "1", ""])
    result = check_shipments(store, write_csv(tmp_path / "ml.csv", rows))
    assert [(p.row, p.column) for p in result.problems] == [(2, "客商"), (4, "净重(公斤)")]


def test_unreadable_files(store, tmp_path):
    with pytest.raises(importing.DomainError, match="no file"):
        import_shipments(store, tmp_path / "missing.csv")
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    with pytest.raises(importing.DomainError, match=r"cannot read '\.pdf'"):
        import_shipments(store, tmp_path / "x.pdf")
    (tmp_path / "fake.xlsx").write_text("not a workbook")
    with pytest.raises(importing.DomainError, match="cannot be read as a workbook"):
        import_shipments(store, tmp_path / "fake.xlsx")


# ---------------------------------------------------------------------------------------------------
# Round trips: export → import into the same master data → export gives the same file


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_csv_round_trip_is_byte_identical(store, master, fresh, tmp_path, lang):
    add_shipments(store, master)
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    assert exporting.export_shipments(store.db, first, "csv", lang=lang) == 5
    assert import_shipments(fresh, first).lines == 5
    exporting.export_shipments(fresh.db, second, "csv", lang=lang)
    assert second.read_bytes() == first.read_bytes()


def test_xlsx_round_trip_is_byte_identical(store, master, fresh, tmp_path):
    add_shipments(store, master)
    first, second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    exporting.export_shipments(store.db, first, "xlsx")
    import_shipments(fresh, first)
    exporting.export_shipments(fresh.db, second, "xlsx")
    assert importing.read_rows(second) == importing.read_rows(first)  # the same cell values
    assert second.read_bytes() == first.read_bytes()  # and, with the fixed created stamp, bytes


def test_demo_month_round_trip(tmp_path):
    demo = pytest.importorskip("db.demo", reason="db/demo.py has not landed yet")
    end = datetime.date(2025, 12, 31)
    source = Store(open_database(tmp_path / "demo.db"), user="tester")
    try:
        demo.generate(source, years=1, seed=7, end=end)  # the shortest the demo makes; one month is exported
        for fmt in ("csv", "xlsx"):
            target = Store(open_database(tmp_path / f"target-{fmt}.db"), user="tester")
            try:
                demo.generate(target, years=0, seed=7, end=end)  # the same master data
                first = tmp_path / f"month.{fmt}"
                n = exporting.export_shipments(source.db, first, fmt, "2025-12-01", "2025-12-31")
                assert n > 100
                assert import_shipments(target, first).lines == n
                second = tmp_path / f"again.{fmt}"
                assert exporting.export_shipments(target.db, second, fmt) == n
                assert second.read_bytes() == first.read_bytes()
            finally:
                target.close()
    finally:
        source.close()


# ---------------------------------------------------------------------------------------------------
# Exactness of one cell through text and through an XLSX number


@given(st.integers(1, 40_000_000), st.integers(0, 1000 * units.PRICE_SCALE), st.integers(0, 10**11))
def test_exported_numbers_read_back_exactly(grams, price, fen):
    as_text = (units.plain_kg(grams), units.plain_price_per_kg(price), units.plain_yuan(fen))
    # XLSX stores doubles; the importer reads them back through their shortest decimal text
    as_float = tuple(
        importing._native_text(float(v))
        for v in (units.kg(grams), units.price_per_kg(price), units.yuan(fen))
    )
    for weight, price_text, amount in (as_text, as_float):
        assert parsing.parse_weight_g(weight, default_unit="kg").value == grams
        assert parsing.parse_price(price_text, default_unit="元/公斤").value == price
        assert Decimal(amount) * 100 == fen
