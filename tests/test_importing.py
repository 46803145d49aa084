"""The shipment importer: real CSV/XLSX files, every problem listed, all or nothing, exact round trips."""

from __future__ import annotations

import csv
import datetime
import io
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from xlsxwriter.utility import xl_rowcol_to_cell

from db import demo, importing, parsing, units
from db.documents import exporting
from db.importing import ImportFailed, check_shipments, import_shipments
from db.records import Shipment, ShipmentLine
from db.repositories import Store
from db.storage.connection import open_database

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
    size = path.stat().st_size
    calls = []
    before = counts(store)
    result = check_shipments(
        store, path, today=TODAY, progress=lambda done, total: calls.append((done, total))
    )
    assert result.ok and len(result.shipments) == 1200 and counts(store) == before
    # (0, 0) while the file is first checked; then bytes read of the file's size every 500 rows
    # (rows 0, 500 and 1000 of the 1201 after the header), and finally all of it
    assert calls[0] == (0, 0)
    measured = [c for c in calls if c != (0, 0)]
    assert len(measured) == 4 and measured[-1] == (size, size)
    assert all(total == size for _, total in measured)
    assert [d for d, _ in measured] == sorted(d for d, _ in measured) and measured[0][0] < size
    assert result.net_g == 1200 * 12_000_500
    assert result.amount_fen == 1200 * 960_040  # each line rounded as stored, then summed

    class Stop(Exception):
        pass

    def stop_when_reading(done, total):
        if total:
            raise Stop

    with pytest.raises(Stop):
        check_shipments(store, path, today=TODAY, progress=stop_when_reading)

    seen = []

    def stop_in_the_first_pass(done, total):  # Cancel works before any row is read
        seen.append((done, total))
        if len(seen) == 2:
            raise Stop

    with pytest.raises(Stop):
        check_shipments(store, path, today=TODAY, progress=stop_in_the_first_pass)
    assert seen == [(0, 0), (0, 0)]
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


def test_a_ticket_above_40_t_is_a_warning_to_accept_and_above_200_t_an_error(store, master, tmp_path):
    def rows(kg, ticket="B1"):
        return [ZH] + [
            ["2024-01-06", ticket, "陈建华", "", "", "涪江湾", "白萝卜", grade, kg, "1", ""]
            for grade in ("", "一级", "二级")  # three lines: the same row three times would be one
        ]

    heavy = write_csv(tmp_path / "heavy.csv", rows("15000"))
    before = counts(store)
    with pytest.raises(importing.WarningsNotAccepted) as refused:
        import_shipments(store, heavy)
    [warning] = refused.value.problems
    assert (warning.row, warning.column, warning.value, warning.kind) == (
        2,
        "净重(公斤)",
        "45000",
        "truck_weight",
    )
    assert "ticket B1: a truck of 45,000.0 kg net is above 40 t" in str(warning.message)
    with pytest.raises(importing.WarningsNotAccepted):
        import_shipments(store, heavy, accept_warnings=["price_range", "price_zero"])
    assert counts(store) == before
    result = import_shipments(store, heavy, accept_warnings=["truck_weight"])
    assert result.written and store.shipments.by_ticket("B1").net_g == 45_000_000
    after = store.db.execute("SELECT after FROM audit_log WHERE table_name = 'imports'").fetchone()[0]
    assert '"kind": "truck_weight"' in after

    line = [ZH, ["2024-01-06", "B2", "陈建华", "", "", "涪江湾", "白萝卜", "", "41吨", "1", ""]]
    checked = check_shipments(store, write_csv(tmp_path / "line.csv", line))
    assert checked.ok and [(w.row, w.value, w.kind) for w in checked.warnings] == [
        (2, "41吨", "truck_weight"),
        (2, "41000", "truck_weight"),
    ]
    assert "a line of 41,000.0 kg is above 40 t" in str(checked.warnings[0].message)

    with pytest.raises(ImportFailed) as failed:
        import_shipments(store, write_csv(tmp_path / "huge.csv", rows("34000", "B4")), accept_warnings=True)
    [problem] = failed.value.problems
    assert (problem.row, problem.value) == (2, "102000") and "more than 100 t" in problem.message
    line[1][1], line[1][8] = "B3", "201吨"
    with pytest.raises(ImportFailed) as failed:
        import_shipments(store, write_csv(tmp_path / "huge-line.csv", line), accept_warnings=True)
    assert "more than 100 t" in failed.value.problems[0].message  # what any typed weight may be


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
            "备注",  # a column of no field: ignored, and reported
            "单价(元/公斤)",
            "金额(元)",
            "金额(元)",
        ]
    ]
    rows.append(["2024-01-06"] * 12)
    with pytest.raises(ImportFailed) as failed:
        import_shipments(store, write_csv(tmp_path / "header.csv", rows))
    found = [(p.row, p.column, p.message.split(";")[0]) for p in failed.value.problems]
    assert (1, "金额(元)", "this column appears twice") in found
    assert (1, "净重(公斤) / net_kg", "column missing") in found
    assert len(found) == 2
    assert check_shipments(store, tmp_path / "header.csv").ignored_columns == ["备注"]


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
    imported = import_shipments(fresh, first, accept_warnings=["price_zero"])  # one line is priced 0
    assert imported.lines == 5 and [w.kind for w in imported.warnings] == ["price_zero"]
    exporting.export_shipments(fresh.db, second, "csv", lang=lang)
    assert second.read_bytes() == first.read_bytes()


