"""The certificate register, trace page and report dialog, offscreen with real data."""

from __future__ import annotations

import subprocess

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from python_calamine import CalamineWorkbook

from app.context import AppContext
from app.settings import Settings
from app.tasks import TaskRunner
from app.views.dialogs.report_dialog import ALL_BUYERS, ReportDialog
from app.views.pages.certificates_page import CertificatesPage
from app.views.pages.trace_page import TracePage
from db.certification import certificates
from tests.documents_data import CHEN_SHIPPED_FEN, build_park


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def ctx(qapp, store, db_path, master, tmp_path):
    build_park(store, master)
    runner = TaskRunner(db_path, "tester")
    context = AppContext(store, db_path, QUndoStack(), runner, settings=Settings(tmp_path / "settings.ini"))
    yield context
    runner.cancel_all()
    runner.wait(5000)


def shown(qtbot, page):
    """Wait until the register shows the ids of the latest query (they are read in a task)."""
    qtbot.waitUntil(lambda: not page.model.pending, timeout=10_000)


def register_rows(page):
    return [page.model.record_row(r) for r in range(page.model.rowCount())]


def test_certificates_page_issue_void_reissue_and_pdf(qtbot, ctx, tmp_path):
    page = CertificatesPage(ctx)
    qtbot.addWidget(page)
    shown(qtbot, page)
    assert page.model.rowCount() == 0
    assert not page.pdf_button.isEnabled() and not page.void_button.isEnabled()
    issued = page.issue_for_ticket("B20260106-001")
    assert [c.cert_no for c in issued] == ["HGZ2026-000001"]
    shown(qtbot, page)
    assert page.selected_ids() == [issued[0].id]
    assert page.void_button.isEnabled()
    new = page.reissue_selected("重量写错", weight_g=8_000_000)
    assert new is not None and new.cert_no == "HGZ2026-000002"
    shown(qtbot, page)
    assert page.selected_ids() == [new.id]
    page.search.setText("")
    page.refresh()
    shown(qtbot, page)
    statuses = {r.cert_no: r.status for r in register_rows(page)}
    assert statuses == {"HGZ2026-000001": "void", "HGZ2026-000002": "valid"}
    assert "2" in page.count_label.text()
    page.search.setText("000001")
    page.refresh()
    shown(qtbot, page)
    assert [r.cert_no for r in register_rows(page)] == ["HGZ2026-000001"]
    assert "重量写错" in page.model.data(page.model.index(0, 8))
    assert page.model.data(page.model.index(0, 0), Qt.ItemDataRole.FontRole).strikeOut()
    page.select_ids([page.model.id_at(0)])
    assert page.selected_ids() == [page.model.id_at(0)]
    assert not page.void_button.isEnabled()  # already void
    assert page.pdf_button.isEnabled()
    with qtbot.waitSignal(ctx.tasks.task_started) as started:
        handle = page.save_pdf(tmp_path / "c.pdf")
    assert handle is started.args[0]
    with qtbot.waitSignal(handle.succeeded, timeout=20_000) as saved:
        pass
    assert saved.args[0] == tmp_path / "c.pdf"
    assert "HGZ2026-000001" in pdf_text(tmp_path / "c.pdf")
    assert ctx.settings.last_folder == str(tmp_path)


