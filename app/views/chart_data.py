"""Turning the data core's aggregates into the plain series the chart widgets draw.

Every function here runs inside a task (its own connection, off the GUI thread) and in the
benchmark: it asks `db.queries` for exact integers and names, and returns frozen chart data
with labels and stable colours. No SQL here.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from PySide6.QtCore import QCoreApplication

from app.charts import palette
from app.charts.series import (
    BarCategory,
    BarData,
    BarMetric,
    FlowData,
    FlowNode,
    OverlayData,
    PriceData,
    PriceSeries,
    ReferencePoint,
    Series,
    TimeSeriesData,
    Unit,
    next_period,
)
from db import queries as q
from db import reference_prices
from db.repositories import Store

TABS = ("harvest", "flows", "prices", "seasons", "operators")
PRESETS = ("season", "last_season", "month", "last_month", "12m", "year", "last_year", "all", "custom")
TONNES = Unit("t", 1_000_000, 2)
TONNES_1 = Unit("t", 1_000_000, 1)
# Series beyond this many are summed into "Others", so a chart stays readable.
MAX_SERIES = 11
MAX_FLOW_NODES = 10
# Crops shown at first on the price chart (the heaviest); the others are one legend click away.
PRICE_CROPS_SHOWN = 4
OTHERS_KEY = "others"
COMPARISON_KEY = "last_year"


@dataclass(frozen=True, slots=True)
class ChartRequest:
    """What to show on the chart page: a tab, filters (with dates), a bucket, the period preset."""

    tab: str = "harvest"
    filters: q.Filters | None = None
    bucket: str | None = None
    preset: str | None = None


# ---------------------------------------------------------------- periods


def reference_day(last_data_day: str | None, today: date | None = None) -> date:
    """The day 'this season' and 'this month' are counted to: today, unless nothing was recorded
    since the start of last month — then the last recorded day, so old data still shows."""
    today = today or date.today()
    if last_data_day is None:
        return today
    last = date.fromisoformat(last_data_day)
    first_of_last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    return last if last < first_of_last_month else today


def preset_range(preset: str, day: date) -> tuple[date | None, date | None]:
    """The inclusive dates of a period preset counted from `day` ('all': no limits)."""
    if preset == "season":
        start, end = q.season_of(day)
        return start, min(end, day)
    if preset == "last_season":
        return q.season_of(q.season_of(day)[0] - timedelta(days=1))
    if preset == "month":
        return q.month_of(day)[0], day
    if preset == "last_month":
        return q.month_of(q.month_of(day)[0] - timedelta(days=1))
    if preset == "12m":
        first = day.replace(day=1)
        for _ in range(11):
            first = (first - timedelta(days=1)).replace(day=1)
        return first, day
    if preset == "year":
        return date(day.year, 1, 1), day
    if preset == "last_year":
        return date(day.year - 1, 1, 1), date(day.year - 1, 12, 31)
    return None, None


def _span(db, f: q.Filters) -> tuple[str, str] | None:
    """The filter's dates, with open ends closed by the first/last recorded day."""
    first, last = q.date_bounds(db)
    start = f.start or first
    end = f.end or last
    if start is None or end is None or start > end:
        return None
    return start, end


def _previous_period(period: str, bucket: str) -> str:
    """The bucket one year before (52 weeks for weeks, so weekdays line up)."""
    d = date.fromisoformat(period)
    if bucket == "week":
        return (d - timedelta(days=364)).isoformat()
    return q.shift_years(d, -1).isoformat()


# ---------------------------------------------------------------- names and colours


@dataclass(frozen=True, slots=True)
class Names:
    """Short and full names of the master records, by id."""

    operators: dict[int, tuple[str, str]]
    crops: dict[int, tuple[str, str]]
    markets: dict[int, tuple[str, str]]
    buyers: dict[int, tuple[str, str]]

    @classmethod
    def load(cls, store: Store) -> Names:
        """Names as the interface shows them: a crop, operator or market by its English name in the English interface
        (the store's language) when it has one."""
        english = store.language == "en"
        return cls(
            operators={
                o.id: (_elide(o.name_en, 22), o.name_en)
                if english and o.name_en
                else (o.short_name or _elide(o.name), o.name)
                for o in store.operators.list()
            },
            crops={c.id: (_crop_name(c, english), _crop_name(c, english)) for c in store.crops.list()},
            markets={
                m.id: (_elide(m.name_en, 22), m.name_en)
                if english and m.name_en
                else (m.aliases[0] if m.aliases else _elide(m.name), m.name)
                for m in store.markets.list()
            },
            buyers={b.id: (_elide(b.name), b.name) for b in store.buyers.list()},
        )

    def of(self, kind: str, key: int | None) -> tuple[str, str]:
        if key is None:
            text = (
                QCoreApplication.translate("ChartData", "No market recorded")
                if kind == "market"
                else QCoreApplication.translate("ChartData", "Unknown")
            )
            return text, text
        table = {"operator": self.operators, "crop": self.crops, "market": self.markets, "buyer": self.buyers}
        return table[kind].get(key, (f"#{key}", f"#{key}"))


