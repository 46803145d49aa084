"""A count of packs in a weight cell ('3袋', '12 筐', '5捆') → a weight through the row's crop's pack
weight, marked as estimated and warned about; a crop without that pack weight: a problem."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from db import parsing, units
from db.i18n import Text, translate
from db.records import Crop

# The warning kind an estimate raises (db.importing.problems.WARNING_KINDS).
ESTIMATED = "estimated"


def pack_name(kind: str) -> Text:
    """The name of a pack kind ('bag', 'basket', 'bundle') for a message."""
    return {
        "bag": translate("db", "bag"),
        "basket": translate("db", "crate"),
        "bundle": translate("db", "bundle"),
    }[kind]


@dataclass(frozen=True, slots=True)
class PackEstimate:
    """A count of packs read: the weight (None when it has none: `message` says why, a problem) or
    the weight and the warning `message`; `packs` is the count as it is stored ('3袋')."""

    grams: int | None
    packs: str
    message: Text


class PackWeights:
    """The pack weights of every crop, read once per import."""

    def __init__(self, crops: Iterable[Crop], max_g: int = parsing.MAX_WEIGHT_G):
        self.crops = {c.id: c for c in crops}
        self.max_g = max_g

    def estimate(self, count: int, pack: str, crop_id: int | None) -> PackEstimate:
        packs = f"{count}{pack}"
        kind = parsing.PACKS[pack]
        crop = self.crops.get(crop_id) if crop_id is not None else None
        if crop is None:
            return PackEstimate(
                None,
                packs,
                translate(
                    "db",
                    "{count} {pack} is a count, not a weight, and the crop of this row is not known; type "
                    "the weight (公斤 or 斤)",
                ).format(count=count, pack=pack),
            )
        each = crop.pack_g(kind)
        if each is None:
            return PackEstimate(
                None,
                packs,
                translate(
                    "db",
                    "{count} {pack} is a count, not a weight: {crop} has no {pack_name} weight; set it on "
                    "the Crops page (or in 'import crops'), or type the weight (公斤 or 斤)",
                ).format(count=count, pack=pack, crop=crop.name, pack_name=pack_name(kind)),
            )
        grams = count * each
        if grams > self.max_g:
            return PackEstimate(
                None,
                packs,
                translate("db", "{count} × {each} kg is {total} kg, more than 100 t; check the count").format(
                    count=count, each=units.plain_kg(each), total=units.plain_kg(grams)
                ),
            )
        return PackEstimate(
            grams,
            packs,
            translate(
                "db",
                "{packs} estimated as {total} kg ({count} × {each} kg, what one {pack_name} of {crop} "
                "weighs); stored marked as estimated (估)",
            ).format(
                packs=packs,
                total=units.plain_kg(grams),
                count=count,
                each=units.plain_kg(each),
                pack_name=pack_name(kind),
                crop=crop.name,
            ),
        )
