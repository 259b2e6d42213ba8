"""Everything a month's payslips are made from, loaded in bulk: a fixed number of queries,
whatever the number of trainees. Only approved (or locked) logs count; a late entry counts in
its own month only through the later period that pays it (late.py)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from django.db.models import CharField, Q, QuerySet, Sum
from django.db.models.functions import Cast

from reintegra_coop.core.calendar import working_days
from reintegra_coop.core.dates import month_bounds, months
from reintegra_coop.housing.ledger import in_kind_hourly_value, statements
from reintegra_coop.housing.models import Tenancy
from reintegra_coop.people.models import StageChange, Trainee
from reintegra_coop.work.models import WORKING_CODES, WorkLog
from reintegra_coop.work.querysets import WorkLogQuerySet

from .models import (
    Advance,
    Bonus,
    DebtRepaymentPlan,
    HourlyRate,
    PayScheme,
    PayslipLine,
    PeriodState,
    PieceWork,
    SchemeKind,
    StipendSetting,
)
from .rates import RateRow
from .stipend import StipendRules


class WorkDay(NamedTuple):
    """Approved minutes of one kind of work, of a trainee, on a day, in a workshop and skill."""

    date: datetime.date
    workshop_id: int
    skill_id: int | None
    work_type: str
    minutes: int


@dataclass
class Facts:
    first: datetime.date
    last: datetime.date
    trainees: dict[int, Trainee]
    schemes: dict[int, list[PayScheme]]  # in force some day of the month, by valid-from
    work: dict[int, list[WorkDay]] = field(default_factory=dict)
    day_codes: dict[int, dict[datetime.date, str]] = field(default_factory=dict)
    earlier_absences: dict[tuple[int, str], int] = field(default_factory=dict)
    units: dict[int, list[tuple[datetime.date, Decimal]]] = field(default_factory=dict)
    bonuses: dict[int, Decimal] = field(default_factory=dict)
    advances: dict[int, Decimal] = field(default_factory=dict)
    plans: dict[int, list[tuple[DebtRepaymentPlan, Decimal]]] = field(default_factory=dict)
    rent: dict[int, list[tuple[Tenancy, Decimal]]] = field(default_factory=dict)
    in_kind_value: Decimal = Decimal(0)
    rates: list[RateRow] = field(default_factory=list)
    stages: dict[int, list[tuple[datetime.date, str]]] = field(default_factory=dict)
    stipend_rules: StipendRules | None = None
    working_days: tuple[datetime.date, ...] = ()


def month_logs(first: datetime.date, last: datetime.date, ids: Any) -> WorkLogQuerySet:
    """The month's logs its own payslip counts: approved, in force, not late entries."""
    return (
        WorkLog.objects.current()
        .approved()
        .filter(trainee_id__in=ids, date__range=(first, last), late=False)
    )


def load_facts(
    month: datetime.date,
    trainee_ids: Iterable[int] | None = None,
    logs: WorkLogQuerySet | None = None,
) -> Facts:
    """The facts of ``month`` for every trainee with a pay scheme in it (or those given).
    ``logs``: the logs to count instead of the month's own (late.py recounts a month)."""
    first, last = month_bounds(month)
    in_force = PayScheme.objects.filter(
        valid_from__lte=last,
        trainee__withdrawn_at__isnull=True,  # never a mistaken record
    ).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=first))
    schemes_query = in_force.select_related("trainee").order_by("valid_from")
    if trainee_ids is not None:
        schemes_query = schemes_query.filter(trainee_id__in=list(trainee_ids))
    schemes: dict[int, list[PayScheme]] = defaultdict(list)
    trainees: dict[int, Trainee] = {}
    for scheme in schemes_query:
        schemes[scheme.trainee_id].append(scheme)
        trainees[scheme.trainee_id] = scheme.trainee
    if trainee_ids is not None:
        for trainee in Trainee.objects.filter(pk__in=set(trainee_ids) - set(trainees)):
            trainees[trainee.pk] = trainee  # named, but without a scheme this month
    # Everyone with a scheme: a subquery, not a list of thousands of ids, in every query.
    ids: Any = list(trainees) if trainee_ids is not None else in_force.values("trainee_id")
    counted = logs if logs is not None else month_logs(first, last, ids)
    facts = Facts(first=first, last=last, trainees=trainees, schemes=dict(schemes))
    facts.work, facts.day_codes = _work_and_day_codes(counted)
    facts.earlier_absences = _earlier_absences(facts)
    facts.units = _units(ids, first, last)
    facts.bonuses = _sums(Bonus.objects.filter(trainee_id__in=ids, month=first), "amount")
    facts.advances = _sums(Advance.objects.filter(trainee_id__in=ids, month=first), "amount")
    facts.plans = _plans(ids, first)
    facts.rent = _rent(first, ids)
    facts.in_kind_value = in_kind_hourly_value(first)
    facts.rates = [
        RateRow(r.rate, r.valid_from, r.valid_until, r.workshop_id, r.skill_id, r.stage)
        for r in HourlyRate.objects.filter(valid_from__lte=last).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=first)
        )
    ]
    facts.stages = _stages(ids)
    if any(s.kind == SchemeKind.STIPEND for found in schemes.values() for s in found):
        facts.stipend_rules = StipendSetting.in_force(first).rules()
    facts.working_days = working_days(first)
    return facts


