"""The certificate register: search, issue for a shipment, void and reissue (the voided one stays,
marked void), save as PDF and print through the system print dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
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
from app.views.page import Page
from db import certificates, units
from db.certificates import RegisterRow
from db.errors import DomainError

Index = QModelIndex | QPersistentModelIndex


class RegisterModel(QAbstractTableModel):
    """The register rows (newest first); a voided certificate shows grey and struck through."""

    COLUMNS = (
        "cert_no",
        "issue_date",
        "operator",
        "product",
        "weight",
        "ticket_no",
        "buyer",
        "status",
        "note",
    )

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[RegisterRow] = []
        self.language = "zh_CN"

    def set_rows(self, rows: list[RegisterRow], language: str) -> None:
        self.beginResetModel()
        self.rows = rows
        self.language = language
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (
            self.tr("Number"),
            self.tr("Issued"),
            self.tr("Issuer"),
            self.tr("Product"),
            self.tr("Weight (kg)"),
            self.tr("Ticket"),
            self.tr("Buyer"),
            self.tr("Status"),
            self.tr("Note"),
        )
        return titles[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = self.COLUMNS[index.column()]
        void = row.status == "void"
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "weight":
                return units.format_kg(row.weight_g)
            if column == "status":
                return units.label(units.CERTIFICATE_STATUSES, row.status, self.language)
            if column == "note":
                if void:
                    return self.tr("Void: %1").replace("%1", row.void_reason)
                if row.replaces_no:
                    return self.tr("Replaces %1").replace("%1", row.replaces_no)
                return ""
            return getattr(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "weight":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and void:
            return QBrush(QColor(128, 128, 128))
        if role == Qt.ItemDataRole.FontRole and void and column == "cert_no":
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None


class CertificatesPage(Page):
    """承诺达标合格证 register and actions."""

    key = "certificates"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.model = RegisterModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.count_label = QLabel()
        # A tool bar (not a row of buttons) so a narrow window folds them into its extension menu.
        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.issue_button = self.toolbar.addAction("")
        self.void_button = self.toolbar.addAction("")
        self.reissue_button = self.toolbar.addAction("")
        self.toolbar.addSeparator()
        self.pdf_button = self.toolbar.addAction("")
        self.print_button = self.toolbar.addAction("")
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.table, 1)
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.issue_button.triggered.connect(lambda: self.issue_for_ticket())
        self.void_button.triggered.connect(lambda: self.void_selected())
        self.reissue_button.triggered.connect(lambda: self.reissue_selected())
        self.pdf_button.triggered.connect(lambda: self.save_pdf())
        self.print_button.triggered.connect(lambda: self.print_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.retranslate_ui()
        self.refresh()
        # The Reports menu belongs to the main window, built after its pages: once it exists,
        # put the report dialogs in it (only once per window).
        QTimer.singleShot(0, self._install_report_actions)

    def _install_report_actions(self) -> None:
        window = self.window()
        if window is self or not hasattr(window, "add_report_action"):
            return
        if getattr(window, "_fujiang_report_actions", None):
            return
        from app.views.report_dialog import install_report_actions

        window._fujiang_report_actions = install_report_actions(self.ctx, window)

    def title(self) -> str:
        return self.tr("Certificates")

    def retranslate_ui(self) -> None:
        self.search.setPlaceholderText(self.tr("Search number, issuer, product, ticket or buyer"))
        self.issue_button.setText(self.tr("Issue for shipment…"))
        self.void_button.setText(self.tr("Void…"))
        self.reissue_button.setText(self.tr("Void and reissue…"))
        self.pdf_button.setText(self.tr("Save PDF…"))
        self.print_button.setText(self.tr("Print…"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(RegisterModel.COLUMNS) - 1)
        self._update_count()

    def supported_actions(self) -> set[str]:
        return {"find", "refresh", "export"}

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def export(self) -> None:
        self.save_pdf()

    def refresh(self) -> None:
        self._search_timer.stop()  # a pending search is served by this refresh
        selected = set(self.selected_ids())
        self.model.set_rows(certificates.register(self.ctx.store, self.search.text()), self.ctx.language)
        self.select_ids(list(selected))
        self._update_count()
        self._update_buttons()

    def data_changed(self, table: str, ids: list[int]) -> None:
        if table in ("certificates", "shipments", "operators", "crops", "buyers"):
            self.refresh()

    def open_with(self, argument: object) -> None:
        """Show the certificates of a weighing ticket (or any search text)."""
        self.search.setText(str(argument))
        self.refresh()

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("%n certificate(s)", "", len(self.model.rows)))

    def _update_buttons(self) -> None:
        ids = self.selected_ids()
        valid = [r for r in self.selected_rows() if r.status == "valid"]
        self.void_button.setEnabled(len(valid) == 1)
        self.reissue_button.setEnabled(len(valid) == 1)
        self.pdf_button.setEnabled(bool(ids))
        self.print_button.setEnabled(bool(ids))

    def selected_rows(self) -> list[RegisterRow]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.rows[r] for r in rows]

    def selected_ids(self) -> list[int]:
        return [r.id for r in self.selected_rows()]

    def select_ids(self, ids: list[int]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for row, entry in enumerate(self.model.rows):
            if entry.id in ids:
                selection.select(self.model.index(row, 0), flags)

    # ---- actions
    def _error(self, exc: Exception) -> None:
        QMessageBox.warning(self, self.title(), tr_error(exc))

    def issue_for_ticket(self, ticket: str | None = None) -> list:
        """Issue the certificates a shipment lacks (one per co-op or company and product)."""
        if ticket is None:
            ticket, ok = QInputDialog.getText(
                self, self.tr("Issue certificates"), self.tr("Weighing ticket number:")
            )
            if not ok or not ticket.strip():
                return []
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
        if result.issued:
            message = self.tr("Issued %n certificate(s).", "", len(result.issued))
        elif result.existing:
            message = self.tr("This truck already has its certificates.")
        else:
            message = self.tr(
                "No co-operative or company produce is on this truck; no certificate is required."
            )
        self.status_message.emit(message)
        return list(result.issued)

    def void_selected(self, reason: str | None = None) -> bool:
        rows = [r for r in self.selected_rows() if r.status == "valid"]
        if len(rows) != 1:
            return False
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
        rows = [r for r in self.selected_rows() if r.status == "valid"]
        if len(rows) != 1:
            return None
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

    def _sheets(self) -> list:
        store = self.ctx.store
        return [certificates.sheet(store, store.certificates.get(i)) for i in self.selected_ids()]

    def save_pdf(self, path: str | Path | None = None) -> Path | None:
        from app.documents.certificate import write_certificates_pdf

        sheets = self._sheets()
        if not sheets:
            return None
        if path is None:
            folder = self.ctx.settings.last_folder or str(Path.home())
            suggested = str(Path(folder) / f"{sheets[0].cert_no}.pdf")
            chosen, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save certificates"), suggested, self.tr("PDF (*.pdf)")
            )
            if not chosen:
                return None
            path = chosen
        path = Path(path)
        self.ctx.settings.last_folder = str(path.parent)
        write_certificates_pdf(path, sheets)
        self.status_message.emit(self.tr("Saved %1.").replace("%1", str(path)))
        return path

    def print_selected(self) -> bool:
        """Print through the system print dialog (A5 landscape, both copies)."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from app.documents.certificate import page_layout, paint_certificates

        sheets = self._sheets()
        if not sheets:
            return False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(page_layout())
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return False
        paint_certificates(printer, sheets)
        return True
