"""Working days: Monday to Friday less the site's public holidays (the `holidays` package,
for the site's country)."""

from __future__ import annotations

import calendar
import datetime

import holidays
from django.conf import settings


def month_bounds(first_day: datetime.date) -> tuple[datetime.date, datetime.date]:
    first = first_day.replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def working_days(first_day: datetime.date, country: str | None = None) -> tuple[datetime.date, ...]:
    first, last = month_bounds(first_day)
    code = str(country or getattr(settings, "COUNTRY", "PL"))
    public = holidays.country_holidays(code, years=first.year)
    return tuple(
        day
        for day in (first + datetime.timedelta(days=n) for n in range(last.day))
        if day.weekday() < 5 and day not in public
    )


def parse_period(text: str) -> datetime.date:
    """ "2026-11" → 1 November 2026; ValueError with a clear message otherwise."""
    try:
        year, month = (int(part) for part in text.split("-"))
        return datetime.date(year, month, 1)
    except ValueError:
        raise ValueError(f"{text!r} is not a month; write it as YYYY-MM, e.g. 2026-11.") from None
