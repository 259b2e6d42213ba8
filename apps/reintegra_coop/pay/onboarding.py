"""The pay scheme part of taking on a trainee (people/onboarding.py): optional, and the same
rules as a scheme saved anywhere else (PayScheme.clean)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reintegra_coop.people.models import Trainee
from reintegra_coop.people.onboarding import OnboardingPart

from .models import PayScheme

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PaySchemeForm(forms.ModelForm):
    class Meta:
        model = PayScheme
        fields = [
            "kind",
            "valid_from",
            "valid_until",
            "hourly_rate",
            "counts_training",
            "reference_hourly_wage",
            "standard_units_per_hour",
        ]
        widgets = {"valid_from": DATE_INPUT, "valid_until": DATE_INPUT}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].required = False  # an empty part is skipped

    def clean_kind(self) -> str:
        kind = str(self.cleaned_data.get("kind") or "")
        if not kind:
            raise forms.ValidationError(_("Choose a pay scheme."))
        return kind


def _started(form: forms.BaseForm) -> bool:
    return bool(form.data.get(form.add_prefix("kind")))


def _save(form: forms.BaseForm, trainee: Trainee, by: Any) -> None:
    scheme = form.save(commit=False)  # type: ignore[attr-defined]
    scheme.trainee = trainee
    scheme.full_clean()
    scheme.stamp(by)
    scheme.save()


PART = OnboardingPart(
    prefix="pay", title=_("Pay scheme"), form=PaySchemeForm, started=_started, save=_save, order=10
)
