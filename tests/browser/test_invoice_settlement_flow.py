"""The accountant's invoice after it is issued, in a real browser and in Polish (issue 17): a
part payment from the bank statement, then a correction for goods returned — the balance on
the order page follows each step, and the receivables page shows the overpayment.
Screenshots in build/screenshots/invoice-settlement-*.png."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from reintegra_coop.orders import fulfilment, invoicing
from reintegra_coop.orders.models import CorrectionInvoice, OrderStatus, Payment
from tests.factories import PASSWORD, CatalogueItemFactory, CustomerFactory, OrderFactory, add_line

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.clock("2026-12-10T10:00"),
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def test_the_accountant_records_a_part_payment_and_corrects_the_invoice(page, personas):
    shelf = CatalogueItemFactory(name="Półka", workshop=personas.carpentry, price=Decimal("100"))
    order = OrderFactory(customer=CustomerFactory(name="Zielony Talerz"))
    add_line(order, shelf, "10")  # 1,000.00 net, 1,230.00 gross
    for status in (OrderStatus.CONFIRMED, OrderStatus.IN_PRODUCTION, OrderStatus.READY):
        order.set_status(status, personas.manager)
    fulfilment.deliver(order, personas.manager, datetime.date(2026, 11, 20))
    invoice = invoicing.issue_invoice(order, personas.manager, datetime.date(2026, 11, 23))

    page.goto("/login/")
    page.get_by_label("Username or card number").fill("accountant")
    page.get_by_label("Password or PIN").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/login/" not in url)
    page.wait_for_load_state("load")
    page.get_by_label("Language").select_option("pl")
    expect(page.get_by_role("heading", name="Faktury")).to_be_visible()  # the switch is done
    page.goto(f"/orders/{order.pk}/")
    expect(page.locator("#balance")).to_contain_text("1 230,00 zł")

    form = page.locator("#payment-form")
    form.get_by_label("Kwota").fill("1000.00")
    form.get_by_label("Tytuł").fill("WB 2026/117")
    form.get_by_role("button", name="Zapisz wpłatę").click()
    expect(page.get_by_text("Wpłata zapisana. Pozostało do zapłaty: 230,00 zł.")).to_be_visible()
    assert Payment.objects.get().reference == "WB 2026/117"

    page.get_by_role("link", name="Wystaw korektę faktury").click()
    page.locator(f"[name=quantity_{order.lines.get().pk}]").fill("7")
    page.get_by_label("Przyczyna korekty").fill("3 półki zwrócone, uszkodzone")
    page.get_by_role("button", name="Wystaw fakturę korygującą").click()
    expect(page.get_by_text("Wystawiono fakturę korygującą FK-2026-00001.")).to_be_visible()
    # 7 shelves: 861.00 gross; 1,000.00 paid → 139.00 paid too much, and the order is paid
    expect(page.locator("#balance")).to_contain_text("139,00 zł")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "invoice-settlement-order.png", full_page=True)
    assert CorrectionInvoice.objects.get().gross_change == Decimal("-369.00")

    page.goto("/orders/receivables/")
    expect(page.locator("#overpaid")).to_contain_text(invoice.number)
    expect(page.locator("#overpaid")).to_contain_text("139,00 zł")
    page.screenshot(path=SCREENSHOTS / "invoice-settlement-receivables.png", full_page=True)
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
