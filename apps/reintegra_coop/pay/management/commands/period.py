"""reintegra --site S period status|approve|paid|reopen|defer --period YYYY-MM

    period status  --period 2026-11 [--format json]   # state, counts, blockers
    period approve --period 2026-11                   # refused while anything blocks
    period paid    --period 2026-11
    period reopen  --period 2026-11 --reason "..."
    period defer   --period 2026-11 --log 123 [--log 124] [--reason "..."]

Every refusal is one line naming what blocks, with exit status 1."""

import json
from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError

from reintegra_coop.core.dates import parse_period
from reintegra_coop.pay import period as workflow
from reintegra_coop.pay.models import PayError


class Command(BaseCommand):
    help = "Show a month's pay period and what blocks it; approve, mark paid, reopen, defer."

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        for action, text in (
            ("status", "the period's state, payslips and blockers"),
            ("approve", "close the month (refused while anything blocks)"),
            ("paid", "mark the approved month paid"),
            ("reopen", "open the approved month again, with a reason"),
            ("defer", "move named logs to a later period"),
        ):
            command = sub.add_parser(action, help=text)
            command.add_argument("--period", required=True, help="the month, YYYY-MM")
            command.add_argument("--as-user", default="manager", help="who acts")
            if action == "status":
                command.add_argument("--format", choices=["json", "table"], default="table")
            if action in ("reopen", "defer"):
                command.add_argument("--reason", default="", required=action == "reopen")
            if action == "defer":
                command.add_argument("--log", type=int, action="append", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            month = parse_period(options["period"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        action = options["action"]
        try:
            if action == "status":
                self._status(month, options["format"])
                return
            by = User.objects.filter(username=options["as_user"]).first()
            if by is None:
                raise CommandError(f"No user {options['as_user']!r} to act as.")
            if action == "approve":
                workflow.approve(month, by)
            elif action == "paid":
                workflow.mark_paid(month, by)
            elif action == "reopen":
                workflow.reopen(month, by, options["reason"])
            else:
                count = workflow.defer(month, options["log"], by, options["reason"])
                self.stdout.write(f"{count} logs deferred to a later period.")
                return
        except PayError as error:
            raise CommandError(str(error)) from None
        found = workflow.status(month).period
        self.stdout.write(f"{found.month:%Y-%m}: {found.get_state_display()}")

    def _status(self, month: Any, output: str) -> None:
        found = workflow.status(month)
        report = found.as_dict()
        if output == "json":
            self.stdout.write(json.dumps(report, indent=2, ensure_ascii=False))
            return
        self.stdout.write(
            f"{report['period']}: {found.period.get_state_display()}, "
            f"{report['payslips']} payslips, total {report['total']}"
        )
        for blocker in report["blockers"]:
            self.stdout.write(
                f"  {blocker['kind']:<22} {blocker['trainee']:<24} {blocker['date']:<10} "
                f"{blocker['detail']}"
            )
        if not report["blockers"]:
            self.stdout.write("  nothing blocks")
