"""Work pages: the crew sheet, the workshop's week, the roster, approvals and disputes.
Views stay thin: the rules are in rules.py / validation.py and the workflows in
crew_sheet.py and roster.py."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from reintegra_coop.core.access import require_role
from reintegra_coop.core.roles import Role
from reintegra_coop.core.scoping import scope, visible_trainees
from reintegra_coop.orders.models import OrderStatus, ProductionTask
from reintegra_coop.people.models import Skill, Workshop

from .crew_sheet import CrewRow, CrewSheetError, rostered, save_crew_sheet
from .forms import CrewFormSet, CrewSheetForm
from .models import WorkLog

EXTRA_ROWS = 3
OPEN_ORDER = [OrderStatus.CONFIRMED, OrderStatus.IN_PRODUCTION, OrderStatus.READY]


def chosen_day(request: HttpRequest) -> datetime.date:
    return parse_date(request.GET.get("date", "") or "") or timezone.localdate()


def chosen_workshop(
    request: HttpRequest, workshop_id: int | None
) -> tuple[Workshop, list[Workshop]]:
    workshops = list(scope(Workshop.objects.filter(active=True), request.user))
    if not workshops:
        raise_no_workshop()
    if workshop_id is None:
        return workshops[0], workshops
    chosen = next((w for w in workshops if w.pk == workshop_id), None)
    if chosen is None:
        raise_no_workshop()
    return chosen, workshops  # type: ignore[return-value]


def raise_no_workshop() -> None:
    from django.http import Http404

    raise Http404(_("You run no workshop yet; ask a manager to assign one."))


def crew_choices(request: HttpRequest, workshop: Workshop) -> dict[str, list[tuple[Any, str]]]:
    trainees = visible_trainees(request.user).filter(workshops=workshop).by_name()
    tasks = scope(
        ProductionTask.objects.filter(
            workshop=workshop, order__status__in=OPEN_ORDER
        ).select_related("order"),
        request.user,
    )
    return {
        "trainee": [(t.pk, t.full_name) for t in trainees],
        "task": [(t.pk, f"{t.order.number}: {t.description}") for t in tasks],
        "skill": [(s.pk, s.name) for s in Skill.objects.filter(workshop=workshop)],
    }


@require_role(Role.INSTRUCTOR, Role.MANAGER)
def crew_sheet(request: HttpRequest, workshop_id: int | None = None) -> HttpResponseBase:
    workshop, workshops = chosen_workshop(request, workshop_id)
    day = chosen_day(request)
    choices = crew_choices(request, workshop)
    names = dict(choices["trainee"])
    if request.method == "POST":
        sheet = CrewSheetForm(request.POST)
        rows = CrewFormSet(request.POST, prefix="rows", form_kwargs={"choices": choices})
        if sheet.is_valid() and rows.is_valid():
            crew = [to_row(data, names) for data in rows.cleaned_data if data.get("trainee")]
            try:
                saved = save_crew_sheet(
                    sheet.cleaned_data["token"],
                    workshop,
                    day,
                    crew,
                    request.user,
                    sheet.cleaned_data["override_reason"],
                )
            except CrewSheetError as error:
                show_rule_errors(rows, crew, error)
            else:
                if saved is None:
                    messages.info(request, _("This crew sheet was already saved."))
                else:
                    messages.success(
                        request,
                        _("Saved %(count)s entries for %(workshop)s.")
                        % {"count": len(saved), "workshop": workshop.name},
                    )
                return redirect(
                    f"{reverse('work:crew_sheet_for', args=[workshop.pk])}?date={day.isoformat()}"
                )
    else:
        sheet = CrewSheetForm(initial={"token": uuid.uuid4()})
        rows = CrewFormSet(
            prefix="rows",
            initial=initial_rows(workshop, day, EXTRA_ROWS),
            form_kwargs={"choices": choices},
        )
    logged = (
        WorkLog.objects.current()
        .filter(workshop=workshop, date=day)
        .select_related("trainee", "task", "skill")
        .order_by("start", "trainee__last_name")
    )
    return render(
        request,
        "work/crew_sheet.html",
        {
            "workshop": workshop,
            "workshops": workshops,
            "day": day,
            "sheet": sheet,
            "rows": rows,
            "logged": scope(logged, request.user),
            "today": timezone.localdate(),
        },
    )


def initial_rows(workshop: Workshop, day: datetime.date, extra: int) -> list[dict[str, Any]]:
    already = set(
        WorkLog.objects.current()
        .filter(workshop=workshop, date=day)
        .values_list("trainee_id", flat=True)
    )
    rows = [
        {
            "trainee": a.trainee_id,
            "shift": a.shift_id,
            "start": a.shift.start,
            "end": a.shift.end,
            "attendance": "present",
            "work_type": "paid_work",
        }
        for a in rostered(workshop, day)
        if a.trainee_id not in already
    ]
    return rows + [{"attendance": "present", "work_type": "paid_work"} for _ in range(extra)]


def to_row(data: dict[str, Any], names: dict[Any, str]) -> CrewRow:
    return CrewRow(
        trainee_id=data["trainee"],
        trainee_name=names.get(data["trainee"], ""),
        start=data["start"],
        end=data["end"],
        attendance=data["attendance"],
        work_type=data["work_type"],
        task_id=data.get("task"),
        skill_id=data.get("skill"),
        done_independently=data.get("done_independently", False),
        note=data.get("note", ""),
        shift_id=data.get("shift"),
    )


def show_rule_errors(rows: Any, crew: list[CrewRow], error: CrewSheetError) -> None:
    """Put each broken rule on its row, naming the row and the trainee."""
    forms = [form for form in rows.forms if form.cleaned_data.get("trainee")]
    for index, found in error.by_row.items():
        row = crew[index]
        for violation in found:
            forms[index].add_error(
                None,
                _("Row %(number)s, %(name)s: %(problem)s")
                % {"number": index + 1, "name": row.trainee_name, "problem": violation.message},
            )


@require_role(Role.INSTRUCTOR, Role.MANAGER)
def crew_sheet_redirect(request: HttpRequest) -> HttpResponse:
    workshop, _workshops = chosen_workshop(request, None)
    return crew_sheet(request, workshop.pk)  # type: ignore[return-value]
