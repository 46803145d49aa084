"""Command-line documents: buyer reports, operator statements, park summaries, certificates and traces.

    fujiang export buyer-report --buyer NAME|ID --from DATE --to DATE --format pdf|xlsx|csv -o FILE
    fujiang export buyer-report --all --from DATE --to DATE --format pdf|xlsx|csv -o DIR
    fujiang export operator-statement --operator NAME|ID --from DATE --to DATE --format … -o FILE
    fujiang export park-summary --month YYYY-MM|--year YYYY --format pdf|xlsx -o FILE
    fujiang certificate --ticket TICKET -o FILE.pdf
    fujiang trace CODE|--lot CODE|--certificate NO|--ticket TICKET|--plot NAME [--format xlsx|csv -o FILE]

Names accept aliases; an unknown name is a user error listing close matches (exit 1).
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Any

from app.cli import EXIT_OK, CliContext, force_arg, message_text, subcommands, translate
from db.errors import DomainError, NotFoundError
from db.storage.outputs import check_target, is_open_database

REPORT_FORMATS = ("pdf", "xlsx", "csv")
SUMMARY_FORMATS = ("pdf", "xlsx")
TRACE_FORMATS = ("xlsx", "csv")


def _date(text: str) -> str:
    from db.parsing import parse_date

    result = parse_date(text)
    if not result.ok:
        raise argparse.ArgumentTypeError(message_text(result.error))
    return result.value.isoformat()


def _month(text: str) -> str:
    if not re.fullmatch(r"(19|20)[0-9]{2}-(0[1-9]|1[0-2])", text.strip()):
        raise argparse.ArgumentTypeError(
            translate("cli", "'{text}' is not a month; write YYYY-MM, e.g. 2026-01").format(text=text)
        )
    return text.strip()


def _year(text: str) -> str:
    if not re.fullmatch(r"(19|20)[0-9]{2}", text.strip()):
        raise argparse.ArgumentTypeError(
            translate("cli", "'{text}' is not a year; write YYYY, e.g. 2026").format(text=text)
        )
    return text.strip()


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the document kinds to `export`, and the `certificate` and `trace` commands."""
    kinds = subcommands(subparsers, "export")
    _register_buyer_report(kinds)
    _register_operator_statement(kinds)
    _register_park_summary(kinds)
    _register_certificate(subparsers)
    _register_trace(subparsers)


def _period_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--from",
        dest="date_from",
        required=True,
        type=_date,
        metavar="DATE",
        help=translate("cli", "first day (inclusive)"),
    )
    parser.add_argument(
        "--to",
        dest="date_to",
        required=True,
        type=_date,
        metavar="DATE",
        help=translate("cli", "last day (inclusive)"),
    )


def _format_arg(parser: argparse.ArgumentParser, choices: tuple[str, ...]) -> None:
    parser.add_argument(
        "--format", choices=choices, help=translate("cli", "file format (default: from the -o file name)")
    )


def _register_buyer_report(kinds: argparse._SubParsersAction) -> None:
    parser = kinds.add_parser(
        "buyer-report",
        help=translate("cli", "a buyer's statement (客商对账单) for a period"),
        description=translate(
            "cli",
            "A buyer's statement for a period: every shipment line, subtotals by crop and market, "
            "payments, opening and closing balance. PDF (A4, with a tonnage chart), XLSX or CSV (the "
            "ledger: each line and payment by date with shipped, received and running balance, month "
            "subtotals and the total, then the balance block: opening, shipped, received, closing). "
            "With --all, one file per buyer into the folder -o.",
        ),
    )
    who = parser.add_mutually_exclusive_group(required=True)
    who.add_argument("--buyer", metavar="NAME|ID", help=translate("cli", "buyer name, alias or id"))
    who.add_argument(
        "--all", action="store_true", help=translate("cli", "every buyer with activity, into a folder")
    )
    _period_args(parser)
    _format_arg(parser, REPORT_FORMATS)
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        type=Path,
        metavar="FILE|DIR",
        help=translate("cli", "file (or folder with --all)"),
    )
    force_arg(parser)
    parser.set_defaults(handler=handle_buyer_report)


