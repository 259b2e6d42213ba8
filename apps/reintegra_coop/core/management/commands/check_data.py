"""reintegra --site S check-data: list the rows that break the rules (exit 1 if any)."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from reintegra_coop.core.integrity import all_problems


class Command(BaseCommand):
    help = (
        "List the rows that break the rules kept by the database and the models (a site made "
        "before a rule existed may hold some); exit 1 if there are any."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args: Any, **options: Any) -> None:
        problems = all_problems()
        if options["format"] == "json":
            rows = [{"rule": p.rule, "record": p.record, "detail": p.detail} for p in problems]
            self.stdout.write(json.dumps({"problems": rows}, indent=2, ensure_ascii=False))
        else:
            for problem in problems:
                self.stdout.write(f"{problem.rule:<28} {problem.record:<28} {problem.detail}")
        if problems:
            raise CommandError(f"{len(problems)} rows break the rules; fix them and run again.")
        self.stdout.write(self.style.SUCCESS("No rows break the rules."))