def test_xlsx_round_trip_is_byte_identical(store, master, fresh, tmp_path):
    add_shipments(store, master)
    first, second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    exporting.export_shipments(store.db, first, "xlsx")
    import_shipments(fresh, first, accept_warnings=["price_zero"])
    exporting.export_shipments(fresh.db, second, "xlsx")
    assert importing.read_rows(second) == importing.read_rows(first)  # the same cell values
    assert second.read_bytes() == first.read_bytes()  # and, with the fixed created stamp, bytes


def test_demo_month_round_trip(tmp_path):
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


# ---------------------------------------------------------------------------------------------------
# Hostile and broken files: bounded, with a message, nothing written

SHEET_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def xlsx_with_sheet(path, sheet_xml, extra=None):
    """A real workbook (XlsxWriter) whose first sheet's XML is replaced, as a hostile file would be."""
    book = xlsxwriter.Workbook(str(tmp := path.with_suffix(".base.xlsx")))
    book.add_worksheet().write_string(0, 0, "x")
    book.close()
    replace = {"xl/worksheets/sheet1.xml": sheet_xml, **(extra or {})}
    with zipfile.ZipFile(tmp) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, replace.pop(item.filename, src.read(item.filename)))
        for name, data in replace.items():  # parts the original did not have
            dst.writestr(name, data)
    tmp.unlink()
    return path


def sheet(rows: str) -> bytes:
    return f'<?xml version="1.0"?><worksheet {SHEET_NS}><sheetData>{rows}</sheetData></worksheet>'.encode()


def no_progress(done, total):
    pass


# A 5 KB file that python-calamine would expand to 1,048,576 × 16,384 cells (512 GB) and abort on.
CORNERS = '<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row>'


@pytest.mark.parametrize(
    "rows",
    [
        CORNERS,
        CORNERS.replace('r="XFD1048576"', 'r="xfd1048576"'),  # letters in any case
        CORNERS.replace('r="XFD1048576"', 'r="$XFD$1048576"'),
        '<row r="1"><c r="XFD1"/></row><row r="1048576"><c r="A1048576"/></row>',  # empty cells count
        '<row r="1"><c r="A1"/></row><row r="1048576"><c/></row><row>'
        + "<c/>" * 20
        + "</row>",  # positions implied, not written: 1,048,577 rows × 20 columns
        '<row r="1"><c r="A1" a="x>y"/><c r="XFD1" b="<c r=\'A1\'/>"/></row><row r="900"><c r="B900"/></row>',
        '<row r="1"><c r="A99999999"/></row>',  # beyond any worksheet
        '<row r="1"><c r="A&#49;"/></row>',  # a position written another way
    ],
)
def test_a_workbook_spanning_too_many_cells_is_refused_before_calamine_reads_it(tmp_path, rows):
    path = xlsx_with_sheet(tmp_path / "bomb.xlsx", sheet(rows))
    assert path.stat().st_size < 10_000
    with pytest.raises(importing.DomainError, match=r"a sheet spans .* cells a shipments workbook may have"):
        importing._check_workbook(path, no_progress)


def test_prefixed_tags_are_read_like_calamine_reads_them(tmp_path):
    xml = (
        b'<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<x:sheetData><x:row r="1"><x:c r="A1"/></x:row><x:row r="1048576"><x:c r="XFD1048576"/></x:row>'
        b"</x:sheetData></x:worksheet>"
    )
    with pytest.raises(importing.DomainError, match="a sheet spans 1,048,576 rows × 16,384 columns"):
        importing._check_workbook(xlsx_with_sheet(tmp_path / "x.xlsx", xml), no_progress)


