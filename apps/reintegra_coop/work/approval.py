"""Approving logs (one, several or all matching a filter) and correcting them afterwards."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from .models import WorkLog, WorkLogStatus
from .validation import check_log


def approve(log_ids: Iterable[int], by: Any) -> int:
    """Approve the given draft or submitted logs, under row locks; a correction's approval
    retires the log it amends. Returns how many were approved."""
    with transaction.atomic():
        logs = list(
            WorkLog.objects.select_for_update().filter(
                pk__in=list(log_ids), status__in=[WorkLogStatus.DRAFT, WorkLogStatus.SUBMITTED]
            )
        )
        now = timezone.now()
        for log in logs:
            log.status, log.modified_by, log.modified_at = WorkLogStatus.APPROVED, by, now
        bulk_update_with_history(
            logs,
            WorkLog,
            ["status", "modified_by", "modified_at"],
            default_user=by,
            default_change_reason="approved",
        )
        amended = [log.amends_id for log in logs if log.amends_id]
        if amended:
            WorkLog.objects.filter(pk__in=amended).update(superseded=True)
        from reintegra_coop.care.progress import recompute

        recompute({log.trainee_id for log in logs})  # milestones follow approvals
    return len(logs)


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
            status=WorkLogStatus.SUBMITTED,
            **{name: getattr(current, name) for name in CORRECTABLE_FIELDS if name not in changes},
            **changes,
        )
        check_log(correction, by)
        correction.stamp(by)
        correction.save()
        return correction
