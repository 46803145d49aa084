"""Values that are allowed but probably typed wrong (a price far outside the crop's range, a price
of 0): warnings a person accepts explicitly, in the forms and in imports alike."""

from __future__ import annotations

from db import units
from db.i18n import Text, translate

# A price more than this many times the crop's stored high, or below its low divided by it.
PRICE_FACTOR = 3


def price_warning(price: int, crop: str, low: int, high: int) -> tuple[str, Text] | None:
    """(kind, message) when a price (0.0001 元/kg) of a crop with the stored range low..high looks
    like a typing error: 'price_zero' or 'price_range'; None when it looks right."""
    if price == 0:
        return "price_zero", translate("db", "the price is 0; is it a gift or a typing error?")
    if (high and price > PRICE_FACTOR * high) or (low and price * PRICE_FACTOR < low):
        return "price_range", translate(
            "db",
            "{price} 元/公斤 is far outside the usual range of {crop} ({low}–{high} 元/公斤); "
            "check the price and its unit (元/斤 or 元/公斤)",
        ).format(
            price=units.plain_price_per_kg(price),
            crop=crop,
            low=units.plain_price_per_kg(low),
            high=units.plain_price_per_kg(high),
        )
    return None


def shipment_warnings(store, lines) -> list[Text]:
    """The price warnings of a truck's lines (ShipmentLine records), each naming its line."""
    found = []
    for n, line in enumerate(lines, start=1):
        crop = store.crops.find(line.crop_id)
        if crop is None:
            continue
        for price in dict.fromkeys(p for p in (line.agreed_price, line.settled_price) if p is not None):
            warning = price_warning(price, crop.name, crop.price_low, crop.price_high)
            if warning is not None:
                found.append(translate("db", "line {n}: {problem}").format(n=n, problem=warning[1]))
    return found


def record_acceptance(store, table: str, row_id: int, warnings: list[Text]) -> None:
    """Keep in the audit log that a person saved a record despite these warnings."""
    with store.write():
        store.audit(
            "insert",
            "warnings_accepted",
            row_id,
            None,
            {"table": table, "warnings": [str(w) for w in warnings]},
        )
