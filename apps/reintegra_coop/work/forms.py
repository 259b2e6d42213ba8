from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.forms import BaseFormSet, formset_factory
from django.utils.translation import gettext_lazy as _

from reintegra_coop.core.dates import DayField

from .models import AttendanceCode, WorkType

TIME = forms.TimeInput(attrs={"type": "time", "step": 60}, format="%H:%M")


class CrewRowForm(forms.Form):
    """One trainee's row. Choices are handed in as plain lists, so checking 15 rows asks the
    database nothing more."""

    trainee = forms.TypedChoiceField(label=_("Trainee"), coerce=int, required=False)
    shift = forms.IntegerField(required=False, widget=forms.HiddenInput)
    start = forms.TimeField(label=_("Start"), widget=TIME, required=False)
    end = forms.TimeField(label=_("End"), widget=TIME, required=False)
    attendance = forms.ChoiceField(label=_("Attendance"), choices=AttendanceCode.choices)
    task = forms.TypedChoiceField(label=_("Task"), coerce=int, required=False, empty_value=None)
    skill = forms.TypedChoiceField(label=_("Skill"), coerce=int, required=False, empty_value=None)
    work_type = forms.ChoiceField(label=_("Work type"), choices=WorkType.choices)
    done_independently = forms.BooleanField(label=_("On their own"), required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    def __init__(
        self, *args: Any, choices: dict[str, list[tuple[Any, str]]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["trainee"].choices = [("", "—"), *choices["trainee"]]  # type: ignore[attr-defined]
        self.fields["task"].choices = [("", "—"), *choices["task"]]  # type: ignore[attr-defined]
        self.fields["skill"].choices = [("", "—"), *choices["skill"]]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("trainee"):
            return cleaned  # an empty "add a trainee" row: left out
        for name, message in (("start", _("Enter the start.")), ("end", _("Enter the end."))):
            if cleaned.get(name) is None and name not in self.errors:
                self.add_error(name, message)
        start, end = cleaned.get("start"), cleaned.get("end")
        if isinstance(start, datetime.time) and isinstance(end, datetime.time) and end <= start:
            self.add_error("end", _("The end must be after the start."))
        return cleaned


class BaseCrewFormSet(BaseFormSet):
    def clean(self) -> None:
        seen: set[int] = set()
        for form in self.forms:
            trainee = form.cleaned_data.get("trainee") if form.is_valid() else None
            if trainee and trainee in seen:
                form.add_error("trainee", _("This trainee is on the sheet twice."))
            if trainee:
                seen.add(trainee)


CrewFormSet = formset_factory(CrewRowForm, formset=BaseCrewFormSet, extra=0)


class CrewSheetForm(forms.Form):
    token = forms.UUIDField(widget=forms.HiddenInput)
    override_reason = forms.CharField(
        label=_("Reason for going over an hour limit (managers)"), required=False, max_length=200
    )


class LogCorrectionForm(forms.Form):
    start = forms.TimeField(label=_("Start"), widget=TIME)
    end = forms.TimeField(label=_("End"), widget=TIME)
    attendance = forms.ChoiceField(label=_("Attendance"), choices=AttendanceCode.choices)
    work_type = forms.ChoiceField(label=_("Work type"), choices=WorkType.choices)
    done_independently = forms.BooleanField(label=_("On their own"), required=False)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    override_reason = forms.CharField(
        label=_("Reason for going over an hour limit (managers)"), required=False, max_length=200
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end <= start:
            self.add_error("end", _("The end must be after the start."))
        return cleaned


class ApprovalFilterForm(forms.Form):
    workshop = forms.TypedChoiceField(
        label=_("Workshop"), coerce=int, required=False, empty_value=None
    )
    first_day = DayField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    last_day = DayField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, workshops: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["workshop"].choices = [("", "—"), *workshops]  # type: ignore[attr-defined]
