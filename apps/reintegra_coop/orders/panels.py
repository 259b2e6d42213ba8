"""What orders shows on a staff home page (offered in orders/apps.py): invoices to issue,
unpaid invoices not yet due and overdue, receivables by age and the oldest to chase, and the
invoice export."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Count, Sum
from django.http import HttpRequest
from django.utils import timezone

from reintegra_coop.core.scoping import scope

from .models import Invoice, Order, OrderStatus
from .receivables import ageing

CHASE = 5


def invoices(request: HttpRequest) -> dict[str, Any]:
    today = timezone.localdate()
    all_invoices = scope(Invoice.objects.select_related("order__customer"), request.user)
    unpaid = all_invoices.filter(paid_on__isnull=True)
    to_issue = (
        scope(Order.objects.filter(status=OrderStatus.DELIVERED), request.user)
        .exclude(customer__kind="internal")
        .count()
    )
    return {
        "to_issue": to_issue,
        "not_due": _count_and_gross(unpaid.filter(due_on__gte=today)),
        "overdue": _count_and_gross(unpaid.filter(due_on__lt=today)),
        "ageing": ageing(unpaid.values_list("issued_on", "gross"), today),
        "chase": list(unpaid.order_by("issued_on", "number")[:CHASE]),
        "today": today,
    }


def _count_and_gross(invoices: Any) -> tuple[int, Decimal]:
    found = invoices.aggregate(count=Count("pk"), gross=Sum("gross"))
    return found["count"], found["gross"] or Decimal("0.00")
