"""CSV and XLSX writers (formula-injection safe, never half-written) and the shipments export layout.

Rows carry exact values, never floats:

- text: ``str`` (neutralised against formula injection on the way out);
- dates: ``datetime.date`` (or 'YYYY-MM-DD' text);
- numbers: ``int`` or ``Decimal`` *in the unit the column shows*: kilograms for 'kg'
  (``units.kg(grams)``), 元 for 'money' (``units.yuan(fen)``), 元/公斤 for 'price'
  (``units.price_per_kg(price)``), a plain count for 'int', and a fraction of one for 'percent'
  (``Decimal('0.125')`` shows as 12.50%);
- ``None``: an empty cell.

`Column.kind` picks how a value is written: in CSV as a plain decimal ('.' point, no thousands
separators, never rounded: kg and prices without trailing zeros, money with two decimals), in XLSX
as a native number or date cell with a number format. The same row therefore feeds both writers.

Both writers write to a temporary file beside the target and move it into place when complete, so
a failure or a cancelled export never leaves a half-written file under the target name.
"""

from __future__ import annotations

import csv
import datetime
import os
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

import xlsxwriter

from db import units, version
from db.documents.xlsx_rows import RowWriter
from db.i18n import translate
from db.storage.outputs import ExportError, OutputFailed, output_error, replacing, workbook_file  # noqa: F401 (re-exported)

Kind = Literal["text", "date", "int", "kg", "money", "price", "percent"]
KINDS: tuple[str, ...] = ("text", "date", "int", "kg", "money", "price", "percent")

# A text cell starting with one of these is read as a formula (or a DDE call) by Excel, WPS and
# LibreOffice when the CSV is opened or the cell is edited; a leading apostrophe makes it text.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
NEUTRALISER = "'"

XLSX_MAX_ROWS = 1_048_576
# XlsxWriter stamps the workbook's creation time into docProps/core.xml; a fixed stamp makes the
# same data give byte-identical files (reproducible exports, comparable in tests and backups).
REPRODUCIBLE_CREATED = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)

_NUMBER_FORMATS: dict[str, str] = {
    "date": "yyyy-mm-dd",
    "int": "#,##0",
    "kg": "#,##0.0##",  # grams are exact: up to three decimals of a kilogram
    "money": "#,##0.00",
    "price": "0.00##",  # stored prices are exact to 0.0001 元/公斤
    "percent": "0.00%",
}
_SUMMED_KINDS = ("int", "kg", "money")
_MIN_WIDTH, _MAX_WIDTH = 6, 60


def _row_length_message(row: int, values: int, columns: int) -> str:
    return translate("db", "row {row} has {values} values for {columns} columns").format(
        row=row, values=values, columns=columns
    )


def neutralise(text: str, round_trip: bool = True) -> str:
    """Text made safe for a spreadsheet cell: a leading = + - @ tab or CR gets an apostrophe before it.

    With `round_trip`, text that already starts with apostrophes before such a character gets one
    more, so that `unneutralise` gives back exactly the original text (a value like "'=x" survives a
    round trip). Without it (a file no import reads back, such as a list of problems), text that
    starts with an apostrophe is already text and stays as it is: "'-50' is not a date" gets none.
    """
    if not round_trip:
        return NEUTRALISER + text if text.startswith(FORMULA_TRIGGERS) else text
    return NEUTRALISER + text if text.lstrip(NEUTRALISER).startswith(FORMULA_TRIGGERS) else text


def unneutralise(text: str) -> str:
    """The text `neutralise` was given (the importer's inverse): drops the apostrophe it added."""
    if text.startswith(NEUTRALISER) and text.lstrip(NEUTRALISER).startswith(FORMULA_TRIGGERS):
        return text[1:]
    return text


@dataclass(frozen=True)
class Column:
    """A column of an export: its title, the kind of value it holds and an optional width (characters)."""

    title: str
    kind: Kind = "text"
    width: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}; use one of {', '.join(KINDS)}")


