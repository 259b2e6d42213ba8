"""A site may let instructors approve their own workshops' logs (`instructors_approve_logs` in
site_config.toml; off by default): then an instructor has the Approvals page, sees only their
workshops' waiting logs and approves only those, whatever ids are posted."""

import datetime

import pytest
from django.urls import reverse

from reintegra_coop.work.models import WorkLog
from tests.factories import work

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-10T10:00")]
DAY = datetime.date(2026, 12, 7)


@pytest.fixture
def waiting(personas):
    garden = work(personas.trainee_anna, personas.garden, DAY, status="submitted")
    carpentry = work(personas.trainee_bartek, personas.carpentry, DAY, status="submitted")
    return garden, carpentry


def test_by_default_only_managers_approve(client, personas, waiting, settings):
    assert settings.INSTRUCTORS_APPROVE_LOGS is False
    client.force_login(personas.garden_instructor)
    assert client.get(reverse("work:approvals")).status_code == 403
    home = client.get(reverse("core:home"), follow=True).content.decode()
    assert reverse("work:approvals") not in home


def test_with_the_setting_an_instructor_approves_only_their_workshops_logs(
    client, personas, waiting, settings
):
    settings.INSTRUCTORS_APPROVE_LOGS = True
    garden, carpentry = waiting
    client.force_login(personas.garden_instructor)
    home = client.get(reverse("core:home"), follow=True).content.decode()
    assert f'href="{reverse("work:approvals")}"' in home  # in the top bar and the needs list
    page = client.get(reverse("work:approvals")).content.decode()
    assert "Anna Garden" in page and "Bartek Carpenter" not in page
    client.post(reverse("work:approvals"), {"log": [garden.pk, carpentry.pk]})
    assert WorkLog.objects.get(pk=garden.pk).status == "approved"
    assert WorkLog.objects.get(pk=carpentry.pk).status == "submitted"  # not theirs
    client.post(reverse("work:approvals"), {"all": "1"})
    assert WorkLog.objects.get(pk=carpentry.pk).status == "submitted"


def test_the_setting_never_opens_approvals_to_other_roles(client, personas, waiting, settings):
    settings.INSTRUCTORS_APPROVE_LOGS = True
    for persona in ("care_worker", "accountant"):
        client.force_login(getattr(personas, persona))
        assert client.get(reverse("work:approvals")).status_code == 403
