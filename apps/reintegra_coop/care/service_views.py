"""Recording a court's community-service order (managers, and care workers for their caseload):
the court reference, hours, monthly limits (Polish law's 20–40 by default; a Czech order has
none) and the dates. Its progress comes from approved community-service logs (service.py)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reintegra_coop.core.access import require_role
from reintegra_coop.core.dates import DAY_INPUT
from reintegra_coop.core.roles import Role
from reintegra_coop.core.scoping import scope
from reintegra_coop.people.scoping import visible_trainees

from .models import CommunityServiceOrder


class ServiceOrderForm(forms.ModelForm):
    class Meta:
        model = CommunityServiceOrder
        fields = [
            "trainee",
            "court_reference",
            "total_hours",
            "monthly_minimum_hours",
            "monthly_maximum_hours",
            "start",
            "deadline",
        ]
        widgets = {"start": DAY_INPUT, "deadline": DAY_INPUT}
        help_texts = {
            "monthly_minimum_hours": gettext_lazy(
                "Leave empty where the law sets no monthly limits."
            ),
        }

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["trainee"].queryset = visible_trainees(user).by_name()  # type: ignore[attr-defined]
        if not self.instance.pk and settings.COUNTRY == "CZ":  # a total within a year, no months
            self.initial.update(monthly_minimum_hours=None, monthly_maximum_hours=None)


@require_role(Role.MANAGER, Role.CARE_WORKER)
def service_order_form(request: HttpRequest, pk: int | None = None) -> HttpResponseBase:
    orders = scope(CommunityServiceOrder.objects.all(), request.user)
    order = get_object_or_404(orders, pk=pk) if pk is not None else None
    form = ServiceOrderForm(request.user, request.POST or None, instance=order)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.stamp(request.user)
        saved.save()
        messages.success(request, _("The community-service order is saved."))
        return redirect("care:service_orders")
    title = _("Community-service order")
    return render(request, "care/service_order_form.html", {"form": form, "title": title})
