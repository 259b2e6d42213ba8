"""Invoices and what follows them: payments received against an invoice (it is paid when they
settle what it asks, an overpayment shows) and correction invoices (FK-…) that change its lines,
each line stored as it was before and after. The workflows are in invoicing.py, settlement.py
and corrections.py."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegra_coop.core.dates import PlausibleDateField
from reintegra_coop.core.models import TrackedModel
from reintegra_coop.core.money import format_quantity, money_field, quantity_field
from reintegra_coop.core.scoping import Visibility

from ..querysets import InvoiceQuerySet
from .orders import FINANCE, Order, OrderLine, Unit

# The seller's NIP, the day of acceptance, twelve hex digits and a two-digit check.
KSEF_NUMBER = r"^\d{10}-\d{8}-[0-9A-F]{12}-[0-9A-F]{2}$"


def ksef_number_field() -> models.CharField:
    return models.CharField(
        _("KSeF number"),
        max_length=40,
        blank=True,
        validators=[
            RegexValidator(
                KSEF_NUMBER,
                _("A KSeF number reads like 1234563218-20261123-0100A0B1C2D3-4F."),
            )
        ],
        help_text=_("The number the national e-invoice system gave the invoice."),
    )


class PaymentMethod(models.TextChoices):
    TRANSFER = "transfer", _("bank transfer")
    CASH = "cash", _("cash")


class Invoice(TrackedModel):
    order = models.OneToOneField(
        Order, verbose_name=_("order"), on_delete=models.PROTECT, related_name="invoice"
    )
    number = models.CharField(_("number"), max_length=30, unique=True, editable=False)
    issued_on = PlausibleDateField(_("issued on"), default=timezone.localdate)
    sale_date = PlausibleDateField(
        _("sale date"), null=True, blank=True, help_text=_("The day the goods were delivered.")
    )
    due_on = PlausibleDateField(_("payment due on"))
    payment_method = models.CharField(
        _("payment method"),
        max_length=10,
        choices=PaymentMethod.choices,
        default=PaymentMethod.TRANSFER,
    )
    split_payment = models.BooleanField(_("split payment"), default=False, editable=False)
    # The parties as they were when the invoice was issued: an issued invoice never changes.
    seller = models.JSONField(_("seller"), default=dict, editable=False)
    buyer = models.JSONField(_("buyer"), default=dict, editable=False)
    ksef_number = ksef_number_field()
    net = money_field(_("net"), editable=False)
    vat = money_field(_("VAT"), editable=False)
    gross = money_field(_("gross"), editable=False)
    paid_on = PlausibleDateField(
        _("paid on"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The day the payments received settled what the invoice asks."),
    )

    objects = InvoiceQuerySet.as_manager()
    visibility: ClassVar[Visibility] = Visibility(roles=FINANCE)

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-issued_on", "-number"]

    def __str__(self) -> str:
        return self.number


class Payment(TrackedModel):
    """Money received against an invoice: a bank transfer from the statement, or cash."""

    invoice = models.ForeignKey(
        Invoice, verbose_name=_("invoice"), on_delete=models.PROTECT, related_name="payments"
    )
    received_on = PlausibleDateField(_("received on"), default=timezone.localdate)
    amount = money_field(_("amount"), validators=[MinValueValidator(Decimal("0.01"))])
    method = models.CharField(
        _("payment method"),
        max_length=10,
        choices=PaymentMethod.choices,
        default=PaymentMethod.TRANSFER,
    )
    reference = models.CharField(
        _("reference"),
        max_length=100,
        blank=True,
        help_text=_("The bank statement's reference or the cash receipt's number."),
    )

    visibility: ClassVar[Visibility] = Visibility(roles=FINANCE)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["invoice", "received_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="payment_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.invoice.number} {self.received_on:%Y-%m-%d} {self.amount}"


class CorrectionInvoice(TrackedModel):
    """A correction invoice (FK-…): the lines of an invoice that change, before and after.
    Its amounts are the changes (negative when the buyer is owed money back)."""

    invoice = models.ForeignKey(
        Invoice, verbose_name=_("corrects"), on_delete=models.PROTECT, related_name="corrections"
    )
    number = models.CharField(_("number"), max_length=30, unique=True, editable=False)
    issued_on = PlausibleDateField(_("issued on"), default=timezone.localdate)
    reason = models.CharField(_("reason for the correction"), max_length=200)
    seller = models.JSONField(_("seller"), default=dict, editable=False)
    buyer = models.JSONField(_("buyer"), default=dict, editable=False)
    ksef_number = ksef_number_field()
    net_change = money_field(_("change in net"), editable=False)
    vat_change = money_field(_("change in VAT"), editable=False)
    gross_change = money_field(_("change in gross"), editable=False)

    visibility: ClassVar[Visibility] = Visibility(roles=FINANCE)

    class Meta:
        verbose_name = _("correction invoice")
        verbose_name_plural = _("correction invoices")
        ordering = ["invoice", "issued_on", "pk"]

    def __str__(self) -> str:
        return self.number


class CorrectionLine(models.Model):
    """One invoice line as the correction found it (before) and leaves it (after)."""

    correction = models.ForeignKey(
        CorrectionInvoice,
        verbose_name=_("correction invoice"),
        on_delete=models.CASCADE,
        related_name="lines",
    )
    line = models.ForeignKey(
        OrderLine,
        verbose_name=_("invoice line"),
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    description = models.CharField(_("description"), max_length=200)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    vat_percent = models.DecimalField(_("VAT rate (%)"), max_digits=5, decimal_places=2)
    discount_percent = models.DecimalField(
        _("discount (%)"), max_digits=5, decimal_places=2, default=Decimal(0)
    )
    quantity_before = quantity_field(_("quantity before"))
    unit_price_before = money_field(_("unit price before"))
    net_before = money_field(_("net before"))
    vat_before = money_field(_("VAT before"))
    quantity_after = quantity_field(_("quantity after"))
    unit_price_after = money_field(_("unit price after"))
    net_after = money_field(_("net after"))
    vat_after = money_field(_("VAT after"))

    visibility: ClassVar[Visibility] = Visibility(roles=FINANCE)

    class Meta:
        verbose_name = _("corrected line")
        verbose_name_plural = _("corrected lines")
        ordering = ["correction", "line__position", "line__pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity_before__gte=0, quantity_after__gte=0)
                & models.Q(unit_price_before__gte=0, unit_price_after__gte=0),
                name="correction_line_not_negative",
            ),
            models.UniqueConstraint(fields=["correction", "line"], name="correction_line_once"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.description}: {format_quantity(self.quantity_before)} → "
            f"{format_quantity(self.quantity_after)}"
        )

    @property
    def gross_before(self) -> Decimal:
        return self.net_before + self.vat_before

    @property
    def gross_after(self) -> Decimal:
        return self.net_after + self.vat_after
