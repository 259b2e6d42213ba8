"""The second login step (core/two_factor.py): the code page, and setting up a phone."""

from __future__ import annotations

from typing import Any

import django_otp
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from . import lockout, two_factor
from .forms import TwoFactorCodeForm


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _wrong_code() -> str:
    return _("This code is not right. Type the 6 digits your app shows now.")


def _passed(request: HttpRequest, device: Any) -> HttpResponse:
    django_otp.login(request, device)
    lockout.forgive(request, request.user.get_username())
    return redirect(_next(request))


@login_required
def enter_code(request: HttpRequest) -> HttpResponseBase:
    if not two_factor.owes_second_step(request.user):
        return redirect(_next(request))
    if not two_factor.has_phone(request.user):
        return redirect(two_factor.second_step_url(request.user, _next(request)))
    username = request.user.get_username()
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and lockout.is_locked(request, username):
        logout(request)  # django-axes answers with its lockout page
        return redirect("core:login")
    if request.method == "POST" and form.is_valid():
        outcome, device = two_factor.check_code(request.user, form.cleaned_data["code"])
        if outcome == two_factor.RIGHT:
            return _passed(request, device)
        if outcome == two_factor.WAIT:
            form.add_error("code", _("Too many wrong codes: wait a moment and try again."))
        elif lockout.count_wrong_code(request, username):
            logout(request)
            return redirect("core:login")
        else:
            form.add_error("code", _wrong_code())
    return render(request, "core/two_factor.html", {"form": form, "next": _next(request)})


@login_required
def set_up(request: HttpRequest) -> HttpResponseBase:
    """A login of a role asked for a code, without a phone: scan, then confirm a first code."""
    if not two_factor.owes_second_step(request.user):
        return redirect(_next(request))
    if two_factor.has_phone(request.user):  # only the phone's owner, on the code page
        return redirect(two_factor.second_step_url(request.user, _next(request)))
    device = two_factor.phone_to_set_up(request.user)
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.confirm_phone(device, form.cleaned_data["code"]):
            return _passed(request, device)
        form.add_error("code", _wrong_code())
    context = {
        "form": form,
        "next": _next(request),
        "qr_code": two_factor.qr_code_svg(device),
        "secret": two_factor.secret_text(device),
    }
    return render(request, "core/two_factor_setup.html", context)
