"""The structured e-invoice of the national system (KSeF), schema FA(3): an issued invoice as
the XML the accounting office or KSeF takes, validated against the official XSD before it is
offered. ksef-client builds the XML and carries the XSDs as package data (MIT; README says why);
we only map our invoice onto it. Sending to KSeF is not done here (no network is needed)."""

from __future__ import annotations

from decimal import Decimal
from typing import TypeVar

from django.utils.translation import gettext as _
from ksef_client.documents.fa3 import (
    Address,
    Annotation,
    BankAccount,
    BasicInvoiceBuilder,
    CorrectionInvoiceBuilder,
    CorrectionType,
    Discount,
    FA3Invoice,
    InvoiceLine,
    InvoiceParty,
    PaymentTerms,
    TaxCategory,
)
from ksef_client.documents.fa3.xml import FA3XmlValidationError, invoice_to_xml
from stdnum import iban
from stdnum.pl import nip

from .models import CorrectionInvoice, CustomerKind, Invoice, Order, PaymentMethod

# Our VAT rates → FA(3)'s tax categories (P_13_1 … P_13_6_1 by rate).
TAX_CATEGORIES = {
    Decimal(23): TaxCategory.standard_23,
    Decimal(8): TaxCategory.reduced_8,
    Decimal(5): TaxCategory.reduced_5,
    Decimal(0): TaxCategory.zero_domestic,
}
# FA(3) names units in Polish abbreviations.
UNITS = {"pcs": "szt", "kg": "kg", "bunch": "pęczek", "jar": "słoik", "h": "godz", "m2": "m2"}


B = TypeVar("B", BasicInvoiceBuilder, CorrectionInvoiceBuilder)


class KsefExportError(ValueError):
    """An invoice the FA(3) schema would refuse; the message says which part."""


def fa3_xml(invoice: Invoice) -> bytes:
    """The invoice as FA(3) XML, checked against the official XSD (never offered unchecked)."""
    if invoice.order.customer.kind == CustomerKind.INTERNAL:
        raise KsefExportError(_("An internal order has no invoice to send."))
    try:
        return invoice_to_xml(_build(invoice), xsd_validate=True)
    except (FA3XmlValidationError, ValueError) as error:
        raise KsefExportError(
            _("The e-invoice for %(number)s does not pass the FA(3) schema: %(error)s")
            % {"number": invoice.number, "error": error}
        ) from None


def fa3_correction_xml(correction: CorrectionInvoice) -> bytes:
    """A correction invoice as FA(3) XML (KOR), each changed line before and after, checked
    against the XSD like an invoice."""
    try:
        return invoice_to_xml(_build_correction(correction), xsd_validate=True)
    except (FA3XmlValidationError, ValueError) as error:
        raise KsefExportError(
            _("The e-invoice for %(number)s does not pass the FA(3) schema: %(error)s")
            % {"number": correction.number, "error": error}
        ) from None


def _parties(builder: B, seller: dict[str, str], buyer: dict[str, str]) -> B:
    return (
        builder.currency("PLN")
        .seller(
            InvoiceParty.polish_company(
                nip=nip.compact(seller["tax_id"]), name=seller["name"], address=_address(seller)
            )
        )
        .buyer(_buyer(buyer))
    )


def _build_correction(correction: CorrectionInvoice) -> FA3Invoice:
    invoice = correction.invoice
    builder = _parties(
        CorrectionInvoiceBuilder(invoice_number=correction.number)
        .issued_on(correction.issued_on)
        .sale_date(invoice.sale_date or invoice.issued_on),
        correction.seller,
        correction.buyer or invoice.buyer,
    ).corrects_invoice(
        number=invoice.number,
        issue_date=invoice.issued_on,
        reason=correction.reason,
        correction_type=CorrectionType.TAX_BASE_OR_TAX,
        ksef_number=invoice.ksef_number or None,
    )
    for line in correction.lines.all():
        discount = Discount.percent(line.discount_percent) if line.discount_percent else None
        same = {
            "tax": _tax(line.vat_percent),
            "unit": UNITS.get(line.unit, line.unit or "szt"),
            "discount": discount,
        }
        builder.add_corrected_line_before_after(
            before=InvoiceLine.corrected_before(
                line.description,
                quantity=line.quantity_before,
                unit_net_price=line.unit_price_before,
                **same,
            ),
            after=InvoiceLine.corrected_after(
                line.description,
                quantity=line.quantity_after,
                unit_net_price=line.unit_price_after,
                **same,
            ),
        )
    return builder.build()


def _build(invoice: Invoice) -> FA3Invoice:
    order: Order = invoice.order
    builder = _parties(
        BasicInvoiceBuilder(invoice_number=invoice.number)
        .issued_on(invoice.issued_on)
        .sale_date(invoice.sale_date or invoice.issued_on),
        invoice.seller,
        invoice.buyer,
    )
    seller = invoice.seller
    for line in order.lines.all():
        builder.add_line(
            line.description,
            quantity=line.quantity,
            unit_net_price=line.unit_price,
            tax=_tax(line.vat_percent),
            unit=UNITS.get(line.unit, line.unit or "szt"),
            discount=Discount.percent(line.discount_percent) if line.discount_percent else None,
        )
    if invoice.split_payment:
        builder.annotations(Annotation.split_payment())
    if invoice.payment_method == PaymentMethod.TRANSFER:
        account = BankAccount(number=_account_number(seller["bank_account"]))
        builder.payment(PaymentTerms.transfer(due_date=invoice.due_on, bank_account=account))
    else:
        builder.payment(PaymentTerms(due_dates=(invoice.due_on,), method="gotowka"))
    return builder.build()


def _address(party: dict[str, str]) -> Address:
    return Address.polish(" ".join(party.get("address", "").split()))


def _buyer(buyer: dict[str, str]) -> InvoiceParty:
    if buyer.get("tax_id") and nip.is_valid(buyer["tax_id"]):
        return InvoiceParty.polish_company(
            nip=nip.compact(buyer["tax_id"]), name=buyer["name"], address=_address(buyer)
        )
    return InvoiceParty.without_tax_id(name=buyer["name"], address=_address(buyer))


def _tax(percent: Decimal) -> TaxCategory:
    factory = TAX_CATEGORIES.get(Decimal(percent).normalize())
    if factory is None:
        raise KsefExportError(
            _("The VAT rate %(rate)s %% has no FA(3) category.") % {"rate": percent}
        )
    return factory()


def _account_number(account: str) -> str:
    """FA(3) takes a Polish account as its 26 digits (NrRB), without the PL prefix."""
    compact = iban.compact(account)
    return compact[2:] if compact.startswith("PL") else compact
