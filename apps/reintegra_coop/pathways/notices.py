"""What the pathway tells people: a member of staff named a placement's job coach learns it
(stored as a code and its parameters, put into words in the reader's language when shown)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from reintegra_coop.core.notifications import Link, Params, notify, offer_notice

COACH = "pathways.job_coach"


def coach_text(params: Params) -> str:
    return (
        gettext(
            "You are the job coach of %(trainee)s's placement at %(employer)s, from %(start)s: "
            "record the days worked and the employer's feedback on its page."
        )
        % params
    )


def offer() -> None:
    offer_notice(COACH, coach_text)


def coach_named(placement: Any) -> None:
    notify(
        [placement.job_coach.user_id],
        COACH,
        {
            "trainee": placement.trainee.full_name,
            "employer": placement.employer.name,
            "start": placement.starts_on.isoformat(),
        },
        Link("pathways:placement", (placement.pk,)),
        key=f"job-coach:{placement.pk}:{placement.job_coach_id}",
    )
