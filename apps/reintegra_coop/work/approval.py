"""Approving logs (one, several or all matching a filter) and correcting them afterwards."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from simple_history.utils import bulk_update_with_history

from .models import LockedPeriod, WorkLog, WorkLogStatus
from .sources import logs_approved
from .validation import check_log


def approve(log_ids: Iterable[int], by: Any) -> int:
    """Approve the given draft or submitted logs, under row locks; a correction's approval
    retires the log it amends. A log of a closed month is approved only as a late entry (paid
    in a later period). Returns how many were approved."""
    with transaction.atomic():
        logs = [
            log
            for log in WorkLog.objects.select_for_update().filter(
                pk__in=list(log_ids), status__in=[WorkLogStatus.DRAFT, WorkLogStatus.SUBMITTED]
            )
            if log.late or not is_closed(log.date)
        ]
        WorkLog.change_status(logs, WorkLogStatus.APPROVED, by, reason="approved")
        amended = list(
            WorkLog.objects.filter(pk__in=[log.amends_id for log in logs if log.amends_id])
        )
        for old in amended:
            old.superseded = True
        bulk_update_with_history(
            amended, WorkLog, ["superseded"], default_user=by, default_change_reason="corrected"
        )
        # milestones follow approvals (care listens)
        logs_approved.send(WorkLog, trainee_ids={log.trainee_id for log in logs})
    return len(logs)


def is_closed(day: datetime.date) -> bool:
    """Whether ``day`` is in a month whose pay period is approved (a locked period)."""
    return LockedPeriod.objects.filter(first_day__lte=day, last_day__gte=day).exists()


CORRECTABLE_FIELDS = [
    "start",
    "end",
    "attendance",
    "task",
    "skill",
    "work_type",
    "done_independently",
    "note",
    "override_reason",
]


def correct(log: WorkLog, changes: dict[str, Any], by: Any) -> WorkLog:
    """Change a log. A draft or submitted one is changed in place (its history keeps what it
    was); an approved one gets a new log that amends it, to be approved in turn."""
    with transaction.atomic():
        current = WorkLog.objects.select_for_update().get(pk=log.pk)
        if current.is_editable:
            for name, value in changes.items():
                setattr(current, name, value)
            check_log(current, by)
            current.stamp(by)
            current.save(update_fields=[*changes, "modified_at", "modified_by"])
            return current
        correction = WorkLog(
            trainee_id=current.trainee_id,
            date=current.date,
            workshop_id=current.workshop_id,
            shift_id=current.shift_id,
            amends=current,
            late=is_closed(current.date),  # a closed month's correction is paid later
            status=WorkLogStatus.SUBMITTED,
            **{name: getattr(current, name) for name in CORRECTABLE_FIELDS if name not in changes},
            **changes,
        )
        check_log(correction, by)
        correction.stamp(by)
        correction.save()
        return correction
