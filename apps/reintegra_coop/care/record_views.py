"""The care worker's pages for a trainee's care records, outside the back office: therapy plan,
work constraint with its unavailable times (and, once saved, the shifts and draft logs it now
breaks), the three diagnoses, the individual plan with its goals and reviews, the social
contract, milestone targets, and relapse pauses (their reasons are clinical).

Only the trainee's own care workers open them (anyone else: 403, another care worker: 404),
as on the trainee's record page; every read of clinical content is logged."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms import BaseForm, BaseFormSet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reintegra_coop.core.access import require_role
from reintegra_coop.core.roles import Role
from reintegra_coop.core.scoping import can_see_care_data
from reintegra_coop.people.models import Trainee
from reintegra_coop.people.scoping import visible_trainees
from reintegra_coop.work.roster import booked_over_limits, drafts_over_limits

from . import forms
from .models import (
    ClinicalRead,
    ClinicalRecord,
    Diagnosis,
    IndividualPlan,
    Milestone,
    ParticipationPause,
    PlanReview,
    SocialContract,
    TherapyPlan,
    WorkConstraint,
)
from .plans import DiagnosisRole
from .progress import recompute

SAVED = gettext_lazy("Saved.")


def care_team_trainee(request: HttpRequest, pk: int) -> Trainee:
    """The trainee, for one of their own care workers; anyone else gets a 404."""
    trainee = get_object_or_404(visible_trainees(request.user), pk=pk)
    if not can_see_care_data(request.user, trainee):
        raise Http404
    return trainee


def log_read(request: HttpRequest, trainee: Trainee, record: str, plan: Any = None) -> None:
    reader: Any = request.user
    ClinicalRead.objects.create(reader=reader, trainee=trainee, record=record, plan=plan)


def save_form(form: BaseForm, by: Any) -> Any:
    record = form.save(commit=False)  # type: ignore[attr-defined]
    record.stamp(by)
    record.save()
    return record


def save_formset(formset: BaseFormSet, by: Any) -> None:
    for record in formset.save(commit=False):  # type: ignore[attr-defined]
        record.stamp(by)
        record.save()
    for record in formset.deleted_objects:  # type: ignore[attr-defined]
        record.stamp(by)  # the deletion's history names who removed it
        record.delete()


def edit_page(request: HttpRequest, trainee: Trainee, title: str, **parts: Any) -> HttpResponse:
    return render(request, "care/record_form.html", {"trainee": trainee, "title": title, **parts})


@require_role(Role.CARE_WORKER)
def therapy_plan(request: HttpRequest, pk: int) -> HttpResponse:
    trainee = care_team_trainee(request, pk)
    plan = TherapyPlan.objects.filter(trainee=trainee).first() or TherapyPlan(trainee=trainee)
    form = forms.TherapyPlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        save_form(form, request.user)
        messages.success(request, SAVED)
        return redirect("care:trainee_record", pk=trainee.pk)
    if request.method == "GET" and plan.pk:
        log_read(request, trainee, ClinicalRecord.THERAPY_PLAN, plan)
    return edit_page(request, trainee, _("Therapy plan (care team only)"), form=form)


@require_role(Role.CARE_WORKER)
def work_constraint(request: HttpRequest, pk: int) -> HttpResponse:
    """The limits and the unavailable times, saved together or not at all."""
    trainee = care_team_trainee(request, pk)
    constraint = getattr(trainee, "work_constraint", None) or WorkConstraint(trainee=trainee)
    form = forms.WorkConstraintForm(request.POST or None, instance=constraint)
    blocks = forms.BlockFormSet(request.POST or None, instance=constraint, prefix="blocks")
    if request.method == "POST" and form.is_valid() and blocks.is_valid():
        with transaction.atomic():
            blocks.instance = save_form(form, request.user)
            save_formset(blocks, request.user)
        messages.success(request, SAVED)
        return redirect("care:constraint_saved", pk=trainee.pk)
    if request.method == "GET" and constraint.pk and any(b.reason for b in constraint.blocks.all()):
        log_read(request, trainee, ClinicalRecord.UNAVAILABLE_TIMES)
    return edit_page(request, trainee, _("Work constraints"), form=form, formset=blocks)


@require_role(Role.CARE_WORKER)
def constraint_saved(request: HttpRequest, pk: int) -> HttpResponse:
    """After a save: the limits as they now stand (no reasons), and the rostered shifts and
    draft logs they now break, to sort out with the instructor."""
    trainee = care_team_trainee(request, pk)
    context = {
        "trainee": trainee,
        "constraint": get_object_or_404(WorkConstraint, trainee=trainee),
        "shifts": booked_over_limits([trainee.pk]),
        "drafts": drafts_over_limits([trainee.pk]),
    }
    return render(request, "care/constraint_saved.html", context)


@require_role(Role.CARE_WORKER)
def diagnosis(request: HttpRequest, pk: int, role: str) -> HttpResponse:
    trainee = care_team_trainee(request, pk)
    if role not in DiagnosisRole.values:
        raise Http404
    found = Diagnosis.objects.filter(trainee=trainee, by_role=role).first()
    record = found or Diagnosis(trainee=trainee, by_role=role)
    form = forms.DiagnosisForm(request.POST or None, instance=record)
    if request.method == "POST" and form.is_valid():
        save_form(form, request.user)
        messages.success(request, SAVED)
        return redirect("care:trainee_record", pk=trainee.pk)
    if request.method == "GET" and found:
        log_read(request, trainee, ClinicalRecord.DIAGNOSIS)
    title = f"{_('Diagnosis')}: {DiagnosisRole(role).label}"
    return edit_page(request, trainee, title, form=form)


@require_role(Role.CARE_WORKER)
def individual_plan(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan and its goals in the three spheres; it opens after three positive diagnoses."""
    trainee = care_team_trainee(request, pk)
    plan = getattr(trainee, "individual_plan", None) or IndividualPlan(trainee=trainee)
    form = forms.IndividualPlanForm(request.POST or None, instance=plan)
    goals = forms.GoalFormSet(request.POST or None, instance=plan, prefix="goals")
    if request.method == "POST" and form.is_valid() and goals.is_valid():
        with transaction.atomic():
            goals.instance = save_form(form, request.user)
            save_formset(goals, request.user)
        messages.success(request, SAVED)
        return redirect("care:trainee_record", pk=trainee.pk)
    reviews = plan.reviews.all() if plan.pk else []
    return edit_page(
        request, trainee, capfirst(_("individual plan")), form=form, formset=goals, reviews=reviews
    )


