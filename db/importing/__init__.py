"""Importing files (CSV or XLSX) → checked records → one all-or-nothing write.

The package, by responsibility: `problems` (what is reported), `reading` (files, encodings,
workbook scanning and the defences below), `mapping` (titles → fields), `shipment_rows` (one row →
a parsed line) and `shipments` (rows → shipments, the write). The public names are re-exported here.

Shipments:

The layout is the one `db.documents.exporting` writes: one row per shipment line with the columns of
`SHIPMENT_FIELDS`, titled in Chinese or English (any order; full-width brackets and spaces in a
title are forgiven). Rows are grouped by weighing ticket into shipments; the date, buyer, market
and plate of one ticket must agree on every row.

Every cell is parsed with `db.parsing` (Traditional characters, full-width digits, aliases, units
typed in the cell), and *every* problem is collected as (row as the file shows it, column title as
the file has it, the value, what is wrong). Nothing is written while there is any problem; when
there is none, all shipments are written in one transaction.

The layout's last four columns (the truck's gross and tare, the line's deduction and payable
weight, `WEIGHING_FIELDS`) came later; a clerk's sheet may have any of them. Every row of a ticket
must agree on gross and tare (or leave them blank after the first), a row's payable weight must be
its net less its deduction, the gross must be more than the tare and the deduction less than the
net, and the amount is checked against payable weight × price. How a ticket's deduction is read
(once on the first row or the same on every row: the truck's; per row: each must be its share by
the rule of `db.deductions`, as the export writes it; '2%' or a 扣杂(%) column: the truck's
percentage) and how a net is had without a 净重 column (a one-line truck: gross − tare) is
`ticket_weights`. A blank cell there is read as in the first layout (no gross or tare: the sum of
the lines and 0, i.e. not weighed on the park's bridge, `Shipment.weighed`; no deduction: 0).

What a layout does not carry is filled in, documented here so nobody is surprised:

- without the last four columns: gross weight = the sum of the line weights and tare = 0 (the
  weighbridge figures are not in the file) and no deduction; in both layouts payment status
  'unpaid', and a deduction agreed in percent is kept as the kilograms it came to;
- the price (单价 / 约定价) becomes the line's agreed price; a 实结价 column, when there is one,
  its settled price (the export writes the effective one);
- a blank grade is 统货 (ungraded), a blank market or plate stays empty;
- the amount column may be blank; when given it must equal payable weight × price to within one fen
  (spreadsheets round differently), and the stored amount is always computed exactly;
- a leading apostrophe that `db.documents.exporting.neutralise` put before = + - @ is removed again; any other
  text that looks like a formula is only ever text here (nothing is evaluated).

CSV is read as UTF-8 (with or without BOM), UTF-16 with a BOM or, failing those, GB 18030 (what
Excel and WPS on Chinese Windows save as "CSV"); a tab-separated file is recognised by its header.
Workbooks (.xlsx, .xlsm) are read by `sheet_xml` with the standard library, a row at a time (the
values python-calamine gave): their first sheet unless one is named.

A file may be hostile or broken, so reading is bounded (the limits below are far above a year's
export), and memory does not grow with the file beyond what the check keeps: a CSV is streamed,
never held whole; its encoding and line lengths are checked in a first pass; a workbook's parts
other than the sheet are unpacked and scanned for size, long texts and cell spans before any is
parsed, and the sheet is guarded the same way while it is read (a 5 KB .xlsx naming cells A1 and
XFD1048576, which made python-calamine ask for 512 GB, is refused at its second cell). .xls, .xlsb
and .ods cannot be scanned that way and are refused. The check stops after MAX_PROBLEMS problems.
"""

from __future__ import annotations

import sys
import types

from db.errors import DomainError
from db.importing import kinds, mapping, masters, problems, reading, shipment_rows, shipments
from db.importing.kinds import KINDS, RecordImport, check_records, import_records
from db.importing.mapping import MAX_CELL_CHARS, _expected, _is_zero, _map_header, _title_key
from db.importing.masters import MASTER_KINDS, check_masters, import_masters
from db.importing.preview import layout_of, preview_columns
from db.importing.problems import (
    MAX_PROBLEMS,
    PROGRESS_EVERY,
    WARNING_KINDS,
    ImportFailed,
    ImportProblem,
    ImportWarning,
    Progress,
    WarningsNotAccepted,
    _no_progress,
)
from db.importing.reading import (
    CSV_SUFFIXES,
    MAX_CSV_LINE_CHARS,
    MAX_FILE_BYTES,
    MAX_SHEET_CELLS,
    MAX_TEXT_BYTES,
    MAX_UNPACKED_BYTES,
    REFUSED_WORKBOOK_SUFFIXES,
    WORKBOOK_SUFFIXES,
    Cell,
    FileRow,
    _check_workbook,
    _native_text,
    _open_rows,
    _scan_part,
    read_rows,
    sheet_names,
)
from db.importing.shipment_rows import AMOUNT_TOLERANCE_FEN
from db.importing.shipments import (
    MAX_ROWS,
    ShipmentImport,
    check_shipments,
    import_record,
    import_shipments,
    unaccepted_warnings,
    write_shipments,
)

__all__ = [
    "AMOUNT_TOLERANCE_FEN",
    "CSV_SUFFIXES",
    "KINDS",
    "MASTER_KINDS",
    "MAX_CELL_CHARS",
    "MAX_CSV_LINE_CHARS",
    "MAX_FILE_BYTES",
    "MAX_PROBLEMS",
    "MAX_ROWS",
    "MAX_SHEET_CELLS",
    "MAX_TEXT_BYTES",
    "MAX_UNPACKED_BYTES",
    "PROGRESS_EVERY",
    "REFUSED_WORKBOOK_SUFFIXES",
    "WARNING_KINDS",
    "WORKBOOK_SUFFIXES",
    "Cell",
    "DomainError",
    "FileRow",
    "ImportFailed",
    "ImportProblem",
    "ImportWarning",
    "Progress",
    "RecordImport",
    "ShipmentImport",
    "WarningsNotAccepted",
    "_check_workbook",
    "_expected",
    "_is_zero",
    "_map_header",
    "_native_text",
    "_no_progress",
    "_open_rows",
    "_scan_part",
    "_title_key",
    "check_masters",
    "check_records",
    "check_shipments",
    "import_masters",
    "import_record",
    "import_records",
    "import_shipments",
    "layout_of",
    "preview_columns",
    "read_rows",
    "sheet_names",
    "unaccepted_warnings",
    "write_shipments",
]

_MODULES = (problems, reading, mapping, shipment_rows, shipments, kinds, masters)


class _Package(types.ModuleType):
    """Setting a limit here (`db.importing.MAX_ROWS = 50`, as a test does) sets it where it is used."""

    def __setattr__(self, name: str, value: object) -> None:
        if name.isupper():
            for module in _MODULES:
                if name in vars(module):
                    setattr(module, name, value)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