def _crop_name(crop, english: bool) -> str:
    return crop.name_en if english and crop.name_en else crop.name


def _elide(text: str, length: int = 8) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def _ranked_keys(totals: dict[Hashable, int], limit: int) -> tuple[list[Hashable], list[Hashable]]:
    """Keys heaviest first (ties by key), split into the first `limit` and the rest; when only one
    key would be left over it is kept, since an 'Others' of one is no summary."""
    ranked = sorted(totals, key=lambda k: (-totals[k], str(k)))
    if len(ranked) <= limit + 1:
        return ranked, []
    return ranked[:limit], ranked[limit:]


# ---------------------------------------------------------------- time series


def _stacked(
    points: Iterable[tuple[str, Hashable, int]],
    periods: list[str],
    kind: str,
    names: Names,
) -> tuple[Series, ...]:
    index = {p: i for i, p in enumerate(periods)}
    values: dict[Hashable, list[int]] = defaultdict(lambda: [0] * len(periods))
    for period, key, grams in points:
        i = index.get(period)
        if i is not None:
            values[key][i] += grams
    totals = {k: sum(v) for k, v in values.items() if sum(v)}
    keep, rest = _ranked_keys(totals, MAX_SERIES)
    series = []
    for key in keep:
        label, _full = names.of(kind, key)
        series.append(Series(key, label, tuple(values[key]), palette.color_hex(kind, key)))
    if rest:
        merged = [sum(values[k][i] for k in rest) for i in range(len(periods))]
        series.append(
            Series(
                OTHERS_KEY,
                QCoreApplication.translate("ChartData", "Others (%1)").replace("%1", str(len(rest))),
                tuple(merged),
                palette.OTHERS,
            )
        )
    return tuple(series)


def _comparison(previous: Iterable[tuple[str, int]], periods: list[str], bucket: str) -> Series:
    """Last year's totals, each placed on the bucket a year (52 weeks) later."""
    wanted = {_previous_period(p, bucket): i for i, p in enumerate(periods)}
    values: list[int | None] = [None] * len(periods)
    for period, grams in previous:
        i = wanted.get(period)
        if i is not None:
            values[i] = (values[i] or 0) + grams
    return Series(
        COMPARISON_KEY,
        QCoreApplication.translate("ChartData", "Same period last year"),
        tuple(values),
        palette.COMPARISON,
    )


def _earlier(f: q.Filters, end: str, bucket: str) -> q.Filters:
    """The filter over the same range one year before (52 weeks before for weekly buckets)."""
    if bucket == "week":
        back = timedelta(days=364)
        return f.with_dates(
            (date.fromisoformat(f.start) - back).isoformat(), (date.fromisoformat(end) - back).isoformat()
        )
    start = q.shift_years(date.fromisoformat(f.start), -1)
    return f.with_dates(start.isoformat(), q.shift_years(date.fromisoformat(end), -1).isoformat())


def _partial_until(periods: list[str], bucket: str, end: str) -> str | None:
    """`end` when the last bucket runs past it (a week or month still under way), else None."""
    if not periods or bucket == "day":
        return None
    last_day = date.fromisoformat(next_period(periods[-1], bucket)) - timedelta(days=1)
    return end if date.fromisoformat(end) < last_day else None


def harvest_chart(
    store: Store, f: q.Filters, bucket: str = "month", group_by: str = "operator"
) -> TimeSeriesData:
    """Harvested tonnes per bucket, stacked by operator or crop, with last year's total as a line."""
    db = store.db
    names = Names.load(store)
    span = _span(db, f)
    if span is None:
        return TimeSeriesData(
            (), bucket, (), TONNES, None, QCoreApplication.translate("ChartData", "Tonnes (t)")
        )
    f = f.with_dates(*span)
    periods = q.periods(span[0], span[1], bucket)
    points = q.harvest_series(db, bucket, group_by, f)
    series = _stacked(((p.period, p.key, p.grams) for p in points), periods, group_by, names)
    previous = q.harvest_series(db, bucket, None, _earlier(f, span[1], bucket))
    comparison = _comparison(((p.period, p.grams) for p in previous), periods, bucket)
    return TimeSeriesData(
        tuple(periods),
        bucket,
        series,
        TONNES,
        comparison,
        QCoreApplication.translate("ChartData", "Tonnes (t)"),
        _partial_until(periods, bucket, span[1]),
    )


