"""The accountant's home: the pay periods with their state and totals, invoices by status and
receivables by age, and the exports, without the back office."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from reintegra_coop.orders import fulfilment, invoicing, settlement
from reintegra_coop.orders.models import OrderStatus
from reintegra_coop.pay import period
from tests.factories import (
    NOVEMBER,
    CatalogueItemFactory,
    CustomerFactory,
    OrderFactory,
    PaySchemeFactory,
    add_line,
    work,
)

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2027-01-20T10:00")]


def invoiced(personas, on, amount):
    item = CatalogueItemFactory(workshop=personas.carpentry, price=Decimal(amount))
    order = OrderFactory(customer=CustomerFactory(), ordered_on=on, due_on=on)
    add_line(order, item, "1")
    for status in (OrderStatus.CONFIRMED, OrderStatus.IN_PRODUCTION, OrderStatus.READY):
        order.set_status(status, personas.manager)
    fulfilment.deliver(order, personas.manager, on)
    invoicing.issue_invoice(order, personas.manager, on)
    return order


def test_the_accountant_sees_periods_invoices_by_age_and_the_exports(client, personas):
    PaySchemeFactory(trainee=personas.trainee_anna)
    work(personas.trainee_anna, personas.garden, NOVEMBER.replace(day=2))
    period.run(NOVEMBER, personas.manager)
    invoiced(personas, datetime.date(2027, 1, 10), "100.00")  # 10 days old
    old = invoiced(personas, datetime.date(2026, 10, 1), "81.30")  # 111 days old
    paid = invoiced(personas, datetime.date(2026, 12, 1), "50.00")
    settlement.pay_in_full(paid, personas.manager, datetime.date(2026, 12, 20))
    client.force_login(personas.accountant)
    page = client.get(reverse("core:home"), follow=True).content.decode()
    assert "2026-11" in page and "In review" in page and "189.00" in page
    assert reverse("pay:period_csv", args=[2026, 11]) in page
    assert reverse("orders:invoices_csv") in page
    ageing = page.split('id="receivables"', 1)[1].split("</table>", 1)[0]
    # unpaid: one of 10 days (123.00 gross with 23 % VAT), one of 111 days (100.00 gross)
    assert "0–30 days" in ageing and "&gt; 90 days" in ageing
    assert "123.00" in ageing and "100.00" in ageing and "61.50" not in ageing
    assert old.invoice.number in page  # the oldest unpaid invoices are named to chase


def test_nobody_else_opens_the_accountants_home(client, personas):
    for persona in ("manager", "garden_instructor", "care_worker"):
        client.force_login(getattr(personas, persona))
        assert client.get(reverse("people:accountant_home")).status_code == 403
