"""What waits in the pathway out: follow-up contacts due with people who left the programme
(within the person's own caseload; a manager: everyone), and for a job coach the employer's
feedback due on the placements they coach."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from reintegra_coop.core.access import may_open
from reintegra_coop.core.scoping import scope
from reintegra_coop.people.home import Need

from .exits import due_follow_ups
from .models import FollowUp, Placement
from .placements import feedback_due


def needs(request: HttpRequest) -> list[Need]:
    found = []
    if may_open(request.user, "pathways:follow_ups"):
        due = due_follow_ups(scope(FollowUp.objects.all(), request.user)).count()
        text = ngettext("follow-up contact is due", "follow-up contacts are due", due)
        found.append(Need(due, text, reverse("pathways:follow_ups")))
    return found


def coach_needs(request: HttpRequest) -> list[Need]:
    """For a job coach: the employer's feedback due on the placements they coach."""
    coached = Placement.objects.filter(job_coach__user_id=request.user.pk or 0)
    due = feedback_due(coached, timezone.localdate())
    text = ngettext(
        "placement you coach waits for the employer's feedback",
        "placements you coach wait for the employer's feedback",
        due,
    )
    return [Need(due, text, reverse("pathways:placements"))]
