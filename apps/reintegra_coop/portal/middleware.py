"""Idle logout for shared devices: a trainee's session ends after some quiet minutes."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


class IdleLogoutMiddleware:
    """Each request of a session marked at login pushes its expiry forward; staff sessions
    (not marked) are left alone and cost nothing."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if session is not None and session.get("idle_logout"):
            session.set_expiry(int(session["idle_logout"]))
        return self.get_response(request)
