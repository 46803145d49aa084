"""The bundled, sourced reference prices (resources/data/reference_prices.csv), parsed exactly.

Each row of the file is one price point a public report gave: a date (not always a full one), a
market, a price level, the item name as the report wrote it, and the price in 元/公斤 with its
source. Prices are read with Decimal into the stored price unit (0.0001 元/kg) and item names
are mapped to the park's canonical crop names through the aliases clerks and reports use.
"""

from __future__ import annotations

import calendar
import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from db import resources
from db.units import PRICE_SCALE

REQUIRED_COLUMNS = ("date", "market", "level", "item_cn", "price_yuan_per_kg")
OPTIONAL_COLUMNS = ("veg_code", "source_url", "note")

# Levels the file uses; wholesale prices are what the park's realised prices compare with.
WHOLESALE = "wholesale"
LEVELS = ("wholesale", "origin_index", "farm_gate", "national_avg_28veg")

# Canonical crop → names reports and clerks use for it (DOMAIN.md). Ambiguous names (油菜, 豆角
# outside Sichuan, 红萝卜, 小白菜) are deliberately absent: they must not be guessed.
CROP_ALIASES: dict[str, tuple[str, ...]] = {
    "白萝卜": ("萝卜", "蘿蔔", "白蘿蔔"),
    "大白菜": ("黄秧白", "黄芽白"),
    "甘蓝": ("莲花白", "包包白", "卷心菜", "洋白菜"),
    "花椰菜": ("花菜",),
    "莴笋": ("青笋", "萵筍"),
    "青菜": ("芥菜",),
    "儿菜": ("抱儿菜",),
    "豇豆": ("豆角",),
    "菜豆": ("四季豆", "青荚肉豆"),
    "辣椒": ("二荆条", "海椒"),
    "青椒": ("甜椒", "菜椒"),
    "番茄": ("西红柿",),
    "黄瓜": ("青瓜",),
    "苦瓜": (),
    "冬瓜": (),
    "南瓜": ("老南瓜",),
    "糯玉米": (),
    "茄子": (),
    "莲藕": ("藕", "田藕"),
    "生姜": ("仔姜", "老姜"),
    "上海青": ("瓢儿白",),
    "胡萝卜": (),
}
_ALIAS_TO_CROP: dict[str, str] = {
    name: crop for crop, aliases in CROP_ALIASES.items() for name in (crop, *aliases)
}

_FULL_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DAY_RANGE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})/(\d{1,2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})(?:\s*\(month\))?$")


class ReferencePriceError(ValueError):
    """The reference price file cannot be read; the message names the row, column and value."""


@dataclass(frozen=True, slots=True)
class ReferencePrice:
    """One sourced price point.

    `day` is where a chart draws the point: the day itself, the first day of a range or of a
    month; None when the file does not say the year (such points are kept but not drawn).
    `end` is the last day the price covers (the same as `day` for a single day).
    """

    row: int  # line number in the file (the header is line 1)
    date_text: str
    day: date | None
    end: date | None
    precision: str  # 'day', 'range', 'month' or 'unknown'
    market: str
    level: str
    item: str
    crop: str | None  # canonical crop name; None when the item is not one of the park's crops
    veg_code: str
    price: int  # 0.0001 元/kg (db.units.PRICE_SCALE)
    source_url: str
    note: str

    @property
    def price_per_kg(self) -> Decimal:
        return Decimal(self.price) / PRICE_SCALE

    @property
    def price_per_jin(self) -> Decimal:
        return Decimal(self.price) / (2 * PRICE_SCALE)

    @property
    def is_wholesale(self) -> bool:
        return self.level == WHOLESALE


def default_path() -> Path:
    """The bundled file (in a wheel, an editable install, the source tree or a frozen build)."""
    return resources.resource_path(*resources.REFERENCE_PRICES)


