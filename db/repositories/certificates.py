"""Certificates and the audit log: the repositories of paper trails."""

from __future__ import annotations

from typing import Any

from db import units
from db.errors import (
    NotFoundError,
    ValidationError,
)
from db.i18n import translate
from db.records import (
    AuditEntry,
    Certificate,
)
from db.repositories.base import (
    MAX_LOT_G,
    Repository,
    _check_date,
    _now,
)


class CertificateRepository(Repository[Certificate]):
    record = Certificate
    label = translate("db", "certificate")
    text_fields = ("cert_no", "origin", "issuer_name", "phone")
    required_fields = ("origin", "issuer_name")
    code_fields = {"status": units.CERTIFICATE_STATUSES}
    order_by = "issue_date, cert_no"
    bulk = True

    def _bulk_insert(self, records: list[Certificate]) -> list[Certificate]:
        # Reserve numbers a year at a time rather than one counter write per certificate.
        wanted: dict[str, int] = {}
        for record in records:
            if not record.cert_no:
                _check_date("issue_date", record.issue_date)
                wanted[record.issue_date[:4]] = wanted.get(record.issue_date[:4], 0) + 1
        first = {year: self.store.reserve_counter(f"certificate:{year}", n) for year, n in wanted.items()}
        numbered = []
        for record in records:
            if not record.cert_no:
                year = record.issue_date[:4]
                record = record.replace(cert_no=self._cert_no(year, first[year]))
                first[year] += 1
            numbered.append(record)
        return super()._bulk_insert(numbered)

    @staticmethod
    def _cert_no(year: str, n: int) -> str:
        return f"HGZ{year}-{n:06d}"

    def _name(self, record: Certificate) -> str:
        return record.cert_no

    def _prepare(self, record: Certificate) -> Certificate:
        if not record.cert_no:
            record = record.replace(cert_no=self.next_cert_no(record.issue_date))
        return record

    def _validate(self, record: Certificate) -> None:
        _check_date("issue_date", record.issue_date)
        if not 0 < record.weight_g <= MAX_LOT_G:
            message = translate("db", "a certificate's weight must be more than 0 and at most 1,000 t")
            raise ValidationError(message, [("weight_g", message)])
        if not (record.basis_quality_control or record.basis_self_test or record.basis_commissioned_test):
            raise ValidationError(
                translate("db", "tick at least one basis: quality control, own test or commissioned test"),
                [("basis", "at least one")],
            )

    def next_cert_no(self, issue_date: str) -> str:
        """'HGZ2026-000123': per-year sequence that never goes back, so numbers are never reused."""
        year = issue_date[:4]
        return self._cert_no(year, self.store.next_counter(f"certificate:{year}"))

    def delete(self, record_id: int) -> Certificate:
        raise ValidationError(translate("db", "a certificate is never deleted; void it instead"))

    def void(self, record_id: int, reason: str) -> Certificate:
        if not reason.strip():
            raise ValidationError(
                translate("db", "give the reason for voiding"), [("void_reason", "required")]
            )
        current = self.get(record_id)
        if current.status == "void":
            raise ValidationError(
                translate("db", "certificate {number} is already void").format(number=current.cert_no)
            )
        return self.update(current.replace(status="void", void_reason=reason.strip(), voided_at=_now()))

    def reissue(self, record_id: int, reason: str, **changes: Any) -> Certificate:
        """Void a certificate and issue its replacement (new number) in one transaction."""
        with self.store.write():
            old = self.void(record_id, reason)
            new = old.replace(
                id=None,
                cert_no="",
                status="valid",
                void_reason="",
                voided_at=None,
                replaces_id=old.id,
                **changes,
            )
            return self._insert(new)

    def for_shipment(self, shipment_id: int) -> list[Certificate]:
        return self.list(where="shipment_id = ?", params=[shipment_id])

    def by_number(self, cert_no: str) -> Certificate:
        row = self.db.execute("SELECT id FROM certificates WHERE cert_no = ?", [cert_no.strip()]).fetchone()
        if row is None:
            raise NotFoundError(translate("db", "no certificate numbered '{number}'").format(number=cert_no))
        return self.get(row[0])


class AuditRepository(Repository[AuditEntry]):
    record = AuditEntry
    label = translate("db", "audit entry")

    def for_row(self, table: str, row_id: int) -> list[AuditEntry]:
        return self.list(where="table_name = ? AND row_id = ?", params=[table, row_id])
