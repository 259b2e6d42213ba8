"""The pay run: every payslip of a month from the approved work record, in one transaction.

Facts are loaded for all trainees at once (a fixed number of queries, whatever their number),
the pure calculations (stipend.py, wages.py) make the lines, and the payslips and lines are
written in bulk. One hour is never counted twice: paid work (and training, if the scheme pays
it) goes to wages, in-kind-rent work only to the rent ledger, community service and volunteer
work to neither.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra_coop.core.calendar import working_days
from reintegra_coop.core.dates import month_bounds
from reintegra_coop.core.money import round_money
from reintegra_coop.housing.models import InKindValueSetting, Tenancy, payroll_tenancy
from reintegra_coop.people.models import Trainee
from reintegra_coop.work.models import WORKING_CODES, LockedPeriod, WorkLog, WorkLogStatus

from .lines import PayLine, total
from .models import (
    Advance,
    Bonus,
    DebtRepaymentPlan,
    PayError,
    PayRun,
    PayScheme,
    Payslip,
    PayslipLine,
    PieceWork,
    RunStatus,
    SchemeKind,
    StipendSetting,
)
from .stipend import StipendError, StipendMonth, calculate
from .wages import hourly, piece_rate, piece_work


@dataclass
class PayslipDraft:
    trainee: Trainee
    scheme: str
    lines: list[PayLine]
    information: list[PayLine] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return total(self.lines)


@dataclass
class Facts:
    """Everything a month's payslips are made from, loaded in bulk."""

    first: datetime.date
    last: datetime.date
    schemes: dict[int, PayScheme]
    minutes: dict[tuple[int, str], int]
    day_codes: dict[int, dict[datetime.date, str]]
    earlier_absences: dict[tuple[int, str], int]
    units: dict[int, Decimal]
    bonuses: dict[int, Decimal]
    advances: dict[int, Decimal]
    plans: dict[int, list[tuple[DebtRepaymentPlan, Decimal]]]
    tenancies: dict[int, Tenancy]
    in_kind_value: Decimal


def load_facts(month: datetime.date, trainee_ids: Iterable[int] | None = None) -> Facts:
    first, last = month_bounds(month)
    schemes_query = (
        PayScheme.objects.select_related("trainee")
        .filter(valid_from__lte=last)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=first))
        .order_by("valid_from")
    )
    if trainee_ids is not None:
        wanted = set(trainee_ids)
        schemes_query = schemes_query.filter(trainee_id__in=wanted)
    schemes = {scheme.trainee_id: scheme for scheme in schemes_query}  # the latest in the month
    if trainee_ids is not None:
        missing = Trainee.objects.filter(pk__in=wanted - set(schemes))
        if missing:
            raise PayError(
                _("No pay scheme in %(month)s for: %(names)s.")
                % {"month": f"{first:%Y-%m}", "names": ", ".join(t.full_name for t in missing)}
            )
    ids = list(schemes)
    # Only approved (or locked) logs count, for minutes and for attendance codes alike.
    logs = (
        WorkLog.objects.current().approved().filter(trainee_id__in=ids, date__range=(first, last))
    )
    approved = logs.working()
    minutes = {
        (row["trainee_id"], row["work_type"]): row["total"]
        for row in approved.values("trainee_id", "work_type").annotate(total=Sum("minutes"))
    }
    day_codes = _day_codes(logs.values_list("trainee_id", "date", "attendance"))
    return Facts(
        first=first,
        last=last,
        schemes=schemes,
        minutes=minutes,
        day_codes=day_codes,
        earlier_absences=_earlier_absences(schemes, first),
        units=_sums(
            PieceWork.objects.filter(trainee_id__in=ids, date__range=(first, last)), "units"
        ),
        bonuses=_sums(Bonus.objects.filter(trainee_id__in=ids, month=first), "amount"),
        advances=_sums(Advance.objects.filter(trainee_id__in=ids, month=first), "amount"),
        plans=_plans(ids, first),
        tenancies=payroll_tenancies(ids, first, last),
        in_kind_value=_in_kind_value(first),
    )


