"""Whether the certificates follow the truck: a certificate that no longer matches its truck's lines
needs reissue, and a truck is flagged until every obliged line is covered by a valid, matching one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from db.records import Certificate, Shipment
from db.repositories import Store

# The kinds of operator the law obliges to issue (农产品质量安全法 Art. 39); as in db.certification.certificates.
REQUIRED_KINDS = ("coop", "company")

# A valid certificate of a truck needs reissue when the truck no longer carries exactly its weight of
# that operator's product: a line's weight, crop or operator changed, or the lines are gone.
# `c` is the certificate; idx_lines_operator (operator_id, shipment_id, crop_id) finds the lines.
STALE_SQL = (
    "(c.status = 'valid' AND c.shipment_id IS NOT NULL AND c.weight_g IS NOT "
    "(SELECT sum(l.net_g) FROM shipment_lines l WHERE l.operator_id = c.operator_id "
    "AND l.shipment_id = c.shipment_id AND l.crop_id = c.crop_id))"
)

# What a truck's certificates amount to, `s` being the shipment:
#   stale       a valid certificate of it needs reissue
#   missing     a co-op's or company's product on it has no valid certificate
#   complete    every obliged product has a valid, matching certificate (or a farm's was issued)
#   none        nothing on it needs a certificate and none was issued
TRUCK_STATE_SQL = f"""(CASE
    WHEN EXISTS (SELECT 1 FROM certificates c WHERE c.shipment_id = s.id AND {STALE_SQL}) THEN 'stale'
    WHEN EXISTS (
        SELECT 1 FROM shipment_lines l JOIN operators o ON o.id = l.operator_id
        WHERE l.shipment_id = s.id AND o.kind IN ('coop', 'company') AND NOT EXISTS (
            SELECT 1 FROM certificates c WHERE c.shipment_id = s.id AND c.status = 'valid'
            AND c.operator_id = l.operator_id AND c.crop_id = l.crop_id)) THEN 'missing'
    WHEN EXISTS (SELECT 1 FROM certificates c WHERE c.shipment_id = s.id AND c.status = 'valid')
      OR EXISTS (SELECT 1 FROM shipment_lines l JOIN operators o ON o.id = l.operator_id
                 WHERE l.shipment_id = s.id AND o.kind IN ('coop', 'company')) THEN 'complete'
    ELSE 'none' END)"""

TRUCK_STATES = ("complete", "missing", "stale", "none")
# The register's states: a valid certificate that no longer matches its truck is 'stale'.
REGISTER_STATES = ("valid", "stale", "void")


def register_state_sql() -> str:
    """SQL for a certificate's register state ('valid', 'stale' or 'void'), `c` being the certificate."""
    return f"(CASE WHEN c.status = 'void' THEN 'void' WHEN {STALE_SQL} THEN 'stale' ELSE 'valid' END)"


def truck_states(store: Store, shipment_ids: Sequence[int]) -> dict[int, str]:
    """The certificate state (TRUCK_STATES) of each of these shipments."""
    states: dict[int, str] = {}
    ids = list(shipment_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        states.update(
            store.db.execute(
                f"SELECT s.id, {TRUCK_STATE_SQL} FROM shipments s WHERE s.id IN ({marks})", chunk
            ).fetchall()
        )
    return states


def is_stale(store: Store, certificate: Certificate) -> bool:
    """Whether a valid certificate no longer matches its truck (and so needs reissue)."""
    row = store.db.execute(
        f"SELECT {STALE_SQL} FROM certificates c WHERE c.id = ?", [certificate.id]
    ).fetchone()
    return bool(row and row[0])


@dataclass(frozen=True, slots=True)
class ProductCover:
    """One operator's product on a truck and the certificate that covers it, if any."""

    operator_id: int
    operator: str
    crop_id: int
    product: str
    weight_g: int  # what the truck carries now (0 when the lines are gone)
    line_nos: tuple[int, ...]
    required: bool  # a co-op or company: the law obliges a certificate
    certificate: Certificate | None  # the valid certificate of this product on this truck

    @property
    def state(self) -> str:
        """'covered', 'stale' (its certificate's weight differs, or the lines are gone),
        'missing' (obliged, none) or 'not_required' (a family farm without one)."""
        if self.certificate is not None:
            return "covered" if self.certificate.weight_g == self.weight_g else "stale"
        return "missing" if self.required else "not_required"


@dataclass(frozen=True, slots=True)
class Coverage:
    """Each product on a truck with its certificate, and valid certificates whose product left it."""

    shipment: Shipment
    products: tuple[ProductCover, ...]

    @property
    def state(self) -> str:
        states = {p.state for p in self.products}
        if "stale" in states:
            return "stale"
        if "missing" in states:
            return "missing"
        if "covered" in states:
            return "complete"
        return "none"

    @property
    def uncovered(self) -> tuple[ProductCover, ...]:
        """Products needing action: obliged ones without a certificate, and stale certificates."""
        return tuple(p for p in self.products if p.state in ("missing", "stale"))


def coverage(store: Store, shipment_id: int) -> Coverage:
    """Which of a truck's lines are covered by valid certificates that still match them."""
    shipment = store.shipments.get(shipment_id)
    groups: dict[tuple[int, int], list] = {}
    for line in shipment.lines:
        groups.setdefault((line.operator_id, line.crop_id), []).append(line)
    valid = {
        (c.operator_id, c.crop_id): c
        for c in store.certificates.for_shipment(shipment_id)
        if c.status == "valid"
    }
    keys = list(groups) + [key for key in valid if key not in groups]
    products = []
    for operator_id, crop_id in keys:
        lines = groups.get((operator_id, crop_id), [])
        operator = store.operators.get(operator_id)
        products.append(
            ProductCover(
                operator_id=operator_id,
                operator=operator.name,
                crop_id=crop_id,
                product=store.crops.get(crop_id).name,
                weight_g=sum(line.net_g for line in lines),
                line_nos=tuple(line.line_no for line in lines),
                required=operator.kind in REQUIRED_KINDS and bool(lines),
                certificate=valid.get((operator_id, crop_id)),
            )
        )
    return Coverage(shipment=shipment, products=tuple(products))


def no_longer_matching(
    certificates: Sequence[Certificate], lines: Sequence[tuple[int, int, int]]
) -> list[tuple[Certificate, int]]:
    """The valid certificates that lines (operator id, crop id, net grams) as edited would leave
    wrong, each with the weight the truck would then carry of its product (0: none)."""
    carried: dict[tuple[int, int], int] = {}
    for operator_id, crop_id, net_g in lines:
        carried[(operator_id, crop_id)] = carried.get((operator_id, crop_id), 0) + net_g
    return [
        (c, carried.get((c.operator_id, c.crop_id), 0))
        for c in certificates
        if c.status == "valid" and carried.get((c.operator_id, c.crop_id), 0) != c.weight_g
    ]
