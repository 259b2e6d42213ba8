"""Correction invoices (FK-…, issue 17): each changed line before and after, the changes by
VAT rate, a second correction starting from the first one's "after", the balance following
(an overpayment when the amount falls after payment, open again when it rises), the PDF and
the FA(3) correction validated against the XSD."""

import datetime
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse
from lxml import etree

from reintegra_coop.orders import corrections, fulfilment, invoicing, settlement
from reintegra_coop.orders.corrections import Change
from reintegra_coop.orders.exceptions import InvalidTransitionError
from reintegra_coop.orders.ksef import fa3_correction_xml
from reintegra_coop.orders.models import CorrectionInvoice, OrderStatus
from tests.factories import CatalogueItemFactory, CustomerFactory, OrderFactory, add_line, vat_rate

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-10T10:00")]
D = Decimal
NS = {"fa": "http://crd.gov.pl/wzor/2025/06/25/13775/"}
ON = datetime.date(2026, 12, 10)


@pytest.fixture
def invoice(personas):
    """2 garden benches at 650.00 less 5 % (23 %) and 30 bunches of herbs at 4.00 (5 %):
    1,235.00 + 284.05 and 120.00 + 6.00 → 1,645.05 gross."""
    bench = CatalogueItemFactory(
        name="Garden bench", workshop=personas.carpentry, price=D("650.00")
    )
    herbs = CatalogueItemFactory(
        name="Fresh herbs",
        workshop=personas.garden,
        unit="bunch",
        price=D("4.00"),
        vat_rate=vat_rate("5"),
    )
    order = OrderFactory(customer=CustomerFactory(name="Zielony Talerz"))
    add_line(order, bench, "2", discount="5")
    add_line(order, herbs, "30")
    for status in (OrderStatus.CONFIRMED, OrderStatus.IN_PRODUCTION, OrderStatus.READY):
        order.set_status(status, personas.manager)
    fulfilment.deliver(order, personas.manager, datetime.date(2026, 11, 20))
    return invoicing.issue_invoice(order, personas.manager, datetime.date(2026, 11, 23))


def lines_of(invoice):
    bench, herbs = invoice.order.lines.order_by("position", "pk")
    return bench, herbs


def test_a_correction_lists_each_changed_line_before_and_after_with_the_changes(invoice, personas):
    bench, herbs = lines_of(invoice)
    correction = corrections.issue_correction(
        invoice,
        {bench.pk: Change(D("2"), D("650.00")), herbs.pk: Change(D("20"), D("4.00"))},
        "10 bunches returned wilted",
        personas.manager,
        ON,
    )
    assert correction.number == "FK-2026-00001"
    line = correction.lines.get()  # the bench did not change, so it is not on the correction
    assert (line.quantity_before, line.quantity_after) == (D("30"), D("20"))
    assert (line.net_before, line.vat_before, line.net_after, line.vat_after) == (
        D("120.00"),
        D("6.00"),
        D("80.00"),
        D("4.00"),
    )
    assert (correction.net_change, correction.vat_change, correction.gross_change) == (
        D("-40.00"),
        D("-2.00"),
        D("-42.00"),
    )
    assert settlement.balance_of(invoice).due == D("1603.05")


def test_a_second_correction_starts_from_what_the_first_left(invoice, personas):
    bench, herbs = lines_of(invoice)
    corrections.issue_correction(
        invoice, {herbs.pk: Change(D("20"), D("4.00"))}, "returned", personas.manager, ON
    )
    second = corrections.issue_correction(
        invoice, {herbs.pk: Change(D("20"), D("3.50"))}, "price agreed", personas.manager, ON
    )
    line = second.lines.get()
    assert (line.quantity_before, line.unit_price_before, line.net_before) == (
        D("20"),
        D("4.00"),
        D("80.00"),
    )
    assert (line.net_after, second.gross_change) == (D("70.00"), D("-10.50"))
    now = {found.line.pk: found for found in corrections.lines_now(invoice)}
    assert (now[herbs.pk].quantity, now[herbs.pk].unit_price) == (D("20"), D("3.50"))
    assert now[bench.pk].amounts.gross == D("1519.05")


@pytest.mark.parametrize(
    ("changes", "reason", "message"),
    [
        ("none", "returned", "Nothing changes"),
        ("same", "returned", "Nothing changes"),
        ("herbs to 20", "   ", "Give the reason"),
        ("herbs to -1", "returned", "not below zero"),
        ("herbs beyond an amount", "price agreed", "more than"),
    ],
)
def test_a_correction_that_changes_nothing_or_gives_no_reason_is_refused_and_nothing_saved(
    invoice, personas, changes, reason, message
):
    _bench, herbs = lines_of(invoice)
    given = {
        "same": {herbs.pk: Change(D("30"), D("4.00"))},
        "herbs to 20": {herbs.pk: Change(D("20"), D("4.00"))},
        "herbs to -1": {herbs.pk: Change(D("-1"), D("4.00"))},
        "herbs beyond an amount": {herbs.pk: Change(D("999999"), D("99999999.99"))},
    }.get(changes, {})
    with pytest.raises(InvalidTransitionError, match=message):
        corrections.issue_correction(invoice, given, reason, personas.manager, ON)
    assert not CorrectionInvoice.objects.exists()


