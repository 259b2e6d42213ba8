"""The site's worker: it runs the jobs pages queue (payslip PDFs of a month) and queues the
nightly jobs when they fall due (nightly.py), using django-tasks-db's worker for the queue.

``run_queued`` runs what waits and stops (tests, and `reintegra worker --until-empty`);
``run_until_stopped`` keeps looking every ``interval`` seconds until SIGTERM or Ctrl+C, letting
a job that is running finish first.
"""

from __future__ import annotations

import time

from django.utils.crypto import get_random_string
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS
from django_tasks_db.management.commands.db_worker import Worker

from . import nightly


def _worker() -> Worker:
    return Worker(
        queue_names=["*"],
        interval=0,
        batch=True,  # each run() takes the queue until it is empty, then returns
        backend_name=DEFAULT_TASK_BACKEND_ALIAS,
        startup_delay=False,
        max_tasks=None,
        worker_id=get_random_string(32),
        excluded_queue_names=[],
    )


def run_queued(nightly_at_once: bool = False) -> list[str]:
    """Queue the nightly jobs due now, run everything queued, return the nightly jobs queued."""
    queued = nightly.queue_due(at_once=nightly_at_once)
    _worker().run()
    return queued


def run_until_stopped(interval: float, nightly_at_once: bool = False) -> None:
    worker = _worker()
    worker.configure_signals()  # a signal between jobs exits; during one, after it
    try:
        while worker.running:
            nightly.queue_due(at_once=nightly_at_once)
            worker.run()
            if worker.running:
                time.sleep(interval)
    finally:
        worker.reset_signals()
