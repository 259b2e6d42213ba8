"""An invoice carries what Polish VAT law asks for (issue 17): seller and buyer with tax ids and
addresses, the seller's bank account, sale and issue dates, payment due date and method, VAT by
rate, the split-payment mark where required and the amount due. Issuing is refused, naming the
missing field, while any of it is missing; an issued invoice keeps the parties as they were."""

import datetime
import subprocess
from decimal import Decimal

import pytest
from django.core import checks
from django.test import override_settings
from django.utils import translation

from reintegra_coop.orders import fulfilment, invoicing
from reintegra_coop.orders.exceptions import InvalidTransitionError
from reintegra_coop.orders.models import Invoice, OrderStatus
from reintegra_coop.orders.seller import buyer_problems, seller_problems
from tests.factories import CatalogueItemFactory, CustomerFactory, OrderFactory, add_line, vat_rate

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-11-23T10:00")]

DELIVERED = datetime.date(2026, 11, 20)
ISSUED = datetime.date(2026, 11, 23)
COMPLETE = {
    "name": "Spółdzielnia Socjalna Reintegra",
    "address": "ul. Ogrodowa 12, 00-001 Warszawa",
    "tax_id": "123-456-32-18",
    "bank_account": "PL61 1090 1014 0000 0712 1981 2874",
}


def test_a_complete_seller_has_no_problems():
    assert seller_problems(COMPLETE, "PL") == {}


def test_every_missing_seller_field_is_named():
    problems = seller_problems({"name": "Reintegra"}, "PL")
    assert sorted(problems) == ["address", "bank_account", "tax_id"]
    assert "tax_id" in problems["tax_id"] and "[cooperative]" in problems["tax_id"]


def test_a_wrong_nip_and_a_wrong_iban_are_refused_by_their_check_digits():
    problems = seller_problems(
        {
            **COMPLETE,
            "tax_id": "123-456-32-19",
            "bank_account": "PL61 1090 1014 0000 0712 1981 2875",
        },
        "PL",
    )
    assert sorted(problems) == ["bank_account", "tax_id"]
    assert "NIP" in problems["tax_id"]
    assert "IBAN" in problems["bank_account"]


def test_a_czech_seller_is_checked_by_its_dic():
    assert seller_problems({**COMPLETE, "tax_id": "CZ25123891"}, "CZ") == {}
    assert list(seller_problems({**COMPLETE, "tax_id": "CZ25123890"}, "CZ")) == ["tax_id"]


def test_a_buyer_needs_an_address_and_a_business_its_tax_id(db):
    assert buyer_problems(CustomerFactory(address="")) == {
        "address": "The buyer's address is missing: add it on the customer's page."
    }
    business = CustomerFactory(address="ul. Polna 1, 00-950 Warszawa", tax_id="")
    assert list(buyer_problems(business)) == ["tax_id"]


@pytest.fixture
def deliver(personas):
    """Deliver an order of a bench and ``square_metres`` of renovation to a business."""

    def delivered_order(square_metres: str = "10"):
        return _delivered(personas, square_metres)

    return delivered_order


@pytest.fixture
def delivered(deliver):
    """A delivered order of a bench and 10 m² of renovation (2,743.50 zł)."""
    return deliver()


def _delivered(personas, square_metres):
    bench = CatalogueItemFactory(
        name="Garden bench", workshop=personas.carpentry, price=Decimal("650.00")
    )
    renovation = CatalogueItemFactory(
        name="Renovation of a flat",
        workshop=personas.carpentry,
        kind="service",
        unit="m2",
        price=Decimal("180.00"),
        vat_rate=vat_rate("8"),
        split_payment=True,
    )
    order = OrderFactory(customer=CustomerFactory(name="Zielony Talerz"))
    add_line(order, bench, "1")
    add_line(order, renovation, square_metres)
    for status in (OrderStatus.CONFIRMED, OrderStatus.IN_PRODUCTION, OrderStatus.READY):
        order.set_status(status, personas.manager)
    fulfilment.deliver(order, personas.manager, DELIVERED)
    return order


