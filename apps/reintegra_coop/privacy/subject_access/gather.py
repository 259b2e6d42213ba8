"""Everything held about one trainee, area by area. Every model that names its trainee (its
``visibility.trainee`` path, the same one the row-level scoping uses) is read, so a record
added to an area later is in the export without a change here; the rows that reach a trainee
another way (their login, payslip lines, notices) are listed below by hand.

Care records (plans, constraints, diagnoses, pauses, milestones, notes: every model of the care
area) are read only for a care lead, and that read is logged like any clinical read."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Model
from django.utils.translation import gettext

from reintegra_coop.care.models import ClinicalRead, ClinicalRecord, TherapyPlan
from reintegra_coop.core.models import Notification
from reintegra_coop.pay.models import PayslipLine
from reintegra_coop.people.models import Trainee
from reintegra_coop.portal.models import LoginCode

from ..models import DisclosureLog, LegalHold
from .records import Section, section

#: fields never exported: secrets, not data about the person
SECRETS = {"password", "code"}
CARE_AREA = "care"
AREA_ORDER = ["people", "work", "pay", "housing", "care", "portal", "core", "privacy"]


def _about_trainees(with_care: bool) -> list[tuple[type[Model], str]]:
    """(model, path to the trainee) of every model that names its trainee."""
    found = []
    for model in apps.get_models():
        visibility = getattr(model, "visibility", None)
        path = getattr(visibility, "trainee", None)
        if path is None or model is Trainee:
            continue
        if model._meta.app_label == CARE_AREA and not with_care:
            continue
        found.append((model, path))
    return found


def everything_about(trainee: Trainee, with_care: bool, with_holds: bool) -> list[Section]:
    """Every record about the trainee; care records only ``with_care`` (a care lead's export),
    legal holds only ``with_holds`` (a manager's: nobody else sees them)."""
    parts = [_person(trainee)]
    for model, path in _about_trainees(with_care):
        rows = model._default_manager.filter(**{path: trainee}).order_by("pk")
        parts.append(section(model, rows))
    parts.append(
        section(PayslipLine, PayslipLine.objects.filter(payslip__trainee=trainee).order_by("pk"))
    )
    if trainee.user_id is not None:
        parts += _login(trainee.user_id)
    parts.append(
        section(DisclosureLog, DisclosureLog.objects.filter(trainee=trainee).order_by("pk"))
    )
    if with_holds:
        holds = LegalHold.objects.filter(trainee=trainee).order_by("pk")
        parts.append(section(LegalHold, holds))
    return sorted(parts, key=_area_order)


def _area_order(part: Section) -> int:
    area = part.key.split(".")[0]
    return AREA_ORDER.index(area) if area in AREA_ORDER else len(AREA_ORDER)


def _person(trainee: Trainee) -> Section:
    part = section(Trainee, [trainee], title=gettext("Personal details"))
    part.rows[0]["workshops"] = [workshop.name for workshop in trainee.workshops.all()]
    part.labels["workshops"] = gettext("Workshops")
    return part


def _login(user_id: int) -> list[Section]:
    users = get_user_model().objects.filter(pk=user_id)
    login = section(get_user_model(), users, exclude=SECRETS, title=gettext("Login"))
    login.key = "people.login"
    return [
        login,
        section(LoginCode, LoginCode.objects.filter(user_id=user_id).order_by("pk"), SECRETS),
        section(Notification, Notification.objects.filter(recipient_id=user_id).order_by("pk")),
    ]


def log_care_reads(trainee: Trainee, reader: Any) -> None:
    """A care lead's export reads every clinical record of the trainee: logged as each read."""
    plan = TherapyPlan.objects.filter(trainee=trainee).first()
    ClinicalRead.objects.bulk_create(
        ClinicalRead(
            reader=reader,
            trainee=trainee,
            record=record,
            plan=plan if record == ClinicalRecord.THERAPY_PLAN else None,
        )
        for record in ClinicalRecord.values
    )
