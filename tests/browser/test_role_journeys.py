"""Each staff role's day in Chromium: log in, land on the home page, and open every page the top
bar offers, on a tablet held upright (800×1280) and a laptop (1366×768) — no server error, no
sideways scroll, and a screenshot of each page in build/screenshots/journey-*.png to look at.
The trainee's portal has its own tour (test_portal_flow.py)."""

import datetime
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from reintegra_coop.work.models import Shift, ShiftAssignment
from tests.factories import PASSWORD, WORK_DAY, PaySchemeFactory, TenancyFactory, work

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.clock("2026-11-23T10:00"),
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
ROLES = {
    "manager": "manager",
    "instructor": "garden.instructor",
    "care": "care.worker",
    "accountant": "accountant",
}


@pytest.fixture
def a_working_day(personas):
    """A little of everything: a rostered shift today and last week's logged work."""
    shift = Shift.objects.create(
        workshop=personas.garden,
        date=WORK_DAY,
        start=datetime.time(8),
        end=datetime.time(14),
        capacity=4,
    )
    ShiftAssignment.objects.create(shift=shift, trainee=personas.trainee_anna)
    work(personas.trainee_anna, personas.garden, WORK_DAY - datetime.timedelta(days=7))
    TenancyFactory(trainee=personas.trainee_anna, start=datetime.date(2026, 10, 1))
    PaySchemeFactory(trainee=personas.trainee_anna)


@pytest.mark.parametrize(("width", "height"), [(800, 1280), (1366, 768)])
@pytest.mark.parametrize("role", ROLES)
def test_every_page_in_the_top_bar_opens_and_fits(
    page, personas, a_working_day, role, width, height
):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": height})
    page.goto("/login/")
    page.get_by_label("Username or card number").fill(ROLES[role])
    page.get_by_label("Password or PIN").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("main h1").first).to_be_visible()
    links = page.locator("nav.main-nav a").evaluate_all(
        "links => links.map(link => [link.textContent.trim(), link.getAttribute('href')])"
    )
    assert links, "the top bar offers no page"
    problems = []
    for label, href in [("home", "/"), *links]:
        if href.startswith("/admin/"):
            continue  # the back office keeps Django's own templates
        response = page.goto(href)
        slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
        page.screenshot(path=SCREENSHOTS / f"journey-{role}-{width}-{slug}.png", full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if response is None or response.status != 200:
            problems.append(f"{label} ({href}): {response.status if response else 'no answer'}")
        elif overflow > 0:
            problems.append(f"{label} ({href}): {overflow} px sideways scroll")
    assert problems == []
