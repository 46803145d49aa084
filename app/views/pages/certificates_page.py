"""The certificate register: search, issue for a shipment, void and reissue (the voided one stays,
marked void), save as PDF and print through the system print dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.messages import tr_error
from app.models.certificate_model import REGISTER_STATE_LABELS, certificate_model, state_label
from app.save_dialog import ask_output
from app.tasks import TaskContext, TaskHandle
from app.views.dialogs.certificate_dialogs import IssueDialog, VerifyDialog
from app.views.page import Page
from app.views.pages.idlist_page import keep_headers_off_the_selection
from db.browse import BrowseFilter, CertificateRow
from db.certification import certificates, coverage
from db.certification.coverage import REGISTER_STATES
from db.errors import DomainError
from db.storage.outputs import Output


class CertificatesPage(Page):
    """承诺达标合格证 register and actions.

    The register grows by about 20,000 a year and is kept for years, so it is an id-list table
    (DESIGN.md convention 5): the search and sort run as a task that returns ids, rows are fetched
    in blocks as they are painted.
    """

    key = "certificates"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.state_filter = QComboBox()
        self.model = certificate_model(ctx.store.db, self, ctx.tasks)
        self.model.language = ctx.language
        self.table = QTableView()
        self.table.setModel(self.model)
        self.model.selection_model = self.table.selectionModel()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        # Fixed widths, not ResizeToContents: measuring contents would fetch rows nobody looks at.
        for i, column in enumerate(self.model.columns):
            self.table.setColumnWidth(i, column.width)
        keep_headers_off_the_selection(self.table)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSortIndicatorShown(True)
        vertical = self.table.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(24)
        vertical.setVisible(False)
        self.count_label = QLabel()
        # A tool bar (not a row of buttons) so a narrow window folds them into its extension menu.
        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.issue_button = self.toolbar.addAction("")
        self.void_button = self.toolbar.addAction("")
        self.reissue_button = self.toolbar.addAction("")
        self.verify_button = self.toolbar.addAction("")
        self.toolbar.addSeparator()
        self.pdf_button = self.toolbar.addAction("")
        self.print_button = self.toolbar.addAction("")
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.state_filter)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.table, 1)
        self._select_when_shown: list[int] | None = None  # ids to select once the next ids arrive
        self.pdf_task: TaskHandle | None = None
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self.apply_search)
        self.state_filter.currentIndexChanged.connect(lambda _i: self.apply_search())
        self.verify_button.triggered.connect(lambda: self.open_verify())
        self.issue_button.triggered.connect(lambda: self.issue_for_ticket())
        self.void_button.triggered.connect(lambda: self.void_selected())
        self.reissue_button.triggered.connect(lambda: self.reissue_selected())
        self.pdf_button.triggered.connect(lambda: self.save_pdf())
        self.print_button.triggered.connect(lambda: self.print_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.model.refreshed.connect(self._ids_shown)
        self.model.pending_changed.connect(lambda _pending: self._update_count())
        self.model.refresh_failed.connect(self._query_failed)
        self.retranslate_ui()
        self._update_buttons()
        # Newest first; setting the sort indicator runs the first id query.
        self.table.horizontalHeader().setSortIndicator(
            self.model.column_index("date"), Qt.SortOrder.DescendingOrder
        )
        self.table.setSortingEnabled(True)
        # The Reports menu belongs to the main window, built after its pages: once it exists,
        # put the report dialogs in it (only once per window).
        QTimer.singleShot(0, self._install_report_actions)

    def _install_report_actions(self) -> None:
        window = self.window()
        if window is self or not hasattr(window, "add_report_action"):
            return
        if getattr(window, "_fujiang_report_actions", None):
            return
        from app.views.dialogs.report_dialog import install_report_actions

        window._fujiang_report_actions = install_report_actions(self.ctx, window)

    def title(self) -> str:
        return self.tr("Certificates")

    def retranslate_ui(self) -> None:
        self.search.setPlaceholderText(self.tr("Search number, issuer, product, ticket or buyer"))
        self.issue_button.setText(self.tr("Issue for shipment…"))
        self.void_button.setText(self.tr("Void…"))
        self.reissue_button.setText(self.tr("Void and reissue…"))
        self.verify_button.setText(self.tr("Verify…"))
        self.verify_button.setToolTip(self.tr("Check a scanned QR code: genuine, void or forged"))
        chosen = self.state_filter.currentData()
        self.state_filter.blockSignals(True)
        self.state_filter.clear()
        self.state_filter.addItem(self.tr("Any state"), None)
        for code in REGISTER_STATES:
            self.state_filter.addItem(state_label(REGISTER_STATE_LABELS, code), code)
        self.state_filter.setCurrentIndex(max(0, self.state_filter.findData(chosen)))
        self.state_filter.blockSignals(False)
        self.pdf_button.setText(self.tr("Save PDF…"))
        self.print_button.setText(self.tr("Print…"))
        self.model.retranslate(self.ctx.language)
        self._update_count()

    def supported_actions(self) -> set[str]:
        return {"find", "refresh", "export"}

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def export(self) -> None:
        self.save_pdf()

    def current_filter(self) -> BrowseFilter:
        state = self.state_filter.currentData()
        return BrowseFilter(search=self.search.text(), certificate_states=(state,) if state else ())

    def apply_search(self) -> None:
        """Show the certificates the search text finds (a task; the rows shown stay until then)."""
        self._search_timer.stop()
        flt = self.current_filter()
        if flt != self.model.requested_filter:
            self.model.set_filter(flt)

    def refresh(self) -> None:
        """Read the register again (the selection is kept by id), with the search as typed."""
        self._search_timer.stop()  # a pending search is served by this refresh
        flt = self.current_filter()
        if flt != self.model.requested_filter:
            self.model.invalidate_rows()
            self.model.set_filter(flt)
        else:
            self.model.refresh()

    def data_changed(self, table: str, ids: list[int]) -> None:
        if table in ("certificates", "shipments", "operators", "crops", "buyers"):
            self.refresh()

    def open_with(self, argument: object) -> None:
        """Show the certificates of a weighing ticket (or any search text)."""
        self.search.setText(str(argument))
        self.refresh()

    def _update_count(self) -> None:
        n = self.model.rowCount()
        text = self.tr("%n certificate(s)", "", n)
        # While the id query runs the old rows stay; the ellipsis says a new list is on its way.
        self.count_label.setText(text + " …" if self.model.pending else text)

    def _ids_shown(self) -> None:
        self._update_count()
        self._update_buttons()
        if self._select_when_shown is not None:
            ids, self._select_when_shown = self._select_when_shown, None
            self.select_ids(ids)

    def _query_failed(self, message: str) -> None:
        self.status_message.emit(message)
        self._error_text(message)

    def _selected_row_numbers(self) -> list[int]:
        rows: set[int] = set()
        for r in self.table.selectionModel().selection():
            rows.update(range(r.top(), r.bottom() + 1))
        return sorted(rows)

    def _selected_count(self) -> int:
        # Counted from the selection's ranges: Ctrl+A over years of certificates fetches no rows.
        return sum(r.bottom() - r.top() + 1 for r in self.table.selectionModel().selection())

    def _single_valid(self) -> CertificateRow | None:
        """The one selected certificate if it is valid (void and reissue act on exactly one)."""
        if self._selected_count() != 1:
            return None
        row = self.model.record_row(self.table.selectionModel().selection()[0].top())
        return row if row is not None and row.status == "valid" else None

    def _update_buttons(self) -> None:
        count = self._selected_count()
        valid = self._single_valid() is not None
        self.void_button.setEnabled(valid)
        self.reissue_button.setEnabled(valid)
        self.pdf_button.setEnabled(count > 0 and self.pdf_task is None)
        self.print_button.setEnabled(count > 0 and self.pdf_task is None)

    def selected_rows(self) -> list[CertificateRow]:
        found = (self.model.record_row(r) for r in self._selected_row_numbers())
        return [row for row in found if row is not None]

    def selected_ids(self) -> list[int]:
        return [self.model.id_at(r) for r in self._selected_row_numbers()]

    def select_ids(self, ids: list[int]) -> None:
        """Select these certificates; while an id query runs, once its ids are shown."""
        if self.model.pending:
            self._select_when_shown = list(ids)
            return
        rows = self.model.rows_of(ids)
        selection = QItemSelection()
        for row in rows:
            selection.select(self.model.index(row, 0), self.model.index(row, self.model.columnCount() - 1))
        model = self.table.selectionModel()
        model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        if rows:
            first = self.model.index(rows[0], 0)
            model.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.table.scrollTo(first)

    # ---- actions
    def _error(self, exc: Exception) -> None:
        self._error_text(tr_error(exc))

    def _error_text(self, text: str) -> None:
        QMessageBox.warning(self, self.title(), text)

    def issue_dialog(self) -> IssueDialog:
        """The truck chooser: recent trucks, searchable, the one selected or saved on the shipments page first."""
        return IssueDialog(self.ctx, self)

    def open_verify(self) -> VerifyDialog:
        dialog = VerifyDialog(self.ctx, self)
        dialog.open()
        return dialog

    def issue_for_ticket(self, ticket: str | None = None) -> list:
        """Issue the certificates a shipment lacks (one per co-op or company and product)."""
        if ticket is None:
            dialog = self.issue_dialog()
            if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.chosen_ticket():
                return []
            ticket = dialog.chosen_ticket()
        try:
            shipment = self.ctx.store.shipments.by_ticket(ticket)
            result = certificates.issue_for_shipment(self.ctx.store, shipment.id)
        except DomainError as exc:
            self._error(exc)
            return []
        self.search.blockSignals(True)
        self.search.setText(shipment.ticket_no)
        self.search.blockSignals(False)
        self.refresh()
        self.select_ids([c.id for c in result.all])
        stale = [
            p.certificate.cert_no
            for p in coverage.coverage(self.ctx.store, shipment.id).products
            if p.state == "stale"
        ]
        if stale:
            message = self.tr("%1 no longer matches the truck: select it and void and reissue it.").replace(
                "%1", "、".join(stale)
            )
            if result.issued:
                issued = len(result.issued)  # lupdate finds a plural only when its count is a plain name
                message = self.tr("Issued %n certificate(s).", "", issued) + " " + message
            self._error_text(message)
        elif result.issued:
            issued = len(result.issued)
            message = self.tr("Issued %n certificate(s).", "", issued)
        elif result.existing:
            message = self.tr("This truck already has its certificates.")
        else:
            message = self.tr(
                "No co-operative or company produce is on this truck; no certificate is required."
            )
        self.status_message.emit(message)
        return list(result.issued)

    def void_selected(self, reason: str | None = None) -> bool:
        the_one = self._single_valid()
        if the_one is None:
            return False
        rows = [the_one]
        if reason is None:
            reason, ok = QInputDialog.getText(
                self, self.tr("Void certificate"), self.tr("Why is %1 void?").replace("%1", rows[0].cert_no)
            )
            if not ok:
                return False
        try:
            certificates.void(self.ctx.store, rows[0].id, reason)
        except DomainError as exc:
            self._error(exc)
            return False
        self.refresh()
        self.status_message.emit(
            self.tr("%1 is void; it stays in the register.").replace("%1", rows[0].cert_no)
        )
        return True

    def reissue_selected(self, reason: str | None = None, weight_g: int | None = None):
        the_one = self._single_valid()
        if the_one is None:
            return None
        rows = [the_one]
        if reason is None:
            reason, ok = QInputDialog.getText(
                self,
                self.tr("Void and reissue"),
                self.tr("Why is %1 replaced?").replace("%1", rows[0].cert_no),
            )
            if not ok:
                return None
        changes = {} if weight_g is None else {"weight_g": weight_g}
        try:
            new = certificates.reissue(self.ctx.store, rows[0].id, reason, **changes)
        except DomainError as exc:
            self._error(exc)
            return None
        self.refresh()
        self.select_ids([new.id])
        self.status_message.emit(
            self.tr("%1 replaces %2, which stays in the register marked void.")
            .replace("%1", new.cert_no)
            .replace("%2", rows[0].cert_no)
        )
        return new

    def save_pdf(self, path: str | Path | None = None) -> TaskHandle | None:
        """Write the selected certificates to a PDF as a task (about 25 ms a certificate; a day's
        batch takes seconds): progress and Cancel in the status bar, a message when it is saved."""
        rows = self._selected_row_numbers()
        if not rows or self.pdf_task is not None:
            return None
        ids = [self.model.id_at(r) for r in rows]
        if path is None:
            folder = self.ctx.settings.last_folder or str(Path.home())
            first = self.model.record_row(rows[0])
            suggested = str(Path(folder) / f"{first.cert_no if first else 'certificates'}.pdf")
            path = ask_output(
                self,
                self.tr("Save certificates"),
                suggested,
                self.tr("PDF (*.pdf)"),
                self.ctx.db_path,
                (".pdf",),
            )
            if path is None:
                return None
        output = path if isinstance(path, Output) else Output(Path(path), self.ctx.db_path, overwrite=True)
        target = output.path
        self.ctx.settings.last_folder = str(target.parent)

        def run(task: TaskContext) -> Path:
            from app.documents.certificate import write_certificates_pdf

            write_certificates_pdf(output, _sheets(task, ids), progress=task.progress)
            return target

        handle = self._start_document_task("certificates pdf", run)
        handle.succeeded.connect(self._pdf_saved)
        handle.failed.connect(self._pdf_failed)
        return handle

    def print_selected(self) -> TaskHandle | None:
        """Print through the system print dialog (A5 landscape, both copies); the pages are
        painted as a task (QPainter may paint on a printer outside the GUI thread)."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from app.documents.certificate import page_layout

        ids = self.selected_ids()
        if not ids or self.pdf_task is not None:
            return None
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(page_layout())
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return None
        return self.print_to(printer, ids)

    def print_to(self, printer, ids: list[int]) -> TaskHandle:
        """Paint the certificates on a printer (or any paged device set to the A5 layout) as a task."""

        def run(task: TaskContext) -> int:
            from app.documents.certificate import paint_certificates

            return paint_certificates(printer, _sheets(task, ids), progress=task.progress)

        handle = self._start_document_task("certificates print", run)
        handle.succeeded.connect(self._printed)
        handle.failed.connect(self._print_failed)
        return handle

    def _start_document_task(self, name: str, run) -> TaskHandle:
        handle = self.ctx.tasks.start(name, run)
        self.pdf_task = handle
        # Bound methods (not lambdas): Qt drops these connections if the page is deleted first.
        handle.cancelled.connect(self._document_cancelled)
        handle.ended.connect(self._document_task_ended)
        self._update_buttons()
        return handle

    def _pdf_saved(self, path: Path) -> None:
        self.status_message.emit(self.tr("Saved %1.").replace("%1", str(path)))

    def _pdf_failed(self, message: str, _detail: str) -> None:
        self._error_text(self.tr("The PDF could not be written: %1").replace("%1", message))

    def _printed(self, pages: int) -> None:
        self.status_message.emit(self.tr("Sent %n page(s) to the printer.", "", pages))

    def _print_failed(self, message: str, _detail: str) -> None:
        self._error_text(self.tr("The certificates could not be printed: %1").replace("%1", message))

    def _document_cancelled(self) -> None:
        self.status_message.emit(self.tr("Cancelled."))

    def _document_task_ended(self) -> None:
        self.pdf_task = None
        self._update_buttons()


def _sheets(task: TaskContext, ids: list[int]) -> list[certificates.CertificateSheet]:
    """The printable content of each certificate, read on the task's own connection."""
    store = task.store()
    sheets = []
    for n, certificate_id in enumerate(ids):
        if n % 50 == 0:
            task.check_cancelled()
        sheets.append(certificates.sheet(store, store.certificates.get(certificate_id)))
    return sheets
