"""Milestone progress from the work record: pure functions over plain facts (DESIGN.md).

| kind               | achieved when                                                  |
| hours in skill     | approved hours with skill S ≥ N                                |
| attendance rate    | attended ÷ rostered shifts over the last W weeks ≥ X %         |
| punctuality streak | N rostered shifts in a row started on time                     |
| independent work   | N tasks logged "done independently"                            |
| placement          | N days worked at a partner employer                            |
| course / manual    | signed off by staff, with evidence                             |
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

HOURS_IN_SKILL = "hours_in_skill"
ATTENDANCE_RATE = "attendance_rate"
PUNCTUALITY_STREAK = "punctuality_streak"
INDEPENDENT_WORK = "independent_work"
PLACEMENT = "placement"
SIGNED_OFF = "signed_off"


@dataclass(frozen=True)
class Entry:
    """One approved work log, as the milestones see it."""

    log_id: int
    date: datetime.date
    minutes: int
    skill_id: int | None = None
    attended: bool = True  # present or late
    on_time: bool = True  # present (not late)
    independent: bool = False
    rostered: bool = True  # the day was on the trainee's roster
    placement: bool = False  # worked at a partner employer
    workshop_id: int | None = None


@dataclass(frozen=True)
class Target:
    kind: str
    amount: Decimal  # hours, shifts, tasks, days or a percentage
    skill_id: int | None = None
    weeks: int = 4
    # a placement's own days: at its employer's workshop, from its first to its last day
    workshop_id: int | None = None
    since: datetime.date | None = None
    until: datetime.date | None = None


@dataclass(frozen=True)
class Progress:
    done: Decimal
    target: Decimal
    achieved_on: datetime.date | None = None
    proof: tuple[int, ...] = field(default=())

    @property
    def share(self) -> Decimal:
        return share_of(self.done, self.target)


def share_of(done: Decimal, target: Decimal | None) -> Decimal:
    """How far along a milestone is, from 0 to 1: done ÷ target, at most 1 (no target: 0)."""
    if target is None or target <= 0:
        return Decimal(0)
    return min(Decimal(done) / Decimal(target), Decimal(1))


def progress(target: Target, entries: list[Entry], today: datetime.date) -> Progress:
    if target.amount <= 0:
        raise ValueError("a milestone's target must be more than zero")
    ordered = sorted(entries, key=lambda e: (e.date, e.log_id))
    if target.kind == HOURS_IN_SKILL:
        return _cumulative(
            target,
            [e for e in ordered if e.attended and e.skill_id == target.skill_id],
            lambda e: Decimal(e.minutes) / 60,
        )
    if target.kind == INDEPENDENT_WORK:
        return _cumulative(
            target, [e for e in ordered if e.attended and e.independent], lambda e: Decimal(1)
        )
    if target.kind == PLACEMENT:
        days: dict[datetime.date, Entry] = {}
        for entry in ordered:
            if entry.attended and entry.placement and _within(target, entry):
                days.setdefault(entry.date, entry)
        return _cumulative(target, list(days.values()), lambda e: Decimal(1))
    if target.kind == PUNCTUALITY_STREAK:
        return _streak(target, [e for e in ordered if e.rostered])
    if target.kind == ATTENDANCE_RATE:
        return _attendance(target, ordered, today)
    raise ValueError(f"{target.kind} is signed off by staff, not computed")


def _within(target: Target, entry: Entry) -> bool:
    return (
        (target.workshop_id is None or entry.workshop_id == target.workshop_id)
        and (target.since is None or target.since <= entry.date)
        and (target.until is None or entry.date <= target.until)
    )


def _cumulative(target: Target, entries: list[Entry], worth: object) -> Progress:
    done, proof = Decimal(0), []
    for entry in entries:
        done += worth(entry)  # type: ignore[operator]
        proof.append(entry.log_id)
        if done >= target.amount:
            return Progress(done, target.amount, entry.date, tuple(proof))
    return Progress(done, target.amount)


def _streak(target: Target, rostered: list[Entry]) -> Progress:
    """The current run of on-time shifts (a late start or an absence starts it again)."""
    run: list[Entry] = []
    for entry in rostered:
        run = [*run, entry] if entry.attended and entry.on_time else []
        if len(run) >= target.amount:
            return Progress(
                Decimal(len(run)), target.amount, entry.date, tuple(e.log_id for e in run)
            )
    return Progress(Decimal(len(run)), target.amount)


def current_streak(entries: list[Entry]) -> int:
    """The rostered shifts in a row started on time, up to the latest one (0 if it was late or
    missed): what a trainee can show today, as a job opening asks for it."""
    run = 0
    for entry in sorted(entries, key=lambda e: (e.date, e.log_id), reverse=True):
        if not entry.rostered:
            continue
        if not (entry.attended and entry.on_time):
            break
        run += 1
    return run


def attendance_percent(entries: list[Entry], weeks: int, today: datetime.date) -> Decimal:
    """Attended ÷ rostered days over the last ``weeks`` up to ``today``, in percent (exact;
    0 when nothing was rostered)."""
    since = today - datetime.timedelta(weeks=weeks)
    window = [e for e in entries if e.rostered and since < e.date <= today]
    if not window:
        return Decimal(0)
    rate = Fraction(sum(1 for e in window if e.attended), len(window)) * 100
    return Decimal(rate.numerator) / Decimal(rate.denominator)


def _attendance(target: Target, entries: list[Entry], today: datetime.date) -> Progress:
    since = today - datetime.timedelta(weeks=target.weeks)
    window = [e for e in entries if e.rostered and since < e.date <= today]
    if not window:
        return Progress(Decimal(0), target.amount)
    attended = [e for e in window if e.attended]
    done = attendance_percent(entries, target.weeks, today)
    achieved = done >= target.amount
    return Progress(
        done.quantize(Decimal("0.01")),
        target.amount,
        today if achieved else None,
        tuple(e.log_id for e in attended) if achieved else (),
    )
