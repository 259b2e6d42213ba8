"""Notifications: stored as a code and parameters, put into words in the reader's language when
shown; each person sees, opens and marks read only their own; the top bar counts the unread in
one query; staff with an address get an e-mail where the site has a mail server, trainees never,
and a failing mail server never fails the change."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from reintegra_coop.core.models import Notification
from reintegra_coop.core.notifications import Link, notify, offer_notice, text_of
from tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db

GARDEN_LOG = {"trainee": "Anna Garden", "date": "2026-11-23", "workshop": "Organic garden"}


def test_a_notice_is_stored_as_a_code_and_put_into_words_in_the_readers_language(personas):
    offer_notice("test.home", lambda params: gettext("Home"))
    notify([personas.manager], "test.home", {}, Link("core:home"), "test:1")
    notice = Notification.objects.get(recipient=personas.manager)
    assert (notice.code, notice.params) == ("test.home", {})
    with translation.override("en"):
        english = text_of(notice)
    with translation.override("pl"):
        polish = text_of(notice)
    assert english == "Home"
    assert polish != english  # the same stored notice, read in Polish


def test_the_same_event_is_told_once(personas):
    for _ in range(2):
        notify(
            [personas.manager, personas.manager.pk],
            "work.log_disputed",
            GARDEN_LOG,
            Link("core:home"),
            "dispute:1",
        )
    notify([personas.manager], "work.log_disputed", GARDEN_LOG, Link("core:home"), "dispute:2")
    assert Notification.objects.filter(recipient=personas.manager).count() == 2


def test_the_list_shows_only_my_notices_newest_first_with_the_unread_marked(client, personas):
    old = NotificationFactory(recipient=personas.garden_instructor, read_at=timezone.now())
    new = NotificationFactory(
        recipient=personas.garden_instructor,
        params={**GARDEN_LOG, "trainee": "Bartek Carpenter"},
    )
    NotificationFactory(recipient=personas.manager, params={**GARDEN_LOG, "trainee": "Zofia"})
    client.force_login(personas.garden_instructor)
    page = client.get(reverse("core:notifications")).content.decode()
    assert page.index(f"/notifications/{new.pk}/") < page.index(f"/notifications/{old.pk}/")
    assert "Bartek Carpenter disputes the entry of" in page
    assert "Zofia" not in page
    assert page.count('class="notice unread"') == 1


def test_the_list_is_paginated_in_a_bounded_number_of_queries(
    client, personas, django_assert_max_num_queries
):
    NotificationFactory.create_batch(30, recipient=personas.care_worker)
    client.force_login(personas.care_worker)
    client.get(reverse("core:notifications"))
    # the login (2), the role (1), the top bar's count (1), the page's count and rows (2)
    with django_assert_max_num_queries(6):
        first = client.get(reverse("core:notifications")).content.decode()
    second = client.get(reverse("core:notifications") + "?page=2").content.decode()
    assert first.count('class="notice unread"') == 25
    assert second.count('class="notice unread"') == 5


def test_following_a_notice_marks_it_read_and_opens_its_page(client, personas):
    notice = NotificationFactory(recipient=personas.garden_instructor, link_name="work:roster")
    client.force_login(personas.garden_instructor)
    response = client.get(reverse("core:open_notification", args=[notice.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("work:roster")
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_a_notice_whose_page_is_gone_opens_the_list(client, personas):
    notice = NotificationFactory(recipient=personas.manager, link_name="work:no_such_page")
    client.force_login(personas.manager)
    response = client.get(reverse("core:open_notification", args=[notice.pk]))
    assert response["Location"] == reverse("core:notifications")


@pytest.mark.parametrize(
    "someone_else",
    [
        "manager",
        "carpentry_instructor",
        "care_worker",
        "accountant",
        "trainee_anna",
        "trainee_bartek",
        "outsider",
    ],
)
def test_nobody_opens_or_marks_read_another_persons_notice(client, personas, someone_else):
    notice = NotificationFactory(recipient=personas.garden_instructor)
    client.force_login(personas.all_users()[someone_else])
    assert client.get(reverse("core:open_notification", args=[notice.pk])).status_code == 404
    client.post(reverse("core:read_all_notifications"))
    page = client.get(reverse("core:notifications")).content.decode()
    notice.refresh_from_db()
    assert notice.read_at is None
    assert f"/notifications/{notice.pk}/" not in page


def test_mark_all_read_marks_only_my_own(client, personas):
    mine = NotificationFactory.create_batch(3, recipient=personas.accountant)
    theirs = NotificationFactory(recipient=personas.manager)
    client.force_login(personas.accountant)
    response = client.post(reverse("core:read_all_notifications"))
    assert response["Location"] == reverse("core:notifications")
    assert Notification.objects.filter(pk__in=[n.pk for n in mine], read_at=None).count() == 0
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_marking_all_read_is_a_post(client, personas):
    NotificationFactory(recipient=personas.accountant)
    client.force_login(personas.accountant)
    assert client.get(reverse("core:read_all_notifications")).status_code == 405
    assert Notification.objects.filter(read_at=None).count() == 1


def test_the_list_and_a_notice_need_a_login(client, personas):
    notice = NotificationFactory(recipient=personas.manager)
    for url in (
        reverse("core:notifications"),
        reverse("core:open_notification", args=[notice.pk]),
    ):
        assert client.get(url)["Location"].startswith(reverse("core:login"))


@pytest.mark.parametrize("who", ["garden_instructor", "trainee_anna"])
def test_the_top_bar_counts_my_unread_notices(client, personas, who):
    user = personas.all_users()[who]
    NotificationFactory.create_batch(2, recipient=user)
    NotificationFactory(recipient=user, read_at=timezone.now())
    NotificationFactory(recipient=personas.manager)
    client.force_login(user)
    page = client.get(reverse("core:home"), follow=True).content.decode()
    assert '<span class="badge" aria-label="2 unread">2</span>' in page


def test_the_top_bar_has_no_count_when_all_is_read(client, personas):
    NotificationFactory(recipient=personas.manager, read_at=timezone.now())
    client.force_login(personas.manager)
    page = client.get(reverse("core:home"), follow=True).content.decode()
    assert reverse("core:notifications") in page
    assert 'class="badge"' not in page


def test_the_login_page_asks_for_no_count(client, db, django_assert_max_num_queries):
    with django_assert_max_num_queries(0):
        page = client.get(reverse("core:login")).content.decode()
    assert reverse("core:notifications") not in page


def test_an_unknown_code_still_reads_as_a_notice(personas):
    notice = NotificationFactory(recipient=personas.manager, code="gone.away")
    assert text_of(notice) == "Something changed that concerns you."


def test_a_notice_with_parameters_its_renderer_does_not_know_still_reads(personas):
    notice = NotificationFactory(recipient=personas.manager, params={"trainee": "Anna"})
    assert text_of(notice) == "Something changed that concerns you."


# E-mail: only with a mail server, only to staff with an address, never to trainees.


@pytest.fixture
def with_addresses(personas):
    for user in (personas.manager, personas.trainee_anna.user):
        user.email = f"{user.username}@example.org"
        user.save()
    return personas


def test_staff_get_an_email_where_the_site_has_a_mail_server(
    with_addresses, settings, django_capture_on_commit_callbacks
):
    settings.NOTIFY_BY_EMAIL = True
    settings.SITE_URL = "https://coop.example.org"
    users = [with_addresses.manager, with_addresses.trainee_anna.user, with_addresses.accountant]
    with django_capture_on_commit_callbacks(execute=True):
        notify(users, "work.log_disputed", GARDEN_LOG, Link("work:roster"), "dispute:7")
    assert [message.to for message in mail.outbox] == [["manager@example.org"]]
    message = mail.outbox[0]
    assert message.subject.startswith("Anna Garden disputes the entry of")
    assert "https://coop.example.org/work/roster/" in message.body


def test_no_email_without_a_mail_server(with_addresses, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify([with_addresses.manager], "work.log_disputed", GARDEN_LOG, Link("core:home"), "d:8")
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=with_addresses.manager).count() == 1


def test_the_same_event_is_emailed_once(
    with_addresses, settings, django_capture_on_commit_callbacks
):
    settings.NOTIFY_BY_EMAIL = True
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            notify(
                [with_addresses.manager], "work.log_disputed", GARDEN_LOG, Link("core:home"), "d:9"
            )
    assert len(mail.outbox) == 1


def test_a_mail_server_that_fails_fails_nothing_else(
    with_addresses, settings, django_capture_on_commit_callbacks
):
    settings.NOTIFY_BY_EMAIL = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    with django_capture_on_commit_callbacks(execute=True):
        notify([with_addresses.manager], "work.log_disputed", GARDEN_LOG, Link("core:home"), "d:10")
    assert Notification.objects.filter(recipient=with_addresses.manager).count() == 1
