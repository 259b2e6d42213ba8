from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.forms import BaseFormSet, formset_factory
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from reintegra_coop.core.dates import DayField

from .models import AttendanceCode, WorkType

TIME = forms.TimeInput(attrs={"type": "time", "step": 60}, format="%H:%M")


# A placement day paid by the employer is recorded on the placement's page, never here.
LOGGED_WORK_TYPES = [choice for choice in WorkType.choices if choice[0] != WorkType.EMPLOYER_PAID]


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
    work_type = forms.ChoiceField(label=_("Work type"), choices=LOGGED_WORK_TYPES)
    done_independently = forms.BooleanField(label=_("On their own"), required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)
    # The second part of a split day: read only while ``split`` is on (the row's "Add a
    # second part" button turns it on, in the browser or by a round-trip to the server).
    split = forms.BooleanField(required=False, widget=forms.HiddenInput)
    second_start = forms.TimeField(label=_("Start"), widget=TIME, required=False)
    second_end = forms.TimeField(label=_("End"), widget=TIME, required=False)
    second_attendance = forms.ChoiceField(
        label=_("Attendance"), choices=AttendanceCode.choices, required=False
    )
    second_task = forms.TypedChoiceField(
        label=_("Task"), coerce=int, required=False, empty_value=None
    )
    second_skill = forms.TypedChoiceField(
        label=_("Skill"), coerce=int, required=False, empty_value=None
    )
    second_work_type = forms.ChoiceField(
        label=_("Work type"), choices=LOGGED_WORK_TYPES, required=False
    )
    second_done_independently = forms.BooleanField(label=_("On their own"), required=False)

    def __init__(
        self, *args: Any, choices: dict[str, list[tuple[Any, str]]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for name in ("trainee", "task", "skill", "second_task", "second_skill"):
            offered = choices[name.removeprefix("second_")]
            self.fields[name].choices = [("", "—"), *offered]  # type: ignore[attr-defined]

    def has_second_part(self) -> bool:
        """Whether the second part is open (as sent, or as first shown)."""
        return bool(self.fields["split"].to_python(self["split"].value()))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("trainee"):
            return cleaned  # an empty "add a trainee" row: left out
        self._check_times(cleaned, "")
        if cleaned.get("split"):
            self._check_times(cleaned, "second_")
            for name in ("second_attendance", "second_work_type"):
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, self.fields[name].error_messages["required"])
        return cleaned

    def _check_times(self, cleaned: dict[str, Any], prefix: str) -> None:
        for name, message in (("start", _("Enter the start.")), ("end", _("Enter the end."))):
            if cleaned.get(prefix + name) is None and prefix + name not in self.errors:
                self.add_error(prefix + name, message)
        start, end = cleaned.get(prefix + "start"), cleaned.get(prefix + "end")
        if isinstance(start, datetime.time) and isinstance(end, datetime.time) and end <= start:
            self.add_error(prefix + "end", _("The end must be after the start."))


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


def with_part_toggled(sent: QueryDict) -> tuple[QueryDict, bool]:
    """The sheet as sent and whether to check and save it. A row's "Add a second part" or
    "Remove the second part" button (the way without JavaScript) opens or closes that row's
    part instead: nothing is checked or saved, the sheet comes back as typed."""
    for button, opened in (("add_part", "True"), ("drop_part", "False")):
        if button in sent:
            data = sent.copy()
            index = str(sent.get(button, ""))
            if index.isdigit() and f"rows-{index}-split" in sent:
                data[f"rows-{index}-split"] = opened
            return data, False
    return sent, True


class CrewSheetForm(forms.Form):
    token = forms.UUIDField(widget=forms.HiddenInput)
    override_reason = forms.CharField(
        label=_("Reason for going over an hour limit (managers)"), required=False, max_length=200
    )


class LogCorrectionForm(forms.Form):
    start = forms.TimeField(label=_("Start"), widget=TIME)
    end = forms.TimeField(label=_("End"), widget=TIME)
    attendance = forms.ChoiceField(label=_("Attendance"), choices=AttendanceCode.choices)
    work_type = forms.ChoiceField(label=_("Work type"), choices=LOGGED_WORK_TYPES)
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
