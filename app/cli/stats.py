"""Command line: `fujiang stats` prints the park's record counts and trade totals."""

from __future__ import annotations

import argparse
import json
from decimal import Decimal
from typing import Any

from app.cli import EXIT_OK, CliContext, _table, _table_label, translate
from db import units


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "stats",
        help=translate("cli", "record counts and tonnes per year, operator and market"),
        description=translate(
            "cli",
            "Record counts per table; harvested and shipped tonnes per year, per operator and per "
            "market. With --json: weights as integer grams (*_g) and as exact decimal tonnes "
            "(*_t, strings); money as integer fen (*_fen) and exact 元 (*_yuan, strings).",
        ),
    )
    parser.add_argument("--json", action="store_true", help=translate("cli", "machine-readable JSON"))
    parser.set_defaults(handler=handle_stats)


def _exact(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def collect_stats(db: Any) -> dict[str, Any]:
    """The figures `stats` shows, as JSON-ready data (exact: grams and fen as integers)."""
    from db import queries

    def weight(prefix: str, grams: int) -> dict[str, Any]:
        return {f"{prefix}_g": grams, f"{prefix}_t": _exact(units.tonnes(grams))}

    def money(prefix: str, fen: int) -> dict[str, Any]:
        return {f"{prefix}_fen": fen, f"{prefix}_yuan": units.plain_yuan(fen)}

    years = [
        {
            "year": y.year,
            **weight("harvested", y.harvested_g),
            **weight("shipped", y.shipped_g),
            **money("revenue", y.revenue_fen),
            **money("payments", y.payments_fen),
        }
        for y in queries.yearly_totals(db)
    ]
    by_operator: dict[tuple[int, int | None], dict[str, Any]] = {}
    for kind, prefix in (("harvest", "harvested"), ("shipment", "shipped")):
        for year, key, name, grams in queries.yearly_by(db, kind, "operator"):
            entry = by_operator.setdefault(
                (year, key),
                {
                    "year": year,
                    "operator_id": key,
                    "operator": name,
                    **weight("harvested", 0),
                    **weight("shipped", 0),
                },
            )
            entry.update(weight(prefix, grams))
    operators = sorted(
        by_operator.values(), key=lambda e: (e["year"], -e["harvested_g"], -e["shipped_g"], e["operator"])
    )
    markets = [
        {"year": year, "market_id": key, "market": name, **weight("shipped", grams)}
        for year, key, name, grams in queries.yearly_by(db, "shipment", "market")
    ]
    return {
        "counts": queries.record_counts(db),
        "years": years,
        "operators": operators,
        "markets": markets,
    }


def handle_stats(args: argparse.Namespace, ctx: CliContext) -> int:
    store = ctx.store()
    stats = collect_stats(store.db)
    if args.json:
        ctx.out(json.dumps({"database": str(ctx.db_path), **stats}, ensure_ascii=False, indent=2))
        return EXIT_OK
    ctx.out(translate("cli", "Database: {path}").format(path=ctx.db_path))
    ctx.out()
    ctx.out(translate("cli", "Records"))
    ctx.out(_table([[_table_label(k), f"{n:,}"] for k, n in stats["counts"].items()], align="lr"))
    ctx.out()
    ctx.out(translate("cli", "By year"))
    header = [
        translate("cli", "Year"),
        translate("cli", "Harvested t"),
        translate("cli", "Shipped t"),
        translate("cli", "Revenue (yuan)"),
        translate("cli", "Payments (yuan)"),
    ]
    rows = [
        [
            str(y["year"]),
            units.format_tonnes(y["harvested_g"]),
            units.format_tonnes(y["shipped_g"]),
            units.format_yuan(y["revenue_fen"]),
            units.format_yuan(y["payments_fen"]),
        ]
        for y in stats["years"]
    ]
    ctx.out(
        _table([header, *rows], align="lrrrr", header=True) if rows else translate("cli", "  (no trade yet)")
    )
    if stats["operators"]:
        ctx.out()
        ctx.out(translate("cli", "By operator (t)"))
        header = [
            translate("cli", "Year"),
            translate("cli", "Operator"),
            translate("cli", "Harvested t"),
            translate("cli", "Shipped t"),
        ]
        rows = [
            [
                str(e["year"]),
                e["operator"],
                units.format_tonnes(e["harvested_g"]),
                units.format_tonnes(e["shipped_g"]),
            ]
            for e in stats["operators"]
        ]
        ctx.out(_table([header, *rows], align="llrr", header=True))
    if stats["markets"]:
        ctx.out()
        ctx.out(translate("cli", "By market (t)"))
        header = [translate("cli", "Year"), translate("cli", "Market"), translate("cli", "Shipped t")]
        rows = [
            [
                str(e["year"]),
                e["market"] or translate("cli", "(no market recorded)"),
                units.format_tonnes(e["shipped_g"]),
            ]
            for e in stats["markets"]
        ]
        ctx.out(_table([header, *rows], align="llr", header=True))
    return EXIT_OK
