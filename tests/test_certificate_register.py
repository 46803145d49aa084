"""The certificate register's SQL: filtered, sorted id lists and block fetches (no Qt)."""

from __future__ import annotations

from array import array

import pytest

from db import schema
from db.browse import BrowseFilter, CertificateBrowser
from db.connection import open_database
from db.records import Certificate, Shipment, ShipmentLine


@pytest.fixture
def register(store, master):
    """Five certificates: two trucks (one with none), a void one and its replacement."""
    coop, farm = master["operators"]
    radish, celtuce = master["crops"]
    chen, zhou = master["buyers"]
    s1 = store.shipments.add(
        Shipment(
            "2026-01-05",
            "B20260105-001",
            chen.id,
            9_000_000,
            3_000_000,
            lines=(
                ShipmentLine(coop.id, radish.id, 4_000_000, 24_000),
                ShipmentLine(coop.id, celtuce.id, 2_000_000, 30_000),
            ),
        )
    )
    s2 = store.shipments.add(
        Shipment(
            "2026-01-07",
            "B20260107-001",
            zhou.id,
            5_000_000,
            2_000_000,
            lines=(ShipmentLine(farm.id, radish.id, 3_000_000, 20_000),),
        )
    )

    def issue(operator, crop, weight_g, day, shipment=None):
        return store.certificates.add(
            Certificate(
                operator_id=operator.id,
                crop_id=crop.id,
                weight_g=weight_g,
                issue_date=day,
                origin="四川省遂宁市船山区",
                issuer_name=operator.name,
                shipment_id=shipment.id if shipment else None,
            )
        )

    c = [
        issue(coop, radish, 4_000_000, "2026-01-05", s1),
        issue(coop, celtuce, 2_000_000, "2026-01-05", s1),
        issue(farm, radish, 3_000_000, "2026-01-07", s2),
        issue(farm, celtuce, 700_000, "2026-01-06"),  # issued without a truck
    ]
    replacement = store.certificates.reissue(c[2].id, "重量写错", weight_g=2_900_000)
    c[2] = store.certificates.get(c[2].id)
    return {"c": [*c, replacement], "s": [s1, s2], **master}


def test_ids_newest_first_ties_by_id(store, register):
    c = register["c"]
    ids = CertificateBrowser(store.db).ids()
    assert isinstance(ids, array) and ids.typecode == "q"
    # 01-07 (the void one and its replacement, the newer id first), 01-06, then 01-05.
    assert list(ids) == [c[4].id, c[2].id, c[3].id, c[1].id, c[0].id]
    assert list(CertificateBrowser(store.db).ids(descending=False)) == [
        c[0].id,
        c[1].id,
        c[3].id,
        c[2].id,
        c[4].id,
    ]


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize(
    ("sort", "key"),
    [
        ("number", lambda r: r.cert_no),
        ("weight", lambda r: r.weight_g),
        ("ticket", lambda r: r.ticket_no),
        ("operator", lambda r: r.operator),
        ("product", lambda r: r.product),
        ("status", lambda r: ("valid", "void").index(r.status)),
    ],
)
def test_each_sort_orders_rows_by_its_column(store, register, sort, key, descending):
    browser = CertificateBrowser(store.db)
    ids = browser.ids(sort=sort, descending=descending)
    rows = browser.rows(ids)
    assert sorted(ids) == sorted(c.id for c in register["c"])
    values = [key(rows[i]) for i in ids]
    assert values == sorted(values, reverse=descending)
    assert len(set(values)) > 1  # the data can tell a wrong order from a right one


def test_search_by_number_ticket_buyer_operator_alias_and_traditional_crop(store, register):
    browser = CertificateBrowser(store.db)
    c = register["c"]

    def found(text: str) -> set[int]:
        return set(browser.ids(BrowseFilter(search=text)))

    assert found(c[3].cert_no.lower()) == {c[3].id}
    assert found("20260105") == {c[0].id, c[1].id}  # part of a ticket
    assert found("周德明") == {c[2].id, c[4].id}  # the buyer of the second truck
    assert found("涪江湾") == {c[0].id, c[1].id}  # an operator's alias
    assert found("青禾家庭") == {c[2].id, c[3].id, c[4].id}  # the name printed as issuer
    assert found("青笋") == {c[1].id, c[3].id}  # a crop's alias
    assert found("蘿蔔") == {c[0].id, c[2].id, c[4].id}  # Traditional characters
    assert found("nothing-like-this") == set()


def test_filters_by_date_operator_crop_and_buyer(store, register):
    browser = CertificateBrowser(store.db)
    c, ops, crops, buyers = register["c"], register["operators"], register["crops"], register["buyers"]
    assert set(browser.ids(BrowseFilter(start="2026-01-06"))) == {c[2].id, c[3].id, c[4].id}
    assert set(browser.ids(BrowseFilter(operator_ids=(ops[1].id,), crop_ids=(crops[0].id,)))) == {
        c[2].id,
        c[4].id,
    }
    assert set(browser.ids(BrowseFilter(buyer_ids=(buyers[0].id,)))) == {c[0].id, c[1].id}
    assert browser.count(BrowseFilter(end="2026-01-05")) == 2
    assert browser.totals("weight", BrowseFilter(end="2026-01-05")) == (2, 6_000_000)


def test_rows_carry_names_truck_and_void_history(store, register):
    c = register["c"]
    rows = CertificateBrowser(store.db).rows([c[0].id, c[2].id, c[3].id, c[4].id, 999_999])
    assert set(rows) == {c[0].id, c[2].id, c[3].id, c[4].id}
    first = rows[c[0].id]
    assert (first.operator, first.product, first.ticket_no, first.buyer) == (
        "涪江湾合作社",
        "白萝卜",
        "B20260105-001",
        "陈建华",
    )
    assert (rows[c[3].id].ticket_no, rows[c[3].id].buyer) == ("", "")
    assert (rows[c[2].id].status, rows[c[2].id].void_reason) == ("void", "重量写错")
    assert (rows[c[4].id].status, rows[c[4].id].replaces_no, rows[c[4].id].weight_g) == (
        "valid",
        c[2].cert_no,
        2_900_000,
    )


@pytest.mark.parametrize("sort", ["date", "number", "weight", "operator", "product", "status"])
def test_sorts_read_ids_through_an_index(store, register, sort):
    """No sort of the register builds a temporary B-tree over the whole table."""
    browser = CertificateBrowser(store.db)
    plans = [
        r[3]
        for sql, params in browser.id_queries(sort=sort)
        for r in store.db.execute("EXPLAIN QUERY PLAN " + sql, params)
    ]
    assert plans and any("USING" in p and "INDEX" in p for p in plans)
    assert not any("TEMP B-TREE FOR ORDER BY" in p for p in plans), plans


def test_migration_adds_the_register_indexes(tmp_path):
    db = open_database(tmp_path / "old.db", migrate=False)
    schema.migrations.apply(db, stop_before="0005_certificate_browse_indexes")
    before = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "idx_certificates_crop" not in before
    assert schema.migrate(db)[:1] == ["0005_certificate_browse_indexes"]  # and any later steps
    after = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"idx_certificates_crop", "idx_certificates_status", "idx_certificates_weight"} <= after
