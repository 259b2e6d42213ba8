"""What matching reads of a trainee: approved hours by skill, attendance and the run of shifts
on time from the approved logs and the roster, and milestones achieved with evidence — never a
draft log, a milestone signed off without evidence, or any care record."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reintegra_coop.care.plans import MilestoneKind
from reintegra_coop.pathways import matching
from reintegra_coop.pathways.records import needs_of, verified_records
from tests.factories import (
    WORK_DAY,
    MilestoneFactory,
    OpeningFactory,
    OpeningSkillFactory,
    ShiftAssignmentFactory,
    ShiftFactory,
    SkillFactory,
    TherapyPlanFactory,
    UnavailableBlockFactory,
    WorkConstraintFactory,
    work,
    working_days_before,
)

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-11-23T10:00")]


@pytest.fixture
def opening(personas):
    opening = OpeningFactory(
        min_attendance_percent=Decimal(80),
        attendance_weeks=8,
        min_punctuality_streak=3,
        milestone_title="Forklift licence",
    )
    skill = SkillFactory(workshop=personas.garden, name="Planting")
    OpeningSkillFactory(opening=opening, skill=skill, hours=10)
    return opening


def rostered(trainee, workshop, day, attendance=None):
    """A shift on ``day`` with ``trainee`` on it, and (if ``attendance``) its approved log."""
    shift = ShiftFactory(workshop=workshop, date=day)
    ShiftAssignmentFactory(shift=shift, trainee=trainee)
    if attendance:
        work(trainee, workshop, day, shift=shift, attendance=attendance)


def test_it_reads_only_approved_hours_milestones_with_evidence_and_the_roster(personas, opening):
    anna, garden = personas.trainee_anna, personas.garden
    planting = opening.skills.get().skill
    days = working_days_before(WORK_DAY, 6)  # latest first
    work(anna, garden, days[5], skill=planting)  # 6 h approved
    work(anna, garden, days[4], skill=planting, status="locked")  # 6 h in a closed month
    work(anna, garden, days[3], skill=planting, status="draft")  # not verified yet
    # Rostered: on time, late, missed (no log), then three on time up to the last one.
    rostered(anna, garden, days[2] - datetime.timedelta(weeks=3), "present")
    rostered(anna, garden, days[2] - datetime.timedelta(weeks=2), "late")
    rostered(anna, garden, days[2] - datetime.timedelta(weeks=1))
    for day in days[2::-1]:
        rostered(anna, garden, day, "present")
    MilestoneFactory(
        trainee=anna,
        kind=MilestoneKind.SIGNED_OFF,
        title="forklift LICENCE",
        achieved_on=days[5],
        evidence="Certificate UDT 123/2026",
    )
    MilestoneFactory(
        trainee=anna, kind=MilestoneKind.SIGNED_OFF, title="First aid", achieved_on=days[5]
    )  # signed off with no evidence written down: not counted

    [record] = verified_records([anna.pk], [needs_of(opening)], datetime.date(2026, 11, 23))

    assert record.hours_by_skill == {planting.pk: Decimal(12)}
    assert record.attendance == {8: Decimal(500) / Decimal(6)}  # 5 attended of 6 rostered
    assert record.streak == 3
    assert set(record.milestones) == {"forklift licence"}
    found = matching.match(needs_of(opening), record)
    assert found.meets_all and found.score == 1


def test_it_never_reads_a_care_record(personas, opening):
    anna = personas.trainee_anna
    TherapyPlanFactory(trainee=anna, clinical_notes="Relapse risk in December.")
    UnavailableBlockFactory(constraint=WorkConstraintFactory(trainee=anna))
    with CaptureQueriesContext(connection) as queries:
        verified_records([anna.pk], [needs_of(opening)], datetime.date(2026, 11, 23))
    tables = " ".join(q["sql"] for q in queries.captured_queries)
    for care_table in ("therapyplan", "workconstraint", "unavailableblock", "diagnosis", "note"):
        assert care_table not in tables
    assert "care_milestone" in tables  # milestones are the vocational record, read as evidence


def test_records_of_many_trainees_load_in_a_fixed_number_of_queries(
    personas, opening, django_assert_max_num_queries
):
    from tests.factories import TraineeFactory

    trainees = TraineeFactory.create_batch(30, workshops=[personas.garden])
    with django_assert_max_num_queries(5):
        records = verified_records([t.pk for t in trainees], [needs_of(opening)], WORK_DAY)
    assert len(records) == 30
