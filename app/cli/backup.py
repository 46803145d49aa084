"""`fujiang backup`, `backups` and `restore`; and the automatic backups of the commands that write.

The commands that write to the database (`demo`, `import shipments` without --dry-run) get their
automatic backup here: `register` wraps their handlers so that, before they write, the day's first
backup is made (if none was made today) and, before an import, a `before-import` backup: an import
takes it only once its file passed the check and its warnings were accepted, so a refused or
--dry-run import leaves the backups folder as it was. When that backup fails the command stops and
nothing is written. Read-only commands make no backup.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app.cli import EXIT_OK, EXIT_USER_ERROR, CliContext, Handler, _table, message_text, translate
from db.errors import DomainError
from db.storage import backup, restore

_MB = 1024 * 1024


def register(subparsers: argparse._SubParsersAction) -> None:
    folder_help = translate("cli", "backups folder (default: the setting, else backups/ beside the database)")

    parser = subparsers.add_parser(
        "backup",
        help=translate("cli", "back up the database now"),
        description=translate(
            "cli",
            "Copy the database through SQLite's backup API into the backups folder (or -o FILE), "
            "check the copy (integrity and record counts) and only then give it its name.",
        ),
    )
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help=translate("cli", "write the backup here")
    )
    parser.add_argument("--force", action="store_true", help=translate("cli", "replace FILE if it exists"))
    parser.add_argument("--folder", type=Path, metavar="DIR", help=folder_help)
    parser.set_defaults(handler=handle_backup)

    parser = subparsers.add_parser(
        "backups",
        help=translate("cli", "list the backups: date, reason, size, record counts"),
        description=translate(
            "cli", "List the backups of the database, newest first: date, reason, size and record counts."
        ),
    )
    parser.add_argument("--folder", type=Path, metavar="DIR", help=folder_help)
    parser.set_defaults(handler=handle_backups)

    parser = subparsers.add_parser(
        "restore",
        help=translate("cli", "replace the database's content with a backup"),
        description=translate(
            "cli",
            "Check the backup (integrity, this program's, not newer), show the record counts before "
            "and after, ask, back up the database as it is, then copy the backup into it. An older "
            "backup is brought up to the current schema.",
        ),
    )
    parser.add_argument("file", type=Path, metavar="FILE", help=translate("cli", "the backup file"))
    parser.add_argument(
        "--yes", action="store_true", help=translate("cli", "do not ask (required without a terminal)")
    )
    parser.add_argument("--folder", type=Path, metavar="DIR", help=folder_help)
    parser.set_defaults(handler=handle_restore)

    _add_automatic_backups(subparsers)


# ------------------------------------------------------------------------------------------ helpers


def backups_folder(args: argparse.Namespace, ctx: CliContext) -> Path:
    """--folder, else the setting the desktop app uses, else backups/ beside the database."""
    folder = getattr(args, "folder", None)
    if folder:
        return Path(folder).expanduser()
    from app.settings import Settings

    return Settings().backup_folder_for(ctx.db_path)


def reason_label(reason: str) -> str:
    labels = {
        backup.DAILY: translate("cli", "daily"),
        backup.BEFORE_IMPORT: translate("cli", "before import"),
        backup.BEFORE_MIGRATION: translate("cli", "before upgrade"),
        backup.BEFORE_RESTORE: translate("cli", "before restore"),
        backup.MANUAL: translate("cli", "manual"),
    }
    return labels.get(reason, reason or "-")


def size_text(size: int) -> str:
    return f"{size / _MB:,.1f} MB"


def _progress(ctx: CliContext):
    if not _is_terminal(ctx.stderr):
        return None
    labels = {
        "copy": translate("cli", "Copying"),
        "verify": translate("cli", "Checking"),
        "check": translate("cli", "Checking"),
        "write": translate("cli", "Restoring"),
        "written": translate("cli", "Upgrading"),
        "migrate": translate("cli", "Upgrading"),
    }

    def show(done: int, total: int, stage: str) -> None:
        percent = f" {100 * done // total:3d}%" if total else ""
        ctx.stderr.write(f"\r{labels.get(stage, stage)}{percent}   ")
        ctx.stderr.flush()

    return show


def _end_progress(ctx: CliContext) -> None:
    if _is_terminal(ctx.stderr):
        ctx.stderr.write("\r" + " " * 30 + "\r")


def _is_terminal(stream: Any) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


# ------------------------------------------------------------------------------------------ backup


def handle_backup(args: argparse.Namespace, ctx: CliContext) -> int:
    target = args.output.expanduser() if args.output else None
    if target is not None:
        if backup.is_live_database_path(target, ctx.db_path):
            raise DomainError(
                translate("cli", "{path} is the database itself; choose another file for the backup.").format(
                    path=target
                )
            )
        if target.is_dir():
            raise DomainError(translate("cli", "{path} is a folder; give a file name.").format(path=target))
        if target.exists() and not args.force:
            raise DomainError(
                translate("cli", "{path} exists; add --force to replace it.").format(path=target)
            )
    store = ctx.store()
    try:
        info = backup.backup_database(
            store.db,
            ctx.db_path,
            backup.MANUAL,
            folder=None if target else backups_folder(args, ctx),
            target=target,
            progress=_progress(ctx),
        )
    finally:
        _end_progress(ctx)
    ctx.out(
        translate("cli", "Backed up {records} records to {path} ({size}); checked.").format(
            records=f"{info.records:,}", path=info.path, size=size_text(info.size)
        )
    )
    return EXIT_OK


def handle_backups(args: argparse.Namespace, ctx: CliContext) -> int:
    folder = backups_folder(args, ctx)
    found = backup.list_backups(ctx.db_path, folder)
    if not found:
        ctx.out(translate("cli", "No backups of {path} in {folder}.").format(path=ctx.db_path, folder=folder))
        return EXIT_OK
    ctx.out(translate("cli", "Backups of {path} in {folder}").format(path=ctx.db_path, folder=folder))
    header = [
        translate("cli", "Date"),
        translate("cli", "Reason"),
        translate("cli", "Size"),
        translate("cli", "Harvests"),
        translate("cli", "Shipments"),
        translate("cli", "Payments"),
        translate("cli", "Certificates"),
        translate("cli", "All records"),
        translate("cli", "File"),
    ]
    rows = []
    for info in found:
        c = info.counts
        numbers = (
            [f"{c.get(t, 0):,}" for t in ("harvests", "shipments", "payments", "certificates")]
            + [f"{info.records:,}"]
            if info.ok
            else ["", "", "", "", translate("cli", "unreadable")]
        )
        rows.append(
            [
                info.created.strftime("%Y-%m-%d %H:%M"),
                reason_label(info.reason),
                size_text(info.size),
                *numbers,
                info.path.name,
            ]
        )
    ctx.out(_table([header, *rows], align="llrrrrrrl", header=True))
    return EXIT_OK


# ------------------------------------------------------------------------------------------ restore


def handle_restore(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.cli import _table_label

    path = args.file.expanduser()
    info = restore.check_restorable(path, ctx.db_path)
    new_file = not ctx.db_path.exists()  # e.g. a new office PC: the backup becomes the database
    store = None if new_file else ctx.store()
    before = {} if store is None else backup.count_records(store.db.conn)
    ctx.out(
        translate("cli", "Restore {path} ({date}, {reason}) into {db}:").format(
            path=path,
            date=info.created.strftime("%Y-%m-%d %H:%M"),
            reason=reason_label(info.reason),
            db=ctx.db_path,
        )
    )
    header = [translate("cli", "Records"), translate("cli", "Now"), translate("cli", "After restore")]
    rows = [[_table_label(t), f"{b:,}", f"{a:,}"] for t, b, a in restore.changed_counts(before, info.counts)]
    ctx.out(_table([header, *rows], align="lrr", header=True))
    if not args.yes:
        if not _is_terminal(sys.stdin):
            ctx.err(translate("cli", "Nothing was changed: add --yes to restore without a terminal."))
            return EXIT_USER_ERROR
        ctx.stdout.write(translate("cli", "Replace the database's content with this backup? [y/N] "))
        ctx.stdout.flush()
        answer = sys.stdin.readline().strip().lower()
        if answer not in ("y", "yes", "是", "是的", "好"):
            ctx.out(translate("cli", "Nothing was changed."))
            return EXIT_USER_ERROR
    if store is None:
        restore.restore_file(ctx.db_path, path)
        ctx.out(
            translate("cli", "Restored {path} as the new database {db}: {records} records.").format(
                path=path, db=ctx.db_path, records=f"{info.records:,}"
            )
        )
        return EXIT_OK
    try:
        result = restore.restore(
            store.db,
            ctx.db_path,
            path,
            folder=backups_folder(args, ctx),
            progress=_progress(ctx),
            verified=info,
        )
    finally:
        _end_progress(ctx)
    ctx.out(
        translate(
            "cli", "Restored {path}: {records} records. The database as it was is saved as {safety}."
        ).format(
            path=path,
            records=f"{sum(n for t, n in result.after.items() if t != 'audit_log'):,}",
            safety=result.safety.path if result.safety else "-",
        )
    )
    return EXIT_OK


# ------------------------------------------------------------------------------------------ automatic


def _add_automatic_backups(subparsers: argparse._SubParsersAction) -> None:
    """Wrap the handlers of the commands that write: the day's first backup, and one before an import."""
    writing = [(subparsers.choices.get("demo"), None)]
    group = subparsers.choices.get("import")
    kinds = getattr(group, "fujiang_subcommands", None)
    if kinds is not None:
        writing += [(parser, backup.BEFORE_IMPORT) for parser in kinds.choices.values()]
    for parser, reason in writing:
        if parser is None:
            continue
        handler = parser.get_default("handler")
        if handler is not None:
            parser.set_defaults(handler=_with_backup(handler, reason))


