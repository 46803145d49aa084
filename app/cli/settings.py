"""`fujiang settings`: the park's details printed on every document (db/organisation.py).

fujiang settings                      print them
fujiang settings --name … --address … --phone … --credit-code … --bank … --account … --objection-days N
                                      change the ones given (checked first: nothing is written when
                                      any is wrong; each change goes to the audit log)
"""

from __future__ import annotations

import argparse
import unicodedata

from app.cli import EXIT_OK, EXIT_USER_ERROR, CliContext, message_text, translate
from db import organisation
from db.documents.exporting import display_width
from db.errors import ValidationError

# option → field of db.organisation.Organisation
OPTIONS = {
    "name": "--name",
    "address": "--address",
    "phone": "--phone",
    "credit_code": "--credit-code",
    "bank": "--bank",
    "account": "--account",
    "objection_days": "--objection-days",
}


def labels() -> dict[str, str]:
    return {
        "name": translate("cli", "Legal name"),
        "address": translate("cli", "Address"),
        "phone": translate("cli", "Phone"),
        "credit_code": translate("cli", "Unified social credit code"),
        "bank": translate("cli", "Bank"),
        "account": translate("cli", "Account number"),
        "objection_days": translate("cli", "Objection period (days)"),
    }


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "settings",
        help=translate("cli", "show or set the park's details printed on every document"),
        description=translate(
            "cli",
            "The park's legal name, address, phone, unified social credit code, bank and account, and "
            "the days a buyer has to object to a statement. Without options: print them. With options: "
            "check and store the ones given (one transaction, written to the audit log).",
        ),
    )
    parser.add_argument("--name", metavar="TEXT", help=translate("cli", "the legal name"))
    parser.add_argument("--address", metavar="TEXT", help=translate("cli", "the address"))
    parser.add_argument("--phone", metavar="TEXT", help=translate("cli", "the phone number"))
    parser.add_argument(
        "--credit-code",
        metavar="CODE",
        help=translate(
            "cli", "the 18-character unified social credit code (its check character is verified)"
        ),
    )
    parser.add_argument("--bank", metavar="TEXT", help=translate("cli", "the bank and branch"))
    parser.add_argument("--account", metavar="DIGITS", help=translate("cli", "the bank account number"))
    parser.add_argument(
        "--objection-days",
        metavar="N",
        help=translate("cli", "days a buyer has to object to a statement (1–365)"),
    )
    parser.set_defaults(handler=handle_settings)


def _print(ctx: CliContext, org: organisation.Organisation) -> None:
    names = labels()
    width = max(display_width(label) for label in names.values())
    for key in organisation.FIELDS:
        value = getattr(org, key)
        pad = " " * (width - display_width(names[key]))
        ctx.out(f"{names[key]}{pad}  {value if value != '' else '—'}")


def handle_settings(args: argparse.Namespace, ctx: CliContext) -> int:
    given = {key: getattr(args, key) for key in OPTIONS if getattr(args, key) is not None}
    if not given:
        store = ctx.store()
        _print(ctx, organisation.load(store.db))
        return EXIT_OK
    if "objection_days" in given:
        text = unicodedata.normalize("NFKC", given["objection_days"]).strip()
        given["objection_days"] = int(text) if text.isascii() and text.isdigit() else text
    store = ctx.store()
    current = organisation.load(store.db)
    try:
        saved = organisation.save(store, current.replace(**given), expected=current)
    except ValidationError as exc:
        for key, message in exc.problems or [("", str(exc))]:
            prefix = f"{OPTIONS[key]}: " if key in OPTIONS else ""
            ctx.err(prefix + message_text(message))
        ctx.err(translate("cli", "Nothing was changed."))
        return EXIT_USER_ERROR
    _print(ctx, saved)
    return EXIT_OK
