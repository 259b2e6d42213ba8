"""Dates, times, durations and numbers as the reader reads them (issue 17): the reader's locale
through Babel, and stored UTC moments shown in the site's time zone, across the DST changes."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation

from reintegra_coop.core import formatting

UTC = datetime.UTC
WARSAW = ZoneInfo("Europe/Warsaw")
PRAGUE = ZoneInfo("Europe/Prague")
FIRST_OF_DECEMBER = datetime.date(2026, 12, 1)


def in_language(language: str, function, *args, **kwargs):
    with translation.override(language):
        return function(*args, **kwargs)


@pytest.mark.parametrize(
    ("language", "expected"),
    [("pl", "1.12.2026"), ("cs", "1. 12. 2026"), ("en", "01/12/2026")],
)
def test_a_day_is_written_the_way_its_reader_writes_it(language, expected):
    assert in_language(language, formatting.format_day, FIRST_OF_DECEMBER) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("pl", "1 grudnia 2026"), ("cs", "1. prosince 2026"), ("en", "1 December 2026")],
)
def test_a_day_in_prose_takes_the_month_in_the_genitive(language, expected):
    assert in_language(language, formatting.format_day_in_words, FIRST_OF_DECEMBER) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("pl", "wtorek, 1 grudnia"), ("cs", "úterý 1. prosince"), ("en", "Tuesday 1 December")],
)
def test_a_day_with_its_weekday_starts_small_in_polish_and_czech(language, expected):
    assert in_language(language, formatting.format_weekday_and_day, FIRST_OF_DECEMBER) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("pl", "grudzień 2026"), ("cs", "prosinec 2026"), ("en", "December 2026")],
)
def test_a_month_is_named_not_numbered(language, expected):
    assert in_language(language, formatting.format_month, FIRST_OF_DECEMBER) == expected


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [(390, "6 h 30 min"), (360, "6 h"), (45, "45 min"), (0, "0 min"), (600, "10 h")],
)
def test_a_duration_is_hours_and_minutes_never_a_decimal(minutes, expected):
    assert in_language("pl", formatting.format_duration, minutes) == expected


def test_a_duration_refuses_a_negative_number_of_minutes():
    with pytest.raises(ValueError, match="minutes"):
        formatting.format_duration(-5)


@pytest.mark.parametrize(
    ("language", "expected"), [("pl", "1 553,4"), ("cs", "1 553,4"), ("en", "1,553.4")]
)
def test_a_number_groups_thousands_and_uses_the_readers_decimal_mark(language, expected):
    written = in_language(language, formatting.format_number, Decimal("1553.40"))
    assert written.replace("\xa0", " ") == expected


@pytest.mark.parametrize(
    ("language", "expected"), [("pl", "1 553,40"), ("cs", "1 553,40"), ("en", "1,553.40")]
)
def test_an_amount_keeps_both_decimals(language, expected):
    written = in_language(language, formatting.format_amount, Decimal("1553.4"))
    assert written.replace("\xa0", " ") == expected


def test_a_stored_utc_moment_is_shown_in_the_sites_time_zone():
    eight_in_warsaw = datetime.datetime(2026, 12, 1, 7, 0, tzinfo=UTC)
    with timezone.override(WARSAW):
        assert in_language("pl", formatting.format_moment, eight_in_warsaw) == "1.12.2026, 08:00"
    with timezone.override(ZoneInfo("UTC")):
        assert in_language("pl", formatting.format_moment, eight_in_warsaw) == "1.12.2026, 07:00"


@pytest.mark.parametrize(
    ("utc", "expected"),
    [
        # The last Sunday of March 2027: at 01:00 UTC Warsaw jumps from 02:00 to 03:00.
        (datetime.datetime(2027, 3, 28, 0, 59, tzinfo=UTC), "28.03.2027, 01:59"),
        (datetime.datetime(2027, 3, 28, 1, 0, tzinfo=UTC), "28.03.2027, 03:00"),
        # The last Sunday of October 2027: 02:30 happens twice, an hour apart.
        (datetime.datetime(2027, 10, 31, 0, 30, tzinfo=UTC), "31.10.2027, 02:30"),
        (datetime.datetime(2027, 10, 31, 1, 30, tzinfo=UTC), "31.10.2027, 02:30"),
        (datetime.datetime(2027, 10, 31, 2, 30, tzinfo=UTC), "31.10.2027, 03:30"),
    ],
)
def test_moments_around_the_clock_changes_follow_warsaw(utc, expected):
    with timezone.override(WARSAW):
        assert in_language("pl", formatting.format_moment, utc) == expected


def test_a_moment_just_before_midnight_utc_is_already_the_next_local_day():
    new_year_in_prague = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
    with timezone.override(PRAGUE):
        assert in_language("cs", formatting.format_day, new_year_in_prague) == "1. 1. 2027"


def test_a_time_of_day_follows_the_reader():
    eight = datetime.time(8, 5)
    assert in_language("pl", formatting.format_clock, eight) == "08:05"
    assert in_language("cs", formatting.format_clock, eight) == "8:05"


def test_a_naive_moment_is_refused_rather_than_guessed():
    with pytest.raises(ValueError, match="time zone"):
        formatting.format_moment(datetime.datetime(2026, 12, 1, 8, 0))


def test_pages_show_stored_moments_in_local_time_through_their_filters():
    from django.template import engines

    template = engines["jinja2"].from_string(
        "{{ created|moment }} · {{ created|day }} · {{ start|clock }} · {{ worked|duration }}"
    )
    created = datetime.datetime(2026, 12, 1, 7, 0, tzinfo=UTC)  # 08:00 in Warsaw
    with timezone.override(WARSAW), translation.override("pl"):
        page = template.render({"created": created, "start": datetime.time(8, 0), "worked": 390})
    assert page == "1.12.2026, 08:00 · 1.12.2026 · 08:00 · 6 h 30 min"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("pl", "październik 2026"), ("cs", "říjen 2026"), ("en", "October 2026")],
)
def test_a_month_kept_as_year_and_month_is_named(language, expected):
    assert in_language(language, formatting.format_year_and_month, (2026, 10)) == expected


def test_hours_held_exactly_read_as_hours_and_minutes():
    from fractions import Fraction

    assert in_language("pl", formatting.format_hours, Fraction(21, 2)) == "10 h 30 min"
    assert in_language("en", formatting.format_hours, Fraction(50)) == "50 h"
    assert in_language("en", formatting.format_hours, Decimal("0.25")) == "15 min"