class _BackupFailed(Exception):
    """The automatic backup before an import failed (already said): the import stops, unwritten."""


def _with_backup(handler: Handler, reason: str | None) -> Handler:
    def run(args: argparse.Namespace, ctx: CliContext) -> int | None:
        if getattr(args, "dry_run", False):
            return handler(args, ctx)
        if reason is None:
            code = automatic_backup(args, ctx, reason)
            return code or handler(args, ctx)

        # An import: the backup only once the file passed its check and its warnings were accepted,
        # right before the write (the importer calls this); a refused file leaves backups/ as it was.
        def before_write() -> None:
            if automatic_backup(args, ctx, reason):
                raise _BackupFailed

        args.before_write = before_write
        try:
            return handler(args, ctx)
        except _BackupFailed:
            return EXIT_USER_ERROR

    run.__wrapped__ = handler  # type: ignore[attr-defined]
    return run


def automatic_backup(args: argparse.Namespace, ctx: CliContext, reason: str | None) -> int:
    """The day's first backup and the backup before `reason` (an import); 0, or 1 if one failed."""
    if not ctx.db_path.exists():
        return EXIT_OK  # a database about to be created has nothing to lose
    store = ctx.store()
    if store.read_only:
        return EXIT_OK  # nothing can be written to it, so nothing can be lost: the write says so
    folder = backups_folder(args, ctx)
    try:
        if reason is not None and sum(backup.count_records(store.db.conn).values()):
            backup.backup_database(store.db, ctx.db_path, reason, folder=folder)
        else:
            backup.daily_backup(store.db, ctx.db_path, folder=folder)
    except backup.BackupError as exc:
        ctx.err(
            translate("cli", "Error: the automatic backup failed, so nothing was written. {message}").format(
                message=message_text(exc)
            )
        )
        return EXIT_USER_ERROR
    return EXIT_OK
