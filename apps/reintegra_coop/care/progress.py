"""Recomputing milestones from the approved work record, in bulk (called when logs are
approved or corrected; for everyone by the worker every night and by the
`recompute_milestones` command)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from reintegra_coop.people.models import Trainee
from reintegra_coop.work.models import WORKING_CODES, ShiftAssignment, WorkLog

from . import milestones as calc
from . import notices
from .plans import Milestone, MilestoneKind


def entries_for(
    trainee_ids: Iterable[int], today: datetime.date, since: datetime.date | None = None
) -> dict[int, list[calc.Entry]]:
    """The approved work record as the milestones see it, up to ``today`` (and after ``since``,
    when given: matching reads only the last weeks)."""
    ids = list(trainee_ids)
    by_trainee: dict[int, list[calc.Entry]] = defaultdict(list)
    logged: set[tuple[int, datetime.date]] = set()
    after = {"date__gt": since} if since else {}
    shift_after = {"shift__date__gt": since} if since else {}
    rows = (
        WorkLog.objects.current()
        .approved()
        .filter(trainee_id__in=ids, date__lte=today, **after)
        .values_list(
            "pk",
            "trainee_id",
            "date",
            "minutes",
            "skill_id",
            "attendance",
            "done_independently",
            "shift_id",
            "workshop__partner_employer",
            "workshop_id",
        )
    )
    for (
        pk,
        trainee_id,
        day,
        minutes,
        skill_id,
        attendance,
        independent,
        shift_id,
        partner,
        workshop_id,
    ) in rows:
        logged.add((trainee_id, day))
        by_trainee[trainee_id].append(
            calc.Entry(
                log_id=pk,
                date=day,
                minutes=minutes,
                skill_id=skill_id,
                attended=attendance in WORKING_CODES,
                on_time=attendance == "present",
                independent=independent,
                # A placement day is a day the trainee was expected at the employer: it counts
                # in attendance like a rostered shift (pathways/placements.py).
                rostered=shift_id is not None or partner,
                placement=partner,
                workshop_id=workshop_id,
            )
        )
    # A rostered shift with no log at all is a shift not attended.
    for trainee_id, day in ShiftAssignment.objects.filter(
        trainee_id__in=ids, shift__date__lt=today, **shift_after
    ).values_list("trainee_id", "shift__date"):
        if (trainee_id, day) not in logged:
            by_trainee[trainee_id].append(
                calc.Entry(log_id=0, date=day, minutes=0, attended=False, on_time=False)
            )
    return by_trainee


def recompute(trainee_ids: Iterable[int], today: datetime.date | None = None) -> int:
    """Update every computed milestone of these trainees; returns how many changed."""
    today = today or timezone.localdate()
    ids = list(set(trainee_ids))
    goals = list(
        Milestone.objects.filter(trainee_id__in=ids).exclude(kind=MilestoneKind.SIGNED_OFF)
    )
    if not goals:
        return 0
    entries = entries_for({m.trainee_id for m in goals}, today)
    changed: list[Milestone] = []
    proofs: list[tuple[int, int]] = []
    for milestone in goals:
        result = calc.progress(
            calc.Target(
                milestone.kind,
                milestone.target,
                milestone.skill_id,
                milestone.weeks,
                milestone.workshop_id,
                milestone.counts_from,
                milestone.counts_until,
            ),
            entries[milestone.trainee_id],
            today,
        )
        # An achievement keeps its date and proof; later corrections do not take it away.
        if milestone.achieved_on is not None:
            continue
        if (result.done, result.achieved_on) != (milestone.progress, milestone.achieved_on):
            milestone.progress = min(result.done, Decimal("9999999.99"))
            milestone.achieved_on = result.achieved_on
            changed.append(milestone)
            if result.achieved_on:
                proofs.extend((milestone.pk, log_id) for log_id in result.proof if log_id)
    with transaction.atomic():
        # One UPDATE per distinct result: far fewer and smaller than a per-row CASE.
        groups: dict[tuple[Decimal, datetime.date | None], list[int]] = defaultdict(list)
        for milestone in changed:
            groups[(milestone.progress, milestone.achieved_on)].append(milestone.pk)
        for (done, achieved_on), pks in groups.items():
            Milestone.objects.filter(pk__in=pks).update(progress=done, achieved_on=achieved_on)
        _save_proof(proofs)
        notices.milestones_reached(m.pk for m in changed if m.achieved_on)
    return len(changed)


#: trainees recomputed together: a bounded IN list on every database
BATCH = 500


def recompute_everyone(today: datetime.date | None = None) -> int:
    """Recompute the milestones of every current trainee; returns how many changed."""
    ids = list(Trainee.objects.current().order_by("pk").values_list("pk", flat=True))
    return sum(recompute(ids[at : at + BATCH], today) for at in range(0, len(ids), BATCH))


def _save_proof(proofs: list[tuple[int, int]]) -> None:
    """The logs behind each new achievement, written with one plain statement: thousands of
    rows without building a model object for each."""
    if not proofs:
        return
    through = Milestone.proof.through
    table = connection.ops.quote_name(through._meta.db_table)
    ignore = "INSERT IGNORE" if connection.vendor == "mysql" else "INSERT OR IGNORE"
    with connection.cursor() as cursor:
        cursor.executemany(
            f"{ignore} INTO {table} (milestone_id, worklog_id) VALUES (%s, %s)",
            proofs,
        )
