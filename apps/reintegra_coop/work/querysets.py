from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    from .models import WorkLog  # noqa: F401 - named in the base class below


# The one definition of worked time and of settled (approved or locked) entries.
WORKING_ATTENDANCE = ("present", "late")
SETTLED_STATUSES = ("approved", "locked")


#: a trainee disputes the log and staff have not resolved it yet
OPEN_DISPUTE = models.Q(disputed_at__isnull=False, dispute_resolved_at__isnull=True)


class WorkLogQuerySet(models.QuerySet["WorkLog"]):
    def approved(self) -> WorkLogQuerySet:
        return self.filter(status__in=SETTLED_STATUSES)

    def current(self) -> WorkLogQuerySet:
        """Logs in force: not replaced by a correction."""
        return self.filter(superseded=False)

    def working(self) -> WorkLogQuerySet:
        """Logs of time actually worked (present or late), not absences."""
        return self.filter(attendance__in=WORKING_ATTENDANCE)

    def for_trainee(self, trainee: Any) -> WorkLogQuerySet:
        return self.filter(trainee=trainee)

    def between(self, first: datetime.date, last: datetime.date) -> WorkLogQuerySet:
        return self.filter(date__gte=first, date__lte=last)

    def disputed(self) -> WorkLogQuerySet:
        return self.filter(OPEN_DISPUTE)
