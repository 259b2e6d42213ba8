"""Two-factor login for staff (django-otp, time-based codes): where the site lists a role in
``[security] two_factor_roles`` (TWO_FACTOR_ROLES), a login of that role gives, after its
password, the 6-digit code an authenticator app on a phone shows; a login without a phone sets
one up right then (a QR code, the secret as text, confirmed by a first code). Until then the
session reaches only the code page, the setup page, logging out and static files
(``SecondStepMiddleware``); the API answers 403.

- Wrong codes count toward the same lockout as wrong passwords (core/lockout.py), and a login
  that still owes its code keeps its count: knowing the password buys no fresh guesses. The
  phone's record also makes each next try wait longer (django-otp's throttling, doubling).
- Trainees are never asked: their login is a PIN on a shared tablet.
- A manager resets a staff member's phone (a lost one) from the staff list, never their own, a
  superuser's or another manager's (``may_reset``); every reset is kept (``DeviceReset``).
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import DeviceReset
from .roles import Role, grantable_roles, held_role, role_of
from .sites import site_setting

DEVICE_NAME = "phone"
RIGHT, WRONG, WAIT = "right", "wrong", "wait"
# The pages a session that owes its second step may open (besides static files).
OPEN_PAGES = frozenset(
    {"core:two_factor", "core:two_factor_setup", "core:logout", "core:login", "set_language"}
)


def required(user: Any) -> bool:
    """Whether the site asks ``user``'s role for a code (a trainee's never)."""
    role = role_of(user)
    return role is not None and role != Role.TRAINEE and role in site_setting("TWO_FACTOR_ROLES")


def owes_second_step(user: Any) -> bool:
    """A logged-in session of a role asked for a code that has not given one yet."""
    if not getattr(user, "is_authenticated", False) or not required(user):
        return False
    is_verified = getattr(user, "is_verified", None)
    return not (is_verified is not None and is_verified())


def has_phone(user: Any) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def second_step_url(user: Any, next_url: str = "") -> str:
    """The code page, or the setup page for a login without a phone; then on to ``next_url``."""
    page = reverse("core:two_factor" if has_phone(user) else "core:two_factor_setup")
    return f"{page}?{urlencode({'next': next_url})}" if next_url else page


def check_code(user: Any, code: str) -> tuple[str, TOTPDevice | None]:
    """RIGHT (with the phone), WRONG, or WAIT when the phone's record says it is too soon after
    a wrong code (that try is not checked, so it is no guess)."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
        if device is None:
            return WRONG, None
        allowed, _details = device.verify_is_allowed()
        if not allowed:
            return WAIT, None
        return (RIGHT, device) if device.verify_token(code) else (WRONG, None)


def phone_to_set_up(user: Any) -> TOTPDevice:
    """The login's phone in the making; the same one on a reload, so the QR code stays valid."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def confirm_phone(device: TOTPDevice, code: str) -> bool:
    """The first right code from the new phone confirms it."""
    with transaction.atomic():
        if not device.verify_token(code):
            return False
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        return True


def secret_text(device: TOTPDevice) -> str:
    """The secret as an app asks to have it typed: base32, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode()
    return " ".join(secret[start : start + 4] for start in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    title = _("QR code for your authenticator app")
    return str(segno.make(device.config_url, error="m").svg_inline(scale=5, title=title))


def may_reset(actor: Any, login: Any) -> bool:
    """A manager resets the phone of a login of a role managers grant (instructor, care worker,
    accountant); a superuser anyone else's; nobody their own."""
    if login.pk == getattr(actor, "pk", None):
        return False
    if getattr(actor, "is_superuser", False):
        return True
    if role_of(actor) != Role.MANAGER or login.is_superuser:
        return False
    return held_role(login) in grantable_roles(actor)


def with_phones(user_ids: Iterable[int]) -> set[int]:
    """Which of these logins have a phone (set up or being set up), in one query."""
    devices = TOTPDevice.objects.filter(user_id__in=list(user_ids))
    return set(devices.values_list("user_id", flat=True))


def reset(login: Any, by: Any) -> DeviceReset:
    """Take away ``login``'s phone: it sets up a new one at its next login (a session it has
    open owes the code again at once). ``by`` may be the command line (roles.COMMAND_LINE)."""
    if by.pk is not None and not may_reset(by, login):
        raise PermissionDenied
    with transaction.atomic():
        TOTPDevice.objects.filter(user=login).delete()
        return DeviceReset.objects.create(login=login, reset_by=by if by.pk else None)


class SecondStepMiddleware:
    """A session that owes its code reaches only OPEN_PAGES and static files."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if owes_second_step(request.user) and not self.is_open(request):
            return self.refuse(request)
        return self.get_response(request)

    @staticmethod
    def is_open(request: HttpRequest) -> bool:
        if request.path_info.startswith(settings.STATIC_URL):
            return True
        try:
            return resolve(request.path_info).view_name in OPEN_PAGES
        except Resolver404:
            return False

    @staticmethod
    def refuse(request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith(reverse("api-root")):
            detail = _("Give the code from your authenticator app first.")
            return JsonResponse({"detail": detail}, status=403)
        next_url = request.get_full_path() if request.method == "GET" else ""
        return redirect(second_step_url(request.user, next_url))
