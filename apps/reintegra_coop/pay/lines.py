"""A payslip line as the calculations return it: what it is, the quantity behind it (hours,
days, units), the rate, and the amount — already rounded once."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class PayLine:
    code: str  # stable, e.g. "stipend_base", "unexcused_absence"; labels are translated later
    amount: Decimal
    quantity: Decimal = Decimal(0)
    rate: Decimal = Decimal(0)
    detail: str = ""  # e.g. the dates behind a deduction
    debt_plan_id: int | None = None  # the repayment plan a deduction goes to


def total(lines: list[PayLine]) -> Decimal:
    """A payslip's total: the sum of its rounded lines, never re-rounded."""
    return sum((line.amount for line in lines), Decimal("0.00"))
