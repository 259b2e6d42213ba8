"""Sessions end after quiet minutes by role: 30 for staff, 10 for trainees (IDLE_MINUTES)."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD, PIN

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-11-23T10:00")]


def log_in(client, username, secret):
    client.post(reverse("core:login"), {"username": username, "password": secret})
    return timezone.now()


@pytest.mark.parametrize(
    ("username", "secret", "home", "minutes"),
    [
        ("manager", PASSWORD, "/people/manager/", 30),
        ("garden.instructor", PASSWORD, "/people/instructor/", 30),
        ("accountant", PASSWORD, "/people/accountant/", 30),
        ("anna", PIN, "/portal/", 10),
    ],
)
def test_a_session_ends_after_the_roles_quiet_minutes(
    client, personas, username, secret, home, minutes
):
    start = log_in(client, username, secret)
    assert client.session.get_expiry_age() == minutes * 60
    with time_machine.travel(start + datetime.timedelta(minutes=minutes - 1)):
        assert client.get(home).status_code == 200  # a click pushes the end forward
    with time_machine.travel(start + datetime.timedelta(minutes=2 * minutes - 3)):
        assert client.get(home).status_code == 200
    with time_machine.travel(start + datetime.timedelta(minutes=3 * minutes)):
        assert client.get(home).status_code == 302  # quiet too long: logged out


def test_the_idle_minutes_are_one_setting(client, personas, settings):
    settings.IDLE_MINUTES = {"staff": 30, "trainee": 10, "manager": 15}
    log_in(client, "manager", PASSWORD)
    assert client.session.get_expiry_age() == 15 * 60
    client.logout()
    log_in(client, "accountant", PASSWORD)
    assert client.session.get_expiry_age() == 30 * 60


def test_a_page_does_not_write_the_session_on_every_click(
    client, personas, django_assert_max_num_queries
):
    log_in(client, "manager", PASSWORD)
    client.get("/people/manager/")
    # the home page's own reads: the login (3), the top bar's unread notices (1), what needs
    # the manager (9), the trainees (2)
    with django_assert_max_num_queries(15) as queries:
        client.get("/people/manager/")
    assert not any("UPDATE" in query["sql"] for query in queries.captured_queries)


def test_a_page_polling_for_a_background_job_does_not_keep_the_session_alive(client, personas):
    """The pay period page asks how its payslip ZIP is doing every few seconds (X-Job-Poll);
    that is the page, not the person: an accountant who walked away is still logged out."""
    start = log_in(client, "accountant", PASSWORD)
    poll = reverse("pay:payslips_progress", args=[2026, 11])
    with time_machine.travel(start + datetime.timedelta(minutes=20)):
        client.get(poll, headers={"X-Job-Poll": "1"})
    with time_machine.travel(start + datetime.timedelta(minutes=31)):
        assert client.get("/people/accountant/").status_code == 302
