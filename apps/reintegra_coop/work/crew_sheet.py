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
class CrewRow:
    trainee_id: int
    trainee_name: str
    start: datetime.time
    end: datetime.time
    attendance: str
    work_type: str
    task_id: int | None = None
    skill_id: int | None = None
    done_independently: bool = False
    note: str = ""
    shift_id: int | None = None


class CrewSheetError(Exception):
    """Some rows break rules; ``by_row`` maps the row's index to what it breaks."""

    def __init__(self, by_row: dict[int, list[Violation]]) -> None:
        self.by_row = by_row
        super().__init__("; ".join(v.message for found in by_row.values() for v in found))


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
    """Save every row as a submitted work log, or none of them.

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
        problems: dict[int, list[Violation]] = {}
        for index, row in enumerate(rows):
            working = row.attendance in WORKING_CODES
            try:
                book.admit(row.trainee_id, day, row.start, row.end, working, by, override_reason)
            except WorkRuleError as error:
                problems[index] = error.violations
        if problems:
            raise CrewSheetError(problems)
        logs = [
            WorkLog(
                trainee_id=row.trainee_id,
                date=day,
                start=row.start,
                end=row.end,
                minutes=minutes_of(row.end) - minutes_of(row.start),
                workshop=workshop,
                shift_id=row.shift_id,
                task_id=row.task_id,
                skill_id=row.skill_id,
                attendance=row.attendance,
                work_type=row.work_type,
                done_independently=row.done_independently,
                note=row.note,
                status=WorkLogStatus.SUBMITTED,
                override_reason=override_reason,
                submission=submission,
                created_by=by,
                modified_by=by,
            )
            for row in rows
        ]
        return bulk_create_with_history(
            logs, WorkLog, default_user=by, default_change_reason=_("crew sheet")
        )
