"""The Payments page: payments received, with every buyer's balance (shipped minus paid) beside them."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QHeaderView, QTableView, QVBoxLayout, QWidget

from app.context import AppContext
from app.models.record_table import Column, RecordTableModel
from app.views.forms.fields import ChoiceCombo, DateEdit, MoneyEdit, NameEdit, TextEdit
from app.views.forms.record_form import RecordForm
from app.views.pages.master_pages import label as _label
from app.views.pages.master_pages import two_panes
from app.views.pages.record_page import RecordBrowser, RecordPage
from db import units
from db.records import Payment, Record
from db.repositories import Repository

# Rows a column's width is measured on (Qt measures 1,000 by default): payments are dates, names,
# amounts and short codes, alike from row to row; measuring 4,658 rows of a ten-year park took 0.5 s
# of the page's build.
WIDTH_SAMPLE_ROWS = 200


class PaymentBrowser(RecordBrowser):
    key = "payments"
    date_filter_column = "date"
    default_sort = ("date", Qt.SortOrder.DescendingOrder)

    def refresh(self, select_ids: Sequence[int] | None = None) -> None:
        # Set here: the base class's constructor refreshes (and sizes the columns) before ours runs.
        self.table.horizontalHeader().setResizeContentsPrecision(WIDTH_SAMPLE_ROWS)
        super().refresh(select_ids)

    def repository(self) -> Repository:
        return self.ctx.store.payments

    def search_placeholder(self) -> str:
        return QCoreApplication.translate("PaymentsPage", "Search buyer, reference, notes (Ctrl+F)…")

    def load(self) -> list[Record]:
        self._buyers = {b.id: b for b in self.ctx.store.buyers.list()}
        return super().load()

    def _buyer_name(self, buyer_id: int) -> str:
        buyer = getattr(self, "_buyers", {}).get(buyer_id)
        return buyer.name if buyer is not None else str(buyer_id)

    def make_columns(self) -> list[Column]:
        return [
            Column(
                "date",
                QT_TRANSLATE_NOOP("columns", "Date"),
                lambda r: r.pay_date,
                sort_key=lambda r: r.pay_date,
            ),
            Column(
                "buyer",
                QT_TRANSLATE_NOOP("columns", "Buyer"),
                lambda r: self._buyer_name(r.buyer_id),
                filter_value=lambda r: r.buyer_id,
            ),
            Column(
                "amount",
                QT_TRANSLATE_NOOP("columns", "Amount (yuan)"),
                lambda r: units.format_yuan(r.amount_fen),
                sort_key=lambda r: r.amount_fen,
                align_right=True,
            ),
            Column(
                "method",
                QT_TRANSLATE_NOOP("columns", "Method"),
                lambda r: _label(units.PAYMENT_METHODS, r.method),
                filter_value=lambda r: r.method,
            ),
            Column("reference", QT_TRANSLATE_NOOP("columns", "Reference"), lambda r: r.reference),
            Column("notes", QT_TRANSLATE_NOOP("columns", "Notes"), lambda r: r.notes),
        ]

    def search_extra(self, record: Record) -> str:
        return ""

    def kind_name(self) -> str:
        return QCoreApplication.translate("RecordBrowser", "payment")

    def name_of(self, record: Record) -> str:
        return (
            f"{record.pay_date} {self._buyer_name(record.buyer_id)} ¥{units.format_yuan(record.amount_fen)}"
        )

    def form_title(self, record: Record | None) -> str:
        if record is None:
            return QCoreApplication.translate("RecordBrowser", "New payment")
        return QCoreApplication.translate("RecordBrowser", "Edit payment")

    def duplicate_of(self, record: Record) -> Record:
        return record.replace(id=None)

    def summary_text(self, records: Sequence[Record]) -> str:
        if not records:
            return ""
        total = sum(r.amount_fen for r in records)
        n = len(records)
        mean = (Decimal(total) / len(records)).quantize(Decimal(1))
        return (
            QCoreApplication.translate("RecordBrowser", "%n payment(s)", "", n)
            + " · "
            + QCoreApplication.translate("RecordBrowser", "sum ¥%1 · mean ¥%2")
            .replace("%1", units.format_yuan(total))
            .replace("%2", units.format_yuan(int(mean)))
        )

    def build_form(self, record: Payment | None) -> RecordForm:
        settings = self.ctx.settings
        form = RecordForm()
        date = form.add_field("date", QT_TRANSLATE_NOOP("forms", "Date"), DateEdit())
        buyers = [
            (b.id, b.name, ())
            for b in self.ctx.store.buyers.list()
            if not b.archived or (record is not None and b.id == record.buyer_id)
        ]
        buyer = form.add_field("buyer", QT_TRANSLATE_NOOP("forms", "Buyer"), NameEdit(buyers))
        amount = form.add_field("amount", QT_TRANSLATE_NOOP("forms", "Amount (yuan)"), MoneyEdit())
        method = form.add_field(
            "method", QT_TRANSLATE_NOOP("forms", "Method"), ChoiceCombo(units.PAYMENT_METHODS)
        )
        reference = form.add_field("reference", QT_TRANSLATE_NOOP("forms", "Reference"), TextEdit())
        notes = form.add_field("notes", QT_TRANSLATE_NOOP("forms", "Notes"), TextEdit(max_length=1000))
        if record is None:
            date.set_value(settings.entry_default("date") or datetime.date.today().isoformat())
            last_buyer = settings.entry_default("buyer_id")
            if last_buyer.isdigit() and int(last_buyer) in {b[0] for b in buyers}:
                buyer.set_value(int(last_buyer))
            method.set_code(settings.entry_default("payment_method", "transfer"))
        else:
            date.set_value(record.pay_date)
            buyer.set_value(record.buyer_id)
            amount.set_value(record.amount_fen)
            method.set_code(record.method)
            reference.set_value(record.reference)
            notes.set_value(record.notes)
        return form

    def record_from_form(self, form: RecordForm, original: Record | None) -> Payment:
        values = dict(
            pay_date=form.value("date"),
            buyer_id=form.value("buyer"),
            amount_fen=form.value("amount"),
            method=form.value("method"),
            reference=form.value("reference") or "",
            notes=form.value("notes") or "",
        )
        if original is None:
            return Payment(**values)
        return original.replace(**values)

    def remember(self, record: Payment) -> None:
        settings = self.ctx.settings
        settings.set_entry_default("date", record.pay_date)
        settings.set_entry_default("buyer_id", record.buyer_id)
        settings.set_entry_default("payment_method", record.method)


def balance_text(balance) -> str:
    """A buyer's balance in words: 'owes 1,234.00' or 'prepaid 450.00', never a minus sign."""
    if balance.balance_fen < 0:
        text = QCoreApplication.translate("PaymentsPage", "prepaid %1")
        return text.replace("%1", units.format_yuan(-balance.balance_fen))
    if balance.balance_fen == 0:
        return units.format_yuan(0)
    return QCoreApplication.translate("PaymentsPage", "owes %1").replace(
        "%1", units.format_yuan(balance.balance_fen)
    )


