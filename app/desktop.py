"""The program on the desktop: its icon in the sizes desktops ask for, the Linux menu entry
(.desktop file, freedesktop AppStream metadata, hicolor icons), the Windows icon file (.ico) and
Start-menu shortcut. Used by `fujiang install-desktop` and by tools/build_app.py."""

from __future__ import annotations

import contextlib
import os
import struct
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from app import paths
from db import resources

# Sizes of the hicolor theme (freedesktop icon theme spec) and of a Windows .ico.
PNG_SIZES = (16, 22, 24, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
NAME_ZH = "涪江蔬菜乐园"
NAME_EN = "Fujiang vegetable park"
SUMMARY_ZH = "收获、出货、结算与合格证管理"
SUMMARY_EN = "Harvests, shipments, payments and certificates of the park"
# The frozen Windows build's two programs: the window (no console) and the command line.
WINDOWS_GUI_PROGRAM = "FujiangTracker.exe"


def render_png(size: int, svg: Path | None = None) -> bytes:
    """The app icon (resources/icons/app.svg) drawn at size × size pixels, as PNG bytes."""
    from app.documents.pdf import ensure_gui_application

    ensure_gui_application()  # QSvgRenderer needs a QGuiApplication
    renderer = QSvgRenderer(str(svg or resources.require(*resources.APP_ICON)))
    if not renderer.isValid():
        raise resources.MissingResourceError([Path(svg or resources.resource_path(*resources.APP_ICON))])
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def ico_bytes(sizes: tuple[int, ...] = ICO_SIZES) -> bytes:
    """A Windows .ico holding the icon in each size, each entry a PNG (Windows Vista and later)."""
    images = [(size, render_png(size)) for size in sizes]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    directory, blobs = b"", b""
    for size, png in images:
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset + len(blobs))
        blobs += png
    return header + directory + blobs


def executable() -> list[str]:
    """The command that starts this program as installed: the frozen build's program, the
    `fujiang` script beside this Python, else this Python running the command line."""
    if getattr(sys, "frozen", False):
        return [str(Path(sys.executable).resolve())]
    script = Path(sys.executable).with_name("fujiang.exe" if os.name == "nt" else "fujiang")
    if script.is_file():
        return [str(script.resolve())]
    return [str(Path(sys.executable).resolve()), "-m", "app.cli"]


def _exec_quote(arg: str) -> str:
    """An Exec argument as the Desktop Entry spec quotes it: double quotes, with \\ " ` $ escaped
    (and the backslash doubled again, as the value is itself an escaped string); % doubled."""
    arg = arg.replace("%", "%%")
    if arg and not any(c in arg for c in " \t\n\"'\\><~|&;$*?#()`"):
        return arg
    inner = "".join("\\" + c if c in '"`$\\' else c for c in arg)
    return '"' + inner.replace("\\", "\\\\") + '"'


def desktop_entry(command: list[str]) -> str:
    """The freedesktop .desktop file (Desktop Entry Specification 1.5)."""
    exec_line = " ".join(_exec_quote(part) for part in command)
    return "\n".join(
        (
            "[Desktop Entry]",
            "Type=Application",
            "Version=1.5",
            f"Name={NAME_EN}",
            f"Name[zh_CN]={NAME_ZH}",
            f"GenericName={SUMMARY_EN}",
            f"GenericName[zh_CN]={SUMMARY_ZH}",
            f"Comment={SUMMARY_EN}",
            f"Comment[zh_CN]={SUMMARY_ZH}",
            f"Exec={exec_line}",
            f"Icon={paths.APP_ID}",
            "Terminal=false",
            "Categories=Office;Database;",
            "Keywords=harvest;shipment;certificate;vegetable;收获;出货;合格证;蔬菜;",
            f"StartupWMClass={paths.APP_ID}",
            "",
        )
    )


