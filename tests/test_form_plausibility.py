"""Values that are allowed but probably mistyped ask 'are you sure' in the shipment form, and the
acceptance is kept in the audit log; changing the price unit after prices were typed asks whether
to convert the prices or read the same numbers in the new unit."""

from __future__ import annotations

import json

import pytest

from db import plausibility
from db.errors import DomainError
from tests.test_shipments_page import ctx, page, shipments, shown  # noqa: F401  (fixtures)


def _typed_form(page, store, master, price: str):  # noqa: F811
    radish = master["crops"][0]
    store.crops.update(radish.replace(price_low=4_000, price_high=22_000))  # 0.4–2.2 元/公斤
    form = page.open_form(None)
    form.buyer.setText("周德明")
    form.gross.setText("5000")
    form.tare.setText("2000")
    form.price_unit.setCurrentText("元/公斤")
    form.lines.set_text(0, "operator", "涪江湾")
    form.lines.set_text(0, "crop", "白萝卜")
    form.lines.set_text(0, "net", "3000")
    form.lines.set_text(0, "price", price)
    return form


def test_a_price_far_outside_the_crops_range_asks_and_the_answer_counts(qtbot, page, store, master):  # noqa: F811
    form = _typed_form(page, store, master, "12")
    qtbot.addWidget(form)
    asked: list[list[str]] = []
    form.accept_warnings = lambda warnings: asked.append(warnings) or False
    before = store.shipments.count()
    assert not form.save()
    assert store.shipments.count() == before  # "Check again": nothing saved
    assert len(asked) == 1 and "line 1: 12 元/公斤 is far outside the usual range of 白萝卜" in asked[0][0]
    form.accept_warnings = lambda warnings: True
    with shown(qtbot, page):
        assert form.save()
    saved = store.shipments.list()[-1]
    entry = store.db.execute(
        "SELECT after FROM audit_log WHERE table_name = 'warnings_accepted' AND row_id = ?", [saved.id]
    ).fetchone()
    accepted = json.loads(entry[0])
    assert accepted["table"] == "shipments" and "far outside" in accepted["warnings"][0]


def test_a_plausible_price_saves_without_asking(qtbot, page, store, master):  # noqa: F811
    form = _typed_form(page, store, master, "1.6")
    qtbot.addWidget(form)
    form.accept_warnings = lambda warnings: (_ for _ in ()).throw(AssertionError(f"asked: {warnings}"))
    with shown(qtbot, page):
        assert form.save()


def test_a_price_of_zero_is_a_warning_too(store, master):
    line = type("Line", (), {"crop_id": master["crops"][0].id, "agreed_price": 0, "settled_price": None})
    assert [str(w) for w in plausibility.shipment_warnings(store, [line])] == [
        "line 1: the price is 0; is it a gift or a typing error?"
    ]


def test_changing_the_price_unit_after_typing_asks_convert_reread_or_keep(qtbot, page, store, master):  # noqa: F811
    form = _typed_form(page, store, master, "2.4")
    qtbot.addWidget(form)
    assert form.lines.row_values(0)["price"] == 24_000  # 2.4 元/公斤
    answers = iter(["convert", "re-read", "keep"])
    asked: list[tuple[str, str]] = []
    form.ask_price_unit = lambda old, new: asked.append((old, new)) or next(answers)
    form.price_unit.setCurrentText("元/斤")  # convert: the same price written per 斤
    assert form.lines.text(0, "price") == "1.2" and form.lines.row_values(0)["price"] == 24_000
    form.price_unit.setCurrentText("元/公斤")  # re-read: the number 1.2 now means 1.2 元/公斤
    assert form.lines.text(0, "price") == "1.2" and form.lines.row_values(0)["price"] == 12_000
    form.price_unit.setCurrentText("元/斤")  # keep: nothing changes, the unit goes back
    assert form.price_unit.currentText() == "元/公斤" and form.lines.row_values(0)["price"] == 12_000
    assert asked == [("元/公斤", "元/斤"), ("元/斤", "元/公斤"), ("元/公斤", "元/斤")]


def test_a_truck_above_40_t_asks_and_is_saved_with_its_acceptance_in_one_transaction(
    qtbot,
    page,  # noqa: F811
    store,
    master,
    monkeypatch,
):
    form = _typed_form(page, store, master, "1.6")
    qtbot.addWidget(form)
    form.gross.setText("60000")
    form.tare.setText("15000")  # 45 t net: implausible, not impossible
    form.lines.set_text(0, "net", "45000")
    assert form.net.kind == "warning" and "above 40 t" in form.net.text()
    asked: list[list[str]] = []
    form.accept_warnings = lambda warnings: asked.append(warnings) or True
    before = store.shipments.count()

    # the audit row of the acceptance fails: the shipment is not kept either
    real_audit = store.audit

    def failing_audit(action, table, *args):
        if table == "warnings_accepted":
            raise DomainError("the disk is full")
        return real_audit(action, table, *args)

    monkeypatch.setattr(store, "audit", failing_audit)
    assert not form.save()
    assert store.shipments.count() == before
    assert asked[0] == [
        "a truck of 45,000.0 kg net is above 40 t; is a digit too many?",
        "line 1: a line of 45,000.0 kg is above 40 t; is a digit too many?",
    ]
    monkeypatch.setattr(store, "audit", real_audit)
    with shown(qtbot, page):
        assert form.save()
    saved = store.shipments.list()[-1]
    assert saved.net_g == 45_000_000
    entry = store.db.execute(
        "SELECT after FROM audit_log WHERE table_name = 'warnings_accepted' AND row_id = ?", [saved.id]
    ).fetchone()
    assert "above 40 t" in json.loads(entry[0])["warnings"][0]


def test_an_acceptance_outside_the_write_it_accepts_is_refused(store, master):
    with pytest.raises(RuntimeError):
        plausibility.record_acceptance(store, "shipments", 1, [])
