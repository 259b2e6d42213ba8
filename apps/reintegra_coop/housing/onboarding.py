"""The tenancy part of taking on a trainee (people/onboarding.py): optional, and the same rules
as a tenancy saved anywhere else (Tenancy.clean)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from reintegra_coop.core.dates import DAY_INPUT
from reintegra_coop.people.models import Trainee
from reintegra_coop.people.onboarding import OnboardingPart, end_open_before

from . import ledger
from .models import HousingUnit, Tenancy


class TenancyForm(forms.ModelForm):
    class Meta:
        model = Tenancy
        fields = ["unit", "start", "end", "share_fixed", "share_percent", "payroll_consent_on"]
        widgets = {"start": DAY_INPUT, "end": DAY_INPUT, "payroll_consent_on": DAY_INPUT}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = HousingUnit.objects.filter(active=True)  # type: ignore[attr-defined]


def _started(form: forms.BaseForm) -> bool:
    return bool(form.data.get(form.add_prefix("unit")))


def _save(form: forms.BaseForm, trainee: Trainee, by: Any) -> None:
    """A new tenancy from day D (a move up the housing ladder) ends the open-ended one that
    began before D on the day before. A closed month is never changed: its statements are
    stored."""
    tenancy = form.save(commit=False)  # type: ignore[attr-defined]
    tenancy.trainee = trainee
    if ledger.is_closed(tenancy.start):
        raise ValidationError(
            {"start": _("The rent of that month is closed; start the tenancy in an open month.")}
        )
    tenancies = Tenancy.objects.filter(trainee=trainee)
    end_open_before(tenancies, "start", "end", tenancy.start, by)
    tenancy.full_clean()
    tenancy.stamp(by)
    tenancy.save()


def _current(trainee: Trainee) -> list[str]:
    return [
        f"{tenancy.unit}: {tenancy.start.isoformat()} – "
        f"{tenancy.end.isoformat() if tenancy.end else '…'}"
        for tenancy in Tenancy.objects.filter(trainee=trainee).select_related("unit")
    ]


PART = OnboardingPart(
    prefix="housing",
    title=_("Housing (tenancy)"),
    form=TenancyForm,
    started=_started,
    save=_save,
    order=20,
    current=_current,
)
