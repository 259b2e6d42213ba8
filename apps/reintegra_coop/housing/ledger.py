"""The month's rent statements for every tenancy, from the records (bulk loads), chaining each
month's closing balance into the next month's opening balance since the tenancy began."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q, Sum
from django.db.models.functions import TruncMonth

from reintegra_coop.core.dates import month_bounds
from reintegra_coop.work.models import WorkLog

from .models import InKindValueSetting, RentPayment, Tenancy, payroll_tenancy
from .rent import RentMonth, RentStatement, statement

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class TenancyStatement:
    tenancy: Tenancy
    month: datetime.date
    opening_balance: Decimal
    cash_paid: Decimal
    payroll_deduction: Decimal
    in_kind_minutes: int
    result: RentStatement


def _months(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    months, day = [], first.replace(day=1)
    while day <= last:
        months.append(day)
        day = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return months


def statements(month: datetime.date, trainee: Any = None) -> list[TenancyStatement]:
    from reintegra_coop.pay.models import PayslipLine, RunStatus

    first, last = month_bounds(month)
    found = (
        Tenancy.objects.filter(trainee=trainee) if trainee is not None else Tenancy.objects.all()
    )
    tenancies = list(
        found.filter(start__lte=last)
        .filter(Q(end__isnull=True) | Q(end__gte=first))
        .select_related("trainee", "unit")
        .order_by("trainee__last_name", "trainee__first_name")
    )
    if not tenancies:
        return []
    ids = [t.trainee_id for t in tenancies]
    since = min(t.start for t in tenancies).replace(day=1)
    cash: dict[tuple[int, datetime.date], Decimal] = defaultdict(lambda: ZERO)
    for row in (
        RentPayment.objects.filter(tenancy__in=tenancies, paid_on__range=(since, last))
        .annotate(month=TruncMonth("paid_on"))
        .values("tenancy_id", "month")
        .annotate(total=Sum("amount"))
    ):
        cash[(row["tenancy_id"], _day(row["month"]))] += row["total"]
    # In-kind minutes by trainee and day: each tenancy takes only its own days.
    minutes_by_day: dict[int, dict[datetime.date, int]] = defaultdict(dict)
    for row in (
        WorkLog.objects.current()
        .approved()
        .working()
        .filter(trainee_id__in=ids, date__range=(since, last), work_type="in_kind_rent")
        .values("trainee_id", "date")
        .annotate(total=Sum("minutes"))
    ):
        minutes_by_day[row["trainee_id"]][row["date"]] = row["total"]
    payroll: dict[tuple[int, datetime.date], Decimal] = defaultdict(lambda: ZERO)
    for row in (
        PayslipLine.objects.filter(
            code="rent_deduction",
            payslip__trainee_id__in=ids,
            payslip__run__status__in=[RunStatus.APPROVED, RunStatus.PAID],
            payslip__run__month__range=(since, first),
        )
        .values("payslip__trainee_id", "payslip__run__month")
        .annotate(total=Sum("amount"))
    ):
        payroll[(row["payslip__trainee_id"], row["payslip__run__month"])] -= row["total"]
    values = list(
        InKindValueSetting.objects.order_by("valid_from").values_list("valid_from", "hourly_value")
    )
    all_tenancies = list(Tenancy.objects.filter(trainee_id__in=ids))
    result = []
    for tenancy in tenancies:
        opening = ZERO
        for each in _months(tenancy.start, first):
            month_first, month_last = month_bounds(each)
            active_first = max(month_first, tenancy.start)
            active_last = min(month_last, tenancy.end) if tenancy.end else month_last
            in_kind = sum(
                m
                for day, m in minutes_by_day[tenancy.trainee_id].items()
                if active_first <= day <= active_last
            )
            deducted = (
                payroll[(tenancy.trainee_id, each)]
                if _deducted_for(all_tenancies, tenancy, each)
                else ZERO
            )
            facts = RentMonth(
                first_day=each,
                tenancy_start=tenancy.start,
                tenancy_end=tenancy.end,
                unit_rent=tenancy.unit.monthly_rent,
                share=tenancy.share,
                opening_balance=opening,
                cash_paid=cash[(tenancy.pk, each)],
                payroll_deduction=deducted,
                in_kind_minutes=in_kind,
                in_kind_hourly_value=_value_on(values, each),
            )
            month_result = statement(facts)
            if each == first:
                result.append(
                    TenancyStatement(
                        tenancy,
                        each,
                        opening,
                        facts.cash_paid,
                        facts.payroll_deduction,
                        facts.in_kind_minutes,
                        month_result,
                    )
                )
            opening = month_result.closing_balance
    return result


def _deducted_for(tenancies: list[Tenancy], tenancy: Tenancy, month: datetime.date) -> bool:
    """Whether the month's payroll rent deduction belongs to this tenancy."""
    own = [t for t in tenancies if t.trainee_id == tenancy.trainee_id]
    return payroll_tenancy(own, *month_bounds(month)) == tenancy


def _day(value: datetime.date | datetime.datetime) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def _value_on(values: list[tuple[datetime.date, Decimal]], day: datetime.date) -> Decimal:
    current = ZERO
    for valid_from, value in values:
        if valid_from <= day:
            current = value
    return current
