"""Whole-row XLSX writing (db.documents.xlsx_rows) gives exactly the bytes of XlsxWriter's cell-by-cell path."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from python_calamine import CalamineWorkbook

from db.documents import exporting, xlsx_rows
from db.documents.exporting import Column, Sheet, write_xlsx

COLUMNS = [
    Column("日期", "date"),
    Column("名称", "text"),
    Column("重量(公斤)", "kg"),
    Column("金额(元)", "money"),
    Column("单价", "price"),
    Column("份额", "percent"),
    Column("笔数", "int"),
]
ROWS = [
    (datetime.date(2026, 1, 5), "涪江湾合作社", Decimal("6000.5"), Decimal("7296.50"), Decimal("1.2345"), Decimal("0.125"), 3),
    (datetime.date(1904, 2, 29), "=HYPERLINK(1)", Decimal("0.001"), Decimal("0"), Decimal("0"), Decimal("1"), 0),
    ("2026-03-01", "a & b < c > d \"q\"", None, Decimal("-12.34"), None, None, None),
    (datetime.date(2026, 3, 2), "  spaced  ", Decimal("123456789.123"), Decimal("99999999.99"), Decimal("1000"), None, 10**12),
    (datetime.date(2026, 3, 3), "ctrl\x01 and _x0041_ and \ufffe", 1, 2, 3, Decimal("0.5"), 4),
    (None, None, None, None, None, None, None),
    (datetime.date(2026, 3, 4), "line\nbreak\n", Decimal(2), Decimal(3), Decimal(4), Decimal(0), 5),
    (datetime.date(2026, 3, 5), "长" * 40_000, Decimal(1), Decimal(1), Decimal(1), Decimal(1), 1),
    (datetime.date(2026, 3, 6), "after the long one", Decimal(1), Decimal(1), Decimal(1), Decimal(1), 1),
]  # fmt: skip


def counted_writes(monkeypatch) -> list[bool]:
    """What each RowWriter.write call returned from now on: True for a row written whole."""
    written: list[bool] = []
    real = xlsx_rows.RowWriter.write

    def counting(self, row, values):
        done = real(self, row, values)
        written.append(done)
        return done

    monkeypatch.setattr(xlsx_rows.RowWriter, "write", counting)
    return written


@pytest.mark.parametrize("totals", [False, True])
def test_whole_rows_are_byte_identical_to_cell_by_cell(tmp_path, monkeypatch, totals):
    fast, slow = tmp_path / "fast.xlsx", tmp_path / "slow.xlsx"
    written = counted_writes(monkeypatch)
    sheets = [Sheet("出货明细", COLUMNS, ROWS, totals=totals), Sheet("二", COLUMNS, ROWS[:2])]
    write_xlsx(fast, sheets)
    # the 40,000-character text is longer than a cell holds: that row (only) went cell by cell
    assert written.count(False) == 1 and written.count(True) == len(ROWS) - 1 + 2
    monkeypatch.setattr(xlsx_rows.RowWriter, "usable", staticmethod(lambda ws: False))
    write_xlsx(slow, sheets)
    assert fast.read_bytes() == slow.read_bytes()
    cells = CalamineWorkbook.from_path(str(fast)).get_sheet_by_name("出货明细").to_python()
    assert cells[1][:3] == [datetime.date(2026, 1, 5), "涪江湾合作社", 6000.5]
    assert cells[2][1] == "'=HYPERLINK(1)" and cells[3][1] == 'a & b < c > d "q"'
    assert cells[4][1] == "  spaced  " and cells[5][1].startswith("ctrl\x01 and _x0041_ and ")
    assert cells[9][1] == "after the long one"


def test_the_shipments_export_takes_the_whole_row_path(store, master, tmp_path, monkeypatch):
    from tests.test_exporting import add_shipments

    add_shipments(store, master)
    fast, slow = tmp_path / "fast.xlsx", tmp_path / "slow.xlsx"
    exporting.export_shipments(store.db, fast, "xlsx")
    monkeypatch.setattr(xlsx_rows.RowWriter, "usable", staticmethod(lambda ws: False))
    exporting.export_shipments(store.db, slow, "xlsx")
    assert fast.read_bytes() == slow.read_bytes()