def shipment_chart(
    store: Store, f: q.Filters, bucket: str = "month", group_by: str = "market", compare: bool = True
) -> TimeSeriesData:
    """Shipped tonnes per bucket, stacked by destination market (or buyer, crop, operator)."""
    db = store.db
    names = Names.load(store)
    span = _span(db, f)
    if span is None:
        return TimeSeriesData(
            (), bucket, (), TONNES, None, QCoreApplication.translate("ChartData", "Tonnes (t)")
        )
    f = f.with_dates(*span)
    periods = q.periods(span[0], span[1], bucket)
    points = q.shipment_series(db, bucket, group_by, f)
    series = _stacked(((p.period, p.key, p.net_g) for p in points), periods, group_by, names)
    comparison = None
    if compare:
        previous = q.shipment_series(db, bucket, None, _earlier(f, span[1], bucket))
        comparison = _comparison(((p.period, p.net_g) for p in previous), periods, bucket)
    return TimeSeriesData(
        tuple(periods),
        bucket,
        series,
        TONNES,
        comparison,
        QCoreApplication.translate("ChartData", "Tonnes (t)"),
        _partial_until(periods, bucket, span[1]),
    )


# ---------------------------------------------------------------- flows


def flow_chart(store: Store, f: q.Filters) -> FlowData:
    """Operators → buyers → markets for the period, the lightest nodes of a column merged."""
    names = Names.load(store)
    flows = q.flows(store.db, f)
    kinds = ("operator", "buyer", "market")
    totals: list[dict[Hashable, int]] = [defaultdict(int) for _ in kinds]
    for fl in flows:
        for c, key in enumerate((fl.operator_id, fl.buyer_id, fl.market_id)):
            totals[c][key] += fl.net_g
    columns: list[tuple[FlowNode, ...]] = []
    position: list[dict[Hashable, int]] = []
    for c, kind in enumerate(kinds):
        keep, rest = _ranked_keys(totals[c], MAX_FLOW_NODES)
        nodes = []
        where: dict[Hashable, int] = {}
        for key in keep:
            label, full = names.of(kind, key)
            color = "#6E6E6E" if kind == "buyer" else palette.color_hex(kind, key)
            where[key] = len(nodes)
            nodes.append(FlowNode(key, label, color, full))
        if rest:
            others = {
                "operator": QCoreApplication.translate("ChartData", "Other operators"),
                "buyer": QCoreApplication.translate("ChartData", "Other buyers"),
                "market": QCoreApplication.translate("ChartData", "Other markets"),
            }[kind]
            for key in rest:
                where[key] = len(nodes)
            nodes.append(FlowNode(OTHERS_KEY, f"{others} ({len(rest)})", palette.OTHERS, others))
        columns.append(tuple(nodes))
        position.append(where)
    merged: dict[tuple[int, ...], int] = defaultdict(int)
    for fl in flows:
        path = tuple(position[c][key] for c, key in enumerate((fl.operator_id, fl.buyer_id, fl.market_id)))
        merged[path] += fl.net_g
    paths = tuple(sorted(merged.items(), key=lambda kv: (-kv[1], kv[0])))
    titles = (
        QCoreApplication.translate("ChartData", "Operators"),
        QCoreApplication.translate("ChartData", "Buyers"),
        QCoreApplication.translate("ChartData", "Markets"),
    )
    return FlowData(tuple(columns), titles, paths, TONNES_1)


# ---------------------------------------------------------------- prices


@lru_cache(maxsize=1)
def _reference_file() -> tuple[reference_prices.ReferencePrice, ...]:
    return tuple(reference_prices.load())


def level_label(level: str) -> str:
    return {
        "wholesale": QCoreApplication.translate("ChartData", "wholesale"),
        "origin_index": QCoreApplication.translate("ChartData", "origin index"),
        "farm_gate": QCoreApplication.translate("ChartData", "farm gate"),
        "national_avg_28veg": QCoreApplication.translate("ChartData", "national average"),
    }.get(level, level)


