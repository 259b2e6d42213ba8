"""The month's rent statements of every tenancy (rent.py does the arithmetic).

A closed month (its pay period approved) is read back from the statements stored then, never
recomputed. An open month is computed from the records, each tenancy's balance carried from
its last stored statement (or from its start) month by month. A tenancy's ledger goes on after
it ends while anything is owed. Rent taken from pay is the pay period's to decide: an open
month shows what pay may take (``payroll_due``); closing the month stores what it took.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max, Sum
from django.db.models.functions import TruncMonth

from reintegra_coop.core.dates import month_bounds, months
from reintegra_coop.core.sites import site_setting
from reintegra_coop.work.models import WorkLog

from . import rent
from .models import (
    ClosedRentMonth,
    InKindValueSetting,
    RentChange,
    RentPayment,
    StoredStatement,
    Tenancy,
)
from .rent import RentMonth, RentStatement

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
    payroll_due: Decimal = ZERO  # what pay may take this month (consent rule)
    stored: bool = False  # read back from a closed month

    def past_due(self, on: datetime.date) -> Decimal:
        """What of the balance had fallen due by ``on`` (the site's RENT_DUE_DAY)."""
        return rent.past_due(
            self.result.closing_balance,
            self.result.obligation,
            self.month,
            on,
            site_setting("RENT_DUE_DAY"),
        )


def is_closed(month: datetime.date) -> bool:
    return ClosedRentMonth.holds(month)


def statements(
    month: datetime.date,
    trainee: Any = None,
    trainee_ids: Iterable[int] | None = None,
    deductions: Mapping[int, Decimal] | None = None,
) -> list[TenancyStatement]:
    """Every tenancy's statement for ``month`` (one trainee's, or some trainees', if given).
    ``deductions``: what pay took, by tenancy id, when the month is being closed."""
    first, _last = month_bounds(month)
    ids: Any = [trainee.pk] if trainee is not None else None
    if trainee_ids is not None:
        ids = trainee_ids  # a list, or a query of ids
    if deductions is None and is_closed(first):
        return _stored(first, ids)
    return _computed(first, ids, deductions)


def _stored(first: datetime.date, ids: Any) -> list[TenancyStatement]:
    rows = StoredStatement.objects.filter(month=first, replaced=False).select_related(
        "tenancy__trainee", "tenancy__unit"
    )
    if ids is not None:
        rows = rows.filter(tenancy__trainee_id__in=ids)
    return [
        TenancyStatement(
            tenancy=row.tenancy,
            month=first,
            opening_balance=row.opening_balance,
            cash_paid=row.cash_paid,
            payroll_deduction=row.payroll_deduction,
            in_kind_minutes=row.in_kind_minutes,
            result=RentStatement(
                days_in_month=row.days_in_month,
                days_of_tenancy=row.days_of_tenancy,
                obligation=row.obligation,
                owed=row.opening_balance + row.obligation - row.cash_paid - row.payroll_deduction,
                in_kind_value=row.in_kind_value,
                in_kind_credit=row.in_kind_credit,
                in_kind_excess=row.in_kind_excess,
                closing_balance=row.closing_balance,
            ),
            payroll_due=row.payroll_deduction,
            stored=True,
        )
        for row in sorted(rows, key=lambda r: (r.tenancy.trainee.last_name, r.tenancy.start))
    ]


@dataclass
class _Records:
    """What the open months' statements are computed from, loaded in bulk."""

    cash: dict[tuple[int, datetime.date], Decimal]
    in_kind: dict[int, dict[datetime.date, int]]
    rent_changes: dict[int, tuple[rent.RentChange, ...]]
    values: list[tuple[datetime.date, Decimal]]
    last_stored: dict[int, StoredStatement]


def _computed(
    first: datetime.date, ids: Any, deductions: Mapping[int, Decimal] | None
) -> list[TenancyStatement]:
    last = month_bounds(first)[1]
    found = Tenancy.objects.filter(
        start__lte=last,
        trainee__withdrawn_at__isnull=True,  # never a mistaken record
    ).select_related("trainee", "unit")
    if ids is not None:
        found = found.filter(trainee_id__in=ids)
    tenancies = list(found.order_by("trainee__last_name", "trainee__first_name", "start"))
    if not tenancies:
        return []
    records = _load(tenancies, first, last)
    result = []
    for tenancy in tenancies:
        month_statement = _chain(tenancy, first, records, deductions)
        ended_before = tenancy.end is not None and tenancy.end < first
        quiet = not month_statement.opening_balance and not month_statement.cash_paid
        if ended_before and quiet:
            continue  # settled and over
        result.append(month_statement)
    return result


def _load(tenancies: list[Tenancy], first: datetime.date, last: datetime.date) -> _Records:
    trainee_ids = [t.trainee_id for t in tenancies]
    last_stored: dict[int, StoredStatement] = {}
    for stored in StoredStatement.objects.filter(
        tenancy__in=tenancies, month__lt=first, replaced=False
    ).order_by("-month"):
        last_stored.setdefault(stored.tenancy_id, stored)
    since = min((_chain_start(t, last_stored) for t in tenancies), default=first)
    cash: dict[tuple[int, datetime.date], Decimal] = defaultdict(lambda: ZERO)
    for row in (
        RentPayment.objects.filter(tenancy__in=tenancies, paid_on__range=(since, last))
        .annotate(month=TruncMonth("paid_on"))
        .values("tenancy_id", "month")
        .annotate(total=Sum("amount"))
    ):
        cash[(row["tenancy_id"], _day(row["month"]))] += row["total"]
    # In-kind minutes by trainee and day: each tenancy takes only its own days.
    in_kind: dict[int, dict[datetime.date, int]] = defaultdict(dict)
    for row in (  # each tenancy takes only its own days
        WorkLog.objects.current()
        .approved()
        .working()
        .filter(trainee_id__in=trainee_ids, date__range=(since, last), work_type="in_kind_rent")
        .values("trainee_id", "date")
        .annotate(total=Sum("minutes"))
    ):
        in_kind[row["trainee_id"]][row["date"]] = row["total"]
    listed: dict[int, list[rent.RentChange]] = defaultdict(list)
    for unit_id, valid_from, monthly_rent in RentChange.objects.filter(
        unit_id__in={t.unit_id for t in tenancies}
    ).values_list("unit_id", "valid_from", "monthly_rent"):
        listed[unit_id].append((valid_from, monthly_rent))
    changes = {unit_id: tuple(sorted(found)) for unit_id, found in listed.items()}
    return _Records(cash, in_kind, changes, in_kind_values(), last_stored)


def _chain_start(tenancy: Tenancy, last_stored: Mapping[int, StoredStatement]) -> datetime.date:
    stored = last_stored.get(tenancy.pk)
    if stored is None:
        return tenancy.start.replace(day=1)
    return (stored.month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def _chain(
    tenancy: Tenancy,
    target: datetime.date,
    records: _Records,
    deductions: Mapping[int, Decimal] | None,
) -> TenancyStatement:
    stored = records.last_stored.get(tenancy.pk)
    opening = stored.closing_balance if stored is not None else ZERO
    month_statement: TenancyStatement | None = None
    for each in months(_chain_start(tenancy, records.last_stored), target):
        # What pay took is known only for the month being closed; earlier open months (and
        # the month shown while open) count what pay may take.
        taken = deductions if each == target else None
        month_statement = _month(tenancy, each, opening, records, taken)
        opening = month_statement.result.closing_balance
    if month_statement is None:  # the target month is the one stored last (cannot happen)
        raise ValueError(f"{tenancy} has no open month {target:%Y-%m}")
    return month_statement


def _month(
    tenancy: Tenancy,
    first: datetime.date,
    opening: Decimal,
    records: _Records,
    deductions: Mapping[int, Decimal] | None,
) -> TenancyStatement:
    _first, last = month_bounds(first)
    since, until = max(first, tenancy.start), min(last, tenancy.end or last)
    worked = records.in_kind.get(tenancy.trainee_id, {})
    share, changes = tenancy.share, records.rent_changes.get(tenancy.unit_id, ())
    base = RentMonth(
        first_day=first,
        tenancy_start=tenancy.start,
        tenancy_end=tenancy.end,
        unit_rent=tenancy.unit.monthly_rent,
        share=share,
        opening_balance=opening,
        rent_changes=changes,
    )
    if tenancy.end is not None and tenancy.end < first:
        due = rent.after_end_payroll_share(base, tenancy.payroll_consent_on)
    else:
        due = rent.payroll_share(base, tenancy.payroll_consent_on)
    taken = due if deductions is None else deductions.get(tenancy.pk, ZERO)
    facts = RentMonth(
        first_day=first,
        tenancy_start=tenancy.start,
        tenancy_end=tenancy.end,
        unit_rent=tenancy.unit.monthly_rent,
        share=share,
        opening_balance=opening,
        cash_paid=records.cash.get((tenancy.pk, first), ZERO),
        payroll_deduction=taken,
        in_kind_minutes=sum(m for day, m in worked.items() if since <= day <= until),
        in_kind_hourly_value=_value_on(records.values, first),
        rent_changes=changes,
    )
    return TenancyStatement(
        tenancy=tenancy,
        month=first,
        opening_balance=opening,
        cash_paid=facts.cash_paid,
        payroll_deduction=taken,
        in_kind_minutes=facts.in_kind_minutes,
        result=rent.statement(facts),
        payroll_due=due,
    )


def close_month(month: datetime.date, deductions: Mapping[int, Decimal]) -> int:
    """Store the month's statements as they are now, with what pay took (by tenancy id), and
    mark the month closed. Called by the pay period's approval, in its transaction."""
    first = month.replace(day=1)
    with transaction.atomic():
        rows = _computed(first, None, deductions)
        versions = dict(
            StoredStatement.objects.filter(month=first)
            .values("tenancy_id")
            .annotate(top=Max("version"))
            .values_list("tenancy_id", "top")
        )
        StoredStatement.objects.bulk_create(
            [
                StoredStatement(
                    tenancy=row.tenancy,
                    month=first,
                    version=(versions.get(row.tenancy.pk) or 0) + 1,
                    days_in_month=row.result.days_in_month,
                    days_of_tenancy=row.result.days_of_tenancy,
                    opening_balance=row.opening_balance,
                    obligation=row.result.obligation,
                    cash_paid=row.cash_paid,
                    payroll_deduction=row.payroll_deduction,
                    in_kind_minutes=row.in_kind_minutes,
                    in_kind_value=row.result.in_kind_value,
                    in_kind_credit=row.result.in_kind_credit,
                    in_kind_excess=row.result.in_kind_excess,
                    closing_balance=row.result.closing_balance,
                )
                for row in rows
            ]
        )
        ClosedRentMonth.objects.get_or_create(month=first)
    return len(rows)


def reopen_month(month: datetime.date) -> int:
    """The month is open again: its stored statements stay, marked replaced, for the record."""
    first = month.replace(day=1)
    with transaction.atomic():
        ClosedRentMonth.objects.filter(month=first).delete()
        return StoredStatement.objects.filter(month=first, replaced=False).update(replaced=True)


def _day(value: datetime.date | datetime.datetime) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def in_kind_values() -> list[tuple[datetime.date, Decimal]]:
    """The in-kind hourly values with their valid-from dates, oldest first."""
    return list(
        InKindValueSetting.objects.order_by("valid_from").values_list("valid_from", "hourly_value")
    )


def in_kind_hourly_value(day: datetime.date) -> Decimal:
    """What an hour of in-kind rent work is worth on ``day`` (the month's first day for a
    month): the setting in force then, 0 before the first."""
    return _value_on(in_kind_values(), day)


def _value_on(values: list[tuple[datetime.date, Decimal]], day: datetime.date) -> Decimal:
    current = ZERO
    for valid_from, value in values:
        if valid_from <= day:
            current = value
    return current
