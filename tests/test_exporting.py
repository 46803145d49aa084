"""CSV and XLSX writers (read back for real) and the shipments export layout."""

from __future__ import annotations

import datetime
import tempfile
import zipfile
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from db import units
from db.documents import exporting
from db.documents.exporting import Column, ExportError, Sheet, neutralise, unneutralise, write_csv, write_xlsx
from db.records import Shipment, ShipmentLine

BOM = b"\xef\xbb\xbf"


def read_xlsx(path, sheet=0):
    book = CalamineWorkbook.from_path(str(path))
    try:
        return book.get_sheet_by_index(sheet).to_python(skip_empty_area=False)
    finally:
        book.close()


def sheet_xml(path, n=1):
    with zipfile.ZipFile(path) as z:
        return z.read(f"xl/worksheets/sheet{n}.xml").decode("utf-8")


def add_shipments(store, master):
    """Three shipments over two days; one line with a settled price, one without market or plate."""
    ops, crops = master["operators"], master["crops"]
    markets, buyers = master["markets"], master["buyers"]
    return store.shipments.add_many(
        [
            Shipment(
                ship_date="2024-01-06",
                ticket_no="B20240106-002",
                buyer_id=buyers[1].id,
                market_id=markets[1].id,
                plate="渝A88888",
                gross_g=6_000_000,
                tare_g=2_000_000,
                lines=(ShipmentLine(ops[1].id, crops[1].id, 3_999_999, 32_000, grade="second"),),
            ),
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
                ),
            ),
            Shipment(
                ship_date="2024-01-05",
                ticket_no="B20240105-001",
                buyer_id=buyers[0].id,
                gross_g=1_000_001,
                tare_g=0,
                lines=(ShipmentLine(ops[0].id, crops[0].id, 1_000_001, 1),),
            ),
        ]
    )


# ---------------------------------------------------------------------------------------------------
# neutralise


@pytest.mark.parametrize("text", ["=SUM(A1)", "+86 138", "-5", "@cmd", "\tx", "\rx", "=", "'=x"])
def test_neutralise_puts_an_apostrophe_before_formula_triggers(text):
    assert neutralise(text) == "'" + text
    assert unneutralise(neutralise(text)) == text


@pytest.mark.parametrize("text", ["", "陈建华", "B20240106-001", "a=b", "'quoted", "12.5", " =x"])
def test_neutralise_leaves_safe_text_alone(text):
    assert neutralise(text) == text
    assert unneutralise(text) == text


@given(st.text())
def test_neutralise_is_safe_and_reversible(text):
    safe = neutralise(text)
    assert not safe.startswith(exporting.FORMULA_TRIGGERS)
    assert unneutralise(safe) == text


# ---------------------------------------------------------------------------------------------------
# CSV


def test_csv_has_bom_crlf_exact_plain_values_and_neutralised_text(tmp_path):
    path = tmp_path / "out.csv"
    columns = [
        Column("日期", "date"),
        Column("名称", "text"),
        Column("净重(公斤)", "kg"),
        Column("金额(元)", "money"),
        Column("单价", "price"),
        Column("件数", "int"),
    ]
    rows = [
        (
            datetime.date(2024, 1, 6),
            '=HYPERLINK("x")',
            units.kg(1_234_500),
            units.yuan(1230),
            units.price_per_kg(24_000),
            12345,
        ),
        ("2024-01-07", "-周德明", units.kg(12_000_000), units.yuan(123_456_789), units.price_per_kg(1), 0),
        (datetime.date(2024, 1, 8), None, None, None, None, None),
    ]
    assert write_csv(path, columns, rows) == 3
    data = path.read_bytes()
    assert data.startswith(BOM)
    assert data.endswith(b"\r\n")
    lines = data[len(BOM) :].decode("utf-8").split("\r\n")
    assert lines[0] == "日期,名称,净重(公斤),金额(元),单价,件数"
    assert lines[1] == '2024-01-06,"\'=HYPERLINK(""x"")",1234.5,12.30,2.4,12345'
    assert lines[2] == "2024-01-07,'-周德明,12000,1234567.89,0.0001,0"
    assert lines[3] == "2024-01-08,,,,,"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]  # no temporary file left behind


