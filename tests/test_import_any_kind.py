"""Small files of every kind: a title row naming fewer than HEADER_FIELDS fields in a short file
(the title search then reads the whole file, closing it) is checked, never a crash; and whole small
files of random titles and cells give problems or records, never an exception of another kind, and
a refused import writes nothing."""

from __future__ import annotations

import csv
import datetime
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import cli
from db import importing
from db.importing import masters
from db.importing.fixes import check_file
from db.importing.kinds import LAYOUTS as RECORD_LAYOUTS
from db.importing.mapping import SHIPMENTS
from db.importing.masters import MASTER_KINDS

TODAY = datetime.date(2024, 1, 10)
EVERY_KIND = ("shipments", *importing.KINDS, *MASTER_KINDS)
LAYOUTS = {"shipments": SHIPMENTS, **RECORD_LAYOUTS, **masters.LAYOUTS}

# Two columns a short file of each kind may have (fewer than the title search wants), with a row of
# values the demo-free master fixture knows (or a name it does not: a problem, never a crash).
TWO_COLUMNS = {
    "shipments": (["日期", "磅单号"], ["2024-01-05", "B1"]),
    "harvests": (["日期", "经营主体"], ["2024-01-05", "涪江湾合作社"]),
    "payments": (["日期", "客商"], ["2024-01-05", "陈建华"]),
    "operators": (["名称", "电话"], ["新合作社", "13800000000"]),
    "plots": (["经营主体", "地块"], ["涪江湾合作社", "三号地"]),
    "buyers": (["名称", "电话"], ["新客商", "13900000000"]),
    "markets": (["名称", "区县"], ["新市场", "江北区"]),
    "crops": (["名称"], ["新品种"]),
}
# What the short file leaves for the check to say: the kinds whose two columns are all they need
# are imported; the others miss a required column.
COMPLETE = {"operators", "plots", "buyers", "markets", "crops"}


def _tables(store) -> dict[str, list[tuple]]:
    conn = store.db.conn
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {n: conn.execute(f'SELECT * FROM "{n}"').fetchall() for n in names}


def _write(path, rows) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)


@pytest.mark.parametrize("kind", EVERY_KIND)
def test_a_short_file_with_few_titles_is_checked_not_a_crash(store, master, tmp_path, kind):
    titles, row = TWO_COLUMNS[kind]
    for n in (0, 1, 9):  # 0 rows: header only; 9: still under the title search's 10
        path = tmp_path / f"{kind}{n}.csv"
        _write(path, [titles, *([row] * n)])
        before = _tables(store)
        result = check_file(store, kind, path, today=TODAY)
        if kind in COMPLETE and n == 1:
            assert not result.problems and result.rows == 1
        else:
            assert result.problems
            assert not (getattr(result, "records", None) or getattr(result, "shipments", None))
        assert _tables(store) == before


@pytest.mark.parametrize("kind", EVERY_KIND)
def test_the_cli_checks_a_short_two_column_file_of_every_kind(store, master, db_path, tmp_path, capsys, kind):
    titles, row = TWO_COLUMNS[kind]
    path = tmp_path / f"{kind}.csv"
    _write(path, [titles, row])
    store.close()
    code = cli.main(["--lang", "en", "--db", str(db_path), "import", kind, str(path), "--dry-run"])
    out, err = capsys.readouterr()
    assert "Unexpected error" not in out + err and "Traceback" not in out + err
    assert (code == 0) == (kind in COMPLETE), out + err
    if kind not in COMPLETE:
        assert "column missing" in out + err


def test_the_program_imports_a_two_column_plots_file(store, master, db_path, tmp_path):
    path = tmp_path / "plots.csv"
    _write(path, [["经营主体", "地块"], ["涪江湾合作社", "三号地"]])
    store.close()
    done = subprocess.run(
        [sys.executable, "-m", "app.cli", "--lang", "en", "--db", str(db_path), "import", "plots", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Imported 1 record from" in done.stdout
    assert "Traceback" not in done.stderr


def _titles(kind: str) -> list[str]:
    layout = LAYOUTS[kind]
    known = {t for f in layout.fields for t in (f.zh, f.en)}
    known |= {t for titles in layout.titles.values() for t in titles}
    return sorted(known)


_JUNK_TITLES = st.sampled_from(["", "备注2", "序号", "合计", "x", "重量(斤)", "单价(元/斤)", "=1+1"])
_CELLS = st.one_of(
    st.sampled_from(
        [
            "",
            "2024-01-05",
            "2023-11-06 16:02",
            "20240105",
            "B1",
            "涪江湾合作社",
            "涪江湾",
            "青禾家庭农场",
            "白萝卜",
            "蘿蔔",
            "陈建华",
            "双福",
            "一号地",
            "一级",
            "统货",
            "100",
            "0",
            "-5",
            "1.2",
            "1.2元/斤",
            "3袋",
            "10620",
            "是",
            "否",
            "微信",
            "1,274.40",
            "1e400",
            "NaN",
            "渝C12345",
            "=SUM(A1)",
        ]
    ),
    st.text(max_size=12),
)


def _file(kind: str):
    titles = st.lists(st.one_of(st.sampled_from(_titles(kind)), _JUNK_TITLES), min_size=0, max_size=8)
    return titles.flatmap(
        lambda t: st.tuples(
            st.just(t), st.lists(st.lists(_CELLS, min_size=0, max_size=len(t) + 1), min_size=0, max_size=12)
        )
    )


def _import(store, kind, path):
    if kind == "shipments":
        return importing.import_shipments(store, path, today=TODAY, accept_warnings=True)
    if kind in importing.KINDS:
        return importing.import_records(store, kind, path, today=TODAY)
    return importing.import_masters(store, kind, path)


@pytest.mark.parametrize("kind", EVERY_KIND)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_whole_small_files_of_every_kind_never_crash(store, master, tmp_path, kind, data):
    titles, rows = data.draw(_file(kind))
    path = tmp_path / f"{kind}.csv"
    _write(path, [titles, *rows])
    before = _tables(store)
    try:
        result = check_file(store, kind, path, today=TODAY)
    except importing.DomainError as exc:
        assert str(exc)
    else:
        records = getattr(result, "shipments", None) or getattr(result, "records", None) or []
        assert not (result.problems and records)
        assert all(str(p) for p in result.problems)
    assert _tables(store) == before
    with store.write():  # an import that is refused leaves every table as it was
        pass
    try:
        _import(store, kind, path)
    except importing.DomainError as exc:
        assert str(exc)
        assert _tables(store) == before
