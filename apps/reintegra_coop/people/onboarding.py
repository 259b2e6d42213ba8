"""Taking on a new trainee: the trainee, their portal login, workshops and care workers in one
step, with what the other areas add offered as *parts* (a pay scheme, a tenancy), so people never
imports pay or housing.

A part is a form the onboarding page shows under its own prefix and a function that saves it for
the new trainee. A part left empty is skipped; a part with an error stops the whole step, and
nothing is saved."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q

from .identity import normalised
from .models import StaffMember, Trainee

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


_parts: list[OnboardingPart] = []


def offer_onboarding_part(part: OnboardingPart) -> None:
    if part.prefix not in {known.prefix for known in _parts}:
        _parts.append(part)
        _parts.sort(key=lambda known: known.order)


def onboarding_parts() -> list[OnboardingPart]:
    return list(_parts)


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
    base = base or "trainee"
    username, number = base, 1
    while User._default_manager.filter(username__iexact=username).exists():
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
    care_workers: Iterable[StaffMember],
    parts: Iterable[tuple[OnboardingPart, forms.BaseForm]],
    by: Any,
) -> Trainee:
    """Save ``trainee`` (unsaved, its many-to-many values already on the form) with a new login
    and the filled-in parts."""
    login = User(username=username, first_name=trainee.first_name, last_name=trainee.last_name)
    login.set_password(pin)
    login.save()
    trainee.user = login
    trainee.national_id = normalised(trainee.national_id)
    trainee.stage_since = trainee.applied_on
    trainee.stamp(by)
    trainee.save()
    for member in care_workers:
        member.caseload.add(trainee)
    for part, form in parts:
        part.save(form, trainee, by)
    return trainee
