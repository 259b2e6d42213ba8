"""A manager takes an order from quote to paid in Chromium; the order page and the invoice are
saved as pictures under build/screenshots/ for a person to look at."""

import datetime
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from reintegra_coop.orders.models import CustomerKind, ProductionLot
from tests.factories import PASSWORD, CatalogueItemFactory, CustomerFactory, vat_rate

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.clock("2026-11-23T10:00"),
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


@pytest.fixture
def catalogue(personas):
    potatoes = CatalogueItemFactory(
        name="Potatoes",
        workshop=personas.garden,
        unit="kg",
        price=Decimal("4.20"),
        vat_rate=vat_rate("5"),
        tracks_stock=True,
    )
    CatalogueItemFactory(
        name="Garden bench",
        workshop=personas.carpentry,
        price=Decimal("650.00"),
        vat_rate=vat_rate("23"),
    )
    for rate in ("8", "0"):
        vat_rate(rate)
    ProductionLot.objects.create(
        item=potatoes,
        workshop=personas.garden,
        quantity=Decimal("50"),
        produced_on=datetime.date.today(),
        best_before=datetime.date.today() + datetime.timedelta(days=30),
    )
    CustomerFactory(
        name="Restauracja Zielony Talerz",
        kind=CustomerKind.BUSINESS,
        tax_id="526-104-22-18",
        address="ul. Lipowa 4, 00-001 Warszawa",
    )


def test_a_manager_takes_an_order_from_quote_to_paid(page, live_server, personas, catalogue):
    page.goto("/login/")
    page.get_by_label("Username or card number").fill("manager")
    page.get_by_label("Password or PIN").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.goto("/orders/new/")
    page.get_by_label("Kind").select_option(label="Eco-production")
    page.get_by_label("Customer").select_option(label="Restauracja Zielony Talerz")
    page.get_by_label("Due on").fill(
        (datetime.date.today() + datetime.timedelta(days=7)).isoformat()
    )
    first, second = page.locator("tr.line").nth(0), page.locator("tr.line").nth(1)
    first.locator("select[name$='-item']").select_option(label="Potatoes")
    first.locator("input[name$='-quantity']").fill("40")
    second.locator("select[name$='-item']").select_option(label="Garden bench")
    second.locator("input[name$='-quantity']").fill("1")
    second.locator("input[name$='-discount_percent']").fill("5")
    page.get_by_role("button", name="Save order").click()

    expect(page.get_by_text("is saved.")).to_be_visible()
    expect(page.locator("#order-gross")).to_have_text("PLN935.93")
    for step, status, asks in (
        ("Confirm", "Confirmed", False),
        ("Start production", "In production", False),
        ("Mark ready", "Ready", False),
        ("Deliver", "Delivered", True),  # stock leaves the lots: asked first
        ("Issue invoice", "Invoiced", True),
        ("Mark paid", "Paid", True),
    ):
        page.get_by_role("button", name=step, exact=True).click()
        if asks:
            expect(page.get_by_role("heading", level=1)).to_contain_text("?")
            page.get_by_role("button", name=f"Yes: {step.lower()}").click()
        expect(page.locator("h1 .status")).to_have_text(status)
    expect(page.get_by_role("link", name="Invoice FV-")).to_be_visible()

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "order-paid.png", full_page=True)
    invoice_url = page.get_by_role("link", name="Invoice FV-").get_attribute("href")
    pdf = page.request.get(invoice_url)
    assert pdf.headers["content-type"] == "application/pdf"
    (SCREENSHOTS / "invoice.pdf").write_bytes(pdf.body())
    render_first_page(SCREENSHOTS / "invoice.pdf", SCREENSHOTS / "invoice")
    assert (SCREENSHOTS / "invoice-1.png").stat().st_size > 20_000


def render_first_page(pdf: Path, prefix: Path) -> None:
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.fail(
            "Rendering the invoice needs Debian's poppler-utils: apt-get install poppler-utils"
        )
    subprocess.run(
        [pdftoppm, "-png", "-r", "80", "-f", "1", "-l", "1", str(pdf), str(prefix)], check=True
    )
