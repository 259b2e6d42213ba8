"""The trainee portal: only the trainee's own data, bounded queries, friendly refusals."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from reintegra_coop.work.models import Shift, ShiftAssignment, WorkLog
from tests.factories import PIN, working_days_before

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-11-23T10:00")]
PAGES = [
    "portal:home",
    "portal:week",
    "portal:hours",
    "portal:pay",
    "portal:rent",
    "portal:progress",
]


@pytest.fixture
def annas_month(personas):
    anna, bartek = personas.trainee_anna, personas.trainee_bartek
    today = timezone.localdate()
    days = working_days_before(today, 10)  # two weeks of work
    for n, day in enumerate(days):
        WorkLog.objects.create(
            trainee=anna,
            workshop=personas.garden,
            date=day,
            start=datetime.time(8),
            end=datetime.time(12),
            status="approved" if n > 2 else "submitted",
        )
    WorkLog.objects.create(
        trainee=bartek,
        workshop=personas.carpentry,
        date=days[0],
        start=datetime.time(8),
        end=datetime.time(12),
        note="Bartek's secret",
    )
    shift = Shift.objects.create(
        workshop=personas.garden,
        date=today + datetime.timedelta(days=2),
        start=datetime.time(8),
        end=datetime.time(14),
        capacity=5,
    )
    ShiftAssignment.objects.create(shift=shift, trainee=anna)


@pytest.mark.parametrize("page", PAGES)
def test_every_portal_page_asks_a_bounded_number_of_queries(
    client, personas, annas_month, page, django_assert_max_num_queries
):
    client.force_login(personas.trainee_anna.user)
    with django_assert_max_num_queries(14):
        response = client.get(reverse(page))
    assert response.status_code == 200
    assert "Bartek" not in response.content.decode()


def test_my_hours_shows_approved_and_waiting_and_my_week_the_coming_shift(
    client, personas, annas_month
):
    client.force_login(personas.trainee_anna.user)
    hours = client.get(reverse("portal:hours")).content.decode()
    assert "Approved" in hours and "Waiting" in hours and "Organic garden" in hours
    week = client.get(reverse("portal:week")).content.decode()
    assert "08:00–14:00 · Organic garden" in week


def test_a_dispute_reaches_the_instructor_and_needs_words(client, personas, annas_month):
    log = WorkLog.objects.filter(trainee=personas.trainee_anna).first()
    client.force_login(personas.trainee_anna.user)
    page = client.post(reverse("portal:dispute", args=[log.pk]), {"comment": "  "}, follow=True)
    assert "Please write what is wrong with this entry." in page.content.decode()
    client.post(reverse("portal:dispute", args=[log.pk]), {"comment": "I left at 11"})
    log.refresh_from_db()
    assert log.has_open_dispute and log.dispute_comment == "I left at 11"
    bartek_log = WorkLog.objects.get(trainee=personas.trainee_bartek)
    assert (
        client.post(reverse("portal:dispute", args=[bartek_log.pk]), {"comment": "x"}).status_code
        == 404
    )
    assert not WorkLog.objects.get(pk=bartek_log.pk).has_open_dispute


def test_staff_cannot_use_the_portal_and_trainees_cannot_use_staff_pages(client, personas):
    client.force_login(personas.garden_instructor)
    assert client.get(reverse("portal:hours")).status_code == 403
    client.force_login(personas.trainee_anna.user)
    assert (
        client.get(reverse("people:trainee_detail", args=[personas.trainee_bartek.pk])).status_code
        == 403
    )
    assert client.get("/api/work-logs/").status_code == 403


def test_a_trainee_is_logged_out_after_ten_idle_minutes(client, personas):
    client.post(reverse("core:login"), {"username": "anna", "password": PIN})
    assert client.session.get_expiry_age() == 600


def test_a_pin_has_four_to_six_digits(client, personas):
    client.force_login(personas.manager)
    url = reverse("core:set_password", args=[personas.trainee_anna.user.pk])
    page = client.post(
        url, {"new_password1": "4826153", "new_password2": "4826153"}
    ).content.decode()
    assert "at most 6 characters" in page


def test_idle_time_counts_from_the_last_click(client, personas):
    client.post(reverse("core:login"), {"username": "anna", "password": PIN})
    start = timezone.now()
    with time_machine.travel(start + datetime.timedelta(minutes=9)):
        assert client.get(reverse("portal:home")).status_code == 200
    with time_machine.travel(start + datetime.timedelta(minutes=18)):
        assert client.get(reverse("portal:home")).status_code == 200
    with time_machine.travel(start + datetime.timedelta(minutes=29)):
        assert client.get(reverse("portal:home")).status_code == 302
