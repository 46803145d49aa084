"""The command line `fujiang`: a thin, stable layer over db/ (and, with no command, the desktop app).

    fujiang [--db PATH] [--lang zh_CN|en] COMMAND ...

Exit codes: 0 done; 1 a user error (one line on stderr says what to fix, never a traceback);
2 wrong usage (argparse); 130 interrupted. An unexpected failure writes its traceback to the log
file (app.paths.log_path()) and prints one line naming it.

Each group of sub-commands is added by a `register(subparsers)` function that sets
`handler=fn(args, ctx) -> int` on its parsers. The built-in groups (demo, stats, export) are in
app/cli/demo.py, app/cli/stats.py and app/cli/export.py (`_BUILTIN_MODULES`); other modules add
theirs by being listed in `_COMMAND_MODULES`. To add a kind to an existing group (e.g. a new
`export` kind) use `subcommands(subparsers, "export")`.

Messages are English source strings passed through `translate("cli", ...)` so Qt Linguist
extracts them; `--lang` (default zh_CN) picks the language. The translator is looked up directly,
without creating a QCoreApplication: an application object made here would stop the desktop app
(or pytest-qt) from creating its QApplication later in the same process.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import importlib
import os
import sqlite3
import sys
import traceback
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from PySide6.QtCore import QCoreApplication, QTranslator

from app import paths
from app.cli.arguments import argparse_in
from app.messages import tr_error, tr_message
from db import resources
from db.errors import DomainError
from db.version import version

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"
EXIT_OK, EXIT_USER_ERROR, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

# Modules adding sub-command groups: each has `register(subparsers)`. Append yours here, e.g.
# "app.cli.documents" (reports, certificates, trace).
# app.cli.backup wraps the import handlers, so it comes after app.cli.imports.
_COMMAND_MODULES: list[str] = [
    "app.cli.imports",
    "app.cli.documents",
    "app.cli.check",
    "app.cli.backup",
    "app.cli.verify",
    "app.cli.service_fee",
    "app.cli.settings",
    "app.cli.desktop",
]

Handler = Callable[[argparse.Namespace, "CliContext"], int | None]

# ---------------------------------------------------------------------------------------------------
# Translation

_TRANSLATOR: ContextVar[QTranslator | None] = ContextVar("fujiang_cli_translator", default=None)


def translate(context: str, text: str) -> str:
    """`text` in the CLI's language (lupdate extracts calls to this function by name)."""
    translator = _TRANSLATOR.get()
    if translator is not None:
        found = translator.translate(context, text)
        if found:
            return found
    return QCoreApplication.translate(context, text)


def translation_file(language: str) -> Path | None:
    """The compiled Qt translation (.qm) for a language (None for English, the source language);
    MissingResourceError when the installation lacks it."""
    if language == "en":
        return None  # source strings are English
    return resources.require("translations", f"fujiang_{language}.qm")


def load_translator(language: str) -> QTranslator | None:
    path = translation_file(language)
    if path is None:
        return None
    translator = QTranslator()
    if not translator.load(str(path)):
        raise resources.MissingResourceError([Path(path)])
    return translator


def incomplete_installation(exc: resources.MissingResourceError) -> str:
    """The one line saying which bundled files are missing and what to do."""
    return translate(
        "cli",
        "This installation of the program is incomplete; missing: {files}. Install the program "
        "again (see README), or tell whoever installed it.",
    ).format(files=", ".join(str(p) for p in exc.missing))


# ---------------------------------------------------------------------------------------------------
# What every handler gets


