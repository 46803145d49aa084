"""What a file's columns are read as: each title, the field it maps to (or none) and its first
values, for the import dialog's mapping view (the person corrects it; the import then takes the
mapping, as `--mapping` does on the command line)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from db import parsing
from db.importing.kinds import LAYOUTS as RECORD_LAYOUTS
from db.importing.mapping import SHIPMENTS, Layout, _find_header, _map_header
from db.importing.masters import LAYOUTS as MASTER_LAYOUTS
from db.importing.problems import _no_progress
from db.importing.reading import _open_rows


def layout_of(kind: str) -> Layout:
    if kind == "shipments":
        return SHIPMENTS
    return RECORD_LAYOUTS.get(kind) or MASTER_LAYOUTS[kind]


def preview_columns(
    path: str | os.PathLike,
    kind: str,
    *,
    sheet: str | None = None,
    mapping: Mapping[str, str | None] | None = None,
    samples: int = 3,
) -> list[tuple[str, str | None, list[str]]]:
    """(title, field key or None, the first `samples` values) of each titled column, in file order."""
    layout = layout_of(kind)
    reader = _open_rows(Path(path), _no_progress, sheet)
    try:
        header, rows = _find_header(reader.rows, mapping, layout)
        if header is None:
            return []
        columns = _map_header(header, [], mapping, layout)
        by_index = {index: key for key, (index, _) in columns.items()}
        first = []
        for row in rows:
            if not row.is_blank():
                first.append(row)
            if len(first) == samples:
                break
        return [
            (
                cell.text.strip(),
                by_index.get(i),
                [parsing.visible(row.cells[i].text.strip()) if i < len(row.cells) else "" for row in first],
            )
            for i, cell in enumerate(header.cells)
            if cell.text.strip()
        ]
    finally:
        reader.rows.close()