def price_chart(store: Store, f: q.Filters, bucket: str = "month") -> PriceData:
    """Weighted mean, lowest and highest realised price per crop and bucket, with the sourced
    wholesale reference prices of those crops inside the period."""
    db = store.db
    names = Names.load(store)
    span = _span(db, f)
    if span is None:
        return PriceData((), bucket, ())
    f = f.with_dates(*span)
    periods = q.periods(span[0], span[1], bucket)
    index = {p: i for i, p in enumerate(periods)}
    points = q.price_series(db, bucket, f, by_crop=True)
    n = len(periods)
    rows: dict[int, dict[str, list]] = {}
    for p in points:
        i = index.get(p.period)
        if i is None or p.crop_id is None:
            continue
        row = rows.setdefault(
            p.crop_id, {"mean": [None] * n, "low": [None] * n, "high": [None] * n, "weight": [0] * n}
        )
        row["mean"][i] = p.mean_price
        row["low"][i] = p.min_price
        row["high"][i] = p.max_price
        row["weight"][i] = p.payable_g
    order = sorted(rows, key=lambda k: (-sum(rows[k]["weight"]), k))
    series = tuple(
        PriceSeries(
            key,
            names.of("crop", key)[0],
            palette.color_hex("crop", key),
            tuple(rows[key]["mean"]),
            tuple(rows[key]["low"]),
            tuple(rows[key]["high"]),
            tuple(rows[key]["weight"]),
        )
        for key in order
    )
    references = []
    by_crop = reference_prices.by_crop_id(_reference_file(), store.crops.name_entries())
    first, last = date.fromisoformat(span[0]), date.fromisoformat(span[1])
    for crop_id, refs in by_crop.items():
        if crop_id not in rows:
            continue
        for r in refs:
            if span[0] <= r.day.isoformat() <= span[1]:
                text = " · ".join(x for x in (r.date_text, r.market, level_label(r.level), r.item) if x)
                references.append(ReferencePoint(crop_id, r.day.isoformat(), r.price, text))
        # Months no source reports get the crop's seasonal profile, marked as derived.
        for d in reference_prices.derived_monthly(refs, first.replace(day=1), last):
            count = d.sources
            text = (
                QCoreApplication.translate(
                    "ChartData",
                    "Derived, not reported: the seasonal profile of %n sourced point(s)",
                    "",
                    count,
                )
                if count
                else QCoreApplication.translate(
                    "ChartData", "Derived, not reported: between the neighbouring months' sourced prices"
                )
            )
            references.append(ReferencePoint(crop_id, d.day.isoformat(), d.price, text, derived=True))
    return PriceData(
        tuple(periods),
        bucket,
        series,
        tuple(references),
        default_hidden=tuple(s.key for s in series[PRICE_CROPS_SHOWN:]) if not f.crop_ids else (),
    )


# ---------------------------------------------------------------- seasons


def default_crop(store: Store, f: q.Filters) -> int | None:
    """The crop a season chart starts with: the first filtered crop, else the heaviest shipped."""
    if f.crop_ids:
        return f.crop_ids[0]
    stats = q.yearly_by(store.db, "shipment", "crop")
    totals: dict[int, int] = defaultdict(int)
    for _year, key, _name, grams in stats:
        if key is not None:
            totals[key] += grams
    return min(totals, key=lambda k: (-totals[k], k)) if totals else None


def season_chart(store: Store, f: q.Filters, crop_id: int | None, kind: str = "shipment") -> OverlayData:
    """One crop's tonnes per month, one line per park season (November to October)."""
    months = tuple((q.SEASON_START_MONTH - 1 + i) % 12 + 1 for i in range(12))
    if crop_id is None:
        return OverlayData(months, (), TONNES_1, QCoreApplication.translate("ChartData", "Tonnes (t)"))
    rows = q.season_overlay(store.db, crop_id, f, kind=kind, season_years=True)
    position = {m: i for i, m in enumerate(months)}
    per_season: dict[int, list[int | None]] = {}
    for season, month, grams in rows:
        per_season.setdefault(season, [None] * 12)[position[month]] = grams
    series = tuple(
        Series(
            season,
            QCoreApplication.translate("ChartData", "Season %1–%2")
            .replace("%1", str(season))
            .replace("%2", str(season + 1)),
            tuple(values),
            palette.season_color(rank),
        )
        for rank, (season, values) in enumerate(sorted(per_season.items(), reverse=True))
    )[::-1]
    return OverlayData(months, series, TONNES_1, QCoreApplication.translate("ChartData", "Tonnes (t)"))


# ---------------------------------------------------------------- operators


