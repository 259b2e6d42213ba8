"""What each payslip line is called, in the reader's language."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from reintegra_coop.core.formatting import format_day, format_month
from reintegra_coop.core.money import format_money

if TYPE_CHECKING:
    from .models import PayslipLine

LINE_LABELS: dict[str, Promise] = {
    "hourly_wage": _("Wage for hours worked"),
    "piece_rate": _("Piece rate"),
    "stipend_base": _("Integration stipend"),
    "trial_share": _("Trial month share"),
    "unexcused_absence": _("Unexcused absence"),
    "unexcused_limit": _("More unexcused absences than allowed: no stipend this month"),
    "sick_day": _("Sick days"),
    "sick_day_over_limit": _("Sick days beyond the limit"),
    "day_off_over_limit": _("Days off beyond the paid ones"),
    "floor": _("Deductions limited to the stipend"),
    "motivation_bonus": _("Motivation bonus"),
    "bonus": _("Bonus"),
    "rent_deduction": _("Rent (deducted with your consent)"),
    "advance": _("Advance paid earlier"),
    "debt_repayment": _("Debt repayment plan"),
    "previous_period": _("Correction of an earlier month"),
    "in_kind_rent_value": _("In-kind rent work (credited to rent, not paid)"),
}


def label(code: str) -> str:
    return str(LINE_LABELS.get(code, code))


def detail(line: PayslipLine) -> str:
    """What stands behind a stored line, in the reader's language; a line stored by an older
    run keeps the text it was written with."""
    return describe(line.details) or line.detail


def describe(params: Mapping[str, Any]) -> str:
    """A line's parameters in words: "18 of 20 working days", "3.11.2026, 4.11.2026",
    "listopad 2026: +12,40 zł"."""
    if "working_days" in params:
        return ngettext(
            "%(days)s of %(working_days)s working day",
            "%(days)s of %(working_days)s working days",
            int(params["working_days"]),
        ) % {"days": params["days"], "working_days": params["working_days"]}
    if "dates" in params:
        return ", ".join(format_day(datetime.date.fromisoformat(day)) for day in params["dates"])
    if "month" in params:
        month = format_month(datetime.date.fromisoformat(params["month"]))
        difference = Decimal(str(params["difference"]))
        sign = "+" if difference >= 0 else "−"
        return f"{month}: {sign}{format_money(abs(difference))}"
    return ""
