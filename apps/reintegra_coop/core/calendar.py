"""Working days: Monday to Friday less the site's public holidays (the `holidays` package, for
the site's country). The stipend counts them, and a day code (present, sick, …) exists only on
one of them."""

from __future__ import annotations

import datetime
from functools import lru_cache

import holidays

from .dates import month_bounds
from .sites import site_setting


@lru_cache(maxsize=64)
def public_holidays(year: int, country: str) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays(country, years=year))


def site_country(country: str | None = None) -> str:
    return str(country or site_setting("COUNTRY", "PL"))


def is_working_day(day: datetime.date, country: str | None = None) -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year, site_country(country))


def is_open_day(day: datetime.date) -> bool:
    """A day the cooperative plans shifts on: a working day it has not closed
    (``[site] closed_days``). The stipend still counts a closed working day as a working day."""
    return is_working_day(day) and day not in site_setting("CLOSED_DAYS", ())


def working_days(first_day: datetime.date, country: str | None = None) -> tuple[datetime.date, ...]:
    """The working days of ``first_day``'s month."""
    first, last = month_bounds(first_day)
    days = (first + datetime.timedelta(days=n) for n in range(last.day))
    return tuple(day for day in days if is_working_day(day, country))
