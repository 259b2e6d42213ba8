"""What work asks of the areas above it, without importing them (README, "Layout").

- The limits on a trainee's working time — maximum minutes, earliest start, latest end, times
  they are unavailable — are care's to keep. Care offers a loader at start-up
  (``care/apps.py``).
- The production tasks a log may name are orders'. Orders offers a workshop's tasks (all, or
  only those of open orders) at start-up (``orders/apps.py``).

Asking before anything was offered is an error, never "no limits": a missed registration must
not let a shift be booked over a therapy session.

Work also tells the areas above it what happened, through signals defined here: ``logs_approved``
(care recomputes milestones).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet
from django.dispatch import Signal

from .rules import Limits

#: limits of one trainee on one day, from a loader given the trainees of a batch
LimitsOn = Callable[[int, datetime.date], Limits]
LimitsLoader = Callable[[set[int]], LimitsOn]
TasksOf = Callable[[Any, bool], QuerySet[Any]]

#: sent with ``trainee_ids`` (a set) once logs are approved, inside the approval's transaction
logs_approved = Signal()

_limits_loader: LimitsLoader | None = None
_tasks_of: TasksOf | None = None


def offer_limits(loader: LimitsLoader) -> None:
    global _limits_loader
    _limits_loader = loader


def offer_tasks(tasks_of: TasksOf) -> None:
    global _tasks_of
    _tasks_of = tasks_of


def limits_for(trainee_ids: Iterable[int]) -> LimitsOn:
    """The limits of these trainees, loaded in one go; ask it for a trainee and a day."""
    if _limits_loader is None:
        raise ImproperlyConfigured("No area offers work limits (care/apps.py offers them).")
    return _limits_loader(set(trainee_ids))


def production_tasks(workshop: Any, only_open: bool = True) -> QuerySet[Any]:
    """The production tasks of ``workshop``; ``only_open``: those work may be logged against
    today (of open orders)."""
    if _tasks_of is None:
        raise ImproperlyConfigured("No area offers production tasks (orders/apps.py offers them).")
    return _tasks_of(workshop, only_open)
