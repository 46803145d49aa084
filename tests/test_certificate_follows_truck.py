"""A certificate follows its truck: an edited truck marks its certificate for reissue, reissue takes
the current weight, 开具日期 is the day of issue, and a truck's uncovered lines are named."""

from __future__ import annotations

import pytest

from db.browse import BrowseFilter, CertificateBrowser, ShipmentBrowser
from db.certification import certificates, coverage
from db.errors import ValidationError
from db.records import Shipment, ShipmentLine

KG = 1000


@pytest.fixture
def truck(store, master):
    coop, farm = master["operators"]
    radish, celtuce = master["crops"]
    return store.shipments.add(
        Shipment(
            "2026-03-02",
            "B20260302-001",
            master["buyers"][0].id,
            9_100 * KG,
            5_000 * KG,
            plate="渝C12345",
            lines=(
                ShipmentLine(coop.id, radish.id, 2_100 * KG, 12_000),
                ShipmentLine(farm.id, celtuce.id, 2_000 * KG, 20_000),
            ),
        )
    )


def _set_line(store, shipment, index, **changes):
    lines = list(shipment.lines)
    lines[index] = lines[index].replace(**changes)
    return store.shipments.update(shipment.replace(lines=tuple(lines)))


def test_reissue_after_the_line_changed_takes_the_current_weight(store, truck):
    (cert,) = certificates.issue_for_shipment(store, truck.id, issue_date="2026-03-02").issued
    assert cert.weight_g == 2_100 * KG
    assert not coverage.is_stale(store, cert)
    edited = _set_line(store, truck, 0, net_g=2_000 * KG)
    assert coverage.is_stale(store, cert)
    assert coverage.truck_states(store, [edited.id]) == {edited.id: "stale"}
    new = certificates.reissue(store, cert.id, "重量改为 2,000 kg", issue_date="2026-03-03")
    assert new.weight_g == 2_000 * KG
    assert new.issue_date == "2026-03-03"
    assert new.replaces_id == cert.id and new.cert_no != cert.cert_no
    assert store.certificates.get(cert.id).status == "void"
    assert not coverage.is_stale(store, new)
    assert coverage.truck_states(store, [edited.id]) == {edited.id: "complete"}
    # The printed sheet says 2,000 kg too.
    assert certificates.sheet(store, new).weight_g == 2_000 * KG


def test_a_changed_crop_or_operator_makes_the_certificate_stale_and_the_line_uncovered(store, master, truck):
    _radish, celtuce = master["crops"]
    (cert,) = certificates.issue_for_shipment(store, truck.id, issue_date="2026-03-02").issued
    edited = _set_line(store, truck, 0, crop_id=celtuce.id)
    assert coverage.is_stale(store, cert)
    cover = coverage.coverage(store, edited.id)
    assert cover.state == "stale"
    by_product = {(p.operator, p.product): p for p in cover.products}
    assert by_product[("涪江湾合作社", "莴笋")].state == "missing"
    assert by_product[("涪江湾合作社", "莴笋")].line_nos == (1,)
    gone = by_product[("涪江湾合作社", "白萝卜")]
    assert gone.state == "stale" and gone.weight_g == 0 and gone.certificate == cert
    assert by_product[("青禾家庭农场", "莴笋")].state == "not_required"
    # The truck no longer carries the co-op's radish: reissuing it is refused, voiding is the way.
    with pytest.raises(ValidationError, match="no longer carries"):
        certificates.reissue(store, cert.id, "换了品种")
    certificates.void(store, cert.id, "换了品种")
    assert coverage.truck_states(store, [edited.id]) == {edited.id: "missing"}
    (again,) = certificates.issue_for_shipment(store, edited.id, issue_date="2026-03-02").issued
    assert (again.crop_id, again.weight_g) == (celtuce.id, 2_100 * KG)
    assert coverage.coverage(store, edited.id).state == "complete"


def test_truck_states_on_the_shipments_table_and_register_states(store, master, truck):
    _coop, farm = master["operators"]
    radish, _celtuce = master["crops"]
    only_farm = store.shipments.add(
        Shipment(
            "2026-03-02",
            "B20260302-002",
            master["buyers"][1].id,
            3_000 * KG,
            1_000 * KG,
            lines=(ShipmentLine(farm.id, radish.id, 2_000 * KG, 10_000),),
        )
    )
    assert coverage.truck_states(store, [truck.id, only_farm.id]) == {
        truck.id: "missing",
        only_farm.id: "none",
    }
    rows = ShipmentBrowser(store.db).rows([truck.id, only_farm.id])
    assert rows[truck.id].certificates == "missing" and rows[only_farm.id].certificates == "none"
    (cert,) = certificates.issue_for_shipment(store, truck.id, issue_date="2026-03-02").issued
    _set_line(store, truck, 0, net_g=2_050 * KG)
    browser = CertificateBrowser(store.db)
    assert browser.rows([cert.id])[cert.id].state == "stale"
    assert list(browser.ids(BrowseFilter(certificate_states=("stale",)))) == [cert.id]
    assert list(browser.ids(BrowseFilter(certificate_states=("valid",)))) == []
    ships = ShipmentBrowser(store.db)
    assert list(ships.ids(BrowseFilter(certificate_states=("stale",)))) == [truck.id]
    assert list(ships.ids(BrowseFilter(certificate_states=("complete", "missing")))) == []
    certificates.reissue(store, cert.id, "称重更正", issue_date="2026-03-02")
    assert [browser.rows([i])[i].state for i in browser.ids(BrowseFilter())] in (
        ["valid", "void"],
        ["void", "valid"],
    )


def test_issue_date_is_the_day_of_issue(store, truck, monkeypatch):
    monkeypatch.setattr(certificates, "today", lambda: "2026-03-04")
    (cert,) = certificates.issue_for_shipment(store, truck.id).issued
    assert cert.issue_date == "2026-03-04"  # the truck left on 2026-03-02
    sheet = certificates.sheet(store, cert)
    assert (sheet.issue_date, sheet.ship_date) == ("2026-03-04", "2026-03-02")
    new = certificates.reissue(store, cert.id, "补开")
    assert new.issue_date == "2026-03-04"
