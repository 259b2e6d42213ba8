"""The instructor's home page panel: today's crew — each of their workshops' shifts today, who
is rostered on it, and the crew sheet to log them (two queries, whatever the crew)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest
from django.utils import timezone

from reintegra_coop.core.scoping import scope

from .models import Shift, ShiftAssignment


def todays_crew(request: HttpRequest) -> dict[str, Any]:
    today = timezone.localdate()
    shifts = (
        scope(Shift.objects.filter(date=today), request.user)
        .select_related("workshop")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=ShiftAssignment.objects.select_related("trainee").order_by(
                    "trainee__last_name", "trainee__first_name"
                ),
            )
        )
        .order_by("workshop__name", "start")
    )
    return {"today": today, "todays_shifts": list(shifts)}
