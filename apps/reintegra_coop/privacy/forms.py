"""Recording a consent, withdrawing it, exporting a trainee's data, placing a legal hold."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegra_coop.core.dates import DAY_INPUT

from .models import Consent, LegalHold


class ConsentForm(forms.ModelForm):
    class Meta:
        model = Consent
        fields = ["kind", "organisation", "partner", "given_on"]
        widgets = {"given_on": DAY_INPUT}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner"].help_text = _(
            "Only for a partner not on record: its name (the partner on record is chosen above)."
        )


class WithdrawalForm(forms.Form):
    withdrawn_on = forms.DateField(
        label=_("withdrawn on"), widget=DAY_INPUT, initial=timezone.localdate
    )


class ExportForm(forms.Form):
    recipient = forms.CharField(
        label=_("For whom, what for"),
        max_length=200,
        help_text=_("E.g. the trainee's request of 2 December, handed over in person."),
    )


class LegalHoldForm(forms.ModelForm):
    class Meta:
        model = LegalHold
        fields = ["reason"]
