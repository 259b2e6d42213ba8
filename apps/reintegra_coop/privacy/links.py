"""The data-protection page on a trainee's page (people/facts.py offers the place)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext

from reintegra_coop.core.roles import Role, role_of
from reintegra_coop.people.facts import TraineeLink


def data_protection_links(trainee: Any, user: Any) -> list[TraineeLink]:
    if role_of(user) not in (Role.MANAGER, Role.CARE_WORKER):
        return []
    url = reverse("privacy:trainee", args=[trainee.pk])
    return [TraineeLink(gettext("Data protection: export, consents"), url)]
