"""Recall tracing on the hand-worked park: every chain checked link by link."""

from __future__ import annotations

import pytest

from db import trace
from db.certification import certificates
from db.errors import NotFoundError, ValidationError
from db.records import Plot
from tests.documents_data import build_park


@pytest.fixture
def park(store, master):
    p = build_park(store, master)
    for s in p["shipments"][1:3]:
        certificates.issue_for_shipment(store, s.id)
    return p


def _chain(t):
    return [(r.lot_code, r.ticket_no, r.line_no, r.buyer, r.market) for r in t.rows]


def test_forward_from_a_lot(store, park):
    t = trace.forward_from_lot(store, "L20260105-0001")
    assert t.direction == "forward"
    assert _chain(t) == [("L20260105-0001", "B20260105-001", 1, "陈建华", "重庆双福国际农贸城")]
    row = t.rows[0]
    assert (row.operator, row.plot, row.crop, row.lot_grade, row.lot_g) == (
        "涪江湾合作社",
        "一号地",
        "白萝卜",
        "first",
        10_000_000,
    )
    assert row.line_net_g == 10_000_000
    assert row.certificates == "HGZ2026-000001"


def test_forward_lot_split_over_two_lines(store, park):
    t = trace.forward_from_lot(store, "L20260106-0001")
    assert _chain(t) == [
        ("L20260106-0001", "B20260106-001", 1, "陈建华", "重庆盘溪农产品批发市场"),
        ("L20260106-0001", "B20260106-001", 2, "陈建华", "重庆盘溪农产品批发市场"),
    ]
    assert [r.line_grade for r in t.rows] == ["special", "second"]
    assert t.markets == ["重庆盘溪农产品批发市场"]
    assert {r.certificates for r in t.rows} == {"HGZ2026-000002"}


def test_unshipped_lot_has_one_row_without_shipment(store, park):
    t = trace.forward_from_lot(store, "L20260106-0002")
    assert _chain(t) == [("L20260106-0002", "", None, "", "")]
    with pytest.raises(NotFoundError):
        trace.forward_from_lot(store, "L19990101-0001")


def test_backward_from_a_ticket(store, park):
    t = trace.backward_from_ticket(store, "B20260105-001")
    assert t.direction == "backward"
    assert [(r.line_no, r.lot_code, r.plot, r.operator) for r in t.rows] == [
        (1, "L20260105-0001", "一号地", "涪江湾合作社"),
        (2, "L20260105-0002", "河边地", "青禾家庭农场"),
    ]
    assert [r.certificates for r in t.rows] == ["HGZ2026-000001", ""]
    assert t.operators == ["涪江湾合作社", "青禾家庭农场"]


def test_backward_line_without_lots(store, park):
    t = trace.backward_from_ticket(store, "B20260107-001")
    assert [(r.line_no, r.lot_code, r.operator, r.crop, r.market) for r in t.rows] == [
        (1, "", "涪江湾合作社", "白萝卜", "")
    ]


def test_backward_from_a_certificate(store, park):
    t = trace.backward_from_certificate(store, "HGZ2026-000002")
    assert [(r.ticket_no, r.line_no, r.lot_code, r.plot, r.operator) for r in t.rows] == [
        ("B20260106-001", 1, "L20260106-0001", "大棚区", "四川遂潼鲜蔬农业开发有限公司"),
        ("B20260106-001", 2, "L20260106-0001", "大棚区", "四川遂潼鲜蔬农业开发有限公司"),
    ]
    # The coop's certificate covers only its own line, not the family farm's on the same truck.
    t1 = trace.trace(store, "certificate", "HGZ2026-000001")
    assert [(r.line_no, r.lot_code) for r in t1.rows] == [(1, "L20260105-0001")]


def test_forward_from_a_plot(store, master, park):
    t = trace.trace(store, "plot", "一号地")
    assert _chain(t) == [
        ("L20260105-0001", "B20260105-001", 1, "陈建华", "重庆双福国际农贸城"),
        ("L20260106-0002", "", None, "", ""),
    ]
    # Two operators with a plot of the same name: the name alone is ambiguous.
    store.plots.add(Plot(operator_id=master["operators"][1].id, name="一号地"))
    with pytest.raises(ValidationError, match="涪江湾合作社/一号地"):
        trace.find_plot(store, "一号地")
    assert trace.find_plot(store, "涪江湾/一号地").id == master["plots"][0].id
    with pytest.raises(NotFoundError, match=r"no plot '河边'; did you mean 河边地\?"):
        trace.find_plot(store, "河边")
    with pytest.raises(NotFoundError, match="write a plot name, or OPERATOR/PLOT"):
        trace.find_plot(store, "完全无关")
    with pytest.raises(NotFoundError, match="matches no known name"):
        trace.find_plot(store, "没有这个主体/一号地")
    with pytest.raises(ValidationError, match="use lot, certificate, ticket or plot"):
        trace.trace(store, "truck", "x")  # type: ignore[arg-type]
