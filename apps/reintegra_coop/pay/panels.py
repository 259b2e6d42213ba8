"""What pay shows on a staff home page (offered in pay/apps.py): the latest pay periods with
their state, payslips and total, and the exports."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Sum
from django.http import HttpRequest

from reintegra_coop.core.scoping import scope

from .models import PayPeriod, Payslip

LATEST = 6


def periods(request: HttpRequest) -> dict[str, Any]:
    shown = list(scope(PayPeriod.objects.order_by("-month"), request.user)[:LATEST])
    sums = {
        row["period"]: row
        for row in Payslip.objects.current()
        .filter(period__in=shown)
        .values("period")
        .annotate(count=Count("pk"), total=Sum("total"))
    }
    return {
        "periods": [
            (p, sums.get(p.pk, {}).get("count", 0), sums.get(p.pk, {}).get("total")) for p in shown
        ]
    }
