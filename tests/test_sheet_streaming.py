"""Workbooks are read a row at a time (db.importing.sheet_xml): the same values python-calamine gives,
rows yielded before the sheet is unpacked to its end, whichever reading (quick or pull parser)."""

from __future__ import annotations

import datetime
import io
import re
import zipfile

import pytest
import xlsxwriter
from hypothesis import given
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from db import importing
from db.importing import sheet_xml
from tests.test_importing import GOOD, ZH, xlsx_with_sheet


def no_progress(done, total):
    pass


def calamine_cells(path, sheet=0) -> dict[tuple[int, int], object]:
    """{(row, column): value} of the cells python-calamine reads with a value, numbered from 1."""
    book = CalamineWorkbook.from_path(str(path))
    found = book.get_sheet_by_index(sheet)
    left = found.start[1] if found.start else 0
    cells = {
        (r + 1, left + c + 1): value
        for r, values in enumerate(found.iter_rows())
        for c, value in enumerate(values)
        if value != ""
    }
    book.close()
    return cells


def streamed_cells(path, sheet=None) -> dict[tuple[int, int], object]:
    return {
        (row.number, c + 1): cell.native
        for row in importing.read_rows(path, sheet)
        for c, cell in enumerate(row.cells)
        if cell.native != ""
    }


def same_as_calamine(path) -> None:
    ours, theirs = streamed_cells(path), calamine_cells(path)
    assert ours == theirs
    assert {k: type(v) for k, v in ours.items()} == {k: type(v) for k, v in theirs.items()}


def every_kind_of_cell(path, **options) -> None:
    book = xlsxwriter.Workbook(str(path), options)
    ws = book.add_worksheet("数据")
    formats = [
        book.add_format({"num_format": code})
        for code in (
            "yyyy-mm-dd",
            "hh:mm",
            "yyyy-mm-dd hh:mm:ss",
            "[h]:mm",
            'yyyy"年"m"月"d"日"',
            "m/d/yy",
            "0.00",
            '#,##0.00" 元"',
            "[Red]0.0;[Blue]-0.0",
            "@",
        )
    ] + [book.add_format({"num_format": n}) for n in (14, 22, 46, 31, 57, 2, 49)]
    serials = [0.25, 1, 59, 60, 61, 45293, 45293.5, 45293.123456789, 2958465.99, -1]
    r = 0
    for fmt in formats:
        for c, serial in enumerate(serials):
            ws.write_number(r, c + 1, serial, fmt)
        r += 1
    texts = ["陈建华", " spaced ", "a & b < c > d", "line\nbreak", "_x0041_", "tab\there", "😀", "=1+1", "'x"]
    for c, text in enumerate(texts):
        ws.write_string(r, c, text)
    r += 1
    ws.write_boolean(r, 0, True)
    ws.write_boolean(r, 1, False)
    ws.write_formula(r, 2, "=1/0", None, "#DIV/0!")
    ws.write_formula(r, 3, '="B"&"7"', None, "B7")
    ws.write_formula(r, 4, "=0.6*2", None, 0)
    ws.write_formula(r, 5, "=A1", None, 1.2)
    ws.write_number(r, 6, 1e-7)
    ws.write_number(r, 7, 123456789.123)
    ws.write_blank(r, 8, None, formats[0])
    ws.write_rich_string(r + 2, 1, "涪江", book.add_format({"bold": True}), "湾", "合作社")
    ws.write_string(r + 5, 12, "far right")  # rows 7 and 8 blank between
    book.close()


@pytest.mark.parametrize("options", [{}, {"date_1904": True}, {"constant_memory": True}])
def test_every_kind_of_cell_reads_as_calamine_reads_it(tmp_path, options):
    path = tmp_path / "kinds.xlsx"
    every_kind_of_cell(path, **options)
    same_as_calamine(path)


@pytest.mark.parametrize("name", ["stale_formulas.xlsx", "two_sheets.xlsx"])
def test_the_corpus_workbooks_read_as_calamine_reads_them(name):
    from pathlib import Path

    same_as_calamine(Path(__file__).with_name("corpus") / name)


