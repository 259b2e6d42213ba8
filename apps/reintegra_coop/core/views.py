from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.contrib.auth.models import User
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import background_jobs, two_factor
from .access import require_role
from .forms import LoginForm, SetPinForm
from .models import NightlyRun, Notification
from .notifications import mark_read, text_of, url_of
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

    def get_success_url(self) -> str:
        url = super().get_success_url()
        if two_factor.owes_second_step(self.request.user):  # the code first (core/two_factor.py)
            return two_factor.second_step_url(self.request.user, url)
        return url


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


NOTICES_PER_PAGE = 25


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    """The user's own notices, newest first; the unread ones stand out."""
    mine = Notification.objects.filter(recipient_id=request.user.pk)
    page = Paginator(mine, NOTICES_PER_PAGE).get_page(request.GET.get("page"))
    rows = [(notice, text_of(notice), localtime(notice.created_at)) for notice in page]
    return render(request, "core/notifications.html", {"page": page, "rows": rows})


@login_required
def open_notification(request: HttpRequest, pk: int) -> HttpResponse:
    """Following a notice marks it read and opens its page (another person's notice: 404)."""
    notice = get_object_or_404(Notification, pk=pk, recipient_id=request.user.pk)
    mark_read(Notification.objects.filter(pk=notice.pk))
    return redirect(url_of(notice))


@require_POST
@login_required
def read_all_notifications(request: HttpRequest) -> HttpResponse:
    mark_read(Notification.objects.filter(recipient_id=request.user.pk))
    return redirect("core:notifications")


@require_role(Role.MANAGER)
def background_jobs_page(request: HttpRequest) -> HttpResponse:
    """The nightly jobs of the last two weeks and the queue (README "Background jobs")."""
    runs = NightlyRun.objects.filter(day__gte=localtime().date() - background_jobs.SHOWN_DAYS)
    return render(
        request,
        "core/background_jobs.html",
        {
            "runs": runs,
            "labels": background_jobs.NIGHTLY_LABELS,
            "counts": background_jobs.queue_counts(),
        },
    )
