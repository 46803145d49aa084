"""The statements' long sheets (ledger, lines, weighbridge tickets; an operator's sales and harvests)
are streamed and written a whole row at a time: the same file XlsxWriter writes cell by cell, a row
it cannot take whole (a text longer than a cell holds) still written, and nothing left behind."""

from __future__ import annotations

import dataclasses
import datetime
import tempfile

import pytest
from python_calamine import CalamineWorkbook

from app.documents import operator_xlsx, reports_xlsx, statement_xlsx
from db.documents import reports, xlsx_rows
from tests.documents_data import build_park
from tests.test_xlsx_rows import counted_writes

CREATED = datetime.datetime(2026, 2, 1, 8, 30, tzinfo=datetime.UTC)


@pytest.fixture
def statements(store, master):
    build_park(store, master)
    buyer = reports.buyer_statement(
        store, master["buyers"][0].id, "2025-12-01", "2026-01-31", issued_on="2026-02-01"
    )
    operator = reports.operator_statement(store, master["operators"][0].id, "2025-12-01", "2026-01-31")
    assert len(buyer.lines) > 2 and len(operator.lines) > 2
    # a ticket longer than a cell holds: that row goes cell by cell (XlsxWriter cuts the text)
    long = dataclasses.replace(buyer.lines[1], ticket_no="长" * 40_000)
    buyer = dataclasses.replace(buyer, lines=(buyer.lines[0], long, *buyer.lines[2:]))
    return buyer, operator


def _write_all(folder, buyer, operator) -> dict[str, bytes]:
    out = {}
    for lang in ("zh_CN", "en"):
        path = folder / f"buyer-{lang}.xlsx"
        statement_xlsx.buyer_statement_xlsx(path, buyer, lang, created=CREATED)
        out[path.name] = path.read_bytes()
        path = folder / f"operator-{lang}.xlsx"
        operator_xlsx.operator_statement_xlsx(path, operator, lang)
        out[path.name] = path.read_bytes()
    return out


def test_whole_rows_give_the_bytes_of_the_cell_by_cell_path(tmp_path, monkeypatch, statements):
    buyer, operator = statements
    (tmp_path / "fast").mkdir()
    (tmp_path / "slow").mkdir()
    whole_rows = counted_writes(monkeypatch)
    fast = _write_all(tmp_path / "fast", buyer, operator)
    # per language: the long ticket's row in the ledger, the lines and the weighbridge tickets went cell by cell
    assert whole_rows.count(False) == 6 and whole_rows.count(True) > 4 * len(buyer.lines)
    monkeypatch.setattr(xlsx_rows.RowWriter, "usable", staticmethod(lambda ws: False))
    assert _write_all(tmp_path / "slow", buyer, operator) == fast

    book = CalamineWorkbook.from_path(str(tmp_path / "fast" / "buyer-zh_CN.xlsx"))
    lines = book.get_sheet_by_name("发货明细").to_python()
    assert lines[1][0] == datetime.date.fromisoformat(buyer.lines[0].ship_date)
    assert lines[2][1] == "长" * 32_767  # cut to what a cell holds, as XlsxWriter does
    assert lines[1][7] == pytest.approx(buyer.lines[0].net_g / 1000)
    assert lines[-1][0] == "合计" and lines[-1][12] == pytest.approx(buyer.shipped_fen / 100)
    ledger = book.get_sheet_by_name("对账明细").to_python()
    assert ledger[-1][0] == "合计" and round(ledger[-1][-1] * 100) == buyer.closing_fen


def test_a_failed_statement_leaves_no_file_and_no_row_files(tmp_path, monkeypatch, statements):
    buyer, _ = statements
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))

    def broken(*args):
        raise RuntimeError("disk gone")

    monkeypatch.setattr(statement_xlsx, "_buyer_weighings", broken)
    target = tmp_path / "out.xlsx"
    with pytest.raises(RuntimeError):
        statement_xlsx.buyer_statement_xlsx(target, buyer, created=CREATED)
    assert not target.exists()
    assert list(temp.iterdir()) == []
    # and a good one cleans up after itself too
    monkeypatch.undo()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    assert reports_xlsx.buyer_statement_xlsx(target, buyer) == len(buyer.lines)
    assert target.exists() and list(temp.iterdir()) == []
