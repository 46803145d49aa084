"""Command line: `fujiang install-desktop` puts the program in the desktop's menu (Linux: .desktop
file, AppStream metadata and icons under XDG_DATA_HOME; Windows: a Start-menu shortcut)."""

from __future__ import annotations

import argparse

from app.cli import EXIT_OK, CliContext, translate


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "install-desktop",
        help=translate("cli", "add the program to the desktop's menu with its icon"),
        description=translate(
            "cli",
            "Add the program to this user's menu: on Linux a .desktop file, AppStream metadata and "
            "the icon in every size under $XDG_DATA_HOME (~/.local/share); on Windows a Start-menu "
            "shortcut. Run it again after moving the program.",
        ),
    )
    parser.add_argument(
        "--remove", action="store_true", help=translate("cli", "remove the menu entry instead")
    )
    parser.set_defaults(handler=handle_install_desktop)


def handle_install_desktop(args: argparse.Namespace, ctx: CliContext) -> int:
    from app import desktop

    installed = desktop.install(remove=args.remove)
    for path in installed.files:
        ctx.out(str(path))
    ctx.out(
        translate("cli", "The menu entry was removed.")
        if args.remove
        else translate("cli", "The program is now in the desktop's menu.")
    )
    return EXIT_OK
