"""What pay tells people (core/notifications.py): a pay period is approved → the accountants,
who read and export its payslips."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext

from reintegra_coop.core.formatting import format_month
from reintegra_coop.core.notifications import Link, Params, notify, offer_notice
from reintegra_coop.people import recipients

from .models import PayPeriod

APPROVED = "pay.period_approved"


def approved_text(params: Params) -> str:
    month = format_month(datetime.date.fromisoformat(params["month"]))
    return gettext("The pay period %(month)s is approved: its payslips are ready.") % {
        "month": month
    }


def offer() -> None:
    offer_notice(APPROVED, approved_text)


def period_approved(period: PayPeriod) -> None:
    """Each approval is its own event: a month reopened and approved again is told again."""
    stamp = period.approved_at.isoformat() if period.approved_at else ""
    notify(
        recipients.accountants(),
        APPROVED,
        {"month": period.month.isoformat()},
        Link("pay:period", (period.month.year, period.month.month)),
        f"period:{period.pk}:{stamp}",
    )
