"""A record's history from the audit log (who, when, before → after), opened from a table's context menu."""

from __future__ import annotations

import json
from collections.abc import Callable
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


def _value(value: Any) -> str:
    if value is None:
        return "—"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


class HistoryDialog(QDialog):
    """Every audited change of one record, oldest first; each change lists the fields it changed."""

    def __init__(self, ctx: AppContext, table: str, row_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        from db import audit

        self.table, self.row_id = table, row_id
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

    def fill(self) -> None:
        self.tree.clear()
        for change in self.changes:
            top = QTreeWidgetItem(
                self.tree, [change.at.replace("T", " ")[:19], change.user, self._action(change.action), ""]
            )
            fields = change.changed_fields()
            if change.action == "insert":
                fields = [(k, None, v) for k, _b, v in fields]
            for name, before, after in fields:
                QTreeWidgetItem(top, ["", "", name, f"{_value(before)} → {_value(after)}"])
            top.setExpanded(change.action != "insert")
        for column in range(3):
            self.tree.resizeColumnToContents(column)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(
            QCoreApplication.translate("HistoryDialog", "History of %1 #%2")
            .replace("%1", self.table)
            .replace("%2", str(self.row_id))
        )
        n = len(self.changes)
        self.heading.setText(
            QCoreApplication.translate("HistoryDialog", "%n change(s) recorded in the audit log.", "", n)
        )
        self.tree.setHeaderLabels(
            [
                QCoreApplication.translate("HistoryDialog", "When (UTC)"),
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
