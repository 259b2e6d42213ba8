"""The nightly retention job: pseudonymise what has expired (retention.py decides what has).

Pseudonymising keeps what statistics and accounting need — amounts, dates, minutes, stages,
codes — and replaces who the person is and what was written about them: the name, national id,
contact data, login, and every free-text note, in the records and in their history. A trainee
under a legal hold is never touched. ``apply_retention(today)`` is what a scheduler calls."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from reintegra_coop.core.sites import site_setting
from reintegra_coop.people.models import Stage, Trainee

from .clearing import clear_care_notes, clear_pay_records, clear_rent_records, clear_work_logs
from .models import held_trainee_ids
from .personal_details import clear_names_in_notices, clear_personal_details
from .retention import expired_before, rules_from

#: kind of record -> what clears a trainee's records of that kind dated before a day
CLEARERS: dict[str, Callable[[Trainee, datetime.date], int]] = {
    "work_logs": clear_work_logs,
    "pay_records": clear_pay_records,
    "rent_records": clear_rent_records,
    "care_notes": clear_care_notes,
    "personal_details": clear_personal_details,
}


@dataclass
class RetentionSummary:
    today: datetime.date
    dry_run: bool
    changed: Counter[str] = field(default_factory=Counter)
    pseudonymised: list[int] = field(default_factory=list)  # trainees whose identity went
    held: list[int] = field(default_factory=list)  # trainees left alone: legal hold

    def short(self) -> str:
        """One line, for the worker's record of the nightly run."""
        return (
            f"{len(self.pseudonymised)} trainee(s) pseudonymised, "
            f"{sum(self.changed.values())} record(s) cleared, "
            f"{len(self.held)} under a legal hold left alone"
        )

    def lines(self) -> list[str]:
        verb = "would change" if self.dry_run else "changed"
        lines = [f"Retention on {self.today.isoformat()}{' (dry run)' if self.dry_run else ''}:"]
        lines += [f"  {kind}: {verb} {self.changed[kind]} record(s)" for kind in CLEARERS]
        lines.append(f"  trainees pseudonymised: {len(self.pseudonymised)}")
        lines.append(f"  trainees under a legal hold, left alone: {len(self.held)}")
        return lines


def leaving_day(trainee: Trainee) -> datetime.date | None:
    """When the trainee left us: their exit, or the day their record was withdrawn."""
    if trainee.withdrawn_at is not None:
        return timezone.localdate(trainee.withdrawn_at)
    if trainee.stage == Stage.EXITED:
        return trainee.exited_on or trainee.stage_since
    return None


def apply_retention(today: datetime.date | None = None, dry_run: bool = False) -> RetentionSummary:
    """Pseudonymise every expired record; with ``dry_run`` count them and change nothing."""
    today = today or timezone.localdate()
    rules = rules_from(site_setting("RETENTION_YEARS"))
    summary = RetentionSummary(today, dry_run)
    held = held_trainee_ids()
    left = Trainee.objects.filter(Q(withdrawn_at__isnull=False) | Q(stage=Stage.EXITED))
    with transaction.atomic():
        names: dict[str, str] = {}
        for trainee in left.select_for_update().order_by("pk"):
            left_on = leaving_day(trainee)
            if trainee.pk in held:
                if any(expired_before(rule, left_on, today) for rule in rules.values()):
                    summary.held.append(trainee.pk)
                continue
            old_name = trainee.full_name
            for kind, clear in CLEARERS.items():
                before = expired_before(rules[kind], left_on, today)
                if before is not None:
                    summary.changed[kind] += clear(trainee, before)
            if trainee.full_name != old_name:
                summary.pseudonymised.append(trainee.pk)
                names[old_name] = trainee.full_name
        clear_names_in_notices(names)
        if dry_run:
            transaction.set_rollback(True)
    return summary
