"""A dispute is told: the trainee's dispute to the instructors of the log's workshop and the
managers, the answer to the trainee; each dispute once, a new dispute of the same log again."""

import datetime

import pytest
from django.urls import reverse

from reintegra_coop.core.models import Notification
from reintegra_coop.core.notifications import text_of
from reintegra_coop.work import notices
from reintegra_coop.work.models import WorkLog
from tests.factories import work

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-11-23T10:00")]
FRIDAY = datetime.date(2026, 11, 20)


@pytest.fixture
def annas_log(personas):
    return work(personas.trainee_anna, personas.garden, FRIDAY, status="submitted")


def told(user):
    return list(Notification.objects.filter(recipient=user))


def test_a_dispute_in_the_portal_tells_the_workshops_instructors_and_the_managers(
    client, personas, annas_log
):
    client.force_login(personas.trainee_anna.user)
    client.post(reverse("portal:dispute", args=[annas_log.pk]), {"comment": "I left at 11"})
    for user in (personas.garden_instructor, personas.manager):
        [notice] = told(user)
        assert text_of(notice) == "Anna Garden disputes the entry of 20/11/2026 in Organic garden."
        assert (notice.link_name, notice.link_args) == ("work:log_edit", [annas_log.pk])
    for user in (
        personas.carpentry_instructor,
        personas.care_worker,
        personas.accountant,
        personas.trainee_anna.user,
        personas.trainee_bartek.user,
        personas.outsider,
    ):
        assert told(user) == []


def test_the_instructor_follows_the_notice_to_the_disputed_log(client, personas, annas_log):
    annas_log.dispute("I left at 11", personas.trainee_anna.user)
    [notice] = told(personas.garden_instructor)
    client.force_login(personas.garden_instructor)
    page = client.get(reverse("core:open_notification", args=[notice.pk]), follow=True)
    assert page.status_code == 200
    assert "I left at 11" in page.content.decode()


def test_a_dispute_is_told_once_and_a_new_dispute_again(personas, annas_log):
    annas_log.dispute("I left at 11", personas.trainee_anna.user)
    notices.log_disputed(annas_log)  # the producer run again: nothing new
    assert len(told(personas.manager)) == 1
    annas_log.resolve_dispute("Corrected to 11:00.", personas.manager)
    annas_log.dispute("Still wrong", personas.trainee_anna.user)
    assert len(told(personas.manager)) == 2


def test_the_answer_is_told_to_the_trainee_with_the_instructors_words(client, personas, annas_log):
    annas_log.dispute("I left at 11", personas.trainee_anna.user)
    client.force_login(personas.garden_instructor)
    client.post(
        reverse("work:resolve_dispute", args=[annas_log.pk]),
        {"resolution": "Corrected to 11:00."},
    )
    [notice] = told(personas.trainee_anna.user)
    assert text_of(notice) == "Your question about 20/11/2026 has an answer: Corrected to 11:00."
    assert notice.link_name == "portal:hours"
    assert told(personas.trainee_bartek.user) == []
    client.force_login(personas.trainee_anna.user)
    opened = client.get(reverse("core:open_notification", args=[notice.pk]))
    assert opened["Location"] == reverse("portal:hours")


def test_a_trainee_without_a_login_is_not_told(personas):
    personas.trainee_bartek.user = None
    personas.trainee_bartek.save()
    log = work(personas.trainee_bartek, personas.carpentry, FRIDAY)
    log.dispute("wrong", personas.carpentry_instructor)
    log.resolve_dispute("", personas.carpentry_instructor)
    assert Notification.objects.filter(code=notices.ANSWERED).count() == 0
    assert not WorkLog.objects.get(pk=log.pk).has_open_dispute
