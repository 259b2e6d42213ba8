"""A month's payslips, computed (not saved) from its facts (facts.py).

Each day is paid by the scheme in force that day (rates.py splits the month): an hourly
scheme pays its days' approved paid-work minutes (and training, if it counts it), one line per
rate from the rate table; a piece rate its days' units; a stipend its working days in the
programme. Then a bonus, rent taken from pay (with consent, by tenancy), advances and debt
plans, never below zero; in-kind rent work is shown for information. One hour is never counted
twice: paid work goes to wages, in-kind rent work only to the rent ledger, community service
and volunteer work to neither. Paid work on a day without a scheme is not paid: it blocks the
period (``unpaid_work``).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from reintegra_coop.core.money import round_money
from reintegra_coop.people.models import Trainee

from .facts import Facts, WorkDay, load_facts
from .lines import Correction, PayLine, earnings, total
from .models import PayError, PayScheme, SchemeKind
from .rates import hourly_rate_for, scheme_on, segments, stage_on
from .stipend import StipendError, StipendMonth, calculate
from .wages import hourly, piece_rate, piece_work


@dataclass
class PayslipDraft:
    trainee: Trainee
    scheme: str
    lines: list[PayLine]
    information: list[PayLine] = field(default_factory=list)
    late_log_ids: list[int] = field(default_factory=list)  # late entries this payslip settles

    @property
    def total(self) -> Decimal:
        return total(self.lines)

    @property
    def earnings(self) -> Decimal:
        return earnings(self.lines)


@dataclass(frozen=True)
class UnpaidWork:
    trainee: Trainee
    date: datetime.date
    minutes: int


def draft_payslips(
    month: datetime.date, trainee_ids: Iterable[int] | None = None
) -> list[PayslipDraft]:
    """Every payslip of the month (or of the trainees given), computed but not saved: the
    month's own earnings and deductions, and the previous-period lines of late entries."""
    from .late import corrections  # late.py recounts months with this module

    facts = load_facts(month, trainee_ids)
    late = corrections(facts.first, trainee_ids)
    for trainee in late.trainees.values():
        facts.trainees.setdefault(trainee.pk, trainee)
    if trainee_ids is not None:
        paid = facts.schemes.keys() | late.by_trainee.keys()
        unpaid = [t for pk, t in facts.trainees.items() if pk not in paid]
        if unpaid:
            raise PayError(
                _("No pay scheme in %(month)s for: %(names)s.")
                % {
                    "month": f"{facts.first:%Y-%m}",
                    "names": ", ".join(sorted(t.full_name for t in unpaid)),
                }
            )
    drafts = []
    for trainee_id, trainee in sorted(
        facts.trainees.items(), key=lambda item: (item[1].last_name, item[1].first_name)
    ):
        schemes = facts.schemes.get(trainee_id, [])
        owed = late.by_trainee.get(trainee_id, [])
        if not schemes and not owed:
            continue
        lines, settled = _with_deductions(
            trainee_id, month_earnings(facts, trainee_id), owed, facts
        )
        drafts.append(
            PayslipDraft(
                trainee,
                schemes[-1].kind if schemes else late.kinds.get(trainee_id, SchemeKind.HOURLY),
                lines,
                _information(trainee_id, facts),
                settled,
            )
        )
    return drafts


def month_earnings(facts: Facts, trainee_id: int) -> list[PayLine]:
    """What the trainee earned in the month, each day by the scheme in force that day."""
    schemes = facts.schemes.get(trainee_id, [])
    found = segments([(s.valid_from, s.valid_until) for s in schemes], facts.first, facts.last)
    work = facts.work.get(trainee_id, [])
    lines: list[PayLine] = []
    hourly_minutes: list[tuple[int, Decimal]] = []
    for segment in found:
        scheme = schemes[segment.scheme_index]
        own = [day for day in work if segment.holds(day.date)]
        if scheme.kind == SchemeKind.HOURLY:
            hourly_minutes += _rated_minutes(facts, trainee_id, scheme, own)
        elif scheme.kind == SchemeKind.PIECE_RATE:
            lines += _piece_lines(facts, trainee_id, scheme, segment.first, segment.last)
        else:
            lines += _stipend_lines(facts, trainee_id, scheme, segment.first, segment.last)
    return hourly(hourly_minutes) + lines


def unpaid_work(facts: Facts) -> list[UnpaidWork]:
    """Approved paid work on a day without any scheme in force: not paid, and a blocker."""
    found = []
    for trainee_id, work in facts.work.items():
        schemes = facts.schemes.get(trainee_id, [])
        spans = segments([(s.valid_from, s.valid_until) for s in schemes], facts.first, facts.last)
        by_day: dict[datetime.date, int] = defaultdict(int)
        for day in work:
            if day.work_type == "paid_work" and scheme_on(spans, day.date) is None:
                by_day[day.date] += day.minutes
        found += [
            UnpaidWork(facts.trainees[trainee_id], day, minutes)
            for day, minutes in sorted(by_day.items())
        ]
    return found


