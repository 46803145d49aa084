"""The harvest lots table: its columns over db.browse.HarvestRow, on the id-list model."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.models.idlist import Column, IdListModel
from app.tasks import TaskRunner
from db import units
from db.browse import HarvestBrowser, HarvestRow

CONTEXT = "HarvestModel"


def _shipped(row: HarvestRow, lang: str) -> str:
    return str(row.shipped_lines) if row.shipped_lines else ""


def _shipped_tip(row: HarvestRow, lang: str) -> str:
    # Literal contexts and a plain count: lupdate reads neither a variable context nor an expression.
    lines = row.shipped_lines
    if not lines:
        return QCoreApplication.translate("HarvestModel", "Not on any shipment yet")
    return QCoreApplication.translate("HarvestModel", "On %n shipment line(s)", "", lines)


def _weight(row: HarvestRow, lang: str) -> str:
    """The weight, marked when it was estimated from a count of packs (3袋) instead of weighed."""
    text = units.format_kg(row.weight_g)
    if row.packs:
        mark = QCoreApplication.translate("HarvestModel", "est.")
        return f"{text} {mark}"
    return text


def _weight_tip(row: HarvestRow, lang: str) -> str:
    if not row.packs:
        return ""
    return QCoreApplication.translate(
        "HarvestModel", "Estimated from %1 × what one pack of the crop weighs; not weighed"
    ).replace("%1", row.packs)


COLUMNS = [
    Column(
        "date",
        QT_TRANSLATE_NOOP("HarvestModel", "Date"),
        lambda r, lang: r.harvest_date,
        value=lambda r: r.harvest_date,
        edit_text=lambda r, lang: r.harvest_date,
        width=92,
    ),
    Column(
        "lot",
        QT_TRANSLATE_NOOP("HarvestModel", "Lot code"),
        lambda r, lang: r.lot_code,
        value=lambda r: r.lot_code,
        width=122,
    ),
    Column(
        "operator",
        QT_TRANSLATE_NOOP("HarvestModel", "Operator"),
        lambda r, lang: r.operator_in(lang),
        value=lambda r: r.operator_id,
        edit_text=lambda r, lang: r.operator,
        tooltip=lambda r, lang: r.operator_in(lang),
        width=250,
    ),
    Column(
        "plot",
        QT_TRANSLATE_NOOP("HarvestModel", "Plot"),
        lambda r, lang: r.plot,
        value=lambda r: r.plot_id,
        width=80,
    ),
    Column(
        "crop",
        QT_TRANSLATE_NOOP("HarvestModel", "Crop"),
        lambda r, lang: r.crop_in(lang),
        value=lambda r: r.crop_id,
        edit_text=lambda r, lang: r.crop,
        width=80,
    ),
    Column(
        "grade",
        QT_TRANSLATE_NOOP("HarvestModel", "Grade"),
        lambda r, lang: units.label(units.GRADES, r.grade, lang),
        value=lambda r: r.grade,
        edit_text=lambda r, lang: units.label(units.GRADES, r.grade, lang),
        width=72,
    ),
    Column(
        "weight",
        QT_TRANSLATE_NOOP("HarvestModel", "Weight (kg)"),
        _weight,
        unit="kg",
        value=lambda r: r.weight_g,
        edit_text=lambda r, lang: units.plain_kg(r.weight_g) + "公斤",
        tooltip=_weight_tip,
        width=100,
    ),
    Column(
        "shipped",
        QT_TRANSLATE_NOOP("HarvestModel", "On lines"),
        _shipped,
        tooltip=_shipped_tip,
        sortable=False,
        numeric=True,
        width=80,
    ),
    Column(
        "notes",
        QT_TRANSLATE_NOOP("HarvestModel", "Notes"),
        lambda r, lang: r.notes,
        value=lambda r: r.notes,
        edit_text=lambda r, lang: r.notes,
        width=160,
    ),
]


def harvest_model(db, parent=None, tasks: TaskRunner | None = None) -> IdListModel:
    """The harvests table model: rows fetched on `db` (the GUI thread's connection); with `tasks`
    the id query of each sort, filter and refresh runs as a task on its own connection."""
    return IdListModel(HarvestBrowser(db), COLUMNS, CONTEXT, parent, tasks)
