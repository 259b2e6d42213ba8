"""Payments received against an invoice, and the receivables: every invoice not settled,
by age, with what is still owed or was paid too much; as a page and as CSV/XLSX. Managers and
accountants."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reintegra_coop.core.access import require_role
from reintegra_coop.core.money import format_money, round_money
from reintegra_coop.core.replica import reads_from_replica
from reintegra_coop.core.scoping import scope
from reintegra_coop.core.spreadsheet_csv import Cell, csv_response, write_csv
from reintegra_coop.core.spreadsheet_xlsx import write_xlsx, xlsx_response

from . import receivables, settlement
from .exceptions import InvalidTransitionError
from .forms import PaymentForm
from .models import FINANCE, Invoice


@require_role(*FINANCE)
@require_POST
def record_payment(request: HttpRequest, pk: int) -> HttpResponseBase:
    invoice = get_object_or_404(scope(Invoice.objects.all(), request.user), pk=pk)
    form = PaymentForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else str(error))
        return redirect("orders:detail", invoice.order_id)
    data = form.cleaned_data
    try:
        settlement.record_payment(
            invoice,
            data["amount"],
            data["received_on"],
            request.user,
            method=data["method"],
            reference=data["reference"],
        )
    except InvalidTransitionError as error:
        messages.error(request, str(error))
        return redirect("orders:detail", invoice.order_id)
    balance = settlement.balance_of(invoice)
    messages.success(request, _("The payment is recorded.") + " " + balance_sentence(balance))
    return redirect("orders:detail", invoice.order_id)


def balance_sentence(balance: settlement.Balance) -> str:
    if balance.overpaid:
        return _("Paid %(amount)s too much: refund it or set it against the next invoice.") % {
            "amount": format_money(balance.overpaid)
        }
    if balance.outstanding:
        return _("Still owed: %(amount)s.") % {"amount": format_money(balance.outstanding)}
    return _("The invoice is settled.")


def _open_invoices(request: HttpRequest) -> list[receivables.OpenInvoice]:
    today = timezone.localdate()
    invoices: QuerySet[Any] = scope(
        Invoice.objects.open().select_related("order__customer"), request.user
    ).order_by("issued_on", "number")
    return [
        receivables.open_invoice(
            invoice.number,
            invoice.order.customer.name,
            invoice.issued_on,
            invoice.due_on,
            round_money(invoice.amount_due),
            round_money(invoice.amount_paid),
            today,
            invoice.order_id,
        )
        for invoice in invoices
    ]


@require_role(*FINANCE)
@reads_from_replica
def receivables_page(request: HttpRequest) -> HttpResponse:
    rows = _open_invoices(request)
    owed = [row for row in rows if row.balance > 0]
    today = timezone.localdate()
    context = {
        "owed": owed,
        "overpaid": [row for row in rows if row.balance < 0],
        "ageing": receivables.ageing(((row.issued_on, row.balance) for row in owed), today),
        "total": sum((row.balance for row in owed), Decimal("0.00")),
    }
    return render(request, "orders/receivables.html", context)


@require_role(*FINANCE)
@reads_from_replica
def receivables_csv(request: HttpRequest) -> HttpResponse:
    rows = receivables.export_rows(_open_invoices(request))
    return csv_response(write_csv(receivables.EXPORT_COLUMNS, rows), "receivables.csv")


@require_role(*FINANCE)
@reads_from_replica
def receivables_xlsx(request: HttpRequest) -> HttpResponse:
    open_invoices = _open_invoices(request)
    total = sum((row.balance for row in open_invoices), Decimal("0.00"))
    totals: list[Cell] = ["total", *[None] * (len(receivables.EXPORT_COLUMNS) - 2), total]
    rows = [*receivables.export_rows(open_invoices), totals]
    content = write_xlsx("receivables", receivables.EXPORT_COLUMNS, rows, bold_last=True)
    return xlsx_response(content, "receivables.xlsx")