def _rated_minutes(
    facts: Facts, trainee_id: int, scheme: PayScheme, work: list[WorkDay]
) -> list[tuple[int, Decimal]]:
    paid_types = {"paid_work", "training"} if scheme.counts_training else {"paid_work"}
    trainee = facts.trainees[trainee_id]
    changes = facts.stages.get(trainee_id, [])
    rated = []
    for day in work:
        if day.work_type not in paid_types:
            continue
        # Everyone starts as an applicant; without a recorded history, the stage is today's.
        stage = stage_on(changes, day.date, "applicant") if changes else trainee.stage
        rate = hourly_rate_for(
            facts.rates,
            day.date,
            day.workshop_id,
            day.skill_id,
            stage,
            scheme.hourly_rate or Decimal(0),
        )
        rated.append((day.minutes, rate))
    return rated


def _piece_lines(
    facts: Facts,
    trainee_id: int,
    scheme: PayScheme,
    first: datetime.date,
    last: datetime.date,
) -> list[PayLine]:
    if not scheme.reference_hourly_wage or not scheme.standard_units_per_hour:
        raise PayError(
            _("%(name)s's piece rate needs a reference wage and a time study.")
            % {"name": facts.trainees[trainee_id].full_name}
        )
    rate = piece_rate(scheme.reference_hourly_wage, scheme.standard_units_per_hour)
    units = sum(
        (units for day, units in facts.units.get(trainee_id, []) if first <= day <= last),
        Decimal(0),
    )
    return piece_work(units, rate)


def _stipend_lines(
    facts: Facts,
    trainee_id: int,
    scheme: PayScheme,
    first: datetime.date,
    last: datetime.date,
) -> list[PayLine]:
    trainee = facts.trainees[trainee_id]
    if facts.stipend_rules is None:
        raise PayError(_("No stipend setting is in force."))
    try:
        return calculate(facts.stipend_rules, stipend_month(facts, trainee_id, first, last))
    except StipendError as error:
        raise PayError(f"{trainee.full_name}: {error}") from None


def stipend_month(
    facts: Facts,
    trainee_id: int,
    first: datetime.date,
    last: datetime.date,
    bonus: Decimal | None = None,
) -> StipendMonth:
    """The stipend's facts of the trainee's days ``first``–``last`` on a stipend scheme (with
    ``bonus`` instead of the month's, to ask whether it would be allowed)."""
    trainee = facts.trainees[trainee_id]
    if trainee.participation_started_on is None:
        raise PayError(
            _("%(name)s has a stipend but no participation start.") % {"name": trainee.full_name}
        )
    return StipendMonth(
        first_day=facts.first,
        working_days=facts.working_days,
        participation_start=trainee.participation_started_on,
        participation_end=trainee.exited_on or trainee.planned_end_on,
        day_codes=facts.day_codes.get(trainee_id, {}),
        sick_days_before=facts.earlier_absences.get((trainee_id, "sick"), 0),
        days_off_before=facts.earlier_absences.get((trainee_id, "day_off"), 0),
        bonus=facts.bonuses.get(trainee_id, Decimal(0)) if bonus is None else bonus,
        scheme_start=first,
        scheme_end=last,
    )


def _with_deductions(
    trainee_id: int, earned: list[PayLine], owed: list[Correction], facts: Facts
) -> tuple[list[PayLine], list[int]]:
    """The month's earnings and the previous periods' differences, then a bonus (wages), rent
    by payroll, advances and debt plans, never below zero. Returns the lines and the late
    entries settled: a negative difference larger than the pay waits for the next period."""
    lines = list(earned)
    settled: list[int] = []
    for correction in owed:
        if correction.difference >= 0:
            lines.append(correction.line(correction.difference))
            settled += correction.log_ids
    bonus = facts.bonuses.get(trainee_id)
    kinds = {scheme.kind for scheme in facts.schemes.get(trainee_id, [])}
    if bonus and SchemeKind.STIPEND not in kinds:
        lines.append(PayLine("bonus", round_money(bonus)))
    left = total(lines)
    for correction in owed:
        if correction.difference < 0:
            take = min(-correction.difference, max(left, Decimal(0)))
            if take > 0:
                lines.append(correction.line(-take))
                left -= take
            if take == -correction.difference:
                settled += correction.log_ids
    asked: list[tuple[str, Decimal, int | None, int | None]] = [
        *[
            ("rent_deduction", amount, None, tenancy.pk)
            for tenancy, amount in facts.rent.get(trainee_id, [])
        ],
        ("advance", facts.advances.get(trainee_id, Decimal(0)), None, None),
        *[
            ("debt_repayment", min(plan.monthly_amount, plan.cap - repaid), plan.pk, None)
            for plan, repaid in facts.plans.get(trainee_id, [])
        ],
    ]
    for code, amount, plan_id, tenancy_id in asked:
        take = min(max(amount, Decimal(0)), max(left, Decimal(0)))
        if take > 0:
            lines.append(PayLine(code, -take, debt_plan_id=plan_id, tenancy_id=tenancy_id))
            left -= take
    return lines, settled


def _information(trainee_id: int, facts: Facts) -> list[PayLine]:
    minutes = sum(
        day.minutes for day in facts.work.get(trainee_id, []) if day.work_type == "in_kind_rent"
    )
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
