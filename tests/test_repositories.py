"""Every repository: add, get, update, archive, delete, restore, list; audit rows; domain errors."""

from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from db.errors import DuplicateError, NotFoundError, ReferencedError, ValidationError
from db.records import (
    Buyer,
    Certificate,
    Crop,
    Harvest,
    Market,
    Operator,
    Payment,
    Plot,
    Shipment,
    ShipmentLine,
)
from db.repositories import Store
from db.storage.connection import open_database


def _audit(store, table, row_id):
    return [(e.action, e.user) for e in store.audit_log.for_row(table, row_id)]


def _line(m, op=0, crop=0, net_g=1_000_000, price=20_000, **kw):
    return ShipmentLine(
        operator_id=m["operators"][op].id, crop_id=m["crops"][crop].id, net_g=net_g, agreed_price=price, **kw
    )


def _shipment(m, ticket="B1", lines=None, **kw):
    values = dict(
        ship_date="2026-11-20",
        ticket_no=ticket,
        buyer_id=m["buyers"][0].id,
        market_id=m["markets"][0].id,
        plate="渝C12345",
        gross_g=14_000_000,
        tare_g=4_000_000,
    )
    values.update(kw)
    return Shipment(lines=tuple(lines if lines is not None else [_line(m)]), **values)


@pytest.mark.parametrize(
    ("repo_name", "record", "change"),
    [
        (
            "operators",
            Operator(name="潼南区丰沃蔬菜专业合作社", side="tongnan", aliases=("丰沃",)),
            {"town": "柏梓镇"},
        ),
        ("crops", Crop(name="甘蓝", name_en="cabbage", aliases=("莲花白", "包包白")), {"name_en": "Cabbage"}),
        (
            "markets",
            Market(name="花枝农业祥和蔬菜批发市场", aliases=("花枝", "毛线沟")),
            {"district": "九龙坡区"},
        ),
        ("buyers", Buyer(name="王春梅", kind="broker", plates=("渝D23456",)), {"home_base": "合川"}),
    ],
)
def test_master_record_round_trip_with_audit(store, repo_name, record, change):
    repo = getattr(store, repo_name)
    added = repo.add(record)
    assert added.id is not None
    assert repo.get(added.id) == added
    assert added.replace(id=None) == record  # aliases/plates stored and read back in order
    updated = repo.update(added.replace(**change))
    for key, value in change.items():
        assert getattr(repo.get(added.id), key) == value
    archived = repo.archive(added.id)
    assert archived.archived is True
    assert added.id not in [r.id for r in repo.list(include_archived=False)]
    deleted = repo.delete(added.id)
    assert deleted == archived
    with pytest.raises(NotFoundError):
        repo.get(added.id)
    restored = repo.restore(deleted)
    assert restored == deleted
    assert _audit(store, repo.table, added.id) == [
        ("insert", "tester"),
        ("update", "tester"),
        ("archive", "tester"),
        ("delete", "tester"),
        ("restore", "tester"),
    ]
    entry = store.audit_log.for_row(repo.table, added.id)[1]
    assert json.loads(entry.before)["id"] == added.id
    assert json.loads(entry.after) != json.loads(entry.before)
    assert updated.id == added.id


def test_plot_must_belong_to_the_harvest_operator(store, master):
    foreign_plot = master["plots"][1]  # belongs to operator 1
    with pytest.raises(ValidationError):
        store.harvests.add(
            Harvest(
                harvest_date="2026-11-01",
                operator_id=master["operators"][0].id,
                plot_id=foreign_plot.id,
                crop_id=master["crops"][0].id,
                weight_g=1000,
            )
        )
    assert store.harvests.count() == 0


def test_harvest_lot_codes_are_unique_and_never_reused(store, master):
    h = Harvest(
        harvest_date="2026-11-01",
        operator_id=master["operators"][0].id,
        crop_id=master["crops"][0].id,
        weight_g=2_500_000,
    )
    first = store.harvests.add(h)
    assert first.lot_code == "L20261101-0001"
    store.harvests.delete(first.id)
    second = store.harvests.add(h)
    assert second.lot_code == "L20261101-0002"
    many = store.harvests.add_many([h, h.replace(harvest_date="2026-11-02")])
    assert [x.lot_code for x in many] == ["L20261101-0003", "L20261102-0001"]
    with pytest.raises(DuplicateError, match="this lot code is already used"):
        store.harvests.add(h.replace(lot_code=second.lot_code))