def test_certificate_register_search_sort_and_selection_kept(qtbot, ctx, monkeypatch):
    page = CertificatesPage(ctx)
    qtbot.addWidget(page)
    shown(qtbot, page)
    monkeypatch.setattr(certificates, "today", lambda: "2026-01-06")
    first = page.issue_for_ticket("B20260106-001")
    monkeypatch.setattr(certificates, "today", lambda: "2026-01-05")
    second = page.issue_for_ticket("B20260105-001")
    assert first and second
    page.open_with("")
    shown(qtbot, page)
    by_date = [r.cert_no for r in register_rows(page)]
    assert by_date == ["HGZ2026-000001", "HGZ2026-000002"]  # issued 2026-01-06, then 2026-01-05
    page.select_ids([second[0].id])
    page.table.sortByColumn(page.model.column_index("number"), Qt.SortOrder.DescendingOrder)
    shown(qtbot, page)
    assert [r.cert_no for r in register_rows(page)] == ["HGZ2026-000002", "HGZ2026-000001"]
    assert page.selected_ids() == [second[0].id]  # kept by id across the new order
    # A ticket finds the certificates of one truck; a buyer's name those of the buyer's trucks;
    # an operator's name (or part of it) those the operator issued.
    page.open_with("B20260105-001")
    shown(qtbot, page)
    assert [r.id for r in register_rows(page)] == [c.id for c in second]
    page.open_with("陈建华")
    shown(qtbot, page)
    assert page.model.rowCount() == 2
    page.open_with("遂潼鲜蔬")
    shown(qtbot, page)
    assert [r.id for r in register_rows(page)] == [c.id for c in first]
    page.open_with("zzz-nothing")
    shown(qtbot, page)
    assert page.model.rowCount() == 0 and not page.pdf_button.isEnabled()


def trace(qtbot, page, argument):
    """Trace as a person does from another page, and wait for the task's result to be shown."""
    with qtbot.waitSignal(page.traced, timeout=10_000):
        page.open_with(argument)


def test_trace_page_tree_and_export(qtbot, ctx, tmp_path):
    page = TracePage(ctx)
    qtbot.addWidget(page)
    trace(qtbot, page, ("ticket", "B20260105-001"))
    assert page.result is not None and len(page.result.rows) == 2
    truck = page.tree.topLevelItem(0)
    assert truck.text(0).startswith("B20260105-001")
    assert truck.childCount() == 2  # two lines
    assert truck.child(0).child(0).text(0).startswith("L20260105-0001")
    assert truck.isExpanded() and truck.child(0).isExpanded()  # a short chain shows whole
    trace(qtbot, page, ("lot", "L20260106-0001"))
    lot = page.tree.topLevelItem(0)
    assert lot.childCount() == 2 and lot.child(0).child(0).text(0) == "陈建华"
    with qtbot.waitSignal(page.exported, timeout=20_000) as written:
        assert page.export(tmp_path / "trace.xlsx") is not None
        assert not page.export_button.isEnabled()  # until the file is written
    path = written.args[0]
    assert path == tmp_path / "trace.xlsx"
    qtbot.waitUntil(page.export_button.isEnabled, timeout=5000)
    book = CalamineWorkbook.from_path(str(path))
    rows = book.get_sheet_by_name(book.sheet_names[0]).to_python()
    assert len(rows) == 3
    trace(qtbot, page, ("lot", "nope"))
    assert page.result is None and "nope" in page.summary.text()
    assert page.tree.topLevelItemCount() == 0 and not page.export_button.isEnabled()


def test_trace_of_many_links_expands_its_top_level_only(qtbot, ctx, monkeypatch):
    import app.views.pages.trace_page as trace_page

    monkeypatch.setattr(trace_page, "EXPAND_ALL_LIMIT", 1)
    page = TracePage(ctx)
    qtbot.addWidget(page)
    trace(qtbot, page, ("ticket", "B20260105-001"))
    truck = page.tree.topLevelItem(0)
    assert truck.isExpanded() and not truck.child(0).isExpanded()
    page.retranslate_ui()  # a language switch draws the result again
    assert page.tree.topLevelItemCount() == 1 and page.tree.topLevelItem(0).childCount() == 2
    assert "export" not in page.summary.text()


def test_trace_tree_shows_a_limited_number_of_links(qtbot, ctx, monkeypatch):
    import app.views.pages.trace_page as trace_page

    monkeypatch.setattr(trace_page, "TREE_LIMIT", 1)
    page = TracePage(ctx)
    qtbot.addWidget(page)
    trace(qtbot, page, ("ticket", "B20260105-001"))
    assert len(page.result.rows) == 2  # the result keeps every link for the export
    assert page.tree.topLevelItem(0).childCount() == 1
    assert "first 1 links" in page.summary.text() and "all 2" in page.summary.text()