def payroll_tenancies(
    ids: Iterable[int], first: datetime.date, last: datetime.date
) -> dict[int, Tenancy]:
    """Each trainee's tenancy with rent deducted from pay in the month (housing's rule)."""
    by_trainee: dict[int, list[Tenancy]] = defaultdict(list)
    for tenancy in Tenancy.objects.filter(trainee_id__in=list(ids), start__lte=last):
        by_trainee[tenancy.trainee_id].append(tenancy)
    chosen = {
        trainee_id: payroll_tenancy(found, first, last) for trainee_id, found in by_trainee.items()
    }
    return {trainee_id: tenancy for trainee_id, tenancy in chosen.items() if tenancy is not None}


def _sums(queryset: Any, field_name: str) -> dict[int, Decimal]:
    return {
        row["trainee_id"]: row["total"]
        for row in queryset.values("trainee_id").annotate(total=Sum(field_name))
    }


def _day_codes(
    rows: Iterable[tuple[int, datetime.date, str]],
) -> dict[int, dict[datetime.date, str]]:
    """One code per trainee and day: a day worked at all counts as present."""
    codes: dict[int, dict[datetime.date, str]] = defaultdict(dict)
    for trainee_id, day, code in rows:
        if codes[trainee_id].get(day) not in WORKING_CODES:
            codes[trainee_id][day] = "present" if code in WORKING_CODES else code
    return dict(codes)


def _earlier_absences(
    schemes: dict[int, PayScheme], first: datetime.date
) -> dict[tuple[int, str], int]:
    """Sick days and days off earlier in each stipend trainee's participation, counted by the
    same rules as the month itself: approved logs, working days, a day worked wins."""
    starts = {
        trainee_id: scheme.trainee.participation_started_on
        for trainee_id, scheme in schemes.items()
        if scheme.kind == SchemeKind.STIPEND and scheme.trainee.participation_started_on
    }
    if not starts:
        return {}
    since = min(starts.values())
    rows = (
        WorkLog.objects.current()
        .approved()
        .filter(trainee_id__in=list(starts), date__lt=first, date__gte=since)
        .values_list("trainee_id", "date", "attendance")
    )
    working: set[datetime.date] = set()
    month = since.replace(day=1)
    while month < first:
        working.update(working_days(month))
        month = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    counts: dict[tuple[int, str], int] = defaultdict(int)
    for trainee_id, codes in _day_codes(rows).items():
        for day, code in codes.items():
            if code in ("sick", "day_off") and day in working and day >= starts[trainee_id]:
                counts[(trainee_id, code)] += 1
    return dict(counts)


def _plans(
    ids: list[int], first: datetime.date
) -> dict[int, list[tuple[DebtRepaymentPlan, Decimal]]]:
    plans = list(
        DebtRepaymentPlan.objects.filter(trainee_id__in=ids, active=True, start_month__lte=first)
    )
    repaid = {
        row["debt_plan"]: -row["total"]
        for row in PayslipLine.objects.filter(
            debt_plan__in=plans, payslip__run__status__in=[RunStatus.APPROVED, RunStatus.PAID]
        )
        .exclude(payslip__run__month=first)
        .values("debt_plan")
        .annotate(total=Sum("amount"))
    }
    by_trainee: dict[int, list[tuple[DebtRepaymentPlan, Decimal]]] = defaultdict(list)
    for plan in plans:
        by_trainee[plan.trainee_id].append((plan, repaid.get(plan.pk, Decimal(0))))
    return by_trainee


def _in_kind_value(first: datetime.date) -> Decimal:
    setting = (
        InKindValueSetting.objects.filter(valid_from__lte=first).order_by("-valid_from").first()
    )
    return setting.hourly_value if setting else Decimal(0)


def draft_payslips(
    month: datetime.date, trainee_ids: Iterable[int] | None = None
) -> list[PayslipDraft]:
    """Every payslip of the month, computed but not saved (also for --dry-run and the API)."""
    facts = load_facts(month, trainee_ids)
    stipend_rules = None
    if any(s.kind == SchemeKind.STIPEND for s in facts.schemes.values()):
        stipend_rules = StipendSetting.in_force(facts.first).rules()
    days = working_days(facts.first)
    drafts = []
    for trainee_id, scheme in sorted(
        facts.schemes.items(), key=lambda item: item[1].trainee.last_name
    ):
        earnings = _earnings(scheme, facts, stipend_rules, days)
        drafts.append(
            PayslipDraft(
                scheme.trainee,
                scheme.kind,
                _with_deductions(trainee_id, earnings, facts),
                _information(trainee_id, facts),
            )
        )
    return drafts


