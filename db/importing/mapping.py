"""A file's title row → the fields of a layout: the program's own titles, the usual Chinese and
English variants a clerk's sheet has (重量(斤), 单价(元/斤), 车号, 单号 …) with a unit in the title,
in any order; or a mapping the person gave (file column title → field). Extra columns are ignored
and reported."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from db import parsing
from db.documents.exporting import SHIPMENT_FIELDS, SHIPMENT_IMPORT_EXTRA, Field
from db.i18n import Text, translate
from db.importing.problems import MAX_PROBLEMS, ImportProblem
from db.importing.reading import FileRow
from db.repositories import MAX_LINE_CHARS

MAX_CELL_CHARS = MAX_LINE_CHARS  # every column of the layout is a one-line value
HEADER_SEARCH = 10  # non-blank rows looked at for the title row
HEADER_FIELDS = 3  # fields a title row names at least

# Titles clerks give the shipment fields, besides the export's own (compared without spaces, case
# or a unit in brackets). A unit in brackets after a weight or price title is the cell's default.
SHIPMENT_TITLES: dict[str, tuple[str, ...]] = {
    "date": (
        "日期",
        "时间",
        "日期时间",
        "过磅时间",
        "过磅日期",
        "出货日期",
        "发货日期",
        "date",
        "time",
        "datetime",
    ),
    "ticket": ("磅单号", "磅单", "单号", "过磅单号", "票号", "ticket", "ticketno", "ticketnumber"),
    "buyer": ("客商", "买家", "收购商", "采购商", "客户", "老板", "buyer", "customer"),
    "market": ("目的市场", "市场", "去向", "目的地", "销往", "market", "destination"),
    "plate": ("车牌号", "车牌", "车号", "plate", "truck", "licenceplate", "licenseplate"),
    "operator": (
        "经营主体",
        "主体",
        "生产者",
        "供货方",
        "合作社",
        "operator",
        "producer",
        "grower",
        "supplier",
    ),
    "crop": ("品种", "品名", "作物", "菜品", "蔬菜", "crop", "product", "variety", "vegetable"),
    "grade": ("等级", "级别", "规格", "grade", "quality"),
    "net_kg": ("净重", "重量", "数量", "net", "netweight", "weight", "quantity"),
    "price": (
        "单价",
        "价格",
        "约定价",
        "约定单价",
        "约定价格",
        "议定价",
        "合同价",
        "price",
        "unitprice",
        "agreedprice",
    ),
    "settled_price": (
        "实结价",
        "实结单价",
        "实结价格",
        "结算价",
        "结算单价",
        "结算价格",
        "实际单价",
        "实价",
        "settledprice",
        "settled",
    ),
    "amount": ("金额", "货款", "总价", "amount", "total"),
    "truck_gross_kg": ("整车毛重", "毛重", "gross", "grossweight"),
    "truck_tare_kg": ("整车皮重", "皮重", "tare", "tareweight"),
    "deduction_kg": ("扣重", "扣杂", "扣秤", "deduction"),
    "deduction_pct": (
        "扣杂率",
        "扣重率",
        "扣率",
        "扣杂比例",
        "扣重比例",
        "扣杂%",
        "扣重%",
        "deduction%",
        "deductionpct",
    ),
    "payable_kg": ("结算重量", "结算重", "payable", "payableweight"),
}
# Fields a shipments file may leave out (see the package docstring: what a layout does not carry).
SHIPMENT_OPTIONAL = (
    "market",
    "plate",
    "grade",
    "amount",
    "truck_gross_kg",
    "truck_tare_kg",
    "deduction_kg",
    "payable_kg",
    "settled_price",
    "deduction_pct",
)
_BRACKETED = re.compile(r"^(.*?)[(\[【<](.*?)[)\]】>]$")


def _title_key(text: str) -> str:
    return parsing.normalize_text(text).replace(" ", "").casefold()


def _split_unit(title: str) -> tuple[str, str]:
    """A normalised title without its bracketed unit, and that unit ('' when none)."""
    key = _title_key(title)
    match = _BRACKETED.match(key)
    if match is None or not match.group(1):
        return key, ""
    return match.group(1), match.group(2)


@dataclass
class Layout:
    """The fields of one kind of record: their export titles, the titles clerks use, which may be left out."""

    fields: tuple[Field, ...]
    titles: Mapping[str, tuple[str, ...]]
    optional: tuple[str, ...] = ()
    # fields whose title may name the unit of their cells (重量(斤)); by default the weights and prices
    unit_keys: tuple[str, ...] | None = None
    # a field that may be left out when all of the others named are there (净重 = 毛重 − 皮重)
    derived: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # a weight field whose title with the unit '%' names another field (扣杂(%) → deduction_pct)
    percent_of: Mapping[str, str] = field(default_factory=dict)
    by_title: dict[str, str] = field(default_factory=dict, init=False)
    by_base: dict[str, str] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        for f in self.fields:
            for title in (f.zh, f.en, f.key):
                if title:
                    self.by_title.setdefault(_title_key(title), f.key)
            for title in (f.zh, f.en, *self.titles.get(f.key, ())):
                self.by_base.setdefault(_split_unit(title)[0], f.key)
        self.kinds = {f.key: f.kind for f in self.fields}
        if self.unit_keys is None:
            self.unit_keys = tuple(f.key for f in self.fields if f.kind in ("kg", "price"))

    def field_for(self, title: str) -> tuple[str | None, str]:
        """(field key or None, the unit its title names or '')."""
        exact = self.by_title.get(_title_key(title))
        base, unit = _split_unit(title)
        if exact is not None:
            return exact, unit
        return self.by_base.get(base), unit

    def key_for_name(self, name: str) -> str | None:
        """A field named in a mapping: its key, or its Chinese or English title."""
        wanted = _title_key(name)
        for f in self.fields:
            if wanted in (_title_key(f.key), _title_key(f.zh), _title_key(f.en)):
                return f.key
        return None


SHIPMENTS = Layout(
    SHIPMENT_FIELDS + SHIPMENT_IMPORT_EXTRA,
    SHIPMENT_TITLES,
    SHIPMENT_OPTIONAL,
    derived={"net_kg": ("truck_gross_kg", "truck_tare_kg")},
    percent_of={"deduction_kg": "deduction_pct"},
)


class Columns(dict):
    """field key → (column index, title as in the file), with each weight or price column's unit
    (from its title) and the titles of the columns ignored."""

    def __init__(self) -> None:
        super().__init__()
        self.units: dict[str, str] = {}
        self.ignored: list[str] = []


def _unit(kind: str, unit: str) -> str | None:
    """The unit a title names, as db.parsing takes it (None if it is no unit of that kind)."""
    if kind == "price":
        for word in ("cny", "rmb", "yuan", "块"):
            unit = unit.replace(word, "元")
    try:
        if kind == "kg":
            return unit if parsing.parse_weight_g("1", default_unit=unit).ok else None
        return unit if parsing.parse_price("1", default_unit=unit).ok else None
    except ValueError:  # a unit db.parsing does not take as a default
        return None


def _map_header(
    row: FileRow,
    problems: list[ImportProblem],
    mapping: Mapping[str, str | None] | None = None,
    layout: Layout = SHIPMENTS,
) -> Columns:
    """field key → (column index, title as in the file); records problems for a bad header.

    `mapping` (a file column title → a field key or title, or None/'' to ignore the column) is
    applied before the titles are recognised; a title it names that is not in the file, or a field
    it names that does not exist, is a problem."""
    found = Columns()
    given = {_title_key(title): target for title, target in (mapping or {}).items()}
    used: set[str] = set()
    for index, cell in enumerate(row.cells):
        title = cell.text.strip()
        if not title:
            continue
        shown = parsing.visible(title)
        if len(title) > MAX_CELL_CHARS:
            found.ignored.append(shown)
            continue
        key: str | None
        unit = _split_unit(title)[1]
        if _title_key(title) in given:
            used.add(_title_key(title))
            target = given[_title_key(title)]
            if not target:
                found.ignored.append(shown)
                continue
            key = layout.key_for_name(target)
            if key is None:
                problems.append(
                    ImportProblem(
                        row.number,
                        shown,
                        parsing.visible(str(target)),
                        _expected(
                            translate(
                                "db",
                                "the mapping names no such field; the fields are {zh} (in English: {en})",
                            ),
                            layout,
                        ),
                    )
                )
                continue
        else:
            key, unit = layout.field_for(title)
        if key is None:
            found.ignored.append(shown)
            continue
        if unit.replace("％", "%") == "%" and key in layout.percent_of:  # 扣杂(%): a percentage
            key, unit = layout.percent_of[key], ""
        if key in found:
            problems.append(
                ImportProblem(row.number, shown, shown, translate("db", "this column appears twice"))
            )
        else:
            found[key] = (index, shown)
            kind = layout.kinds.get(key, "text")
            if unit and kind in ("kg", "price") and key in (layout.unit_keys or ()):
                if (known := _unit(kind, unit)) is not None:
                    found.units[key] = known
                else:
                    problems.append(
                        ImportProblem(
                            row.number,
                            shown,
                            shown,
                            translate("db", "unknown unit '{unit}' in the title").format(unit=unit),
                        )
                    )
        if len(problems) >= MAX_PROBLEMS:
            return found
    for title in given:
        if title not in used:
            problems.append(
                ImportProblem(
                    row.number,
                    parsing.visible(title),
                    "",
                    translate(
                        "db", "the mapping names this column, but the file has no column of that title"
                    ),
                )
            )
    for f in layout.fields:
        derived_from = layout.derived.get(f.key)
        if derived_from and all(key in found for key in derived_from):
            continue
        if f.key not in found and f.key not in layout.optional:
            problems.append(
                ImportProblem(
                    row.number,
                    f"{f.zh} / {f.en}",
                    "",
                    _expected(
                        translate("db", "column missing; the columns are {zh} (in English: {en})"), layout
                    ),
                )
            )
    return found


def _find_header(
    rows: Iterator[FileRow], mapping: Mapping[str, str | None] | None, layout: Layout = SHIPMENTS
) -> tuple[FileRow | None, Iterator[FileRow]]:
    """The title row and the rows below it. A sheet may start with a title of its own ('2023年11月
    出货表') or notes: the first of the first HEADER_SEARCH non-blank rows naming at least
    HEADER_FIELDS fields is the title row; if none does, the first non-blank row is (and its problems
    are reported)."""
    seen: list[FileRow] = []
    for row in rows:
        if row.is_blank():
            continue
        seen.append(row)
        if len(_map_header(row, [], mapping, layout)) >= HEADER_FIELDS:
            return row, rows
        if len(seen) == HEADER_SEARCH:
            break
    if not seen:
        return None, rows
    return seen[0], itertools.chain(seen[1:], rows)


def _is_zero(text: str) -> bool:
    try:
        return Decimal(parsing.normalize_text(text).replace(" ", "")) == 0
    except InvalidOperation:
        return False


def _expected(message: Text, layout: Layout = SHIPMENTS) -> Text:
    """A marked message that ends by listing the columns, with the columns filled in."""
    return message.format(
        zh=", ".join(f.zh for f in layout.fields), en=", ".join(f.en for f in layout.fields)
    )