def test_csv_with_plain_titles_writes_exact_numbers_by_type(tmp_path):
    path = tmp_path / "plain.csv"
    write_csv(path, ["a", "b", "c"], [(Decimal("1.250"), 7, datetime.date(2024, 2, 29))])
    assert path.read_bytes() == BOM + b"a,b,c\r\n1.25,7,2024-02-29\r\n"


def test_csv_matches_the_units_plain_helpers(tmp_path):
    path = tmp_path / "u.csv"
    values = [(1, 1, 1), (999_999, 123_456, 5), (40_000_000, 9_999_999, 100_000_000_000)]
    rows = [(units.kg(g), units.price_per_kg(p), units.yuan(f)) for g, p, f in values]
    write_csv(path, [Column("kg", "kg"), Column("p", "price"), Column("m", "money")], rows)
    lines = path.read_bytes()[len(BOM) :].decode().split("\r\n")[1:-1]
    assert lines == [
        f"{units.plain_kg(g)},{units.plain_price_per_kg(p)},{units.plain_yuan(f)}" for g, p, f in values
    ]


def test_csv_refuses_floats(tmp_path):
    with pytest.raises(ExportError, match="int or Decimal"):
        write_csv(tmp_path / "f.csv", [Column("kg", "kg")], [(1.5,)])


def test_csv_failure_leaves_the_old_file_untouched(tmp_path):
    path = tmp_path / "keep.csv"
    path.write_bytes(b"old content")

    def rows():
        yield ("ok",)
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        write_csv(path, ["x"], rows())
    assert path.read_bytes() == b"old content"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.csv"]


def test_csv_into_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        write_csv(tmp_path / "nope" / "x.csv", ["x"], [])


# ---------------------------------------------------------------------------------------------------
# XLSX


def _sheet(rows, totals=False):
    columns = [
        Column("日期", "date"),
        Column("客商", "text"),
        Column("净重(公斤)", "kg"),
        Column("单价(元/公斤)", "price"),
        Column("金额(元)", "money"),
        Column("车数", "int"),
        Column("占比", "percent"),
    ]
    return Sheet("明细", columns, rows, totals=totals)


ROWS = [
    (
        datetime.date(2024, 1, 6),
        "陈建华",
        Decimal("12000.5"),
        Decimal("0.8"),
        Decimal("9600.40"),
        2,
        Decimal("0.125"),
    ),
    (
        datetime.date(2024, 1, 7),
        "=cmd|' /C calc'!A0",
        Decimal("0.001"),
        Decimal("2.1235"),
        Decimal("0.01"),
        1,
        Decimal("0.875"),
    ),
]


def test_xlsx_has_native_numbers_dates_and_neutralised_text(tmp_path):
    path = tmp_path / "out.xlsx"
    assert write_xlsx(path, [_sheet(ROWS)]) == 2
    cells = read_xlsx(path)
    assert cells[0] == ["日期", "客商", "净重(公斤)", "单价(元/公斤)", "金额(元)", "车数", "占比"]
    assert cells[1] == [datetime.date(2024, 1, 6), "陈建华", 12000.5, 0.8, 9600.4, 2.0, 0.125]
    assert cells[2][0] == datetime.date(2024, 1, 7)
    assert cells[2][1] == "'=cmd|' /C calc'!A0"
    assert [type(v) for v in cells[2][2:]] == [float] * 5
    assert Decimal(repr(cells[2][3])) == Decimal("2.1235")
    xml = sheet_xml(path)
    assert "<f>" not in xml  # nothing is a formula
    assert 'state="frozen"' in xml and 'ySplit="1"' in xml
    assert '<autoFilter ref="A1:G3"/>' in xml
    assert "<cols>" in xml