@require_role(Role.CARE_WORKER)
def plan_review(request: HttpRequest, pk: int, review: int | None = None) -> HttpResponse:
    trainee = care_team_trainee(request, pk)
    plan = get_object_or_404(IndividualPlan, trainee=trainee)
    record = get_object_or_404(plan.reviews, pk=review) if review else PlanReview(plan=plan)
    form = forms.PlanReviewForm(request.POST or None, instance=record)
    if request.method == "POST" and form.is_valid():
        save_form(form, request.user)
        messages.success(request, SAVED)
        return redirect("care:individual_plan", pk=trainee.pk)
    return edit_page(request, trainee, capfirst(_("plan review")), form=form)


@require_role(Role.CARE_WORKER)
def social_contract(request: HttpRequest, pk: int) -> HttpResponse:
    trainee = care_team_trainee(request, pk)
    plan = get_object_or_404(IndividualPlan, trainee=trainee)
    contract = SocialContract.objects.filter(plan=plan).first() or SocialContract(plan=plan)
    form = forms.SocialContractForm(request.POST or None, instance=contract)
    if request.method == "POST" and form.is_valid():
        save_form(form, request.user)
        messages.success(request, SAVED)
        return redirect("care:trainee_record", pk=trainee.pk)
    return edit_page(request, trainee, _("Social contract"), form=form)


@require_role(Role.CARE_WORKER)
def milestone(request: HttpRequest, pk: int, milestone: int | None = None) -> HttpResponse:
    """A milestone's target (new or changed); an achieved one keeps what proved it."""
    trainee = care_team_trainee(request, pk)
    record = (
        get_object_or_404(trainee.milestones, pk=milestone)
        if milestone
        else Milestone(trainee=trainee)
    )
    if record.achieved_on:
        messages.error(request, _("This milestone is achieved; it is kept as it was."))
        return redirect("care:trainee_record", pk=trainee.pk)
    form = forms.MilestoneForm(request.POST or None, instance=record)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            save_form(form, request.user)
            recompute([trainee.pk])  # the progress against the new target
        messages.success(request, SAVED)
        return redirect("care:trainee_record", pk=trainee.pk)
    return edit_page(request, trainee, capfirst(_("milestone")), form=form)


@require_role(Role.CARE_WORKER)
def pauses(request: HttpRequest, pk: int) -> HttpResponse:
    """The trainee's relapse pauses with their reasons, and a new one."""
    trainee = care_team_trainee(request, pk)
    form = forms.PauseForm(request.POST or None, instance=ParticipationPause(trainee=trainee))
    if request.method == "POST" and recorded(form, request.user):
        messages.success(request, SAVED)
        return redirect("care:pauses", pk=trainee.pk)
    found = list(trainee.pauses.all())
    if any(pause.reason for pause in found):
        log_read(request, trainee, ClinicalRecord.PAUSE)
    title = capfirst(_("participation pauses"))
    context = {"trainee": trainee, "title": title, "form": form, "pauses": found}
    return render(request, "care/pauses.html", context)


@require_role(Role.CARE_WORKER)
def pause(request: HttpRequest, pk: int, pause: int) -> HttpResponse:
    """One pause: its end once known, or a correction."""
    trainee = care_team_trainee(request, pk)
    record = get_object_or_404(trainee.pauses, pk=pause)
    form = forms.PauseForm(request.POST or None, instance=record)
    if request.method == "POST" and recorded(form, request.user):
        messages.success(request, SAVED)
        return redirect("care:pauses", pk=trainee.pk)
    if request.method == "GET" and record.reason:
        log_read(request, trainee, ClinicalRecord.PAUSE)
    return edit_page(request, trainee, capfirst(_("participation pause")), form=form)


def recorded(form: forms.PauseForm, by: Any) -> bool:
    """Saved under the pause's rules; a rule that refuses it (checked again with the trainee
    locked) puts its message on the form instead."""
    if not form.is_valid():
        return False
    try:
        form.instance.record(by)
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True
