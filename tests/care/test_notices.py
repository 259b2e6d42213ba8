"""Care tells people: new limits that break booked shifts → the instructors of those shifts'
workshops (from any path that saves a constraint, never with the reason); a milestone reached →
the trainee and their care workers. Each event once."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from reintegra_coop.care import notices, progress
from reintegra_coop.care.models import UnavailableBlock, WorkConstraint
from reintegra_coop.core.models import Notification
from reintegra_coop.core.notifications import text_of
from reintegra_coop.work import approval
from reintegra_coop.work.models import ShiftAssignment
from tests.factories import MilestoneFactory, ShiftFactory, work

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-02T10:00")]
THURSDAY = datetime.date(2026, 12, 3)


def told(user):
    return list(Notification.objects.filter(recipient=user))


@pytest.fixture
def rostered(personas):
    """Anna on the garden's 8:00–14:00 shift this and next Thursday."""
    for day in (THURSDAY, THURSDAY + datetime.timedelta(weeks=1)):
        shift = ShiftFactory(workshop=personas.garden, date=day)
        ShiftAssignment.objects.create(shift=shift, trainee=personas.trainee_anna)


def block_thursday_noon(personas, start=12):
    constraint, _new = WorkConstraint.objects.get_or_create(trainee=personas.trainee_anna)
    return UnavailableBlock.objects.create(
        constraint=constraint,
        weekday=3,
        start=datetime.time(start),
        end=datetime.time(13, 30),
        reason="Group therapy",
    )


def test_a_block_over_booked_shifts_tells_the_workshops_instructors_once_committed(
    personas, rostered, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        block_thursday_noon(personas)
    [notice] = told(personas.garden_instructor)
    assert text_of(notice) == "New limits for Anna Garden break 2 booked shifts."
    assert (notice.link_name, notice.link_args) == ("work:roster_for", [personas.garden.pk])
    assert "therapy" not in str(notice.params).lower()  # the reason is care data
    for user in (
        personas.carpentry_instructor,
        personas.manager,
        personas.care_worker,
        personas.trainee_anna.user,
    ):
        assert told(user) == []


def test_saving_the_same_limits_again_tells_nothing_new_and_other_breaks_are_told(
    personas, rostered, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        block = block_thursday_noon(personas)
    with django_capture_on_commit_callbacks(execute=True):
        block.save()
        block.constraint.save()
    assert len(told(personas.garden_instructor)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        constraint = block.constraint
        constraint.max_minutes_per_day = 240
        constraint.save()
    assert len(told(personas.garden_instructor)) == 2


def test_limits_that_break_nothing_tell_nobody(personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        block_thursday_noon(personas)
    assert Notification.objects.count() == 0


def test_a_constraint_and_its_block_saved_together_in_the_back_office_are_told_once(
    client, personas, rostered, django_capture_on_commit_callbacks
):
    client.force_login(personas.care_worker)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:care_workconstraint_add"),
            {
                "trainee": personas.trainee_anna.pk,
                "blocks-TOTAL_FORMS": "1",
                "blocks-INITIAL_FORMS": "0",
                "blocks-MIN_NUM_FORMS": "0",
                "blocks-MAX_NUM_FORMS": "1000",
                "blocks-0-weekday": "3",
                "blocks-0-start": "12:00",
                "blocks-0-end": "13:30",
                "blocks-0-reason": "Group therapy",
            },
        )
    assert response.status_code == 302
    [notice] = told(personas.garden_instructor)
    assert notice.params["count"] == 2


# Milestones.


@pytest.fixture
def streak(personas):
    """Anna's goal: 3 tasks done independently."""
    return MilestoneFactory(
        trainee=personas.trainee_anna,
        kind="independent_work",
        title="3 tasks done alone",
        target=Decimal(3),
    )


def test_a_milestone_reached_by_approved_logs_tells_the_trainee_and_the_care_workers(
    personas, streak
):
    days = [datetime.date(2026, 11, d) for d in (23, 24, 25)]
    logs = [
        work(
            personas.trainee_anna, personas.garden, day, status="submitted", done_independently=True
        )
        for day in days
    ]
    approval.approve([log.pk for log in logs], personas.manager)
    [mine] = told(personas.trainee_anna.user)
    assert text_of(mine) == "Well done! You reached a goal: 3 tasks done alone"
    assert mine.link_name == "portal:progress"
    [care] = told(personas.care_worker)
    assert text_of(care) == "Anna Garden reached the milestone: 3 tasks done alone"
    assert (care.link_name, care.link_args) == ("care:trainee_record", [personas.trainee_anna.pk])
    for user in (personas.garden_instructor, personas.manager, personas.trainee_bartek.user):
        assert told(user) == []
    progress.recompute([personas.trainee_anna.pk])
    notices.milestones_reached([streak.pk])  # run again: nothing new
    assert Notification.objects.count() == 2


def test_a_milestone_not_reached_tells_nobody(personas, streak):
    log = work(
        personas.trainee_anna, personas.garden, datetime.date(2026, 11, 23), status="submitted"
    )
    approval.approve([log.pk], personas.manager)
    assert Notification.objects.count() == 0


def test_a_signed_off_milestone_is_told(client, personas):
    course = MilestoneFactory(
        trainee=personas.trainee_anna, kind="signed_off", title="Forklift course", target=1
    )
    client.force_login(personas.garden_instructor)
    client.post(reverse("care:sign_off", args=[course.pk]), {"evidence": "Certificate 12/26"})
    assert [n.code for n in told(personas.trainee_anna.user)] == [notices.YOU_REACHED]
    assert [n.code for n in told(personas.care_worker)] == [notices.REACHED]
