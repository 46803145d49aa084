"""Command line: `fujiang demo` fills a new, empty database with the demo park."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli import (
    EXIT_OK,
    EXIT_USER_ERROR,
    CliContext,
    _is_terminal,
    _positive_int,
    _progress_printer,
    message_text,
    translate,
)
from db import units
from db.errors import DomainError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "demo",
        help=translate("cli", "fill a new database with the demo park"),
        description=translate(
            "cli",
            "Fill a new, empty database with the demo park: master data and N years of harvests, "
            "shipments and payments ending yesterday. A database that already holds data is "
            "left untouched.",
        ),
    )
    parser.add_argument(
        "--years",
        type=_positive_int,
        default=3,
        help=translate("cli", "years of trade (default 3; 0 = master data only)"),
    )
    parser.add_argument("--seed", type=int, default=2026, help=translate("cli", "random seed (default 2026)"))
    parser.set_defaults(handler=handle_demo)


def handle_demo(args: argparse.Namespace, ctx: CliContext) -> int:
    from db import demo

    store = ctx.store(create=True)
    progress = _progress_printer(ctx) if _is_terminal(ctx.stderr) else None
    try:
        # generate() runs in one transaction and refuses a database that holds trade data or
        # other master data (the demo's own master data, from --years 0, is kept and reused).
        summary = demo.generate(store, years=args.years, seed=args.seed, progress=progress)
    except DomainError as exc:
        if progress:
            ctx.stderr.write("\n")
        ctx.err(
            translate("cli", "{path}: {message}. Nothing was changed.").format(
                path=ctx.db_path, message=message_text(exc).rstrip(".")
            )
        )
        return EXIT_USER_ERROR
    if progress:
        ctx.stderr.write("\n")
    ctx.out(demo_summary_text(summary, ctx.db_path))
    return EXIT_OK


def demo_summary_text(summary: Any, path: Path) -> str:
    """One line saying what the demo wrote."""
    master = translate(
        "cli", "{operators} operators, {plots} plots, {crops} crops, {markets} markets, {buyers} buyers"
    ).format(
        operators=summary.operators,
        plots=summary.plots,
        crops=summary.crops,
        markets=summary.markets,
        buyers=summary.buyers,
    )
    if not summary.start:
        return translate("cli", "Demo master data written to {path}: {master}.").format(
            path=path, master=master
        )
    return translate(
        "cli",
        "Demo data written to {path}: {master}; {start} to {end}: {harvests} harvests, {shipments} "
        "shipments ({lines} lines, {tonnes} t), {payments} payments, {certificates} certificates.",
    ).format(
        path=path,
        master=master,
        start=summary.start,
        end=summary.end,
        harvests=f"{summary.harvests:,}",
        shipments=f"{summary.shipments:,}",
        lines=f"{summary.shipment_lines:,}",
        tonnes=units.format_tonnes(summary.shipped_g, 0),
        payments=f"{summary.payments:,}",
        certificates=f"{summary.certificates:,}",
    )
