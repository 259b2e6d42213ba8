"""A manager's money tasks without the back office: a rent payment in cash on the rent ledger
page and a motivation bonus on the pay period page, on a tablet held upright (800×1280) and a
laptop (1366×768), without sideways scrolling. Screenshots in /work/brief/shots/money-*.png."""

import datetime
from pathlib import Path

import pytest
from playwright.sync_api import expect

from reintegra_coop.pay.models import SchemeKind
from tests.factories import (
    PASSWORD,
    PaySchemeFactory,
    StipendSettingFactory,
    TenancyFactory,
)

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.clock("2026-12-02T10:00"),  # the server's today too: November is still open
]
SCREENSHOTS = Path("/work/brief/shots")


def fits(page, name):
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"money-{name}.png", full_page=True)
    assert overflow <= 0, name


@pytest.mark.parametrize(("width", "height"), [(800, 1280), (1366, 768)])
def test_a_manager_records_a_cash_payment_and_a_bonus(page, personas, width, height):
    TenancyFactory(trainee=personas.trainee_anna)  # 270.00 a month from November
    StipendSettingFactory()
    PaySchemeFactory(
        trainee=personas.trainee_anna,
        kind=SchemeKind.STIPEND,
        hourly_rate=None,
        valid_from=datetime.date(2026, 8, 1),
    )
    page.set_viewport_size({"width": width, "height": height})
    page.goto("/login/")
    page.get_by_label("Username or card number").fill("manager")
    page.get_by_label("Password or PIN").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.goto("/housing/rent/?period=2026-11")
    form = page.locator("#record-payment")
    form.get_by_label("Tenancy").select_option(index=1)
    form.get_by_label("Paid on").fill("2026-11-20")
    form.get_by_label("Amount").fill("120.00")
    fits(page, f"rent-form-{width}")
    form.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved.")).to_be_visible()
    row = page.locator("tbody tr", has_text="Anna Garden")
    expect(row.locator('[data-label="Cash"]')).to_have_text("PLN120.00")
    expect(row.locator('[data-label="Closing balance"]')).to_have_text("PLN150.00")
    fits(page, f"rent-saved-{width}")

    page.goto("/pay/2026-11/")
    bonus = page.locator("form", has=page.get_by_role("heading", name="Add a bonus"))
    bonus.get_by_label("Trainee").select_option(label="Anna Garden")
    bonus.get_by_label("Amount").fill("1600")
    bonus.get_by_role("button", name="Save").click()
    refused = page.locator("form", has=page.get_by_role("heading", name="Add a bonus"))
    expect(refused.get_by_role("alert")).to_contain_text("The bonus can be at most 1500.00.")
    fits(page, f"bonus-refused-{width}")
    refused.get_by_label("Amount").fill("200")
    refused.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved.")).to_be_visible()
    expect(page.get_by_text("Anna Garden: PLN200.00")).to_be_visible()
    fits(page, f"bonus-saved-{width}")
