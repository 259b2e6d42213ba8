from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegra_coop.core.dates import DayField

from .models import ALLOWED_STAGE_CHANGES, ExitReason, Stage, Trainee


class StageChangeForm(forms.Form):
    to_stage = forms.ChoiceField(label=_("New stage"))
    on = DayField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    exit_reason = forms.ChoiceField(
        label=_("Exit reason"),
        required=False,
        choices=[("", "—"), *ExitReason.choices],
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, trainee: Trainee, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = ALLOWED_STAGE_CHANGES[trainee.stage]
        self.fields["to_stage"].choices = [  # type: ignore[attr-defined]
            (value, label) for value, label in Stage.choices if value in allowed
        ]
        self.fields["on"].initial = timezone.localdate()
