"""The morning notification of what waits on each person's work list: the same *What needs me*
their home page shows (home.py, offered by each area), told once a day to each member of staff
with something waiting, by the worker's nightly job (bench/nightly.py). The notification is a
count and a link to the home page, in the reader's language; running it again the same day
tells nobody twice (the event's key is the day)."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.utils.translation import ngettext

from reintegra_coop.core.notifications import Link, Notice, Params, offer_notice, send

from . import recipients
from .home import needs_for

WORK_LIST = "people.work_list"


def work_list_text(params: Params) -> str:
    count = int(params["count"])
    return ngettext(
        "%(count)s thing waits for you today: see What needs me on your home page.",
        "%(count)s things wait for you today: see What needs me on your home page.",
        count,
    ) % {"count": count}


def offer() -> None:
    offer_notice(WORK_LIST, work_list_text)


def waiting_for(user: object) -> int:
    """How many things the person's home page lists under *What needs me* now."""
    request = HttpRequest()
    request.user = user  # type: ignore[assignment]
    return sum(need.count for need in needs_for(request))


def notify_work_lists(today: datetime.date) -> int:
    """Tell each member of staff with something waiting; returns how many were told now."""
    users = get_user_model().objects.filter(pk__in=recipients.staff()).order_by("pk")
    notices = []
    for user in users:
        count = waiting_for(user)
        if count:
            notices.append(
                Notice(
                    user.pk,
                    WORK_LIST,
                    f"work-list:{today.isoformat()}",
                    Link("core:home"),
                    {"count": count, "day": today.isoformat()},
                )
            )
    return len(send(notices))
