"""Who may open a page is the page's own decision: ``require_role`` on the view. Templates
ask ``may_open('area:page', ...)`` before showing a link or a form, so the link and the page
never disagree."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from django.urls import resolve, reverse

from .roles import Role, role_of


def require_role(
    *roles: Role,
) -> Callable[[Callable[..., HttpResponseBase]], Callable[..., HttpResponseBase]]:
    """Let only logged-in users with one of ``roles`` through; others get the login page or 403."""

    def decorator(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if role_of(request.user) not in roles:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.allowed_roles = frozenset(roles)  # type: ignore[attr-defined]
        return wrapped

    return decorator


def may_open(user: Any, name: str, *args: Any) -> bool:
    """Whether ``user`` may open the page named ``name`` (with ``args``): its view's roles."""
    view = resolve(reverse(name, args=args)).func
    allowed = getattr(view, "allowed_roles", None)
    if allowed is None:  # a page open to every logged-in user (the home page, the portal's own)
        return bool(getattr(user, "is_authenticated", False))
    return role_of(user) in allowed
