"""A person at the login page: each role lands on its home, switches language, logs out."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, PIN

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def log_in(page, username, secret):
    page.goto("/login/")
    page.get_by_label("Username or card number").fill(username)
    page.get_by_label("Password or PIN").fill(secret)
    page.get_by_role("button", name="Log in").click()


@pytest.mark.parametrize(
    ("persona", "username", "secret", "path", "heading"),
    [
        ("manager", "manager", PASSWORD, "/people/manager/", "Manager: the cooperative today"),
        (
            "instructor",
            "garden.instructor",
            PASSWORD,
            "/people/instructor/",
            "Instructor: my workshops",
        ),
        ("care worker", "care.worker", PASSWORD, "/people/care/", "Care worker: my caseload"),
        ("accountant", "accountant", PASSWORD, "/people/accountant/", "Accountant"),
        ("trainee by card", "C-2001", PIN, "/portal/", "Hello, Anna!"),
    ],
)
def test_each_role_logs_in_and_lands_on_its_home(
    page, live_server, personas, persona, username, secret, path, heading
):
    log_in(page, username, secret)
    expect(page).to_have_url(re.compile(f"^{re.escape(live_server.url)}{path}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)


def test_an_instructor_sees_only_their_crew(page, personas):
    log_in(page, "garden.instructor", PASSWORD)
    expect(page.get_by_role("link", name="Anna Garden")).to_be_visible()
    expect(page.get_by_text("Bartek Carpenter")).to_have_count(0)


def test_a_wrong_pin_shows_a_message_and_stays_on_the_login_page(page, personas):
    log_in(page, "anna", "9999")
    expect(page.get_by_text("Please enter a correct")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")


def test_a_trainee_switches_to_polish_and_back_then_logs_out(page, personas):
    log_in(page, "anna", PIN)
    page.wait_for_url(lambda url: "/login/" not in url)  # the portal, with its scripts
    page.wait_for_load_state("load")
    page.get_by_label("Language").select_option("pl")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cześć, Anna!")
    page.get_by_label("Język").select_option("cs")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ahoj, Anna!")
    page.get_by_role("button", name="Odhlásit se").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Přihlásit se")
    page.goto("/portal/")
    expect(page).to_have_url(re.compile(r"/login/\?next=(%2F|/)portal(%2F|/)$"))
