"""The import wizard's and the import CLI's words: "Read as" choices in the program's language, kinds
named in words, counts with a singular and a plural."""

from __future__ import annotations

import re

import pytest

from app import cli
from app.i18n import Translations
from app.views.wizard.field_labels import field_labels
from app.views.wizard.wizard import ALL_KINDS
from db.importing import layout_of

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def translations(qapp):
    t = Translations(qapp)
    yield t
    t.set_language("zh_CN")
    t.uninstall()


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_the_read_as_choices_are_in_the_programs_language(translations, kind):
    translations.set_language("en")
    english = field_labels(kind)
    assert [key for key, _ in english] == [f.key for f in layout_of(kind).fields]
    assert not [text for _, text in english if CJK.search(text)], english
    assert not [text for _, text in english if "_" in text or text == text.lower()]  # words, not keys
    translations.set_language("zh_CN")
    assert [text for _, text in field_labels(kind)] == [f.title("zh_CN") for f in layout_of(kind).fields]


def run(capsys, db, *argv):
    code = cli.main(["--db", str(db), *(str(a) for a in argv)])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_template_and_import_name_the_kind_in_words_and_count_in_the_right_number(
    capsys, master, db_path, tmp_path
):
    db = db_path
    code, out, _ = run(capsys, db, "template", "harvests", "-o", tmp_path / "t.xlsx")
    assert code == 0 and "采收记录模板" in out and "harvests" not in out
    one = tmp_path / "one.csv"
    one.write_text("日期,客商,金额(元)\n2024-01-05,陈建华,100\n", encoding="utf-8")
    two = tmp_path / "two.csv"
    two.write_text("日期,客商,金额(元)\n2024-01-05,陈建华,100\n2024-01-06,陈建华,50\n", encoding="utf-8")
    code, out, _ = run(capsys, db, "--lang", "en", "import", "payments", one, "--dry-run")
    assert code == 0 and out == f"{one} is correct: 1 record (nothing written).\n"
    code, out, _ = run(capsys, db, "--lang", "en", "import", "payments", two)
    assert code == 0 and out == f"Imported 2 records from {two}.\n"
    # the same payment again is a duplicate to accept (import-checks)
    code, out, _ = run(capsys, db, "import", "payments", one, "--accept-warnings", "duplicate")
    assert code == 0 and out == f"已从 {one} 导入 1 条记录。\n"


def test_a_negative_payment_is_told_amounts_are_positive_and_the_errors_csv_quotes_once(
    capsys, master, db_path, tmp_path
):
    from db.importing import read_rows

    rows = tmp_path / "p.csv"
    rows.write_text("日期,客商,金额(元)\n2024-01-05,-50,100\n2024-01-05,陈建华,-200\n", encoding="utf-8")
    errors = tmp_path / "e.csv"
    code, _, err = run(capsys, db_path, "--lang", "en", "import", "payments", rows, "--errors", errors)
    assert code != 0
    assert "row 3, 金额(元) '-200': the amount must be more than 0 元" in err
    lines = errors.read_text(encoding="utf-8-sig").splitlines()
    # the value -50 could be a formula: one apostrophe; the message already starts with one: none
    assert lines[1] == "problem,2,客商,'-50,'-50' matches no known name"
    assert lines[2] == "problem,3,金额(元),'-200,the amount must be more than 0 元"
    assert [c.text for c in read_rows(errors)[1].cells][3:] == ["'-50", "'-50' matches no known name"]


def test_buyer_report_help_describes_the_ledger_csv(capsys):
    assert cli.main(["--lang", "en", "export", "buyer-report", "--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "export shipments" not in out
    assert "running balance" in out and "received" in out
