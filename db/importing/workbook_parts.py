"""A workbook's small parts, read for its sheets: names, the date system, which styles are dates,
the shared strings (kept once, as every XLSX reader must); and a cell's value from its saved text.

Values are those python-calamine gave, so a file reads as before: numbers as float, a number in a
date format as date, datetime, time (below one day) or timedelta (elapsed-time formats such as
[h]:mm), booleans, errors as "", texts with their _xHHHH_ escapes undone.
"""

from __future__ import annotations

import datetime
import html
import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field

_BLOCK = 1 << 20
# Values and cells remembered (a name, date or price recurs on thousands of rows); past this many the
# memory is forgotten and refilled, so a file of unique values does not grow it.
_MAX_CACHED = 40_000
# The relationship namespaces a sheet's r:id may use (transitional and strict OOXML).
_REL_ID_SUFFIX = "}id"


class SheetXmlError(ValueError):
    """A part that is not the XML a workbook holds."""


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _parse_whole(data: bytes) -> ET.Element:
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        raise SheetXmlError(str(exc)) from exc


# ---------------------------------------------------------------------------------------------------
# The workbook's small parts


@dataclass
class Book:
    names: list[str]  # the sheets, in order
    parts: list[str]  # each sheet's part ("" where the workbook names none)
    date1904: bool = False
    shared_part: str = ""
    styles_part: str = ""
    strings: list[str] = field(default_factory=list)
    date_styles: dict[int, str] = field(default_factory=dict)  # style index → "date" or "duration"

    def load(self, book: zipfile.ZipFile, max_part: int) -> None:
        """Read the styles (which are dates) and the shared strings, once the parts are checked."""
        names = set(book.namelist())
        if self.styles_part in names:
            self.date_styles = _date_styles(_parse_whole(_read_small(book, self.styles_part, max_part)))
        if self.shared_part in names:
            self.strings = _shared_strings(book, self.shared_part)


def read_book(book: zipfile.ZipFile, max_part: int) -> Book:
    """Sheet names and parts, the date system and which parts hold the styles and shared strings."""
    names = set(book.namelist())
    if "xl/workbook.xml" not in names:
        raise SheetXmlError("no xl/workbook.xml")
    workbook = _parse_whole(_read_small(book, "xl/workbook.xml", max_part))
    targets: dict[str, str] = {}
    rels = "xl/_rels/workbook.xml.rels"
    found_rels = _parse_whole(_read_small(book, rels, max_part)) if rels in names else None
    shared = styles = ""
    for rel in found_rels.iter() if found_rels is not None else ():
        if _local(rel.tag) != "Relationship":
            continue
        target = rel.get("Target") or ""
        target = (
            target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        )
        targets[rel.get("Id") or ""] = target
        kind = (rel.get("Type") or "").rpartition("/")[2]
        if kind == "sharedStrings":
            shared = target
        elif kind == "styles":
            styles = target
    out = Book([], [])
    for element in workbook.iter():
        tag = _local(element.tag)
        if tag == "workbookPr":
            out.date1904 = (element.get("date1904") or "").lower() in ("1", "true")
        elif tag == "sheet":
            out.names.append(element.get("name") or "")
            rid = next((v for k, v in element.attrib.items() if k.endswith(_REL_ID_SUFFIX)), "")
            out.parts.append(targets.get(rid, ""))
    if not shared and "xl/sharedStrings.xml" in names:
        shared = "xl/sharedStrings.xml"
    if not styles and "xl/styles.xml" in names:
        styles = "xl/styles.xml"
    out.shared_part, out.styles_part = shared, styles
    return out


def _read_small(book: zipfile.ZipFile, name: str, limit: int) -> bytes:
    with book.open(name) as part:
        data = part.read(limit + 1)
    if len(data) > limit:
        raise SheetXmlError(f"{name} is larger than a workbook's {name.rpartition('/')[2]} can be")
    return data


def _shared_strings(book: zipfile.ZipFile, name: str) -> list[str]:
    strings: list[str] = []
    parser = ET.XMLPullParser(events=("start", "end"))
    root = None
    with book.open(name) as part:
        while True:
            block = part.read(_BLOCK)
            try:
                parser.feed(block) if block else parser.close()
            except ET.ParseError as exc:
                raise SheetXmlError(str(exc)) from exc
            for event, element in parser.read_events():
                if root is None:
                    root = element
                elif event == "end" and _local(element.tag) == "si":
                    strings.append(_unescape(_rich_text(element)))
                    root.clear()  # the strings kept are the texts, not their elements
            if not block:
                return strings


def _rich_text(element: ET.Element) -> str:
    """The text of an <si> or <is>: its <t>, or its runs' <t>s; phonetic runs (<rPh>) left out."""
    parts = []
    for child in element:
        tag = _local(child.tag)
        if tag == "t":
            parts.append(child.text or "")
        elif tag == "r":
            parts.extend(t.text or "" for t in child if _local(t.tag) == "t")
    return "".join(parts)


