"""Documents as files: PDF text (pdftotext), XLSX read back (calamine), CSV, certificate QR (zbarimg).

In every format the totals must equal the database's sums to the fen.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
from dataclasses import replace
from decimal import Decimal

import pytest
from pypdf import PdfReader
from python_calamine import CalamineWorkbook

from app.documents import operator_pdf, operator_xlsx, reports_pdf, reports_xlsx, summary_pdf, summary_xlsx
from app.documents.certificate import write_certificates_pdf
from db import trace
from db.certification import certificates, signing
from db.documents import park_summary, reports
from tests.documents_data import CHEN_CLOSING_FEN, CHEN_SHIPPED_FEN, build_park

needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)
needs_zbar = pytest.mark.skipif(
    shutil.which("zbarimg") is None or shutil.which("pdftoppm") is None,
    reason="zbarimg (zbar-tools) and pdftoppm (poppler-utils) are needed to decode the QR code",
)


@pytest.fixture
def park(store, master):
    return build_park(store, master)


@pytest.fixture
def chen_statement(store, master, park):
    return reports.buyer_statement(
        store, master["buyers"][0].id, "2026-01-01", "2026-01-31", issued_on="2026-02-01"
    )


def pdf_text(path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def db_fen(store, where: str, params: list) -> int:
    sql = f"SELECT sum(l.amount_fen) FROM shipment_lines l JOIN shipments s ON s.id = l.shipment_id WHERE {where}"
    return store.db.execute(sql, params).fetchone()[0]


def fen(value: float) -> int:
    return int((Decimal(str(value)) * 100).to_integral_value())


def sheet_rows(path, name: str | None = None) -> list[list]:
    book = CalamineWorkbook.from_path(str(path))
    return book.get_sheet_by_name(name or book.sheet_names[0]).to_python()


@needs_pdftotext
def test_buyer_statement_pdf_holds_buyer_period_and_totals(qapp, tmp_path, store, master, chen_statement):
    path = tmp_path / "chen.pdf"
    pages = reports_pdf.write_report_pdf(path, reports_pdf.buyer_statement_document(chen_statement))
    text = pdf_text(path)
    assert pages == len(PdfReader(path).pages)
    assert "陈建华" in text
    assert "2026-01-01 至 2026-01-31" in text
    shipped = db_fen(
        store,
        "s.buyer_id = ? AND s.ship_date BETWEEN '2026-01-01' AND '2026-01-31'",
        [master["buyers"][0].id],
    )
    assert shipped == CHEN_SHIPPED_FEN
    assert f"{Decimal(shipped) / 100:,.2f}" in text  # 51,769.82
    assert f"{Decimal(CHEN_CLOSING_FEN) / 100:,.2f}" in text  # 32,269.82
    assert "B20260106-001" in text and "渝C12345" in text  # Latin + digits extract intact
    assert "2.6667" in text  # 元/公斤 exact
    assert f"第1页/共{pages}页" in "".join(text.split())


def test_pdf_embeds_the_font(qapp, tmp_path, chen_statement):
    path = tmp_path / "chen.pdf"
    reports_pdf.write_report_pdf(path, reports_pdf.buyer_statement_document(chen_statement))
    reader = PdfReader(path)
    page = reader.pages[0]
    width_mm = float(page.mediabox.width) * 25.4 / 72
    assert round(width_mm) == 210  # A4
    embedded = []
    for font in page["/Resources"]["/Font"].values():
        font = font.get_object()
        for descendant in font.get("/DescendantFonts", [font]):
            descriptor = descendant.get_object().get("/FontDescriptor")
            if descriptor is not None:
                descriptor = descriptor.get_object()
                embedded.append(any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")))
    assert embedded and all(embedded)


@needs_pdftotext
def test_long_table_repeats_its_header_on_every_page(qapp, tmp_path, chen_statement):
    many = replace(chen_statement, lines=chen_statement.lines * 150)  # 600 lines
    path = tmp_path / "long.pdf"
    pages = reports_pdf.write_report_pdf(path, reports_pdf.buyer_statement_document(many))
    assert pages > 10
    per_page = [pdf_text_page(path, n) for n in range(2, pages)]
    assert all("磅单号" in text for text in per_page)  # the ledger's or the weighbridge table's titles
    ledger_pages = [text for text in per_page if "承上页" in text]
    assert len(ledger_pages) > 5 and all("单价(元/公斤)" in text for text in ledger_pages)
    assert all(f"/共{pages}页" in "".join(text.split()) for text in per_page)


def pdf_text_page(path, n: int) -> str:
    return subprocess.run(
        ["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@needs_pdftotext
def test_english_statement(qapp, tmp_path, chen_statement):
    path = tmp_path / "chen_en.pdf"
    reports_pdf.write_report_pdf(path, reports_pdf.buyer_statement_document(chen_statement, "en"))
    text = pdf_text(path)
    assert "Buyer statement" in text and "Closing balance" in text and "Grade 1" in text
    assert "2026-01-01 to 2026-01-31" in text and "Page 1 of" in text


def test_buyer_statement_xlsx_numeric_cells_and_totals(tmp_path, store, master, chen_statement):
    path = tmp_path / "chen.xlsx"
    assert reports_xlsx.buyer_statement_xlsx(path, chen_statement) == 4
    book = CalamineWorkbook.from_path(str(path))
    assert book.sheet_names == ["客商对账单", "对账明细", "发货明细", "过磅明细", "图表数据"]
    lines = sheet_rows(path, "发货明细")
    header, body, total = lines[0], lines[1:-1], lines[-1]
    assert header[7:10] == ["净重(公斤)", "扣重(公斤)", "结算重量(公斤)"]
    assert header[12] == "金额(元)" and total[0] == "合计"
    assert all(isinstance(row[7], float) and isinstance(row[12], float) for row in body)
    assert sum(fen(row[12]) for row in body) == fen(total[12]) == CHEN_SHIPPED_FEN
    assert sum(round(row[7] * 1000) for row in body) == round(total[7] * 1000) == chen_statement.shipped_g
    summary = sheet_rows(path, "客商对账单")
    cells = {row[0]: row[1] for row in summary if row and isinstance(row[0], str)}
    assert fen(cells["期末欠款"]) == CHEN_CLOSING_FEN
    assert fen(cells["期初欠款"]) == 50_000
    # A payment reference typed as a formula stays text, neutralised.
    flat = [c for row in summary for c in row]
    assert "'=HYPERLINK(1)" in flat and "=HYPERLINK(1)" not in flat


def test_buyer_statement_csv_sums_to_the_fen(tmp_path, store, master, chen_statement):
    """The CSV is the statement: its ledger (lines and payments with the running balance), then the
    balance block."""
    path = tmp_path / "chen.csv"
    reports_xlsx.buyer_statement_csv(path, chen_statement)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][0] == "日期" and rows[0][11] == "发货金额(元)" and rows[0][-1] == "余额(元)"
    blank = rows.index([""] * len(rows[0]))
    ledger, block = rows[1:blank], rows[blank + 1 :]
    assert ledger[0][1] == "期初欠款" and ledger[0][-1] == "500.00"
    lines = [r for r in ledger if r[1].startswith("B")]
    assert len(lines) == 4 and sum(int(Decimal(r[11]) * 100) for r in lines) == CHEN_SHIPPED_FEN
    assert ledger[-1][0] == "合计" and int(Decimal(ledger[-1][11]) * 100) == CHEN_SHIPPED_FEN
    assert [r[0] for r in block] == [
        "期初欠款",
        "本期发货金额",
        "本期收款金额",
        "期末欠款",
        "期末欠款（大写）",
    ]
    assert int(Decimal(block[3][1]) * 100) == CHEN_CLOSING_FEN == int(Decimal(ledger[-1][-1]) * 100)
    assert block[4][1] == "人民币叁万贰仟贰佰陆拾玖元捌角贰分"


@needs_pdftotext
def test_operator_statement_in_every_format(qapp, tmp_path, store, master, park):
    coop = master["operators"][0]
    st = reports.operator_statement(store, coop.id, "2026-01-01", "2026-01-31")
    expected = db_fen(
        store, "l.operator_id = ? AND s.ship_date BETWEEN '2026-01-01' AND '2026-01-31'", [coop.id]
    )
    pdf = tmp_path / "op.pdf"
    reports_pdf.write_report_pdf(pdf, operator_pdf.operator_statement_document(st))
    text = pdf_text(pdf)
    assert "涪江湾合作社" in text and "经营主体结算单" in text
    assert f"{Decimal(expected) / 100:,.2f}" in text and "15,000.0" in text
    xlsx = tmp_path / "op.xlsx"
    operator_xlsx.operator_statement_xlsx(xlsx, st)
    sales = sheet_rows(xlsx, "销售明细")
    a = sales[0].index("金额(元)")
    assert fen(sales[-1][a]) == sum(fen(r[a]) for r in sales[1:-1]) == expected
    harvest = sheet_rows(xlsx, "采收记录")
    assert harvest[-1][-1] == 15_000.0
    out = tmp_path / "op.csv"
    reports_xlsx.operator_statement_csv(out, st)
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert sum(int(Decimal(r[10]) * 100) for r in rows[1:]) == expected


@needs_pdftotext
def test_park_summary_pdf_and_xlsx(qapp, tmp_path, store, master, park):
    s = park_summary.park_report(store, "2026-01", issued_on="2026-02-01")
    expected = db_fen(store, "s.ship_date BETWEEN '2026-01-01' AND '2026-01-31'", [])
    pdf = tmp_path / "sum.pdf"
    reports_pdf.write_report_pdf(pdf, summary_pdf.park_summary_document(s))
    text = pdf_text(pdf)
    assert "产销月报" in text and "2026-01" in text and "去年同期" in text
    assert f"{Decimal(expected) / 100:,.2f}" in text
    xlsx = tmp_path / "sum.xlsx"
    summary_xlsx.park_summary_xlsx(xlsx, s)
    for name in ("按品种", "按市场", "按经营主体"):
        rows = sheet_rows(xlsx, name)[summary_xlsx.HEADER_ROWS :]
        revenue_col = rows[0].index("销售额(元)")
        assert fen(rows[-1][revenue_col]) == expected
        assert all(isinstance(r[revenue_col], float) for r in rows[1:])


@needs_pdftotext
@needs_zbar
def test_certificate_pdf_has_every_legal_field_and_a_readable_qr(qapp, tmp_path, store, park):
    (cert,) = certificates.issue_for_shipment(
        store, park["shipments"][2].id, basis=("quality_control", "self_test")
    ).issued
    sheet = certificates.sheet(store, cert)
    path = tmp_path / "cert.pdf"
    assert write_certificates_pdf(path, [sheet]) == 2  # 存根联 + 随货联
    reader = PdfReader(path)
    assert round(float(reader.pages[0].mediabox.width) * 25.4 / 72) == 210  # A5 landscape
    assert round(float(reader.pages[0].mediabox.height) * 25.4 / 72) == 148
    text = pdf_text(path)
    flat = "".join(text.split())
    for field in (
        "承诺达标合格证",
        cert.cert_no,
        "白萝卜",
        "8,000.5公斤",
        "四川省遂宁市船山区老池镇涪江村",
        "四川遂潼鲜蔬农业开发有限公司",
        "138****0005",
        "2026-01-10",
        "我承诺对生产销售的食用农产品：未使用禁用农药、兽药及其他化合物；使用的常规农药、兽药残留不超标。",
        "☑质量安全控制符合要求",
        "☑自行检测合格",
        "☐委托检测合格",
        "（发货日期2026-01-06）",
        "扫码核验",
        "存根联",
        "随货联",
    ):
        assert "".join(field.split()) in flat, field
    png = tmp_path / "cert"
    subprocess.run(["pdftoppm", "-r", "200", "-f", "2", "-l", "2", "-png", str(path), str(png)], check=True)
    (image,) = tmp_path.glob("cert*.png")
    decoded = subprocess.run(
        # -Sbinary: the bytes as encoded (UTF-8); zbar's own charset guess mangled some texts
        ["zbarimg", "-q", "--raw", "-Sbinary", str(image)],
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    assert certificates.cert_no_from_qr(decoded) == cert.cert_no
    # The QR proves what it says: signed with the park's key kept beside the database.
    assert "磅单:B20260106-001" in decoded and "车牌:渝C12345" in decoded and "重量:8000.5kg" in decoded
    assert signing.key_path(store.path).stat().st_mode & 0o777 == 0o600
    verdict = signing.verify(store, decoded)
    assert (verdict.kind, verdict.cert_no) == ("genuine", cert.cert_no), verdict.message
    # The public key's fingerprint is printed under the code, to compare with the one exported.
    assert "公钥" + "".join(signing.fingerprint(signing.public_key(store.path)).split()) in flat
    altered = decoded.replace("8000.5kg", "9000.5kg")
    assert altered != decoded and signing.verify(store, altered).kind == "forged"
    certificates.void(store, cert.id, "重量写错")
    assert signing.verify(store, decoded).kind == "void"


@needs_pdftotext
def test_void_certificate_prints_marked_void(qapp, tmp_path, store, park):
    (cert,) = certificates.issue_for_shipment(store, park["shipments"][1].id).issued
    new = certificates.reissue(store, cert.id, "重量写错", weight_g=9_999_000)
    path = tmp_path / "void.pdf"
    write_certificates_pdf(
        path, [certificates.sheet(store, store.certificates.get(cert.id))], copies=("stub",)
    )
    text = pdf_text(path)
    assert "作废" in text and "重量写错" in text
    path2 = tmp_path / "new.pdf"
    write_certificates_pdf(path2, [certificates.sheet(store, new)], copies=("carried",))
    text2 = pdf_text(path2)
    assert "作废 VOID" not in text2 and cert.cert_no in text2  # names the certificate it replaces
    assert "9,999.0" in text2


def test_trace_xlsx_and_csv_one_row_per_link(tmp_path, store, park):
    certificates.issue_for_shipment(store, park["shipments"][2].id)
    t = trace.forward_from_lot(store, "L20260106-0001")
    xlsx = tmp_path / "trace.xlsx"
    reports_xlsx.trace_xlsx(xlsx, t)
    rows = sheet_rows(xlsx)
    assert rows[0][0] == "批次号" and len(rows) == 3
    assert [r[8] for r in rows[1:]] == ["B20260106-001", "B20260106-001"]
    assert [r[12] for r in rows[1:]] == [6000.0, 2000.5]  # numeric kg
    assert {r[16] for r in rows[1:]} == {"HGZ2026-000001"}
    out = tmp_path / "trace.csv"
    reports_xlsx.trace_csv(out, t, "en")
    lines = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert lines[0][0] == "Lot" and lines[1][6] == "Premium" and lines[2][11] == "Grade 2"


@needs_pdftotext
def test_trace_pdf(qapp, tmp_path, store, park):
    t = trace.backward_from_ticket(store, "B20260105-001")
    path = tmp_path / "trace.pdf"
    reports_pdf.write_report_pdf(
        path, reports_pdf.trace_document(t, park_name=reports.PARK_NAME, issued_on="2026-02-01")
    )
    text = pdf_text(path)
    assert "追溯报告" in text and "L20260105-0001" in text and "青禾家庭农场" in text


def test_cancelled_pdf_leaves_no_file(qapp, tmp_path, chen_statement):
    from db.errors import Cancelled

    def cancel(done, total):
        if done > 0:
            raise Cancelled()

    many = replace(chen_statement, lines=chen_statement.lines * 2000)
    path = tmp_path / "cancelled.pdf"
    with pytest.raises(Cancelled):
        reports_pdf.write_report_pdf(path, reports_pdf.buyer_statement_document(many), cancel)
    assert list(tmp_path.glob("*.pdf*")) == [] and list(tmp_path.glob(".*.tmp")) == []
