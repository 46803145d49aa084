"""The park's details: GB 32100 check, validation, the one write path with audit rows, `fujiang settings`."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app import cli
from db import organisation
from db.errors import ValidationError
from db.organisation import CREDIT_ALPHABET, Organisation, credit_check_character, credit_code_problem
from db.repositories import Store
from db.storage.connection import open_database

# A made-up code whose check character is right.
VALID = "915109030000000003"


def test_check_character_of_known_codes():
    # 91350100M000100Y43 is the example of GB 32100-2015's annex.
    assert credit_check_character("91350100M000100Y4") == "3"
    assert credit_code_problem("91350100M000100Y43") is None
    assert credit_code_problem(VALID) is None


@pytest.mark.parametrize(
    ("typed", "fragment"),
    [
        ("91350100M000100Y44", "give 3"),
        ("91350100M000100Y4", "has 17"),
        ("91350100M000100I43", "'I'"),
        ("9135010OM000100Y43", "'O'"),
    ],
)
def test_bad_codes_say_why(typed, fragment):
    problem = credit_code_problem(typed)
    assert problem is not None and fragment in problem


def test_full_width_lower_case_and_spaces_are_read():
    assert credit_code_problem("９１３５０１００ｍ０００１００ｙ４３") is None
    assert credit_code_problem("9135 0100 M000 100Y 43") is None


@given(st.text(alphabet=CREDIT_ALPHABET, min_size=17, max_size=17))
def test_every_single_character_error_is_caught(body):
    code = body + credit_check_character(body)
    assert credit_code_problem(code) is None
    for i in range(18):
        for ch in (CREDIT_ALPHABET[(CREDIT_ALPHABET.index(code[i]) + 1) % 31],):
            assert credit_code_problem(code[:i] + ch + code[i + 1 :]) is not None


def test_defaults_without_settings(store):
    org = organisation.load(store.db)
    assert org == Organisation()
    assert org.name == "遂潼涪江蔬菜乐园" and org.objection_days == 15


def test_load_from_a_database_before_0008(tmp_path):
    from sqlite_utils import Database

    from db.storage import schema

    db = Database(tmp_path / "old.db")
    schema.migrations.apply(db, stop_before="0008_park_settings")
    assert organisation.load(db) == Organisation()


def test_save_normalises_audits_each_changed_key_and_reloads(store):
    org = Organisation(
        name=" 遂宁市涪江蔬菜产业园管理有限公司 ",
        address="四川省遂宁市船山区老池镇",
        phone="０８２５-1234567",
        credit_code="91350100m000100y43",
        bank="中国农业银行遂宁船山支行",
        account="6228 4801 2345 6789 012",
        objection_days=7,
    )
    saved = organisation.save(store, org)
    assert saved.name == "遂宁市涪江蔬菜产业园管理有限公司"
    assert saved.phone == "0825-1234567"
    assert saved.credit_code == "91350100M000100Y43"
    assert saved.account == "6228480123456789012"
    assert organisation.load(store.db) == saved
    rows = store.db.execute(
        "SELECT action, before, after FROM audit_log WHERE table_name = 'settings'"
    ).fetchall()
    assert len(rows) == 7 and {r[0] for r in rows} == {"insert"}
    again = organisation.save(store, saved.replace(objection_days=10), expected=saved)
    assert again.objection_days == 10
    rows = store.db.execute(
        "SELECT action, before, after FROM audit_log WHERE table_name = 'settings' ORDER BY id"
    ).fetchall()
    assert len(rows) == 8
    assert rows[-1][0] == "update" and '"7"' in rows[-1][1] and '"10"' in rows[-1][2]


def test_a_stale_save_is_refused(store):
    first = organisation.load(store.db)
    organisation.save(store, first.replace(phone="0825-1"))
    with pytest.raises(ValidationError, match="changed by someone else"):
        organisation.save(store, first.replace(phone="0825-2"), expected=first)
    assert organisation.load(store.db).phone == "0825-1"


def test_invalid_details_write_nothing(store):
    bad = Organisation(name="", credit_code="123", account="12ab", objection_days=0)
    with pytest.raises(ValidationError) as info:
        organisation.save(store, bad)
    assert {field for field, _ in info.value.problems} == {"name", "credit_code", "account", "objection_days"}
    assert store.db.execute("SELECT count(*) FROM settings").fetchone()[0] == 0


def run(capsys, *argv):
    code = cli.main(["--lang", "en", *(str(a) for a in argv)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_settings_prints_sets_and_refuses(capsys, db_path):
    Store(open_database(db_path), user="t").close()
    code, out, _ = run(capsys, "--db", db_path, "settings")
    assert code == 0 and "遂潼涪江蔬菜乐园" in out and "15" in out
    code, out, err = run(
        capsys,
        "--db",
        db_path,
        "settings",
        "--name",
        "涪江蔬菜产业园有限公司",
        "--credit-code",
        "91350100M000100Y43",
        "--account",
        "6228 4801 2345",
        "--objection-days",
        "１０",
    )
    assert code == 0, err
    assert "涪江蔬菜产业园有限公司" in out and "622848012345" in out
    code, out, err = run(capsys, "--db", db_path, "settings", "--credit-code", "91350100M000100Y44")
    assert code == 1
    assert "--credit-code" in err and "give 3" in err and "Nothing was changed" in err
    store = Store(open_database(db_path), user="t")
    try:
        org = organisation.load(store.db)
    finally:
        store.close()
    assert org.credit_code == "91350100M000100Y43" and org.objection_days == 10
