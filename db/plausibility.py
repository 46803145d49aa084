"""Values that are allowed but probably typed wrong (a price far outside the crop's range, a price
of 0, a truck above 40 t): warnings a person accepts explicitly, in the forms and in imports alike."""

from __future__ import annotations

from db import units
from db.i18n import Text, translate

# A price more than this many times the crop's stored high, or below its low divided by it.
PRICE_FACTOR = 3
# Heaviest plausible truck or line (DOMAIN.md: a net weight above 40 t is almost surely a typing
# error); the repositories refuse only far above it (db.repositories.MAX_TRUCK_NET_G).
TRUCK_NET_G = 40 * units.G_PER_TONNE


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


def weight_warning(net_g: int, what: str = "truck") -> tuple[str, Text] | None:
    """('truck_weight', message) when a truck's (what='truck') or a line's (what='line') net weight
    in grams is above 40 t; None otherwise."""
    if net_g <= TRUCK_NET_G:
        return None
    if what == "line":
        message = translate("db", "a line of {kg} kg is above 40 t; is a digit too many?")
    else:
        message = translate("db", "a truck of {kg} kg net is above 40 t; is a digit too many?")
    return "truck_weight", message.format(kg=units.format_kg(net_g))


def shipment_warnings(store, lines, net_g: int | None = None) -> list[Text]:
    """The warnings of a truck (its net weight, when given) and of its lines (ShipmentLine records:
    weight and prices), each naming its line."""
    found = []
    if net_g is not None and (warning := weight_warning(net_g)) is not None:
        found.append(warning[1])
    for n, line in enumerate(lines, start=1):
        problems = []
        if (warning := weight_warning(getattr(line, "net_g", 0) or 0, "line")) is not None:
            problems.append(warning[1])
        crop = store.crops.find(line.crop_id)
        if crop is not None:
            for price in dict.fromkeys(p for p in (line.agreed_price, line.settled_price) if p is not None):
                warning = price_warning(price, crop.name, crop.price_low, crop.price_high)
                if warning is not None:
                    problems.append(warning[1])
        found.extend(translate("db", "line {n}: {problem}").format(n=n, problem=p) for p in problems)
    return found


def record_acceptance(store, table: str, row_id: int, warnings: list[Text]) -> None:
    """Keep in the audit log that a person saved a record despite these warnings. Call it inside
    the transaction that writes the record (`with store.write():`), so both are kept or neither."""
    if not store.db.conn.in_transaction:
        raise RuntimeError("record_acceptance must run inside the write it accepts")
    store.audit(
        "insert",
        "warnings_accepted",
        row_id,
        None,
        {"table": table, "warnings": [str(w) for w in warnings]},
    )
