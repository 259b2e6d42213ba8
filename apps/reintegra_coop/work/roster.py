"""Planning the week: shifts from templates, copying last week, assigning trainees within
each shift's capacity and the trainees' work constraints."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra_coop.core.calendar import is_open_day
from reintegra_coop.people.models import Trainee

from .exceptions import WorkRuleError
from .models import Shift, ShiftAssignment, ShiftTemplate, WorkLog, WorkLogStatus
from .rules import Span, minutes_of
from .validation import RuleBook, check_assignment


def days(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]


def generate_shifts(workshop: Any, first: datetime.date, last: datetime.date, by: Any) -> int:
    """Create the shifts the workshop's active templates call for on working days; existing
    ones stay."""
    templates = list(ShiftTemplate.objects.filter(workshop=workshop, active=True))
    existing = set(
        Shift.objects.filter(workshop=workshop, date__range=(first, last)).values_list(
            "date", "start"
        )
    )
    new = [
        Shift(
            workshop=workshop,
            template=template,
            date=day,
            start=template.start,
            end=template.end,
            capacity=template.capacity,
            created_by=by,
            modified_by=by,
        )
        for day in days(first, last)
        if is_open_day(day)  # no shifts on public holidays or closed days: nobody works then
        for template in templates
        if day.weekday() in template.weekday_numbers() and (day, template.start) not in existing
    ]
    Shift.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def days_skipped_by_templates(
    workshop: Any, first: datetime.date, last: datetime.date
) -> list[datetime.date]:
    """The weekdays between ``first`` and ``last`` a template of the workshop would fill, but
    that are public holidays or days the cooperative is closed (weekends never get shifts)."""
    weekdays = {
        weekday
        for template in ShiftTemplate.objects.filter(workshop=workshop, active=True)
        for weekday in template.weekday_numbers()
    }
    return [
        day
        for day in days(first, last)
        if day.weekday() in weekdays and day.weekday() < 5 and not is_open_day(day)
    ]


def assign(shift: Shift, trainee: Any, by: Any, override_reason: str = "") -> ShiftAssignment:
    """Put a trainee on a shift; refused when the shift is full, the trainee works elsewhere
    or a work rule is broken."""
    with transaction.atomic():
        assignment = ShiftAssignment(
            shift=shift,
            trainee=trainee,
            override_reason=override_reason,
            created_by=by,
            modified_by=by,
        )
        check_assignment(assignment, by)
        assignment.save()
        return assignment


@dataclass(frozen=True)
class CopyResult:
    copied: int
    refused: list[str]
    skipped: list[datetime.date] = field(default_factory=list)  # not open days: no shifts


def copy_week(
    workshop: Any, source_monday: datetime.date, target_monday: datetime.date, by: Any
) -> CopyResult:
    """Roster next week like last week: same shifts, same trainees, where the rules allow.
    A day of the target week that is not open (a public holiday, a closed day) gets no shifts;
    it is listed in ``skipped``."""
    offset = target_monday - source_monday
    source = list(
        Shift.objects.filter(
            workshop=workshop, date__range=(source_monday, source_monday + datetime.timedelta(6))
        ).prefetch_related("assignments__trainee")
    )
    with transaction.atomic():
        targets = {
            (s.date, s.start): s
            for s in Shift.objects.filter(
                workshop=workshop,
                date__range=(target_monday, target_monday + datetime.timedelta(6)),
            )
        }
        still_here = set(
            Trainee.objects.filter(workshops=workshop).in_programme().values_list("pk", flat=True)
        )
        trainee_ids = {a.trainee_id for shift in source for a in shift.assignments.all()}
        book = RuleBook(
            trainee_ids or [0], [target_monday, target_monday + datetime.timedelta(6)], roster=True
        )
        taken = set(
            ShiftAssignment.objects.filter(shift__in=targets.values()).values_list(
                "shift_id", "trainee_id"
            )
        )
        copied, refused, skipped = [], [], set()
        for shift in source:
            if not is_open_day(shift.date + offset):
                skipped.add(shift.date + offset)
                continue
            target = targets.get((shift.date + offset, shift.start))
            if target is None:
                target = Shift.objects.create(
                    workshop=workshop,
                    template=shift.template,
                    date=shift.date + offset,
                    start=shift.start,
                    end=shift.end,
                    capacity=shift.capacity,
                    created_by=by,
                    modified_by=by,
                )
            filled = sum(1 for shift_id, _t in taken if shift_id == target.pk)
            for assignment in shift.assignments.all():
                gone = assignment.trainee_id not in still_here
                if gone or (target.pk, assignment.trainee_id) in taken:
                    continue
                name = assignment.trainee.full_name
                if filled >= target.capacity:
                    refused.append(
                        _("%(name)s on %(date)s: the shift is full.")
                        % {"name": name, "date": target.date.isoformat()}
                    )
                    continue
                try:
                    book.admit(
                        assignment.trainee_id, target.date, target.start, target.end, True, by
                    )
                except WorkRuleError as error:
                    refused.append(f"{name}, {target.date.isoformat()}: {error}")
                    continue
                copied.append(
                    ShiftAssignment(
                        shift=target,
                        trainee_id=assignment.trainee_id,
                        created_by=by,
                        modified_by=by,
                    )
                )
                taken.add((target.pk, assignment.trainee_id))
                filled += 1
        ShiftAssignment.objects.bulk_create(copied)
    return CopyResult(copied=len(copied), refused=refused, skipped=sorted(skipped))


@dataclass(frozen=True)
class Conflict:
    """A rostered shift that breaks a rule of the trainee's record as it is now."""

    assignment_id: int
    trainee: str
    date: datetime.date
    shift: str
    message: str


