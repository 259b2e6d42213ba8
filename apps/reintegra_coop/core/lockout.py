"""Wrong passwords and PINs lock a person, not a place (django-axes with our own counting).

- Wrong tries are counted per account — whatever was typed, a name in any letter case or the
  card number, resolves to the account (people/logins.py ``account_name``) — and per account
  and client address (core/client_address.py, which reads the trusted proxy's header).
- ``LOCKOUT_FAILURES_PER_ADDRESS`` (5) wrong tries from one address lock that account there;
  ``LOCKOUT_FAILURES_PER_ACCOUNT`` (10) from anywhere lock it everywhere; for
  ``AXES_COOLOFF_TIME`` (15 minutes). Nobody else is locked: not the tablet, not the site.
- A successful login clears only that account's count, so logging in as oneself does not wipe
  the wrong tries one made against somebody else.
- A manager unlocks a trainee's login from the trainee's page (``unlock``).
"""

from __future__ import annotations

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone

# The order of AXES_LOCKOUT_PARAMETERS, which get_user_attempts follows.
LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]


class PerPersonLockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        """Compared by axes with AXES_FAILURE_LIMIT (the per-address limit): the tries from this
        address, or the limit itself once the account's tries from anywhere reach theirs."""
        per_address, per_account = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        if per_account >= settings.LOCKOUT_FAILURES_PER_ACCOUNT:
            return max(per_address, get_failure_limit(request, credentials))
        return int(per_address)


def failures(username: str) -> int:
    """Wrong tries counted against an account now (for the trainee's page)."""
    recent = AccessAttempt.objects.filter(username=username)
    cool_off = get_cool_off()
    if cool_off is not None:
        recent = recent.filter(attempt_time__gte=timezone.now() - cool_off)
    total = recent.aggregate(total=Sum("failures_since_start"))["total"]
    return int(total or 0)


def unlock(username: str) -> int:
    """Forget an account's wrong tries; returns how many records were removed."""
    return int(reset(username=username))
