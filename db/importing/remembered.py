"""Mappings remembered for files with the same titles: the import wizard stores the mapping a person
corrected under the kind and the file's titles, and offers it again for the next file of that form.

They live in the database's `settings` table (one row per kind and set of titles, written through
`Store.write` with an audit row), not in the desktop's QSettings: the sheets are the park's, so every
clerk and every computer using the same database file is offered the same correction."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence

from db.repositories import Store

KEY_PREFIX = "import_mapping"


def mapping_key(kind: str, titles: Sequence[str]) -> str:
    """The settings key of a kind and a file's titles (in file order; case and spaces as typed)."""
    digest = hashlib.sha256(json.dumps([kind, list(titles)], ensure_ascii=False).encode()).hexdigest()
    return f"{KEY_PREFIX}:{kind}:{digest[:32]}"


def remembered_mapping(store: Store, kind: str, titles: Sequence[str]) -> dict[str, str | None] | None:
    """The mapping stored for files of this kind with exactly these titles, or None."""
    row = store.db.execute("SELECT value FROM settings WHERE key = ?", [mapping_key(kind, titles)]).fetchone()
    if row is None:
        return None
    try:
        value = json.loads(row[0])
        mapping = value["mapping"]
    except (ValueError, KeyError, TypeError):
        return None  # a damaged entry is not offered
    if not isinstance(mapping, dict):
        return None
    return {str(title): (str(key) if key else None) for title, key in mapping.items()}


def remember_mapping(
    store: Store, kind: str, titles: Sequence[str], mapping: Mapping[str, str | None]
) -> None:
    """Store the mapping for files of this kind with these titles (one transaction, audited)."""
    key = mapping_key(kind, titles)
    value = {"kind": kind, "titles": list(titles), "mapping": {t: (k or None) for t, k in mapping.items()}}
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    with store.write():
        before = store.db.execute("SELECT id, value FROM settings WHERE key = ?", [key]).fetchone()
        if before is not None and before[1] == text:
            return
        store.db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, text],
        )
        row_id = store.db.execute("SELECT id FROM settings WHERE key = ?", [key]).fetchone()[0]
        store.audit(
            "update" if before else "insert",
            "settings",
            row_id,
            {"key": key, "value": json.loads(before[1])} if before else None,
            {"key": key, "value": value},
        )
