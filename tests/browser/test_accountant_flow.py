"""The accountant's day starts on their home page: pay periods and invoices by age, in English
and Polish, on a laptop (1366×768) and a tablet held upright (800×1280), without sideways
scrolling. Screenshots in build/screenshots/accountant-home-*.png."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from reintegra_coop.orders import fulfilment, invoicing
from reintegra_coop.orders.models import OrderStatus
from reintegra_coop.pay import period
from tests.factories import (
    NOVEMBER,
    PASSWORD,
    CatalogueItemFactory,
    CustomerFactory,
    OrderFactory,
    PaySchemeFactory,
    add_line,
    work,
)

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.clock("2026-12-10T10:00"),  # the server's today too: the invoices' ages
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def invoiced(personas, on):
    order = OrderFactory(customer=CustomerFactory(name="Zielony Talerz"), ordered_on=on, due_on=on)
    add_line(order, CatalogueItemFactory(workshop=personas.carpentry, price=Decimal("650")), "1")
    for status in (OrderStatus.CONFIRMED, OrderStatus.IN_PRODUCTION, OrderStatus.READY):
        order.set_status(status, personas.manager)
    fulfilment.deliver(order, personas.manager, on)
    invoicing.issue_invoice(order, personas.manager, on)


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (800, 1280)])
@pytest.mark.parametrize("language", ["en", "pl"])
def test_the_accountants_home_fits_and_shows_periods_and_receivables(
    page, personas, width, height, language
):
    PaySchemeFactory(trainee=personas.trainee_anna)
    work(personas.trainee_anna, personas.garden, NOVEMBER.replace(day=2))
    period.run(NOVEMBER, personas.manager)
    invoiced(personas, datetime.date(2026, 8, 3))  # 129 days old
    invoiced(personas, datetime.date(2026, 12, 1))  # 9 days old
    page.set_viewport_size({"width": width, "height": height})
    page.goto("/login/")
    page.get_by_label("Username or card number").fill("accountant")
    page.get_by_label("Password or PIN").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/login/" not in url)  # the home page, with its scripts
    page.wait_for_load_state("load")
    if language == "pl":
        page.get_by_label("Language").select_option("pl")
        expect(page.get_by_role("heading", name="Faktury")).to_be_visible()
    else:
        expect(page.get_by_role("heading", name="Invoices")).to_be_visible()
    expect(page.locator("#receivables")).to_contain_text("799,50" if language == "pl" else "799.50")
    expect(
        page.get_by_role("link", name="listopad 2026" if language == "pl" else "November 2026")
    ).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"accountant-home-{language}-{width}.png", full_page=True)
    assert overflow <= 0