def _balance_columns() -> list[Column]:
    return [
        Column("name", QT_TRANSLATE_NOOP("columns", "Buyer"), lambda b: b.name, tooltip=lambda b: b.name),
        Column(
            "balance",
            QT_TRANSLATE_NOOP("columns", "Balance (yuan)"),
            balance_text,
            sort_key=lambda b: b.balance_fen,
            align_right=True,
        ),
        Column(
            "shipped",
            QT_TRANSLATE_NOOP("columns", "Shipped (yuan)"),
            lambda b: units.format_yuan(b.shipped_fen),
            sort_key=lambda b: b.shipped_fen,
            align_right=True,
        ),
        Column(
            "paid",
            QT_TRANSLATE_NOOP("columns", "Paid (yuan)"),
            lambda b: units.format_yuan(b.paid_fen),
            sort_key=lambda b: b.paid_fen,
            align_right=True,
        ),
        Column("last_payment", QT_TRANSLATE_NOOP("columns", "Last payment"), lambda b: b.last_payment or ""),
    ]


class PaymentsPage(RecordPage):
    """Payments received, with every buyer's balance (shipped minus paid) beside them."""

    key = "payments"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.payments = self.add_browser(PaymentBrowser(ctx))
        self._fit_filters()
        self.balances = RecordTableModel(_balance_columns(), self, id_of=lambda b: b.buyer_id)
        self.balance_view = QTableView()
        self.balance_view.setModel(self.balances)
        self.balance_view.verticalHeader().hide()
        # The amounts and the date keep their width; the buyer's name takes (and elides in) the rest,
        # so the pane needs no horizontal scroll bar.
        header = self.balance_view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.balance_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.balance_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.balance_view.doubleClicked.connect(self._filter_to_buyer)
        self.balance_view.installEventFilter(self)
        self.splitter, self.balance_label = two_panes(
            ctx, "payments", Qt.Orientation.Horizontal, self.payments, self.balance_view, [690, 530]
        )
        QVBoxLayout(self).addWidget(self.splitter)
        self.payments.records_changed.connect(lambda *_: self.refresh_balances())
        self.refresh_balances()
        self.retranslate_ui()

    def _fit_filters(self) -> None:
        """Date edits wide enough for their placeholder; filter combos no wider than a short name
        (the list that drops down shows long names in full). Done before anything measures the
        layout (the splitter does), so every window computes the same minimum size."""
        for edit in (self.payments.date_from, self.payments.date_to):
            if edit is not None:
                needed = edit.fontMetrics().horizontalAdvance(edit.placeholderText() + "00") + 34
                edit.setMaximumWidth(max(edit.maximumWidth(), needed))
                edit.setMinimumWidth(needed)
        self.payments.search.setMinimumWidth(140)
        for combo in self.payments.filters.values():
            combo.setMaximumWidth(130)

    def _fit_filter_lists(self) -> None:
        for combo in self.payments.filters.values():
            combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)

    def refresh_balances(self) -> None:
        try:
            from db.queries import buyer_balances
        except ImportError:  # the queries module is optional for this page
            return
        self.balances.set_records(buyer_balances(self.ctx.store.db))
        self._fit_filter_lists()
        self._fit_balance_pane()

    def _fit_balance_pane(self) -> None:
        """A readable buyer name before anything else: when the pane is too narrow for the name
        (four characters) and every figure, the shipped and paid columns step aside (what is owed
        and the last payment stay); squeezed, the stretched name column had kept one character."""
        view = self.balance_view
        header = view.horizontalHeader()
        columns = [c.key for c in self.balances.columns]
        optional = [columns.index(k) for k in ("shipped", "paid") if k in columns]
        # The width each figure column takes when shown (ResizeToContents), remembered while hidden.
        known = self.__dict__.setdefault("_balance_widths", {})
        for c in range(1, len(columns)):
            if not header.isSectionHidden(c) and header.sectionSize(c) > 0:
                known[c] = header.sectionSize(c)
        widths = {
            c: known.get(c) or max(view.sizeHintForColumn(c), header.sectionSizeHint(c))
            for c in range(1, len(columns))
        }
        name = max(view.fontMetrics().horizontalAdvance("重庆鲜达…"), header.sectionSizeHint(0))
        essential = name + sum(w for c, w in widths.items() if c not in optional)
        frame = 2 * view.frameWidth() + view.verticalScrollBar().sizeHint().width() + 8
        view.setMinimumWidth(essential + frame)
        # Not the viewport's width: it changes as columns come and go, and the columns would flap.
        bar = view.verticalScrollBar()
        room = view.width() - 2 * view.frameWidth() - (bar.sizeHint().width() if bar.isVisible() else 0)
        show_all = essential + sum(widths[c] for c in optional) <= room
        for c in optional:
            header.setSectionHidden(c, not show_all)
        self.splitter.setCollapsible(1, False)

    def eventFilter(self, watched, event) -> bool:
        if watched is getattr(self, "balance_view", None) and event.type() == QEvent.Type.Resize:
            self._fit_balance_pane()
        return super().eventFilter(watched, event)

    def _filter_to_buyer(self, index) -> None:
        balance = self.balances.record_at(index.row())
        if balance is not None:
            self.payments.set_filter("buyer", balance.buyer_id)

    def refresh(self) -> None:
        super().refresh()
        self.refresh_balances()

    def title(self) -> str:
        return QCoreApplication.translate("PaymentsPage", "Payments")

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        if hasattr(self, "balance_label"):
            self._fit_balance_pane()  # the headers changed their width
            self.balance_label.setText(
                QCoreApplication.translate("PaymentsPage", "Buyer balances (double-click to filter)")
            )
            self.balances.texts_changed()
