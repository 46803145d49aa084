"""Command-line check of a scanned certificate QR code and the park's public key.

fujiang verify TEXT          genuine / genuine but void / forged (exit 0 only when genuine)
fujiang verify -             the text from standard input (a scanner's output, several lines)
fujiang verify --public-key  print the park's public key (PEM) and its fingerprint
"""

from __future__ import annotations

import argparse
import sys

from app.cli import EXIT_OK, EXIT_USER_ERROR, CliContext, message_text, translate


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "verify",
        help=translate("cli", "check a scanned certificate QR code: genuine, void or forged"),
        description=translate(
            "cli",
            "Check the text of a certificate's QR code (as a scanner app shows it) against the park's "
            "public key and the certificate register: genuine, genuine but void, or forged. Give the "
            "text in quotes, or - to read it from standard input. Exit 0 only when genuine.",
        ),
    )
    parser.add_argument("text", nargs="?", metavar="TEXT", help=translate("cli", "the scanned text, or -"))
    parser.add_argument(
        "--public-key",
        action="store_true",
        help=translate("cli", "print the park's public key (PEM) to give to markets and inspectors"),
    )
    parser.set_defaults(handler=handle_verify)


def handle_verify(args: argparse.Namespace, ctx: CliContext) -> int:
    from db.certification import signing

    store = ctx.store()
    if args.public_key:
        key = signing.public_key(store.path)
        if key is None:
            ctx.err(translate("cli", "This database has no park key yet: no certificate was printed."))
            return EXIT_USER_ERROR
        ctx.out(signing.public_pem(key).rstrip())
        ctx.out(translate("cli", "Fingerprint: {fingerprint}").format(fingerprint=signing.fingerprint(key)))
        return EXIT_OK
    text = sys.stdin.read() if args.text in (None, "-") else args.text
    # A shell argument carries the scanner's line breaks as typed; '\n' written out is accepted too.
    if "\n" not in text and "\\n" in text:
        text = text.replace("\\n", "\n")
    verdict = signing.verify(store, text)
    ctx.out(message_text(verdict.message))
    for label, value in verdict.fields:
        ctx.out(f"  {label}: {value}")
    return EXIT_OK if verdict.genuine else EXIT_USER_ERROR
