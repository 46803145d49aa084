"""English documents name operators and markets by their English names where one is stored, and by
the Chinese name otherwise; Chinese documents always by the Chinese name."""

from __future__ import annotations

import subprocess

import pytest
from python_calamine import CalamineWorkbook

from app.documents import (
    operator_pdf,
    operator_xlsx,
    reports_pdf,
    statement_pdf,
    statement_xlsx,
    summary_pdf,
    summary_xlsx,
)
from app.documents.pdf import write_pdf
from db import trace
from db.documents import park_summary, reports
from tests.documents_data import build_park
from tests.test_documents import needs_pdftotext

COOP_EN = "Fujiangwan Vegetable Cooperative"
SHUANGFU_EN = "Shuangfu Agricultural Trade City"


@pytest.fixture
def park(store, master):
    built = build_park(store, master)
    coop = master["operators"][0]
    store.operators.update(store.operators.get(coop.id).replace(name_en=COOP_EN))
    shuangfu = master["markets"][0]
    store.markets.update(store.markets.get(shuangfu.id).replace(name_en=SHUANGFU_EN))
    return built


def pdf_text(path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return " ".join(text.split())  # a long name may wrap inside its cell


def workbook_text(path) -> str:
    book = CalamineWorkbook.from_path(str(path))
    return "\n".join(
        str(cell)
        for name in book.sheet_names
        for row in book.get_sheet_by_name(name).to_python()
        for cell in row
    )


def chen(store, master):
    return reports.buyer_statement(
        store, master["buyers"][0].id, "2026-01-01", "2026-01-31", issued_on="2026-02-01"
    )


@needs_pdftotext
def test_buyer_statement_pdf_uses_english_names_only_in_english(qapp, tmp_path, store, master, park):
    st = chen(store, master)
    assert {line.operator_en for line in st.lines} >= {COOP_EN, ""}  # the farm has no English name
    en, zh = tmp_path / "en.pdf", tmp_path / "zh.pdf"
    write_pdf(en, statement_pdf.buyer_statement_document(st, "en"))
    write_pdf(zh, statement_pdf.buyer_statement_document(st, "zh_CN"))
    english, chinese = pdf_text(en), pdf_text(zh)
    assert COOP_EN in english and SHUANGFU_EN in english  # the lines and the subtotals by market
    assert "涪江湾合作社" not in english and "重庆双福国际农贸城" not in english
    # names without an English one stay Chinese
    assert "青禾家庭农场" in english and "重庆盘溪农产品批发市场" in english
    assert COOP_EN not in chinese and SHUANGFU_EN not in chinese
    assert "涪江湾合作社" in chinese and "重庆双福国际农贸城" in chinese


def test_buyer_statement_workbook_and_csv_use_english_names(tmp_path, store, master, park):
    st = chen(store, master)
    xlsx, csv = tmp_path / "en.xlsx", tmp_path / "en.csv"
    statement_xlsx.buyer_statement_xlsx(xlsx, st, "en")
    statement_xlsx.buyer_statement_csv(csv, st, "en")
    for text in (workbook_text(xlsx), csv.read_text(encoding="utf-8-sig")):
        assert COOP_EN in text and SHUANGFU_EN in text
        assert "涪江湾合作社" not in text and "重庆双福国际农贸城" not in text
    statement_xlsx.buyer_statement_xlsx(xlsx, st, "zh_CN")
    assert COOP_EN not in workbook_text(xlsx) and "涪江湾合作社" in workbook_text(xlsx)


@needs_pdftotext
def test_operator_statement_is_headed_with_the_english_name(qapp, tmp_path, store, master, park):
    coop = master["operators"][0]
    st = reports.operator_statement(store, coop.id, "2026-01-01", "2026-01-31", issued_on="2026-02-01")
    pdf, xlsx = tmp_path / "op.pdf", tmp_path / "op.xlsx"
    reports_pdf.write_report_pdf(pdf, operator_pdf.operator_statement_document(st, "en"))
    operator_xlsx.operator_statement_xlsx(xlsx, st, "en")
    for text in (pdf_text(pdf), workbook_text(xlsx)):
        assert COOP_EN in text and "涪江湾合作社" not in text
    assert SHUANGFU_EN in workbook_text(xlsx)  # its sales lines name the market


@needs_pdftotext
def test_park_summary_lists_operators_and_markets_in_english(qapp, tmp_path, store, master, park):
    rp = park_summary.park_report(store, "2026-01", issued_on="2026-02-01")
    pdf, xlsx = tmp_path / "sum.pdf", tmp_path / "sum.xlsx"
    write_pdf(pdf, summary_pdf.park_summary_document(rp, "en"))
    summary_xlsx.park_summary_xlsx(xlsx, rp, "en")
    for text in (pdf_text(pdf), workbook_text(xlsx)):
        assert COOP_EN in text and SHUANGFU_EN in text
        assert "青禾家庭农场" in text  # no English name: the Chinese one
        assert "涪江湾合作社" not in text and "重庆双福国际农贸城" not in text
    write_pdf(pdf, summary_pdf.park_summary_document(rp, "zh_CN"))
    assert "涪江湾合作社" in pdf_text(pdf) and COOP_EN not in pdf_text(pdf)


@needs_pdftotext
def test_trace_report_uses_english_names(qapp, tmp_path, store, master, park):
    tr = trace.backward_from_ticket(store, "B20260105-001")
    pdf = tmp_path / "trace.pdf"
    reports_pdf.write_report_pdf(pdf, reports_pdf.trace_document(tr, "en", "park", "2026-02-01"))
    text = pdf_text(pdf)
    assert COOP_EN in text and SHUANGFU_EN in text and "涪江湾合作社" not in text


def test_tables_and_charts_name_operators_and_markets_in_english_in_the_english_interface(
    store, master, park
):
    """The harvests table's operator, the shipments table's market and the charts' legends use the
    English name in English (a clerk reading the English window), the Chinese name otherwise."""
    from app.models.harvest_model import COLUMNS as HARVEST_COLUMNS
    from app.models.shipment_model import COLUMNS as SHIPMENT_COLUMNS
    from app.views.chart_data import Names
    from db.browse import HarvestBrowser, ShipmentBrowser

    coop, shuangfu = master["operators"][0], master["markets"][0]
    harvests = HarvestBrowser(store.db)
    lots = [r for r in harvests.rows(list(harvests.ids())).values() if r.operator_id == coop.id]
    trucks = ShipmentBrowser(store.db)
    loads = [r for r in trucks.rows(list(trucks.ids())).values() if r.market_id == shuangfu.id]
    assert lots and loads
    operator = next(c for c in HARVEST_COLUMNS if c.key == "operator")
    market = next(c for c in SHIPMENT_COLUMNS if c.key == "market")
    assert {operator.display(r, "en") for r in lots} == {COOP_EN}
    assert {operator.display(r, "zh_CN") for r in lots} == {coop.name}
    assert {operator.edit_text(r, "en") for r in lots} == {coop.name}  # typed back as stored
    assert {market.display(r, "en") for r in loads} == {SHUANGFU_EN}
    assert {market.display(r, "zh_CN") for r in loads} == {store.markets.get(shuangfu.id).name}
    store.language = "en"
    names = Names.load(store)
    assert names.of("operator", coop.id)[1] == COOP_EN and names.of("market", shuangfu.id)[1] == SHUANGFU_EN
    other = master["operators"][1]
    assert names.of("operator", other.id)[1] == other.name  # no English name: the Chinese one
    store.language = "zh_CN"
    assert Names.load(store).of("operator", coop.id)[1] == coop.name
