"""The monthly rent ledger of one tenancy, a pure calculation (DESIGN.md, "Rent ledger").

obligation  = the trainee's monthly share × days of tenancy in the month ÷ days in the month
owed        = opening balance + obligation − cash paid − payroll deduction
credit      = min(round(approved in-kind-rent minutes × in-kind hourly value ÷ 60), max(owed, 0))
closing     = owed − credit   (negative: in credit, which only a cash overpayment can cause)
The in-kind value above what is owed is shown, never paid out nor carried forward.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from decimal import Decimal

from reintegra_coop.core.money import round_money

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Share:
    """The trainee's monthly share: a fixed amount, or a percentage of the unit's rent."""

    fixed: Decimal | None = None
    percent: Decimal | None = None

    def monthly(self, unit_rent: Decimal) -> Decimal:
        if self.fixed is not None:
            return self.fixed
        if self.percent is None:
            raise ValueError("a share is a fixed amount or a percentage")
        return round_money(unit_rent * self.percent / 100)


@dataclass(frozen=True)
class RentMonth:
    first_day: datetime.date
    tenancy_start: datetime.date  # inclusive
    tenancy_end: datetime.date | None  # inclusive; None while it goes on
    unit_rent: Decimal
    share: Share
    opening_balance: Decimal = ZERO
    cash_paid: Decimal = ZERO
    payroll_deduction: Decimal = ZERO
    in_kind_minutes: int = 0
    in_kind_hourly_value: Decimal = ZERO


@dataclass(frozen=True)
class RentStatement:
    days_in_month: int
    days_of_tenancy: int
    obligation: Decimal
    owed: Decimal
    in_kind_value: Decimal
    in_kind_credit: Decimal
    in_kind_excess: Decimal
    closing_balance: Decimal


def days_of_tenancy(month: RentMonth) -> tuple[int, int]:
    first = month.first_day.replace(day=1)
    days = calendar.monthrange(first.year, first.month)[1]
    last = first.replace(day=days)
    start = max(first, month.tenancy_start)
    end = min(last, month.tenancy_end) if month.tenancy_end else last
    return max((end - start).days + 1, 0), days


def statement(month: RentMonth) -> RentStatement:
    if month.in_kind_minutes < 0 or min(month.cash_paid, month.payroll_deduction) < 0:
        raise ValueError("payments and minutes cannot be negative")
    tenancy_days, days = days_of_tenancy(month)
    monthly = month.share.monthly(month.unit_rent)
    obligation = monthly if tenancy_days == days else round_money(monthly * tenancy_days / days)
    owed = month.opening_balance + obligation - month.cash_paid - month.payroll_deduction
    value = round_money(Decimal(month.in_kind_minutes) * month.in_kind_hourly_value / 60)
    credit = min(value, max(owed, ZERO))
    return RentStatement(
        days_in_month=days,
        days_of_tenancy=tenancy_days,
        obligation=obligation,
        owed=owed,
        in_kind_value=value,
        in_kind_credit=credit,
        in_kind_excess=value - credit,
        closing_balance=owed - credit,
    )
