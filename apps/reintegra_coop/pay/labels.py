"""What each payslip line is called, in the reader's language."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

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
