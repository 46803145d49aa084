"""Help ▸ Check the database…: the checks of db/storage/check.py as a task, a plain report, and Repair."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.messages import tr_message
from app.tasks import TaskContext, TaskHandle
from app.views.actions import ActionTexts

CONTEXT = "CheckDialog"


def report_text(report: Any) -> str:
    """The check report as plain text in the interface language."""
    by_check: dict[str, list[Any]] = {}
    for finding in report.findings:
        by_check.setdefault(finding.check, []).append(finding)
    lines = []
    for key, title in report.checks:
        found = by_check.get(key, [])
        mark = "✓" if not found else "✗"
        lines.append(f"{mark} {tr_message(title)}")
        for finding in found:
            lines.append(f"    {tr_message(finding.message)}")
            lines.extend(f"      {example}" for example in finding.examples)
            if finding.count > len(finding.examples) and finding.examples:
                lines.append(
                    "      "
                    + QCoreApplication.translate("CheckDialog", "… and %1 more").replace(
                        "%1", str(finding.count - len(finding.examples))
                    )
                )
    lines.append("")
    lines.append(
        QCoreApplication.translate("CheckDialog", "Audit log: %1 entries.").replace(
            "%1", f"{report.audit_entries:,}"
        )
    )
    return "\n".join(lines)


def _run_check(task: TaskContext) -> Any:
    from db.storage import check

    def progress(done: int, total: int, title: str) -> None:
        task.progress(done, total, tr_message(title))

    return check.run_check(task.store().db, progress)


def _repair_and_check(task: TaskContext) -> tuple[Any, Any]:
    from db.storage import check

    task.progress(0, 0, QCoreApplication.translate("CheckDialog", "Repairing…"))
    result = check.repair(task.store())
    return result, _run_check(task)


class CheckDialog(QDialog):
    """Runs the check when opened; Repair (when something can be recomputed) and Check again."""

    repaired = Signal(object)  # db.storage.check.RepairResult: pages showing summaries may refresh

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.report: Any = None
        self.handle: TaskHandle | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        self.progress = QProgressBar()
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setFont(QFont(self.text.font().family(), self.text.font().pointSize()))
        self.text.setMinimumSize(620, 320)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.repair_button = QPushButton()
        self.again_button = QPushButton()
        self.buttons.addButton(self.repair_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.again_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.repair_button.clicked.connect(self.repair)
        self.again_button.clicked.connect(self.start_check)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.progress)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        self._set_busy(False)

    # ---- running
    def start_check(self) -> TaskHandle:
        return self._start("check database", _run_check, self._checked)

    def repair(self) -> TaskHandle | None:
        answer = QMessageBox.question(
            self,
            QCoreApplication.translate("CheckDialog", "Repair the database"),
            QCoreApplication.translate(
                "CheckDialog",
                "The daily summaries and shipment totals will be recomputed from the records, in one "
                "step that is written to the audit log. No record is changed. Repair now?",
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        return self.start_repair()

    def start_repair(self) -> TaskHandle:
        return self._start("repair database", _repair_and_check, self._repaired)

    def _start(self, name: str, fn: Any, done: Any) -> TaskHandle:
        self._set_busy(True)
        self.summary.setText(
            QCoreApplication.translate("CheckDialog", "Checking %1 …").replace("%1", str(self.ctx.db_path))
        )
        handle = self.ctx.tasks.start(name, fn, announce=False)
        handle.progressed.connect(self._progressed)
        handle.succeeded.connect(done)
        handle.failed.connect(self._failed)
        handle.ended.connect(lambda: self._set_busy(False))
        self.handle = handle
        return handle

    def _progressed(self, done: int, total: int, message: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        if message:
            self.progress.setFormat(message)

    def _checked(self, report: Any) -> None:
        self.report = report
        self.text.setPlainText(report_text(report))
        self._show_summary()

    def _repaired(self, results: tuple[Any, Any]) -> None:
        result, report = results
        self._checked(report)
        self.repaired.emit(result)

    def _failed(self, message: str, _detail: str) -> None:
        self.summary.setText(
            QCoreApplication.translate("CheckDialog", "The check could not be completed: %1").replace(
                "%1", message
            )
        )

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.again_button.setEnabled(not busy)
        self.repair_button.setEnabled(not busy and self.report is not None and self.report.repairable)

    def _show_summary(self) -> None:
        report = self.report
        n = len(report.findings) if report is not None else 0
        if report is None:
            self.summary.setText("")
        elif report.ok:
            self.summary.setText(QCoreApplication.translate("CheckDialog", "Everything is in order."))
        elif report.repairable:
            self.summary.setText(
                QCoreApplication.translate(
                    "CheckDialog",
                    "%n problem(s) found. Repair recomputes the summaries from the records.",
                    "",
                    n,
                )
            )
        else:
            self.summary.setText(
                QCoreApplication.translate(
                    "CheckDialog",
                    "%n problem(s) found that a repair cannot recompute; restore a backup or correct the "
                    "records named below.",
                    "",
                    n,
                )
            )

    # ---- texts
    def retranslate_ui(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("CheckDialog", "Check the database"))
        self.repair_button.setText(QCoreApplication.translate("CheckDialog", "&Repair"))
        self.again_button.setText(QCoreApplication.translate("CheckDialog", "Check &again"))
        if self.report is not None:
            self.text.setPlainText(report_text(self.report))
        self._show_summary()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


def _action_texts() -> tuple[str, str]:
    return (
        QCoreApplication.translate("CheckDialog", "&Check the database…"),
        QCoreApplication.translate(
            "CheckDialog",
            "Check the file, the weights, the summaries and the audit log; repair the summaries",
        ),
    )


def install(window: Any, ctx: AppContext) -> QAction:
    """Add Help ▸ Check the database… to a main window; returns the action."""
    action = QAction(window)
    action.setObjectName("check_database")
    window._check_retranslator = ActionTexts(window, action, _action_texts)

    def show() -> None:
        dialog = CheckDialog(ctx, window)
        window.check_dialog = dialog
        dialog.repaired.connect(lambda _r: [page.refresh() for page in getattr(window, "pages", [])])
        dialog.open()
        dialog.start_check()

    action.triggered.connect(show)
    window.add_menu_action("help", action)
    return action
