"""Late hours are never lost. Once a month is approved its own logs cannot change; a late or
corrected entry for it (a late entry, or a log deferred at approval) is paid in a later open
period: the closed month is recounted with its own rules (schemes, rates, limits) and every
log now in force, and the difference from what was paid for it — its payslip and the earlier
corrections — goes on a ``previous_period`` line naming the month, positive or negative."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum

from reintegra_coop.people.models import Trainee
from reintegra_coop.work.models import WorkLog, WorkLogStatus

from .facts import load_facts
from .lines import Correction, earnings
from .models import CLOSED_STATES, PayPeriod, Payslip, PayslipLine
from .payroll import UnpaidWork, month_earnings, unpaid_work


@dataclass
class LateCorrections:
    by_trainee: dict[int, list[Correction]] = field(default_factory=dict)
    trainees: dict[int, Trainee] = field(default_factory=dict)
    kinds: dict[int, str] = field(default_factory=dict)  # the scheme of the month recounted
    unpaid: list[UnpaidWork] = field(default_factory=list)  # late work outside any scheme


def pending(
    before: datetime.date, trainee_ids: Iterable[int] | None = None
) -> dict[datetime.date, dict[int, list[int]]]:
    """Approved late entries of closed months before ``before`` not paid yet: month → trainee
    → log ids."""
    closed = set(
        PayPeriod.objects.filter(month__lt=before, state__in=CLOSED_STATES).values_list(
            "month", flat=True
        )
    )
    logs = WorkLog.objects.filter(
        late=True, status=WorkLogStatus.APPROVED, paid_in__isnull=True, date__lt=before
    )
    if trainee_ids is not None:
        logs = logs.filter(trainee_id__in=list(trainee_ids))
    found: dict[datetime.date, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for pk, trainee_id, day in logs.values_list("pk", "trainee_id", "date"):
        month = day.replace(day=1)
        if month in closed:
            found[month][trainee_id].append(pk)
    return {month: dict(by_trainee) for month, by_trainee in sorted(found.items())}


def corrections(before: datetime.date, trainee_ids: Iterable[int] | None = None) -> LateCorrections:
    """For each closed month with pending late entries: the difference to pay, by trainee."""
    result = LateCorrections()
    by_trainee: dict[int, list[Correction]] = defaultdict(list)
    for month, logs_by_trainee in pending(before, trainee_ids).items():
        ids = list(logs_by_trainee)
        last = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        counted = (
            WorkLog.objects.current()
            .approved()
            .filter(trainee_id__in=ids, date__gte=month, date__lt=last)
        )
        facts = load_facts(month, ids, logs=counted)
        result.unpaid += unpaid_work(facts)
        paid = _paid_for(month, ids)
        for trainee_id in ids:
            true = earnings(month_earnings(facts, trainee_id))
            by_trainee[trainee_id].append(
                Correction(
                    month,
                    true - paid.get(trainee_id, Decimal(0)),
                    tuple(logs_by_trainee[trainee_id]),
                )
            )
            result.trainees[trainee_id] = facts.trainees[trainee_id]
            schemes = facts.schemes.get(trainee_id)
            if schemes:
                result.kinds[trainee_id] = schemes[-1].kind
    result.by_trainee = dict(by_trainee)
    return result


def _paid_for(month: datetime.date, ids: list[int]) -> dict[int, Decimal]:
    """What was paid for the month's work: its payslip's earnings and the corrections paid
    since (by closed periods)."""
    paid: dict[int, Decimal] = defaultdict(Decimal)
    for trainee_id, amount in (
        Payslip.objects.current()
        .filter(period__month=month, trainee_id__in=ids)
        .values_list("trainee_id", "earnings")
    ):
        paid[trainee_id] += amount
    rows = (
        PayslipLine.objects.filter(
            code="previous_period",
            for_month=month,
            payslip__replaced=False,
            payslip__trainee_id__in=ids,
            payslip__period__state__in=CLOSED_STATES,
        )
        .values("payslip__trainee_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    for row in rows:
        paid[row["payslip__trainee_id"]] += row["total"]
    return dict(paid)
