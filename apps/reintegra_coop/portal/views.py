"""The trainee portal: plain language, large buttons, only the trainee's own data."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from reintegra_coop.core.access import require_role
from reintegra_coop.core.roles import Role
from reintegra_coop.people.models import Trainee


@require_role(Role.TRAINEE)
def home(request: HttpRequest) -> HttpResponse:
    trainee = Trainee.objects.prefetch_related("workshops").get(user=request.user)
    return render(request, "portal/home.html", {"trainee": trainee})
