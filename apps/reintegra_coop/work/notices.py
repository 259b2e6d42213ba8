"""What work tells people (core/notifications.py): a trainee disputes a log → the instructors of
its workshop and the managers; the dispute is answered → the trainee."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext

from reintegra_coop.core.formatting import format_day
from reintegra_coop.core.notifications import Link, Params, notify, offer_notice
from reintegra_coop.people import recipients

if TYPE_CHECKING:
    from .models import WorkLog

DISPUTED = "work.log_disputed"
ANSWERED = "work.dispute_answered"


def _day(params: Params) -> str:
    return format_day(datetime.date.fromisoformat(params["date"]))


def disputed_text(params: Params) -> str:
    return gettext("%(trainee)s disputes the entry of %(date)s in %(workshop)s.") % {
        "trainee": params["trainee"],
        "date": _day(params),
        "workshop": params["workshop"],
    }


def answered_text(params: Params) -> str:
    if params.get("answer"):
        return gettext("Your question about %(date)s has an answer: %(answer)s") % {
            "date": _day(params),
            "answer": params["answer"],
        }
    return gettext("Your question about %(date)s has an answer.") % {"date": _day(params)}


def offer() -> None:
    offer_notice(DISPUTED, disputed_text)
    offer_notice(ANSWERED, answered_text)


def log_disputed(log: WorkLog) -> None:
    """Each dispute is its own event (a log disputed again after an answer is told again)."""
    users = recipients.managers() | recipients.instructors_of([log.workshop_id]).get(
        log.workshop_id, set()
    )
    params = {
        "trainee": log.trainee.full_name,
        "date": log.date.isoformat(),
        "workshop": log.workshop.name,
    }
    stamp = log.disputed_at.isoformat() if log.disputed_at else ""
    notify(users, DISPUTED, params, Link("work:log_edit", (log.pk,)), f"dispute:{log.pk}:{stamp}")


def dispute_answered(log: WorkLog) -> None:
    user_id: Any = log.trainee.user_id
    if user_id is None:  # a trainee without a login is told by staff in person
        return
    stamp = log.disputed_at.isoformat() if log.disputed_at else ""
    notify(
        [user_id],
        ANSWERED,
        {"date": log.date.isoformat(), "answer": log.dispute_resolution},
        Link("portal:hours"),
        f"answer:{log.pk}:{stamp}",
    )
