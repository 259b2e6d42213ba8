"""Dates, times, durations and numbers as the reader reads them: Babel's patterns for the active
language, and every stored (UTC) moment shown in the active time zone — the site's, or the
request's site's (DESIGN.md, "Documents, language and time").

Pages use these as Jinja2 filters (config/jinja2.py); PDFs, exports, notifications and the CLI
call them directly, so a date reads the same wherever it is printed."""

from __future__ import annotations

import datetime
from decimal import Decimal
from fractions import Fraction

from babel.dates import format_date, format_skeleton, get_day_names
from babel.dates import format_time as babel_format_time
from babel.numbers import format_decimal
from django.utils import timezone, translation

LOCALES = {"pl": "pl_PL", "cs": "cs_CZ", "en": "en_GB"}


def reader_locale() -> str:
    """The Babel locale of the active language (English for anything we do not speak)."""
    return LOCALES.get((translation.get_language() or "en")[:2], "en_GB")


def local_moment(moment: datetime.datetime) -> datetime.datetime:
    """A stored moment in the active time zone; a naive one is refused, never guessed."""
    if timezone.is_naive(moment):
        raise ValueError(f"{moment!r} has no time zone: stored moments are UTC-aware")
    return timezone.localtime(moment)


def _as_day(value: datetime.date | datetime.datetime) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return local_moment(value).date()
    return value


def format_day(value: datetime.date | datetime.datetime) -> str:
    """1.12.2026 (pl), 1. 12. 2026 (cs), 01/12/2026 (en)."""
    return format_skeleton("yMd", _as_day(value), locale=reader_locale())


def format_day_in_words(value: datetime.date | datetime.datetime) -> str:
    """1 grudnia 2026 (pl), 1. prosince 2026 (cs), 1 December 2026 (en): a day in prose."""
    return format_date(_as_day(value), "long", locale=reader_locale())


# How a weekday joins its day in prose (CLDR's skeletons abbreviate the weekday).
WEEKDAY_AND_DAY = {"pl_PL": "{weekday}, {day}"}


def format_weekday_and_day(value: datetime.date | datetime.datetime) -> str:
    """wtorek, 1 grudnia (pl), úterý 1. prosince (cs), Tuesday 1 December (en)."""
    day = _as_day(value)
    locale = reader_locale()
    weekday = get_day_names("wide", context="format", locale=locale)[day.weekday()]
    pattern = WEEKDAY_AND_DAY.get(locale, "{weekday} {day}")
    return pattern.format(weekday=weekday, day=format_skeleton("MMMMd", day, locale=locale))


def format_short_weekday(value: datetime.date | datetime.datetime) -> str:
    """wt., 1.12 (pl), út 1. 12. (cs), Tue 01/12 (en): a column head in a week's table."""
    return format_skeleton("MEd", _as_day(value), locale=reader_locale())


def format_month(value: datetime.date) -> str:
    """grudzień 2026 (pl), prosinec 2026 (cs), December 2026 (en): a month as a heading."""
    return format_skeleton("yMMMM", value, locale=reader_locale())


def format_year_and_month(pair: tuple[int, int]) -> str:
    """(2026, 10) as październik 2026: a month kept as a (year, month) key."""
    year, month = pair
    return format_month(datetime.date(year, month, 1))


def format_clock(value: datetime.time | datetime.datetime) -> str:
    """08:05 (pl, en), 8:05 (cs); a stored moment first moves to the local time zone."""
    if isinstance(value, datetime.datetime):
        value = local_moment(value).time()
    return babel_format_time(value, "short", locale=reader_locale())


def format_moment(moment: datetime.datetime) -> str:
    """A stored moment in local time: 1.12.2026, 08:00 (pl), 1. 12. 2026 8:00 (cs)."""
    local = local_moment(moment)
    separator = {"cs_CZ": " "}.get(reader_locale(), ", ")
    return f"{format_day(local.date())}{separator}{format_clock(local.time())}"


def format_duration(minutes: int) -> str:
    """6 h 30 min, 6 h, 45 min: whole minutes as hours and minutes, never 6.5 h."""
    if minutes < 0:
        raise ValueError(f"a duration has no negative minutes: {minutes}")
    hours, rest = divmod(int(minutes), 60)
    if hours and rest:
        return translation.gettext("%(hours)s h %(minutes)s min") % {
            "hours": hours,
            "minutes": rest,
        }
    if hours:
        return translation.gettext("%(hours)s h") % {"hours": hours}
    return translation.gettext("%(minutes)s min") % {"minutes": rest}


def format_hours(hours: Fraction | Decimal | int) -> str:
    """Hours held exactly (11/2 of an hour and so on) as a duration: 5 h 30 min."""
    return format_duration(round(hours * 60))


def format_number(value: Decimal | int) -> str:
    """1 553,4 (pl): thousands grouped, the reader's decimal mark, no trailing zeros."""
    return format_decimal(value, format="#,##0.###", locale=reader_locale())


def format_amount(value: Decimal | int) -> str:
    """1 553,40 (pl): an amount of money without its currency, always two decimals."""
    return format_decimal(value, format="#,##0.00", locale=reader_locale())
