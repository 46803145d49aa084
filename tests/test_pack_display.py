"""Weights estimated from a count of packs (3袋) are marked where staff and buyers read them: the
harvests and shipments tables, the shipment form's lines grid (kept on save while the weight is the
estimate, dropped once another is typed), and the buyer statement's PDF and XLSX with a footnote."""

from __future__ import annotations

import html
import subprocess
import zipfile

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from python_calamine import CalamineWorkbook

from app.context import AppContext
from app.documents import statement_pdf, statement_xlsx
from app.documents.pdf import write_pdf
from app.models.harvest_model import harvest_model
from app.models.shipment_model import shipment_model
from app.settings import Settings
from app.tasks import TaskRunner
from app.views.forms.shipment_form import ShipmentForm
from db.documents import reports
from db.records import Harvest, Shipment, ShipmentLine
from tests.test_certificate_gui import zh  # noqa: F401  (the Chinese interface)
from tests.test_documents import needs_pdftotext


@pytest.fixture
def packed(store, master):
    """白萝卜 weighs 25 kg a bag: a truck with 40袋 of it (estimated) and 500 kg of 莴笋 (weighed), and
    a harvest lot of 30袋."""
    radish, celtuce = master["crops"]
    store.crops.update(radish.replace(bag_g=25_000))
    op = master["operators"][0].id
    shipment = store.shipments.add(
        Shipment(
            ship_date="2026-01-05",
            ticket_no="P1",
            buyer_id=master["buyers"][0].id,
            gross_g=9_500_000,
            tare_g=8_000_000,
            lines=(
                ShipmentLine(op, radish.id, 1_000_000, 12_000, packs="40袋"),
                ShipmentLine(op, celtuce.id, 500_000, 20_000),
            ),
        )
    )
    harvest = store.harvests.add(Harvest("2026-01-04", op, radish.id, 750_000, packs="30袋"))
    weighed = store.harvests.add(Harvest("2026-01-04", op, radish.id, 1_250_000))
    return shipment, harvest, weighed


def _cell(model, record_id, key, role=Qt.ItemDataRole.DisplayRole):
    model.refresh()
    return model.data(model.index(model.row_of(record_id), model.column_index(key)), role)


def test_the_tables_mark_estimated_weights_in_chinese(zh, store, packed):  # noqa: F811
    shipment, harvest, weighed = packed
    harvests = harvest_model(store.db)
    harvests.retranslate("zh_CN")
    assert _cell(harvests, harvest.id, "weight") == "750.0 估"
    assert _cell(harvests, weighed.id, "weight") == "1,250.0"
    assert "30袋" in _cell(harvests, harvest.id, "weight", Qt.ItemDataRole.ToolTipRole)
    assert _cell(harvests, harvest.id, "weight", harvests.ValueRole) == 750_000  # sums stay numbers
    shipments = shipment_model(store.db)
    shipments.retranslate("zh_CN")
    assert _cell(shipments, shipment.id, "net") == "1,500.0 估"
    assert "估" in _cell(shipments, shipment.id, "net", Qt.ItemDataRole.ToolTipRole)


def test_the_tables_mark_estimated_weights_in_english(store, packed):
    shipment, harvest, _ = packed
    harvests = harvest_model(store.db)
    harvests.retranslate("en")
    assert _cell(harvests, harvest.id, "weight") == "750.0 est."
    shipments = shipment_model(store.db)
    shipments.retranslate("en")
    assert _cell(shipments, shipment.id, "net") == "1,500.0 est."
    tip = _cell(shipments, shipment.id, "net", Qt.ItemDataRole.ToolTipRole)
    assert "1 line(s) estimated from a count of packs" in tip


@pytest.fixture
def ctx(qapp, store, db_path, tmp_path):
    runner = TaskRunner(db_path, "tester")
    context = AppContext(store, db_path, QUndoStack(), runner, settings=Settings(tmp_path / "settings.ini"))
    yield context
    runner.cancel_all()
    runner.wait(5000)


def test_the_shipment_form_marks_the_estimate_and_keeps_it_only_while_unchanged(qtbot, ctx, store, packed):
    shipment = store.shipments.get(packed[0].id)
    form = ShipmentForm(ctx, shipment)
    qtbot.addWidget(form)
    grid = form.lines
    assert grid.text(0, "payable").endswith("est.") and not grid.text(1, "payable").endswith("est.")
    assert grid.item(0, grid.column_of("net")).font().italic()
    assert "40袋" in grid.item(0, grid.column_of("payable")).toolTip()
    form.notes.setText("checked")
    assert form.save()
    assert [line.packs for line in store.shipments.lines_of(shipment.id)] == ["40袋", ""]

    form = ShipmentForm(ctx, store.shipments.get(shipment.id))
    qtbot.addWidget(form)
    form.lines.set_text(0, "net", "1020")  # weighed after all
    assert not form.lines.text(0, "payable").endswith("est.")
    assert not form.lines.item(0, form.lines.column_of("net")).font().italic()
    form.gross.set_value(9_520_000)
    assert form.save()
    assert [(line.net_g, line.packs) for line in store.shipments.lines_of(shipment.id)] == [
        (1_020_000, ""),
        (500_000, ""),
    ]


