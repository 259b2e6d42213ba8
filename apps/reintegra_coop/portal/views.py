"""The trainee portal: plain language, large buttons, only the trainee's own data."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from reintegra_coop.core.access import require_role
from reintegra_coop.core.roles import Role
from reintegra_coop.people.models import Trainee


@require_role(Role.TRAINEE)
def home(request: HttpRequest) -> HttpResponse:
    user: Any = request.user  # require_role let only a trainee's login through
    trainee = Trainee.objects.prefetch_related("workshops").get(user=user)
    return render(request, "portal/home.html", {"trainee": trainee})
