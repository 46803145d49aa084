"""The `import` commands: CSV or XLSX files into the database, every problem listed, all or nothing."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from app.cli import EXIT_OK, EXIT_USER_ERROR, CliContext, _group, force_arg, message_text, translate
from db.errors import DomainError

MAX_MAPPING_BYTES = 1024 * 1024


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
            "same truck weighed twice within the hour) stop the import until --accept-warnings is given.",
        ),
    )
    _file_arguments(parser)
    parser.set_defaults(handler=handle_import_shipments)


def _file_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE", help=translate("cli", "CSV or XLSX file"))
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
    parser.add_argument(
        "--accept-warnings",
        action="store_true",
        help=translate("cli", "import although the file has warnings (they are kept in the audit log)"),
    )


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
    for title in result.ignored_columns:
        notes.append(("ignored", ImportProblem(None, title, "", translate("cli", "column ignored"))))
    for row, first, ticket in result.duplicates:
        message = translate("cli", "an exact repeat of row {first} of ticket {ticket}; skipped").format(
            first=first, ticket=ticket
        )
        notes.append(("duplicate", ImportProblem(row, "", "", message)))
    for warning in result.warnings:
        notes.append(("warning", warning))
    return notes


def _kind_label(kind: str) -> str:
    return {
        "problem": translate("cli", "problem"),
        "warning": translate("cli", "warning"),
        "duplicate": translate("cli", "duplicate"),
        "ignored": translate("cli", "ignored"),
    }[kind]


def _write_errors(args: argparse.Namespace, ctx: CliContext, entries: list[tuple[str, Any]]) -> None:
    """--errors: every problem, warning, duplicate and ignored column, as CSV for Excel (UTF-8 BOM)."""
    if args.errors is None:
        return
    from db import exporting

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
    exporting.write_csv(ctx.output(args.errors, args.force), header, rows)
    ctx.err(translate("cli", "The list is in {path}.").format(path=args.errors))


def _print_notes(ctx: CliContext, notes: list[tuple[str, Any]]) -> None:
    for kind, entry in notes:
        ctx.err(translate("cli", "{kind}: {text}").format(kind=_kind_label(kind), text=problem_text(entry)))


def handle_import_shipments(args: argparse.Namespace, ctx: CliContext) -> int:
    from db import importing

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
        )
    except importing.WarningsNotAccepted as refused:
        notes = _notes(refused.result) if refused.result is not None else []
        _print_notes(ctx, notes)
        _write_errors(args, ctx, notes)
        ctx.err(
            translate(
                "cli",
                "{path}: {n} warning(s). Correct the file, or if every one is right, import it again "
                "with --accept-warnings. Nothing was imported.",
            ).format(path=args.file, n=len(refused.problems))
        )
        return EXIT_USER_ERROR
    except importing.ImportFailed as failed:
        entries = [("problem", p) for p in failed.problems]
        if failed.result is not None:
            entries += _notes(failed.result)
        for problem in failed.problems:
            ctx.err(problem_text(problem))
        _write_errors(args, ctx, entries)
        ctx.err(
            translate("cli", "{path}: {n} problem(s) to fix; nothing was imported.").format(
                path=args.file, n=len(failed.problems)
            )
        )
        return EXIT_USER_ERROR
    notes = _notes(result)
    _print_notes(ctx, notes)
    _write_errors(args, ctx, notes)
    if args.dry_run:
        message = translate(
            "cli", "{path} is correct: {shipments} shipments, {lines} lines (nothing written)."
        )
    else:
        message = translate("cli", "Imported {shipments} shipments ({lines} lines) from {path}.")
    ctx.out(message.format(path=args.file, shipments=len(result.shipments), lines=result.lines))
    if result.duplicates:
        ctx.out(translate("cli", "{n} repeated row(s) skipped.").format(n=len(result.duplicates)))
    return EXIT_OK