def test_a_sheet_stored_under_any_name_is_scanned_strictly(tmp_path):
    # The workbook points its first sheet at a part named like an image; a cell tag in it that never
    # ends (so it could hide a position across a chunk) is refused.
    rels = (
        b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        b'Target="media/logo.png"/></Relationships>'
    )
    hidden = b'<worksheet><sheetData><row r="1"><c r="XFD1048576" a="' + b"x" * 70_000
    path = xlsx_with_sheet(
        tmp_path / "h.xlsx",
        sheet('<row r="1"><c r="A1"/></row>'),
        {"xl/_rels/workbook.xml.rels": rels, "xl/media/logo.png": hidden},
    )
    with pytest.raises(importing.DomainError, match="a sheet spans"):
        importing._check_workbook(path, no_progress)


_POSITIONS = st.lists(st.tuples(st.integers(1, 3000), st.integers(1, 60)), min_size=1, max_size=40)


@given(_POSITIONS, st.integers(min_value=1, max_value=200), st.sampled_from(["", "x:"]))
def test_the_scan_finds_the_same_span_whatever_the_chunk_size(positions, chunk, prefix):
    by_row: dict[int, list[int]] = {}
    for row, col in positions:
        by_row.setdefault(row, []).append(col)
    xml = "".join(
        f'<{prefix}row r="{row}" spans="1:60">'
        + "".join(
            f'<{prefix}c r="{xl_rowcol_to_cell(row - 1, col - 1)}" s="1"><{prefix}v>1</{prefix}v></{prefix}c>'
            for col in cols
        )
        + f"</{prefix}row>"
        for row, cols in sorted(by_row.items())
    ).encode()
    rows = [r for r, _ in positions]
    cols = [c for _, c in positions]
    expected = (max(rows) - min(rows) + 1, max(cols) - min(cols) + 1)
    for size in (chunk, 1 << 20):
        found = importing._scan_part(Path("s.xlsx"), io.BytesIO(xml), no_progress, True, chunk=size)
        assert found == (len(xml), expected)


def test_check_shipments_refuses_the_corner_cells_workbook_without_calamine_aborting(tmp_path):
    # End to end in a child process with its address space capped: were the file handed to
    # python-calamine, it would abort ("memory allocation of 549755813888 bytes failed").
    path = xlsx_with_sheet(tmp_path / "corners.xlsx", sheet(CORNERS))
    script = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))\n"
        "from db.storage.connection import open_database\n"
        "from db.repositories import Store\n"
        "from db.importing import check_shipments\n"
        "from db.errors import DomainError\n"
        f"store = Store(open_database({str(tmp_path / 'c.db')!r}))\n"
        "try:\n"
        f"    check_shipments(store, {str(path)!r})\n"
        "except DomainError as exc:\n"
        "    print(exc)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=Path(importing.__file__).parents[1],
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "a sheet spans 1,048,576 rows × 16,384 columns" in done.stdout


def test_a_zip_bomb_is_refused_by_its_unpacked_size(tmp_path, monkeypatch):
    monkeypatch.setattr(importing, "MAX_UNPACKED_BYTES", 1 << 20)
    path = xlsx_with_sheet(tmp_path / "bomb.xlsx", sheet(""), {"xl/padding.xml": b" " * (2 << 20)})
    assert path.stat().st_size < 20_000  # 2 MB of spaces pack to a few KB
    with pytest.raises(importing.DomainError, match="unpacks to more than 1 MB"):
        check_shipments(None, path)


def test_a_billion_laughs_workbook_is_refused_not_expanded(tmp_path):
    entities = "".join(
        f'<!ENTITY lol{i} "{(f"&lol{i - 1};" if i > 1 else "lol") * 10}">' for i in range(1, 10)
    )
    shared = (
        f'<?xml version="1.0"?><!DOCTYPE lolz [{entities}]><sst {SHEET_NS} count="1" uniqueCount="1">'
        "<si><t>&lol9;</t></si></sst>"
    ).encode()
    path = xlsx_with_sheet(
        tmp_path / "lol.xlsx",
        sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'),
        {"xl/sharedStrings.xml": shared},
    )
    with pytest.raises(importing.DomainError, match="cannot be read as a workbook"):
        check_shipments(None, path)


