"""A manager's pages for a trainee's record: taking a trainee on (with their login), editing the
record, undoing a stage change and withdrawing a record entered by mistake."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reintegra_coop.core.access import require_role
from reintegra_coop.core.confirm import ask_first, confirmed
from reintegra_coop.core.roles import Role

from .exceptions import InvalidTransitionError
from .forms import OnboardingForm, TraineeForm
from .onboarding import (
    PartRefusedError,
    part_forms,
    suggest_card_number,
    suggest_username,
    take_on,
    update_record,
)
from .scoping import visible_trainees


@require_role(Role.MANAGER)
def trainee_new(request: HttpRequest) -> HttpResponseBase:
    data = request.POST if request.method == "POST" else None
    form = OnboardingForm(data, initial={"card_number": suggest_card_number()})
    parts, started = part_forms(data)
    if data is not None and form.is_valid() and all(f.is_valid() for _p, f in started):
        trainee = form.save(commit=False)
        username = form.cleaned_data["username"] or suggest_username(
            trainee.first_name, trainee.last_name
        )
        try:
            take_on(trainee, username, form.pin, form, started, request.user)
        except PartRefusedError:
            trainee.pk = None  # rolled back
        else:
            messages.success(
                request,
                _("%(name)s is taken on, with the login %(username)s. Print their login card now.")
                % {"name": trainee.full_name, "username": username},
            )
            return redirect("people:trainee_detail", pk=trainee.pk)
    return render(request, "people/trainee_new.html", {"form": form, "parts": parts})


@require_role(Role.MANAGER)
def trainee_edit(request: HttpRequest, pk: int) -> HttpResponseBase:
    trainee = get_object_or_404(visible_trainees(request.user), pk=pk)
    data = request.POST if request.method == "POST" else None
    form = TraineeForm(data, instance=trainee)
    parts, started = part_forms(data)
    if data is not None and form.is_valid() and all(f.is_valid() for _p, f in started):
        try:
            update_record(form, started, request.user)
        except PartRefusedError:
            pass
        else:
            messages.success(request, _("The record of %(name)s is saved.") % {"name": trainee})
            return redirect("people:trainee_detail", pk=trainee.pk)
    context = {"form": form, "trainee": trainee, "parts": parts}
    context["current"] = {part.prefix: part.current(trainee) for part, _form in parts}
    return render(request, "people/trainee_edit.html", context)


@require_POST
@require_role(Role.MANAGER)
def undo_stage_change(request: HttpRequest, pk: int) -> HttpResponse:
    trainee = get_object_or_404(visible_trainees(request.user), pk=pk)
    back = reverse("people:trainee_detail", args=[trainee.pk])
    if request.POST.get("reason", "").strip() and not confirmed(request):
        question = _("Undo the last stage change of %(name)s?") % {"name": trainee}
        return ask_first(request, question, _("Undo the change"), back)
    try:
        change = trainee.undo_stage_change(request.user, request.POST.get("reason", ""))
    except InvalidTransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The change to %(stage)s is undone: %(name)s is in the stage %(back)s again.")
            % {
                "stage": change.get_to_stage_display(),
                "name": trainee,
                "back": trainee.get_stage_display(),
            },
        )
    return redirect("people:trainee_detail", pk=trainee.pk)


@require_POST
@require_role(Role.MANAGER)
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    trainee = get_object_or_404(visible_trainees(request.user), pk=pk)
    back = reverse("people:trainee_detail", args=[trainee.pk])
    if request.POST.get("reason", "").strip() and not confirmed(request):
        question = _(
            "Withdraw the record of %(name)s as entered by mistake? It will no longer be listed "
            "and their login stops working."
        ) % {"name": trainee}
        return ask_first(request, question, _("Withdraw the record"), back, danger=True)
    try:
        trainee.withdraw(request.user, request.POST.get("reason", ""))
    except InvalidTransitionError as error:
        messages.error(request, str(error))
        return redirect("people:trainee_detail", pk=trainee.pk)
    messages.success(
        request,
        _("The record of %(name)s is withdrawn: it is kept, but no longer listed.")
        % {"name": trainee},
    )
    return redirect("people:manager_home")
