"""Who is told about what happens (core/notifications.py): the ids of active logins holding a
role, by workshop or caseload. A deactivated staff record or login is told nothing."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db.models import QuerySet

from reintegra_coop.core.roles import Role

from .models import StaffMember


def _staff(role: Role) -> QuerySet[StaffMember]:
    return StaffMember.objects.filter(role=role, active=True, user__is_active=True)


def managers() -> set[int]:
    """Managers, and superusers without a staff record (they count as managers)."""
    found = set(_staff(Role.MANAGER).values_list("user_id", flat=True))
    found |= set(
        User.objects.filter(
            is_superuser=True, is_active=True, staff_member__isnull=True
        ).values_list("pk", flat=True)
    )
    return found


def staff() -> set[int]:
    """Every active member of staff, whatever the role, and superusers without a staff record."""
    found = set(
        StaffMember.objects.filter(active=True, user__is_active=True).values_list(
            "user_id", flat=True
        )
    )
    return found | managers()


def instructors_of(workshop_ids: Iterable[int]) -> dict[int, set[int]]:
    """The instructors of each workshop: {workshop id: user ids}."""
    found: dict[int, set[int]] = {}
    rows = StaffMember.workshops.through.objects.filter(
        workshop_id__in=list(workshop_ids),
        staffmember__in=_staff(Role.INSTRUCTOR),
    ).values_list("workshop_id", "staffmember__user_id")
    for workshop_id, user_id in rows:
        found.setdefault(workshop_id, set()).add(user_id)
    return found


def care_workers_of(trainee_ids: Iterable[int]) -> dict[int, set[int]]:
    """The care workers with each trainee in their caseload: {trainee id: user ids}."""
    found: dict[int, set[int]] = {}
    rows = StaffMember.caseload.through.objects.filter(
        trainee_id__in=list(trainee_ids),
        staffmember__in=_staff(Role.CARE_WORKER),
    ).values_list("trainee_id", "staffmember__user_id")
    for trainee_id, user_id in rows:
        found.setdefault(trainee_id, set()).add(user_id)
    return found


def accountants() -> set[int]:
    return set(_staff(Role.ACCOUNTANT).values_list("user_id", flat=True))