def metainfo() -> str:
    """freedesktop AppStream metadata (software centres, `appstreamcli validate`)."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<component type="desktop-application">
  <id>{paths.APP_ID}</id>
  <metadata_license>CC0-1.0</metadata_license>
  <project_license>MIT</project_license>
  <name>{escape(NAME_EN)}</name>
  <name xml:lang="zh-CN">{escape(NAME_ZH)}</name>
  <summary>{escape(SUMMARY_EN)}</summary>
  <summary xml:lang="zh-CN">{escape(SUMMARY_ZH)}</summary>
  <description>
    <p>Harvests, truckloads, payments and the 承诺达标合格证 certificates of the Suining–Tongnan
    Fujiang vegetable park, with charts and statements for buyers and operators.</p>
  </description>
  <launchable type="desktop-id">{paths.APP_ID}.desktop</launchable>
  <categories><category>Office</category></categories>
  <content_rating type="oars-1.1"/>
</component>
"""


@dataclass(frozen=True)
class Installed:
    files: tuple[Path, ...]


def data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def linux_files(base: Path | None = None) -> dict[Path, bytes]:
    """What `install-desktop` writes under XDG_DATA_HOME, by path."""
    base = base or data_home()
    files: dict[Path, bytes] = {
        base / "applications" / f"{paths.APP_ID}.desktop": desktop_entry(executable()).encode(),
        base / "metainfo" / f"{paths.APP_ID}.metainfo.xml": metainfo().encode(),
        base / "icons" / "hicolor" / "scalable" / "apps" / f"{paths.APP_ID}.svg": resources.require(
            *resources.APP_ICON
        ).read_bytes(),
    }
    for size in PNG_SIZES:
        files[base / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{paths.APP_ID}.png"] = render_png(
            size
        )
    return files


def start_menu_folder() -> Path:
    return Path(os.environ.get("APPDATA", Path.home())) / "Microsoft" / "Windows" / "Start Menu" / "Programs"


def shortcut_script(link: Path, target: str, icon: Path) -> str:
    """PowerShell that makes the Start-menu shortcut (WScript.Shell, in every Windows)."""

    def quoted(text: object) -> str:
        return "'" + str(text).replace("'", "''") + "'"

    return "; ".join(
        (
            f"$s = (New-Object -ComObject WScript.Shell).CreateShortcut({quoted(link)})",
            f"$s.TargetPath = {quoted(target)}",
            f"$s.WorkingDirectory = {quoted(Path(target).parent)}",
            f"$s.IconLocation = {quoted(icon)}",
            f"$s.Description = {quoted(NAME_ZH)}",
            "$s.Save()",
        )
    )


def install(remove: bool = False) -> Installed:
    """Install (or remove) the menu entry of the running program for this user."""
    if sys.platform == "win32":
        return _install_windows(remove)
    files = linux_files()
    written = []
    for path, data in files.items():
        if remove:
            path.unlink(missing_ok=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        written.append(path)
    _refresh_caches(data_home())
    return Installed(tuple(written))


def _install_windows(remove: bool) -> Installed:
    link = start_menu_folder() / f"{NAME_ZH}.lnk"
    icon = paths.data_dir() / "fujiang.ico"
    if remove:
        link.unlink(missing_ok=True)
        icon.unlink(missing_ok=True)
        return Installed((link, icon))
    target = executable()[0]
    window_program = Path(target).with_name(WINDOWS_GUI_PROGRAM)
    if getattr(sys, "frozen", False) and window_program.is_file():
        target = str(window_program)  # the program without a console window, with its icon inside
        frozen_icon = window_program
    else:
        icon.write_bytes(ico_bytes())
        frozen_icon = icon
    link.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["powershell", "-NoProfile", "-Command", shortcut_script(link, target, frozen_icon)],
        check=True,
        capture_output=True,
    )
    return Installed((link,))


def _refresh_caches(base: Path) -> None:
    """Tell the desktop about the new entry, where the tools exist (they are optional)."""
    for command in (
        ["update-desktop-database", str(base / "applications")],
        ["gtk-update-icon-cache", "-q", "-t", str(base / "icons" / "hicolor")],
    ):
        with contextlib.suppress(OSError, subprocess.TimeoutExpired):
            subprocess.run(command, check=False, capture_output=True, timeout=30)
