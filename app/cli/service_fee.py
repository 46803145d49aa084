"""Command line: the park's service fee on operators' sales (园区服务费), shown or set.

    fujiang service-fee                       shows the setting
    fujiang service-fee --per-tonne 20        20 元 per tonne of payable weight
    fujiang service-fee --percent 1.5         1.5 % of the sales amount
    fujiang service-fee --none                no fee

Operator statements deduct it from the sales and show the rule they applied.
"""

from __future__ import annotations

import argparse

from app.cli import EXIT_OK, CliContext, translate


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "service-fee",
        help=translate("cli", "show or set the park's service fee on operators' sales"),
        description=translate(
            "cli",
            "The park's service fee, deducted from an operator's sales on the operator statement: "
            "per tonne of payable weight, or a percentage of the sales amount, worked out once on "
            "the statement's totals and rounded half up to the fen. Without an option, shows it.",
        ),
    )
    how = parser.add_mutually_exclusive_group()
    how.add_argument(
        "--per-tonne", metavar="YUAN", help=translate("cli", "元 per tonne of payable weight, e.g. 20")
    )
    how.add_argument("--percent", metavar="P", help=translate("cli", "percent of the sales amount, e.g. 1.5"))
    how.add_argument("--none", action="store_true", help=translate("cli", "charge no service fee"))
    parser.set_defaults(handler=handle_service_fee)


def describe(fee) -> str:
    """The setting in one sentence, in the CLI's language."""
    if not fee.charged:
        return translate("cli", "No park service fee is charged.")
    if fee.basis == "per_tonne":
        return translate("cli", "Park service fee: {rate} 元 per tonne of payable weight.").format(
            rate=f"{fee.yuan_per_tonne:,.2f}"
        )
    return translate("cli", "Park service fee: {rate}% of the sales amount.").format(
        rate=f"{fee.percent:.2f}"
    )


def handle_service_fee(args: argparse.Namespace, ctx: CliContext) -> int:
    from db import service_fee

    store = ctx.store()
    if args.per_tonne is not None:
        service_fee.set_service_fee(store, service_fee.per_tonne(args.per_tonne))
    elif args.percent is not None:
        service_fee.set_service_fee(store, service_fee.percent(args.percent))
    elif args.none:
        service_fee.set_service_fee(store, service_fee.NO_FEE)
    ctx.out(describe(service_fee.get_service_fee(store)))
    return EXIT_OK
