"""Words the CLI's import, export and template messages share: the record kinds by name, and counts
with their noun in singular or plural (separate texts: the CLI has no English plural forms)."""

from __future__ import annotations

from app.cli import translate


def kind_name(kind: str) -> str:
    """A kind of record as a message names it ('harvests' → 采收记录)."""
    names = {
        "shipments": translate("cli", "shipments"),
        "harvests": translate("cli", "harvests"),
        "payments": translate("cli", "payments"),
        "operators": translate("cli", "operators"),
        "plots": translate("cli", "plots"),
        "buyers": translate("cli", "buyers"),
        "markets": translate("cli", "markets"),
        "crops": translate("cli", "crops"),
    }
    return names.get(kind, kind)


def records(n: int) -> str:
    text = translate("cli", "{n} record") if n == 1 else translate("cli", "{n} records")
    return text.format(n=f"{n:,}")


def shipments(n: int) -> str:
    text = translate("cli", "{n} shipment") if n == 1 else translate("cli", "{n} shipments")
    return text.format(n=f"{n:,}")


def lines(n: int) -> str:
    text = translate("cli", "{n} line") if n == 1 else translate("cli", "{n} lines")
    return text.format(n=f"{n:,}")


def rows(n: int) -> str:
    text = translate("cli", "{n} row") if n == 1 else translate("cli", "{n} rows")
    return text.format(n=f"{n:,}")


def problems(n: int) -> str:
    text = translate("cli", "{n} problem") if n == 1 else translate("cli", "{n} problems")
    return text.format(n=f"{n:,}")


def warnings(n: int) -> str:
    text = translate("cli", "{n} warning") if n == 1 else translate("cli", "{n} warnings")
    return text.format(n=f"{n:,}")
