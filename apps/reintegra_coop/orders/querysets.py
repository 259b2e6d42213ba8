from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import DecimalField, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from .tax_ids import plain_in_database, same_tax_id

if TYPE_CHECKING:
    from .models import CatalogueItem, Customer, Invoice, Order, ProductionLot  # noqa: F401

QUANTITY_FIELD: DecimalField[Any, Any] = DecimalField(max_digits=15, decimal_places=3)
MONEY_FIELD: DecimalField[Any, Any] = DecimalField(max_digits=15, decimal_places=2)


def _sum_of(
    queryset: models.QuerySet[Any], group_by: str, field: str, output: DecimalField
) -> Coalesce:
    totals = queryset.values(group_by).annotate(total=Sum(field)).values("total")
    return Coalesce(Subquery(totals), Value(Decimal(0)), output_field=output)


class CustomerQuerySet(models.QuerySet["Customer"]):
    def search(self, text: str) -> CustomerQuerySet:
        """Customers whose name (or tax id) holds ``text``."""
        text = text.strip()
        if not text:
            return self
        return self.filter(Q(name__icontains=text) | Q(tax_id__icontains=text))

    def with_tax_id(self, tax_id: str) -> CustomerQuerySet:
        """Customers with this tax id, however it is written (spaces, dashes, prefix)."""
        return self.annotate(tax_id_plain=plain_in_database()).filter(same_tax_id(tax_id))

    def possible_duplicates(self, name: str, tax_id: str) -> CustomerQuerySet:
        """Customers who may be the same: the same name, or the same tax id."""
        name = " ".join(name.split())
        same_name = Q(name__iexact=name) if name else Q(pk__in=[])
        return self.annotate(tax_id_plain=plain_in_database()).filter(
            same_name | same_tax_id(tax_id)
        )


class OrderQuerySet(models.QuerySet["Order"]):
    def with_totals(self) -> OrderQuerySet:
        """Net, VAT, gross and list value as sums of the stored, rounded lines."""
        from .models import OrderLine

        lines = OrderLine.objects.filter(order=OuterRef("pk"))
        return self.annotate(
            total_net=_sum_of(lines, "order", "net", MONEY_FIELD),
            total_vat=_sum_of(lines, "order", "vat", MONEY_FIELD),
            total_gross=_sum_of(lines, "order", "gross", MONEY_FIELD),
            total_list_value=_sum_of(lines, "order", "list_value", MONEY_FIELD),
        )

    def in_status(self, *statuses: str) -> OrderQuerySet:
        return self.filter(status__in=statuses)

    def for_workshop(self, workshop: Any) -> OrderQuerySet:
        from .models import ProductionTask

        ids = ProductionTask.objects.filter(workshop=workshop).values("order")
        items = self.filter(lines__item__workshop=workshop).values("pk")
        return self.filter(Q(pk__in=ids) | Q(pk__in=items))

    def due_between(self, first: datetime.date | None, last: datetime.date | None) -> OrderQuerySet:
        result = self
        if first:
            result = result.filter(due_on__gte=first)
        if last:
            result = result.filter(due_on__lte=last)
        return result

    def search(self, text: str) -> OrderQuerySet:
        return self.filter(
            Q(number__icontains=text) | Q(customer__name__icontains=text) | Q(note__icontains=text)
        )

    def internal(self) -> OrderQuerySet:
        return self.filter(customer__kind="internal")


class CatalogueItemQuerySet(models.QuerySet["CatalogueItem"]):
    def with_stock(self) -> CatalogueItemQuerySet:
        """produced − delivered − used internally − spoiled, per item, in one query."""
        from .models import ProductionLot, StockMovement

        produced = ProductionLot.objects.filter(item=OuterRef("pk"))
        moved = StockMovement.objects.filter(lot__item=OuterRef("pk"))
        return self.annotate(
            produced=_sum_of(produced, "item", "quantity", QUANTITY_FIELD),
            moved_out=_sum_of(moved, "lot__item", "quantity", QUANTITY_FIELD),
        ).annotate(on_hand=F("produced") - F("moved_out"))


class ProductionLotQuerySet(models.QuerySet["ProductionLot"]):
    def with_on_hand(self) -> ProductionLotQuerySet:
        from .models import StockMovement

        moved = StockMovement.objects.filter(lot=OuterRef("pk"))
        return self.annotate(
            moved_out=_sum_of(moved, "lot", "quantity", QUANTITY_FIELD),
        ).annotate(on_hand=F("quantity") - F("moved_out"))


class InvoiceQuerySet(models.QuerySet["Invoice"]):
    def with_balance(self) -> InvoiceQuerySet:
        """``amount_due`` (gross with its corrections), ``amount_paid`` and ``balance`` (due −
        paid: what the buyer still owes, negative when they paid too much), in one query."""
        from .models import CorrectionInvoice, Payment

        corrections = CorrectionInvoice.objects.filter(invoice=OuterRef("pk"))
        payments = Payment.objects.filter(invoice=OuterRef("pk"))
        return self.annotate(
            amount_due=F("gross") + _sum_of(corrections, "invoice", "gross_change", MONEY_FIELD),
            amount_paid=_sum_of(payments, "invoice", "amount", MONEY_FIELD),
        ).annotate(balance=F("amount_due") - F("amount_paid"))

    def open(self) -> InvoiceQuerySet:
        """Invoices not settled: something still owed, or paid too much (to refund)."""
        return self.with_balance().exclude(Q(balance=0))
