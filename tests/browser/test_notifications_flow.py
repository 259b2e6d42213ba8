"""A trainee disputes a log in the portal; the garden's instructor logs in, sees the count in the
top bar, opens the list and follows the notice to the disputed log — on a tablet held upright
(800×1280) and a laptop (1366×768), without sideways scrolling. Screenshots in
build/screenshots/notify-*.png."""

import datetime
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, PIN, work

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.clock("2026-11-23T10:00"),
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
FRIDAY = datetime.date(2026, 11, 20)


def log_in(page, username, secret):
    page.goto("/login/")
    page.get_by_label("Username or card number").fill(username)
    page.get_by_label("Password or PIN").fill(secret)
    page.get_by_role("button", name="Log in").click()


def fits(page):
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


@pytest.mark.parametrize(("width", "height"), [(800, 1280), (1366, 768)])
def test_the_instructor_is_told_of_a_dispute_and_follows_it_to_the_log(
    page, personas, width, height
):
    work(personas.trainee_anna, personas.garden, FRIDAY, status="submitted")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": height})

    log_in(page, "C-2001", PIN)
    page.goto("/portal/hours/")
    page.get_by_label("What is wrong?").fill("I left at 11")
    page.get_by_role("button", name="Tell the instructor").click()
    expect(page.get_by_role("status")).to_have_text("Thank you. Your instructor will look at it.")
    page.get_by_role("button", name="Log out").click()

    log_in(page, "garden.instructor", PASSWORD)
    top_bar = page.locator("header.top")
    expect(top_bar.get_by_role("link", name="Notifications")).to_contain_text("1")
    page.screenshot(path=SCREENSHOTS / f"notify-home-{width}.png", full_page=True)
    assert fits(page)

    top_bar.get_by_role("link", name="Notifications").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    notice = page.locator("li.notice.unread")
    expect(notice).to_contain_text(
        "Anna Garden disputes the entry of 20/11/2026 in Organic garden."
    )
    page.screenshot(path=SCREENSHOTS / f"notify-list-{width}.png", full_page=True)
    assert fits(page)

    notice.get_by_role("link").click()
    expect(page.get_by_role("heading", name="The trainee disputes this entry")).to_be_visible()
    expect(page.locator("section.disputed")).to_contain_text("I left at 11")
    expect(top_bar.locator(".badge")).to_have_count(0)  # read now
    page.screenshot(path=SCREENSHOTS / f"notify-log-{width}.png", full_page=True)
    assert fits(page)
