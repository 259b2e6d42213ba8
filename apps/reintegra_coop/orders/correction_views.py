"""Correction invoices: the page that issues one (each line's new quantity and price, and the
reason), its PDF and its e-invoice (FA(3) XML). Managers and accountants."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra_coop.core.access import require_role
from reintegra_coop.core.pdf import pdf_response
from reintegra_coop.core.scoping import scope

from . import corrections
from .exceptions import InvalidTransitionError
from .forms import CorrectionForm
from .ksef import KsefExportError, fa3_correction_xml
from .models import FINANCE, CorrectionInvoice, Invoice


@require_role(*FINANCE)
def correction_create(request: HttpRequest, pk: int) -> HttpResponseBase:
    invoice = get_object_or_404(
        scope(Invoice.objects.select_related("order__customer"), request.user), pk=pk
    )
    lines = corrections.lines_now(invoice)
    form = CorrectionForm(lines, request.POST or None)
    if request.method == "POST" and form.is_valid():
        changes = {
            pk: corrections.Change(quantity, price)
            for pk, (quantity, price) in form.changes().items()
        }
        try:
            correction = corrections.issue_correction(
                invoice, changes, form.cleaned_data["reason"], request.user, timezone.localdate()
            )
        except InvalidTransitionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Correction invoice %(number)s is issued.") % {"number": correction.number},
            )
            return redirect("orders:detail", invoice.order_id)
    return render(request, "orders/correction_form.html", {"invoice": invoice, "form": form})


def _correction(request: HttpRequest, pk: int) -> CorrectionInvoice:
    corrections_seen = CorrectionInvoice.objects.select_related("invoice__order__customer")
    return get_object_or_404(scope(corrections_seen, request.user), pk=pk)


@require_role(*FINANCE)
def correction_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    correction = _correction(request, pk)
    return pdf_response(corrections.correction_pdf(correction), f"{correction.number}.pdf")


@require_role(*FINANCE)
def correction_ksef_xml(request: HttpRequest, pk: int) -> HttpResponseBase:
    correction = _correction(request, pk)
    try:
        xml = fa3_correction_xml(correction)
    except KsefExportError as error:
        messages.error(request, str(error))
        return redirect("orders:detail", correction.invoice.order_id)
    response = HttpResponse(xml, content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{correction.number}-FA3.xml"'
    return response
