"""The Harvests page: every harvest lot in one big table, with search, filters, in-place edits and paste."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.context import AppContext
from app.models.harvest_model import harvest_model
from app.models.idlist import IdListModel
from app.views.forms.field_parsers import CellParser, date_parser, grade_parser, name_parser, weight_parser
from app.views.forms.harvest_form import HarvestForm
from app.views.forms.record_form import EntryDefaults
from app.views.pages.idlist_page import EditableField, IdListPage
from app.views.widgets.paste_grid import GridColumn
from db import parsing, units
from db.browse import BrowseFilter
from db.parsing import ParseResult
from db.records import Harvest, Record


def _notes_parser() -> CellParser:
    return CellParser(lambda t: ParseResult(value=t.strip()), str, required=False)


class HarvestsPage(IdListPage):
    key = "harvests"
    table_name = "harvests"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.defaults = EntryDefaults(getattr(ctx, "settings", None))

    def make_editable(self) -> dict[str, EditableField]:
        store = self.ctx.store
        return {
            "date": EditableField("harvest_date", date_parser),
            "operator": EditableField("operator_id", lambda: name_parser(store.operators.name_entries())),
            "crop": EditableField("crop_id", lambda: name_parser(store.crops.name_entries())),
            "grade": EditableField("grade", lambda: grade_parser(self.ctx.language, required=True)),
            "weight": EditableField("weight_g", weight_parser),
            "notes": EditableField("notes", _notes_parser),
        }

    def supported_actions(self) -> set[str]:
        return super().supported_actions() | {"import"}

    # ---- import (File ▸ Import): the import wizard, written as one undo step
    def import_records(self) -> None:
        self.import_file(None)

    def import_file(self, path: str | Path | None):
        """Open the import wizard for harvests (on `path` when given)."""
        from app.views.wizard import open_import_wizard

        previous = getattr(self, "importer", None)
        importer = open_import_wizard(self.ctx, "harvests", self, self._written, path, previous)
        importer.status_message.connect(self.status_message)
        self.importer = importer
        return importer

    def title(self) -> str:
        return self.tr("Harvests")

    def make_model(self) -> IdListModel:
        return harvest_model(self.ctx.store.db, self, self.ctx.tasks)

    def repo(self):
        return self.ctx.store.harvests

    def filter_keys(self) -> list[str]:
        return ["operator", "crop", "grade"]

    def search_placeholder(self) -> str:
        return self.tr("Search lot code, operator, crop, plot, notes")

    def count_text(self, n: int) -> str:
        return self.tr("%1 harvest lot(s)", "", n).replace("%1", f"{n:,}")

    def load_choices(self) -> None:
        store = self.ctx.store
        self.combos["operator"].set_choices(
            self.tr("All operators"), [(o.id, o.short_name or o.name) for o in store.operators.list()]
        )
        self.combos["crop"].set_choices(self.tr("All crops"), [(c.id, c.name) for c in store.crops.list()])
        self.combos["grade"].set_choices(
            self.tr("All grades"),
            [(code, units.label(units.GRADES, code, self.ctx.language)) for code in units.GRADES],
        )

    def current_filter(self) -> BrowseFilter:
        start, end = self.date_range()
        return BrowseFilter(
            search=self.search.text(),
            start=start,
            end=end,
            operator_ids=self.combos["operator"].chosen(),
            crop_ids=self.combos["crop"].chosen(),
            grades=self.combos["grade"].chosen(),
        )

    def describe(self, record: Record) -> str:
        return record.lot_code

    def reference_advice(self) -> str:
        return self.tr("Remove the lot from those shipment lines first (edit the shipment), then delete it.")

    def adjust(self, record: Record, changes: dict[str, Any]) -> Record:
        updated = record.replace(**changes)
        # A plot belongs to one operator: moving a lot to another operator clears its plot.
        if "operator_id" in changes and changes["operator_id"] != record.operator_id:
            updated = updated.replace(plot_id=None)
        # A weight typed over one estimated from packs (3袋) is a weighed one.
        if "weight_g" in changes and changes["weight_g"] != record.weight_g:
            updated = updated.replace(packs="")
        return updated

    def open_form(self, record: Record | None, duplicate: bool = False) -> HarvestForm:
        form = HarvestForm(self.ctx, record, duplicate, self._written, self.defaults, self)
        form.saved.connect(self.after_save)
        form.open()
        return form

    # ---- paste
    def paste_columns(self) -> list[GridColumn]:
        store = self.ctx.store
        return [
            GridColumn(
                "date",
                QCoreApplication.translate("HarvestModel", "Date"),
                date_parser(),
                ("日期", "采收日期"),
                100,
            ),
            GridColumn(
                "operator",
                QCoreApplication.translate("HarvestModel", "Operator"),
                name_parser(store.operators.name_entries()),
                ("经营主体", "主体", "合作社"),
                220,
            ),
            GridColumn(
                "crop",
                QCoreApplication.translate("HarvestModel", "Crop"),
                name_parser(store.crops.name_entries()),
                ("品种", "作物", "品名"),
                90,
            ),
            GridColumn(
                "grade",
                QCoreApplication.translate("HarvestModel", "Grade"),
                grade_parser(self.ctx.language),
                ("等级",),
                70,
            ),
            GridColumn(
                "weight",
                QCoreApplication.translate("HarvestModel", "Weight (kg)"),
                weight_parser(),
                ("重量", "重量(公斤)", "斤数"),
                110,
                True,
            ),
            GridColumn(
                "notes", QCoreApplication.translate("HarvestModel", "Notes"), _notes_parser(), ("备注",), 140
            ),
            # Last, so a sheet pasted without a header in the old column order still fits.
            GridColumn(
                "plot",
                QCoreApplication.translate("HarvestModel", "Plot"),
                _notes_parser(),  # any name; checked against the row's operator (paste_row_check)
                ("地块", "地块名", "田块"),
                110,
            ),
        ]

    def _plot_id(self, operator_id: int | None, name: str | None) -> int | None:
        """The operator's plot with this name (case, width and spaces aside), or None."""
        if operator_id is None or not name:
            return None
        wanted = parsing.name_key(name)
        for plot in self.ctx.store.plots.for_operator(operator_id):
            if parsing.name_key(plot.name) == wanted:
                return plot.id
        return None

    def paste_row_check(self, values: dict[str, Any]) -> list[tuple[str, str]]:
        """A pasted plot must be one of the row's operator's plots (never dropped without a word)."""
        name, operator_id = values.get("plot"), values.get("operator")
        if not name or operator_id is None or self._plot_id(operator_id, name) is not None:
            return []
        plots = [p.name for p in self.ctx.store.plots.for_operator(operator_id)]
        message = QCoreApplication.translate("HarvestsPage", "This operator has no plot named %1").replace(
            "%1", name
        )
        if plots:
            message += QCoreApplication.translate("HarvestsPage", "; their plots: %1").replace(
                "%1", "、".join(plots)
            )
        return [("plot", message)]

    def records_from_rows(self, rows: list[dict[str, Any]]) -> list[Record]:
        return [
            Harvest(
                harvest_date=row["date"],
                operator_id=row["operator"],
                plot_id=self._plot_id(row["operator"], row.get("plot")),
                crop_id=row["crop"],
                weight_g=row["weight"],
                grade=row["grade"] or "ungraded",
                notes=row["notes"] or "",
            )
            for row in rows
        ]


def create(ctx: AppContext, parent: QWidget | None = None) -> HarvestsPage:
    return HarvestsPage(ctx, parent)