@dataclass(frozen=True)
class Sheet:
    """One worksheet: columns, rows of exact values, and optionally a totals row under the data.

    The totals row sums the 'int', 'kg' and 'money' columns with a SUM formula whose value is
    also stored, so readers without a calculation engine see the total; `totals_label` goes in
    the first column that is not summed.
    """

    name: str
    columns: Sequence[Column]
    rows: Iterable[Sequence[object]]
    totals: bool = False
    totals_label: str = "合计"


# ---------------------------------------------------------------------------------------------------
# Plain text of a value, for CSV


def _plain_decimal(value: Decimal) -> str:
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _check_number(value: object, column: str) -> int | Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise ExportError(
            translate(
                "db", "column '{column}' holds {value} ({kind}); numbers must be int or Decimal"
            ).format(column=column, value=repr(value), kind=type(value).__name__)
        )
    return value


def _as_date(value: object, column: str) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    raise ExportError(
        translate("db", "column '{column}' holds {value}, which is not a date").format(
            column=column, value=repr(value)
        )
    )


def cell_text(value: object, kind: str = "text", column: str = "", round_trip: bool = True) -> str:
    """The CSV text of a value: exact plain decimals, ISO dates, neutralised text, '' for None."""
    if value is None:
        return ""
    if kind == "text":
        return neutralise(value if isinstance(value, str) else str(value), round_trip)
    if kind == "date":
        return _as_date(value, column).isoformat()
    number = _check_number(value, column)
    if isinstance(number, int):
        return f"{number:.2f}" if kind == "money" else str(number)
    if kind == "money" and number == number.quantize(Decimal("0.01")):
        return f"{number.quantize(Decimal('0.01')):f}"
    return _plain_decimal(number)


def _guess_kind(value: object) -> str:
    if isinstance(value, datetime.date):
        return "date"
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return "int"  # written plainly: str(int) or the Decimal's exact digits
    return "text"


# ---------------------------------------------------------------------------------------------------
# CSV


def write_csv(
    path: str | os.PathLike,
    header: Sequence[str | Column],
    rows: Iterable[Sequence[object]],
    *,
    round_trip: bool = True,
) -> int:
    """Write a CSV for Excel/WPS: UTF-8 with BOM, CRLF, exact plain numbers, neutralised text.

    `header` holds titles or `Column`s; with Columns each value is written by its column's kind,
    with plain titles by its type (int and Decimal as their exact digits, dates ISO). Returns the
    number of data rows written. The file appears only when complete. `round_trip=False` for a file
    no import reads back (see `neutralise`).
    """
    titles = [c.title if isinstance(c, Column) else str(c) for c in header]
    kinds: list[str | None] = [c.kind if isinstance(c, Column) else None for c in header]
    written = 0
    with replacing(path) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow([neutralise(t, round_trip) for t in titles])
        for row in rows:
            if len(row) != len(titles):
                raise ExportError(_row_length_message(written + 1, len(row), len(titles)))
            writer.writerow(
                [
                    cell_text(value, kind or _guess_kind(value), title, round_trip)
                    for value, kind, title in zip(row, kinds, titles, strict=True)
                ]
            )
            written += 1
    return written


# ---------------------------------------------------------------------------------------------------
# XLSX


