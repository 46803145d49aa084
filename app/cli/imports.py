"""The `import` commands: CSV or XLSX files into the database, every problem listed, all or nothing."""

from __future__ import annotations

import argparse
import contextlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli import (
    EXIT_OK,
    EXIT_USAGE,
    EXIT_USER_ERROR,
    CliContext,
    _group,
    _output_format,
    force_arg,
    message_text,
    translate,
)
from app.cli import texts as cli_texts
from db.errors import DomainError

MAX_MAPPING_BYTES = 1024 * 1024

if TYPE_CHECKING:
    from db.importing import ImportFailed  # loaded when a command runs (start-up stays light)


def register(subparsers: argparse._SubParsersAction) -> None:
    kinds = _group(subparsers, "import", translate("cli", "read data from CSV or XLSX files"))
    parser = kinds.add_parser(
        "shipments",
        help=translate("cli", "shipments: the layout of 'export shipments', or a clerk's own sheet"),
        description=translate(
            "cli",
            "Read shipments, one row per line, grouped by weighing ticket. Titles in Chinese or "
            "English and their usual variants (重量(斤), 单价(元/斤), 车号, 单号 …) are recognised in any "
            "order; other columns are ignored and listed. Every problem is listed (row, column, value, "
            "reason) and nothing is written unless the whole file is correct. An exact repeat of a "
            "row is skipped and counted. Warnings (price 0, a price far outside the crop's range, the "
            "same truck weighed twice within the hour, a weight estimated from a count of bags, crates "
            "or bundles such as 3袋 through the crop's pack weight, a deduction given once or the same "
            "on every row of a ticket, read as the truck's and shared by weight) stop the import until "
            "--accept-warnings is given.",
        ),
    )
    _file_arguments(parser)
    parser.set_defaults(handler=handle_import_shipments, import_parser=parser)
    descriptions = {
        "harvests": (
            translate("cli", "harvest lots: date, operator, plot, crop, grade, weight"),
            translate(
                "cli",
                "Read harvest lots in the layout 'export harvests' writes, or with the usual Chinese "
                "or English titles in any order. A blank lot code gets a new one. Operators, plots and "
                "crops must be known: the unknown ones are listed, never created. A weight given as a "
                "count of bags, crates or bundles (3袋, 12筐, 5捆) becomes the count × the crop's pack "
                "weight, marked as estimated: a warning to accept with --accept-warnings. So are a row "
                "equal to a stored harvest or to another row (duplicate), a plot's day of harvest above "
                "2,000 斤 per 亩 of its area or a row above 40 t without one (harvest_yield), and a date "
                "after today (future_date). A row marked as the template's example is skipped.",
            ),
        ),
        "payments": (
            translate("cli", "payments from buyers: date, buyer, amount, method"),
            translate(
                "cli",
                "Read payments in the layout 'export payments' writes, or with the usual Chinese or "
                "English titles in any order. Buyers must be known: the unknown ones are listed, never "
                "created. A reference (bank transfer number) already stored, or twice in the file, is a "
                "problem. Warnings to accept with --accept-warnings: a row equal to a stored payment or "
                "to another row (duplicate), an amount above ¥5,000,000 or above what the buyer owes "
                "plus ¥20,000 (payment_amount), a date after today (future_date). A row marked as the "
                "template's example is skipped.",
            ),
        ),
    }
    for kind, (help_text, description) in descriptions.items():
        parser = kinds.add_parser(kind, help=help_text, description=description)
        _file_arguments(parser)
        parser.set_defaults(handler=handle_import_records, import_kind=kind, import_parser=parser)
    masters = {
        "operators": translate("cli", "operators (经营主体): name, kind, side, town, credit code …"),
        "plots": translate("cli", "plots (地块) of known operators"),
        "buyers": translate("cli", "buyers (客商): name, kind, phone, usual market, plates"),
        "markets": translate("cli", "destination markets: name, district, city, aliases"),
        "crops": translate("cli", "crops: name, English name, season, usual price range, aliases"),
    }
    for kind, help_text in masters.items():
        description = translate(
            "cli",
            "Add {kind} from a file in the layout 'export {kind}' writes (Chinese or English titles, any "
            "order). A name already in the database is a problem: an import only adds, it never changes "
            "a record. Nothing is written unless the whole file is correct.",
        ).format(kind=kind)
        parser = kinds.add_parser(kind, help=help_text, description=description)
        _file_arguments(parser, warnings=False)
        parser.set_defaults(handler=handle_import_records, import_kind=kind)
    _register_export(subparsers)
    _register_template(subparsers)


