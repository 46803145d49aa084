"""Words the CLI's import, export and template messages share: the record kinds by name, and counts
with their noun in singular or plural (separate texts: the CLI has no English plural forms)."""

from __future__ import annotations

from app.cli import _table_label, translate


def kind_name(kind: str) -> str:
    """A kind of record as a message names it ('harvests' → 采收记录)."""
    return _table_label(kind)


def _count(n: int, one: str, many: str) -> str:
    return (one if n == 1 else many).format(n=f"{n:,}")


def records(n: int) -> str:
    return _count(n, translate("cli", "{n} record"), translate("cli", "{n} records"))


def shipments(n: int) -> str:
    return _count(n, translate("cli", "{n} shipment"), translate("cli", "{n} shipments"))


def lines(n: int) -> str:
    return _count(n, translate("cli", "{n} line"), translate("cli", "{n} lines"))


def rows(n: int) -> str:
    return _count(n, translate("cli", "{n} row"), translate("cli", "{n} rows"))


def problems(n: int) -> str:
    return _count(n, translate("cli", "{n} problem"), translate("cli", "{n} problems"))


def warnings(n: int) -> str:
    return _count(n, translate("cli", "{n} warning"), translate("cli", "{n} warnings"))
