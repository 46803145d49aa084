"""产销月报 / 年报: every operator, trucks, shares, 环比, 同比, 累计, average price, exact; the PDF read
with pdftotext and the workbook read back."""

from __future__ import annotations

import math
import shutil
import subprocess
from fractions import Fraction

import pytest
from python_calamine import CalamineWorkbook

from app.cli import main
from app.documents import formatting as fmt
from app.documents import summary_pdf, summary_xlsx
from app.documents.pdf import write_pdf
from db.documents import park_summary
from db.records import Operator, Shipment, ShipmentLine
from tests.documents_data import build_park

KG = 1000
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")


def pdf_text(path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture
def park(store, master):
    """The January 2026 park, a truck in January 2025 for the coop and one for the company, and an
    operator with no trade at all."""
    built = build_park(store, master)
    coop, _ = master["operators"]
    radish = master["crops"][0]
    chen = master["buyers"][0]
    company = built["company"]
    store.shipments.add(
        Shipment(
            "2025-01-10", "B20250110-001", chen.id, 9_000 * KG, 7_000 * KG,
            lines=(ShipmentLine(coop.id, radish.id, 2_000 * KG, 10_000),),
        )
    )  # fmt: skip
    # 8,001 kg a year ago against 8,000.5 kg now: -0.00625 %, which must print 0.0%, never -0.0%.
    store.shipments.add(
        Shipment(
            "2025-01-11", "B20250111-001", chen.id, 16_001 * KG, 8_000 * KG,
            lines=(ShipmentLine(company.id, radish.id, 8_001 * KG, 10_000),),
        )
    )  # fmt: skip
    store.operators.add(Operator(name="潼南区李明秀家庭农场", kind="family_farm", side="tongnan"))
    return built


def test_month_rows_compare_with_the_month_before_the_year_before_and_the_year_to_date(store, park):
    rp = park_summary.park_report(store, "2026-01", issued_on="2026-02-01")
    s = rp.spans
    assert (s.start, s.end, s.previous, s.last_year, s.ytd) == (
        "2026-01-01",
        "2026-01-31",
        ("2025-12-01", "2025-12-31"),
        ("2025-01-01", "2025-01-31"),
        ("2026-01-01", "2026-01-31"),
    )
    total = rp.total
    # January 2026: trucks B20260105-001 (13,000 kg), B20260106-001 (8,000.5 kg), B20260107-001 (3,000 kg).
    assert total.now == park_summary.Figures(3, 24_000_500, 24_000_500, 5_716_982, 26_000_000)
    assert total.previous.shipped_g == 1_000 * KG  # 2025-12-20
    assert total.last_year.shipped_g == 10_001 * KG
    # 环比 24,000.5 / 1,000 − 1 = +2,300.05 % → +2,300.1 % (half up, exactly); 同比 +139.98… %.
    assert fmt.change(total.now.shipped_g, total.previous.shipped_g) == "+2300.1%"
    assert fmt.change(total.now.shipped_g, total.last_year.shipped_g) == "+140.0%"
    assert summary_pdf.cell_text("price", summary_pdf.price(total.now), summary_pdf.Texts()) == "2.38"


def test_every_operator_is_listed_with_trucks_and_shares(store, park):
    rp = park_summary.park_report(store, "2026-01")
    ops = {r.name: r for r in rp.by_operator}
    assert set(ops) == {
        "涪江湾合作社",
        "青禾家庭农场",
        "四川遂潼鲜蔬农业开发有限公司",
        "潼南区李明秀家庭农场",
    }
    # A truck carrying two operators' produce is a truck of each: B20260105-001 counts for both.
    assert {name: r.now.trucks for name, r in ops.items()} == {
        "涪江湾合作社": 2,
        "青禾家庭农场": 1,
        "四川遂潼鲜蔬农业开发有限公司": 1,
        "潼南区李明秀家庭农场": 0,
    }
    assert rp.by_operator[-1].name == "潼南区李明秀家庭农场"  # nothing this period: last
    assert sum(rp.share(r) for r in rp.by_operator) == 1
    assert sum(rp.share(r) for r in rp.by_market) == 1
    assert sum(r.now.amount_fen for r in rp.by_market) == rp.total.now.amount_fen
    nothing = ops["潼南区李明秀家庭农场"]
    assert summary_pdf.change(nothing.now.shipped_g, nothing.last_year.shipped_g) == "—"
    farm = ops["青禾家庭农场"]
    assert summary_pdf.change(farm.now.shipped_g, farm.last_year.shipped_g) == "new"
    company = ops["四川遂潼鲜蔬农业开发有限公司"]
    change = summary_pdf.change(company.now.shipped_g, company.last_year.shipped_g)
    assert change == Fraction(-1, 16_002) and fmt.percent(change, signed=True) == "0.0%"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Fraction(-1, 16_002), "0.0%"),
        (Fraction(0), "0.0%"),
        (Fraction(1, 2000), "+0.1%"),  # 0.05 %: half up
        (Fraction(-1, 2000), "-0.1%"),  # half away from zero
        (Fraction(-1, 2001), "0.0%"),
        (Fraction(23_0005, 10_000), "+2300.1%"),
    ],
)
def test_percentages_round_half_up_and_never_read_minus_zero(value, text):
    assert fmt.percent(value, signed=True) == text


