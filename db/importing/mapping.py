"""A file's title row → the fields of a layout (titles in Chinese or English, any order)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from db import parsing
from db.exporting import SHIPMENT_FIELDS, WEIGHING_FIELDS
from db.i18n import Text, translate
from db.importing.problems import MAX_PROBLEMS, ImportProblem
from db.importing.reading import FileRow
from db.repositories import MAX_LINE_CHARS

MAX_CELL_CHARS = MAX_LINE_CHARS  # every column of the layout is a one-line value


def _title_key(text: str) -> str:
    return parsing.normalize_text(text).replace(" ", "").casefold()


_FIELD_BY_TITLE = {
    _title_key(title): f.key for f in SHIPMENT_FIELDS for title in (f.zh, f.en, f.key) if title
}


def _map_header(row: FileRow, problems: list[ImportProblem]) -> dict[str, tuple[int, str]]:
    """field key → (column index, title as in the file); records problems for a bad header."""
    found: dict[str, tuple[int, str]] = {}
    for index, cell in enumerate(row.cells):
        title = cell.text.strip()
        if not title:
            continue
        shown = parsing.visible(title)
        key = _FIELD_BY_TITLE.get(_title_key(title)) if len(title) <= MAX_CELL_CHARS else None
        if key is None:
            problems.append(
                ImportProblem(
                    row.number,
                    shown,
                    shown,
                    _expected(translate("db", "unknown column; the columns are {zh} (in English: {en})")),
                )
            )
        elif key in found:
            problems.append(
                ImportProblem(row.number, shown, shown, translate("db", "this column appears twice"))
            )
        else:
            found[key] = (index, shown)
        if len(problems) >= MAX_PROBLEMS:
            return found
    # The weighing columns came later: a file of the first layout has none of them.
    optional = () if any(key in found for key in WEIGHING_FIELDS) else WEIGHING_FIELDS
    for f in SHIPMENT_FIELDS:
        if f.key not in found and f.key not in optional:
            problems.append(
                ImportProblem(
                    row.number,
                    f"{f.zh} / {f.en}",
                    "",
                    _expected(translate("db", "column missing; the columns are {zh} (in English: {en})")),
                )
            )
    return found


def _is_zero(text: str) -> bool:
    try:
        return Decimal(parsing.normalize_text(text).replace(" ", "")) == 0
    except InvalidOperation:
        return False


def _expected(message: Text) -> Text:
    """A marked message that ends by listing the columns, with the columns filled in."""
    return message.format(
        zh=", ".join(f.zh for f in SHIPMENT_FIELDS), en=", ".join(f.en for f in SHIPMENT_FIELDS)
    )
