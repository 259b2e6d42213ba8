"""Every rule, checked through the database (runs on SQLite and MariaDB): check_log and
check_assignment as the admin, the API and corrections use them."""

import datetime

import pytest

from reintegra_coop.care.models import UnavailableBlock, WorkConstraint
from reintegra_coop.work.exceptions import WorkRuleError
from reintegra_coop.work.models import LockedPeriod, Shift, ShiftAssignment, WorkLog
from reintegra_coop.work.validation import check_assignment, check_log
from tests.factories import WORK_DAY

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-11-23T16:00", tick=False)]
T = datetime.time


EIGHT, NOON = T(8), T(12)


def new_log(personas, start=EIGHT, end=NOON, day=WORK_DAY, **fields):
    return WorkLog(
        trainee=personas.trainee_anna,
        workshop=personas.garden,
        date=day,
        start=start,
        end=end,
        **fields,
    )


def refusal(personas, by=None, **fields):
    with pytest.raises(WorkRuleError) as error:
        check_log(new_log(personas, **fields), by or personas.garden_instructor)
    return [(v.rule, v.message) for v in error.value.violations]


@pytest.fixture
def limits(personas):
    constraint = WorkConstraint.objects.create(
        trainee=personas.trainee_anna,
        max_minutes_per_day=300,
        max_minutes_per_week=600,
        earliest_start=T(7, 30),
        latest_end=T(15),
    )
    UnavailableBlock.objects.create(
        constraint=constraint, weekday=WORK_DAY.weekday(), start=T(12), end=T(13), reason="therapy"
    )
    # A block that has not started yet does not apply.
    UnavailableBlock.objects.create(
        constraint=constraint,
        weekday=WORK_DAY.weekday(),
        start=T(9),
        end=T(10),
        valid_from=WORK_DAY + datetime.timedelta(days=7),
    )
    return constraint


def test_a_valid_log_passes(personas, limits):
    check_log(new_log(personas), personas.garden_instructor)


@pytest.mark.parametrize(
    ("fields", "rule", "message"),
    [
        (
            {"start": T(12), "end": T(8)},
            "end_before_start",
            "The end (08:00) must be after the start (12:00).",
        ),
        (
            {"day": WORK_DAY + datetime.timedelta(days=1)},
            "future_date",
            "2026-11-24 is in the future.",
        ),
        (
            {"start": T(11, 30), "end": T(12, 30)},
            "unavailable",
            "The trainee is unavailable 12:00–13:00.",
        ),
        (
            {"start": T(7), "end": T(9)},
            "earliest_start",
            "The trainee may start at 07:30 at the earliest.",
        ),
        ({"start": T(13), "end": T(15, 30)}, "latest_end", "The trainee must finish by 15:00."),
        (
            {"start": T(6, 0), "end": T(12)},
            "max_per_day",
            "06:00 that day is more than the trainee's limit of 05:00 a day.",
        ),
    ],
)
def test_each_rule_refuses_by_name_and_time(personas, limits, fields, rule, message):
    assert (rule, message) in refusal(personas, **fields)


def test_more_than_sixteen_hours(personas):
    assert ("too_long", "16:30 is more than 16 hours.") in refusal(
        personas, start=T(5), end=T(21, 30)
    )


def test_a_locked_period_and_an_overlap(personas):
    WorkLog.objects.create(
        trainee=personas.trainee_anna,
        workshop=personas.carpentry,
        date=WORK_DAY,
        start=T(11),
        end=T(13),
    )
    assert refusal(personas) == [("overlap", "08:00–12:00 overlaps another entry, 11:00–13:00.")]
    LockedPeriod.objects.create(first_day=WORK_DAY - datetime.timedelta(days=30), last_day=WORK_DAY)
    assert (
        "locked_period",
        "2026-11-23 is in a closed month: record it as a late entry.",
    ) in refusal(personas)


def test_the_weekly_cap_counts_the_rest_of_the_week(personas, limits):
    last_monday = WORK_DAY - datetime.timedelta(days=7)
    for offset in range(3):  # Monday to Wednesday of last week: 3 × 3 h = 9 h
        WorkLog.objects.create(
            trainee=personas.trainee_anna,
            workshop=personas.garden,
            date=last_monday + datetime.timedelta(days=offset),
            start=T(8),
            end=T(11),
        )
    friday = last_monday + datetime.timedelta(days=4)
    found = refusal(personas, day=friday, start=T(8), end=T(10))
    assert found == [
        ("max_per_week", "11:00 that week is more than the trainee's limit of 10:00 a week.")
    ]
    check_log(new_log(personas, day=friday, start=T(8), end=T(9)), personas.garden_instructor)


def test_only_a_manager_with_a_reason_goes_over_a_soft_limit(personas, limits):
    found = refusal(personas, start=T(8), end=T(13, 30), by=personas.manager)
    assert (
        "max_per_day",
        "05:30 that day is more than the trainee's limit of 05:00 a day.",
    ) in found
    over = {"start": T(13), "end": T(14, 30)}
    WorkLog.objects.create(
        trainee=personas.trainee_anna,
        workshop=personas.garden,
        date=WORK_DAY,
        start=T(7, 30),
        end=T(11, 30),
    )
    with pytest.raises(WorkRuleError):
        check_log(new_log(personas, override_reason="harvest", **over), personas.garden_instructor)
    with pytest.raises(WorkRuleError):
        check_log(new_log(personas, **over), personas.manager)
    check_log(new_log(personas, override_reason="harvest", **over), personas.manager)


def test_an_absence_does_not_overlap_or_count(personas, limits):
    WorkLog.objects.create(
        trainee=personas.trainee_anna,
        workshop=personas.garden,
        date=WORK_DAY,
        start=T(8),
        end=T(12),
        attendance="sick",
    )
    check_log(new_log(personas, start=T(8), end=T(11)), personas.garden_instructor)


def test_an_assignment_is_checked_against_other_assignments_and_blocks(personas, limits):
    carpentry = Shift.objects.create(
        workshop=personas.carpentry, date=WORK_DAY, start=T(8), end=T(11), capacity=5
    )
    ShiftAssignment.objects.create(shift=carpentry, trainee=personas.trainee_anna)
    garden = Shift.objects.create(
        workshop=personas.garden,
        date=WORK_DAY + datetime.timedelta(days=7),
        start=T(9),
        end=T(12),
        capacity=5,
    )
    with pytest.raises(WorkRuleError, match=r"unavailable 09:00–10:00"):
        check_assignment(
            ShiftAssignment(shift=garden, trainee=personas.trainee_anna), personas.manager
        )
    clash = Shift.objects.create(
        workshop=personas.garden, date=WORK_DAY, start=T(10), end=T(11, 30), capacity=5
    )
    with pytest.raises(WorkRuleError, match="overlaps another entry, 08:00–11:00"):
        check_assignment(
            ShiftAssignment(shift=clash, trainee=personas.trainee_anna), personas.manager
        )
