"""The crop form: names, harvest months, the usual price range and what one bag, crate or bundle
of it weighs (pack weights, which turn a count of packs in an import into an estimated weight)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.views.forms.field_parsers import CellParser, describe_weight
from app.views.forms.fields import PriceEdit, TextEdit, ValidatedLineEdit
from app.views.forms.record_form import RecordForm
from db import parsing, units
from db.errors import ValidationError
from db.i18n import translate
from db.parsing import ParseResult, normalize_text
from db.records import Crop

# Each pack weight's field: (kind, label). The labels say the pack as the park names it.
PACK_FIELDS = (
    ("bag", QT_TRANSLATE_NOOP("forms", "One bag (袋) weighs")),
    ("basket", QT_TRANSLATE_NOOP("forms", "One crate (筐) weighs")),
    ("bundle", QT_TRANSLATE_NOOP("forms", "One bundle (捆) weighs")),
)


def parse_months(text: str) -> ParseResult[str]:
    """Harvest months as typed ('11-3', '11,12,1,2,3', '5–10、12') → '11,12,1,2,3' in season order."""
    s = normalize_text(text).replace("月", "").replace("–", "-").replace("~", "-").replace("至", "-")
    for sep in ("，", "、", ";", " "):
        s = s.replace(sep, ",")
    months: list[int] = []
    for part in (p for p in s.split(",") if p):
        bounds = part.split("-")
        if len(bounds) > 2 or not all(b.isdigit() for b in bounds):
            error = translate("db", "'{text}' is not a month or a range of months such as 11-3")
            return ParseResult(error=error.format(text=part))
        first, last = int(bounds[0]), int(bounds[-1])
        if not (1 <= first <= 12 and 1 <= last <= 12):
            return ParseResult(error=translate("db", "'{text}': months are 1 to 12").format(text=part))
        month = first
        while True:
            if month not in months:
                months.append(month)
            if month == last:
                break
            month = month % 12 + 1
    return ParseResult(value=",".join(map(str, months)))


def pack_weight_field() -> ValidatedLineEdit:
    """A pack weight in kg (25, 50斤, 7.5公斤), up to 100 kg; blank while the park has not weighed one."""
    field = ValidatedLineEdit(
        CellParser(parsing.parse_pack_weight_g, units.plain_kg, describe_weight, required=False)
    )
    field.setPlaceholderText(QCoreApplication.translate("forms", "kg; blank: not known"))
    return field


def build_crop_form(record: Crop | None, names_field) -> RecordForm:
    record = record or Crop(name="")
    form = RecordForm()
    name = form.add_field("name", QT_TRANSLATE_NOOP("forms", "Name"), TextEdit(required=True))
    name_en = form.add_field("name_en", QT_TRANSLATE_NOOP("forms", "English name"), TextEdit())
    aliases = form.add_field("aliases", QT_TRANSLATE_NOOP("forms", "Also called"), names_field())
    season = form.add_field(
        "season",
        QT_TRANSLATE_NOOP("forms", "Harvest months"),
        ValidatedLineEdit(CellParser(parse_months, describe=lambda v: "= " + v, required=False)),
    )
    low = form.add_field(
        "price_low", QT_TRANSLATE_NOOP("forms", "Usual low price"), PriceEdit("元/公斤", required=False)
    )
    high = form.add_field(
        "price_high", QT_TRANSLATE_NOOP("forms", "Usual high price"), PriceEdit("元/公斤", required=False)
    )
    for kind, label in PACK_FIELDS:
        form.add_field(f"{kind}_g", label, pack_weight_field()).set_value(record.pack_g(kind))
    name.set_value(record.name)
    name_en.set_value(record.name_en)
    aliases.set_value(record.aliases)
    season.set_value(record.season_months)
    low.set_value(record.price_low or None)
    high.set_value(record.price_high or None)
    return form


def crop_from_form(form: RecordForm, original: Crop | None) -> Crop:
    low, high = form.value("price_low") or 0, form.value("price_high") or 0
    if high and low > high:
        message = QCoreApplication.translate("forms", "Must not be below the low price")
        raise ValidationError(message, [("price_high", message)])
    base = original or Crop(name="")
    return base.replace(
        name=form.value("name"),
        name_en=form.value("name_en") or "",
        aliases=form.value("aliases") or (),
        season_months=form.value("season") or "",
        price_low=low,
        price_high=high or low,
        **{f"{kind}_g": form.value(f"{kind}_g") for kind, _ in PACK_FIELDS},
    )
