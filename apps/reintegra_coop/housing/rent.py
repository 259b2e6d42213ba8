"""The monthly rent ledger of one tenancy, a pure calculation (DESIGN.md, "Rent ledger").

obligation  = round(Σ over the tenancy's days in the month of the share in force that day
                    ÷ days in the month), where a percent share is round(% × the unit's rent in
              force that day); a whole month at one rent is simply the monthly share
owed        = opening balance + obligation − cash paid − payroll deduction
credit      = min(round(approved in-kind-rent minutes × in-kind hourly value ÷ 60), max(owed, 0))
closing     = owed − credit   (negative: in credit, which only a cash overpayment can cause)
The in-kind value above what is owed is shown, never paid out nor carried forward.

Rent is taken from pay only with the trainee's consent: the month's payroll share is the same
sum over the tenancy's days on or after the consent date, rounded once. After a tenancy ends
its ledger goes on while anything is owed: obligation 0, and (with consent) each month takes
from pay at most the last monthly share, until the balance is settled.

A month's rent falls due on the site's due day (the 10th by default): on a date before that,
the month's own obligation is not yet past due.
"""

from __future__ import annotations

import calendar
import datetime
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from reintegra_coop.core.money import round_money

ZERO = Decimal("0.00")

RentChange = tuple[datetime.date, Decimal]  # the unit's monthly rent from that day on


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
        return _percent_of(unit_rent, self.percent)


@lru_cache(maxsize=1024)
def _percent_of(rent: Decimal, percent: Decimal) -> Decimal:
    return round_money(rent * percent / 100)


@dataclass(frozen=True)
class RentMonth:
    first_day: datetime.date
    tenancy_start: datetime.date  # inclusive
    tenancy_end: datetime.date | None  # inclusive; None while it goes on
    unit_rent: Decimal  # the unit's rent before its first change
    share: Share
    opening_balance: Decimal = ZERO
    cash_paid: Decimal = ZERO
    payroll_deduction: Decimal = ZERO
    in_kind_minutes: int = 0
    in_kind_hourly_value: Decimal = ZERO
    rent_changes: Sequence[RentChange] = field(default_factory=tuple)


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


def month_days(first_day: datetime.date) -> tuple[datetime.date, ...]:
    return _month_days(first_day.year, first_day.month)


@lru_cache(maxsize=256)
def _month_days(year: int, month: int) -> tuple[datetime.date, ...]:
    first = datetime.date(year, month, 1)
    days = calendar.monthrange(year, month)[1]
    return tuple(first + datetime.timedelta(days=n) for n in range(days))


def tenancy_days(month: RentMonth, since: datetime.date | None = None) -> list[datetime.date]:
    """The month's days of the tenancy (on or after ``since``, when given)."""
    return [
        day
        for day in month_days(month.first_day)
        if month.tenancy_start <= day
        and (month.tenancy_end is None or day <= month.tenancy_end)
        and (since is None or since <= day)
    ]


def days_of_tenancy(month: RentMonth, since: datetime.date | None = None) -> tuple[int, int]:
    """How many of the month's days the tenancy holds (on or after ``since``), and the days
    in the month."""
    days = month_days(month.first_day)
    first, last = max(days[0], month.tenancy_start), days[-1]
    if month.tenancy_end is not None:
        last = min(last, month.tenancy_end)
    if since is not None:
        first = max(first, since)
    return max((last - first).days + 1, 0), len(days)


def rent_on(day: datetime.date, unit_rent: Decimal, changes: Sequence[RentChange]) -> Decimal:
    """The unit's monthly rent in force on ``day``."""
    current = unit_rent
    for valid_from, rent in sorted(changes) if changes else ():
        if valid_from <= day:
            current = rent
    return current


def share_of_days(month: RentMonth, since: datetime.date | None = None) -> Decimal:
    """round(Σ over the tenancy's days (on or after ``since``) of the share in force that day
    ÷ days in the month)."""
    count, in_month = days_of_tenancy(month, since)
    if not count:
        return ZERO
    if not month.rent_changes:  # one rent all month: the share × its days
        share = month.share.monthly(month.unit_rent)
        return share if count == in_month else round_money(share * count / in_month)
    days = tenancy_days(month, since)
    days_at: Counter[Decimal] = Counter(
        rent_on(d, month.unit_rent, month.rent_changes) for d in days
    )
    shares = {rent: month.share.monthly(rent) for rent in days_at}
    if len(days) == in_month and len(set(shares.values())) == 1:
        return next(iter(shares.values()))  # a whole month at one rent: the monthly share
    return round_money(sum((shares[rent] * n for rent, n in days_at.items()), ZERO) / in_month)


def payroll_share(month: RentMonth, consent_on: datetime.date | None) -> Decimal:
    """What pay may take for the month's rent: the share of the tenancy's days on or after the
    consent date; nothing without consent."""
    if consent_on is None:
        return ZERO
    return share_of_days(month, since=consent_on)


def after_end_payroll_share(month: RentMonth, consent_on: datetime.date | None) -> Decimal:
    """After the tenancy ended: at most the last monthly share towards what is still owed
    (with consent given by the month's end)."""
    last_day = month_days(month.first_day)[-1]
    if consent_on is None or consent_on > last_day or month.tenancy_end is None:
        return ZERO
    last_share = month.share.monthly(
        rent_on(month.tenancy_end, month.unit_rent, month.rent_changes)
    )
    return max(min(month.opening_balance, last_share), ZERO)


def statement(month: RentMonth) -> RentStatement:
    if month.in_kind_minutes < 0 or min(month.cash_paid, month.payroll_deduction) < 0:
        raise ValueError("payments and minutes cannot be negative")
    tenancy_count, days = days_of_tenancy(month)
    owed_now = share_of_days(month)
    owed = month.opening_balance + owed_now - month.cash_paid - month.payroll_deduction
    value = (
        round_money(Decimal(month.in_kind_minutes) * month.in_kind_hourly_value / 60)
        if month.in_kind_minutes
        else ZERO
    )
    credit = min(value, max(owed, ZERO))
    return RentStatement(
        days_in_month=days,
        days_of_tenancy=tenancy_count,
        obligation=owed_now,
        owed=owed,
        in_kind_value=value,
        in_kind_credit=credit,
        in_kind_excess=value - credit,
        closing_balance=owed - credit,
    )


def due_date(first_day: datetime.date, due_day: int) -> datetime.date:
    """The day a month's rent falls due (the month's last day if it is shorter)."""
    last = month_days(first_day)[-1]
    return first_day.replace(day=min(due_day, last.day))


def past_due(
    closing_balance: Decimal,
    obligation: Decimal,
    first_day: datetime.date,
    on: datetime.date,
    due_day: int,
) -> Decimal:
    """What of the balance had fallen due by ``on``: before the month's due day its own
    obligation is not yet owed."""
    not_yet = obligation if on < due_date(first_day, due_day) else ZERO
    return max(closing_balance - not_yet, ZERO)