def test_xlsx_totals_row_has_formulas_and_cached_values(tmp_path):
    path = tmp_path / "totals.xlsx"
    write_xlsx(path, [_sheet(ROWS, totals=True)])
    cells = read_xlsx(path)
    total = cells[3]
    assert total[0] == "合计"
    assert total[2] == 12000.501
    assert total[4] == 9600.41
    assert total[5] == 3.0
    assert total[3] == "" and total[6] == ""  # prices and shares are not summed
    xml = sheet_xml(path)
    assert "<f>SUM(C2:C3)</f>" in xml and "<f>SUM(E2:E3)</f>" in xml
    assert '<autoFilter ref="A1:G3"/>' in xml  # the totals row stays out of the filter


def test_xlsx_is_byte_identical_for_the_same_data(tmp_path):
    write_xlsx(tmp_path / "a.xlsx", [_sheet(ROWS, totals=True)])
    write_xlsx(tmp_path / "b.xlsx", [_sheet(ROWS, totals=True)])
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


def test_xlsx_several_sheets_with_safe_unique_names(tmp_path):
    path = tmp_path / "multi.xlsx"
    write_xlsx(
        path,
        [Sheet("a/b:c", [Column("x", "int")], [(1,)]), Sheet("A/B:C", [Column("x", "int")], [(2,), (3,)])],
    )
    book = CalamineWorkbook.from_path(str(path))
    assert book.sheet_names == ["a_b_c", "A_B_C (2)"]
    book.close()
    assert read_xlsx(path, 1) == [["x"], [2.0], [3.0]]


def test_xlsx_widths_fit_chinese_text(tmp_path):
    path = tmp_path / "w.xlsx"
    name = "遂宁市船山区涪江湾蔬菜种植专业合作社"
    write_xlsx(path, [Sheet("s", [Column("主体", "text"), Column("x", "int", width=30)], [(name, 1)])])
    xml = sheet_xml(path)
    # 18 CJK characters need 36 columns (+2 padding); the explicit width is kept.
    assert 'min="1" max="1" width="38.7109375"' in xml
    assert 'min="2" max="2" width="30.7109375"' in xml


def test_xlsx_empty_sheet_with_totals(tmp_path):
    path = tmp_path / "empty.xlsx"
    assert write_xlsx(path, [_sheet([], totals=True)]) == 0
    cells = read_xlsx(path)
    assert cells[1][0] == "合计" and cells[1][2] == 0.0


def test_xlsx_refuses_floats_and_leaves_no_file(tmp_path):
    path = tmp_path / "bad.xlsx"
    with pytest.raises(ExportError, match="int or Decimal"):
        write_xlsx(path, [Sheet("s", [Column("kg", "kg")], [(Decimal(1),), (2.5,)])])
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------------------------------------------
# The shipments export


def test_shipment_rows_are_exact_and_ordered(store, master):
    add_shipments(store, master)
    rows = list(exporting.shipment_rows(store.db))
    assert [(r[0].isoformat(), r[1]) for r in rows] == [
        ("2024-01-05", "B20240105-001"),
        ("2024-01-06", "B20240106-001"),
        ("2024-01-06", "B20240106-001"),
        ("2024-01-06", "B20240106-002"),
    ]
    first, settled = rows[1], rows[2]
    assert first[2:8] == ("陈建华", "重庆双福国际农贸城", "渝C12345", "涪江湾合作社", "白萝卜", "一级")
    assert first[8:11] == (Decimal("12000.5"), Decimal("0.8"), Decimal("9600.4"))
    # the settled price wins, and the amount is the stored one: 4999.5 kg × 2.1235 = 10616.44 元
    assert settled[7:11] == ("特级", Decimal("4999.5"), Decimal("2.1235"), Decimal("10616.44"))
    # at the end: the truck's gross and tare on each of its lines, the line's deduction and payable
    assert settled[11:] == (Decimal(25_000), Decimal(8_000), Decimal(0), Decimal("4999.5"))
    assert rows[0][3:5] == ("", "")
    english = list(exporting.shipment_rows(store.db, lang="en"))
    assert [r[7] for r in english] == ["Ungraded", "Grade 1", "Premium", "Grade 2"]


