"""A care worker adds a Tue/Thu 16:00–18:00 block in the back office; the instructor then
cannot roster or log the trainee then, and sees only "unavailable" (Chromium, screenshots)."""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from reintegra_coop.care.models import UnavailableBlock
from reintegra_coop.work.models import Shift, ShiftAssignment, WorkLog
from tests.factories import PASSWORD

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.clock("2026-11-23T10:00"),
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def log_in(page, username):
    page.context.clear_cookies()
    page.goto("/login/")
    page.get_by_label("Username or card number").fill(username)
    page.get_by_label("Password or PIN").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def weekday_near(today, weekday, future):
    step = 1 if future else -1
    day = today + datetime.timedelta(days=step)
    while day.weekday() != weekday:
        day += datetime.timedelta(days=step)
    return day


def test_a_care_block_set_by_the_care_worker_stops_the_instructor(page, personas):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    log_in(page, "care.worker")
    page.goto("/admin/care/workconstraint/add/")
    page.locator("#id_trainee").select_option(label="Anna Garden")
    for row, weekday in ((0, "Tuesday"), (1, "Thursday")):
        page.get_by_text("Add another Unavailable time").click()
        page.locator(f"#id_blocks-{row}-weekday").select_option(label=weekday)
        page.locator(f"#id_blocks-{row}-start").fill("16:00")
        page.locator(f"#id_blocks-{row}-end").fill("18:00")
        page.locator(f"#id_blocks-{row}-reason").fill("Group therapy, addiction clinic")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("was added successfully")).to_be_visible()
    assert UnavailableBlock.objects.count() == 2

    today = timezone.localdate()
    tuesday_ahead = weekday_near(today, 1, future=True)
    shift = Shift.objects.create(
        workshop=personas.garden,
        date=tuesday_ahead,
        start=datetime.time(15),
        end=datetime.time(19),
        capacity=5,
    )
    log_in(page, "garden.instructor")
    page.goto(f"/work/roster/{personas.garden.pk}/?date={tuesday_ahead.isoformat()}")
    page.get_by_label("Trainee").select_option(label="Anna Garden")
    page.get_by_label("Shift").select_option(index=1)
    page.get_by_role("button", name="Add", exact=True).click()
    expect(
        page.get_by_text("Anna Garden not added: The trainee is unavailable 16:00–18:00.")
    ).to_be_visible()
    page.screenshot(path=SCREENSHOTS / "roster-care-block.png", full_page=True)
    assert not ShiftAssignment.objects.filter(shift=shift).exists()

    last_thursday = weekday_near(today, 3, future=False)
    page.goto(f"/work/crew/{personas.garden.pk}/?date={last_thursday.isoformat()}")
    row = page.locator("tr.crew-row").first
    row.locator("select[name$='-trainee']").select_option(label="Anna Garden")
    row.locator("input[name$='-start']").fill("16:30")
    row.locator("input[name$='-end']").fill("17:30")
    page.get_by_role("button", name="Save the day").click()
    expect(page.get_by_role("alert").first).to_contain_text(
        "The trainee is unavailable 16:00–18:00."
    )
    body = page.content()
    assert "therapy" not in body.lower() and "clinic" not in body.lower()
    page.screenshot(path=SCREENSHOTS / "crew-sheet-care-block-thursday.png", full_page=True)
    assert not WorkLog.objects.exists()