def _register_operator_statement(kinds: argparse._SubParsersAction) -> None:
    parser = kinds.add_parser(
        "operator-statement",
        help=translate("cli", "an operator's statement (经营主体结算单) for a period"),
        description=translate(
            "cli",
            "An operator's sales by buyer with deductions and payable weights, the park's service "
            "fee (see 'service-fee') and the net proceeds, with the sales lines and harvests, for a "
            "period, as PDF, XLSX or CSV (the CSV holds the sales lines in the columns of "
            "'export shipments').",
        ),
    )
    parser.add_argument(
        "--operator", required=True, metavar="NAME|ID", help=translate("cli", "operator name, alias or id")
    )
    _period_args(parser)
    _format_arg(parser, REPORT_FORMATS)
    parser.add_argument(
        "-o", "--output", required=True, type=Path, metavar="FILE", help=translate("cli", "file to write")
    )
    force_arg(parser)
    parser.set_defaults(handler=handle_operator_statement)


def _register_park_summary(kinds: argparse._SubParsersAction) -> None:
    parser = kinds.add_parser(
        "park-summary",
        help=translate("cli", "the park's production and sales report (产销月报) for a month or year"),
        description=translate(
            "cli",
            "The park's figures for a month or a year (产销月报/年报), as PDF or XLSX: every operator, "
            "crop and market with trucks, tonnes, share, month on month, year on year, year to date, "
            "sales and average price.",
        ),
    )
    period = parser.add_mutually_exclusive_group(required=True)
    period.add_argument("--month", type=_month, metavar="YYYY-MM", help=translate("cli", "a calendar month"))
    period.add_argument("--year", type=_year, metavar="YYYY", help=translate("cli", "a calendar year"))
    _format_arg(parser, SUMMARY_FORMATS)
    parser.add_argument(
        "-o", "--output", required=True, type=Path, metavar="FILE", help=translate("cli", "file to write")
    )
    force_arg(parser)
    parser.set_defaults(handler=handle_park_summary)


def _register_certificate(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "certificate",
        help=translate("cli", "print a truck's 承诺达标合格证 to PDF (issuing any it still lacks)"),
        description=translate(
            "cli",
            "Write every valid certificate of a shipment to one PDF (A5, stub and carried copies). "
            "Certificates the truck still lacks are issued first: one per co-operative or company "
            "and product on the truck, numbered from the register (use --no-issue to only print).",
        ),
    )
    parser.add_argument(
        "--ticket", required=True, metavar="TICKET", help=translate("cli", "weighing ticket number")
    )
    parser.add_argument(
        "-o", "--output", required=True, type=Path, metavar="FILE.pdf", help=translate("cli", "PDF to write")
    )
    parser.add_argument(
        "--basis",
        action="append",
        choices=("quality_control", "self_test", "commissioned_test"),
        help=translate(
            "cli", "basis of the commitment for new certificates (repeatable; default quality_control)"
        ),
    )
    parser.add_argument(
        "--test-details",
        default="",
        metavar="TEXT",
        help=translate("cli", "test details for new certificates"),
    )
    parser.add_argument(
        "--all-operators",
        action="store_true",
        help=translate("cli", "issue for family farms on the truck too"),
    )
    parser.add_argument(
        "--no-issue", action="store_true", help=translate("cli", "print existing certificates only")
    )
    parser.add_argument(
        "--reissue",
        metavar="REASON",
        help=translate(
            "cli",
            "reissue every certificate that no longer matches the truck (with the current weight), "
            "voiding it for this reason",
        ),
    )
    force_arg(parser)
    parser.set_defaults(handler=handle_certificate)


def _register_trace(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "trace",
        help=translate("cli", "trace produce forward (lot → buyers) or backward (truck → plots)"),
        description=translate(
            "cli",
            "From a harvest lot or a plot: every truck, buyer and market its produce went to. From a "
            "weighing ticket or a certificate: every lot, plot and operator on that truck. One row "
            "per link; written to XLSX or CSV with -o, else printed.",
        ),
    )
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument(
        "code",
        nargs="?",
        metavar="CODE",
        help=translate(
            "cli", "a code recognised from its form: L… lot, HGZ… certificate, B… ticket, else a plot name"
        ),
    )
    what.add_argument("--lot", metavar="CODE", help=translate("cli", "harvest lot code"))
    what.add_argument("--certificate", metavar="NO", help=translate("cli", "certificate number"))
    what.add_argument("--ticket", metavar="TICKET", help=translate("cli", "weighing ticket number"))
    what.add_argument("--plot", metavar="NAME", help=translate("cli", "plot name (or OPERATOR/PLOT)"))
    _format_arg(parser, TRACE_FORMATS)
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help=translate("cli", "file to write"))
    force_arg(parser)
    parser.set_defaults(handler=handle_trace)