def test_delete_of_a_referenced_operator_names_what_refers_to_it(store, master):
    op = master["operators"][0]
    store.harvests.add(
        Harvest(harvest_date="2026-11-01", operator_id=op.id, crop_id=master["crops"][0].id, weight_g=1000)
    )
    store.shipments.add(_shipment(master))
    with pytest.raises(ReferencedError) as info:
        store.operators.delete(op.id)
    assert info.value.references == {"plots": 1, "harvests": 1, "shipment lines": 1}
    assert "涪江湾合作社" in str(info.value) and "archive" in str(info.value)
    assert store.operators.get(op.id) == op


def test_plot_and_payment_repositories(store, master):
    op = master["operators"][0]
    plot = store.plots.add(Plot(operator_id=op.id, name="二号地", area_mu_x100=33_350, village="涪江村"))
    assert [p.name for p in store.plots.for_operator(op.id)] == ["一号地", "二号地"]
    pay = store.payments.add(
        Payment(buyer_id=master["buyers"][0].id, pay_date="2026-11-21", amount_fen=1_234_567, method="wechat")
    )
    assert store.payments.update(pay.replace(amount_fen=1_000_000)).amount_fen == 1_000_000
    with pytest.raises(ValidationError):
        store.payments.add(pay.replace(id=None, amount_fen=0))
    with pytest.raises(ValidationError):
        store.payments.add(pay.replace(id=None, method="bitcoin"))
    with pytest.raises(ReferencedError):
        store.buyers.delete(master["buyers"][0].id)
    store.plots.delete(plot.id)
    assert store.plots.find(plot.id) is None


def test_shipment_derives_net_deduction_and_amounts_exactly(store, master):
    s = store.shipments.add(
        _shipment(
            master,
            deduction_pct_x100=150,
            lines=[
                _line(master, net_g=6_000_500, price=12_345),
                _line(master, 1, 1, 3_999_500, 24_000, grade="first"),
            ],
        )
    )
    assert s.net_g == 10_000_000
    assert s.deduction_g == 150_000  # 1.5 % of 10 t
    # The 150 kg deduction shared by net weight: 90.0075 kg and 59.9925 kg; the whole grams
    # 90,007 + 59,992 leave 1 g, and the equal remainders (0.5 g each) give it to the first line.
    assert [line.deduction_g for line in s.lines] == [90_008, 59_992]
    assert [line.payable_g for line in s.lines] == [5_910_492, 3_939_508]
    assert s.lines_payable_g == s.payable_g == 9_850_000
    # 5910.492 kg × 1.2345 元/kg = 7296.5023740 元 → 729650 fen (half up); 3939.508 × 2.4 = 9454.8192
    assert [line.amount_fen for line in s.lines] == [729_650, 945_482]
    assert s.amount_fen == 729_650 + 945_482
    assert [line.line_no for line in s.lines] == [1, 2]


def test_shipment_validation_lists_every_problem(store, master):
    with pytest.raises(ValidationError) as info:
        store.shipments.add(_shipment(master, ticket=" ", gross_g=1000, tare_g=2000, ship_date="2026-13-01"))
    fields = [f for f, _ in info.value.problems]
    assert fields == ["ship_date", "ticket_no", "gross_g"]
    assert store.shipments.count() == 0
    with pytest.raises(ValidationError, match="above 100 t"):
        store.shipments.add(_shipment(master, gross_g=100_000_001, tare_g=15_000_000))
    # 45 t is implausible (a warning the forms and the import ask about), not impossible
    assert store.shipments.add(_shipment(master, gross_g=60_000_000, tare_g=15_000_000)).net_g == 45_000_000


