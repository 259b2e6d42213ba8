"""Wrong PINs lock a person, not a place: counted per account (whatever was typed) and per
account and client address, behind a trusted proxy; success clears only that account."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.factories import PIN

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-11-23T10:00")]

TABLET, PHONE = "10.0.0.7", "192.168.1.23"
WRONG = "1357"


@pytest.fixture(autouse=True)
def behind_nginx(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]


def log_in(client, login, secret, address=TABLET):
    """As nginx passes it on: from 127.0.0.1, the client's address appended to the header."""
    return client.post(
        reverse("core:login"),
        {"username": login, "password": secret},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=address,
    )


def refused(response):
    return response.status_code == 429 and "Too many wrong tries" in response.content.decode()


def logged_in(response):
    return response.status_code == 302 and response["Location"] == reverse("core:home")


def test_logging_in_as_oneself_does_not_wipe_the_guesses_against_someone_else(client, personas):
    for _ in range(4):
        log_in(client, "anna", WRONG)
    assert logged_in(log_in(client, "bartek", PIN))  # the guesser logs in as themself
    client.logout()
    log_in(client, "anna", WRONG)  # the fifth guess against Anna from this tablet
    assert refused(log_in(client, "anna", PIN))


def test_letter_case_and_the_card_number_count_against_the_same_account(client, personas):
    log_in(client, "anna", WRONG)
    log_in(client, "ANNA", WRONG)
    log_in(client, "Anna", WRONG)
    log_in(client, "c-2001", WRONG)
    log_in(client, "C-2001", WRONG)
    for typed in ("anna", "Anna", "C-2001"):
        assert refused(log_in(client, typed, PIN))


def test_one_persons_wrong_pins_lock_nobody_else_behind_the_proxy(client, personas):
    for _ in range(5):
        log_in(client, "anna", WRONG)
    assert refused(log_in(client, "anna", PIN))
    assert logged_in(log_in(client, "bartek", PIN))  # same tablet, same proxy address


def test_a_lock_at_one_address_leaves_the_owners_phone_until_the_account_limit(client, personas):
    for _ in range(5):
        log_in(client, "anna", WRONG, address=TABLET)
    assert refused(log_in(client, "anna", PIN, address=TABLET))
    assert logged_in(log_in(client, "anna", PIN, address=PHONE))


def test_guesses_spread_over_many_addresses_lock_the_account_everywhere(client, personas):
    for n in range(10):
        log_in(client, "anna", WRONG, address=f"10.1.0.{n // 2}")  # two guesses from each
    assert refused(log_in(client, "anna", PIN, address=PHONE))


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(client, personas, settings):
    settings.TRUSTED_PROXIES = []
    for n in range(5):  # a forged header cannot make each guess look like a new address
        client.post(
            reverse("core:login"),
            {"username": "anna", "password": WRONG},
            REMOTE_ADDR=TABLET,
            HTTP_X_FORWARDED_FOR=f"6.6.6.{n}",
        )
    response = client.post(
        reverse("core:login"), {"username": "anna", "password": PIN}, REMOTE_ADDR=TABLET
    )
    assert refused(response)


def test_the_lock_ends_after_the_cool_off(client, personas):
    for _ in range(5):
        log_in(client, "anna", WRONG)
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=16)):
        assert logged_in(log_in(client, "anna", PIN))


def test_a_manager_unlocks_a_trainee_from_their_page(client, personas):
    for n in range(10):
        log_in(client, "anna", WRONG, address=f"10.1.0.{n}")
    page_url = reverse("people:trainee_detail", args=[personas.trainee_anna.pk])
    unlock_url = reverse("people:unlock_login", args=[personas.trainee_anna.pk])
    client.force_login(personas.garden_instructor)
    assert "Unlock the login" not in client.get(page_url).content.decode()
    assert client.post(unlock_url).status_code == 403
    client.force_login(personas.manager)
    page = client.get(page_url).content.decode()
    assert "10 wrong PINs were typed" in page and "Unlock the login" in page
    client.post(unlock_url)
    client.logout()
    assert logged_in(log_in(client, "anna", PIN, address=PHONE))
