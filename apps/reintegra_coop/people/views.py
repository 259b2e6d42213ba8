"""Staff pages: each role's home page, and the trainee list and record (scoped)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reintegra_coop.core import lockout, two_factor
from reintegra_coop.core.access import may_open, require_role
from reintegra_coop.core.confirm import ask_first, confirmed
from reintegra_coop.core.roles import (
    STAFF_ROLES,
    Role,
    may_set_password,
    remember_held_role,
    role_of,
)
from reintegra_coop.core.scoping import scope

from .exceptions import InvalidTransitionError
from .facts import facts_about, links_about
from .forms import StageChangeForm
from .home import needs_for, panels_for
from .logins import may_print_login_codes
from .models import StaffMember
from .scoping import visible_trainees, visible_workshops


def _home(request: HttpRequest, template: str) -> HttpResponse:
    trainees = visible_trainees(request.user).prefetch_related("workshops").by_name()
    workshops = visible_workshops(request.user)
    return render(
        request,
        template,
        {
            "trainees": trainees,
            "workshops": workshops,
            "needs": needs_for(request),
            "panels": panels_for(request),
        },
    )


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
    staff = list(scope(StaffMember.objects.select_related("user"), request.user))
    for member in staff:
        remember_held_role(member.user, Role(member.role))
    manageable = {m.user_id for m in staff if may_set_password(request.user, m.user)}
    with_phones = two_factor.with_phones(m.user_id for m in staff)
    resettable = {
        m.user_id
        for m in staff
        if m.user_id in with_phones and two_factor.may_reset(request.user, m.user)
    }
    context = {"staff": staff, "manageable": manageable, "resettable": resettable}
    return render(request, "people/staff_list.html", context)


@require_POST
@require_role(Role.MANAGER)
def reset_two_factor(request: HttpRequest, user_id: int) -> HttpResponseBase:
    """A lost phone: the staff member sets up a new one at their next login."""
    login = get_object_or_404(User, pk=user_id)
    if not two_factor.may_reset(request.user, login):
        raise Http404  # their own, a superuser's or another manager's
    name = login.get_full_name() or login.get_username()
    if not confirmed(request):
        question = _(
            "Reset the two-factor login of %(name)s? They set up their phone again at their "
            "next login."
        ) % {"name": name}
        back = reverse("people:staff_list")
        return ask_first(request, question, _("Yes, reset it"), back, danger=True)
    two_factor.reset(login, by=request.user)
    messages.success(
        request, _("%(name)s sets up their phone again at the next login.") % {"name": name}
    )
    return redirect("people:staff_list")


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
    history = trainee.stage_changes.select_related("created_by", "undone_by")
    role = role_of(request.user)
    login = trainee.user
    context = {
        "trainee": trainee,
        "history": history,
        "facts": facts_about(trainee, request.user),
        "links": links_about(trainee, request.user),
        "form": form,
        "may_set_pin": login is not None and may_set_password(request.user, login),
        "may_print_code": login is not None and may_print_login_codes(request.user),
        "may_unlock": login is not None and role == Role.MANAGER,
        "wrong_tries": lockout.failures(login.get_username()) if login is not None else 0,
        "may_see_record": role in (Role.CARE_WORKER, Role.MANAGER, Role.INSTRUCTOR),
        "may_edit": may_open(request.user, "people:trainee_edit", trainee.pk),
        "may_undo": role == Role.MANAGER and any(not change.undone_at for change in history),
        "may_withdraw": role == Role.MANAGER and trainee.may_be_withdrawn,
    }
    return render(request, "people/trainee_detail.html", context)


@require_POST
@require_role(Role.MANAGER)
def unlock_login(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Forget the wrong PINs typed for a trainee's login, so they can log in at once."""
    trainee = get_object_or_404(visible_trainees(request.user).filter(user__isnull=False), pk=pk)
    lockout.unlock(trainee.user.get_username())  # type: ignore[union-attr]
    messages.success(request, _("%(name)s can log in again.") % {"name": trainee.full_name})
    return redirect("people:trainee_detail", pk=trainee.pk)