def test_shipment_update_rewrites_lines_and_keeps_summary_exact(store, master):
    s = store.shipments.add(_shipment(master))
    changed = s.replace(
        ship_date="2026-11-21",
        market_id=master["markets"][1].id,
        lines=(s.lines[0].replace(net_g=2_000_000, settled_price=15_000),),
    )
    after = store.shipments.update(changed)
    assert after.lines[0].amount_fen == 300_000  # 2000 kg × 1.5 元/kg
    rows = store.db.execute("SELECT day, market_key, net_g, amount_fen, lines FROM shipment_daily").fetchall()
    assert rows == [("2026-11-21", master["markets"][1].id, 2_000_000, 300_000, 1)]
    audit = store.audit_log.for_row("shipments", s.id)[-1]
    assert json.loads(audit.before)["lines"][0]["net_g"] == 1_000_000
    assert json.loads(audit.after)["lines"][0]["net_g"] == 2_000_000


def test_shipment_delete_and_restore_keep_line_ids_and_lot_links(store, master):
    h = store.harvests.add(
        Harvest(
            harvest_date="2026-11-20",
            operator_id=master["operators"][0].id,
            crop_id=master["crops"][0].id,
            weight_g=1_000_000,
        )
    )
    s = store.shipments.add(_shipment(master, lines=[_line(master, lot_ids=(h.id,))]))
    with pytest.raises(ReferencedError, match="shipment lines"):
        store.harvests.delete(h.id)
    gone = store.shipments.delete(s.id)
    assert store.db.execute("SELECT count(*) FROM shipment_daily").fetchone()[0] == 0
    back = store.shipments.restore(gone)
    assert back == s
    assert back.lines[0].lot_ids == (h.id,)
    assert store.db.execute("SELECT sum(net_g) FROM shipment_daily").fetchone()[0] == 1_000_000


def test_duplicate_ticket_is_a_domain_error_and_bulk_adds_all_or_nothing(store, master):
    store.shipments.add(_shipment(master, ticket="B7"))
    with pytest.raises(DuplicateError, match="this weighing ticket number is already used"):
        store.shipments.add(_shipment(master, ticket="B7"))
    with pytest.raises(DuplicateError):
        store.shipments.add_many([_shipment(master, ticket="B8"), _shipment(master, ticket="B7")])
    assert [s.ticket_no for s in store.shipments.list()] == ["B7"]
    assert store.db.execute("SELECT count(*) FROM shipment_lines").fetchone()[0] == 1


def test_bulk_add_matches_single_add(store, master):
    many = store.shipments.add_many([_shipment(master, ticket=f"B{i}") for i in range(3)])
    assert [store.shipments.get(s.id) for s in many] == many
    assert (
        store.db.execute("SELECT count(*) FROM audit_log WHERE table_name = 'shipments'").fetchone()[0] == 3
    )


def test_next_ticket_number_skips_used_ones(store, master):
    assert store.shipments.next_ticket_no("2026-11-20") == "B20261120-001"
    store.shipments.add(_shipment(master, ticket="B20261120-001"))
    assert store.shipments.next_ticket_no("2026-11-20") == "B20261120-002"
    # counted as numbers, not text (after 999 comes 1000); a hand-typed '-005a' is no number
    store.shipments.add_many(
        [_shipment(master, ticket=t) for t in ("B20261120-999", "B20261120-1000", "B20261120-005a")]
    )
    assert store.shipments.next_ticket_no("2026-11-20") == "B20261120-1001"


