"""The pay period page's forms: a bonus or an advance for a trainee paid in the month. The
rules are the models' (Bonus.clean, Advance.clean), the pay run's own."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import Q

from reintegra_coop.core.dates import month_bounds
from reintegra_coop.people.scoping import visible_trainees

from .models import Advance, Bonus


class _ExtraForm(forms.ModelForm):
    def __init__(self, *args: Any, month: datetime.date, user: Any, **kwargs: Any) -> None:
        kwargs.setdefault("instance", self._meta.model(month=month))
        super().__init__(*args, **kwargs)
        # Only a trainee with a pay scheme in the month has a payslip to carry it.
        first, last = month_bounds(month)
        paid = visible_trainees(user).filter(
            Q(pay_schemes__valid_until__isnull=True) | Q(pay_schemes__valid_until__gte=first),
            pay_schemes__valid_from__lte=last,
        )
        field = self.fields["trainee"]
        field.queryset = paid.distinct().order_by("last_name", "first_name")  # type: ignore[attr-defined]
        field.label_from_instance = lambda trainee: trainee.full_name  # type: ignore[attr-defined]


class BonusForm(_ExtraForm):
    class Meta:
        model = Bonus
        fields = ["trainee", "amount"]


class AdvanceForm(_ExtraForm):
    class Meta:
        model = Advance
        fields = ["trainee", "amount"]
