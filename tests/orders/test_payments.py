"""Payments against an invoice (issue 17): part payments leave it open with what is still owed,
the payment that settles it marks the order paid on that day, money paid too much shows as an
overpayment, and the receivables list, page and exports follow the balance."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from reintegra_coop.orders import fulfilment, invoicing, settlement
from reintegra_coop.orders.exceptions import InvalidTransitionError
from reintegra_coop.orders.models import OrderStatus, Payment
from tests.factories import CatalogueItemFactory, CustomerFactory, OrderFactory, add_line

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-10T10:00")]
D = Decimal
ISSUED = datetime.date(2026, 11, 23)


def issued_invoice(personas, customer_name="Zielony Talerz", price="100.00", quantity="10"):
    """An invoice of ``quantity`` × ``price`` net at 23 %: 10 × 100 → 1,230.00 gross."""
    item = CatalogueItemFactory(name="Shelf", workshop=personas.carpentry, price=D(price))
    order = OrderFactory(customer=CustomerFactory(name=customer_name))
    add_line(order, item, quantity)
    for status in (OrderStatus.CONFIRMED, OrderStatus.IN_PRODUCTION, OrderStatus.READY):
        order.set_status(status, personas.manager)
    fulfilment.deliver(order, personas.manager, datetime.date(2026, 11, 20))
    return invoicing.issue_invoice(order, personas.manager, ISSUED)


def test_a_part_payment_leaves_the_invoice_open_with_what_is_still_owed(personas):
    invoice = issued_invoice(personas)
    settlement.record_payment(invoice, D("500.00"), datetime.date(2026, 11, 30), personas.manager)
    invoice.refresh_from_db()
    assert invoice.order.status == OrderStatus.INVOICED and invoice.paid_on is None
    balance = settlement.balance_of(invoice)
    assert (balance.due, balance.paid, balance.outstanding, balance.overpaid) == (
        D("1230.00"),
        D("500.00"),
        D("730.00"),
        D("0.00"),
    )


def test_the_payment_that_settles_the_invoice_marks_the_order_paid_on_its_day(personas):
    invoice = issued_invoice(personas)
    settlement.record_payment(invoice, D("500.00"), datetime.date(2026, 11, 30), personas.manager)
    settlement.record_payment(invoice, D("730.00"), datetime.date(2026, 12, 4), personas.accountant)
    invoice.refresh_from_db()
    invoice.order.refresh_from_db()
    assert invoice.order.status == OrderStatus.PAID
    assert invoice.paid_on == datetime.date(2026, 12, 4)
    last_change = invoice.order.status_changes.order_by("-pk").first()
    assert (last_change.to_status, last_change.created_by) == (
        OrderStatus.PAID,
        personas.accountant,
    )


def test_money_paid_too_much_shows_as_an_overpayment(personas):
    invoice = issued_invoice(personas)
    settlement.record_payment(invoice, D("1300.00"), datetime.date(2026, 12, 1), personas.manager)
    balance = settlement.balance_of(invoice)
    assert (balance.outstanding, balance.overpaid, balance.settled) == (D("0.00"), D("70.00"), True)
    invoice.refresh_from_db()
    assert invoice.order.status == OrderStatus.PAID


def test_mark_paid_records_one_payment_of_what_is_still_owed(personas):
    invoice = issued_invoice(personas)
    settlement.record_payment(invoice, D("30.00"), datetime.date(2026, 11, 25), personas.manager)
    settlement.pay_in_full(invoice.order, personas.manager, datetime.date(2026, 12, 2))
    assert list(invoice.payments.values_list("amount", flat=True)) == [D("30.00"), D("1200.00")]
    invoice.refresh_from_db()
    assert invoice.paid_on == datetime.date(2026, 12, 2)


def test_a_payment_of_nothing_is_refused(personas):
    invoice = issued_invoice(personas)
    with pytest.raises(InvalidTransitionError):
        settlement.record_payment(invoice, D("0.00"), datetime.date(2026, 12, 1), personas.manager)
    assert Payment.objects.count() == 0


def test_the_accountant_records_a_payment_on_the_order_page(client, personas):
    invoice = issued_invoice(personas)
    client.force_login(personas.accountant)
    response = client.post(
        reverse("orders:record_payment", args=[invoice.pk]),
        {
            "received_on": "2026-12-03",
            "amount": "230.00",
            "method": "transfer",
            "reference": "WB 117",
        },
        follow=True,
    )
    assert "The payment is recorded. Still owed: PLN1,000.00." in response.content.decode()
    payment = invoice.payments.get()
    assert (payment.amount, payment.reference, payment.created_by) == (
        D("230.00"),
        "WB 117",
        personas.accountant,
    )
    page = client.get(reverse("orders:detail", args=[invoice.order_id])).content.decode()
    balance = page.split('id="balance"', 1)[1].split("</dl>", 1)[0]
    assert "PLN1,230.00" in balance and "PLN230.00" in balance and "PLN1,000.00" in balance


def test_a_bad_payment_is_refused_naming_the_field_in_polish_and_nothing_is_saved(client, personas):
    invoice = issued_invoice(personas)
    client.force_login(personas.accountant)
    response = client.post(
        reverse("orders:record_payment", args=[invoice.pk]),
        {"received_on": "2026-12-03", "amount": "-5", "method": "transfer"},
        headers={"accept-language": "pl"},
        follow=True,
    )
    assert "Kwota: " in response.content.decode()
    assert not invoice.payments.exists()


@pytest.mark.parametrize("who", ["garden_instructor", "care_worker", "trainee_anna", "outsider"])
def test_only_managers_and_accountants_record_payments(client, personas, who):
    invoice = issued_invoice(personas)
    client.force_login(personas.all_users()[who])
    response = client.post(
        reverse("orders:record_payment", args=[invoice.pk]),
        {"received_on": "2026-12-03", "amount": "230.00", "method": "transfer"},
    )
    assert response.status_code == 403
    assert not invoice.payments.exists()
    for name in ("orders:receivables", "orders:receivables_csv", "orders:receivables_xlsx"):
        assert client.get(reverse(name)).status_code == 403


def test_the_receivables_show_what_is_still_owed_and_what_was_paid_too_much(
    client, personas, django_assert_max_num_queries
):
    part_paid = issued_invoice(personas, "Zielony Talerz")
    settled = issued_invoice(personas, "Bistro Pod Lipą")
    overpaid = issued_invoice(personas, "Szkoła nr 5", price="10.00", quantity="1")
    settlement.record_payment(part_paid, D("230.00"), datetime.date(2026, 12, 1), personas.manager)
    settlement.pay_in_full(settled.order, personas.manager, datetime.date(2026, 12, 1))
    settlement.record_payment(overpaid, D("20.00"), datetime.date(2026, 12, 1), personas.manager)
    client.force_login(personas.accountant)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("orders:receivables")).content.decode()
    owed = page.split('id="owed"', 1)[1].split("</table>", 1)[0]
    assert part_paid.number in owed and "PLN1,000.00" in owed and settled.number not in owed
    assert 'id="receivables-total">PLN1,000.00<' in page
    assert overpaid.number in page.split('id="overpaid"', 1)[1]  # 12.30 due, 20.00 paid
    assert "PLN7.70" in page.split('id="overpaid"', 1)[1]

    rows = list(
        csv.reader(
            io.StringIO(client.get(reverse("orders:receivables_csv")).content.decode("utf-8-sig"))
        )
    )
    assert rows[0] == [
        "number",
        "customer",
        "issued_on",
        "due_on",
        "days_overdue",
        "age",
        "amount_due",
        "paid",
        "balance",
    ]
    by_number = {row[0]: row for row in rows[1:]}
    assert by_number[part_paid.number][2:] == [
        "2026-11-23",
        "2026-12-07",
        "3",
        "0-30",
        "1230.00",
        "230.00",
        "1000.00",
    ]
    assert by_number[overpaid.number][-1] == "-7.70"
    assert settled.number not in by_number

    book = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("orders:receivables_xlsx")).content)
    )
    sheet = book.active
    assert sheet.cell(row=2, column=3).value == datetime.datetime(2026, 11, 23)
    assert (
        sheet.cell(row=2, column=5).value == 3
        and sheet.cell(row=2, column=5).number_format == "#,##0"
    )
    last = sheet.max_row
    assert sheet.cell(row=last, column=1).value == "total"
    assert D(str(sheet.cell(row=last, column=9).value)) == D("992.30")  # 1,000.00 − 7.70


def test_the_accountants_home_counts_what_is_still_owed_not_the_gross(client, personas):
    invoice = issued_invoice(personas)
    settlement.record_payment(invoice, D("230.00"), datetime.date(2026, 12, 1), personas.manager)
    client.force_login(personas.accountant)
    page = client.get(reverse("core:home"), follow=True).content.decode()
    ageing = page.split('id="receivables"', 1)[1].split("</table>", 1)[0]
    assert "PLN1,000.00" in ageing and "PLN1,230.00" not in ageing