def test_certificates_are_voided_and_reissued_never_deleted(store, master):
    s = store.shipments.add(_shipment(master))
    cert = store.certificates.add(
        Certificate(
            operator_id=master["operators"][0].id,
            crop_id=master["crops"][0].id,
            weight_g=10_000_000,
            issue_date="2026-11-20",
            origin="四川省遂宁市船山区老池镇",
            issuer_name="涪江湾合作社",
            shipment_id=s.id,
        )
    )
    assert cert.cert_no == "HGZ2026-000001"
    with pytest.raises(ValidationError):
        store.certificates.delete(cert.id)
    with pytest.raises(ValidationError, match="reason"):
        store.certificates.void(cert.id, " ")
    new = store.certificates.reissue(cert.id, "weight typed wrong", weight_g=9_500_000)
    old = store.certificates.get(cert.id)
    assert (old.status, old.void_reason) == ("void", "weight typed wrong")
    assert old.voided_at is not None
    assert (new.status, new.replaces_id, new.weight_g, new.cert_no) == (
        "valid",
        cert.id,
        9_500_000,
        "HGZ2026-000002",
    )
    assert [c.cert_no for c in store.certificates.for_shipment(s.id)] == ["HGZ2026-000001", "HGZ2026-000002"]
    with pytest.raises(ValidationError, match="basis"):
        store.certificates.add(new.replace(id=None, cert_no="", basis_quality_control=False))
    with pytest.raises(ReferencedError, match="certificates"):
        store.shipments.delete(s.id)
    assert store.certificates.by_number("HGZ2026-000002") == new


def test_lookups_by_code(store, master):
    h = store.harvests.add(
        Harvest(
            harvest_date="2026-11-20",
            operator_id=master["operators"][0].id,
            crop_id=master["crops"][0].id,
            weight_g=1000,
        )
    )
    assert store.harvests.by_lot_code(f" {h.lot_code} ") == h
    s = store.shipments.add(_shipment(master, ticket="B55"))
    assert store.shipments.by_ticket("B55") == s
    assert store.buyers.by_plate("渝C12345") == master["buyers"][0]
    with pytest.raises(NotFoundError):
        store.shipments.by_ticket("nope")
    entries = dict((name, aliases) for _, name, aliases in store.crops.name_entries())
    assert entries["白萝卜"] == ("萝卜", "蘿蔔")


def test_audit_row_is_written_in_the_same_transaction(store, master, monkeypatch):
    # The audit row is written after the record: if writing it fails, the record is rolled back too.
    h = Harvest(
        harvest_date="2026-02-28",
        operator_id=master["operators"][0].id,
        crop_id=master["crops"][0].id,
        weight_g=1000,
    )

    class DiskFull(Exception):
        pass

    def failing_audit(*args, **kwargs):
        raise DiskFull

    before = (store.harvests.count(), store.audit_log.count())
    monkeypatch.setattr(store, "audit", failing_audit)
    monkeypatch.setattr(store, "audit_many", failing_audit)
    with pytest.raises(DiskFull):
        store.harvests.add(h)
    with pytest.raises(DiskFull):
        store.harvests.add_many([h, h.replace(weight_g=2000)])
    with pytest.raises(DiskFull):
        store.shipments.add_many([_shipment(master, ticket="A1"), _shipment(master, ticket="A2")])
    assert (store.harvests.count(), store.audit_log.count()) == before
    assert store.shipments.count() == 0
    assert store.db.execute("SELECT count(*) FROM harvest_daily").fetchone()[0] == 0
    monkeypatch.undo()
    stored = store.harvests.add(h)  # and once the audit can be written, both are
    assert _audit(store, "harvests", stored.id) == [("insert", "tester")]


def test_shipment_totals_columns_follow_every_write(store, master):
    def totals(ticket):
        return store.db.execute(
            "SELECT line_count, total_fen FROM shipments WHERE ticket_no = ?", [ticket]
        ).fetchone()

    s = store.shipments.add(
        _shipment(master, ticket="T1", lines=[_line(master), _line(master, 1, 1, price=10_000)])
    )
    assert totals("T1") == (2, 200_000 + 100_000)  # 1000 kg × 2 元 + 1000 kg × 1 元
    store.shipments.update(s.replace(lines=(s.lines[0].replace(settled_price=15_000),)))
    assert totals("T1") == (1, 150_000)
    store.shipments.add_many([_shipment(master, ticket="T2", lines=[_line(master, net_g=500_000)])])
    assert totals("T2") == (1, 100_000)
    gone = store.shipments.delete(s.id)
    store.shipments.restore(gone)
    assert totals("T1") == (1, 150_000)


