"""The integration stipend (as in Polish CIS), a pure calculation over one month's facts.

Every number is a setting (StipendRules); see DESIGN.md, "Calculation rules", for the rules
this follows word for word:
- part of a month in the programme: round(B × working days in it ÷ the month's working days);
- the trial month (the month holding the participation's start): that × the trial share;
- each unexcused absence deducts round(B ÷ 20); more than 3 in the month: no stipend;
- each sick day deducts round(B ÷ 40) while within the participation's limit (21), then
  round(B ÷ 30); the count continues from earlier months;
- the first 6 days off of the participation are paid; later ones deduct round(B ÷ 20) and do
  not count toward the unexcused limit;
- excused absence, present and late deduct nothing; deductions never take the stipend below 0;
- a motivation bonus up to 100 % of B, on its own line, refused in the trial month and in a
  month zeroed by the unexcused limit.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from reintegra_coop.core.money import round_money

from .lines import PayLine

PRESENT, LATE, EXCUSED, UNEXCUSED, SICK, DAY_OFF = (
    "present",
    "late",
    "excused",
    "unexcused",
    "sick",
    "day_off",
)


class StipendError(ValueError):
    """Facts the stipend cannot be computed from (a bonus where none is allowed, ...)."""


@dataclass(frozen=True)
class StipendRules:
    base: Decimal
    trial_share: Decimal = Decimal("1.00")
    unexcused_divisor: int = 20
    unexcused_limit: int = 3
    sick_divisor: int = 40
    sick_limit: int = 21
    sick_over_limit_divisor: int = 30
    paid_days_off: int = 6
    day_off_over_limit_divisor: int = 20
    bonus_max_share: Decimal = Decimal("1.00")


@dataclass(frozen=True)
class StipendMonth:
    first_day: datetime.date  # the month's first day
    working_days: tuple[datetime.date, ...]  # Monday–Friday less public holidays
    participation_start: datetime.date
    participation_end: datetime.date | None = None  # inclusive; None while it goes on
    day_codes: Mapping[datetime.date, str] = field(default_factory=dict)
    sick_days_before: int = 0  # in this participation, before this month
    days_off_before: int = 0
    bonus: Decimal = Decimal("0")
    # The days the stipend scheme is in force (a scheme may start or end within the month).
    scheme_start: datetime.date | None = None
    scheme_end: datetime.date | None = None


def in_programme(month: StipendMonth) -> list[datetime.date]:
    """The month's working days inside the participation and the stipend scheme."""
    return [
        day
        for day in month.working_days
        if month.participation_start <= day
        and (month.participation_end is None or day <= month.participation_end)
        and (month.scheme_start is None or month.scheme_start <= day)
        and (month.scheme_end is None or day <= month.scheme_end)
    ]


def is_trial_month(month: StipendMonth) -> bool:
    start = month.participation_start
    return (start.year, start.month) == (month.first_day.year, month.first_day.month)


def calculate(rules: StipendRules, month: StipendMonth) -> list[PayLine]:
    base = rules.base
    days = in_programme(month)
    chosen = set(days)
    codes = {day: code for day, code in month.day_codes.items() if day in chosen}
    if not days:
        return []
    starting = (
        base
        if len(days) == len(month.working_days)
        else round_money(base * len(days) / len(month.working_days))
    )
    lines = [
        PayLine(
            "stipend_base",
            starting,
            Decimal(len(days)),
            base,
            {"days": len(days), "working_days": len(month.working_days)},
        )
    ]
    trial = is_trial_month(month)
    if trial and rules.trial_share != 1:
        trial_amount = round_money(starting * rules.trial_share)
        lines.append(PayLine("trial_share", trial_amount - starting, rules.trial_share))
        starting = trial_amount
    check_bonus(rules, month)
    unexcused = sorted(day for day, code in codes.items() if code == UNEXCUSED)
    if len(unexcused) > rules.unexcused_limit:
        lines.append(
            PayLine("unexcused_limit", -starting, Decimal(len(unexcused)), detail=_dates(unexcused))
        )
        return lines
    deductions = [
        *_unexcused(rules, unexcused),
        *_sick(rules, month, codes),
        *_days_off(rules, month, codes),
    ]
    lines.extend(deductions)
    taken = -sum((line.amount for line in deductions), Decimal(0))
    if taken > starting:  # never below zero
        lines.append(PayLine("floor", taken - starting))
    if month.bonus:
        lines.append(PayLine("motivation_bonus", round_money(month.bonus)))
    return lines


def check_bonus(rules: StipendRules, month: StipendMonth) -> None:
    """Refuse (StipendError) a bonus the month does not allow: the one rule, for the pay run
    and for whoever enters a bonus (pay/extras.py)."""
    bonus = month.bonus
    if not bonus or not in_programme(month):
        return
    days = set(in_programme(month))
    unexcused = [day for day, code in month.day_codes.items() if code == UNEXCUSED and day in days]
    if len(unexcused) > rules.unexcused_limit:
        raise StipendError(
            _("No bonus in a month with more than %(limit)s unexcused absences.")
            % {"limit": rules.unexcused_limit}
        )
    if bonus < 0:
        raise StipendError(_("A bonus cannot be negative."))
    if is_trial_month(month):
        raise StipendError(_("No motivation bonus in the trial month."))
    most = round_money(rules.base * rules.bonus_max_share)
    if bonus > most:
        raise StipendError(_("The bonus can be at most %(most)s.") % {"most": most})


def _unexcused(rules: StipendRules, days: list[datetime.date]) -> list[PayLine]:
    if not days:
        return []
    each = round_money(rules.base / rules.unexcused_divisor)
    return [PayLine("unexcused_absence", -each * len(days), Decimal(len(days)), each, _dates(days))]


def _sick(
    rules: StipendRules, month: StipendMonth, codes: Mapping[datetime.date, str]
) -> list[PayLine]:
    days = sorted(day for day, code in codes.items() if code == SICK)
    room = max(rules.sick_limit - month.sick_days_before, 0)
    within, beyond = days[:room], days[room:]
    lines = []
    if within:
        each = round_money(rules.base / rules.sick_divisor)
        lines.append(
            PayLine("sick_day", -each * len(within), Decimal(len(within)), each, _dates(within))
        )
    if beyond:
        each = round_money(rules.base / rules.sick_over_limit_divisor)
        lines.append(
            PayLine(
                "sick_day_over_limit",
                -each * len(beyond),
                Decimal(len(beyond)),
                each,
                _dates(beyond),
            )
        )
    return lines


def _days_off(
    rules: StipendRules, month: StipendMonth, codes: Mapping[datetime.date, str]
) -> list[PayLine]:
    days = sorted(day for day, code in codes.items() if code == DAY_OFF)
    room = max(rules.paid_days_off - month.days_off_before, 0)
    unpaid = days[room:]
    if not unpaid:
        return []
    each = round_money(rules.base / rules.day_off_over_limit_divisor)
    return [
        PayLine(
            "day_off_over_limit", -each * len(unpaid), Decimal(len(unpaid)), each, _dates(unpaid)
        )
    ]


def _dates(days: Iterable[datetime.date]) -> dict[str, object]:
    return {"dates": [day.isoformat() for day in days]}
