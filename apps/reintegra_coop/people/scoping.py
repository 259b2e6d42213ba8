"""Which trainees and workshops a login may see (DESIGN.md, "Who uses it"): offered to
core's ``scope`` at start-up, and used by the pages that list trainees or workshops.

- a manager and an accountant see every trainee and workshop;
- an instructor the trainees of their own workshops;
- a care worker their own caseload (and those trainees' workshops);
- a trainee only themself (and their workshops);
- a login without a role nothing."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from reintegra_coop.core.roles import Role, role_of

from .models import Trainee, Workshop
from .querysets import TraineeQuerySet


def visible_trainees(user: Any) -> TraineeQuerySet:
    role = role_of(user)
    trainees = Trainee.objects.current()
    if role in (Role.MANAGER, Role.ACCOUNTANT):
        return trainees
    if role == Role.INSTRUCTOR:
        return trainees.filter(workshops__instructors__user=user).distinct()
    if role == Role.CARE_WORKER:
        return trainees.filter(care_workers__user=user).distinct()
    if role == Role.TRAINEE:
        return trainees.filter(user=user)
    return trainees.none()


def visible_workshops(user: Any) -> QuerySet[Any]:
    role = role_of(user)
    workshops = Workshop.objects.all()
    if role in (Role.MANAGER, Role.ACCOUNTANT):
        return workshops
    if role == Role.INSTRUCTOR:
        return workshops.filter(instructors__user=user).distinct()
    if role == Role.CARE_WORKER:
        return workshops.filter(trainees__care_workers__user=user).distinct()
    if role == Role.TRAINEE:
        return workshops.filter(trainees__user=user).distinct()
    return workshops.none()