@dataclass
class CliContext:
    """The options every command shares, the output streams, and the database opened on demand."""

    db_arg: str | None
    language: str
    stdout: TextIO
    stderr: TextIO
    argv: Sequence[str] = ()
    _store: Any = field(default=None, repr=False)
    _told_wait: bool = field(default=False, repr=False)

    @property
    def db_path(self) -> Path:
        return paths.default_db_path(self.db_arg)

    def store(self, *, create: bool = False):
        """The database as a Store (opened once). Without `create`, a missing file is a user error."""
        if self._store is None:
            from db.repositories import Store
            from db.storage.connection import open_database

            path = self.db_path
            if not create and not path.exists():
                raise DomainError(
                    translate(
                        "cli",
                        "There is no database at {path}. Check --db (or FUJIANG_DB), or "
                        "create one with: fujiang --db {path} demo",
                    ).format(path=path)
                )
            self._store = Store(open_database(path, create=create), user=_user())
            self._store.on_wait = self._waiting
            self._store.language = self.language
        return self._store

    def _waiting(self, elapsed: float, finished: bool) -> None:
        """Another program is writing: say so once on stderr (a CLI write waits up to a minute)."""
        if not finished and not self._told_wait:
            self._told_wait = True
            self.err(
                translate("cli", "Waiting for another program to finish writing to {path}…").format(
                    path=self.db_path
                )
            )

    def output(self, path: Path, force: bool = False) -> Any:
        """A file to write: never over this database or another of ours; an existing file only with --force."""
        from db.storage.outputs import Output

        return Output(path, self.db_path, overwrite=force)

    def out(self, text: str = "") -> None:
        print(text, file=self.stdout)

    def err(self, text: str) -> None:
        print(text, file=self.stderr)

    def close(self) -> None:
        if self._store is not None:
            with contextlib.suppress(Exception):
                self._store.close()
            self._store = None


def _user() -> str:
    return f"cli:{paths.login_name('')}".rstrip(":")


# ---------------------------------------------------------------------------------------------------
# Argument types


def _date_arg(text: str) -> str:
    from db.parsing import parse_date

    result = parse_date(text)
    if not result.ok:
        raise argparse.ArgumentTypeError(message_text(result.error))
    return result.value.isoformat()


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            translate("cli", "'{text}' is not a whole number; write one such as 3").format(text=text)
        ) from None
    if value < 0:
        raise argparse.ArgumentTypeError(
            translate("cli", "'{text}' must not be negative; write 0 or more").format(text=text)
        )
    return value


def force_arg(parser: argparse.ArgumentParser) -> None:
    """--force: replace an existing output file (never the database or another database)."""
    parser.add_argument(
        "--force", action="store_true", help=translate("cli", "replace the output file if it exists")
    )


def subcommands(subparsers: argparse._SubParsersAction, name: str) -> argparse._SubParsersAction:
    """The sub-command list of an existing group ('export', 'import'), to add a kind to it."""
    return subparsers.choices[name].fujiang_subcommands


def _group(subparsers: argparse._SubParsersAction, name: str, help_text: str) -> argparse._SubParsersAction:
    parser = subparsers.add_parser(name, help=help_text, description=help_text)
    kinds = parser.add_subparsers(dest=f"{name}_kind", metavar="KIND", required=True)
    parser.fujiang_subcommands = kinds  # type: ignore[attr-defined]
    return kinds


# ---------------------------------------------------------------------------------------------------
# Shared by the command groups


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _progress_printer(ctx: CliContext) -> Callable[[int, int], None]:
    def show(done: int, total: int) -> None:
        percent = 100 * done // total if total else 100
        text = translate("cli", "Generating demo data {percent}%").format(percent=f"{percent:3d}")
        ctx.stderr.write("\r" + text)
        ctx.stderr.flush()

    return show


def _table_label(table: str) -> str:
    labels = {
        "operators": translate("cli", "operators"),
        "plots": translate("cli", "plots"),
        "crops": translate("cli", "crops"),
        "markets": translate("cli", "markets"),
        "buyers": translate("cli", "buyers"),
        "harvests": translate("cli", "harvests"),
        "shipments": translate("cli", "shipments"),
        "shipment_lines": translate("cli", "shipment lines"),
        "payments": translate("cli", "payments"),
        "certificates": translate("cli", "certificates"),
        "audit_log": translate("cli", "audit entries"),
    }
    return labels.get(table, table)


