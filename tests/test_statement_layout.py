"""The buyer statement as sent: its number, the ledger's running balance and month subtotals, and the
PDF as a buyer reads it: letterhead, carry-forward lines at page breaks, and the close on the last page
never alone."""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from decimal import Decimal

import pytest
from pypdf import PdfReader

from app.documents import statement_pdf
from app.documents.pdf import write_pdf
from db import organisation
from db.documents import reports
from db.documents.amount_words import amount_in_words
from db.documents.statement import LINE, MONTH, PAYMENT, ledger, statement_number
from tests.documents_data import CHEN_CLOSING_FEN, build_park
from tests.test_documents import needs_pdftotext

ORG = organisation.Organisation(
    name="遂宁市船山区涪江蔬菜产业园管理有限公司",
    address="四川省遂宁市船山区老池镇涪江村8组",
    phone="0825-1234567",
    credit_code="91350100M000100Y43",
    bank="中国农业银行遂宁船山支行",
    account="6228480123456789012",
    objection_days=7,
)


@pytest.fixture
def park(store, master):
    built = build_park(store, master)
    organisation.save(store, ORG)
    return built


def chen(store, master, start="2026-01-01", end="2026-01-31"):
    return reports.buyer_statement(store, master["buyers"][0].id, start, end, issued_on="2026-02-01")


