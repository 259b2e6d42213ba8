"""Pay pages: run a month, review, approve, pay, reopen; payslip PDFs and the payroll CSV."""

from __future__ import annotations

import csv
import io

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reintegra_coop.core.access import require_role
from reintegra_coop.core.dates import parse_period
from reintegra_coop.core.pdf import pdf_response, render_pdf
from reintegra_coop.core.roles import Role, role_of
from reintegra_coop.core.scoping import scope

from . import payroll
from .labels import label
from .models import PayError, PayRun, Payslip

FINANCE = (Role.MANAGER, Role.ACCOUNTANT)


@require_role(*FINANCE)
def runs(request: HttpRequest) -> HttpResponseBase:
    if request.method == "POST" and request.user.has_perm("pay.change_payscheme"):
        try:
            run = payroll.run_payroll(parse_period(request.POST.get("period", "")), request.user)
        except (ValueError, PayError) as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("The pay run of %(month)s is ready for review.")
                % {"month": f"{run.month:%Y-%m}"},
            )
            return redirect("pay:run", pk=run.pk)
    return render(request, "pay/runs.html", {"runs": scope(PayRun.objects.all(), request.user)})


@require_role(*FINANCE)
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(scope(PayRun.objects.all(), request.user), pk=pk)
    payslips = run.payslips.select_related("trainee").prefetch_related("lines")
    return render(
        request,
        "pay/run_detail.html",
        {
            "run": run,
            "payslips": payslips,
            "total": sum(p.total for p in payslips),
            "label": label,
        },
    )


@require_POST
@require_role(Role.MANAGER)
def run_step(request: HttpRequest, pk: int, step: str) -> HttpResponseBase:
    run = get_object_or_404(PayRun, pk=pk)
    try:
        if step == "approve":
            payroll.approve(run, request.user)
            messages.success(request, _("Approved; the month's work logs are locked."))
        elif step == "pay":
            payroll.mark_paid(run, request.user)
            messages.success(request, _("Marked paid."))
        elif step == "reopen":
            count = payroll.reopen(run.month, request.user, request.POST.get("reason", ""))
            messages.success(
                request, _("Reopened; %(count)s payslips need recalculating.") % {"count": count}
            )
        elif step == "rerun":
            payroll.run_payroll(run.month, request.user)
            messages.success(request, _("Recalculated."))
    except PayError as error:
        messages.error(request, str(error))
    return redirect("pay:run", pk=run.pk)


@require_role(Role.MANAGER, Role.ACCOUNTANT, Role.TRAINEE)
def payslip_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    payslips = scope(Payslip.objects.select_related("trainee", "run"), request.user)
    if role_of(request.user) == Role.TRAINEE:
        payslips = payslips.released()  # a draft is not the trainee's payslip yet
    payslip = get_object_or_404(payslips, pk=pk)
    pdf = render_pdf(
        "pay/payslip_pdf.html",
        {"payslip": payslip, "lines": payslip.lines.all(), "label": label},
        language=payslip.trainee.preferred_language or settings.LANGUAGE_CODE,
    )
    return pdf_response(pdf, f"payslip-{payslip.run.month:%Y-%m}-{payslip.trainee_id}.pdf")


@require_role(*FINANCE)
def run_csv(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(scope(PayRun.objects.all(), request.user), pk=pk)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "month",
            "trainee",
            "card_number",
            "scheme",
            "line",
            "code",
            "quantity",
            "rate",
            "amount",
            "information_only",
            "payslip_total",
            "currency",
        ]
    )
    for payslip in run.payslips.select_related("trainee").prefetch_related("lines"):
        for line in payslip.lines.all():
            writer.writerow(
                [
                    f"{run.month:%Y-%m}",
                    payslip.trainee.full_name,
                    payslip.trainee.card_number or "",
                    payslip.scheme,
                    line.position,
                    line.code,
                    f"{line.quantity.normalize():f}",
                    f"{line.rate.normalize():f}",
                    f"{line.amount:.2f}",
                    "yes" if line.informational else "no",
                    f"{payslip.total:.2f}",
                    settings.CURRENCY,
                ]
            )
    response = HttpResponse(out.getvalue(), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="payroll-{run.month:%Y-%m}.csv"'
    return response
