"""Placements: managers and care workers start one; its job coach (any member of staff) records
the days worked — one at a time or from the employer's sheet —, the employer's feedback, and
its end."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reintegra_coop.core.access import require_role
from reintegra_coop.core.roles import Role

from . import placements as workflow
from .form_errors import show_refusal
from .forms import EndForm, FeedbackForm, PlacementDayForm, PlacementForm, SheetForm
from .models import PATHWAY_ROLES, Placement, PlacementFeedback
from .scoping import visible_placements

COACHES = (*PATHWAY_ROLES, Role.INSTRUCTOR)


@require_role(*COACHES)
def placement_list(request: HttpRequest) -> HttpResponseBase:
    rows = visible_placements(request.user).order_by("status", "-starts_on")
    return render(request, "pathways/placements.html", {"rows": rows})


@require_role(*PATHWAY_ROLES)
def new_placement(request: HttpRequest) -> HttpResponseBase:
    initial = {
        key: request.GET[key] for key in ("trainee", "opening", "employer") if key in request.GET
    }
    form = PlacementForm(request.user, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            placement = workflow.start(form.save(commit=False), request.user)
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, _("The placement is started."))
            return redirect("pathways:placement", placement.pk)
    return render(request, "pathways/form.html", {"form": form, "title": _("Placement")})


@require_role(*COACHES)
def placement(request: HttpRequest, pk: int) -> HttpResponseBase:
    found = get_object_or_404(visible_placements(request.user), pk=pk)
    context = {**_context(found), "may_run": workflow.may_run(found, request.user)}
    return render(request, "pathways/placement.html", context)


def _context(found: Placement, **forms: object) -> dict[str, object]:
    """The page's facts and forms (a form posted with errors shown again in its place)."""
    return {
        "placement": found,
        "days": workflow.placement_days(found).order_by("-date"),
        "days_worked": workflow.days_worked(found),
        "feedback": found.feedback.all(),
        "day_form": forms.get("day_form") or PlacementDayForm(),
        "sheet_form": forms.get("sheet_form") or SheetForm(),
        "feedback_form": forms.get("feedback_form") or FeedbackForm(),
        "end_form": forms.get("end_form") or EndForm(),
        "may_run": True,  # the forms were posted by someone who may run it
    }


def _runnable(request: HttpRequest, pk: int) -> Placement:
    """The placement, for its job coach or a manager (others who see it only read it)."""
    found = get_object_or_404(visible_placements(request.user), pk=pk)
    if not workflow.may_run(found, request.user):
        raise PermissionDenied
    return found


@require_POST
@require_role(*COACHES)
def record_day(request: HttpRequest, pk: int) -> HttpResponseBase:
    found = _runnable(request, pk)
    form = PlacementDayForm(request.POST)
    if form.is_valid():
        try:
            workflow.record_days(found, [workflow.Day(**form.cleaned_data)], request.user)
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, _("The day is recorded; a manager approves it."))
            return redirect("pathways:placement", found.pk)
    return render(request, "pathways/placement.html", _context(found, day_form=form), status=400)


@require_POST
@require_role(*COACHES)
def import_sheet(request: HttpRequest, pk: int) -> HttpResponseBase:
    found = _runnable(request, pk)
    form = SheetForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            days = workflow.days_from_sheet(form.cleaned_data["sheet"])
            logs = workflow.record_days(found, days, request.user)
        except ValidationError as refused:
            form.add_error("sheet", " ".join(refused.messages))
        else:
            messages.success(
                request, _("%(count)s days are recorded from the sheet.") % {"count": len(logs)}
            )
            return redirect("pathways:placement", found.pk)
    return render(request, "pathways/placement.html", _context(found, sheet_form=form), status=400)


@require_POST
@require_role(*COACHES)
def add_feedback(request: HttpRequest, pk: int) -> HttpResponseBase:
    found = _runnable(request, pk)
    form = FeedbackForm(request.POST, instance=PlacementFeedback(placement=found))
    if form.is_valid():
        saved = form.save(commit=False)
        saved.stamp(request.user)
        saved.save()
        messages.success(request, _("The employer's feedback is recorded."))
        return redirect("pathways:placement", found.pk)
    return render(
        request, "pathways/placement.html", _context(found, feedback_form=form), status=400
    )


@require_POST
@require_role(*COACHES)
def end_placement(request: HttpRequest, pk: int) -> HttpResponseBase:
    found = _runnable(request, pk)
    form = EndForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            workflow.end(found, data["ended_on"], data["completed"], data["end_note"], request.user)
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, _("The placement has ended."))
            return redirect("pathways:placement", found.pk)
    return render(request, "pathways/placement.html", _context(found, end_form=form), status=400)
