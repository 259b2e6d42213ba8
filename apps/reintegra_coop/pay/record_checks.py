"""What pay says before a trainee's record is taken back (people/stages.py): payslips of the
months since the day a trial would be undone, or any payslip for a record to withdraw."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext

from .models import Payslip


def payslips(trainee: Any, action: str, since: datetime.date | None) -> str | None:
    found = Payslip.objects.filter(trainee_id=trainee.pk)
    if since is not None:
        found = found.filter(period__month__gte=since.replace(day=1))
    if not found.exists():
        return None
    return gettext("The trainee has payslips that rest on this record.")
