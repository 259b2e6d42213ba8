"""reintegra --site S apply-retention [--dry-run] [--today YYYY-MM-DD]: pseudonymise every
record whose retention period has ended (privacy/pseudonymise.py). Nightly, from the worker."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reintegra_coop.privacy.pseudonymise import apply_retention


class Command(BaseCommand):
    help = "Pseudonymise the records whose retention period has ended (legal holds excepted)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="count, change nothing")
        parser.add_argument("--today", help="the day to count from (default: today)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options["today"]:
            try:
                today = datetime.date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError("--today must be a day like 2031-01-01.") from None
        summary = apply_retention(today, dry_run=options["dry_run"])
        self.stdout.write("\n".join(summary.lines()))