def operator_chart(
    store: Store, f: q.Filters, metrics: tuple[str, ...] = ("tonnes", "yield", "share")
) -> BarData:
    """Per operator: harvested tonnes, yield per 亩 (in 斤, as the park quotes it), share of the park."""
    names = Names.load(store)
    stats = [s for s in q.operator_summary(store.db, f) if s.harvested_g or s.shipped_g]
    categories = tuple(
        BarCategory(
            s.operator_id,
            names.of("operator", s.operator_id)[0],
            palette.color_hex("operator", s.operator_id),
            s.name,
        )
        for s in stats
    )
    available: dict[str, Callable[[], BarMetric]] = {
        "tonnes": lambda: BarMetric(
            QCoreApplication.translate("ChartData", "Harvested"),
            TONNES_1,
            tuple(s.harvested_g for s in stats),
        ),
        "yield": lambda: BarMetric(
            QCoreApplication.translate("ChartData", "Yield per mu"),
            Unit(QCoreApplication.translate("ChartData", "jin/mu"), 500, 0),
            tuple(s.yield_per_mu_g for s in stats),
        ),
        "share": lambda: BarMetric(
            QCoreApplication.translate("ChartData", "Share of park output"),
            Unit("%", 100, 1),
            tuple(s.share_bp for s in stats),
        ),
        "shipped": lambda: BarMetric(
            QCoreApplication.translate("ChartData", "Shipped"), TONNES_1, tuple(s.shipped_g for s in stats)
        ),
    }
    notes = tuple(
        QCoreApplication.translate("ChartData", "Shipped %1, revenue %2 yuan, area %3 mu")
        .replace("%1", TONNES.format(s.shipped_g))
        .replace("%2", Unit("", 100, 2).format(s.revenue_fen, with_symbol=False))
        .replace("%3", Unit("", 100, 2).format(s.area_mu_x100, with_symbol=False))
        for s in stats
    )
    return BarData(categories, tuple(available[m]() for m in metrics), notes)


# ---------------------------------------------------------------- dashboard


@dataclass(frozen=True, slots=True)
class KpiPair:
    current: q.Kpis
    previous: q.Kpis


# The dashboard's small charts: this many complete weeks up to the reference day.
DASHBOARD_WEEKS = 26


def recent_weeks(day: date, weeks: int = DASHBOARD_WEEKS) -> tuple[date, date]:
    """Monday `weeks` weeks back to the last Sunday on or before `day`: whole weeks only, so no
    bucket at either end looks like a dip."""
    end = day - timedelta(days=(day.weekday() + 1) % 7)
    return end - timedelta(days=7 * weeks - 1), end


@dataclass(frozen=True, slots=True)
class DashboardData:
    as_of: str  # the last day the figures count (both periods and their year-earlier twins)
    season: KpiPair
    month: KpiPair
    outstanding_at_month_start: int  # owed by buyers at the end of the day before this month
    season_filters: q.Filters
    chart_filters: q.Filters  # the small charts' weeks
    harvest: TimeSeriesData
    shipments: TimeSeriesData
    prices: PriceData
    operators: BarData


def comparison_end(db, day: date) -> date:
    """The last day the dashboard counts: the last day with a harvest, shipment or payment up to `day`
    (`day` itself once something is recorded on it), or the day before `day` in a park with
    nothing recorded. Counting an empty morning against a full day a year earlier made every
    figure fall; both periods end on this day, a year apart."""
    last = q.last_recorded_day(db, day.isoformat())
    return date.fromisoformat(last) if last is not None else day - timedelta(days=1)


def dashboard(store: Store, f: q.Filters | None = None, today: date | None = None) -> DashboardData:
    """Everything the dashboard shows, for the season and month holding the reference day."""
    f = f or q.Filters()
    db = store.db
    day = reference_day(q.date_bounds(db)[1], today)
    season_start, season_end = preset_range("season", day)
    month_start, _month_end = preset_range("month", day)
    end = comparison_end(db, day)
    season = q.compare_kpis(db, season_start.isoformat(), max(season_start, end).isoformat(), f)
    month = q.compare_kpis(db, month_start.isoformat(), max(month_start, end).isoformat(), f)
    before_month = (month_start - timedelta(days=1)).isoformat()
    sf = f.with_dates(season_start.isoformat(), season_end.isoformat())
    weeks = f.with_dates(*(d.isoformat() for d in recent_weeks(day)))
    return DashboardData(
        as_of=max(season_start, end).isoformat(),
        season=KpiPair(*season),
        month=KpiPair(*month),
        outstanding_at_month_start=q.outstanding_fen(db, before_month, f.buyer_ids),
        season_filters=sf,
        chart_filters=weeks,
        harvest=harvest_chart(store, weeks, "week", "operator"),
        shipments=shipment_chart(store, weeks, "week", "market", compare=False),
        prices=price_chart(store, weeks, "week"),
        operators=operator_chart(store, sf, ("tonnes",)),
    )


def replace_filters(f: q.Filters, **changes) -> q.Filters:
    return dataclasses.replace(f, **changes)
