"""Whether a trainee consented to their data going to a partner organisation. The privacy area
keeps the consents and offers the check at start-up (privacy/apps.py); an area that sends a
trainee's data to a partner (a referral) asks here, so it never reads the consents itself."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

#: (trainee id, organisation id, day) → a consent to share with that partner, in force that
#: day and not withdrawn since
SharingCheck = Callable[[int, int, datetime.date], bool]
_checks: dict[str, SharingCheck] = {}


def offer_sharing_check(check: SharingCheck) -> None:
    _checks["sharing"] = check


def may_share_with(trainee_id: int, organisation_id: int, on: datetime.date) -> bool:
    try:
        check = _checks["sharing"]
    except KeyError:
        raise ImproperlyConfigured("No area keeps consents (privacy/apps.py does).") from None
    return check(trainee_id, organisation_id, on)
