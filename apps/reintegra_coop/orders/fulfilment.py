"""Delivering an order and moving stock: draws from lots earliest best-before first, and never
lets stock go below zero (rows locked while the quantities are checked)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from reintegra_coop.core.numbering import next_number

from .exceptions import InsufficientStockError, InvalidTransitionError
from .models import (
    CatalogueItem,
    Delivery,
    MovementKind,
    Order,
    OrderStatus,
    ProductionLot,
    StockMovement,
)
from .stock import LotOnHand, allocate


def deliver(order: Order, by: Any, on: datetime.date) -> Delivery:
    """Record the delivery of the whole order and mark it delivered."""
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if locked.status != OrderStatus.READY:
            raise InvalidTransitionError(_("Only a ready order can be delivered."))
        delivery = Delivery(order=locked, number=next_number("WZ", on), delivered_on=on)
        delivery.stamp(by)
        delivery.save()
        for line in locked.lines.select_related("item"):
            if line.item is not None and line.item.tracks_stock:
                kind = (
                    MovementKind.USED_INTERNALLY if locked.is_internal else MovementKind.DELIVERED
                )
                take_from_stock(line.item, line.quantity, kind, by, on, delivery=delivery)
        locked.set_status(OrderStatus.DELIVERED, by)
    order.refresh_from_db(fields=["status"])
    return delivery


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
