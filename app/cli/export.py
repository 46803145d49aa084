"""Command line: `fujiang export shipments` writes shipment lines to CSV or XLSX."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli import EXIT_OK, CliContext, _date_arg, _group, _output_format, force_arg, translate
from db.errors import DomainError


def register(subparsers: argparse._SubParsersAction) -> None:
    kinds = _group(subparsers, "export", translate("cli", "write data to CSV or XLSX files"))
    parser = kinds.add_parser(
        "shipments",
        help=translate("cli", "one row per shipment line"),
        description=translate(
            "cli",
            "One row per shipment line: date, ticket, buyer, market, plate, operator, crop, grade, "
            "net kg, price 元/公斤 (settled if set, else agreed), amount 元. CSV is UTF-8 with BOM "
            "and exact plain decimals; XLSX has native numbers and dates. Column titles follow --lang.",
        ),
    )
    parser.add_argument(
        "--format",
        choices=("csv", "xlsx"),
        help=translate("cli", "file format (default: from the -o file name)"),
    )
    parser.add_argument(
        "--from",
        dest="date_from",
        type=_date_arg,
        metavar="DATE",
        help=translate("cli", "first day (inclusive)"),
    )
    parser.add_argument(
        "--to", dest="date_to", type=_date_arg, metavar="DATE", help=translate("cli", "last day (inclusive)")
    )
    parser.add_argument(
        "-o", "--output", required=True, type=Path, metavar="FILE", help=translate("cli", "file to write")
    )
    force_arg(parser)
    parser.set_defaults(handler=handle_export_shipments)


def handle_export_shipments(args: argparse.Namespace, ctx: CliContext) -> int:
    from db.documents import exporting

    fmt = _output_format(args, exporting.EXPORT_FORMATS)
    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise DomainError(
            translate("cli", "--from {start} is after --to {end}.").format(
                start=args.date_from, end=args.date_to
            )
        )
    store = ctx.store()
    target = ctx.output(args.output, args.force)
    n = exporting.export_shipments(store.db, target, fmt, args.date_from, args.date_to, ctx.language)
    ctx.out(translate("cli", "Exported {n} shipment lines to {path}.").format(n=n, path=args.output))
    return EXIT_OK
