"""Read-only aggregates for the dashboard, charts, statistics and reports (exact integers, no Qt).

Conventions shared by every function here:

- `db` is a sqlite-utils `Database` (or a plain `sqlite3.Connection`); nothing here writes.
- Weights are integer grams, money integer fen, prices integer units of 0.0001 元/kg
  (`db.units.PRICE_SCALE`). Sums are done by SQLite on integers; nothing is float-summed.
- Shipment figures come from the trigger-maintained daily summary `shipment_daily` and harvest
  figures from `harvest_daily`, so a chart refresh reads summary rows, not a million lines. The
  daily summary still holds ~450 rows a day at a million lines (a row per day, buyer, market,
  operator, crop and grade), so the shipment charts by month or year, the flows, the operators'
  shipped sums and a crop's seasons read whole months from its monthly rollup `shipment_monthly`
  (kept by triggers on shipment_daily) and only the days of a month the period cuts from the daily
  rows (`charts._sources`).
  Revenue is the sum of stored line amounts (settled price when set, else agreed price).
- `Filters` combine as AND across dimensions and OR within one dimension's tuple; an empty tuple
  means "no restriction". Harvests have no buyer or market, so harvest figures ignore
  `buyer_ids` and `market_ids`. A grade filter uses the grade of the harvest lot or of the
  shipment line. To select shipments without a destination market put `None` (or 0) in
  `market_ids`; results report such shipments with market id `None`.
- Periods are labelled by the first day of their bucket, as 'YYYY-MM-DD' text: a day by itself,
  an ISO week by its Monday, a month by 'YYYY-MM-01', a year by 'YYYY-01-01'. Series are ordered
  by period, then key (None first).
- Rounding, where a figure is not an integer sum, is half up and done once (stated per field).
- Results are frozen dataclasses or plain tuples; ids are returned, names only where stated.
"""

from db.queries.base import (
    BUCKETS,
    NO_MARKET_KEY,
    SEASON_START_MONTH,
    Bucket,
    BuyerBalance,
    Filters,
    Flow,
    Kind,
    Kpis,
    OperatorStat,
    PricePoint,
    SeriesPoint,
    ShipPoint,
    YearTotal,
    bucket_start,
    month_of,
    periods,
    season_of,
    shift_years,
)
from db.queries.charts import (
    flows,
    harvest_series,
    operator_summary,
    price_series,
    season_overlay,
    shipment_series,
)
from db.queries.dashboard import (
    buyer_balances,
    change_bp,
    compare_kpis,
    kpis,
    last_recorded_day,
    outstanding_fen,
    outstanding_fens,
)
from db.queries.totals import (
    COUNTED_TABLES,
    date_bounds,
    record_counts,
    yearly_by,
    yearly_totals,
)

__all__ = [
    "BUCKETS",
    "COUNTED_TABLES",
    "NO_MARKET_KEY",
    "SEASON_START_MONTH",
    "Bucket",
    "BuyerBalance",
    "Filters",
    "Flow",
    "Kind",
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
    "last_recorded_day",
    "month_of",
    "operator_summary",
    "outstanding_fen",
    "outstanding_fens",
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
