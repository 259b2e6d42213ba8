from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from reintegra_coop.core.dates import DAY_INPUT

from .models import (
    CatalogueItem,
    Customer,
    MovementKind,
    Order,
    OrderLine,
    Payment,
    ProductionLot,
    VatRate,
)
from .tax_ids import written


class OrderForm(forms.ModelForm):
    class Meta:
        model = Order
        fields = ["kind", "customer", "ordered_on", "due_on", "note"]
        widgets = {
            "ordered_on": DAY_INPUT,
            "due_on": DAY_INPUT,
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, customer: str | None = None, **kwargs: Any) -> None:
        """``customer``: the id of a customer to choose (one just added from this form)."""
        super().__init__(*args, **kwargs)
        customers = Customer.objects.filter(active=True)
        self.fields["customer"].queryset = customers  # type: ignore[attr-defined]
        if customer and customer.isdigit() and customers.filter(pk=customer).exists():
            self.initial["customer"] = int(customer)


class CustomerForm(forms.ModelForm):
    not_a_duplicate = forms.BooleanField(
        label=_("This is a different customer from the possible duplicates shown above."),
        required=False,
    )

    class Meta:
        model = Customer
        fields = ["kind", "name", "tax_id", "address", "email", "phone", "active"]
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.duplicates: list[Customer] = []

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean_tax_id(self) -> str:
        return written(self.cleaned_data.get("tax_id") or "")

    def clean(self) -> dict[str, Any]:
        """A new name (or tax id) that another customer has is shown before saving; the same
        tax id is then refused by the model, the same name passes once the box is ticked."""
        cleaned = super().clean() or {}
        if self.errors or not {"name", "tax_id"} & set(self.changed_data):
            return cleaned
        others = Customer.objects.possible_duplicates(cleaned["name"], cleaned.get("tax_id", ""))
        self.duplicates = list(others.exclude(pk=self.instance.pk or 0).order_by("name", "pk"))
        if self.duplicates and not cleaned.get("not_a_duplicate"):
            self.add_error(
                "not_a_duplicate",
                _("Check the possible duplicates first: tick the box if this is someone else."),
            )
        return cleaned


def percent_text(value: Decimal) -> str:
    """23.00 → "23", 5.50 → "5.5": how a rate is written in a form."""
    return format(value.normalize(), "f")


def vat_choices() -> list[tuple[str, str]]:
    # The empty choice first: an untouched extra line posts nothing and is left out.
    rates = [
        (percent_text(rate.percent), rate.name) for rate in VatRate.objects.filter(active=True)
    ]
    return [("", "—"), *rates]