def test_shipment_rows_filter_by_inclusive_dates(store, master):
    add_shipments(store, master)
    assert len(list(exporting.shipment_rows(store.db, "2024-01-06", "2024-01-06"))) == 3
    assert len(list(exporting.shipment_rows(store.db, None, "2024-01-05"))) == 1
    assert list(exporting.shipment_rows(store.db, "2024-01-07")) == []


def test_export_shipments_csv_header_and_amounts(store, master, tmp_path):
    add_shipments(store, master)
    path = tmp_path / "s.csv"
    assert exporting.export_shipments(store.db, path, "csv") == 4
    lines = path.read_bytes()[len(BOM) :].decode().split("\r\n")
    assert lines[0] == (
        "日期,磅单号,客商,目的市场,车牌号,经营主体,品种,等级,净重(公斤),单价(元/公斤),金额(元),"
        "整车毛重(公斤),整车皮重(公斤),扣重(公斤),结算重量(公斤)"
    )
    assert lines[1] == (
        "2024-01-05,B20240105-001,陈建华,,,涪江湾合作社,白萝卜,统货,1000.001,0.0001,0.10,1000.001,0,0,1000.001"
    )
    assert lines[3] == (
        "2024-01-06,B20240106-001,陈建华,重庆双福国际农贸城,渝C12345,青禾家庭农场,莴笋,特级,4999.5,2.1235,10616.44,"
        "25000,8000,0,4999.5"
    )
    total = sum(Decimal(line.split(",")[10]) for line in lines[1:-1])
    stored = store.db.execute("SELECT sum(amount_fen) FROM shipment_lines").fetchone()[0]
    assert total * 100 == stored


def test_export_shipments_english_xlsx(store, master, tmp_path):
    add_shipments(store, master)
    path = tmp_path / "s.xlsx"
    exporting.export_shipments(store.db, path, "xlsx", lang="en")
    cells = read_xlsx(path)
    assert cells[0] == [
        "date", "ticket", "buyer", "market", "plate", "operator", "crop", "grade", "net_kg",
        "price_cny_per_kg", "amount_cny", "truck_gross_kg", "truck_tare_kg", "deduction_kg", "payable_kg",
    ]  # fmt: skip
    assert cells[3] == [
        datetime.date(2024, 1, 6), "B20240106-001", "陈建华", "重庆双福国际农贸城", "渝C12345",
        "青禾家庭农场", "莴笋", "Premium", 4999.5, 2.1235, 10616.44, 25000, 8000, 0, 4999.5,
    ]  # fmt: skip
    book = CalamineWorkbook.from_path(str(path))
    assert book.sheet_names == ["Shipments"]
    book.close()


def test_export_shipments_unknown_format(store, tmp_path):
    with pytest.raises(ExportError, match="csv or xlsx"):
        exporting.export_shipments(store.db, tmp_path / "x.pdf", "pdf")


def test_exported_file_gets_the_usual_permissions_not_the_temp_files(tmp_path):
    import os

    from db.documents.exporting import write_csv

    target = tmp_path / "out.csv"
    write_csv(target, ["a"], [["x"]])
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]  # no temporary file left behind


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=10**11), min_size=1, max_size=40),
    st.lists(st.integers(min_value=1, max_value=40_000_000), min_size=40, max_size=40),
)
def test_xlsx_totals_equal_the_exact_sum_of_the_rows_to_the_fen(fens, grams):
    # The total is summed exactly (Decimal) and only then stored as the cell's number; a float sum of
    # the 0.01-steps would drift. Read back, it is the sum of the rows to the fen and the gram.
    with tempfile.TemporaryDirectory() as folder:
        path = f"{folder}/t.xlsx"
        rows = [(units.kg(g), units.yuan(f)) for f, g in zip(fens, grams, strict=False)]
        write_xlsx(path, [Sheet("s", [Column("kg", "kg"), Column("元", "money")], rows, totals=True)])
        total = read_xlsx(path)[-1]
    assert Decimal(repr(total[1])) == units.yuan(sum(fens))
    assert Decimal(repr(total[0])) == units.kg(sum(grams[: len(fens)]))
