"""db messages (db.i18n.Text) shown translated: templates through a real QTranslator, values filled in,
nested messages translated, codes kept; exceptions keep their Text; the CLI and entry fields use it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from app import cli
from app.messages import tr_error, tr_message
from db import parsing
from db.errors import NotFoundError, ValidationError
from db.i18n import Text, join, translate
from db.importing import ImportProblem
from db.records import Shipment, ShipmentLine

LRELEASE = Path(sys.executable).with_name("pyside6-lrelease")

# English template (exactly as db/ marks it) → a Simplified Chinese translation.
ZH = {
    "'{text}' has an unknown unit; {hint}": "“{text}”的单位无法识别；{hint}",
    "use 斤, 两, 公斤/kg, 克/g, 吨/t or 担": "请用斤、两、公斤/kg、克/g、吨/t 或担",
    "{label} {id} does not exist": "{label} {id} 不存在",
    "operator": "经营主体",
    "{field}: {message}": "{field}：{message}",
    "{first}; {rest}": "{first}；{rest}",
    "{first} or {rest}": "{first}或{rest}",
    "tare cannot be negative": "皮重不能为负",
    "'{text}' is not a date; {hint}": "“{text}”不是日期；{hint}",
    "unknown grade '{grade}'": "未知等级“{grade}”",
    "'{text}' could mean {names}; choose one": "“{text}”可能指{names}，请选一个",
    "row {row}, {column}": "第 {row} 行，{column}",
    "{where} '{value}': {message}": "{where}“{value}”：{message}",
    "{path} is not a database file (it may be a spreadsheet or another document). "
    "Choose the tracker's database file, or create a new one.": "{path} 不是数据库文件。请选择本程序的数据库文件，或新建一个。",
    # A translation that lost its placeholder must not hide the message.
    "'{text}' has too many digits": "数字位数太多：{txt}",
}


def _build_qm(folder: Path, entries: dict[str, str]) -> Path:
    messages = "".join(
        f"<message><source>{escape(source)}</source><translation>{escape(text)}</translation></message>"
        for source, text in entries.items()
    )
    ts = folder / "test_zh_CN.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="zh_CN">'
        f"<context><name>db</name>{messages}</context></TS>",
        encoding="utf-8",
    )
    qm = folder / "test_zh_CN.qm"
    subprocess.run([str(LRELEASE), "-silent", str(ts), "-qm", str(qm)], check=True, capture_output=True)
    return qm


@pytest.fixture
def zh_translator(tmp_path, qapp):
    """A real QTranslator with the entries above (not installed)."""
    translator = QTranslator()
    assert translator.load(str(_build_qm(tmp_path, ZH)))
    return translator


@pytest.fixture
def installed(zh_translator, qapp):
    """The same translator installed in the application, as the GUI does."""
    assert QCoreApplication.installTranslator(zh_translator)
    yield zh_translator
    QCoreApplication.removeTranslator(zh_translator)


def test_parse_error_is_translated_with_its_value_and_nested_hint(installed):
    error = parsing.parse_weight_g("12 xyz").error
    assert error == "'12 xyz' has an unknown unit; use 斤, 两, 公斤/kg, 克/g, 吨/t or 担"  # English as before
    assert isinstance(error, Text)
    assert tr_message(error) == "“12 xyz”的单位无法识别；请用斤、两、公斤/kg、克/g、吨/t 或担"


def test_joined_names_are_translated_but_names_stay(installed, master, store):
    index = parsing.NameIndex([(1, "豇豆", ["豆"]), (2, "菜豆", ["豆"]), (3, "四季豆", ["豆"])])
    error = index.match("豆").error
    assert error == "'豆' could mean 豇豆 or 菜豆 or 四季豆; choose one"
    assert tr_message(error) == "“豆”可能指豇豆或菜豆或四季豆，请选一个"


def test_domain_error_keeps_its_text_and_translates_its_label(installed, store):
    with pytest.raises(NotFoundError) as info:
        store.operators.get(999)
    assert str(info.value) == "operator 999 does not exist"
    assert tr_error(info.value) == "经营主体 999 不存在"


def test_validation_problems_joined_in_the_language_with_codes_kept(installed, store, master):
    line = ShipmentLine(
        operator_id=master["operators"][0].id,
        crop_id=master["crops"][0].id,
        net_g=1_000_000,
        agreed_price=20_000,
        grade="gold",
    )
    shipment = Shipment(
        ship_date="2026-11-20",
        ticket_no="B1",
        buyer_id=master["buyers"][0].id,
        gross_g=14_000_000,
        tare_g=-1,
        lines=(line,),
    )
    with pytest.raises(ValidationError) as info:
        store.shipments.add(shipment)
    exc = info.value
    assert str(exc) == "tare_g: tare cannot be negative; lines[1].grade: unknown grade 'gold'"
    assert all(isinstance(message, Text) for _, message in exc.problems)
    assert tr_error(exc) == "tare_g：皮重不能为负；lines[1].grade：未知等级“gold”"


def test_tr_error_joins_problems_when_the_message_is_plain(installed):
    problems = [("tare_g", translate("db", "tare cannot be negative")), ("x", translate("db", "operator"))]
    exc = ValidationError("tare_g: tare cannot be negative; x: operator", problems)
    assert tr_error(exc) == "皮重不能为负；经营主体"


def test_import_problem_reads_in_the_language(installed):
    error = parsing.parse_weight_g("5 xyz", default_unit="kg").error
    problem = ImportProblem(3, "净重(公斤)", "5 xyz", error)
    assert str(problem) == (
        "row 3, 净重(公斤) '5 xyz': '5 xyz' has an unknown unit; use 斤, 两, 公斤/kg, 克/g, 吨/t or 担"
    )
    assert tr_message(problem.text()) == (
        "第 3 行，净重(公斤)“5 xyz”：“5 xyz”的单位无法识别；请用斤、两、公斤/kg、克/g、吨/t 或担"
    )


def test_untranslated_plain_and_broken_messages_fall_back_to_english(installed):
    assert tr_message("already a plain string") == "already a plain string"
    unknown = translate("db", "a message nobody translated {n}").format(n=3)
    assert tr_message(unknown) == "a message nobody translated 3"
    broken = parsing.parse_weight_g("1" * 20 + "斤").error
    assert broken.template == "'{text}' has too many digits"
    assert tr_message(broken) == str(broken)  # the translation lost {text}: English, not a crash
    assert tr_error(RuntimeError("boom")) == "boom"
    assert tr_error(RuntimeError()) == "RuntimeError"


def test_without_a_translator_messages_stay_english(qapp):
    error = parsing.parse_weight_g("12 xyz").error
    assert tr_message(error) == str(error)


def test_a_translator_passed_in_is_used_without_installing_it(zh_translator):
    # The command line's way: it loads a QTranslator for --lang but has no application object.
    error = parsing.parse_weight_g("12 xyz").error
    assert tr_message(error, zh_translator) == "“12 xyz”的单位无法识别；请用斤、两、公斤/kg、克/g、吨/t 或担"
    assert tr_message(error) == str(error)


def test_join_pairs_parts_as_a_shallow_tree():
    pair = translate("db", "{first}; {rest}")
    parts = [translate("db", "part {n}").format(n=i) for i in range(1000)]
    joined = join(parts, pair)
    assert joined == "; ".join(f"part {i}" for i in range(1000))
    assert tr_message(joined) == joined  # no recursion limit reached
    assert join([], pair) == "" and join(["only"], pair) == "only"


def test_cli_prints_db_errors_in_its_language(zh_translator, monkeypatch, capsys, tmp_path):
    not_a_db = tmp_path / "notes.txt"
    not_a_db.write_text("shopping list", encoding="utf-8")
    monkeypatch.setattr(cli, "load_translator", lambda language: zh_translator)
    assert cli.main(["--db", str(not_a_db), "stats"]) == cli.EXIT_USER_ERROR
    err = capsys.readouterr().err
    assert f"{not_a_db} 不是数据库文件。请选择本程序的数据库文件，或新建一个。" in err
    assert "Traceback" not in err


def test_weight_field_shows_the_parse_error_translated_and_follows_language_changes(qtbot, zh_translator):
    from app.views.forms.fields import WeightEdit

    field = WeightEdit()
    qtbot.addWidget(field)
    field.setText("12 xyz")
    assert field.message.text() == "'12 xyz' has an unknown unit; use 斤, 两, 公斤/kg, 克/g, 吨/t or 担"
    QCoreApplication.installTranslator(zh_translator)  # Qt posts LanguageChange to every window
    try:
        QCoreApplication.processEvents()
        assert field.message.text() == "“12 xyz”的单位无法识别；请用斤、两、公斤/kg、克/g、吨/t 或担"
    finally:
        QCoreApplication.removeTranslator(zh_translator)
    QCoreApplication.processEvents()
    assert field.message.text().startswith("'12 xyz' has an unknown unit")


def test_pasted_bad_cell_gives_its_reason_translated_and_follows_language_changes(qtbot, zh_translator):
    from app.views.forms.field_parsers import weight_parser
    from app.views.widgets.paste_grid import GridColumn, ValidatingGrid

    grid = ValidatingGrid([GridColumn("weight", "Weight", weight_parser())])
    qtbot.addWidget(grid)
    grid.add_rows([["12 xyz"], ["3吨"]])
    [(row, column, reason)] = grid.problems()
    assert (row, column) == (0, 0)
    assert reason == "'12 xyz' has an unknown unit; use 斤, 两, 公斤/kg, 克/g, 吨/t or 担"
    QCoreApplication.installTranslator(zh_translator)
    try:
        QCoreApplication.processEvents()
        assert grid.problems() == [(0, 0, "“12 xyz”的单位无法识别；请用斤、两、公斤/kg、克/g、吨/t 或担")]
        assert grid.row_values(1) == {"weight": 3_000_000}
    finally:
        QCoreApplication.removeTranslator(zh_translator)


def test_app_i18n_tr_message_is_the_same_function():
    from app import i18n, messages

    assert i18n.tr_message is messages.tr_message


def test_failed_task_reports_its_db_message_translated(qtbot, installed, db_path, store):
    from app.tasks import TaskRunner

    runner = TaskRunner(db_path)

    def work(task):
        task.store().operators.get(999)  # NotFoundError with a db.i18n Text

    handle = runner.start("missing", work)
    with qtbot.waitSignal(handle.failed, timeout=10000) as blocker:
        pass
    runner.wait()
    message, detail = blocker.args
    assert message == "经营主体 999 不存在"
    assert "NotFoundError" in detail and "Traceback" in detail
    assert isinstance(handle.error, NotFoundError)


def test_error_dialog_texts_are_translated(installed, store):
    from app.errors import describe

    with pytest.raises(NotFoundError) as info:
        store.operators.get(999)
    _title, message = describe(info.value)
    assert message == "经营主体 999 不存在"


def test_database_problem_dialog_shows_the_error_translated(qtbot, installed, tmp_path):
    from app.main import DatabaseProblemDialog
    from db.errors import DatabaseFileError
    from db.storage.connection import open_database

    not_a_db = tmp_path / "notes.txt"
    not_a_db.write_text("shopping list", encoding="utf-8")
    with pytest.raises(DatabaseFileError) as info:
        open_database(not_a_db)
    dialog = DatabaseProblemDialog(info.value)
    qtbot.addWidget(dialog)
    assert dialog.message.text() == f"{not_a_db} 不是数据库文件。请选择本程序的数据库文件，或新建一个。"


def test_cli_document_arguments_and_names_are_translated(zh_translator):
    import argparse

    from app.cli import documents as cli_documents

    token = cli._TRANSLATOR.set(zh_translator)
    try:
        with pytest.raises(argparse.ArgumentTypeError) as info:
            cli_documents._date("昨天")
        assert str(info.value).startswith("“昨天”不是日期；")

        class Repo:
            def name_entries(self):
                return [(1, "豇豆", ["豆"]), (2, "菜豆", ["豆"])]

        with pytest.raises(NotFoundError) as missing:
            cli_documents.resolve(Repo(), "豆", "buyer")
        assert "“豆”可能指豇豆或菜豆，请选一个" in cli.message_text(missing.value)
    finally:
        cli._TRANSLATOR.reset(token)
