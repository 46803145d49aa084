"""The park's service fee on an operator's sales (园区服务费): the setting, and what it comes to.

The fee is charged either per tonne of payable weight or as a percentage of the sales amount, and
is worked out once on a statement's totals, rounded half up to the fen (never line by line, so a
statement's fee does not depend on how its sales were split into lines). The setting is one row,
key 'service_fee', of the `settings` table (migration 0009), written through `set_service_fee`
with its audit entry.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from db import units
from db.errors import ValidationError
from db.i18n import translate

SETTING_KEY = "service_fee"
BASES = ("none", "per_tonne", "percent")
RATE_SCALE = 100  # per tonne: fen per tonne; percent: hundredths of a percent (150 = 1.50 %)
MAX_PER_TONNE_FEN = 10_000 * units.FEN_PER_YUAN  # 10,000 元/吨 is more than any produce sells for
MAX_PERCENT_X100 = 100 * RATE_SCALE  # 100 %


@dataclass(frozen=True, slots=True)
class ServiceFee:
    """basis 'none', 'per_tonne' (rate in fen per tonne of payable weight) or 'percent' (rate in
    hundredths of a percent of the sales amount)."""

    basis: str = "none"
    rate: int = 0

    @property
    def charged(self) -> bool:
        return self.basis != "none" and self.rate > 0

    def fee_fen(self, payable_g: int, sales_fen: int) -> int:
        """The fee on these totals, exact, rounded half up to the fen once."""
        if not self.charged:
            return 0
        if self.basis == "per_tonne":
            # grams × fen per tonne / 1,000,000 g per tonne
            return (payable_g * self.rate + units.G_PER_TONNE // 2) // units.G_PER_TONNE
        divisor = 100 * RATE_SCALE  # percent × 100
        return (sales_fen * self.rate + divisor // 2) // divisor

    @property
    def yuan_per_tonne(self) -> Decimal:
        return units.yuan(self.rate)

    @property
    def percent(self) -> Decimal:
        return Decimal(self.rate) / RATE_SCALE


NO_FEE = ServiceFee()


def _rate(text: str | Decimal | int, limit: int, what: str) -> int:
    """An exact rate with at most two decimals, 0..limit/100, as hundredths."""
    try:
        value = Decimal(str(text).strip().rstrip("%").replace(",", ""))
    except InvalidOperation:
        value = Decimal("NaN")
    scaled = value * RATE_SCALE if value.is_finite() else value
    if not scaled.is_finite() or scaled != scaled.to_integral_value() or not 0 <= scaled <= limit:
        raise ValidationError(
            translate(
                "db", "{what} '{value}' is not a number from 0 to {limit} with at most two decimals"
            ).format(what=what, value=str(text), limit=f"{Decimal(limit) / RATE_SCALE:,}"),
            [("service_fee", "rate")],
        )
    return int(scaled)


def per_tonne(yuan_per_tonne: str | Decimal | int) -> ServiceFee:
    """A fee of so many 元 per tonne of payable weight ('20', '12.50')."""
    return ServiceFee("per_tonne", _rate(yuan_per_tonne, MAX_PER_TONNE_FEN, translate("db", "fee per tonne")))


def percent(percent_of_sales: str | Decimal | int) -> ServiceFee:
    """A fee of so many percent of the sales amount ('1.5', '2%')."""
    return ServiceFee("percent", _rate(percent_of_sales, MAX_PERCENT_X100, translate("db", "fee percentage")))


def get_service_fee(store) -> ServiceFee:
    """The park's current setting (no fee when none was ever set)."""
    row = store.db.execute("SELECT value FROM settings WHERE key = ?", [SETTING_KEY]).fetchone()
    if row is None:
        return NO_FEE
    data = json.loads(row[0])
    fee = ServiceFee(str(data.get("basis", "none")), int(data.get("rate", 0)))
    return fee if fee.basis in BASES else NO_FEE


def set_service_fee(store, fee: ServiceFee) -> ServiceFee:
    """Store the setting in one transaction with its audit entry; returns it."""
    if fee.basis not in BASES or fee.rate < 0:
        raise ValidationError(
            translate("db", "service fee basis '{basis}' is not one of none, per_tonne, percent").format(
                basis=fee.basis
            ),
            [("service_fee", "basis")],
        )
    value = json.dumps({"basis": fee.basis, "rate": fee.rate if fee.basis != "none" else 0}, sort_keys=True)
    with store.write():
        before = store.db.execute("SELECT id, value FROM settings WHERE key = ?", [SETTING_KEY]).fetchone()
        store.db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [SETTING_KEY, value],
        )
        row_id = store.db.execute("SELECT id FROM settings WHERE key = ?", [SETTING_KEY]).fetchone()[0]
        store.audit(
            "update" if before else "insert",
            "settings",
            row_id,
            {"key": SETTING_KEY, "value": json.loads(before[1])} if before else None,
            {"key": SETTING_KEY, "value": json.loads(value)},
        )
    return get_service_fee(store)
