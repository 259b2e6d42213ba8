"""reintegra --site S rent statement --period 2026-11 [--format json|table]"""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from reintegra_coop.core.dates import parse_period
from reintegra_coop.housing.ledger import statements


class Command(BaseCommand):
    help = "Print the month's rent statements for every tenancy."

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        statement = sub.add_parser("statement", help="the month's rent ledger")
        statement.add_argument("--period", required=True, help="the month, YYYY-MM")
        statement.add_argument("--format", choices=["json", "table"], default="table")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            month = parse_period(options["period"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        report: dict[str, Any] = {
            "period": f"{month:%Y-%m}",
            "statements": [
                {
                    "trainee": s.tenancy.trainee.full_name,
                    "unit": s.tenancy.unit.name,
                    "days_of_tenancy": s.result.days_of_tenancy,
                    "days_in_month": s.result.days_in_month,
                    "opening_balance": f"{s.opening_balance:.2f}",
                    "obligation": f"{s.result.obligation:.2f}",
                    "cash_paid": f"{s.cash_paid:.2f}",
                    "payroll_deduction": f"{s.payroll_deduction:.2f}",
                    "in_kind_minutes": s.in_kind_minutes,
                    "in_kind_value": f"{s.result.in_kind_value:.2f}",
                    "in_kind_credit": f"{s.result.in_kind_credit:.2f}",
                    "in_kind_excess": f"{s.result.in_kind_excess:.2f}",
                    "closing_balance": f"{s.result.closing_balance:.2f}",
                }
                for s in statements(month)
            ],
        }
        if options["format"] == "json":
            self.stdout.write(json.dumps(report, indent=2, ensure_ascii=False))
            return
        self.stdout.write(f"Rent {report['period']}")
        self.stdout.write(
            f"{'trainee':<24}{'unit':<20}{'opening':>10}{'owed now':>10}"
            f"{'cash':>9}{'payroll':>9}{'in kind':>9}{'closing':>10}"
        )
        for row in report["statements"]:
            self.stdout.write(
                f"{row['trainee']:<24}{row['unit']:<20}{row['opening_balance']:>10}"
                f"{row['obligation']:>10}{row['cash_paid']:>9}"
                f"{row['payroll_deduction']:>9}{row['in_kind_credit']:>9}"
                f"{row['closing_balance']:>10}"
            )
