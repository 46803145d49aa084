"""Dead ends a clerk met: deleting a truck with certificates (and no traceback for a refusal)."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from app import commands
from app.context import AppContext
from app.i18n import Translations
from app.settings import Settings
from app.tasks import TaskRunner
from app.views.pages.shipments_page import ShipmentsPage
from db.records import Certificate, Shipment, ShipmentLine

T = 1_000_000


@pytest.fixture
def ctx(store, db_path, tmp_path):
    stack = QUndoStack()
    tasks = TaskRunner(db_path)
    yield AppContext(store, db_path, stack, tasks, settings=Settings(tmp_path / "s.ini"))
    stack.clear()
    tasks.cancel_all()
    tasks.wait()


@pytest.fixture
def trucks(store, master):
    op, crop, buyer = master["operators"][0], master["crops"][0], master["buyers"][0]
    out = []
    for ticket in ("B20260105-001", "B20260105-002"):
        line = ShipmentLine(op.id, crop.id, 2 * T, 12_000, grade="first")
        out.append(store.shipments.add(Shipment("2026-01-05", ticket, buyer.id, 5 * T, 3 * T, lines=(line,))))
    cert = store.certificates.add(
        Certificate(
            operator_id=op.id,
            crop_id=crop.id,
            weight_g=2 * T,
            issue_date="2026-01-05",
            origin="四川省遂宁市船山区老池镇涪江村",
            issuer_name=op.name,
            shipment_id=out[0].id,
        )
    )
    return out, cert


def _page(qtbot, ctx):
    page = ShipmentsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 500)
    with qtbot.waitSignal(page.model.refreshed, timeout=10_000):
        page.show()
    page.errors = []
    page.show_error = page.errors.append
    return page


def _select(page, ticket):
    row = next(
        r for r in range(page.model.rowCount()) if page.repo().get(page.model.id_at(r)).ticket_no == ticket
    )
    page.view.selectRow(row)


def test_deleting_a_truck_with_a_certificate_offers_voiding_it(qtbot, ctx, store, trucks, caplog):
    (truck, _other), cert = trucks
    page = _page(qtbot, ctx)
    _select(page, truck.ticket_no)
    questions = []

    # Declined: nothing changes.
    page.ask_void_and_delete = lambda q: questions.append(q) or False
    page.delete_selected()
    assert "Truck B20260105-001 has 1 certificate" in questions[0]
    assert "Void the certificates and delete 1 truck" in questions[0]
    assert store.shipments.get(truck.id).ticket_no == truck.ticket_no

    # Accepted: the certificate is voided, kept without its truck, and the truck is gone.
    page.ask_void_and_delete = lambda q: True
    with caplog.at_level(logging.DEBUG), qtbot.waitSignal(page.model.refreshed, timeout=10_000):
        page.delete_selected()
    kept = store.certificates.get(cert.id)
    assert (kept.status, kept.shipment_id) == ("void", None)
    assert kept.void_reason == "Truck B20260105-001 was deleted"
    assert [s.ticket_no for s in store.shipments.list()] == ["B20260105-002"]
    assert page.errors == [] and not [
        r for r in caplog.records if r.exc_info or "Traceback" in r.getMessage()
    ]

    # Undo brings both back as they were.
    ctx.undo_stack.undo()
    assert store.shipments.get(truck.id).ticket_no == truck.ticket_no
    back = store.certificates.get(cert.id)
    assert (back.status, back.shipment_id, back.void_reason) == ("valid", truck.id, "")


def test_a_refused_delete_reaches_the_page_not_the_error_handler(qtbot, ctx, store, trucks, monkeypatch):
    """A repository's expected refusal is the caller's to explain: no error dialog, no traceback."""
    (truck, _other), _cert = trucks
    seen = []
    monkeypatch.setattr(commands.RecordCommand, "error_handler", staticmethod(seen.append))
    from db.errors import ReferencedError

    with pytest.raises(ReferencedError):
        commands.push(ctx.undo_stack, commands.DeleteRecords(store.shipments, [truck.id]))
    assert seen == [] and ctx.undo_stack.count() == 0


def test_the_delete_questions_are_in_the_clerks_language(qtbot, ctx, store, trucks):
    (_truck, other), _cert = trucks
    translations = Translations(QApplication.instance())
    translations.set_language("zh_CN")
    try:
        page = _page(qtbot, ctx)
        _select(page, other.ticket_no)
        asked = []
        page.confirm = lambda q: asked.append(q) or False
        page.delete_selected()
        assert asked[0].splitlines()[0] == "删除 1 条记录？"
        _select(page, "B20260105-001")
        page.ask_void_and_delete = lambda q: asked.append(q) or False
        page.delete_selected()
        assert "作废" in asked[1] and "truck" not in asked[1].lower()
        assert (
            QCoreApplication.translate("ShipmentDelete", "Void certificates and delete")
            != "Void certificates and delete"
        )
    finally:
        translations.set_language("en")


def _form(qtbot, ctx):
    from app.views.forms.shipment_form import ShipmentForm

    form = ShipmentForm(ctx)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    return form


def test_the_shipment_forms_problem_summary_follows_the_fixes(qtbot, ctx, master):
    form = _form(qtbot, ctx)
    form.buyer.setText("")
    form.tare.setText("5000")  # a tare typed: the gross is required (both blank: not weighed here)
    form.gross.setText("")
    assert not form.save()
    before = form.error.text().splitlines()
    assert any(line.startswith("Buyer:") for line in before)
    assert any(line.startswith("Gross:") for line in before)
    form.buyer.setText("陈建华")
    after = form.error.text().splitlines()
    assert not any(line.startswith("Buyer:") for line in after) and any(
        line.startswith("Gross:") for line in after
    )
    form.gross.setText("9000")
    assert not any(line.startswith("Gross:") for line in form.error.text().splitlines())


def test_clear_filters_clears_the_date_filter_too(qtbot, ctx, store, trucks, master):
    buyer = master["buyers"][0]
    line = ShipmentLine(master["operators"][0].id, master["crops"][0].id, 2 * T, 12_000, grade="first")
    store.shipments.add(Shipment("2026-02-10", "B20260210-001", buyer.id, 5 * T, 3 * T, lines=(line,)))
    page = _page(qtbot, ctx)
    assert page.model.rowCount() == 3
    with qtbot.waitSignal(page.model.refreshed, timeout=10_000):
        page.date_from.setText("2026-02-01")
    assert page.model.rowCount() == 1
    with qtbot.waitSignal(page.model.refreshed, timeout=10_000):
        page.clear_filters()
    # The boxes, the filter in force and the table agree: no dates, every truck.
    assert (page.date_from.text(), page.date_to.text()) == ("", "")
    assert page.date_range() == (None, None)
    assert page.model.rowCount() == 3
    # A language switch re-reads nothing stale.
    translations = Translations(QApplication.instance())
    translations.set_language("zh_CN")
    try:
        QApplication.processEvents()
        assert page.date_range() == (None, None) and page.current_filter() == page.model.requested_filter
        assert page.model.rowCount() == 3
    finally:
        translations.set_language("en")


def test_chart_export_opens_in_the_last_folder_also_after_a_restart(
    qtbot, store, db_path, master, tmp_path, monkeypatch
):
    from app import save_dialog
    from app.views.pages.charts_page import ChartsPage

    settings_file = tmp_path / "s.ini"
    out = tmp_path / "exports"
    out.mkdir()
    asked = []

    def dialog(_parent, _title, suggested, _filters):
        asked.append(suggested)
        return str(out / f"chart{len(asked)}.png"), ""

    monkeypatch.setattr(save_dialog.QFileDialog, "getSaveFileName", staticmethod(dialog))
    for _start in range(2):  # the second time as after a restart: new settings object, same file
        ctx = AppContext(store, db_path, QUndoStack(), TaskRunner(db_path), settings=Settings(settings_file))
        page = ChartsPage(ctx)
        qtbot.addWidget(page)
        page.resize(900, 600)
        with qtbot.waitSignal(page.refreshed, timeout=10_000):
            page.show()
        page.export()
        ctx.settings.sync()
        ctx.tasks.wait()
    assert not asked[0].startswith(str(out))
    assert asked[1].startswith(str(out) + "/") and (out / "chart1.png").exists()


def test_a_new_lot_takes_the_last_used_grade_or_asks_never_premium(qtbot, ctx, store, master):
    from app.views.forms.harvest_form import HarvestForm
    from db.records import Harvest

    (fj, qh), (radish, celtuce) = master["operators"], master["crops"]

    def new_form():
        form = HarvestForm(ctx)
        qtbot.addWidget(form)
        return form

    # No lot yet: the grade is empty and must be chosen.
    form = new_form()
    form.operator.set_value(fj.id)
    form.crop.set_value(radish.id)
    form.weight.setText("500")
    assert form.grade.code() is None and form.grade.currentText() == "choose…"
    assert not form.save()
    assert "Grade: Required" in form.error.text().splitlines()
    assert store.harvests.count() == 0

    store.harvests.add(Harvest("2026-01-05", fj.id, radish.id, 1_000_000, grade="second"))
    store.harvests.add(Harvest("2026-01-06", qh.id, celtuce.id, 1_000_000, grade="first"))
    form = new_form()
    form.operator.set_value(fj.id)
    form.crop.set_value(radish.id)
    assert form.grade.code() == "second"  # this operator's last lot of this crop
    form.crop.set_value(celtuce.id)
    assert form.grade.code() == "second"  # the operator's last lot
    form.operator.set_value(qh.id)
    assert form.grade.code() == "first"
    # A grade the clerk picked stays when the operator or crop changes.
    form.grade.setCurrentIndex(form.grade.findData("ungraded"))
    form.grade.activated.emit(form.grade.currentIndex())
    form.operator.set_value(fj.id)
    assert form.grade.code() == "ungraded"


def test_dates_far_from_today_warn_in_the_forms(qtbot, ctx, store, master):
    import datetime

    from app.views.forms.harvest_form import HarvestForm
    from app.views.forms.shipment_form import ShipmentForm
    from db.date_window import DateWindow

    today = datetime.date(2026, 1, 10)
    for form in (HarvestForm(ctx), ShipmentForm(ctx)):
        qtbot.addWidget(form)
        form.date.set_window(ctx.settings.date_window(today))
        form.date.setText("2031-01-01")
        message = form.date.message
        assert message.kind == "warning"
        assert message.text() == "2031-01-01 is 1817 days ahead: check the year"
        assert form.date.value == "2031-01-01"  # a warning, not a refusal
        form.date.setText("1999-05-05")
        assert (
            message.kind == "warning" and message.text() == "1999-05-05 is over 2 years ago: check the year"
        )
        form.date.setText("2026-03-11")  # 60 days ahead: inside the window
        assert message.kind == "info"
        form.date.setText("2024-01-10")  # two years back to the day: inside
        assert message.kind == "info"
    # The window is a setting.
    ctx.settings.set_date_window(400, 30)
    assert ctx.settings.date_window(today) == DateWindow(400, 30, today)
    form = HarvestForm(ctx)
    qtbot.addWidget(form)
    form.date.set_window(ctx.settings.date_window(today))
    form.date.setText("1999-05-05")
    assert form.date.message.kind == "info"


def test_a_buyer_not_yet_known_is_created_from_the_shipment_form(qtbot, ctx, store, master):
    form = _form(qtbot, ctx)
    form.buyer.setText("王老五")
    form.plate.setText("渝D88888")
    assert form.buyer.value is None  # not a known buyer
    dialog = form.new_buyer()
    qtbot.addWidget(dialog)
    assert dialog.form.value("name") == "王老五"
    assert dialog.form.value("plates") == ("渝D88888",)
    with qtbot.waitSignal(dialog.saved):
        assert dialog.try_save()
    created = next(b for b in store.buyers.list() if b.name == "王老五")
    # Back on the shipment form with the new buyer chosen; one undo step took it.
    assert form.buyer.value == created.id and form.buyer.text() == "王老五"
    assert ctx.undo_stack.count() == 1
    assert form.new_buyer_button.text() == "New b&uyer…"


def test_an_empty_park_says_on_each_page_what_to_add_first(qtbot, ctx, store):
    from app.views.pages.dashboard_page import DashboardPage
    from app.views.pages.harvests_page import HarvestsPage
    from app.views.pages.master_pages import BuyersPage, CropsPage, MarketsPage, OperatorsPage
    from app.views.pages.payments_page import PaymentsPage
    from db.records import Crop, Operator

    def page_of(cls):
        page = cls(ctx)
        qtbot.addWidget(page)
        page.resize(1100, 600)
        page.show()
        return page

    # The dashboard of an empty park sends the clerk to the operators.
    dashboard = DashboardPage(ctx, today=__import__("datetime").date(2026, 1, 10))
    qtbot.addWidget(dashboard)
    with qtbot.waitSignal(dashboard.refreshed, timeout=10_000):
        dashboard.show()
    assert dashboard.empty_guide.isVisible()
    assert "no operators" in dashboard.empty_guide.text.text()
    with qtbot.waitSignal(dashboard.open_requested) as asked:
        dashboard.empty_guide.button.click()
    assert asked.args == ["operators", None]

    # Each master page offers its own first record; the button opens the form.
    for cls, words in (
        (OperatorsPage, "No operators yet"),
        (CropsPage, "No crops yet"),
        (BuyersPage, "No buyers yet"),
        (MarketsPage, "No markets yet"),
    ):
        page = page_of(cls)
        guide = page.browser.empty_guide
        assert guide.isVisible() and guide.text.text().startswith(words), cls
        guide.button.click()
        assert page.browser.dialog is not None and page.browser.dialog.isVisible()
        page.browser.dialog.reject()

    # Payments need a buyer first: the button goes to the buyers page.
    payments = page_of(PaymentsPage)
    with qtbot.waitSignal(payments.open_requested) as asked:
        payments.browser.empty_guide.button.click()
    assert asked.args == ["buyers", None]

    # Harvests need an operator and a crop; once they exist the page offers its first lot.
    harvests = HarvestsPage(ctx)
    qtbot.addWidget(harvests)
    with qtbot.waitSignal(harvests.model.refreshed, timeout=10_000):
        harvests.show()
    assert harvests.empty_guide.isVisible() and harvests.empty_guide.button.text() == "Go to operators"
    store.operators.add(Operator(name="涪江湾合作社", kind="coop"))
    store.crops.add(Crop(name="白萝卜"))
    with qtbot.waitSignal(harvests.model.refreshed, timeout=10_000):
        harvests.refresh()
    assert harvests.empty_guide.button.text() == "New harvest lot"
    # With an operator recorded, the operators page says nothing more.
    page = page_of(OperatorsPage)
    assert not page.browser.empty_guide.isVisible()


def test_alt_letter_in_an_open_cell_editor_is_not_typed_into_the_lines(qtbot, ctx, master):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    form = _form(qtbot, ctx)
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    grid = form.lines
    crop = grid.column_of("crop")
    grid.setCurrentCell(0, crop)
    grid.edit(grid.currentIndex())
    editor = QApplication.focusWidget()
    editor.setText("白萝卜")
    rows = grid.rowCount()
    QTest.keyClick(editor, Qt.Key.Key_X, Qt.KeyboardModifier.AltModifier)
    # The edit is kept, the editor closed, and no 'x' went into any cell.
    assert grid.state() != grid.State.EditingState
    assert grid.item(0, crop).text() == "白萝卜"
    assert grid.rowCount() == rows
    # Alt+letter on the grid itself starts no edit either.
    QTest.keyClick(grid, Qt.Key.Key_X, Qt.KeyboardModifier.AltModifier)
    assert grid.state() != grid.State.EditingState
    assert all(
        grid.item(r, c).text() != "x" for r in range(grid.rowCount()) for c in range(grid.columnCount())
    )
    # The Add line button (Alt+L) then adds an empty line, with nothing typed into it.
    form.add_line_button.click()
    assert grid.rowCount() == rows + 1
    assert all(grid.item(rows, c).text() == "" for c in range(grid.columnCount()))


def test_the_english_shipment_form_names_crops_and_operators_in_english(qtbot, ctx, store, master):
    """In the English interface the lines grid takes and shows the English names clerks read
    everywhere else; the Chinese names are still accepted, and an edited truck loads in English."""
    crop = next(c for c in master["crops"] if c.name_en)
    operator = store.operators.update(master["operators"][0].replace(name_en="Fujiang Bay Farm"))
    ctx.language = "en"
    form = _form(qtbot, ctx)
    form.lines.set_text(0, "crop", crop.name_en.upper())
    form.lines.set_text(0, "operator", operator.name)
    values = form.lines.row_values(0)
    assert values["crop"] == crop.id and values["operator"] == operator.id
    line = ShipmentLine(operator.id, crop.id, 2 * T, 12_000)
    truck = store.shipments.add(
        Shipment("2026-02-10", "B20260210-009", master["buyers"][0].id, 5 * T, 3 * T, lines=(line,))
    )
    from app.views.forms.shipment_form import ShipmentForm

    edit = ShipmentForm(ctx, truck)
    qtbot.addWidget(edit)
    assert edit.lines.text(0, "crop") == crop.name_en
    assert edit.lines.text(0, "operator") == "Fujiang Bay Farm"
    ctx.language = "zh_CN"
    chinese = ShipmentForm(ctx, truck)
    qtbot.addWidget(chinese)
    assert chinese.lines.text(0, "crop") == crop.name
