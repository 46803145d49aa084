"""Report dialogs: choose a buyer, operator or period, preview the first page, export as a task with
progress and Cancel, remember the folder, offer to open the file. Also the Reports menu actions."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.save_dialog import ask_output
from app.tasks import TaskContext, TaskHandle
from db.documents import park_summary, reports
from db.storage.outputs import Output

KINDS = ("buyer", "operator", "summary")
ALL_BUYERS = -1


def write_report(
    store, kind: str, subject: int | None, start: str, end: str, period: str, fmt: str, path: Path, lang: str,
    progress: Callable[[int, int], None] | None = None,
) -> list[Path]:  # fmt: skip
    """Build and write one report (or every buyer's into the folder `path`); returns the files written.
    Runs on a task thread with the task's own store."""
    from app.documents import reports_pdf, reports_xlsx

    if kind == "buyer" and subject == ALL_BUYERS:
        buyers = reports.buyers_active(store, start, end)
        written = []
        for n, buyer in enumerate(buyers):
            target = path / f"{_safe(buyer.name)}_{start}_{end}.{fmt}"
            write_report(store, "buyer", buyer.id, start, end, period, fmt, target, lang)
            written.append(Path(target))
            if progress:
                progress(n + 1, len(buyers))
        return written
    if kind == "buyer":
        st = reports.buyer_statement(store, subject, start, end)
        if fmt == "pdf":
            reports_pdf.write_report_pdf(path, reports_pdf.buyer_statement_document(st, lang), progress)
        elif fmt == "xlsx":
            reports_xlsx.buyer_statement_xlsx(path, st, lang, progress)
        else:
            reports_xlsx.buyer_statement_csv(path, st, lang)
    elif kind == "operator":
        from app.documents import operator_pdf, operator_xlsx

        st = reports.operator_statement(store, subject, start, end)
        if fmt == "pdf":
            reports_pdf.write_report_pdf(path, operator_pdf.operator_statement_document(st, lang), progress)
        elif fmt == "xlsx":
            operator_xlsx.operator_statement_xlsx(path, st, lang)
        else:
            reports_xlsx.operator_statement_csv(path, st, lang)
    else:
        from app.documents import summary_pdf, summary_xlsx

        summary = park_summary.park_report(store, period)
        if fmt == "pdf":
            reports_pdf.write_report_pdf(path, summary_pdf.park_summary_document(summary, lang), progress)
        else:
            summary_xlsx.park_summary_xlsx(path, summary, lang)
    return [Path(path)]


def _safe(text: str) -> str:
    return "".join("_" if ch in '\\/:*?"<>| ' else ch for ch in text).strip("._") or "report"


def document_for(store, kind: str, subject: int | None, start: str, end: str, period: str, lang: str):
    """The PDF document a report would print (for the preview)."""
    from app.documents import operator_pdf, reports_pdf, summary_pdf

    if kind == "buyer":
        return reports_pdf.buyer_statement_document(reports.buyer_statement(store, subject, start, end), lang)
    if kind == "operator":
        return operator_pdf.operator_statement_document(
            reports.operator_statement(store, subject, start, end), lang
        )
    return summary_pdf.park_summary_document(park_summary.park_report(store, period), lang)


class ReportDialog(QDialog):
    """One kind of report: its subject and period, a page preview, and export as a task."""

    exported = Signal(list)  # paths written
    preview_shown = Signal(int)  # the page (from 0) now in the preview

    def __init__(self, ctx: AppContext, kind: str = "buyer", parent: QWidget | None = None):
        super().__init__(parent)
        if kind not in KINDS:
            raise ValueError(f"unknown report kind {kind!r}")
        self.ctx = ctx
        self.kind = kind
        self.handle: TaskHandle | None = None
        self.ask_to_open = True
        self.preview_page = 0
        self.page_count = 0
        self.preview_task: TaskHandle | None = None
        self._preview_request = 0
        # The content of the report last previewed, and the choices it was made for.
        self._preview_key: tuple | None = None
        self._preview_document = None
        today = datetime.date.today()
        first = today.replace(day=1)

        self.subject = QComboBox()
        self.start = QDateEdit(QDate(first.year, first.month, 1))
        self.end = QDateEdit(QDate(today.year, today.month, today.day))
        for edit in (self.start, self.end):
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setCalendarPopup(True)
        self.period_kind = QComboBox()
        self.year = QSpinBox()
        self.year.setRange(2000, 2099)
        self.year.setValue(today.year)
        self.month = QSpinBox()
        self.month.setRange(1, 12)
        self.month.setValue(today.month)
        self.language = QComboBox()
        self.language.addItem("中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(0 if ctx.language.startswith("zh") else 1)
        self.format = QComboBox()
        for fmt in ("pdf", "xlsx", "csv") if kind != "summary" else ("pdf", "xlsx"):
            self.format.addItem(fmt.upper(), fmt)

        self.form = QFormLayout()
        self.subject_label = QLabel()
        self.start_label, self.end_label = QLabel(), QLabel()
        self.period_label, self.year_label, self.month_label = QLabel(), QLabel(), QLabel()
        self.language_label, self.format_label = QLabel(), QLabel()
        if kind == "summary":
            self.form.addRow(self.period_label, self.period_kind)
            self.form.addRow(self.year_label, self.year)
            self.form.addRow(self.month_label, self.month)
        else:
            self.form.addRow(self.subject_label, self.subject)
            self.form.addRow(self.start_label, self.start)
            self.form.addRow(self.end_label, self.end)
        self.form.addRow(self.language_label, self.language)
        self.form.addRow(self.format_label, self.format)

        self.preview = QLabel()
        self.preview.setMinimumSize(420, 560)
        self.preview.setStyleSheet("background: #808080;")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        self.scroll = scroll
        scroll.setWidget(self.preview)
        scroll.setWidgetResizable(True)
        self.preview_button = QPushButton()
        self.previous_button = QPushButton("◀")
        self.next_button = QPushButton("▶")
        self.page_label = QLabel()
        nav = QHBoxLayout()
        nav.addWidget(self.preview_button)
        nav.addStretch(1)
        nav.addWidget(self.previous_button)
        nav.addWidget(self.page_label)
        nav.addWidget(self.next_button)

        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setVisible(False)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.cancel_button.setVisible(False)

        left = QVBoxLayout()
        left.addLayout(self.form)
        left.addStretch(1)
        left.addWidget(self.message)
        left.addWidget(self.progress)
        left.addWidget(self.buttons)
        right = QVBoxLayout()
        right.addLayout(nav)
        right.addWidget(scroll, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left)
        layout.addLayout(right, 1)

        self.export_button.clicked.connect(self.export)
        self.cancel_button.clicked.connect(self.cancel_export)
        self.close_button.clicked.connect(self.reject)
        self.preview_button.clicked.connect(lambda: self.show_preview(0))
        self.previous_button.clicked.connect(lambda: self.show_preview(self.preview_page - 1))
        self.next_button.clicked.connect(lambda: self.show_preview(self.preview_page + 1))
        self.period_kind.currentIndexChanged.connect(
            lambda _i: self.month.setEnabled(self.period_kind.currentData() == "month")
        )
        self.retranslate_ui()
        self._fill_subjects()

    # ---- texts
    def retranslate_ui(self) -> None:
        titles = {
            "buyer": self.tr("Buyer statement"),
            "operator": self.tr("Operator statement"),
            "summary": self.tr("Production and sales report"),
        }
        self.setWindowTitle(titles[self.kind])
        self.subject_label.setText(self.tr("Buyer:") if self.kind == "buyer" else self.tr("Operator:"))
        self.start_label.setText(self.tr("From:"))
        self.end_label.setText(self.tr("To:"))
        self.period_label.setText(self.tr("Period:"))
        self.year_label.setText(self.tr("Year:"))
        self.month_label.setText(self.tr("Month:"))
        self.language_label.setText(self.tr("Document language:"))
        self.format_label.setText(self.tr("Format:"))
        self.preview_button.setText(self.tr("Preview"))
        self.export_button.setText(self.tr("Export…"))
        current = self.period_kind.currentIndex()
        self.period_kind.clear()
        self.period_kind.addItem(self.tr("Month"), "month")
        self.period_kind.addItem(self.tr("Year"), "year")
        self.period_kind.setCurrentIndex(max(current, 0))
        if self.kind == "buyer" and self.subject.count():
            self.subject.setItemText(0, self.tr("All buyers (one file each, into a folder)"))
        self._update_page_label()

    def changeEvent(self, event) -> None:
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _fill_subjects(self) -> None:
        store = self.ctx.store
        self.subject.clear()
        if self.kind == "buyer":
            self.subject.addItem(self.tr("All buyers (one file each, into a folder)"), ALL_BUYERS)
            for buyer in store.buyers.list(include_archived=False):
                self.subject.addItem(buyer.name, buyer.id)
            if self.subject.count() > 1:
                self.subject.setCurrentIndex(1)
        elif self.kind == "operator":
            for operator in store.operators.list(include_archived=False):
                self.subject.addItem(operator.name, operator.id)

    # ---- choices
    def choices(self) -> dict:
        period = f"{self.year.value()}"
        if self.period_kind.currentData() == "month":
            period += f"-{self.month.value():02d}"
        return {
            "kind": self.kind,
            "subject": self.subject.currentData(),
            "start": self.start.date().toString("yyyy-MM-dd"),
            "end": self.end.date().toString("yyyy-MM-dd"),
            "period": period,
            "lang": self.language.currentData(),
            "fmt": self.format.currentData(),
        }

    def select_subject(self, record_id: int) -> None:
        index = self.subject.findData(record_id)
        if index >= 0:
            self.subject.setCurrentIndex(index)

    def set_period(self, start: str, end: str) -> None:
        self.start.setDate(QDate.fromString(start, "yyyy-MM-dd"))
        self.end.setDate(QDate.fromString(end, "yyyy-MM-dd"))

    # ---- preview
    def show_preview(self, page: int = 0) -> TaskHandle | None:
        """Show one page of the report as a task (a year of a big buyer's trucks is a thousand
        pages: seconds of SQL and layout); the report's content is kept for turning pages, and a
        newer request cancels an older one. `preview_shown` is emitted with the page shown."""
        c = self.choices()
        if c["subject"] == ALL_BUYERS:
            self.message.setText(self.tr("Choose one buyer to preview."))
            return None
        key = (c["kind"], c["subject"], c["start"], c["end"], c["period"], c["lang"])
        document = self._preview_document if self._preview_key == key else None
        if self.preview_task is not None:
            self.preview_task.cancel()
        self._preview_request += 1
        request, page = self._preview_request, max(page, 0)

        def render(task: TaskContext) -> tuple:
            from app.documents.pdf import page_images

            doc = document
            if doc is None:
                doc = document_for(
                    task.store(), c["kind"], c["subject"], c["start"], c["end"], c["period"], c["lang"]
                )
            task.check_cancelled()
            images, count = page_images(doc, page, 1, dpi=150)
            return request, key, doc, images[0] if images else None, count, page

        handle = self.ctx.tasks.start("report preview", render, announce=False)
        self.preview_task = handle
        handle.succeeded.connect(self._preview_arrived)
        # Bound methods (not lambdas): Qt drops these connections if the dialog is deleted first.
        handle.failed.connect(self._preview_failed)
        handle.ended.connect(self._preview_ended)
        self.message.setText(self.tr("Preparing the preview…"))
        self._update_page_label()
        return handle

    def _preview_arrived(self, result: tuple) -> None:
        request, key, document, image, count, page = result
        if request != self._preview_request:
            return
        self._preview_key, self._preview_document = key, document
        self.page_count = count
        self.message.clear()
        if image is not None:
            self.preview_page = page
            pixmap = QPixmap.fromImage(image)
            width = self.scroll.viewport().width() - 16
            if width > 200 and pixmap.width() > width:
                pixmap = pixmap.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
            self.preview.setPixmap(pixmap)
        self._update_page_label()
        if image is not None:
            self.preview_shown.emit(page)

    def _preview_failed(self, message: str, _detail: str) -> None:
        if self.sender() is self.preview_task:
            self.message.setText(message)

    def _preview_ended(self) -> None:
        if self.sender() is self.preview_task:
            self.preview_task = None
            self._update_page_label()

    def _update_page_label(self) -> None:
        if self.page_count:
            self.page_label.setText(
                self.tr("Page %1 of %2")
                .replace("%1", str(self.preview_page + 1))
                .replace("%2", str(self.page_count))
            )
        else:
            self.page_label.setText("")
        idle = self.preview_task is None
        self.previous_button.setEnabled(idle and self.preview_page > 0)
        self.next_button.setEnabled(idle and self.preview_page + 1 < self.page_count)

    # ---- export
    def ask_target(self, c: dict) -> Output | None:
        folder = self.ctx.settings.last_folder or str(Path.home())
        if c["subject"] == ALL_BUYERS:
            chosen = QFileDialog.getExistingDirectory(self, self.tr("Folder for the buyer reports"), folder)
            if not chosen:
                return None
            existing = sorted(Path(chosen).glob(f"*_{c['start']}_{c['end']}.{c['fmt']}"))
            if existing and not self._confirm_replacing(len(existing), Path(chosen)):
                return None
            return Output(Path(chosen), self.ctx.db_path, overwrite=True)
        name = (
            f"{self.windowTitle()}_{c['period'] if self.kind == 'summary' else c['start'] + '_' + c['end']}"
        )
        suggested = str(
            Path(folder) / f"{_safe(self.subject.currentText() or name)}_{c['start']}_{c['end']}.{c['fmt']}"
        )
        if self.kind == "summary":
            suggested = str(Path(folder) / f"{_safe(name)}.{c['fmt']}")
        filters = {
            "pdf": self.tr("PDF (*.pdf)"),
            "xlsx": self.tr("Excel workbook (*.xlsx)"),
            "csv": self.tr("CSV, UTF-8 (*.csv)"),
        }
        return ask_output(
            self, self.tr("Export report"), suggested, filters[c["fmt"]], self.ctx.db_path, (f".{c['fmt']}",)
        )

    def _confirm_replacing(self, n: int, folder: Path) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Replace reports?"),
            self.tr("Already in %1: %n report(s) of this period.\nReplace?", "", n).replace(
                "%1", str(folder)
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def export(self, target: Path | Output | None = None) -> TaskHandle | None:
        """Export to `target` (asked for when None) as a task; returns its handle."""
        c = self.choices()
        if c["kind"] != "summary" and c["start"] > c["end"]:
            self.message.setText(self.tr("The period starts after it ends."))
            return None
        if c["subject"] is None and c["kind"] != "summary":
            self.message.setText(self.tr("There is nothing to report on yet."))
            return None
        target = target or self.ask_target(c)
        if target is None:
            return None
        if not isinstance(target, Output):  # a path given by the caller counts as agreed to
            target = Output(Path(target), self.ctx.db_path, overwrite=True)
        self.ctx.settings.last_folder = str(target if c["subject"] == ALL_BUYERS else target.parent)

        def run(task: TaskContext) -> list[Path]:
            return write_report(
                task.store(), c["kind"], c["subject"], c["start"], c["end"], c["period"], c["fmt"], target, c["lang"],
                task.progress,
            )  # fmt: skip

        self.handle = self.ctx.tasks.start("report", run)
        self.handle.progressed.connect(self._progressed)
        self.handle.succeeded.connect(self._succeeded)
        self.handle.failed.connect(self._failed)
        self.handle.cancelled.connect(self._cancelled)
        self.handle.ended.connect(self._ended)
        self._busy(True)
        self.message.setText(self.tr("Writing %1 …").replace("%1", str(target)))
        return self.handle

    def cancel_export(self) -> None:
        if self.handle is not None:
            self.handle.cancel()

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.progress.setValue(0)
        self.cancel_button.setVisible(busy)
        self.export_button.setEnabled(not busy)
        self.close_button.setEnabled(not busy)

    def _progressed(self, done: int, total: int, _message: str) -> None:
        self.progress.setValue(1000 * done // total if total else 0)

    def _succeeded(self, paths: list) -> None:
        self.exported.emit(paths)
        if len(paths) == 1:
            text = self.tr("Saved %1.").replace("%1", str(paths[0]))
        else:
            text = self.tr("Saved %1 files.").replace("%1", f"{len(paths):,}")
        self.message.setText(text)
        if self.ask_to_open and paths:
            target = paths[0] if len(paths) == 1 else paths[0].parent
            answer = QMessageBox.question(self, self.windowTitle(), text + "\n" + self.tr("Open it now?"))
            if answer == QMessageBox.StandardButton.Yes:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))

    def _failed(self, message: str, _detail: str) -> None:
        self.message.setText(self.tr("The report could not be written: %1").replace("%1", message))

    def _cancelled(self) -> None:
        self.message.setText(self.tr("Cancelled; no file was written."))

    def _ended(self) -> None:
        self._busy(False)
        self.handle = None

    def reject(self) -> None:
        if self.handle is not None:
            self.handle.cancel()
        if self.preview_task is not None:
            self.preview_task.cancel()
        super().reject()


def report_actions(ctx: AppContext, parent: QWidget) -> list[QAction]:
    """The Reports menu entries, for the main window's `add_report_action`; texts follow the language."""
    actions = []
    for kind in KINDS:
        action = QAction(parent)
        action.setObjectName(f"report_{kind}")
        action.triggered.connect(lambda _c=False, k=kind: ReportDialog(ctx, k, parent).exec())
        actions.append(action)
    _retranslate_actions(actions)
    return actions


def _retranslate_actions(actions: list[QAction]) -> None:
    from PySide6.QtCore import QCoreApplication

    texts = {
        "report_buyer": QCoreApplication.translate("ReportDialog", "&Buyer statement…"),
        "report_operator": QCoreApplication.translate("ReportDialog", "&Operator statement…"),
        "report_summary": QCoreApplication.translate("ReportDialog", "&Production and sales report…"),
    }
    for action in actions:
        action.setText(texts[action.objectName()])


def install_report_actions(ctx: AppContext, window) -> list[QAction]:
    """Add the report actions to the main window's Reports menu (window.add_report_action) and keep
    their texts in the current language."""
    from PySide6.QtCore import QEvent, QObject

    actions = report_actions(ctx, window)
    for action in actions:
        window.add_report_action(action)

    class _LanguageWatcher(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.LanguageChange:
                _retranslate_actions(actions)
            return False

    watcher = _LanguageWatcher(window)
    window.installEventFilter(watcher)
    return actions
