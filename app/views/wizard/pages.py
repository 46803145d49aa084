"""The import wizard's plain pages: the file and its sheet, the mapping (each column → a field, with
its first values), the warnings to accept by kind, and the summary before the write."""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from app.messages import tr_message
from app.views.wizard.field_labels import field_labels
from app.views.wizard.names import shown_name
from app.views.wizard.wizard import (
    ALL_KINDS,
    MAPPING,
    PREVIEW,
    SUMMARY,
    ask_import_file,
    kind_title,
)
from app.views.wizard.wizard import save_template as write_template_file
from db import units
from db.documents import templates
from db.errors import DomainError
from db.importing import WARNING_KINDS, layout_of, preview_columns, sheet_names
from db.importing.remembered import remember_mapping, remembered_mapping


class _Page(QWizardPage):
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        raise NotImplementedError


class FilePage(_Page):
    """What kind of records, which file and which sheet; the blank template on offer."""

    looked = Signal()  # the file has been read (its sheets and titles) or refused

    def __init__(self, wizard):
        super().__init__()
        self.w = wizard
        self.kind_box = QComboBox()
        for kind in ALL_KINDS:
            self.kind_box.addItem("", kind)
        self.kind_box.setCurrentIndex(ALL_KINDS.index(wizard.kind))
        self.kind_box.currentIndexChanged.connect(self._kind_changed)
        self.path_edit = QLineEdit(str(wizard.path or ""))
        self.path_edit.textChanged.connect(self._path_changed)
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse)
        self.sheet_box = QComboBox()
        self.sheet_box.currentIndexChanged.connect(self._sheet_changed)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.template_button = QPushButton()
        self.template_button.clicked.connect(self.save_template)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse)
        self.form = QFormLayout()
        self.kind_label, self.file_label, self.sheet_label = QLabel(), QLabel(), QLabel()
        for label, field in (
            (self.kind_label, self.kind_box),
            (self.file_label, row),
            (self.sheet_label, self.sheet_box),
        ):
            self.form.addRow(label, field)
        self.kind_label.setBuddy(self.kind_box)
        self.file_label.setBuddy(self.path_edit)
        self.sheet_label.setBuddy(self.sheet_box)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.note)
        layout.addWidget(self.template_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.recognised = False
        self.error = ""
        self.reading = False
        self.columns: list | None = None  # (title, field key or None, first values) of the sheet
        self._generation = 0
        self.chosen: tuple | None = None  # (file, sheet, kind) the later pages were set up for
        self.retranslate_ui()
        self._path_changed()

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Choose the file"))
        self.setSubTitle(
            self.tr("A CSV file or an Excel/WPS workbook, in the program's layout or the clerk's own.")
        )
        for i, kind in enumerate(ALL_KINDS):
            self.kind_box.setItemText(i, kind_title(kind))
        self.kind_label.setText(self.tr("&Records:"))
        self.file_label.setText(self.tr("&File:"))
        self.sheet_label.setText(self.tr("&Sheet:"))
        self.browse.setText(self.tr("&Browse…"))
        self.template_button.setText(self.tr("Save a blank &template…"))
        self.template_button.setToolTip(
            self.tr(
                "A blank workbook with the columns, an example row and notes on each column (fujiang template)"
            )
        )
        self._show_note()

    def path(self) -> Path | None:
        text = self.path_edit.text().strip()
        return Path(text) if text else None

    def _browse(self) -> None:
        path = ask_import_file(self, self.w.ctx, self.w.windowTitle())
        if path:
            self.path_edit.setText(path)

    def _kind_changed(self) -> None:
        self.w.kind = self.kind_box.currentData()
        self.w.retranslate_ui()
        self._look(self.sheet_box.currentData())

    def _path_changed(self) -> None:
        self._look(None)  # a new file: its first sheet of records is chosen

    def _sheet_changed(self) -> None:
        self._look(self.sheet_box.currentData())

    def _look(self, sheet: str | None) -> None:
        """Read the file's sheets and the chosen sheet's titles and first values in a task (a big
        workbook takes seconds to open); `looked` is emitted when they are shown."""
        path, kind = self.path(), self.w.kind
        self._generation += 1
        generation = self._generation
        self.columns, self.error, self.recognised = None, "", False
        self.reading = path is not None and path.is_file()
        self._show_note()
        self.completeChanged.emit()
        if not self.reading:
            return

        def look(_task) -> tuple[list[str], str | None, list]:
            names = sheet_names(path)
            chosen = sheet
            if chosen is None and len(names) > 1:  # a workbook may open on a sheet of notes
                chosen = next(
                    (n for n in names if any(k for _t, k, _v in preview_columns(path, kind, sheet=n))),
                    names[0],
                )
            return names, chosen, preview_columns(path, kind, sheet=chosen)

        handle = self.w.ctx.tasks.start("read import file", look, announce=False)
        handle.succeeded.connect(lambda found: self._looked(generation, *found))
        handle.failed.connect(lambda message, _detail: self._look_failed(generation, message))

    def _looked(self, generation: int, names: list[str], sheet: str | None, columns: list) -> None:
        if generation != self._generation:
            return
        self.sheet_box.blockSignals(True)
        self.sheet_box.clear()
        for name in names:
            self.sheet_box.addItem(name, name)
        self.sheet_box.setCurrentIndex(max(self.sheet_box.findData(sheet), 0))
        self.sheet_box.setEnabled(len(names) > 1)
        self.sheet_box.blockSignals(False)
        self.columns, self.reading = columns, False
        self.recognised = any(key for _title, key, _values in columns)
        if not self.recognised and columns:
            titles = [t for t, _k, _v in columns]
            self.recognised = remembered_mapping(self.w.ctx.store, self.w.kind, titles) is not None
        self._show_note()
        self.completeChanged.emit()
        self.looked.emit()

    def _look_failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self.reading, self.error = False, message
        self.sheet_box.clear()
        self._show_note()
        self.completeChanged.emit()
        self.looked.emit()

    def _show_note(self) -> None:
        path = self.path()
        offer = self.w.kind in templates.TEMPLATE_KINDS
        if path is None:
            text = self.tr("Choose a file, or start from a blank template.") if offer else ""
        elif not path.is_file():
            text = self.tr("There is no file %1.").replace("%1", str(path))
        elif self.reading:
            text = self.tr("Reading %1 …").replace("%1", path.name)
        elif self.error:
            text = self.error
        elif not self.recognised:
            text = self.tr(
                "No column title of this sheet was recognised. You can say what each column holds on the "
                "next page, or copy your rows into the blank template, which the import always reads."
            )
        else:
            text = ""
        self.note.setText(text)
        self.template_button.setVisible(offer)

    def save_template(self) -> str:
        folder = self.path().parent if self.path() else Path(self.w.ctx.settings.last_folder or Path.home())
        return write_template_file(self, self.w.kind, folder, self.w.language)

    def isComplete(self) -> bool:
        path = self.path()
        return path is not None and path.is_file() and not self.error and self.columns is not None

    def validatePage(self) -> bool:
        path = self.path()
        w = self.w
        chosen = (path, self.sheet_box.currentData(), w.kind)
        changed, self.chosen = chosen != self.chosen, chosen
        w.path, w.sheet, w.columns = path, self.sheet_box.currentData(), list(self.columns or [])
        w.ctx.settings.last_folder = str(path.parent)
        if changed:
            w.mapping, w.table, w.edits, w.dropped, w.create, w.unknown = None, None, {}, set(), {}, {}
        return True

    def nextId(self) -> int:
        return MAPPING


class MappingPage(_Page):
    """Each column of the file, the field it is read as (correctable) and its first values."""

    TITLE, FIELD, VALUES = range(3)

    def __init__(self, wizard):
        super().__init__()
        self.w = wizard
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.boxes: list[tuple[str, QComboBox]] = []
        self.automatic: dict[str, str | None] = {}
        self.remembered = False
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.table, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("What each column holds"))
        self.setSubTitle(
            self.tr(
                "Correct any column read as the wrong field; (ignore) skips a column. A unit in the title, "
                "as in 重量(斤), still applies. The mapping is remembered for files with the same titles."
            )
        )
        self.table.setHorizontalHeaderLabels(
            [self.tr("Column in the file"), self.tr("Read as"), self.tr("First values")]
        )
        fields = dict(field_labels(self.w.kind))
        for _title, box in self.boxes:
            box.setItemText(0, self.tr("(ignore)"))
            for i in range(1, box.count()):
                box.setItemText(i, fields.get(box.itemData(i), box.itemText(i)))
        self._show_label()

    def _show_label(self) -> None:
        if not self.boxes:
            self.label.setText(self.tr("The file has no title row."))
        elif self.remembered:
            self.label.setText(self.tr("The mapping you chose for a file with these titles is used again."))
        else:
            self.label.setText("")

    def initializePage(self) -> None:
        w = self.w
        self.table.setRowCount(0)
        self.boxes = []
        columns = list(w.columns)  # read by the file page's task: no file is opened here
        titles = [title for title, _key, _values in columns]
        self.automatic = {title: key for title, key, _values in columns}
        chosen = w.mapping or remembered_mapping(w.ctx.store, w.kind, titles)
        self.remembered = w.mapping is None and chosen is not None
        if chosen:
            layout = layout_of(w.kind)
            given = {t: (layout.key_for_name(k) if k else None) for t, k in chosen.items()}
            columns = [(t, given.get(t, key), values) for t, key, values in columns]
        fields = field_labels(w.kind)
        self.table.setRowCount(len(columns))
        for row, (title, key, values) in enumerate(columns):
            item = QTableWidgetItem(title)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, self.TITLE, item)
            box = QComboBox()
            box.addItem(self.tr("(ignore)"), None)
            for field_key, field_title in fields:
                box.addItem(field_title, field_key)
            box.setCurrentIndex(max(box.findData(key), 0))
            box.currentIndexChanged.connect(self.completeChanged)
            self.table.setCellWidget(row, self.FIELD, box)
            self.boxes.append((title, box))
            shown = QTableWidgetItem(" · ".join(values))
            shown.setFlags(shown.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, self.VALUES, shown)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(self.FIELD, max(self.table.columnWidth(self.FIELD), 180))
        self._show_label()

    def choose(self, title: str, key: str | None) -> None:
        for column, box in self.boxes:
            if column == title:
                box.setCurrentIndex(max(box.findData(key), 0))

    def mapping(self) -> dict[str, str | None]:
        return {title: box.currentData() for title, box in self.boxes}

    def isComplete(self) -> bool:
        return bool(self.boxes)

    def validatePage(self) -> bool:
        w = self.w
        mapping = self.mapping()
        if mapping != w.mapping:
            w.mapping, w.table, w.edits, w.dropped = mapping, None, {}, set()
        if mapping != self.automatic:
            # one small write through the one write path, for the next file of this form; on a
            # read-only database the mapping still applies to this import
            with contextlib.suppress(DomainError):
                remember_mapping(w.ctx.store, w.kind, list(mapping), mapping)
        return True

    def nextId(self) -> int:
        return PREVIEW


