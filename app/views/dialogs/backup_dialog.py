"""Backups in the desktop app: File → Back up now… and Restore… (the backups dialog), the day's first
backup at start, and the offer of the latest good backup when the database is damaged.

`install(window, ctx)` is the one call app.main makes for a main window; `offer_latest_backup` is
called where a database that cannot be opened is reported.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.messages import tr_error
from app.settings import Settings
from app.tasks import TaskContext, TaskHandle
from db.errors import DatabaseFileError, DatabaseLockedError, ForeignDatabaseError
from db.storage import backup, restore

log = logging.getLogger(__name__)

_MB = 1024 * 1024
# Stages a Cancel may stop: before the restored data is committed. Later ones always finish.
_CANCELLABLE = ("copy", "check", "write")
_COLUMNS = ("date", "reason", "size", "harvests", "shipments", "payments", "certificates", "records", "file")


def reason_label(reason: str) -> str:
    labels = {
        backup.DAILY: QCoreApplication.translate("Backups", "Daily"),
        backup.BEFORE_IMPORT: QCoreApplication.translate("Backups", "Before an import"),
        backup.BEFORE_MIGRATION: QCoreApplication.translate("Backups", "Before an upgrade"),
        backup.BEFORE_RESTORE: QCoreApplication.translate("Backups", "Before a restore"),
        backup.MANUAL: QCoreApplication.translate("Backups", "Made by hand"),
    }
    return labels.get(reason, reason or "—")


def stage_label(stage: str) -> str:
    labels = {
        "copy": QCoreApplication.translate("Backups", "Copying the database…"),
        "verify": QCoreApplication.translate("Backups", "Checking the copy…"),
        "check": QCoreApplication.translate("Backups", "Checking the backup…"),
        "write": QCoreApplication.translate("Backups", "Restoring…"),
        "written": QCoreApplication.translate("Backups", "Bringing the data up to date…"),
        "migrate": QCoreApplication.translate("Backups", "Bringing the data up to date…"),
    }
    return labels.get(stage, "")


def table_label(table: str) -> str:
    labels = {
        "operators": QCoreApplication.translate("Backups", "Operators"),
        "plots": QCoreApplication.translate("Backups", "Plots"),
        "crops": QCoreApplication.translate("Backups", "Crops"),
        "markets": QCoreApplication.translate("Backups", "Markets"),
        "buyers": QCoreApplication.translate("Backups", "Buyers"),
        "harvests": QCoreApplication.translate("Backups", "Harvests"),
        "shipments": QCoreApplication.translate("Backups", "Shipments"),
        "shipment_lines": QCoreApplication.translate("Backups", "Shipment lines"),
        "payments": QCoreApplication.translate("Backups", "Payments"),
        "certificates": QCoreApplication.translate("Backups", "Certificates"),
        "audit_log": QCoreApplication.translate("Backups", "Audit entries"),
    }
    return labels.get(table, table)


def counts_table(before: dict[str, int], after: dict[str, int]) -> str:
    """An HTML table, one row per table of records: name, now, after; changed rows in bold."""
    rows = []
    for table, b, a in restore.changed_counts(before, after):
        weight = "bold" if a != b else "normal"
        rows.append(
            f"<tr style='font-weight:{weight}'><td>{html.escape(table_label(table))}</td>"
            f"<td align='right'>{b:,}</td><td>→</td><td align='right'>{a:,}</td></tr>"
        )
    return "<table cellspacing='0' cellpadding='2'>" + "".join(rows) + "</table>"


def _task_progress(task: TaskContext) -> backup.Progress:
    """db.storage.backup progress → the task's progress; Cancel stops only the stages before the commit."""

    def report(done: int, total: int, stage: str) -> None:
        if stage in _CANCELLABLE or not task.cancelled:
            task.progress(done, total, stage_label(stage))  # the status bar shows the message

    return report


# ------------------------------------------------------------------------------------------ actions