def rewritten(path, target, change) -> None:
    """The workbook at `path` with its first sheet's XML changed by `change` (bytes → bytes)."""
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            dst.writestr(item.filename, change(data) if item.filename == "xl/worksheets/sheet1.xml" else data)


def test_a_sheet_with_prefixed_tags_or_in_another_order_reads_the_same_values(tmp_path):
    plain = tmp_path / "plain.xlsx"
    every_kind_of_cell(plain)
    expected = streamed_cells(plain)

    def prefixed(xml: bytes) -> bytes:  # every tag with a prefix, as some generators write
        xml = re.sub(rb"<(/?)(?!\?)([A-Za-z])", rb"<\1x:\2", xml)
        return xml.replace(b"xmlns=", b"xmlns:x=", 1)

    def reordered(xml: bytes) -> bytes:  # attributes in another order from the fifth row on
        head, cut, tail = xml.partition(b'<row r="5"')
        return head + cut + re.sub(rb'<c r="([A-Z]+[0-9]+)" s="([0-9]+)"', rb'<c s="\2" r="\1"', tail)

    for name, change in (("prefixed", prefixed), ("reordered", reordered)):
        path = tmp_path / f"{name}.xlsx"
        rewritten(plain, path, change)
        assert streamed_cells(path) == expected, name
        assert [r.number for r in importing.read_rows(path)] == list(
            range(1, 1 + max(k[0] for k in expected))
        )


def big_workbook(path, rows: int, **options) -> None:
    book = xlsxwriter.Workbook(str(path), options)
    ws = book.add_worksheet()
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    ws.write_row(0, 0, ZH)
    for r in range(1, rows + 1):
        ws.write_datetime(r, 0, datetime.datetime(2024, 1, 6), day)
        ws.write_string(r, 1, f"T{r:06d}")
        ws.write_row(r, 2, GOOD[1][2:])
    book.close()


@pytest.mark.parametrize("options", [{}, {"constant_memory": True}])
def test_a_workbook_is_streamed_not_read_whole(tmp_path, options):
    path = tmp_path / "long.xlsx"
    big_workbook(path, 40_000, **options)
    reader = importing._open_rows(path, no_progress)
    first = [next(reader.rows) for _ in range(10)]
    assert [r.number for r in first] == list(range(1, 11))
    assert [c.text for c in first[1].cells[:2]] == ["2024-01-06", "T000001"]
    assert 0 < reader.position() < reader.size / 10  # a few blocks of the sheet in, not all of it
    reader.rows.close()


def test_the_pull_parser_streams_too(tmp_path):
    plain = tmp_path / "plain.xlsx"
    big_workbook(plain, 40_000)
    path = tmp_path / "spaced.xlsx"  # two spaces before r: only the pull parser reads that
    rewritten(plain, path, lambda xml: re.sub(rb"<c r=", rb"<c  r=", xml))
    reader = importing._open_rows(path, no_progress)
    first = [next(reader.rows) for _ in range(10)]
    assert [c.text for c in first[9].cells[:2]] == ["2024-01-06", "T000009"]
    assert 0 < reader.position() < reader.size / 10
    reader.rows.close()


def test_a_sheet_switching_form_midway_yields_every_row_once(tmp_path):
    plain = tmp_path / "plain.xlsx"
    big_workbook(plain, 3000)
    path = tmp_path / "late.xlsx"
    # row 2500 in a form only the pull parser reads: the rows before it are not read again
    rewritten(plain, path, lambda xml: xml.replace(b'<row r="2500"', b'<row  spans="1:11" r="2500"'))
    rows = importing.read_rows(path)
    assert [r.number for r in rows] == list(range(1, 3002))
    assert [r.cells[1].text for r in rows[1:]] == [f"T{i:06d}" for i in range(1, 3001)]


def test_a_sheet_refusal_comes_from_the_reading_itself(tmp_path, monkeypatch):
    # Without the sheet in the first scan, its guards hold while it is read, in both readings.
    monkeypatch.setattr(importing, "MAX_SHEET_CELLS", 1000)
    for form in ('<c r="A{r}"><v>1</v></c>', '<c t="n" r="A{r}"><v>1</v></c>'):
        rows = "".join(f'<row r="{r}">' + form.format(r=r) + "</row>" for r in range(1, 1200))
        path = xlsx_with_sheet(
            tmp_path / "tall.xlsx", f"<worksheet><sheetData>{rows}</sheetData></worksheet>".encode()
        )
        with pytest.raises(importing.DomainError, match="more than 1,000 cells in a sheet"):
            importing.read_rows(path)


