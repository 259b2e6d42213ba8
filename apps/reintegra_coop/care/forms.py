"""The care worker's forms: therapy plan, work constraint with its unavailable times, diagnosis,
individual plan with goals, plan review, social contract, milestone targets and relapse pauses.
The forms validate and normalise; the rules (an end after its start, three positive diagnoses
before a plan, no overlapping pauses) are the models' own ``clean``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from reintegra_coop.core.dates import DAY_INPUT
from reintegra_coop.core.sites import site_setting
from reintegra_coop.people.models import Skill
from reintegra_coop.people.scoping import visible_trainees

from .models import (
    CommunityServiceOrder,
    Diagnosis,
    IndividualPlan,
    Milestone,
    ParticipationPause,
    PlanGoal,
    PlanReview,
    SocialContract,
    TherapyPlan,
    UnavailableBlock,
    WorkConstraint,
)

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
MINUTES = forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "step": 15})


class TherapyPlanForm(forms.ModelForm):
    class Meta:
        model = TherapyPlan
        fields = ["session_schedule", "goals", "clinical_notes"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields}


class WorkConstraintForm(forms.ModelForm):
    class Meta:
        model = WorkConstraint
        fields = [
            "max_minutes_per_day",
            "max_minutes_per_week",
            "earliest_start",
            "latest_end",
            "valid_from",
            "valid_until",
        ]
        widgets = {
            "max_minutes_per_day": MINUTES,
            "max_minutes_per_week": MINUTES,
            "earliest_start": TIME,
            "latest_end": TIME,
            "valid_from": DAY_INPUT,
            "valid_until": DAY_INPUT,
        }


class UnavailableBlockForm(forms.ModelForm):
    class Meta:
        model = UnavailableBlock
        fields = ["weekday", "start", "end", "reason", "valid_from", "valid_until"]
        widgets = {"start": TIME, "end": TIME, "valid_from": DAY_INPUT, "valid_until": DAY_INPUT}


BlockFormSet = inlineformset_factory(
    WorkConstraint, UnavailableBlock, form=UnavailableBlockForm, extra=1, can_delete=True
)


class DiagnosisForm(forms.ModelForm):
    class Meta:
        model = Diagnosis
        fields = ["assessed_on", "recommends", "summary"]
        widgets = {"assessed_on": DAY_INPUT, "summary": forms.Textarea(attrs={"rows": 5})}


class IndividualPlanForm(forms.ModelForm):
    class Meta:
        model = IndividualPlan
        fields = ["opened_on"]
        widgets = {"opened_on": DAY_INPUT}


class PlanGoalForm(forms.ModelForm):
    class Meta:
        model = PlanGoal
        fields = ["sphere", "text", "reached_on"]
        widgets = {"reached_on": DAY_INPUT}


GoalFormSet = inlineformset_factory(
    IndividualPlan, PlanGoal, form=PlanGoalForm, extra=3, can_delete=True
)


class PlanReviewForm(forms.ModelForm):
    class Meta:
        model = PlanReview
        fields = ["reviewed_on", "summary"]
        widgets = {"reviewed_on": DAY_INPUT, "summary": forms.Textarea(attrs={"rows": 5})}


class SocialContractForm(forms.ModelForm):
    class Meta:
        model = SocialContract
        fields = [
            "welfare_office",
            "trainee_obligations",
            "office_obligations",
            "cooperative_obligations",
            "rights",
            "signed_on",
            "ends_on",
        ]
        widgets = {
            "trainee_obligations": forms.Textarea(attrs={"rows": 3}),
            "office_obligations": forms.Textarea(attrs={"rows": 3}),
            "cooperative_obligations": forms.Textarea(attrs={"rows": 3}),
            "rights": forms.Textarea(attrs={"rows": 3}),
            "signed_on": DAY_INPUT,
            "ends_on": DAY_INPUT,
        }


class MilestoneForm(forms.ModelForm):
    """A milestone's target; its progress comes from the work record, never typed in."""

    class Meta:
        model = Milestone
        fields = ["kind", "title", "target", "skill", "weeks"]
        widgets = {"target": forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The skills of the trainee's own workshops (a skill belongs to one workshop).
        self.fields["skill"].queryset = Skill.objects.filter(  # type: ignore[attr-defined]
            workshop__in=self.instance.trainee.workshops.all()
        ).select_related("workshop")


class PauseForm(forms.ModelForm):
    """A relapse pause; its rules (no overlap, the stage) are ``ParticipationPause.clean``."""

    class Meta:
        model = ParticipationPause
        fields = ["starts_on", "ends_on", "reason"]
        widgets = {
            "starts_on": DAY_INPUT,
            "ends_on": DAY_INPUT,
            "reason": forms.Textarea(attrs={"rows": 3}),
        }


class ServiceOrderForm(forms.ModelForm):
    class Meta:
        model = CommunityServiceOrder
        fields = [
            "trainee",
            "court_reference",
            "total_hours",
            "monthly_minimum_hours",
            "monthly_maximum_hours",
            "start",
            "deadline",
        ]
        widgets = {"start": DAY_INPUT, "deadline": DAY_INPUT}
        help_texts = {
            "monthly_minimum_hours": _("Leave empty where the law sets no monthly limits."),
        }

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["trainee"].queryset = visible_trainees(user).by_name()  # type: ignore[attr-defined]
        # a total within a year, no months
        if not self.instance.pk and site_setting("COUNTRY") == "CZ":
            self.initial.update(monthly_minimum_hours=None, monthly_maximum_hours=None)
