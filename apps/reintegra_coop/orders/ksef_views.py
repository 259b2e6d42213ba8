"""The e-invoice (FA(3) XML) of an invoice, and its KSeF number recorded back: managers and
accountants."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reintegra_coop.core.access import require_role
from reintegra_coop.core.scoping import scope

from .ksef import KsefExportError, fa3_xml
from .models import FINANCE, Invoice


def _invoice(request: HttpRequest, pk: int) -> Invoice:
    invoices = Invoice.objects.select_related("order__customer").prefetch_related("order__lines")
    return get_object_or_404(scope(invoices, request.user), pk=pk)


@require_role(*FINANCE)
def invoice_ksef_xml(request: HttpRequest, pk: int) -> HttpResponseBase:
    invoice = _invoice(request, pk)
    try:
        xml = fa3_xml(invoice)
    except KsefExportError as error:
        messages.error(request, str(error))
        return redirect("orders:detail", invoice.order_id)
    response = HttpResponse(xml, content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{invoice.number}-FA3.xml"'
    return response


@require_role(*FINANCE)
@require_POST
def record_ksef_number(request: HttpRequest, pk: int) -> HttpResponseBase:
    invoice = _invoice(request, pk)
    invoice.ksef_number = request.POST.get("ksef_number", "").strip().upper()
    try:
        invoice.full_clean(validate_unique=False)
    except ValidationError as error:
        for message in error.message_dict.get("ksef_number", error.messages):
            messages.error(request, f"{_('KSeF number')}: {message}")
        return redirect("orders:detail", invoice.order_id)
    invoice.stamp(request.user)
    invoice.save(update_fields=["ksef_number", "modified_at", "modified_by"])
    messages.success(request, _("The KSeF number is recorded."))
    return redirect("orders:detail", invoice.order_id)