def naive_longest_run(data: bytes) -> int:
    return max(len(piece) for piece in data.split(b"<"))


@given(
    st.lists(st.sampled_from([b"<", b"a", b" " * 7, b"<c>", b"x" * 50]), max_size=60),
    st.integers(1, 40),
    st.integers(1, 60),
)
def test_the_text_guard_finds_the_longest_run_across_blocks(pieces, block, limit):
    data = b"".join(pieces)
    guard = sheet_xml._Guard(sheet_xml.Limits(cells=10**9, span=10**9, text=limit))
    stream = io.BytesIO(data)
    try:
        while chunk := stream.read(block):
            guard.block(chunk)
    except sheet_xml.SheetRefused:
        assert naive_longest_run(data) > limit
    else:
        assert naive_longest_run(data) <= limit


@pytest.mark.parametrize(
    "rows",
    [
        '<row r="1"/><row r="2"><c r="A2"><v>1</v></c><c r="C2" t="inlineStr"><is><t>x</t></is></c></row>',
        '<row><c><v>1</v></c><c><v>2</v></c></row><row><c r="B2"><v>3</v></c></row>',  # positions implied
        '\n  <row r="3" spans="1:3">\n    <c r="A3" s="1"/>\n    <c r="B3"><v>4.5</v></c>\n  </row>\n',
        '<row r="1"><c r="A1" t="str"><f>A2*2</f><v>abc</v></c><c r="B1"><f t="shared" si="0"/><v>0</v></c></row>',
        '<row r="1"><c r="A1"><v>1</v></c></row><row r="5"><c r="D5" t="b"><v>1</v></c></row><row r="6"/>',
    ],
)
def test_hand_written_sheets_read_as_calamine_reads_them(tmp_path, rows):
    path = xlsx_with_sheet(
        tmp_path / "hand.xlsx",
        f'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{rows}</sheetData></worksheet>".encode(),
    )
    same_as_calamine(path)


def test_a_sheet_in_another_encoding_is_decoded_as_it_declares_or_refused(tmp_path):
    def sheet_in(encoding: str, text: str) -> bytes:
        return (
            f'<?xml version="1.0" encoding="{encoding}"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            f'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>{text}</t></is>'
            '</c><c r="B1"><v>2.5</v></c></row></sheetData></worksheet>'
        ).encode(encoding)

    path = xlsx_with_sheet(tmp_path / "latin.xlsx", sheet_in("ISO-8859-1", "Café"))
    assert streamed_cells(path) == {(1, 1): "Café", (1, 2): 2.5}
    # No spreadsheet program writes a sheet in GBK, and the XML parser cannot decode one: refused.
    path = xlsx_with_sheet(tmp_path / "gbk.xlsx", sheet_in("GBK", "陈建华"))
    with pytest.raises(importing.DomainError, match=r"gbk\.xlsx cannot be read as a workbook"):
        importing.read_rows(path)


def test_a_sheet_not_read_is_not_unpacked_and_is_refused_when_read(tmp_path):
    book = xlsxwriter.Workbook(str(tmp_path / "two.xlsx"))
    book.add_worksheet("出货").write_row(0, 0, ZH)
    book.add_worksheet("坏").write_string(0, 0, "x")
    book.close()
    corners = (
        b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v>'
        b"</c></row></sheetData></worksheet>"
    )
    path = tmp_path / "bad_second.xlsx"
    rewritten_part = {"xl/worksheets/sheet2.xml": corners}
    with (
        zipfile.ZipFile(tmp_path / "two.xlsx") as src,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for item in src.infolist():
            dst.writestr(item.filename, rewritten_part.get(item.filename, src.read(item.filename)))
    assert importing.sheet_names(path) == ["出货", "坏"]
    assert [c.text for c in importing.read_rows(path)[0].cells] == ZH
    with pytest.raises(importing.DomainError, match="a sheet spans 1,048,576 rows × 16,384 columns"):
        importing.read_rows(path, sheet="坏")
