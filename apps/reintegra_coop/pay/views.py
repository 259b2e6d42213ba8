"""Pay pages: the months and their state, a month's blockers, payslips and steps (run,
approve, mark paid, reopen, defer logs), payslip PDFs and the payroll CSV. The workflow is in
period.py; a view reads the request, asks it, and shows the answer."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reintegra_coop.core.access import require_role
from reintegra_coop.core.confirm import ask_first, confirmed
from reintegra_coop.core.dates import EARLIEST, LATEST, parse_period
from reintegra_coop.core.disclosure import disclose, disclose_together
from reintegra_coop.core.formatting import format_month
from reintegra_coop.core.pdf import pdf_response
from reintegra_coop.core.replica import reads_from_replica
from reintegra_coop.core.roles import Role, role_of
from reintegra_coop.core.scoping import scope
from reintegra_coop.core.spreadsheet_csv import csv_response
from reintegra_coop.core.spreadsheet_xlsx import xlsx_response

from . import exports, extras, payslip_archive
from . import period as workflow
from .forms import AdvanceForm, BonusForm
from .labels import detail, label
from .models import Advance, Bonus, PayError, PayPeriod, Payslip

FINANCE = (Role.MANAGER, Role.ACCOUNTANT)
STEPS = {"approve", "pay", "reopen", "rerun", "defer"}


def month_of(year: int, month: int) -> datetime.date:
    try:
        first = datetime.date(year, month, 1)
    except ValueError:
        raise Http404 from None
    if not EARLIEST <= first <= LATEST:
        raise Http404
    return first


@require_role(*FINANCE)
def periods(request: HttpRequest) -> HttpResponseBase:
    may_run = role_of(request.user) == Role.MANAGER
    if request.method == "POST" and may_run:
        try:
            period = workflow.run(parse_period(request.POST.get("period", "")), request.user)
        except (ValueError, PayError) as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("The payroll of %(month)s is ready for review.")
                % {"month": format_month(period.month)},
            )
            return redirect("pay:period", period.month.year, period.month.month)
    listed = scope(PayPeriod.objects.all(), request.user)
    return render(request, "pay/periods.html", {"periods": listed, "may_run": may_run})


@require_role(*FINANCE)
def period_detail(request: HttpRequest, year: int, month: int) -> HttpResponse:
    return _period_page(request, month_of(year, month))


def _period_page(request: HttpRequest, first: datetime.date, **forms: Any) -> HttpResponse:
    found = workflow.status(first)
    payslips = (
        Payslip.objects.current()
        .filter(period=found.period)
        .select_related("trainee")
        .prefetch_related("lines")
    )
    before = dict(
        Payslip.objects.filter(period=found.period, replaced=True)
        .order_by("version")
        .values_list("trainee_id", "total")
    )
    may_act = role_of(request.user) == Role.MANAGER
    if may_act and not found.period.is_closed:
        forms.setdefault("bonus_form", BonusForm(month=first, user=request.user))
        forms.setdefault("advance_form", AdvanceForm(month=first, user=request.user))
    return render(
        request,
        "pay/period_detail.html",
        {
            "status": found,
            "period": found.period,
            "payslips": payslips,
            "before": before,
            "label": label,
            "detail": detail,
            "may_act": may_act,
            "bonuses": Bonus.objects.filter(month=first).select_related("trainee"),
            "advances": Advance.objects.filter(month=first).select_related("trainee"),
            "payslips_job": payslip_archive.panel(found.period),
            **forms,
        },
    )


@require_POST
@require_role(Role.MANAGER)
def add_extra(request: HttpRequest, year: int, month: int, kind: str) -> HttpResponseBase:
    """Add a bonus or an advance for a trainee's month (the rules: Bonus.clean, Advance.clean)."""
    first = month_of(year, month)
    form_class = BonusForm if kind == "bonus" else AdvanceForm
    form = form_class(request.POST, month=first, user=request.user)
    if form.is_valid():
        try:
            extras.add(form.instance, request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("pay:period", first.year, first.month)
    if form.non_field_errors():
        for problem in form.non_field_errors():  # a closed month: it shows no form
            messages.error(request, str(problem))
        return redirect("pay:period", first.year, first.month)
    return _period_page(request, first, **{f"{kind}_form": form})


@require_POST
@require_role(Role.MANAGER)
def period_step(request: HttpRequest, year: int, month: int, step: str) -> HttpResponseBase:
    first = month_of(year, month)
    if step not in STEPS:
        raise Http404
    if step == "pay" and not confirmed(request):  # a paid month stays closed: ask first
        return ask_first(
            request,
            _("Mark %(month)s paid? A paid month is never reopened.")
            % {"month": format_month(first)},
            _("Yes: mark paid"),
            reverse("pay:period", args=[first.year, first.month]),
        )
    try:
        if step == "approve":
            workflow.approve(first, request.user)
            messages.success(request, _("Approved: the month's logs are locked."))
        elif step == "pay":
            workflow.mark_paid(first, request.user)
            messages.success(request, _("Marked paid."))
        elif step == "reopen":
            workflow.reopen(first, request.user, request.POST.get("reason", ""))
            messages.success(request, _("Reopened: run the payroll again before approving."))
        elif step == "rerun":
            workflow.run(first, request.user)
            messages.success(request, _("The payroll was run again."))
        else:
            ids = [int(v) for v in request.POST.getlist("log") if v.isdigit()]
            count = workflow.defer(first, ids, request.user, request.POST.get("reason", ""))
            messages.success(
                request, _("%(count)s entries will be paid in a later period.") % {"count": count}
            )
    except PayError as error:
        messages.error(request, str(error))
    return redirect("pay:period", first.year, first.month)


@require_role(Role.MANAGER, Role.ACCOUNTANT, Role.TRAINEE)
def payslip_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    payslips = scope(Payslip.objects.select_related("trainee", "period"), request.user)
    if role_of(request.user) == Role.TRAINEE:
        payslips = payslips.released()  # a draft is not the trainee's payslip yet
    payslip = get_object_or_404(payslips, pk=pk)
    pdf = payslip_archive.render_payslip(payslip)
    disclose(request.user, payslip.trainee_id, "payslip", f"{payslip.period.month:%Y-%m}")
    return pdf_response(pdf, f"payslip-{payslip.period.month:%Y-%m}-{payslip.trainee_id}.pdf")


@require_role(*FINANCE)
@reads_from_replica
def period_csv(request: HttpRequest, year: int, month: int) -> HttpResponse:
    period = get_object_or_404(
        scope(PayPeriod.objects.all(), request.user), month=month_of(year, month)
    )
    payslips = list(
        period.payslips.filter(replaced=False).select_related("trainee").prefetch_related("lines")
    )
    disclose_together(
        request.user, [p.trainee_id for p in payslips], "pay_month_csv", f"{period.month:%Y-%m}"
    )
    return csv_response(exports.payroll_csv(period, payslips), f"payroll-{period.month:%Y-%m}.csv")


@require_role(*FINANCE)
@reads_from_replica
def period_xlsx(request: HttpRequest, year: int, month: int) -> HttpResponse:
    period, payslips = _accounting(request, year, month)
    name = f"payroll-{period.month:%Y-%m}.xlsx"
    return xlsx_response(exports.payroll_xlsx(period, payslips), name)


def _accounting(request: HttpRequest, year: int, month: int) -> tuple[PayPeriod, list[Payslip]]:
    period = get_object_or_404(
        scope(PayPeriod.objects.all(), request.user), month=month_of(year, month)
    )
    payslips = list(
        period.payslips.filter(replaced=False).select_related("trainee").prefetch_related("lines")
    )
    disclose_together(
        request.user, [p.trainee_id for p in payslips], "pay_month_csv", f"{period.month:%Y-%m}"
    )
    return period, payslips


@require_role(*FINANCE)
@reads_from_replica
def accounting_csv(request: HttpRequest, year: int, month: int) -> HttpResponse:
    period, payslips = _accounting(request, year, month)
    name = f"payroll-by-component-{period.month:%Y-%m}.csv"
    return csv_response(exports.accounting_csv(period, payslips), name)


@require_role(*FINANCE)
@reads_from_replica
def accounting_xlsx(request: HttpRequest, year: int, month: int) -> HttpResponse:
    period, payslips = _accounting(request, year, month)
    name = f"payroll-by-component-{period.month:%Y-%m}.xlsx"
    return xlsx_response(exports.accounting_xlsx(period, payslips), name)
