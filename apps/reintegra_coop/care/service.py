"""Community-service orders' progress from the approved community-service logs."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Sum

from reintegra_coop.work.models import WorkLog

from .community_service import Progress, ServiceOrder, progress
from .models import CommunityServiceOrder


def order_progress(
    orders: list[CommunityServiceOrder], today: datetime.date
) -> list[tuple[CommunityServiceOrder, Progress]]:
    """Each order counts only its own trainee's community-service days from its start to its
    deadline."""
    by_day: dict[int, dict[datetime.date, int]] = defaultdict(dict)
    if orders:
        rows = (
            WorkLog.objects.current()
            .approved()
            .working()
            .filter(
                trainee_id__in=[o.trainee_id for o in orders],
                work_type="community_service",
                date__gte=min(o.start for o in orders),
                date__lte=max(o.deadline for o in orders),
            )
            .values("trainee_id", "date")
            .annotate(total=Sum("minutes"))
        )
        for row in rows:
            by_day[row["trainee_id"]][row["date"]] = row["total"]
    result = []
    for order in orders:
        months: dict[tuple[int, int], int] = defaultdict(int)
        for day, minutes in by_day[order.trainee_id].items():
            if order.start <= day <= order.deadline:
                months[(day.year, day.month)] += minutes
        facts = ServiceOrder(
            order.total_hours,
            order.deadline,
            order.monthly_minimum_hours,
            order.monthly_maximum_hours,
            start=order.start,
        )
        result.append((order, progress(facts, dict(months), today)))
    return result