def test_duplicate_messages_name_the_field_as_a_person_would(store, master):
    op = master["operators"][0]
    with pytest.raises(DuplicateError) as plot:
        store.plots.add(Plot(operator_id=op.id, name=master["plots"][0].name))
    assert str(plot.value) == "this name is already used by another plot"
    assert plot.value.problems == [("name", "duplicate")]
    with pytest.raises(DuplicateError) as alias:
        store.operators.add(Operator(name="另一个合作社", kind="coop", aliases=op.aliases))
    assert str(alias.value) == "this alias is already used by another operator"


# ---------------------------------------------------------------------------------------------------
# Hostile or mistyped values are refused with a message, never stored and never a crash


def _harvest(m, **kw):
    values = dict(
        harvest_date="2026-11-01", operator_id=m["operators"][0].id, crop_id=m["crops"][0].id, weight_g=1000
    )
    values.update(kw)
    return Harvest(**values)


@pytest.mark.parametrize("day", ["1899-12-31", "2100-01-01", "0001-01-01", "9999-12-31"])
def test_dates_outside_1900_to_2099_are_refused_with_the_range(store, master, day):
    with pytest.raises(ValidationError) as info:
        store.harvests.add(_harvest(master, harvest_date=day))
    assert str(info.value) == f"harvest_date: {day} is not between 1900-01-01 and 2099-12-31; check the year"
    with pytest.raises(ValidationError, match="1900-01-01 and 2099-12-31"):
        store.shipments.add(_shipment(master, ship_date=day))
    assert store.harvests.count() == store.shipments.count() == 0


def test_the_first_and_last_accepted_days(store, master):
    for day in ("1900-01-01", "2099-12-31"):
        pay = Payment(buyer_id=master["buyers"][0].id, pay_date=day, amount_fen=1)
        assert store.payments.get(store.payments.add(pay).id).pay_date == day


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("\u202e社作合湾江涪", "202E"),
        ("丰沃\x00合作社", "0000"),
        ("丰沃\n合作社", "000A"),
        ("丰\u200b沃", "200B"),
    ],
)
def test_invisible_characters_in_a_name_are_refused(store, name, code):
    with pytest.raises(ValidationError) as info:
        store.operators.add(Operator(name=name))
    assert f"holds the invisible character U+{code}" in str(info.value)
    [(field, message)] = info.value.problems  # beside the name field, the same reason
    assert field == "name" and f"name: {message}" == str(info.value)
    assert f"<U+{code}>" in str(info.value)  # the message shows where it is, and stays one line
    assert "\n" not in str(info.value) and "\u202e" not in str(info.value)
    assert store.operators.count() == 0


def test_invisible_characters_in_tickets_plates_and_aliases_are_refused(store, master):
    with pytest.raises(ValidationError, match="U\\+0000") as info:
        store.shipments.add(_shipment(master, ticket="B1\x00", plate="渝C1234\u202e5"))
    assert [field for field, _ in info.value.problems] == ["ticket_no", "plate"]
    with pytest.raises(ValidationError, match="U\\+2066"):
        store.crops.add(Crop(name="甘蓝", aliases=("莲花白", "包\u2066包白")))
    assert store.shipments.count() == 0 and store.crops.count() == 2


def test_notes_may_span_lines(store, master):
    shipment = store.shipments.add(_shipment(master, notes="第一行\n第二行\t完"))
    assert store.shipments.get(shipment.id).notes == "第一行\n第二行\t完"


def test_a_name_longer_than_200_characters_is_refused(store):
    with pytest.raises(ValidationError, match="201 characters is too long; at most 200"):
        store.buyers.add(Buyer(name="陈" * 201))
    assert store.buyers.add(Buyer(name="陈" * 200)).name == "陈" * 200


