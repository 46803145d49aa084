"""Numbers as documents print them: exact weights and money, prices to the stored precision, changes."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from db import units


def _grouped(value: Decimal, min_places: int, max_places: int) -> str:
    """Thousands separators, at least min_places decimals, at most max_places (half-up beyond)."""
    value = value.quantize(Decimal(1).scaleb(-max_places), rounding=ROUND_HALF_UP)
    text = f"{value:,.{max_places}f}"
    if max_places > min_places:
        whole, _, frac = text.partition(".")
        frac = frac.rstrip("0").ljust(min_places, "0")
        text = f"{whole}.{frac}" if frac else whole
    return text


def kg(grams: int) -> str:
    """Exact kilograms: '10,000.0', '2,000.5', '2,000.456' (grams are never rounded away)."""
    return _grouped(units.kg(grams), 1, 3)


def tonnes(grams: int) -> str:
    """Tonnes to three decimals (exact kilograms): '1,234.567'."""
    return _grouped(units.tonnes(grams), 3, 3)


def exact_tonnes(grams: int) -> str:
    """Tonnes with every gram kept: '2,043.583973', '12.5'."""
    return _grouped(units.tonnes(grams), 1, 6)


def yuan(fen: int) -> str:
    """元 exact to the fen: '24,000.00'."""
    return units.format_yuan(fen)


def price_kg(price: int) -> str:
    """元/公斤 as stored (up to 4 decimals, at least 2): '2.40', '2.6667'."""
    return _grouped(units.price_per_kg(price), 2, 4)


def price_jin(price: int) -> str:
    """元/斤 (half the 元/公斤 figure), at least 2 and at most 4 decimals, half-up beyond."""
    return _grouped(units.price_per_jin(price), 2, 4)


def change(current: int, previous: int, new: str = "—") -> str:
    """Change against an earlier figure as a percentage to 0.1 %, half up: '+12.5%', '-3.0%', and
    '0.0%' for a change too small to show (never '-0.0%'); '—' when both are nothing, `new` when
    only the earlier one is."""
    if previous == 0:
        return "—" if current == 0 else new
    return percent(Fraction(current - previous, previous), signed=True)


def percent(value: Fraction, signed: bool = False) -> str:
    """A fraction as a percentage to 0.1 %, half up, exactly: '29.2%' (signed: '+29.2%')."""
    pct = percent_tenths(value)
    if pct == 0:
        return "0.0%"
    return f"{pct:+.1f}%" if signed else f"{pct:.1f}%"


def percent_tenths(value: Fraction) -> Decimal:
    """A fraction as a percentage rounded half up (away from zero) to 0.1, in integer arithmetic;
    0.0 (never -0.0) when it rounds to nothing."""
    n, d = abs(value.numerator) * 1000, value.denominator
    tenths = (2 * n + d) // (2 * d)
    if tenths == 0:
        return Decimal("0.0")
    return Decimal(tenths if value > 0 else -tenths).scaleb(-1)
