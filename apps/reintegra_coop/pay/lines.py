"""A payslip line as the calculations return it: what it is, the quantity behind it (hours,
days, units), the rate, and the amount — already rounded once."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class PayLine:
    code: str  # stable, e.g. "stipend_base", "unexcused_absence"; labels are translated later
    amount: Decimal
    quantity: Decimal = Decimal(0)
    rate: Decimal = Decimal(0)
    # What stands behind the line, as parameters rendered in the reader's language when shown
    # (pay/labels.py): {"dates": ["2026-11-03", …]}, {"days": 18, "working_days": 20}, …
    detail: Mapping[str, object] = field(default_factory=dict)
    debt_plan_id: int | None = None  # the repayment plan a deduction goes to
    tenancy_id: int | None = None  # the tenancy whose rent a deduction pays
    for_month: datetime.date | None = None  # a previous-period line: the month it pays


def total(lines: list[PayLine]) -> Decimal:
    """A payslip's total: the sum of its rounded lines, never re-rounded."""
    return sum((line.amount for line in lines), Decimal("0.00"))


# The lines of what was earned in a month (wages, piece rates, the stipend with its deductions
# and bonus): what a late entry can change, and what a previous-period line corrects.
WAGE_CODES = frozenset({"hourly_wage", "piece_rate"})
STIPEND_CODES = frozenset(
    {
        "stipend_base",
        "trial_share",
        "unexcused_absence",
        "unexcused_limit",
        "sick_day",
        "sick_day_over_limit",
        "day_off_over_limit",
        "floor",
    }
)
EARNING_CODES = WAGE_CODES | STIPEND_CODES | {"motivation_bonus"}


def earnings(lines: list[PayLine]) -> Decimal:
    return total([line for line in lines if line.code in EARNING_CODES])


@dataclass(frozen=True)
class Correction:
    """What a closed month's late entries change: the month recounted with its own rules,
    less what was paid for it (its payslip and earlier corrections). Paid in a later period
    on a line of its own, code ``previous_period``."""

    month: datetime.date
    difference: Decimal
    log_ids: tuple[int, ...] = ()

    def line(self, amount: Decimal) -> PayLine:
        return PayLine(
            "previous_period",
            amount,
            detail={"month": self.month.isoformat(), "difference": f"{self.difference:.2f}"},
            for_month=self.month,
        )