def _register_export(subparsers: argparse._SubParsersAction) -> None:
    group = subparsers.choices.get("export")
    kinds = getattr(group, "fujiang_subcommands", None)
    if kinds is None:
        return
    for kind, help_text in (
        ("harvests", translate("cli", "one row per harvest lot, in the layout 'import harvests' reads")),
        ("payments", translate("cli", "one row per payment, in the layout 'import payments' reads")),
        ("operators", translate("cli", "every operator, in the layout 'import operators' reads")),
        ("plots", translate("cli", "every plot, in the layout 'import plots' reads")),
        ("buyers", translate("cli", "every buyer, in the layout 'import buyers' reads")),
        ("markets", translate("cli", "every market, in the layout 'import markets' reads")),
        ("crops", translate("cli", "every crop, in the layout 'import crops' reads")),
    ):
        parser = kinds.add_parser(kind, help=help_text, description=help_text)
        parser.add_argument(
            "--format",
            choices=("csv", "xlsx"),
            help=translate("cli", "file format (default: from the -o file name)"),
        )
        parser.add_argument(
            "-o", "--output", required=True, type=Path, metavar="FILE", help=translate("cli", "file to write")
        )
        force_arg(parser)
        parser.set_defaults(handler=handle_export_kind, export_kind=kind)


def _register_template(subparsers: argparse._SubParsersAction) -> None:
    from db.documents.templates import TEMPLATE_KINDS

    parser = subparsers.add_parser(
        "template",
        help=translate("cli", "write a blank workbook to fill in for an import"),
        description=translate(
            "cli",
            "Write a workbook with the titles of KIND, an example row and a sheet of notes explaining "
            "each column, to fill in and read back with 'import KIND'.",
        ),
    )
    parser.add_argument("kind", choices=TEMPLATE_KINDS, metavar="KIND", help=", ".join(TEMPLATE_KINDS))
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        type=Path,
        metavar="FILE.xlsx",
        help=translate("cli", "file to write"),
    )
    force_arg(parser)
    parser.set_defaults(handler=handle_template)


def handle_export_kind(args: argparse.Namespace, ctx: CliContext) -> int:
    from db.documents import layouts, master_layouts

    fmt = _output_format(args, ("csv", "xlsx"))
    store = ctx.store()
    target = ctx.output(args.output, args.force)
    if args.export_kind in master_layouts.MASTER_KINDS:
        n = master_layouts.export_master(store, args.export_kind, target, fmt, ctx.language)
    else:
        n = layouts.export_kind(store.db, args.export_kind, target, fmt, ctx.language)
    ctx.out(translate("cli", "Exported {rows} to {path}.").format(rows=cli_texts.rows(n), path=args.output))
    return EXIT_OK


def handle_template(args: argparse.Namespace, ctx: CliContext) -> int:
    from db.documents import templates

    templates.write_template(args.kind, ctx.output(args.output, args.force), ctx.language, message_text)
    kind = cli_texts.kind_name(args.kind)
    ctx.out(translate("cli", "Wrote the {kind} template to {path}.").format(kind=kind, path=args.output))
    return EXIT_OK


