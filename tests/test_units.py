"""Exact unit arithmetic: amounts round once, half up; conversions are exact; display rounds at the end."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from db import units


def test_amount_rounds_half_up_once():
    assert units.amount_fen(500_000, 12_345) == 61_725  # 500 kg × 1.2345 元/kg = 617.25 元
    assert units.amount_fen(1, 500_000) == 5  # 1 g at 50 元/kg = 0.05 元
    assert units.amount_fen(100, 500) == 1  # 0.1 kg × 0.05 元/kg = 0.5 fen → 1 (half up)
    assert units.amount_fen(1_000, 50) == 1  # 1 kg × 0.005 元/kg = 0.5 fen → 1
    assert units.amount_fen(999, 50) == 0  # 0.4995 fen → 0


@given(st.integers(min_value=1, max_value=40_000_000), st.integers(min_value=0, max_value=10_000_000))
def test_amount_equals_decimal_half_up(net_g, price):
    exact = Decimal(net_g) / 1000 * Decimal(price) / units.PRICE_SCALE * 100
    assert units.amount_fen(net_g, price) == int(exact.quantize(Decimal(1), rounding="ROUND_HALF_UP"))


def test_price_conversions_are_exact():
    price = units.price_from_yuan_per_kg("2.4")
    assert price == 24_000
    assert units.price_per_jin(price) == Decimal("1.2")
    assert units.price_per_kg(8_550) == Decimal("0.855")  # 855 元/吨


def test_display_formats_round_at_display():
    assert units.format_kg(1_234_550) == "1,234.6"
    assert units.format_tonnes(1_234_567_890) == "1,234.57"
    assert units.format_yuan(123_456_789) == "1,234,567.89"
    assert units.format_price(12_345, "jin") == "0.62"  # 0.61725 → 0.62
    assert units.plain_kg(1_234_500) == "1234.5"
    assert units.plain_kg(2_000_000) == "2000"
    assert units.plain_price_per_kg(24_000) == "2.4"
    assert units.plain_yuan(5) == "0.05"


def test_labels_and_codes():
    assert units.label(units.GRADES, "first") == "一级"
    assert units.label(units.GRADES, "first", "en") == "Grade 1"
    assert units.code_for_label(units.GRADES, "统货") == "ungraded"
    assert units.code_for_label(units.GRADES, "grade 1") == "first"
    assert units.code_for_label(units.GRADES, "乙级") is None
