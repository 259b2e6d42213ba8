"""An instructor records a crew of 12 at the bench in one submit (Chromium, screenshot saved
under build/screenshots/); a resent form saves nothing; a care block is refused as
"unavailable" only."""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from reintegra_coop.care.models import UnavailableBlock, WorkConstraint
from reintegra_coop.work.models import Shift, ShiftAssignment, WorkLog
from tests.factories import PASSWORD, TraineeFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.clock("2026-11-23T10:00"),
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


@pytest.fixture
def rostered_crew(personas):
    crew = [personas.trainee_anna] + [
        TraineeFactory(
            user__username=f"gardener{n}",
            first_name=f"Gardener{n:02d}",
            last_name="Crew",
            workshops=[personas.garden],
        )
        for n in range(11)
    ]
    shift = Shift.objects.create(
        workshop=personas.garden,
        date=timezone.localdate(),
        start=datetime.time(7),
        end=datetime.time(11),
        capacity=15,
    )
    for trainee in crew:
        ShiftAssignment.objects.create(shift=shift, trainee=trainee)
    return crew


def log_in_as_garden_instructor(page):
    page.goto("/login/")
    page.get_by_label("Username or card number").fill("garden.instructor")
    page.get_by_label("Password or PIN").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Crew sheet").first.click()


def test_an_instructor_logs_a_crew_of_twelve_in_one_submit_and_a_resend_saves_nothing(
    page, personas, rostered_crew
):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in_as_garden_instructor(page)
    rows = page.locator("tr.crew-row")
    expect(rows).to_have_count(15)
    rows.nth(2).locator("select[name$='-attendance']").select_option(label="Sick")
    rows.nth(5).locator("input[name$='-end']").fill("10:30")
    rows.nth(7).locator("input[name$='-done_independently']").check()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "crew-sheet.png", full_page=True)
    # Keep exactly what the tablet sends, to send it again as a flaky connection would.
    sent = page.evaluate(
        "new URLSearchParams(new FormData(document.querySelector('form.crew'))).toString()"
    )
    page.get_by_role("button", name="Save the day").click()
    expect(page.get_by_text("Saved 12 entries for Organic garden.")).to_be_visible()
    page.screenshot(path=SCREENSHOTS / "crew-sheet-saved.png", full_page=True)
    assert WorkLog.objects.count() == 12
    resent = page.evaluate(
        "body => fetch(location.pathname + location.search, {method: 'POST', body,"
        " headers: {'Content-Type': 'application/x-www-form-urlencoded'}}).then(r => r.text())",
        sent,
    )
    assert "This crew sheet was already saved." in resent
    assert WorkLog.objects.count() == 12
    assert WorkLog.objects.filter(attendance="sick").count() == 1


def test_a_log_over_a_care_block_is_refused_showing_unavailable_only(page, personas, rostered_crew):
    constraint = WorkConstraint.objects.create(trainee=personas.trainee_anna)
    UnavailableBlock.objects.create(
        constraint=constraint,
        weekday=timezone.localdate().weekday(),
        start=datetime.time(9, 30),
        end=datetime.time(10, 30),
        reason="Methadone clinic visit",
    )
    log_in_as_garden_instructor(page)
    page.get_by_role("button", name="Save the day").click()
    alert = page.get_by_role("alert").filter(has_text="Anna Garden")
    expect(alert).to_contain_text("The trainee is unavailable 09:30–10:30.")
    expect(page.get_by_text("Methadone")).to_have_count(0)
    expect(page.get_by_text("clinic")).to_have_count(0)
    page.screenshot(path=SCREENSHOTS / "crew-sheet-care-block.png", full_page=True)
    assert WorkLog.objects.count() == 0
