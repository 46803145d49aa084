"""Frozen, typed records for every stored entity; the only shape data has above db/."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any, ClassVar, Self

from db import units


@dataclass(frozen=True, slots=True)
class Record:
    """Base: a record maps 1:1 to a table row; `id` is None until stored."""

    TABLE: ClassVar[str] = ""
    # Fields that are not columns of TABLE (computed or child collections).
    EXTRA: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def columns(cls) -> list[str]:
        return [f.name for f in dataclasses.fields(cls) if f.name not in cls.EXTRA]

    @classmethod
    def from_row(cls, row: dict[str, Any] | Any) -> Self:
        row = dict(row)
        kwargs = {}
        for f in dataclasses.fields(cls):
            if f.name in row:
                value = row[f.name]
                if f.type in ("bool", bool) and value is not None:
                    value = bool(value)
                elif f.type in ("tuple[str, ...]",) and isinstance(value, str):
                    value = tuple(json.loads(value)) if value else ()
                kwargs[f.name] = value
        return cls(**kwargs)

    def to_row(self) -> dict[str, Any]:
        row = {}
        for name in self.columns():
            value = getattr(self, name)
            if isinstance(value, bool):
                value = int(value)
            row[name] = value
        return row

    def replace(self, **changes: Any) -> Self:
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True, slots=True)
class Operator(Record):
    TABLE: ClassVar[str] = "operators"
    EXTRA: ClassVar[tuple[str, ...]] = ("aliases",)
    name: str
    kind: str = "coop"
    side: str = "suining"
    short_name: str = ""
    town: str = ""
    credit_code: str = ""
    contact: str = ""
    phone: str = ""
    area_mu_x100: int = 0
    archived: bool = False
    notes: str = ""
    name_en: str = ""  # the name English documents print, when it has one (else the name)
    id: int | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Plot(Record):
    TABLE: ClassVar[str] = "plots"
    operator_id: int
    name: str
    area_mu_x100: int = 0
    village: str = ""
    archived: bool = False
    notes: str = ""
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Crop(Record):
    TABLE: ClassVar[str] = "crops"
    EXTRA: ClassVar[tuple[str, ...]] = ("aliases",)
    name: str
    name_en: str = ""
    # Harvest months as a comma-separated list of month numbers, e.g. "11,12,1,2,3".
    season_months: str = ""
    # Typical wholesale range, 元/kg as stored prices, for plausibility warnings.
    price_low: int = 0
    price_high: int = 0
    archived: bool = False
    id: int | None = None
    aliases: tuple[str, ...] = ()
    # What one pack weighs, in grams, as the park weighs it; None while unknown (migration 0015).
    bag_g: int | None = None
    basket_g: int | None = None
    bundle_g: int | None = None

    def pack_g(self, kind: str) -> int | None:
        """What one pack of `kind` ('bag', 'basket', 'bundle') weighs, in grams; None if unknown."""
        return getattr(self, f"{kind}_g")


@dataclass(frozen=True, slots=True)
class Market(Record):
    TABLE: ClassVar[str] = "markets"
    EXTRA: ClassVar[tuple[str, ...]] = ("aliases",)
    name: str
    district: str = ""
    city: str = "重庆"
    archived: bool = False
    name_en: str = ""  # the name English documents print, when it has one (else the name)
    id: int | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Buyer(Record):
    TABLE: ClassVar[str] = "buyers"
    EXTRA: ClassVar[tuple[str, ...]] = ("plates",)
    name: str
    kind: str = "wholesaler"
    home_base: str = ""
    phone: str = ""
    default_market_id: int | None = None
    archived: bool = False
    notes: str = ""
    id: int | None = None
    plates: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Harvest(Record):
    TABLE: ClassVar[str] = "harvests"
    harvest_date: str
    operator_id: int
    crop_id: int
    weight_g: int
    lot_code: str = ""  # assigned on insert when empty
    plot_id: int | None = None
    grade: str = "ungraded"
    notes: str = ""
    id: int | None = None
    # The count of packs the weight was estimated from, as typed ('3袋'); '' when weighed.
    packs: str = ""

    @property
    def estimated(self) -> bool:
        return bool(self.packs)


@dataclass(frozen=True, slots=True)
class ShipmentLine(Record):
    TABLE: ClassVar[str] = "shipment_lines"
    EXTRA: ClassVar[tuple[str, ...]] = ("lot_ids",)
    operator_id: int
    crop_id: int
    net_g: int
    agreed_price: int
    grade: str = "ungraded"
    settled_price: int | None = None
    amount_fen: int = 0  # derived on write from payable_g and the effective price
    shipment_id: int | None = None
    line_no: int = 0
    id: int | None = None
    lot_ids: tuple[int, ...] = ()
    # Derived on write: net_g minus this line's share of the truck's deduction (db.deductions).
    payable_g: int = 0
    # The count of packs net_g was estimated from, as typed ('3袋'); '' when weighed.
    packs: str = ""

    @property
    def estimated(self) -> bool:
        return bool(self.packs)

    @property
    def effective_price(self) -> int:
        return self.agreed_price if self.settled_price is None else self.settled_price

    @property
    def deduction_g(self) -> int:
        """This line's share of the truck's deduction (扣重), in grams."""
        return self.net_g - self.payable_g

    def with_payable(self, payable_g: int) -> ShipmentLine:
        """The line with its payable weight and the amount on it (rounded half up once to the fen)."""
        return self.replace(payable_g=payable_g, amount_fen=units.amount_fen(payable_g, self.effective_price))


@dataclass(frozen=True, slots=True)
class Shipment(Record):
    TABLE: ClassVar[str] = "shipments"
    EXTRA: ClassVar[tuple[str, ...]] = ("lines",)
    ship_date: str
    ticket_no: str
    buyer_id: int
    gross_g: int
    tare_g: int
    net_g: int = 0  # derived on write: gross − tare
    market_id: int | None = None
    plate: str = ""
    deduction_g: int = 0
    # When the deduction was agreed as a percentage, in hundredths of a percent; deduction_g follows.
    deduction_pct_x100: int | None = None
    payment_status: str = "unpaid"
    notes: str = ""
    id: int | None = None
    lines: tuple[ShipmentLine, ...] = field(default=())

    @property
    def payable_g(self) -> int:
        return self.net_g - self.deduction_g

    @property
    def weighed(self) -> bool:
        """Whether the truck was weighed on the park's bridge. One that was not (a file without gross
        and tare, or the form's gross and tare left blank) is stored as gross = net and tare 0, since
        the table requires figures; no weighed truck has a tare of 0, so documents show '—' for both."""
        return self.tare_g > 0

    @property
    def lines_net_g(self) -> int:
        return sum(line.net_g for line in self.lines)

    @property
    def lines_payable_g(self) -> int:
        return sum(line.payable_g for line in self.lines)

    @property
    def amount_fen(self) -> int:
        return sum(line.amount_fen for line in self.lines)


@dataclass(frozen=True, slots=True)
class Payment(Record):
    TABLE: ClassVar[str] = "payments"
    buyer_id: int
    pay_date: str
    amount_fen: int
    method: str = "transfer"
    reference: str = ""
    notes: str = ""
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Certificate(Record):
    TABLE: ClassVar[str] = "certificates"
    operator_id: int
    crop_id: int
    weight_g: int
    issue_date: str
    origin: str
    issuer_name: str
    phone: str = ""
    cert_no: str = ""  # assigned on insert when empty; never reused
    shipment_id: int | None = None
    basis_quality_control: bool = True
    basis_self_test: bool = False
    basis_commissioned_test: bool = False
    test_details: str = ""
    status: str = "valid"
    void_reason: str = ""
    voided_at: str | None = None
    replaces_id: int | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class AuditEntry(Record):
    TABLE: ClassVar[str] = "audit_log"
    at: str
    user: str
    action: str
    table_name: str
    row_id: int
    before: str | None = None
    after: str | None = None
    id: int | None = None