def test_report_dialog_preview_and_export_as_task(qtbot, ctx, master, tmp_path):
    dialog = ReportDialog(ctx, "buyer")
    qtbot.addWidget(dialog)
    dialog.ask_to_open = False
    dialog.select_subject(master["buyers"][0].id)
    dialog.set_period("2026-01-01", "2026-01-31")
    with qtbot.waitSignal(dialog.preview_shown, timeout=20_000) as preview:
        assert dialog.show_preview(0) is not None
        assert not dialog.next_button.isEnabled()  # no page turns until the page is there
    assert preview.args == [0]
    assert dialog.preview.pixmap().width() > 300 and dialog.page_count >= 1
    assert dialog.message.text() == ""
    dialog.format.setCurrentIndex(dialog.format.findData("xlsx"))
    target = tmp_path / "chen.xlsx"
    with qtbot.waitSignal(dialog.exported, timeout=20_000) as blocker:
        handle = dialog.export(target)
        assert handle is not None
    assert blocker.args[0] == [target]
    lines = CalamineWorkbook.from_path(str(target)).get_sheet_by_name("发货明细").to_python()
    assert round(lines[-1][12] * 100) == CHEN_SHIPPED_FEN
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
    with qtbot.waitSignal(dialog.preview_shown, timeout=20_000):
        dialog.show_preview(0)
    assert dialog.page_count >= 1 and not dialog.preview.pixmap().isNull()
    with qtbot.waitSignal(dialog.exported, timeout=20_000):
        dialog.export(tmp_path / "sum.pdf")
    assert (tmp_path / "sum.pdf").stat().st_size > 0


def test_report_preview_turns_pages_and_a_newer_request_wins(qtbot, ctx, master, monkeypatch):
    import app.views.dialogs.report_dialog as report_dialog

    built = []
    real_document_for = report_dialog.document_for

    def counting_document_for(*args):
        built.append(args[1:])
        return real_document_for(*args)

    monkeypatch.setattr(report_dialog, "document_for", counting_document_for)
    dialog = ReportDialog(ctx, "buyer")
    qtbot.addWidget(dialog)
    dialog.select_subject(master["buyers"][0].id)
    dialog.set_period("2025-12-01", "2025-12-31")
    dialog.show_preview(0)  # replaced at once by the January preview below
    dialog.set_period("2026-01-01", "2026-01-31")
    with qtbot.waitSignal(dialog.preview_shown, timeout=20_000):
        dialog.show_preview(0)
    qtbot.waitUntil(lambda: dialog.preview_task is None, timeout=20_000)
    assert dialog._preview_key[3] == "2026-01-31"  # the newer request's report is shown
    january = len(built)
    with qtbot.waitSignal(dialog.preview_shown, timeout=20_000) as turned:
        dialog.show_preview(1)
    assert turned.args == [1] and dialog.page_count == 2 and dialog.preview_page == 1
    assert dialog.page_label.text() == "Page 2 of 2"
    assert len(built) == january  # turning a page reuses the report's content
    # A report that cannot be made says why in the dialog.
    dialog.subject.addItem("?", 999_999)
    dialog.select_subject(999_999)
    handle = dialog.show_preview(0)
    with qtbot.waitSignal(handle.ended, timeout=20_000):
        pass
    assert "999999" in dialog.message.text()


def test_certificates_print_as_a_task(qtbot, ctx, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from app.documents.certificate import page_layout

    page = CertificatesPage(ctx)
    qtbot.addWidget(page)
    shown(qtbot, page)
    issued = page.issue_for_ticket("B20260106-001")
    shown(qtbot, page)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setPageLayout(page_layout())
    messages: list[str] = []
    page.status_message.connect(messages.append)
    handle = page.print_to(printer, page.selected_ids())
    assert not page.print_button.isEnabled()  # one document at a time
    with qtbot.waitSignal(handle.ended, timeout=20_000):
        pass
    assert page.print_button.isEnabled()
    assert messages[-1] == "Sent 2 page(s) to the printer."  # the stub and the carried copy
    assert issued[0].cert_no in pdf_text(tmp_path / "printed.pdf")