def test_values_too_big_for_any_truck_or_account_are_refused_not_overflowing(store, master):
    buyer = master["buyers"][0].id
    with pytest.raises(ValidationError, match="a payment above 1,000,000,000 元"):
        store.payments.add(Payment(buyer_id=buyer, pay_date="2026-01-01", amount_fen=10**30))
    with pytest.raises(ValidationError, match="a gross weight above 100 t"):
        store.shipments.add(_shipment(master, gross_g=10**30, tare_g=10**30 - 1_000_000))
    with pytest.raises(ValidationError) as info:
        store.shipments.add(
            _shipment(
                master, lines=[_line(master, net_g=10**20), _line(master, price=10**20, settled_price=-1)]
            )
        )
    assert [field for field, _ in info.value.problems] == [
        "lines[1].net_g",
        "lines[2].agreed_price",
        "lines[2].settled_price",
    ]
    assert "a line above 100 t" in str(info.value) and "from 0 to 1000 元/公斤" in str(info.value)
    with pytest.raises(ValidationError, match="a harvest lot above 1,000 t"):
        store.harvests.add(_harvest(master, weight_g=10**19))
    assert store.payments.count() == store.shipments.count() == store.harvests.count() == 0
    # the largest accepted line amount fits: 40 t at 1000 元/公斤 = 4,000万元
    top = store.shipments.add(
        _shipment(
            master,
            gross_g=50_000_000,
            tare_g=10_000_000,
            lines=[_line(master, net_g=40_000_000, price=10**7)],
        )
    )
    assert top.amount_fen == 40_000 * 1000 * 100


@settings(max_examples=40, deadline=None)
@given(st.text(st.characters(exclude_categories=()), max_size=30))  # surrogates included
def test_any_name_is_stored_exactly_or_refused_with_a_reason(name):
    store = Store(open_database(":memory:"), user="tester")
    try:
        try:
            stored = store.markets.add(Market(name=name))
        except ValidationError as exc:
            assert str(exc)  # a message, never a crash or a half-written row
            assert store.markets.count() == 0
        else:
            assert store.markets.get(stored.id).name == name.strip()
            invisible = ("Cc", "Cf", "Cs", "Zl", "Zp")
            assert all(unicodedata.category(ch) not in invisible for ch in stored.name)
    finally:
        store.close()


@pytest.mark.parametrize(
    ("repo_name", "bad", "field", "phrase"),
    [
        ("operators", Operator(name="  "), "name", "name: required; it cannot be blank"),
        ("operators", Operator(name="新社", kind="bank"), "kind", "use one of coop, family_farm, company"),
        ("operators", Operator(name="新社", side="chengdu"), "side", "use one of suining, tongnan"),
        (
            "operators",
            Operator(name="新社", area_mu_x100=-1),
            "area_mu_x100",
            "area_mu_x100: cannot be negative",
        ),
        ("buyers", Buyer(name="王", kind="bank"), "kind", "use one of broker, wholesaler"),
        ("markets", Market(name=""), "name", "required"),
        ("crops", Crop(name="芹菜", price_low=-5), "price_low", "cannot be negative"),
        ("crops", Crop(name="芹菜", price_low=20_000, price_high=10_000), "price_high", "runs backwards"),
    ],
)
def test_rules_are_messages_that_say_what_is_accepted_not_sql(store, repo_name, bad, field, phrase):
    repo = getattr(store, repo_name)
    before = repo.count()
    with pytest.raises(ValidationError) as info:
        repo.add(bad)
    assert phrase in str(info.value)
    assert field in [f for f, _ in info.value.problems]
    assert "constraint" not in str(info.value).lower()
    assert repo.count() == before


def test_harvest_grade_plot_owner_and_deduction_messages(store, master):
    with pytest.raises(ValidationError, match="grade: unknown code 'A'; use one of special, first"):
        store.harvests.add(_harvest(master, grade="A"))
    with pytest.raises(ValidationError, match="the plot belongs to another operator"):
        store.harvests.add(_harvest(master, plot_id=master["plots"][1].id))
    with pytest.raises(ValidationError, match="from 0% to under 100%"):
        store.shipments.add(_shipment(master, deduction_pct_x100=10_000))
    cert = Certificate(
        operator_id=master["operators"][0].id,
        crop_id=master["crops"][0].id,
        weight_g=1000,
        issue_date="2026-01-01",
        origin=" ",
        issuer_name="",
    )
    with pytest.raises(ValidationError) as info:
        store.certificates.add(cert)
    assert [f for f, _ in info.value.problems] == ["origin", "issuer_name"]
    assert store.harvests.count() == store.shipments.count() == store.certificates.count() == 0
