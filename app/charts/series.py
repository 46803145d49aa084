"""Plain data the chart widgets draw: exact integer series with a display unit, no database, no Qt."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True, slots=True)
class Unit:
    """How raw integers are shown: raw / divisor, rounded half up once to `places` decimals.

    Raw values stay exact integers (grams, fen, 0.0001 元/kg price units, basis points); a
    chart plots them as floats but every number a person reads is formatted from the integer.
    """

    symbol: str  # e.g. 't', '元/公斤', '%'
    divisor: int = 1
    places: int = 2

    def value(self, raw: int | None) -> float:
        """The plotted value (a float), NaN for a missing value."""
        return float("nan") if raw is None else raw / self.divisor

    def decimal(self, raw: int) -> Decimal:
        quantum = Decimal(1).scaleb(-self.places)
        return (Decimal(raw) / self.divisor).quantize(quantum, rounding=ROUND_HALF_UP)

    def format(self, raw: int | None, with_symbol: bool = True) -> str:
        """'1,234.57 t' — exact to the stated places, half up; '—' for a missing value."""
        if raw is None:
            return "—"
        text = f"{self.decimal(raw):,.{self.places}f}"
        if with_symbol and self.symbol:
            return f"{text}%" if self.symbol == "%" else f"{text} {self.symbol}"
        return text


def format_percent(part: int, whole: int, places: int = 1) -> str:
    """part / whole as a percentage, half up ('12.3%'); '—' when whole is 0."""
    if not whole:
        return "—"
    quantum = Decimal(1).scaleb(-places)
    value = (Decimal(part) * 100 / Decimal(whole)).quantize(quantum, rounding=ROUND_HALF_UP)
    return f"{value:.{places}f}%"


# ---------------------------------------------------------------- dates on the x axis

_EPOCH = date(1970, 1, 1)


def day_seconds(day: str | date) -> float:
    """Seconds since the epoch of a day's UTC midnight (the x coordinate of date axes)."""
    d = date.fromisoformat(day) if isinstance(day, str) else day
    return float((d - _EPOCH).days * 86_400)


def seconds_day(seconds: float) -> date:
    return datetime.fromtimestamp(seconds, UTC).date()


def next_period(period: str, bucket: str) -> str:
    """The first day of the bucket after the one starting at `period`."""
    d = date.fromisoformat(period)
    if bucket == "day":
        return (d + timedelta(days=1)).isoformat()
    if bucket == "week":
        return (d + timedelta(days=7)).isoformat()
    if bucket == "month":
        return date(d.year + d.month // 12, d.month % 12 + 1, 1).isoformat()
    return date(d.year + 1, 1, 1).isoformat()


def period_span(period: str, bucket: str) -> tuple[float, float]:
    """(start, end) seconds of the bucket starting at `period`; end is the next bucket's start."""
    return day_seconds(period), day_seconds(next_period(period, bucket))


# ---------------------------------------------------------------- chart data


@dataclass(frozen=True, slots=True)
class Series:
    """One named series: a raw integer (or None) per x position."""

    key: Hashable
    label: str
    values: tuple[int | None, ...]
    color: str  # '#RRGGBB'

    @property
    def total(self) -> int:
        return sum(v for v in self.values if v is not None)


@dataclass(frozen=True, slots=True)
class TimeSeriesData:
    """Stacked series over time buckets, with an optional comparison line (not stacked).

    `periods` are bucket labels (first day, 'YYYY-MM-DD'); every series has one value per period.
    """

    periods: tuple[str, ...]
    bucket: str
    series: tuple[Series, ...]
    unit: Unit
    comparison: Series | None = None
    y_label: str = ""
    # The last day counted in the last bucket when that bucket is not over (the current week or
    # month): drawn hollow and labelled, so a few days are not read as a collapse. None: complete.
    partial_until: str | None = None

    @property
    def is_empty(self) -> bool:
        return not any(s.total for s in self.series) and not (self.comparison and self.comparison.total)

    @property
    def last_is_partial(self) -> bool:
        return self.partial_until is not None and bool(self.periods)


@dataclass(frozen=True, slots=True)
class PriceSeries:
    """Realised prices of one crop per period: weighted mean, lowest and highest line price,
    and the weight sold (raw prices in 0.0001 元/kg; None where nothing was sold)."""

    key: Hashable
    label: str
    color: str
    mean: tuple[int | None, ...]
    low: tuple[int | None, ...]
    high: tuple[int | None, ...]
    weight_g: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class ReferencePoint:
    """A sourced reference price, drawn as a point on the day it was reported."""

    key: Hashable  # the crop series it belongs to
    day: str  # 'YYYY-MM-DD'
    price: int  # 0.0001 元/kg
    text: str  # where it comes from: date as reported, market, level, item
    derived: bool = False  # from the crop's seasonal profile of sourced points, not reported


@dataclass(frozen=True, slots=True)
class PriceData:
    periods: tuple[str, ...]
    bucket: str
    series: tuple[PriceSeries, ...]
    references: tuple[ReferencePoint, ...] = ()
    # Series hidden the first time a chart sees them (still listed in the legend).
    default_hidden: tuple[Hashable, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not any(any(v is not None for v in s.mean) for s in self.series)


@dataclass(frozen=True, slots=True)
class OverlayData:
    """One line per year over the months of a year (or of a season), so the years overlay."""

    months: tuple[int, ...]  # the x order, e.g. (1, …, 12) or (11, 12, 1, …, 10)
    series: tuple[Series, ...]  # one per year; values aligned to `months`
    unit: Unit
    y_label: str = ""

    @property
    def is_empty(self) -> bool:
        return not any(s.total for s in self.series)


@dataclass(frozen=True, slots=True)
class FlowNode:
    key: Hashable
    label: str
    color: str
    detail: str = ""  # e.g. the full name when `label` is shortened


@dataclass(frozen=True, slots=True)
class FlowData:
    """Paths through columns of nodes (e.g. operator → buyer → market), each with a raw weight.

    `columns` holds the nodes of each column; a path names one node index per column. Bands
    between neighbouring columns are the sums of the paths through them.
    """

    columns: tuple[tuple[FlowNode, ...], ...]
    column_titles: tuple[str, ...]
    paths: tuple[tuple[tuple[int, ...], int], ...]
    unit: Unit

    @property
    def total(self) -> int:
        return sum(v for _, v in self.paths)

    @property
    def is_empty(self) -> bool:
        return self.total <= 0


@dataclass(frozen=True, slots=True)
class BarCategory:
    key: Hashable
    label: str  # short label for the axis
    color: str
    detail: str = ""  # full name for the tooltip


@dataclass(frozen=True, slots=True)
class BarMetric:
    """One panel of a bar chart: a raw value per category, in a unit."""

    title: str
    unit: Unit
    values: tuple[int | None, ...]


@dataclass(frozen=True, slots=True)
class BarData:
    categories: tuple[BarCategory, ...]
    metrics: tuple[BarMetric, ...]
    notes: tuple[str, ...] = field(default=())  # extra tooltip lines per category (optional)

    @property
    def is_empty(self) -> bool:
        return not self.categories or not any(any(v for v in m.values if v is not None) for m in self.metrics)
