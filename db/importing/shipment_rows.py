"""One row of a shipments file → a parsed line (every cell checked with db.parsing), problems collected."""

from __future__ import annotations

import datetime
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from db import parsing, plausibility, units
from db.exporting import WEIGHING_FIELDS, unneutralise
from db.i18n import translate
from db.importing.mapping import MAX_CELL_CHARS, _is_zero
from db.importing.problems import ImportProblem, ImportWarning
from db.importing.reading import Cell, FileRow
from db.repositories import FIRST_DATE, LAST_DATE, MAX_TRUCK_NET_G, Store

AMOUNT_TOLERANCE_FEN = 1


STALE_FORMULA = translate(
    "db",
    "a formula whose saved value cannot be trusted (0 or nothing: the program that wrote the file "
    "did not compute it); open the file in Excel or WPS and save it again, or type the value",
)
_MAX_CACHED = 100_000  # parsed texts remembered (names, dates and prices recur on many rows)
# A price more than this many times the crop's stored high, or below its low divided by it, is
# warned about (77.67 元/kg for eggplant, 12 元/斤 for radish).
MAX_UNKNOWN_NAMES = 200  # listed per field
# A weighbridge time after the date: 2023-11-06 16:02, 2023/11/6 16:02:33, 2023-11-06T16:02.
_TIME = re.compile(r"^(.*?\S)(?:\s+|T)(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$")


def split_time(text: str) -> tuple[str, str | None]:
    """A date cell's text without its time of day, and that time as HH:MM (None when none)."""
    match = _TIME.match(parsing.normalize_text(text))
    if match is None:
        return text, None
    hour, minute = int(match.group(2)), int(match.group(3))
    if hour > 23 or minute > 59:
        return text, None
    return match.group(1), f"{hour:02d}:{minute:02d}"


# ---------------------------------------------------------------------------------------------------
# Parsing one row


@dataclass(slots=True)
class _Line:
    """One parsed row; None where the cell had a problem."""

    row: int
    date: str | None = None
    time: str | None = None  # HH:MM when the date cell had a weighbridge time
    ticket: str | None = None
    buyer_id: int | None = None
    market_id: int | None = None
    market_ok: bool = False  # the market parsed or was blank (market_id None then means none)
    plate: str | None = None
    operator_id: int | None = None
    crop_id: int | None = None
    grade: str | None = None
    net_g: int | None = None
    price: int | None = None
    gross_g: int | None = None
    tare_g: int | None = None
    deduction_g: int | None = None
    payable_g: int | None = None
    shown: tuple[str, ...] = ()  # the header cells (_HEADER_KEYS) as the file has them


