"""Turning what a clerk typed into exact values: weights, prices, dates, percents, plates and names.

By responsibility: `text` (parse results, normalisation: NFKC, invisible characters, Traditional →
Simplified), `numbers` (Arabic, Chinese and mixed numerals), `quantities` (weights, prices and
percents with their units), `dates`, `plates` and `names` (aliases, near misses). Pure stdlib and
OpenCC; every public name is re-exported here, so callers write `parsing.parse_weight_g`.
"""

from __future__ import annotations

from db.parsing.dates import FUTURE_WINDOW_DAYS, MAX_YEAR, MIN_YEAR, parse_date
from db.parsing.names import MAX_NAME_CHARS, NameIndex, name_key
from db.parsing.plates import PROVINCES, parse_plate
from db.parsing.quantities import (
    MAX_PACK_G,
    MAX_PRICE,
    MAX_WEIGHT_G,
    PACK_KINDS,
    PACKS,
    PRICE_SCALE,
    PRICE_UNIT_NAMES,
    PRICE_UNITS_G,
    WEIGHT_UNITS_G,
    parse_pack_count,
    parse_pack_weight_g,
    parse_percent,
    parse_price,
    parse_weight_g,
)
from db.parsing.text import ParseResult, drop_invisible, normalize_text, to_simplified, visible

__all__ = [
    "FUTURE_WINDOW_DAYS",
    "MAX_NAME_CHARS",
    "MAX_PACK_G",
    "MAX_PRICE",
    "MAX_WEIGHT_G",
    "MAX_YEAR",
    "MIN_YEAR",
    "PACKS",
    "PACK_KINDS",
    "PRICE_SCALE",
    "PRICE_UNITS_G",
    "PRICE_UNIT_NAMES",
    "PROVINCES",
    "WEIGHT_UNITS_G",
    "NameIndex",
    "ParseResult",
    "drop_invisible",
    "name_key",
    "normalize_text",
    "parse_date",
    "parse_pack_count",
    "parse_pack_weight_g",
    "parse_percent",
    "parse_plate",
    "parse_price",
    "parse_weight_g",
    "to_simplified",
    "visible",
]
