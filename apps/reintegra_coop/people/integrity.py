"""Logins that break the role table, for `reintegra check-data`: a login both a trainee's and a
staff member's, or a trainee's login with back-office flags (made before the rules existed)."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Q

from reintegra_coop.core.integrity import Problem

from .models import Trainee


def trainee_logins_with_rights() -> Iterator[Problem]:
    wrong = Trainee.objects.filter(
        Q(user__is_staff=True) | Q(user__is_superuser=True) | Q(user__staff_member__isnull=False)
    ).values_list("pk", "user__username")
    for pk, username in wrong:
        yield Problem(
            "trainee_login_with_rights",
            f"people.Trainee {pk}",
            f"login {username!r} is also staff or has back-office rights",
        )
