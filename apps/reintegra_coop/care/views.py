"""Care pages: community-service orders, a care worker's caseload (who is drifting), the
trainee's work record and milestones, the therapy plan (every read logged) and the social
contract PDF."""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.db.models import Count, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra_coop.core.access import require_role
from reintegra_coop.core.disclosure import disclose
from reintegra_coop.core.pdf import pdf_response, render_pdf
from reintegra_coop.core.roles import Role
from reintegra_coop.core.scoping import can_see_care_data, scope
from reintegra_coop.people.scoping import visible_trainees
from reintegra_coop.work.models import AttendanceCode, WorkLog

from . import notices
from .milestones import ATTENDANCE_RATE, Target, progress
from .models import (
    ClinicalRead,
    CommunityServiceOrder,
    Diagnosis,
    IndividualPlan,
    Milestone,
    SocialContract,
    TherapyPlan,
)
from .plans import DiagnosisRole
from .progress import entries_for
from .service import order_progress

DRIFT_WEEKS = 4


@require_role(Role.MANAGER, Role.CARE_WORKER)
def service_orders(request: HttpRequest) -> HttpResponse:
    orders = list(scope(CommunityServiceOrder.objects.select_related("trainee"), request.user))
    return render(
        request, "care/service_orders.html", {"rows": order_progress(orders, timezone.localdate())}
    )


@require_role(Role.MANAGER, Role.CARE_WORKER)
def service_statement(request: HttpRequest, pk: int) -> HttpResponse:
    order = get_object_or_404(
        scope(CommunityServiceOrder.objects.select_related("trainee"), request.user), pk=pk
    )
    [(order, result)] = order_progress([order], timezone.localdate())
    pdf = render_pdf(
        "care/service_statement_pdf.html",
        {"order": order, "progress": result, "today": timezone.localdate()},
    )
    disclose(request.user, order.trainee_id, "community_service_statement", order.court_reference)
    return pdf_response(pdf, f"community-service-{order.pk}.pdf")


@require_role(Role.CARE_WORKER)
def caseload(request: HttpRequest) -> HttpResponse:
    """My trainees, and who is drifting: attendance falling, or no milestone progress."""
    today = timezone.localdate()
    trainees = list(visible_trainees(request.user).by_name())
    entries = entries_for([t.pk for t in trainees], today)
    recent = today - datetime.timedelta(weeks=DRIFT_WEEKS)
    moved = set(
        Milestone.objects.filter(trainee__in=trainees, achieved_on__gte=recent).values_list(
            "trainee_id", flat=True
        )
    )
    with_goals = set(
        Milestone.objects.filter(trainee__in=trainees).values_list("trainee_id", flat=True)
    )
    rows = []
    for trainee in trainees:
        now = progress(
            Target(ATTENDANCE_RATE, Decimal(100), weeks=DRIFT_WEEKS), entries[trainee.pk], today
        )
        before = progress(
            Target(ATTENDANCE_RATE, Decimal(100), weeks=DRIFT_WEEKS), entries[trainee.pk], recent
        )
        falling = bool(entries[trainee.pk]) and now.done < before.done - 10
        stalled = trainee.pk in with_goals and trainee.pk not in moved
        rows.append(
            {
                "trainee": trainee,
                "attendance": now.done,
                "before": before.done,
                "falling": falling,
                "stalled": stalled,
            }
        )
    return render(request, "care/caseload.html", {"rows": rows})


