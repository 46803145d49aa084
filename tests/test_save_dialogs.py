"""The GUI's save dialogs: never the open database, a question before replacing a file the file
dialog did not ask about, and a task given the database path fails with a message, writing nothing."""

from __future__ import annotations

import hashlib

import pytest
from PySide6.QtWidgets import QMessageBox

from app.charts.time_series import TimeSeriesChart
from app.save_dialog import ask_output
from db.storage.outputs import Output
from tests.test_shipments_page import ctx, page, shipments, shown  # noqa: F401  (fixtures)


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def answers(monkeypatch):
    """What the dialogs were asked and said: the file dialog returns `answers.chosen`."""

    class Answers:
        chosen = ""
        replace = QMessageBox.StandardButton.No
        warnings: list[str] = []
        questions: list[str] = []

    a = Answers()
    a.warnings, a.questions = [], []
    monkeypatch.setattr(
        "app.save_dialog.QFileDialog.getSaveFileName", lambda *args, **kw: (str(a.chosen), "")
    )

    def warning(parent, title, text, *args, **kw):
        a.warnings.append(text)
        return QMessageBox.StandardButton.Ok

    def question(parent, title, text, *args, **kw):
        a.questions.append(text)
        return a.replace

    monkeypatch.setattr("app.save_dialog.QMessageBox.warning", warning)
    monkeypatch.setattr("app.save_dialog.QMessageBox.question", question)
    return a


def test_the_open_database_is_refused_in_the_dialog_in_any_spelling(answers, db_path, tmp_path, qapp):
    link = tmp_path / "link.xlsx"
    link.symlink_to(db_path)
    for chosen in (db_path, db_path.with_name("PARK.DB-wal"), link):
        answers.chosen = chosen
        assert ask_output(None, "t", "x.xlsx", "*.xlsx", db_path) is None
    assert len(answers.warnings) == 3 and all("open database" in w for w in answers.warnings)


def test_a_name_changed_after_the_dialog_is_asked_about(answers, db_path, tmp_path, qapp):
    (tmp_path / "lines.xlsx").write_bytes(b"keep")
    answers.chosen = tmp_path / "lines"  # the dialog asked about 'lines', the file is 'lines.xlsx'
    assert ask_output(None, "t", "x.xlsx", "*.xlsx", db_path, (".xlsx", ".csv")) is None
    assert len(answers.questions) == 1 and "lines.xlsx" in answers.questions[0]
    answers.replace = QMessageBox.StandardButton.Yes
    output = ask_output(None, "t", "x.xlsx", "*.xlsx", db_path, (".xlsx", ".csv"))
    assert output == Output(tmp_path / "lines.xlsx", db_path, overwrite=True)
    # A name the dialog itself confirmed is not asked about twice.
    answers.chosen = tmp_path / "lines.xlsx"
    assert ask_output(None, "t", "x.xlsx", "*.xlsx", db_path, (".xlsx",)) is not None
    assert len(answers.questions) == 2


def test_shipments_export_to_the_database_starts_nothing(answers, page, db_path, qtbot):  # noqa: F811
    before = digest(db_path)
    link = db_path.parent / "lines.xlsx"
    link.symlink_to(db_path)
    answers.chosen = link
    page.export_handle = None
    page.export()
    assert page.export_handle is None and answers.warnings
    assert digest(db_path) == before


def test_a_task_given_the_database_fails_with_a_message_and_writes_nothing(page, db_path, qtbot):  # noqa: F811
    before = digest(db_path)
    target = db_path.with_name(db_path.name.upper()).with_suffix(".csv")  # PARK.csv: not the database
    page.export_to(target)
    with qtbot.waitSignal(page.export_handle.ended, timeout=10_000):
        pass
    assert target.exists()
    link = db_path.parent / "shipments.csv"
    link.symlink_to(db_path)
    handle = page.export_to(link)
    with qtbot.waitSignal(handle.failed, timeout=10_000) as failed:
        pass
    assert "open database" in failed.args[0]
    assert digest(db_path) == before


def test_a_chart_image_never_overwrites_the_database(answers, qtbot, store, db_path, tmp_path):
    chart = TimeSeriesChart()
    qtbot.addWidget(chart)
    chart.protected_database = db_path
    before = digest(db_path)
    link = tmp_path / "chart.png"
    link.symlink_to(db_path)
    answers.chosen = link
    chart.export_requested("png")
    assert answers.warnings and digest(db_path) == before
    answers.chosen = tmp_path / "fine.png"
    chart.export_requested("png")
    assert (tmp_path / "fine.png").read_bytes().startswith(b"\x89PNG")


def test_all_buyer_reports_ask_before_replacing_a_period_s_reports(
    qtbot, store, master, db_path, tmp_path, monkeypatch
):
    from PySide6.QtGui import QUndoStack

    from app.context import AppContext
    from app.settings import Settings
    from app.tasks import TaskRunner
    from app.views.dialogs.report_dialog import ALL_BUYERS, ReportDialog
    from tests.documents_data import build_park

    build_park(store, master)
    runner = TaskRunner(db_path, "tester")
    context = AppContext(store, db_path, QUndoStack(), runner, settings=Settings(tmp_path / "settings.ini"))
    folder = tmp_path / "reports"
    folder.mkdir()
    existing = folder / "陈建华_2026-01-01_2026-01-31.csv"
    existing.write_text("keep")
    asked: list[str] = []
    monkeypatch.setattr(
        "app.views.dialogs.report_dialog.QFileDialog.getExistingDirectory", lambda *a, **k: str(folder)
    )
    monkeypatch.setattr(
        "app.views.dialogs.report_dialog.QMessageBox.question",
        lambda parent, title, text, *a, **k: asked.append(text) or QMessageBox.StandardButton.No,
    )
    dialog = ReportDialog(context, "buyer")
    qtbot.addWidget(dialog)
    dialog.ask_to_open = False
    dialog.select_subject(ALL_BUYERS)
    dialog.set_period("2026-01-01", "2026-01-31")
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    assert dialog.export() is None
    assert len(asked) == 1 and asked[0].startswith(f"Already in {folder}: 1 report")
    assert existing.read_text() == "keep" and sorted(p.name for p in folder.iterdir()) == [existing.name]
    runner.wait(5000)