def display_width(text: str) -> int:
    """Columns a text needs in a spreadsheet: CJK and full-width characters count twice."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _sheet_name(name: str, taken: set[str]) -> str:
    cleaned = "".join("_" if ch in "[]:*?/\\" else ch for ch in name).strip("'") or "Sheet"
    cleaned = cleaned[:31]
    candidate, n = cleaned, 2
    while candidate.casefold() in taken:
        suffix = f" ({n})"
        candidate = cleaned[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(candidate.casefold())
    return candidate


class _Formats:
    def __init__(self, book: xlsxwriter.Workbook):
        self.header = book.add_format(
            {"bold": True, "bg_color": "#DDE4EE", "bottom": 1, "valign": "vcenter", "text_wrap": True}
        )
        self.cell = {kind: book.add_format({"num_format": fmt}) for kind, fmt in _NUMBER_FORMATS.items()}
        self.cell["text"] = book.add_format({"num_format": "@"})
        self.total_label = book.add_format({"bold": True, "top": 1})
        self.total = {
            kind: book.add_format({"bold": True, "top": 1, "num_format": _NUMBER_FORMATS.get(kind, "@")})
            for kind in KINDS
        }


def write_xlsx(
    path: str | os.PathLike, sheets: Sequence[Sheet], *, created: datetime.datetime | None = None
) -> int:
    """Write a workbook: native numbers and dates with formats, frozen header, autofilter, fitted widths.

    Rows are streamed (XlsxWriter's constant-memory mode), so a million-line export does not hold
    the sheet in memory, and each goes out whole (db.documents.xlsx_rows: the same bytes, 2–3× faster). `created` stamps the file's creation property; by default it is fixed so
    the same data gives byte-identical files. Returns the number of data rows written (all
    sheets). Raises ExportError if a sheet would exceed Excel's 1,048,576 rows.
    """
    total_rows = 0
    with replacing(path) as tmp, workbook_file(tmp) as fh:
        book = xlsxwriter.Workbook(
            fh,
            {
                "constant_memory": True,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
            },
        )
        book.set_properties({"created": created or REPRODUCIBLE_CREATED, "comments": version.creator()})
        try:
            formats = _Formats(book)
            taken: set[str] = set()
            for sheet in sheets:
                total_rows += _write_sheet(book, formats, sheet, _sheet_name(sheet.name, taken))
            if not sheets:
                book.add_worksheet("Sheet1")
        finally:
            book.close()
    return total_rows


def _write_sheet(book: xlsxwriter.Workbook, formats: _Formats, sheet: Sheet, name: str) -> int:
    ws = book.add_worksheet(name)
    columns = list(sheet.columns)
    widths = [display_width(c.title) for c in columns]
    sums: list[Decimal] = [Decimal(0)] * len(columns)
    for col, column in enumerate(columns):
        ws.write_string(0, col, neutralise(column.title), formats.header)
    preparers = [_cell_preparer(column) for column in columns]
    summed = [sheet.totals and c.kind in _SUMMED_KINDS for c in columns]
    cell_formats = [formats.cell[c.kind] for c in columns]
    # Rows go out whole (db.documents.xlsx_rows) where XlsxWriter allows it; else, or for a row it cannot
    # take whole, cell by cell. Both give the same bytes.
    fast = RowWriter(ws, [c.kind for c in columns], cell_formats) if RowWriter.usable(ws) else None
    limit = XLSX_MAX_ROWS - (2 if sheet.totals else 1)
    row_index = 0
    for row in sheet.rows:
        row_index += 1
        if row_index > limit:
            raise ExportError(
                translate(
                    "db",
                    "sheet '{sheet}' would have more than {limit} rows, the most a spreadsheet holds; "
                    "export a shorter period or use CSV",
                ).format(sheet=name, limit=f"{limit:,}")
            )
        if len(row) != len(columns):
            raise ExportError(_row_length_message(row_index, len(row), len(columns)))
        stored: list[object] = [None] * len(columns)
        for col, value in enumerate(row):
            if value is None:
                continue
            stored[col], shown = preparers[col](value)
            if shown > widths[col]:
                widths[col] = shown
            if summed[col]:
                sums[col] += value  # type: ignore[operator]
        if fast is None or not fast.write(row_index, stored):
            _write_cells(ws, columns, cell_formats, row_index, stored)
    if sheet.totals:
        _write_totals(ws, formats, sheet, columns, sums, row_index, widths)
    if columns:
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, row_index, len(columns) - 1)
        for col, column in enumerate(columns):
            width = column.width or min(max(widths[col] + 2, _MIN_WIDTH), _MAX_WIDTH)
            ws.set_column(col, col, width)
    return row_index


def _write_cells(ws: Any, columns: list[Column], cell_formats: list, row: int, stored: list[object]) -> None:
    for col, value in enumerate(stored):
        if value is None:
            continue
        kind = columns[col].kind
        if kind == "text":
            ws.write_string(row, col, value, cell_formats[col])
        elif kind == "date":
            ws.write_datetime(row, col, value, cell_formats[col])
        else:
            ws.write_number(row, col, value, cell_formats[col])


def _cell_preparer(column: Column) -> Callable[[object], tuple[object, int]]:
    """A function giving a value of this column as it is stored in the cell, and the width it needs."""
    title = column.title
    if column.kind == "text":
        seen: dict[str, tuple[str, int]] = {}  # names, grades and markets recur on thousands of rows

        def text(value: object) -> tuple[object, int]:
            raw = value if isinstance(value, str) else str(value)
            found = seen.get(raw)
            if found is None:
                shown = neutralise(raw)
                found = (shown, len(shown) if shown.isascii() else display_width(shown))
                if len(seen) < 100_000:
                    seen[raw] = found
            return found

        return text
    if column.kind == "date":

        def day(value: object) -> tuple[object, int]:
            return _as_date(value, title), 10

        return day
    extra = {"kg": 4, "money": 4, "int": 3, "percent": 2, "price": 1}[column.kind]
    percent = column.kind == "percent"

    def number(value: object) -> tuple[object, int]:
        exact = _check_number(value, title)
        # float(Decimal) is the nearest double; for the ≤ 15 significant digits of grams, fen and
        # 0.0001 元 prices it reads back as the same decimal.
        if percent:
            return float(exact), 7 + extra
        digits = len(str(exact)) if isinstance(exact, int) else len(_plain_decimal(exact))
        return float(exact), digits + extra

    return number


def _write_totals(
    ws: Any,
    formats: _Formats,
    sheet: Sheet,
    columns: list[Column],
    sums: list[Decimal],
    last_data_row: int,
    widths: list[int],
) -> None:
    row = last_data_row + 1
    label_col = next((i for i, c in enumerate(columns) if c.kind not in _SUMMED_KINDS), None)
    for col, column in enumerate(columns):
        if column.kind in _SUMMED_KINDS:
            value = float(sums[col])
            if last_data_row >= 1:
                first = xlsxwriter.utility.xl_rowcol_to_cell(1, col)
                last = xlsxwriter.utility.xl_rowcol_to_cell(last_data_row, col)
                ws.write_formula(row, col, f"=SUM({first}:{last})", formats.total[column.kind], value)
            else:
                ws.write_number(row, col, 0, formats.total[column.kind])
            widths[col] = max(widths[col], len(_plain_decimal(sums[col])) + 4)
        elif col == label_col:
            ws.write_string(row, col, neutralise(sheet.totals_label), formats.total_label)
        else:
            ws.write_blank(row, col, None, formats.total_label)


# ---------------------------------------------------------------------------------------------------
# The shipments export: one row per shipment line (the layout `fujiang import shipments` reads back)


@dataclass(frozen=True)
class Field:
    """One column of a fixed file layout: a key, its Chinese and English titles and its kind."""

    key: str
    zh: str
    en: str
    kind: Kind

    def title(self, lang: str = "zh_CN") -> str:
        return self.zh if lang.startswith("zh") else self.en


SHIPMENT_FIELDS: tuple[Field, ...] = (
    Field("date", "日期", "date", "date"),
    Field("ticket", "磅单号", "ticket", "text"),
    Field("buyer", "客商", "buyer", "text"),
    Field("market", "目的市场", "market", "text"),
    Field("plate", "车牌号", "plate", "text"),
    Field("operator", "经营主体", "operator", "text"),
    Field("crop", "品种", "crop", "text"),
    Field("grade", "等级", "grade", "text"),
    Field("net_kg", "净重(公斤)", "net_kg", "kg"),
    Field("price", "单价(元/公斤)", "price_cny_per_kg", "price"),
    Field("amount", "金额(元)", "amount_cny", "money"),
    # Added after the first layout, so at the end: a file of the first layout still imports.
    Field("truck_gross_kg", "整车毛重(公斤)", "truck_gross_kg", "kg"),
    Field("truck_tare_kg", "整车皮重(公斤)", "truck_tare_kg", "kg"),
    Field("deduction_kg", "扣重(公斤)", "deduction_kg", "kg"),
    Field("payable_kg", "结算重量(公斤)", "payable_kg", "kg"),
)
# Columns an import reads that the export does not write (the export writes the effective price and
# the deduction in kg): a clerk's settled price (实结价) and a deduction agreed in percent (扣杂(%)).
SHIPMENT_IMPORT_EXTRA: tuple[Field, ...] = (
    Field("settled_price", "实结价(元/公斤)", "settled_price_cny_per_kg", "price"),
    Field("deduction_pct", "扣杂(%)", "deduction_pct", "percent"),
)
# The columns of the weighbridge and deduction (扣重): a file has all of them or none.
WEIGHING_FIELDS: tuple[str, ...] = ("truck_gross_kg", "truck_tare_kg", "deduction_kg", "payable_kg")


def shipment_columns(lang: str = "zh_CN") -> list[Column]:
    """The columns of the shipments export in a language ('zh_CN' or 'en')."""
    return [Column(f.title(lang), f.kind) for f in SHIPMENT_FIELDS]


def shipment_rows(
    db: Any,
    date_from: str | None = None,
    date_to: str | None = None,
    lang: str = "zh_CN",
    *,
    buyer_id: int | None = None,
) -> Iterator[tuple[object, ...]]:
    """One row per shipment line, ordered by date, ticket, line number, with exact values.

    Dates are inclusive 'YYYY-MM-DD'; the price is the effective one (settled if set, else
    agreed) in 元/公斤 and the amount the stored line amount in 元 (payable weight × price); the
    grade is its label in `lang`; a shipment without a market or plate gives ''. The last columns
    repeat the truck's gross and tare weights on each of its lines and give the line's share of
    the truck's deduction and its payable weight (net − deduction).
    """
    clauses, params = [], []
    if date_from:
        clauses.append("s.ship_date >= ?")
        params.append(date_from)
    if date_to:
        clauses.append("s.ship_date <= ?")
        params.append(date_to)
    if buyer_id is not None:
        clauses.append("s.buyer_id = ?")
        params.append(buyer_id)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    sql = f"""
        SELECT s.ship_date, s.ticket_no, b.name, coalesce(m.name, ''), s.plate, o.name, c.name,
               l.grade, l.net_g, coalesce(l.settled_price, l.agreed_price), l.amount_fen,
               s.gross_g, s.tare_g, l.payable_g
        FROM shipment_lines l
        JOIN shipments s ON s.id = l.shipment_id
        JOIN buyers b ON b.id = s.buyer_id
        LEFT JOIN markets m ON m.id = s.market_id
        JOIN operators o ON o.id = l.operator_id
        JOIN crops c ON c.id = l.crop_id
        {where}
        ORDER BY s.ship_date, s.ticket_no, l.line_no, l.id
    """
    conn = getattr(db, "conn", db)
    grades = {code: units.label(units.GRADES, code, lang) for code in units.GRADES}
    for (
        day, ticket, buyer, market, plate, operator, crop, grade, net_g, price, fen, gross_g, tare_g, payable_g,
    ) in conn.execute(sql, params):  # fmt: skip
        yield (
            datetime.date.fromisoformat(day),
            ticket,
            buyer,
            market,
            plate,
            operator,
            crop,
            grades.get(grade, grade),
            units.kg(net_g),
            units.price_per_kg(price),
            units.yuan(fen),
            units.kg(gross_g),
            units.kg(tare_g),
            units.kg(net_g - payable_g),
            units.kg(payable_g),
        )


EXPORT_FORMATS = ("csv", "xlsx")


def export_shipments(
    db: Any,
    path: str | os.PathLike,
    fmt: str,
    date_from: str | None = None,
    date_to: str | None = None,
    lang: str = "zh_CN",
    *,
    created: datetime.datetime | None = None,
) -> int:
    """Write the shipments export as 'csv' or 'xlsx'; returns the number of lines written."""
    columns = shipment_columns(lang)
    rows = shipment_rows(db, date_from, date_to, lang)
    if fmt == "csv":
        return write_csv(path, columns, rows)
    if fmt == "xlsx":
        name = "出货明细" if lang.startswith("zh") else "Shipments"
        return write_xlsx(path, [Sheet(name, columns, rows)], created=created)
    raise ExportError(
        translate("db", "unknown export format '{format}'; use {formats}").format(
            format=fmt, formats=" or ".join(EXPORT_FORMATS)
        )
    )