# ------------------------------------------------------------------------------------------ helpers


def _fmt(args: argparse.Namespace, choices: tuple[str, ...], path: Path | None = None) -> str:
    if args.format:
        return args.format
    suffix = (path or args.output).suffix.lower().lstrip(".")
    if suffix in choices:
        return suffix
    raise DomainError(
        translate("cli", "Give --format {choices}, or a file name ending in one of them.").format(
            choices="|".join(choices)
        )
    )


def _check_period(args: argparse.Namespace) -> None:
    if args.date_from > args.date_to:
        raise DomainError(
            translate("cli", "--from {start} is after --to {end}.").format(
                start=args.date_from, end=args.date_to
            )
        )


def resolve(repo: Any, text: str, what: str) -> int:
    """The id of a record named by id, name or alias; a user error listing close names otherwise."""
    from db.parsing import NameIndex, normalize_text

    entries = repo.name_entries()
    cleaned = text.strip()
    # An id is ASCII digits once normalised like any typed text (full-width '１' is 1). str.isdigit()
    # alone is not enough: '²' passes it and int() cannot read it.
    digits = normalize_text(cleaned)
    if digits.isascii() and digits.isdigit() and any(rid == int(digits) for rid, _, _ in entries):
        return int(digits)
    found = NameIndex(entries).match(cleaned)
    if found.ok:
        return found.value
    raise NotFoundError(
        translate("cli", "{what}: {problem}").format(
            what=_what(what), problem=message_text(found.error) or cleaned
        )
    )


def _what(key: str) -> str:
    return {"buyer": translate("cli", "buyer"), "operator": translate("cli", "operator")}[key]


