"""Work pages: the crew sheet, the workshop's week, the roster, approvals and disputes.
Views stay thin: the rules are in rules.py / validation.py and the workflows in
crew_sheet.py and roster.py."""

from __future__ import annotations

import datetime
import uuid
from functools import wraps
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from reintegra_coop.core.access import require_role
from reintegra_coop.core.queries import DayQuery, read_query
from reintegra_coop.core.roles import Role
from reintegra_coop.core.scoping import scope
from reintegra_coop.core.sites import site_setting
from reintegra_coop.people.models import Skill, Workshop
from reintegra_coop.people.scoping import visible_trainees

from .approval import approve, correct
from .crew_sheet import CrewPart, CrewRow, CrewSheetError, rostered, save_crew_sheet
from .exceptions import WorkRuleError
from .forms import (
    ApprovalFilterForm,
    CrewFormSet,
    CrewSheetForm,
    LogCorrectionForm,
    with_part_toggled,
)
from .models import Shift, ShiftAssignment, WorkLog, week_of
from .roster import assign, copy_week, days, days_skipped_by_templates, generate_shifts
from .sources import production_tasks
from .validation import may_override_limits

EXTRA_ROWS = 3


def chosen_day(request: HttpRequest) -> datetime.date:
    day: datetime.date | None = read_query(request, DayQuery)["date"]
    return day or timezone.localdate()


def chosen_workshop(
    request: HttpRequest, workshop_id: int | None
) -> tuple[Workshop, list[Workshop]]:
    workshops = list(scope(Workshop.objects.filter(active=True), request.user))
    if not workshops:
        raise NoWorkshopError
    if workshop_id is None:
        return workshops[0], workshops
    chosen = next((w for w in workshops if w.pk == workshop_id), None)
    if chosen is None:
        raise Http404  # not one of theirs
    return chosen, workshops


class NoWorkshopError(Exception):
    """The instructor runs no workshop yet: the page says so instead of a bare "not found"."""


def workshop_page(view: Any) -> Any:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            return view(request, *args, **kwargs)
        except NoWorkshopError:
            return render(request, "work/no_workshop.html", status=404)

    return wrapped


def crew_choices(request: HttpRequest, workshop: Workshop) -> dict[str, list[tuple[Any, str]]]:
    trainees = visible_trainees(request.user).filter(workshops=workshop).by_name()
    tasks = scope(production_tasks(workshop), request.user)
    return {
        "trainee": [(t.pk, t.full_name) for t in trainees],
        "task": [(t.pk, str(t)) for t in tasks],
        "skill": [(s.pk, s.name) for s in Skill.objects.filter(workshop=workshop)],
    }


@require_role(Role.INSTRUCTOR, Role.MANAGER)
@workshop_page
def crew_sheet(request: HttpRequest, workshop_id: int | None = None) -> HttpResponseBase:
    workshop, workshops = chosen_workshop(request, workshop_id)
    day = chosen_day(request)
    choices = crew_choices(request, workshop)
    names = dict(choices["trainee"])
    checked = True
    if request.method == "POST":
        sheet = CrewSheetForm(request.POST)
        sent, checked = with_part_toggled(request.POST)
        rows = CrewFormSet(sent, prefix="rows", form_kwargs={"choices": choices})
        if checked and sheet.is_valid() and rows.is_valid() and known_shifts(rows, workshop, day):
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
            "names": names,
            "checked": checked,
            "may_override_limits": may_override_limits(request.user),
        },
    )


def known_shifts(rows: Any, workshop: Workshop, day: datetime.date) -> bool:
    """A row's shift must be one of this workshop's shifts that day (the form hides it)."""
    allowed = set(Shift.objects.filter(workshop=workshop, date=day).values_list("pk", flat=True))
    fine = True
    for form in rows.forms:
        shift = form.cleaned_data.get("shift")
        if shift is not None and shift not in allowed:
            form.add_error("shift", _("This is not one of the day's shifts; reload the sheet."))
            fine = False
    return fine


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
            **NEW_ROW,
        }
        for a in rostered(workshop, day)
        if a.trainee_id not in already
    ]
    return rows + [dict(NEW_ROW) for _ in range(extra)]


NEW_ROW = {
    "attendance": "present",
    "work_type": "paid_work",
    "split": False,
    "second_attendance": "present",
    "second_work_type": "paid_work",
}


