"""What an import reports: one problem (row, column, value, message), and the failure listing them."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from db.documents.templates import is_example
from db.errors import DomainError
from db.i18n import Text, translate

if TYPE_CHECKING:
    from db.importing.reading import FileRow

MAX_PROBLEMS = 1000  # then the check stops: fix these first
PROGRESS_EVERY = 500  # rows parsed between two progress reports

Progress = Callable[[int, int], None]


def _no_progress(_done: int, _total: int) -> None:
    pass


@dataclass(frozen=True)
class ImportProblem:
    """One thing to fix: the row as the file shows it (1 = first line), the column title, the value."""

    row: int | None
    column: str
    value: str
    message: str

    def __str__(self) -> str:
        return self.text()

    def text(self) -> str:
        """The problem as one translatable message (a db.i18n.Text): where, the value, what is wrong."""
        if self.row is None:
            if not self.column:
                return self.message
            where = self.column
        elif self.column:
            where = translate("db", "row {row}, {column}").format(row=self.row, column=self.column)
        else:
            where = translate("db", "row {row}").format(row=self.row)
        if self.value == "":
            return translate("db", "{where}: {message}").format(where=where, message=self.message)
        return translate("db", "{where} '{value}': {message}").format(
            where=where, value=self.value, message=self.message
        )


class ImportFailed(DomainError):
    """The file has problems; nothing was written. `problems` lists every one."""

    def __init__(
        self, problems: Sequence[ImportProblem], path: str | os.PathLike = "", result: object = None
    ):
        self.problems = list(problems)
        self.path = str(path)
        self.result = result  # what the check found besides (ignored columns, duplicates, warnings)
        super().__init__(
            translate("db", "{path} has {n} problem(s); nothing was imported").format(
                path=self.path or translate("db", "the file"), n=len(self.problems)
            )
        )


@dataclass(frozen=True)
class ImportWarning(ImportProblem):
    """Something plausible only by mistake (a price far out of range, a truck weighed twice): the
    import goes ahead only when the person accepts this kind of warning."""

    kind: str = ""


# The kinds of warnings, each accepted as a whole (a checkbox in the dialog, --accept-warnings).
WARNING_KINDS: dict[str, Text] = {
    "price_range": translate("db", "prices far outside the crop's usual range"),
    "price_zero": translate("db", "prices of 0"),
    "near_duplicate": translate("db", "trucks with the same plate and weight within the hour"),
    "truck_weight": translate("db", "trucks or lines above 40 t"),
    "estimated": translate("db", "weights estimated from a count of bags, crates or bundles"),
    "duplicate": translate("db", "rows equal to a record already stored or to another row of the file"),
    "harvest_yield": translate("db", "harvests above what the plot can yield in a day"),
    "payment_amount": translate("db", "payments far above what the buyer owes"),
    "future_date": translate("db", "dates after today"),
    "deduction_reading": translate(
        "db", "deductions given once or the same on every row, read as the truck's and shared by weight"
    ),
}


class WarningsNotAccepted(ImportFailed):
    """The file is correct but has warnings nobody accepted; nothing was written."""

    def __init__(
        self, warnings: Sequence[ImportWarning], path: str | os.PathLike = "", result: object = None
    ):
        self.problems = list(warnings)
        self.path = str(path)
        self.result = result
        DomainError.__init__(
            self,
            translate("db", "{path} has {n} warning(s) to accept (or correct); nothing was imported").format(
                path=self.path or translate("db", "the file"), n=len(self.problems)
            ),
        )


def skipped_example(row: FileRow, examples: list[int]) -> bool:
    """Whether the row is a template's example row; its number is then added to `examples`."""
    if is_example([cell.text for cell in row.cells]):
        examples.append(row.number)
        return True
    return False


def no_rows_message(examples: list[int]) -> Text:
    """The problem of a file without data rows (or with only the template's example row)."""
    if examples:
        return translate(
            "db", "the file has only the template's example row (skipped); fill in rows below it"
        )
    return translate("db", "the file has a header but no rows below it")
