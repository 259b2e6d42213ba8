"""Checking logs and roster assignments against the rules, for one entry or a whole crew sheet.

A RuleBook loads, in a fixed handful of queries, everything the rules need for a set of
trainees and a week: their other logs (or assignments), their work constraints and unavailable
times, and locked periods. Rows checked in the same batch are added to it as they pass, so two
rows of one sheet cannot overlap either.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra_coop.core.calendar import is_working_day
from reintegra_coop.core.roles import Role, role_of
from reintegra_coop.people.models import Trainee

from .exceptions import WorkRuleError
from .models import WORKING_CODES, LockedPeriod, Shift, ShiftAssignment, WorkLog, week_of
from .rules import Context, Span, Violation, check, minutes_of
from .sources import limits_for

Entry = tuple[datetime.date, Span, bool]  # day, span, counts as working time


class RuleBook:
    def __init__(
        self,
        trainee_ids: Iterable[int],
        days: Iterable[datetime.date],
        roster: bool = False,
        exclude: Iterable[int] = (),
    ) -> None:
        """``roster``: check assignments (future dates allowed) instead of logs.
        ``exclude``: ids of the logs or assignments being replaced."""
        self.roster = roster
        self.today = timezone.localdate()
        trainee_ids, days = set(trainee_ids), sorted(set(days))
        trainees = Trainee.objects.filter(pk__in=trainee_ids)
        if connection.in_atomic_block:
            # Lock the trainees, so two saves for one trainee (two tablets, a sheet and the
            # API) cannot both pass the checks and then overlap.
            trainees = trainees.select_for_update()
        self.programme = {
            pk: (started, exited)
            for pk, started, exited in trainees.values_list(
                "pk", "participation_started_on", "exited_on"
            )
        }
        first, last = week_of(days[0])[0], week_of(days[-1])[1]
        self.entries: dict[int, list[Entry]] = defaultdict(list)
        self._load_entries(trainee_ids, first, last, set(exclude))
        self.limits = limits_for(trainee_ids)
        self.locked = (
            []
            if roster
            else list(
                LockedPeriod.objects.filter(first_day__lte=last, last_day__gte=first).values_list(
                    "first_day", "last_day"
                )
            )
        )

    def _load_entries(
        self, trainee_ids: set[int], first: datetime.date, last: datetime.date, exclude: set[int]
    ) -> None:
        if self.roster:
            rows = (
                ShiftAssignment.objects.filter(
                    trainee_id__in=trainee_ids, shift__date__range=(first, last)
                )
                .exclude(pk__in=exclude)
                .values_list("trainee_id", "shift__date", "shift__start", "shift__end")
            )
            for trainee_id, day, start, end in rows:
                self.entries[trainee_id].append(
                    (day, Span(minutes_of(start), minutes_of(end)), True)
                )
            return
        logs = (
            WorkLog.objects.current()
            .filter(trainee_id__in=trainee_ids, date__range=(first, last))
            .exclude(pk__in=exclude)
            .values_list("trainee_id", "date", "start", "end", "attendance")
        )
        for trainee_id, day, start, end, attendance in logs:
            working = attendance in WORKING_CODES
            self.entries[trainee_id].append(
                (day, Span(minutes_of(start), minutes_of(end)), working)
            )

    def violations(
        self,
        trainee_id: int,
        day: datetime.date,
        start: datetime.time,
        end: datetime.time,
        working: bool = True,
        late: bool = False,
        deferred: bool = False,
    ) -> list[Violation]:
        """``late``: an entry for a closed month; ``deferred``: already moved out of its open
        month by a manager (the period's defer), so it stays late there."""
        span = Span(minutes_of(start), minutes_of(end))
        monday, sunday = week_of(day)
        locked = any(first <= day <= last for first, last in self.locked)
        others = [(d, s) for d, s, w in self.entries[trainee_id] if w]
        context = Context(
            today=datetime.date.max if self.roster else self.today,
            other_spans=tuple(s for d, s in others if d == day),
            other_minutes_that_day=sum(s.minutes for d, s in others if d == day),
            other_minutes_that_week=sum(s.minutes for d, s in others if monday <= d <= sunday),
            locked=locked and not late,
            late_in_open_month=late and not locked and not deferred and not self.roster,
            limits=self.limits(trainee_id, day),
            working_day=self.roster or is_working_day(day),
            in_programme=self.roster or self._in_programme(trainee_id, day),
        )
        return check(day, span, context, working)

    def _in_programme(self, trainee_id: int, day: datetime.date) -> bool:
        started, exited = self.programme.get(trainee_id, (None, None))
        return started is not None and started <= day and (exited is None or day <= exited)

    def admit(
        self,
        trainee_id: int,
        day: datetime.date,
        start: datetime.time,
        end: datetime.time,
        working: bool,
        by: Any,
        override_reason: str = "",
        late: bool = False,
        deferred: bool = False,
    ) -> list[Violation]:
        """Check one entry; raise WorkRuleError unless it passes (a manager's recorded reason
        lets soft limits through). On success the entry joins the book for later rows.
        ``late``: an entry for a closed month, paid in a later pay period."""
        found = self.violations(trainee_id, day, start, end, working, late, deferred)
        if found and not may_override(found, by, override_reason):
            raise WorkRuleError(found)
        self.entries[trainee_id].append((day, Span(minutes_of(start), minutes_of(end)), working))
        return found


def may_override_limits(user: Any) -> bool:
    """Only a manager lets a soft limit through (with a recorded reason)."""
    return role_of(user) == Role.MANAGER


def may_override(found: list[Violation], by: Any, override_reason: str) -> bool:
    return (
        all(not violation.hard for violation in found)
        and bool(override_reason.strip())
        and may_override_limits(by)
    )


def check_log(log: WorkLog, by: Any) -> None:
    """Refuse a single log (from the admin, the API or a correction) that breaks a rule."""
    exclude = [pk for pk in (log.pk, log.amends_id) if pk]
    book = RuleBook([log.trainee_id], [log.date], exclude=exclude)
    book.admit(
        log.trainee_id,
        log.date,
        log.start,
        log.end,
        log.is_working,
        by,
        log.override_reason,
        late=log.late,
        deferred=bool(log.pk) and WorkLog.objects.filter(pk=log.pk, late=True).exists(),
    )


def check_assignment(assignment: ShiftAssignment, by: Any) -> None:
    """Refuse an assignment to a full shift, of a trainee not in the shift's workshop, or
    breaking a rule. Call inside the transaction that saves it: the shift stays locked."""
    with transaction.atomic():
        shift = (
            Shift.objects.select_for_update().select_related("workshop").get(pk=assignment.shift_id)
        )
        trainee = Trainee.objects.get(pk=assignment.trainee_id)
        if not trainee.workshops.filter(pk=shift.workshop_id).exists():
            raise WorkRuleError(
                [
                    Violation(
                        "workshop",
                        _("%(name)s does not work in %(workshop)s.")
                        % {"name": trainee.full_name, "workshop": shift.workshop.name},
                    )
                ]
            )
        if shift.assignments.exclude(pk=assignment.pk).count() >= shift.capacity:
            raise WorkRuleError(
                [
                    Violation(
                        "capacity",
                        _("The shift %(start)s–%(end)s on %(date)s is full (%(capacity)s).")
                        % {
                            "start": f"{shift.start:%H:%M}",
                            "end": f"{shift.end:%H:%M}",
                            "date": shift.date.isoformat(),
                            "capacity": shift.capacity,
                        },
                    )
                ]
            )
        book = RuleBook(
            [trainee.pk],
            [shift.date],
            roster=True,
            exclude=[assignment.pk] if assignment.pk else [],
        )
        book.admit(
            trainee.pk, shift.date, shift.start, shift.end, True, by, assignment.override_reason
        )
