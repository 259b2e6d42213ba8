"""Whether the facts under a payslip changed since it was made (a stale run).

A payslip keeps a digest of every fact it was made from — the trainee's logs, schemes, piece
work, bonus, advances, debt plans, tenancies and rent payments, stage history, and the
site-wide settings and rate tables — as counts, sums of ids and the latest change of each, in a
fixed handful of grouped queries. Any change, addition or removal changes the digest."""

from __future__ import annotations

import datetime
import hashlib
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Max, Q, QuerySet, Sum

from reintegra_coop.housing.models import (
    HousingUnit,
    InKindValueSetting,
    RentChange,
    RentPayment,
    Tenancy,
)
from reintegra_coop.people.models import StageChange, Trainee
from reintegra_coop.work.models import WorkLog

from .models import (
    CLOSED_STATES,
    Advance,
    Bonus,
    DebtRepaymentPlan,
    HourlyRate,
    PayPeriod,
    PayScheme,
    PieceWork,
    StipendSetting,
)


def _summary(queryset: QuerySet[Any], by: str | None) -> Any:
    fields = {"n": Count("pk"), "ids": Sum("pk"), "at": Max("modified_at")}
    if by is None:
        return tuple(sorted(queryset.aggregate(**fields).items()))
    return queryset.values(by).annotate(**fields).order_by().values_list(by, "n", "ids", "at")


def settings_digest(first: datetime.date, last: datetime.date) -> str:
    parts = [
        _summary(StipendSetting.objects.all(), None),
        _summary(HourlyRate.objects.all(), None),
        _summary(InKindValueSetting.objects.all(), None),
        _summary(RentChange.objects.all(), None),
        _summary(HousingUnit.objects.all(), None),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def trainee_digests(
    first: datetime.date, last: datetime.date, trainee_ids: Iterable[int] | None = None
) -> dict[int, str]:
    """Each trainee's digest of the month's facts, with the site-wide ones folded in."""
    ids = list(trainee_ids) if trainee_ids is not None else None

    def of(queryset: QuerySet[Any], field: str) -> QuerySet[Any]:
        return queryset.filter(**{f"{field}__in": ids}) if ids is not None else queryset

    overlapping = Q(valid_from__lte=last) & (
        Q(valid_until__isnull=True) | Q(valid_until__gte=first)
    )
    sources: list[tuple[QuerySet[Any], str]] = [
        (WorkLog.objects.filter(date__range=(first, last)), "trainee_id"),
        (WorkLog.objects.filter(date__lt=first, attendance__in=["sick", "day_off"]), "trainee_id"),
        (PayScheme.objects.filter(overlapping), "trainee_id"),
        (PieceWork.objects.filter(date__range=(first, last)), "trainee_id"),
        (Bonus.objects.filter(month=first), "trainee_id"),
        (Advance.objects.filter(month=first), "trainee_id"),
        (DebtRepaymentPlan.objects.all(), "trainee_id"),
        (Tenancy.objects.filter(start__lte=last), "trainee_id"),
        (RentPayment.objects.filter(paid_on__lte=last), "tenancy__trainee_id"),
        (StageChange.objects.all(), "trainee_id"),
        (Trainee.objects.all(), "pk"),
    ]
    facts: dict[int, list[Any]] = defaultdict(list)
    for index, (queryset, field) in enumerate(sources):
        for trainee_id, *summary in _summary(of(queryset, field), field):
            facts[trainee_id].append((index, *summary))
    # Late entries of closed months owe a difference: which ones, and whether their month is
    # closed (a month closing or reopening changes what the run must pay).
    closed = set(
        PayPeriod.objects.filter(month__lt=first, state__in=CLOSED_STATES).values_list(
            "month", flat=True
        )
    )
    late = of(WorkLog.objects.filter(date__lt=first, late=True, paid_in__isnull=True), "trainee_id")
    for trainee_id, pk, day, at in late.values_list("trainee_id", "pk", "date", "modified_at"):
        facts[trainee_id].append(("late", pk, at, day.replace(day=1) in closed))
    site = settings_digest(first, last)
    wanted = ids if ids is not None else list(facts)
    return {
        trainee_id: hashlib.sha256(repr((site, facts.get(trainee_id, []))).encode()).hexdigest()
        for trainee_id in wanted
    }