class BackupActions(QObject):
    """The File menu's Back up now… and Restore…, and the day's first backup."""

    backed_up = Signal(object)  # the BackupInfo of a finished backup
    restored = Signal(object)  # the RestoreResult, after the pages were refreshed

    def __init__(self, window, ctx: AppContext):
        super().__init__(window)
        self.window, self.ctx = window, ctx
        self.back_up_action = QAction(window)
        self.back_up_action.setObjectName("action_back_up")
        self.restore_action = QAction(window)
        self.restore_action.setObjectName("action_restore")
        quit_action = window.actions["quit"]
        menu = window.menus["file"]
        for action in (self.back_up_action, self.restore_action):
            window.add_menu_action("file", action)
            menu.insertAction(quit_action, action)  # moves it above Quit
        menu.insertSeparator(quit_action)
        self.back_up_action.triggered.connect(self.back_up_now)
        self.restore_action.triggered.connect(self.open_restore_dialog)
        self.handle: TaskHandle | None = None
        self.dialog: RestoreDialog | None = None
        self.message: QMessageBox | None = None
        window.installEventFilter(self)
        self.retranslate_ui()

    def folder(self) -> Path:
        return self.ctx.settings.backup_folder_for(self.ctx.db_path)

    def back_up_now(self) -> TaskHandle:
        db_path, folder = self.ctx.db_path, self.folder()

        def work(task: TaskContext) -> backup.BackupInfo:
            return backup.backup_database(
                task.store().db, db_path, backup.MANUAL, folder=folder, progress=_task_progress(task)
            )

        self.handle = self.ctx.tasks.start("backup", work)
        self.handle.succeeded.connect(self._backed_up)
        self.handle.failed.connect(self._backup_failed)
        return self.handle

    def start_daily_backup(self) -> TaskHandle:
        """The first backup of the day, in a task (nothing is made if one exists or the file is empty)."""
        db_path, folder = self.ctx.db_path, self.folder()

        def work(task: TaskContext) -> backup.BackupInfo | None:
            return backup.daily_backup(task.store().db, db_path, folder=folder, progress=_task_progress(task))

        self.handle = self.ctx.tasks.start("daily backup", work)
        self.handle.succeeded.connect(self._daily_done)
        self.handle.failed.connect(self._backup_failed)
        return self.handle

    def _daily_done(self, info: backup.BackupInfo | None) -> None:
        if info is not None:
            self.window.statusBar().showMessage(
                self.tr("Today's backup was saved as %1.").replace("%1", str(info.path)), 8000
            )
            self.backed_up.emit(info)

    def _backed_up(self, info: backup.BackupInfo) -> None:
        self.backed_up.emit(info)
        self._show(
            QMessageBox.Icon.Information,
            self.tr("Backed up %1 records to:\n%2\n\nThe copy was checked (integrity and record counts).")
            .replace("%1", f"{info.records:,}")
            .replace("%2", str(info.path)),
        )

    def _backup_failed(self, message: str, _detail: str) -> None:
        self._show(QMessageBox.Icon.Warning, self.tr("The backup failed: %1").replace("%1", message))

    def _show(self, icon: QMessageBox.Icon, text: str) -> None:
        self.message = QMessageBox(icon, self.tr("Backup"), text, QMessageBox.StandardButton.Ok, self.window)
        self.message.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.message.open()

    def open_restore_dialog(self) -> RestoreDialog:
        self.dialog = RestoreDialog(self.ctx, self.folder(), self.window)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.restored.connect(self.after_restore)
        self.dialog.folder_changed.connect(self._folder_changed)
        self.dialog.open()
        return self.dialog

    def _folder_changed(self, folder: str) -> None:
        self.ctx.settings.backup_folder = folder

    def after_restore(self, result: restore.RestoreResult) -> None:
        """The undo steps refer to the data before the restore: drop them; every page reloads."""
        self.ctx.undo_stack.clear()
        for page in self.window.built_pages():  # the others read the data when first shown
            page.refresh()
        self.restored.emit(result)

    def retranslate_ui(self) -> None:
        self.back_up_action.setText(self.tr("&Back up now…"))
        self.back_up_action.setStatusTip(
            self.tr("Copy the database into the backups folder and check the copy")
        )
        self.restore_action.setText(self.tr("&Restore from a backup…"))
        self.restore_action.setStatusTip(self.tr("List the backups and put one back"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        return False


def install(window, ctx: AppContext, *, daily: bool = True) -> BackupActions:
    """Add the backup actions to a main window and start the day's first backup."""
    actions = BackupActions(window, ctx)
    if daily and not ctx.store.read_only:  # a file that cannot change needs no new copy
        actions.start_daily_backup()
    return actions


# ------------------------------------------------------------------------------------------ dialog


class RestoreDialog(QDialog):
    """The backups of the open database, and the way to put one back."""

    restored = Signal(object)  # RestoreResult
    folder_changed = Signal(str)

    def __init__(self, ctx: AppContext, folder: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.folder = Path(folder)
        self.backups: list[backup.BackupInfo] = []
        self.current_counts: dict[str, int] = {}  # the database's, read with the list
        self.handle: TaskHandle | None = None
        self.confirmation: QMessageBox | None = None
        self.pending: backup.BackupInfo | None = None
        self.result: restore.RestoreResult | None = None
        self._finished_result: restore.RestoreResult | None = None
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, len(_COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.ask_restore())
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.hide()
        policy = self.progress.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.progress.setSizePolicy(policy)
        self.restore_button = QPushButton()
        self.restore_button.setDefault(True)
        self.other_button = QPushButton()
        self.folder_button = QPushButton()
        self.close_button = QPushButton()
        self.restore_button.clicked.connect(lambda: self.ask_restore())
        self.other_button.clicked.connect(self.choose_file)
        self.folder_button.clicked.connect(self.choose_folder)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.folder_button)
        buttons.addWidget(self.other_button)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(860, 440)
        self.retranslate_ui()
        self.load()

    # ---- the list
    def load(self, keep_status: bool = False) -> TaskHandle:
        """Read the backups (their counts, through SQLite read-only) in a task. `keep_status` keeps
        the message below the list (what a restore did) instead of counting the backups."""
        db_path, folder = self.ctx.db_path, self.folder
        self._keep_status = keep_status
        if not keep_status:
            self.status.setText(self.tr("Reading the backups…"))

        def read(task: TaskContext) -> tuple[list[backup.BackupInfo], dict[str, int]]:
            # The database's own counts too, for the confirmation, so nothing is counted on the GUI thread.
            return backup.list_backups(db_path, folder), backup.count_records(task.store().db.conn)

        self.handle = self.ctx.tasks.start("list backups", read, announce=False)
        self.handle.succeeded.connect(self._listed)
        self.handle.failed.connect(self._list_failed)
        self._update_buttons()
        return self.handle

    def _list_failed(self, message: str, _detail: str) -> None:
        self.handle = None
        self.status.setText(message)
        self._update_buttons()

    def _listed(self, listed: tuple[list[backup.BackupInfo], dict[str, int]]) -> None:
        self.handle = None
        found, self.current_counts = listed
        self.backups = found
        self._fill()
        if not self._keep_status:
            count = len(found)  # lupdate finds a plural only when its count is a plain name
            self.status.setText(
                self.tr("No backups yet.") if not found else self.tr("%n backup(s).", "", count)
            )
        if found:
            self.table.selectRow(0)
        self._update_buttons()

    def _fill(self) -> None:
        self.table.setRowCount(len(self.backups))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for row, info in enumerate(self.backups):
            c = info.counts
            texts = [
                info.created.strftime("%Y-%m-%d %H:%M:%S"),
                reason_label(info.reason),
                f"{info.size / _MB:,.1f} MB",
                *(
                    [f"{c.get(t, 0):,}" for t in ("harvests", "shipments", "payments", "certificates")]
                    + [f"{info.records:,}"]
                    if info.ok
                    else ["", "", "", "", self.tr("cannot be used")]
                ),
                info.path.name,
            ]
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if 2 <= column < len(_COLUMNS) - 1:
                    item.setTextAlignment(right)
                if not info.ok:
                    item.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
                    item.setToolTip(tr_error(backup.BackupError(info.problem)))
                self.table.setItem(row, column, item)

    def selected(self) -> backup.BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        busy = self.handle is not None
        chosen = self.selected()
        self.restore_button.setEnabled(not busy and chosen is not None and chosen.ok)
        for button in (self.other_button, self.folder_button):
            button.setEnabled(not busy)

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Restore from a backup file"),
            str(self.folder),
            self.tr("Databases (*.db *.sqlite);;All files (*)"),
        )
        if path:
            self.ask_restore(backup.read_backup(path))

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Backups folder"), str(self.folder))
        if folder:
            self.set_folder(Path(folder))

    def set_folder(self, folder: Path) -> None:
        self.folder = folder
        self.folder_changed.emit(str(folder))
        self.retranslate_ui()
        self.load()

    # ---- restoring
    def ask_restore(self, info: backup.BackupInfo | None = None) -> QMessageBox | None:
        """Confirm, naming the record counts now and after; the answer starts the restore."""
        info = info or self.selected()
        if info is None or self.handle is not None:
            return None
        if not info.ok:
            self.status.setText(tr_error(backup.BackupError(info.problem)))
            return None
        before = self.current_counts
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Restore"))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(
            html.escape(
                self.tr("Replace the database's content with the backup of %1 (%2)?")
                .replace("%1", info.created.strftime("%Y-%m-%d %H:%M:%S"))
                .replace("%2", reason_label(info.reason))
            )
        )
        box.setInformativeText(
            "<p>"
            + html.escape(self.tr("Records now → after the restore:"))
            + "</p>"
            + counts_table(before, info.counts)
            + "<p>"
            + html.escape(self.tr("The database as it is now is backed up first. Undo history is cleared."))
            + "</p>"
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Restore"))
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.pending = info
        box.finished.connect(self._answered)
        self.confirmation = box
        box.open()
        return box

    def _answered(self, answer: int) -> None:
        info, self.pending = self.pending, None
        if answer == QMessageBox.StandardButton.Yes and info is not None:
            self.start_restore(info)
        else:
            self.status.setText(self.tr("Nothing was changed."))

    def start_restore(self, info: backup.BackupInfo) -> TaskHandle:
        db_path, folder = self.ctx.db_path, self.folder
        self._finished_result = None

        def work(task: TaskContext) -> restore.RestoreResult:
            store = task.store()
            store.db.conn.set_progress_handler(None, 0)  # Cancel is checked between the steps
            result = restore.restore(
                store.db, db_path, info.path, folder=folder, progress=_task_progress(task)
            )
            self._finished_result = result  # a Cancel pressed after the commit does not undo it
            return result

        self.progress.setRange(0, 0)
        self.progress.show()
        self.status.setText(self.tr("Checking the backup…"))
        self.handle = self.ctx.tasks.start("restore", work)
        self.handle.progressed.connect(self._progressed)
        self.handle.succeeded.connect(self._restored)
        self.handle.failed.connect(self._restore_failed)
        self.handle.cancelled.connect(self._restore_cancelled)
        self.close_button.setText(self.tr("Cancel"))
        self._update_buttons()
        return self.handle

    def _progressed(self, done: int, total: int, message: str) -> None:
        self.progress.setRange(0, max(total, 0))
        self.progress.setValue(done)
        if message:
            self.status.setText(message)

    def _end_task(self) -> None:
        self.handle = None
        self.progress.hide()
        self.close_button.setText(self.tr("Close"))
        self._update_buttons()

    def _restored(self, result: restore.RestoreResult) -> None:
        self._end_task()
        self.result = result
        self.restored.emit(result)
        safety = result.safety.path.name if result.safety else "—"
        self.status.setText(
            self.tr("Restored the backup of %1: %2 records. The database as it was is saved as %3.")
            .replace("%1", result.backup.created.strftime("%Y-%m-%d %H:%M:%S"))
            .replace("%2", f"{sum(n for t, n in result.after.items() if t != 'audit_log'):,}")
            .replace("%3", safety)
        )
        self.load(keep_status=True)

    def _restore_failed(self, message: str, _detail: str) -> None:
        self._end_task()
        self.status.setText(self.tr("Not restored; the database was not changed. %1").replace("%1", message))

    def _restore_cancelled(self) -> None:
        if self._finished_result is not None:  # Cancel came after the commit: it was restored
            self._restored(self._finished_result)
            return
        self._end_task()
        self.status.setText(self.tr("Cancelled; the database was not changed."))

    def reject(self) -> None:
        if self.handle is not None and self.handle.running:
            self.handle.cancel()
            return
        super().reject()

    # ---- texts
    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Backups"))
        self.heading.setText(
            self.tr(
                "Backups of %1 in %2. A backup is made each day at the first start, before every "
                "import, upgrade and restore; the last 14 days, 8 weeks and 12 months are kept."
            )
            .replace("%1", self.ctx.db_path.name)
            .replace("%2", str(self.folder))
        )
        titles = [
            self.tr("Date"),
            self.tr("Reason"),
            self.tr("Size"),
            self.tr("Harvests"),
            self.tr("Shipments"),
            self.tr("Payments"),
            self.tr("Certificates"),
            self.tr("All records"),
            self.tr("File"),
        ]
        self.table.setHorizontalHeaderLabels(titles)
        self.restore_button.setText(self.tr("&Restore…"))
        self.other_button.setText(self.tr("Other &file…"))
        self.folder_button.setText(self.tr("Change &folder…"))
        self.close_button.setText(self.tr("Cancel") if self.handle is not None else self.tr("Close"))
        if self.backups:
            self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


# ------------------------------------------------------------------------------------------ at start


def offer_latest_backup(
    error: DatabaseFileError,
    path: Path,
    settings: Settings | None = None,
    confirm: Callable[[DatabaseFileError, backup.BackupInfo], bool] | None = None,
) -> bool:
    """When `path` is damaged and a good backup of it exists, offer to restore it (the damaged file
    is kept beside it). True when it was restored, so opening can be tried again."""
    if isinstance(error, ForeignDatabaseError | DatabaseLockedError) or not restore.is_damaged(path):
        return False
    folder = (settings or Settings()).backup_folder_for(path)
    latest = backup.latest_good_backup(path, folder)
    if latest is None:
        return False
    if not (confirm or _confirm_restore)(error, latest):
        return False
    try:
        result = restore.restore_file(path, latest.path)
    except backup.BackupError as exc:
        log.warning("restoring %s from %s failed: %s", path, latest.path, exc)
        QMessageBox.warning(None, QCoreApplication.translate("Backups", "Restore"), tr_error(exc))
        return False
    log.warning("restored %s from %s; damaged file kept as %s", path, latest.path, result.damaged_copy)
    return True


def _confirm_restore(error: DatabaseFileError, latest: backup.BackupInfo) -> bool:
    box = QMessageBox(
        QMessageBox.Icon.Warning, QCoreApplication.translate("Backups", "Restore"), tr_error(error)
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "Backups",
            "The latest good backup is from %1 (%2 records). Restore it? The damaged file is kept "
            "beside it, renamed.",
        )
        .replace("%1", latest.created.strftime("%Y-%m-%d %H:%M:%S"))
        .replace("%2", f"{latest.records:,}")
    )
    restore = box.addButton(
        QCoreApplication.translate("Backups", "Restore the backup"), QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton(QCoreApplication.translate("Backups", "Other choices…"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is restore
