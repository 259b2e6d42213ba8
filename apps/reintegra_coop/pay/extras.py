"""A month's extras entered by a manager: a motivation bonus and an advance. The rules are the
pay run's own (stipend.check_bonus), asked of the trainee's facts before the bonus is saved,
so a bonus the run would refuse is refused where it is typed (page or back office). A closed
month takes neither: its payslips are stored."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction

from .facts import load_facts
from .models import Advance, Bonus, PayError, PayPeriod, SchemeKind
from .payroll import stipend_month
from .rates import segments
from .stipend import StipendError, check_bonus


def bonus_refusal(trainee_id: int, month: datetime.date, amount: Decimal) -> str | None:
    """Why the pay run would refuse ``amount`` as the trainee's bonus of ``month`` (a stipend's
    rules: at most the share of the base, none in the trial month nor in a month zeroed by
    unexcused absences), or None. A wage's bonus has no such rule."""
    try:
        facts = load_facts(month, [trainee_id])
    except PayError as error:  # no stipend setting in force: the run would stop there too
        return str(error)
    schemes = facts.schemes.get(trainee_id, [])
    spans = segments([(s.valid_from, s.valid_until) for s in schemes], facts.first, facts.last)
    for segment in spans:
        if schemes[segment.scheme_index].kind != SchemeKind.STIPEND:
            continue
        try:
            found = stipend_month(facts, trainee_id, segment.first, segment.last, amount)
            check_bonus(facts.stipend_rules, found)  # type: ignore[arg-type]
        except (StipendError, PayError) as error:
            return str(error)
    return None


def add(record: Bonus | Advance, by: Any) -> Bonus | Advance:
    """Save a new bonus or advance, checked under the period's lock: an approval running at the
    same moment either sees it (stale run) or closes the month first (refused)."""
    with transaction.atomic():
        list(PayPeriod.objects.select_for_update().filter(month=record.month))
        record.full_clean()
        record.stamp(by)
        record.save()
    return record
