"""What a column of an import file may be read as, in the words of the program's language (the
mapping page's "Read as" choices): English texts translated to the templates' Chinese titles."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from db.importing import layout_of

CONTEXT = "ReadAs"
# field key → its label; (kind, key) where a kind's field means something narrower
_LABELS: dict[str | tuple[str, str], str] = {
    "date": QT_TRANSLATE_NOOP("ReadAs", "Date"),
    "ticket": QT_TRANSLATE_NOOP("ReadAs", "Ticket no."),
    "buyer": QT_TRANSLATE_NOOP("ReadAs", "Buyer"),
    ("shipments", "market"): QT_TRANSLATE_NOOP("ReadAs", "Destination market"),
    ("buyers", "market"): QT_TRANSLATE_NOOP("ReadAs", "Usual market"),
    "plate": QT_TRANSLATE_NOOP("ReadAs", "Plate no."),
    "operator": QT_TRANSLATE_NOOP("ReadAs", "Operator"),
    "crop": QT_TRANSLATE_NOOP("ReadAs", "Crop"),
    "grade": QT_TRANSLATE_NOOP("ReadAs", "Grade"),
    "net_kg": QT_TRANSLATE_NOOP("ReadAs", "Net weight (kg)"),
    "price": QT_TRANSLATE_NOOP("ReadAs", "Price (yuan/kg)"),
    "amount": QT_TRANSLATE_NOOP("ReadAs", "Amount (yuan)"),
    "truck_gross_kg": QT_TRANSLATE_NOOP("ReadAs", "Truck gross weight (kg)"),
    "truck_tare_kg": QT_TRANSLATE_NOOP("ReadAs", "Truck tare weight (kg)"),
    "deduction_kg": QT_TRANSLATE_NOOP("ReadAs", "Deduction (kg)"),
    "payable_kg": QT_TRANSLATE_NOOP("ReadAs", "Payable weight (kg)"),
    "settled_price": QT_TRANSLATE_NOOP("ReadAs", "Settled price (yuan/kg)"),
    "deduction_pct": QT_TRANSLATE_NOOP("ReadAs", "Deduction (%)"),
    "lot_code": QT_TRANSLATE_NOOP("ReadAs", "Lot no."),
    "plot": QT_TRANSLATE_NOOP("ReadAs", "Plot"),
    "weight_kg": QT_TRANSLATE_NOOP("ReadAs", "Weight (kg)"),
    "notes": QT_TRANSLATE_NOOP("ReadAs", "Notes"),
    "method": QT_TRANSLATE_NOOP("ReadAs", "Method"),
    "reference": QT_TRANSLATE_NOOP("ReadAs", "Reference no."),
    "name": QT_TRANSLATE_NOOP("ReadAs", "Name"),
    ("plots", "name"): QT_TRANSLATE_NOOP("ReadAs", "Plot name"),
    "kind": QT_TRANSLATE_NOOP("ReadAs", "Kind"),
    "side": QT_TRANSLATE_NOOP("ReadAs", "Side"),
    "short_name": QT_TRANSLATE_NOOP("ReadAs", "Short name"),
    "town": QT_TRANSLATE_NOOP("ReadAs", "Town"),
    "village": QT_TRANSLATE_NOOP("ReadAs", "Village"),
    "credit_code": QT_TRANSLATE_NOOP("ReadAs", "Credit code"),
    "contact": QT_TRANSLATE_NOOP("ReadAs", "Contact"),
    "phone": QT_TRANSLATE_NOOP("ReadAs", "Phone"),
    "area_mu": QT_TRANSLATE_NOOP("ReadAs", "Area (mu)"),
    "aliases": QT_TRANSLATE_NOOP("ReadAs", "Aliases"),
    "archived": QT_TRANSLATE_NOOP("ReadAs", "Archived"),
    "name_en": QT_TRANSLATE_NOOP("ReadAs", "English name"),
    "home_base": QT_TRANSLATE_NOOP("ReadAs", "Home base"),
    "plates": QT_TRANSLATE_NOOP("ReadAs", "Plates"),
    "district": QT_TRANSLATE_NOOP("ReadAs", "District"),
    "city": QT_TRANSLATE_NOOP("ReadAs", "City"),
    "season_months": QT_TRANSLATE_NOOP("ReadAs", "Harvest months"),
    "price_low": QT_TRANSLATE_NOOP("ReadAs", "Usual low price (yuan/kg)"),
    "price_high": QT_TRANSLATE_NOOP("ReadAs", "Usual high price (yuan/kg)"),
    "bag_kg": QT_TRANSLATE_NOOP("ReadAs", "Bag weight (kg)"),
    "basket_kg": QT_TRANSLATE_NOOP("ReadAs", "Crate weight (kg)"),
    "bundle_kg": QT_TRANSLATE_NOOP("ReadAs", "Bundle weight (kg)"),
}


def source_text(kind: str, key: str) -> str | None:
    """The untranslated label of a field (None for a field this table does not know yet)."""
    return _LABELS.get((kind, key)) or _LABELS.get(key)


def field_labels(kind: str) -> list[tuple[str, str]]:
    """(field key, label in the current language) for each field of `kind`'s layout; a field added
    to a layout without a label here shows its Chinese title rather than a machine name."""
    labels = []
    for f in layout_of(kind).fields:
        text = source_text(kind, f.key)
        labels.append((f.key, QCoreApplication.translate(CONTEXT, text) if text else f.title("zh_CN")))
    return labels
