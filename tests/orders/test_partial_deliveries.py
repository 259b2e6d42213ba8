"""An order delivered in several notes (issue 17): each note carries part of each line, stock
leaves per note, the note that completes the order delivers it, a note never carries more than
is still to deliver, and a partly delivered order is neither cancelled nor amended."""

import datetime
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse

from reintegra_coop.orders import fulfilment
from reintegra_coop.orders.exceptions import InvalidTransitionError
from reintegra_coop.orders.models import Delivery, OrderStatus, StockMovement

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-11-23T10:00")]
D = Decimal
S = OrderStatus


@pytest.fixture
def ready(order, harvests, personas):
    """40 kg of potatoes and a garden bench, ready."""
    for status in (S.CONFIRMED, S.IN_PRODUCTION, S.READY):
        order.set_status(status, personas.manager)
    return order


def lines_of(order):
    potatoes, bench = order.lines.order_by("position", "pk")
    return potatoes, bench


def test_an_order_goes_in_two_notes_and_the_second_delivers_it(ready, personas):
    potatoes, bench = lines_of(ready)
    first = fulfilment.deliver(
        ready, personas.manager, datetime.date(2026, 11, 20), {potatoes.pk: D("25")}
    )
    ready.refresh_from_db()
    assert ready.status == S.READY
    assert ready.still_to_deliver() == {potatoes.pk: D("15"), bench.pk: D("1")}
    assert sum(m.quantity for m in first.movements.all()) == D("25")
    second = fulfilment.deliver(ready, personas.manager, datetime.date(2026, 11, 23))
    ready.refresh_from_db()
    assert ready.status == S.DELIVERED
    assert {(c.line_id, c.quantity) for c in second.lines.all()} == {
        (potatoes.pk, D("15")),
        (bench.pk, D("1")),
    }
    delivered = StockMovement.objects.filter(delivery__order=ready)
    assert sum(m.quantity for m in delivered) == D("40")


def test_a_part_can_go_while_the_order_is_still_in_production(order, harvests, personas):
    for status in (S.CONFIRMED, S.IN_PRODUCTION):
        order.set_status(status, personas.manager)
    potatoes, bench = lines_of(order)
    fulfilment.deliver(order, personas.manager, datetime.date(2026, 11, 20), {potatoes.pk: D("40")})
    order.refresh_from_db()
    assert order.status == S.IN_PRODUCTION
    fulfilment.deliver(order, personas.manager, datetime.date(2026, 11, 23), {bench.pk: D("1")})
    order.refresh_from_db()
    assert order.status == S.DELIVERED  # through ready: its production is finished
    assert list(order.status_changes.values_list("to_status", flat=True))[-2:] == [
        S.READY,
        S.DELIVERED,
    ]


@pytest.mark.parametrize(
    ("quantities", "message"),
    [
        ({"potatoes": "41"}, "at most what is still to deliver"),
        ({"potatoes": "0"}, "carries nothing"),
        ({}, "carries nothing"),
    ],
)
def test_a_note_carrying_too_much_or_nothing_is_refused_and_nothing_leaves_the_stock(
    ready, personas, quantities, message
):
    potatoes, _bench = lines_of(ready)
    given = {potatoes.pk: D(quantities["potatoes"])} if quantities else {}
    with pytest.raises(InvalidTransitionError, match=message):
        fulfilment.deliver(ready, personas.manager, datetime.date(2026, 11, 20), given)
    assert not Delivery.objects.exists() and not StockMovement.objects.exists()


def test_a_partly_delivered_order_is_neither_cancelled_nor_amended(ready, personas):
    _potatoes, bench = lines_of(ready)
    fulfilment.deliver(ready, personas.manager, datetime.date(2026, 11, 20), {bench.pk: D("1")})
    with pytest.raises(InvalidTransitionError, match="Part of order"):
        ready.set_status(S.CANCELLED, personas.manager)
    with pytest.raises(InvalidTransitionError, match="Part of order"):
        ready.amend(personas.manager)
    ready.refresh_from_db()
    assert ready.status == S.READY


def test_the_manager_delivers_part_on_its_page_and_the_note_lists_only_that_part(
    client, ready, personas
):
    potatoes, bench = lines_of(ready)
    client.force_login(personas.manager)
    url = reverse("orders:delivery_create", args=[ready.pk])
    assert f'name="line_{potatoes.pk}"' in client.get(url).content.decode()
    response = client.post(url, {f"line_{potatoes.pk}": "25", f"line_{bench.pk}": "0"}, follow=True)
    page = response.content.decode()
    assert "the rest is still to deliver" in page
    still = page.split('id="still-to-deliver"', 1)[1].split("</li>", 1)[0]
    assert "Potatoes × 15" in still and "Garden bench × 1" in still
    note = Delivery.objects.get()
    pdf = client.get(reverse("orders:delivery_note_pdf", args=[note.pk])).content
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert "25 kg" in text and "Still to deliver" in text
    table = text.split("Still to deliver", 1)[1]
    assert "Garden bench × 1" in table


def test_a_note_over_the_rest_is_refused_on_the_page_with_the_reason(client, ready, personas):
    potatoes, bench = lines_of(ready)
    client.force_login(personas.manager)
    response = client.post(
        reverse("orders:delivery_create", args=[ready.pk]),
        {f"line_{potatoes.pk}": "50", f"line_{bench.pk}": "0"},
        headers={"accept-language": "pl"},
    )
    assert response.status_code == 200
    assert "najwyżej tyle, ile zostało do dostarczenia (40)" in response.content.decode()
    assert not Delivery.objects.exists()


@pytest.mark.parametrize("who", ["accountant", "garden_instructor", "care_worker", "outsider"])
def test_only_a_manager_delivers(client, ready, personas, who):
    client.force_login(personas.all_users()[who])
    assert client.get(reverse("orders:delivery_create", args=[ready.pk])).status_code == 403
