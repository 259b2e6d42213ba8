"""A manager starting a new order adds a customer who is not in the list yet, from the order
form, and comes back to the order with the customer chosen — on a tablet held upright
(800×1280) and a laptop (1366×768), without sideways scrolling. Screenshots in
/work/brief/shots/customer-*.png."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from reintegra_coop.orders.models import Customer, CustomerKind
from tests.factories import PASSWORD, CustomerFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.clock("2026-11-23T10:00"),
]
SHOTS = Path("/work/brief/shots")


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


@pytest.mark.parametrize(("width", "height"), [(800, 1280), (1366, 768)])
def test_a_manager_adds_a_customer_from_a_new_order(page, personas, width, height):
    CustomerFactory(name="Piekarnia Kłos", kind=CustomerKind.PERSON, tax_id="")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": height})
    page.goto("/login/")
    page.get_by_label("Username or card number").fill("manager")
    page.get_by_label("Password or PIN").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.goto("/orders/new/")
    page.get_by_role("link", name="New customer").click()
    expect(page.get_by_role("heading", name="New customer")).to_be_visible()
    page.get_by_label("Kind").select_option(label="Business")
    page.get_by_label("Name").fill("Piekarnia Kłos")
    page.get_by_label("Tax id").fill("5261042218")
    page.get_by_label("Address").fill("ul. Polna 2, 05-220 Zielonka")
    page.screenshot(path=SHOTS / f"customer-form-{width}.png", full_page=True)
    assert no_sideways_scroll(page)
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_role("link", name="Piekarnia Kłos")).to_be_visible()  # the namesake
    assert Customer.objects.count() == 1  # nothing saved yet
    page.screenshot(path=SHOTS / f"customer-duplicate-{width}.png", full_page=True)
    assert no_sideways_scroll(page)
    page.get_by_label("This is a different customer").check()
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_role("heading", name="New order")).to_be_visible()
    expect(page.get_by_text("Piekarnia Kłos is saved.")).to_be_visible()
    added = Customer.objects.get(kind=CustomerKind.BUSINESS)
    assert added.tax_id == "526-104-22-18"
    chosen = page.get_by_label("Customer")
    expect(chosen).to_have_value(str(added.pk))
    expect(chosen.locator("option:checked")).to_have_text("Piekarnia Kłos")
    page.screenshot(path=SHOTS / f"customer-order-{width}.png", full_page=True)
    assert no_sideways_scroll(page)

    page.goto("/orders/customers/")
    expect(page.get_by_role("link", name="Piekarnia Kłos")).to_have_count(2)
    page.screenshot(path=SHOTS / f"customer-list-{width}.png", full_page=True)
    assert no_sideways_scroll(page)