def test_a_correction_after_payment_shows_the_overpayment_and_a_rise_reopens_the_invoice(
    invoice, personas
):
    bench, herbs = lines_of(invoice)
    settlement.pay_in_full(invoice.order, personas.manager, datetime.date(2026, 12, 1))
    corrections.issue_correction(
        invoice, {herbs.pk: Change(D("20"), D("4.00"))}, "returned", personas.manager, ON
    )
    invoice.refresh_from_db()
    assert invoice.order.status == OrderStatus.PAID
    assert settlement.balance_of(invoice).overpaid == D("42.00")
    corrections.issue_correction(
        invoice, {bench.pk: Change(D("3"), D("650.00"))}, "a third bench", personas.manager, ON
    )
    invoice.refresh_from_db()
    invoice.order.refresh_from_db()
    assert invoice.order.status == OrderStatus.INVOICED and invoice.paid_on is None
    # a third bench: 650.00 less 5 % = 617.50 net, VAT 426.08 − 284.05 → +759.53 gross
    assert settlement.balance_of(invoice).outstanding == D("717.53")  # 759.53 − 42.00


def pdf_text(pdf):
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


@pytest.mark.parametrize(
    ("language", "figures"),
    [
        ("pl", ["Faktura korygująca FK-2026-00001", "FV-2026-00001", "120,00", "80,00", "-42,00"]),
        ("cs", ["FK-2026-00001", "120,00", "80,00", "-42,00"]),
        ("en", ["Correction invoice FK-2026-00001", "120.00", "80.00", "-PLN42.00", "To refund"]),
    ],
)
def test_the_correction_pdf_shows_before_after_and_the_refund(
    client, invoice, personas, language, figures
):
    _bench, herbs = lines_of(invoice)
    correction = corrections.issue_correction(
        invoice, {herbs.pk: Change(D("20"), D("4.00"))}, "returned", personas.manager, ON
    )
    client.force_login(personas.accountant)
    response = client.get(
        reverse("orders:correction_pdf", args=[correction.pk]),
        headers={"accept-language": language},
    )
    text = pdf_text(response.content)
    for figure in figures:
        assert figure in text


def test_the_fa3_correction_passes_the_schema_and_references_the_invoice(invoice, personas):
    _bench, herbs = lines_of(invoice)
    invoice.ksef_number = "1234563218-20261123-0100A0B1C2D3-4F"
    invoice.save()
    correction = corrections.issue_correction(
        invoice, {herbs.pk: Change(D("20"), D("4.00"))}, "10 returned", personas.manager, ON
    )
    document = etree.fromstring(fa3_correction_xml(correction))
    assert document.findtext("fa:Fa/fa:RodzajFaktury", namespaces=NS) == "KOR"
    assert document.findtext("fa:Fa/fa:PrzyczynaKorekty", namespaces=NS) == "10 returned"
    reference = document.find("fa:Fa/fa:DaneFaKorygowanej", namespaces=NS)
    assert reference.findtext("fa:NrFaKorygowanej", namespaces=NS) == invoice.number
    assert reference.findtext("fa:NrKSeFFaKorygowanej", namespaces=NS) == invoice.ksef_number
    rows = document.findall("fa:Fa/fa:FaWiersz", namespaces=NS)
    assert [row.findtext("fa:P_8B", namespaces=NS) for row in rows] == ["30", "20"]
    assert [row.findtext("fa:StanPrzed", namespaces=NS) for row in rows] == ["1", None]
    assert D(document.findtext("fa:Fa/fa:P_15", namespaces=NS)) == D("-42.00")


def test_the_accountant_corrects_an_invoice_on_its_page(client, invoice, personas):
    bench, herbs = lines_of(invoice)
    client.force_login(personas.accountant)
    url = reverse("orders:correction_create", args=[invoice.pk])
    form = client.get(url).content.decode()
    assert f'name="quantity_{herbs.pk}"' in form and 'value="30' in form
    response = client.post(
        url,
        {
            f"quantity_{bench.pk}": "2",
            f"unit_price_{bench.pk}": "650.00",
            f"quantity_{herbs.pk}": "20",
            f"unit_price_{herbs.pk}": "4.00",
            "reason": "10 bunches returned",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Correction invoice FK-2026-00001 is issued." in page
    assert reverse("orders:correction_pdf", args=[CorrectionInvoice.objects.get().pk]) in page


def test_a_correction_without_a_reason_is_refused_on_the_page_naming_the_field(
    client, invoice, personas
):
    bench, herbs = lines_of(invoice)
    client.force_login(personas.accountant)
    response = client.post(
        reverse("orders:correction_create", args=[invoice.pk]),
        {
            f"quantity_{bench.pk}": "2",
            f"unit_price_{bench.pk}": "650.00",
            f"quantity_{herbs.pk}": "20",
            f"unit_price_{herbs.pk}": "4.00",
            "reason": "",
        },
        headers={"accept-language": "pl"},
    )
    assert response.status_code == 200
    assert "Przyczyna korekty: To pole jest wymagane." in response.content.decode()
    assert not CorrectionInvoice.objects.exists()


@pytest.mark.parametrize("who", ["garden_instructor", "care_worker", "trainee_anna", "outsider"])
def test_only_managers_and_accountants_reach_corrections(client, invoice, personas, who):
    _bench, herbs = lines_of(invoice)
    correction = corrections.issue_correction(
        invoice, {herbs.pk: Change(D("20"), D("4.00"))}, "returned", personas.manager, ON
    )
    client.force_login(personas.all_users()[who])
    for url in (
        reverse("orders:correction_create", args=[invoice.pk]),
        reverse("orders:correction_pdf", args=[correction.pk]),
        reverse("orders:correction_ksef_xml", args=[correction.pk]),
    ):
        assert client.get(url).status_code == 403
