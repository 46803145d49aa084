"""An undo or redo never deletes or writes over what this program did not write: a second, real
program (the `fujiang` command line in its own process) restores an older copy and writes records
with the same ids, or changes a record, between this program's step and its undo; the undo (or
redo) is then refused as a whole, says how many records changed, and leaves them as they are."""

from __future__ import annotations

import csv
import datetime
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtGui import QUndoStack

from app import commands
from app.commands import AddRecords, ArchiveRecords, DeleteRecords, ImportCommand, UpdateRecords
from app.tasks import TaskRunner
from db.importing.fixes import check_file, load_table, write_import
from db.records import Payment
from db.repositories.bulk import ChangedSinceError
from db.storage import backup

TODAY = datetime.date(2026, 1, 10)
ROOT = Path(commands.__file__).parents[1]


def fujiang(db_path: Path, *argv, code: int = 0) -> subprocess.CompletedProcess:
    """The command line, as a second program: its own process on the same file."""
    script = "import sys; from app.cli import main; sys.exit(main(sys.argv[1:]))"
    done = subprocess.run(
        [sys.executable, "-c", script, "--lang", "en", "--db", str(db_path), *map(str, argv)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == code, done.stderr
    return done


def other_program(db_path: Path, code: str) -> None:
    """A second program writing through the repositories (its own process and connection)."""
    script = textwrap.dedent(
        f"""
        from db.records import Payment
        from db.repositories import Store
        from db.storage.connection import open_database
        store = Store(open_database({str(db_path)!r}), user="other")
        """
    ) + textwrap.dedent(code)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert done.returncode == 0, done.stderr


def payments_file(path: Path, rows: list[tuple[str, str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["日期", "客商", "金额(元)"])
        writer.writerows(("2026-01-05", buyer, amount) for buyer, amount in rows)
    return path


def wizard_import(store, path: Path) -> list:
    """What the wizard's write task does: check, then write in one transaction."""
    checked = check_file(store, "payments", path, today=TODAY)
    assert not checked.problems, checked.problems
    created, saved = write_import(store, "payments", load_table(path, "payments"), checked)
    return [*created.items(), ("payments", saved)]


def amounts(store) -> list[tuple[int, str, int]]:
    rows = store.db.execute(
        "SELECT p.id, b.name, p.amount_fen FROM payments p JOIN buyers b ON b.id = p.buyer_id ORDER BY p.id"
    )
    return [tuple(r) for r in rows]


def no_progress(_done: int, _total: int) -> None:
    pass


@pytest.fixture
def refused(monkeypatch):
    """The messages a refused undo or redo shows (the window's error handler)."""
    seen: list[Exception] = []
    monkeypatch.setattr(commands.RecordCommand, "error_handler", seen.append)
    return seen


def test_undo_of_an_import_refuses_when_another_program_restored_and_imported(
    db_path, store, master, tmp_path
):
    old = tmp_path / "mybackup.db"
    fujiang(db_path, "backup", "-o", old)  # no payment yet
    parts = wizard_import(store, payments_file(tmp_path / "pay3.csv", [("陈建华", "888.88")]))
    [(_, [mine])] = parts
    assert amounts(store) == [(mine.id, "陈建华", 88888)]
    fujiang(db_path, "restore", old, "--yes")
    fujiang(db_path, "import", "payments", payments_file(tmp_path / "pay4.csv", [("周德明", "777")]))
    assert amounts(store) == [(mine.id, "周德明", 77700)]  # the same id, another record

    with pytest.raises(ChangedSinceError) as caught:
        commands.delete_parts(store, parts, no_progress)
    assert caught.value.n == 1
    assert str(caught.value) == "1 record(s) were changed by another program since; nothing was undone"
    assert amounts(store) == [(mine.id, "周德明", 77700)]  # not deleted


def test_redo_of_an_import_refuses_when_another_program_took_its_ids(db_path, store, master, tmp_path):
    parts = wizard_import(
        store, payments_file(tmp_path / "pay3.csv", [("陈建华", "888.88"), ("陈建华", "1")])
    )
    parts = commands.delete_parts(store, parts, no_progress)  # undone: both ids free again
    fujiang(db_path, "import", "payments", payments_file(tmp_path / "pay4.csv", [("周德明", "777")]))
    before = amounts(store)
    with pytest.raises(ChangedSinceError) as caught:
        commands.restore_parts(store, parts, no_progress)
    assert caught.value.n == 1
    assert "nothing was redone" in str(caught.value)
    assert amounts(store) == before


def test_an_unchanged_import_is_undone_and_redone(store, master, tmp_path):
    parts = wizard_import(
        store, payments_file(tmp_path / "pay3.csv", [("陈建华", "888.88"), ("周德明", "5")])
    )
    after = amounts(store)
    parts = commands.delete_parts(store, parts, no_progress)
    assert amounts(store) == []
    commands.restore_parts(store, parts, no_progress)
    assert amounts(store) == after


def test_the_undo_step_is_refused_and_the_stack_stays_where_the_database_is(
    qtbot, db_path, store, master, tmp_path, refused
):
    old = tmp_path / "mybackup.db"
    fujiang(db_path, "backup", "-o", old)
    parts = wizard_import(store, payments_file(tmp_path / "pay3.csv", [("陈建华", "888.88")]))
    stack, runner, outcomes = QUndoStack(), TaskRunner(db_path, user="tester"), []
    command = ImportCommand(
        stack, runner, parts, "Import 1 record(s)", finished=lambda *o: outcomes.append(o)
    )
    stack.push(command)
    fujiang(db_path, "restore", old, "--yes")
    fujiang(db_path, "import", "payments", payments_file(tmp_path / "pay4.csv", [("周德明", "777")]))

    stack.undo()
    qtbot.waitUntil(lambda: bool(outcomes), timeout=30_000)
    runner.wait()
    assert outcomes == [("undo", "failed")]
    assert [str(e) for e in refused] == [
        "1 record(s) were changed by another program since; nothing was undone"
    ]
    assert (stack.index(), stack.canUndo()) == (1, True)  # still usable, still says "done"
    assert [name for _i, name, _a in amounts(store)] == ["周德明"]


def test_undo_of_an_add_never_deletes_the_record_another_program_put_under_its_id(
    db_path, store, master, refused
):
    buyer = master["buyers"][0]
    stack = QUndoStack()
    commands.push(stack, AddRecords(store.payments, [Payment(buyer.id, "2026-01-05", 88888)]))
    [mine] = store.payments.list()
    other_program(
        db_path,
        f"""
        store.payments.delete({mine.id})
        store.payments.add(Payment({master["buyers"][1].id}, "2026-01-06", 77700))
        """,
    )
    assert [(p.id, p.amount_fen) for p in store.payments.list()] == [(mine.id, 77700)]
    stack.undo()
    assert [str(e) for e in refused] == [
        "1 record(s) were changed by another program since; nothing was undone"
    ]
    assert [(p.id, p.amount_fen) for p in store.payments.list()] == [(mine.id, 77700)]


def test_undo_of_an_edit_never_writes_over_another_programs_change(db_path, store, master, refused):
    mine = store.payments.add(Payment(master["buyers"][0].id, "2026-01-05", 100))
    stack = QUndoStack()
    commands.push(stack, UpdateRecords(store.payments, [mine], [mine.replace(amount_fen=200)]))
    other_program(db_path, f"store.payments.update(store.payments.get({mine.id}).replace(notes='对过账'))")
    stack.undo()
    assert [str(e) for e in refused] == [
        "1 record(s) were changed by another program since; nothing was undone"
    ]
    stored = store.payments.get(mine.id)
    assert (stored.amount_fen, stored.notes) == (200, "对过账")


def test_undo_and_redo_of_a_delete_refuse_over_another_programs_records(db_path, store, master, refused):
    buyers = master["buyers"]
    mine = store.payments.add(Payment(buyers[0].id, "2026-01-05", 100))
    stack = QUndoStack()
    commands.push(stack, DeleteRecords(store.payments, [mine.id]))
    other_program(db_path, f"store.payments.add(Payment({buyers[1].id}, '2026-01-06', 300))")
    [theirs] = store.payments.list()
    assert theirs.id == mine.id  # the freed id, taken again
    stack.undo()
    assert [str(e) for e in refused] == [
        "1 record(s) were changed by another program since; nothing was undone"
    ]
    assert store.payments.list() == [theirs]

    # redo: the undo put the record back; another program changed it; the redo does not delete it
    refused.clear()
    other = store.payments.add(Payment(buyers[0].id, "2026-01-07", 400))
    stack = QUndoStack()
    commands.push(stack, DeleteRecords(store.payments, [other.id]))
    stack.undo()
    assert store.payments.get(other.id) == other
    other_program(db_path, f"store.payments.update(store.payments.get({other.id}).replace(amount_fen=401))")
    stack.redo()
    assert [str(e) for e in refused] == [
        "1 record(s) were changed by another program since; nothing was redone"
    ]
    assert store.payments.get(other.id).amount_fen == 401


def test_undo_of_an_archive_refuses_when_another_program_changed_the_record(db_path, store, master, refused):
    buyer = master["buyers"][1]
    stack = QUndoStack()
    commands.push(stack, ArchiveRecords(store.buyers, [buyer.id]))
    other_program(db_path, f"store.buyers.update(store.buyers.get({buyer.id}).replace(phone='13900000001'))")
    stack.undo()
    assert len(refused) == 1 and "nothing was undone" in str(refused[0])
    assert store.buyers.get(buyer.id).archived


def test_unchanged_single_steps_undo_and_redo(store, master, refused):
    buyer = master["buyers"][0]
    stack = QUndoStack()
    commands.push(stack, AddRecords(store.payments, [Payment(buyer.id, "2026-01-05", 100)]))
    [added] = store.payments.list()
    commands.push(stack, UpdateRecords(store.payments, [added], [added.replace(amount_fen=200)]))
    commands.push(stack, ArchiveRecords(store.buyers, [master["buyers"][1].id]))
    commands.push(stack, DeleteRecords(store.payments, [added.id]))
    for _ in range(4):
        stack.undo()
    assert store.payments.list() == []
    for _ in range(4):
        stack.redo()
    assert store.payments.list() == [] and store.buyers.get(master["buyers"][1].id).archived
    for _ in range(3):
        stack.undo()
    assert [p.amount_fen for p in store.payments.list()] == [100]
    assert refused == []


def test_a_refused_import_makes_no_backup_and_an_accepted_one_makes_one(db_path, store, master, tmp_path):
    store.payments.add(Payment(master["buyers"][0].id, "2026-01-04", 1))  # something to lose
    bad = payments_file(tmp_path / "bad.csv", [("无此人", "5")])
    good = payments_file(tmp_path / "good.csv", [("陈建华", "5")])
    done = fujiang(db_path, "import", "payments", bad, code=1)
    assert "nothing was imported" in done.stderr
    fujiang(db_path, "import", "payments", "--dry-run", good)
    assert backup.list_backups(db_path) == []
    fujiang(db_path, "import", "payments", good)
    [made] = backup.list_backups(db_path)
    assert made.reason == "before-import" and made.counts["payments"] == 1


def test_the_refusal_reads_in_chinese(qapp, store, master, tmp_path):
    from PySide6.QtCore import QCoreApplication, QTranslator

    from app.messages import tr_message

    parts = wizard_import(
        store, payments_file(tmp_path / "pay3.csv", [("陈建华", "888.88"), ("周德明", "5")])
    )
    store.db.execute("UPDATE payments SET amount_fen = 1")  # changed behind the program's back (both)
    store.db.conn.commit()
    with pytest.raises(ChangedSinceError) as caught:
        commands.delete_parts(store, parts, no_progress)
    translator = QTranslator()
    assert translator.load(str(ROOT / "resources" / "translations" / "fujiang_zh_CN.qm"))
    assert QCoreApplication.installTranslator(translator)
    try:
        assert tr_message(caught.value.args[0]) == "2 条记录之后已被其他程序改动；没有撤销任何内容"
    finally:
        QCoreApplication.removeTranslator(translator)
    assert len(amounts(store)) == 2


def test_an_import_whose_warnings_were_not_accepted_makes_no_backup(db_path, store, master, tmp_path):
    radish = master["crops"][0]
    store.crops.update(store.crops.get(radish.id).replace(bag_g=25_000))
    path = tmp_path / "packs.csv"
    path.write_text(
        "磅单号,日期,客商,经营主体,品种,数量,单价(元/斤)\nP1,2024-01-08,陈建华,涪江湾,萝卜,40袋,0.6\n",
        encoding="utf-8",
    )
    done = fujiang(db_path, "import", "shipments", path, code=1)
    assert "--accept-warnings" in done.stderr and "Nothing was imported" in done.stderr
    assert backup.list_backups(db_path) == []
    fujiang(db_path, "import", "shipments", "--accept-warnings", path)
    [made] = backup.list_backups(db_path)
    assert made.reason == "before-import" and made.counts["shipments"] == 0  # the state before
    assert store.shipments.count() == 1
