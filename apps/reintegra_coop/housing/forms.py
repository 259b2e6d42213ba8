"""The rent ledger page's form: a rent payment in cash, for a tenancy of the month shown. The
rules are the model's (RentPayment.clean)."""

from __future__ import annotations

from typing import Any

from django import forms

from reintegra_coop.core.dates import DAY_INPUT

from .models import RentPayment, Tenancy


class RentPaymentForm(forms.ModelForm):
    class Meta:
        model = RentPayment
        fields = ["tenancy", "paid_on", "amount"]
        widgets = {"paid_on": DAY_INPUT}

    def __init__(self, *args: Any, tenancy_ids: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["tenancy"]
        field.queryset = (  # type: ignore[attr-defined]
            Tenancy.objects.filter(pk__in=tenancy_ids)
            .select_related("trainee", "unit")
            .order_by("trainee__last_name", "trainee__first_name", "start")
        )
        field.label_from_instance = lambda t: f"{t.trainee.full_name}, {t.unit.name}"  # type: ignore[attr-defined]