def test_issuing_is_refused_naming_what_the_seller_lacks_and_nothing_is_saved(personas, delivered):
    with (
        override_settings(COOPERATIVE={**COMPLETE, "bank_account": ""}),
        pytest.raises(InvalidTransitionError, match="bank account") as refused,
    ):
        invoicing.issue_invoice(delivered, personas.manager, ISSUED)
    assert "[cooperative]" in str(refused.value)
    delivered.refresh_from_db()
    assert delivered.status == OrderStatus.DELIVERED
    assert not Invoice.objects.exists()


def test_issuing_is_refused_naming_what_the_buyer_lacks(personas, delivered):
    delivered.customer.address = ""
    delivered.customer.save()
    with pytest.raises(InvalidTransitionError, match="buyer's address"):
        invoicing.issue_invoice(delivered, personas.manager, ISSUED)
    assert not Invoice.objects.exists()


def test_the_invoice_keeps_the_parties_the_sale_date_and_the_payment_terms(personas, delivered):
    invoice = invoicing.issue_invoice(delivered, personas.manager, ISSUED)
    assert (invoice.sale_date, invoice.issued_on, invoice.due_on) == (
        DELIVERED,
        ISSUED,
        ISSUED + datetime.timedelta(days=14),
    )
    assert invoice.payment_method == "transfer"
    assert invoice.seller["tax_id"] == "123-456-32-18"
    assert invoice.buyer == {
        "name": "Zielony Talerz",
        "address": delivered.customer.address,
        "tax_id": delivered.customer.tax_id,
    }
    with override_settings(COOPERATIVE={**COMPLETE, "address": "ul. Nowa 1, Kraków"}):
        invoice.refresh_from_db()
        assert invoice.seller["address"] == COMPLETE["address"]  # as it was when issued


def test_below_15000_zl_there_is_no_split_payment_mark(personas, delivered):
    assert invoicing.issue_invoice(delivered, personas.manager, ISSUED).split_payment is False


def test_an_annex_15_service_of_15000_zl_or_more_is_marked_for_split_payment(personas, deliver):
    invoice = invoicing.issue_invoice(deliver("75"), personas.manager, ISSUED)
    assert invoice.gross == Decimal("15379.50")  # 650 + 23 % and 75 m² × 180 + 8 %
    assert invoice.split_payment is True


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "invoice.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(text.split())


def test_the_polish_invoice_shows_every_field_the_law_asks_for(personas, deliver, tmp_path):
    delivered = deliver("75")
    invoice = invoicing.issue_invoice(delivered, personas.manager, ISSUED)
    with translation.override("pl"):
        text = pdf_text(invoicing.invoice_pdf(invoice), tmp_path)
    for expected in (
        "Faktura",
        invoice.number,
        "Data wystawienia: 23.11.2026",
        "Data sprzedaży: 20.11.2026",
        "Termin płatności: 7.12.2026",
        "Sposób płatności: przelew",
        "NIP: 123-456-32-18",
        f"NIP: {delivered.customer.tax_id}",
        "PL61 1090 1014 0000 0712 1981 2874",
        "Do zapłaty: 15 379,50 zł",
        "mechanizm podzielonej płatności",
        # VAT by rate (net, VAT, gross), then the totals
        "23 % 650,00 zł 149,50 zł 799,50 zł",
        "13 500,00 zł 1 080,00 zł 14 580,00 zł Razem 14 150,00 zł 1 229,50 zł 15 379,50 zł",
    ):
        assert expected in text, (expected, text)


def test_an_incomplete_cooperative_is_a_warning_of_the_sites_checks():
    with override_settings(COOPERATIVE={"name": "Reintegra", "address": "", "tax_id": ""}):
        found = [m for m in deploy_checks() if m.id == "reintegra.W001"]
        assert not [m for m in checks.run_checks() if m.id == "reintegra.W001"]  # --deploy only
    assert len(found) == 1 and "tax_id" in found[0].msg and "bank_account" in found[0].msg
    assert [m for m in deploy_checks() if m.id == "reintegra.W001"] == []


def deploy_checks():
    return checks.run_checks(include_deployment_checks=True)
