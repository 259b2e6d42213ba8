"""Rules with dates, applied day by day: pure functions over plain values.

- A trainee's pay schemes have valid-from and valid-to (inclusive); a month with a change is
  split by date, each day paid by the scheme in force that day (``segments``).
- Hourly rates sit in a rate table: each row may name a workshop, a skill and a programme stage
  (blank = any), with validity dates. The row matching a log with the most named fields wins,
  ties broken skill over workshop over stage, then the latest valid-from; no matching row means
  the scheme's own rate (``hourly_rate_for``).
- A trainee's programme stage on a day comes from the stage history (``stage_on``).

Worked example (README, "The rate table"): rows "any work 30.00", "Carpentry 32.00",
"Carpentry + participant 34.00", "skill Planing 33.00". A participant planing in carpentry
matches all four; "Carpentry + participant" names two fields, the others one or none: 34.00.
A trainee in the trial month planing in carpentry matches "any work", "Carpentry" and
"Planing" (one named field each): skill beats workshop, 33.00. Sanding in the garden matches
only "any work": 30.00.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class RateRow:
    rate: Decimal
    valid_from: datetime.date
    valid_until: datetime.date | None = None
    workshop_id: int | None = None
    skill_id: int | None = None
    stage: str = ""

    def in_force(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)

    def matches(self, workshop_id: int, skill_id: int | None, stage: str) -> bool:
        return (
            (self.workshop_id is None or self.workshop_id == workshop_id)
            and (self.skill_id is None or self.skill_id == skill_id)
            and (not self.stage or self.stage == stage)
        )

    def specificity(self) -> tuple[int, bool, bool, bool, datetime.date]:
        named = (self.skill_id is not None, self.workshop_id is not None, bool(self.stage))
        return (sum(named), *named, self.valid_from)


def hourly_rate_for(
    rows: Iterable[RateRow],
    day: datetime.date,
    workshop_id: int,
    skill_id: int | None,
    stage: str,
    scheme_rate: Decimal,
) -> Decimal:
    """The rate of an hour of work on ``day``: the most specific row of the table that
    matches, or the scheme's own rate."""
    matching = [
        row for row in rows if row.in_force(day) and row.matches(workshop_id, skill_id, stage)
    ]
    if not matching:
        return scheme_rate
    return max(matching, key=RateRow.specificity).rate


def stage_on(
    changes: Sequence[tuple[datetime.date, str]], day: datetime.date, first_stage: str
) -> str:
    """The stage on ``day``, from the changes (date, new stage) in date order."""
    stage = first_stage
    for on, to_stage in changes:
        if on <= day:
            stage = to_stage
        else:
            break
    return stage


@dataclass(frozen=True)
class Segment:
    """The days of a month one scheme pays."""

    scheme_index: int
    first: datetime.date
    last: datetime.date

    def holds(self, day: datetime.date) -> bool:
        return self.first <= day <= self.last


def segments(
    schemes: Sequence[tuple[datetime.date, datetime.date | None]],
    first: datetime.date,
    last: datetime.date,
) -> list[Segment]:
    """For each scheme (valid from, valid until) the part of [first, last] it holds. Schemes
    of one trainee never overlap (the model refuses it)."""
    found = []
    for index, (valid_from, valid_until) in enumerate(schemes):
        start = max(first, valid_from)
        end = min(last, valid_until) if valid_until is not None else last
        if start <= end:
            found.append(Segment(index, start, end))
    return sorted(found, key=lambda segment: segment.first)


def scheme_on(found: Sequence[Segment], day: datetime.date) -> int | None:
    """The index of the scheme in force on ``day``, or None: work that day is not paid."""
    for segment in found:
        if segment.holds(day):
            return segment.scheme_index
    return None