def handle_import_records(args: argparse.Namespace, ctx: CliContext) -> int:
    from db import importing

    if hasattr(args, "accept_warnings") and (wrong := accepted_warnings(args)) is not None:
        return wrong
    mapping = read_mapping(args.mapping)
    store = ctx.store()
    try:
        run = (
            importing.import_masters
            if args.import_kind in importing.MASTER_KINDS
            else importing.import_records
        )
        accept = {"accept_warnings": args.accept_warnings} if hasattr(args, "accept_warnings") else {}
        result = run(
            store,
            args.import_kind,
            args.file,
            dry_run=args.dry_run,
            sheet=args.sheet,
            mapping=mapping,
            before_write=getattr(args, "before_write", None),
            **accept,
        )
    except importing.WarningsNotAccepted as refused:
        return _warnings_refused(args, ctx, refused)
    except importing.ImportFailed as failed:
        return _import_failed(args, ctx, failed)
    notes = _notes(result)
    _print_notes(ctx, notes)
    _write_errors(args, ctx, notes)
    if args.dry_run:
        message = translate("cli", "{path} is correct: {records} (nothing written).")
    else:
        message = translate("cli", "Imported {records} from {path}.")
    ctx.out(message.format(path=args.file, records=cli_texts.records(len(result.records))))
    return EXIT_OK


def _import_failed(args: argparse.Namespace, ctx: CliContext, failed: ImportFailed) -> int:
    """Every problem on stderr (and in --errors), the names that matched nothing; nothing written."""
    entries = [("problem", p) for p in failed.problems]
    if failed.result is not None:
        entries += _notes(failed.result)
    for problem in failed.problems:
        ctx.err(problem_text(problem))
    if failed.result is not None:
        _print_unknown(ctx, failed.result.unknown)
    _write_errors(args, ctx, entries)
    ctx.err(
        translate("cli", "{path}: {problems} to fix; nothing was imported.").format(
            path=args.file, problems=cli_texts.problems(len(failed.problems))
        )
    )
    return EXIT_USER_ERROR


def _print_unknown(ctx: CliContext, unknown: dict[str, list[str]]) -> None:
    """The names that matched nothing, by kind: to be added (or corrected) before importing again."""
    labels = {
        "operator": translate("cli", "Unknown operators"),
        "crop": translate("cli", "Unknown crops"),
        "buyer": translate("cli", "Unknown buyers"),
        "market": translate("cli", "Unknown markets"),
        "plot": translate("cli", "Unknown plots"),
    }
    for key, names in unknown.items():
        ctx.err(
            translate("cli", "{label} (add them first, or correct the file): {names}").format(
                label=labels.get(key, key), names=", ".join(names)
            )
        )


def _file_arguments(parser: argparse.ArgumentParser, warnings: bool = True) -> None:
    # With --accept-warnings, FILE is optional to argparse: '--accept-warnings FILE' gives the option
    # the file's name, and accepted_warnings() gives it back (see there)
    parser.add_argument(
        "file",
        type=Path,
        nargs="?" if warnings else None,
        metavar="FILE",
        help=translate("cli", "CSV or XLSX file"),
    )
    parser.add_argument(
        "--dry-run", action="store_true", help=translate("cli", "check the file only; write nothing")
    )
    parser.add_argument(
        "--sheet", metavar="NAME", help=translate("cli", "the workbook sheet to read (default: the first)")
    )
    parser.add_argument(
        "--mapping",
        type=Path,
        metavar="FILE",
        help=translate(
            "cli",
            'a JSON file mapping the file\'s column titles to fields, e.g. {"重量(斤)": "net_kg", '
            '"备注": null}',
        ),
    )
    parser.add_argument(
        "--errors",
        type=Path,
        metavar="FILE.csv",
        help=translate("cli", "also write every problem and warning to this CSV file (for Excel)"),
    )
    force_arg(parser)
    if warnings:
        from db.importing import WARNING_KINDS

        parser.add_argument(
            "--accept-warnings",
            nargs="?",
            const=True,
            default=False,
            metavar="KIND,…",
            help=translate(
                "cli",
                "import although the file has warnings (they are kept in the audit log): all of them, "
                "or only those of the kinds named, separated by commas: {kinds}",
            ).format(kinds=", ".join(WARNING_KINDS)),
        )


