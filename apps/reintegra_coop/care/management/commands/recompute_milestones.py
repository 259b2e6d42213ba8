"""reintegra --site S recompute-milestones [--date 2026-12-02]"""

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from reintegra_coop.care.progress import recompute_everyone


class Command(BaseCommand):
    help = (
        "Recompute every current trainee's milestones from the approved work record (the "
        "worker does it every night)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date",
            type=datetime.date.fromisoformat,
            help="the day to count up to (default: today, in the site's time zone)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = options["date"] or timezone.localdate()
        changed = recompute_everyone(today)
        self.stdout.write(f"Recomputed milestones up to {today}: {changed} changed.")
