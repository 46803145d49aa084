"""Issuing rules of the 承诺达标合格证: which shipments need one, what each says, and its register entry."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from db import units
from db.certification import signing
from db.errors import NotFoundError, ValidationError
from db.i18n import translate
from db.records import Certificate, Operator, Shipment
from db.repositories import Store

TITLE = "承诺达标合格证"
# The commitment every certificate carries, word for word (MARA template, DOMAIN.md).
COMMITMENT_TEXT = (
    "我承诺对生产销售的食用农产品：未使用禁用农药、兽药及其他化合物；使用的常规农药、兽药残留不超标。"
)
# The basis of the commitment; at least one is ticked. (field of Certificate, label)
BASIS_LABELS: tuple[tuple[str, str], ...] = (
    ("basis_quality_control", "质量安全控制符合要求"),
    ("basis_self_test", "自行检测合格"),
    ("basis_commissioned_test", "委托检测合格"),
)
BASIS_CODES = {
    "quality_control": "basis_quality_control",
    "self_test": "basis_self_test",
    "commissioned_test": "basis_commissioned_test",
}

# The law (农产品质量安全法 Art. 39) obliges co-operatives and companies; family farms may issue too.
REQUIRED_KINDS = ("coop", "company")

# Province, city and district of each side of the park, for the 产地 line.
SIDE_PLACES: dict[str, tuple[str, ...]] = {
    "suining": ("四川省", "遂宁市", "船山区"),
    "tongnan": ("重庆市", "潼南区"),
}

# Prefix of the text a QR code carries, so a scanner app can tell the park's certificates apart.
QR_PREFIX = signing.QR_PREFIX


def origin_text(operator: Operator, villages: list[str] | tuple[str, ...] = ()) -> str:
    """产地 as province-city-district-town-village, e.g. '四川省遂宁市船山区老池镇涪江村'.

    The operator's town may already be written with its district ('船山区老池镇'); the parts the
    town repeats are not written twice. Several villages are joined with '、'.
    """
    place = "".join(SIDE_PLACES.get(operator.side, ()))
    town = operator.town.strip()
    text = place
    if town:
        overlap = 0
        for size in range(min(len(place), len(town)), 0, -1):
            if place.endswith(town[:size]):
                overlap = size
                break
        # A town that names its own province or city ('重庆市…') is taken as written.
        text = town if town.startswith(place[:2]) and overlap == 0 else place + town[overlap:]
    names = [v.strip() for v in dict.fromkeys(villages) if v and v.strip() and v.strip() not in text]
    if names:
        text += "、".join(names)
    return text


@dataclass(frozen=True, slots=True)
class IssueResult:
    """What issuing for one shipment did: new certificates, ones it already had, operators left out."""

    issued: tuple[Certificate, ...] = ()
    existing: tuple[Certificate, ...] = ()
    not_required: tuple[str, ...] = ()  # names of operators whose kind does not need a certificate

    @property
    def all(self) -> tuple[Certificate, ...]:
        return self.existing + self.issued


@dataclass(frozen=True, slots=True)
class Draft:
    """One certificate a shipment needs: an operator's product on the truck."""

    operator: Operator
    crop_id: int
    crop_name: str
    weight_g: int
    origin: str
    line_ids: tuple[int, ...] = field(default=())


def drafts_for_shipment(store: Store, shipment: Shipment, *, all_operators: bool = False) -> list[Draft]:
    """The certificates a truck needs (一车一证): one per operator and product on it.

    A certificate names one product, so an operator with two crops on the truck gets two.
    Operators whose kind the law does not oblige (family farms) are left out unless all_operators.
    """
    groups: dict[tuple[int, int], list] = {}
    for line in shipment.lines:
        groups.setdefault((line.operator_id, line.crop_id), []).append(line)
    drafts = []
    for (operator_id, crop_id), lines in groups.items():
        operator = store.operators.get(operator_id)
        if not all_operators and operator.kind not in REQUIRED_KINDS:
            continue
        line_ids = tuple(line.id for line in lines if line.id is not None)
        drafts.append(
            Draft(
                operator=operator,
                crop_id=crop_id,
                crop_name=store.crops.get(crop_id).name,
                weight_g=sum(line.net_g for line in lines),
                origin=origin_text(operator, _villages(store, operator, line_ids)),
                line_ids=line_ids,
            )
        )
    return drafts


