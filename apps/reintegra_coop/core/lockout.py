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
- Wrong codes of the second login step (core/two_factor.py) count like wrong passwords
  (``count_wrong_code``); a login that still owes its code keeps its count until the code is
  right (``forgive``), so a known password buys no fresh guesses at the code.
"""

from __future__ import annotations

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone

from .two_factor import owes_second_step

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

    def reset_user_attempts(
        self, request: HttpRequest, credentials: dict[str, Any] | None = None
    ) -> int:
        """On a successful login; not while the login still owes its code (see forgive)."""
        if owes_second_step(getattr(request, "user", None)):
            return 0
        return int(super().reset_user_attempts(request, credentials))


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


def count_wrong_code(request: HttpRequest, username: str) -> bool:
    """Count a wrong second-step code against the account; True once that locks it (django-axes
    then answers the request with its lockout page)."""
    user_login_failed.send(__name__, credentials={"username": username}, request=request)
    return bool(getattr(request, "axes_locked_out", False))


def is_locked(request: HttpRequest, username: str) -> bool:
    """Whether the account is locked for this request; if so the lockout page answers it."""
    credentials = {"username": username}
    if not AxesProxyHandler.is_locked(request, credentials):
        return False
    request.axes_locked_out = True  # type: ignore[attr-defined]
    request.axes_credentials = credentials  # type: ignore[attr-defined]
    return True


def forgive(request: HttpRequest, username: str) -> None:
    """The right code: clear the account's wrong tries, as a login without a second step does."""
    AxesProxyHandler.update_request(request)
    AxesProxyHandler.get_implementation().reset_user_attempts(request, {"username": username})