_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _unescape(text: str) -> str:
    """Undo OOXML's _xHHHH_ escapes (a control character or a literal '_x…_' as written)."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


# Built-in number formats that are dates or times (ECMA-376 18.8.30, and the CJK ones Excel uses).
_DATE_IDS = {
    *range(14, 23),
    *range(27, 37),
    *range(45, 48),
    *range(50, 59),
    71,
    72,
    73,
    74,
    75,
    76,
    77,
    78,
    79,
    80,
    81,
}
_DURATION_IDS = {46}
_QUOTED = re.compile(r'"[^"]*"|\\.|_.|\*.')
_ELAPSED = re.compile(r"\[(?:h+|m+|s+)\]", re.IGNORECASE)
_BRACKETS = re.compile(r"\[[^\]]*\]")


def _format_kind(code: str) -> str:
    """'date', 'duration' or '' for a custom number format code."""
    bare = _QUOTED.sub("", code)
    if _ELAPSED.search(bare):
        return "duration"
    bare = _BRACKETS.sub("", bare).split(";")[0].lower()
    return "date" if any(ch in bare for ch in "ymdhs") and "general" not in bare else ""


def _date_styles(styles: ET.Element) -> dict[int, str]:
    codes: dict[int, str] = {}
    xfs: list[int] = []
    for element in styles:
        tag = _local(element.tag)
        if tag == "numFmts":
            for fmt in element:
                if (fid := fmt.get("numFmtId") or "").isdigit():
                    codes[int(fid)] = fmt.get("formatCode") or ""
        elif tag == "cellXfs":
            xfs = [
                int(x.get("numFmtId") or 0) if (x.get("numFmtId") or "0").isdigit() else 0 for x in element
            ]
    out = {}
    for index, fid in enumerate(xfs):
        if fid in codes:
            kind = _format_kind(codes[fid])
        else:
            kind = "duration" if fid in _DURATION_IDS else "date" if fid in _DATE_IDS else ""
        if kind:
            out[index] = kind
    return out


# ---------------------------------------------------------------------------------------------------
# Values


_EXCEL_EPOCH = datetime.datetime(1899, 12, 30)
_BEFORE_LEAP_BUG = datetime.datetime(1899, 12, 31)  # serials below 60 (Excel's 1900-02-29)
_EPOCH_1904 = datetime.datetime(1904, 1, 1)


def _as_date(serial: float, kind: str, date1904: bool) -> object:
    """A serial in a date or duration format, as python-calamine gave it."""
    millis = round(serial * 86_400_000)
    if kind == "duration":
        return datetime.timedelta(milliseconds=millis)
    base = _EPOCH_1904 if date1904 else _BEFORE_LEAP_BUG if serial < 60 else _EXCEL_EPOCH
    try:
        moment = base + datetime.timedelta(milliseconds=millis)
    except OverflowError:
        return serial
    if serial < 1:  # a time of day (below 0 too, as calamine gives it)
        return moment.time()
    if moment.time() == datetime.time():
        return moment.date()
    return moment


class Values:
    """Turns a cell's type, style and saved text into its value (cached: values recur)."""

    def __init__(self, book: Book):
        self.book = book
        self.cache: dict[tuple[bytes | None, bytes | None, bytes], object] = {}

    def value(self, kind: bytes | None, style: bytes | None, raw: bytes | None) -> object:
        if raw is None:
            return ""
        key = (kind, style, raw)
        try:
            return self.cache[key]
        except KeyError:
            pass
        value = self._convert(kind, style, raw)
        if len(self.cache) >= _MAX_CACHED:
            self.cache.clear()
        self.cache[key] = value
        return value

    def _convert(self, kind: bytes | None, style: bytes | None, raw: bytes) -> object:
        text = _xml_text(raw)
        if kind is None or kind == b"n":
            try:
                number = float(text)
            except ValueError:
                return ""
            date_kind = self.book.date_styles.get(int(style)) if style else None
            return _as_date(number, date_kind, self.book.date1904) if date_kind else number
        if kind == b"s":
            try:
                return self.book.strings[int(text)]
            except (ValueError, IndexError):
                return ""
        if kind == b"b":
            return text.strip() in ("1", "true")
        if kind == b"e":
            return ""
        if kind == b"d":
            try:
                moment = datetime.datetime.fromisoformat(text.strip())
            except ValueError:
                return text
            return moment.date() if moment.time() == datetime.time() else moment
        return _unescape(text)  # str, inlineStr


def _xml_text(raw: bytes) -> str:
    text = raw.decode("utf-8")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return html.unescape(text) if "&" in text else text