def _villages(store: Store, operator: Operator, line_ids: tuple[int, ...]) -> list[str]:
    """Villages of the plots the lines' lots came from; else of the operator's only village."""
    villages: list[str] = []
    if line_ids:
        marks = ",".join("?" * len(line_ids))
        villages = [
            row[0]
            for row in store.db.execute(
                f"SELECT DISTINCT p.village FROM shipment_line_lots sll "
                f"JOIN harvests h ON h.id = sll.harvest_id JOIN plots p ON p.id = h.plot_id "
                f"WHERE sll.line_id IN ({marks}) AND p.village != '' ORDER BY p.village",
                list(line_ids),
            )
        ]
    if not villages:
        own = {p.village for p in store.plots.for_operator(operator.id, include_archived=True) if p.village}
        if len(own) == 1:
            villages = list(own)
    return villages


def today() -> str:
    """The issue date of a certificate made now: the day it is issued (开具日期), on this computer's clock."""
    return datetime.date.today().isoformat()


def issue_for_shipment(
    store: Store,
    shipment_id: int,
    *,
    issue_date: str | None = None,
    basis: tuple[str, ...] = ("quality_control",),
    test_details: str = "",
    all_operators: bool = False,
) -> IssueResult:
    """Issue the certificates a shipment still lacks, all in one transaction.

    A product that already has a valid certificate for this truck keeps it (never two for one
    load); one whose certificate no longer matches the truck is reissued with `reissue`. The issue
    date defaults to today (开具日期 is the day it is issued; the ship date is printed beside it);
    the issuer is the operator, with its phone. `basis` holds codes of BASIS_CODES.
    """
    flags = _basis_flags(basis)
    shipment = store.shipments.get(shipment_id)
    if not shipment.lines:
        raise ValidationError(
            translate("db", "shipment {ticket} has no lines to certify; add its lines first").format(
                ticket=shipment.ticket_no
            )
        )
    valid = [c for c in store.certificates.for_shipment(shipment_id) if c.status == "valid"]
    have = {(c.operator_id, c.crop_id): c for c in valid}
    drafts = drafts_for_shipment(store, shipment, all_operators=all_operators)
    needed = {(d.operator.id, d.crop_id) for d in drafts}
    left_out = tuple(
        dict.fromkeys(
            store.operators.get(line.operator_id).name
            for line in shipment.lines
            if (line.operator_id, line.crop_id) not in needed
        )
    )
    issued = []
    existing = []
    with store.write():
        for draft in drafts:
            key = (draft.operator.id, draft.crop_id)
            if key in have:
                existing.append(have[key])
                continue
            issued.append(
                store.certificates.add(
                    Certificate(
                        operator_id=draft.operator.id,
                        crop_id=draft.crop_id,
                        weight_g=draft.weight_g,
                        issue_date=issue_date or today(),
                        origin=draft.origin,
                        issuer_name=draft.operator.name,
                        phone=draft.operator.phone,
                        shipment_id=shipment_id,
                        test_details=test_details.strip(),
                        **flags,
                    )
                )
            )
    return IssueResult(issued=tuple(issued), existing=tuple(existing), not_required=left_out)


def _basis_flags(basis: tuple[str, ...]) -> dict[str, bool]:
    unknown = [b for b in basis if b not in BASIS_CODES]
    if unknown or not basis:
        raise ValidationError(
            translate("db", "the basis must be one or more of {codes}").format(codes=", ".join(BASIS_CODES)),
            [("basis", "at least one")],
        )
    return {name: any(BASIS_CODES[b] == name for b in basis) for name in BASIS_CODES.values()}


def void(store: Store, certificate_id: int, reason: str) -> Certificate:
    """Void a certificate; it stays in the register, marked void, and its number is never reused."""
    return store.certificates.void(certificate_id, reason)


def reissue(
    store: Store, certificate_id: int, reason: str, *, issue_date: str | None = None, **changes: Any
) -> Certificate:
    """Void a certificate and issue its replacement under a new number, in one transaction.

    The replacement says what the truck carries now: the current weight of the operator's lines of
    that product (and the operator's current name and phone), issued today unless `issue_date`.
    A truck that no longer carries that product of that operator gets no replacement: void it.
    """
    old = store.certificates.get(certificate_id)
    if old.shipment_id is not None:
        shipment = store.shipments.get(old.shipment_id)
        lines = [
            line
            for line in shipment.lines
            if (line.operator_id, line.crop_id) == (old.operator_id, old.crop_id)
        ]
        if not lines:
            raise ValidationError(
                translate(
                    "db",
                    "truck {ticket} no longer carries {product} of {operator}; void {number} instead of "
                    "reissuing it",
                ).format(
                    ticket=shipment.ticket_no,
                    product=store.crops.get(old.crop_id).name,
                    operator=store.operators.get(old.operator_id).name,
                    number=old.cert_no,
                )
            )
        operator = store.operators.get(old.operator_id)
        current = {
            "weight_g": sum(line.net_g for line in lines),
            "issuer_name": operator.name,
            "phone": operator.phone,
        }
        changes = {**current, **changes}
    changes["issue_date"] = issue_date or today()
    return store.certificates.reissue(certificate_id, reason, **changes)