def accepted_warnings(args: argparse.Namespace) -> int | None:
    """Settle FILE and --accept-warnings [KIND,…]: args.accept_warnings becomes True (every kind) or
    the kinds named. '--accept-warnings FILE' (the option before the file, no kinds) accepts every
    kind of FILE. Returns EXIT_USAGE, having said why, for an unknown kind or no FILE."""
    from db.importing import WARNING_KINDS

    value = args.accept_warnings
    if isinstance(value, str):
        kinds = frozenset(k.strip() for k in value.replace("，", ",").split(",") if k.strip())
        unknown = sorted(kinds - {"all", *WARNING_KINDS})
        if unknown and args.file is None:
            args.file, value = Path(value), True
        elif unknown or not kinds:
            message = translate("cli", "unknown kind of warning {kinds}; the kinds are all, {known}")
            return _usage_error(
                args, message.format(kinds=", ".join(unknown) or "''", known=", ".join(WARNING_KINDS))
            )
        else:
            value = True if "all" in kinds else kinds
        args.accept_warnings = value
    if args.file is None:
        return _usage_error(args, translate("cli", "which file? Give the CSV or XLSX file to read."))
    return None


def _usage_error(args: argparse.Namespace, message: str) -> int:
    """What argparse does for wrong usage (the usage, then the message), as an exit code."""
    from app.cli.arguments import argparse_in

    with argparse_in(translate), contextlib.suppress(SystemExit):
        args.import_parser.error(message)
    return EXIT_USAGE


def read_mapping(path: Path | None) -> dict[str, str | None] | None:
    """The --mapping file: a JSON object of column title → field (or null to ignore the column)."""
    if path is None:
        return None
    try:
        if path.stat().st_size > MAX_MAPPING_BYTES:
            raise DomainError(translate("cli", "{path} is too big for a mapping file.").format(path=path))
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise DomainError(
            translate("cli", "cannot read {path}: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DomainError(
            translate("cli", "{path} is not a JSON mapping ({reason}).").format(path=path, reason=exc)
        ) from exc
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and (v is None or isinstance(v, str)) for k, v in data.items()
    ):
        raise DomainError(
            translate(
                "cli",
                '{path} must hold one JSON object of column title → field name, e.g. {{"重量(斤)": "net_kg"}}.',
            ).format(path=path)
        )
    return data


def problem_text(problem: Any) -> str:
    """One import problem as one line in the CLI's language."""
    message = message_text(problem.message)
    if problem.row is None:
        if problem.column:
            return translate("cli", "{column}: {message}").format(column=problem.column, message=message)
        return message
    if not problem.column:
        return translate("cli", "row {row}: {message}").format(row=problem.row, message=message)
    if problem.value:
        return translate("cli", "row {row}, {column} '{value}': {message}").format(
            row=problem.row, column=problem.column, value=problem.value, message=message
        )
    return translate("cli", "row {row}, {column}: {message}").format(
        row=problem.row, column=problem.column, message=message
    )


def _notes(result: Any) -> list[tuple[str, Any]]:
    """What a check found besides problems: (kind, entry) for ignored columns, duplicates, warnings."""
    from db.importing import ImportProblem

    notes: list[tuple[str, Any]] = []
    for title in getattr(result, "ignored_columns", []):
        notes.append(("ignored", ImportProblem(None, title, "", translate("cli", "column ignored"))))
    for row, first, ticket in getattr(result, "duplicates", []):
        message = translate("cli", "an exact repeat of row {first} of ticket {ticket}; skipped").format(
            first=first, ticket=ticket
        )
        notes.append(("duplicate", ImportProblem(row, "", "", message)))
    for row in getattr(result, "examples", []):
        message = translate("cli", "the template's example row; skipped")
        notes.append(("example", ImportProblem(row, "", "", message)))
    for warning in getattr(result, "warnings", []):
        notes.append(("warning", warning))
    return notes


