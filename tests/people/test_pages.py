import datetime
import re

import pytest
from django.urls import reverse

from tests.factories import TraineeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-11-23T10:00")]


def test_an_instructor_sees_only_their_crew_on_their_home_page(client, personas):
    client.force_login(personas.garden_instructor)
    page = client.get(reverse("people:instructor_home")).content.decode()
    assert "Anna Garden" in page
    assert "Bartek Carpenter" not in page


def test_a_trainee_of_another_workshop_is_not_found_for_an_instructor(client, personas):
    client.force_login(personas.garden_instructor)
    url = reverse("people:trainee_detail", args=[personas.trainee_bartek.pk])
    assert client.get(url).status_code == 404


def test_the_manager_home_page_asks_a_bounded_number_of_queries(client, personas):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(personas.manager)
    client.get(reverse("people:manager_home"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("people:manager_home"))
    for number in range(30):
        TraineeFactory(user__username=f"extra{number}", workshops=[personas.garden])
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("people:manager_home"))
    assert len(re.findall(r"/people/trainees/\d+/", response.content.decode())) == 32
    # the trainee list and "what needs me" (one count or two per area): never a query a row
    # 3 for the login, 1 for the top bar's unread notices, 9 for the needs, 2 for the list
    assert len(many) == len(few) <= 15


def test_a_manager_moves_a_trainee_to_the_next_stage_from_their_page(client, personas):
    client.force_login(personas.manager)
    url = reverse("people:trainee_detail", args=[personas.trainee_anna.pk])
    response = client.post(
        url, {"to_stage": "graduate", "on": "2026-10-01", "note": "Well done"}, follow=True
    )
    assert "Anna Garden is now in the stage: Graduate." in response.content.decode()
    personas.trainee_anna.refresh_from_db()
    assert (personas.trainee_anna.stage, personas.trainee_anna.stage_since) == (
        "graduate",
        datetime.date(2026, 10, 1),
    )


def test_a_refused_stage_change_shows_why_and_changes_nothing(client, personas):
    client.force_login(personas.manager)
    url = reverse("people:trainee_detail", args=[personas.trainee_anna.pk])
    response = client.post(url, {"to_stage": "exited", "on": "2026-10-01"})
    assert "An exit needs a reason." in response.content.decode()
    personas.trainee_anna.refresh_from_db()
    assert personas.trainee_anna.stage == "participant"


def test_an_instructor_cannot_change_a_stage(client, personas):
    client.force_login(personas.garden_instructor)
    url = reverse("people:trainee_detail", args=[personas.trainee_anna.pk])
    client.post(url, {"to_stage": "graduate", "on": "2026-10-01"})
    personas.trainee_anna.refresh_from_db()
    assert personas.trainee_anna.stage == "participant"


def test_the_instructor_home_shows_todays_crew_of_their_workshops_only(client, personas):
    from reintegra_coop.work.models import Shift, ShiftAssignment

    for workshop, trainee in [
        (personas.garden, personas.trainee_anna),
        (personas.carpentry, personas.trainee_bartek),
    ]:
        shift = Shift.objects.create(
            workshop=workshop,
            date=datetime.date(2026, 11, 23),
            start=datetime.time(8),
            end=datetime.time(14),
            capacity=4,
        )
        ShiftAssignment.objects.create(shift=shift, trainee=trainee)
    client.force_login(personas.garden_instructor)
    page = client.get(reverse("people:instructor_home")).content.decode()
    today = page[page.index('id="todays-crew"') :]
    assert "Organic garden, 08:00–14:00" in today and "Anna Garden" in today
    assert "Carpentry" not in today and "Bartek" not in today
    assert reverse("work:crew_sheet") in today


def test_the_instructor_home_asks_a_bounded_number_of_queries(
    client, personas, django_assert_max_num_queries
):
    from reintegra_coop.work.models import Shift, ShiftAssignment

    shift = Shift.objects.create(
        workshop=personas.garden,
        date=datetime.date(2026, 11, 23),
        start=datetime.time(8),
        end=datetime.time(14),
        capacity=40,
    )
    for number in range(20):
        trainee = TraineeFactory(user__username=f"crew{number}", workshops=[personas.garden])
        ShiftAssignment.objects.create(shift=shift, trainee=trainee)
    client.force_login(personas.garden_instructor)
    with django_assert_max_num_queries(17):  # 20 on today's crew: no query a trainee
        assert client.get(reverse("people:instructor_home")).status_code == 200
