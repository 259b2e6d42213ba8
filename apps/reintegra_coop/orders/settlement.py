"""Payments against invoices: recording money received (in part or in full), and keeping the
order's status true to the balance — paid when the payments settle what the invoice asks
(its gross with its corrections), open again if a correction raises it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from reintegra_coop.core.money import round_money

from .exceptions import InvalidTransitionError
from .models import Invoice, Order, OrderStatus, Payment, PaymentMethod


@dataclass(frozen=True)
class Balance:
    due: Decimal
    paid: Decimal

    @property
    def outstanding(self) -> Decimal:
        return max(self.due - self.paid, Decimal("0.00"))

    @property
    def overpaid(self) -> Decimal:
        return max(self.paid - self.due, Decimal("0.00"))

    @property
    def settled(self) -> bool:
        return self.paid >= self.due


def balance_of(invoice: Invoice) -> Balance:
    found = Invoice.objects.with_balance().values("amount_due", "amount_paid").get(pk=invoice.pk)  # type: ignore[misc]
    # SQLite sums decimals as floats: round back to the currency's minor unit
    return Balance(due=round_money(found["amount_due"]), paid=round_money(found["amount_paid"]))


def record_payment(
    invoice: Invoice,
    amount: Decimal,
    on: datetime.date,
    by: Any,
    method: str = PaymentMethod.TRANSFER,
    reference: str = "",
) -> Payment:
    """Record money received; the order is paid once the payments settle the invoice."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=invoice.order_id)
        if order.status not in (OrderStatus.INVOICED, OrderStatus.PAID):
            raise InvalidTransitionError(_("Payments are recorded against an issued invoice."))
        if amount <= 0:
            raise InvalidTransitionError(_("A payment is more than zero."))
        payment = Payment(
            invoice=invoice, amount=amount, received_on=on, method=method, reference=reference
        )
        payment.stamp(by)
        payment.full_clean()
        payment.save()
        settle(invoice, by)
    return payment


def pay_in_full(order: Order, by: Any, on: datetime.date) -> Payment:
    """The order page's "Mark paid": one payment of what is still owed, received ``on``."""
    with transaction.atomic():  # what is owed is read under the lock: two clicks pay once
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if locked.status != OrderStatus.INVOICED:
            raise InvalidTransitionError(_("Only an invoiced order is marked paid."))
        invoice = Invoice.objects.get(order=locked)
        outstanding = balance_of(invoice).outstanding
        if outstanding <= 0:
            raise InvalidTransitionError(_("Nothing is owed on this invoice."))
        return record_payment(invoice, outstanding, on, by, method=invoice.payment_method)


def settle(invoice: Invoice, by: Any) -> None:
    """Set the order paid (with the day it was settled) or back to invoiced, by the balance.
    Called inside the transaction that changed a payment or a correction."""
    order = Order.objects.select_for_update().get(pk=invoice.order_id)
    locked = Invoice.objects.select_for_update().get(pk=invoice.pk)
    balance = balance_of(locked)
    if balance.settled and order.status == OrderStatus.INVOICED:
        last = locked.payments.order_by("-received_on").values_list("received_on", flat=True)
        locked.paid_on = last.first() or locked.issued_on  # a correction may leave 0 owed
        order.set_status(OrderStatus.PAID, by)
    elif not balance.settled and order.status == OrderStatus.PAID:
        locked.paid_on = None
        order.set_status(
            OrderStatus.INVOICED, by, note=_("A correction raised what the invoice asks.")
        )
    else:
        return
    locked.stamp(by)
    locked.save(update_fields=["paid_on", "modified_at", "modified_by"])
    invoice.paid_on = locked.paid_on