def _kind_label(kind: str) -> str:
    return {
        "problem": translate("cli", "problem"),
        "warning": translate("cli", "warning"),
        "duplicate": translate("cli", "duplicate"),
        "ignored": translate("cli", "ignored"),
        "example": translate("cli", "example"),
    }[kind]


def _write_errors(args: argparse.Namespace, ctx: CliContext, entries: list[tuple[str, Any]]) -> None:
    """--errors: every problem, warning, duplicate and ignored column, as CSV for Excel (UTF-8 BOM)."""
    if args.errors is None:
        return
    from db.documents import exporting

    header = [
        translate("cli", "kind"),
        translate("cli", "row"),
        translate("cli", "column"),
        translate("cli", "value"),
        translate("cli", "message"),
    ]
    rows = [
        [_kind_label(kind), "" if p.row is None else str(p.row), p.column, p.value, message_text(p.message)]
        for kind, p in entries
    ]
    # a list to read, never imported back: the injection guard only for a text that could be a formula
    exporting.write_csv(ctx.output(args.errors, args.force), header, rows, round_trip=False)
    ctx.err(translate("cli", "The list is in {path}.").format(path=args.errors))


def _print_notes(ctx: CliContext, notes: list[tuple[str, Any]]) -> None:
    for kind, entry in notes:
        ctx.err(translate("cli", "{kind}: {text}").format(kind=_kind_label(kind), text=problem_text(entry)))


def _warnings_refused(args: argparse.Namespace, ctx: CliContext, refused: Any) -> int:
    """A correct file with warnings nobody accepted: each listed, and how to accept them."""
    notes = _notes(refused.result) if refused.result is not None else []
    _print_notes(ctx, notes)
    _write_errors(args, ctx, notes)
    ctx.err(
        translate(
            "cli", "Kinds of warnings found: {kinds} (accept only some with --accept-warnings {kinds})."
        ).format(kinds=",".join(_kinds_of(refused.problems)))
    )
    ctx.err(
        translate(
            "cli",
            "{path}: {warnings}. Correct the file, or if every one is right, import it again "
            "with --accept-warnings. Nothing was imported.",
        ).format(path=args.file, warnings=cli_texts.warnings(len(refused.problems)))
    )
    return EXIT_USER_ERROR


def _kinds_of(warnings: Any) -> list[str]:
    return list(dict.fromkeys(getattr(w, "kind", "") for w in warnings if getattr(w, "kind", "")))


def handle_import_shipments(args: argparse.Namespace, ctx: CliContext) -> int:
    from db import importing

    if (wrong := accepted_warnings(args)) is not None:
        return wrong
    mapping = read_mapping(args.mapping)
    store = ctx.store()
    try:
        result = importing.import_shipments(
            store,
            args.file,
            dry_run=args.dry_run,
            sheet=args.sheet,
            mapping=mapping,
            accept_warnings=args.accept_warnings,
            before_write=getattr(args, "before_write", None),
        )
    except importing.WarningsNotAccepted as refused:
        return _warnings_refused(args, ctx, refused)
    except importing.ImportFailed as failed:
        return _import_failed(args, ctx, failed)
    notes = _notes(result)
    _print_notes(ctx, notes)
    _write_errors(args, ctx, notes)
    if args.dry_run:
        message = translate("cli", "{path} is correct: {shipments}, {lines} (nothing written).")
    else:
        message = translate("cli", "Imported {shipments} ({lines}) from {path}.")
    counts = {"shipments": cli_texts.shipments(len(result.shipments)), "lines": cli_texts.lines(result.lines)}
    ctx.out(message.format(path=args.file, **counts))
    if result.duplicates:
        n = len(result.duplicates)
        skipped = (
            translate("cli", "1 repeated row skipped.")
            if n == 1
            else translate("cli", "{n} repeated rows skipped.")
        )
        ctx.out(skipped.format(n=f"{n:,}"))
    return EXIT_OK