def booked_over_limits(
    trainee_ids: Iterable[int], first: datetime.date | None = None, weeks: int = 8
) -> list[Conflict]:
    """The trainees' shifts from ``first`` (today) for ``weeks`` that break a rule now: a
    constraint added or tightened after they were booked. The shifts are checked again in
    date order, as if booked anew; a manager's recorded override still lets soft limits
    through. The past is history, not a plan: it is not listed."""
    first = first or timezone.localdate()
    last = first + datetime.timedelta(weeks=weeks)
    assignments = list(
        ShiftAssignment.objects.filter(
            trainee_id__in=list(trainee_ids), shift__date__range=(first, last)
        )
        .select_related("shift__workshop", "trainee")
        .order_by("shift__date", "shift__start", "pk")
    )
    if not assignments:
        return []
    book = RuleBook(
        {a.trainee_id for a in assignments},
        [first, last],
        roster=True,
        exclude=[a.pk for a in assignments],
    )
    found = []
    for assignment in assignments:
        shift = assignment.shift
        broken = book.violations(assignment.trainee_id, shift.date, shift.start, shift.end)
        if assignment.override_reason:
            broken = [violation for violation in broken if violation.hard]
        book.entries[assignment.trainee_id].append(
            (shift.date, Span(minutes_of(shift.start), minutes_of(shift.end)), True)
        )
        found += [
            Conflict(
                assignment.pk,
                assignment.trainee.full_name,
                shift.date,
                f"{shift.workshop.name} {shift.start:%H:%M}–{shift.end:%H:%M}",
                violation.message,
            )
            for violation in broken
        ]
    return found


#: The rules a trainee's work constraint sets (the rest — a locked month, an overlap — are not
#: the constraint's doing, and a draft is corrected for them the usual way).
LIMIT_RULES = frozenset(
    {"unavailable", "earliest_start", "latest_end", "max_per_day", "max_per_week"}
)


@dataclass(frozen=True)
class DraftConflict:
    """A draft work log (not yet submitted) that breaks the trainee's limits as they are now."""

    log_id: int
    trainee: str
    date: datetime.date
    workshop: str
    time: str
    message: str


def drafts_over_limits(trainee_ids: Iterable[int]) -> list[DraftConflict]:
    """The trainees' draft logs that a constraint added or tightened after they were written
    now forbids: checked again in date order, as if written anew, against the other logs; a
    manager's recorded override still lets soft limits through."""
    logs = list(
        WorkLog.objects.current()
        .filter(trainee_id__in=list(trainee_ids), status=WorkLogStatus.DRAFT)
        .select_related("workshop", "trainee")
        .order_by("date", "start", "pk")
    )
    if not logs:
        return []
    book = RuleBook(
        {log.trainee_id for log in logs},
        [log.date for log in logs],
        exclude=[log.pk for log in logs],
    )
    found = []
    for log in logs:
        broken = [
            violation
            for violation in book.violations(log.trainee_id, log.date, log.start, log.end)
            if violation.rule in LIMIT_RULES and log.is_working
        ]
        if log.override_reason:
            broken = [violation for violation in broken if violation.hard]
        book.entries[log.trainee_id].append(
            (log.date, Span(minutes_of(log.start), minutes_of(log.end)), log.is_working)
        )
        found += [
            DraftConflict(
                log.pk,
                log.trainee.full_name,
                log.date,
                log.workshop.name,
                f"{log.start:%H:%M}–{log.end:%H:%M}",
                violation.message,
            )
            for violation in broken
        ]
    return found
