"""Invoices and delivery notes: issuing, payment, PDFs (WeasyPrint) and the CSV export."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from reintegra_coop.core.numbering import next_number
from reintegra_coop.core.pdf import render_pdf
from reintegra_coop.core.sites import site_setting

from .exceptions import InvalidTransitionError
from .models import Delivery, Invoice, Order, OrderStatus

PAYMENT_DAYS = 14


def issue_invoice(
    order: Order, by: Any, on: datetime.date, payment_days: int = PAYMENT_DAYS
) -> Invoice:
    with transaction.atomic():
        locked = Order.objects.select_for_update().select_related("customer").get(pk=order.pk)
        if locked.status != OrderStatus.DELIVERED:
            raise InvalidTransitionError(_("Only a delivered order is invoiced."))
        if locked.is_internal:
            raise InvalidTransitionError(_("An internal order is not invoiced."))
        amounts = locked.totals()
        invoice = Invoice(
            order=locked,
            number=next_number("FV", on),
            issued_on=on,
            due_on=on + datetime.timedelta(days=payment_days),
            net=amounts.net,
            vat=amounts.vat,
            gross=amounts.gross,
        )
        invoice.stamp(by)
        invoice.save()
        locked.set_status(OrderStatus.INVOICED, by)
    order.refresh_from_db(fields=["status"])
    return invoice


def mark_paid(order: Order, by: Any, on: datetime.date) -> None:
    with transaction.atomic():
        if Order.objects.select_for_update().get(pk=order.pk).status != OrderStatus.INVOICED:
            raise InvalidTransitionError(_("Only an invoiced order is marked paid."))
        invoice = Invoice.objects.select_for_update().get(order=order)
        invoice.paid_on = on
        invoice.stamp(by)
        invoice.save(update_fields=["paid_on", "modified_at", "modified_by"])
        order.set_status(OrderStatus.PAID, by)


def invoice_pdf(invoice: Invoice) -> bytes:
    order = invoice.order
    return render_pdf(
        "orders/invoice_pdf.html",
        {
            "invoice": invoice,
            "order": order,
            "lines": order.lines.select_related("item"),
            "vat_summary": vat_summary(order),
        },
    )


def delivery_note_pdf(delivery: Delivery) -> bytes:
    order = delivery.order
    movements = delivery.movements.select_related("lot", "lot__item")
    return render_pdf(
        "orders/delivery_note_pdf.html",
        {"delivery": delivery, "order": order, "lines": order.lines.all(), "movements": movements},
    )


def vat_summary(order: Order) -> list[dict[str, Any]]:
    """Net, VAT and gross per VAT rate, as an invoice shows them."""
    by_rate: dict[Any, dict[str, Any]] = {}
    for line in order.lines.all():
        row = by_rate.setdefault(
            line.vat_percent, {"rate": line.vat_percent, "net": 0, "vat": 0, "gross": 0}
        )
        row["net"] += line.net
        row["vat"] += line.vat
        row["gross"] += line.gross
    return sorted(by_rate.values(), key=lambda row: -row["rate"])


CSV_COLUMNS = [
    "number",
    "issued_on",
    "due_on",
    "paid_on",
    "order",
    "customer",
    "tax_id",
    "net",
    "vat",
    "gross",
    "currency",
]


def invoices_csv(invoices: Iterable[Invoice]) -> str:
    """The accountant's export: one row per invoice, amounts with a dot as decimal separator."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for invoice in invoices:
        writer.writerow(
            [
                invoice.number,
                invoice.issued_on.isoformat(),
                invoice.due_on.isoformat(),
                invoice.paid_on.isoformat() if invoice.paid_on else "",
                invoice.order.number,
                invoice.order.customer.name,
                invoice.order.customer.tax_id,
                f"{invoice.net:.2f}",
                f"{invoice.vat:.2f}",
                f"{invoice.gross:.2f}",
                site_setting("CURRENCY"),
            ]
        )
    return out.getvalue()
