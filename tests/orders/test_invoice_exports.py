"""The invoices as XLSX (issue 17): typed cells, VAT by rate, and a totals row that matches the
invoices to the grosz."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from reintegra_coop.orders import fulfilment, invoicing
from reintegra_coop.orders.models import OrderStatus
from tests.factories import CatalogueItemFactory, CustomerFactory, OrderFactory, add_line, vat_rate

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-11-23T10:00")]


@pytest.fixture
def invoices(personas):
    bench = CatalogueItemFactory(workshop=personas.carpentry, price=Decimal("650.00"))
    herbs = CatalogueItemFactory(
        workshop=personas.garden, price=Decimal("4.00"), vat_rate=vat_rate("5")
    )
    issued = []
    for lines in ([(bench, "1")], [(bench, "2"), (herbs, "30")]):
        order = OrderFactory(customer=CustomerFactory())
        for item, quantity in lines:
            add_line(order, item, quantity)
        for status in (OrderStatus.CONFIRMED, OrderStatus.IN_PRODUCTION, OrderStatus.READY):
            order.set_status(status, personas.manager)
        fulfilment.deliver(order, personas.manager, datetime.date(2026, 11, 20))
        issued.append(invoicing.issue_invoice(order, personas.manager, datetime.date(2026, 11, 23)))
    return issued


def test_the_xlsx_has_dates_numbers_vat_by_rate_and_a_totals_row(client, personas, invoices):
    client.force_login(personas.accountant)
    response = client.get(reverse("orders:invoices_xlsx"))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, *rows, totals = list(sheet.iter_rows(values_only=True))
    assert header[-4:] == ("net_23", "vat_23", "net_5", "vat_5")
    assert isinstance(rows[0][1], datetime.datetime)  # issued_on is a date cell
    column = {name: index for index, name in enumerate(header)}
    assert totals[0] == "total"
    gross = sum(invoice.gross for invoice in invoices)
    assert Decimal(str(totals[column["gross"]])) == gross == Decimal("2524.50")
    assert Decimal(str(totals[column["net_23"]])) == Decimal("1950.00")
    assert Decimal(str(totals[column["vat_5"]])) == Decimal("6.00")
    assert totals[column["currency"]] == "PLN"


def test_instructors_do_not_get_the_invoices(client, personas, invoices):
    client.force_login(personas.garden_instructor)
    assert client.get(reverse("orders:invoices_xlsx")).status_code == 403
