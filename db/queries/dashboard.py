"""The dashboard's and statements' figures: buyer balances, KPIs against last year, outstanding money."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from db.queries.base import (
    NO_MARKET_KEY,
    BuyerBalance,
    Filters,
    Kpis,
    _check_day,
    _div_half_up,
    _in,
    _rows,
    _where,
)


def buyer_balances(db: Any, as_of: str | None = None) -> list[BuyerBalance]:
    """Each buyer's shipments, payments and balance up to and including `as_of` (default: all),
    with the last shipment and payment dates. Archived buyers appear only with activity.
    Ordered by balance descending, then id."""
    _check_day("as_of", as_of)
    ship_where, pay_where, params = "", "", []
    if as_of is not None:
        ship_where, pay_where, params = " WHERE day <= ?", " WHERE pay_date <= ?", [as_of]
    shipped = {
        b: (a, last)
        for b, a, last in _rows(
            db,
            f"SELECT buyer_id, sum(amount_fen), max(day) FROM shipment_daily{ship_where} GROUP BY buyer_id",
            params,
        )
    }
    paid = {
        b: (a, last)
        for b, a, last in _rows(
            db,
            f"SELECT buyer_id, sum(amount_fen), max(pay_date) FROM payments{pay_where} GROUP BY buyer_id",
            params,
        )
    }
    out = []
    for buyer_id, name, archived in _rows(db, "SELECT id, name, archived FROM buyers"):
        s_fen, s_last = shipped.get(buyer_id, (0, None))
        p_fen, p_last = paid.get(buyer_id, (0, None))
        if archived and s_last is None and p_last is None:
            continue
        out.append(BuyerBalance(buyer_id, name, s_fen, p_fen, s_fen - p_fen, s_last, p_last))
    out.sort(key=lambda b: (-b.balance_fen, b.buyer_id))
    return out


def kpis(db: Any, start: str, end: str, f: Filters | None = None, outstanding: int | None = None) -> Kpis:
    """Dashboard figures for start..end (inclusive); the filter's own dates are ignored.
    `outstanding`: what buyers owed at the end of `end`, when the caller has it already."""
    f = (f or Filters()).with_dates(start, end)
    where, params = _where(f, "harvest")
    harvested = _rows(db, f"SELECT coalesce(sum(weight_g), 0) FROM harvest_daily{where}", params)[0][0]
    where, params = _where(f, "shipment")
    shipped, payable, revenue = _rows(
        db,
        "SELECT coalesce(sum(net_g), 0), coalesce(sum(payable_g), 0), coalesce(sum(amount_fen), 0) "
        f"FROM shipment_daily{where}",
        params,
    )[0]
    if outstanding is None:
        outstanding = outstanding_fen(db, end, f.buyer_ids)
    return Kpis(start, end, harvested, shipped, revenue, outstanding, _certificates_issued(db, f), payable)


def outstanding_fen(db: Any, as_of: str, buyer_ids: Iterable[int] = ()) -> int:
    """What buyers owe at the end of `as_of`: the sum of positive balances (a buyer in credit does
    not offset another's debt), of the given buyers or all."""
    wanted = set(buyer_ids)
    return sum(
        b.balance_fen
        for b in buyer_balances(db, as_of)
        if b.balance_fen > 0 and (not wanted or b.buyer_id in wanted)
    )


def outstanding_fens(db: Any, days: Sequence[str], buyer_ids: Iterable[int] = ()) -> list[int]:
    """outstanding_fen() at the end of each of `days`, read together (the dashboard needs five).

    Each buyer's balance at a day is their whole history's balance less what came after the day:
    the first is one pass over the narrow buyer index, the second reads only the rows after the
    earliest day (the dashboard's days lie within the last year or so), so the cost hardly grows
    with the years kept. outstanding_fen() summed the history up to each day, five times over."""
    for day in days:
        _check_day("day", day)
    if not days:
        return []
    after = ", ".join("coalesce(sum(CASE WHEN {col} > ? THEN amount_fen END), 0)" for _ in days)
    per_buyer: dict[int, list[int]] = {}
    for table, col, sign in (("shipment_daily", "day", 1), ("payments", "pay_date", -1)):
        for buyer_id, total in _rows(db, f"SELECT buyer_id, sum(amount_fen) FROM {table} GROUP BY buyer_id"):
            per_buyer.setdefault(buyer_id, [0] * len(days))
            per_buyer[buyer_id] = [b + sign * total for b in per_buyer[buyer_id]]
        # `+buyer_id`: group in a temporary tree, so the date index picks the rows (not the buyer
        # index, whose order suits the grouping but makes SQLite read every row).
        sql = f"SELECT buyer_id, {after.format(col=col)} FROM {table} WHERE {col} > ? GROUP BY +buyer_id"
        for buyer_id, *later in _rows(db, sql, [*days, min(days)]):
            balances = per_buyer[buyer_id]
            per_buyer[buyer_id] = [b - sign * amount for b, amount in zip(balances, later, strict=True)]
    wanted = set(buyer_ids)
    return [
        sum(t[i] for b, t in per_buyer.items() if t[i] > 0 and (not wanted or b in wanted))
        for i in range(len(days))
    ]


def last_recorded_day(db: Any, on_or_before: str) -> str | None:
    """The latest day on or before `on_or_before` with a harvest, a shipment or a payment
    recorded (None if none)."""
    row = _rows(
        db,
        "SELECT (SELECT max(day) FROM shipment_daily WHERE day <= ?), "
        "(SELECT max(day) FROM harvest_daily WHERE day <= ?), "
        "(SELECT max(pay_date) FROM payments WHERE pay_date <= ?)",
        [on_or_before, on_or_before, on_or_before],
    )[0]
    days = [d for d in row if d is not None]
    return max(days) if days else None


def _certificates_issued(db: Any, f: Filters) -> int:
    clauses = ["c.status = 'valid'", "c.issue_date >= ?", "c.issue_date <= ?"]
    params: list[Any] = [f.start, f.end]
    _in("c.operator_id", f.operator_ids, clauses, params)
    _in("c.crop_id", f.crop_ids, clauses, params)
    join = ""
    if f.buyer_ids or f.market_ids:
        # Only a certificate tied to a shipment has a buyer and a market.
        join = " JOIN shipments s ON s.id = c.shipment_id"
        _in("s.buyer_id", f.buyer_ids, clauses, params)
        markets = [NO_MARKET_KEY if m is None else m for m in f.market_ids]
        _in(f"coalesce(s.market_id, {NO_MARKET_KEY})", markets, clauses, params)
    sql = f"SELECT count(*) FROM certificates c{join} WHERE {' AND '.join(clauses)}"
    return _rows(db, sql, params)[0][0]


def compare_kpis(
    db: Any, start: str, end: str, f: Filters | None = None, outstanding: tuple[int, int] | None = None
) -> tuple[Kpis, Kpis]:
    """(this period, the same period one year earlier) — for the dashboard's arrows.

    The earlier period is start..end shifted back one year; 29 February starts on the 28th, and a
    period ending on a month's last day ends on that month's last day (so February matches)."""
    before = Filters(start=start, end=end).shifted(-1)
    if outstanding is None:
        outstanding = tuple(outstanding_fens(db, [end, before.end], (f or Filters()).buyer_ids))  # type: ignore[assignment]
    now, then = outstanding  # type: ignore[misc]
    return kpis(db, start, end, f, now), kpis(db, before.start, before.end, f, then)


def change_bp(current: int, previous: int) -> int | None:
    """Change from previous to current in basis points, half-up (away from zero);
    None when previous is 0 (no meaningful percentage)."""
    if previous == 0:
        return None
    return _div_half_up((current - previous) * 10_000 * (1 if previous > 0 else -1), abs(previous))