def _earnings(
    scheme: PayScheme, facts: Facts, stipend_rules: Any, days: tuple[datetime.date, ...]
) -> list[PayLine]:
    trainee_id = scheme.trainee_id
    if scheme.kind == SchemeKind.HOURLY:
        minutes = facts.minutes.get((trainee_id, "paid_work"), 0)
        if scheme.counts_training:
            minutes += facts.minutes.get((trainee_id, "training"), 0)
        return hourly([(minutes, scheme.hourly_rate or Decimal(0))])
    if scheme.kind == SchemeKind.PIECE_RATE:
        if not scheme.reference_hourly_wage or not scheme.standard_units_per_hour:
            raise PayError(
                _("%(name)s's piece rate needs a reference wage and a time study.")
                % {"name": scheme.trainee.full_name}
            )
        rate = piece_rate(scheme.reference_hourly_wage, scheme.standard_units_per_hour)
        return piece_work(facts.units.get(trainee_id, Decimal(0)), rate)
    trainee = scheme.trainee
    if trainee.participation_started_on is None:
        raise PayError(
            _("%(name)s has a stipend but no participation start.") % {"name": trainee.full_name}
        )
    try:
        return calculate(
            stipend_rules,
            StipendMonth(
                first_day=facts.first,
                working_days=days,
                participation_start=trainee.participation_started_on,
                participation_end=trainee.exited_on or trainee.planned_end_on,
                day_codes=facts.day_codes.get(trainee_id, {}),
                sick_days_before=facts.earlier_absences.get((trainee_id, "sick"), 0),
                days_off_before=facts.earlier_absences.get((trainee_id, "day_off"), 0),
                bonus=facts.bonuses.get(trainee_id, Decimal(0)),
            ),
        )
    except StipendError as error:
        raise PayError(f"{trainee.full_name}: {error}") from None


def _with_deductions(trainee_id: int, earnings: list[PayLine], facts: Facts) -> list[PayLine]:
    """Bonus (wages), then rent by payroll, advances and debt plans, never below zero."""
    lines = list(earnings)
    bonus = facts.bonuses.get(trainee_id)
    if bonus and facts.schemes[trainee_id].kind != SchemeKind.STIPEND:
        lines.append(PayLine("bonus", round_money(bonus)))
    left = total(lines)
    tenancy = facts.tenancies.get(trainee_id)
    asked = [
        ("rent_deduction", tenancy.payroll_deduction if tenancy else Decimal(0), None),
        ("advance", facts.advances.get(trainee_id, Decimal(0)), None),
        *[
            ("debt_repayment", min(plan.monthly_amount, plan.cap - repaid), plan)
            for plan, repaid in facts.plans.get(trainee_id, [])
        ],
    ]
    for code, amount, plan in asked:
        take = min(max(amount, Decimal(0)), left)
        if take > 0:
            lines.append(PayLine(code, -take, debt_plan_id=plan.pk if plan else None))
            left -= take
    return lines


def _information(trainee_id: int, facts: Facts) -> list[PayLine]:
    minutes = facts.minutes.get((trainee_id, "in_kind_rent"), 0)
    if not minutes:
        return []
    value = round_money(Decimal(minutes) * facts.in_kind_value / 60)
    return [
        PayLine(
            "in_kind_rent_value",
            value,
            (Decimal(minutes) / 60).quantize(Decimal("0.01")),
            facts.in_kind_value,
        )
    ]


