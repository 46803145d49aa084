"""Substring search of the big tables: names through the master tables, free text through FTS5
trigram indexes kept in step by the one write path.

What a person types is searched three ways (`terms`): as a name key (Traditional and aliases work)
in the small master tables, whose matching ids are then read through the big tables' (name id,
date) indexes; as an upper-case code in lot codes, tickets, plates and certificate numbers; and as
typed in notes. Codes and notes are searched in an FTS5 index with the trigram tokenizer (one per
big table, migration 0010), which answers `GLOB '*text*'` from its index for 3 characters or more;
SQLite re-checks each candidate, so the result is exactly `instr(column, text) > 0`. A 1–2
character text has no trigram: it is matched with `instr` over the column's own covering index.

The indexes are written by `reindex`, called from `Store.audit_many`: every write of a harvest,
shipment or certificate goes through a repository and writes its audit row there, in the same
transaction. A bulk insert costs one INSERT … SELECT for the whole batch (an FTS5 trigger would cost
each row a statement of its own, about 15 times as much; measured in the commit that added this).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from db.parsing import name_key, normalize_text, to_simplified

# table -> (its FTS5 index, the indexed columns); the columns are the table's own.
INDEXES: dict[str, tuple[str, tuple[str, ...]]] = {
    "harvests": ("harvest_search", ("lot_code", "notes")),
    "shipments": ("shipment_search", ("ticket_no", "plate", "notes")),
    "certificates": ("certificate_search", ("cert_no", "issuer_name")),
}
TRIGRAM = 3  # characters in a trigram: shorter texts cannot be looked up in the index


@dataclass(frozen=True, slots=True)
class Terms:
    """One search text in the three forms it is compared in."""

    key: str  # name key (db.parsing.name_key): names and aliases, Traditional folded to Simplified
    code: str  # upper case, Simplified, without spaces and dots: lot codes, tickets, plates, numbers
    plain: str  # as typed (normalised): notes, issuer names


def terms(text: str) -> Terms:
    plain = normalize_text(text)
    code = to_simplified(plain).upper().replace(" ", "").replace("·", "").replace(".", "")
    return Terms(name_key(plain), code, plain)


def name_ids(db: Any, table: str, alias_table: str | None, owner: str, key: str) -> list[int]:
    """Ids of master records whose name or an alias contains the key (master tables are small)."""
    if not key:
        return []
    found: set[int] = set()
    for rid, name in db.execute(f"SELECT id, name FROM {table}"):
        if key in name_key(name):
            found.add(rid)
    if alias_table:
        for rid, alias in db.execute(f"SELECT {owner}, alias FROM {alias_table}"):
            if key in name_key(alias):
                found.add(rid)
    return sorted(found)


def _longest_plain_run(text: str) -> str:
    """The longest piece of text without a GLOB pattern character (FTS5 reads trigrams from it)."""
    return max(re.split(r"[*?\[\]]", text), key=len)


def text_queries(table: str, wanted: Iterable[tuple[str, str]]) -> tuple[list[str], list[Any]]:
    """SELECTs of the ids of `table` rows whose column contains the text, one per (column, text);
    an empty text matches nothing."""
    index, _columns = INDEXES[table]
    queries: list[str] = []
    params: list[Any] = []
    for column, text in wanted:
        if not text:
            continue
        run = _longest_plain_run(text)
        if len(run) < TRIGRAM:
            queries.append(f"SELECT id FROM {table} WHERE instr({column}, ?) > 0")
            params.append(text)
        elif run == text:
            queries.append(f"SELECT rowid FROM {index} WHERE {column} GLOB ?")
            params.append(f"*{text}*")
        else:
            # GLOB's own characters in the text: the index finds the rows holding its longest plain
            # piece, instr keeps those holding the whole text.
            queries.append(f"SELECT rowid FROM {index} WHERE {column} GLOB ? AND instr({column}, ?) > 0")
            params.extend([f"*{run}*", text])
    return queries, params


def reindex(db: Any, table: str, ids: Sequence[int]) -> None:
    """Bring the table's search index in step with its rows `ids` (inserted, changed or deleted).

    Whatever the index holds for those ids is removed first, even for ids just inserted: a row
    deleted outside the repositories (a test's reset, a repair by hand) leaves its entry behind,
    and a new row may be given its id again. A leftover entry never shows: ids found in the index
    are kept only if their row exists.
    """
    if table not in INDEXES or not ids:
        return
    index, columns = INDEXES[table]
    cols = ", ".join(columns)
    id_list = json.dumps(list(ids))
    db.execute(f"DELETE FROM {index} WHERE rowid IN (SELECT value FROM json_each(?))", [id_list])
    db.execute(
        f"INSERT INTO {index}(rowid, {cols}) SELECT id, {cols} FROM {table} "
        "WHERE id IN (SELECT value FROM json_each(?))",
        [id_list],
    )


def rebuild(db: Any, table: str) -> None:
    """Write the table's search index again from its rows (migration, repair)."""
    index, columns = INDEXES[table]
    cols = ", ".join(columns)
    db.execute(f"DELETE FROM {index}")
    db.execute(f"INSERT INTO {index}(rowid, {cols}) SELECT id, {cols} FROM {table}")
