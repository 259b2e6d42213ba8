"""Correction invoices (FK-…): a change to an issued invoice's lines — a quantity returned or
short, a price agreed lower — recorded as each changed line before and after. A line's
"before" is what the invoice says after any earlier corrections; the correction's amounts are
the changes, and the balance (settlement.py) follows them."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from reintegra_coop.core.money import MONEY_MAX, format_money
from reintegra_coop.core.numbering import next_number
from reintegra_coop.core.pdf import render_pdf

from . import seller, settlement
from .exceptions import InvalidTransitionError
from .models import CorrectionInvoice, CorrectionLine, Invoice, Order, OrderLine, OrderStatus
from .pricing import LineAmounts, by_rate, line_amounts, totals


@dataclass(frozen=True)
class LineNow:
    """An invoice line as it stands after every correction so far."""

    line: OrderLine
    quantity: Decimal
    unit_price: Decimal
    amounts: LineAmounts


@dataclass(frozen=True)
class Change:
    quantity: Decimal
    unit_price: Decimal


def lines_now(invoice: Invoice) -> list[LineNow]:
    latest: dict[int, CorrectionLine] = {}
    corrected: CorrectionLine | None
    for corrected in CorrectionLine.objects.filter(correction__invoice=invoice).order_by(
        "correction__issued_on", "correction__pk"
    ):
        latest[corrected.line_id] = corrected
    result = []
    for line in invoice.order.lines.all():
        corrected = latest.get(line.pk)
        if corrected is None:
            quantity, price = line.quantity, line.unit_price
            amounts = line.amounts()
        else:
            quantity, price = corrected.quantity_after, corrected.unit_price_after
            amounts = _amounts(line, quantity, price)
        result.append(LineNow(line, quantity, price, amounts))
    return result


def issue_correction(
    invoice: Invoice,
    changes: Mapping[int, Change],
    reason: str,
    by: Any,
    on: datetime.date,
) -> CorrectionInvoice:
    """Issue FK-… for the lines whose quantity or price ``changes`` (order line → new values);
    lines given unchanged are left out. Refused, with nothing saved, if nothing changes."""
    reason = " ".join(reason.split())
    if not reason:
        raise InvalidTransitionError(_("Give the reason for the correction."))
    with transaction.atomic():
        # the order first, then the invoice: the order payments take them in (no deadlock)
        Order.objects.select_for_update().get(pk=invoice.order_id)
        locked = Invoice.objects.select_for_update().select_related("order").get(pk=invoice.pk)
        if locked.order.status not in (OrderStatus.INVOICED, OrderStatus.PAID):
            raise InvalidTransitionError(_("Only an issued invoice is corrected."))
        if on < locked.issued_on:
            raise InvalidTransitionError(_("A correction is issued on or after its invoice."))
        now = {found.line.pk: found for found in lines_now(locked)}
        changed = _changed_lines(now, changes)
        correction = CorrectionInvoice(
            invoice=locked,
            number=next_number("FK", on),
            issued_on=on,
            reason=reason,
            seller=seller.site_seller(),
            buyer=locked.buyer,
            net_change=Decimal(0),
            vat_change=Decimal(0),
            gross_change=Decimal(0),
        )
        correction.stamp(by)
        correction.save()
        before, after = [], []
        for found, change in changed:
            new = _amounts(found.line, change.quantity, change.unit_price)
            CorrectionLine.objects.create(
                correction=correction,
                line=found.line,
                description=found.line.description,
                unit=found.line.unit,
                vat_percent=found.line.vat_percent,
                discount_percent=found.line.discount_percent,
                quantity_before=found.quantity,
                unit_price_before=found.unit_price,
                net_before=found.amounts.net,
                vat_before=found.amounts.vat,
                quantity_after=change.quantity,
                unit_price_after=change.unit_price,
                net_after=new.net,
                vat_after=new.vat,
            )
            before.append(found.amounts)
            after.append(new)
        was, becomes = totals(before), totals(after)
        correction.net_change = becomes.net - was.net
        correction.vat_change = becomes.vat - was.vat
        correction.gross_change = becomes.gross - was.gross
        correction.save(update_fields=["net_change", "vat_change", "gross_change"])
        settlement.settle(locked, by)
    return correction


def _changed_lines(
    now: dict[int, LineNow], changes: Mapping[int, Change]
) -> list[tuple[LineNow, Change]]:
    changed = []
    for pk, change in changes.items():
        if pk not in now:
            raise InvalidTransitionError(_("That line is not on the invoice."))
        if change.quantity < 0 or change.unit_price < 0:
            raise InvalidTransitionError(_("A quantity or a price is not below zero."))
        found = now[pk]
        if _amounts(found.line, change.quantity, change.unit_price).gross > MONEY_MAX:
            raise InvalidTransitionError(
                _("A line would come to more than %(most)s; split it.")
                % {"most": format_money(MONEY_MAX)}
            )
        if (change.quantity, change.unit_price) != (found.quantity, found.unit_price):
            changed.append((found, change))
    if not changed:
        raise InvalidTransitionError(
            _("Nothing changes: enter the new quantity or price of at least one line.")
        )
    return sorted(changed, key=lambda pair: (pair[0].line.position, pair[0].line.pk))


def _amounts(line: OrderLine, quantity: Decimal, unit_price: Decimal) -> LineAmounts:
    return line_amounts(quantity, unit_price, line.vat_percent, line.discount_percent)


def correction_vat_summary(correction: CorrectionInvoice) -> list[dict[str, Any]]:
    """The changes in net, VAT and gross per VAT rate."""
    return by_rate(
        (line.vat_percent, line.net_after - line.net_before, line.vat_after - line.vat_before)
        for line in correction.lines.all()
    )


def correction_pdf(correction: CorrectionInvoice) -> bytes:
    return render_pdf(
        "orders/correction_pdf.html",
        {
            "correction": correction,
            "invoice": correction.invoice,
            "lines": correction.lines.all(),
            "vat_summary": correction_vat_summary(correction),
        },
    )
