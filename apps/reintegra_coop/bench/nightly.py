"""What the worker runs once every site-local day, each from its hour on (README "Background
jobs"). The worker looks every few seconds (``queue_due``): a job whose hour has come and that
has not run today is queued as a task. The row ``NightlyRun(job, day)`` is unique, so two workers
that look at the same moment queue it once; a worker started later in the day (or after the
machine was off at night) still runs the day's jobs, and a day the worker never ran is skipped,
not made up: each job looks at the whole record, not at one day.

To add a nightly job, add it to ``NIGHTLY_JOBS``: a name, the site-local hour it is due from,
and a function of the day that does it and returns one line saying what it did.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from reintegra_coop.core.models import NightlyRun


@dataclass(frozen=True)
class NightlyJob:
    name: str
    #: site-local time from which the job is due each day
    at: datetime.time
    run: Callable[[datetime.date], str]
    #: whether the site wants it (a setting); not wanted: never queued
    wanted: Callable[[], bool] = lambda: True


def recompute_milestones(today: datetime.date) -> str:
    """Progress over a moving window (attendance in the last weeks) changes with the date alone."""
    from reintegra_coop.care.progress import recompute_everyone

    return f"{recompute_everyone(today)} milestones changed"


def tell_work_lists(today: datetime.date) -> str:
    from reintegra_coop.people.work_list import notify_work_lists

    return f"{notify_work_lists(today)} people told what waits for them"


def tidy_jobs(today: datetime.date) -> str:
    from reintegra_coop.core.background_jobs import tidy

    return tidy()


def apply_retention(today: datetime.date) -> str:
    """Pseudonymise what has outlived its retention period (privacy/pseudonymise.py)."""
    from reintegra_coop.privacy.pseudonymise import apply_retention as pseudonymise_expired

    return pseudonymise_expired(today=today).short()


def back_up(today: datetime.date) -> str:
    from .scheduled_backup import back_up_and_prune

    return back_up_and_prune()


NIGHTLY_JOBS: list[NightlyJob] = [
    NightlyJob("recompute_milestones", datetime.time(1, 0), recompute_milestones),
    NightlyJob("backup", datetime.time(2, 30), back_up, wanted=lambda: settings.BACKUP_NIGHTLY),
    # After the backup (last night's archive still holds what expires) and before people start.
    NightlyJob("apply_retention", datetime.time(3, 0), apply_retention),
    NightlyJob("tidy_jobs", datetime.time(4, 0), tidy_jobs),
    NightlyJob("work_list_notifications", datetime.time(6, 0), tell_work_lists),
]


def job_named(name: str) -> NightlyJob:
    for job in NIGHTLY_JOBS:
        if job.name == name:
            return job
    raise LookupError(f"No nightly job {name!r}")


def wanted_jobs() -> list[NightlyJob]:
    """The jobs this site wants, whatever the hour."""
    return [job for job in NIGHTLY_JOBS if job.wanted()]


def due(moment: datetime.datetime, at_once: bool = False) -> list[NightlyJob]:
    """The jobs wanted and due at ``moment`` (site-local); ``at_once``: whatever the hour."""
    local = timezone.localtime(moment)
    return [job for job in wanted_jobs() if at_once or local.time() >= job.at]


def queue_due(now: datetime.datetime | None = None, at_once: bool = False) -> list[str]:
    """Queue each due job not yet queued today; returns the names queued by this call."""
    moment = now or timezone.now()
    today = timezone.localtime(moment).date()
    already = set(NightlyRun.objects.filter(day=today).values_list("job", flat=True))
    queued = []
    for job in due(moment, at_once):
        if job.name in already:
            continue
        try:
            with transaction.atomic():
                NightlyRun.objects.create(job=job.name, day=today)
                run_nightly_job.enqueue(job.name, today.isoformat())
        except IntegrityError:  # another worker queued it a moment ago
            continue
        queued.append(job.name)
    return queued


@task()
def run_nightly_job(name: str, day: str) -> str:
    job = job_named(name)
    today = datetime.date.fromisoformat(day)
    runs = NightlyRun.objects.filter(job=name, day=today)
    runs.update(outcome=NightlyRun.Outcome.RUNNING)
    try:
        summary = job.run(today)
    except Exception as error:
        text = str(error).strip() or type(error).__name__
        runs.update(
            outcome=NightlyRun.Outcome.FAILED, summary=text[:255], finished_at=timezone.now()
        )
        raise
    runs.update(outcome=NightlyRun.Outcome.DONE, summary=summary[:255], finished_at=timezone.now())
    return summary
