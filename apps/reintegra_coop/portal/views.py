"""The trainee portal: plain words, big buttons, only the trainee's own data.

Every page reads the trainee from the login, never from the address, so another trainee's
records cannot be reached by changing a number."""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from reintegra_coop.care.models import Milestone
from reintegra_coop.core.access import require_role
from reintegra_coop.core.disclosure import disclose
from reintegra_coop.core.roles import Role
from reintegra_coop.core.sites import site_setting
from reintegra_coop.housing.ledger import statements
from reintegra_coop.housing.rent import due_date
from reintegra_coop.pay.models import Payslip
from reintegra_coop.people.logins import BACKEND, may_print_login_codes
from reintegra_coop.people.models import Trainee
from reintegra_coop.people.scoping import visible_trainees
from reintegra_coop.work.models import ShiftAssignment, WorkLog

from .models import LoginCode

WEEKS_AHEAD = 2


def uid(request: HttpRequest) -> int:
    return int(request.user.pk or 0)


def me(request: HttpRequest) -> Trainee:
    user: Any = request.user
    return Trainee.objects.get(user=user)


@require_role(Role.TRAINEE)
def home(request: HttpRequest) -> HttpResponse:
    trainee = Trainee.objects.prefetch_related("workshops").get(user__pk=uid(request))
    return render(request, "portal/home.html", {"trainee": trainee})


@require_role(Role.TRAINEE)
def my_week(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    shifts = (
        ShiftAssignment.objects.filter(
            trainee__user__pk=uid(request),
            shift__date__gte=today,
            shift__date__lte=today + datetime.timedelta(weeks=WEEKS_AHEAD),
        )
        .select_related("shift__workshop")
        .order_by("shift__date", "shift__start")
    )
    return render(request, "portal/week.html", {"shifts": shifts, "today": today})


@require_role(Role.TRAINEE)
def my_hours(request: HttpRequest) -> HttpResponse:
    trainee = me(request)
    today = timezone.localdate()
    since = (today.replace(day=1) - datetime.timedelta(days=62)).replace(day=1)
    logs = WorkLog.objects.current().working().filter(trainee=trainee, date__gte=since)
    weeks: dict[datetime.date, dict[str, int]] = defaultdict(lambda: {"approved": 0, "pending": 0})
    months: dict[datetime.date, dict[str, int]] = defaultdict(lambda: {"approved": 0, "pending": 0})
    for day, status, minutes in logs.values_list("date", "status").annotate(total=Sum("minutes")):
        key = "approved" if status in ("approved", "locked") else "pending"
        weeks[day - datetime.timedelta(days=day.weekday())][key] += minutes
        months[day.replace(day=1)][key] += minutes
    by_place = list(
        logs.values("workshop__name", "work_type")
        .annotate(total=Sum("minutes"))
        .order_by("workshop__name", "work_type")
    )
    recent = (
        WorkLog.objects.current()
        .filter(trainee=trainee, date__gte=today - datetime.timedelta(days=14))
        .select_related("workshop")
        .order_by("-date", "-start")
    )
    return render(
        request,
        "portal/hours.html",
        {
            "weeks": sorted(weeks.items(), reverse=True),
            "months": sorted(months.items(), reverse=True),
            "by_place": by_place,
            "recent": recent,
        },
    )


@require_POST
@require_role(Role.TRAINEE)
def dispute(request: HttpRequest, pk: int) -> HttpResponseBase:
    log = get_object_or_404(WorkLog, pk=pk, trainee__user__pk=uid(request))
    try:
        log.dispute(request.POST.get("comment", ""), request.user)
    except ValidationError:
        messages.error(request, _("Please write what is wrong with this entry."))
    else:
        messages.success(request, _("Thank you. Your instructor will look at it."))
    return redirect("portal:hours")


@require_role(Role.TRAINEE)
def my_pay(request: HttpRequest) -> HttpResponse:
    payslips = (
        Payslip.objects.released()
        .filter(trainee__user__pk=uid(request))
        .select_related("period")
        .order_by("-period__month")
    )
    return render(request, "portal/pay.html", {"payslips": payslips})


@require_role(Role.TRAINEE)
def my_rent(request: HttpRequest) -> HttpResponse:
    trainee = me(request)
    this_month = timezone.localdate().replace(day=1)
    last_month = (this_month - datetime.timedelta(days=1)).replace(day=1)
    rows = [*statements(this_month, trainee), *statements(last_month, trainee)]
    due_dates = {
        month: due_date(month, site_setting("RENT_DUE_DAY")) for month in (this_month, last_month)
    }
    context = {"rows": rows, "today": timezone.localdate(), "due_dates": due_dates}
    return render(request, "portal/rent.html", context)


@require_role(Role.TRAINEE)
def my_progress(request: HttpRequest) -> HttpResponse:
    milestones = list(
        Milestone.objects.filter(trainee__user__pk=uid(request)).select_related("skill")
    )
    achieved = [m for m in milestones if m.achieved_on]
    next_up = sorted((m for m in milestones if not m.achieved_on), key=lambda m: -Decimal(m.share))
    return render(request, "portal/progress.html", {"achieved": achieved, "next_up": next_up})


@require_http_methods(["GET", "HEAD", "POST"])
def code_login(request: HttpRequest, code: str) -> HttpResponseBase:
    """The page a printed code (the QR code on the slip) opens. Opening it changes nothing — a
    link preview may open it too; the trainee presses the button, which logs them in once. It
    never replaces a session that is already logged in: that person logs out first."""
    signed_in = request.user.is_authenticated
    if request.method == "POST" and not signed_in:
        user = LoginCode.redeem(code)
        if user is None or not user.is_active:
            messages.error(
                request, _("This code is used up or too old. Ask a member of staff for a new one.")
            )
            return redirect("core:login")
        login(request, user, backend=BACKEND)
        return redirect("portal:home")
    status = 409 if request.method == "POST" else 200
    return render(request, "portal/code_login.html", {"signed_in": signed_in}, status=status)


@require_POST
@require_role(Role.MANAGER, Role.CARE_WORKER)
def print_code(request: HttpRequest, pk: int) -> HttpResponse:
    """The trainee's login card: their name, card number and username, and a one-time login
    code with its QR code, for their own phone."""
    if not may_print_login_codes(request.user):
        raise PermissionDenied
    trainee = get_object_or_404(visible_trainees(request.user).filter(user__isnull=False), pk=pk)
    code = LoginCode.issue(trainee, request.user)
    disclose(request.user, trainee.pk, "login_card")
    url = request.build_absolute_uri(reverse("portal:code_login", args=[code.code]))
    import segno

    qr = segno.make(url, error="m").svg_inline(scale=6, title=_("Login code"))
    context = {"trainee": trainee, "code": code, "qr": qr, "site": site_setting("COOPERATIVE")}
    with translation.override(trainee.preferred_language or site_setting("LANGUAGE_CODE")):
        # The card is for the trainee: in their language, whatever the staff member's.
        return render(request, "portal/code_slip.html", context)
