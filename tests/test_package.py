"""The package as people get it: what the wheel and the sdist carry, bundled files found (or a
loud error naming the missing one), the one version everywhere, the desktop entry and icons."""

from __future__ import annotations

import ast
import configparser
import importlib.resources
import shutil
import struct
import subprocess
import sys
import tarfile
import tomllib
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from app import cli, paths
from db import resources

REPO = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
VERSION = PYPROJECT["project"]["version"]


# ------------------------------------------------------------------------------- wheel and sdist


def test_pyproject_lists_every_package_of_the_tree():
    on_disk = {
        ".".join(init.parent.relative_to(REPO).parts)
        for top in ("app", "db")
        for init in (REPO / top).rglob("__init__.py")
    }
    assert set(PYPROJECT["tool"]["setuptools"]["packages"]) == on_disk | {"fujiang_resources"}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """A real sdist and wheel, built as pip builds them (the wheel from the sdist)."""
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(REPO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return next(out.glob("*.whl")), next(out.glob("*.tar.gz"))


def test_wheel_carries_every_run_time_resource_and_nothing_else(built):
    wheel, _ = built
    names = set(zipfile.ZipFile(wheel).namelist())
    for parts in resources.REQUIRED:
        assert "/".join((resources.PACKAGE, *parts)) in names
    for icon in (REPO / "resources" / "icons").glob("*.svg"):
        assert f"fujiang_resources/icons/{icon.name}" in names
    assert "fujiang_resources/fonts/OFL.txt" in names  # the font's licence travels with it
    tops = {name.split("/")[0] for name in names}
    assert tops == {"app", "db", "fujiang_resources", f"fujiang_tracker-{VERSION}.dist-info"}
    unwanted = [
        n
        for n in names
        if n.endswith((".ts", ".png")) or n.rsplit("/", 1)[-1] in ("build.py", "build_font.py")
    ]
    assert unwanted == []
    metadata = zipfile.ZipFile(wheel).read(f"fujiang_tracker-{VERSION}.dist-info/METADATA").decode()
    assert f"\nVersion: {VERSION}\n" in metadata
    entry_points = zipfile.ZipFile(wheel).read(f"fujiang_tracker-{VERSION}.dist-info/entry_points.txt")
    assert b"fujiang = app.cli:main" in entry_points


def test_sdist_is_the_whole_source(built):
    _, sdist = built
    root = f"fujiang_tracker-{VERSION}/"
    with tarfile.open(sdist) as archive:
        names = {n.removeprefix(root) for n in archive.getnames()}
    for path in (
        "README.md",
        "pyproject.toml",
        "resources/fonts/build_font.py",
        "resources/translations/build.py",
        "resources/translations/fujiang_zh_CN.ts",
        "tests/data/smoke_truck.csv",
        "tools/smoke.sh",
        "tools/build_app.py",
        "tools/fujiang.spec",
    ):
        assert path in names
    assert not [n for n in names if n.startswith((".venv", "dist/", "build/")) or "__pycache__" in n]


# ------------------------------------------------------------------------------------ resources


def test_resources_come_from_the_installed_package():
    assert resources.root() == Path(str(importlib.resources.files("fujiang_resources")))
    assert paths.resource_path("fonts", "OFL.txt") == resources.root() / "fonts" / "OFL.txt"
    resources.check()  # every required file is there


def test_a_frozen_build_reads_its_own_folder(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resource_path("data", "x.csv") == tmp_path / "fujiang_resources" / "data" / "x.csv"


@pytest.fixture
def nothing_installed(monkeypatch, tmp_path):
    """An installation whose resource folder is empty."""
    empty = tmp_path / "fujiang_resources"
    empty.mkdir()
    monkeypatch.setattr(resources, "root", lambda: empty)
    return empty


def test_check_names_every_missing_file(nothing_installed):
    with pytest.raises(resources.MissingResourceError) as caught:
        resources.check()
    assert caught.value.missing == [nothing_installed.joinpath(*parts) for parts in resources.REQUIRED]
    assert "FujiangSansSC-Regular.otf" in str(caught.value)


def test_command_line_stops_naming_the_missing_files(nothing_installed, capsys):
    assert cli.main(["--help"]) == cli.EXIT_USER_ERROR
    err = capsys.readouterr().err
    assert "FujiangSansSC-Regular.otf" in err and "fujiang_zh_CN.qm" in err and "reference_prices.csv" in err


def test_font_and_translations_never_fall_back(nothing_installed):
    from app import fonts, i18n

    with pytest.raises(resources.MissingResourceError):
        fonts.font_path()
    with pytest.raises(resources.MissingResourceError):
        i18n.qm_path("zh_CN")
    with pytest.raises(resources.MissingResourceError):
        cli.translation_file("zh_CN")


def test_a_missing_font_stops_the_window(nothing_installed, qapp, capsys, db_path):
    from app.main import main

    assert main([], db_path=db_path, language="zh_CN", smoke_test=True) == 1
    assert "FujiangSansSC-Regular.otf" in capsys.readouterr().err
    assert not db_path.exists()  # nothing was opened or created


# -------------------------------------------------------------------------------------- version


def test_version_is_pyproject_s(capsys):
    assert cli.main(["--version"]) == 0
    assert capsys.readouterr().out == f"fujiang {VERSION}\n"
    import app

    assert app.__version__ == VERSION


def test_pdf_names_the_program_and_its_version(qapp, tmp_path):
    from pypdf import PdfReader
    from PySide6.QtGui import QPageSize, QPainter

    from app.documents.pdf import new_writer

    path = tmp_path / "x.pdf"
    writer = new_writer(path, "Test", QPageSize.PageSizeId.A4, landscape=False)
    painter = QPainter(writer)
    painter.drawText(100, 100, "涪江")
    painter.end()
    assert PdfReader(path).metadata.creator == f"遂潼涪江蔬菜乐园 · Fujiang park tracker {VERSION}"


def test_xlsx_names_the_program_and_its_version(tmp_path):
    from db.documents.exporting import Column, Sheet, write_xlsx

    path = tmp_path / "x.xlsx"
    write_xlsx(path, [Sheet("s", [Column("a")], [["b"]])])
    core = zipfile.ZipFile(path).read("docProps/core.xml").decode()
    assert f"Fujiang park tracker {VERSION}</dc:description>" in core


# ----------------------------------------------------------------------------- the desktop entry


def test_install_desktop_into_xdg_data_home(monkeypatch, tmp_path, qapp, capsys):
    from PySide6.QtGui import QImage

    from app import desktop

    home = tmp_path / "share"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    if sys.platform == "win32":
        pytest.skip("the Windows Start-menu shortcut is made through PowerShell")
    assert cli.main(["install-desktop"]) == 0
    app_id = paths.APP_ID
    entry = home / "applications" / f"{app_id}.desktop"
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(entry, encoding="utf-8")
    section = parser["Desktop Entry"]
    assert section["Icon"] == app_id and section["Type"] == "Application"
    assert section["Name[zh_CN]"] == "涪江蔬菜乐园"
    assert Path(section["Exec"].split()[0]).is_file()  # starts this installation's program
    for size in desktop.PNG_SIZES:
        image = QImage(str(home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{app_id}.png"))
        assert (image.width(), image.height()) == (size, size)
        assert image.pixelColor(size // 2, size // 2).alpha() == 255  # drawn, not blank
    assert (home / "icons" / "hicolor" / "scalable" / "apps" / f"{app_id}.svg").is_file()
    meta = ET.parse(home / "metainfo" / f"{app_id}.metainfo.xml").getroot()
    assert meta.findtext("id") == app_id and meta.findtext("launchable") == f"{app_id}.desktop"
    for tool, target in (("desktop-file-validate", entry), ("appstreamcli", None)):
        if shutil.which(tool):
            args = [tool, str(entry)] if target else [tool, "validate", "--no-net", str(meta_path(home))]
            result = subprocess.run(args, capture_output=True, text=True)
            assert result.returncode == 0, result.stdout + result.stderr
    capsys.readouterr()
    assert cli.main(["install-desktop", "--remove"]) == 0
    assert not entry.exists() and not meta_path(home).exists()


def test_desktop_exec_line_quotes_as_the_spec_says():
    from app.desktop import desktop_entry

    entry = desktop_entry(["/home/li ming/Fujiang/fujiang", "100%"])
    assert 'Exec="/home/li ming/Fujiang/fujiang" 100%%\n' in entry


def meta_path(home: Path) -> Path:
    return home / "metainfo" / f"{paths.APP_ID}.metainfo.xml"


def test_windows_icon_holds_every_size(qapp):
    from app import desktop

    data = desktop.ico_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind, count) == (0, 1, len(desktop.ICO_SIZES))
    for i, size in enumerate(desktop.ICO_SIZES):
        width, height, *_rest, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        assert (width or 256, height or 256) == (size, size)
        assert data[offset : offset + 8] == b"\x89PNG\r\n\x1a\n" and offset + length <= len(data)


def test_start_menu_shortcut_script_quotes_paths():
    from app import desktop

    script = desktop.shortcut_script(
        Path("C:/Start Menu/涪江.lnk"), "C:/It's here/FujiangTracker.exe", Path("i.ico")
    )
    assert "CreateShortcut('C:/Start Menu/涪江.lnk')" in script
    assert "TargetPath = 'C:/It''s here/FujiangTracker.exe'" in script


def test_windows_version_information():
    from tools.build_app import version_info

    text = version_info(VERSION)
    ast.parse(text)  # PyInstaller evaluates it
    numbers = tuple(int(n) for n in VERSION.split("."))
    assert f"filevers={numbers + (0,) * (4 - len(numbers))}" in text
    assert f"StringStruct('ProductVersion', '{VERSION}')" in text


@pytest.mark.skipif(sys.platform == "win32", reason="the Windows build is a zip without links")
def test_the_linux_download_keeps_library_links_as_links(tmp_path):
    # PyInstaller links _internal/libicudata.so.73 to PySide6/Qt/lib/…: a zip stored each link as a
    # second copy of the library; the tar must hold one copy and a link.
    from tools.build_app import pack

    folder = tmp_path / "dist" / "Fujiang"
    (folder / "_internal" / "lib").mkdir(parents=True)
    (folder / "_internal" / "lib" / "libbig.so").write_bytes(b"x" * 10_000)
    (folder / "_internal" / "libbig.so").symlink_to("lib/libbig.so")
    archive = Path(pack(folder, tmp_path / "dist" / "Fujiang-1-linux-x86_64"))
    assert archive.name == "Fujiang-1-linux-x86_64.tar.gz"
    with tarfile.open(archive) as tar:
        link = tar.getmember("Fujiang/_internal/libbig.so")
        assert link.issym() and link.linkname == "lib/libbig.so"
        assert tar.getmember("Fujiang/_internal/lib/libbig.so").size == 10_000
        tar.extractall(tmp_path / "office", filter="tar")
    unpacked = tmp_path / "office" / "Fujiang" / "_internal" / "libbig.so"
    assert unpacked.is_symlink() and unpacked.read_bytes() == b"x" * 10_000


# ----------------------------------------------------------------------------- the window, closed


def test_smoke_test_window_reports_chinese_font_icon_and_pages(qapp, capsys, db_path):
    from app.main import main

    assert cli.main(["--db", str(db_path), "demo", "--years", "0"]) == 0
    capsys.readouterr()
    assert main([], db_path=db_path, language="zh_CN", smoke_test=True) == 0
    out = capsys.readouterr().out
    assert "smoke-test title: 涪江蔬菜乐园" in out
    assert "smoke-test broken pages: none" in out
    assert "smoke-test language: zh_CN" in out
    assert "Fujiang Sans SC" in out.split("smoke-test font: ")[1].splitlines()[0]
    assert "smoke-test icon: yes" in out
    assert f"smoke-test desktop file: {paths.APP_ID}" in out
