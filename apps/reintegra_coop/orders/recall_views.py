"""A recall: for one lot, every delivery and customer that received it and every other way it
left the stock (used internally, spoiled), so a batch can be traced the same day."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from reintegra_coop.core.access import require_role
from reintegra_coop.core.roles import Role
from reintegra_coop.core.scoping import scope

from .models import ProductionLot


@require_role(Role.MANAGER)  # customers' names and contacts: not for instructors
def lot_recall(request: HttpRequest, pk: int) -> HttpResponse:
    lot = get_object_or_404(
        scope(
            ProductionLot.objects.select_related("item", "workshop").with_on_hand(), request.user
        ),
        pk=pk,
    )
    movements = lot.movements.select_related("delivery__order__customer").order_by("on", "pk")
    return render(request, "orders/lot_recall.html", {"lot": lot, "movements": movements})
