"""Row-level scoping: which rows a person may see. Every list in every area goes through
``scope(queryset, user)``, on the server, so nobody sees a row by guessing a URL.

The rules (DESIGN.md, "Who uses it"):
- a manager sees every trainee; an accountant too, but never care data;
- an instructor sees the trainees of their own workshops;
- a care worker sees their own caseload, and is the only one who sees its care data;
- a trainee sees only themself;
- a login without a role (an outsider) sees nothing.

A model says how it is scoped with a ``visibility = Visibility(...)`` class attribute.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, Q, QuerySet

from .roles import Role, role_of

QS = TypeVar("QS", bound=QuerySet[Any])


@dataclass(frozen=True)
class Visibility:
    #: path from the row to the Trainee it is about ("" when the row is the Trainee)
    trainee: str | None = None
    #: path from the row to its Workshop ("" when the row is the Workshop)
    workshop: str | None = None
    #: clinical or care data: only the trainee's own care workers see it
    care_data: bool = False
    #: path from the row to a user who may always see it (their own staff record)
    own_user: str | None = None
    #: staff records and the like: managers see all, others only their own (own_user)
    managers_only: bool = False
    #: the only roles that see any row (None: every role, within the rules above)
    roles: tuple[Role, ...] | None = None
    #: for instructors, the row's own workshop decides (a trainee may work in two workshops;
    #: each instructor sees only the entries of their own)
    instructor_workshop: str | None = None


def _prefix(path: str) -> str:
    return f"{path}__" if path else ""


#: Which trainees and which workshops a login may see is the people area's rule
#: (people/scoping.py), offered at start-up (people/apps.py); core applies it to every row.
Audience = Callable[[Any], QuerySet[Any]]
_audiences: dict[str, Audience] = {}


def offer_audiences(trainees: Audience, workshops: Audience) -> None:
    _audiences.update(trainees=trainees, workshops=workshops)


def _audience(kind: str, user: Any) -> QuerySet[Any]:
    try:
        return _audiences[kind](user)
    except KeyError:
        raise ImproperlyConfigured("No area offers who sees whom (people/apps.py does).") from None


def scope(queryset: QS, user: Any) -> QS:
    """The rows of ``queryset`` that ``user`` may see."""
    visibility: Visibility = getattr(queryset.model, "visibility", Visibility(managers_only=True))
    role = role_of(user)
    if role is None or (visibility.roles is not None and role not in visibility.roles):
        return queryset.none()
    own = Q(**{visibility.own_user: user}) if visibility.own_user is not None else Q(pk__in=[])
    if visibility.care_data:
        if role != Role.CARE_WORKER or visibility.trainee is None:
            return queryset.none()
        return queryset.filter(**{f"{_prefix(visibility.trainee)}care_workers__user": user})
    if visibility.trainee == "":  # the trainee records: exactly whom the person sees (for a
        return _within(queryset, "", _audience("trainees", user))  # manager too: not withdrawn)
    if role == Role.MANAGER:
        return queryset
    if visibility.managers_only:
        return queryset.filter(own)
    if role == Role.ACCOUNTANT:
        return queryset
    if role == Role.INSTRUCTOR and visibility.instructor_workshop is not None:
        return _within(queryset, visibility.instructor_workshop, _audience("workshops", user))
    if visibility.trainee is not None:
        return _within(queryset, visibility.trainee, _audience("trainees", user))
    if visibility.workshop is not None:
        return _within(queryset, visibility.workshop, _audience("workshops", user))
    if role == Role.TRAINEE:
        return queryset.filter(own)
    return queryset


def _within(queryset: QS, path: str, allowed: QuerySet[Any]) -> QS:
    # An id subquery, not a join: keeps one query and avoids duplicate rows.
    condition = {f"{path or 'pk'}__in": allowed.values("pk")}
    if not _many_valued(queryset.model, path):
        return queryset.filter(**condition)
    # Through a one-to-many path (an order's tasks) a join would repeat the row once per match.
    matching = queryset.model._default_manager.filter(**condition).values("pk")
    return queryset.filter(pk__in=matching)


def _many_valued(model: Any, path: str) -> bool:
    for part in path.split("__") if path else []:
        field = model._meta.get_field(part)
        if field.many_to_many or field.one_to_many:
            return True
        model = field.related_model
    return False


def can_see(user: Any, obj: Model) -> bool:
    """Whether ``user`` may see this one row (for detail pages)."""
    return scope(type(obj)._default_manager.filter(pk=obj.pk), user).exists()


def can_see_care_data(user: Any, trainee: Model) -> bool:
    """Only the trainee's own care workers read care data; managers and accountants never do."""
    if role_of(user) != Role.CARE_WORKER:
        return False
    return trainee.care_workers.filter(user=user).exists()  # type: ignore[attr-defined]
