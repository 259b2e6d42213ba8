"""The demo cooperative's month of work: shift templates per workshop, four weeks of rosters
and logs (and next week's roster) and a few disputes. The care area's demo work constraints
are loaded before it (care.demo.load_constraints), so the month keeps them.

Idempotent: nothing is added once the workshops have shift templates. Variety comes from a
seeded random generator, so every load makes the same month relative to its day.
"""

from __future__ import annotations

import datetime
import random

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from reintegra_coop.core.demo_names import N_, in_site_language
from reintegra_coop.people.models import Skill, Stage, Trainee, Workshop

from .models import (
    AttendanceCode,
    Shift,
    ShiftAssignment,
    ShiftTemplate,
    WorkLog,
    WorkLogStatus,
    week_of,
)
from .roster import generate_shifts
from .sources import production_tasks
from .validation import RuleBook

WEEKS_BACK = 4
START, END = datetime.time(8), datetime.time(14)
DISPUTES = [
    "I was there until 14:00, not 12:00.",
    "I was not late that day.",
    "This was a training day, not paid work.",
]


@transaction.atomic
def load() -> None:
    if ShiftTemplate.objects.exists():
        return
    manager = User.objects.get(username="manager")
    today = timezone.localdate()
    first = week_of(today)[0] - datetime.timedelta(weeks=WEEKS_BACK)
    last = week_of(today)[1] + datetime.timedelta(weeks=1)
    randomness = random.Random(2026)  # noqa: S311 - demo variety, not security
    for workshop in Workshop.objects.order_by("name"):
        ShiftTemplate.objects.create(
            workshop=workshop,
            name=in_site_language(N_("Morning")),
            weekdays="0,1,2,3,4",
            start=START,
            end=END,
            capacity=10,
            created_by=manager,
        )
        generate_shifts(workshop, first, last, manager)
        crew = list(
            Trainee.objects.filter(
                workshops=workshop, stage__in=[Stage.TRIAL, Stage.PARTICIPANT]
            ).prefetch_related("workshops")
        )
        shifts = list(Shift.objects.filter(workshop=workshop, date__range=(first, last)))
        ShiftAssignment.objects.bulk_create(
            [
                ShiftAssignment(
                    shift=shift, trainee=trainee, created_by=manager, modified_by=manager
                )
                for shift in shifts
                for trainee in crew
                if _may_be_rostered(trainee, shift)
            ]
        )
        _logs(workshop, crew, [s for s in shifts if s.date < today], today, manager, randomness)
    recent = WorkLog.objects.filter(attendance=AttendanceCode.PRESENT).order_by("-date", "pk")
    for comment, log in zip(DISPUTES, recent[:3], strict=False):
        log.dispute(comment)


def _may_be_rostered(trainee: Trainee, shift: Shift) -> bool:
    """In the programme that day, and in this workshop that day: a trainee of two workshops
    works in each on alternate days (one place at a time)."""
    started = trainee.participation_started_on
    if started is None or shift.date < started:
        return False
    workshops = sorted(trainee.workshops.all(), key=lambda w: w.name)
    return workshops[shift.date.toordinal() % len(workshops)].pk == shift.workshop_id


def _logs(
    workshop: Workshop,
    crew: list[Trainee],
    shifts: list[Shift],
    today: datetime.date,
    manager: User,
    randomness: random.Random,
) -> None:
    skills = list(Skill.objects.filter(workshop=workshop))
    tasks = list(production_tasks(workshop, only_open=False))  # work done before delivery too
    waiting = today - datetime.timedelta(days=4)  # the last few days wait for approval
    logs = []
    for shift in shifts:
        for trainee in crew:
            if not _may_be_rostered(trainee, shift):
                continue
            roll = randomness.random()
            attendance = (
                AttendanceCode.UNEXCUSED
                if roll < 0.03
                else AttendanceCode.SICK
                if roll < 0.07
                else AttendanceCode.LATE
                if roll < 0.15
                else AttendanceCode.PRESENT
            )
            start = datetime.time(8, 20) if attendance == AttendanceCode.LATE else START
            logs.append(
                WorkLog(
                    trainee=trainee,
                    date=shift.date,
                    start=start,
                    end=END,
                    workshop=workshop,
                    minutes=(END.hour * 60) - (start.hour * 60 + start.minute),
                    shift=shift,
                    attendance=attendance,
                    skill=randomness.choice(skills) if skills else None,
                    task=randomness.choice(tasks) if tasks and roll > 0.5 else None,
                    done_independently=roll > 0.6,
                    status=WorkLogStatus.SUBMITTED
                    if shift.date >= waiting
                    else WorkLogStatus.APPROVED,
                    created_by=manager,
                    modified_by=manager,
                )
            )
    # The demo's logs keep the rules every log keeps (no overlaps, working days only, ...).
    book = RuleBook([log.trainee_id for log in logs] or [0], [log.date for log in logs] or [today])
    for log in logs:
        book.admit(log.trainee_id, log.date, log.start, log.end, log.is_working, manager)
    bulk_create_with_history(logs, WorkLog, default_user=manager)
