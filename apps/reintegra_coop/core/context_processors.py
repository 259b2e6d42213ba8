from functools import partial
from typing import Any

from django.conf import settings
from django.http import HttpRequest

from .access import may_open
from .notifications import unread_count
from .roles import STAFF_ROLES, role_of
from .sites import site_setting
from .two_factor import owes_second_step


def site(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    role = role_of(user)
    second_step_owed = owes_second_step(user)
    return {
        "role": role,
        # the staff top bar (a trainee has the portal's); none before the login's second step
        "staff_bar": role in STAFF_ROLES and not second_step_owed,
        "second_step_owed": second_step_owed,
        "may_open": partial(may_open, user),
        "languages": settings.LANGUAGES,
        "currency": site_setting("CURRENCY", "PLN"),
        # asked (one query) only where the top bar shows it: for a logged-in user
        "unread_notifications": partial(unread_count, user),
    }
