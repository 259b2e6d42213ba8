"""A constraint added after the roster was made: the shifts already booked over it are listed —
to the care worker who saves it (back office), and on the home page of the instructor and the
manager under "What needs me" — so nobody works through a therapy session unnoticed."""

import datetime

import pytest
from django.urls import reverse

from reintegra_coop.care.models import UnavailableBlock, WorkConstraint
from reintegra_coop.work import roster
from reintegra_coop.work.models import Shift, ShiftAssignment
from tests.factories import ShiftFactory

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-02T10:00")]
THURSDAY = datetime.date(2026, 12, 3)
NEXT_THURSDAY = datetime.date(2026, 12, 10)


@pytest.fixture
def rostered(personas):
    """Anna on the garden's 8:00–14:00 shift this and next Thursday, and on a past one."""
    for day in (datetime.date(2026, 11, 26), THURSDAY, NEXT_THURSDAY):
        shift = ShiftFactory(workshop=personas.garden, date=day)
        ShiftAssignment.objects.create(shift=shift, trainee=personas.trainee_anna)


def block_thursday_noon(personas):
    constraint = WorkConstraint.objects.create(trainee=personas.trainee_anna)
    UnavailableBlock.objects.create(
        constraint=constraint,
        weekday=3,
        start=datetime.time(12),
        end=datetime.time(13, 30),
        reason="Group therapy",
    )


def test_shifts_booked_over_a_new_constraint_are_listed_from_today(personas, rostered):
    assert roster.booked_over_limits([personas.trainee_anna.pk]) == []
    block_thursday_noon(personas)
    found = roster.booked_over_limits([personas.trainee_anna.pk])
    assert [(c.trainee, c.date, c.message) for c in found] == [
        ("Anna Garden", THURSDAY, "The trainee is unavailable 12:00–13:30."),
        ("Anna Garden", NEXT_THURSDAY, "The trainee is unavailable 12:00–13:30."),
    ]  # the past Thursday is history, not a plan


def test_the_care_worker_saving_a_constraint_is_told_which_shifts_break_it(
    client, personas, rostered
):
    client.force_login(personas.care_worker)
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
        follow=True,
    )
    page = response.content.decode()
    assert WorkConstraint.objects.filter(trainee=personas.trainee_anna).exists()
    assert "2 rostered shifts now break this trainee&#x27;s limits" in page
    assert "2026-12-03" in page and "2026-12-10" in page


def test_instructor_and_manager_see_shifts_booked_over_limits_under_what_needs_me(
    client, personas, rostered
):
    block_thursday_noon(personas)
    for user in (personas.garden_instructor, personas.manager):
        client.force_login(user)
        page = client.get(reverse("core:home"), follow=True).content.decode()
        assert "2 </strong> rostered shifts break a trainee" in page.replace(
            "</strong>", " </strong>"
        )
    client.force_login(personas.carpentry_instructor)
    page = client.get(reverse("core:home"), follow=True).content.decode()
    assert "rostered shifts break" not in page
    assert Shift.objects.count() == 3