def to_row(data: dict[str, Any], names: dict[Any, str]) -> CrewRow:
    first = CrewPart(
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
    second = CrewPart(
        start=data["second_start"],
        end=data["second_end"],
        attendance=data["second_attendance"],
        work_type=data["second_work_type"],
        task_id=data.get("second_task"),
        skill_id=data.get("second_skill"),
        done_independently=data.get("second_done_independently", False),
    )
    parts = (first, second) if data.get("split") else (first,)
    return CrewRow(data["trainee"], names.get(data["trainee"], ""), parts)


def show_rule_errors(rows: Any, crew: list[CrewRow], error: CrewSheetError) -> None:
    """Put each broken rule on its row, naming the row, the trainee and, on a split day,
    the part."""
    filled = [(n, form) for n, form in enumerate(rows.forms) if form.cleaned_data.get("trainee")]
    for (index, part), found in error.by_part.items():
        row, (position, form) = crew[index], filled[index]
        for violation in found:
            values = {
                "number": position + 1,
                "name": row.trainee_name,
                "problem": violation.message,
            }
            form.add_error(
                None,
                _("Row %(number)s, %(name)s, part %(part)s: %(problem)s") % {**values, "part": part}
                if len(row.parts) > 1
                else _("Row %(number)s, %(name)s: %(problem)s") % values,
            )


@require_role(Role.INSTRUCTOR, Role.MANAGER)
@workshop_page
def crew_sheet_redirect(request: HttpRequest) -> HttpResponse:
    workshop, _workshops = chosen_workshop(request, None)
    return crew_sheet(request, workshop.pk)  # type: ignore[return-value]


def chosen_monday(request: HttpRequest) -> datetime.date:
    return week_of(chosen_day(request))[0]


@require_role(Role.INSTRUCTOR, Role.MANAGER)
@workshop_page
def roster_week(request: HttpRequest, workshop_id: int | None = None) -> HttpResponseBase:
    workshop, workshops = chosen_workshop(request, workshop_id)
    monday = chosen_monday(request)
    sunday = monday + datetime.timedelta(days=6)
    here = f"{reverse('work:roster_for', args=[workshop.pk])}?date={monday.isoformat()}"
    if request.method == "POST":
        roster_action(request, workshop, monday)
        return redirect(here)
    shifts = list(
        Shift.objects.filter(workshop=workshop, date__range=(monday, sunday)).order_by(
            "date", "start"
        )
    )
    # One joined query for the whole week's crew, as plain rows: thousands stay fast.
    crew: dict[int, list[tuple[int, str]]] = {shift.pk: [] for shift in shifts}
    rows = (
        ShiftAssignment.objects.filter(shift__in=[s.pk for s in shifts])
        .order_by("trainee__last_name", "trainee__first_name")
        .values_list("shift_id", "pk", "trainee__first_name", "trainee__last_name")
    )
    for shift_id, pk, first_name, last_name in rows:
        crew[shift_id].append((pk, f"{first_name} {last_name}"))
    for shift in shifts:
        shift.crew = crew[shift.pk]  # type: ignore[attr-defined]
    trainees = [
        (t.pk, t.full_name)
        for t in visible_trainees(request.user).filter(workshops=workshop).in_programme().by_name()
    ]
    week = [(day, [s for s in shifts if s.date == day]) for day in days(monday, sunday)]
    return render(
        request,
        "work/roster_week.html",
        {
            "workshop": workshop,
            "workshops": workshops,
            "monday": monday,
            "week": week,
            "trainees": trainees,
            "previous": monday - datetime.timedelta(days=7),
            "next": monday + datetime.timedelta(days=7),
            "may_override_limits": may_override_limits(request.user),
        },
    )


def _say_skipped(request: HttpRequest, skipped: list[datetime.date]) -> None:
    if skipped:
        messages.info(
            request,
            _("No shifts on %(days)s: public holidays or days the cooperative is closed.")
            % {"days": ", ".join(day.isoformat() for day in skipped)},
        )


def roster_action(request: HttpRequest, workshop: Workshop, monday: datetime.date) -> None:
    action, by = request.POST.get("action"), request.user
    if action == "generate":
        sunday = monday + datetime.timedelta(days=6)
        count = generate_shifts(workshop, monday, sunday, by)
        messages.success(
            request, _("%(count)s shifts added from the templates.") % {"count": count}
        )
        _say_skipped(request, days_skipped_by_templates(workshop, monday, sunday))
    elif action == "copy":
        result = copy_week(workshop, monday - datetime.timedelta(days=7), monday, by)
        messages.success(
            request, _("%(count)s assignments copied from last week.") % {"count": result.copied}
        )
        for problem in result.refused:
            messages.warning(request, problem)
        _say_skipped(request, result.skipped)
    elif action == "assign":
        shift = get_object_or_404(Shift, pk=_number(request.POST.get("shift")), workshop=workshop)
        trainee = get_object_or_404(
            visible_trainees(request.user).filter(workshops=workshop),
            pk=_number(request.POST.get("trainee")),
        )
        try:
            assign(shift, trainee, by, request.POST.get("override_reason", ""))
        except WorkRuleError as error:
            messages.error(
                request,
                _("%(name)s not added: %(problem)s")
                % {"name": trainee.full_name, "problem": error},
            )
    elif request.POST.get("remove"):
        get_object_or_404(
            scope(ShiftAssignment.objects.all(), by),
            pk=_number(request.POST.get("remove")),
            shift__workshop=workshop,
        ).delete()


def _number(value: str | None) -> int:
    return int(value) if value and value.isdigit() else 0


@require_role(Role.INSTRUCTOR, Role.MANAGER)
@workshop_page
def work_week(request: HttpRequest, workshop_id: int | None = None) -> HttpResponse:
    """The workshop's logs for a week, trainee by day, for checking and correcting."""
    workshop, workshops = chosen_workshop(request, workshop_id)
    monday = chosen_monday(request)
    week_days = days(monday, monday + datetime.timedelta(days=6))
    logs = scope(
        WorkLog.objects.current()
        .filter(workshop=workshop, date__range=(monday, week_days[-1]))
        .select_related("trainee")
        .order_by("trainee__last_name", "trainee__first_name", "date", "start"),
        request.user,
    )
    grid: dict[Any, dict[datetime.date, list[WorkLog]]] = {}
    for log in logs:
        grid.setdefault(log.trainee, {}).setdefault(log.date, []).append(log)
    return render(
        request,
        "work/work_week.html",
        {
            "workshop": workshop,
            "workshops": workshops,
            "monday": monday,
            "days": week_days,
            "grid": grid,
            "previous": monday - datetime.timedelta(days=7),
            "next": monday + datetime.timedelta(days=7),
            "may_override_limits": may_override_limits(request.user),
        },
    )


@require_role(Role.INSTRUCTOR, Role.MANAGER)
def log_edit(request: HttpRequest, pk: int) -> HttpResponseBase:
    log = get_object_or_404(
        scope(WorkLog.objects.select_related("trainee", "workshop"), request.user), pk=pk
    )
    initial = {
        name: getattr(log, name)
        for name in ("start", "end", "attendance", "work_type", "done_independently", "note")
    }
    form = LogCorrectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = {
            name: value
            for name, value in form.cleaned_data.items()
            if initial.get(name, "") != value
        }
        try:
            saved = correct(log, changes, request.user)
        except WorkRuleError as error:
            form.add_error(None, str(error))
        else:
            if saved.pk != log.pk:
                messages.success(
                    request,
                    _(
                        "The entry was approved, so the correction is a new "
                        "entry waiting for approval."
                    ),
                )
            else:
                messages.success(request, _("The entry is corrected."))
            return redirect(f"{reverse('work:week_for', args=[log.workshop_id])}?date={log.date}")
    history = log.history.select_related("history_user").order_by("-history_date")[:20]
    return render(request, "work/log_edit.html", {"log": log, "form": form, "history": history})


def instructors_approve_logs() -> bool:
    return bool(site_setting("INSTRUCTORS_APPROVE_LOGS"))


@require_role(Role.MANAGER, Role.INSTRUCTOR, only_if={Role.INSTRUCTOR: instructors_approve_logs})
def approvals(request: HttpRequest) -> HttpResponseBase:
    """Approve waiting logs: a manager every workshop's, an instructor (if the site lets them)
    their own workshops' only, whatever ids are posted."""
    workshops = [(w.pk, w.name) for w in scope(Workshop.objects.filter(active=True), request.user)]
    filters = ApprovalFilterForm(request.GET or None, workshops=workshops)
    waiting = scope(WorkLog.objects.current(), request.user)
    waiting = (
        waiting.filter(status__in=["draft", "submitted"])
        .select_related("trainee", "workshop")
        .order_by("date", "workshop__name", "trainee__last_name")
    )
    if filters.is_valid():
        data = filters.cleaned_data
        if data["workshop"]:
            waiting = waiting.filter(workshop_id=data["workshop"])
        if data["first_day"]:
            waiting = waiting.filter(date__gte=data["first_day"])
        if data["last_day"]:
            waiting = waiting.filter(date__lte=data["last_day"])
    if request.method == "POST":
        chosen = (
            waiting.values_list("pk", flat=True)
            if request.POST.get("all")
            else waiting.filter(
                pk__in=[_number(value) for value in request.POST.getlist("log")]
            ).values_list("pk", flat=True)
        )
        count = approve(list(chosen), request.user)
        messages.success(request, _("%(count)s entries approved.") % {"count": count})
        return redirect(request.get_full_path())
    disputes = (
        scope(WorkLog.objects.disputed(), request.user)
        .select_related("trainee", "workshop")
        .order_by("date")
    )
    return render(
        request,
        "work/approvals.html",
        {
            "filters": filters,
            "waiting": waiting[:500],
            "count": waiting.count(),
            "disputes": disputes,
        },
    )


@require_role(Role.INSTRUCTOR, Role.MANAGER)
def resolve_dispute(request: HttpRequest, pk: int) -> HttpResponseBase:
    log = get_object_or_404(scope(WorkLog.objects.disputed(), request.user), pk=pk)
    if request.method == "POST":
        log.resolve_dispute(request.POST.get("resolution", ""), request.user)
        messages.success(request, _("The dispute is resolved."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("core:home")
    return redirect(target)