def page_text(path, n: int) -> str:
    return subprocess.run(
        ["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def figures(text: str, label: str) -> list[Decimal]:
    """The numbers on the line that starts with `label` (a carry-forward row)."""
    (line,) = [x for x in text.splitlines() if x.strip().startswith(label)]
    return [Decimal(n.replace(",", "")) for n in re.findall(r"\d[\d,]*\.\d+", line)]


def test_statement_number_is_the_same_for_a_reprint_and_differs_by_buyer_and_period():
    assert statement_number(7, "2026-11-01", "2026-11-30") == "DZ-2026-11-0007"
    assert statement_number(7, "2026-01-01", "2026-12-31") == "DZ-2026-0007"
    assert statement_number(7, "2026-11-05", "2026-11-20") == "DZ-20261105-20261120-0007"
    numbers = {
        statement_number(b, s, e)
        for b in (1, 2, 12)
        for s, e in (("2026-11-01", "2026-11-30"), ("2026-11-01", "2026-11-29"), ("2026-01-01", "2026-12-31"))
    }
    assert len(numbers) == 9


def test_ledger_runs_from_opening_to_closing_with_payments_in_date_order(store, master, park):
    st = chen(store, master)
    rows = ledger(st)
    assert [r.kind for r in rows] == [LINE, LINE, LINE, LINE, PAYMENT]  # one month: no subtotal
    balance = st.opening_fen
    for r in rows:
        balance += r.shipped_fen - r.paid_fen
        assert r.balance_fen == balance
    assert rows[-1].balance_fen == st.closing_fen == CHEN_CLOSING_FEN


def test_month_subtotals_on_a_statement_longer_than_a_month(store, master, park):
    st = chen(store, master, "2025-12-01", "2026-01-31")
    rows = ledger(st)
    months = [r for r in rows if r.kind == MONTH]
    assert [m.day for m in months] == ["2025-12", "2026-01"]
    # December: 2,000.00 shipped, 1,500.00 paid; the balance carried is 500.00.
    assert (months[0].shipped_fen, months[0].paid_fen, months[0].balance_fen) == (200_000, 150_000, 50_000)
    assert sum(m.shipped_fen for m in months) == st.shipped_fen
    assert sum(m.paid_fen for m in months) == st.paid_fen
    assert sum(m.payable_g for m in months) == st.payable_g
    assert months[-1].balance_fen == st.closing_fen


@needs_pdftotext
def test_last_page_holds_the_close_with_words_clause_and_both_seals(qapp, tmp_path, store, master, park):
    st = chen(store, master)
    path = tmp_path / "chen.pdf"
    pages = write_pdf(path, statement_pdf.buyer_statement_document(st))
    first = page_text(path, 1)
    for detail in (ORG.name, ORG.address, ORG.phone, ORG.credit_code, ORG.bank, ORG.account):
        assert detail in first
    assert "DZ-2026-01-0001" in first and "客商对账单" in first and "2026-02-01" in first
    last = "".join(page_text(path, pages).split())
    assert "期末欠款32,269.82" in last
    assert "期末欠款（大写）：" + amount_in_words(CHEN_CLOSING_FEN) in last
    assert amount_in_words(CHEN_CLOSING_FEN) == "人民币叁万贰仟贰佰陆拾玖元捌角贰分"
    assert "如有不符，请于收到之日起7日内提出，逾期视为无误。" in last
    assert "对账单位（盖章）" in last and "客商确认（签字或盖章）：陈建华" in last
    assert last.count("经办人") == 2 and last.count("____年__月__日") == 2


@needs_pdftotext
def test_close_and_totals_are_never_alone_on_a_page(qapp, tmp_path, store, master, park):
    """Statements of growing length move the page break through the end of the document: the close
    always shares its page with the end of the table before it, and a 合计 row with a row above it."""
    st = chen(store, master)
    seen_pages = set()
    for n in range(10, 40, 2):
        longer = replace(st, lines=st.lines * n)
        path = tmp_path / f"s{n}.pdf"
        pages = write_pdf(path, statement_pdf.buyer_statement_document(longer))
        seen_pages.add(pages)
        last = page_text(path, pages)
        assert "期末欠款" in last
        # The market subtotal table ends right before the close: its last row and total come along.
        assert st.by_market[-1].name in last and "合计" in last, (n, last[:300])
        for k in range(1, pages + 1):
            lines = [x.strip() for x in page_text(path, k).splitlines() if x.strip()]
            body = lines[1:-1]  # without the running header and footer
            if body and body[0].startswith("合计"):
                pytest.fail(f"page {k} of {n} starts with a total row")
    assert len(seen_pages) > 2  # the break really moved through the document


@needs_pdftotext
def test_carried_forward_equals_brought_forward_on_every_page(qapp, tmp_path, store, master, park):
    st = chen(store, master)
    many = replace(st, lines=st.lines * 60)
    path = tmp_path / "many.pdf"
    pages = write_pdf(path, statement_pdf.buyer_statement_document(many))
    assert pages == len(PdfReader(path).pages) >= 4
    page1 = page_text(path, 1)
    assert figures(page1, "本页小计")[:3] == figures(page1, "过次页")[:3]
    checked = 0
    for k in range(2, pages + 1):
        text, before = page_text(path, k), page_text(path, k - 1)
        if "承上页" not in text:
            continue
        brought = figures(text, "承上页")
        assert brought == figures(before, "过次页")
        if "过次页" in text:
            carried = figures(text, "过次页")
            page_sums = figures(text, "本页小计")
            # payable kg, shipped and paid add up; the balance is the running one.
            assert [a + b for a, b in zip(brought[:3], page_sums[:3], strict=True)] == carried[:3]
        checked += 1
    assert checked >= 3
    assert figures(page1, "本页小计") == figures(page_text(path, 2), "承上页")[:3]
    # The ledger's own total at the end is the sum of every line.
    total_line = next(
        x
        for k in range(1, pages + 1)
        for x in page_text(path, k).splitlines()
        if x.strip().startswith("合计")
    )
    assert f"{Decimal(many.shipped_fen) / 100:,.2f}" in total_line


@needs_pdftotext
def test_the_last_page_has_its_own_subtotal_and_a_one_page_ledger_only_its_total(
    qapp, tmp_path, store, master, park
):
    st = chen(store, master)
    for n in (12, 25, 60):  # the ledger ends on page 2, 3 and 4 or later
        many = replace(st, lines=st.lines * n)
        path = tmp_path / f"last{n}.pdf"
        pages = write_pdf(path, statement_pdf.buyer_statement_document(many))
        ledger_pages = [k for k in range(1, pages + 1) if "承上页" in page_text(path, k)]
        last = page_text(path, ledger_pages[-1])
        assert "过次页" not in last
        rows = [x.strip() for x in last.splitlines() if x.strip()]
        labels = [x.split()[0] for x in rows if x.split()[0] in ("承上页", "本页小计", "合计")]
        assert labels[:3] == ["承上页", "本页小计", "合计"], (n, labels)  # later 合计: other tables
        brought, page_sums = figures(last, "承上页"), figures(last, "本页小计")
        total_row = next(x for x in rows if x.startswith("合计"))
        total = figures(total_row, "合计")
        # payable kg, shipped and paid: what was brought plus this page's lines is the ledger's total
        assert [a + b for a, b in zip(brought[:3], page_sums[:3], strict=True)] == total[:3], n
        assert total[1] == Decimal(many.shipped_fen) / 100
    one = tmp_path / "one.pdf"
    write_pdf(one, statement_pdf.buyer_statement_document(st))
    text = page_text(one, 1)
    assert "合计" in text and "本页小计" not in text and "承上页" not in text


@needs_pdftotext
def test_a_table_heading_and_titles_never_end_a_page_without_the_rows_below(
    qapp, tmp_path, store, master, park
):
    """Statements of growing length move the page break through the subtotal tables: a heading and
    its column titles always share their page with the table's rows (here the one market and its
    total, which stay together)."""
    st = chen(store, master)
    one_market = replace(st, by_market=st.by_market[:1])
    for n in range(10, 40, 2):
        longer = replace(one_market, lines=st.lines * n)
        path = tmp_path / f"h{n}.pdf"
        pages = write_pdf(path, statement_pdf.buyer_statement_document(longer))
        for k in range(1, pages + 1):
            lines = [x.strip() for x in page_text(path, k).splitlines() if x.strip()]
            if "按市场小计" in lines:
                after = lines[lines.index("按市场小计") + 1 :]
                assert after[0].startswith("目的市场"), (n, after[:2])
                assert after[1].startswith(st.by_market[0].name) and after[2].startswith("合计"), (
                    n,
                    after[:3],
                )


@needs_pdftotext
def test_english_statement_reads_in_english_with_half_width_punctuation(qapp, tmp_path, store, master, park):
    st = chen(store, master, "2025-12-01", "2026-01-31")
    path = tmp_path / "en.pdf"
    pages = write_pdf(path, statement_pdf.buyer_statement_document(replace(st, lines=st.lines * 40), "en"))
    text = "\n".join(page_text(path, k) for k in range(1, pages + 1))
    for words in (
        "Statement no.",
        "DZ-20251201-20260131-0001",
        "Statement of account",
        "Balance (¥)",
        "Month subtotal",
        "Brought forward",
        "Carried forward",
        "Page subtotal",
        "Closing balance in words: 人民币",
        "within 7 days",
        "(seal or signature): 陈建华",
        "Buyer confirms",  # "fi" survives text extraction (no ligatures)
        "Daikon radish",  # crops by their English names
    ):
        assert words in text, words
    letterhead_and_close = page_text(path, 1) + page_text(path, pages)
    for mark in "：，。（）":
        assert mark not in letterhead_and_close.replace(ORG.name, "").replace(ORG.address, "").replace(
            ORG.bank, ""
        ).replace("人民币", ""), mark


def test_xlsx_prints_fitted_with_titles_repeated_and_names_its_author(tmp_path, store, master, park):
    import datetime
    import zipfile

    from python_calamine import CalamineWorkbook

    from app.documents.statement_xlsx import buyer_statement_xlsx

    st = chen(store, master, "2025-12-01", "2026-01-31")
    path = tmp_path / "chen.xlsx"
    created = datetime.datetime(2026, 2, 1, 8, 30, tzinfo=datetime.UTC)
    assert buyer_statement_xlsx(path, st, created=created) == len(st.lines)
    book = CalamineWorkbook.from_path(str(path))
    assert book.sheet_names == ["客商对账单", "对账明细", "发货明细", "过磅明细", "图表数据"]
    summary = book.get_sheet_by_name("客商对账单").to_python()
    flat = [c for row in summary for c in row if c != ""]
    assert ORG.name in flat and "DZ-20251201-20260131-0001" in flat
    assert any(ORG.credit_code in str(c) and ORG.account in str(c) for c in flat)
    assert "人民币叁万贰仟贰佰陆拾玖元捌角贰分" in flat
    assert "如有不符，请于收到之日起 7 日内提出，逾期视为无误。" in flat
    ledger_rows = book.get_sheet_by_name("对账明细").to_python()
    assert ledger_rows[0][-1] == "余额(元)"
    months = [r for r in ledger_rows if r[1] == "本月小计"]
    assert [r[0] for r in months] == ["2025-12", "2026-01"]
    assert ledger_rows[-1][0] == "合计" and round(ledger_rows[-1][-1] * 100) == st.closing_fen
    # the ledger's dates are real dates, as on the lines sheet (a month subtotal and the total: text)
    days = [r[0] for r in ledger_rows[1:-1] if r[1] != "本月小计"]
    assert days and all(type(d) is datetime.date for d in days), days
    assert days[0] == datetime.date.fromisoformat(st.start)
    line_days = [
        r[0] for r in book.get_sheet_by_name("发货明细").to_python()[1:] if isinstance(r[0], datetime.date)
    ]
    assert line_days and set(line_days) <= set(days)
    assert {str(line.ship_date) for line in st.lines} == {d.isoformat() for d in line_days}
    chart_data = book.get_sheet_by_name("图表数据").to_python()
    assert chart_data[0] == ["日期", "出货(吨)"] and len(chart_data) == 1 + 62  # a bar a day
    with zipfile.ZipFile(path) as z:
        core = z.read("docProps/core.xml").decode()
        workbook = z.read("xl/workbook.xml").decode()
        sheets = {n: z.read(f"xl/worksheets/sheet{n}.xml").decode() for n in range(1, 6)}
    assert f"<dc:creator>{ORG.name}</dc:creator>" in core
    assert "<dc:title>客商对账单 DZ-20251201-20260131-0001</dc:title>" in core
    assert "2026-02-01T08:30:00Z" in core
    for n, xml in sheets.items():
        assert (
            '<pageSetUpPr fitToPage="1"/>' in xml and 'fitToHeight="0"' in xml and 'paperSize="9"' in xml
        ), n
    for n in (2, 3, 4):  # ledger, lines, weighbridge tickets: wide, landscape
        assert 'orientation="landscape"' in sheets[n]
    for name in ("对账明细", "发货明细", "过磅明细", "图表数据"):
        assert '<definedName name="_xlnm.Print_Titles" localSheetId=' in workbook
        assert f">{name}!$1:$1</definedName>" in workbook, name
