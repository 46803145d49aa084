"""The checks of a harvests or payments file beyond each row's own cells: a row equal to a stored
record or to another row of the file, a plot's day of harvest above its yield, a payment far above
what the buyer owes, a date after today (warnings to accept); a payment's bank reference already
used (a problem: a reference belongs to one transfer)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from db import plausibility
from db.i18n import Text, translate
from db.importing.mapping import Columns
from db.importing.problems import ImportProblem, ImportWarning
from db.queries.dashboard import buyer_balances
from db.records import Harvest, Payment
from db.repositories import Store


class _Checks:
    def __init__(self, store: Store, result, rows: Sequence[int], columns: Columns):
        self.store = store
        self.result = result
        self.rows = rows
        self.columns = columns

    def title(self, key: str) -> str:
        return self.columns[key][1] if key in self.columns else ""

    def warn(self, row: int, key: str, value: str, message: Text, kind: str) -> None:
        self.result.warnings.append(ImportWarning(row, self.title(key), value, message, kind))

    def future(self, row: int, day: str, today: datetime.date) -> None:
        if day > today.isoformat():
            message = translate("db", "{day} is after today ({today}); check the year and the month")
            self.warn(row, "date", "", message.format(day=day, today=today.isoformat()), "future_date")

    def duplicates(self, keys: list[tuple], stored: set[tuple], what: Text) -> None:
        """A 'duplicate' warning for each row whose key is stored already or on an earlier row."""
        first: dict[tuple, int] = {}
        for key, row in zip(keys, self.rows, strict=True):
            if key in first:
                message = translate("db", "the same {what} as row {first}; the same record twice?").format(
                    what=what, first=first[key]
                )
                self.warn(row, "", "", message, "duplicate")
            elif key in stored:
                message = translate(
                    "db", "the same {what} is already stored; is the file imported a second time?"
                ).format(what=what)
                self.warn(row, "", "", message, "duplicate")
            first.setdefault(key, row)


def check_harvests(store: Store, result, rows: Sequence[int], columns: Columns, today: datetime.date) -> None:
    """Warnings of a checked harvests file (records in result.records, their file rows in `rows`)."""
    checks = _Checks(store, result, rows, columns)
    records: list[Harvest] = result.records
    keys = [(h.operator_id, h.plot_id, h.crop_id, h.grade, h.harvest_date, h.weight_g) for h in records]
    stored: set[tuple] = set()
    for operator_id, day in dict.fromkeys((h.operator_id, h.harvest_date) for h in records):
        stored.update(
            (operator_id, plot_id, crop_id, grade, day, weight)
            for plot_id, crop_id, grade, weight in store.db.execute(
                "SELECT plot_id, crop_id, grade, weight_g FROM harvests WHERE operator_id = ? AND harvest_date = ?",
                [operator_id, day],
            )
        )
    what = translate("db", "operator, plot, crop, grade, date and weight")
    checks.duplicates(keys, stored, what)
    plots: dict[int, tuple[str, int]] = {}
    totals: dict[tuple[int, str], int] = {}
    warned: set[tuple[int, str]] = set()
    for harvest, row in zip(records, rows, strict=True):
        checks.future(row, harvest.harvest_date, today)
        plot_id = harvest.plot_id
        if plot_id is not None and plot_id not in plots:
            plot = store.plots.find(plot_id)
            plots[plot_id] = (plot.name, plot.area_mu_x100) if plot is not None else ("", 0)
        name, area = plots.get(plot_id, ("", 0)) if plot_id is not None else ("", 0)
        if not area:  # no plot or no area: only the row itself can be judged
            if (warning := plausibility.harvest_day_warning(harvest.weight_g, name, 0)) is not None:
                checks.warn(row, "weight_kg", "", warning[1], warning[0])
            continue
        day = (plot_id, harvest.harvest_date)
        if day not in totals:
            totals[day] = store.db.execute(
                "SELECT coalesce(sum(weight_g), 0) FROM harvests WHERE plot_id = ? AND harvest_date = ?",
                list(day),
            ).fetchone()[0]
        totals[day] += harvest.weight_g
        if day in warned:
            continue
        if (warning := plausibility.harvest_day_warning(totals[day], name, area)) is not None:
            warned.add(day)  # once per plot-day: at the row that passes the bound
            checks.warn(row, "weight_kg", "", warning[1], warning[0])


def check_payments(store: Store, result, rows: Sequence[int], columns: Columns, today: datetime.date) -> None:
    """Problems (a reference used already) and warnings of a checked payments file."""
    checks = _Checks(store, result, rows, columns)
    records: list[Payment] = result.records
    _references(checks, records)
    keys = [(p.buyer_id, p.pay_date, p.amount_fen, p.method, p.reference) for p in records]
    stored: set[tuple] = set()
    for buyer_id, day in dict.fromkeys((p.buyer_id, p.pay_date) for p in records):
        stored.update(
            (buyer_id, day, amount, method, reference)
            for amount, method, reference in store.db.execute(
                "SELECT amount_fen, method, reference FROM payments WHERE buyer_id = ? AND pay_date = ?",
                [buyer_id, day],
            )
        )
    what = translate("db", "buyer, date, amount, method and reference")
    checks.duplicates(keys, stored, what)
    owed = {b.buyer_id: b.balance_fen for b in buyer_balances(store.db)}
    for payment, row in zip(records, rows, strict=True):
        checks.future(row, payment.pay_date, today)
        before = owed.get(payment.buyer_id, 0)
        if (warning := plausibility.payment_warning(payment.amount_fen, before)) is not None:
            checks.warn(row, "amount", "", warning[1], warning[0])
        owed[payment.buyer_id] = before - payment.amount_fen  # the file's earlier payments count too


def _references(checks: _Checks, records: list[Payment]) -> None:
    """A non-empty reference names one transfer: stored already or twice in the file is a problem."""
    given = {p.reference for p in records if p.reference}
    if not given:
        return
    stored = {
        reference
        for (reference,) in checks.store.db.execute("SELECT reference FROM payments WHERE reference != ''")
        if reference in given
    }
    first: dict[str, int] = {}
    for payment, row in zip(records, checks.rows, strict=True):
        reference = payment.reference
        if not reference:
            continue
        if reference in stored:
            message = translate(
                "db", "a payment with this reference is already stored; a reference belongs to one transfer"
            )
        elif reference in first:
            message = translate(
                "db", "the same reference as row {first}; a reference belongs to one transfer"
            ).format(first=first[reference])
        else:
            first[reference] = row
            continue
        checks.result.problems.append(ImportProblem(row, checks.title("reference"), reference, message))
