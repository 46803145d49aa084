"""Dates in every form clerks type (Chinese order: always year-month-day)."""

from __future__ import annotations

import calendar
import datetime
import re

from db.i18n import translate
from db.parsing.numbers import _CN_DIGITS, _scan_number
from db.parsing.text import ParseResult, _or_list, _prepare, _Reject, _rejected, normalize_text

# A month-day typed without a year is read in today's year unless that lands further than this in
# the future; then it is last year's (a clerk entering 12月30号 on 1月3日 means the past December).
FUTURE_WINDOW_DAYS = 61
MIN_YEAR, MAX_YEAR = 1900, 2099
_DATE_HINT = translate("db", "type it year-month-day, e.g. 2023-01-06, 2023.1.6, 2023年1月6日 or 20230106")

# ---------------------------------------------------------------------------------------------------
# Dates (Chinese order: always year-month-day)

_CN_YEAR_DIGIT = "〇零一二三四五六七八九"
_CN_DAY = "[一二三四五六七八九十]{1,3}"
_SEP_YMD = re.compile(r"([0-9]{4}|[0-9]{2})([-./])([0-9]{1,2})\2([0-9]{1,2})")
_SEP_YEAR_LAST = re.compile(r"([0-9]{1,2})([-./])([0-9]{1,2})\2([0-9]{4}|[0-9]{2})")
_COMPACT = re.compile(r"[0-9]{8}")
_CN_YMD = re.compile(
    rf"([0-9]{{4}}|[0-9]{{2}}|[{_CN_YEAR_DIGIT}]{{4}})年([0-9]{{1,2}}|{_CN_DAY})月([0-9]{{1,2}}|{_CN_DAY})[日号]?"
)
_CN_MD = re.compile(rf"([0-9]{{1,2}}|{_CN_DAY})月([0-9]{{1,2}}|{_CN_DAY})[日号]?")
_SEP_MD = re.compile(r"([0-9]{1,2})([-./])([0-9]{1,2})")
_YEAR_MONTH = re.compile(rf"[0-9]{{4}}[-./][0-9]{{1,2}}|([0-9]{{4}}|[{_CN_YEAR_DIGIT}]{{4}})年[^月]*月?")
_SPACE_BY_SYMBOL = re.compile(r"\s*([^0-9\s])\s*")


def parse_date(
    text: str, today: datetime.date | None = None, window_days: int = FUTURE_WINDOW_DAYS
) -> ParseResult[datetime.date]:
    """A date typed year-month-day: 2023-01-06, 2023.1.6, 23/1/6, 2023年1月6号, 20230106, 1月6号.

    A month and day without a year take today's year, or the year before when that would put the
    date more than `window_days` (FUTURE_WINDOW_DAYS) ahead of `today`; records of the past (imported
    harvests, payments) pass 0, so 12月30号 on 2026-12-02 is 2025-12-30. Year-last forms (6/1/2023) are ambiguous:
    the candidate readings come back in `ambiguous`, never a guess.
    """
    if today is None:
        today = datetime.date.today()
    elif isinstance(today, datetime.datetime):
        today = today.date()
    shown = normalize_text(text)
    s = _SPACE_BY_SYMBOL.sub(r"\1", _prepare(text)[1])
    try:
        return _parse_date(shown, s, today, window_days)
    except _Reject as reason:
        return _rejected(reason)


def _parse_date(shown: str, s: str, today: datetime.date, window: int) -> ParseResult[datetime.date]:
    if not s:
        raise _Reject(translate("db", "no date given; {hint}").format(hint=_DATE_HINT))
    if m := _SEP_YMD.fullmatch(s):
        return ParseResult(value=_make_date(shown, _year(m[1]), int(m[3]), int(m[4])))
    if m := _COMPACT.fullmatch(s):
        return ParseResult(value=_make_date(shown, int(s[:4]), int(s[4:6]), int(s[6:])))
    if m := _CN_YMD.fullmatch(s):
        return ParseResult(value=_make_date(shown, _year(m[1]), _small_int(m[2]), _small_int(m[3])))
    if m := _SEP_YEAR_LAST.fullmatch(s):
        return _year_last(shown, int(m[1]), int(m[3]), _year(m[4]))
    if (m := _CN_MD.fullmatch(s)) or (m := _SEP_MD.fullmatch(s)):
        month, day = (_small_int(m[1]), _small_int(m[2])) if "月" in s else (int(m[1]), int(m[3]))
        return ParseResult(value=_without_year(shown, month, day, today, window))
    if _YEAR_MONTH.fullmatch(s):
        raise _Reject(translate("db", "'{text}' has no day; {hint}").format(text=shown, hint=_DATE_HINT))
    raise _Reject(translate("db", "'{text}' is not a date; {hint}").format(text=shown, hint=_DATE_HINT))


def _year(text: str) -> int:
    if text[0] in _CN_YEAR_DIGIT:
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    return 2000 + int(text) if len(text) == 2 else int(text)


def _small_int(text: str) -> int:
    if text.isascii():
        return int(text)
    number = _scan_number(text, 0, text)
    if number is None or number.end != len(text) or number.value.denominator != 1:
        return 0  # 十十 and the like: _make_date names the bad month or day
    return int(number.value)


def _make_date(shown: str, year: int, month: int, day: int) -> datetime.date:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _Reject(
            translate("db", "'{text}': year {year} is out of range ({first}–{last})").format(
                text=shown, year=year, first=MIN_YEAR, last=MAX_YEAR
            )
        )
    if not 1 <= month <= 12:
        raise _Reject(
            translate("db", "'{text}' is not a valid date: there is no month {month}").format(
                text=shown, month=month
            )
        )
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise _Reject(
            translate(
                "db", "'{text}' is not a valid date: {year}-{month} has {days} days, not day {day}"
            ).format(text=shown, year=year, month=f"{month:02d}", days=days, day=day)
        )
    return datetime.date(year, month, day)


def _try_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return _make_date("", year, month, day)
    except _Reject:
        return None


def _year_last(shown: str, first: int, second: int, year: int) -> ParseResult[datetime.date]:
    readings = [_try_date(year, second, first), _try_date(year, first, second)]  # day-first, month-first
    candidates = tuple(dict.fromkeys(d for d in readings if d is not None))
    if not candidates:
        _make_date(shown, year, second, first)  # raises, naming the problem
    if len(candidates) == 1 and readings[0] == readings[1]:
        return ParseResult(value=candidates[0])  # 6/6/2023 reads the same either way
    listed = _or_list(d.isoformat() for d in candidates)
    if len(candidates) > 1:
        error = translate(
            "db", "'{text}' puts the year last and could be {dates}; type it year first (YYYY-MM-DD)"
        ).format(text=shown, dates=listed)
    else:
        error = translate(
            "db",
            "'{text}' puts the year last and would be {date} read day-first; type it year first, as {date}",
        ).format(text=shown, date=listed)
    return ParseResult(error=error, ambiguous=candidates)


def _without_year(shown: str, month: int, day: int, today: datetime.date, window: int) -> datetime.date:
    date = _make_date(shown, today.year, month, day)
    if (date - today).days > window:
        date = _make_date(shown, today.year - 1, month, day)
    return date
