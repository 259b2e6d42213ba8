"""A care worker records a constraint with an unavailable time through the care pages (no back
office): from the caseload to the trainee's record, the form, and the result page that lists
the rostered shift it now breaks — on a tablet held upright (800×1280) and a laptop (1366×768),
without sideways scrolling. Screenshots in /work/brief/shots/care-*.png."""

import datetime
from pathlib import Path

import pytest
from playwright.sync_api import expect

from reintegra_coop.care.models import UnavailableBlock, WorkConstraint
from reintegra_coop.work.models import ShiftAssignment
from tests.factories import PASSWORD, ShiftFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.clock("2026-12-02T10:00"),  # a Wednesday; the server's today too
]
SHOTS = Path("/work/brief/shots")
THURSDAY = datetime.date(2026, 12, 3)
SIZES = {"tablet": (800, 1280), "laptop": (1366, 768)}


def log_in(page, username):
    page.context.clear_cookies()
    page.goto("/login/")
    page.get_by_label("Username or card number").fill(username)
    page.get_by_label("Password or PIN").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def shoot(page, name):
    """A screenshot at each size, and no sideways scrolling at any."""
    for size, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=SHOTS / f"care-{name}-{size}.png", full_page=True)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{name} scrolls sideways at {width} px"


def test_a_care_worker_records_a_block_and_sees_the_shift_it_breaks(page, personas):
    SHOTS.mkdir(parents=True, exist_ok=True)
    ShiftAssignment.objects.create(
        shift=ShiftFactory(workshop=personas.garden, date=THURSDAY), trainee=personas.trainee_anna
    )
    log_in(page, "care.worker")
    page.goto("/care/caseload/")
    page.get_by_role("link", name="Anna Garden").click()
    shoot(page, "trainee-record")
    page.get_by_role("link", name="Edit: Work constraints").click()
    page.get_by_label("Most minutes a day").fill("360")
    page.get_by_label("Latest end").fill("15:00")
    page.locator("#id_blocks-0-weekday").select_option(label="Thursday")
    page.locator("#id_blocks-0-start").fill("12:00")
    page.locator("#id_blocks-0-end").fill("11:00")  # a slip: before the start
    page.locator("#id_blocks-0-reason").fill("Methadone clinic")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert").first).to_contain_text(
        "Until: The end must be after the start."
    )
    shoot(page, "constraint-error")
    assert not WorkConstraint.objects.exists()

    page.locator("#id_blocks-0-end").fill("13:30")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("1 rostered shift now breaks these limits")).to_be_visible()
    expect(page.get_by_text("The trainee is unavailable 12:00–13:30.")).to_be_visible()
    expect(page.get_by_text("Organic garden 08:00–14:00")).to_be_visible()
    assert "Methadone" not in page.content()
    shoot(page, "constraint-saved")
    block = UnavailableBlock.objects.get()
    assert (block.weekday, block.reason) == (3, "Methadone clinic")

    page.get_by_role("link", name="Edit").click()
    expect(page.locator("#id_blocks-0-reason")).to_have_value("Methadone clinic")
    shoot(page, "constraint-form")
