"""Dialogs of the certificate register: choose the truck to issue for (a searchable list, the truck in
hand first) and verify a scanned QR text (genuine / genuine but void / forged)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.messages import tr_error, tr_message
from app.models.certificate_model import TRUCK_STATE_LABELS, state_label, truck_state_tip
from app.save_dialog import ask_output
from db import units
from db.browse import BrowseFilter, ShipmentBrowser, ShipmentRow
from db.certification import coverage, signing
from db.errors import DomainError
from db.storage.outputs import Output, replacing

# Trucks listed at once; a search narrows the list to what it finds.
LIST_LIMIT = 200


class IssueDialog(QDialog):
    """Which truck to issue certificates for: recent trucks, searchable by ticket, plate or buyer, with
    each truck's certificate state; the truck selected or just saved on the shipments page comes first."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, shipment_id: int | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.browser = ShipmentBrowser(ctx.store.db)
        self.first_id = shipment_id if shipment_id is not None else ctx.current_shipment_id
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.only_uncovered = QCheckBox()
        self.list = QTreeWidget()
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.only_uncovered)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.search.textChanged.connect(lambda _t: self.load())
        self.only_uncovered.toggled.connect(lambda _c: self.load())
        self.list.currentItemChanged.connect(lambda *_: self._show_detail())
        self.list.itemDoubleClicked.connect(lambda *_: self.accept())
        self.resize(720, 460)
        self.retranslate_ui()
        self.load()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Issue certificates"))
        self.search.setPlaceholderText(self.tr("Search ticket, plate or buyer"))
        self.only_uncovered.setText(self.tr("Only trucks lacking certificates"))
        self.list.setHeaderLabels(
            [self.tr("Date"), self.tr("Ticket"), self.tr("Plate"), self.tr("Buyer"), self.tr("Certificates")]
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Issue"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        if self.list.topLevelItemCount():
            self.load()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def load(self) -> None:
        """List the trucks the search finds, newest first, the truck in hand on top when it passes."""
        states = ("missing", "stale") if self.only_uncovered.isChecked() else ()
        flt = BrowseFilter(search=self.search.text(), certificate_states=states)
        ids = list(self.browser.ids(flt, "date")[:LIST_LIMIT])
        # Unfiltered, the truck in hand leads even when older than the list; filtered, if it passes.
        unfiltered = not self.search.text().strip() and not states
        if self.first_id is not None and (unfiltered or self.first_id in ids):
            ids = [self.first_id] + [i for i in ids if i != self.first_id]
        rows = self.browser.rows(ids)
        self.list.clear()
        for shipment_id in ids:
            row = rows.get(shipment_id)
            if row is None:
                continue
            item = QTreeWidgetItem(
                [
                    row.ship_date,
                    row.ticket_no,
                    row.plate,
                    row.buyer,
                    state_label(TRUCK_STATE_LABELS, row.certificates),
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, row.id)
            item.setToolTip(4, truck_state_tip(row.certificates))
            self.list.addTopLevelItem(item)
        for column, width in enumerate((92, 130, 90, 200)):
            self.list.setColumnWidth(column, width)
        if self.list.topLevelItemCount():
            self.list.setCurrentItem(self.list.topLevelItem(0))
        self._show_detail()

    def chosen_row(self) -> ShipmentRow | None:
        item = self.list.currentItem()
        if item is None:
            return None
        return self.browser.rows([item.data(0, Qt.ItemDataRole.UserRole)]).get(
            item.data(0, Qt.ItemDataRole.UserRole)
        )

    def chosen_ticket(self) -> str:
        row = self.chosen_row()
        return row.ticket_no if row is not None else ""

    def _show_detail(self) -> None:
        row = self.chosen_row()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(row is not None)
        if row is None:
            self.detail.setText(self.tr("No truck found."))
            return
        lines = []
        for product in coverage.coverage(self.ctx.store, row.id).products:
            what = f"{product.operator} · {product.product} · {units.format_kg(product.weight_g)} kg"
            state = {
                "covered": self.tr("covered by %1"),
                "stale": self.tr("%1 no longer matches: void and reissue it"),
                "missing": self.tr("no certificate yet"),
                "not_required": self.tr("family farm: not required"),
            }[product.state]
            number = product.certificate.cert_no if product.certificate else ""
            lines.append(f"{what} — {state.replace('%1', number)}")
        self.detail.setText("\n".join(lines) or self.tr("This truck has no lines yet."))


class VerifyDialog(QDialog):
    """Paste what a scanner read from a certificate's QR code: genuine, genuine but void, or forged."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.verify_button = QPushButton()
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label = QLabel()
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_key = QPushButton()
        self.save_key = QPushButton()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        row = QHBoxLayout()
        row.addWidget(self.verify_button)
        row.addStretch(1)
        keys = QHBoxLayout()
        keys.addWidget(self.key_label, 1)
        keys.addWidget(self.copy_key)
        keys.addWidget(self.save_key)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.text, 1)
        layout.addLayout(row)
        layout.addWidget(self.verdict)
        layout.addLayout(keys)
        layout.addWidget(self.buttons)
        self.buttons.rejected.connect(self.reject)
        self.verify_button.clicked.connect(lambda: self.verify())
        self.copy_key.clicked.connect(self._copy_key)
        self.save_key.clicked.connect(lambda: self.export_key())
        self.result: signing.Verdict | None = None
        self.resize(560, 440)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Verify a certificate"))
        self.intro.setText(
            self.tr(
                "Scan the QR code on a certificate and paste the text here. It is checked against the "
                "park's signing key and the register."
            )
        )
        self.verify_button.setText(self.tr("Verify"))
        self.copy_key.setText(self.tr("Copy public key"))
        self.save_key.setText(self.tr("Save public key…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        self._update_key()
        if self.result is not None:
            self._show(self.result)

    def _update_key(self) -> None:
        key = self._public_key()
        self.copy_key.setEnabled(key is not None)
        self.save_key.setEnabled(key is not None)
        self.key_label.setText(
            self.tr("Park key fingerprint: %1").replace("%1", signing.fingerprint(key))
            if key is not None
            else self.tr("No certificate has been signed with this database yet.")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _public_key(self):
        try:
            return signing.public_key(self.ctx.store.path)
        except (DomainError, ValueError):
            return None

    def verify(self, text: str | None = None) -> signing.Verdict:
        if text is not None:
            self.text.setPlainText(text)
        self.result = signing.verify(self.ctx.store, self.text.toPlainText())
        self._update_key()  # a certificate printed meanwhile may have made the key
        self._show(self.result)
        return self.result

    def _show(self, verdict: signing.Verdict) -> None:
        colour = {"genuine": "#1b7a2f", "void": "#b06000"}.get(verdict.kind, "#b00020")
        fields = "".join(f"<br>{_escape(label)}：{_escape(value)}" for label, value in verdict.fields)
        message = tr_message(verdict.message)
        self.verdict.setText(f"<b style='color:{colour}'>{_escape(message)}</b>{fields}")

    def _copy_key(self) -> None:
        key = self._public_key()
        if key is not None:
            QApplication.clipboard().setText(signing.public_pem(key))

    def export_key(self, path: str | Path | Output | None = None) -> bool:
        """Write the park's public key (PEM) for markets and inspectors; never the private key."""
        key = self._public_key()
        if key is None:
            return False
        if path is None:
            folder = Path(self.ctx.settings.last_folder or Path.home())
            path = ask_output(
                self,
                self.tr("Save public key"),
                folder / "fujiang-park-public-key.pem",
                self.tr("PEM key (*.pem)"),
                self.ctx.db_path,
                (".pem",),
            )
            if path is None:
                return False
        output = path if isinstance(path, Output) else Output(Path(path), self.ctx.db_path, overwrite=True)
        try:
            with replacing(output) as tmp:
                tmp.write_text(signing.public_pem(key), encoding="ascii")
        except (DomainError, OSError) as exc:
            self.verdict.setText(_escape(tr_error(exc)))
            return False
        return True


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def reissue_notice(certificates, values: list[dict]) -> str:
    """For the shipment form: which of the truck's certificates its lines as edited (dicts with
    operator, crop and net) no longer match, so they need reissue after saving; '' when none."""
    lines = [
        (v["operator"], v["crop"], v["net"])
        for v in values
        if v.get("operator") is not None and v.get("crop") is not None and v.get("net") is not None
    ]
    wrong = coverage.no_longer_matching(certificates, lines)
    if not wrong:
        return ""
    parts = [
        QCoreApplication.translate("CertificateNotice", "%1 says %2 kg, the truck now carries %3 kg")
        .replace("%1", cert.cert_no)
        .replace("%2", units.format_kg(cert.weight_g))
        .replace("%3", units.format_kg(now_g))
        for cert, now_g in wrong
    ]
    return QCoreApplication.translate(
        "CertificateNotice", "⚠ Certificates that no longer match the truck (void and reissue them): %1."
    ).replace("%1", "; ".join(parts))
