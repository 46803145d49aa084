"""The certificate in the GUI: the shipment form warns when an edit leaves a certificate wrong, the
register shows and filters 'to reissue', reissue takes the current weight, the issue dialog offers
the truck in hand from a searchable list, the shipments table flags uncovered trucks, and the
Verify dialog tells genuine, void and forged apart."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialogButtonBox

from app.context import AppContext
from app.i18n import Translations
from app.settings import Settings
from app.tasks import TaskRunner
from app.views.dialogs.certificate_dialogs import IssueDialog, VerifyDialog
from app.views.forms.shipment_form import ShipmentForm
from app.views.pages.certificates_page import CertificatesPage
from db.certification import certificates
from tests.documents_data import build_park


@pytest.fixture
def zh(qapp):
    """The Chinese interface, as a clerk sees it (the default language)."""
    translations = Translations(qapp)
    translations.set_language("zh_CN")
    yield translations
    translations.uninstall()


@pytest.fixture
def ctx(qapp, zh, store, db_path, master, tmp_path):
    build_park(store, master)
    runner = TaskRunner(db_path, "tester")
    context = AppContext(store, db_path, QUndoStack(), runner, settings=Settings(tmp_path / "settings.ini"))
    yield context
    runner.cancel_all()
    runner.wait(5000)


def shown(qtbot, page):
    qtbot.waitUntil(lambda: not page.model.pending, timeout=10_000)


def rows(page):
    return [page.model.record_row(r) for r in range(page.model.rowCount())]


def test_form_warns_then_register_flags_and_reissue_takes_the_new_weight(qtbot, ctx, store):
    shipment = store.shipments.by_ticket("B20260105-001")
    (cert,) = certificates.issue_for_shipment(store, shipment.id).issued
    form = ShipmentForm(ctx, shipment)
    qtbot.addWidget(form)
    assert form.certificate_notice.text() == ""
    form.lines.set_text(0, "net", "9800")
    assert "HGZ2026-000001" in form.certificate_notice.text()
    assert "10,000.0" in form.certificate_notice.text() and "9,800.0" in form.certificate_notice.text()
    form.lines.set_text(0, "net", "10000")
    assert form.certificate_notice.text() == ""
    form.lines.set_text(0, "net", "9800")
    assert form.save()

    page = CertificatesPage(ctx)
    qtbot.addWidget(page)
    shown(qtbot, page)
    (row,) = rows(page)
    assert row.state == "stale"
    status = page.model.index(0, page.model.column_index("status")).data()
    assert status == "⚠ 需重开"
    page.state_filter.setCurrentIndex(page.state_filter.findData("void"))
    shown(qtbot, page)
    assert page.model.rowCount() == 0
    page.state_filter.setCurrentIndex(page.state_filter.findData("stale"))
    shown(qtbot, page)
    assert [r.cert_no for r in rows(page)] == [cert.cert_no]
    page.select_ids([cert.id])
    new = page.reissue_selected("重新过磅")
    assert new is not None and new.weight_g == 9_800_000 and new.issue_date == "2026-01-10"
    shown(qtbot, page)
    assert rows(page) == []  # nothing is left to reissue
    page.state_filter.setCurrentIndex(0)
    shown(qtbot, page)
    assert {r.cert_no: r.state for r in rows(page)} == {"HGZ2026-000001": "void", "HGZ2026-000002": "valid"}


def test_issue_dialog_offers_the_truck_in_hand_and_searches(qtbot, ctx, store):
    in_hand = store.shipments.by_ticket("B20251220-001")  # the oldest truck: not first by date
    ctx.current_shipment_id = in_hand.id
    dialog = IssueDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.chosen_ticket() == "B20251220-001"
    assert dialog.list.topLevelItemCount() == 4
    assert dialog.list.topLevelItem(0).text(4) == "⚠ 缺证"
    assert "涪江湾合作社 · 白萝卜 · 1,000.0 kg — 尚未开证" in dialog.detail.text()
    dialog.search.setText("川JA")
    assert [dialog.list.topLevelItem(i).text(1) for i in range(dialog.list.topLevelItemCount())] == [
        "B20260107-001"
    ]
    dialog.search.setText("")
    certificates.issue_for_shipment(store, in_hand.id)
    dialog.only_uncovered.setChecked(True)
    tickets = {dialog.list.topLevelItem(i).text(1) for i in range(dialog.list.topLevelItemCount())}
    assert tickets == {"B20260105-001", "B20260106-001", "B20260107-001"}
    dialog.search.setText("no such truck")
    assert dialog.chosen_ticket() == ""
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()


def test_shipments_table_flags_trucks_not_covered(qtbot, ctx, store):
    from app.views.pages.shipments_page import ShipmentsPage

    certificates.issue_for_shipment(store, store.shipments.by_ticket("B20260106-001").id)
    page = ShipmentsPage(ctx)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.model.pending and page.model.rowCount() == 4, timeout=10_000)
    column = page.model.column_index("certificates")
    shown_states = {
        page.model.index(r, page.model.column_index("ticket")).data(): page.model.index(r, column).data()
        for r in range(page.model.rowCount())
    }
    assert shown_states["B20260106-001"] == "已开证"
    assert shown_states["B20260105-001"] == "⚠ 缺证"
    # Issued on the certificates page: the column says so when the page is shown again.
    page.show()
    certificates.issue_for_shipment(store, store.shipments.by_ticket("B20260105-001").id)
    page.hide()
    page.show()
    row = page.model.row_of(store.shipments.by_ticket("B20260105-001").id)
    assert page.model.index(row, column).data() == "已开证"
    combo = page.combos["certificates"]
    combo.select_value("missing")
    qtbot.waitUntil(lambda: not page.model.pending and page.model.rowCount() == 2, timeout=10_000)
    # The truck selected here is the one the issue dialog offers first.
    page.select_id(page.model.id_at(1))
    qtbot.waitUntil(lambda: ctx.current_shipment_id == page.model.id_at(1), timeout=5_000)


def test_verify_dialog_genuine_void_forged(qtbot, ctx, store, tmp_path):
    (cert,) = certificates.issue_for_shipment(store, store.shipments.by_ticket("B20260106-001").id).issued
    text = certificates.sheet(store, cert).qr_text
    dialog = VerifyDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.verify(text).kind == "genuine"
    assert "真实有效" in dialog.verdict.text()
    assert dialog.verify(text.replace("8000.5kg", "8800.5kg")).kind == "forged"
    assert "伪造" in dialog.verdict.text()
    certificates.void(store, cert.id, "重开")
    assert dialog.verify(text).kind == "void"
    assert dialog.export_key(tmp_path / "park.pem")
    assert (tmp_path / "park.pem").read_text().startswith("-----BEGIN PUBLIC KEY-----")
    assert "PRIVATE" not in (tmp_path / "park.pem").read_text()


def test_trace_page_recognises_the_code_and_says_what_it_recognised(qtbot, ctx, store):
    from app.views.pages.trace_page import TracePage
    from db import trace

    (cert,) = certificates.issue_for_shipment(store, store.shipments.by_ticket("B20260106-001").id).issued
    assert trace.recognise(store, "ｌ２０２６０１０５－０００１") == ("lot", "L20260105-0001")
    assert trace.recognise(store, "hgz2026-000001") == ("certificate", "HGZ2026-000001")
    assert trace.recognise(store, certificates.sheet(store, cert).qr_text) == ("certificate", cert.cert_no)
    assert trace.recognise(store, "B20260106-001") == ("ticket", "B20260106-001")
    assert trace.recognise(store, "一号地") == ("plot", "一号地")
    page = TracePage(ctx)
    qtbot.addWidget(page)
    assert page.kind.currentData() == "auto"
    for typed, said in (
        ("hgz2026-000001", "识别为：合格证编号 HGZ2026-000001。"),
        ("L20260105-0001", "识别为：批次号 L20260105-0001。"),
        ("B20260107-001", "识别为：磅单号 B20260107-001。"),
        ("一号地", "识别为：地块 一号地。"),
    ):
        page.query.setText(typed)
        with qtbot.waitSignal(page.traced, timeout=10_000):
            page.run_trace()
        assert page.summary.text().startswith(said), page.summary.text()
        assert page.result is not None and page.result.rows
