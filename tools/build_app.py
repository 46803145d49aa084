"""Build the program without Python: a one-folder PyInstaller build (dist/Fujiang/), its size
checked, optionally smoke-tested and zipped for the office.

    python -m tools.build_app            # build dist/Fujiang/ (Linux: fujiang; Windows: fujiang.exe
                                         # for the command line and FujiangTracker.exe for the window)
    python -m tools.build_app --smoke    # … then run tools/smoke.sh on it (Linux, macOS)
    python -m tools.build_app --zip      # … and pack it for the office: Windows
                                         # dist/Fujiang-<version>-windows-amd64.zip, Linux
                                         # dist/Fujiang-<version>-linux-x86_64.tar.gz

Needs `pip install -e ".[freeze]"`. The icon (.ico, rendered from resources/icons/app.svg) and
the Windows version information are written to build/fujiang/ first; tools/fujiang.spec says
what goes in and what stays out.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# Issue 14's limit, unpacked. The Linux folder is 148 MB: Qt 66 MB (ICU's data alone 31 MB), numpy
# 37 MB (OpenBLAS 24 MB), the font 9 MB, Python 11 MB (README "Building the program").
MAX_SIZE_MB = 150
PRODUCT = "涪江蔬菜乐园 Fujiang park tracker"
COMPANY = "遂潼涪江蔬菜乐园"


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def version_info(version: str) -> str:
    """The Windows version resource (Explorer ▸ Properties ▸ Details) in PyInstaller's version-file
    format (what `pyi-grab_version` prints), Simplified Chinese, Unicode."""
    numbers = [int(part) for part in version.split("+")[0].split(".")[:4] if part.isdigit()]
    numbers = tuple(numbers + [0] * (4 - len(numbers)))
    strings = {
        "CompanyName": COMPANY,
        "FileDescription": PRODUCT,
        "FileVersion": version,
        "InternalName": "fujiang",
        "OriginalFilename": "fujiang.exe",
        "ProductName": PRODUCT,
        "ProductVersion": version,
    }
    table = ",\n          ".join(f"StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('080404B0', [
          {table}])]),
    VarFileInfo([VarStruct('Translation', [2052, 1200])])
  ]
)
"""


def checked_version() -> str:
    """pyproject.toml's version, which the installed metadata (copied into the build) must match."""
    from db.version import version

    wanted = version()
    try:
        installed = metadata.version("fujiang-tracker")
    except metadata.PackageNotFoundError:
        installed = None
    if installed != wanted:
        raise SystemExit(
            f"the installed package says version {installed}, pyproject.toml says {wanted}: "
            'run `pip install -e ".[freeze]"` first'
        )
    return wanted


def build(dist: Path, work: Path) -> Path:
    import PyInstaller.__main__

    from app import desktop

    version = checked_version()
    extras = work / "fujiang"
    extras.mkdir(parents=True, exist_ok=True)
    (extras / "app.ico").write_bytes(desktop.ico_bytes())
    (extras / "version.txt").write_text(version_info(version), encoding="utf-8")
    os.environ["FUJIANG_BUILD"] = str(extras)
    PyInstaller.__main__.run(
        [
            str(REPO / "tools" / "fujiang.spec"),
            "--noconfirm",
            "--log-level=WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
        ]
    )
    folder = dist / "Fujiang"
    strip_libraries(folder)
    return folder


def strip_libraries(folder: Path) -> None:
    """Drop the symbol tables of the shared libraries (Linux: libpython alone 23 MB → 6 MB). The
    libraries auditwheel vendored and patched (numpy.libs/) are left alone: stripping breaks them."""
    strip = shutil.which("strip")
    if sys.platform != "linux" or strip is None:
        return
    targets = [p for p in (folder / "_internal").rglob("*.so*") if not p.parent.name.endswith(".libs")]
    files = [str(p) for p in targets if p.is_file() and not p.is_symlink()]
    if files:
        subprocess.run([strip, "--strip-unneeded", *files], check=True)


def pack(folder: Path, base: Path) -> str:
    """The folder in one file for download. PyInstaller links the Linux libraries it places in
    subfolders from _internal/ (libicudata.so.73 → PySide6/Qt/lib/…): a zip would store each link
    as a second copy (Linux: 90 MB more once unpacked), a tar keeps links as links. Windows' build
    has no links, and Explorer unpacks a zip without further tools."""
    kind = "zip" if os.name == "nt" else "gztar"
    return shutil.make_archive(str(base), kind, folder.parent, folder.name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.build_app", description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=REPO / "dist", help="output folder (default dist/)")
    parser.add_argument("--work", type=Path, default=REPO / "build", help="work folder (default build/)")
    parser.add_argument("--smoke", action="store_true", help="run tools/smoke.sh on the build")
    parser.add_argument(
        "--zip", action="store_true", help="pack the folder for download (.zip on Windows, else .tar.gz)"
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # the icon is rendered without a screen
    started = time.monotonic()
    folder = build(args.dist.resolve(), args.work.resolve())
    seconds = time.monotonic() - started
    size_mb = folder_size(folder) / 2**20
    print(f"built {folder} in {seconds:.0f} s: {size_mb:.1f} MB unpacked (limit {MAX_SIZE_MB} MB)")
    if size_mb > MAX_SIZE_MB:
        print(
            f"the build is larger than {MAX_SIZE_MB} MB: exclude more in tools/fujiang.spec", file=sys.stderr
        )
        return 1
    if args.smoke:
        program = folder / ("fujiang.exe" if os.name == "nt" else "fujiang")
        subprocess.run(["bash", str(REPO / "tools" / "smoke.sh"), str(program)], check=True)
    if args.zip:
        from db.version import version

        name = f"Fujiang-{version()}-{platform.system().lower()}-{platform.machine().lower()}"
        print(f"packed {pack(folder, folder.parent / name)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
