"""The pay scheme part of taking on a trainee (people/onboarding.py): optional, and the same
rules as a scheme saved anywhere else (PayScheme.clean)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from reintegra_coop.core.dates import DAY_INPUT
from reintegra_coop.people.models import Trainee
from reintegra_coop.people.onboarding import OnboardingPart, end_open_before

from .models import CLOSED_STATES, PayPeriod, PayScheme


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
        widgets = {"valid_from": DAY_INPUT, "valid_until": DAY_INPUT}

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
    """A new scheme from day D ends the open-ended one that began before D on the day before
    (a trainee moving from the trial's stipend to a wage, say). A closed month is never
    changed: its pay is stored."""
    scheme = form.save(commit=False)  # type: ignore[attr-defined]
    scheme.trainee = trainee
    month = scheme.valid_from.replace(day=1)
    if PayPeriod.objects.filter(month=month, state__in=CLOSED_STATES).exists():
        raise ValidationError(
            {"valid_from": _("The pay of that month is closed; start the scheme in an open month.")}
        )
    schemes = PayScheme.objects.filter(trainee=trainee)
    end_open_before(schemes, "valid_from", "valid_until", scheme.valid_from, by)
    scheme.full_clean()
    scheme.stamp(by)
    scheme.save()


def _current(trainee: Trainee) -> list[str]:
    return [
        f"{scheme.get_kind_display()}: {scheme.valid_from.isoformat()} – "
        f"{scheme.valid_until.isoformat() if scheme.valid_until else '…'}"
        for scheme in PayScheme.objects.filter(trainee=trainee).order_by("valid_from")
    ]


PART = OnboardingPart(
    prefix="pay",
    title=_("Pay scheme"),
    form=PaySchemeForm,
    started=_started,
    save=_save,
    order=10,
    current=_current,
)
