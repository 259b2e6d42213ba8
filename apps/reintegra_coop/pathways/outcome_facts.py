"""The facts the funder's report counts, read for a project's participants and a date range:
starts and the furthest stage reached (the stage history, undone steps left out), the
characteristics recorded with consent, exits with their follow-ups, and approved hours by work
type. outcomes.py counts them."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Sum

from reintegra_coop.people.models import StageChange, Trainee
from reintegra_coop.work.models import WorkLog

from . import outcomes
from .models import Exit, FollowUpPoint, FundingProject, ParticipantProfile


def facts_for(
    project: FundingProject, first: datetime.date, last: datetime.date
) -> tuple[list[outcomes.Participant], list[outcomes.Leaver], dict[str, int]]:
    ids = list(project.participants.values_list("pk", flat=True))
    return _starters(ids, first, last), _leavers(ids, first, last), _minutes(ids, first, last)


def _starters(
    ids: list[int], first: datetime.date, last: datetime.date
) -> list[outcomes.Participant]:
    started = list(
        Trainee.objects.filter(
            pk__in=ids, participation_started_on__range=(first, last)
        ).values_list("pk", "participation_started_on", "date_of_birth", "stage")
    )
    # The furthest stage: of the steps taken by the last day (and the stage each left), or
    # today's stage for a record without a history.
    reached: dict[int, int] = defaultdict(int)
    known = outcomes.STAGES_REACHED
    steps = StageChange.objects.filter(
        trainee_id__in=[pk for pk, *_ in started], undone_at__isnull=True, on__lte=last
    ).values_list("trainee_id", "from_stage", "to_stage")
    with_history = set()
    for trainee_id, left, entered in steps:
        with_history.add(trainee_id)
        for stage in (left, entered):
            if stage in known:
                reached[trainee_id] = max(reached[trainee_id], known.index(stage))
    for pk, _started_on, _born, stage in started:
        if pk not in with_history and stage in known:
            reached[pk] = known.index(stage)
    profiles = {
        p.trainee_id: p
        for p in ParticipantProfile.objects.filter(
            trainee_id__in=[pk for pk, *_ in started], consent_on__lte=last
        )
    }
    found = []
    for pk, started_on, born_on, _stage in started:
        profile = profiles.get(pk)
        found.append(
            outcomes.Participant(
                pk,
                started_on or first,  # never empty: the query asked for the range
                outcomes.STAGES_REACHED[reached[pk]],
                born_on,
                profile.sex if profile else "",
                profile.long_term_unemployed if profile else None,
                profile.homeless if profile else None,
                profile.disability if profile else None,
            )
        )
    return found


def _leavers(ids: list[int], first: datetime.date, last: datetime.date) -> list[outcomes.Leaver]:
    exits = Exit.objects.filter(
        trainee_id__in=ids, cancelled_at__isnull=True, exited_on__range=(first, last)
    ).prefetch_related("follow_ups")
    found = []
    for exit_record in exits:
        done = {f.point: f for f in exit_record.follow_ups.all() if f.contacted_on is not None}
        four, six = done.get(FollowUpPoint.FOUR_WEEKS), done.get(FollowUpPoint.SIX_MONTHS)
        found.append(
            outcomes.Leaver(
                exit_record.trainee_id,
                exit_record.reason,
                exit_record.work_status,
                exit_record.housing,
                four.work_status if four else None,
                six.work_status if six else None,
                six.housing if six else None,
            )
        )
    return found


def _minutes(ids: list[int], first: datetime.date, last: datetime.date) -> dict[str, int]:
    rows = (
        WorkLog.objects.current()
        .approved()
        .working()
        .filter(trainee_id__in=ids, date__range=(first, last))
        .values("work_type")
        .annotate(minutes=Sum("minutes"))
        .order_by()
    )
    return {row["work_type"]: row["minutes"] for row in rows}
