"""Read-only aggregates for the dashboard, charts, statistics and reports (exact integers, no Qt).

Conventions shared by every function here:

- `db` is a sqlite-utils `Database` (or a plain `sqlite3.Connection`); nothing here writes.
- Weights are integer grams, money integer fen, prices integer units of 0.0001 元/kg
  (`db.units.PRICE_SCALE`). Sums are done by SQLite on integers; nothing is float-summed.
- Shipment figures come from the trigger-maintained daily summary `shipment_daily` and harvest
  figures from `harvest_daily`, so a chart refresh reads ~100k summary rows, not a million lines.
- `Filters` combine as AND across dimensions and OR within one dimension's tuple; an empty tuple
  means "no restriction". Harvests have no buyer or market, so harvest figures ignore
  `buyer_ids` and `market_ids`. A grade filter uses the grade of the harvest lot or of the
  shipment line. To select shipments without a destination market put `None` (or 0) in
  `market_ids`; results report such shipments with market id `None`.
- Periods are labelled by the first day of their bucket, as 'YYYY-MM-DD' text: a day by itself,
  an ISO week by its Monday, a month by 'YYYY-MM-01', a year by 'YYYY-01-01'. Series are ordered
  by period, then key (None first).
- Results are frozen dataclasses or plain tuples; ids are returned, names only where stated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

BUCKETS = ("day", "week", "month", "year")
Bucket = Literal["day", "week", "month", "year"]
Kind = Literal["harvest", "shipment"]

# The park's season runs from 1 November to 31 October: the winter peak (Nov–Apr in DOMAIN.md)
# then falls inside one season instead of being cut at New Year.
SEASON_START_MONTH = 11

# market_key of a shipment without a destination market in shipment_daily.
NO_MARKET_KEY = 0


@dataclass(frozen=True, slots=True)
class Filters:
    """What every chart shares: an inclusive date range and id/grade restrictions."""

    start: str | None = None  # inclusive 'YYYY-MM-DD'
    end: str | None = None  # inclusive 'YYYY-MM-DD'
    operator_ids: tuple[int, ...] = ()
    crop_ids: tuple[int, ...] = ()
    buyer_ids: tuple[int, ...] = ()
    # None (or 0) selects shipments without a destination market.
    market_ids: tuple[int | None, ...] = ()
    grades: tuple[str, ...] = ()

    def with_dates(self, start: str | None, end: str | None) -> Filters:
        """The same filter over another date range."""
        raise NotImplementedError


@dataclass(frozen=True, slots=True)
class YearTotal:
    year: int
    harvested_g: int
    shipped_g: int
    revenue_fen: int
    payments_fen: int


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """Harvested grams in one period for one key (operator or crop id; None when not grouped)."""

    period: str
    key: int | None
    grams: int


@dataclass(frozen=True, slots=True)
class ShipPoint:
    """Shipped net grams and line amounts in one period for one key (None: not grouped / no market)."""

    period: str
    key: int | None
    net_g: int
    amount_fen: int


def _mean_price(amount_fen: int, net_g: int) -> int | None:
    """Revenue per kg in stored price units, half-up: amount_fen × 100_000 / net_g."""
    raise NotImplementedError


@dataclass(frozen=True, slots=True)
class PricePoint:
    """Realised prices of one crop (None: all crops) in one period.

    min_price / max_price are the lowest and highest effective line prices (settled when set,
    else agreed). The weighted mean is revenue over weight (amount_fen / net_g), i.e. it is
    built from the stored, rounded line amounts, so it agrees with every revenue total.
    """

    period: str
    crop_id: int | None
    net_g: int
    amount_fen: int
    min_price: int
    max_price: int

    @property
    def mean_price(self) -> int:
        """Weighted mean in stored price units (0.0001 元/kg), rounded half up."""
        raise NotImplementedError

    @property
    def mean_price_per_kg(self) -> Decimal:
        """Weighted mean in 元/kg, to 0.0001 元 (the stored price resolution), rounded half up."""
        raise NotImplementedError


@dataclass(frozen=True, slots=True)
class Flow:
    """Net grams that went from an operator via a buyer to a market (None: no market recorded)."""

    operator_id: int
    buyer_id: int
    market_id: int | None
    net_g: int


@dataclass(frozen=True, slots=True)
class OperatorStat:
    """One operator's output over the filtered period.

    share is the operator's exact fraction of the park's harvested grams under the same
    filters except `operator_ids` (so a single operator still shows its share of the park);
    shipped_share is the same for shipped grams. yield_per_mu_g is harvested grams per 亩,
    rounded half up (None when the operator has no recorded area).
    """

    operator_id: int
    name: str
    area_mu_x100: int
    harvested_g: int
    shipped_g: int
    revenue_fen: int
    share: Fraction
    shipped_share: Fraction
    yield_per_mu_g: int | None

    @property
    def share_bp(self) -> int:
        """share in basis points (1/100 of a percent), rounded half up."""
        raise NotImplementedError


@dataclass(frozen=True, slots=True)
class BuyerBalance:
    """A buyer's account: shipments (line amounts) minus payments; positive means the buyer owes."""

    buyer_id: int
    name: str
    shipped_fen: int
    paid_fen: int
    balance_fen: int
    last_shipment: str | None
    last_payment: str | None


