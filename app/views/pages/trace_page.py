"""Recall tracing in the GUI: from a lot, certificate, ticket or plot, the chain as a tree, exported
as a sortable spreadsheet (one row per link)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.save_dialog import ask_output
from app.tasks import TaskContext, TaskHandle
from app.views.page import Page
from db import trace, units
from db.storage.outputs import Output
from db.trace import Trace, TraceRow

KINDS = ("lot", "certificate", "ticket", "plot")
AUTO = "auto"  # the code's kind is recognised from its form (db.trace.recognise)
# A result with more links than this shows its top level expanded only.
EXPAND_ALL_LIMIT = 500
# The tree shows at most this many links (about 150 ms to draw); a busy plot's three years are
# tens of thousands (1.6 s per drawing at 22,000, again at each language switch), which nobody
# reads in a tree: the summary counts them all and the export writes them all.
TREE_LIMIT = 2_000


class TracePage(Page):
    """召回追溯: type a code, see where the produce went or came from."""

    key = "trace"
    traced = Signal()  # the result of the latest trace (or its failure) is shown
    exported = Signal(object)  # the Path written

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.result: Trace | None = None
        self.trace_task: TaskHandle | None = None
        self.export_task: TaskHandle | None = None
        self._request = 0
        self.kind = QComboBox()
        self.query = QLineEdit()
        self.query.setClearButtonEnabled(True)
        self.trace_button = QPushButton()
        self.export_button = QPushButton()
        self.export_button.setEnabled(False)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(3)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setAlternatingRowColors(True)
        top = QHBoxLayout()
        top.addWidget(self.kind)
        top.addWidget(self.query, 1)
        top.addWidget(self.trace_button)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        self.trace_button.clicked.connect(lambda: self.run_trace())
        self.query.returnPressed.connect(lambda: self.run_trace())
        self.export_button.clicked.connect(lambda: self.export())
        self.retranslate_ui()

    def title(self) -> str:
        return self.tr("Trace")

    def retranslate_ui(self) -> None:
        current = max(self.kind.currentIndex(), 0)
        self.kind.clear()
        labels = {
            AUTO: self.tr("Recognise the code"),
            "lot": self.tr("Lot code"),
            "certificate": self.tr("Certificate number"),
            "ticket": self.tr("Weighing ticket"),
            "plot": self.tr("Plot"),
        }
        for kind in (AUTO, *KINDS):
            self.kind.addItem(labels[kind], kind)
        self.kind.setCurrentIndex(current)
        self.query.setPlaceholderText(
            self.tr("e.g. L20260105-0001, HGZ2026-000001, B20260105-001 or a plot name")
        )
        self.trace_button.setText(self.tr("Trace"))
        self.export_button.setText(self.tr("Export…"))
        self.tree.setHeaderLabels([self.tr("Link"), self.tr("Weight (kg)"), self.tr("Details")])
        if self.result is not None:
            self.show_result(self.result)

    def supported_actions(self) -> set[str]:
        return {"find", "export"}

    def focus_search(self) -> None:
        self.query.setFocus()
        self.query.selectAll()

    def open_with(self, argument: object) -> None:
        """('lot'|'certificate'|'ticket'|'plot', text): trace it at once."""
        if isinstance(argument, tuple) and len(argument) == 2 and argument[0] in KINDS:
            self.kind.setCurrentIndex(self.kind.findData(argument[0]))
            self.query.setText(str(argument[1]))
            self.run_trace()

    def run_trace(self) -> TaskHandle | None:
        """Trace what is typed, as a task (a busy plot is tens of thousands of links); `traced` is
        emitted once the result, or why there is none, is shown. A newer trace replaces an older."""
        text = self.query.text().strip()
        if not text:
            return None
        kind = self.kind.currentData()
        if self.trace_task is not None:
            self.trace_task.cancel()
        self._request += 1
        request = self._request

        def run(task: TaskContext) -> tuple[int, Trace]:
            store = task.store()
            # 'Recognise' reads the kind from the code's form: L… lot, HGZ… certificate, B… ticket.
            what, query = trace.recognise(store, text) if kind == AUTO else (kind, text)
            return request, trace.trace(store, what, query)

        handle = self.ctx.tasks.start("trace", run, announce=False)
        self.trace_task = handle
        handle.succeeded.connect(self._traced)
        # Bound methods (not lambdas): Qt drops these connections if the page is deleted first.
        handle.failed.connect(self._trace_failed)
        handle.ended.connect(self._trace_ended)
        self.trace_button.setEnabled(False)
        self.summary.setText(self.tr("Tracing %1 …").replace("%1", text))
        return handle

    def _traced(self, result: tuple[int, Trace]) -> None:
        request, found = result
        if request == self._request:
            self.show_result(found)
            self.traced.emit()

    def _trace_failed(self, message: str, _detail: str) -> None:
        if self.sender() is self.trace_task:
            self.result = None
            self._clear_tree()
            self.summary.setText(message)
            self.export_button.setEnabled(False)
            self.traced.emit()

    def _trace_ended(self) -> None:
        if self.sender() is self.trace_task:
            self.trace_task = None
            self.trace_button.setEnabled(True)

    def _clear_tree(self) -> None:
        # Collapsed first: removing expanded items one by one made clear() quadratic (72 s for a
        # plot's 22,000 links, at every language switch).
        self.tree.collapseAll()
        self.tree.clear()

    def show_result(self, result: Trace) -> None:
        self.result = result
        self._clear_tree()
        shown = result.rows[:TREE_LIMIT]
        if result.direction == "forward":
            self._forward(shown)
        else:
            self._backward(shown)
        if len(shown) <= EXPAND_ALL_LIMIT:
            self.tree.expandAll()
        else:
            self.tree.expandToDepth(0)
        self.export_button.setEnabled(bool(result.rows) and self.export_task is None)
        recognised = {
            "lot": self.tr("Lot code %1"),
            "certificate": self.tr("Certificate number %1"),
            "ticket": self.tr("Weighing ticket %1"),
            "plot": self.tr("Plot %1"),
        }[result.kind].replace("%1", result.query)
        self.summary.setText(
            self.tr("Recognised: %1.").replace("%1", recognised)
            + " "
            + self.tr("%1 link(s): %2 lot(s), %3 truck(s), %4 buyer(s), %5 market(s), %6 operator(s).")
            .replace("%1", f"{len(result.rows):,}")
            .replace("%2", f"{len(result.lots):,}")
            .replace("%3", f"{len(result.tickets):,}")
            .replace("%4", f"{len(result.buyers):,}")
            .replace("%5", f"{len(result.markets):,}")
            .replace("%6", f"{len(result.operators):,}")
        )
        if len(shown) < len(result.rows):
            self.summary.setText(
                self.summary.text()
                + "\n"
                + self.tr("The tree shows the first %1 links; export them to see all %2.")
                .replace("%1", f"{len(shown):,}")
                .replace("%2", f"{len(result.rows):,}")
            )

    def _grade(self, code: str) -> str:
        return units.label(units.GRADES, code, self.ctx.language) if code else ""

    def _payable_text(self, r: TraceRow) -> str:
        """' · payable 5,910.5 kg' where the line bears part of a deduction, else ''."""
        if not r.line_deduction_g or r.line_payable_g is None:
            return ""
        return " · " + self.tr("payable %1 kg").replace("%1", units.format_kg(r.line_payable_g))

    def _weighing_tip(self, r: TraceRow) -> str:
        if r.truck_gross_g is None or r.truck_tare_g is None or r.truck_net_g is None:
            return ""
        return (
            self.tr("Gross %1 kg − tare %2 kg = net %3 kg; deduction %4 kg")
            .replace("%1", units.format_kg(r.truck_gross_g))
            .replace("%2", units.format_kg(r.truck_tare_g))
            .replace("%3", units.format_kg(r.truck_net_g))
            .replace("%4", units.format_kg(r.truck_deduction_g or 0))
        )

    def _forward(self, rows: tuple[TraceRow, ...]) -> None:
        lots: dict[str, QTreeWidgetItem] = {}
        for r in rows:
            lot = lots.get(r.lot_code)
            if lot is None:
                lot = QTreeWidgetItem(
                    [
                        f"{r.lot_code}  {r.harvest_date}",
                        units.format_kg(r.lot_g) if r.lot_g is not None else "",
                        f"{r.operator} · {r.plot} · {r.crop} {self._grade(r.lot_grade)}",
                    ]
                )
                self.tree.addTopLevelItem(lot)
                lots[r.lot_code] = lot
            if not r.ticket_no:
                QTreeWidgetItem(lot, [self.tr("not shipped yet"), "", ""])
                continue
            truck = QTreeWidgetItem(
                lot,
                [
                    f"{r.ticket_no}  {r.ship_date}  #{r.line_no}",
                    units.format_kg(r.line_net_g) if r.line_net_g is not None else "",
                    f"{r.plate} {self._grade(r.line_grade)}" + self._payable_text(r),
                ],
            )
            truck.setToolTip(0, self._weighing_tip(r))
            buyer = QTreeWidgetItem(truck, [r.buyer, "", r.market or self.tr("(no market recorded)")])
            if r.certificates:
                QTreeWidgetItem(buyer, [self.tr("Certificates"), "", r.certificates])

    def _backward(self, rows: tuple[TraceRow, ...]) -> None:
        trucks: dict[str, QTreeWidgetItem] = {}
        lines: dict[tuple[str, int | None], QTreeWidgetItem] = {}
        for r in rows:
            truck = trucks.get(r.ticket_no)
            if truck is None:
                truck = QTreeWidgetItem(
                    [
                        f"{r.ticket_no}  {r.ship_date}",
                        units.format_kg(r.truck_net_g) if r.truck_net_g is not None else "",
                        f"{r.plate} → {r.buyer} → {r.market}",
                    ]
                )
                truck.setToolTip(0, self._weighing_tip(r))
                self.tree.addTopLevelItem(truck)
                trucks[r.ticket_no] = truck
            key = (r.ticket_no, r.line_no)
            line = lines.get(key)
            if line is None:
                line = QTreeWidgetItem(
                    truck,
                    [
                        f"#{r.line_no} {r.crop} {self._grade(r.line_grade)}",
                        units.format_kg(r.line_net_g) if r.line_net_g is not None else "",
                        f"{r.operator}"
                        + (f" · {r.certificates}" if r.certificates else "")
                        + self._payable_text(r),
                    ],
                )
                lines[key] = line
            if r.lot_code:
                lot = QTreeWidgetItem(
                    line,
                    [
                        f"{r.lot_code}  {r.harvest_date}",
                        units.format_kg(r.lot_g) if r.lot_g is not None else "",
                        self._grade(r.lot_grade),
                    ],
                )
                QTreeWidgetItem(
                    lot,
                    [r.plot or self.tr("(no plot recorded)"), "", f"{r.village} · {r.operator}".strip(" ·")],
                )
            else:
                QTreeWidgetItem(line, [self.tr("no lot recorded"), "", r.operator])

    def export(self, path: str | Path | None = None) -> TaskHandle | None:
        """Write the result shown to XLSX or CSV as a task (22,000 links take seconds)."""
        if self.result is None or not self.result.rows or self.export_task is not None:
            return None
        if path is None:
            folder = self.ctx.settings.last_folder or str(Path.home())
            suggested = str(Path(folder) / f"trace_{self.result.query}.xlsx")
            path = ask_output(
                self,
                self.tr("Export trace"),
                suggested,
                self.tr("Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)"),
                self.ctx.db_path,
                (".xlsx", ".csv"),
            )
            if path is None:
                return None
        output = path if isinstance(path, Output) else Output(Path(path), self.ctx.db_path, overwrite=True)
        target = output.path
        self.ctx.settings.last_folder = str(target.parent)
        result, language = self.result, self.ctx.language

        def run(task: TaskContext) -> Path:
            from app.documents import reports_xlsx

            writer = reports_xlsx.trace_csv if target.suffix.lower() == ".csv" else reports_xlsx.trace_xlsx
            writer(output, result, language)
            return target

        handle = self.ctx.tasks.start("trace export", run)
        self.export_task = handle
        self.export_button.setEnabled(False)
        handle.succeeded.connect(self._exported)
        handle.failed.connect(self._export_failed)
        handle.ended.connect(self._export_ended)
        return handle

    def _exported(self, path: Path) -> None:
        self.status_message.emit(self.tr("Saved %1.").replace("%1", str(path)))
        self.exported.emit(path)

    def _export_failed(self, message: str, _detail: str) -> None:
        self.summary.setText(self.tr("The trace could not be exported: %1").replace("%1", message))

    def _export_ended(self) -> None:
        self.export_task = None
        self.export_button.setEnabled(self.result is not None and bool(self.result.rows))
