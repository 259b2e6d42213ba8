"""Who does what with a trainee's data here: managers and care leads export it (care data only
in a care lead's export, for a trainee of their caseload); managers and care workers record
consents; managers read the disclosure log and place legal holds."""

from __future__ import annotations

from typing import Any

from reintegra_coop.core.roles import Role, role_of
from reintegra_coop.core.scoping import can_see_care_data
from reintegra_coop.people.models import StaffMember


def is_care_lead(user: Any) -> bool:
    return role_of(user) == Role.CARE_WORKER and (
        StaffMember.objects.filter(user=user, active=True, care_lead=True).exists()
    )


def may_export(user: Any) -> bool:
    return role_of(user) == Role.MANAGER or is_care_lead(user)


def exports_care_data(user: Any, trainee: Any) -> bool:
    return is_care_lead(user) and can_see_care_data(user, trainee)
