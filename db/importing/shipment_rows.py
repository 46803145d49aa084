"""One row of a shipments file → a parsed line (every cell checked with db.parsing), problems collected."""

from __future__ import annotations

import datetime
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from db import parsing, plausibility, units
from db.documents.exporting import WEIGHING_FIELDS, unneutralise
from db.i18n import Text, translate
from db.importing.mapping import MAX_CELL_CHARS, _is_zero
from db.importing.packs import ESTIMATED, PackWeights
from db.importing.problems import ImportProblem, ImportWarning
from db.importing.reading import Cell, FileRow, _native_text
from db.repositories import FIRST_DATE, LAST_DATE, MAX_TRUCK_NET_G, Store

AMOUNT_TOLERANCE_FEN = 1


STALE_FORMULA = translate(
    "db",
    "a formula whose saved value cannot be trusted (0 or nothing: the program that wrote the file "
    "did not compute it); open the file in Excel or WPS and save it again, or type the value",
)


@dataclass(frozen=True, slots=True)
class _Percent:
    """A deduction agreed in percent ('2%', or any number in a 扣杂(%) column), in hundredths of a percent."""

    x100: int


_PERCENT_LIMIT = 10_000  # under 100%, as the shipments table takes it


def parse_percent_x100(text: str) -> int | None:
    """'2%', '2.5', '２％' → hundredths of a percent (200, 250, 200); None if it is no percentage
    from 0 to under 100 with at most two decimals."""
    value = parsing.normalize_text(text).replace(" ", "").replace("％", "%").removesuffix("%")
    try:
        number = Decimal(value)
    except InvalidOperation:
        return None
    if not number.is_finite() or number < 0:
        return None
    x100 = number * 100
    if x100 != x100.to_integral_value() or x100 >= _PERCENT_LIMIT:
        return None
    return int(x100)


@dataclass(frozen=True, slots=True)
class _PackCount:
    """A weight cell that counts packs ('3袋'): a weight through the row's crop's pack weight."""

    count: int
    pack: str


def _shown(cells: tuple[Cell, ...], index: int) -> str:
    return parsing.visible(cells[index].text.strip()) if index < len(cells) else ""


