"""A split day in Chromium: the instructor adds a second part of the day to a row and saves
the crew in one submit, with JavaScript and without it. Screenshots in
build/screenshots/split-*.png (or the folder named by $SCREENSHOTS)."""

import datetime
import os
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from reintegra_coop.work.models import Shift, ShiftAssignment, WorkLog
from tests.factories import PASSWORD, TraineeFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.clock("2026-11-23T15:00"),
]
SCREENSHOTS = Path(
    os.environ.get("SCREENSHOTS") or Path(__file__).resolve().parents[2] / "build" / "screenshots"
)
TOO_SMALL = """() => [...document.querySelectorAll('form.crew input:not([type=hidden]),'
      + ' form.crew select, form.crew button')]
    .map(e => e.getBoundingClientRect())
    .filter(r => r.width > 0 && (r.height < 44 || r.width < 44)).length"""
OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"


@pytest.fixture
def crew(personas):
    """Anna and three more of the garden, rostered today 07:00–11:00."""
    people = [personas.trainee_anna] + [
        TraineeFactory(
            user__username=f"split{n}",
            first_name=f"Małgorzata{n}",
            last_name="Wiśniewska-Kowalczyk",
            workshops=[personas.garden],
        )
        for n in range(3)
    ]
    shift = Shift.objects.create(
        workshop=personas.garden,
        date=timezone.localdate(),
        start=datetime.time(7),
        end=datetime.time(11),
        capacity=15,
    )
    for trainee in people:
        ShiftAssignment.objects.create(shift=shift, trainee=trainee)
    return people


def open_crew_sheet(page, workshop_id):
    page.goto("/login/")
    page.get_by_label("Username or card number").fill("garden.instructor")
    page.get_by_label("Password or PIN").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"/work/crew/{workshop_id}/")


def shoot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"split-{name}.png", full_page=True)


@pytest.mark.parametrize(("width", "height"), [(800, 1280), (1366, 768)])
def test_an_instructor_adds_a_second_part_to_a_row_and_saves_the_crew_in_one_submit(
    page, personas, crew, width, height
):
    page.set_viewport_size({"width": width, "height": height})
    open_crew_sheet(page, personas.garden.pk)
    anna = page.locator("#row-0")
    expect(anna).to_contain_text("Anna Garden")
    afternoon = page.locator("#part-0")
    expect(afternoon).to_be_hidden()
    anna.get_by_role("button", name="Add a second part").click()
    expect(afternoon).to_be_visible()
    expect(anna.get_by_role("button", name="Add a second part")).to_be_hidden()
    expect(afternoon.locator("input[name$='-second_start']")).to_be_focused()
    afternoon.locator("input[name$='-second_start']").fill("12:00")
    afternoon.locator("input[name$='-second_end']").fill("14:30")
    afternoon.locator("select[name$='-second_work_type']").select_option(label="Training")
    # A part opened by mistake is taken back, and that row stays a single part.
    page.locator("#row-2").get_by_role("button", name="Add a second part").click()
    page.locator("#part-2").locator("input[name$='-second_start']").fill("12:00")
    page.locator("#part-2").get_by_role("button", name="Remove the second part").click()
    expect(page.locator("#part-2")).to_be_hidden()
    shoot(page, f"{width}x{height}")
    assert page.evaluate(OVERFLOW) <= 0
    assert page.evaluate(TOO_SMALL) == 0
    page.get_by_role("button", name="Save the day").click()
    expect(page.get_by_text("Saved 5 entries for Organic garden.")).to_be_visible()
    shoot(page, f"{width}x{height}-saved")
    logs = WorkLog.objects.filter(trainee=personas.trainee_anna).order_by("start")
    assert [(log.start, log.end, log.work_type) for log in logs] == [
        (datetime.time(7), datetime.time(11), "paid_work"),
        (datetime.time(12), datetime.time(14, 30), "training"),
    ]
    assert WorkLog.objects.count() == 5


def test_without_javascript_the_button_brings_the_sheet_back_with_the_part_open(
    browser, live_server, personas, crew
):
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.set_viewport_size({"width": 800, "height": 1280})
    open_crew_sheet(page, personas.garden.pk)
    page.locator("#row-1 input[name$='-end']").fill("10:00")
    page.locator("#row-0").get_by_role("button", name="Add a second part").click()
    expect(page.locator("#part-0")).to_be_visible()
    expect(page.locator("#row-1 input[name$='-end']")).to_have_value("10:00")  # kept
    assert WorkLog.objects.count() == 0
    page.locator("#part-0 input[name$='-second_start']").fill("12:00")
    page.locator("#part-0 input[name$='-second_end']").fill("13:00")
    shoot(page, "nojs-800x1280")
    page.get_by_role("button", name="Save the day").click()
    expect(page.get_by_text("Saved 5 entries for Organic garden.")).to_be_visible()
    assert WorkLog.objects.filter(trainee=personas.trainee_anna).count() == 2
    assert WorkLog.objects.get(trainee=crew[1], shift__isnull=False).end == datetime.time(10)
    context.close()


def test_overlapping_parts_are_refused_naming_the_row_and_the_part(page, personas, crew):
    page.set_viewport_size({"width": 800, "height": 1280})
    open_crew_sheet(page, personas.garden.pk)
    page.locator("#row-0").get_by_role("button", name="Add a second part").click()
    page.locator("#part-0 input[name$='-second_start']").fill("10:30")
    page.locator("#part-0 input[name$='-second_end']").fill("12:00")
    page.get_by_role("button", name="Save the day").click()
    alert = page.get_by_role("alert").filter(has_text="Anna Garden")
    expect(alert).to_contain_text(
        "Row 1, Anna Garden, part 2: 10:30–12:00 overlaps another entry, 07:00–11:00."
    )
    expect(page.locator("#part-0")).to_be_visible()  # still open, as typed
    expect(page.locator("#part-0 input[name$='-second_start']")).to_have_value("10:30")
    shoot(page, "overlap-800x1280")
    assert page.evaluate(OVERFLOW) <= 0
    assert WorkLog.objects.count() == 0


def test_enter_in_a_field_saves_the_day_and_opens_no_part(page, personas, crew):
    open_crew_sheet(page, personas.garden.pk)
    page.locator("#row-0 input[name$='-note']").fill("Weeding")
    page.locator("#row-0 input[name$='-note']").press("Enter")
    expect(page.get_by_text("Saved 4 entries for Organic garden.")).to_be_visible()
    assert WorkLog.objects.count() == 4
