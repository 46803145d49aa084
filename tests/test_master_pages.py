"""The master-data pages on a real database: keyboard-only entry through the forms, validation beside
the fields while typing, editing, undo/redo restoring exactly, delete with references offering
archive, search (aliases, Traditional characters), filters, sorting, and every model's health."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QInputMethodEvent, QUndoStack
from PySide6.QtWidgets import QAbstractButton, QApplication, QGroupBox, QLabel, QMessageBox

from app.context import AppContext
from app.i18n import Translations
from app.settings import Settings
from app.tasks import TaskRunner
from app.views.dialogs.welcome import WelcomeDialog
from app.views.forms.fields import NameEdit, ValidatedLineEdit
from app.views.forms.harvest_form import HarvestForm
from app.views.forms.shipment_form import ShipmentForm
from app.views.pages.master_pages import (
    BuyersPage,
    CropsPage,
    MarketsPage,
    OperatorsPage,
    parse_months,
)
from app.views.pages.payments_page import PaymentsPage
from db.records import Market, Payment


@pytest.fixture
def translations(qapp):
    t = Translations(qapp)
    t.set_language("en")
    yield t
    t.uninstall()


@pytest.fixture
def ctx(master, store, db_path, translations):
    c = AppContext(
        store=store,
        db_path=db_path,
        undo_stack=QUndoStack(),
        tasks=TaskRunner(db_path, user="tester"),
        language="en",
        settings=Settings(),
    )
    yield c
    c.tasks.wait()


@pytest.fixture
def make_page(qtbot, ctx):
    made = []

    def make(cls):
        page = cls(ctx)
        qtbot.addWidget(page)
        page.resize(1100, 700)
        page.show()
        made.append(page)
        return page

    yield make
    for page in made:
        for browser in page.browsers:
            if browser.dialog is not None:
                browser.dialog.close()
        page.close()
        page.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def type_text(qtbot, widget, text: str) -> None:
    """Type as a clerk would: ASCII as key presses, Chinese committed by the input method."""
    for part in _runs(text):
        if part.isascii():
            qtbot.keyClicks(widget, part)
        else:
            event = QInputMethodEvent()
            event.setCommitString(part)
            QApplication.sendEvent(widget, event)


def _runs(text: str) -> list[str]:
    runs: list[str] = []
    for ch in text:
        if runs and runs[-1][-1].isascii() == ch.isascii():
            runs[-1] += ch
        else:
            runs.append(ch)
    return runs


def focused():
    return QApplication.focusWidget()


def activate(qtbot, dialog) -> None:
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)


def answer(monkeypatch, button, seen: list | None = None) -> None:
    def question(parent, title, text, *args, **kwargs):
        if seen is not None:
            seen.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))


def rows(browser) -> list[str]:
    return [browser.proxy.index(r, 0).data() for r in range(browser.proxy.rowCount())]


# ---- every model


@pytest.mark.parametrize("cls", [OperatorsPage, BuyersPage, MarketsPage, CropsPage, PaymentsPage])
def test_models_pass_qtmodeltester(qtmodeltester, make_page, cls):
    page = make_page(cls)
    for browser in page.browsers:
        qtmodeltester.check(browser.model)
        qtmodeltester.check(browser.proxy)
    if isinstance(page, PaymentsPage):
        qtmodeltester.check(page.balances)


# ---- operators & plots


def test_operator_added_by_keyboard_alone(qtbot, make_page, ctx):
    page = make_page(OperatorsPage)
    page.operators.table.setFocus()
    page.new_record()
    dialog = page.operators.dialog
    activate(qtbot, dialog)
    assert focused() is dialog.form.fields["name"]
    type_text(qtbot, focused(), "潼南区丰沃蔬菜专业合作社")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    type_text(qtbot, focused(), "丰沃")  # short name
    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # Enter moves on, like Tab
    assert focused() is dialog.form.fields["name_en"]
    type_text(qtbot, focused(), " Tongnan Fengwo Vegetable Cooperative ")  # English name
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    type_text(qtbot, focused(), "丰沃社、豐沃")  # also called
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is dialog.form.fields["kind"]
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClick(focused(), Qt.Key.Key_Down)  # side: 潼南
    for _ in range(5):  # town, credit code, contact, phone → area
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is dialog.form.fields["area"]
    type_text(qtbot, focused(), "１１００亩")
    qtbot.keyClick(dialog.form.fields["area"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    saved = [o for o in ctx.store.operators.list() if o.name == "潼南区丰沃蔬菜专业合作社"]
    assert len(saved) == 1
    op = saved[0]
    assert (op.short_name, op.side, op.kind, op.area_mu_x100) == ("丰沃", "tongnan", "coop", 110_000)
    assert op.aliases == ("丰沃社", "豐沃")
    assert op.name_en == "Tongnan Fengwo Vegetable Cooperative"
    assert page.operators.current_record().id == op.id


def test_validation_shown_beside_the_field_while_typing(qtbot, make_page, ctx):
    page = make_page(OperatorsPage)
    dialog = page.operators.open_form(None, None)
    area = dialog.form.fields["area"]
    message = dialog.form.messages["area"]
    type_text(qtbot, area, "12.345")
    assert message.kind == "error" and "0.01 亩" in message.text()
    assert dialog.isVisible()
    qtbot.keyClick(area, Qt.Key.Key_Backspace)
    assert message.kind == "info" and message.text().startswith("= 12.34 亩")
    phone = dialog.form.fields["phone"]
    type_text(qtbot, phone, "138abc")
    assert dialog.form.messages["phone"].kind == "error"
    credit = dialog.form.fields["credit_code"]
    type_text(qtbot, credit, "93510903MA0000000X")
    assert dialog.form.messages["credit_code"].kind == "warning"  # check digit: a warning, not a block
    # Save with a required field empty: the message appears beside it, nothing is written.
    count = ctx.store.operators.count()
    phone.clear()
    assert not dialog.try_save()
    assert dialog.form.messages["name"].text() == "Required"
    assert ctx.store.operators.count() == count


def test_duplicate_name_reported_beside_the_field(qtbot, make_page, ctx):
    page = make_page(MarketsPage)
    dialog = page.browser.open_form(None, None)
    dialog.form.fields["name"].setText("重庆双福国际农贸城")
    assert not dialog.try_save()
    assert dialog.form.messages["name"].text() == "Already used by another record"
    assert dialog.isVisible()
    assert ctx.store.markets.count() == 2


def test_edit_then_undo_restores_exactly(qtbot, make_page, ctx, master):
    page = make_page(OperatorsPage)
    original = ctx.store.operators.get(master["operators"][0].id)
    page.operators.select_ids([original.id])
    page.edit_current()
    dialog = page.operators.dialog
    name = dialog.form.fields["name"]
    name.selectAll()
    type_text(qtbot, name, "涪江湾蔬菜合作社")
    dialog.form.fields["phone"].setText("138****0001")
    assert dialog.try_save()
    edited = ctx.store.operators.get(original.id)
    assert edited.name == "涪江湾蔬菜合作社" and edited.phone == "138****0001"
    assert edited.aliases == original.aliases
    assert "涪江湾蔬菜合作社" in rows(page.operators)
    ctx.undo_stack.undo()
    assert ctx.store.operators.get(original.id) == original
    assert "涪江湾合作社" in rows(page.operators)
    ctx.undo_stack.redo()
    assert ctx.store.operators.get(original.id) == edited


def test_delete_referenced_operator_offers_archive(qtbot, make_page, ctx, master, monkeypatch):
    page = make_page(OperatorsPage)
    op = master["operators"][0]
    page.operators.select_ids([op.id])
    page.operators.table.setFocus()
    seen: list[str] = []
    answer(monkeypatch, QMessageBox.StandardButton.Yes, seen)
    page.delete_selected()
    assert "plots: 1" in seen[0]
    assert "Archive them instead?" in seen[0]
    assert ctx.store.operators.get(op.id).archived
    assert "涪江湾合作社" not in rows(page.operators)  # archived rows are hidden …
    page.operators.show_archived.setChecked(True)
    assert "涪江湾合作社" in rows(page.operators)  # … until asked for
    ctx.undo_stack.undo()
    assert not ctx.store.operators.get(op.id).archived


def test_delete_referenced_operator_cancelled_changes_nothing(qtbot, make_page, ctx, master, monkeypatch):
    page = make_page(OperatorsPage)
    op = master["operators"][0]
    page.operators.select_ids([op.id])
    answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    page.operators.delete_selected()
    assert ctx.store.operators.get(op.id) == op
    assert ctx.undo_stack.count() == 0


def test_plots_follow_the_chosen_operator_and_can_be_added(qtbot, make_page, ctx, master):
    page = make_page(OperatorsPage)
    second = master["operators"][1]
    page.operators.select_ids([second.id])
    assert rows(page.plots) == ["河边地"]
    assert page.plots_label.text() == f"Plots of {second.name}"
    activate(qtbot, page)
    page.plots.table.setFocus()
    page.new_record()  # the focus is in the plots table: a new plot
    dialog = page.plots.dialog
    assert dialog is not None
    type_text(qtbot, dialog.form.fields["name"], "二号地")
    dialog.form.fields["area"].setText("30.5")
    assert dialog.try_save()
    plots = ctx.store.plots.for_operator(second.id)
    assert sorted(p.name for p in plots) == ["二号地", "河边地"]
    assert next(p for p in plots if p.name == "二号地").area_mu_x100 == 3050
    assert sorted(rows(page.plots)) == ["二号地", "河边地"]
    ctx.undo_stack.undo()
    assert [p.name for p in ctx.store.plots.for_operator(second.id)] == ["河边地"]


def test_search_matches_aliases_and_traditional_characters(qtbot, make_page):
    page = make_page(OperatorsPage)
    browser = page.operators
    browser.focus_search()
    type_text(qtbot, browser.search, "涪江湾")
    assert rows(browser) == ["涪江湾合作社"]
    browser.search.clear()
    crops = make_page(CropsPage)
    type_text(qtbot, crops.browser.search, "萵筍")  # Traditional for 莴笋
    assert rows(crops.browser) == ["莴笋"]
    crops.browser.search.setText("青笋")  # an alias
    assert rows(crops.browser) == ["莴笋"]
    assert crops.browser.count_label.text() == "1 of 2"


def test_column_filter_and_sorting(qtbot, make_page):
    page = make_page(OperatorsPage)
    browser = page.operators
    browser.set_filter("kind", "family_farm")
    assert rows(browser) == ["青禾家庭农场"]
    browser.set_filter("kind", None)
    assert len(rows(browser)) == 2
    area = browser.column_index("area")
    browser.table.sortByColumn(area, Qt.SortOrder.DescendingOrder)
    assert rows(browser) == ["涪江湾合作社", "青禾家庭农场"]
    browser.table.sortByColumn(area, Qt.SortOrder.AscendingOrder)
    assert rows(browser) == ["青禾家庭农场", "涪江湾合作社"]


# ---- buyers, markets, crops


def test_buyer_form_accepts_market_alias_and_plates(qtbot, make_page, ctx, master):
    page = make_page(BuyersPage)
    page.new_record()
    dialog = page.browser.dialog
    form = dialog.form
    type_text(qtbot, form.fields["name"], "刘小勇")
    market = form.fields["default_market"]
    assert isinstance(market, NameEdit)
    type_text(qtbot, market, "雙福")  # Traditional spelling of the alias 双福
    assert market.value == master["markets"][0].id
    assert form.messages["default_market"].text() == "→ 重庆双福国际农贸城"
    plates = form.fields["plates"]
    type_text(qtbot, plates, "渝c 12345, 川JA1234")
    assert plates.value == ("渝C12345", "川JA1234")
    assert not dialog.try_save()  # 渝C12345 is 陈建华's truck
    assert form.messages["plates"].text() == "Already used by another record"
    type_text(qtbot, plates, "x")
    assert form.messages["plates"].kind == "error"
    plates.setText("渝D·54321，川ja1234")
    assert plates.value == ("渝D54321", "川JA1234")
    form.fields["kind"].set_code("broker")
    assert dialog.try_save()
    buyer = next(b for b in ctx.store.buyers.list() if b.name == "刘小勇")
    assert (buyer.kind, buyer.default_market_id, buyer.plates) == (
        "broker",
        master["markets"][0].id,
        plates.value,
    )


def _alt_letters(dialog) -> list[str]:
    """The Alt+letter of every label with a buddy, button and group box title in a dialog."""
    texts = [w.text() for w in dialog.findChildren(QLabel) if w.buddy() is not None]
    texts += [w.text() for w in dialog.findChildren(QAbstractButton)]
    texts += [w.title() for w in dialog.findChildren(QGroupBox)]
    return [letter.upper() for text in texts for letter in re.findall(r"&(\w)", text.replace("&&", ""))]


def _assert_own_alt_letters(dialog) -> None:
    labels = [
        w
        for w in dialog.findChildren(QLabel)
        if w.buddy() is not None and w.buddy().focusPolicy() & Qt.FocusPolicy.TabFocus
    ]
    assert labels and all(re.search(r"&\w", label.text()) for label in labels), [w.text() for w in labels]
    letters = _alt_letters(dialog)
    assert len(letters) == len(set(letters)), (dialog.windowTitle(), letters)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_field_of_every_form_has_its_own_alt_letter(
    qtbot, make_page, ctx, master, translations, language
):
    translations.set_language(language)
    QCoreApplication.sendPostedEvents()
    operators = make_page(OperatorsPage)
    _assert_own_alt_letters(operators.operators.open_form(None, None))
    operators.plots.set_operator(master["operators"][0])
    _assert_own_alt_letters(operators.plots.open_form(None, None))
    for page_class in (BuyersPage, MarketsPage, CropsPage):
        _assert_own_alt_letters(make_page(page_class).browser.open_form(None, None))
    _assert_own_alt_letters(make_page(PaymentsPage).payments.open_form(None, None))
    harvest, shipment, welcome = HarvestForm(ctx), ShipmentForm(ctx), WelcomeDialog(ctx)
    for dialog in (harvest, shipment, welcome):
        qtbot.addWidget(dialog)
    _assert_own_alt_letters(harvest)
    _assert_own_alt_letters(shipment)
    assert len(set(_alt_letters(welcome))) == 3  # the three ways to start
    # Chinese programs write the letter after the text: 日期(&D)
    date_label = next(w for w in harvest.findChildren(QLabel) if w.buddy() is harvest.date)
    assert date_label.text() == {"en": "&Date *", "zh_CN": "日期(&D) *"}[language]


def test_name_edit_offers_candidates_containing_the_text(qtbot, master):
    edit = NameEdit([(m.id, m.name, m.aliases) for m in master["markets"]])
    qtbot.addWidget(edit)
    assert [c[1] for c in edit.candidates("盘")] == ["重庆盘溪农产品批发市场"]
    assert edit.candidates("双福")[0][1] == "重庆双福国际农贸城"
    edit.setText("不存在")
    edit.show_message()
    assert not edit.is_valid() and edit.message.kind == "error"


def test_duplicate_buyer_starts_from_a_copy(qtbot, make_page, ctx, master):
    page = make_page(BuyersPage)
    page.browser.select_ids([master["buyers"][0].id])
    page.duplicate_current()
    form = page.browser.dialog.form
    assert form.fields["name"].text() == "陈建华 (copy)"
    assert form.fields["plates"].text() == ""  # a plate belongs to one buyer only
    form.fields["name"].setText("陈建军")
    assert page.browser.dialog.try_save()
    copy = next(b for b in ctx.store.buyers.list() if b.name == "陈建军")
    assert copy.default_market_id == master["buyers"][0].default_market_id
    assert copy.id != master["buyers"][0].id


def test_delete_unreferenced_market_and_undo_restores_it(qtbot, make_page, ctx, monkeypatch):
    market = ctx.store.markets.add(
        Market(name="遂宁纵横农产品批发市场", district="船山区", city="遂宁", aliases=("纵横",))
    )
    page = make_page(MarketsPage)
    page.browser.select_ids([market.id])
    seen: list[str] = []
    answer(monkeypatch, QMessageBox.StandardButton.Yes, seen)
    page.delete_selected()
    assert "Delete 1 record?" in seen[0]
    assert ctx.store.markets.find(market.id) is None
    assert "遂宁纵横农产品批发市场" not in rows(page.browser)
    ctx.undo_stack.undo()
    assert ctx.store.markets.get(market.id) == market
    assert "遂宁纵横农产品批发市场" in rows(page.browser)
    ctx.undo_stack.redo()
    assert ctx.store.markets.find(market.id) is None


def test_market_in_use_by_a_buyer_is_archived_not_deleted(qtbot, make_page, ctx, master, monkeypatch):
    page = make_page(MarketsPage)
    page.browser.select_ids([master["markets"][0].id])
    seen: list[str] = []
    answer(monkeypatch, QMessageBox.StandardButton.Yes, seen)
    page.delete_selected()
    assert "buyers: 1" in seen[0]
    assert ctx.store.markets.get(master["markets"][0].id).archived


def test_archive_and_restore_toggle(qtbot, make_page, ctx, master):
    page = make_page(CropsPage)
    crop = master["crops"][1]
    page.browser.select_ids([crop.id])
    page.archive_selected()
    assert ctx.store.crops.get(crop.id).archived
    page.browser.show_archived.setChecked(True)
    page.browser.select_ids([crop.id])
    page.archive_selected()
    assert not ctx.store.crops.get(crop.id).archived
    assert ctx.undo_stack.count() == 2


def test_crop_prices_checked_across_fields(qtbot, make_page, ctx):
    page = make_page(CropsPage)
    page.new_record()
    form = page.browser.dialog.form
    form.fields["name"].setText("豇豆")
    form.fields["season"].setText("5-10")
    assert form.fields["season"].value == "5,6,7,8,9,10"
    form.fields["price_low"].setText("一块二一斤")
    assert form.fields["price_low"].value == 24_000
    form.fields["price_high"].setText("2")
    assert not page.browser.dialog.try_save()
    assert form.messages["price_high"].kind == "error"
    assert ctx.store.crops.count() == 2
    form.fields["price_high"].setText("10")
    assert page.browser.dialog.try_save()
    crop = next(c for c in ctx.store.crops.list() if c.name == "豇豆")
    assert (crop.price_low, crop.price_high, crop.season_months) == (24_000, 100_000, "5,6,7,8,9,10")


def test_parse_months_wraps_the_year():
    assert parse_months("11-3").value == "11,12,1,2,3"
    assert parse_months("4月～6月、9").value == "4,5,6,9"
    assert parse_months("4-6、9").value == "4,5,6,9"
    assert parse_months("13").error


# ---- payments


def test_payment_entered_by_keyboard_with_exact_amount(qtbot, make_page, ctx, master):
    page = make_page(PaymentsPage)
    page.new_record()
    dialog = page.payments.dialog
    activate(qtbot, dialog)
    date = focused()
    assert date is dialog.form.fields["date"]
    date.selectAll()
    type_text(qtbot, date, "2026年1月5号")
    assert date.value == "2026-01-05"
    qtbot.keyClick(date, Qt.Key.Key_Tab)
    type_text(qtbot, focused(), "陈建华")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is dialog.form.fields["amount"]
    type_text(qtbot, focused(), "１２，５００.５")
    assert dialog.form.messages["amount"].text() == "= ¥12,500.50"
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClick(focused(), Qt.Key.Key_Down)  # method: after 'transfer' comes … (order of the codes)
    qtbot.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    payments = ctx.store.payments.list()
    assert len(payments) == 1
    payment = payments[0]
    assert (payment.pay_date, payment.buyer_id, payment.amount_fen) == (
        "2026-01-05",
        master["buyers"][0].id,
        1_250_050,
    )
    balance = next(
        page.balances.record_at(r)
        for r in range(page.balances.rowCount())
        if page.balances.record_at(r).buyer_id == payment.buyer_id
    )
    assert balance.paid_fen == 1_250_050
    # The next payment starts from what was entered last.
    page.new_record()
    form = page.payments.dialog.form
    assert form.fields["date"].value == "2026-01-05"
    assert form.fields["buyer"].value == master["buyers"][0].id
    assert form.fields["method"].code() == payment.method
    page.payments.dialog.reject()


def test_payment_amount_rejects_fractions_of_a_fen(qtbot, make_page, ctx):
    page = make_page(PaymentsPage)
    page.new_record()
    form = page.payments.dialog.form
    form.fields["buyer"].setText("周德明")
    form.fields["amount"].setText("100.005")
    assert not page.payments.dialog.try_save()
    assert form.messages["amount"].kind == "error"
    assert ctx.store.payments.count() == 0


def test_payments_filter_by_buyer_and_dates_and_summary(qtbot, make_page, ctx, master):
    a, b = master["buyers"]
    for buyer, day, fen in ((a, "2026-01-05", 100_00), (a, "2026-02-01", 250_00), (b, "2026-01-20", 999_99)):
        ctx.store.payments.add(Payment(buyer_id=buyer.id, pay_date=day, amount_fen=fen, method="cash"))
    page = make_page(PaymentsPage)
    browser = page.payments
    assert rows(browser) == ["2026-02-01", "2026-01-20", "2026-01-05"]  # newest first
    browser.set_filter("buyer", a.id)
    assert rows(browser) == ["2026-02-01", "2026-01-05"]
    browser.date_from.setText("2026-01-10")
    assert rows(browser) == ["2026-02-01"]
    browser.set_filter("buyer", None)
    browser.date_to.setText("2026.1.31")
    assert rows(browser) == ["2026-01-20"]
    browser.date_from.clear()
    browser.date_to.clear()
    summaries = []
    browser.selection_summary_changed.connect(summaries.append)
    browser.table.selectAll()
    assert summaries[-1] == "3 payments · sum ¥1,349.99 · mean ¥450.00"
    amount = browser.column_index("amount")
    browser.table.sortByColumn(amount, Qt.SortOrder.DescendingOrder)
    assert [browser.proxy.index(r, amount).data() for r in range(3)] == ["999.99", "250.00", "100.00"]


def test_buyer_with_payments_cannot_be_deleted(qtbot, make_page, ctx, master, monkeypatch):
    ctx.store.payments.add(Payment(buyer_id=master["buyers"][1].id, pay_date="2026-01-05", amount_fen=100))
    page = make_page(BuyersPage)
    page.browser.select_ids([master["buyers"][1].id])
    seen: list[str] = []
    answer(monkeypatch, QMessageBox.StandardButton.Cancel, seen)
    page.delete_selected()
    assert "payments: 1" in seen[0]
    assert ctx.store.buyers.find(master["buyers"][1].id) is not None


def test_pages_retranslate_live(qtbot, make_page, translations):
    page = make_page(PaymentsPage)
    translations.set_language("zh_CN")
    QCoreApplication.sendPostedEvents()
    assert page.title() == "收款"
    assert page.payments.model.headerData(2, Qt.Orientation.Horizontal) == "金额（元）"
    assert page.payments.show_archived.isHidden()  # payments are never archived
    assert page.balance_label.text().startswith("客商余额")
    translations.set_language("en")
    QCoreApplication.sendPostedEvents()
    assert page.payments.model.headerData(2, Qt.Orientation.Horizontal) == "Amount (yuan)"


def test_validated_edit_translates_db_messages(qtbot, translations):
    from app.views.forms.fields import WeightEdit

    edit = WeightEdit("kg")
    qtbot.addWidget(edit)
    edit.setText("abc")
    edit.show_message()
    assert isinstance(edit, ValidatedLineEdit) and edit.message.kind == "error"
    translations.set_language("zh_CN")
    QCoreApplication.sendPostedEvents()
    # db's own message when it is translated, else the field's hint; never the English text.
    assert "not a weight" not in edit.message.text()
    assert "重量" in edit.message.text()
    translations.set_language("en")


def test_payments_page_fits_dates_and_balances_without_scrolling_sideways(qtbot, make_page, ctx, master):
    for buyer in master["buyers"]:
        ctx.store.payments.add(Payment(buyer.id, "2026-01-08", 123_456_789_00))
    page = make_page(PaymentsPage)
    page.resize(1220, 780)  # the page inside a 1400 × 860 window
    page.refresh_balances()
    qtbot.waitUntil(lambda: page.width() == 1220)
    for edit in (page.payments.date_from, page.payments.date_to):
        assert edit.width() >= edit.fontMetrics().horizontalAdvance(edit.placeholderText()) + 16
    view = page.balance_view
    qtbot.waitUntil(lambda: view.viewport().width() > 300)
    qtbot.waitUntil(lambda: not view.horizontalScrollBar().isVisible())
    header = view.horizontalHeader()
    for column in range(1, view.model().columnCount()):  # amounts and dates in full
        assert header.sectionSize(column) >= view.sizeHintForColumn(column)


@pytest.mark.parametrize("page_class", [OperatorsPage, PaymentsPage])
def test_a_moved_splitter_is_remembered(qtbot, make_page, ctx, page_class):
    """Moving the split between the two panes saves it, and the next page opens with it."""
    page = make_page(page_class)
    page.resize(1200, 800)
    page.show()
    qtbot.waitExposed(page)
    sizes = page.splitter.sizes()
    page.splitter.moveSplitter(sizes[0] - 120, 1)  # as a drag does: emits splitterMoved
    moved = page.splitter.sizes()
    assert moved != sizes and not ctx.settings.splitter_state(page.key).isEmpty()
    again = make_page(page_class)
    again.resize(1200, 800)
    again.show()
    qtbot.waitExposed(again)
    assert again.splitter.sizes() == moved


def test_crop_pack_weights_typed_validated_shown_and_undone(qtbot, make_page, ctx, master):
    page = make_page(CropsPage)
    original = ctx.store.crops.get(master["crops"][0].id)  # 白萝卜: no pack weight yet
    page.browser.select_ids([original.id])
    page.edit_current()
    dialog = page.browser.dialog
    bag, bundle = dialog.form.fields["bag_g"], dialog.form.fields["bundle_g"]
    type_text(qtbot, bag, "250")
    assert not bag.is_valid() and "above 100 kg" in dialog.form.messages["bag_g"].text()
    assert not dialog.try_save()
    assert ctx.store.crops.get(original.id) == original
    bag.setText("")
    type_text(qtbot, bag, "50斤")
    assert bag.value == 25_000 and "25 kg" in dialog.form.messages["bag_g"].text()
    bundle.setText("7.5")
    assert dialog.try_save()
    edited = ctx.store.crops.get(original.id)
    assert (edited.bag_g, edited.basket_g, edited.bundle_g) == (25_000, None, 7_500)
    model = page.browser.table.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    row = rows(page.browser).index("白萝卜")
    shown = {h: model.index(row, c).data() for c, h in enumerate(headers)}
    assert (shown["Bag (kg)"], shown["Crate (kg)"], shown["Bundle (kg)"]) == ("25", "", "7.5")
    ctx.undo_stack.undo()
    assert ctx.store.crops.get(original.id) == original
    ctx.undo_stack.redo()
    assert ctx.store.crops.get(original.id) == edited
