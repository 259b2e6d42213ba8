"""reintegra --site S worker [--interval 5] [--until-empty] [--nightly-now]"""

import logging
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from reintegra_coop.bench import nightly, worker
from reintegra_coop.bench.site_config import current_site_name


class Command(BaseCommand):
    help = (
        "Run the site's background jobs: those pages queue (payslip PDFs) and the nightly ones "
        "(milestones, work-list notifications, the backup where the site turns it on)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--interval", type=float, default=5, help="seconds between looks at the queue (5)"
        )
        parser.add_argument(
            "--until-empty", action="store_true", help="run what is queued now, then stop"
        )
        parser.add_argument(
            "--nightly-now",
            action="store_true",
            help="queue today's nightly jobs now, whatever the hour (each still runs once a day)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["verbosity"] > 0:  # each job started and finished, to the log's handlers
            for name in ("django_tasks", "reintegra_coop"):
                logging.getLogger(name).setLevel(logging.INFO)
        if options["until_empty"]:
            queued = worker.run_queued(options["nightly_now"])
            self.stdout.write(f"Ran the queue; nightly jobs queued: {', '.join(queued) or 'none'}")
            return
        jobs = ", ".join(f"{job.name} at {job.at:%H:%M}" for job in nightly.wanted_jobs())
        self.stdout.write(f"Worker of site {current_site_name()!r} running; nightly: {jobs}")
        self.stdout.flush()
        worker.run_until_stopped(options["interval"], options["nightly_now"])
