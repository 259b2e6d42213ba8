"""A trainee logs in with a PIN and visits every portal page at phone and tablet widths;
axe-core reports no serious or critical accessibility violations (screenshots saved)."""

import datetime
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from reintegra_coop.care.models import Milestone
from reintegra_coop.work.models import Shift, ShiftAssignment, WorkLog
from tests.factories import PIN, working_days_before

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.clock("2026-11-23T10:00"),
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
PAGES = [
    ("home", "/portal/"),
    ("week", "/portal/week/"),
    ("hours", "/portal/hours/"),
    ("pay", "/portal/pay/"),
    ("rent", "/portal/rent/"),
    ("progress", "/portal/progress/"),
]


@pytest.fixture
def annas_record(personas):
    anna, today = personas.trainee_anna, timezone.localdate()
    for day in working_days_before(today, 5):
        WorkLog.objects.create(
            trainee=anna,
            workshop=personas.garden,
            date=day,
            start=datetime.time(8),
            end=datetime.time(13),
            status="approved",
        )
    shift = Shift.objects.create(
        workshop=personas.garden,
        date=today + datetime.timedelta(days=1),
        start=datetime.time(8),
        end=datetime.time(14),
        capacity=5,
    )
    ShiftAssignment.objects.create(shift=shift, trainee=anna)
    Milestone.objects.create(
        trainee=anna, kind="independent_work", title="5 tasks on my own", target=5, progress=2
    )


@pytest.mark.parametrize(
    ("device", "width", "height"), [("phone", 360, 740), ("tablet", 768, 1024)]
)
def test_every_portal_page_is_usable_and_accessible(
    page, personas, annas_record, device, width, height
):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": height})
    page.goto("/login/")
    page.get_by_label("Username or card number").fill("C-2001")
    page.get_by_label("Password or PIN").fill(PIN)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Anna!")
    axe = Axe()
    for name, path in PAGES:
        page.goto(path)
        page.screenshot(path=SCREENSHOTS / f"portal-{name}-{device}.png", full_page=True)
        results = axe.run(page)
        bad = [
            (v["id"], v["impact"], v["help"])
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert bad == [], f"{path}: {bad}"
        overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
        assert not overflow, f"{path} scrolls sideways at {width}px"


def test_a_trainee_disputes_an_entry_from_the_phone(page, personas, annas_record):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/login/")
    page.get_by_label("Username or card number").fill("anna")
    page.get_by_label("Password or PIN").fill(PIN)
    page.get_by_role("button", name="Log in").click()
    page.goto("/portal/hours/")
    page.get_by_role("button", name="Tell the instructor").first.click()
    expect(page.get_by_text("Please write what is wrong with this entry.")).to_be_visible()
    page.get_by_label("What is wrong?").first.fill("I finished at 12, not 13")
    page.get_by_role("button", name="Tell the instructor").first.click()
    expect(page.get_by_text("Thank you. Your instructor will look at it.")).to_be_visible()
    assert WorkLog.objects.disputed().count() == 1