_BLANK = Cell("")
_STALE = object()  # a field whose cell held a stale formula (reported once; the field is unknown)
_MAX_CACHED = 100_000  # parsed texts remembered a column (names, dates and prices recur on many rows)
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
    settled: int | None = None  # the settled price (实结价) when the file has one
    gross_g: int | None = None
    tare_g: int | None = None
    deduction_g: int | None = None
    payable_g: int | None = None
    deduction_pct: int | None = None  # a deduction in percent (hundredths), truck-level
    deduction_shown: str = ""  # the deduction cell(s) as the file has them (not yet made visible)
    # the amount typed, when its check waits for the ticket's deduction to be shared (see shipments)
    amount: Decimal | None = None
    amount_shown: str = ""
    packs: str = ""  # the count of packs net_g was estimated from ('3袋'); '' when weighed
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
        self.pack_weights = PackWeights(store.crops.list(), MAX_TRUCK_NET_G)
        self.warnings: list[ImportWarning] = []
        # names that matched nothing (or more than one record), by field, for the CLI to list
        self.unknown: dict[str, list[str]] = {}
        # The same names, dates and prices recur on thousands of rows; each text is parsed once
        # (up to _MAX_CACHED texts a column, so a file of a million different weights does not fill
        # memory): (field, column index, title, compute, memo, slot in _HEADER_KEYS or -1).
        self._plan = self._plan_fields()
        self._weighing = any(key in columns for key in (*WEIGHING_FIELDS, "deduction_pct"))
        self._deduction_cells = [
            columns[key][0] for key in ("deduction_kg", "deduction_pct") if key in columns
        ]
        # (price, crop) → the plausibility warning or None
        self._price_warnings: dict[tuple[int, int | None], tuple[str, Text] | None] = {}

    def forget(self) -> None:
        """Drop the remembered outcomes once every row is parsed. The plan's bound methods make the
        parser a reference cycle, freed only by the cycle collector, which a bulk step pauses
        (db.repositories.bulk.pause_cycle_collection): without this they would stay through the
        write (measured: 82,000 outcomes of a 199,000-row file)."""
        for plan in self._plan:
            plan[4].clear()
        self._price_warnings.clear()

    def parse(self, row: FileRow, problems: list[ImportProblem]) -> _Line:
        """One row → a parsed line; each cell's problems appended to `problems`.

        Each field's outcome (value, messages, the text shown) is a function of the cell's text
        alone, so it is computed once per distinct text of the column and looked up after that: a
        file of 100,000 rows has a few hundred distinct names, dates, units and prices. What
        depends on several cells (the price's plausibility for its crop, the payable weight, the
        amount) is checked per row from the parsed values."""
        number = row.number
        cells = row.cells
        count = len(cells)
        line = _Line(number)
        values: dict[str, object] = {}
        shown = ["", "", "", "", "", ""]  # the _HEADER_KEYS cells as the file has them
        for key, index, title, compute, memo, slot in self._plan:
            cell = cells[index] if index < count else _BLANK
            if cell.stale_formula:
                text = sys.intern(parsing.visible(cell.text.strip()))
                problems.append(ImportProblem(number, title, text, STALE_FORMULA))
                values[key] = _STALE
            else:
                token = cell.text
                if key == "date" and isinstance(cell.native, datetime.date):
                    token = cell.native  # a date or datetime counts by its day (never equal to a text)
                outcome = memo.get(token)
                if outcome is None:
                    if len(memo) >= _MAX_CACHED:  # a file of a million different weights: bounded
                        memo.clear()
                    outcome = memo[token] = compute(token)
                value, messages, text = outcome
                for message in messages:
                    problems.append(ImportProblem(number, title, text, message))
                values[key] = value
            if slot >= 0:
                shown[slot] = text
        line.shown = tuple(shown)
        get = values.get
        date = get("date")
        if date is not _STALE:
            line.date, line.time = date  # type: ignore[misc]
        ticket = get("ticket")
        line.ticket = None if ticket is _STALE else ticket  # type: ignore[assignment]
        for key, attr in (("buyer", "buyer_id"), ("operator", "operator_id"), ("crop", "crop_id")):
            found = get(key)
            setattr(line, attr, None if found is _STALE else found)
        market = get("market", (None, True))  # no market column: none
        if market is not _STALE:
            line.market_id, line.market_ok = market  # type: ignore[misc]
        plate = get("plate", "")
        line.plate = None if plate is _STALE else plate  # type: ignore[assignment]
        grade = get("grade", "ungraded")
        line.grade = None if grade is _STALE else grade  # type: ignore[assignment]
        net = get("net_kg")
        if isinstance(net, _PackCount):
            net = self._from_packs(net, line, cells, problems)
        line.net_g = None if net is _STALE else net  # type: ignore[assignment]
        if line.net_g is not None:
            self._check_weight(line.net_g, cells[self.columns["net_kg"][0]].text, number)
        price = get("price")
        if price is not _STALE and price is not None:
            line.price = price  # type: ignore[assignment]
            self._check_price(line, cells[self.columns["price"][0]].text.strip(), number)
        settled = get("settled_price")
        if settled is not _STALE and settled is not None:
            line.settled = settled  # type: ignore[assignment]
        if self._weighing:
            self._check_payable(line, values, problems, cells)
        amount = get("amount")
        if amount is not None and amount is not _STALE and self._deferred_amount(line):
            line.amount = amount  # type: ignore[assignment]
            line.amount_shown = _shown(cells, self.columns["amount"][0])
        elif amount is not None and amount is not _STALE:
            message = self._amount_problem(line, amount)  # type: ignore[arg-type]
            if message is not None:
                index, title = self.columns["amount"]
                problems.append(
                    ImportProblem(number, title, parsing.visible(cells[index].text.strip()), message)
                )
        return line

    # ---- one cell's text → (value, messages, the text shown); memoised per column by parse()

    def _plan_fields(self) -> list[tuple]:
        computes: dict[str, Callable[[str], tuple]] = {
            "date": self._date,
            "ticket": self._ticket,
            "buyer": lambda t: self._name("buyer", self.buyers, t),
            "operator": lambda t: self._name("operator", self.operators, t),
            "crop": lambda t: self._name("crop", self.crops, t),
            "market": self._market,
            "plate": self._plate,
            "grade": self._grade,
            "net_kg": self._net,
            "price": self._price,
            "settled_price": lambda t: self._price(t, "settled_price"),
            "deduction_pct": self._percent,
            "amount": self._amount,
        }
        for key in WEIGHING_FIELDS:
            computes[key] = lambda t, k=key: self._weighing_weight(k, t)
        slots = {key: i for i, (key, _, _) in enumerate(_HEADER_KEYS)}
        return [
            (key, index, title, computes[key], {}, slots.get(key, -1))
            for key, (index, title) in self.columns.items()
            if key in computes
        ]

    @staticmethod
    def _text(raw: str) -> tuple[str | None, tuple, str]:
        """The cell's text without a neutralising apostrophe (None and a message if too long), and
        the text a message shows."""
        value = raw.strip()
        shown = sys.intern(parsing.visible(value))
        if len(value) > MAX_CELL_CHARS:
            message = translate("db", "{n} characters is too long; at most {limit}").format(
                n=len(value), limit=MAX_CELL_CHARS
            )
            return None, (message,), shown
        return unneutralise(value), (), shown

    def _date(self, token: object) -> tuple:
        if isinstance(token, datetime.date):
            shown = sys.intern(parsing.visible(_native_text(token).strip()))
            time = None
            if isinstance(token, datetime.datetime) and token.time() != datetime.time():
                time = token.strftime("%H:%M")
            day = (token.date() if isinstance(token, datetime.datetime) else token).isoformat()
            if FIRST_DATE <= day <= LAST_DATE:
                return (day, time), (), shown
            message = translate("db", "{value} is not between {first} and {last}; check the year").format(
                value=day, first=FIRST_DATE, last=LAST_DATE
            )
            return (None, time), (message,), shown
        value, messages, shown = self._text(token)  # type: ignore[arg-type]
        if value is None:
            return (None, None), messages, shown
        value, time = split_time(value)
        result = parsing.parse_date(value, today=self.today)
        if result.ok:
            return (result.value.isoformat(), time), (), shown
        return (None, time), (result.error or translate("db", "not a date"),), shown

    def _ticket(self, raw: str) -> tuple:
        # any text, formula-like or not, is kept as text
        value, messages, shown = self._text(raw)
        if value is None:
            return None, messages, shown
        ticket = parsing.normalize_text(value)
        if len(ticket) > MAX_CELL_CHARS:  # NFKC can lengthen a text (ﷺ is 18 letters)
            message = translate("db", "{n} characters is too long; at most {limit}").format(
                n=len(ticket), limit=MAX_CELL_CHARS
            )
            return None, (message,), shown
        if not ticket:
            return None, (translate("db", "a weighing ticket number (磅单号) is required"),), shown
        return ticket, (), shown

    def _name(self, key: str, index: parsing.NameIndex, raw: str) -> tuple:
        value, messages, shown = self._text(raw)
        if value is None:
            return None, messages, shown
        if not parsing.normalize_text(value):
            return None, (translate("db", "required"),), shown
        result = index.match(value)
        if result.ok:
            return result.value, (), shown
        names = self.unknown.setdefault(key, [])
        name = parsing.visible(parsing.normalize_text(value))
        if name not in names and len(names) < MAX_UNKNOWN_NAMES:
            names.append(name)
        return None, (result.error or translate("db", "unknown name"),), shown

    def _market(self, raw: str) -> tuple:
        value, messages, shown = self._text(raw)
        if value is None:
            return (None, False), messages, shown
        if not parsing.normalize_text(value):
            return (None, True), (), shown
        market_id, messages, shown = self._name("market", self.markets, raw)
        return (market_id, market_id is not None), messages, shown

    def _plate(self, raw: str) -> tuple:
        value, messages, shown = self._text(raw)
        if value is None:
            return None, messages, shown
        if not parsing.normalize_text(value):
            return "", (), shown
        result = parsing.parse_plate(value)
        if result.ok:
            return result.value, (), shown
        return None, (result.error or translate("db", "not a plate"),), shown

    def _grade(self, raw: str) -> tuple:
        value, messages, shown = self._text(raw)
        if value is None:
            return None, messages, shown
        label = parsing.to_simplified(parsing.normalize_text(value))
        if not label:
            return "ungraded", (), shown
        grade = units.code_for_label(units.GRADES, label)
        if grade is None:
            accepted = ", ".join(f"{zh} ({en})" for zh, en in units.GRADES.values())
            return (
                None,
                (translate("db", "unknown grade; use one of {grades}").format(grades=accepted),),
                shown,
            )
        return grade, (), shown

    def _net(self, raw: str) -> tuple:
        value, messages, shown = self._text(raw)
        if value is None:
            return None, messages, shown
        result = parsing.parse_weight_g(value, default_unit=self.units.get("net_kg", "kg"))
        if not result.ok:
            pack = parsing.parse_pack_count(value)
            if pack is not None:  # what it weighs depends on the row's crop: parse() says
                return _PackCount(*pack), (), shown
            return None, (result.error or translate("db", "not a weight"),), shown
        if result.value > MAX_TRUCK_NET_G:
            return None, (translate("db", "a line above 100 t cannot be on one truck"),), shown
        return result.value, (), shown

    def _price(self, raw: str, key: str = "price") -> tuple:
        value, messages, shown = self._text(raw)
        if value is None:
            return None, messages, shown
        if key != "price" and not parsing.normalize_text(value):
            return None, (), shown  # no settled price (yet): the agreed one is paid
        result = parsing.parse_price(value, default_unit=self.units.get(key, "元/公斤"))
        if result.ok:
            return result.value, (), shown
        return None, (result.error or translate("db", "not a price"),), shown

    def _percent(self, raw: str) -> tuple:
        """A deduction in percent (扣杂(%) column); None for a blank cell."""
        value, messages, shown = self._text(raw)
        if value is None or not parsing.normalize_text(value):
            return None, messages, shown
        x100 = parse_percent_x100(value)
        if x100 is None:
            return (
                None,
                (translate("db", "not a percentage from 0 to under 100; type it like 2 or 2.5%"),),
                shown,
            )
        return _Percent(x100), (), shown

    def _weighing_weight(self, key: str, raw: str) -> tuple:
        """A truck's gross or tare, a line's deduction or payable weight; None for a blank cell (as in
        the first layout, see the package docstring)."""
        value, messages, shown = self._text(raw)
        if value is None or not parsing.normalize_text(value):
            return None, messages, shown
        result = parsing.parse_weight_g(value, default_unit=self.units.get(key, "kg"))
        if result.ok:
            return result.value, (), shown
        if _is_zero(value) and key in ("truck_tare_kg", "deduction_kg"):
            return 0, (), shown
        if key == "deduction_kg" and parsing.normalize_text(value).rstrip().endswith(("%", "％")):
            return self._percent(raw)  # '2%' in a 扣重 column: a deduction agreed in percent
        return None, (result.error or translate("db", "not a weight"),), shown

    def _amount(self, raw: str) -> tuple:
        """The amount typed, as a Decimal of 元 (None when blank: it is optional, always computed)."""
        value, messages, shown = self._text(raw)
        if value is None:
            return None, messages, shown
        text = parsing.normalize_text(value).replace(",", "").replace(" ", "")
        text = text.removeprefix("¥").removeprefix("￥").removesuffix("元")
        if not text:
            return None, (), shown
        try:
            given = Decimal(text)
        except InvalidOperation:
            given = Decimal("NaN")
        if not given.is_finite() or given < 0:
            return None, (translate("db", "not an amount in 元; type it like 1234.50"),), shown
        return given, (), shown

    def _check_payable(
        self, line: _Line, values: dict[str, object], problems: list[ImportProblem], cells: tuple[Cell, ...]
    ) -> None:
        """The weighing columns of one row: the payable weight must be net − deduction."""
        weights = [values.get(key) for key in WEIGHING_FIELDS]
        line.gross_g, line.tare_g, line.deduction_g, line.payable_g = (
            None if w is _STALE else w  # type: ignore[misc]
            for w in weights
        )
        # the cells as typed (made visible only for a message: ticket_weights)
        shown = [cells[index].text.strip() for index in self._deduction_cells if index < len(cells)]
        line.deduction_shown = " + ".join(text for text in shown if text)
        percent = values.get("deduction_pct")
        if isinstance(line.deduction_g, _Percent):  # '2%' typed in the 扣重 column
            percent, line.deduction_g = line.deduction_g, None
        if isinstance(percent, _Percent):
            line.deduction_pct = percent.x100
        if line.deduction_pct is not None:
            return  # a percentage is the truck's: the payable weight is checked with the ticket
        complete = None not in (line.net_g, line.deduction_g, line.payable_g)
        if complete and line.payable_g != line.net_g - line.deduction_g:  # type: ignore[operator]
            index, title = self.columns["payable_kg"]
            problems.append(
                ImportProblem(
                    line.row,
                    title,
                    parsing.visible(cells[index].text.strip()) if index < len(cells) else "",
                    translate(
                        "db", "does not match net weight − deduction = {payable} kg; correct one of them"
                    ).format(payable=units.plain_kg(line.net_g - line.deduction_g)),  # type: ignore[operator]
                )
            )
            line.payable_g = None

    def _from_packs(
        self, pack: _PackCount, line: _Line, cells: tuple[Cell, ...], problems: list[ImportProblem]
    ) -> int | None:
        """A count of bags, crates or bundles: its weight through the crop's pack weight, with an
        'estimated' warning; a problem (and None) when the crop has no such weight."""
        index, title = self.columns["net_kg"]
        estimate = self.pack_weights.estimate(pack.count, pack.pack, line.crop_id)
        if estimate.grams is None:
            problems.append(ImportProblem(line.row, title, _shown(cells, index), estimate.message))
            return None
        line.packs = estimate.packs
        self.warnings.append(
            ImportWarning(line.row, title, _shown(cells, index), estimate.message, ESTIMATED)
        )
        return estimate.grams

    def _deferred_amount(self, line: _Line) -> bool:
        """Whether a row's amount is checked only once its ticket's deduction is shared out: a
        deduction given without the line's payable weight may be the truck's (see shipments)."""
        return line.payable_g is None and ("deduction_kg" in self.columns or "deduction_pct" in self.columns)

    @staticmethod
    def amount_problem(line: _Line, given: Decimal) -> Text | None:
        return _RowParser._amount_problem(line, given)

    @staticmethod
    def _amount_problem(line: _Line, given: Decimal) -> Text | None:
        """Why the amount typed is not payable weight × price (to within a fen); None when it is, or
        when the weight or price did not parse."""
        weight = line.net_g
        if line.payable_g is not None:
            weight = line.payable_g
        elif line.net_g is not None and line.deduction_g is not None:
            weight = line.net_g - line.deduction_g
        price = line.price if line.settled is None else line.settled
        if weight is None or price is None:
            return None  # cannot check against a weight or price that did not parse
        expected = units.amount_fen(weight, price)
        if abs(given * units.FEN_PER_YUAN - expected) <= AMOUNT_TOLERANCE_FEN:
            return None
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
        return message.format(amount=units.plain_yuan(expected))

    def _check_weight(self, net_g: int, raw: str, row: int) -> None:
        """Plausibility: a line heavier than a truck usually carries is a warning to accept."""
        if (warning := plausibility.weight_warning(net_g, "line")) is not None:
            kind, message = warning
            shown = parsing.visible(unneutralise(raw.strip()))
            self.warnings.append(ImportWarning(row, self.columns["net_kg"][1], shown, message, kind))

    def _check_price(self, line: _Line, shown: str, row: int) -> None:
        """Plausibility: a price of 0, or far outside the crop's usual range, is a warning to accept."""
        assert line.price is not None
        key = (line.price, line.crop_id)
        if key in self._price_warnings:
            warning = self._price_warnings[key]
        else:
            if line.crop_id is None or line.crop_id not in self.crop_ranges:
                low = high = 0
                crop = ""
            else:
                low, high, crop = self.crop_ranges[line.crop_id]
            if len(self._price_warnings) >= _MAX_CACHED:
                self._price_warnings.clear()
            warning = self._price_warnings[key] = plausibility.price_warning(line.price, crop, low, high)
        if warning is not None:
            kind, message = warning
            title = self.columns["price"][1]
            self.warnings.append(ImportWarning(row, title, parsing.visible(shown), message, kind))


# Header fields every row of a ticket must agree on: (key, attribute of _Line, whether it parsed).
_HEADER_KEYS: tuple[tuple[str, str, Callable[[_Line], bool]], ...] = (
    ("date", "date", lambda line: line.date is not None),
    ("buyer", "buyer_id", lambda line: line.buyer_id is not None),
    ("market", "market_id", lambda line: line.market_ok),
    ("plate", "plate", lambda line: line.plate is not None),
    ("truck_gross_kg", "gross_g", lambda line: line.gross_g is not None),
    ("truck_tare_kg", "tare_g", lambda line: line.tare_g is not None),
)
