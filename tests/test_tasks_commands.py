"""The task API (progress, cancel, failure, own connection) and the undo commands over repositories."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtGui import QUndoStack

from app import commands
from app.tasks import TaskRunner
from db.errors import ReferencedError, ValidationError
from db.records import Crop, Harvest


def test_task_reports_progress_and_result_from_its_own_connection(qtbot, db_path, master):
    runner = TaskRunner(db_path, user="tester")
    seen = []

    def work(ctx):
        for i in range(3):
            ctx.progress(i + 1, 3, "step")
        assert ctx.store().db.conn is not None
        return (threading.current_thread() is threading.main_thread(), ctx.store().operators.count())

    handle = runner.start("count", work)
    handle.progressed.connect(lambda d, t, m: seen.append((d, t, m)))
    with qtbot.waitSignal(handle.succeeded, timeout=10000) as blocker:
        pass
    assert blocker.args[0] == (False, 2)
    qtbot.waitUntil(lambda: len(seen) == 3)
    assert seen == [(1, 3, "step"), (2, 3, "step"), (3, 3, "step")]
    runner.wait()


def test_cancelled_task_writes_nothing(qtbot, db_path, master):
    runner = TaskRunner(db_path, user="tester")
    started = threading.Event()
    proceed = threading.Event()

    def work(ctx):
        store = ctx.store()
        with store.write():
            store.crops.add(Crop(name="莲藕"))
            started.set()
            proceed.wait(5)
            ctx.progress(1, 2)  # raises Cancelled: the transaction rolls back
        return "finished"

    handle = runner.start("slow", work)
    with qtbot.waitSignal(handle.cancelled, timeout=10000):
        qtbot.waitUntil(started.is_set)
        handle.cancel()
        proceed.set()
    runner.wait()
    assert [c.name for c in master_crops(db_path)] == ["白萝卜", "莴笋"]


@pytest.mark.parametrize("writes", [True, False])
def test_cancel_after_the_last_look_drops_a_read_but_reports_a_done_write(qtbot, db_path, master, writes):
    """Cancel pressed after a task's last progress report: a read's result is dropped, but a write
    it committed is reported as done (a 'cancelled' import that was in fact saved misled the clerk)."""
    runner = TaskRunner(db_path, user="tester")
    outcome = []

    def work(ctx):
        store = ctx.store()
        if writes:
            store.crops.add(Crop(name="莲藕"))
        else:
            store.crops.count()
        ctx._handle.cancel()  # pressed now, after the last look at it
        return "finished"

    handle = runner.start("late cancel", work)
    handle.succeeded.connect(lambda result: outcome.append(result))
    handle.cancelled.connect(lambda: outcome.append("cancelled"))
    qtbot.waitUntil(lambda: bool(outcome), timeout=10_000)
    runner.wait()
    assert outcome == (["finished"] if writes else ["cancelled"])
    assert ("莲藕" in [c.name for c in master_crops(db_path)]) is writes


def test_cancel_interrupts_a_running_statement(qtbot, db_path, master):
    """A long query stops when Cancel is pressed, not when it finishes (a table's stale id query)."""
    runner = TaskRunner(db_path, user="tester")
    started = threading.Event()

    def work(ctx):
        db = ctx.store().db
        started.set()
        # Counts far beyond what finishes in this test's lifetime unless it is interrupted.
        endless = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
        return db.execute(endless).fetchone()

    handle = runner.start("endless", work)
    failed = []
    handle.failed.connect(lambda message, _detail: failed.append(message))
    with qtbot.waitSignal(handle.cancelled, timeout=10000):
        qtbot.waitUntil(started.is_set)
        handle.cancel()
    assert runner.wait(10000)
    assert failed == []  # cancelled, not reported as an error


def master_crops(db_path):
    from db.repositories import Store
    from db.storage.connection import open_database

    return Store(open_database(db_path)).crops.list()


def test_failed_task_reports_a_message_not_a_crash(qtbot, db_path):
    runner = TaskRunner(db_path)

    def work(ctx):
        raise ValidationError("weight must be positive")

    handle = runner.start("bad", work)
    with qtbot.waitSignal(handle.failed, timeout=10000) as blocker:
        pass
    assert blocker.args[0] == "weight must be positive"
    runner.wait()


def test_add_undo_redo_keeps_ids(qtbot, store, master):
    stack = QUndoStack()
    changed = []
    h = Harvest(
        harvest_date="2026-11-20",
        operator_id=master["operators"][0].id,
        crop_id=master["crops"][0].id,
        weight_g=1_500_000,
    )
    cmd = commands.AddRecords(
        store.harvests,
        [h, h.replace(weight_g=2_000_000)],
        listener=lambda t, ids: changed.append((t, list(ids))),
    )
    commands.push(stack, cmd)
    ids = [r.id for r in cmd.saved]
    assert store.harvests.count() == 2
    stack.undo()
    assert store.harvests.count() == 0
    stack.redo()
    assert [r.id for r in store.harvests.list()] == ids
    assert changed == [("harvests", ids)] * 3
    assert stack.count() == 1


def test_failed_command_is_not_pushed(qtbot, store, master):
    stack = QUndoStack()
    bad = Harvest(
        harvest_date="2026-11-20",
        operator_id=master["operators"][0].id,
        crop_id=master["crops"][0].id,
        weight_g=-5,
    )
    with pytest.raises(ValidationError):
        commands.push(stack, commands.AddRecords(store.harvests, [bad]))
    assert stack.count() == 0
    with pytest.raises(ReferencedError):
        commands.push(stack, commands.DeleteRecords(store.operators, [master["operators"][0].id]))
    assert stack.count() == 0


def test_update_delete_archive_undo_restore_exactly(qtbot, store, master):
    stack = QUndoStack()
    crop = master["crops"][1]
    commands.push(
        stack,
        commands.UpdateRecords(store.crops, [crop], [crop.replace(name_en="Celtuce", aliases=("莴苣",))]),
    )
    assert store.crops.get(crop.id).aliases == ("莴苣",)
    commands.push(stack, commands.ArchiveRecords(store.crops, [crop.id]))
    assert store.crops.get(crop.id).archived
    commands.push(stack, commands.DeleteRecords(store.crops, [crop.id]))
    assert store.crops.find(crop.id) is None
    stack.undo()
    stack.undo()
    stack.undo()
    assert store.crops.get(crop.id) == crop
    stack.redo()
    assert store.crops.get(crop.id).name_en == "Celtuce"


def test_undo_failure_goes_to_the_error_handler(qtbot, store, master, monkeypatch):
    stack = QUndoStack()
    errors = []
    monkeypatch.setattr(commands.RecordCommand, "error_handler", errors.append)
    h = Harvest(
        harvest_date="2026-11-20",
        operator_id=master["operators"][0].id,
        crop_id=master["crops"][0].id,
        weight_g=1000,
    )
    commands.push(stack, commands.AddRecords(store.harvests, [h]))
    lot = store.harvests.list()[0]
    from db.records import Shipment, ShipmentLine

    store.shipments.add(
        Shipment(
            ship_date="2026-11-20",
            ticket_no="B1",
            buyer_id=master["buyers"][0].id,
            gross_g=2000,
            tare_g=0,
            lines=(
                ShipmentLine(
                    operator_id=lot.operator_id,
                    crop_id=lot.crop_id,
                    net_g=1000,
                    agreed_price=10000,
                    lot_ids=(lot.id,),
                ),
            ),
        )
    )
    stack.undo()  # the lot is now referenced by a shipment line: undo cannot delete it
    assert len(errors) == 1 and isinstance(errors[0], ReferencedError)
    assert store.harvests.count() == 1
    assert stack.count() == 0  # the failed step left the stack
