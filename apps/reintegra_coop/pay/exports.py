"""The pay month for the accounting office, as a file: one row per payslip line, in the
reader's CSV conventions (core/spreadsheet_csv.py)."""

from __future__ import annotations

from reintegra_coop.core.sites import site_setting
from reintegra_coop.core.spreadsheet_csv import write_csv

from .models import PayPeriod, Payslip

PAYROLL_COLUMNS = [
    "month",
    "trainee",
    "card_number",
    "scheme",
    "line",
    "code",
    "quantity",
    "rate",
    "amount",
    "for_month",
    "information_only",
    "payslip_total",
    "currency",
]


def payroll_csv(period: PayPeriod, payslips: list[Payslip]) -> str:
    """Every line of the month's payslips (their lines prefetched)."""
    currency = site_setting("CURRENCY")
    rows = [
        [
            f"{period.month:%Y-%m}",
            payslip.trainee.full_name,
            payslip.trainee.card_number or "",
            payslip.scheme,
            line.position,
            line.code,
            line.quantity.normalize(),
            line.rate.normalize(),
            line.amount,
            f"{line.for_month:%Y-%m}" if line.for_month else "",
            "yes" if line.informational else "no",
            payslip.total,
            currency,
        ]
        for payslip in payslips
        for line in payslip.lines.all()
    ]
    return write_csv(PAYROLL_COLUMNS, rows)
