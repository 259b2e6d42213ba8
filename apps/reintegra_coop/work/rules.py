"""The rules a work log or a roster assignment must keep (DESIGN.md, "Rules the whole system
keeps"). Pure functions over plain values: the database gathering is in validation.py.

Hard rules (overlaps, unavailable times, earliest start / latest end, a locked period, end not
after start, more than 16 hours, a future date, a day that is not a working day or is outside
the trainee's programme) cannot be overridden. Soft rules (the caps on
hours per day and per week) may be overridden by a manager with a recorded reason.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

MAX_LOG_MINUTES = 16 * 60


@dataclass(frozen=True)
class Span:
    """A stretch of one day, in minutes from midnight."""

    start: int
    end: int

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    @property
    def minutes(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class Limits:
    max_minutes_per_day: int | None = None
    max_minutes_per_week: int | None = None
    earliest_start: int | None = None
    latest_end: int | None = None
    unavailable: tuple[Span, ...] = ()  # the blocks that apply on the day being checked


@dataclass(frozen=True)
class Violation:
    rule: str
    message: str
    hard: bool = True


@dataclass(frozen=True)
class Context:
    """What the rules need to know about the rest of the trainee's record."""

    today: datetime.date
    other_spans: tuple[Span, ...] = ()  # other logs (or assignments) of the same day
    other_minutes_that_day: int = 0
    other_minutes_that_week: int = 0
    locked: bool = False
    #: marked late (for a closed month) though the month is open and the entry was not
    #: deferred there by a manager
    late_in_open_month: bool = False
    limits: Limits = field(default_factory=Limits)
    #: a day code (present, sick, ...) exists only on a working day inside the programme
    working_day: bool = True
    in_programme: bool = True


def minutes_of(time: datetime.time) -> int:
    return time.hour * 60 + time.minute


def clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def check(
    day: datetime.date, span: Span, context: Context, working: bool = True
) -> list[Violation]:
    """Every rule ``span`` on ``day`` breaks. ``working`` is False for an absence (sick, day
    off, ...), which takes no time and so cannot overlap or exceed anything."""
    if span.end <= span.start:
        return [
            Violation(
                "end_before_start",
                _("The end (%(end)s) must be after the start (%(start)s).")
                % {"end": clock(span.end), "start": clock(span.start)},
            )
        ]
    found: list[Violation] = []
    if span.minutes > MAX_LOG_MINUTES:
        found.append(
            Violation(
                "too_long", _("%(hours)s is more than 16 hours.") % {"hours": clock(span.minutes)}
            )
        )
    if day > context.today:
        found.append(
            Violation("future_date", _("%(date)s is in the future.") % {"date": day.isoformat()})
        )
    if context.locked:
        found.append(
            Violation(
                "locked_period",
                _("%(date)s is in a closed month: record it as a late entry.")
                % {"date": day.isoformat()},
            )
        )
    if context.late_in_open_month:
        found.append(
            Violation(
                "late_in_open_month",
                _(
                    "%(date)s is in an open month: record the entry as usual (a manager "
                    "defers entries to a later month on the Pay page)."
                )
                % {"date": day.isoformat()},
            )
        )
    found.extend(day_code_problems(day, context.working_day, context.in_programme))
    if not working:
        return found
    found.extend(overlaps(span, context.other_spans))
    found.extend(_limits(span, context))
    return found


def day_code_problems(day: datetime.date, working_day: bool, in_programme: bool) -> list[Violation]:
    """A day code (present, late, excused, unexcused, sick, day off) exists only on a working
    day (Monday to Friday, not a public holiday) inside the trainee's programme."""
    found = []
    if not working_day:
        found.append(
            Violation(
                "not_a_working_day",
                _("%(date)s is not a working day (a weekend or a public holiday).")
                % {"date": day.isoformat()},
            )
        )
    if not in_programme:
        found.append(
            Violation(
                "outside_programme",
                _("%(date)s is outside the trainee's programme.") % {"date": day.isoformat()},
            )
        )
    return found


def overlaps(span: Span, others: Iterable[Span]) -> list[Violation]:
    return [
        Violation(
            "overlap",
            _("%(start)s–%(end)s overlaps another entry, %(other_start)s–%(other_end)s.")
            % {
                "start": clock(span.start),
                "end": clock(span.end),
                "other_start": clock(other.start),
                "other_end": clock(other.end),
            },
        )
        for other in sorted(others, key=lambda s: s.start)
        if span.overlaps(other)
    ]


def _limits(span: Span, context: Context) -> list[Violation]:
    limits, found = context.limits, []
    for block in limits.unavailable:
        if span.overlaps(block):
            # Only "unavailable": the reason is care data and stays with the care workers.
            found.append(
                Violation(
                    "unavailable",
                    _("The trainee is unavailable %(start)s–%(end)s.")
                    % {"start": clock(block.start), "end": clock(block.end)},
                )
            )
    if limits.earliest_start is not None and span.start < limits.earliest_start:
        found.append(
            Violation(
                "earliest_start",
                _("The trainee may start at %(time)s at the earliest.")
                % {"time": clock(limits.earliest_start)},
            )
        )
    if limits.latest_end is not None and span.end > limits.latest_end:
        found.append(
            Violation(
                "latest_end",
                _("The trainee must finish by %(time)s.") % {"time": clock(limits.latest_end)},
            )
        )
    day_total = context.other_minutes_that_day + span.minutes
    if limits.max_minutes_per_day is not None and day_total > limits.max_minutes_per_day:
        found.append(
            Violation(
                "max_per_day",
                _("%(total)s that day is more than the trainee's limit of %(limit)s a day.")
                % {"total": clock(day_total), "limit": clock(limits.max_minutes_per_day)},
                hard=False,
            )
        )
    week_total = context.other_minutes_that_week + span.minutes
    if limits.max_minutes_per_week is not None and week_total > limits.max_minutes_per_week:
        found.append(
            Violation(
                "max_per_week",
                _("%(total)s that week is more than the trainee's limit of %(limit)s a week.")
                % {"total": clock(week_total), "limit": clock(limits.max_minutes_per_week)},
                hard=False,
            )
        )
    return found
