"""The park's own weighbridge and price sheets (tests/corpus/weighbridge_*.csv, agreed_settled.csv)
imported as clerks write them: a truck's deduction once or on every row, deductions in percent,
gross and tare without a net column, agreed and settled prices."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from db.importing import ImportFailed, WarningsNotAccepted, check_shipments, import_shipments
from tests import test_import_corpus

CORPUS, TODAY = test_import_corpus.CORPUS, test_import_corpus.TODAY


# The demo's master data, a fresh copy per test (the corpus tests' fixtures).
park_db, park = test_import_corpus.park_db, test_import_corpus.park


def stored(store):
    """ticket → (gross, tare, net, deduction, deduction %, [(net, payable, agreed, settled, amount)])."""
    return {
        s.ticket_no: (
            s.gross_g,
            s.tare_g,
            s.net_g,
            s.deduction_g,
            s.deduction_pct_x100,
            [
                (x.net_g, x.payable_g, x.agreed_price, x.settled_price, x.amount_fen)
                for x in store.shipments.lines_of(s.id)
            ],
        )
        for s in store.shipments.list()
    }


def test_a_deduction_once_or_on_every_row_is_the_trucks_shared_by_weight(park):
    path = CORPUS / "weighbridge_deductions.csv"
    with pytest.raises(WarningsNotAccepted) as info:
        import_shipments(park, path, today=TODAY)
    assert [(w.row, w.column, w.value, w.kind, str(w.message)) for w in info.value.problems] == [
        (2, "扣重", "150", "deduction_reading", "ticket D1: the deduction of 150 kg given on its first row only "
         "is read as the truck's, shared over its 2 lines by weight: 96.429 + 53.571 kg"),
        (4, "扣重", "150", "deduction_reading", "ticket D2: the same deduction of 150 kg on every row is read as "
         "the truck's (once, as gross and tare are), shared over its 2 lines by weight: 96.429 + 53.571 kg"),
    ]  # fmt: skip
    assert park.shipments.count() == 0
    result = import_shipments(park, path, today=TODAY, accept_warnings=["deduction_reading"])
    assert result.written
    d1 = (20_000_000, 6_000_000, 14_000_000, 150_000, None, [
        (9_000_000, 8_903_571, 12_000, None, 1_068_429),
        (5_000_000, 4_946_429, 13_000, None, 643_036),
    ])  # fmt: skip
    assert stored(park) == {
        "D1": d1,
        "D2": d1,  # 150 kg on both rows is 150 kg, not 300
        "D3": (14_000_000, 6_000_000, 8_000_000, 0, None, [(8_000_000, 8_000_000, 12_000, None, 960_000)]),
        "D4": (16_000_000, 6_000_000, 10_000_000, 100_000, None, [
            (6_000_000, 5_940_000, 12_000, None, 712_800),
            (4_000_000, 3_960_000, 13_000, None, 514_800),
        ]),
    }  # fmt: skip
    (audit,) = park.db.execute("SELECT after FROM audit_log WHERE table_name = 'imports'").fetchall()
    assert "deduction_reading" in audit[0]


def test_deductions_in_percent_are_kept_as_percent(park):
    result = import_shipments(
        park, CORPUS / "weighbridge_percent.csv", today=TODAY, accept_warnings=["deduction_reading"]
    )
    assert [(w.row, w.value, str(w.message)) for w in result.warnings] == [
        (5, "50 + 1%", "ticket P3: a deduction of 50 kg and one of 50 kg (1%) are added up and stored as a "
         "deduction of 100 kg"),
    ]  # fmt: skip
    assert stored(park) == {
        "P1": (16_000_000, 6_000_000, 10_000_000, 200_000, 200, [(10_000_000, 9_800_000, 12_000, None, 1_176_000)]),
        "P2": (16_000_000, 6_000_000, 10_000_000, 150_000, 150, [
            (6_000_000, 5_910_000, 12_000, None, 709_200),
            (4_000_000, 3_940_000, 13_000, None, 512_200),
        ]),
        "P3": (11_000_000, 6_000_000, 5_000_000, 100_000, None, [(5_000_000, 4_900_000, 12_000, None, 588_000)]),
    }  # fmt: skip


def test_percentages_that_differ_within_a_truck_are_refused(park, tmp_path):
    path = tmp_path / "pct.csv"
    path.write_text(
        "磅单号,日期,客商,主体,品名,等级,净重,单价,扣杂(%)\n"
        "Q1,2023-11-21,陈建华,涪江湾,白萝卜,统货,6000,1.2,2\n"
        "Q1,2023-11-21,陈建华,双坝,白萝卜,一级,4000,1.3,3%\n"
        "Q2,2023-11-21,陈建华,双坝,白萝卜,一级,4000,1.3,百分之二\n"
        "Q3,2023-11-21,陈建华,双坝,白萝卜,一级,4000,1.3,0\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportFailed) as info:
        import_shipments(park, path, today=TODAY)
    assert [(p.row, p.column, p.value, str(p.message)) for p in info.value.problems] == [
        (2, "扣杂(%)", "2", "ticket Q1: a deduction in percent is the truck's; give one percentage, on the "
         "ticket's first row or the same on every row"),
        (4, "扣杂(%)", "百分之二", "not a percentage from 0 to under 100; type it like 2 or 2.5%"),
    ]  # fmt: skip
    assert park.shipments.count() == 0
    path.write_text(
        "磅单号,日期,客商,主体,品名,净重,单价,扣杂(%)\nQ3,2023-11-21,陈建华,双坝,白萝卜,4000,1.3,0\n",
        encoding="utf-8",
    )
    import_shipments(park, path, today=TODAY)
    assert stored(park)["Q3"][3:5] == (0, None)  # 0% is no deduction


def test_without_a_net_column_a_one_line_trucks_net_is_gross_less_tare(park):
    result = import_shipments(park, CORPUS / "weighbridge_no_net.csv", today=TODAY)
    assert result.written and not result.warnings
    assert stored(park) == {
        "N1": (15_000_000, 5_000_000, 10_000_000, 0, None, [(10_000_000, 10_000_000, 12_000, None, 1_200_000)]),
        "N2": (12_500_000, 4_500_000, 8_000_000, 0, None, [(8_000_000, 8_000_000, 13_000, None, 1_040_000)]),
    }  # fmt: skip


def test_without_a_net_column_a_truck_of_several_lines_needs_their_nets(park):
    with pytest.raises(ImportFailed) as info:
        import_shipments(park, CORPUS / "weighbridge_no_net_lines.csv", today=TODAY)
    assert [(p.row, p.column, str(p.message)) for p in info.value.problems] == [
        (2, "毛重", "ticket L1 has 2 lines and the file has no 净重 (net weight) column: gross − tare is the "
         "whole truck's net; add a 净重 column with each line's net weight"),
    ]  # fmt: skip
    assert park.shipments.count() == 0


def test_agreed_and_settled_prices_are_both_kept(park):
    result = import_shipments(park, CORPUS / "agreed_settled.csv", today=TODAY)
    assert result.written
    # 20000 斤 = 10,000 kg agreed at 0.6 元/斤 (1.2 元/kg), settled at 0.5 元/斤: paid 1.0 元/kg
    assert {t: v[5] for t, v in stored(park).items()} == {
        "S1": [(10_000_000, 10_000_000, 12_000, 10_000, 1_000_000)],
        "S2": [(5_000_000, 5_000_000, 13_000, None, 650_000)],
    }


def test_an_amount_is_checked_against_the_lines_share_of_the_trucks_deduction(park, tmp_path):
    path = tmp_path / "amounts.csv"
    path.write_text(
        "磅单号,日期,客商,主体,品名,等级,净重,单价,金额,毛重,皮重,扣重\n"
        # 100 kg on the first row of 6000 + 4000: the lines bear 60 and 40 kg
        "A1,2023-11-21,陈建华,涪江湾,白萝卜,统货,6000,1.2,7128,16000,6000,100\n"
        "A1,2023-11-21,陈建华,双坝,白萝卜,一级,4000,1.3,5148,16000,6000,\n"
        "A2,2023-11-21,陈建华,涪江湾,白萝卜,统货,6000,1.2,7080,16000,6000,100\n"
        "A2,2023-11-21,陈建华,双坝,白萝卜,一级,4000,1.3,5200,16000,6000,\n",
        encoding="utf-8",
    )
    result = check_shipments(park, path, today=TODAY)
    assert [(p.row, p.column, p.value, str(p.message)) for p in result.problems] == [
        (4, "金额", "7080", "does not match payable weight × price = 7128.00 元; correct the amount, the weight "
         "or the price (or leave the amount blank)"),
        (5, "金额", "5200", "does not match payable weight × price = 5148.00 元; correct the amount, the weight "
         "or the price (or leave the amount blank)"),
    ]  # fmt: skip


def test_titles_clerks_give_prices_and_percentages_are_recognised(park, tmp_path):
    path = tmp_path / "titles.csv"
    path.write_text(
        "单号,日期,客户,生产者,菜品,数量(公斤),约定单价,结算价,扣杂率\n"
        "T1,2023-11-21,陈建华,涪江湾,白萝卜,1000,1.2,1.1,1%\n",
        encoding="utf-8",
    )
    result = import_shipments(park, path, today=TODAY)
    assert stored(park)["T1"] == (
        1_000_000,
        0,
        1_000_000,
        10_000,
        100,
        [(1_000_000, 990_000, 12_000, 11_000, 108_900)],
    )
    assert result.ignored_columns == []


def _two_trucks(park):
    """陈建华's N1, weighed (15,000 − 5,000 kg), and S1, not weighed on the park's bridge."""
    import_shipments(park, CORPUS / "weighbridge_no_net.csv", today=TODAY)
    import_shipments(park, CORPUS / "agreed_settled.csv", today=TODAY)
    buyer = next(b for b in park.buyers.list() if b.name == "陈建华")
    return buyer, {s.ticket_no: s for s in park.shipments.list()}


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")
@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_statement_shows_a_truck_not_weighed_here_without_gross_or_tare(qapp, park, tmp_path, lang):
    from app.documents import reports_pdf
    from db.documents import reports

    buyer, trucks = _two_trucks(park)
    assert (trucks["S1"].weighed, trucks["S1"].tare_g, trucks["N1"].weighed) == (False, 0, True)
    st = reports.buyer_statement(park, buyer.id, "2023-11-01", "2023-11-30", issued_on="2023-12-01")
    path = tmp_path / "statement.pdf"
    reports_pdf.write_report_pdf(path, reports_pdf.buyer_statement_document(st, lang))
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    weighings = {
        line.split()[1]: line.split()[2:]
        for line in text.splitlines()
        if re.match(r"\s*2023-11-2\d\s+[NS]1\s", line)
    }
    # date, ticket, (no plate), gross, tare, net, (no deduction), payable
    assert weighings == {
        "N1": ["15,000.0", "5,000.0", "10,000.0", "10,000.0"],
        "S1": ["—", "—", "10,000.0", "10,000.0"],
    }
    (total,) = [line.split()[1:] for line in text.splitlines() if re.match(r"\s*(合计|Total)\s+15,000", line)]
    assert total == ["15,000.0", "5,000.0", "20,000.0", "0.0", "20,000.0"]


def test_the_shipment_form_saves_a_truck_not_weighed_here_again(qtbot, park, tmp_path):
    from app.views.forms.shipment_form import ShipmentForm
    from tests.test_main_window import make_ctx

    _buyer, trucks = _two_trucks(park)
    ctx = make_ctx(park, Path(park.db.conn.execute("PRAGMA database_list").fetchone()[2]))
    form = ShipmentForm(ctx, park.shipments.get(trucks["S1"].id))
    qtbot.addWidget(form)
    assert (form.gross.text(), form.tare.text()) == ("", "")  # not 10,000 and 0
    assert form.net.text() == "10,000.0 kg, the lines' total (not weighed on the park's bridge)"
    form.notes.setText("settled after the sale")
    assert form.save(), form.error.text()
    again = park.shipments.get(trucks["S1"].id)
    assert (again.gross_g, again.tare_g, again.notes) == (10_000_000, 0, "settled after the sale")
    # one of the two typed: the other is required
    form = ShipmentForm(ctx, park.shipments.get(trucks["S1"].id))
    qtbot.addWidget(form)
    form.tare.setText("6000")
    assert not form.save()
    assert "Gross: Required" in form.error.text().splitlines()
    ctx.tasks.wait()


def test_the_statement_workbook_leaves_gross_and_tare_blank_for_a_truck_not_weighed_here(park, tmp_path):
    from app.documents import reports_xlsx
    from db.documents import reports
    from tests.test_documents import sheet_rows

    buyer, _trucks = _two_trucks(park)
    st = reports.buyer_statement(park, buyer.id, "2023-11-01", "2023-11-30", issued_on="2023-12-01")
    path = tmp_path / "statement.xlsx"
    reports_xlsx.buyer_statement_xlsx(path, st)
    rows = sheet_rows(path, "过磅明细")
    assert rows[0][1:8] == [
        "磅单号",
        "车牌号",
        "毛重(公斤)",
        "皮重(公斤)",
        "净重(公斤)",
        "扣重(公斤)",
        "结算重量(公斤)",
    ]
    body = {row[1]: row[3:6] for row in rows[1:] if row[1] in ("N1", "S1")}
    assert body == {"N1": [15_000.0, 5_000.0, 10_000.0], "S1": ["", "", 10_000.0]}
    (total,) = [row for row in rows if row[0] == "合计"]
    assert total[3:6] == [15_000.0, 5_000.0, 20_000.0]
