"""The month's payslips as one ZIP of PDFs (payslip_archive.py): queue it, ask how far it got
(the page's panel, polled by core/job_progress.js while it is queued or running), download it.
Managers and accountants, as for a single payslip's PDF."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reintegra_coop.core import background_jobs
from reintegra_coop.core.access import require_role
from reintegra_coop.core.disclosure import disclose_together
from reintegra_coop.core.scoping import scope

from . import payslip_archive
from .models import PayPeriod
from .views import FINANCE, month_of


def _period(request: HttpRequest, year: int, month: int) -> PayPeriod:
    return get_object_or_404(
        scope(PayPeriod.objects.all(), request.user), month=month_of(year, month)
    )


@require_POST
@require_role(*FINANCE)
def prepare(request: HttpRequest, year: int, month: int) -> HttpResponseBase:
    period = _period(request, year, month)
    if not payslip_archive.payslips_of(period).exists():
        messages.error(request, _("No payslips: run the payroll of the month."))
    else:
        payslip_archive.start(period, request.user)
    return redirect("pay:period", year, month)


@require_role(*FINANCE)
def progress(request: HttpRequest, year: int, month: int) -> HttpResponse:
    """The panel alone, for the page's poll."""
    period = _period(request, year, month)
    return render(request, "pay/payslips_job.html", {"panel": payslip_archive.panel(period)})


@require_role(*FINANCE)
def download(request: HttpRequest, year: int, month: int) -> FileResponse:
    period = _period(request, year, month)
    job = payslip_archive.latest(period)
    if job is None or not payslip_archive.up_to_date(job, period):
        raise Http404
    path = background_jobs.file_path(job)
    if not path.is_file():
        raise Http404
    trainee_ids = payslip_archive.payslips_of(period).values_list("trainee_id", flat=True)
    disclose_together(request.user, trainee_ids, "payslips_zip", f"{period.month:%Y-%m}")
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=f"payslips-{period.month:%Y-%m}.zip",
        content_type="application/zip",
    )
