"""The Shipments page: one row per truckload, with per-line filters, in-place edits, paste and import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.context import AppContext
from app.models.certificate_model import TRUCK_STATE_LABELS, state_label
from app.models.idlist import IdListModel
from app.models.shipment_model import shipment_model
from app.save_dialog import ask_output
from app.tasks import TaskContext, TaskHandle
from app.views.dialogs import shipment_delete
from app.views.forms.field_parsers import (
    date_parser,
    grade_parser,
    name_parser,
    plate_parser,
    price_parser,
    status_parser,
    weight_parser,
)
from app.views.forms.record_form import EntryDefaults
from app.views.forms.shipment_form import ShipmentForm
from app.views.pages.idlist_page import EditableField, IdListPage
from app.views.widgets.paste_grid import GridColumn
from app.views.wizard import ImportWizard, open_import_wizard
from db import plausibility, units
from db.browse import BrowseFilter
from db.certification.coverage import TRUCK_STATES
from db.documents.exporting import export_shipments
from db.i18n import Text, translate
from db.records import Record, Shipment, ShipmentLine
from db.storage.outputs import Output


class ShipmentsPage(IdListPage):
    key = "shipments"
    table_name = "shipments"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.defaults = EntryDefaults(getattr(ctx, "settings", None))
        self.importer: ImportWizard | None = None
        self.view.selectionModel().currentChanged.connect(lambda *_: self._remember_truck())
        self._fit_name_columns()

    def _remember_truck(self, shipment_id: int | None = None) -> None:
        """The truck in hand is the one the certificates page offers to issue for."""
        shipment_id = shipment_id if shipment_id is not None else self.current_id()
        if shipment_id is not None:
            self.ctx.current_shipment_id = shipment_id

    def after_save(self, record: Record) -> None:
        super().after_save(record)
        self._remember_truck(record.id)

    def showEvent(self, event) -> None:
        # The 合格证 column follows the register, written on the certificates page outside the
        # undo stack: rows are read again (not the ids) whenever the page comes into view.
        self.model.invalidate_rows()
        super().showEvent(event)

    def _fit_name_columns(self) -> None:
        """Buyer and market columns as wide as their longest name (there are a few dozen), up to a
        limit: a long buyer's name ('重庆鲜达生鲜配送有限公司') showed as '重庆鲜达生鲜配送有限…'."""
        metrics = self.view.fontMetrics()
        keys = [c.key for c in self.model.columns]
        store = self.ctx.store
        for key, names in (
            ("buyer", [b.name for b in store.buyers.list()]),
            ("market", [m.name for m in store.markets.list()]),
        ):
            if key in keys and names:
                column = keys.index(key)
                needed = max(metrics.horizontalAdvance(name) for name in names) + 16
                self.view.setColumnWidth(column, min(max(needed, self.model.columns[column].width), 320))

    def title(self) -> str:
        return self.tr("Shipments")

    def supported_actions(self) -> set[str]:
        return super().supported_actions() | {"import", "export"}

    # ---- export (File ▸ Export): the shipment lines of the page's date range, as the CLI writes them
    def export(self) -> None:
        start, end = self.date_range()
        suggested = Path(self.ctx.settings.last_folder or Path.home()) / (
            self.tr("shipments") + f"_{start or 'all'}_{end or 'all'}.xlsx"
        )
        output = ask_output(
            self,
            self.tr("Export shipment lines"),
            suggested,
            self.tr("Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)"),
            self.ctx.db_path,
            (".xlsx", ".csv"),
        )
        if output is not None:
            self.export_to(output)

    def export_to(self, path: str | Path | Output) -> TaskHandle:
        """Write one row per shipment line of the page's date range (all dates when none) in a task.

        A plain path counts as agreed to (the caller asked); it is never the open database."""
        output = path if isinstance(path, Output) else Output(Path(path), self.ctx.db_path, overwrite=True)
        if output.suffix.lower() not in (".csv", ".xlsx"):
            output = output.with_path(output.path.with_suffix(".xlsx"))
        target = output.path
        self.ctx.settings.last_folder = str(target.parent)
        start, end = self.date_range()
        fmt, lang = target.suffix.lower()[1:], self.ctx.language

        def work(task: TaskContext) -> int:
            return export_shipments(task.store().db, output, fmt, start, end, lang)

        handle = self.ctx.tasks.start("export shipments", work)
        self._export_target = target
        handle.succeeded.connect(self._exported)
        handle.failed.connect(self._export_failed)
        self.export_handle = handle
        return handle

    def _exported(self, n: int) -> None:
        self.status_message.emit(
            self.tr("Exported %n shipment line(s) to %1.", "", n).replace("%1", str(self._export_target))
        )

    def _export_failed(self, message: str, _detail: str) -> None:
        self.show_error(message)

    # ---- import (File ▸ Import): the import wizard, written as one undo step
    def import_records(self) -> None:
        self.import_file(None)

    def import_file(self, path: str | Path | None) -> ImportWizard:
        """Open the import wizard (on `path` when given): mapping, preview, fixes, then the write."""
        importer = open_import_wizard(self.ctx, "shipments", self, self._written, path, self.importer)
        importer.status_message.connect(self.status_message)
        importer.imported.connect(self._imported)
        self.importer = importer
        return importer

    def _imported(self, shipments: list[Shipment]) -> None:
        """Show what was imported: no filter may hide it; the first imported shipment is made current."""
        if self.current_filter() != BrowseFilter():
            self.clear_filters()
        if shipments:
            self.select_id(shipments[0].id)

    def make_model(self) -> IdListModel:
        return shipment_model(self.ctx.store.db, self, self.ctx.tasks)

    def repo(self):
        return self.ctx.store.shipments

    def make_editable(self) -> dict[str, EditableField]:
        store = self.ctx.store
        return {
            "date": EditableField("ship_date", date_parser),
            "buyer": EditableField("buyer_id", lambda: name_parser(store.buyers.name_entries())),
            "market": EditableField(
                "market_id", lambda: name_parser(store.markets.name_entries(), required=False)
            ),
            "plate": EditableField("plate", plate_parser),
            "status": EditableField("payment_status", lambda: status_parser(self.ctx.language)),
        }

    def adjust(self, record: Record, changes: dict[str, Any]) -> Record:
        if "plate" in changes and changes["plate"] is None:
            changes = {**changes, "plate": ""}
        return record.replace(**changes)

    def filter_keys(self) -> list[str]:
        return ["buyer", "market", "operator", "crop", "grade", "status", "certificates"]

    def search_placeholder(self) -> str:
        return self.tr("Search ticket, plate, buyer, market, crop, lot code")

    def count_text(self, n: int) -> str:
        return self.tr("%1 shipment(s)", "", n).replace("%1", f"{n:,}")

    def load_choices(self) -> None:
        store, lang = self.ctx.store, self.ctx.language
        self.combos["buyer"].set_choices(self.tr("All buyers"), [(b.id, b.name) for b in store.buyers.list()])
        self.combos["market"].set_choices(
            self.tr("All markets"),
            [(m.id, m.aliases[0] if m.aliases else m.name) for m in store.markets.list()],
        )
        self.combos["operator"].set_choices(
            self.tr("All operators"), [(o.id, o.short_name or o.name) for o in store.operators.list()]
        )
        self.combos["crop"].set_choices(self.tr("All crops"), [(c.id, c.name) for c in store.crops.list()])
        self.combos["grade"].set_choices(
            self.tr("All grades"), [(code, units.label(units.GRADES, code, lang)) for code in units.GRADES]
        )
        self.combos["status"].set_choices(
            self.tr("Any payment"),
            [(code, units.label(units.PAYMENT_STATUSES, code, lang)) for code in units.PAYMENT_STATUSES],
        )
        self.combos["certificates"].set_choices(
            self.tr("Any certificates"),
            [(code, state_label(TRUCK_STATE_LABELS, code)) for code in TRUCK_STATES],
        )

    def current_filter(self) -> BrowseFilter:
        start, end = self.date_range()
        return BrowseFilter(
            search=self.search.text(),
            start=start,
            end=end,
            buyer_ids=self.combos["buyer"].chosen(),
            market_ids=self.combos["market"].chosen(),
            operator_ids=self.combos["operator"].chosen(),
            crop_ids=self.combos["crop"].chosen(),
            grades=self.combos["grade"].chosen(),
            payment_statuses=self.combos["status"].chosen(),
            certificate_states=self.combos["certificates"].chosen(),
        )

    def describe(self, record: Record) -> str:
        return record.ticket_no

    def delete_selected(self) -> None:
        """A truck with certificates is not a dead end: offer to void them and delete it."""
        ids = self.selected_ids()
        if ids and shipment_delete.certificate_counts(self.repo(), ids):
            shipment_delete.void_and_delete(self, ids, self._written, self.ask_void_and_delete)
            return
        super().delete_selected()

    def ask_void_and_delete(self, question: str) -> bool:
        return shipment_delete.ask_void_and_delete(self, self.title(), question)

    def reference_advice(self) -> str:
        return self.tr("A shipment with a certificate stays in the register; void the certificate instead.")

    def open_form(self, record: Record | None, duplicate: bool = False) -> ShipmentForm:
        form = ShipmentForm(self.ctx, record, duplicate, self._written, self.defaults, self)
        form.saved.connect(self.after_save)
        form.open()
        return form

    # ---- paste: one row per line; rows with the same ticket make one shipment
    def paste_columns(self) -> list[GridColumn]:
        store = self.ctx.store
        lang = self.ctx.language
        return [
            GridColumn(
                "date", QCoreApplication.translate("ShipmentModel", "Date"), date_parser(), ("日期",), 96
            ),
            GridColumn(
                "ticket",
                QCoreApplication.translate("ShipmentModel", "Ticket"),
                _text_parser(True),
                ("磅单号", "磅单"),
                120,
            ),
            GridColumn(
                "buyer",
                QCoreApplication.translate("ShipmentModel", "Buyer"),
                name_parser(store.buyers.name_entries()),
                ("客商",),
                110,
            ),
            GridColumn(
                "market",
                QCoreApplication.translate("ShipmentModel", "Market"),
                name_parser(store.markets.name_entries(), required=False),
                ("市场", "目的地"),
                110,
            ),
            GridColumn(
                "plate",
                QCoreApplication.translate("ShipmentModel", "Plate"),
                plate_parser(),
                ("车牌", "车牌号"),
                90,
            ),
            GridColumn(
                "gross",
                QCoreApplication.translate("ShipmentsPage", "Gross (kg)"),
                weight_parser(),
                ("毛重",),
                90,
                True,
            ),
            GridColumn(
                "tare",
                QCoreApplication.translate("ShipmentsPage", "Tare (kg)"),
                weight_parser(),
                ("皮重",),
                90,
                True,
            ),
            GridColumn(
                "operator",
                QCoreApplication.translate("ShipmentForm", "Operator"),
                name_parser(store.operators.name_entries()),
                ("经营主体", "主体"),
                160,
            ),
            GridColumn(
                "crop",
                QCoreApplication.translate("ShipmentForm", "Crop"),
                name_parser(store.crops.name_entries()),
                ("品种",),
                80,
            ),
            GridColumn(
                "grade",
                QCoreApplication.translate("ShipmentForm", "Grade"),
                grade_parser(lang),
                ("等级",),
                60,
            ),
            GridColumn(
                "net",
                QCoreApplication.translate("ShipmentForm", "Net (kg)"),
                weight_parser(),
                ("净重", "重量"),
                90,
                True,
            ),
            GridColumn(
                "price",
                QCoreApplication.translate("ShipmentsPage", "Price (yuan/kg)"),
                price_parser(),
                ("单价", "价格"),
                100,
                True,
            ),
        ]

    def paste_warnings(self, records: list[Record]) -> list[list[Text]]:
        """A pasted truck or line above 40 t, or a price far off its crop's range, each by ticket."""
        return [
            [
                translate("db", "ticket {ticket}: {problem}").format(ticket=s.ticket_no, problem=w)
                for w in plausibility.shipment_warnings(self.ctx.store, s.lines, s.gross_g - s.tare_g)
            ]
            for s in records  # Shipments: records_from_rows made them
        ]

    def records_from_rows(self, rows: list[dict[str, Any]]) -> list[Record]:
        groups: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            groups.setdefault(row["ticket"], []).append(row)
        shipments = []
        for ticket, group in groups.items():
            head = group[0]
            shipments.append(
                Shipment(
                    ship_date=head["date"],
                    ticket_no=ticket,
                    buyer_id=head["buyer"],
                    gross_g=head["gross"],
                    tare_g=head["tare"],
                    market_id=head["market"],
                    plate=head["plate"] or "",
                    lines=tuple(
                        ShipmentLine(
                            operator_id=r["operator"],
                            crop_id=r["crop"],
                            net_g=r["net"],
                            agreed_price=r["price"],
                            grade=r["grade"] or "ungraded",
                        )
                        for r in group
                    ),
                )
            )
        return shipments


def _text_parser(required: bool):
    from app.views.forms.field_parsers import CellParser
    from db.parsing import ParseResult, normalize_text

    return CellParser(lambda t: ParseResult(value=normalize_text(t)), str, required=required)


def create(ctx: AppContext, parent: QWidget | None = None) -> ShipmentsPage:
    return ShipmentsPage(ctx, parent)