def _table(rows: Sequence[Sequence[str]], align: str, header: bool = False) -> str:
    """Rows as aligned text columns (CJK characters count double), indented two spaces."""
    from db.documents.exporting import display_width

    widths = [max(display_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        cells = []
        for i, text in enumerate(row):
            pad = " " * (widths[i] - display_width(text))
            cells.append(text + pad if align[i] == "l" else pad + text)
        lines.append("  " + "  ".join(cells).rstrip())
        if header and n == 0:
            lines.append("  " + "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _output_format(args: argparse.Namespace, choices: Sequence[str]) -> str:
    if args.format:
        return args.format
    suffix = args.output.suffix.lower().lstrip(".")
    if suffix in choices:
        return suffix
    raise DomainError(
        translate("cli", "Give --format {choices}, or a file name ending in one of them.").format(
            choices="|".join(choices)
        )
    )


# ---------------------------------------------------------------------------------------------------
# The parser and main()

# The built-in groups, registered before _COMMAND_MODULES (whose groups may add kinds to theirs).
_BUILTIN_MODULES: tuple[str, ...] = ("app.cli.demo", "app.cli.stats", "app.cli.export")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fujiang",
        description=translate(
            "cli",
            "Fujiang vegetable park tracker. Without a command, opens the desktop app. "
            "The database is --db, else $FUJIANG_DB, else fujiang.db in the data folder.",
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"fujiang {version()}",
        help=translate("cli", "show the program's version and exit"),
    )
    parser.add_argument("--db", metavar="PATH", help=translate("cli", "database file"))
    # For the install checks (tools/smoke.sh): open the window, print what it shows, close it.
    parser.add_argument("--smoke-test", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        help=translate("cli", "language of messages and exported titles (default zh_CN)"),
    )
    parser.set_defaults(handler=None)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in (*_BUILTIN_MODULES, *_COMMAND_MODULES):
        importlib.import_module(module_name).register(subparsers)
    return parser


def _language_of(argv: Sequence[str]) -> str:
    """--lang's value, read before parsing so argparse speaks it; a wrong value is left for the full
    parser to report (in the default language), without a second usage line from this look."""
    value = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (the console script passes it to sys.exit)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    language = _language_of(argv)
    try:
        translator = load_translator(language)
    except resources.MissingResourceError:
        translator = None  # reported just below, in English then
    token = _TRANSLATOR.set(translator)
    try:
        try:
            resources.check()  # a missing font or translation is an error, never a silent fallback
        except resources.MissingResourceError as exc:
            print(incomplete_installation(exc), file=sys.stderr)
            return EXIT_USER_ERROR
        try:
            with argparse_in(translate):
                args = build_parser().parse_args(argv)
        except SystemExit as exc:  # --help (0) or wrong usage (2); argparse has printed why
            return exc.code if isinstance(exc.code, int) else EXIT_USAGE
        if args.handler is None:
            args.handler = _open_desktop_app
        ctx = CliContext(args.db, language, sys.stdout, sys.stderr, argv)
        try:
            with _scratch_session(ctx):
                return _run(args, ctx)
        finally:
            ctx.close()
    finally:
        _TRANSLATOR.reset(token)


@contextlib.contextmanager
def _scratch_session(ctx: CliContext):
    """Leftovers of killed runs removed; temporary files in the program's own folder meanwhile."""
    from app import scratch

    try:
        db_path = ctx.db_path
    except OSError:
        db_path = None
    with scratch.session(db_path):
        yield


def _open_desktop_app(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.main import main as gui_main  # imported here: headless commands never load widgets

    extra = {"smoke_test": True} if args.smoke_test else {}  # the install checks only
    return gui_main(
        None, db_path=Path(args.db).expanduser() if args.db else None, language=args.lang, **extra
    )


def _run(args: argparse.Namespace, ctx: CliContext) -> int:
    handler: Handler = args.handler
    try:
        code = handler(args, ctx)
        return EXIT_OK if code is None else code
    except DomainError as exc:
        ctx.err(translate("cli", "Error: {message}").format(message=_one_line(exc)))
    except sqlite3.OperationalError as exc:
        if not _is_environment_problem(exc):
            _report_unexpected(exc, ctx)
            return EXIT_USER_ERROR
        full = _full_folder(exc, ctx.db_path)
        if full is not None:
            ctx.err(
                translate(
                    "cli",
                    "Error: the temporary folder {folder} is full (the database itself has room). "
                    "Free space there and try again; nothing was written.",
                ).format(folder=full)
            )
            return EXIT_USER_ERROR
        text = str(exc).lower()
        if "readonly" in text or "read-only" in text:
            advice = translate(
                "cli",
                "Error: {path}: {message}. The database file or its folder is read-only; make it "
                "writable, or copy the database to a folder you may write to. Nothing was written.",
            )
        elif "full" in text or "disk" in text:
            advice = translate(
                "cli", "Error: {path}: {message}. Free disk space and try again; nothing was written."
            )
        else:
            advice = translate(
                "cli",
                "Error: {path}: {message}. Close the program that holds it, or free disk space, and "
                "try again; nothing was written.",
            )
        ctx.err(advice.format(path=ctx.db_path, message=str(exc)))
    except BrokenPipeError:
        _silence_stdout()  # the reader went away (fujiang stats | head); nothing to report
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        ctx.err(translate("cli", "Error: {message}").format(message=f"{where}{exc.strerror or exc}"))
    except KeyboardInterrupt:
        ctx.err(translate("cli", "Interrupted; nothing more was written."))
        return EXIT_INTERRUPTED
    except Exception as exc:
        _report_unexpected(exc, ctx)
    return EXIT_USER_ERROR


def _full_folder(exc: sqlite3.OperationalError, db_path: Path) -> str | None:
    """The temporary folder, when SQLite's "disk is full" came from it and not from the database's disk."""
    if "full" not in str(exc).lower():
        return None
    import shutil
    import tempfile

    # SQLite's own order of temporary folders (os_unix.c unixTempFileDir).
    candidates = [os.environ.get("SQLITE_TMPDIR"), os.environ.get("TMPDIR"), "/var/tmp", "/usr/tmp", "/tmp"]
    if os.name == "nt":
        candidates = [tempfile.gettempdir()]
    folder = next((c for c in candidates if c and os.path.isdir(c)), tempfile.gettempdir())
    try:
        if os.stat(folder).st_dev == os.stat(db_path.parent).st_dev:
            return None  # one disk: the database's (two free-space readings differ under load)
        database_free = shutil.disk_usage(db_path.parent).free
        temp_free = shutil.disk_usage(folder).free
    except OSError:
        return None
    # SQLite sorts and builds big results in temporary files; a database disk with room left
    # (more than a few MB) and a temp folder without it means the temp folder filled up.
    return folder if database_free > 8 * 2**20 and temp_free < database_free else None


def _is_environment_problem(exc: sqlite3.OperationalError) -> bool:
    """A locked, read-only or full database: the person can fix it; a bad query they cannot."""
    text = str(exc).lower()
    return any(word in text for word in ("locked", "busy", "readonly", "read-only", "disk", "full"))


def _report_unexpected(exc: BaseException, ctx: CliContext) -> None:
    log = _log_failure(exc, ctx.argv)
    where = (
        translate("cli", "details are in {log}").format(log=log)
        if log
        else translate("cli", "the log could not be written")
    )
    ctx.err(
        translate("cli", "Unexpected error ({kind}: {message}); {where}.").format(
            kind=type(exc).__name__, message=_one_line(exc), where=where
        )
    )


def _silence_stdout() -> None:
    # Point stdout at devnull so the interpreter's final flush does not fail a second time.
    with contextlib.suppress(Exception):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def message_text(value: object) -> str:
    """A message or exception in the CLI's language: db.i18n.Text is translated ('db' context)."""
    if isinstance(value, BaseException):
        return tr_error(value, _TRANSLATOR.get())
    return tr_message(value, _TRANSLATOR.get())


def _one_line(exc: BaseException) -> str:
    return " ".join(message_text(exc).split()) or type(exc).__name__


def _log_failure(exc: BaseException, argv: Sequence[str]) -> Path | None:
    """Append the traceback to the log file; returns its path, or None if it cannot be written."""
    try:
        log = paths.log_path()
        stamp = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
        with log.open("a", encoding="utf-8") as fh:
            fh.write(f"--- {stamp} fujiang {' '.join(argv)}\n")
            fh.write("".join(traceback.format_exception(exc)))
        return log
    except Exception:
        return None