@dataclass(frozen=True, slots=True)
class Kpis:
    """Dashboard figures for an inclusive period.

    outstanding_fen is the sum of the positive buyer balances as of `end` (a buyer in credit does
    not offset another's debt); it honours `buyer_ids` only. certificates_issued counts valid
    (not voided) certificates issued in the period, honouring operator and crop filters, and
    buyer/market filters through the certificate's shipment.
    """

    start: str
    end: str
    harvested_g: int
    shipped_g: int
    revenue_fen: int
    outstanding_fen: int
    certificates_issued: int

    @property
    def mean_price(self) -> int | None:
        """Revenue per kg shipped in stored price units, half-up; None when nothing was shipped."""
        raise NotImplementedError

    @property
    def mean_price_per_kg(self) -> Decimal | None:
        """Revenue per kg shipped in 元/kg to 0.0001, half-up; None when nothing was shipped."""
        raise NotImplementedError


# ---------------------------------------------------------------- dates and periods


def season_of(day: date) -> tuple[date, date]:
    """The park season holding `day`: 1 November to the next 31 October, inclusive.

    The season starts in November because the winter peak (Nov–Apr, DOMAIN.md) is the heart
    of the park's year; a calendar year would cut it in two.
    """
    raise NotImplementedError


def month_of(day: date) -> tuple[date, date]:
    """First and last day of the calendar month holding `day`."""
    raise NotImplementedError


def shift_years(day: date, years: int) -> date:
    """The same calendar day `years` later (earlier if negative); 29 February becomes the 28th."""
    raise NotImplementedError


def bucket_start(day: str | date, bucket: Bucket) -> str:
    """The label of the bucket holding `day` (Python twin of the SQL bucketing)."""
    raise NotImplementedError


def periods(start: str, end: str, bucket: Bucket) -> list[str]:
    """Every bucket label from the one holding `start` to the one holding `end`, so a chart can
    show empty periods as zero."""
    raise NotImplementedError


# ---------------------------------------------------------------- aggregates


def record_counts(db: Any) -> dict[str, int]:
    """Rows per table: operators, plots, crops, markets, buyers, harvests, shipments,
    shipment_lines, payments, certificates, audit_log."""
    raise NotImplementedError


def date_bounds(db: Any) -> tuple[str | None, str | None]:
    """First and last day with a harvest or a shipment; (None, None) for an empty database."""
    raise NotImplementedError


def yearly_totals(db: Any) -> list[YearTotal]:
    """Per calendar year with any harvest, shipment or payment: harvested and shipped grams,
    revenue (line amounts) and payments received. Ordered by year."""
    raise NotImplementedError