def canonical_crop(item: str) -> str | None:
    """The canonical crop an item name means, or None.

    Tries the whole name, then the name before a parenthesis, then each name inside it
    ("莲花白(甘蓝)" → 甘蓝, "油菜(瓢儿白、上海青)" → 上海青), each through the alias table.
    """
    text = item.strip().replace("（", "(").replace("）", ")")
    candidates = [text]
    match = re.match(r"^([^()]*)\(([^()]*)\)\s*$", text)
    if match:
        candidates.append(match.group(1).strip())
        candidates += [part.strip() for part in re.split(r"[、,，/]", match.group(2))]
    for name in candidates:
        if name in _ALIAS_TO_CROP:
            return _ALIAS_TO_CROP[name]
    return None


def parse_date(text: str) -> tuple[date | None, date | None, str]:
    """(day, end, precision) of a date as the file writes it; (None, None, 'unknown') if the year
    or the day cannot be known ('????-06-08', 'winter (undated)')."""
    text = text.strip()
    try:
        if m := _FULL_DAY.match(text):
            day = date(int(m[1]), int(m[2]), int(m[3]))
            return day, day, "day"
        if m := _DAY_RANGE.match(text):
            start = date(int(m[1]), int(m[2]), int(m[3]))
            end = date(start.year, start.month, int(m[4]))
            if end < start:
                raise ValueError("range ends before it starts")
            return start, end, "range"
        if m := _MONTH.match(text):
            year, month = int(m[1]), int(m[2])
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), "month"
    except ValueError:
        pass
    return None, None, "unknown"


def parse_price(text: str) -> int:
    """元/公斤 as written ('0.4', '12', '10.50') → exact stored price units; ValueError otherwise."""
    try:
        value = Decimal(text.strip())
    except InvalidOperation as exc:
        raise ValueError(f"'{text}' is not a number") from exc
    if not value.is_finite() or value < 0:
        raise ValueError(f"'{text}' is not a price")
    scaled = value * PRICE_SCALE
    if scaled != scaled.to_integral_value():
        raise ValueError(f"'{text}' is finer than 0.0001 元/公斤")
    return int(scaled)


def load(path: str | Path | None = None) -> list[ReferencePrice]:
    """Every row of the reference price file, in file order.

    The header is read first and must name the required columns (in any order; extra columns
    are ignored). Raises ReferencePriceError naming the line, column and value of the first
    row that cannot be read.
    """
    path = Path(path) if path is not None else default_path()
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            return parse(fh, str(path))
    except OSError as exc:
        raise ReferencePriceError(f"cannot read reference prices from {path}: {exc.strerror}") from exc


def parse(lines: Iterable[str], name: str = "reference prices") -> list[ReferencePrice]:
    """Parse the CSV text (an iterable of lines, BOM already removed)."""
    reader = csv.reader(lines)
    header = next(reader, None)
    if header is None:
        raise ReferencePriceError(f"{name} is empty")
    columns = [h.strip().lstrip("\ufeff") for h in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise ReferencePriceError(
            f"{name}: the header lacks the column(s) {', '.join(missing)} (it has {', '.join(columns)})"
        )
    index = {c: columns.index(c) for c in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS) if c in columns}
    out: list[ReferencePrice] = []
    for line_no, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue

        def cell(column: str, cells: Sequence[str] = cells) -> str:
            i = index.get(column)
            return cells[i].strip() if i is not None and i < len(cells) else ""

        try:
            price = parse_price(cell("price_yuan_per_kg"))
        except ValueError as exc:
            raise ReferencePriceError(f"{name}, line {line_no}, column price_yuan_per_kg: {exc}") from exc
        item = cell("item_cn")
        if not item:
            raise ReferencePriceError(f"{name}, line {line_no}, column item_cn: the item name is empty")
        day, end, precision = parse_date(cell("date"))
        out.append(
            ReferencePrice(
                row=line_no,
                date_text=cell("date"),
                day=day,
                end=end,
                precision=precision,
                market=cell("market"),
                level=cell("level"),
                item=item,
                crop=canonical_crop(item),
                veg_code=cell("veg_code"),
                price=price,
                source_url=cell("source_url"),
                note=cell("note"),
            )
        )
    return out


