"""The certificate register, trace page and report dialog, offscreen with real data."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack
from python_calamine import CalamineWorkbook

from app.context import AppContext
from app.settings import Settings
from app.tasks import TaskRunner
from app.views.certificates_page import CertificatesPage
from app.views.report_dialog import ALL_BUYERS, ReportDialog
from app.views.trace_page import TracePage
from tests.documents_data import CHEN_SHIPPED_FEN, build_park


@pytest.fixture
def ctx(qapp, store, db_path, master, tmp_path):
    build_park(store, master)
    runner = TaskRunner(db_path, "tester")
    context = AppContext(store, db_path, QUndoStack(), runner, settings=Settings(tmp_path / "settings.ini"))
    yield context
    runner.cancel_all()
    runner.wait(5000)


def test_certificates_page_issue_void_reissue_and_pdf(qtbot, ctx, tmp_path):
    page = CertificatesPage(ctx)
    qtbot.addWidget(page)
    assert page.model.rowCount() == 0
    issued = page.issue_for_ticket("B20260106-001")
    assert [c.cert_no for c in issued] == ["HGZ2026-000001"]
    assert page.selected_ids() == [issued[0].id]
    assert page.void_button.isEnabled()
    new = page.reissue_selected("重量写错", weight_g=8_000_000)
    assert new is not None and new.cert_no == "HGZ2026-000002"
    page.search.setText("")
    page.refresh()
    statuses = {r.cert_no: r.status for r in page.model.rows}
    assert statuses == {"HGZ2026-000001": "void", "HGZ2026-000002": "valid"}
    page.search.setText("000001")
    page.refresh()
    assert [r.cert_no for r in page.model.rows] == ["HGZ2026-000001"]
    assert "重量写错" in page.model.data(page.model.index(0, 8))
    page.select_ids([page.model.rows[0].id])
    assert not page.void_button.isEnabled()  # already void
    path = page.save_pdf(tmp_path / "c.pdf")
    assert path is not None and path.stat().st_size > 0
    assert ctx.settings.last_folder == str(tmp_path)


def test_trace_page_tree_and_export(qtbot, ctx, tmp_path):
    page = TracePage(ctx)
    qtbot.addWidget(page)
    page.open_with(("ticket", "B20260105-001"))
    assert page.result is not None and len(page.result.rows) == 2
    truck = page.tree.topLevelItem(0)
    assert truck.text(0).startswith("B20260105-001")
    assert truck.childCount() == 2  # two lines
    assert truck.child(0).child(0).text(0).startswith("L20260105-0001")
    page.open_with(("lot", "L20260106-0001"))
    lot = page.tree.topLevelItem(0)
    assert lot.childCount() == 2 and lot.child(0).child(0).text(0) == "陈建华"
    path = page.export(tmp_path / "trace.xlsx")
    rows = (
        CalamineWorkbook.from_path(str(path))
        .get_sheet_by_name(CalamineWorkbook.from_path(str(path)).sheet_names[0])
        .to_python()
    )
    assert len(rows) == 3
    page.open_with(("lot", "nope"))
    assert page.result is None and "nope" in page.summary.text()


def test_report_dialog_preview_and_export_as_task(qtbot, ctx, master, tmp_path):
    dialog = ReportDialog(ctx, "buyer")
    qtbot.addWidget(dialog)
    dialog.ask_to_open = False
    dialog.select_subject(master["buyers"][0].id)
    dialog.set_period("2026-01-01", "2026-01-31")
    assert dialog.show_preview(0)
    assert dialog.preview.pixmap().width() > 300 and dialog.page_count >= 1
    dialog.format.setCurrentIndex(dialog.format.findData("xlsx"))
    target = tmp_path / "chen.xlsx"
    with qtbot.waitSignal(dialog.exported, timeout=20_000) as blocker:
        handle = dialog.export(target)
        assert handle is not None
    assert blocker.args[0] == [target]
    lines = CalamineWorkbook.from_path(str(target)).get_sheet_by_name("发货明细").to_python()
    assert round(lines[-1][10] * 100) == CHEN_SHIPPED_FEN
    assert ctx.settings.last_folder == str(tmp_path)
    qtbot.waitUntil(lambda: dialog.export_button.isEnabled(), timeout=5000)


def test_report_dialog_all_buyers_into_a_folder(qtbot, ctx, tmp_path):
    dialog = ReportDialog(ctx, "buyer")
    qtbot.addWidget(dialog)
    dialog.ask_to_open = False
    dialog.select_subject(ALL_BUYERS)
    dialog.set_period("2026-01-01", "2026-01-31")
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    with qtbot.waitSignal(dialog.exported, timeout=20_000) as blocker:
        dialog.export(tmp_path)
    assert len(blocker.args[0]) == 2


def test_park_summary_dialog(qtbot, ctx, tmp_path):
    dialog = ReportDialog(ctx, "summary")
    qtbot.addWidget(dialog)
    dialog.ask_to_open = False
    dialog.year.setValue(2026)
    dialog.month.setValue(1)
    assert dialog.choices()["period"] == "2026-01"
    assert dialog.show_preview(0)
    with qtbot.waitSignal(dialog.exported, timeout=20_000):
        dialog.export(tmp_path / "sum.pdf")
    assert (tmp_path / "sum.pdf").stat().st_size > 0
