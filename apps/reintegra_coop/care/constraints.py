"""A trainee's work constraints as work's rules read them: care keeps the constraints (and the
reasons, which only the care team sees); work asks for the limits on a day through
work/sources.py and never sees why.

A constraint is in force from its valid-from to its valid-until (either may be open); an
unavailable block applies on its weekday between its own validity dates."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from reintegra_coop.work.rules import Limits, Span, minutes_of
from reintegra_coop.work.sources import LimitsOn

from .models import UnavailableBlock, WorkConstraint


def load_limits(trainee_ids: Iterable[int]) -> LimitsOn:
    """The limits of these trainees, loaded in two queries; ask it for a trainee and a day."""
    constraints: dict[int, WorkConstraint] = {}
    blocks: dict[int, list[UnavailableBlock]] = {}
    for constraint in WorkConstraint.objects.filter(
        trainee_id__in=list(trainee_ids)
    ).prefetch_related("blocks"):
        constraints[constraint.trainee_id] = constraint
        blocks[constraint.trainee_id] = list(constraint.blocks.all())

    def limits_on(trainee_id: int, day: datetime.date) -> Limits:
        constraint = constraints.get(trainee_id)
        if constraint is None or not _in_force(constraint.valid_from, constraint.valid_until, day):
            return Limits()
        return Limits(
            max_minutes_per_day=constraint.max_minutes_per_day,
            max_minutes_per_week=constraint.max_minutes_per_week,
            earliest_start=minutes_of(constraint.earliest_start)
            if constraint.earliest_start
            else None,
            latest_end=minutes_of(constraint.latest_end) if constraint.latest_end else None,
            unavailable=tuple(
                Span(minutes_of(block.start), minutes_of(block.end))
                for block in blocks[trainee_id]
                if block.weekday == day.weekday()
                and _in_force(block.valid_from, block.valid_until, day)
            ),
        )

    return limits_on


def _in_force(
    valid_from: datetime.date | None, valid_until: datetime.date | None, day: datetime.date
) -> bool:
    return (valid_from is None or valid_from <= day) and (valid_until is None or day <= valid_until)
