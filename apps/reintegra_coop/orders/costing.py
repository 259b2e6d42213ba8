"""An order's labour cost and margin, from the work logged on its production tasks."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from .models import Order
from .pricing import labour_cost


@dataclass(frozen=True)
class Margin:
    revenue: Decimal  # net sales, or the value at list price for own use
    labour_minutes: int
    labour_cost: Decimal
    margin: Decimal


def order_margin(order: Order) -> Margin:
    from reintegra_coop.work.models import WorkLog

    amounts = order.totals()
    revenue = (
        sum((line.list_value for line in order.lines.all()), Decimal("0.00"))
        if order.is_internal
        else amounts.net
    )
    # Hours actually worked on it (present or late), paid work or training, once approved:
    # not drafts, not absences, not in-kind rent, community service or volunteering.
    per_rate = (
        WorkLog.objects.current()
        .approved()
        .working()
        .filter(task__order=order, work_type__in=["paid_work", "training"])
        .values("workshop__labour_cost_rate")
        .annotate(minutes=Sum("minutes"))
    )
    minutes_by_rate = [(row["minutes"] or 0, row["workshop__labour_cost_rate"]) for row in per_rate]
    cost = labour_cost(minutes_by_rate)
    return Margin(
        revenue=revenue,
        labour_minutes=sum(m for m, _ in minutes_by_rate),
        labour_cost=cost,
        margin=revenue - cost,
    )
