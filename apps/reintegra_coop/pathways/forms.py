"""The pathway forms: partners with contacts and agreements, referrals and their answers, job
openings with the skills they ask for, placements, their days, the employer's sheet and
feedback. Forms validate and normalise; the rules are the models' and the workflows' own."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from reintegra_coop.core.dates import DAY_INPUT, DayField
from reintegra_coop.core.roles import Role
from reintegra_coop.people.models import ExitReason, Skill, StaffMember, WorkshopKind, add_months
from reintegra_coop.people.scoping import visible_trainees
from reintegra_coop.work.models import AttendanceCode

from .models import (
    PLACEMENT_MONTHS,
    Agreement,
    Contact,
    DayJob,
    Exit,
    FundingProject,
    HousingStatus,
    Opening,
    OpeningSkill,
    OpeningStatus,
    Organisation,
    OrganisationKind,
    ParticipantProfile,
    Placement,
    PlacementFeedback,
    Referral,
    ReferralAnswer,
    WorkStatus,
)
from .placements import IN_PROGRAMME

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind", "employer_tie", "address", "phone", "email", "note", "active"]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 2}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "position", "phone", "email"]


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = ["title", "starts_on", "ends_on", "terms"]
        widgets = {
            "starts_on": DAY_INPUT,
            "ends_on": DAY_INPUT,
            "terms": forms.Textarea(attrs={"rows": 3}),
        }


def employers() -> Any:
    return Organisation.objects.filter(kind=OrganisationKind.EMPLOYER, active=True)


class OpeningForm(forms.ModelForm):
    class Meta:
        model = Opening
        fields = [
            "employer",
            "title",
            "place",
            "hours_per_week",
            "positions",
            "starts_on",
            "ends_on",
            "min_attendance_percent",
            "attendance_weeks",
            "min_punctuality_streak",
            "milestone_title",
            "description",
            "status",
        ]
        widgets = {
            "starts_on": DAY_INPUT,
            "ends_on": DAY_INPUT,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = employers()  # type: ignore[attr-defined]


class OpeningSkillForm(forms.ModelForm):
    class Meta:
        model = OpeningSkill
        fields = ["skill", "hours"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        skills = Skill.objects.exclude(workshop__kind=WorkshopKind.PLACEMENT)
        self.fields["skill"].queryset = skills.select_related("workshop").order_by(  # type: ignore[attr-defined]
            "workshop__name", "name"
        )
        self.fields["skill"].label_from_instance = lambda s: f"{s.workshop.name}: {s.name}"  # type: ignore[attr-defined]


OpeningSkillFormSet = inlineformset_factory(
    Opening, OpeningSkill, form=OpeningSkillForm, extra=2, max_num=10, can_delete=True
)


class ReferralForm(forms.ModelForm):
    class Meta:
        model = Referral
        fields = [
            "trainee",
            "direction",
            "organisation",
            "opening",
            "referred_on",
            "referred_by",
            "reason",
        ]
        widgets = {"referred_on": DAY_INPUT, "reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["trainee"].queryset = visible_trainees(user).by_name()  # type: ignore[attr-defined]
        self.fields["organisation"].queryset = Organisation.objects.filter(active=True)  # type: ignore[attr-defined]
        self.fields["opening"].queryset = Opening.objects.filter(  # type: ignore[attr-defined]
            status=OpeningStatus.OPEN
        ).select_related("employer")
        self.fields["organisation"].required = False
        self.fields["organisation"].help_text = _("Not needed when a job opening is chosen.")
        if not self.initial.get("referred_on"):
            self.initial["referred_on"] = timezone.localdate()
        if not self.initial.get("referred_by"):
            self.initial["referred_by"] = user.get_full_name() or user.get_username()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opening = data.get("opening")
        if opening is not None:
            data["organisation"] = opening.employer
            self.instance.organisation = opening.employer
        elif not data.get("organisation") and "organisation" not in self.errors:
            self.add_error("organisation", _("Choose the partner organisation or a job opening."))
        return data


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=capfirst(_("answer")),
        choices=[(c.value, c.label) for c in ReferralAnswer if c != ReferralAnswer.PENDING],
    )
    answered_on = DayField(
        label=capfirst(_("answered on")), widget=DAY_INPUT, initial=timezone.localdate
    )
    answer_note = forms.CharField(
        label=capfirst(_("about the answer")),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class PlacementForm(forms.ModelForm):
    class Meta:
        model = Placement
        fields = [
            "trainee",
            "employer",
            "opening",
            "job_coach",
            "starts_on",
            "planned_end_on",
            "hours_per_week",
            "days_to_complete",
            "pay_terms",
            "subsidy_per_month",
        ]
        widgets = {"starts_on": DAY_INPUT, "planned_end_on": DAY_INPUT}

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["trainee"].queryset = (  # type: ignore[attr-defined]
            visible_trainees(user).filter(stage__in=IN_PROGRAMME).by_name()
        )
        self.fields["employer"].queryset = employers()  # type: ignore[attr-defined]
        self.fields["opening"].queryset = Opening.objects.filter(  # type: ignore[attr-defined]
            status=OpeningStatus.OPEN
        ).select_related("employer")
        self.fields["job_coach"].queryset = StaffMember.objects.filter(  # type: ignore[attr-defined]
            user__is_active=True,
            active=True,
            role__in=[Role.MANAGER, Role.CARE_WORKER, Role.INSTRUCTOR],
        ).select_related("user")
        self.fields["job_coach"].label_from_instance = lambda s: (  # type: ignore[attr-defined]
            s.user.get_full_name() or s.user.get_username()
        )
        today = timezone.localdate()
        self.initial.setdefault("starts_on", today)
        self.initial.setdefault(
            "planned_end_on", add_months(today, PLACEMENT_MONTHS) - datetime.timedelta(1)
        )
        self.initial.setdefault("days_to_complete", 100)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opening, employer = data.get("opening"), data.get("employer")
        if opening is not None and employer is not None and opening.employer_id != employer.pk:
            self.add_error("opening", _("The job opening is at another employer."))
        return data


class PlacementDayForm(forms.Form):
    date = DayField(label=capfirst(_("date")), widget=DAY_INPUT, initial=timezone.localdate)
    start = forms.TimeField(label=capfirst(_("start")), widget=TIME, initial=datetime.time(8))
    end = forms.TimeField(label=capfirst(_("end")), widget=TIME, initial=datetime.time(14))
    attendance = forms.ChoiceField(label=capfirst(_("attendance")), choices=AttendanceCode.choices)
    note = forms.CharField(label=capfirst(_("note")), required=False, max_length=500)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("The end must be after the start."))
        return data


MAX_SHEET_BYTES = 200_000


class SheetForm(forms.Form):
    sheet = forms.FileField(
        label=capfirst(_("the employer's sheet (CSV)")),
        help_text=_(
            "One row a day: date (YYYY-MM-DD); start; end (HH:MM); attendance code (optional)."
        ),
    )

    def clean_sheet(self) -> str:
        upload = self.cleaned_data["sheet"]
        if upload.size > MAX_SHEET_BYTES:
            raise forms.ValidationError(_("The sheet is too large (at most 200 kB)."))
        try:
            return str(upload.read().decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise forms.ValidationError(_("Save the sheet as CSV in UTF-8.")) from None


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = PlacementFeedback
        fields = ["point", "given_on", "given_by", "punctuality", "quality", "teamwork", "note"]
        widgets = {"given_on": DAY_INPUT, "note": forms.Textarea(attrs={"rows": 3})}

    def clean_point(self) -> str:
        point = str(self.cleaned_data["point"])
        given = PlacementFeedback.objects.filter(placement_id=self.instance.placement_id)
        if given.filter(point=point).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("The employer's feedback at this point is recorded."))
        return point


class EndForm(forms.Form):
    ended_on = DayField(label=capfirst(_("ended on")), widget=DAY_INPUT, initial=timezone.localdate)
    completed = forms.TypedChoiceField(
        label=capfirst(_("how it ended")),
        choices=[("1", _("Completed")), ("0", _("Ended early"))],
        coerce=lambda value: value == "1",
    )
    end_note = forms.CharField(
        label=capfirst(_("note")), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class DestinationForm(forms.ModelForm):
    """Where the trainee went: the employer (a partner, or named), the contract, work and
    housing at exit."""

    class Meta:
        model = Exit
        fields = ["employer", "employer_name", "contract", "work_status", "housing", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = employers()  # type: ignore[attr-defined]


class ExitForm(DestinationForm):
    exited_on = DayField(
        label=capfirst(_("exited on")), widget=DAY_INPUT, initial=timezone.localdate
    )
    reason = forms.ChoiceField(label=capfirst(_("exit reason")), choices=ExitReason.choices)

    field_order = ["exited_on", "reason"]

    def clean_exited_on(self) -> datetime.date:
        day: datetime.date = self.cleaned_data["exited_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("An exit is recorded on the day, not ahead."))
        return day


class FollowUpForm(forms.Form):
    contacted_on = DayField(
        label=capfirst(_("contacted on")), widget=DAY_INPUT, initial=timezone.localdate
    )
    reached = forms.TypedChoiceField(
        label=capfirst(_("reached")),
        choices=[("1", _("Yes")), ("0", _("No, could not be reached"))],
        coerce=lambda value: value == "1",
    )
    work_status = forms.ChoiceField(label=capfirst(_("work then")), choices=WorkStatus.choices)
    housing = forms.ChoiceField(label=capfirst(_("housing then")), choices=HousingStatus.choices)
    note = forms.CharField(
        label=capfirst(_("note")), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class FundingProjectForm(forms.ModelForm):
    class Meta:
        model = FundingProject
        fields = ["name", "funder", "reference", "starts_on", "ends_on", "participants"]
        widgets = {
            "starts_on": DAY_INPUT,
            "ends_on": DAY_INPUT,
            "participants": forms.CheckboxSelectMultiple,
        }

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = visible_trainees(user).by_name()  # type: ignore[attr-defined]


class ParticipantProfileForm(forms.ModelForm):
    class Meta:
        model = ParticipantProfile
        fields = ["consent_on", "sex", "long_term_unemployed", "homeless", "disability"]
        widgets = {
            "consent_on": DAY_INPUT,
            **{
                name: forms.Select(
                    choices=[("", _("not recorded")), ("true", _("yes")), ("false", _("no"))]
                )
                for name in ("long_term_unemployed", "homeless", "disability")
            },
        }


class DayJobForm(forms.ModelForm):
    class Meta:
        model = DayJob
        fields = ["task", "place", "start", "end", "pay", "places"]
        widgets = {"start": TIME, "end": TIME}


class SignUpForm(forms.Form):
    """A person signs up on the day: by their card, or by name (day_work.sign_up_by finds
    them, or adds a new day worker)."""

    card_number = forms.CharField(label=capfirst(_("card number")), required=False, max_length=20)
    first_name = forms.CharField(label=capfirst(_("first name")), required=False, max_length=100)
    last_name = forms.CharField(label=capfirst(_("last name")), required=False, max_length=100)


class PutInForm(forms.Form):
    amount = forms.DecimalField(
        label=capfirst(_("amount")), max_digits=12, decimal_places=2, min_value=Decimal("0.01")
    )
    note = forms.CharField(label=capfirst(_("note")), required=False, max_length=200)


class ClosingForm(forms.Form):
    """The notes and coins counted at the day's end, one field a denomination."""

    note = forms.CharField(
        label=capfirst(_("about the difference")), required=False, max_length=200
    )

    def __init__(self, values: tuple[str, ...], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.values = values
        for value in values:
            self.fields[f"n_{value}"] = forms.IntegerField(
                label=value, min_value=0, max_value=100000, initial=0, required=False
            )
        self.order_fields([f"n_{value}" for value in values] + ["note"])

    def counts(self) -> dict[str, int]:
        return {value: self.cleaned_data.get(f"n_{value}") or 0 for value in self.values}
