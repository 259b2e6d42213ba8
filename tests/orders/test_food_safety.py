"""Food-safe stock (issue 17): a delivery never draws from a lot past its best-before date —
the manager records such a lot as spoiled or used internally instead — and a recall finds
every delivery of a lot."""

import datetime
from decimal import Decimal

import pytest

from reintegra_coop.orders import fulfilment, invoicing
from reintegra_coop.orders.exceptions import InsufficientStockError
from reintegra_coop.orders.models import MovementKind, OrderStatus, StockMovement
from reintegra_coop.orders.stock import LotOnHand, allocate

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-07T10:00")]

D = Decimal
DAY = datetime.date(2026, 12, 7)


def lot(lot_id, on_hand, best_before):
    return LotOnHand(lot_id, D(on_hand), best_before, datetime.date(2026, 11, 1), f"LOT-{lot_id}")


def test_a_lot_is_still_good_on_its_best_before_day_and_past_it_the_day_after():
    assert lot(1, "5", DAY).expired_on(DAY) is False
    assert lot(1, "5", DAY).expired_on(DAY + datetime.timedelta(days=1)) is True
    assert lot(1, "5", None).expired_on(DAY) is False


def test_a_delivery_skips_expired_lots_and_takes_the_fresh_ones():
    lots = [lot(1, "20", datetime.date(2026, 12, 5)), lot(2, "30", datetime.date(2026, 12, 20))]
    assert allocate(D("25"), lots, "Potatoes", delivered_on=DAY) == [(2, D("25"))]


def test_a_delivery_that_needs_an_expired_lot_is_refused_naming_it():
    lots = [lot(1, "20", datetime.date(2026, 12, 5)), lot(2, "30", datetime.date(2026, 12, 20))]
    with pytest.raises(InsufficientStockError, match=r"LOT-1 \(05/12/2026\).*spoiled"):
        allocate(D("40"), lots, "Potatoes", delivered_on=DAY)


def test_spoilage_and_own_use_may_take_an_expired_lot_first():
    lots = [lot(1, "20", datetime.date(2026, 12, 5)), lot(2, "30", datetime.date(2026, 12, 20))]
    assert allocate(D("20"), lots, "Potatoes")[0] == (1, D("20"))


@pytest.fixture
def ready(order, personas):
    """The conftest's order (40 kg of potatoes and a bench), ready to deliver."""
    for status in (OrderStatus.CONFIRMED, OrderStatus.IN_PRODUCTION, OrderStatus.READY):
        order.set_status(status, personas.manager)
    return order


def test_delivering_from_an_expired_lot_is_refused_and_nothing_moves(ready, harvests, personas):
    # 30 kg keep till 20 Dec, 20 kg kept till 5 Dec: on 7 Dec only 30 kg may go out.
    with pytest.raises(InsufficientStockError, match="best-before"):
        fulfilment.deliver(ready, personas.manager, DAY)
    ready.refresh_from_db()
    assert ready.status == OrderStatus.READY
    assert not StockMovement.objects.exists()


def test_once_the_expired_lot_is_recorded_spoiled_the_rest_is_still_too_little(
    ready, harvests, personas
):
    _fresh, expired = harvests
    fulfilment.record_spoilage_or_own_use(
        expired.item, D("20"), MovementKind.SPOILED, personas.manager, DAY
    )
    assert StockMovement.objects.get().lot == expired  # the expired lot went first
    with pytest.raises(InsufficientStockError, match="Only 30 of Potatoes is in stock"):
        fulfilment.deliver(ready, personas.manager, DAY)


def test_before_the_best_before_date_both_lots_are_delivered_and_named_on_the_invoice(
    ready, harvests, personas
):
    delivery = fulfilment.deliver(ready, personas.manager, datetime.date(2026, 12, 5))
    numbers = sorted(h.lot_number for h in harvests)
    assert sorted(m.lot.lot_number for m in delivery.movements.all()) == numbers
    assert invoicing.delivered_lots(ready) == {harvests[0].item_id: numbers}


def test_a_recall_lists_every_delivery_and_customer_that_received_the_lot(
    client, ready, harvests, personas
):
    from django.urls import reverse

    delivery = fulfilment.deliver(ready, personas.manager, datetime.date(2026, 12, 5))
    fresh, expired = harvests
    fulfilment.record_spoilage_or_own_use(
        fresh.item, D("5"), MovementKind.USED_INTERNALLY, personas.manager, DAY, note="kitchen"
    )
    client.force_login(personas.manager)
    page = client.get(reverse("orders:lot_recall", args=[fresh.pk])).content.decode()
    assert fresh.lot_number in page
    assert delivery.number in page and ready.number in page and "Zielony Talerz" in page
    assert ready.customer.tax_id in page  # to reach the customer
    assert "Used internally" in page and "kitchen" in page
    other = client.get(reverse("orders:lot_recall", args=[expired.pk])).content.decode()
    assert delivery.number in other and "kitchen" not in other


def test_only_a_manager_opens_a_recall(client, harvests, personas):
    from django.urls import reverse

    url = reverse("orders:lot_recall", args=[harvests[0].pk])
    for user in (personas.garden_instructor, personas.accountant, personas.care_worker):
        client.force_login(user)
        assert client.get(url).status_code == 403
    client.force_login(personas.manager)
    assert client.get(url).status_code == 200
