"""What orders shows on a staff home page (offered in orders/apps.py): invoices to issue,
what is still owed on invoices not yet due and overdue, receivables by age and the oldest to
chase, and the invoice export."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from reintegra_coop.core.money import round_money
from reintegra_coop.core.scoping import scope

from .models import Invoice, Order, OrderStatus
from .receivables import ageing

CHASE = 5


def invoices(request: HttpRequest) -> dict[str, Any]:
    today = timezone.localdate()
    all_invoices = scope(
        Invoice.objects.select_related("order__customer").with_balance(), request.user
    )
    unpaid = all_invoices.filter(Q(balance__gt=0))
    to_issue = (
        scope(Order.objects.filter(status=OrderStatus.DELIVERED), request.user)
        .exclude(customer__kind="internal")
        .count()
    )
    return {
        "to_issue": to_issue,
        "not_due": _count_and_gross(unpaid.filter(due_on__gte=today)),
        "overdue": _count_and_gross(unpaid.filter(due_on__lt=today)),
        "ageing": ageing(
            ((invoice.issued_on, round_money(invoice.balance)) for invoice in unpaid),  # type: ignore[attr-defined]
            today,
        ),
        "chase": list(unpaid.order_by("issued_on", "number")[:CHASE]),
        "today": today,
    }


def _count_and_gross(invoices: Any) -> tuple[int, Decimal]:
    owed = [round_money(invoice.balance) for invoice in invoices]
    return len(owed), sum(owed, Decimal("0.00"))
