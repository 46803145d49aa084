"""Command-line checks and history: `fujiang check [--repair]` and `fujiang audit`.

fujiang check             integrity, references, the domain's invariants and the audit chain;
                          exit 1 when anything is wrong
fujiang check --repair    recompute the daily summaries and shipment totals, then check again
fujiang audit [--since DATE] [--table NAME] [--record ID] [--limit N]
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from app.cli import EXIT_OK, EXIT_USER_ERROR, CliContext, message_text, translate


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check",
        help=translate("cli", "check the database: file, references, weights, summaries, audit log"),
        description=translate(
            "cli",
            "Check the database: SQLite's integrity and foreign-key checks, net = gross − tare, the "
            "lines against each truck, the daily summaries and shipment totals against a recomputation, "
            "buyer balances, certificate numbers and weights, and the audit log's hash chain. Exit 1 "
            "when anything is wrong. --repair recomputes what can be recomputed (the summaries) in one "
            "transaction and checks again.",
        ),
    )
    parser.add_argument(
        "--repair",
        action="store_true",
        help=translate("cli", "recompute the daily summaries and shipment totals, then check again"),
    )
    parser.set_defaults(handler=handle_check)

    audit = subparsers.add_parser(
        "audit",
        help=translate("cli", "list recorded changes: who, when, before → after"),
        description=translate(
            "cli",
            "List the changes in the audit log, oldest first: when, who, what, and each changed field "
            "before → after.",
        ),
    )
    from app.cli import _date_arg, _positive_int

    audit.add_argument(
        "--since", type=_date_arg, metavar="DATE", help=translate("cli", "changes on or after this day")
    )
    audit.add_argument("--table", metavar="NAME", help=translate("cli", "only this table (e.g. shipments)"))
    audit.add_argument(
        "--record", type=_positive_int, metavar="ID", help=translate("cli", "only this record id")
    )
    audit.add_argument(
        "--limit", type=_positive_int, metavar="N", help=translate("cli", "at most N changes (the latest)")
    )
    audit.set_defaults(handler=handle_audit)


def report_lines(report: Any) -> list[str]:
    """The check report as lines of text in the CLI's language."""
    by_check: dict[str, list[Any]] = {}
    for finding in report.findings:
        by_check.setdefault(finding.check, []).append(finding)
    lines = []
    for key, title in report.checks:
        found = by_check.get(key, [])
        mark = translate("cli", "ok") if not found else translate("cli", "PROBLEM")
        lines.append(f"  {mark:8} {message_text(title)}")
        for finding in found:
            lines.append(f"           {message_text(finding.message)}")
            for example in finding.examples:
                lines.append(f"             {example}")
            if finding.count > len(finding.examples) and finding.examples:
                lines.append(
                    "             "
                    + translate("cli", "… and {n} more").format(n=finding.count - len(finding.examples))
                )
    return lines


def handle_check(args: argparse.Namespace, ctx: CliContext) -> int:
    from db.storage import check

    store = ctx.store()
    ctx.out(translate("cli", "Checking {path}").format(path=ctx.db_path))
    report = check.run_check(store.db)
    if args.repair and report.repairable:
        result = check.repair(store)
        ctx.out(
            translate(
                "cli",
                "Repaired: {daily} daily shipment summary row(s), {harvest} daily harvest summary row(s), "
                "{totals} shipment total(s) recomputed.",
            ).format(daily=result.shipment_daily, harvest=result.harvest_daily, totals=result.shipment_totals)
        )
        report = check.run_check(store.db)
    for line in report_lines(report):
        ctx.out(line)
    ctx.out(translate("cli", "Audit log: {n} entries.").format(n=f"{report.audit_entries:,}"))
    if report.ok:
        ctx.out(translate("cli", "Everything is in order."))
        return EXIT_OK
    problems = sum(1 for _ in report.findings)
    if report.repairable:
        ctx.out(
            translate(
                "cli", "{n} problem(s) found. 'fujiang check --repair' recomputes the summaries."
            ).format(n=problems)
        )
    else:
        ctx.out(
            translate(
                "cli",
                "{n} problem(s) found that a repair cannot recompute; restore a backup or correct the "
                "records named above.",
            ).format(n=problems)
        )
    return EXIT_USER_ERROR


def _value(value: Any) -> str:
    if value is None:
        return "∅"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def handle_audit(args: argparse.Namespace, ctx: CliContext) -> int:
    from db.storage import audit

    store = ctx.store()
    changes = audit.changes(
        store.db, since=args.since, table=args.table, record=args.record, latest=args.limit
    )
    actions = {
        "insert": translate("cli", "added"),
        "update": translate("cli", "changed"),
        "delete": translate("cli", "deleted"),
        "archive": translate("cli", "archived"),
        "restore": translate("cli", "restored"),
    }
    for change in changes:
        ctx.out(
            f"{change.at}  {change.user}  {actions.get(change.action, change.action)} {change.table} #{change.row_id}"
        )
        if change.action == "update" or change.action in ("archive", "restore"):
            for name, before, after in change.changed_fields():
                ctx.out(f"    {name}: {_value(before)} → {_value(after)}")
    ctx.out(translate("cli", "{n} change(s).").format(n=len(changes)))
    return EXIT_OK
