"""A manager takes on a new trainee in Chromium: the form, a possible duplicate shown first, the
trainee's page, and the login card the trainee takes home — on a laptop (1366×768) and a tablet
held upright (800×1280), without sideways scrolling. Screenshots in
build/screenshots/onboarding-*.png."""

import datetime
from pathlib import Path

import pytest
from playwright.sync_api import expect

from reintegra_coop.people.models import Trainee
from tests.factories import PASSWORD, TraineeFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.clock("2026-11-23T10:00"),
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (800, 1280)])
def test_a_manager_takes_on_a_trainee_and_prints_the_login_card(page, personas, width, height):
    namesake = TraineeFactory(first_name="Ewa", last_name="Nowicka", card_number="C-0777")
    namesake.date_of_birth = datetime.date(1990, 3, 4)
    namesake.save()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": height})
    page.goto("/login/")
    page.get_by_label("Username or card number").fill("manager")
    page.get_by_label("Password or PIN").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Take on a trainee").click()
    expect(page.get_by_label("Card number")).to_have_value("C-2003")
    page.get_by_label("First name").fill("Ewa")
    page.get_by_label("Last name").fill("Nowicka")
    page.get_by_label("Date of birth").fill("1990-03-04")
    page.get_by_label("Preferred language").select_option("pl")
    page.get_by_label("Organic garden").check()
    page.get_by_label("New PIN:", exact=True).fill("7391")
    page.get_by_label("New PIN again").fill("7391")
    page.screenshot(path=SCREENSHOTS / f"onboarding-form-{width}.png", full_page=True)
    assert no_sideways_scroll(page)
    page.get_by_role("button", name="Take on the trainee").click()
    expect(page.get_by_role("link", name="Ewa Nowicka")).to_be_visible()  # the namesake
    page.screenshot(path=SCREENSHOTS / f"onboarding-duplicate-{width}.png", full_page=True)
    assert Trainee.objects.filter(last_name="Nowicka").count() == 1  # nothing saved yet
    # A browser keeps what was typed except the PIN, which is typed again.
    page.get_by_label("New PIN:", exact=True).fill("7391")
    page.get_by_label("New PIN again").fill("7391")
    page.get_by_label("This is a different person").check()
    page.get_by_role("button", name="Take on the trainee").click()
    expect(page.get_by_role("heading", name="Ewa Nowicka")).to_be_visible()
    expect(page.get_by_text("is taken on, with the login ewa.nowicka")).to_be_visible()
    assert no_sideways_scroll(page)
    page.screenshot(path=SCREENSHOTS / f"onboarding-trainee-{width}.png", full_page=True)
    page.get_by_role("button", name="Print the login card").click()
    expect(page.get_by_text("C-2003")).to_be_visible()
    expect(page.get_by_text("Numer karty")).to_be_visible()  # in the trainee's language
    expect(page.locator(".qr svg")).to_be_visible()
    assert no_sideways_scroll(page)
    page.screenshot(path=SCREENSHOTS / f"onboarding-card-{width}.png", full_page=True)
