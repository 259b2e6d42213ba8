"""The crew sheet on a 10-inch tablet held upright (800×1280) in English, Polish and Czech:
no sideways scroll (one card per trainee), every control at least 44 px high and wide enough
to hit, and on a laptop (1366×768) still the table — also with a row on a split day (its
second part open). Screenshots in build/screenshots/crew-sheet-tablet-*.png."""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from reintegra_coop.work.models import Shift, ShiftAssignment, WorkLog
from tests.factories import PASSWORD, TraineeFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.clock("2026-11-23T10:00"),
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
SAVE = {"en": "Save the day", "pl": "Zapisz dzień", "cs": "Uložit den"}


@pytest.fixture
def crew(personas):
    people = [personas.trainee_anna] + [
        TraineeFactory(
            user__username=f"tablet{n}",
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


def open_crew_sheet(page, workshop_id, language):
    """The garden's instructor logs in, picks the language and opens today's crew sheet."""
    page.goto("/login/")
    page.get_by_label("Username or card number").fill("garden.instructor")
    page.get_by_label("Password or PIN").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/login/" not in url)  # the home page, with its scripts
    page.wait_for_load_state("load")
    if language != "en":
        page.get_by_label("Language").select_option(language)
        expect(page.locator("html")).to_have_attribute("lang", language)
    page.goto(f"/work/crew/{workshop_id}/")


def open_second_part(page, row):
    """Open the row's second part of the day (whatever the language, by the button's class)
    and fill in its times."""
    page.locator(f"#row-{row} button.add-part").click()
    expect(page.locator(f"#part-{row}")).to_be_visible()
    page.locator(f"#part-{row} input[name$='-second_start']").fill("12:00")
    page.locator(f"#part-{row} input[name$='-second_end']").fill("14:00")


@pytest.mark.parametrize("language", ["en", "pl", "cs"])
def test_the_crew_sheet_fits_an_upright_tablet_with_big_controls(page, personas, crew, language):
    page.set_viewport_size({"width": 800, "height": 1280})
    open_crew_sheet(page, personas.garden.pk, language)
    expect(page.locator("tr.crew-row")).to_have_count(7)
    open_second_part(page, 0)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    too_small = page.evaluate(
        """() => [...document.querySelectorAll('form.crew input:not([type=hidden]),'
              + ' form.crew select, form.crew button')]
            .map(e => e.getBoundingClientRect())
            .filter(r => r.width > 0 && (r.height < 44 || r.width < 44)).length"""
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"crew-sheet-tablet-{language}.png", full_page=True)
    assert overflow <= 0
    assert too_small == 0
    page.locator("tr.crew-row").nth(1).locator("select[name$='-attendance']").select_option(index=4)
    page.get_by_role("button", name=SAVE[language]).click()
    expect(page.locator("p.message")).to_be_visible()
    assert WorkLog.objects.count() == 5
    assert WorkLog.objects.filter(trainee=personas.trainee_anna).count() == 2


@pytest.mark.parametrize(("width", "language"), [(1366, "en"), (1366, "pl"), (1920, "pl")])
def test_on_a_laptop_the_crew_sheet_fits_and_on_a_wide_screen_is_a_table(
    page, personas, crew, width, language
):
    page.set_viewport_size({"width": width, "height": 900})
    open_crew_sheet(page, personas.garden.pk, language)
    open_second_part(page, 1)
    if width > 1400:
        expect(page.locator("table.crew-sheet thead")).to_be_visible()
    page.screenshot(path=SCREENSHOTS / f"crew-sheet-{language}-{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
