"""The deterministic demo dataset: DOMAIN.md's park as master data plus seeded, realistic years of trade.

park.py holds the park (operators, plots, crops, markets, buyers) and writes its master data;
trade.py simulates the years of trade in memory; writing.py stores them.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from db.demo.park import (
    BUYERS,
    CROPS,
    MARKETS,
    OPERATORS,
    DemoSummary,
    MasterData,
    Progress,
    credit_code,
    masked_phone,
    seed_master_data,
)
from db.demo.trade import _Trade
from db.demo.writing import write_trade
from db.errors import ValidationError
from db.i18n import translate
from db.repositories import Store

__all__ = [
    "BUYERS",
    "CROPS",
    "MARKETS",
    "MAX_YEARS",
    "OPERATORS",
    "DemoSummary",
    "MasterData",
    "credit_code",
    "generate",
    "masked_phone",
    "seed_master_data",
]

# --------------------------------------------------------------------------------------------
# Trade


MAX_YEARS = 30
DEMO_CACHE_KIB = -64_000  # negative: KiB, not pages; freed when the connection closes


def generate(
    store: Store,
    years: int = 3,
    seed: int = 2026,
    end: date | None = None,
    progress: Progress | None = None,
) -> DemoSummary:
    """Seed the master data, then `years` full years of harvests, shipments, payments and
    certificates ending on `end` (default: yesterday), all in one transaction.

    The same seed and end give byte-identical data. `progress(done, total)` is called as work
    goes on; if it raises (db.errors.Cancelled), the exception propagates and nothing is written.
    """
    if years < 0:
        raise ValidationError(
            translate("db", "the number of years cannot be negative"), [("years", "non-negative")]
        )
    if years > MAX_YEARS:
        # Far more than a demo needs (3 years take ~7 s), and a year count reaching past 1900 would
        # fail in date arithmetic instead of with a message.
        raise ValidationError(
            translate("db", "the demo makes 0 to {limit} years of trade; ask for fewer").format(
                limit=MAX_YEARS
            ),
            [("years", "limit")],
        )
    if end is None:
        end = date.today() - timedelta(days=1)
    start = _years_before(end, years) if years else None
    report = progress or (lambda done, total: None)
    # The transaction writes ~150 MB for three years; SQLite's default 2 MB page cache would spill
    # the summary tables' index pages to the WAL again and again before the commit.
    cache = store.db.execute("PRAGMA cache_size").fetchone()[0]
    store.db.execute(f"PRAGMA cache_size = {DEMO_CACHE_KIB}")
    try:
        return _generate(store, years, seed, start, end, report)
    finally:
        store.db.execute(f"PRAGMA cache_size = {cache}")


def _generate(
    store: Store, years: int, seed: int, start: date | None, end: date, report: Progress
) -> DemoSummary:
    with store.write():
        if store.harvests.count() or store.shipments.count() or store.payments.count():
            raise ValidationError(
                translate(
                    "db",
                    "this database already holds harvests, shipments or payments; "
                    "create the demo data in a new, empty database",
                )
            )
        months = _month_list(start, end) if start else []
        total = 2 + 2 * len(months)
        report(0, total)
        master = seed_master_data(store)
        report(1, total)
        counts = dict(
            operators=len(master.operators),
            plots=sum(len(p) for p in master.plots),
            crops=len(master.crops),
            markets=len(master.markets),
            buyers=len(master.buyers),
        )
        if start is None:
            report(total, total)
            return DemoSummary(start=None, end=None, **counts)
        trade = _Trade(random.Random(seed), start, end)
        for i, (year, month) in enumerate(months):
            trade.simulate_month(year, month)
            report(2 + i, total)
        trade.settle_payments()
        summary = write_trade(trade, store, master, lambda i: report(2 + len(months) + i, total), seed)
        report(total, total)
        return DemoSummary(start=start.isoformat(), end=end.isoformat(), **counts, **summary)


def _years_before(end: date, years: int) -> date:
    """The first day of the `years`-year window that ends on `end`."""
    try:
        anniversary = end.replace(year=end.year - years)
    except ValueError:  # 29 February
        anniversary = end.replace(year=end.year - years, day=28)
    return anniversary + timedelta(days=1)


def _month_list(start: date, end: date) -> list[tuple[int, int]]:
    out, y, m = [], start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out
