"""The REST API: per-role permissions, scoping, bounded queries, clear refusals."""

import datetime

import pytest

from reintegra_coop.orders.models import OrderStatus
from tests.factories import OrderFactory, add_line

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-11-23T10:00")]


def test_the_manager_creates_an_order_and_a_line_through_the_api(client, personas, potatoes):
    client.force_login(personas.manager)
    customer = OrderFactory().customer
    created = client.post(
        "/api/orders/",
        {
            "kind": "eco_production",
            "customer": customer.pk,
            "ordered_on": "2026-11-23",
            "due_on": "2026-11-30",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    order_id = created.json()["id"]
    assert created.json()["number"].startswith("ORD-2026-")
    line = client.post(
        "/api/order-lines/",
        {
            "order": order_id,
            "item": potatoes.pk,
            "description": "Potatoes",
            "quantity": "10",
            "unit": "kg",
            "unit_price": "4.20",
            "vat_percent": "5",
        },
        content_type="application/json",
    )
    assert line.status_code == 201, line.json()
    assert (line.json()["net"], line.json()["gross"]) == ("42.00", "44.10")
    detail = client.get(f"/api/orders/{order_id}/").json()
    assert (detail["total_net"], detail["total_gross"]) == ("42.00", "44.10")


def test_an_unknown_vat_rate_or_negative_quantity_is_refused_by_field(client, personas, order):
    client.force_login(personas.manager)
    response = client.post(
        "/api/order-lines/",
        {
            "order": order.pk,
            "description": "Pears",
            "quantity": "-1",
            "unit": "kg",
            "unit_price": "3.00",
            "vat_percent": "19",
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    errors = response.json()
    assert set(errors) == {"quantity", "vat_percent"}
    assert "19.00 % is not a VAT rate" in errors["vat_percent"][0]


def test_a_confirmed_order_is_not_changed_through_the_api(client, personas, order):
    order.set_status(OrderStatus.CONFIRMED, personas.manager)
    client.force_login(personas.manager)
    line = order.lines.first()
    response = client.patch(
        f"/api/order-lines/{line.pk}/", {"quantity": "1"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "amend" in str(response.json())
    assert (
        client.patch(
            f"/api/orders/{order.pk}/", {"note": "x"}, content_type="application/json"
        ).status_code
        == 400
    )
    assert client.delete(f"/api/order-lines/{line.pk}/").status_code == 400
    draft = OrderFactory(customer=order.customer)
    moved = client.patch(
        f"/api/order-lines/{line.pk}/", {"order": draft.pk}, content_type="application/json"
    )
    assert moved.status_code == 400
    assert "cannot move to another order" in str(moved.json())
    assert order.lines.count() == 2


@pytest.mark.parametrize(
    ("persona", "orders", "customers", "lots", "write_order"),
    [
        ("manager", 200, 200, 200, 201),
        ("accountant", 200, 200, 403, 403),
        ("garden_instructor", 403, 403, 200, 403),
        ("care_worker", 403, 403, 403, 403),
        ("trainee_anna", 403, 403, 403, 403),
        ("outsider", 403, 403, 403, 403),
    ],
)
def test_each_role_gets_only_what_it_may(
    client, personas, order, persona, orders, customers, lots, write_order
):
    client.force_login(personas.all_users()[persona])
    assert client.get("/api/orders/").status_code == orders
    assert client.get("/api/customers/").status_code == customers
    assert client.get("/api/lots/").status_code == lots
    response = client.post(
        "/api/orders/",
        {"kind": "workshop", "customer": order.customer_id, "due_on": "2026-12-01"},
        content_type="application/json",
    )
    assert response.status_code == write_order


def test_the_api_needs_a_login(client, personas):
    assert client.get("/api/orders/").status_code == 403


def test_an_instructor_lists_only_their_workshops_lots(client, personas, harvests, bench):
    from reintegra_coop.orders.models import ProductionLot

    ProductionLot.objects.create(
        item=bench, workshop=personas.carpentry, quantity=3, produced_on=datetime.date(2026, 11, 20)
    )
    client.force_login(personas.garden_instructor)
    lots = client.get("/api/lots/").json()["results"]
    assert {lot["workshop"] for lot in lots} == {personas.garden.pk}
    assert len(lots) == 2


def test_the_api_order_list_asks_a_bounded_number_of_queries(
    client, personas, potatoes, django_assert_max_num_queries
):
    for _ in range(40):
        add_line(OrderFactory(), potatoes, "2")
    client.force_login(personas.manager)
    with django_assert_max_num_queries(8):
        response = client.get("/api/orders/")
    assert response.json()["count"] == 40
    assert len(response.json()["results"][0]["lines"]) == 1


def test_the_openapi_schema_describes_the_endpoints(client, personas):
    client.force_login(personas.manager)
    schema = client.get("/api/schema/?format=json").json()
    assert {
        "/api/orders/",
        "/api/order-lines/",
        "/api/customers/",
        "/api/items/",
        "/api/lots/",
    } <= set(schema["paths"])


def test_an_instructor_cannot_add_stock_to_another_workshops_item(
    client, personas, bench, potatoes
):
    bench.tracks_stock = True
    bench.save()
    client.force_login(personas.garden_instructor)
    refused = client.post(
        "/api/lots/", {"item": bench.pk, "quantity": "3"}, content_type="application/json"
    )
    assert refused.status_code == 400
    assert "Choose a stocked item of one of your workshops." in refused.json()["item"][0]
    accepted = client.post(
        "/api/lots/", {"item": potatoes.pk, "quantity": "3"}, content_type="application/json"
    )
    assert accepted.status_code == 201
    from reintegra_coop.orders.models import ProductionLot

    lot = ProductionLot.objects.get()
    assert (lot.workshop, lot.created_by) == (personas.garden, personas.garden_instructor)


def test_a_business_customer_needs_a_tax_id_through_the_api_too(client, personas):
    client.force_login(personas.manager)
    response = client.post(
        "/api/customers/", {"kind": "business", "name": "Firma"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {"tax_id": ["A business or municipality needs a tax id."]}


def test_an_order_with_lines_cannot_switch_to_an_internal_customer(client, personas, order):
    from reintegra_coop.orders.models import CustomerKind
    from tests.factories import CustomerFactory

    kitchen = CustomerFactory(name="Kitchen", kind=CustomerKind.INTERNAL, tax_id="")
    client.force_login(personas.manager)
    response = client.patch(
        f"/api/orders/{order.pk}/", {"customer": kitchen.pk}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "cannot switch between an internal and an external" in response.json()["customer"][0]
    order.refresh_from_db()
    assert order.customer.name == "Zielony Talerz"
