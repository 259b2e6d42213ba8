"""The pay month for the accounting office, as files: every payslip line (CSV), and one row per
trainee and component with the month's total (CSV in the reader's conventions, and XLSX)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from reintegra_coop.core.sites import site_setting
from reintegra_coop.core.spreadsheet_csv import write_csv
from reintegra_coop.core.spreadsheet_xlsx import write_xlsx

from .lines import STIPEND_CODES, WAGE_CODES
from .models import PayPeriod, Payslip, PayslipLine

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
    return write_csv(PAYROLL_COLUMNS, payroll_rows(period, payslips))


def payroll_xlsx(period: PayPeriod, payslips: list[Payslip]) -> bytes:
    """The same lines as XLSX, quantities, rates and amounts as numbers, and a totals row of
    what is paid (information-only lines are not)."""
    rows = payroll_rows(period, payslips)
    paid = sum(
        (line.amount for p in payslips for line in p.lines.all() if not line.informational),
        Decimal("0.00"),
    )
    totals: list[Any] = [None] * len(PAYROLL_COLUMNS)
    totals[PAYROLL_COLUMNS.index("code")] = "total"
    totals[PAYROLL_COLUMNS.index("amount")] = paid
    totals[-1] = site_setting("CURRENCY")
    return write_xlsx(f"payroll {period.month:%Y-%m}", PAYROLL_COLUMNS, [*rows, totals], True)


def payroll_rows(period: PayPeriod, payslips: list[Payslip]) -> list[list[Any]]:
    currency = site_setting("CURRENCY")
    return [
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


# What the accounting office books a payslip line as; information-only lines are not paid.
COMPONENTS: dict[str, frozenset[str]] = {
    "wage": WAGE_CODES,
    "stipend": STIPEND_CODES,
    "bonus": frozenset({"motivation_bonus", "bonus"}),
    "correction": frozenset({"previous_period"}),
    "deduction": frozenset({"rent_deduction", "advance", "debt_repayment"}),
}
ACCOUNTING_COLUMNS = ["month", "trainee", "card_number", "component", "amount", "currency"]


def component_of(code: str) -> str | None:
    return next((name for name, codes in COMPONENTS.items() if code in codes), None)


def components(lines: Iterable[PayslipLine]) -> dict[str, Decimal]:
    """A payslip's paid lines summed by component: they add up to the payslip's total."""
    amounts: dict[str, Decimal] = {}
    for line in lines:
        name = component_of(line.code)
        if name is not None and not line.informational:
            amounts[name] = amounts.get(name, Decimal("0.00")) + line.amount
    return amounts


def accounting_rows(period: PayPeriod, payslips: list[Payslip]) -> list[list[Any]]:
    """One row per trainee and component, then the month's total (= the pay run's total)."""
    month, currency = f"{period.month:%Y-%m}", site_setting("CURRENCY")
    rows: list[list[Any]] = []
    total = Decimal("0.00")
    for payslip in sorted(payslips, key=lambda p: (p.trainee.last_name, p.trainee.first_name)):
        for name, amount in components(payslip.lines.all()).items():
            rows.append(
                [
                    month,
                    payslip.trainee.full_name,
                    payslip.trainee.card_number or "",
                    name,
                    amount,
                    currency,
                ]
            )
        total += payslip.total
    rows.append([month, "", "", "total", total, currency])
    return rows


def accounting_csv(period: PayPeriod, payslips: list[Payslip]) -> str:
    return write_csv(ACCOUNTING_COLUMNS, accounting_rows(period, payslips))


def accounting_xlsx(period: PayPeriod, payslips: list[Payslip]) -> bytes:
    return write_xlsx(
        f"{period.month:%Y-%m}",
        ACCOUNTING_COLUMNS,
        accounting_rows(period, payslips),
        bold_last=True,
    )
