"""Issuing rules of the 承诺达标合格证: one per truck per obliged operator and product, void and reissue."""

from __future__ import annotations

import pytest

from db.certification import certificates
from db.errors import ValidationError
from db.records import Operator, Shipment
from tests.documents_data import build_park


@pytest.fixture
def park(store, master):
    return build_park(store, master)


def test_origin_text_builds_province_to_village():
    op = Operator(name="x", side="suining", town="老池镇")
    assert certificates.origin_text(op, ["涪江村"]) == "四川省遂宁市船山区老池镇涪江村"
    assert certificates.origin_text(op.replace(town="船山区老池镇")) == "四川省遂宁市船山区老池镇"
    assert certificates.origin_text(op.replace(town="四川省遂宁市船山区唐家乡")) == "四川省遂宁市船山区唐家乡"
    tongnan = Operator(name="y", side="tongnan", town="桂林街道")
    assert (
        certificates.origin_text(tongnan, ["双坝村", "双坝村", "新华村"])
        == "重庆市潼南区桂林街道双坝村、新华村"
    )


def test_one_certificate_per_obliged_operator_and_product(store, master, park):
    s1, s2 = park["shipments"][1:3]
    result = certificates.issue_for_shipment(store, s1.id)
    # The co-op's radish gets one; the family farm's celtuce does not need one.
    assert len(result.issued) == 1
    cert = result.issued[0]
    assert cert.operator_id == master["operators"][0].id
    assert cert.weight_g == 10_000_000
    assert cert.issue_date == "2026-01-10"  # the day of issue (conftest), not the ship date
    assert cert.issuer_name == "涪江湾合作社"
    assert cert.cert_no == "HGZ2026-000001"
    assert cert.basis_quality_control and not cert.basis_self_test
    assert result.not_required == ("青禾家庭农场",)
    # Two lines of the company's radish on one truck make one certificate of their summed weight.
    second = certificates.issue_for_shipment(store, s2.id, basis=("self_test", "commissioned_test"))
    (c2,) = second.issued
    assert c2.weight_g == 8_000_500
    assert c2.origin == "四川省遂宁市船山区老池镇涪江村"
    assert c2.phone == "138****0005"
    assert c2.basis_self_test and c2.basis_commissioned_test and not c2.basis_quality_control
    assert c2.cert_no == "HGZ2026-000002"


def test_issuing_twice_does_not_duplicate(store, master, park):
    s1 = park["shipments"][1]
    first = certificates.issue_for_shipment(store, s1.id)
    again = certificates.issue_for_shipment(store, s1.id)
    assert again.issued == ()
    assert again.existing == first.issued
    everyone = certificates.issue_for_shipment(store, s1.id, all_operators=True)
    assert [c.issuer_name for c in everyone.issued] == ["青禾家庭农场"]
    assert store.certificates.count() == 2


def test_void_and_reissue_keep_the_voided_one(store, master, park):
    s1 = park["shipments"][1]
    (cert,) = certificates.issue_for_shipment(store, s1.id).issued
    new = certificates.reissue(store, cert.id, "重量写错", weight_g=9_999_000)
    old = store.certificates.get(cert.id)
    assert old.status == "void" and old.void_reason == "重量写错" and old.voided_at
    assert new.status == "valid" and new.replaces_id == cert.id and new.weight_g == 9_999_000
    assert new.cert_no != cert.cert_no
    rows = store.certificates.list()
    assert [(r.cert_no, r.status) for r in rows] == [(cert.cert_no, "void"), (new.cert_no, "valid")]
    assert rows[1].replaces_id == cert.id
    # A voided certificate is not reissued by a second issue run; the replacement covers the load.
    assert certificates.issue_for_shipment(store, s1.id).existing == (new,)
    with pytest.raises(ValidationError):
        certificates.void(store, cert.id, "again")
    with pytest.raises(ValidationError):
        store.certificates.delete(cert.id)
    # Numbers are never reused, even after a void: the counter only goes forward.
    (other,) = certificates.issue_for_shipment(store, park["shipments"][2].id).issued
    assert other.cert_no == "HGZ2026-000003"


def test_sheet_and_qr_text(store, master, park):
    s2 = park["shipments"][2]
    (cert,) = certificates.issue_for_shipment(store, s2.id).issued
    sheet = certificates.sheet(store, cert)
    assert sheet.title == "承诺达标合格证"
    assert sheet.product == "白萝卜"
    assert (
        sheet.buyer == "陈建华" and sheet.ticket_no == "B20260106-001" and sheet.market.startswith("重庆盘溪")
    )
    assert sheet.basis[0] == ("质量安全控制符合要求", True)
    assert "未使用禁用农药" in sheet.commitment
    assert certificates.cert_no_from_qr(sheet.qr_text) == cert.cert_no
    assert "重量:8000.5kg" in sheet.qr_text
    with pytest.raises(ValidationError, match="theirs begin with FJHGZ:"):
        certificates.cert_no_from_qr("http://example.com")


def test_bad_basis_and_empty_shipment(store, master, park):
    accepted = "the basis must be one or more of quality_control, self_test, commissioned_test"
    with pytest.raises(ValidationError, match=accepted):
        certificates.issue_for_shipment(store, park["shipments"][1].id, basis=())
    with pytest.raises(ValidationError, match=accepted):
        certificates.issue_for_shipment(store, park["shipments"][1].id, basis=("lab",))
    empty = store.shipments.add(
        Shipment("2026-01-10", "B-EMPTY", master["buyers"][0].id, 2_000_000, 1_000_000)
    )
    before = store.certificates.count()
    with pytest.raises(
        ValidationError, match="shipment B-EMPTY has no lines to certify; add its lines first"
    ):
        certificates.issue_for_shipment(store, empty.id)
    assert store.certificates.count() == before
