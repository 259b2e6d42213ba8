"""One-time login codes: printed by a manager (a POST), only for trainee logins, the newest one
voiding the older, used by a button (a POST) that never replaces a logged-in session."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from reintegra_coop.portal.models import LoginCode
from tests.factories import StaffMemberFactory

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-11-23T10:00")]


def print_code(client, trainee):
    return client.post(reverse("portal:print_code", args=[trainee.pk]))


def use(client, code):
    return client.post(reverse("portal:code_login", args=[code.code]), follow=True)


def test_a_manager_prints_a_code_that_works_exactly_once(client, personas):
    client.force_login(personas.manager)
    slip = print_code(client, personas.trainee_anna).content.decode()
    code = LoginCode.objects.get()
    assert code.code in slip and "<svg" in slip
    client.logout()
    response = use(client, code)
    assert response.redirect_chain[-1][0] == reverse("portal:home")
    assert "Hello, Anna!" in response.content.decode()
    client.logout()
    again = use(client, code).content.decode()
    assert "This code is used up or too old." in again


@pytest.mark.parametrize(
    "persona", ["garden_instructor", "care_worker", "accountant", "trainee_bartek", "outsider"]
)
def test_nobody_but_a_manager_prints_codes(client, personas, persona):
    client.force_login(personas.all_users()[persona])
    assert print_code(client, personas.trainee_anna).status_code == 403
    assert not LoginCode.objects.exists()


def test_printing_is_a_post_never_a_link(client, personas):
    client.force_login(personas.manager)
    url = reverse("portal:print_code", args=[personas.trainee_anna.pk])
    assert client.get(url).status_code == 405
    assert not LoginCode.objects.exists()


def test_a_care_lead_prints_codes_for_the_caseload_only_where_the_site_allows(
    client, personas, settings
):
    member = personas.care_worker.staff_member
    member.care_lead = True
    member.stamp(personas.manager)
    member.save()
    client.force_login(personas.care_worker)
    assert print_code(client, personas.trainee_anna).status_code == 403
    settings.CARE_LEADS_PRINT_LOGIN_CODES = True
    assert print_code(client, personas.trainee_anna).status_code == 200
    assert print_code(client, personas.trainee_bartek).status_code == 404  # not in the caseload


def test_codes_are_only_for_trainee_logins(personas):
    staff = StaffMemberFactory(user__username="ex.trainee.now.staff").user
    with pytest.raises(PermissionDenied):
        LoginCode.issue(personas.trainee_anna, personas.garden_instructor)
    # A code made for a staff login (before these rules) never logs anyone in.
    old = LoginCode.objects.create(
        user=staff,
        code="STAFF23456",
        created_by=personas.manager,
        expires_at=timezone.now() + datetime.timedelta(hours=1),
    )
    assert LoginCode.redeem(old.code) is None


def test_a_new_code_voids_the_older_ones(client, personas):
    first = LoginCode.issue(personas.trainee_anna, personas.manager)
    second = LoginCode.issue(personas.trainee_anna, personas.manager)
    assert "used up or too old" in use(client, first).content.decode()
    assert use(client, second).redirect_chain[-1][0] == reverse("portal:home")


def test_opening_the_link_uses_nothing_up(client, personas):
    code = LoginCode.issue(personas.trainee_anna, personas.manager)
    url = reverse("portal:code_login", args=[code.code])
    page = client.get(url)
    assert page.status_code == 200 and "Log in with your code" in page.content.decode()
    assert client.head(url).status_code == 200  # a link preview
    assert "_auth_user_id" not in client.session
    assert use(client, code).redirect_chain[-1][0] == reverse("portal:home")


def test_a_code_never_replaces_a_logged_in_staff_session(client, personas):
    code = LoginCode.issue(personas.trainee_anna, personas.manager)
    client.force_login(personas.manager)
    page = client.get(reverse("portal:code_login", args=[code.code])).content.decode()
    assert "Log out first" in page
    response = client.post(reverse("portal:code_login", args=[code.code]))
    assert response.status_code == 409
    assert client.session["_auth_user_id"] == str(personas.manager.pk)
    code.refresh_from_db()
    assert code.used_at is None  # still there for the trainee


def test_a_code_expires_after_the_sites_hours(client, personas, settings):
    code = LoginCode.issue(personas.trainee_anna, personas.manager)
    assert code.expires_at - timezone.now() <= datetime.timedelta(hours=24)
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=25)):
        assert "used up or too old" in use(client, code).content.decode()
    settings.LOGIN_CODE_HOURS = 2
    short = LoginCode.issue(personas.trainee_anna, personas.manager)
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=3)):
        assert "used up or too old" in use(client, short).content.decode()


def test_the_trainee_page_offers_the_code_only_to_those_who_may_print(client, personas):
    url = reverse("people:trainee_detail", args=[personas.trainee_anna.pk])
    client.force_login(personas.garden_instructor)
    assert "Print the login card" not in client.get(url).content.decode()
    client.force_login(personas.manager)
    assert "Print the login card" in client.get(url).content.decode()
