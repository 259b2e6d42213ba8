"""What waits in the pathway out: follow-up contacts due with people who left the programme
(within the person's own caseload; a manager: everyone)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import ngettext

from reintegra_coop.core.access import may_open
from reintegra_coop.core.scoping import scope
from reintegra_coop.people.home import Need

from .exits import due_follow_ups
from .models import FollowUp


def needs(request: HttpRequest) -> list[Need]:
    if not may_open(request.user, "pathways:follow_ups"):
        return []
    due = due_follow_ups(scope(FollowUp.objects.all(), request.user)).count()
    text = ngettext("follow-up contact is due", "follow-up contacts are due", due)
    return [Need(due, text, reverse("pathways:follow_ups"))]
