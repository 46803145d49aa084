"""Operators, plots, crops, markets and buyers: the master records' repositories, with aliases."""

from __future__ import annotations

from db import parsing, units
from db.errors import ValidationError
from db.i18n import translate
from db.records import (
    Buyer,
    Crop,
    Market,
    Operator,
    Plot,
)
from db.repositories.base import (
    Reference,
    Repository,
    _AliasMixin,
)


class OperatorRepository(_AliasMixin, Repository[Operator]):
    record = Operator
    label = translate("db", "operator")
    text_fields = ("name", "name_en", "short_name", "town", "credit_code", "contact", "phone", "aliases")
    required_fields = ("name",)
    code_fields = {"kind": units.OPERATOR_KINDS, "side": units.SIDES}
    non_negative_fields = ("area_mu_x100",)
    alias_table = "operator_aliases"
    owner_column = "operator_id"
    order_by = "name"
    references = (
        Reference("plots", "operator_id", translate("db", "plots")),
        Reference("harvests", "operator_id", translate("db", "harvests")),
        Reference("shipment_lines", "operator_id", translate("db", "shipment lines")),
        Reference("certificates", "operator_id", translate("db", "certificates")),
    )

    def _prepare(self, record: Operator) -> Operator:
        return record.replace(
            name=record.name.strip(),
            name_en=record.name_en.strip(),
            credit_code=record.credit_code.strip().upper(),
        )


class PlotRepository(Repository[Plot]):
    record = Plot
    label = translate("db", "plot")
    text_fields = ("name", "village")
    required_fields = ("name",)
    non_negative_fields = ("area_mu_x100",)
    order_by = "operator_id, name"
    references = (Reference("harvests", "plot_id", translate("db", "harvests")),)

    def for_operator(self, operator_id: int, include_archived: bool = False) -> list[Plot]:
        return self.list(include_archived=include_archived, where="operator_id = ?", params=[operator_id])


class CropRepository(_AliasMixin, Repository[Crop]):
    record = Crop
    label = translate("db", "crop")
    text_fields = ("name", "name_en", "aliases")
    required_fields = ("name",)
    non_negative_fields = ("price_low", "price_high")
    alias_table = "crop_aliases"
    owner_column = "crop_id"
    order_by = "id"
    references = (
        Reference("harvests", "crop_id", translate("db", "harvests")),
        Reference("shipment_lines", "crop_id", translate("db", "shipment lines")),
        Reference("certificates", "crop_id", translate("db", "certificates")),
    )

    def _validate(self, record: Crop) -> None:
        if record.price_high < record.price_low:
            message = translate("db", "the typical price range runs backwards; give the low price first")
            raise ValidationError(message, [("price_high", message)])
        for kind in parsing.PACK_KINDS:
            grams = record.pack_g(kind)
            if grams is not None and not (isinstance(grams, int) and 0 < grams <= parsing.MAX_PACK_G):
                message = translate(
                    "db", "a pack weight is more than 0 and at most 100 kg, or left blank while unknown"
                )
                raise ValidationError(message, [(f"{kind}_g", message)])


class MarketRepository(_AliasMixin, Repository[Market]):
    record = Market
    label = translate("db", "market")
    text_fields = ("name", "name_en", "district", "city", "aliases")
    required_fields = ("name",)
    alias_table = "market_aliases"
    owner_column = "market_id"
    order_by = "id"
    references = (
        Reference("shipments", "market_id", translate("db", "shipments")),
        Reference("buyers", "default_market_id", translate("db", "buyers")),
    )


class BuyerRepository(_AliasMixin, Repository[Buyer]):
    record = Buyer
    label = translate("db", "buyer")
    text_fields = ("name", "home_base", "phone", "plates")
    required_fields = ("name",)
    code_fields = {"kind": units.BUYER_KINDS}
    alias_table = "buyer_plates"
    alias_column = "plate"
    alias_field = "plates"
    owner_column = "buyer_id"
    order_by = "id"
    references = (
        Reference("shipments", "buyer_id", translate("db", "shipments")),
        Reference("payments", "buyer_id", translate("db", "payments")),
    )

    def name_entries(self) -> list[tuple[int, str, tuple[str, ...]]]:
        # Plates are not names; buyers are matched by name only.
        return [(rid, name, ()) for rid, name in self.db.execute("SELECT id, name FROM buyers ORDER BY id")]

    def by_plate(self, plate: str) -> Buyer | None:
        row = self.db.execute("SELECT buyer_id FROM buyer_plates WHERE plate = ?", [plate]).fetchone()
        return None if row is None else self.get(row[0])