class WarningsPage(_Page):
    """Values plausible only by mistake: the import goes on only when each kind is accepted."""

    def __init__(self, wizard):
        super().__init__()
        self.w = wizard
        self.list = QPlainTextEdit()
        self.list.setReadOnly(True)
        self.list.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.checks: dict[str, QCheckBox] = {}
        self.box_layout = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(self.box_layout)
        self.retranslate_ui()

    def initializePage(self) -> None:
        for box in self.checks.values():
            box.deleteLater()
        self.checks = {}
        result = self.w.result
        for kind in dict.fromkeys(warning.kind for warning in result.warnings):
            box = QCheckBox()
            box.toggled.connect(self.completeChanged)
            self.checks[kind] = box
            self.box_layout.addWidget(box)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Warnings"))
        self.setSubTitle(
            self.tr(
                "The file is correct, but some values are plausible only by mistake. Tick each kind you "
                "accept (it is kept in the audit log with the import), or go back and correct them."
            )
        )
        result = self.w.result
        warnings = list(getattr(result, "warnings", []) or [])
        self.list.setPlainText("\n".join(tr_message(w.text()) for w in warnings))
        for kind, box in self.checks.items():
            n = sum(1 for w in warnings if w.kind == kind)
            box.setText(
                self.tr("I accept %1 (%2)")
                .replace("%1", tr_message(WARNING_KINDS[kind]))
                .replace("%2", str(n))
            )

    def accepted_kinds(self) -> list[str]:
        return [kind for kind, box in self.checks.items() if box.isChecked()]

    def isComplete(self) -> bool:
        return all(box.isChecked() for box in self.checks.values())

    def nextId(self) -> int:
        return SUMMARY