class OrderLineForm(forms.ModelForm):
    vat_percent = forms.TypedChoiceField(
        label=_("VAT rate"), coerce=Decimal, choices=vat_choices, required=False
    )

    class Meta:
        model = OrderLine
        fields = [
            "item",
            "description",
            "quantity",
            "unit",
            "unit_price",
            "vat_percent",
            "discount_percent",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = CatalogueItem.objects.filter(active=True)  # type: ignore[attr-defined]
        for name in ("description", "unit", "unit_price"):
            self.fields[name].required = False
        self.fields["quantity"].widget.attrs.update({"step": "0.001", "inputmode": "decimal"})
        if self.instance.pk and self.instance.vat_percent is not None:
            self.initial["vat_percent"] = percent_text(self.instance.vat_percent)

    def clean(self) -> dict[str, Any]:
        """A chosen item fills in what was left empty: description, unit, price and VAT."""
        cleaned = super().clean() or {}
        item: CatalogueItem | None = cleaned.get("item")
        if item is not None:
            cleaned["description"] = cleaned.get("description") or item.name
            cleaned["unit"] = cleaned.get("unit") or item.unit
            if cleaned.get("unit_price") is None:
                cleaned["unit_price"] = item.price
            if cleaned.get("vat_percent") in (None, ""):
                cleaned["vat_percent"] = item.vat_rate.percent
        for name, message in (
            ("description", _("Describe the line or choose an item.")),
            ("unit", _("Choose a unit.")),
            ("unit_price", _("Enter a unit price.")),
            ("vat_percent", _("Choose a VAT rate.")),
        ):
            if cleaned.get(name) in (None, "") and name not in self.errors:
                self.add_error(name, message)
        for name in ("description", "unit", "unit_price", "vat_percent"):
            if name in cleaned:
                setattr(self.instance, name, cleaned[name])
        return cleaned


OrderLineFormSet = inlineformset_factory(
    Order,
    OrderLine,
    form=OrderLineForm,
    extra=2,
    can_delete=True,
    min_num=1,
    validate_min=True,
)


class LotForm(forms.ModelForm):
    class Meta:
        model = ProductionLot
        fields = ["item", "quantity", "produced_on", "best_before"]
        widgets = {"produced_on": DAY_INPUT, "best_before": DAY_INPUT}

    def __init__(self, items: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items  # type: ignore[attr-defined]

    def save(self, commit: bool = True) -> ProductionLot:
        lot: ProductionLot = super().save(commit=False)
        lot.workshop_id = lot.item.workshop_id
        if commit:
            lot.save()
        return lot


class StockOutForm(forms.Form):
    item = forms.ModelChoiceField(label=_("Item"), queryset=CatalogueItem.objects.none())
    quantity = forms.DecimalField(
        label=_("Quantity"), min_value=Decimal("0.001"), max_digits=12, decimal_places=3
    )
    kind = forms.ChoiceField(
        label=_("What happened"),
        choices=[
            (MovementKind.USED_INTERNALLY.value, MovementKind.USED_INTERNALLY.label),
            (MovementKind.SPOILED.value, MovementKind.SPOILED.label),
        ],
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=200)

    def __init__(self, items: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items  # type: ignore[attr-defined]


class PaymentForm(forms.ModelForm):
    class Meta:
        model = Payment
        fields = ["received_on", "amount", "method", "reference"]
        widgets = {"received_on": DAY_INPUT}


class QuantitiesForm(forms.Form):
    """One number per order line (``line_<pk>``), as the delivery and correction pages ask."""

    def __init__(self, lines: list[tuple[OrderLine, Decimal]], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lines = lines
        for line, initial in lines:
            self.fields[f"line_{line.pk}"] = forms.DecimalField(
                label=line.description,
                min_value=Decimal(0),
                max_digits=12,
                decimal_places=3,
                initial=initial,
                required=False,
            )

    def quantities(self) -> dict[int, Decimal]:
        return {
            line.pk: self.cleaned_data[f"line_{line.pk}"] or Decimal(0)
            for line, _still_to_deliver in self.lines
        }


class CorrectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the correction"),
        max_length=200,
        help_text=_("For example: 2 kg returned as damaged; the price agreed on 3 December."),
    )

    def __init__(self, lines: list[Any], *args: Any, **kwargs: Any) -> None:
        """``lines``: each invoice line as it stands now (corrections.LineNow)."""
        super().__init__(*args, **kwargs)
        self.lines = lines
        for now in lines:
            pk = now.line.pk
            self.fields[f"quantity_{pk}"] = forms.DecimalField(
                label=_("Quantity"),
                min_value=Decimal(0),
                max_digits=12,
                decimal_places=3,
                initial=now.quantity,
            )
            self.fields[f"unit_price_{pk}"] = forms.DecimalField(
                label=_("Unit price"),
                min_value=Decimal(0),
                max_digits=12,
                decimal_places=2,
                initial=now.unit_price,
            )

    def rows(self) -> list[tuple[Any, Any, Any]]:
        return [
            (now, self[f"quantity_{now.line.pk}"], self[f"unit_price_{now.line.pk}"])
            for now in self.lines
        ]

    def changes(self) -> dict[int, tuple[Decimal, Decimal]]:
        return {
            now.line.pk: (
                self.cleaned_data[f"quantity_{now.line.pk}"],
                self.cleaned_data[f"unit_price_{now.line.pk}"],
            )
            for now in self.lines
        }
