"""What the work record says before a trainee's record is taken back (people/stages.py): work
logged since the day a trial would be undone, or ever for a record to withdraw."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext

from .models import WorkLog


def logged_work(trainee: Any, action: str, since: datetime.date | None) -> str | None:
    logs = WorkLog.objects.filter(trainee_id=trainee.pk)
    if since is not None:
        logs = logs.filter(date__gte=since)
    if not logs.exists():
        return None
    if action == "withdraw":
        return gettext("Work is logged for this trainee, so the record is no mistake to withdraw.")
    return gettext(
        "Work is logged for this trainee from %(date)s on; the trial that work belongs to "
        "cannot be undone."
    ) % {"date": since.isoformat() if since else ""}
