"""Court-ordered community service: hours served against the order (DESIGN.md).

Hours are approved community-service minutes ÷ 60, compared exactly; a month strictly below
the monthly minimum or strictly above the maximum is flagged; an order without monthly limits
(Czech orders: a total within a year) is flagged only against its total and deadline.

Every calendar month from the order's start month (counted whole, even if the order starts
mid-month) to the month of today or of the deadline, whichever is earlier, is checked: a month
that has ended is flagged below the minimum (no hours count as 0); the running month is flagged
only above the maximum.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from fractions import Fraction

from reintegra_coop.core.dates import months


@dataclass(frozen=True)
class ServiceOrder:
    total_hours: int
    deadline: datetime.date
    monthly_minimum_hours: int | None = 20
    monthly_maximum_hours: int | None = 40
    start: datetime.date | None = None  # None: only the months with hours are checked


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


def months_checked(order: ServiceOrder, today: datetime.date) -> list[tuple[int, int]]:
    """The order's months from its start month to today's or the deadline's, the earlier."""
    if order.start is None:
        return []
    return [(month.year, month.month) for month in months(order.start, min(today, order.deadline))]


def progress(
    order: ServiceOrder,
    minutes_by_month: dict[tuple[int, int], int],
    today: datetime.date,
    warn_days: int = 30,
) -> Progress:
    running = (today.year, today.month)
    every = set(minutes_by_month) | set(months_checked(order, today))
    months = {}
    for month in sorted(every):
        done = hours(minutes_by_month.get(month, 0))
        ended = month < running
        months[month] = MonthCheck(
            hours=done,
            below_minimum=ended
            and order.monthly_minimum_hours is not None
            and done < order.monthly_minimum_hours,
            above_maximum=order.monthly_maximum_hours is not None
            and done > order.monthly_maximum_hours,
        )
    done_total = sum((check.hours for check in months.values()), Fraction(0))
    left = max(Fraction(order.total_hours) - done_total, Fraction(0))
    return Progress(
        hours_done=done_total,
        hours_left=left,
        months=months,
        deadline_missed=left > 0 and today > order.deadline,
        deadline_near=left > 0
        and today <= order.deadline
        and (order.deadline - today).days <= warn_days,
    )
