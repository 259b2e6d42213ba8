"""Which role a login's records give it (core/roles.py asks through the look-ups offered at
start-up): an active staff record's role, else a trainee record's; ``held_role_of`` also counts
an inactive staff record (a deactivated manager's login stays a manager's to protect). A
superuser without records counts as a manager: core decides that, not these."""

from __future__ import annotations

from typing import Any

from reintegra_coop.core.roles import Role

from .models import StaffMember, Trainee


def current_role_of(user: Any) -> Role | None:
    staff_role = StaffMember.objects.filter(user=user, active=True).values_list("role", flat=True)
    for role in staff_role:
        return Role(role)
    if Trainee.objects.filter(user=user).exists():
        return Role.TRAINEE
    return None


def held_role_of(user: Any) -> Role | None:
    staff_role = StaffMember.objects.filter(user=user).values_list("role", flat=True).first()
    if staff_role:
        return Role(staff_role)
    if Trainee.objects.filter(user=user).exists():
        return Role.TRAINEE
    return None
