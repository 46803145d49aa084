"""The buyer statement as sent (客商对账单): its number, the ledger with a running balance and monthly
subtotals, and the closing block, in exact integers; renderers only format what is here.

The ledger interleaves shipment lines and payments by date (a day's shipments before its payments),
so the running balance after each row is what the buyer owed at that point: opening balance plus
shipments minus payments so far. Its last balance is the statement's closing balance.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from db.documents.amount_words import amount_in_words
from db.documents.reports import BuyerStatement, PaymentRow, StatementLine, period_bounds

LINE, PAYMENT, MONTH = "line", "payment", "month"


def statement_number(buyer_id: int, start: str, end: str) -> str:
    """DZ-2026-11-0007 for a calendar month, DZ-2026-0007 for a calendar year, else
    DZ-20261105-20261120-0007: the same buyer and period always give the same number (a reprint or
    a corrected copy is the same statement), and two buyers or two periods never share one."""
    first = date.fromisoformat(start)
    tail = f"{buyer_id:04d}"
    for period in (start[:7], start[:4]):
        if period_bounds(period) == (start, end):
            return f"DZ-{period}-{tail}"
    return f"DZ-{first:%Y%m%d}-{date.fromisoformat(end):%Y%m%d}-{tail}"


@dataclass(frozen=True, slots=True)
class LedgerRow:
    """One row of the statement's ledger: a shipment line, a payment, or a month's subtotal.

    shipped_fen / paid_fen are what the row adds to or takes from the balance (for a month: its
    sums); balance_fen is the running balance after the row (positive: owed by the buyer).
    """

    kind: str  # LINE, PAYMENT or MONTH
    day: str  # 'YYYY-MM-DD'; 'YYYY-MM' for a month
    payable_g: int
    shipped_fen: int
    paid_fen: int
    balance_fen: int
    line: StatementLine | None = None
    payment: PaymentRow | None = None


def ledger(st: BuyerStatement) -> tuple[LedgerRow, ...]:
    """Lines and payments by date with the running balance; a subtotal after each month when the
    statement spans more than one calendar month."""
    events: list[tuple[str, int, int, StatementLine | PaymentRow]] = []
    for n, line in enumerate(st.lines):
        events.append((line.ship_date, 0, n, line))
    for n, payment in enumerate(st.payments):
        events.append((payment.pay_date, 1, n, payment))
    events.sort(key=lambda e: (e[0], e[1], e[2]))
    monthly = st.start[:7] != st.end[:7]
    rows: list[LedgerRow] = []
    balance = st.opening_fen
    month: str | None = None
    sums = [0, 0, 0]  # payable_g, shipped_fen, paid_fen of the month

    def close_month() -> None:
        if monthly and month is not None:
            rows.append(LedgerRow(MONTH, month, sums[0], sums[1], sums[2], balance))

    for day, _, _, item in events:
        if day[:7] != month:
            close_month()
            month = day[:7]
            sums = [0, 0, 0]
        if isinstance(item, StatementLine):
            balance += item.amount_fen
            sums[0] += item.payable_g
            sums[1] += item.amount_fen
            rows.append(LedgerRow(LINE, day, item.payable_g, item.amount_fen, 0, balance, line=item))
        else:
            balance -= item.amount_fen
            sums[2] += item.amount_fen
            rows.append(LedgerRow(PAYMENT, day, 0, 0, item.amount_fen, balance, payment=item))
    close_month()
    return tuple(rows)


@dataclass(frozen=True, slots=True)
class Closing:
    """The statement's close: opening, shipped, paid and closing balance, the closing one in words."""

    opening_fen: int
    shipped_fen: int
    paid_fen: int
    closing_fen: int

    @property
    def prepaid(self) -> bool:
        """The buyer has paid ahead: the closing balance is in the buyer's favour."""
        return self.closing_fen < 0

    @property
    def closing_words(self) -> str:
        """人民币… of the balance's size (whether owed or prepaid is said in words beside it)."""
        return amount_in_words(abs(self.closing_fen))


def closing(st: BuyerStatement) -> Closing:
    return Closing(st.opening_fen, st.shipped_fen, st.paid_fen, st.closing_fen)
