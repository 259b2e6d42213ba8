"""What waits in the work record for the person asking (their home page's "What needs me"):
logs submitted and waiting for approval, and open disputes, in the workshops they see."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import ngettext

from reintegra_coop.core.access import may_open
from reintegra_coop.core.scoping import scope
from reintegra_coop.people.home import Need

from .models import WorkLog, WorkLogStatus
from .querysets import OPEN_DISPUTE


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
    ]