@pytest.mark.parametrize("suffix", [".xls", ".xlsb", ".ods"])
def test_workbooks_whose_size_cannot_be_checked_are_refused(tmp_path, suffix):
    path = tmp_path / f"old{suffix}"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    with pytest.raises(
        importing.DomainError, match=rf"{suffix} workbooks are not read.*save it as \.xlsx or as CSV"
    ):
        check_shipments(None, path)


def test_a_file_too_big_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(importing, "MAX_FILE_BYTES", 1 << 20)
    path = tmp_path / "big.csv"
    path.write_bytes(b"x" * ((1 << 20) + 1))
    with pytest.raises(importing.DomainError, match="more than the 1 MB a shipments file may have"):
        check_shipments(None, path)


def test_a_csv_is_streamed_not_read_whole(tmp_path):
    rows = [ZH] + [[GOOD[1][0], f"T{i:06d}", *GOOD[1][2:]] for i in range(40_000)]
    path = write_csv(tmp_path / "long.csv", rows)
    reader = importing._open_rows(path, no_progress)
    first = [next(reader.rows) for _ in range(10)]
    assert [r.number for r in first] == list(range(1, 11))
    assert 0 < reader.position() < reader.size / 10  # a few buffers in, not the whole file
    reader.rows.close()


def test_a_line_without_breaks_is_refused_before_it_is_held(tmp_path, monkeypatch):
    monkeypatch.setattr(importing, "MAX_CSV_LINE_CHARS", 1000)
    path = tmp_path / "one-line.csv"
    path.write_text(",".join(ZH) + "\r\n" + "x" * 1001 + "\r\n", encoding="utf-8")
    with pytest.raises(importing.DomainError, match=r"one-line\.csv, line 2: more than 1,000 characters"):
        check_shipments(None, path)


def test_a_cell_longer_than_the_csv_field_limit_is_a_clear_error(store, master, tmp_path):
    path = tmp_path / "field.csv"
    path.write_text(",".join(ZH) + '\r\n"' + "x" * 140_000 + '"\r\n', encoding="utf-8")
    with pytest.raises(importing.DomainError, match="line 2: a cell longer than 131,072 characters"):
        check_shipments(store, path)


def test_long_cells_are_problems_shown_cut(store, master, tmp_path):
    row = list(GOOD[1])
    row[1] = "B" * 5000
    row[2] = "陈" * 300
    result = check_shipments(store, write_csv(tmp_path / "long.csv", [ZH, row]), today=TODAY)
    assert [(p.column, p.message) for p in result.problems] == [
        ("磅单号", "5000 characters is too long; at most 200"),
        ("客商", "300 characters is too long; at most 200"),
    ]
    assert result.problems[0].value == "B" * 60 + "…"
    row[1], row[2] = "\ufdfa" * 20, "陈建华"  # 20 characters that normalise to 360
    [problem] = check_shipments(store, write_csv(tmp_path / "nfkc.csv", [ZH, row]), today=TODAY).problems
    assert (problem.column, problem.message) == ("磅单号", "360 characters is too long; at most 200")


def test_nul_bytes_and_bidi_overrides_are_dropped_from_names_and_tickets(store, master, tmp_path):
    row = list(GOOD[1])
    row[1] = "B\x00001\u202e"
    row[2] = "\u202e陈建华\x00"
    row[5] = "涪江\u200f湾"
    path = tmp_path / "nul.csv"
    path.write_bytes(("\r\n".join(",".join(r) for r in (ZH, row)) + "\r\n").encode("utf-8"))
    result = import_shipments(store, path, today=TODAY)
    shipment = store.shipments.by_ticket("B001")
    assert result.lines == 1 and shipment.buyer_id == master["buyers"][0].id
    assert shipment.lines[0].operator_id == master["operators"][0].id


def test_invisible_characters_are_shown_visibly_in_problems(store, master, tmp_path):
    row = list(GOOD[1])
    row[2] = "\u202e华建陈"
    result = check_shipments(store, write_csv(tmp_path / "rtl.csv", [ZH, row]), today=TODAY)
    [problem] = result.problems
    assert (problem.column, problem.value) == ("客商", "<U+202E>华建陈")


