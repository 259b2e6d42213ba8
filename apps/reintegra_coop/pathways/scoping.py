"""Who sees which placements: the rows ``scope`` gives (managers all; care workers their
caseload), and for any member of staff the placements they coach."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from reintegra_coop.core.roles import Role, role_of
from reintegra_coop.core.scoping import scope

from .models import Placement


def visible_placements(user: Any) -> QuerySet[Placement]:
    placements = Placement.objects.select_related("trainee", "employer", "job_coach__user")
    seen = scope(placements, user)
    if role_of(user) in (None, Role.TRAINEE):
        return seen
    return placements.filter(pk__in=seen.values("pk")) | placements.filter(job_coach__user=user)
