"""Delivering an order, whole or in several notes, and moving stock: draws from lots earliest
best-before first, and never lets stock go below zero (rows locked while the quantities are
checked)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from reintegra_coop.core.money import format_quantity
from reintegra_coop.core.numbering import next_number

from .exceptions import InsufficientStockError, InvalidTransitionError
from .models import (
    CatalogueItem,
    Delivery,
    DeliveryLine,
    MovementKind,
    Order,
    OrderStatus,
    ProductionLot,
    StockMovement,
)
from .stock import LotOnHand, allocate


def deliver(
    order: Order,
    by: Any,
    on: datetime.date,
    quantities: Mapping[int, Decimal] | None = None,
) -> Delivery:
    """Record a delivery note carrying ``quantities`` (order line → quantity; None: all that
    is still to deliver). The note that completes the order marks it delivered; until then a
    ready order stays ready, partly delivered."""
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if locked.status not in DELIVERABLE:
            raise InvalidTransitionError(_("Only an order in production or ready is delivered."))
        remaining = locked.still_to_deliver()
        carried = _carried(locked, remaining, quantities)
        delivery = Delivery(order=locked, number=next_number("WZ", on), delivered_on=on)
        delivery.stamp(by)
        delivery.save()
        kind = MovementKind.USED_INTERNALLY if locked.is_internal else MovementKind.DELIVERED
        for line in locked.lines.select_related("item").filter(pk__in=carried):
            DeliveryLine.objects.create(delivery=delivery, line=line, quantity=carried[line.pk])
            if line.item is not None and line.item.tracks_stock:
                take_from_stock(line.item, carried[line.pk], kind, by, on, delivery=delivery)
        if all(remaining[pk] == carried.get(pk, 0) for pk in remaining):
            if locked.status == OrderStatus.IN_PRODUCTION:
                locked.set_status(OrderStatus.READY, by)
            locked.set_status(OrderStatus.DELIVERED, by)
    order.refresh_from_db(fields=["status"])
    return delivery


DELIVERABLE = (OrderStatus.IN_PRODUCTION, OrderStatus.READY)


def _carried(
    order: Order, remaining: dict[int, Decimal], quantities: Mapping[int, Decimal] | None
) -> dict[int, Decimal]:
    """The quantities this note carries, checked against what is still to deliver."""
    if quantities is None:
        carried = {pk: left for pk, left in remaining.items() if left > 0}
    else:
        carried = {pk: quantity for pk, quantity in quantities.items() if quantity}
    for pk, quantity in carried.items():
        if pk not in remaining:
            raise InvalidTransitionError(
                _("That line is not on order %(number)s.") % {"number": order.number}
            )
        if quantity < 0 or quantity > remaining[pk]:
            raise InvalidTransitionError(
                _("A line delivers at most what is still to deliver (%(left)s).")
                % {"left": format_quantity(remaining[pk])}
            )
    if not carried:
        raise InvalidTransitionError(_("The delivery note carries nothing: enter a quantity."))
    return carried


def take_from_stock(
    item: CatalogueItem,
    quantity: Decimal,
    kind: str,
    by: Any,
    on: datetime.date,
    delivery: Delivery | None = None,
    note: str = "",
) -> list[StockMovement]:
    """Take ``quantity`` of ``item`` out of its lots (delivered, used internally or spoiled)."""
    with transaction.atomic():
        # Lock the item's lots so two deliveries cannot both take the last kilogram.
        lot_ids = list(
            ProductionLot.objects.select_for_update().filter(item=item).values_list("pk", flat=True)
        )
        lots = ProductionLot.objects.filter(pk__in=lot_ids).with_on_hand()
        on_hand = [
            LotOnHand(lot.pk, lot.on_hand, lot.best_before, lot.produced_on, lot.lot_number)  # type: ignore[attr-defined]
            for lot in lots
        ]
        movements = []
        delivered_on = on if delivery is not None else None  # food safety: deliveries only
        for lot_id, taken in allocate(quantity, on_hand, item.name, delivered_on):
            movement = StockMovement(
                lot_id=lot_id, kind=kind, quantity=taken, on=on, delivery=delivery, note=note
            )
            movement.stamp(by)
            movement.save()
            movements.append(movement)
        return movements


def record_spoilage_or_own_use(
    item: CatalogueItem, quantity: Decimal, kind: str, by: Any, on: datetime.date, note: str = ""
) -> list[StockMovement]:
    if kind not in (MovementKind.USED_INTERNALLY, MovementKind.SPOILED):
        raise InsufficientStockError(_("Choose used internally or spoiled."))
    return take_from_stock(item, quantity, kind, by, on, note=note)
