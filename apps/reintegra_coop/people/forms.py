from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reintegra_coop.core.dates import DAY_INPUT, DayField
from reintegra_coop.core.forms import SetPinForm
from reintegra_coop.core.roles import Role

from .identity import normalised
from .logins import login_name_in_use
from .models import ALLOWED_STAGE_CHANGES, ExitReason, StaffMember, Stage, Trainee, Workshop
from .onboarding import possible_duplicates

User = get_user_model()


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


class TraineeForm(forms.ModelForm):
    """Who the trainee is and where they work; the same fields when taken on and later."""

    care_workers = forms.ModelMultipleChoiceField(
        label=_("Care workers"),
        queryset=StaffMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Trainee
        fields = [
            "first_name",
            "last_name",
            "date_of_birth",
            "national_id",
            "preferred_language",
            "phone",
            "email",
            "address",
            "workshops",
            "card_number",
        ]
        widgets = {
            "date_of_birth": DAY_INPUT,
            "workshops": forms.CheckboxSelectMultiple,
            "address": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Active ones to choose from, and what the trainee already has, even if inactive now.
        own = self.instance.pk or 0
        self.fields["workshops"].queryset = Workshop.objects.filter(  # type: ignore[attr-defined]
            Q(active=True) | Q(trainees=own)
        ).distinct()
        self.fields["care_workers"].queryset = (  # type: ignore[attr-defined]
            StaffMember.objects.filter(role=Role.CARE_WORKER)
            .filter(Q(active=True) | Q(caseload=own))
            .distinct()
            .select_related("user")
        )
        if self.instance.pk:
            self.fields["care_workers"].initial = list(self.instance.care_workers.all())

    def clean_card_number(self) -> str | None:
        card = (self.cleaned_data.get("card_number") or "").strip()
        if not card:
            return None
        if login_name_in_use(card, self.instance):
            raise forms.ValidationError(_("This card number is already taken."))
        return card

    def clean_national_id(self) -> str:
        national_id = normalised(self.cleaned_data.get("national_id") or "")
        others = Trainee.objects.current().filter(national_id=national_id)
        other = others.exclude(pk=self.instance.pk or 0).first() if national_id else None
        if other is not None:
            raise forms.ValidationError(
                _("%(name)s already has this national id.") % {"name": other.full_name}
            )
        return national_id

    def save_care_workers(self, trainee: Trainee) -> None:
        """The trainee's care workers are those ticked, of those the form offered."""
        offered = set(self.fields["care_workers"].queryset)  # type: ignore[attr-defined]
        others = set(trainee.care_workers.all()) - offered
        trainee.care_workers.set(others | set(self.cleaned_data["care_workers"]))


class OnboardingForm(TraineeForm):
    stage = forms.ChoiceField(
        label=_("Programme stage"),
        choices=[
            (Stage.APPLICANT, Stage.APPLICANT.label),
            (Stage.DIAGNOSIS, Stage.DIAGNOSIS.label),
        ],
        help_text=_("Later stages are reached on the trainee's page, when their rules are met."),
    )
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        required=False,
        help_text=_("Leave empty to make one from the name."),
    )
    not_a_duplicate = forms.BooleanField(
        label=_("This is a different person from the possible duplicates shown above."),
        required=False,
    )

    class Meta(TraineeForm.Meta):
        fields = [*TraineeForm.Meta.fields, "applied_on"]
        widgets = {**TraineeForm.Meta.widgets, "applied_on": DAY_INPUT}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pin_form = SetPinForm(None, self.data or None, prefix="pin")
        self.fields["applied_on"].initial = timezone.localdate()
        self.duplicates: list[Trainee] = []

    def clean_username(self) -> str:
        username = (self.cleaned_data.get("username") or "").strip().lower()
        if username and login_name_in_use(username):
            raise forms.ValidationError(_("This username is already taken."))
        if username and not re.fullmatch(r"[a-z0-9.@+_-]+", username):
            raise forms.ValidationError(
                _("Use only letters without accents, digits and . @ + - _ in a username.")
            )
        return username

    def is_valid(self) -> bool:
        valid = super().is_valid()
        return self.pin_form.is_valid() and valid

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        self.duplicates = possible_duplicates(
            cleaned.get("first_name", ""),
            cleaned.get("last_name", ""),
            cleaned.get("date_of_birth"),
            cleaned.get("national_id", ""),
        )
        if self.duplicates and not cleaned.get("not_a_duplicate"):
            self.add_error(
                "not_a_duplicate",
                _("Check the possible duplicates first: tick the box if this is someone else."),
            )
        return cleaned

    @property
    def pin(self) -> str:
        return str(self.pin_form.cleaned_data["new_password1"])
