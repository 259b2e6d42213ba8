"""Every rule a log or an assignment keeps, as pure functions (no database)."""

import datetime

import pytest

from reintegra_coop.work.rules import Context, Limits, Span, check
from tests.factories import WORK_DAY


def span(start, end):
    def minutes(text):
        hours, mins = text.split(":")
        return int(hours) * 60 + int(mins)

    return Span(minutes(start), minutes(end))


def rules_broken(day=WORK_DAY, entry=("08:00", "14:00"), working=True, **context):
    found = check(day, span(*entry), Context(today=WORK_DAY, **context), working)
    return [(violation.rule, violation.hard, violation.message) for violation in found]


def test_a_normal_day_breaks_nothing():
    assert rules_broken() == []


def test_the_end_must_be_after_the_start():
    assert rules_broken(entry=("14:00", "08:00")) == [
        ("end_before_start", True, "The end (08:00) must be after the start (14:00).")
    ]


def test_more_than_sixteen_hours_is_refused():
    assert rules_broken(entry=("05:00", "21:30")) == [
        ("too_long", True, "16:30 is more than 16 hours.")
    ]


def test_a_future_date_is_refused():
    assert rules_broken(day=WORK_DAY + datetime.timedelta(days=1)) == [
        ("future_date", True, "2026-11-24 is in the future.")
    ]


def test_a_locked_period_is_refused():
    assert rules_broken(locked=True) == [
        ("locked_period", True, "2026-11-23 is in a closed month: record it as a late entry.")
    ]


def test_an_overlap_with_another_entry_names_its_time():
    assert rules_broken(other_spans=(span("13:00", "15:00"),)) == [
        ("overlap", True, "08:00–14:00 overlaps another entry, 13:00–15:00.")
    ]


def test_touching_entries_do_not_overlap():
    assert rules_broken(other_spans=(span("14:00", "16:00"), span("06:00", "08:00"))) == []


def test_an_unavailable_time_shows_the_time_and_never_a_reason():
    limits = Limits(unavailable=(span("12:00", "13:30"),))
    assert rules_broken(limits=limits) == [
        ("unavailable", True, "The trainee is unavailable 12:00–13:30.")
    ]


def test_earliest_start_and_latest_end_are_hard():
    limits = Limits(earliest_start=9 * 60, latest_end=13 * 60)
    assert rules_broken(limits=limits) == [
        ("earliest_start", True, "The trainee may start at 09:00 at the earliest."),
        ("latest_end", True, "The trainee must finish by 13:00."),
    ]


def test_the_hour_caps_are_soft_and_count_the_rest_of_the_day_and_week():
    limits = Limits(max_minutes_per_day=7 * 60, max_minutes_per_week=30 * 60)
    assert rules_broken(
        limits=limits, other_minutes_that_day=90, other_minutes_that_week=25 * 60
    ) == [
        ("max_per_day", False, "07:30 that day is more than the trainee's limit of 07:00 a day."),
        (
            "max_per_week",
            False,
            "31:00 that week is more than the trainee's limit of 30:00 a week.",
        ),
    ]


def test_exactly_at_the_caps_is_allowed():
    limits = Limits(max_minutes_per_day=6 * 60, max_minutes_per_week=6 * 60)
    assert rules_broken(limits=limits) == []


def test_an_absence_takes_no_time_so_overlaps_and_caps_do_not_apply():
    limits = Limits(unavailable=(span("08:00", "09:00"),), max_minutes_per_day=60)
    assert rules_broken(working=False, limits=limits, other_spans=(span("08:00", "09:00"),)) == []
    assert rules_broken(working=False, locked=True) == [
        ("locked_period", True, "2026-11-23 is in a closed month: record it as a late entry.")
    ]


@pytest.mark.parametrize("day", [WORK_DAY, WORK_DAY - datetime.timedelta(days=30)])
def test_past_and_present_days_are_fine(day):
    assert rules_broken(day=day) == []
