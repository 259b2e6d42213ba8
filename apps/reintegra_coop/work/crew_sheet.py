"""The instructor's crew sheet: one day of one workshop, every rostered trainee on one form,
saved in one transaction. A resent form (same token) saves nothing twice."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from .exceptions import WorkRuleError
from .models import WORKING_CODES, CrewSheetSubmission, ShiftAssignment, WorkLog, WorkLogStatus
from .rules import Violation, minutes_of
from .validation import RuleBook


@dataclass(frozen=True)
class CrewPart:
    """One stretch of a trainee's day: it becomes one work log."""

    start: datetime.time
    end: datetime.time
    attendance: str
    work_type: str
    task_id: int | None = None
    skill_id: int | None = None
    done_independently: bool = False
    note: str = ""
    shift_id: int | None = None


@dataclass(frozen=True)
class CrewRow:
    """One trainee's row: the first part of the day, and a second on a split day (morning
    garden, afternoon kitchen; or 8–12 and 13–16 with a break)."""

    trainee_id: int
    trainee_name: str
    parts: tuple[CrewPart, ...]


class CrewSheetError(Exception):
    """Some rows break rules; ``by_part`` maps (the row's index, the part's number from 1) to
    what that part breaks."""

    def __init__(self, by_part: dict[tuple[int, int], list[Violation]]) -> None:
        self.by_part = by_part
        super().__init__("; ".join(v.message for found in by_part.values() for v in found))


def rostered(workshop: Any, day: datetime.date) -> list[ShiftAssignment]:
    return list(
        ShiftAssignment.objects.filter(shift__workshop=workshop, shift__date=day)
        .select_related("trainee", "shift")
        .order_by("shift__start", "trainee__last_name", "trainee__first_name")
    )


def save_crew_sheet(
    token: uuid.UUID,
    workshop: Any,
    day: datetime.date,
    rows: list[CrewRow],
    by: Any,
    override_reason: str = "",
) -> list[WorkLog] | None:
    """Save every part of every row as a submitted work log, or none of them. The parts of a
    row are checked like any two entries of a day: they may not overlap, and the limits count
    both.

    Returns None when this token was saved before (the form was resent); raises CrewSheetError
    naming each row that breaks a rule.
    """
    with transaction.atomic():
        try:
            with transaction.atomic():
                submission = CrewSheetSubmission.objects.create(
                    token=token, workshop=workshop, date=day, submitted_by=by
                )
        except IntegrityError:
            return None
        book = RuleBook([row.trainee_id for row in rows] or [0], [day])
        problems: dict[tuple[int, int], list[Violation]] = {}
        for index, row in enumerate(rows):
            for number, part in enumerate(row.parts, start=1):
                working = part.attendance in WORKING_CODES
                try:
                    book.admit(
                        row.trainee_id, day, part.start, part.end, working, by, override_reason
                    )
                except WorkRuleError as error:
                    problems[(index, number)] = error.violations
        if problems:
            raise CrewSheetError(problems)
        logs = [
            WorkLog(
                trainee_id=row.trainee_id,
                date=day,
                start=part.start,
                end=part.end,
                minutes=minutes_of(part.end) - minutes_of(part.start),
                workshop=workshop,
                shift_id=part.shift_id,
                task_id=part.task_id,
                skill_id=part.skill_id,
                attendance=part.attendance,
                work_type=part.work_type,
                done_independently=part.done_independently,
                note=part.note,
                status=WorkLogStatus.SUBMITTED,
                override_reason=override_reason,
                submission=submission,
                created_by=by,
                modified_by=by,
            )
            for row in rows
            for part in row.parts
        ]
        return bulk_create_with_history(
            logs, WorkLog, default_user=by, default_change_reason=_("crew sheet")
        )
