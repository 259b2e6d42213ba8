"""Recording a court's community-service order (managers, and care workers for their caseload):
the court reference, hours, monthly limits (Polish law's 20–40 by default; a Czech order has
none) and the dates. Its progress comes from approved community-service logs (service.py)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from reintegra_coop.core.access import require_role
from reintegra_coop.core.roles import Role
from reintegra_coop.core.scoping import scope

from .forms import ServiceOrderForm
from .models import CommunityServiceOrder


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