def yearly_by(db: Any, kind: Kind, dim: str) -> list[tuple[int, int | None, str, int]]:
    """(year, key id, key name, grams) per calendar year and operator/crop (harvests) or
    operator/crop/market/buyer (shipments); ordered by year, then grams descending, then id.
    A shipment without market has key id None and name ''. Raises ValueError for a harvest
    by market or buyer."""
    raise NotImplementedError


def harvest_series(
    db: Any, bucket: Bucket, group_by: Literal["operator", "crop"] | None, f: Filters = Filters()
) -> list[SeriesPoint]:
    """Harvested grams per period (and operator or crop). Ignores buyer and market filters."""
    raise NotImplementedError


def shipment_series(
    db: Any,
    bucket: Bucket,
    group_by: Literal["market", "buyer", "crop", "operator"] | None,
    f: Filters = Filters(),
) -> list[ShipPoint]:
    """Shipped net grams and line amounts per period (and market, buyer, crop or operator)."""
    raise NotImplementedError


def price_series(db: Any, bucket: Bucket, f: Filters = Filters(), by_crop: bool = True) -> list[PricePoint]:
    """Realised price per period (per crop unless by_crop is False): weight, amount, min, max."""
    raise NotImplementedError


def flows(db: Any, f: Filters = Filters()) -> list[Flow]:
    """Net grams per (operator, buyer, market) for the flow diagram, heaviest first."""
    raise NotImplementedError


def season_overlay(
    db: Any, crop_id: int, f: Filters = Filters(), kind: Kind = "shipment", season_years: bool = False
) -> list[tuple[int, int, int]]:
    """(year, month, grams) of one crop, shipped (or harvested), for overlaying the years.

    `crop_id` replaces any crop filter. With season_years=True, `year` is the year the park
    season (Nov–Oct) started, so a winter's November to April stay on one line.
    Ordered by year, then month (months without any weight are absent).
    """
    raise NotImplementedError


def operator_summary(db: Any, f: Filters = Filters()) -> list[OperatorStat]:
    """Per operator (every operator selected by the filter, archived ones only with activity):
    area, harvested and shipped grams, revenue, share of park output and yield per 亩.
    Ordered by harvested grams descending, then name."""
    raise NotImplementedError


def buyer_balances(db: Any, as_of: str | None = None) -> list[BuyerBalance]:
    """Each buyer's shipments, payments and balance up to and including `as_of` (default: all),
    with the last shipment and payment dates. Archived buyers appear only with activity.
    Ordered by balance descending, then name."""
    raise NotImplementedError


def kpis(db: Any, start: str, end: str, f: Filters | None = None) -> Kpis:
    """Dashboard figures for start..end (inclusive); the filter's own dates are ignored."""
    raise NotImplementedError


def compare_kpis(db: Any, start: str, end: str, f: Filters | None = None) -> tuple[Kpis, Kpis]:
    """(this period, the same period one year earlier) — for the dashboard's arrows."""
    raise NotImplementedError


def change_bp(current: int, previous: int) -> int | None:
    """Change from previous to current in basis points, half-up (away from zero);
    None when previous is 0 (no meaningful percentage)."""
    raise NotImplementedError


__all__ = [
    "BUCKETS",
    "NO_MARKET_KEY",
    "SEASON_START_MONTH",
    "BuyerBalance",
    "Filters",
    "Flow",
    "Kpis",
    "OperatorStat",
    "PricePoint",
    "SeriesPoint",
    "ShipPoint",
    "YearTotal",
    "bucket_start",
    "buyer_balances",
    "change_bp",
    "compare_kpis",
    "date_bounds",
    "flows",
    "harvest_series",
    "kpis",
    "month_of",
    "operator_summary",
    "periods",
    "price_series",
    "record_counts",
    "season_of",
    "season_overlay",
    "shift_years",
    "shipment_series",
    "yearly_by",
    "yearly_totals",
]
