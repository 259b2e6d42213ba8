"""Invoices and delivery notes: issuing, payment, PDFs (WeasyPrint) and the CSV export."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from reintegra_coop.core.numbering import next_number
from reintegra_coop.core.pdf import render_pdf
from reintegra_coop.core.sites import site_setting
from reintegra_coop.core.spreadsheet_csv import write_csv
from reintegra_coop.core.spreadsheet_xlsx import write_xlsx

from . import seller
from .exceptions import InvalidTransitionError
from .models import Delivery, DeliveryLine, Invoice, Order, OrderStatus, StockMovement
from .pricing import by_rate

PAYMENT_DAYS = 14
# Split payment (Polish VAT act, art. 106e(1)(18a)): Annex 15 goods or services on an invoice
# whose gross is at least 15,000 zł.
SPLIT_PAYMENT_FROM = Decimal("15000.00")


def issue_invoice(
    order: Order, by: Any, on: datetime.date, payment_days: int = PAYMENT_DAYS
) -> Invoice:
    with transaction.atomic():
        locked = Order.objects.select_for_update().select_related("customer").get(pk=order.pk)
        if locked.status != OrderStatus.DELIVERED:
            raise InvalidTransitionError(_("Only a delivered order is invoiced."))
        if locked.is_internal:
            raise InvalidTransitionError(_("An internal order is not invoiced."))
        problems = {
            **seller.site_seller_problems(),
            **{
                f"buyer_{field}": problem
                for field, problem in seller.buyer_problems(locked.customer).items()
            },
        }
        if problems:
            raise InvalidTransitionError(
                _("The invoice cannot be issued: %(problems)s")
                % {"problems": " ".join(problems.values())}
            )
        amounts = locked.totals()
        invoice = Invoice(
            order=locked,
            number=next_number("FV", on),
            issued_on=on,
            sale_date=locked.deliveries.aggregate(last=Max("delivered_on"))["last"],
            due_on=on + datetime.timedelta(days=payment_days),
            net=amounts.net,
            vat=amounts.vat,
            gross=amounts.gross,
            split_payment=needs_split_payment(locked, amounts.gross),
            seller=seller.site_seller(),
            buyer=seller.buyer(locked.customer),
        )
        invoice.stamp(by)
        invoice.save()
        locked.set_status(OrderStatus.INVOICED, by)
    order.refresh_from_db(fields=["status"])
    return invoice


def needs_split_payment(order: Order, gross: Decimal) -> bool:
    if site_setting("CURRENCY", "PLN") != "PLN" or gross < SPLIT_PAYMENT_FROM:
        return False
    return order.lines.filter(item__split_payment=True).exists()


def invoice_pdf(invoice: Invoice) -> bytes:
    order = invoice.order
    return render_pdf(
        "orders/invoice_pdf.html",
        {
            "invoice": invoice,
            "order": order,
            "lines": order.lines.select_related("item"),
            "vat_summary": vat_summary(order),
            "lots": delivered_lots(order),
        },
    )


def delivered_lots(order: Order) -> dict[int, list[str]]:
    """item → the lot numbers its deliveries took (a recall reads them off the invoice too)."""
    lots: dict[int, list[str]] = {}
    movements = StockMovement.objects.filter(delivery__order=order).select_related("lot")
    for movement in movements.order_by("lot__lot_number"):
        numbers = lots.setdefault(movement.lot.item_id, [])
        if movement.lot.lot_number not in numbers:
            numbers.append(movement.lot.lot_number)
    return lots


def delivery_note_pdf(delivery: Delivery) -> bytes:
    order = delivery.order
    movements = delivery.movements.select_related("lot", "lot__item")
    carried = list(delivery.lines.select_related("line"))
    # what later notes carried is not "still to deliver" on this one: count up to this note
    delivered: dict[int, Decimal] = {}
    for earlier in DeliveryLine.objects.filter(line__order=order, delivery__pk__lte=delivery.pk):
        delivered[earlier.line_id] = delivered.get(earlier.line_id, Decimal(0)) + earlier.quantity
    left = [
        (line, line.quantity - delivered.get(line.pk, Decimal(0)))
        for line in order.lines.all()
        if line.quantity > delivered.get(line.pk, Decimal(0))
    ]
    return render_pdf(
        "orders/delivery_note_pdf.html",
        {
            "delivery": delivery,
            "order": order,
            "lines": carried,
            "movements": movements,
            "still_to_deliver": left,
        },
    )


def vat_summary(order: Order) -> list[dict[str, Any]]:
    """Net, VAT and gross per VAT rate, as an invoice shows them."""
    # the lines are prefetched by the export
    return by_rate((line.vat_percent, line.net, line.vat) for line in order.lines.all())


CSV_COLUMNS = [
    "number",
    "issued_on",
    "sale_date",
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
    """The accountant's export in the reader's CSV conventions."""
    return write_csv(*invoice_table(invoices))


def invoices_xlsx(invoices: Iterable[Invoice]) -> bytes:
    """The same as XLSX, with a totals row (net, VAT, gross and each rate's net and VAT)."""
    header, rows = invoice_table(invoices)
    sums = [
        sum((row[column] or Decimal(0) for row in rows), Decimal("0.00"))
        if column >= MONEY_FROM and header[column] != "currency"
        else None
        for column in range(len(header))
    ]
    totals: list[Any] = ["total", *[None] * (MONEY_FROM - 1), *sums[MONEY_FROM:]]
    totals[header.index("currency")] = site_setting("CURRENCY")
    return write_xlsx("invoices", header, [*rows, totals], bold_last=True)


MONEY_FROM = CSV_COLUMNS.index("net")  # the columns from here on are amounts (but currency)


def invoice_table(invoices: Iterable[Invoice]) -> tuple[list[str], list[list[Any]]]:
    """One row per invoice, then its net and VAT for each VAT rate (`net_23`, `vat_23`, …:
    the rates the invoices use)."""
    invoices = list(invoices)
    by_invoice = {invoice.pk: vat_summary(invoice.order) for invoice in invoices}
    rates = sorted({row["rate"] for rows in by_invoice.values() for row in rows}, reverse=True)
    header = [*CSV_COLUMNS]
    for rate in rates:
        header += [f"net_{rate.normalize():f}", f"vat_{rate.normalize():f}"]
    rows = []
    for invoice in invoices:
        summary = {row["rate"]: row for row in by_invoice[invoice.pk]}
        row: list[Any] = [
            invoice.number,
            invoice.issued_on,
            invoice.sale_date,
            invoice.due_on,
            invoice.paid_on,
            invoice.order.number,
            invoice.order.customer.name,
            invoice.order.customer.tax_id,
            invoice.net,
            invoice.vat,
            invoice.gross,
            site_setting("CURRENCY"),
        ]
        for rate in rates:
            found = summary.get(rate)
            row += [found["net"], found["vat"]] if found else [None, None]
        rows.append(row)
    return header, rows
