"""An approved pay period is told to the accountants, who read and export its payslips; an
approval once, a month approved again after reopening again."""

import pytest
from django.urls import reverse

from reintegra_coop.core.models import Notification
from reintegra_coop.core.notifications import text_of
from reintegra_coop.pay import notices, period
from reintegra_coop.pay.models import PayPeriod
from tests.factories import NOVEMBER, work

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-05T10:00")]


@pytest.fixture
def approved_november(personas, hourly_anna):
    work(personas.trainee_anna, personas.garden, NOVEMBER.replace(day=2))
    period.run(NOVEMBER, personas.manager)
    return period.approve(NOVEMBER, personas.manager)


def test_an_approved_period_is_told_to_the_accountants_only(personas, approved_november):
    [notice] = Notification.objects.filter(recipient=personas.accountant)
    assert text_of(notice) == "The pay period November 2026 is approved: its payslips are ready."
    assert Notification.objects.exclude(recipient=personas.accountant).count() == 0


def test_the_accountant_follows_the_notice_to_the_period(client, personas, approved_november):
    notice = Notification.objects.get(recipient=personas.accountant)
    client.force_login(personas.accountant)
    response = client.get(reverse("core:open_notification", args=[notice.pk]))
    assert response["Location"] == reverse("pay:period", args=[2026, 11])
    assert client.get(response["Location"]).status_code == 200


def test_an_approval_is_told_once_and_a_second_approval_again(personas, approved_november):
    notices.period_approved(PayPeriod.objects.get(month=NOVEMBER))
    assert Notification.objects.filter(recipient=personas.accountant).count() == 1
    period.reopen(NOVEMBER, personas.manager, "Anna's hours were wrong")
    period.run(NOVEMBER, personas.manager)
    period.approve(NOVEMBER, personas.manager)
    assert Notification.objects.filter(recipient=personas.accountant).count() == 2
