"""Managers: the dashboard, funding projects with their participants, and the funder's report
for a date range as a page with charts, a PDF and an XLSX. Managers and the trainee's care
workers: a trainee's characteristics for the funder, recorded with their consent."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reintegra_coop.core.access import require_role
from reintegra_coop.core.dates import DayField
from reintegra_coop.core.pdf import pdf_response, render_pdf
from reintegra_coop.core.queries import read_query
from reintegra_coop.core.roles import Role
from reintegra_coop.core.scoping import scope
from reintegra_coop.core.spreadsheet_xlsx import write_xlsx, xlsx_response
from reintegra_coop.people.scoping import visible_trainees

from .dashboard import dashboard
from .forms import FundingProjectForm, ParticipantProfileForm
from .models import FundingProject, ParticipantProfile
from .report import FunderReport, funder_report, spreadsheet_rows


class ReportQuery(forms.Form):
    start = DayField(label=gettext_lazy("from"), required=False)
    end = DayField(label=gettext_lazy("until"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", gettext_lazy("The end cannot be before the start."))
        return data


@require_role(Role.MANAGER)
def projects(request: HttpRequest) -> HttpResponseBase:
    rows = scope(FundingProject.objects.all(), request.user)
    return render(request, "pathways/projects.html", {"rows": rows})


@require_role(Role.MANAGER)
def project_form(request: HttpRequest, pk: int | None = None) -> HttpResponseBase:
    found = scope(FundingProject.objects.all(), request.user)
    project = get_object_or_404(found, pk=pk) if pk is not None else None
    form = FundingProjectForm(request.user, request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.stamp(request.user)
        saved.save()
        form.save_m2m()
        messages.success(request, _("The funding project is saved."))
        return redirect("pathways:report", saved.pk)
    return render(request, "pathways/form.html", {"form": form, "title": _("Funding project")})


def _report(request: HttpRequest, pk: int) -> FunderReport:
    project = get_object_or_404(scope(FundingProject.objects.all(), request.user), pk=pk)
    query = read_query(request, ReportQuery)
    first: datetime.date = query["start"] or project.starts_on
    last: datetime.date = query["end"] or project.ends_on
    return funder_report(project, first, last)


@require_role(Role.MANAGER)
def report(request: HttpRequest, pk: int) -> HttpResponseBase:
    return render(request, "pathways/report.html", {"report": _report(request, pk)})


@require_role(Role.MANAGER)
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    found = _report(request, pk)
    pdf = render_pdf("pathways/report_pdf.html", {"report": found})
    return pdf_response(pdf, f"funder-report-{found.first}-{found.last}.pdf")


@require_role(Role.MANAGER)
def report_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    found = _report(request, pk)
    rows = spreadsheet_rows(found)
    header = [_("Section"), _("Row"), _("Count or hours")]
    title = f"{found.project.name} {found.first}–{found.last}"
    content = write_xlsx(title[:31], header, rows)
    return xlsx_response(content, f"funder-report-{found.first}-{found.last}.xlsx")


@require_role(Role.MANAGER, Role.CARE_WORKER)
def participant_profile(request: HttpRequest, pk: int) -> HttpResponseBase:
    trainee = get_object_or_404(visible_trainees(request.user), pk=pk)
    profile = scope(ParticipantProfile.objects.filter(trainee=trainee), request.user).first()
    form = ParticipantProfileForm(
        request.POST or None, instance=profile or ParticipantProfile(trainee=trainee)
    )
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.stamp(request.user)
        saved.save()
        messages.success(request, _("The characteristics for the funder are saved."))
        return redirect("people:trainee_detail", trainee.pk)
    title = _("Characteristics for the funder: %(name)s") % {"name": trainee.full_name}
    return render(request, "pathways/form.html", {"form": form, "title": title})


@require_role(Role.MANAGER)
def manager_dashboard(request: HttpRequest) -> HttpResponseBase:
    return render(request, "pathways/dashboard.html", {"board": dashboard(timezone.localdate())})