def run_payroll(month: datetime.date, by: Any, trainee_ids: Iterable[int] | None = None) -> PayRun:
    """Make (or re-make) the month's draft pay run, all of it or nothing."""
    first, _last = month_bounds(month)
    with transaction.atomic():
        if (
            PayRun.objects.select_for_update()
            .filter(month=first, status__in=[RunStatus.APPROVED, RunStatus.PAID])
            .exists()
        ):
            raise PayError(
                _("The pay run of %(month)s is already approved; reopen the period first.")
                % {"month": f"{first:%Y-%m}"}
            )
        drafts = draft_payslips(first, trainee_ids)
        run = PayRun.objects.select_for_update().filter(month=first, status=RunStatus.DRAFT).first()
        if run is None:
            try:
                with transaction.atomic():
                    run = PayRun.objects.create(month=first, created_by=by, modified_by=by)
            except IntegrityError:
                raise PayError(
                    _("Someone else is making this month's pay run; try again.")
                ) from None
        else:
            PayslipLine.objects.filter(payslip__run=run).delete()
            run.payslips.all().delete()
        payslips = Payslip.objects.bulk_create(
            [
                Payslip(
                    run=run,
                    trainee=draft.trainee,
                    scheme=draft.scheme,
                    total=draft.total,
                    protected_from_seizure=draft.scheme == SchemeKind.STIPEND,
                )
                for draft in drafts
            ]
        )
        PayslipLine.objects.bulk_create(
            [
                PayslipLine(
                    payslip=payslip,
                    position=position,
                    code=line.code,
                    amount=line.amount,
                    quantity=line.quantity,
                    rate=line.rate,
                    detail=line.detail[:500],
                    debt_plan_id=line.debt_plan_id,
                    informational=informational,
                )
                for payslip, draft in zip(payslips, drafts, strict=True)
                for position, (line, informational) in enumerate(
                    [(line, False) for line in draft.lines]
                    + [(line, True) for line in draft.information]
                )
            ]
        )
    return run


def approve(run: PayRun, by: Any) -> None:
    """Approve the run and lock the month's work logs."""
    with transaction.atomic():
        locked = PayRun.objects.select_for_update().get(pk=run.pk)
        if locked.status != RunStatus.DRAFT:
            raise PayError(_("Only a draft pay run can be approved."))
        if locked.payslips.filter(needs_recalculation=True).exists():
            raise PayError(_("Recalculate the pay run first: the period was reopened."))
        first, last = month_bounds(locked.month)
        WorkLog.objects.filter(date__range=(first, last), status=WorkLogStatus.APPROVED).update(
            status=WorkLogStatus.LOCKED
        )
        LockedPeriod.objects.create(
            first_day=first,
            last_day=last,
            created_by=by,
            reason=_("Pay run of %(month)s") % {"month": f"{first:%Y-%m}"},
        )
        locked.status, locked.approved_at = RunStatus.APPROVED, timezone.now()
        locked.stamp(by)
        locked.save()
    run.refresh_from_db()


def mark_paid(run: PayRun, by: Any) -> None:
    with transaction.atomic():
        locked = PayRun.objects.select_for_update().get(pk=run.pk)
        if locked.status != RunStatus.APPROVED:
            raise PayError(_("Only an approved pay run can be marked paid."))
        locked.status, locked.paid_at = RunStatus.PAID, timezone.now()
        locked.stamp(by)
        locked.save()
    run.refresh_from_db()


def reopen(month: datetime.date, by: Any, reason: str) -> int:
    """Unlock a month for corrections; its approved payslips are marked for recalculation and
    its run goes back to draft. Returns how many payslips need recalculating."""
    if not reason.strip():
        raise PayError(_("Say why the period is reopened."))
    first, last = month_bounds(month)
    with transaction.atomic():
        runs = list(
            PayRun.objects.select_for_update().filter(month=first, status=RunStatus.APPROVED)
        )
        if not runs:
            raise PayError(
                _("No approved pay run of %(month)s to reopen (a paid one stays closed).")
                % {"month": f"{first:%Y-%m}"}
            )
        LockedPeriod.objects.filter(first_day=first, last_day=last).delete()
        WorkLog.objects.filter(date__range=(first, last), status=WorkLogStatus.LOCKED).update(
            status=WorkLogStatus.APPROVED
        )
        count = Payslip.objects.filter(run__in=runs).update(needs_recalculation=True)
        for run in runs:
            run.status, run.reopened_reason = RunStatus.DRAFT, reason.strip()
            run.stamp(by)
            run.save()
    return count
