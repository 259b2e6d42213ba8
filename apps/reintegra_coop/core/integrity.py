"""Rows that break the rules the database and the models keep, for `reintegra check-data`.

A site made before a rule existed can hold rows that break it. Each area registers a check
(a function yielding Problems) in its AppConfig.ready; every CheckConstraint of every model is
checked here too, so a new constraint is covered the day it is added.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.apps import apps
from django.db.models import CheckConstraint


@dataclass(frozen=True)
class Problem:
    rule: str  # a short name, e.g. "overlapping_logs"
    record: str  # which row: "work.WorkLog 1234"
    detail: str  # in words


Check = Callable[[], Iterable[Problem]]
_CHECKS: list[Check] = []


def register(check: Check) -> Check:
    if check not in _CHECKS:
        _CHECKS.append(check)
    return check


def constraint_problems() -> Iterator[Problem]:
    """Rows of our models that break one of their CheckConstraints."""
    for model in apps.get_models():
        if not model.__module__.startswith("reintegra_coop."):
            continue
        for constraint in model._meta.constraints:
            if not isinstance(constraint, CheckConstraint):
                continue
            for pk in model._default_manager.exclude(constraint.condition).values_list(
                "pk", flat=True
            ):
                yield Problem(constraint.name, f"{model._meta.label} {pk}", str(constraint))


def all_problems() -> list[Problem]:
    found = list(constraint_problems())
    for check in _CHECKS:
        found.extend(check())
    return found