def test_formula_looking_cells_are_only_text(store, master, fresh, tmp_path):
    rows = [ZH]
    for ticket in ('=HYPERLINK("http://x","y")', "+1+1", "@SUM(A1)", "'-5"):
        rows.append([GOOD[1][0], ticket, *GOOD[1][2:]])
    import_shipments(store, write_csv(tmp_path / "f.csv", rows), today=TODAY)
    tickets = [s.ticket_no for s in store.shipments.list()]
    assert sorted(tickets) == sorted(['=HYPERLINK("http://x","y")', "+1+1", "@SUM(A1)", "-5"])
    out = tmp_path / "out.csv"
    exporting.export_shipments(store.db, out, "csv")
    written = {r[1] for r in csv.reader(out.read_text(encoding="utf-8-sig").splitlines()[1:])}
    assert written == {'\'=HYPERLINK("http://x","y")', "'+1+1", "'@SUM(A1)", "'-5"}


def test_a_workbook_formula_is_never_evaluated_its_shown_value_is_read(store, master, tmp_path):
    path = tmp_path / "formula.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet()
    for col, title in enumerate(ZH):
        ws.write_string(0, col, title)
    for col, value in enumerate(GOOD[1]):
        ws.write_string(1, col, value)
    ws.write_formula(1, 1, '=CONCATENATE("B","7")', None, "B7")  # what Excel shows: B7
    book.close()
    import_shipments(store, path, today=TODAY)
    assert [s.ticket_no for s in store.shipments.list()] == ["B7"]


def test_native_dates_far_in_the_past_or_future_are_problems(store, master, tmp_path):
    path = tmp_path / "dates.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet()
    fmt = book.add_format({"num_format": "yyyy-mm-dd"})
    for col, title in enumerate(ZH):
        ws.write_string(0, col, title)
    for r, day in enumerate(
        [datetime.date(9999, 12, 31), datetime.date(2100, 1, 1), datetime.date(2024, 1, 6)]
    ):
        for col, value in enumerate(GOOD[1][1:], start=1):
            ws.write_string(r + 1, col, value if col != 1 else f"D{r}")
        ws.write_datetime(r + 1, 0, datetime.datetime.combine(day, datetime.time()), fmt)
    book.close()
    result = check_shipments(store, path)
    assert [(p.row, p.message) for p in result.problems] == [
        (2, "9999-12-31 is not between 1900-01-01 and 2099-12-31; check the year"),
        (3, "2100-01-01 is not between 1900-01-01 and 2099-12-31; check the year"),
    ]


@pytest.mark.parametrize("day", ["1899-12-31", "2100-01-01", "0001-01-01", "99999-01-01"])
def test_typed_dates_far_in_the_past_or_future_are_problems(store, master, tmp_path, day):
    row = [day, *GOOD[1][1:]]
    result = check_shipments(store, write_csv(tmp_path / "d.csv", [ZH, row]), today=TODAY)
    [problem] = result.problems
    assert problem.column == "日期" and ("out of range" in problem.message or "not a date" in problem.message)


def test_the_check_stops_after_too_many_problems(store, master, tmp_path, monkeypatch):
    monkeypatch.setattr(importing, "MAX_PROBLEMS", 10)
    rows = [ZH] + [["x"] * len(ZH) for _ in range(5000)]
    result = check_shipments(store, write_csv(tmp_path / "junk.csv", rows))
    assert result.rows < 5000  # it stopped reading
    assert len(result.problems) == 11 and "stopped after 10 problems" in result.problems[-1].message
    assert [p.row for p in result.problems[:10]] == [2] * 10


def test_more_rows_than_a_sheet_holds_are_refused(store, master, tmp_path, monkeypatch):
    monkeypatch.setattr(importing, "MAX_ROWS", 50)
    rows = [ZH] + [[GOOD[1][0], f"T{i}", *GOOD[1][2:]] for i in range(51)]
    result = check_shipments(store, write_csv(tmp_path / "rows.csv", rows), today=TODAY)
    assert result.rows == 50 and not result.shipments
    [problem] = result.problems
    assert problem.row == 52 and "more than 50 rows" in problem.message  # the 51st row below the header


def test_utf16_csv_is_read(store, master, tmp_path):
    path = tmp_path / "u16.csv"
    path.write_bytes(("\r\n".join(",".join(r) for r in GOOD[:2]) + "\r\n").encode("utf-16"))
    assert import_shipments(store, path, today=TODAY).lines == 1


@pytest.mark.parametrize("seed", range(3))
def test_binary_garbage_is_a_domain_error(store, tmp_path, seed):
    import random

    data = random.Random(seed).randbytes(20_000)
    for name in ("garbage.csv", "garbage.xlsx"):
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(
            importing.DomainError, match=r"neither UTF-8 nor GBK|cannot be read as a workbook"
        ):
            check_shipments(store, path)


