"""A record's history from the context menu of the record tables: who, when, before → after."""

from __future__ import annotations

from app.views.dialogs.history_dialog import HistoryDialog
from app.views.pages.master_pages import OperatorsPage
from app.views.pages.shipments_page import ShipmentsPage
from tests.test_check_dialog import ctx, translations  # noqa: F401  (fixtures)


def test_history_of_an_edited_operator_from_its_table(qtbot, ctx):  # noqa: F811
    op = ctx.store.operators.list()[0]
    ctx.store.operators.update(op.replace(phone="139****0002"))
    page = OperatorsPage(ctx)
    qtbot.addWidget(page)
    table = page.browser.table
    history = [a for a in table.actions() if a.objectName() == "record_history"]
    assert [a.text() for a in history] == ["History…"]
    row = next(
        r for r in range(page.browser.proxy.rowCount()) if page.browser.proxy.index(r, 0).data() == op.name
    )
    table.setCurrentIndex(page.browser.proxy.index(row, 0))
    dialog = page.browser.history.show()
    qtbot.addWidget(dialog)
    assert dialog.heading.text() == "2 changes recorded in the audit log."
    changed = dialog.tree.topLevelItem(1)
    assert changed.text(1) == "tester" and changed.text(2) == "changed"
    assert [(changed.child(i).text(2), changed.child(i).text(3)) for i in range(changed.childCount())] == [
        ("phone", f"{op.phone or '—'} → 139****0002")
    ]


def test_history_of_a_shipment_from_the_id_list_table(qtbot, ctx):  # noqa: F811
    shipment = ctx.store.shipments.by_ticket("B20260106-001")
    dialog = HistoryDialog(ctx, "shipments", shipment.id)
    qtbot.addWidget(dialog)
    # added by the park, then weighed again by the fixture
    assert [dialog.tree.topLevelItem(i).text(2) for i in range(dialog.tree.topLevelItemCount())] == [
        "added",
        "changed",
    ]
    page = ShipmentsPage(ctx)
    qtbot.addWidget(page)
    assert any(a.objectName() == "record_history" for a in page.view.actions())


def test_history_reads_as_a_person_would(qtbot, ctx):  # noqa: F811
    shipment = ctx.store.shipments.by_ticket("B20260106-001")
    ctx.store.shipments.update(shipment.replace(tare_g=shipment.tare_g + 10_000))
    dialog = HistoryDialog(ctx, "shipments", shipment.id)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "History of shipment B20260106-001"
    last = dialog.tree.topLevelItem(dialog.tree.topLevelItemCount() - 1)
    shown = {last.child(i).text(2): last.child(i).text(3) for i in range(last.childCount())}
    assert shown["tare"].endswith(" kg") and " → " in shown["tare"]
    assert "tare_g" not in shown and "id" not in shown
    added = dialog.tree.topLevelItem(0)
    fields = {added.child(i).text(2): added.child(i).text(3) for i in range(added.childCount())}
    assert fields["buyer"].startswith("— → ") and not fields["buyer"][4:].isdigit()  # a name, not an id
    assert "line(s)" in fields["lines"] and fields["lines"].endswith("kg net")
