"""Dates far from today: typed by mistake (2031 for 2021, 1999 for 2019) more often than meant."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from db.i18n import Text, translate

DAYS_AHEAD = 60
YEARS_BACK = 2


@dataclass(frozen=True, slots=True)
class DateWindow:
    """The dates a form takes without a word: from `years_back` years before today to `days_ahead`
    days after it. A date outside is still accepted, with a warning (settings change the window)."""

    days_ahead: int = DAYS_AHEAD
    years_back: int = YEARS_BACK
    today: datetime.date | None = None  # None: the real date (tests pass a day)

    def bounds(self) -> tuple[datetime.date, datetime.date]:
        today = self.today or datetime.date.today()
        try:
            earliest = today.replace(year=today.year - self.years_back)
        except ValueError:  # 29 February
            earliest = today.replace(year=today.year - self.years_back, day=28)
        return earliest, today + datetime.timedelta(days=self.days_ahead)

    def warning(self, iso_day: str) -> Text | str:
        """A warning for a date outside the window ('' inside it)."""
        day = datetime.date.fromisoformat(iso_day)
        earliest, latest = self.bounds()
        today = self.today or datetime.date.today()
        if day > latest:
            return translate("db", "{date} is {n} days ahead: check the year").format(
                date=iso_day, n=(day - today).days
            )
        if day < earliest:
            return translate("db", "{date} is over {years} years ago: check the year").format(
                date=iso_day, years=self.years_back
            )
        return ""
