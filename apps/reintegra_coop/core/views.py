from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .access import require_role
from .forms import LoginForm, SetPinForm
from .roles import Role, may_set_password, role_of

HOME_PAGES = {
    Role.MANAGER: "people:manager_home",
    Role.INSTRUCTOR: "people:instructor_home",
    Role.CARE_WORKER: "people:care_home",
    Role.ACCOUNTANT: "people:accountant_home",
    Role.TRAINEE: "portal:home",
}


class LoginView(auth_views.LoginView):
    template_name = "core/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        # A trainee's page speaks their language from the first click on a shared tablet.
        trainee = getattr(form.get_user(), "trainee", None)
        if trainee is not None and trainee.preferred_language:
            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, trainee.preferred_language)
        return response


@login_required
def home(request: HttpRequest) -> HttpResponse:
    role = role_of(request.user)
    if role is None:
        return render(request, "core/no_role.html", status=403)
    return redirect(HOME_PAGES[role])


@require_role(Role.MANAGER)
def set_password(request: HttpRequest, user_id: int) -> HttpResponseBase:
    """A manager sets a new password (or a trainee's PIN) for someone who forgot theirs."""
    account = get_object_or_404(User, pk=user_id)
    if not may_set_password(request.user, account):
        raise Http404  # a superuser's, a manager's or a care worker's: not theirs to set
    form_class = SetPinForm if hasattr(account, "trainee") else SetPasswordForm
    form = form_class(account, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The new password for %(name)s is set.") % {"name": account})
        return redirect("core:home")
    context: dict[str, Any] = {"form": form, "account": account}
    return render(request, "core/set_password.html", context)
