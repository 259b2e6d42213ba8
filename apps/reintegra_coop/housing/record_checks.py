"""What housing says before a record is withdrawn as entered by mistake (people/stages.py):
rent paid in cash means a real tenant, not a mistake."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext

from .models import RentPayment


def rent_paid(trainee: Any, action: str, since: datetime.date | None) -> str | None:
    if action != "withdraw":
        return None
    if not RentPayment.objects.filter(tenancy__trainee_id=trainee.pk).exists():
        return None
    return gettext("Rent payments are recorded for this trainee.")
