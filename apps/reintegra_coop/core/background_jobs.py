"""Jobs a person starts from a page and the worker runs (django-tasks with its database backend;
README "Background jobs"). The page calls ``start``: one row for the job, one for the queue, in
the site's own database, so the page works (and says the job is queued) with no worker running.
The task, in the worker, wraps its work in ``running``: it reports how far it got and the file it
made, and a failure is kept with its message for the page that started it.

    job = background_jobs.start(prepare_payslips, KIND, "pay-period:2026-11", request.user)
    ...
    @task()
    def prepare_payslips(job_id: int) -> None:
        with background_jobs.running(job_id) as progress:
            progress.advance(done, total)
            progress.finish("payslips/….zip", facts={...})
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import BackgroundJob
from .sites import site_setting

logger = logging.getLogger(__name__)

State = BackgroundJob.State
#: a running job that has not reported for this long was cut off (the worker stopped or died)
STALLED_AFTER = datetime.timedelta(minutes=15)


def start(task: Any, kind: str, subject: str, by: Any, facts: dict[str, Any] | None = None) -> Any:
    """Queue ``task`` (a django-tasks Task taking the job's id) for a new job about ``subject``."""
    with transaction.atomic():
        job = BackgroundJob.objects.create(
            kind=kind,
            subject=subject,
            facts=facts or {},
            started_by=by if getattr(by, "pk", None) else None,
        )
        result = task.enqueue(job.pk)
        job.task_id = str(result.id)
        job.save(update_fields=["task_id"])
    return job


def latest(kind: str, subject: str) -> BackgroundJob | None:
    return BackgroundJob.objects.filter(kind=kind, subject=subject).first()


def in_progress(job: BackgroundJob | None) -> bool:
    """Queued, or running and still reporting: starting it again would only do it twice."""
    if job is None:
        return False
    if job.state == State.QUEUED:
        return True
    return job.state == State.RUNNING and job.updated_at > timezone.now() - STALLED_AFTER


def stalled(job: BackgroundJob | None) -> bool:
    return job is not None and job.state == State.RUNNING and not in_progress(job)


def file_path(job: BackgroundJob) -> Path:
    """Where the job's file is (in the site's files folder, never served as a static file)."""
    return Path(site_setting("MEDIA_ROOT")) / job.file


class Progress:
    """What a running task tells its page; each report is saved at once (no transaction)."""

    def __init__(self, job: BackgroundJob) -> None:
        self.job = job

    def advance(self, done: int, total: int) -> None:
        self._save(done=done, total=total)

    def finish(self, file: str = "", facts: dict[str, Any] | None = None) -> None:
        """Ready; the files of this kind's earlier jobs about the same subject are deleted."""
        earlier = BackgroundJob.objects.filter(
            kind=self.job.kind, subject=self.job.subject, pk__lt=self.job.pk
        ).exclude(file="")
        for old in earlier:
            file_path(old).unlink(missing_ok=True)
        earlier.update(file="")
        self._save(
            state=State.READY,
            file=file,
            facts={**self.job.facts, **(facts or {})},
            finished_at=timezone.now(),
        )

    def _save(self, **fields: Any) -> None:
        for name, value in fields.items():
            setattr(self.job, name, value)
        self.job.save(update_fields=[*fields, "updated_at"])


@contextmanager
def running(job_id: int) -> Iterator[Progress]:
    """Mark the job running for the task's work inside; an error marks it failed (with its
    message for the page) and is raised again, so the queue records the task failed too."""
    job = BackgroundJob.objects.get(pk=job_id)
    progress = Progress(job)
    progress._save(state=State.RUNNING, done=0, message="")
    try:
        yield progress
    except Exception as error:
        logger.exception("Background job %s (%s) failed", job.pk, job.kind)
        text = str(error).strip() or type(error).__name__
        progress._save(state=State.FAILED, message=text[:255], finished_at=timezone.now())
        raise


#: the manager's page of background jobs shows the nightly runs of this many days
SHOWN_DAYS = datetime.timedelta(days=14)
#: the nightly jobs' names (bench/nightly.py) in words
NIGHTLY_LABELS = {
    "recompute_milestones": _("Milestones recomputed"),
    "backup": _("Backup"),
    "apply_retention": _("Data retention"),
    "tidy_jobs": _("Old job files and tasks deleted"),
    "work_list_notifications": _("Work-list notifications"),
}
#: a job's file (payslips: personal data) is deleted this long after it was made
KEEP_FILES = datetime.timedelta(days=30)
#: the queue's record of a finished task is kept this long (a failed one, for a look at why)
KEEP_FINISHED = datetime.timedelta(days=30)
KEEP_FAILED = datetime.timedelta(days=90)


def tidy(now: datetime.datetime | None = None) -> str:
    """Delete the files jobs made over 30 days ago, and old finished tasks of the queue."""
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    old = BackgroundJob.objects.filter(finished_at__lt=now - KEEP_FILES).exclude(file="")
    files = 0
    for job in old:
        file_path(job).unlink(missing_ok=True)
        files += 1
    old.update(file="")
    done, _ = DBTaskResult.objects.successful().filter(finished_at__lt=now - KEEP_FINISHED).delete()
    failed, _ = DBTaskResult.objects.failed().filter(finished_at__lt=now - KEEP_FAILED).delete()
    return f"{files} old job files and {done + failed} finished tasks deleted"


def queue_counts() -> dict[str, int]:
    """How many tasks wait in the queue (``stuck``: for over 5 minutes, as when no worker runs),
    run and failed (for the jobs status)."""
    from django.db.models import Count, Q
    from django_tasks_db.models import DBTaskResult

    long_ago = timezone.now() - datetime.timedelta(minutes=5)
    return DBTaskResult.objects.aggregate(
        queued=Count("pk", filter=Q(status="READY")),
        stuck=Count("pk", filter=Q(status="READY", enqueued_at__lt=long_ago)),
        running=Count("pk", filter=Q(status="RUNNING")),
        failed=Count("pk", filter=Q(status="FAILED")),
    )
