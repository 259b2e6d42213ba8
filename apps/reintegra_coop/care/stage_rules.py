"""What the care area requires of a programme stage (DESIGN.md, "The programme"): the trial and
participation start only after a positive diagnosis by each of the three specialists — a
psychologist, a social worker and a vocational counsellor. Offered to people's
``offer_stage_requirement``; the sentence names what is missing, never the content."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from reintegra_coop.people.models import Stage

from .plans import Diagnosis, DiagnosisRole

NEEDS_DIAGNOSES = (Stage.TRIAL, Stage.PARTICIPANT)


def diagnoses_complete(trainee: Any, stage: str) -> str | None:
    if stage not in NEEDS_DIAGNOSES:
        return None
    positive = set(
        Diagnosis.objects.filter(trainee_id=trainee.pk, recommends=True).values_list(
            "by_role", flat=True
        )
    )
    missing = [role.label for role in DiagnosisRole if role.value not in positive]
    if not missing:
        return None
    return gettext(
        "%(stage)s needs a positive diagnosis by each of the three specialists; missing: "
        "%(missing)s."
    ) % {"stage": Stage(stage).label, "missing": ", ".join(str(label) for label in missing)}
