"""A record's history from the audit log (who, when, before → after), opened from a table's context menu."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.messages import tr_message
from db.storage import changes


def _local_time(at: str) -> str:
    """An audit time (UTC, ISO) on the clerk's own clock."""
    try:
        return datetime.fromisoformat(at).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        return at.replace("T", " ")[:19]


class HistoryDialog(QDialog):
    """Every audited change of one record, oldest first; each change lists the fields it changed."""

    def __init__(self, ctx: AppContext, table: str, row_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        from db.storage import audit

        self.ctx, self.table, self.row_id = ctx, table, row_id
        self.repo = next((r for r in vars(ctx.store).values() if getattr(r, "table", None) == table), None)
        self.changes = audit.changes(ctx.store.db, table=table, record=row_id)
        self.heading = QLabel()
        self.tree = QTreeWidget()
        self.tree.setColumnCount(4)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setMinimumSize(720, 360)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.retranslate_ui()

    def _action(self, action: str) -> str:
        names = {
            "insert": QCoreApplication.translate("HistoryDialog", "added"),
            "update": QCoreApplication.translate("HistoryDialog", "changed"),
            "delete": QCoreApplication.translate("HistoryDialog", "deleted"),
            "archive": QCoreApplication.translate("HistoryDialog", "archived"),
            "restore": QCoreApplication.translate("HistoryDialog", "restored"),
        }
        return names.get(action, action)

    def _shown(self, field: str, value: Any) -> str:
        if value is None:
            return "—"
        codes = self.repo.code_fields if self.repo is not None else None
        return tr_message(changes.readable(field, value, self.ctx.store.name_of, codes, self.ctx.language))

    def fill(self) -> None:
        self.tree.clear()
        for change in self.changes:
            top = QTreeWidgetItem(
                self.tree, [_local_time(change.at), change.user, self._action(change.action), ""]
            )
            order = list(changes.FIELD_LABELS)  # the record's fields in the order people read them
            fields = sorted(
                (f for f in change.changed_fields() if f[0] != "id"),
                key=lambda f: order.index(f[0]) if f[0] in order else len(order),
            )
            if change.action == "insert":
                fields = [(k, None, v) for k, _b, v in fields]
            for name, before, after in fields:
                label = tr_message(changes.field_label(name))
                QTreeWidgetItem(
                    top, ["", "", label, f"{self._shown(name, before)} → {self._shown(name, after)}"]
                )
            top.setExpanded(True)
        for column in range(3):
            self.tree.resizeColumnToContents(column)  # measured with every change open
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            top.setExpanded(self.changes[i].action != "insert")

    def retranslate_ui(self) -> None:
        record = self.repo.find(self.row_id) if self.repo is not None else None
        name = self.repo.display_name(record) if record is not None else f"#{self.row_id}"
        kind = tr_message(self.repo.label) if self.repo is not None else self.table
        self.setWindowTitle(
            QCoreApplication.translate("HistoryDialog", "History of %1 %2")
            .replace("%1", kind)
            .replace("%2", name)
        )
        n = len(self.changes)
        self.heading.setText(
            QCoreApplication.translate("HistoryDialog", "%n change(s) recorded in the audit log.", "", n)
        )
        self.tree.setHeaderLabels(
            [
                QCoreApplication.translate("HistoryDialog", "When"),
                QCoreApplication.translate("HistoryDialog", "Who"),
                QCoreApplication.translate("HistoryDialog", "What"),
                QCoreApplication.translate("HistoryDialog", "Before → after"),
            ]
        )
        self.fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class _HistoryAction(QObject):
    """The context-menu action of one table view, retranslated when the language changes."""

    def __init__(
        self, view: QAbstractItemView, ctx: AppContext, table: Callable[[], str], current: Callable[[], Any]
    ):
        super().__init__(view)
        self.view, self.ctx, self.table, self.current = view, ctx, table, current
        self.action = QAction(view)
        self.action.setObjectName("record_history")
        self.action.triggered.connect(self.show)
        view.addAction(self.action)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        view.installEventFilter(self)
        self.dialog: HistoryDialog | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.action.setText(QCoreApplication.translate("HistoryDialog", "History…"))

    def show(self) -> HistoryDialog | None:
        row_id = self.current()
        if row_id is None:
            return None
        self.dialog = HistoryDialog(self.ctx, self.table(), row_id, self.view.window())
        self.dialog.open()
        return self.dialog

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False


def add_history_action(
    view: QAbstractItemView, ctx: AppContext, table: Callable[[], str], current: Callable[[], Any]
) -> _HistoryAction:
    """Give a record table a context menu with History… for the record under the cursor."""
    return _HistoryAction(view, ctx, table, current)
