"""Values that are allowed but probably typed wrong (a price far outside the crop's range, a price
of 0, a truck above 40 t, a plot's day of harvest above what it can yield, a payment far above what
the buyer owes, a date after today): warnings a person accepts explicitly, in forms and imports."""

from __future__ import annotations

from db import units
from db.i18n import Text, translate

# A price more than this many times the crop's stored high, or below its low divided by it.
PRICE_FACTOR = 3
# Heaviest plausible truck or line (DOMAIN.md: a net weight above 40 t is almost surely a typing
# error); the repositories refuse only far above it (db.repositories.MAX_TRUCK_NET_G).
TRUCK_NET_G = 40 * units.G_PER_TONNE
# Most one 亩 of a plot gives in one day of harvest. DOMAIN.md quotes 亩产5000斤 as the everyday
# figure for a whole crop; the heaviest crops of the park (白萝卜, 冬瓜) reach about twice that,
# 10,000 斤 (5 t) per 亩. A plot's crop is harvested over weeks (the seasons run for months), and a
# crew clears at most about a fifth of a plot in one day: 2,000 斤 (1 t) per 亩 of the plot's area per
# day. The demo park's busiest plot-day is under 0.4 t per 亩; 100 t in a day from a 64.5 亩 plot
# (a digit too many, or 斤 read as 公斤 twice over) is well above it.
YIELD_G_PER_MU_DAY = 2_000 * units.G_PER_JIN
# The heaviest harvest of one row whose plot (or plot area) is not given: a truck (see TRUCK_NET_G).
HARVEST_ROW_G = TRUCK_NET_G
# A payment this much above what the buyer owes is still plausible: a prepayment for about one
# 15-20 t truck at the park's usual 1 元/kg (DOMAIN.md: 陈建华's trucks).
PAYMENT_MARGIN_FEN = 20_000 * units.FEN_PER_YUAN
# Above this one transfer is almost surely a typing error whatever the balance: about twice the
# largest settlement of the demo park (¥2.6M, a big buyer paying for a month of trucks).
PAYMENT_MAX_FEN = 5_000_000 * units.FEN_PER_YUAN


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


def _mu(area_mu_x100: int) -> str:
    whole, hundredths = divmod(area_mu_x100, 100)
    return f"{whole}.{hundredths:02d}".rstrip("0").rstrip(".")


def harvest_day_limit_g(area_mu_x100: int) -> int | None:
    """The most a plot of this area (亩 × 100) plausibly yields in one day, in grams; None when the
    area is unknown (0)."""
    return area_mu_x100 * YIELD_G_PER_MU_DAY // 100 if area_mu_x100 > 0 else None


def harvest_day_warning(day_g: int, plot: str, area_mu_x100: int) -> tuple[str, Text] | None:
    """('harvest_yield', message) when a plot's harvest of one day (grams, all its lots) is above what
    its area can yield (HARVEST_ROW_G for a row without a plot or area); None when plausible."""
    limit = harvest_day_limit_g(area_mu_x100)
    if limit is None:
        if day_g <= HARVEST_ROW_G:
            return None
        return "harvest_yield", translate(
            "db", "a harvest of {kg} kg is above 40 t (a truckload); is a digit too many or the unit wrong?"
        ).format(kg=units.format_kg(day_g))
    if day_g <= limit:
        return None
    return "harvest_yield", translate(
        "db",
        "{kg} kg from plot {plot} in one day, more than its {mu} 亩 give (2,000 斤 per 亩: {limit} kg); "
        "a digit too many, or the unit wrong (斤 or 公斤)?",
    ).format(
        kg=units.format_kg(day_g),
        plot=plot,
        mu=_mu(area_mu_x100),
        limit=units.format_kg(limit, 0),
    )


def payment_warning(amount_fen: int, owed_fen: int) -> tuple[str, Text] | None:
    """('payment_amount', message) when a payment is above PAYMENT_MAX_FEN, or above what the buyer
    owes (shipments less payments, earlier rows of a file included; negative when in credit) plus
    PAYMENT_MARGIN_FEN: it would leave the buyer more than that in credit."""
    if amount_fen > PAYMENT_MAX_FEN:
        return "payment_amount", translate(
            "db", "¥{amount} is more than ¥{limit} in one payment; is a digit too many?"
        ).format(amount=units.format_yuan(amount_fen), limit=units.format_yuan(PAYMENT_MAX_FEN))
    if amount_fen - owed_fen > PAYMENT_MARGIN_FEN:
        return "payment_amount", translate(
            "db",
            "¥{amount} would leave the buyer ¥{credit} in credit (more than ¥{margin} paid beyond what "
            "was owed); is a digit too many, or is it the right buyer?",
        ).format(
            amount=units.format_yuan(amount_fen),
            credit=units.format_yuan(amount_fen - owed_fen),
            margin=units.format_yuan(PAYMENT_MARGIN_FEN),
        )
    return None


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