class SummaryPage(_Page):
    """What will be written; Import writes it in a task (progress, Cancel) as one undo step."""

    def __init__(self, wizard):
        super().__init__()
        self.w = wizard
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addStretch(1)
        self.setCommitPage(False)
        self.retranslate_ui()

    def initializePage(self) -> None:
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Import"))
        self.setSubTitle(
            self.tr("The import is one step: Undo removes all of it, and the names created with it.")
        )
        result = self.w.result
        if result is None:
            self.text.setText("")
            return
        n = len(self.w.records_of(result))
        lines = [self.tr("Records: %1").replace("%1", f"{n:,}")]
        if self.w.kind == "shipments":
            lines += [
                self.tr("Lines: %1").replace("%1", f"{result.lines:,}"),
                self.tr("Net weight: %1 t").replace("%1", units.format_tonnes(result.net_g, 3)),
                self.tr("Amount: ¥%1").replace("%1", units.format_yuan(result.amount_fen)),
            ]
            if result.duplicates:
                lines.append(
                    self.tr("Repeated rows skipped: %1").replace("%1", f"{len(result.duplicates):,}")
                )
            if result.warnings:
                lines.append(self.tr("Warnings accepted: %1").replace("%1", f"{len(result.warnings):,}"))
        elif getattr(result, "warnings", None):  # harvests estimated from packs
            lines.append(self.tr("Warnings accepted: %1").replace("%1", f"{len(result.warnings):,}"))
        if self.w.dropped:
            lines.append(self.tr("Rows dropped: %1").replace("%1", f"{len(self.w.dropped):,}"))
        if self.w.edits:
            lines.append(self.tr("Cells corrected: %1").replace("%1", f"{len(self.w.edits):,}"))
        created = [shown_name(name) for names in self.w.create.values() for name in names]
        if created:
            lines.append(self.tr("Names created: %1").replace("%1", "、".join(created)))
        if result.ignored_columns:
            lines.append(self.tr("Columns ignored: %1").replace("%1", ", ".join(result.ignored_columns)))
        if result.examples:
            rows = ", ".join(str(row) for row in result.examples)
            lines.append(self.tr("The template's example row skipped: row %1").replace("%1", rows))
        self.text.setText("\n".join(lines))

    def validatePage(self) -> bool:
        """Start the write; the wizard closes itself when it has succeeded (QWizard.done() asks this
        page again then: it must say yes, not write a second time)."""
        if self.w.outcome == "imported":
            return True
        if not self.w.writing:
            self.w.start_write()
        return False
