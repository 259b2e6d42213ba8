"""The manager's order pages, the instructor's task list and stock, the accountant's export."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from reintegra_coop.orders.models import Order, OrderLine, OrderStatus
from tests.factories import WORK_DAY, OrderFactory, add_line, vat_rate

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-11-23T10:00")]


def order_form_data(customer, lines, **order):
    data = {
        "kind": "eco_production",
        "customer": customer.pk,
        "ordered_on": "2026-11-23",
        "due_on": "2026-11-30",
        "note": "",
        "lines-TOTAL_FORMS": str(len(lines)),
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "1",
        "lines-MAX_NUM_FORMS": "1000",
    }
    data.update(order)
    for index, line in enumerate(lines):
        for name, value in line.items():
            data[f"lines-{index}-{name}"] = value
    return data


def test_a_manager_creates_an_order_whose_item_fills_in_the_line(client, personas, potatoes):
    client.force_login(personas.manager)
    existing = OrderFactory()
    customer = existing.customer
    data = order_form_data(
        customer,
        [
            {"item": potatoes.pk, "quantity": "12.5", "discount_percent": "0"},
            {
                "description": "Delivery by van",
                "quantity": "1",
                "unit": "pcs",
                "unit_price": "30.00",
                "vat_percent": "23",
                "discount_percent": "0",
            },
        ],
    )
    response = client.post(reverse("orders:create"), data)
    assert response.status_code == 302, re.findall(
        r"errorlist[^<]*<[^>]*>[^<]*</[^>]*>[^<]*", response.content.decode()
    )
    order = Order.objects.exclude(pk=existing.pk).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("orders:detail", args=[order.pk])
    line = order.lines.get(item=potatoes)
    assert (line.description, line.unit, line.unit_price, line.vat_percent) == (
        "Potatoes",
        "kg",
        Decimal("4.20"),
        Decimal("5.00"),
    )
    assert order.totals().gross == Decimal("55.13") + Decimal("36.90")


@pytest.mark.parametrize(
    ("line", "label", "message"),
    [
        (
            {
                "description": "Pears",
                "quantity": "-2",
                "unit": "kg",
                "unit_price": "3",
                "vat_percent": "5",
            },
            "Quantity",
            "Ensure this value is greater than or equal to 0.001.",
        ),
        (
            {
                "description": "Pears",
                "quantity": "2",
                "unit": "kg",
                "unit_price": "3",
                "vat_percent": "19",
            },
            "VAT rate",
            "Select a valid choice. 19 is not one of",
        ),
        (
            {
                "description": "Pears",
                "quantity": "2",
                "unit": "kg",
                "unit_price": "3",
                "vat_percent": "5",
                "discount_percent": "120",
            },
            "Discount (%)",
            "Ensure this value is less than or equal to 100.",
        ),
        (
            {"quantity": "2", "unit": "kg", "unit_price": "3", "vat_percent": "5"},
            "Description",
            "Describe the line or choose an item.",
        ),
    ],
)
def test_a_bad_line_names_its_field_and_saves_nothing(client, personas, line, label, message):
    client.force_login(personas.manager)
    customer = OrderFactory().customer
    before = Order.objects.count()
    response = client.post(reverse("orders:create"), order_form_data(customer, [line]))
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<div class="errorlist" role="alert"><strong>{label}:</strong>' in page
    assert message in page
    assert Order.objects.count() == before
    assert not OrderLine.objects.filter(description="Pears").exists()


def test_a_confirmed_order_cannot_be_edited(client, personas, order):
    order.set_status(OrderStatus.CONFIRMED, personas.manager)
    client.force_login(personas.manager)
    response = client.get(reverse("orders:edit", args=[order.pk]), follow=True)
    assert f"Order {order.number} is confirmed: amend it to change its lines." in (
        response.content.decode()
    )
    data = order_form_data(
        order.customer,
        [
            {
                "item": "",
                "description": "x",
                "quantity": "1",
                "unit": "pcs",
                "unit_price": "1",
                "vat_percent": "23",
            }
        ],
    )
    client.post(reverse("orders:edit", args=[order.pk]), data)
    assert order.lines.count() == 2


def test_a_refused_step_shows_why_on_the_order_page(client, personas, order):
    client.force_login(personas.manager)
    order.set_status(OrderStatus.CONFIRMED, personas.manager)
    order.set_status(OrderStatus.IN_PRODUCTION, personas.manager)
    order.set_status(OrderStatus.READY, personas.manager)
    response = client.post(
        reverse("orders:step", args=[order.pk, "deliver"]), {"confirmed": "yes"}, follow=True
    )
    assert "Only 0 of Potatoes is in stock; 40 was asked for." in response.content.decode()
    order.refresh_from_db()
    assert order.status == OrderStatus.READY


def test_the_order_list_filters_and_searches(client, personas, order, kitchen_order):
    client.force_login(personas.manager)
    url = reverse("orders:list")
    assert order.number in client.get(url, {"q": "Zielony"}).content.decode()
    assert kitchen_order.number not in client.get(url, {"q": "Zielony"}).content.decode()
    by_workshop = client.get(url, {"workshop": personas.carpentry.pk}).content.decode()
    assert order.number in by_workshop and kitchen_order.number not in by_workshop
    assert order.number not in client.get(url, {"status": "paid"}).content.decode()
    assert kitchen_order.number in client.get(url, {"due_after": "2026-11-20"}).content.decode()


def test_the_order_list_asks_a_bounded_number_of_queries(
    client, personas, potatoes, django_assert_max_num_queries
):
    for _ in range(60):
        add_line(OrderFactory(), potatoes, "3")
    client.force_login(personas.manager)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("orders:list"))
    assert response.content.decode().count("/orders/") >= 50


def test_instructors_see_their_workshops_tasks_without_prices_and_no_orders(
    client, personas, order
):
    order.set_status(OrderStatus.CONFIRMED, personas.manager)
    client.force_login(personas.garden_instructor)
    page = client.get(reverse("orders:tasks")).content.decode()
    assert "40 kg Potatoes" in page
    assert "Garden bench" not in page
    assert "4.20" not in page and "zł" not in page and "PLN" not in page
    for name in ("orders:list", "orders:board", "orders:create", "orders:invoices_csv"):
        assert client.get(reverse(name)).status_code == 403
    assert client.get(reverse("orders:detail", args=[order.pk])).status_code == 403


def test_an_instructor_marks_a_task_done_only_in_their_workshop(client, personas, order):
    order.set_status(OrderStatus.CONFIRMED, personas.manager)
    garden_task = order.tasks.get(workshop=personas.garden)
    carpentry_task = order.tasks.get(workshop=personas.carpentry)
    client.force_login(personas.garden_instructor)
    client.post(reverse("orders:tasks"), {"task": garden_task.pk, "status": "done"})
    response = client.post(reverse("orders:tasks"), {"task": carpentry_task.pk, "status": "done"})
    assert response.status_code == 404
    garden_task.refresh_from_db()
    carpentry_task.refresh_from_db()
    assert (garden_task.status, carpentry_task.status) == ("done", "to_do")


def test_an_instructor_records_a_harvest_and_spoilage_cannot_exceed_stock(
    client, personas, potatoes
):
    client.force_login(personas.garden_instructor)
    client.post(
        reverse("orders:stock"),
        {
            "add_lot": "1",
            "item": potatoes.pk,
            "quantity": "12",
            "produced_on": "2026-11-20",
            "best_before": "2026-12-20",
        },
    )
    response = client.post(
        reverse("orders:stock"),
        {"take_out": "1", "item": potatoes.pk, "quantity": "13", "kind": "spoiled"},
    )
    assert "Only 12 of Potatoes is in stock; 13 was asked for." in response.content.decode()
    client.post(
        reverse("orders:stock"),
        {"take_out": "1", "item": potatoes.pk, "quantity": "2", "kind": "spoiled", "note": "frost"},
    )
    page = client.get(reverse("orders:stock")).content.decode()
    assert "<strong>10 kg</strong>" in page


def test_the_accountant_exports_invoices_as_csv(client, personas, order, harvests):
    from reintegra_coop.orders import fulfilment, invoicing

    for status in (OrderStatus.CONFIRMED, OrderStatus.IN_PRODUCTION, OrderStatus.READY):
        order.set_status(status, personas.manager)
    fulfilment.deliver(order, personas.manager, WORK_DAY)
    invoice = invoicing.issue_invoice(order, personas.manager, WORK_DAY)
    client.force_login(personas.accountant)
    response = client.get(reverse("orders:invoices_csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["number", "issued_on", "sale_date", "due_on"]
    assert rows[0][-4:] == ["net_23", "vat_23", "net_5", "vat_5"]  # VAT by rate
    assert rows[1] == [
        invoice.number,
        "2026-11-23",
        "2026-11-23",
        "2026-12-07",
        "",
        order.number,
        "Zielony Talerz",
        order.customer.tax_id,
        "785.50",
        "150.43",
        "935.93",
        "PLN",
        "617.50",
        "142.03",
        "168.00",
        "8.40",
    ]
    pdf = client.get(reverse("orders:invoice_pdf", args=[invoice.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert client.get(reverse("orders:step", args=[order.pk, "paid"])).status_code in (403, 405)


def test_an_unknown_vat_rate_is_not_offered(client, personas):
    vat_rate("23")
    client.force_login(personas.manager)
    page = client.get(reverse("orders:create")).content.decode()
    assert '<option value="23">23%</option>' in page
    assert 'value="19' not in page


def test_the_board_shows_each_status_with_a_bounded_number_of_queries(
    client, personas, potatoes, django_assert_max_num_queries
):
    for _ in range(35):
        add_line(OrderFactory(), potatoes, "1")
    confirmed = OrderFactory()
    add_line(confirmed, potatoes, "1")
    confirmed.set_status(OrderStatus.CONFIRMED, personas.manager)
    client.force_login(personas.manager)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("orders:board")).content.decode()
    assert "Draft <small>(35)</small>" in page and "All 35…" in page
    assert "Confirmed <small>(1)</small>" in page and confirmed.number in page


def test_marking_paid_before_invoicing_is_a_message_not_an_error(client, personas, order):
    client.force_login(personas.manager)
    response = client.post(
        reverse("orders:step", args=[order.pk, "paid"]), {"confirmed": "yes"}, follow=True
    )
    assert response.status_code == 200
    assert "Only an invoiced order is marked paid." in response.content.decode()


def test_a_task_id_that_is_not_a_number_is_not_found(client, personas):
    client.force_login(personas.garden_instructor)
    assert (
        client.post(reverse("orders:tasks"), {"task": "abc", "status": "done"}).status_code == 404
    )


def test_a_lot_added_in_the_back_office_takes_its_items_workshop_and_is_then_read_only(
    client, personas, potatoes
):
    from reintegra_coop.orders.models import ProductionLot

    client.force_login(personas.manager)
    response = client.post(
        "/admin/orders/productionlot/add/",
        {"item": potatoes.pk, "quantity": "12", "produced_on": "2026-11-20", "best_before": ""},
    )
    assert response.status_code == 302
    lot = ProductionLot.objects.get()
    assert lot.workshop == personas.garden
    page = client.get(f"/admin/orders/productionlot/{lot.pk}/change/").content.decode()
    assert 'name="quantity"' not in page


@pytest.mark.parametrize(
    ("step", "question"),
    [
        ("cancel", "Cancel order {number}? This cannot be undone."),
        ("amend", "Amend order {number}? It is cancelled, and a new revision opens for editing."),
    ],
)
def test_an_irreversible_step_asks_first_and_does_nothing_until_confirmed(
    client, personas, order, step, question
):
    client.force_login(personas.manager)
    order.set_status(OrderStatus.CONFIRMED, personas.manager)
    url = reverse("orders:step", args=[order.pk, step])
    page = client.post(url).content.decode()
    assert question.format(number=order.number) in page
    assert f'action="{url}"' in page and 'name="confirmed" value="yes"' in page
    order.refresh_from_db()
    assert order.status == OrderStatus.CONFIRMED  # nothing happened yet
    client.post(url, {"confirmed": "yes"})
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED


def test_a_reversible_step_needs_no_question(client, personas, order):
    client.force_login(personas.manager)
    client.post(reverse("orders:step", args=[order.pk, "confirm"]))
    order.refresh_from_db()
    assert order.status == OrderStatus.CONFIRMED
