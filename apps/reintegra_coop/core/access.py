"""Who may open a page is the page's own decision: ``require_role`` on the view. Templates
ask ``may_open('area:page', ...)`` before showing a link or a form, so the link and the page
never disagree."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from django.urls import resolve, reverse

from .roles import Role, role_of


def require_role(
    *roles: Role, only_if: Mapping[Role, Callable[[], bool]] | None = None
) -> Callable[[Callable[..., HttpResponseBase]], Callable[..., HttpResponseBase]]:
    """Let only logged-in users with one of ``roles`` through; others get the login page or 403.
    ``only_if``: a role let in only while its condition holds (a site setting)."""
    conditions = dict(only_if or {})

    def allows(role: Role | None) -> bool:
        return role in roles and (role not in conditions or conditions[role]())

    def decorator(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not allows(role_of(request.user)):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.allows = allows  # type: ignore[attr-defined]
        return wrapped

    return decorator


def may_open(user: Any, name: str, *args: Any) -> bool:
    """Whether ``user`` may open the page named ``name`` (with ``args``): its view's roles."""
    view = resolve(reverse(name, args=args)).func
    allows = getattr(view, "allows", None)
    if allows is None:  # a page open to every logged-in user (the home page, the portal's own)
        return bool(getattr(user, "is_authenticated", False))
    return bool(allows(role_of(user)))
