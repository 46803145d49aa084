"""The park's service fee and the operator statement that deducts it: exact fen, rounded once."""

from __future__ import annotations

import shutil
import subprocess
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from app.documents import operator_pdf, operator_xlsx
from app.documents.pdf import write_pdf
from db import service_fee
from db.documents import reports
from db.errors import ValidationError
from db.records import Shipment, ShipmentLine
from tests.documents_data import build_park

KG = 1000
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")


def pdf_text(path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


@pytest.mark.parametrize(
    ("fee", "payable_g", "sales_fen", "expected"),
    [
        (service_fee.per_tonne("20"), 2_043_583_973, 0, 4_087_168),  # 40,871.67946 元 → 40,871.68
        (service_fee.per_tonne("20"), 250, 0, 1),  # 0.5 fen: half up
        (service_fee.per_tonne("20"), 249, 0, 0),  # 0.498 fen
        (service_fee.percent("1.5"), 0, 12_345, 185),  # 185.175 fen
        (service_fee.percent("0.5"), 0, 100, 1),  # 0.5 fen: half up
        (service_fee.percent("0.5"), 0, 99, 0),  # 0.495 fen
        (service_fee.NO_FEE, 10**9, 10**9, 0),
    ],
)
def test_fee_is_worked_out_exactly_and_rounded_half_up_once(fee, payable_g, sales_fen, expected):
    assert fee.fee_fen(payable_g, sales_fen) == expected


@given(
    payable_g=st.integers(0, 10**12),
    sales_fen=st.integers(0, 10**12),
    rate=st.integers(0, 100 * 100),
    per_tonne=st.booleans(),
)
def test_fee_equals_the_decimal_rule(payable_g, sales_fen, rate, per_tonne):
    fee = service_fee.ServiceFee("per_tonne" if per_tonne else "percent", rate)
    exact = Decimal(payable_g) * rate / 1_000_000 if per_tonne else Decimal(sales_fen) * rate / 10_000
    assert fee.fee_fen(payable_g, sales_fen) == int(exact.quantize(Decimal(1), ROUND_HALF_UP))


@pytest.mark.parametrize("text", ["12.505", "-1", "abc", "", "1e400", "NaN", "10001"])
def test_a_rate_that_is_not_a_money_figure_is_refused(text):
    with pytest.raises(ValidationError, match="is not a number from 0 to"):
        service_fee.per_tonne(text)


def test_percent_accepts_a_percent_sign_and_refuses_more_than_all():
    assert service_fee.percent("1.5%").rate == 150
    assert service_fee.per_tonne("12.50").rate == 1250
    with pytest.raises(ValidationError, match="from 0 to 100"):
        service_fee.percent("100.01")


def test_the_setting_is_stored_with_its_audit_entry(store):
    assert service_fee.get_service_fee(store) == service_fee.NO_FEE
    service_fee.set_service_fee(store, service_fee.per_tonne("20"))
    assert service_fee.set_service_fee(store, service_fee.percent("1.5")) == service_fee.ServiceFee(
        "percent", 150
    )
    entries = store.audit_log.list(where="table_name = 'settings'")
    assert [e.action for e in entries] == ["insert", "update"]
    assert '"rate": 2000' in entries[1].before and '"rate": 150' in entries[1].after


@pytest.fixture
def coop_statement(store, master):
    build_park(store, master)
    coop, _ = master["operators"]
    radish = master["crops"][0]
    # A truck with a 150 kg deduction: 5,000 kg net, 4,850 kg payable × 2.00 = 9,700.00 元.
    store.shipments.add(
        Shipment(
            "2026-01-20",
            "B20260120-001",
            master["buyers"][1].id,
            9_000 * KG,
            4_000 * KG,
            deduction_g=150 * KG,
            plate="川JB5678",
            lines=(ShipmentLine(coop.id, radish.id, 5_000 * KG, 20_000),),
        )
    )
    service_fee.set_service_fee(store, service_fee.per_tonne("20"))
    return reports.operator_statement(store, coop.id, "2026-01-01", "2026-01-31", issued_on="2026-02-01")


def test_operator_statement_deducts_the_fee_from_its_sales(store, coop_statement):
    st = coop_statement
    # Sales: 24,000.00 (陈建华) + 5,400.00 + 9,700.00 (周德明) = 39,100.00 元 on 17,850 kg payable.
    assert (st.shipped_g, st.payable_g, st.deduction_g) == (18_000 * KG, 17_850 * KG, 150 * KG)
    assert st.revenue_fen == 3_910_000
    assert st.fee_fen == 35_700  # 17.85 t × 20.00 元 = 357.00 元
    assert st.net_fen == 3_910_000 - 35_700
    buyers = {b.name: (b.trucks, b.lines, b.deduction_g, b.payable_g, b.amount_fen) for b in st.by_buyer}
    assert buyers == {
        "陈建华": (1, 1, 0, 10_000 * KG, 2_400_000),
        "周德明": (2, 2, 150 * KG, 7_850 * KG, 1_510_000),
    }
    percent = reports.operator_statement(
        store, st.operator.id, st.start, st.end, fee=service_fee.percent("1.5")
    )
    assert percent.fee_fen == 58_650  # 39,100.00 × 1.5 % = 586.50 元


@needs_pdftotext
def test_operator_statement_pdf_shows_fee_rule_and_net_proceeds(qapp, tmp_path, coop_statement):
    zh, en = tmp_path / "zh.pdf", tmp_path / "en.pdf"
    write_pdf(zh, operator_pdf.operator_statement_document(coop_statement))
    write_pdf(en, operator_pdf.operator_statement_document(coop_statement, "en"))
    text = pdf_text(zh)
    for expected in ("园区服务费(元)", "应结净额(元)", "357.00", "38,743.00", "按客商汇总", "150.0"):
        assert expected in text
    assert (
        "园区服务费 = 结算重量 17.85 吨 × 20.00 元/吨 = 357.00 元；按合计计算一次，四舍五入到分。"
        in text.replace("\n", "")
    )
    english = pdf_text(en)
    assert "Service fee = payable weight 17.85 t × ¥20.00 per tonne = ¥357.00" in english
    assert "Net proceeds (¥)" in english and "38,743.00" in english
    assert "Daikon radish" in english and "Grade 1" in english and "白萝卜" not in english
    assert "Operator: " in english and "：" not in english and "（" not in english


def test_operator_statement_workbook_reads_back(tmp_path, coop_statement):
    for lang, sheet, fee_label, net_label, price in (
        ("zh_CN", "经营主体结算单", "园区服务费(元)", "应结净额(元)", "单价(元/公斤)"),
        ("en", "Operator statement", "Park service fee (¥)", "Net proceeds (¥)", "Price (¥/kg)"),
    ):
        path = tmp_path / f"op_{lang}.xlsx"
        operator_xlsx.operator_statement_xlsx(path, coop_statement, lang)
        book = CalamineWorkbook.from_path(str(path))
        rows = book.get_sheet_by_name(sheet).to_python()
        cells = {r[0]: r[1] for r in rows if r and isinstance(r[0], str) and r[0]}
        assert cells[net_label] == 38_743.0
        assert cells[fee_label] == 357.0
        sales = book.sheet_names[1]
        header = book.get_sheet_by_name(sales).to_python()[0]
        assert price in header and "price_cny_per_kg" not in header  # readable, not the export's keys