def by_crop_id(
    prices: Iterable[ReferencePrice],
    crop_entries: Iterable[tuple[int, str, tuple[str, ...]]],
    *,
    levels: Sequence[str] = (WHOLESALE,),
    dated_only: bool = True,
) -> dict[int, list[ReferencePrice]]:
    """Reference points per crop id of a database, for the price chart.

    `crop_entries` is (id, name, aliases) per crop (CropRepository.name_entries()). A point
    belongs to the crop whose name or alias is the point's canonical crop (or the item name
    itself). Only the given levels are kept, and only points with a known date unless
    `dated_only` is False. Points are ordered by date.
    """
    lookup: dict[str, int] = {}
    for crop_id, crop_name, aliases in crop_entries:
        for name in (crop_name, *aliases):
            lookup.setdefault(name, crop_id)
        # A database crop named by an alias of a canonical crop still finds its points.
        canonical = _ALIAS_TO_CROP.get(crop_name)
        if canonical:
            lookup.setdefault(canonical, crop_id)
    out: dict[int, list[ReferencePrice]] = {}
    for p in prices:
        if levels and p.level not in levels:
            continue
        if dated_only and p.day is None:
            continue
        crop_id = lookup.get(p.crop) if p.crop else None
        if crop_id is None:
            crop_id = lookup.get(p.item)
        if crop_id is not None:
            out.setdefault(crop_id, []).append(p)
    for points in out.values():
        points.sort(key=lambda p: (p.day or date.min, p.row))
    return out


def seasonal_profile(points: Iterable[ReferencePrice]) -> dict[int, tuple[int, int]]:
    """Calendar month → (price, number of sourced points behind it) from dated points.

    A month's price is the mean of the points reported in it (any year), half-up to the stored
    unit. A month with no point takes the straight line between the nearest months that have one
    (round the year: December leads to January), with 0 points behind it. {} without points.
    """
    sums: dict[int, list[int]] = {}
    for p in points:
        if p.day is not None:
            sums.setdefault(p.day.month, []).append(p.price)
    known = {m: ((2 * sum(v) + len(v)) // (2 * len(v)), len(v)) for m, v in sums.items()}
    if not known:
        return {}
    profile: dict[int, tuple[int, int]] = dict(known)
    months = sorted(known)
    for month in range(1, 13):
        if month in known:
            continue
        before = max((m for m in months if m < month), default=months[-1])
        after = min((m for m in months if m > month), default=months[0])
        gap = (after - before) % 12 or 12
        step = (month - before) % 12
        a, b = known[before][0], known[after][0]
        profile[month] = (a + ((b - a) * 2 * step + gap) // (2 * gap), 0)
    return profile


@dataclass(frozen=True, slots=True)
class DerivedPrice:
    """A reference price derived for a month that no source reports: the crop's seasonal profile."""

    day: date  # first day of the month
    price: int  # 0.0001 元/kg
    sources: int  # sourced points of that calendar month behind it (0: interpolated)


def derived_monthly(points: Sequence[ReferencePrice], start: date, end: date) -> list[DerivedPrice]:
    """One derived price per month from start to end (inclusive) that has no sourced point of
    its own, from the seasonal profile of `points` — so a period the bundled file barely covers
    still has a reference over its whole span. [] without dated points."""
    profile = seasonal_profile(points)
    if not profile:
        return []
    sourced = {(p.day.year, p.day.month) for p in points if p.day is not None}
    out = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        if (year, month) not in sourced:
            price, sources = profile[month]
            out.append(DerivedPrice(date(year, month, 1), price, sources))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out
