"""Staff pages: each role's home page, and the trainee list and record (scoped)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from reintegra_coop.core.access import require_role
from reintegra_coop.core.roles import STAFF_ROLES, Role
from reintegra_coop.core.scoping import scope, visible_trainees, visible_workshops

from .exceptions import InvalidTransitionError
from .forms import StageChangeForm
from .models import StaffMember


def _home(request: HttpRequest, template: str) -> HttpResponse:
    trainees = visible_trainees(request.user).prefetch_related("workshops").by_name()
    workshops = visible_workshops(request.user)
    return render(request, template, {"trainees": trainees, "workshops": workshops})


@require_role(Role.MANAGER)
def manager_home(request: HttpRequest) -> HttpResponse:
    return _home(request, "people/manager_home.html")


@require_role(Role.INSTRUCTOR)
def instructor_home(request: HttpRequest) -> HttpResponse:
    return _home(request, "people/instructor_home.html")


@require_role(Role.CARE_WORKER)
def care_home(request: HttpRequest) -> HttpResponse:
    return _home(request, "people/care_home.html")


@require_role(Role.ACCOUNTANT)
def accountant_home(request: HttpRequest) -> HttpResponse:
    return _home(request, "people/accountant_home.html")


@require_role(*STAFF_ROLES)
def staff_list(request: HttpRequest) -> HttpResponse:
    staff = scope(StaffMember.objects.select_related("user"), request.user)
    return render(request, "people/staff_list.html", {"staff": staff})


@require_role(*STAFF_ROLES)
def trainee_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    trainee = get_object_or_404(visible_trainees(request.user), pk=pk)
    may_change_stage = request.user.has_perm("people.change_trainee")
    form = StageChangeForm(trainee, request.POST or None) if may_change_stage else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            data = form.cleaned_data
            trainee.move_to(
                data["to_stage"],
                data["on"],
                by=request.user,
                exit_reason=data["exit_reason"],
                note=data["note"],
            )
        except InvalidTransitionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(name)s is now in the stage: %(stage)s.")
                % {"name": trainee, "stage": trainee.get_stage_display()},
            )
            return redirect("people:trainee_detail", pk=trainee.pk)
    history = trainee.stage_changes.select_related("created_by")
    context = {"trainee": trainee, "history": history, "form": form}
    return render(request, "people/trainee_detail.html", context)