def test_changes_from_nothing_read_as_words():
    assert fmt.change(0, 0) == "—"
    assert fmt.change(5, 0, new="新增") == "新增"
    assert fmt.change(100, 100) == "0.0%"
    assert fmt.change(99_999, 100_000) == "0.0%"


def test_year_has_twelve_months_with_january_against_december(store, park):
    rp = park_summary.park_report(store, "2026")
    assert [r.name for r in rp.by_month] == [f"2026-{m:02d}" for m in range(1, 13)]
    january = rp.by_month[0]
    assert january.previous.shipped_g == 1_000 * KG  # December 2025
    assert rp.by_month[11].ytd == rp.total.now
    assert sum(r.now.trucks for r in rp.by_month) == rp.total.now.trucks == 3


@needs_pdftotext
def test_pdf_in_chinese_and_english(qapp, tmp_path, store, park):
    rp = park_summary.park_report(store, "2026-01", issued_on="2026-02-01")
    zh, en = tmp_path / "zh.pdf", tmp_path / "en.pdf"
    write_pdf(zh, summary_pdf.park_summary_document(rp))
    write_pdf(en, summary_pdf.park_summary_document(rp, "en"))
    text = pdf_text(zh)
    for expected in (
        "产销月报",
        "环比",
        "同比",
        "累计同比",
        "占比",
        "均价(元/公斤)",
        "潼南区李明秀家庭农场",
        "新增",
    ):
        assert expected in text
    for signature in ("填报单位（盖章）：", "单位负责人：", "审核人：", "制表人："):
        assert signature in text
    assert "+2300.1%" in text and "-0.0%" not in text and "−0.0%" not in text
    english = pdf_text(en)
    for expected in (
        "Key figures",
        "Month on month",
        "Year on year",
        "Head of unit:",
        "Reporting unit (seal):",
    ):
        assert expected in english
    assert "Daikon radish" in english and "new" in english
    assert "：" not in english and "（" not in english and "新增" not in english


def test_workbook_carries_title_period_and_issue_date(tmp_path, store, park):
    rp = park_summary.park_report(store, "2026-01", issued_on="2026-02-01")
    path = tmp_path / "sum.xlsx"
    summary_xlsx.park_summary_xlsx(path, rp)
    book = CalamineWorkbook.from_path(str(path))
    assert book.sheet_names == ["主要指标", "按经营主体", "按品种", "按市场"]
    for name in book.sheet_names:
        rows = book.get_sheet_by_name(name).to_python()
        assert rows[0][0] == "遂潼涪江蔬菜乐园 产销月报 2026-01"
        assert rows[1][:2] == ["期间", "2026-01-01 至 2026-01-31"]
        assert rows[2][0] == "出具日期" and str(rows[2][1]) == "2026-02-01"
    rows = book.get_sheet_by_name("按经营主体").to_python()[summary_xlsx.HEADER_ROWS :]
    header, body = rows[0], rows[1:]
    ops = {r[0]: dict(zip(header, r, strict=True)) for r in body}
    assert ops["潼南区李明秀家庭农场"]["车次"] == 0 and ops["潼南区李明秀家庭农场"]["同比"] == "—"
    assert ops["青禾家庭农场"]["同比"] == "新增"
    same = ops["四川遂潼鲜蔬农业开发有限公司"]["同比"]
    assert same == 0.0 and math.copysign(1, same) == 1  # not -0.0, which a spreadsheet shows as -0.0%
    assert ops["合计"]["车次"] == 3 and ops["合计"]["销售额(元)"] == 57_169.82
    shares = [r[header.index("占比")] for r in body[:-1]]
    assert all(isinstance(v, float) for v in shares) and abs(sum(shares) - 1) < 0.002


def test_cli_park_summary_and_service_fee(db_path, capsys, tmp_path, store, park):
    out_file = tmp_path / "sum.pdf"
    assert (
        main(
            [
                "--db",
                str(db_path),
                "--lang",
                "en",
                "export",
                "park-summary",
                "--year",
                "2026",
                "-o",
                str(out_file),
            ]
        )
        == 0
    )
    assert "2026: 24.001 t shipped (11.001 t a year before)" in capsys.readouterr().out
    assert main(["--db", str(db_path), "--lang", "en", "service-fee", "--percent", "1.5"]) == 0
    assert "1.50% of the sales amount" in capsys.readouterr().out
    assert main(["--db", str(db_path), "--lang", "en", "service-fee", "--per-tonne", "1.234"]) == 1
    assert "at most two decimals" in capsys.readouterr().err


@needs_pdftotext
def test_year_total_has_no_month_on_month(qapp, tmp_path, store, park):
    rp = park_summary.park_report(store, "2026", issued_on="2027-01-05")
    path = tmp_path / "year.pdf"
    write_pdf(path, summary_pdf.park_summary_document(rp))
    month_total = next(line for line in pdf_text(path).splitlines() if line.strip().startswith("合计"))
    # 合计  trucks  shipped  (no 环比)  同比  sales  price  year to date  累计同比  harvested
    assert month_total.split()[1:4] == ["3", "24.001", "+118.2%"]