@dataclass(frozen=True, slots=True)
class CertificateSheet:
    """Everything printed on one certificate, as text in the certificate's own (Chinese) wording."""

    certificate: Certificate
    product: str
    weight_g: int
    origin: str
    issuer: str
    phone: str
    issue_date: str
    basis: tuple[tuple[str, bool], ...]  # (label, ticked)
    test_details: str
    ticket_no: str
    plate: str
    buyer: str
    market: str
    replaces_no: str
    ship_date: str = ""  # the truck's date, printed beside the issue date when they differ
    signed_qr: str = ""  # the QR text signed with the park's key (db.certification.signing)
    key_fingerprint: str = ""  # of the public key that verifies it
    title: str = TITLE
    commitment: str = COMMITMENT_TEXT

    @property
    def cert_no(self) -> str:
        return self.certificate.cert_no

    @property
    def void(self) -> bool:
        return self.certificate.status == "void"

    @property
    def qr_text(self) -> str:
        return self.signed_qr or qr_text(self.certificate, self.product)


def qr_text(certificate: Certificate, product: str) -> str:
    """An unsigned QR text (the number first, then the key fields); printed sheets carry the signed
    text of `sheet` instead."""
    return "\n".join(
        [
            f"{QR_PREFIX}:{certificate.cert_no}",
            f"产品:{product}",
            f"重量:{units.plain_kg(certificate.weight_g)}kg",
            f"日期:{certificate.issue_date}",
            f"开具:{certificate.issuer_name}",
        ]
    )


def cert_no_from_qr(text: str) -> str:
    """The certificate number in a scanned QR text (the inverse of qr_text's first line)."""
    first = text.strip().splitlines()[0] if text.strip() else ""
    if not first.startswith(QR_PREFIX + ":"):
        raise ValidationError(
            translate(
                "db", "this QR code is not one of the park's certificates (theirs begin with {prefix}:)"
            ).format(prefix=QR_PREFIX)
        )
    return first[len(QR_PREFIX) + 1 :]


def sheet(store: Store, certificate: Certificate) -> CertificateSheet:
    """The printable content of a stored certificate, with its shipment's ticket, plate and buyer."""
    ticket = plate = buyer = market = ship_date = ""
    if certificate.shipment_id is not None:
        try:
            shipment = store.shipments.get(certificate.shipment_id)
        except NotFoundError:
            shipment = None
        if shipment is not None:
            ticket, plate, ship_date = shipment.ticket_no, shipment.plate, shipment.ship_date
            buyer = store.buyers.get(shipment.buyer_id).name
            if shipment.market_id is not None:
                market = store.markets.get(shipment.market_id).name
    replaces = ""
    if certificate.replaces_id is not None:
        replaces = store.certificates.get(certificate.replaces_id).cert_no
    product = store.crops.get(certificate.crop_id).name
    key = signing.private_key(store.path)
    content = signing.QrContent(
        cert_no=certificate.cert_no,
        ticket_no=ticket,
        plate=plate,
        product=product,
        weight_g=certificate.weight_g,
        issue_date=certificate.issue_date,
        issuer=certificate.issuer_name,
    )
    return CertificateSheet(
        certificate=certificate,
        product=product,
        weight_g=certificate.weight_g,
        origin=certificate.origin,
        issuer=certificate.issuer_name,
        phone=certificate.phone,
        issue_date=certificate.issue_date,
        basis=tuple((label, bool(getattr(certificate, name))) for name, label in BASIS_LABELS),
        test_details=certificate.test_details,
        ticket_no=ticket,
        plate=plate,
        buyer=buyer,
        market=market,
        replaces_no=replaces,
        ship_date=ship_date,
        signed_qr=signing.signed_text(content, key),
        key_fingerprint=signing.fingerprint(key.public_key()),
    )