def _work_and_day_codes(
    logs: WorkLogQuerySet,
) -> tuple[dict[int, list[WorkDay]], dict[int, dict[datetime.date, str]]]:
    """The minutes worked (by day, workshop, skill and kind of work) and the day codes, from
    one pass over the month's logs."""
    work: dict[int, list[WorkDay]] = defaultdict(list)
    # The date as text, read once per distinct day: a month has ~220,000 logs but 31 days,
    # and Django's per-row date conversion was most of the time of a large run.
    rows = (
        logs.order_by()
        .annotate(day_text=Cast("date", CharField()))
        .values_list(
            "trainee_id",
            "day_text",
            "attendance",
            "work_type",
            "workshop_id",
            "skill_id",
            "minutes",
        )
    )
    dates: dict[str, datetime.date] = {}
    codes = []
    for trainee_id, text, attendance, work_type, workshop_id, skill_id, minutes in rows.iterator(
        chunk_size=20000
    ):
        day = dates.get(text) or dates.setdefault(text, datetime.date.fromisoformat(text))
        codes.append((trainee_id, day, attendance))
        if attendance in WORKING_CODES:
            work[trainee_id].append(WorkDay(day, workshop_id, skill_id, work_type, minutes))
    return dict(work), _day_codes(codes)


def _day_codes(
    rows: Iterable[tuple[int, datetime.date, str]],
) -> dict[int, dict[datetime.date, str]]:
    """One code per trainee and day: a day worked at all counts as present."""
    codes: dict[int, dict[datetime.date, str]] = defaultdict(dict)
    for trainee_id, day, code in rows:
        if codes[trainee_id].get(day) not in WORKING_CODES:
            codes[trainee_id][day] = "present" if code in WORKING_CODES else code
    return dict(codes)


def _earlier_absences(facts: Facts) -> dict[tuple[int, str], int]:
    """Sick days and days off earlier in each stipend trainee's participation, counted by the
    same rules as the month itself: approved logs, working days, a day worked wins."""
    starts = {
        trainee_id: trainee.participation_started_on
        for trainee_id, trainee in facts.trainees.items()
        if trainee.participation_started_on
        and any(s.kind == SchemeKind.STIPEND for s in facts.schemes.get(trainee_id, []))
    }
    if not starts:
        return {}
    since = min(starts.values())
    rows = (
        WorkLog.objects.current()
        .approved()
        .filter(trainee_id__in=list(starts), date__lt=facts.first, date__gte=since)
        .values_list("trainee_id", "date", "attendance")
    )
    working: set[datetime.date] = set()
    for month in months(since, facts.first - datetime.timedelta(days=1)):
        working.update(working_days(month))
    counts: dict[tuple[int, str], int] = defaultdict(int)
    for trainee_id, codes in _day_codes(rows).items():
        for day, code in codes.items():
            if code in ("sick", "day_off") and day in working and day >= starts[trainee_id]:
                counts[(trainee_id, code)] += 1
    return dict(counts)


def _units(
    ids: Any, first: datetime.date, last: datetime.date
) -> dict[int, list[tuple[datetime.date, Decimal]]]:
    found: dict[int, list[tuple[datetime.date, Decimal]]] = defaultdict(list)
    rows = (
        PieceWork.objects.filter(trainee_id__in=ids, date__range=(first, last))
        .values("trainee_id", "date")
        .annotate(total=Sum("units"))
        .order_by()
    )
    for row in rows:
        found[row["trainee_id"]].append((row["date"], row["total"]))
    return dict(found)


def _sums(queryset: QuerySet[Bonus] | QuerySet[Advance], field_name: str) -> dict[int, Decimal]:
    return {
        row["trainee_id"]: row["total"]
        for row in queryset.values("trainee_id").annotate(total=Sum(field_name)).order_by()
    }


def _plans(ids: Any, first: datetime.date) -> dict[int, list[tuple[DebtRepaymentPlan, Decimal]]]:
    plans = list(
        DebtRepaymentPlan.objects.filter(trainee_id__in=ids, active=True, start_month__lte=first)
    )
    repaid = {
        row["debt_plan"]: -row["total"]
        for row in PayslipLine.objects.filter(
            debt_plan__in=plans,
            payslip__replaced=False,
            payslip__period__state__in=[PeriodState.APPROVED, PeriodState.PAID],
        )
        .exclude(payslip__period__month=first)
        .values("debt_plan")
        .annotate(total=Sum("amount"))
        .order_by()
    }
    by_trainee: dict[int, list[tuple[DebtRepaymentPlan, Decimal]]] = defaultdict(list)
    for plan in plans:
        by_trainee[plan.trainee_id].append((plan, repaid.get(plan.pk, Decimal(0))))
    return dict(by_trainee)


def _rent(first: datetime.date, ids: Any) -> dict[int, list[tuple[Tenancy, Decimal]]]:
    """What pay may take for rent, by tenancy (housing's rule: consent, days of tenancy)."""
    found: dict[int, list[tuple[Tenancy, Decimal]]] = defaultdict(list)
    for row in statements(first, trainee_ids=ids):
        if row.payroll_due > 0:
            found[row.tenancy.trainee_id].append((row.tenancy, row.payroll_due))
    return dict(found)


def _stages(ids: Any) -> dict[int, list[tuple[datetime.date, str]]]:
    found: dict[int, list[tuple[datetime.date, str]]] = defaultdict(list)
    for trainee_id, on, stage in (
        StageChange.objects.filter(trainee_id__in=ids)
        .order_by("trainee_id", "on", "pk")
        .values_list("trainee_id", "on", "to_stage")
    ):
        found[trainee_id].append((on, stage))
    return dict(found)
