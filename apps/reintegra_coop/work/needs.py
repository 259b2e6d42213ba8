"""What waits in the work record for the person asking (their home page's "What needs me"):
logs submitted and waiting for approval, and open disputes, in the workshops they see."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from reintegra_coop.core.access import may_open
from reintegra_coop.core.scoping import scope
from reintegra_coop.people.home import Need

from .models import ShiftAssignment, WorkLog, WorkLogStatus
from .querysets import OPEN_DISPUTE
from .roster import booked_over_limits


def needs(request: HttpRequest) -> list[Need]:
    logs = scope(WorkLog.objects.current(), request.user)
    counts = logs.aggregate(
        waiting=Count("pk", filter=Q(status=WorkLogStatus.SUBMITTED)),
        disputed=Count("pk", filter=OPEN_DISPUTE),
    )
    waiting, disputed = counts["waiting"], counts["disputed"]
    where = reverse("work:approvals" if may_open(request.user, "work:approvals") else "work:week")
    return [
        Need(waiting, ngettext("log waits for approval", "logs wait for approval", waiting), where),
        Need(disputed, ngettext("log is disputed", "logs are disputed", disputed), where),
        _shifts_over_limits(request),
    ]


def _shifts_over_limits(request: HttpRequest) -> Need:
    """Shifts of the next two weeks, in the person's workshops, that a trainee's limits (a
    constraint added after the roster was made) now forbid."""
    today = timezone.localdate()
    booked = scope(
        ShiftAssignment.objects.filter(
            shift__date__range=(today, today + datetime.timedelta(weeks=2))
        ),
        request.user,
    )
    rows = list(booked.values_list("pk", "trainee_id"))
    mine = {pk for pk, _trainee in rows}
    found = booked_over_limits({trainee for _pk, trainee in rows}, today, weeks=2)
    conflicts = [c for c in found if c.assignment_id in mine]
    shifts = len({c.assignment_id for c in conflicts})
    return Need(
        shifts,
        ngettext(
            "rostered shift breaks a trainee's limits",
            "rostered shifts break a trainee's limits",
            shifts,
        ),
        reverse("work:roster"),
    )
