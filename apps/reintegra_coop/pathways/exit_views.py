"""Exits and follow-ups: a manager moves a trainee out of the programme with where they went;
managers and the trainee's care workers keep the destination and record the follow-up
contacts at 4 weeks, 3 months and 6 months (due ones wait on their home page)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reintegra_coop.core.access import require_role
from reintegra_coop.core.exceptions import InvalidTransitionError
from reintegra_coop.core.roles import Role
from reintegra_coop.core.scoping import scope
from reintegra_coop.people.scoping import visible_trainees

from .exits import due_follow_ups, record_exit
from .form_errors import flash_errors, show_refusal
from .forms import DestinationForm, ExitForm, FollowUpForm
from .models import PATHWAY_ROLES, Exit, FollowUp


@require_role(Role.MANAGER)
def exit_trainee(request: HttpRequest, pk: int) -> HttpResponseBase:
    trainee = get_object_or_404(visible_trainees(request.user), pk=pk)
    form = ExitForm(request.POST or None, instance=Exit(trainee=trainee))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        destination = {name: data[name] for name in DestinationForm.Meta.fields}
        try:
            exit_record = record_exit(
                trainee, data["exited_on"], data["reason"], destination, request.user
            )
        except InvalidTransitionError as refused:
            form.add_error(None, str(refused))
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, _("%(name)s has left the programme.") % {"name": trainee})
            return redirect("pathways:exit", exit_record.pk)
    title = _("Exit of %(name)s") % {"name": trainee.full_name}
    return render(request, "pathways/form.html", {"form": form, "title": title})


def _exits(request: HttpRequest) -> QuerySet[Exit]:
    return scope(Exit.objects.select_related("trainee", "employer"), request.user)


@require_role(*PATHWAY_ROLES)
def exit_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    found = get_object_or_404(_exits(request), pk=pk)
    form = DestinationForm(request.POST or None, instance=found)
    if request.method == "POST" and found.cancelled_at is not None:
        messages.error(request, _("The exit was undone: where the trainee went stays as it was."))
        return redirect("pathways:exit", found.pk)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.stamp(request.user)
        saved.save()
        messages.success(request, _("Where the trainee went is saved."))
        return redirect("pathways:exit", found.pk)
    context = {
        "exit": found,
        "form": form,
        "follow_ups": [(f, FollowUpForm(prefix=f"f{f.pk}")) for f in found.follow_ups.all()],
    }
    return render(request, "pathways/exit.html", context)


@require_role(*PATHWAY_ROLES)
def follow_ups(request: HttpRequest) -> HttpResponseBase:
    visible = scope(FollowUp.objects.select_related("exit__trainee"), request.user)
    today = timezone.localdate()
    context = {
        "due": due_follow_ups(visible, today),
        "coming": visible.filter(
            due_on__gt=today, contacted_on__isnull=True, exit__cancelled_at__isnull=True
        )[:50],
        "done": visible.filter(
            contacted_on__isnull=False, exit__cancelled_at__isnull=True
        ).order_by("-contacted_on")[:50],
    }
    return render(request, "pathways/follow_ups.html", context)


@require_POST
@require_role(*PATHWAY_ROLES)
def record_follow_up(request: HttpRequest, pk: int) -> HttpResponseBase:
    follow_up = get_object_or_404(scope(FollowUp.objects.all(), request.user), pk=pk)
    form = FollowUpForm(request.POST, prefix=f"f{follow_up.pk}")
    if form.is_valid():
        try:
            follow_up.record(**form.cleaned_data, by=request.user)
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, _("The follow-up contact is recorded."))
            return redirect("pathways:exit", follow_up.exit_id)
    flash_errors(request, form)
    return redirect("pathways:exit", follow_up.exit_id)
