"""reintegra --site S payroll run --period 2026-11 [--dry-run] [--format json|table]
[--card C-1001 ...] [--workshop NAME ...]: a run for some trainees replaces only their drafts."""

import json
from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError

from reintegra_coop.core.dates import parse_period
from reintegra_coop.core.sites import site_setting
from reintegra_coop.pay import payroll
from reintegra_coop.pay import period as workflow
from reintegra_coop.pay.labels import describe
from reintegra_coop.pay.models import PayError
from reintegra_coop.people.models import Trainee, Workshop


class Command(BaseCommand):
    help = "Run the month's payroll (or preview it with --dry-run) and print the payslips."

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        run = sub.add_parser("run", help="make the month's draft pay run")
        run.add_argument("--period", required=True, help="the month, YYYY-MM")
        run.add_argument("--dry-run", action="store_true", help="compute and print; save nothing")
        run.add_argument("--format", choices=["json", "table"], default="table")
        run.add_argument(
            "--card",
            action="append",
            default=None,
            help="only this trainee (card number; repeatable)",
        )
        run.add_argument(
            "--workshop",
            action="append",
            default=None,
            help="only the trainees of this workshop (name; repeatable)",
        )
        run.add_argument("--as-user", default="manager", help="who the run is recorded as")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            month = parse_period(options["period"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        trainee_ids = self._selection(options["card"], options["workshop"])
        try:
            drafts = payroll.draft_payslips(month, trainee_ids)
            run_id = None
            if not options["dry_run"]:
                by = User.objects.filter(username=options["as_user"]).first()
                if by is None:
                    raise CommandError(f"No user {options['as_user']!r} to record the run as.")
                run_id = workflow.run(month, by, trainee_ids).pk
        except PayError as error:
            raise CommandError(str(error)) from None
        report = as_dict(month, drafts, options["dry_run"], run_id)
        if options["format"] == "json":
            self.stdout.write(json.dumps(report, indent=2, ensure_ascii=False))
        else:
            self.stdout.write(as_table(report))

    def _selection(self, cards: list[str] | None, workshops: list[str] | None) -> list[int] | None:
        """The trainees named by card number or workshop; None for everyone."""
        if not cards and not workshops:
            return None
        ids: set[int] = set()
        if cards:
            found = dict(
                Trainee.objects.filter(card_number__in=cards).values_list("card_number", "pk")
            )
            unknown = sorted(set(cards) - set(found))
            if unknown:
                raise CommandError(f"No trainee with card number {', '.join(unknown)}.")
            ids.update(found.values())
        if workshops:
            known = set(Workshop.objects.filter(name__in=workshops).values_list("name", flat=True))
            unknown = sorted(set(workshops) - known)
            if unknown:
                raise CommandError(f"No workshop named {', '.join(unknown)}.")
            ids.update(
                Trainee.objects.filter(workshops__name__in=workshops).values_list("pk", flat=True)
            )
        return sorted(ids)


def as_dict(
    month: Any, drafts: list[payroll.PayslipDraft], dry_run: bool, run_id: int | None
) -> dict[str, Any]:
    def line(item: Any) -> dict[str, str]:
        return {
            "code": item.code,
            "amount": f"{item.amount:.2f}",
            "quantity": f"{item.quantity.normalize():f}",
            "rate": f"{item.rate.normalize():f}",
            "detail": describe(item.detail),
            "detail_params": dict(item.detail),
        }

    payslips = [
        {
            "trainee": draft.trainee.full_name,
            "card_number": draft.trainee.card_number,
            "scheme": draft.scheme,
            "total": f"{draft.total:.2f}",
            "lines": [line(item) for item in draft.lines],
            "information": [line(item) for item in draft.information],
        }
        for draft in drafts
    ]
    return {
        "period": f"{month:%Y-%m}",
        "dry_run": dry_run,
        "run_id": run_id,
        "currency": site_setting("CURRENCY"),
        "payslips": payslips,
        "total": f"{sum(draft.total for draft in drafts):.2f}",
    }


def as_table(report: dict[str, Any]) -> str:
    rows = [
        f"Payroll {report['period']}{' (dry run)' if report['dry_run'] else ''}, "
        f"{report['currency']}"
    ]
    for slip in report["payslips"]:
        rows.append(
            f"\n{slip['trainee']} ({slip['card_number'] or '-'}), {slip['scheme']}: {slip['total']}"
        )
        for item in slip["lines"]:
            rows.append(_row(item))
        for item in slip["information"]:
            rows.append(f"({_row(item).strip()})  information only")
    rows.append(f"\nTotal: {report['total']}")
    return "\n".join(rows)


def _row(item: dict[str, str]) -> str:
    return (
        f"    {item['code']:<24} {item['quantity']:>10} × {item['rate']:>10}  {item['amount']:>10}"
    )
