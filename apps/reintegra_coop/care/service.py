"""Community-service orders' progress from the approved community-service logs."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Sum
from django.db.models.functions import TruncMonth

from reintegra_coop.work.models import WorkLog, WorkLogStatus

from .community_service import Progress, ServiceOrder, progress
from .models import CommunityServiceOrder


def order_progress(
    orders: list[CommunityServiceOrder], today: datetime.date
) -> list[tuple[CommunityServiceOrder, Progress]]:
    minutes: dict[int, dict[tuple[int, int], int]] = defaultdict(dict)
    if orders:
        rows = (
            WorkLog.objects.current()
            .filter(
                trainee_id__in=[o.trainee_id for o in orders],
                work_type="community_service",
                attendance__in=["present", "late"],
                status__in=[WorkLogStatus.APPROVED, WorkLogStatus.LOCKED],
                date__gte=min(o.start for o in orders),
            )
            .annotate(month=TruncMonth("date"))
            .values("trainee_id", "month")
            .annotate(total=Sum("minutes"))
        )
        for row in rows:
            month = row["month"]
            minutes[row["trainee_id"]][(month.year, month.month)] = row["total"]
    return [
        (
            order,
            progress(
                ServiceOrder(
                    order.total_hours,
                    order.deadline,
                    order.monthly_minimum_hours,
                    order.monthly_maximum_hours,
                ),
                minutes.get(order.trainee_id, {}),
                today,
            ),
        )
        for order in orders
    ]
