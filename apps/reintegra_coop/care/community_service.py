"""Court-ordered community service: hours served against the order (DESIGN.md).

Hours are approved community-service minutes ÷ 60, compared exactly; a month strictly below
the monthly minimum or strictly above the maximum is flagged; an order without monthly limits
(Czech orders: a total within a year) is flagged only against its total and deadline.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class ServiceOrder:
    total_hours: int
    deadline: datetime.date
    monthly_minimum_hours: int | None = 20
    monthly_maximum_hours: int | None = 40


@dataclass(frozen=True)
class MonthCheck:
    hours: Fraction
    below_minimum: bool
    above_maximum: bool


@dataclass(frozen=True)
class Progress:
    hours_done: Fraction
    hours_left: Fraction
    months: dict[tuple[int, int], MonthCheck]
    deadline_missed: bool
    deadline_near: bool


def hours(minutes: int) -> Fraction:
    return Fraction(minutes, 60)


def progress(
    order: ServiceOrder,
    minutes_by_month: dict[tuple[int, int], int],
    today: datetime.date,
    warn_days: int = 30,
) -> Progress:
    months = {
        month: MonthCheck(
            hours=hours(minutes),
            below_minimum=order.monthly_minimum_hours is not None
            and hours(minutes) < order.monthly_minimum_hours,
            above_maximum=order.monthly_maximum_hours is not None
            and hours(minutes) > order.monthly_maximum_hours,
        )
        for month, minutes in sorted(minutes_by_month.items())
    }
    done = sum((check.hours for check in months.values()), Fraction(0))
    left = max(Fraction(order.total_hours) - done, Fraction(0))
    return Progress(
        hours_done=done,
        hours_left=left,
        months=months,
        deadline_missed=left > 0 and today > order.deadline,
        deadline_near=left > 0
        and today <= order.deadline
        and (order.deadline - today).days <= warn_days,
    )
