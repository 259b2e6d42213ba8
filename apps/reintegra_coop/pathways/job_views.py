"""Job openings and matching: the ranked trainees for an opening (with the evidence and what
is missing) and a trainee's best openings. Managers and care workers; a care worker sees only
the trainees of their caseload in the ranking."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from reintegra_coop.core.access import require_role
from reintegra_coop.core.scoping import scope
from reintegra_coop.people.models import Skill
from reintegra_coop.people.scoping import visible_trainees

from . import matching
from .forms import OpeningForm, OpeningSkillFormSet
from .models import PATHWAY_ROLES, Opening, OpeningStatus
from .placements import IN_PROGRAMME
from .records import needs_of, verified_records

#: the trainees a match page lists in full
SHOWN = 50


def _openings(request: HttpRequest) -> QuerySet[Opening]:
    return (
        scope(Opening.objects.all(), request.user)
        .select_related("employer")
        .prefetch_related("skills")
    )


@require_role(*PATHWAY_ROLES)
def openings(request: HttpRequest) -> HttpResponseBase:
    rows = _openings(request).order_by("status", "-pk")
    return render(request, "pathways/openings.html", {"rows": rows})


@require_role(*PATHWAY_ROLES)
def opening_form(request: HttpRequest, pk: int | None = None) -> HttpResponseBase:
    opening = get_object_or_404(_openings(request), pk=pk) if pk is not None else Opening()
    form = OpeningForm(request.POST or None, instance=opening, initial=request.GET.dict() or None)
    skills = OpeningSkillFormSet(request.POST or None, instance=opening)
    if request.method == "POST" and form.is_valid() and skills.is_valid():
        with transaction.atomic():
            saved = form.save(commit=False)
            saved.stamp(request.user)
            saved.save()
            skills.instance = saved
            skills.save()
        messages.success(request, _("The job opening is saved."))
        return redirect("pathways:match", saved.pk)
    context = {"form": form, "formset": skills, "title": _("Job opening")}
    return render(request, "pathways/form.html", context)


@require_role(*PATHWAY_ROLES)
def match(request: HttpRequest, pk: int) -> HttpResponseBase:
    opening = get_object_or_404(_openings(request), pk=pk)
    needs = needs_of(opening)
    trainees = {t.pk: t for t in visible_trainees(request.user).filter(stage__in=IN_PROGRAMME)}
    records = verified_records(trainees, [needs], timezone.localdate())
    ranked = matching.rank(needs, records, limit=SHOWN)
    context = {
        "opening": opening,
        "rows": [(trainees[m.trainee_id], m) for m in ranked],
        "skills": _skill_names(needs),
        "considered": len(records),
        "may_refer": opening.status == OpeningStatus.OPEN,
    }
    return render(request, "pathways/match.html", context)


@require_role(*PATHWAY_ROLES)
def trainee_openings(request: HttpRequest, pk: int) -> HttpResponseBase:
    trainee = get_object_or_404(visible_trainees(request.user), pk=pk)
    found = list(_openings(request).filter(status=OpeningStatus.OPEN))
    needs = [needs_of(o) for o in found]
    record = verified_records([trainee.pk], needs, timezone.localdate())[0]
    by_id = {o.pk: o for o in found}
    ranked = matching.best_openings(record, needs, limit=SHOWN)
    context = {
        "trainee": trainee,
        "rows": [(by_id[m.opening_id], m) for m in ranked],
        "skills": _skill_names(*needs),
    }
    return render(request, "pathways/trainee_openings.html", context)


def _skill_names(*openings: matching.OpeningNeeds) -> dict[int, str]:
    ids = {n.skill_id for o in openings for n in o.needs if n.skill_id}
    return {
        s.pk: f"{s.workshop.name}: {s.name}"
        for s in Skill.objects.filter(pk__in=ids).select_related("workshop")
    }