_CELL = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        ["陈建华", "双福", "涪江湾", "萝卜", "一级", "12.5", "1.2元/斤", "2024-01-06", "=1+1", "'@x"]
    ),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(_CELL, min_size=0, max_size=13), min_size=1, max_size=6), st.binary(max_size=40))
def test_any_cells_give_problems_or_shipments_never_a_crash(store, master, tmp_path, rows, junk):
    path = tmp_path / "any.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([ZH, *rows])
    with open(path, "ab") as fh:
        fh.write(junk)
    before = counts(store)
    try:
        result = check_shipments(store, path, today=TODAY)
    except importing.DomainError as exc:
        assert str(exc)
    else:
        assert bool(result.problems) != bool(result.shipments) or result.rows == 0
        for problem in result.problems:
            # shown safely: nothing invisible, and cut (60 characters, each at most '<U+10FFFF>')
            assert all(ch.isprintable() or ch in " \u3000" for ch in problem.value)
            assert len(problem.value) <= 60 * len("<U+10FFFF>") + 1
            assert str(problem)
    assert counts(store) == before


def test_a_workbook_with_one_huge_text_is_refused_before_calamine_reads_it(tmp_path, monkeypatch):
    # calamine holds a whole text between two tags at once: 900 MB of spaces took 948 MB.
    monkeypatch.setattr(importing, "MAX_TEXT_BYTES", 4096)
    for name, rows in (
        ("spaces", '<row r="1"><c r="A1"><v>1</v></c></row>' + " " * 5000),
        ("string", '<row r="1"><c r="A1" t="inlineStr"><is><t>' + "A" * 5000 + "</t></is></c></row>"),
    ):
        path = xlsx_with_sheet(tmp_path / f"{name}.xlsx", sheet(rows))
        with pytest.raises(importing.DomainError, match="a text of more than 4 KB without a tag"):
            check_shipments(None, path)
    # Up to the limit it is read (and the row checked as usual).
    path = xlsx_with_sheet(
        tmp_path / "fine.xlsx", sheet('<row r="1"><c r="A1"><v>1</v></c></row>' + " " * 3000)
    )
    assert check_shipments(None, path).problems


def test_a_workbook_writing_one_cell_again_and_again_is_refused(tmp_path, monkeypatch):
    # Every tag at A1 spans one cell, yet calamine keeps each: counted, not just the rectangle.
    monkeypatch.setattr(importing, "MAX_SHEET_CELLS", 1000)
    path = xlsx_with_sheet(
        tmp_path / "same.xlsx", sheet('<row r="1">' + '<c r="A1"><v>1</v></c>' * 1001 + "</row>")
    )
    with pytest.raises(importing.DomainError, match="more than 1,000 cells in a sheet"):
        check_shipments(None, path)
    path = xlsx_with_sheet(
        tmp_path / "fewer.xlsx", sheet('<row r="1">' + '<c r="A1"><v>1</v></c>' * 999 + "</row>")
    )
    assert check_shipments(None, path).problems  # read: only its columns are wrong


def test_bags_crates_and_bundles_are_an_error_naming_the_crop_without_a_pack_weight(store, master, tmp_path):
    rows = [
        ZH,
        ["2024-01-06", "B1", "陈建华", "", "", "涪江湾", "白萝卜", "", "3袋", "1", ""],
        ["2024-01-06", "B2", "陈建华", "", "", "涪江湾", "莴笋", "", "12 捆", "1", ""],
        ["2024-01-06", "B3", "陈建华", "", "", "涪江湾", "无名菜", "", "2筐", "1", ""],
        ["2024-01-06", "B4", "陈建华", "", "", "涪江湾", "白萝卜", "", "3箱", "1", ""],
    ]
    before = counts(store)
    with pytest.raises(ImportFailed) as failed:
        import_shipments(store, write_csv(tmp_path / "packs.csv", rows))
    weights = {p.row: (p.value, p.message) for p in failed.value.problems if p.column == "净重(公斤)"}
    assert weights[2][0] == "3袋" and "白萝卜 has no bag weight" in weights[2][1]
    assert weights[3][0] == "12 捆" and "莴笋 has no bundle weight" in weights[3][1]
    assert "the crop of this row is not known" in weights[4][1]
    assert "unknown unit" in weights[5][1]  # a carton is not one of the counted packs
    assert counts(store) == before
