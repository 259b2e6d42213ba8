"""Pseudonymising who a trainee is: the name becomes "Pseudonymised <number>", the national id,
contact data and card number go, the date of birth keeps only its year (for statistics by age),
the login is switched off and renamed (its django-axes records deleted), and notes about the
person are replaced, with to whom their data was given and why a lifted hold was placed.
Notices that named them (core Notification parameters) name the pseudonym instead."""

from __future__ import annotations

import datetime
from typing import Any

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User

from reintegra_coop.core.models import Notification
from reintegra_coop.people.models import StageChange, Trainee
from reintegra_coop.portal.models import LoginCode

from .clearing import PLACEHOLDER, clear_text
from .models import DisclosureLog, LegalHold

PSEUDONYM = "Pseudonymised"


def is_pseudonymised(trainee: Trainee) -> bool:
    return trainee.first_name == PSEUDONYM and trainee.last_name == str(trainee.pk)


def clear_personal_details(trainee: Trainee, before: datetime.date) -> int:
    """All of them (personal details are counted from the leaving year, never by record)."""
    changed = clear_text(StageChange.objects.filter(trainee=trainee), ("note", "undo_reason"))
    # to whom their data went and why a hold was placed can name them or their circumstances
    changed += clear_text(DisclosureLog.objects.filter(trainee=trainee), ("recipient",))
    changed += clear_text(LegalHold.objects.filter(trainee=trainee), ("reason",))
    if is_pseudonymised(trainee):
        return changed
    birth = trainee.date_of_birth
    values: dict[str, Any] = {
        "first_name": PSEUDONYM,
        "last_name": str(trainee.pk),
        "national_id": "",
        "card_number": None,
        "phone": "",
        "email": "",
        "address": "",
        "date_of_birth": birth.replace(month=1, day=1) if birth else None,
        "withdrawal_reason": PLACEHOLDER if trainee.withdrawal_reason else "",
    }
    Trainee.objects.filter(pk=trainee.pk).update(**values)
    for name, value in values.items():
        setattr(trainee, name, value)
    if trainee.user_id is not None:
        _switch_off_login(trainee.user_id)
    return changed + 1


def _switch_off_login(user_id: int) -> None:
    username = User.objects.filter(pk=user_id).values_list("username", flat=True).first()
    for record in (AccessAttempt, AccessFailureLog, AccessLog):  # django-axes: name, address
        record.objects.filter(username=username).delete()
    User.objects.filter(pk=user_id).update(
        username=f"pseudonymised-{user_id}",
        first_name="",
        last_name="",
        email="",
        is_active=False,
        password=make_password(None),  # unusable
    )
    LoginCode.objects.filter(user_id=user_id).delete()
    own = list(Notification.objects.filter(recipient_id=user_id))
    for notice in own:
        notice.params = {key: _date_or_placeholder(value) for key, value in notice.params.items()}
    Notification.objects.bulk_update(own, ["params"], batch_size=500)


def _date_or_placeholder(value: Any) -> Any:
    """A trainee's own notices keep their dates and numbers; any other text goes."""
    if not isinstance(value, str):
        return value
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return PLACEHOLDER
    return value


def clear_names_in_notices(names: dict[str, str]) -> int:
    """Replace each old name (a key of ``names``) in every notice's parameters by its pseudonym;
    the number of notices changed."""
    if not names:
        return 0
    changed = []
    for notice in Notification.objects.only("pk", "params").iterator(chunk_size=2000):
        params = {
            key: names.get(value, value) if isinstance(value, str) else value
            for key, value in notice.params.items()
        }
        if params != notice.params:
            notice.params = params
            changed.append(notice)
    Notification.objects.bulk_update(changed, ["params"], batch_size=500)
    return len(changed)
