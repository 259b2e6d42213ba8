"""Sessions end after some quiet minutes, by role: one setting, ``IDLE_MINUTES``
(site_config.toml ``[security] idle_minutes_staff`` and ``idle_minutes_trainee``; defaults 30
and 10: a shared tablet must not stay logged in). The idle time is worked out at login and kept
in the session, so each request only pushes the expiry forward, without asking the database;
and only once a minute, so a page does not also write the session each time it is opened."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

from .roles import Role, role_of
from .sites import site_setting

SESSION_KEY = "idle_seconds"
TOUCHED_KEY = "idle_touched"
TOUCH_EVERY_SECONDS = 60
#: sent by a page's own poll (static/core/job_progress.js): the page asking, not the person
POLL_HEADER = "X-Job-Poll"


def idle_seconds(user: Any) -> int:
    minutes: dict[str, int] = site_setting("IDLE_MINUTES")
    role = role_of(user)
    key = "trainee" if role == Role.TRAINEE else "staff"
    return int(minutes.get(str(role), minutes[key])) * 60


def start_idle_clock(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """On login (Django's user_logged_in signal)."""
    seconds = idle_seconds(user)
    request.session[SESSION_KEY] = seconds
    request.session[TOUCHED_KEY] = int(time.time())
    request.session.set_expiry(seconds)


class IdleLogoutMiddleware:
    """Each request of a logged-in session pushes its expiry forward by the idle time, except a
    page's own poll: a page left open must not keep a walked-away person logged in."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        polled = request.headers.get(POLL_HEADER) == "1"
        if session is not None and session.get(SESSION_KEY) and not polled:
            now = int(time.time())
            if now - int(session.get(TOUCHED_KEY, 0)) >= TOUCH_EVERY_SECONDS:
                session[TOUCHED_KEY] = now
                session.set_expiry(int(session[SESSION_KEY]))
        return self.get_response(request)
