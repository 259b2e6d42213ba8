"""The verified records matching reads, loaded in bulk: approved hours by skill, attendance
and the punctuality run from the approved logs and the roster (care's own rules), and the
milestones achieved with evidence. Nothing here reads care data: no plan, note or constraint."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.db.models import Q, Sum

from reintegra_coop.care import milestones as calc
from reintegra_coop.care.plans import Milestone, MilestoneKind
from reintegra_coop.care.progress import entries_for
from reintegra_coop.work.models import WorkLog

from . import matching
from .models import Opening

#: how far back the run of shifts on time is looked for
STREAK_WEEKS = 26
#: trainees loaded together: a bounded IN list on every database
BATCH = 500


def needs_of(opening: Opening) -> matching.OpeningNeeds:
    """What ``opening`` asks for, as matching reads it (skills prefetched as ``skills``)."""
    needs = [
        matching.Need(matching.HOURS_IN_SKILL, Decimal(row.hours), skill_id=row.skill_id)
        for row in opening.skills.all()
    ]
    if opening.min_attendance_percent is not None:
        needs.append(
            matching.Need(
                matching.ATTENDANCE_RATE,
                opening.min_attendance_percent,
                weeks=opening.attendance_weeks,
            )
        )
    if opening.min_punctuality_streak:
        needs.append(
            matching.Need(matching.PUNCTUALITY_STREAK, Decimal(opening.min_punctuality_streak))
        )
    if opening.milestone_title.strip():
        needs.append(matching.Need(matching.ACHIEVED_MILESTONE, title=opening.milestone_title))
    return matching.OpeningNeeds(opening.pk, tuple(needs))


def verified_records(
    trainee_ids: Iterable[int],
    openings: Sequence[matching.OpeningNeeds],
    today: datetime.date,
) -> list[matching.Record]:
    """The record of each trainee, with what ``openings`` ask about (attendance over the weeks
    they name, the punctuality run if one asks for it)."""
    ids = sorted(set(trainee_ids))
    needs = [need for opening in openings for need in opening.needs]
    weeks = {n.weeks for n in needs if n.kind == matching.ATTENDANCE_RATE}
    wants_streak = any(n.kind == matching.PUNCTUALITY_STREAK for n in needs)
    records = []
    for at in range(0, len(ids), BATCH):
        batch = ids[at : at + BATCH]
        hours = _hours_by_skill(batch)
        achieved = _achieved_milestones(batch)
        back = max([*weeks, STREAK_WEEKS if wants_streak else 0])
        entries = entries_for(batch, today, today - datetime.timedelta(weeks=back)) if back else {}
        for trainee_id in batch:
            own = entries.get(trainee_id, [])
            records.append(
                matching.Record(
                    trainee_id,
                    hours.get(trainee_id, {}),
                    {w: calc.attendance_percent(own, w, today) for w in weeks},
                    calc.current_streak(own) if wants_streak else 0,
                    achieved.get(trainee_id, {}),
                )
            )
    return records


def _hours_by_skill(trainee_ids: list[int]) -> dict[int, dict[int, Decimal]]:
    rows = (
        WorkLog.objects.current()
        .approved()
        .working()
        .filter(trainee_id__in=trainee_ids, skill__isnull=False)
        .values("trainee_id", "skill_id")
        .annotate(minutes=Sum("minutes"))
        .order_by()
    )
    hours: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for row in rows:
        hours[row["trainee_id"]][row["skill_id"]] = Decimal(row["minutes"]) / 60
    return hours


def _achieved_milestones(trainee_ids: list[int]) -> dict[int, dict[str, datetime.date]]:
    """Achieved milestones with evidence: computed ones keep the logs that proved them; a
    signed-off one needs the evidence written down."""
    rows = (
        Milestone.objects.filter(trainee_id__in=trainee_ids, achieved_on__isnull=False)
        .filter(~Q(kind=MilestoneKind.SIGNED_OFF) | ~Q(evidence=""))
        .values_list("trainee_id", "title", "achieved_on")
    )
    achieved: dict[int, dict[str, datetime.date]] = defaultdict(dict)
    for trainee_id, title, on in rows:
        if on is not None:
            achieved[trainee_id][matching.milestone_key(title)] = on
    return achieved
