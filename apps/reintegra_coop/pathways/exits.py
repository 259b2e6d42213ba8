"""Exits and their follow-ups. Every exit — from this area's exit page, the trainee's page in
people, the command line or the demo — is a stage change to *exited*; when one is saved, its
exit record and the three follow-up contacts (4 weeks, 3 months, 6 months) are made here, and an
undone exit takes its follow-ups off every list (apps.py connects this at start-up)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from reintegra_coop.people.models import Stage, StageChange, Trainee, add_months

from .models import Exit, FollowUp, FollowUpPoint
from .models.exits import work_status_at_exit

DUE_AFTER = {
    FollowUpPoint.FOUR_WEEKS: lambda day: day + datetime.timedelta(weeks=4),
    FollowUpPoint.THREE_MONTHS: lambda day: add_months(day, 3),
    FollowUpPoint.SIX_MONTHS: lambda day: add_months(day, 6),
}


def stage_change_saved(sender: Any, instance: StageChange, **kwargs: Any) -> None:
    if instance.to_stage != Stage.EXITED:
        return
    if instance.undone_at is not None:
        for undone in Exit.objects.filter(stage_change=instance, cancelled_at__isnull=True):
            undone.cancelled_at = instance.undone_at
            undone.stamp(instance.undone_by)
            undone.save()  # kept in its history, with who undid it
        return
    if Exit.objects.filter(stage_change=instance).exists():
        return
    exit_record = Exit.objects.create(
        trainee_id=instance.trainee_id,
        stage_change=instance,
        exited_on=instance.on,
        reason=instance.exit_reason,
        work_status=work_status_at_exit(instance.exit_reason),
        created_by=instance.created_by,
    )
    bulk_create_with_history(
        [
            FollowUp(
                exit=exit_record,
                point=point,
                due_on=due(instance.on),
                created_by=instance.created_by,
            )
            for point, due in DUE_AFTER.items()
        ],
        FollowUp,
        default_user=instance.created_by,
    )


def record_exit(
    trainee: Trainee, on: datetime.date, reason: str, destination: dict[str, Any], by: Any
) -> Exit:
    """Move the trainee out of the programme and record where they went, together."""
    with transaction.atomic():
        change = trainee.move_to(Stage.EXITED, on, by=by, exit_reason=reason)
        exit_record = Exit.objects.get(stage_change=change)
        for name, value in destination.items():
            setattr(exit_record, name, value)
        exit_record.full_clean()
        exit_record.stamp(by)
        exit_record.save()
    return exit_record


def due_follow_ups(follow_ups: Any, today: datetime.date | None = None) -> Any:
    """Follow-ups due by ``today`` and not yet done, of exits that stand."""
    today = today or timezone.localdate()
    return follow_ups.filter(
        due_on__lte=today, contacted_on__isnull=True, exit__cancelled_at__isnull=True
    )