def _safe_name(text: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", text).strip("._") or "buyer"


def write_buyer_report(
    store: Any, buyer_id: int, start: str, end: str, fmt: str, path: Path, lang: str
) -> Any:
    """Write one buyer statement in a format; returns the statement written."""
    from db.documents import reports

    st = reports.buyer_statement(store, buyer_id, start, end)
    if fmt == "pdf":
        from app.documents.reports_pdf import buyer_statement_document, write_report_pdf

        write_report_pdf(path, buyer_statement_document(st, lang))
    elif fmt == "xlsx":
        from app.documents.reports_xlsx import buyer_statement_xlsx

        buyer_statement_xlsx(path, st, lang)
    else:
        from app.documents.reports_xlsx import buyer_statement_csv

        buyer_statement_csv(path, st, lang)
    return st


# ------------------------------------------------------------------------------------------ handlers


def handle_buyer_report(args: argparse.Namespace, ctx: CliContext) -> int:
    from db.documents import reports

    _check_period(args)
    store = ctx.store()
    if args.all:
        fmt = args.format or "pdf"
        folder: Path = args.output
        if is_open_database(folder, ctx.db_path):  # a folder named park.db-wal would block SQLite
            check_target(folder, ctx.db_path)
        if folder.exists() and not folder.is_dir():
            raise DomainError(translate("cli", "With --all, -o must be a folder: {path}").format(path=folder))
        folder.mkdir(parents=True, exist_ok=True)
        buyers = reports.buyers_active(store, args.date_from, args.date_to)
        for buyer in buyers:
            path = folder / f"{_safe_name(buyer.name)}_{args.date_from}_{args.date_to}.{fmt}"
            st = write_buyer_report(
                store, buyer.id, args.date_from, args.date_to, fmt, ctx.output(path, args.force), ctx.language
            )
            ctx.out(_report_line(st, path))
        ctx.out(translate("cli", "Wrote {n} buyer reports to {path}.").format(n=len(buyers), path=folder))
        return EXIT_OK
    fmt = _fmt(args, REPORT_FORMATS)
    buyer_id = resolve(store.buyers, args.buyer, "buyer")
    target = ctx.output(args.output, args.force)
    st = write_buyer_report(store, buyer_id, args.date_from, args.date_to, fmt, target, ctx.language)
    ctx.out(_report_line(st, args.output))
    return EXIT_OK


def _report_line(st: Any, path: Path) -> str:
    """What a written buyer report says; a buyer who paid ahead reads so, never a negative balance."""
    from app.documents import formatting

    if st.closing_fen < 0:
        message = translate(
            "cli", "{buyer}: {lines} lines, {amount} 元, paid ahead {closing} 元 (prepayment) → {path}"
        )
    else:
        message = translate(
            "cli", "{buyer}: {lines} lines, {amount} 元, closing balance {closing} 元 → {path}"
        )
    return message.format(
        buyer=st.buyer.name,
        lines=len(st.lines),
        amount=formatting.yuan(st.shipped_fen),
        closing=formatting.yuan(abs(st.closing_fen)),
        path=path,
    )


def handle_operator_statement(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.documents import formatting
    from db.documents import reports

    _check_period(args)
    fmt = _fmt(args, REPORT_FORMATS)
    store = ctx.store()
    operator_id = resolve(store.operators, args.operator, "operator")
    st = reports.operator_statement(store, operator_id, args.date_from, args.date_to)
    target = ctx.output(args.output, args.force)
    if fmt == "pdf":
        from app.documents.operator_pdf import operator_statement_document
        from app.documents.reports_pdf import write_report_pdf

        write_report_pdf(target, operator_statement_document(st, ctx.language))
    elif fmt == "xlsx":
        from app.documents.operator_xlsx import operator_statement_xlsx

        operator_statement_xlsx(target, st, ctx.language)
    else:
        from app.documents.reports_xlsx import operator_statement_csv

        operator_statement_csv(target, st, ctx.language)
    ctx.out(
        translate(
            "cli", "{operator}: {harvested} kg harvested, {shipped} kg sold for {revenue} 元 → {path}"
        ).format(
            operator=st.operator.name,
            harvested=formatting.kg(st.harvested_g),
            shipped=formatting.kg(st.shipped_g),
            revenue=formatting.yuan(st.revenue_fen),
            path=args.output,
        )
    )
    if st.fee.charged:
        ctx.out(
            translate("cli", "Park service fee {fee} 元, net proceeds {net} 元.").format(
                fee=formatting.yuan(st.fee_fen), net=formatting.yuan(st.net_fen)
            )
        )
    return EXIT_OK


def handle_park_summary(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.documents import formatting
    from db.documents import park_summary

    fmt = _fmt(args, SUMMARY_FORMATS)
    store = ctx.store()
    summary = park_summary.park_report(store, args.month or args.year)
    target = ctx.output(args.output, args.force)
    if fmt == "pdf":
        from app.documents.reports_pdf import write_report_pdf
        from app.documents.summary_pdf import park_summary_document

        write_report_pdf(target, park_summary_document(summary, ctx.language))
    else:
        from app.documents.summary_xlsx import park_summary_xlsx

        park_summary_xlsx(target, summary, ctx.language)
    total = summary.total
    ctx.out(
        translate(
            "cli", "{period}: {shipped} t shipped ({prev} t a year before), {revenue} 元 → {path}"
        ).format(
            period=summary.period,
            shipped=formatting.tonnes(total.now.shipped_g),
            prev=formatting.tonnes(total.last_year.shipped_g),
            revenue=formatting.yuan(total.now.amount_fen),
            path=args.output,
        )
    )
    return EXIT_OK


def handle_certificate(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.documents.certificate import write_certificates_pdf
    from db.certification import certificates

    store = ctx.store()
    target = ctx.output(args.output, args.force)
    check_target(target, target.database, overwrite=target.overwrite)  # before issuing anything
    shipment = store.shipments.by_ticket(args.ticket)
    issued: tuple = ()
    if args.reissue:
        issued += _reissue_stale(ctx, shipment.id, args.reissue)
    if not args.no_issue:
        result = certificates.issue_for_shipment(
            store,
            shipment.id,
            basis=tuple(args.basis or ("quality_control",)),
            test_details=args.test_details,
            all_operators=args.all_operators,
        )
        issued += result.issued
    valid = [c for c in store.certificates.for_shipment(shipment.id) if c.status == "valid"]
    if not valid:
        raise DomainError(
            translate(
                "cli",
                "Shipment {ticket} has no certificate: no co-operative or company produce is on it. "
                "Use --all-operators to issue for family farms too.",
            ).format(ticket=shipment.ticket_no)
        )
    pages = write_certificates_pdf(target, [certificates.sheet(store, c) for c in valid])
    for cert in valid:
        mark = translate("cli", "new") if cert in issued else translate("cli", "already issued")
        ctx.out(f"{cert.cert_no}  {cert.issuer_name}  ({mark})")
    ctx.out(
        translate("cli", "Wrote {n} certificate(s), {pages} pages, to {path}.").format(
            n=len(valid), pages=pages, path=args.output
        )
    )
    _say_uncovered(ctx, shipment.id)
    return EXIT_OK


def _reissue_stale(ctx: CliContext, shipment_id: int, reason: str) -> tuple:
    """Reissue the truck's certificates that no longer match it; void those whose product left it."""
    from db.certification import certificates, coverage

    store = ctx.store()
    new = []
    for product in coverage.coverage(store, shipment_id).products:
        if product.state != "stale":
            continue
        old = product.certificate
        if product.weight_g == 0:
            certificates.void(store, old.id, reason)
            ctx.out(
                translate("cli", "{number} voided: the truck no longer carries it.").format(
                    number=old.cert_no
                )
            )
            continue
        cert = certificates.reissue(store, old.id, reason)
        ctx.out(translate("cli", "{new} replaces {old}.").format(new=cert.cert_no, old=old.cert_no))
        new.append(cert)
    return tuple(new)


def _say_uncovered(ctx: CliContext, shipment_id: int) -> None:
    """Flag, on stderr, each line of the truck that no valid, matching certificate covers."""
    from app.documents import formatting
    from db.certification import coverage

    cover = coverage.coverage(ctx.store(), shipment_id)
    for product in cover.uncovered:
        lines = ", ".join(str(n) for n in product.line_nos) or "-"
        what = translate("cli", "line {lines} ({operator}, {product}, {kg} kg)").format(
            lines=lines,
            operator=product.operator,
            product=product.product,
            kg=formatting.kg(product.weight_g),
        )
        cert = product.certificate
        if cert is None:
            ctx.err(translate("cli", "Not covered: {what} has no certificate.").format(what=what))
        elif product.weight_g == 0:
            ctx.err(
                translate(
                    "cli",
                    "Not covered: {number} names {product} of {operator}, which the truck no longer carries; void it.",
                ).format(number=cert.cert_no, product=product.product, operator=product.operator)
            )
        else:
            ctx.err(
                translate(
                    "cli", "Not covered: {what}; {number} says {certified} kg. Reissue it (--reissue REASON)."
                ).format(what=what, number=cert.cert_no, certified=formatting.kg(cert.weight_g))
            )


def handle_trace(args: argparse.Namespace, ctx: CliContext) -> int:
    from app.documents import formatting
    from db import trace

    store = ctx.store()
    if args.code:
        kind, query = trace.recognise(store, args.code)
        named = {
            "lot": translate("cli", "lot code"),
            "certificate": translate("cli", "certificate number"),
            "ticket": translate("cli", "weighing ticket"),
            "plot": translate("cli", "plot"),
        }[kind]
        ctx.err(translate("cli", "Recognised: {kind} {code}").format(kind=named, code=query))
    else:
        for kind in ("lot", "certificate", "ticket", "plot"):
            query = getattr(args, kind)
            if query:
                break
    result = trace.trace(store, kind, query)
    if args.output:
        fmt = _fmt(args, TRACE_FORMATS)
        from app.documents import reports_xlsx

        writer = reports_xlsx.trace_xlsx if fmt == "xlsx" else reports_xlsx.trace_csv
        writer(ctx.output(args.output, args.force), result, ctx.language)
        ctx.out(
            translate("cli", "{n} links ({lots} lots, {trucks} trucks, {buyers} buyers) → {path}").format(
                n=len(result.rows),
                lots=len(result.lots),
                trucks=len(result.tickets),
                buyers=len(result.buyers),
                path=args.output,
            )
        )
        return EXIT_OK
    for r in result.rows:
        lot = f"{r.lot_code} {r.operator}/{r.plot} {formatting.kg(r.lot_g)} kg" if r.lot_code else r.operator
        truck = (
            f"{r.ship_date} {r.ticket_no} #{r.line_no} {formatting.kg(r.line_net_g)} kg → {r.buyer} → {r.market or '-'}"
            if r.ticket_no
            else translate("cli", "not shipped")
        )
        arrow = " → " if result.direction == "forward" else " ← "
        ctx.out(f"{lot}{arrow}{truck}" if result.direction == "forward" else f"{truck}{arrow}{lot}")
    ctx.out(translate("cli", "{n} links.").format(n=len(result.rows)))
    return EXIT_OK
