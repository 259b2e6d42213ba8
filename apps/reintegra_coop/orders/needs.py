"""What waits in orders and stock: delivered orders to invoice, overdue invoices, and lots in
stock past or within 3 days of their best-before date."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from reintegra_coop.core.access import may_open
from reintegra_coop.core.scoping import scope
from reintegra_coop.people.home import Need

from .models import Invoice, Order, OrderStatus, ProductionLot

SOON = datetime.timedelta(days=3)  # a lot this close to its best-before date is on the list


def needs(request: HttpRequest) -> list[Need]:
    today = timezone.localdate()
    found = []
    if may_open(request.user, "orders:list"):
        to_invoice = (
            scope(Order.objects.filter(status=OrderStatus.DELIVERED), request.user)
            .exclude(customer__kind="internal")
            .count()
        )
        overdue = scope(
            Invoice.objects.filter(paid_on__isnull=True, due_on__lt=today), request.user
        ).count()
        orders = reverse("orders:list")
        found += [
            Need(
                to_invoice,
                ngettext("delivered order to invoice", "delivered orders to invoice", to_invoice),
                f"{orders}?status=delivered",
            ),
            Need(overdue, ngettext("invoice is overdue", "invoices are overdue", overdue), orders),
        ]
    if may_open(request.user, "orders:stock"):
        lots = scope(
            ProductionLot.objects.filter(best_before__lte=today + SOON).with_on_hand(),
            request.user,
        )
        in_stock = [lot for lot in lots if lot.on_hand > 0]  # type: ignore[attr-defined]
        past = sum(1 for lot in in_stock if lot.best_before < today)
        near = len(in_stock) - past
        stock = reverse("orders:stock")
        found += [
            Need(
                past,
                ngettext(
                    "lot in stock is past its best-before date",
                    "lots in stock are past their best-before date",
                    past,
                ),
                stock,
            ),
            Need(
                near,
                ngettext(
                    "lot in stock reaches its best-before date within 3 days",
                    "lots in stock reach their best-before date within 3 days",
                    near,
                ),
                stock,
            ),
        ]
    return found
