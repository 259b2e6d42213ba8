"""The manager's home page panel on background jobs: each nightly job's last run, and how many
jobs wait in the queue or failed (a queue that only grows means no worker runs)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from reintegra_coop.core.background_jobs import queue_counts
from reintegra_coop.core.models import NightlyRun

from .nightly import wanted_jobs

LABELS = {
    "recompute_milestones": _("Milestones recomputed"),
    "backup": _("Backup"),
    "work_list_notifications": _("Work-list notifications"),
    "apply_retention": _("Data retention"),
    "tidy_jobs": _("Old job files and tasks deleted"),
}


def context(request: HttpRequest) -> dict[str, Any]:
    jobs = wanted_jobs()
    last: dict[str, NightlyRun] = {}
    for run in NightlyRun.objects.filter(job__in=[job.name for job in jobs]).order_by("-day")[
        : 10 * len(jobs)
    ]:
        last.setdefault(run.job, run)
    return {
        "nightly": [(LABELS.get(job.name, job.name), job.at, last.get(job.name)) for job in jobs],
        "counts": queue_counts(),
    }
