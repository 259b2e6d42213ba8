"""Clearing what was written about a trainee, kind of record by kind of record: each function
replaces the free text of the trainee's records dated before a day (and of their history) by a
placeholder, and says how many rows it changed. Amounts, dates and codes stay."""

from __future__ import annotations

import datetime

from django.db.models import Model, Q, QuerySet

from reintegra_coop.core.history import batches
from reintegra_coop.people.models import Trainee

PLACEHOLDER = "[pseudonymised]"


def clear_text(rows: QuerySet, fields: tuple[str, ...]) -> int:
    """Replace the non-empty ``fields`` of ``rows`` (and of their history) by the placeholder;
    the number of rows changed."""
    model: type[Model] = rows.model
    written = Q()
    for name in fields:
        written |= ~Q(**{name: ""}) & ~Q(**{name: PLACEHOLDER})
    ids = list(rows.filter(written).values_list("pk", flat=True))
    history = getattr(model, "history", None)
    for chunk in batches(ids):
        for name in fields:
            model._default_manager.filter(pk__in=chunk).exclude(**{name: ""}).update(
                **{name: PLACEHOLDER}
            )
            if history is not None:
                history.model.objects.filter(**{f"{model._meta.pk.attname}__in": chunk}).exclude(
                    **{name: ""}
                ).update(**{name: PLACEHOLDER})
    return len(ids)


def clear_work_logs(trainee: Trainee, before: datetime.date) -> int:
    from reintegra_coop.work.models import ShiftAssignment, WorkLog

    logs = WorkLog.objects.filter(trainee=trainee, date__lt=before)
    changed = clear_text(logs, ("note", "dispute_comment", "dispute_resolution", "override_reason"))
    assignments = ShiftAssignment.objects.filter(trainee=trainee, shift__date__lt=before)
    return changed + clear_text(assignments, ("override_reason",))


def clear_pay_records(trainee: Trainee, before: datetime.date) -> int:
    from reintegra_coop.pay.models import DebtRepaymentPlan, PieceWork

    pieces = PieceWork.objects.filter(trainee=trainee, date__lt=before)
    debts = DebtRepaymentPlan.objects.filter(trainee=trainee, start_month__lt=before)
    return clear_text(pieces, ("note",)) + clear_text(debts, ("creditor",))


def clear_rent_records(trainee: Trainee, before: datetime.date) -> int:
    """Tenancies, payments and statements are amounts and dates only: nothing to replace. They
    lose their name with the personal details."""
    return 0


def clear_care_notes(trainee: Trainee, before: datetime.date) -> int:
    from reintegra_coop.care import models as care

    own = {"trainee": trainee}
    by_plan = {"plan__trainee": trainee}
    return sum(
        clear_text(rows, fields)
        for rows, fields in (
            (
                care.TherapyPlan.objects.filter(**own),
                ("session_schedule", "goals", "clinical_notes"),
            ),
            (care.Diagnosis.objects.filter(**own), ("summary",)),
            (care.ParticipationPause.objects.filter(**own), ("reason",)),
            (care.UnavailableBlock.objects.filter(constraint__trainee=trainee), ("reason",)),
            (care.Milestone.objects.filter(**own), ("evidence",)),
            (care.CommunityServiceOrder.objects.filter(**own), ("court_reference",)),
            (care.PlanGoal.objects.filter(**by_plan), ("text",)),
            (care.PlanReview.objects.filter(**by_plan), ("summary",)),
            (
                care.SocialContract.objects.filter(**by_plan),
                ("trainee_obligations", "office_obligations", "cooperative_obligations", "rights"),
            ),
        )
    )
