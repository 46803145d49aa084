"""Editing an id-list page's cells in place: typed values, Ctrl+Enter for the selection, fill down,
copy (big selections in a task) and paste; every write is one undo step through app.commands.

A mixin of IdListPage (app/views/pages/idlist_page.py), which provides the view, the model, the
editable columns and the repository; its texts keep the IdListPage translation context.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from app import commands
from app.messages import tr_error, tr_message
from app.models.idlist import IdListModel
from app.tasks import TaskContext, TaskHandle
from app.views.widgets.paste_grid import PasteDialog, model_row_texts
from db import plausibility
from db.errors import DomainError
from db.i18n import Text
from db.records import Record

# Rows copied at once on the GUI thread (about 50 ms per thousand); more are copied in a task.
COPY_AT_ONCE = 2_000


class CellEditing:
    """Cell edits, fill down, copy and paste of an IdListPage."""

    # ---- editing cells
    def _edit_cells(self, ids: list[int], key: str, text: str) -> bool:
        if self.delegate.to_selection:
            self.delegate.to_selection = False
            column = self.model.column_index(key)
            rows = {
                r
                for rng in self.view.selectionModel().selection()
                if rng.left() <= column <= rng.right()
                for r in range(rng.top(), rng.bottom() + 1)
            }
            if rows:
                ids = [self.model.id_at(r) for r in sorted(rows)]
        return self.set_value(ids, key, text)

    def set_value_for_selection(self, key: str, text: str) -> bool:
        """Type one value into a column for every selected row: one undo step."""
        return self.set_value(self.selected_ids(), key, text)

    def set_value(self, ids: list[int], key: str, text: str) -> bool:
        spec = self.editable.get(key)
        if spec is None or not ids:
            return False
        result = spec.parser()(text)
        if result.error is not None:
            self.show_error(f"{self.column_title(key)}: {tr_message(result.error)}")
            return False
        return self.write_values({i: {spec.field: result.value} for i in ids})

    def column_title(self, key: str) -> str:
        column = self.model.columns[self.model.column_index(key)]
        return QCoreApplication.translate(self.model.context, column.title)

    def adjust(self, record: Record, changes: dict[str, Any]) -> Record:
        """The record with the changes applied (subclasses keep dependent fields consistent)."""
        return record.replace(**changes)

    def write_values(self, changes: dict[int, dict[str, Any]]) -> bool:
        before = self.repo().get_many(list(changes))
        after = [self.adjust(r, changes[r.id]) for r in before]
        pairs = [(b, a) for b, a in zip(before, after, strict=True) if a != b]
        if not pairs:
            return True
        try:
            commands.push(
                self.ctx.undo_stack,
                commands.UpdateRecords(
                    self.repo(), [b for b, _ in pairs], [a for _, a in pairs], self._written
                ),
            )
        except DomainError as exc:
            self.show_error(tr_error(exc))
            return False
        return True

    def fill_down(self) -> None:
        """Copy the top selected cell of each selected column into the selected rows below it."""
        columns: dict[int, set[int]] = {}
        for rng in self.view.selectionModel().selection():
            for c in range(rng.left(), rng.right() + 1):
                columns.setdefault(c, set()).update(range(rng.top(), rng.bottom() + 1))
        changes: dict[int, dict[str, Any]] = {}
        for c, rows in columns.items():
            key = self.model.columns[c].key
            spec = self.editable.get(key)
            if spec is None or len(rows) < 2:
                continue
            ordered = sorted(rows)
            value = self.model.data(self.model.index(ordered[0], c), IdListModel.ValueRole)
            for r in ordered[1:]:
                changes.setdefault(self.model.id_at(r), {})[spec.field] = value
        if changes:
            self.write_values(changes)

    # ---- copy and paste
    def copy_selection(self) -> TaskHandle | None:
        """Put the selected rows on the clipboard as tab-separated text. Up to COPY_AT_ONCE rows
        are copied at once; more are read and formatted in a task (100,000 rows took 5.7 s on the
        GUI thread), with progress and Cancel, and reach the clipboard when done."""
        runs = _selected_runs(self.view.selectionModel().selection())
        n_rows = sum(bottom - top + 1 for top, bottom in runs)
        if n_rows == 0 and self.view.currentIndex().isValid():
            runs, n_rows = [(self.view.currentIndex().row(),) * 2], 1
        if n_rows <= COPY_AT_ONCE or self.ctx.tasks is None:
            QGuiApplication.clipboard().setText(model_row_texts(self.model, self.selected_rows()))
            return None
        ids, columns, language = self.model.ids, list(self.model.columns), self.model.language
        make_browser = self.model.task_browser

        def copy(task: TaskContext) -> tuple[str, int]:
            browser = make_browser(task.store().db)
            lines: list[str] = []
            for top, bottom in runs:
                for start in range(top, bottom + 1, 1000):
                    task.progress(len(lines), n_rows)
                    chunk = list(ids[start : min(start + 1000, bottom + 1)])
                    found = browser.rows(chunk)
                    for record_id in chunk:
                        row = found.get(record_id)
                        cells = [
                            column.display(row, language) if row is not None else "" for column in columns
                        ]
                        lines.append("\t".join(c.replace("\t", " ").replace("\n", " ") for c in cells))
            return "\n".join(lines), len(lines)

        handle = self.ctx.tasks.start("copy rows", copy)
        handle.succeeded.connect(self._copied)
        return handle

    def _copied(self, result: tuple[str, int]) -> None:
        text, n = result
        QGuiApplication.clipboard().setText(text)
        self.status_message.emit(QCoreApplication.translate("IdListPage", "Copied %n row(s).", "", n))

    def paste(self) -> None:
        self.paste_text(QGuiApplication.clipboard().text())

    def paste_text(self, text: str) -> PasteDialog | None:
        """Show pasted rows for checking; Save adds them all as one undo step."""
        dialog = PasteDialog(
            self.paste_columns(),
            text,
            QCoreApplication.translate("IdListPage", "Paste rows"),
            self,
            self.paste_row_check,
        )
        if dialog.grid.rowCount() == 0:
            dialog.deleteLater()
            self.status_message.emit(
                QCoreApplication.translate("IdListPage", "The clipboard holds no rows to paste.")
            )
            return None
        dialog.accepted.connect(lambda: self._save_pasted(dialog))
        dialog.open()
        return dialog

    def paste_row_check(self, values: dict[str, Any]) -> list[tuple[str, str]]:
        """Checks across a pasted row's cells: (column key, message) per problem."""
        return []

    def paste_warnings(self, records: list[Record]) -> list[list[Text]]:
        """Per pasted record, what is allowed but looks like a typing error (db.plausibility)."""
        return [[] for _ in records]

    def accept_warnings(self, warnings: list[str]) -> bool:
        """Ask whether to save although some values look like typing errors (tests replace this);
        the words are the shipment form's."""
        translate = QCoreApplication.translate
        box = QMessageBox(
            QMessageBox.Icon.Warning, translate("ShipmentForm", "Save anyway?"), "", parent=self
        )
        box.setText(translate("ShipmentForm", "Some values look like typing errors:"))
        box.setInformativeText("\n".join(warnings))
        save = box.addButton(translate("ShipmentForm", "Save anyway"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(translate("ShipmentForm", "Check again"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is save

    def _save_pasted(self, dialog: PasteDialog) -> None:
        records = self.records_from_rows(dialog.grid.values())
        warnings = self.paste_warnings(records)
        shown = [tr_message(w) for found in warnings for w in found]
        if shown and not self.accept_warnings(shown):
            dialog.open()  # back to the rows, to correct them
            return
        count = len(records)  # lupdate finds a plural only when its count is a plain name
        try:
            # the records and the acceptance of their warnings: one transaction
            with self.ctx.store.write():
                command = commands.AddRecords(
                    self.repo(),
                    records,
                    self._written,
                    QCoreApplication.translate("IdListPage", "Paste %n row(s)", "", count),
                )
                command.text_source = ("IdListPage", "Paste %n row(s)", count)
                commands.push(self.ctx.undo_stack, command)
                for record, found in zip(command.saved, warnings, strict=True):
                    if found:
                        plausibility.record_acceptance(self.ctx.store, record.TABLE, record.id, found)
        except DomainError as exc:
            self.show_error(tr_error(exc))
            return
        self.status_message.emit(QCoreApplication.translate("IdListPage", "%n row(s) added", "", count))


def _selected_runs(selection) -> list[tuple[int, int]]:
    """Selected rows as merged (top, bottom) runs, from the selection's ranges."""
    runs: list[tuple[int, int]] = []
    for top, bottom in sorted((r.top(), r.bottom()) for r in selection):
        if runs and top <= runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], max(bottom, runs[-1][1]))
        else:
            runs.append((top, bottom))
    return runs
