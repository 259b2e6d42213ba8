"""Delivering part of an order: the manager enters what this delivery note carries of each
line (what is still to deliver is offered); the note that completes the order delivers it."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra_coop.core.access import require_role
from reintegra_coop.core.roles import Role
from reintegra_coop.core.scoping import scope

from .exceptions import InsufficientStockError, InvalidTransitionError
from .forms import QuantitiesForm
from .fulfilment import DELIVERABLE, deliver
from .models import Order, OrderStatus


@require_role(Role.MANAGER)
def delivery_create(request: HttpRequest, pk: int) -> HttpResponseBase:
    order = get_object_or_404(scope(Order.objects.select_related("customer"), request.user), pk=pk)
    if order.status not in DELIVERABLE:
        messages.error(request, _("Only an order in production or ready is delivered."))
        return redirect("orders:detail", order.pk)
    remaining = order.still_to_deliver()
    lines = [(line, remaining[line.pk]) for line in order.lines.all() if remaining[line.pk] > 0]
    form = QuantitiesForm(lines, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            delivery = deliver(order, request.user, timezone.localdate(), form.quantities())
        except (InvalidTransitionError, InsufficientStockError) as error:
            form.add_error(None, str(error))
        else:
            done = order.status == OrderStatus.DELIVERED
            messages.success(
                request,
                (
                    _("Delivery note %(number)s is recorded; the order is delivered.")
                    if done
                    else _("Delivery note %(number)s is recorded; the rest is still to deliver.")
                )
                % {"number": delivery.number},
            )
            return redirect("orders:detail", order.pk)
    return render(
        request,
        "orders/delivery_form.html",
        {
            "order": order,
            "form": form,
            "rows": [(line, left, form[f"line_{line.pk}"]) for line, left in lines],
        },
    )
