"""Taking on a new trainee: the trainee, their portal login, workshops and care workers in one
step, with what the other areas add offered as *parts* (a pay scheme, a tenancy), so people never
imports pay or housing.

A part is a form the onboarding page shows under its own prefix and a function that saves it for
the new trainee. A part left empty is skipped; a part with an error stops the whole step, and
nothing is saved."""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from .identity import normalised
from .logins import login_name_in_use
from .models import Stage, Trainee

User = get_user_model()


@dataclass(frozen=True)
class OnboardingPart:
    """``form(data, prefix=...)``; ``started(form)``: did the manager fill it in at all;
    ``save(form, trainee, by)`` runs inside the onboarding's transaction."""

    prefix: str
    title: Any  # a lazy translated string
    form: Callable[..., forms.BaseForm]
    started: Callable[[forms.BaseForm], bool]
    save: Callable[[forms.BaseForm, Trainee, Any], None]
    order: int = 50
    # What the trainee already has of this part, one line each (shown on the edit page).
    current: Callable[[Trainee], list[str]] = lambda trainee: []


class PartRefusedError(Exception):
    """A part's rules refused it when saved for the trainee; its form carries the message."""


_parts: list[OnboardingPart] = []


def offer_onboarding_part(part: OnboardingPart) -> None:
    if part.prefix not in {known.prefix for known in _parts}:
        _parts.append(part)
        _parts.sort(key=lambda known: known.order)


def end_open_before(records: Any, start: str, end: str, new_start: datetime.date, by: Any) -> None:
    """A new dated record (a pay scheme, a tenancy) starting on ``new_start`` replaces the
    open-ended one (``end`` empty) that began before it: that one ends the day before."""
    day_before = new_start - datetime.timedelta(days=1)
    for current in records.filter(**{f"{end}__isnull": True, f"{start}__lte": day_before}):
        setattr(current, end, day_before)
        current.stamp(by)
        current.save()


def suggest_card_number() -> str:
    """The next free number after the highest card of the usual form (``C-1024``)."""
    numbers = [
        int(match.group(1))
        for card in Trainee.objects.filter(card_number__regex=r"^C-[0-9]+$").values_list(
            "card_number", flat=True
        )
        if card and (match := re.match(r"^C-(\d+)$", card))
    ]
    number = max(numbers, default=1000) + 1
    while Trainee.objects.filter(card_number__iexact=f"C-{number}").exists():
        number += 1
    return f"C-{number}"


def suggest_username(first_name: str, last_name: str) -> str:
    """``anna.kowalska``, in plain letters, with a number if it is taken."""
    plain = unicodedata.normalize("NFKD", f"{first_name}.{last_name}".lower())
    plain = plain.replace("ł", "l").replace("đ", "d")
    base = re.sub(r"[^a-z0-9.]", "", plain.encode("ascii", "ignore").decode()).strip(".")
    base = (base or "trainee")[:140]
    username, number = base, 1
    while login_name_in_use(username):
        number += 1
        username = f"{base}{number}"
    return username


def possible_duplicates(
    first_name: str, last_name: str, date_of_birth: Any, national_id: str
) -> list[Trainee]:
    """Current trainees who may be the same person: the same national id, or the same name and
    date of birth."""
    same_person = Q(pk__in=[])
    if national_id:
        same_person |= Q(national_id=normalised(national_id))
    if date_of_birth:
        same_person |= Q(
            first_name__iexact=first_name.strip(),
            last_name__iexact=last_name.strip(),
            date_of_birth=date_of_birth,
        )
    return list(Trainee.objects.current().filter(same_person).order_by("pk"))


@transaction.atomic
def take_on(
    trainee: Trainee,
    username: str,
    pin: str,
    form: Any,
    parts: Iterable[tuple[OnboardingPart, forms.BaseForm]],
    by: Any,
) -> Trainee:
    """Save ``trainee`` (from ``form``, a TraineeForm: workshops and care workers) with a new
    login and the filled-in parts."""
    login = User(username=username, first_name=trainee.first_name, last_name=trainee.last_name)
    login.set_password(pin)
    login.save()
    trainee.user = login
    trainee.stage, trainee.stage_since = Stage.APPLICANT, trainee.applied_on
    trainee.stamp(by)
    trainee.save()
    form.save_m2m()
    form.save_care_workers(trainee)
    if form.cleaned_data["stage"] == Stage.DIAGNOSIS:  # in the stage history, like any step
        trainee.move_to(Stage.DIAGNOSIS, trainee.applied_on, by=by)
    save_parts(parts, trainee, by)
    return trainee


@transaction.atomic
def update_record(
    form: Any, parts: Iterable[tuple[OnboardingPart, forms.BaseForm]], by: Any
) -> None:
    """Save the edited record (a bound, valid TraineeForm) and the parts filled in on it."""
    Trainee.objects.select_for_update().get(pk=form.instance.pk)  # one edit at a time
    trainee = form.save(commit=False)
    trainee.stamp(by)
    trainee.save()
    form.save_m2m()
    form.save_care_workers(trainee)
    save_parts(parts, trainee, by)


def save_parts(
    parts: Iterable[tuple[OnboardingPart, forms.BaseForm]], trainee: Trainee, by: Any
) -> None:
    """Save each filled-in part for ``trainee``; a rule that needs the trainee (an overlapping
    scheme, say) puts its message on the part's form and stops the caller's transaction."""
    for part, form in parts:
        try:
            part.save(form, trainee, by)
        except ValidationError as error:
            by_field: dict[str, list[str]] = (
                error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
            )
            for field, texts in by_field.items():
                form.add_error(field if field in form.fields else None, texts)
            raise PartRefusedError(part.prefix) from error


def part_forms(
    data: Any,
) -> tuple[
    list[tuple[OnboardingPart, forms.BaseForm]], list[tuple[OnboardingPart, forms.BaseForm]]
]:
    """Every part's form to show, and those of them the person filled in (bound to ``data``);
    a part left empty is shown empty, without errors."""
    shown, started = [], []
    for part in _parts:
        form = part.form(data, prefix=part.prefix) if data is not None else None
        if form is not None and part.started(form):
            started.append((part, form))
        else:
            form = part.form(prefix=part.prefix)
        shown.append((part, form))
    return shown, started