class _RowParser:
    def __init__(self, store: Store, columns: dict[str, tuple[int, str]], today: datetime.date | None):
        self.columns = columns
        self.units: dict[str, str] = getattr(columns, "units", {})
        self.today = today
        self.buyers = parsing.NameIndex(store.buyers.name_entries())
        self.markets = parsing.NameIndex(store.markets.name_entries())
        self.operators = parsing.NameIndex(store.operators.name_entries())
        self.crops = parsing.NameIndex(store.crops.name_entries())
        # each crop's usual range (price units per kg) and name, for the plausibility warnings
        self.crop_ranges = {c.id: (c.price_low, c.price_high, c.name) for c in store.crops.list()}
        self.warnings: list[ImportWarning] = []
        # names that matched nothing (or more than one record), by field, for the CLI to list
        self.unknown: dict[str, list[str]] = {}
        # The same names, dates and prices recur on thousands of rows; each text is parsed once
        # (up to _MAX_CACHED texts, so a file of a million different weights does not fill memory).
        self._parsed: dict[tuple[str, str], parsing.ParseResult] = {}

    def cached(self, kind: str, text: str, parse) -> parsing.ParseResult:
        key = (kind, text)
        result = self._parsed.get(key)
        if result is None:
            if len(self._parsed) >= _MAX_CACHED:
                self._parsed.clear()
            result = self._parsed[key] = parse(text)
        return result

    def cell(self, row: FileRow, key: str) -> Cell:
        index = self.columns[key][0]
        return row.cells[index] if index < len(row.cells) else Cell("")

    def parse(self, row: FileRow, problems: list[ImportProblem]) -> _Line:
        line = _Line(row.number)
        cells = {key: self.cell(row, key) for key in self.columns}

        def problem(key: str, message: str) -> None:
            value = parsing.visible(cells[key].text.strip())
            problems.append(ImportProblem(row.number, self.columns[key][1], value, message))

        def text(key: str) -> str | None:
            """The cell's text without a neutralising apostrophe; None (and a problem) if too long
            or a formula whose saved value cannot be trusted. A column the file does not have is blank."""
            if key not in cells:
                return ""
            if cells[key].stale_formula:
                problem(key, STALE_FORMULA)
                return None
            value = cells[key].text.strip()
            if len(value) > MAX_CELL_CHARS:
                problem(
                    key,
                    translate("db", "{n} characters is too long; at most {limit}").format(
                        n=len(value), limit=MAX_CELL_CHARS
                    ),
                )
                return None
            return unneutralise(value)

        # interned: a ticket keeps its first row's, and the same few dates and names recur
        line.shown = tuple(
            sys.intern(parsing.visible(cells[key].text.strip())) if key in cells else ""
            for key, _, _ in _HEADER_KEYS
        )

        # date
        native = cells["date"].native
        if isinstance(native, datetime.date):  # a datetime (a weighing time stamp) counts by its day
            if isinstance(native, datetime.datetime) and native.time() != datetime.time():
                line.time = native.strftime("%H:%M")
            day = (native.date() if isinstance(native, datetime.datetime) else native).isoformat()
            if FIRST_DATE <= day <= LAST_DATE:
                line.date = day
            else:
                problem(
                    "date",
                    translate("db", "{value} is not between {first} and {last}; check the year").format(
                        value=day, first=FIRST_DATE, last=LAST_DATE
                    ),
                )
        elif (value := text("date")) is not None:
            value, line.time = split_time(value)
            result = self.cached("date", value, lambda t: parsing.parse_date(t, today=self.today))
            if result.ok:
                line.date = result.value.isoformat()
            else:
                problem("date", result.error or translate("db", "not a date"))

        # ticket: any text, formula-like or not, is kept as text
        if (value := text("ticket")) is not None:
            ticket = parsing.normalize_text(value)
            if len(ticket) > MAX_CELL_CHARS:  # NFKC can lengthen a text (ﷺ is 18 letters)
                problem(
                    "ticket",
                    translate("db", "{n} characters is too long; at most {limit}").format(
                        n=len(ticket), limit=MAX_CELL_CHARS
                    ),
                )
            elif ticket:
                line.ticket = ticket
            else:
                problem("ticket", translate("db", "a weighing ticket number (磅单号) is required"))

        # names
        line.buyer_id = self._name("buyer", self.buyers, text, problem)
        line.operator_id = self._name("operator", self.operators, text, problem)
        line.crop_id = self._name("crop", self.crops, text, problem)
        if (value := text("market")) is not None:
            if parsing.normalize_text(value):
                line.market_id = self._name("market", self.markets, text, problem)
                line.market_ok = line.market_id is not None
            else:
                line.market_ok = True

        # plate
        if (value := text("plate")) is not None:
            if parsing.normalize_text(value):
                result = self.cached("plate", value, parsing.parse_plate)
                if result.ok:
                    line.plate = result.value
                else:
                    problem("plate", result.error or translate("db", "not a plate"))
            else:
                line.plate = ""

        # grade
        if (value := text("grade")) is not None:
            shown = parsing.to_simplified(parsing.normalize_text(value))
            if not shown:
                line.grade = "ungraded"
            else:
                line.grade = units.code_for_label(units.GRADES, shown)
                if line.grade is None:
                    accepted = ", ".join(f"{zh} ({en})" for zh, en in units.GRADES.values())
                    problem(
                        "grade", translate("db", "unknown grade; use one of {grades}").format(grades=accepted)
                    )

        # weight, price, amount
        if (value := text("net_kg")) is not None:
            unit = self.units.get("net_kg", "kg")
            result = self.cached(
                "kg" + unit, value, lambda t, u=unit: parsing.parse_weight_g(t, default_unit=u)
            )
            if result.ok:
                if result.value > MAX_TRUCK_NET_G:
                    problem("net_kg", translate("db", "a line above 100 t cannot be on one truck"))
                else:
                    line.net_g = result.value
                    if (warning := plausibility.weight_warning(result.value, "line")) is not None:
                        kind, message = warning
                        shown = parsing.visible(value)
                        self.warnings.append(
                            ImportWarning(row.number, self.columns["net_kg"][1], shown, message, kind)
                        )
            else:
                problem("net_kg", result.error or translate("db", "not a weight"))
        if (value := text("price")) is not None:
            unit = self.units.get("price", "元/公斤")
            result = self.cached("price" + unit, value, lambda t: parsing.parse_price(t, default_unit=unit))
            if result.ok:
                line.price = result.value
                self._check_price(line, cells["price"].text.strip(), row.number)
            else:
                problem("price", result.error or translate("db", "not a price"))
        if any(key in cells for key in WEIGHING_FIELDS):
            self._parse_weighing(line, text, problem)
        if "amount" in cells and (value := text("amount")) is not None:
            self._check_amount(line, value, lambda message: problem("amount", message))
        return line

    def _parse_weighing(self, line: _Line, text, problem) -> None:
        """The truck's gross and tare, the line's deduction and payable weight (the later columns)."""
        parsed: dict[str, int] = {}
        for key in WEIGHING_FIELDS:
            if key not in self.columns or (value := text(key)) is None or not parsing.normalize_text(value):
                continue  # a blank cell or no column: as in the first layout (see the package docstring)
            unit = self.units.get(key, "kg")
            result = self.cached(
                "kg0" + unit, value, lambda t, u=unit: parsing.parse_weight_g(t, default_unit=u)
            )
            zero = not result.ok and _is_zero(value)
            if result.ok or (zero and key in ("truck_tare_kg", "deduction_kg")):
                parsed[key] = result.value if result.ok else 0
            else:
                problem(key, result.error or translate("db", "not a weight"))
        line.gross_g = parsed.get("truck_gross_kg")
        line.tare_g = parsed.get("truck_tare_kg")
        line.deduction_g = parsed.get("deduction_kg")
        line.payable_g = parsed.get("payable_kg")
        complete = None not in (line.net_g, line.deduction_g, line.payable_g)
        if complete and line.payable_g != line.net_g - line.deduction_g:  # type: ignore[operator]
            problem(
                "payable_kg",
                translate(
                    "db", "does not match net weight − deduction = {payable} kg; correct one of them"
                ).format(payable=units.plain_kg(line.net_g - line.deduction_g)),  # type: ignore[operator]
            )
            line.payable_g = None

    def _check_price(self, line: _Line, shown: str, row: int) -> None:
        """Plausibility: a price of 0, or far outside the crop's usual range, is a warning to accept."""
        assert line.price is not None
        title = self.columns["price"][1]
        value = parsing.visible(shown)
        if line.crop_id is None or line.crop_id not in self.crop_ranges:
            low = high = 0
            crop = ""
        else:
            low, high, crop = self.crop_ranges[line.crop_id]
        warning = plausibility.price_warning(line.price, crop, low, high)
        if warning is not None:
            kind, message = warning
            self.warnings.append(ImportWarning(row, title, value, message, kind))

    def _name(self, key: str, index: parsing.NameIndex, text, problem) -> int | None:
        value = text(key)
        if value is None:
            return None
        if not parsing.normalize_text(value):
            problem(key, translate("db", "required"))
            return None
        result = self.cached(key, value, index.match)
        if result.ok:
            return result.value
        problem(key, result.error or translate("db", "unknown name"))
        names = self.unknown.setdefault(key, [])
        shown = parsing.visible(parsing.normalize_text(value))
        if shown not in names and len(names) < MAX_UNKNOWN_NAMES:
            names.append(shown)
        return None

    @staticmethod
    def _check_amount(line: _Line, value: str, problem: Callable[[str], None]) -> None:
        text = parsing.normalize_text(value).replace(",", "").replace(" ", "")
        text = text.removeprefix("¥").removeprefix("￥").removesuffix("元")
        if not text:
            return  # optional: the amount is always computed
        try:
            given = Decimal(text)
        except InvalidOperation:
            given = Decimal("NaN")
        if not given.is_finite() or given < 0:
            problem(translate("db", "not an amount in 元; type it like 1234.50"))
            return
        weight = line.net_g
        if line.payable_g is not None:
            weight = line.payable_g
        elif line.net_g is not None and line.deduction_g is not None:
            weight = line.net_g - line.deduction_g
        if weight is None or line.price is None:
            return  # cannot check against a weight or price that did not parse
        expected = units.amount_fen(weight, line.price)
        if abs(given * units.FEN_PER_YUAN - expected) > AMOUNT_TOLERANCE_FEN:
            if weight == line.net_g and not line.deduction_g:
                message = translate(
                    "db",
                    "does not match net weight × price = {amount} 元; correct the amount, the weight "
                    "or the price (or leave the amount blank)",
                )
            else:
                message = translate(
                    "db",
                    "does not match payable weight × price = {amount} 元; correct the amount, the "
                    "weight or the price (or leave the amount blank)",
                )
            problem(message.format(amount=units.plain_yuan(expected)))


# Header fields every row of a ticket must agree on: (key, attribute of _Line, whether it parsed).
_HEADER_KEYS: tuple[tuple[str, str, Callable[[_Line], bool]], ...] = (
    ("date", "date", lambda line: line.date is not None),
    ("buyer", "buyer_id", lambda line: line.buyer_id is not None),
    ("market", "market_id", lambda line: line.market_ok),
    ("plate", "plate", lambda line: line.plate is not None),
    ("truck_gross_kg", "gross_g", lambda line: line.gross_g is not None),
    ("truck_tare_kg", "tare_g", lambda line: line.tare_g is not None),
)
