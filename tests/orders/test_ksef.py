"""The structured e-invoice (KSeF, FA(3)) of an issued invoice: validated against the official
XSD before it is offered, carrying the same parties and totals as the PDF; the KSeF number is
recorded back on the invoice (issue 17). Nothing is sent anywhere."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from lxml import etree

from reintegra_coop.orders import fulfilment, invoicing
from reintegra_coop.orders.ksef import KsefExportError, fa3_xml
from reintegra_coop.orders.models import OrderStatus
from tests.factories import CatalogueItemFactory, CustomerFactory, OrderFactory, add_line, vat_rate

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-11-23T10:00")]

NS = {"fa": "http://crd.gov.pl/wzor/2025/06/25/13775/"}
KSEF_NUMBER = "1234563218-20261123-0100A0B1C2D3-4F"


@pytest.fixture
def invoice(personas):
    bench = CatalogueItemFactory(
        name="Garden bench", workshop=personas.carpentry, price=Decimal("650.00")
    )
    herbs = CatalogueItemFactory(
        name="Fresh herbs",
        workshop=personas.garden,
        unit="bunch",
        price=Decimal("4.00"),
        vat_rate=vat_rate("5"),
    )
    order = OrderFactory(customer=CustomerFactory(name="Zielony Talerz"))
    add_line(order, bench, "2", discount="5")
    add_line(order, herbs, "30")
    for status in (OrderStatus.CONFIRMED, OrderStatus.IN_PRODUCTION, OrderStatus.READY):
        order.set_status(status, personas.manager)
    fulfilment.deliver(order, personas.manager, datetime.date(2026, 11, 20))
    return invoicing.issue_invoice(order, personas.manager, datetime.date(2026, 11, 23))


def text(document, path):
    return document.findtext(path, namespaces=NS)


def test_the_e_invoice_passes_the_fa3_schema_and_carries_the_invoice(invoice):
    document = etree.fromstring(fa3_xml(invoice))
    assert text(document, "fa:Naglowek/fa:KodFormularza") == "FA"
    assert text(document, "fa:Podmiot1/fa:DaneIdentyfikacyjne/fa:NIP") == "1234563218"
    buyer_nip = invoice.order.customer.tax_id.replace("-", "")
    assert text(document, "fa:Podmiot2/fa:DaneIdentyfikacyjne/fa:NIP") == buyer_nip
    assert text(document, "fa:Fa/fa:P_2") == invoice.number
    assert text(document, "fa:Fa/fa:P_1") == "2026-11-23"
    assert text(document, "fa:Fa/fa:P_6") == "2026-11-20"
    assert Decimal(text(document, "fa:Fa/fa:P_15")) == invoice.gross == Decimal("1645.05")
    # VAT by rate as on the PDF: 23 % on the benches, 5 % on the herbs
    assert Decimal(text(document, "fa:Fa/fa:P_13_1")) == Decimal("1235.00")
    assert Decimal(text(document, "fa:Fa/fa:P_14_1")) == Decimal("284.05")
    assert Decimal(text(document, "fa:Fa/fa:P_13_3")) == Decimal("120.00")
    assert Decimal(text(document, "fa:Fa/fa:P_14_3")) == Decimal("6.00")
    assert len(document.findall("fa:Fa/fa:FaWiersz", NS)) == 2
    assert text(document, "fa:Fa/fa:Platnosc/fa:RachunekBankowy/fa:NrRB") == (
        "61109010140000071219812874"
    )


def test_a_rate_the_schema_does_not_know_is_refused_with_a_message(invoice):
    line = invoice.order.lines.first()
    type(line).objects.filter(pk=line.pk).update(vat_percent=Decimal("7"))
    with pytest.raises(KsefExportError, match="7"):
        fa3_xml(invoice)


def test_the_accountant_downloads_the_xml_and_records_the_ksef_number(client, personas, invoice):
    client.force_login(personas.accountant)
    response = client.get(reverse("orders:invoice_ksef_xml", args=[invoice.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/xml"
    assert response.content.startswith(b"<?xml")
    record = reverse("orders:record_ksef_number", args=[invoice.pk])
    wrong = client.post(record, {"ksef_number": "12345"}, follow=True).content.decode()
    assert "KSeF number" in wrong
    invoice.refresh_from_db()
    assert invoice.ksef_number == ""
    client.post(record, {"ksef_number": f" {KSEF_NUMBER.lower()} "})
    invoice.refresh_from_db()
    assert invoice.ksef_number == KSEF_NUMBER
    page = client.get(reverse("orders:detail", args=[invoice.order.pk])).content.decode()
    assert KSEF_NUMBER in page


def test_instructors_and_trainees_get_neither_the_xml_nor_the_number(client, personas, invoice):
    for user in (personas.garden_instructor, personas.trainee_anna.user, personas.care_worker):
        client.force_login(user)
        assert client.get(reverse("orders:invoice_ksef_xml", args=[invoice.pk])).status_code == 403
        record = reverse("orders:record_ksef_number", args=[invoice.pk])
        assert client.post(record, {"ksef_number": KSEF_NUMBER}).status_code == 403
    invoice.refresh_from_db()
    assert invoice.ksef_number == ""
