"""What waits in care: court orders falling behind (a finished month below its minimum, or the
deadline missed or near with hours left) and milestones reached in the last week, within the
person's own caseload (a manager: every court order)."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from reintegra_coop.core.access import may_open
from reintegra_coop.core.scoping import scope
from reintegra_coop.people.home import Need

from .models import CommunityServiceOrder, Milestone
from .service import order_progress

WEEK = datetime.timedelta(days=7)


def needs(request: HttpRequest) -> list[Need]:
    today = timezone.localdate()
    found = []
    if may_open(request.user, "care:service_orders"):
        orders = list(scope(CommunityServiceOrder.objects.all(), request.user))
        behind = sum(
            1
            for _order, progress in order_progress(orders, today)
            if progress.deadline_missed
            or progress.deadline_near
            or any(check.below_minimum for check in progress.months.values())
        )
        found.append(
            Need(
                behind,
                ngettext(
                    "court order is falling behind", "court orders are falling behind", behind
                ),
                reverse("care:service_orders"),
            )
        )
    if may_open(request.user, "care:caseload"):
        reached = (
            scope(Milestone.objects.all(), request.user)
            .filter(achieved_on__gt=today - WEEK, achieved_on__lte=today)
            .count()
        )
        found.append(
            Need(
                reached,
                ngettext("milestone reached this week", "milestones reached this week", reached),
                reverse("care:caseload"),
            )
        )
    return found
