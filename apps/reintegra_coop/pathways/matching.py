"""Matching trainees to job openings: pure functions over plain facts (no database).

An opening asks for readiness — hours in a skill, an attendance rate over some weeks, a run of
shifts on time, an achieved milestone. A trainee's *verified* record (approved hours, achieved
milestones with their evidence, attendance from the approved logs; never care data) meets each
need by a share from 0 to 1: what they have ÷ what is asked, at most 1 (a milestone is 0 or 1).
Their score for the opening is the mean share; an opening asking for nothing scores everyone 1.
Trainees are ranked by score, then by how many needs they meet in full.
"""

from __future__ import annotations

import datetime
import heapq
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

HOURS_IN_SKILL = "hours_in_skill"
ATTENDANCE_RATE = "attendance_rate"
PUNCTUALITY_STREAK = "punctuality_streak"
ACHIEVED_MILESTONE = "achieved_milestone"


@dataclass(frozen=True)
class Need:
    kind: str
    amount: Decimal = Decimal(1)  # hours, a percentage or shifts; 1 for a milestone
    skill_id: int | None = None
    weeks: int = 8  # of an attendance rate
    title: str = ""  # of a milestone


@dataclass(frozen=True)
class OpeningNeeds:
    opening_id: int
    needs: tuple[Need, ...]


@dataclass(frozen=True)
class Record:
    """A trainee's verified record, as matching sees it."""

    trainee_id: int
    hours_by_skill: Mapping[int, Decimal] = field(default_factory=dict)
    attendance: Mapping[int, Decimal] = field(default_factory=dict)  # weeks → percent
    streak: int = 0  # rostered shifts in a row on time, up to the last one
    milestones: Mapping[str, datetime.date] = field(default_factory=dict)  # title → achieved
    # the same in floats, for the ranking's inner loop (made once)
    fast: tuple[Any, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "fast", _floats(self))


@dataclass(frozen=True)
class Check:
    need: Need
    have: Decimal
    met: bool

    @property
    def share(self) -> Decimal:
        if self.need.kind == ACHIEVED_MILESTONE:
            return Decimal(1) if self.met else Decimal(0)
        return min(self.have / self.need.amount, Decimal(1))

    @property
    def missing(self) -> Decimal:
        """What is still to do (hours, percentage points, shifts); 0 when met."""
        return max(self.need.amount - self.have, Decimal(0))


@dataclass(frozen=True)
class Match:
    trainee_id: int
    opening_id: int
    score: Decimal  # 0 to 1, to 4 places
    checks: tuple[Check, ...]

    @property
    def met(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if c.met)

    @property
    def missing(self) -> tuple[Check, ...]:
        return tuple(c for c in self.checks if not c.met)

    @property
    def meets_all(self) -> bool:
        return all(c.met for c in self.checks)


def milestone_key(title: str) -> str:
    return " ".join(title.split()).casefold()


def have(need: Need, record: Record) -> Decimal:
    if need.kind == HOURS_IN_SKILL:
        return record.hours_by_skill.get(need.skill_id or 0, Decimal(0))
    if need.kind == ATTENDANCE_RATE:
        return record.attendance.get(need.weeks, Decimal(0))
    if need.kind == PUNCTUALITY_STREAK:
        return Decimal(record.streak)
    if need.kind == ACHIEVED_MILESTONE:
        return Decimal(1) if milestone_key(need.title) in record.milestones else Decimal(0)
    raise ValueError(f"an opening cannot ask for {need.kind}")


def check(need: Need, record: Record) -> Check:
    amount = have(need, record)
    return Check(need, amount, amount >= need.amount)


def match(opening: OpeningNeeds, record: Record) -> Match:
    checks = tuple(check(need, record) for need in opening.needs)
    return Match(record.trainee_id, opening.opening_id, _mean(c.share for c in checks), checks)


def _mean(shares: Iterable[Decimal]) -> Decimal:
    values = list(shares)
    if not values:
        return Decimal(1)
    return (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.0001"))


# The ranking's inner loop must take a few microseconds (2,000 trainees × 200 openings in
# under a second): it works on floats, made once per record and per opening; the evidence of
# the trainees shown is then worked out exactly, in Decimal, by ``match``.
_HOURS, _ATTENDANCE, _STREAK, _MILESTONE = range(4)
_CODES = {
    HOURS_IN_SKILL: _HOURS,
    ATTENDANCE_RATE: _ATTENDANCE,
    PUNCTUALITY_STREAK: _STREAK,
    ACHIEVED_MILESTONE: _MILESTONE,
}
Compiled = tuple[tuple[int, float, Any], ...]


def _compiled(needs: tuple[Need, ...]) -> Compiled:
    keys = {
        _HOURS: lambda n: n.skill_id or 0,
        _ATTENDANCE: lambda n: n.weeks,
        _STREAK: lambda n: None,
        _MILESTONE: lambda n: milestone_key(n.title),
    }
    compiled = []
    for need in needs:
        if need.kind not in _CODES:
            raise ValueError(f"an opening cannot ask for {need.kind}")
        code = _CODES[need.kind]
        compiled.append((code, float(need.amount), keys[code](need)))
    return tuple(compiled)


def _floats(record: Record) -> tuple[Any, ...]:
    return (
        {k: float(v) for k, v in record.hours_by_skill.items()},
        {k: float(v) for k, v in record.attendance.items()},
        float(record.streak),
        record.milestones,
    )


def _quick(compiled: Compiled, fast: tuple[Any, ...]) -> tuple[float, int]:
    """The score (as a float) and how many needs are met in full."""
    if not compiled:
        return 1.0, 0
    hours, attendance, streak, milestones = fast
    total, met = 0.0, 0
    for code, amount, key in compiled:
        if code == _MILESTONE:
            have = 1.0 if key in milestones else 0.0
        elif code == _HOURS:
            have = hours.get(key, 0.0)
        elif code == _ATTENDANCE:
            have = attendance.get(key, 0.0)
        else:
            have = streak
        if have >= amount:
            total += 1.0
            met += 1
        else:
            total += have / amount
    return total / len(compiled), met


def quick_score(opening: OpeningNeeds, record: Record) -> tuple[float, int]:
    """What the ranking sorts by: the score as a float and the needs met in full."""
    return _quick(_compiled(opening.needs), record.fast)


def rank(opening: OpeningNeeds, records: Iterable[Record], limit: int | None = None) -> list[Match]:
    """The trainees best matching ``opening``, best first (ties: the lower trainee id first);
    only the first ``limit`` are worked out in full, with their evidence."""
    compiled = _compiled(opening.needs)
    keyed = [(*_negated(_quick(compiled, r.fast)), r.trainee_id, r) for r in records]
    best = heapq.nsmallest(limit, keyed) if limit is not None else sorted(keyed)
    return [match(opening, record) for *_, record in best]


def best_openings(
    record: Record, openings: Iterable[OpeningNeeds], limit: int | None = None
) -> list[Match]:
    """The openings ``record`` meets best, best first (ties: the newer opening first)."""
    keyed = [
        (*_negated(_quick(_compiled(o.needs), record.fast)), -o.opening_id, o) for o in openings
    ]
    best = heapq.nsmallest(limit, keyed) if limit is not None else sorted(keyed)
    return [match(opening, record) for *_, opening in best]


def _negated(quick: tuple[float, int]) -> tuple[float, int]:
    return -quick[0], -quick[1]