def _statement(store, master):
    return reports.buyer_statement(
        store, master["buyers"][0].id, "2026-01-01", "2026-01-31", issued_on="2026-02-01"
    )


@needs_pdftotext
def test_the_statement_pdf_marks_the_line_and_explains_the_mark(qapp, tmp_path, store, master, packed):
    st = _statement(store, master)
    assert [line.packs for line in st.lines] == ["40袋", ""]
    path = tmp_path / "st.pdf"
    write_pdf(path, statement_pdf.buyer_statement_document(st))
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "1,000.0 估" in text
    assert "估：按件数估重" in text
    english = tmp_path / "st_en.pdf"
    write_pdf(english, statement_pdf.buyer_statement_document(st, "en"))
    text = subprocess.run(
        ["pdftotext", "-layout", str(english), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "1,000.0 est." in text and "est.: weight estimated from a count of packs" in text


def test_the_statement_xlsx_keeps_numbers_marked_and_says_the_count(tmp_path, store, master, packed):
    st = _statement(store, master)
    path = tmp_path / "st.xlsx"
    statement_xlsx.buyer_statement_xlsx(path, st)
    book = CalamineWorkbook.from_path(str(path))
    ledger = book.get_sheet_by_name("对账明细").to_python()
    line = next(row for row in ledger if row[1] == "P1")
    assert line[6] == 1000.0  # a number, summed like the others
    assert any(
        row and row[0] == "估：按件数估重（袋、筐、捆的件数 × 该品种每件重量），未过磅。" for row in ledger
    )
    with zipfile.ZipFile(path) as z:
        styles = html.unescape(z.read("xl/styles.xml").decode("utf-8"))
    assert 'formatCode="#,##0.0## "估""' in styles  # the payable stays a number, shown 1,000.0 估
    lines = book.get_sheet_by_name("发货明细").to_python()
    assert lines[0][-1] == "估重依据"
    assert [row[-1] for row in lines[1:3]] == ["40袋 (估)", ""]


def test_without_estimates_the_statement_has_no_mark_and_no_extra_column(tmp_path, store, master):
    store.shipments.add(
        Shipment(
            ship_date="2026-01-05",
            ticket_no="W1",
            buyer_id=master["buyers"][0].id,
            gross_g=9_000_000,
            tare_g=8_000_000,
            lines=(ShipmentLine(master["operators"][0].id, master["crops"][0].id, 1_000_000, 12_000),),
        )
    )
    path = tmp_path / "st.xlsx"
    statement_xlsx.buyer_statement_xlsx(path, _statement(store, master))
    lines = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("发货明细").to_python()
    assert "估重依据" not in lines[0]
    with zipfile.ZipFile(path) as z:
        assert "估" not in html.unescape(z.read("xl/styles.xml").decode("utf-8"))


def test_the_harvest_form_says_the_weight_is_estimated_until_another_is_typed(qtbot, ctx, store, packed):
    from app.views.forms.harvest_form import HarvestForm

    lot = store.harvests.get(packed[1].id)
    form = HarvestForm(ctx, lot)
    qtbot.addWidget(form)
    message = form.form.messages["weight"]
    assert "estimated from 30袋, not weighed" in message.text()
    form.notes.setText("checked")
    assert form.save()
    assert store.harvests.get(lot.id).packs == "30袋"  # unchanged weight: still the estimate

    form = HarvestForm(ctx, store.harvests.get(lot.id))
    qtbot.addWidget(form)
    form.weight.setText("762")
    assert "estimated" not in form.form.messages["weight"].text()
    assert form.save()
    assert (store.harvests.get(lot.id).weight_g, store.harvests.get(lot.id).packs) == (762_000, "")


def test_a_weight_typed_in_the_harvests_table_over_an_estimate_is_a_weighed_one(qtbot, ctx, store, packed):
    from app.views.pages.harvests_page import HarvestsPage

    page = HarvestsPage(ctx)
    qtbot.addWidget(page)
    lot = packed[1]
    assert page.set_value([lot.id], "notes", "河坝")
    assert store.harvests.get(lot.id).packs == "30袋"  # another field: still the estimate
    assert page.set_value([lot.id], "weight", "1.5担")
    assert (store.harvests.get(lot.id).weight_g, store.harvests.get(lot.id).packs) == (75_000, "")
    ctx.undo_stack.undo()
    assert (store.harvests.get(lot.id).weight_g, store.harvests.get(lot.id).packs) == (750_000, "30袋")