@require_role(Role.CARE_WORKER, Role.MANAGER, Role.INSTRUCTOR)
def trainee_record(request: HttpRequest, pk: int) -> HttpResponse:
    """The work record and milestones; the therapy plan only for the trainee's care workers."""
    trainee = get_object_or_404(visible_trainees(request.user), pk=pk)
    today = timezone.localdate()
    since = today - datetime.timedelta(weeks=12)
    logs = WorkLog.objects.current().approved().filter(trainee=trainee, date__gte=since)
    by_week: dict[datetime.date, int] = defaultdict(int)
    for day, minutes in logs.working().values_list("date", "minutes"):
        by_week[day - datetime.timedelta(days=day.weekday())] += minutes
    by_skill = list(
        logs.working()
        .filter(skill__isnull=False)
        .values("skill__name")
        .annotate(minutes=Sum("minutes"))
        .order_by("-minutes")
    )
    attendance = [
        (AttendanceCode(code).label, count)
        for code, count in logs.order_by().values_list("attendance").annotate(n=Count("pk"))
    ]
    plan: Any = None
    care_team = can_see_care_data(request.user, trainee)
    if care_team:
        plan = TherapyPlan.objects.filter(trainee=trainee).first()
        if plan is not None:
            reader: Any = request.user
            ClinicalRead.objects.create(reader=reader, plan=plan)  # every read is logged
    context = {
        "trainee": trainee,
        "by_week": sorted(by_week.items()),
        "by_skill": by_skill,
        "attendance": attendance,
        "milestones": trainee.milestones.select_related("skill"),
        "constraint": getattr(trainee, "work_constraint", None),
        "plan": plan,
        "reads": _reads_for_lead(request, plan),
        "contract": SocialContract.objects.filter(plan__trainee=trainee).first(),
        "care_team": care_team,
        **(_care_records(trainee) if care_team else {}),
    }
    return render(request, "care/trainee_record.html", context)


def _care_records(trainee: Any) -> dict[str, Any]:
    """What the care team keeps on the trainee, for the links to its pages (no clinical text)."""
    assessed = dict(Diagnosis.objects.filter(trainee=trainee).values_list("by_role", "assessed_on"))
    return {
        "diagnoses": [(role, label, assessed.get(role)) for role, label in DiagnosisRole.choices],
        "individual_plan": IndividualPlan.objects.filter(trainee=trainee).first(),
        "open_pause": trainee.pauses.filter(ends_on__isnull=True).first(),
    }


def _reads_for_lead(request: HttpRequest, plan: Any) -> Any:
    """Every read of the trainee's clinical records (the plan, diagnoses, unavailable times)."""
    member = getattr(request.user, "staff_member", None)
    if plan is None or member is None or not member.care_lead:
        return None
    return ClinicalRead.objects.filter(trainee_id=plan.trainee_id).select_related("reader")[:50]


@require_role(Role.CARE_WORKER, Role.MANAGER, Role.TRAINEE)
def social_contract_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    contract = get_object_or_404(
        scope(SocialContract.objects.select_related("plan__trainee"), request.user), pk=pk
    )
    pdf = render_pdf(
        "care/social_contract_pdf.html", {"contract": contract, "trainee": contract.plan.trainee}
    )
    disclose(request.user, contract.plan.trainee_id, "social_contract", contract.welfare_office)
    return pdf_response(pdf, f"social-contract-{contract.pk}.pdf")


@require_role(Role.INSTRUCTOR, Role.CARE_WORKER)
def sign_off(request: HttpRequest, pk: int) -> HttpResponse:
    """Instructors sign off a course or manual milestone of their crew, with evidence."""
    milestone = get_object_or_404(
        scope(Milestone.objects.filter(kind="signed_off"), request.user), pk=pk
    )
    evidence = request.POST.get("evidence", "").strip() if request.method == "POST" else ""
    if request.method == "POST" and not milestone.achieved_on:
        if not evidence:
            messages.error(request, _("Describe the evidence for the sign-off."))
        else:
            milestone.achieved_on, milestone.evidence = timezone.localdate(), evidence
            milestone.signed_off_by = request.user  # type: ignore[assignment]
            milestone.progress = milestone.target
            milestone.stamp(request.user)
            milestone.save()
            notices.milestones_reached([milestone.pk])
            messages.success(request, _("Signed off."))
    return redirect("care:trainee_record", pk=milestone.trainee_id)
