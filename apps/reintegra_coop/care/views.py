"""Community-service orders: progress, warnings and the statement for the probation officer."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone

from reintegra_coop.core.access import require_role
from reintegra_coop.core.roles import Role
from reintegra_coop.core.scoping import scope

from .models import CommunityServiceOrder
from .service import order_progress


@require_role(Role.MANAGER, Role.CARE_WORKER)
def service_orders(request: HttpRequest) -> HttpResponse:
    orders = list(scope(CommunityServiceOrder.objects.select_related("trainee"), request.user))
    return render(
        request, "care/service_orders.html", {"rows": order_progress(orders, timezone.localdate())}
    )


@require_role(Role.MANAGER, Role.CARE_WORKER)
def service_statement(request: HttpRequest, pk: int) -> HttpResponse:
    order = get_object_or_404(
        scope(CommunityServiceOrder.objects.select_related("trainee"), request.user), pk=pk
    )
    [(order, progress)] = order_progress([order], timezone.localdate())
    html = render_to_string(
        "care/service_statement_pdf.html",
        {
            "order": order,
            "progress": progress,
            "cooperative": settings.COOPERATIVE,
            "today": timezone.localdate(),
        },
    )
    from weasyprint import HTML

    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="community-service-{order.pk}.pdf"'
    return response
