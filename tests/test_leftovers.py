"""No garbage after a kill and honest messages: the program's scratch folder, stale export
temporaries removed at the next start, and a full disk or temp folder named as such."""

from __future__ import annotations

import os
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

from app import scratch
from app.cli import main
from tests.documents_data import build_park

PERIOD = ("--from", "2026-01-01", "--to", "2026-01-31")


@pytest.fixture
def park(store, master):
    build_park(store, master)
    return store


@pytest.fixture
def run(db_path, capsys):
    def run(*argv: str) -> tuple[int, str, str]:
        lang = [] if "--lang" in argv else ["--lang", "en"]
        code = main(["--db", str(db_path), *lang, *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def small_disk(tmp_path):
    """A 1 MB tmpfs mounted for the test (root only; skipped where mounting is impossible)."""

    def mount(name: str, free_bytes: int) -> Path:
        folder = tmp_path / name
        folder.mkdir()
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder)], capture_output=True
        )
        if done.returncode != 0:
            pytest.skip("cannot mount a tmpfs here (needs root)")
        mounted.append(folder)
        filler = folder / "filler"
        with open(filler, "wb", buffering=0) as fh:
            try:
                while True:
                    fh.write(b"\0" * 4096)
            except OSError:
                pass
        if free_bytes:
            os.truncate(filler, max(0, filler.stat().st_size - free_bytes))
        return folder

    mounted: list[Path] = []
    yield mount
    for folder in mounted:
        subprocess.run(["umount", str(folder)], check=False)


def test_a_full_disk_during_an_xlsx_export_is_one_line_and_leaves_nothing(run, park, db_path, small_disk):
    disk = small_disk("full", 4096)
    code, out, err = run("export", "shipments", "--format", "xlsx", "-o", str(disk / "lines.xlsx"))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "the disk is full" in err, err
    assert "Unexpected" not in err and "Traceback" not in err
    assert sorted(p.name for p in disk.iterdir()) == ["filler"]
    code, _, err = run(
        "--lang", "zh_CN", "export", "shipments", "--format", "xlsx", "-o", str(disk / "a.xlsx")
    )
    assert code == 1 and "磁盘已满" in err, err


def test_a_full_temporary_folder_is_named_not_the_database(run, park, small_disk, tmp_path, monkeypatch):
    data = small_disk("data", 0)  # the program's scratch folder lives in the data folder
    monkeypatch.setenv("FUJIANG_DATA_DIR", str(data))
    target = tmp_path / "chen.xlsx"
    code, _, err = run(
        "export", "buyer-report", "--buyer", "陈建华", *PERIOD, "--format", "xlsx", "-o", str(target)
    )
    assert code == 1 and err.count("\n") == 1
    assert "temporary folder" in err and str(data) in err, err
    assert "database" not in err
    assert not target.exists()


def test_a_read_only_folder_is_named_as_such(run, park, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    # A read-only file system refuses even root, who ignores a folder's permission bits.
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(folder)], capture_output=True
    )
    if done.returncode != 0:
        if os.geteuid() == 0:
            pytest.skip("cannot mount a read-only tmpfs here")
        folder.chmod(0o555)
    try:
        for fmt in ("csv", "xlsx"):
            code, _, err = run("export", "shipments", "--format", fmt, "-o", str(folder / f"x.{fmt}"))
            assert code == 1 and err.count("\n") == 1
            assert "read-only" in err and "Close the program" not in err, err
    finally:
        if done.returncode == 0:
            subprocess.run(["umount", str(folder)], check=False)


def test_xlsx_temporary_files_go_to_the_program_s_scratch_folder(run, park, tmp_path, monkeypatch):
    made: list[str] = []
    real = tempfile.mkstemp

    def recording(*args, **kwargs):
        fd, name = real(*args, **kwargs)
        made.append(name)
        return fd, name

    monkeypatch.setattr(tempfile, "mkstemp", recording)
    target = tmp_path / "chen.xlsx"
    code, _, err = run(
        "export", "buyer-report", "--buyer", "陈建华", *PERIOD, "--format", "xlsx", "-o", str(target)
    )
    assert code == 0, err
    root = scratch.scratch_root()
    xlsx_parts = [Path(n) for n in made if Path(n).parent != tmp_path]
    assert xlsx_parts and all(p.parent == root / str(os.getpid()) for p in xlsx_parts)
    assert not (root / str(os.getpid())).exists()  # removed when the command ends
    assert tempfile.tempdir != str(root / str(os.getpid()))


def test_leftovers_of_killed_runs_are_removed_at_the_next_start(run, park, db_path):
    root = scratch.scratch_root()
    dead_pid = 999_999_999
    stale = root / str(dead_pid)
    stale.mkdir(parents=True)
    (stale / "tmpab12cd34").write_text("日期,磅单号\n" * 1000, encoding="utf-8")
    live = root / str(os.getppid())
    live.mkdir()
    leftovers = [
        db_path.parent / f".lines.xlsx.{dead_pid}.{uuid.uuid4().hex[:8]}.tmp",
        root.parent / f".report.pdf.{dead_pid}.abcdefgh.tmp",
    ]
    kept = [
        db_path.parent / f".lines.xlsx.{os.getppid()}.abcdefgh.tmp",  # a running program's export
        db_path.parent / ".notes.tmp",  # not ours
        db_path.parent / f"lines.xlsx.{dead_pid}.abcdefgh.tmp",  # not hidden: not ours
    ]
    for p in leftovers + kept:
        p.write_text("x")
    code, _, err = run("stats")
    assert code == 0, err
    assert not stale.exists() and live.is_dir()
    assert not any(p.exists() for p in leftovers)
    assert all(p.exists() for p in kept)
