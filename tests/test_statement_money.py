"""The buyer statement bills deductions, explains two prices and says who owes whom, in every format."""

from __future__ import annotations

import csv
import subprocess
from decimal import Decimal

import pytest
from python_calamine import CalamineWorkbook

from app.documents import reports_pdf, reports_xlsx
from db.documents import reports
from db.records import Payment, Shipment, ShipmentLine
from tests.test_documents import needs_pdftotext, pdf_text


@pytest.fixture
def statement(store, master):
    """One truck of 10 t net with a 150 kg deduction, one line settled below the agreed price; the
    buyer paid 50,000 元 ahead before the period."""
    chen = master["buyers"][0]
    ops, crops = master["operators"], master["crops"]
    store.payments.add(Payment(chen.id, "2026-02-20", 5_000_000, "transfer"))
    store.shipments.add(
        Shipment(
            ship_date="2026-03-02",
            ticket_no="B20260302-001",
            buyer_id=chen.id,
            market_id=master["markets"][0].id,
            plate="渝C12345",
            gross_g=18_000_000,
            tare_g=8_000_000,
            deduction_g=150_000,
            lines=(
                ShipmentLine(ops[0].id, crops[0].id, 6_000_500, 12_345),
                ShipmentLine(ops[1].id, crops[1].id, 3_999_500, 24_000, settled_price=20_000),
            ),
        )
    )
    return reports.buyer_statement(store, chen.id, "2026-03-01", "2026-03-31", issued_on="2026-04-01")


def test_statement_data_carries_payable_weights_and_both_prices(statement):
    assert [(x.net_g, x.deduction_g, x.payable_g) for x in statement.lines] == [
        (6_000_500, 90_008, 5_910_492),
        (3_999_500, 59_992, 3_939_508),
    ]
    # 5910.492 kg × 1.2345 = 7296.50 元; 3939.508 kg × 2.00 (settled) = 7879.02 元
    assert [x.amount_fen for x in statement.lines] == [729_650, 787_902]
    (truck,) = statement.weighings
    assert (truck.gross_g, truck.tare_g, truck.net_g, truck.deduction_g, truck.payable_g) == (
        18_000_000,
        8_000_000,
        10_000_000,
        150_000,
        9_850_000,
    )
    assert [x.ticket_no for x in statement.repriced] == ["B20260302-001"]
    assert statement.opening_fen == -5_000_000
    assert statement.closing_fen == -5_000_000 + 729_650 + 787_902  # still 34,824.48 元 paid ahead


@needs_pdftotext
def test_pdf_shows_weighing_deduction_marked_prices_and_prepayment_in_words(qapp, tmp_path, statement):
    path = tmp_path / "s.pdf"
    reports_pdf.write_report_pdf(path, reports_pdf.buyer_statement_document(statement))
    text = pdf_text(path)
    assert "期初预付款" in text and "50,000.00" in text
    assert "期末预付款余额" in text and "34,824.48" in text
    assert "欠款" not in text and "−" not in text.replace("结算重量 = 净重 − 扣重", "")
    assert "-34,824.48" not in text and "-50,000.00" not in text
    for heading in ("扣重(公斤)", "结算重量(公斤)", "毛重(公斤)", "皮重(公斤)", "过磅明细", "最大余数法"):
        assert heading in text
    # Lines bill their payable weight; the truck's deduction is on its weighbridge ticket.
    assert "5,910.492" in text and "150.0" in text and "9,850.0" in text and "18,000.0" in text
    assert "2.00※" in text and "约定价(元/公斤)" in text and "2.40" in text and "实结价" in text
    english = tmp_path / "en.pdf"
    reports_pdf.write_report_pdf(english, reports_pdf.buyer_statement_document(statement, "en"))
    text = pdf_text(english)
    assert "Opening prepayment" in text and "Closing prepayment" in text and "Payable (kg)" in text


def test_xlsx_and_csv_carry_the_same_figures(tmp_path, statement):
    xlsx = tmp_path / "s.xlsx"
    reports_xlsx.buyer_statement_xlsx(xlsx, statement)
    book = CalamineWorkbook.from_path(str(xlsx))
    summary = book.get_sheet_by_name("客商对账单").to_python()
    cells = {row[0]: row[1] for row in summary if row and isinstance(row[0], str)}
    assert cells["期初预付款"] == 50_000.0 and cells["期末预付款余额"] == 34_824.48
    lines = book.get_sheet_by_name("发货明细").to_python()
    assert lines[0][7:] == [
        "净重(公斤)", "扣重(公斤)", "结算重量(公斤)", "单价(元/公斤)", "单价(元/斤)", "金额(元)",
        "约定价(元/公斤)", "实结价(元/公斤)",
    ]  # fmt: skip
    assert lines[1][7:10] == [6000.5, 90.008, 5910.492] and lines[1][13:] == ["", ""]
    assert lines[2][12:] == [7879.02, 2.4, 2.0]
    assert lines[-1][8:10] == [150.0, 9850.0]
    weighing = book.get_sheet_by_name("过磅明细").to_python()
    assert weighing[1][3:] == [18_000.0, 8_000.0, 10_000.0, 150.0, 9_850.0]
    path = tmp_path / "s.csv"
    reports_xlsx.buyer_statement_csv(path, statement)
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][7:10] == ["净重(公斤)", "扣重(公斤)", "结算重量(公斤)"]
    lines = [r for r in rows if r[1].startswith("B")]
    assert lines[0][7:10] == ["6000.5", "90.008", "5910.492"]
    assert sum(Decimal(r[11]) for r in lines) == Decimal("15175.52")
    # Paid ahead: the running balance and the block say so in words, never with a minus.
    assert rows[1][1] == "期初预付款" and rows[1][-1] == "预付 50000.00"
    assert lines[-1][-1] == "预付 34824.48"
    assert rows[-2][:2] == ["期末预付款余额", "34824.48"] and rows[-1][0] == "期末预付款余额（大写）"
    assert not any(cell.startswith("-") for row in rows for cell in row)


def test_pdf_page_renders(qapp, tmp_path, statement):
    """Rendered to PNG (pdftoppm) so a person can look at it; the file must be a real page."""
    path = tmp_path / "s.pdf"
    reports_pdf.write_report_pdf(path, reports_pdf.buyer_statement_document(statement))
    pytest.importorskip("shutil").which("pdftoppm") or pytest.skip("pdftoppm missing")
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(path), str(tmp_path / "p")], check=True
    )
    assert any(p.suffix == ".png" and p.stat().st_size > 5000 for p in tmp_path.iterdir())


def test_balances_read_in_words_on_the_payments_page_and_the_command_line(qapp, store, master, statement):
    from app.cli.documents import _report_line
    from app.views.pages.payments_page import balance_text
    from db.queries import buyer_balances

    chen = next(b for b in buyer_balances(store.db) if b.buyer_id == master["buyers"][0].id)
    assert chen.balance_fen == -5_000_000 + 729_650 + 787_902
    assert balance_text(chen) == "prepaid 34,824.48"
    assert balance_text(chen.__class__(**{**_fields(chen), "balance_fen": 45_000})) == "owes 450.00"
    line = _report_line(statement, "chen.pdf")
    assert line == "陈建华: 2 lines, 15,175.52 元, paid ahead 34,824.48 元 (prepayment) → chen.pdf"
    assert "-" not in line and "−" not in line


def _fields(record) -> dict:
    import dataclasses

    return {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}
