"""What care tells people (core/notifications.py):

- a work constraint or an unavailable time is saved (from any page, the back office, the API
  or an import) and now forbids shifts already booked → the instructors of those shifts'
  workshops, without the reason (care data);
- a milestone is reached (computed from approved logs, or signed off) → the trainee and their
  care workers."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext, ngettext

from reintegra_coop.core.notifications import Link, Notice, Params, notify, offer_notice, send
from reintegra_coop.people import recipients
from reintegra_coop.people.models import Trainee
from reintegra_coop.work.models import ShiftAssignment
from reintegra_coop.work.roster import booked_over_limits

from .plans import Milestone

LIMITS = "care.limits_break_shifts"
REACHED = "care.milestone_reached"
YOU_REACHED = "care.you_reached_milestone"


def limits_text(params: Params) -> str:
    count = int(params["count"])
    return ngettext(
        "New limits for %(trainee)s break %(count)s booked shift.",
        "New limits for %(trainee)s break %(count)s booked shifts.",
        count,
    ) % {"trainee": params["trainee"], "count": count}


def reached_text(params: Params) -> str:
    return gettext("%(trainee)s reached the milestone: %(title)s") % params


def you_reached_text(params: Params) -> str:
    return gettext("Well done! You reached a goal: %(title)s") % params


def offer() -> None:
    offer_notice(LIMITS, limits_text)
    offer_notice(REACHED, reached_text)
    offer_notice(YOU_REACHED, you_reached_text)


def constraint_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    """post_save of a WorkConstraint or an UnavailableBlock: check the trainee's booked shifts
    once the whole change is committed (a constraint and its blocks saved together)."""
    if kwargs.get("raw"):  # loading fixtures
        return
    trainee_id = getattr(instance, "trainee_id", None)
    if trainee_id is None:
        trainee_id = instance.constraint.trainee_id
    transaction.on_commit(lambda: limits_changed(trainee_id))


def limits_changed(trainee_id: int) -> int:
    """Tell the instructors of the trainee's booked shifts that the limits now break (from
    today); the same shifts breaking the same rules are told once. Returns how many told."""
    conflicts = booked_over_limits([trainee_id])
    if not conflicts:
        return 0
    broken: dict[int, list[str]] = defaultdict(list)
    for conflict in conflicts:
        broken[conflict.assignment_id].append(conflict.message)
    by_workshop: dict[int, list[int]] = defaultdict(list)
    for pk, workshop_id in ShiftAssignment.objects.filter(pk__in=list(broken)).values_list(
        "pk", "shift__workshop_id"
    ):
        by_workshop[workshop_id].append(pk)
    name = Trainee.objects.get(pk=trainee_id).full_name
    instructors = recipients.instructors_of(by_workshop)
    told = 0
    for workshop_id, assignments in by_workshop.items():
        what = sorted((pk, sorted(broken[pk])) for pk in assignments)
        digest = hashlib.sha256(repr(what).encode()).hexdigest()[:32]
        told += len(
            notify(
                instructors.get(workshop_id, set()),
                LIMITS,
                {"trainee": name, "count": len(assignments)},
                Link("work:roster_for", (workshop_id,)),
                f"limits:{trainee_id}:{workshop_id}:{digest}",
            )
        )
    return told


def milestones_reached(milestone_ids: Iterable[int]) -> None:
    """Each milestone is reached once: its notices are told once."""
    reached = list(
        Milestone.objects.filter(
            pk__in=list(milestone_ids), achieved_on__isnull=False
        ).select_related("trainee")
    )
    if not reached:
        return
    care_workers = recipients.care_workers_of({m.trainee_id for m in reached})
    notices: list[Notice] = []
    for milestone in reached:
        key = f"milestone:{milestone.pk}"
        trainee = milestone.trainee
        if trainee.user_id:
            params = {"title": milestone.title}
            notices.append(
                Notice(trainee.user_id, YOU_REACHED, key, Link("portal:progress"), params)
            )
        for user_id in care_workers.get(milestone.trainee_id, set()):
            params = {"title": milestone.title, "trainee": trainee.full_name}
            link = Link("care:trainee_record", (milestone.trainee_id,))
            notices.append(Notice(user_id, REACHED, key, link, params))
    send(notices)
