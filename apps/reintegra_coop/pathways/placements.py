"""Running a placement: starting it (the trainee gets a placement milestone), the job coach
recording days worked — one by one or from the employer's sheet — and ending it.

A placement day is a work log "in" the employer's placement workshop (one per employer,
flagged as a partner employer), so it goes through the manager's approval, the month's close
and the pay run like any day, counts toward attendance and the placement milestone, and keeps
every rule of the work record (no overlap, no care appointment, no closed month). Who pays
decides the log's work type: the cooperative's own pay (paid work) or the employer's wage
(not paid by the cooperative)."""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from reintegra_coop.care.plans import Milestone, MilestoneKind
from reintegra_coop.core.demo_names import N_, in_site_language
from reintegra_coop.core.roles import Role, role_of
from reintegra_coop.people.models import Stage, Workshop, WorkshopKind, add_months
from reintegra_coop.work.approval import is_closed
from reintegra_coop.work.exceptions import WorkRuleError
from reintegra_coop.work.models import AttendanceCode, WorkLog, WorkLogStatus, WorkType
from reintegra_coop.work.querysets import WorkLogQuerySet
from reintegra_coop.work.validation import check_log

from . import notices
from .models import FeedbackPoint, Organisation, PayTerms, Placement, PlacementStatus

IN_PROGRAMME = (Stage.TRIAL, Stage.PARTICIPANT, Stage.GRADUATE)


def work_type_of(terms: str) -> str:
    return WorkType.EMPLOYER_PAID if terms == PayTerms.EMPLOYER_PAYS else WorkType.PAID_WORK


def placement_workshop(employer: Organisation) -> Workshop:
    """The workshop the employer's placement days are logged in, made on first use."""
    employer = Organisation.objects.select_for_update().get(pk=employer.pk)
    if employer.placement_workshop_id:
        return employer.placement_workshop  # type: ignore[return-value]
    # Always a workshop of its own (never one found by name: its instructors would see the
    # days), named uniquely by the employer's number.
    name = in_site_language(N_("Placement: %(employer)s")) % {"employer": employer.name[:80]}
    taken = set(Workshop.objects.filter(name__startswith=name).values_list("name", flat=True))
    unique = next(n for n in [name, *(f"{name} ({k})" for k in range(2, 1000))] if n not in taken)
    workshop = Workshop.objects.create(
        name=unique, kind=WorkshopKind.PLACEMENT, partner_employer=True
    )
    employer.placement_workshop = workshop
    employer.save(update_fields=["placement_workshop"])
    return workshop


def start(placement: Placement, by: Any) -> Placement:
    """Save a new placement: the trainee must be in the programme and not on another
    placement at the time; the placement milestone (days worked) is set for them."""
    with transaction.atomic():
        trainee = placement.trainee
        if trainee.stage not in IN_PROGRAMME:
            raise ValidationError(
                {"trainee": gettext("Only a trainee in the programme goes on a placement.")}
            )
        overlapping = Placement.objects.filter(
            trainee=trainee,
            status=PlacementStatus.ACTIVE,
            starts_on__lte=placement.planned_end_on,
            planned_end_on__gte=placement.starts_on,
        )
        if overlapping.exists():
            raise ValidationError(
                {"starts_on": gettext("The trainee is on another placement at that time.")}
            )
        placement.full_clean()
        workshop = placement_workshop(placement.employer)
        trainee.workshops.add(workshop)
        title = in_site_language(N_("Placement at %(employer)s")) % {
            "employer": placement.employer.name
        }
        milestone = Milestone(
            trainee=trainee,
            kind=MilestoneKind.PLACEMENT,
            title=f"{title}: {placement.days_to_complete}"[:200],
            target=placement.days_to_complete,
            # only this placement's days count toward it
            workshop=workshop,
            counts_from=placement.starts_on,
            counts_until=placement.planned_end_on,
        )
        milestone.stamp(by)
        milestone.save()
        placement.milestone = milestone
        placement.stamp(by)
        placement.save()
        notices.coach_named(placement)
    return placement


#: when the employer's word is asked for: a month and three months into the placement
FEEDBACK_AFTER_MONTHS = {FeedbackPoint.FIRST_MONTH: 1, FeedbackPoint.THIRD_MONTH: 3}


def feedback_due(placements: Any, today: datetime.date) -> int:
    """How many of these placements wait for the employer's feedback: a point that has come
    and is not recorded (after the first and the third month of a placement under way, and
    at the end of one that ended)."""
    due = 0
    for placement in placements.prefetch_related("feedback"):
        given = {f.point for f in placement.feedback.all()}
        if placement.is_active:
            due += any(
                point not in given and add_months(placement.starts_on, months) <= today
                for point, months in FEEDBACK_AFTER_MONTHS.items()
            )
        else:
            due += FeedbackPoint.END not in given
    return due


@dataclass(frozen=True)
class Day:
    date: datetime.date
    start: datetime.time
    end: datetime.time
    attendance: str = AttendanceCode.PRESENT
    note: str = ""


def record_days(placement: Placement, days: list[Day], by: Any) -> list[WorkLog]:
    """Record days at the employer (submitted, for the manager's approval), all or none: a
    refused day names its date and the rule it breaks."""
    if not placement.is_active:
        raise ValidationError(gettext("The placement has ended: no more days are recorded."))
    logs = []
    with transaction.atomic():
        workshop = placement_workshop(placement.employer)
        for day in days:
            if not placement.starts_on <= day.date <= placement.planned_end_on:
                raise ValidationError(
                    {
                        "date": gettext("%(date)s is outside the placement (%(start)s–%(end)s).")
                        % {
                            "date": day.date.isoformat(),
                            "start": placement.starts_on.isoformat(),
                            "end": placement.planned_end_on.isoformat(),
                        }
                    }
                )
            # A day of a closed month is a late entry, paid in the next open month: the
            # manager's to record, as on the work pages.
            late = is_closed(day.date)
            if late and role_of(by) != Role.MANAGER:
                raise ValidationError(
                    {
                        "date": gettext(
                            "%(date)s is in a closed month: a manager records it, as a late entry."
                        )
                        % {"date": day.date.isoformat()}
                    }
                )
            log = WorkLog(
                trainee=placement.trainee,
                workshop=workshop,
                date=day.date,
                start=day.start,
                end=day.end,
                attendance=day.attendance,
                work_type=work_type_of(placement.pay_terms),
                status=WorkLogStatus.SUBMITTED,
                note=day.note,
                late=late,
            )
            try:
                check_log(log, by)
                log.stamp(by)
                log.save()
            except (WorkRuleError, ValidationError) as refused:
                raise ValidationError(
                    {"date": f"{day.date.isoformat()}: {_messages(refused)}"}
                ) from refused
            logs.append(log)
    return logs


def _messages(refused: WorkRuleError | ValidationError) -> str:
    if isinstance(refused, WorkRuleError):
        return " ".join(v.message for v in refused.violations)
    return " ".join(refused.messages)


SHEET_COLUMNS = ("date", "start", "end", "attendance")


def days_from_sheet(text: str) -> list[Day]:
    """The employer's sheet as CSV: date (YYYY-MM-DD), start and end (HH:MM), and optionally
    the attendance code; `;` or `,` between columns, a header row allowed. A bad row is refused
    with its number."""
    sample = text[:2000]
    delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    days = []
    rows = csv.reader(io.StringIO(text), delimiter=delimiter)
    number = 0
    while True:
        number += 1
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error:
            raise ValidationError(
                {"sheet": gettext("Row %(row)s cannot be read as CSV.") % {"row": number}}
            ) from None
        cells = [cell.strip() for cell in row]
        if not any(cells) or (number == 1 and cells[0].casefold() == "date"):
            continue
        try:
            day = datetime.date.fromisoformat(cells[0])
            start = datetime.time.fromisoformat(cells[1])
            end = datetime.time.fromisoformat(cells[2])
            attendance = cells[3] if len(cells) > 3 and cells[3] else AttendanceCode.PRESENT
        except (IndexError, ValueError):
            raise ValidationError(
                {
                    "sheet": gettext(
                        "Row %(row)s: write the date as YYYY-MM-DD and the times as HH:MM."
                    )
                    % {"row": number}
                }
            ) from None
        if attendance not in AttendanceCode.values:
            raise ValidationError(
                {
                    "sheet": gettext("Row %(row)s: %(code)s is not an attendance code.")
                    % {"row": number, "code": attendance}
                }
            )
        days.append(Day(day, start, end, attendance))
    if not days:
        raise ValidationError({"sheet": gettext("The sheet has no days.")})
    return days


def end(placement: Placement, on: datetime.date, completed: bool, note: str, by: Any) -> None:
    """End the placement on ``on``: completed, or ended early (with a note saying why)."""
    note = note.strip()
    if not placement.is_active:
        raise ValidationError(gettext("The placement has ended already."))
    if on < placement.starts_on:
        raise ValidationError({"ended_on": gettext("The end cannot be before the start.")})
    if on > timezone.localdate():
        raise ValidationError({"ended_on": gettext("A placement is ended on the day, not ahead.")})
    if not completed and not note:
        raise ValidationError({"end_note": gettext("Say why the placement ended early.")})
    if placement_days(placement).filter(date__gt=on).exists():
        raise ValidationError(
            {"ended_on": gettext("Days are recorded after %(date)s.") % {"date": on.isoformat()}}
        )
    new = PlacementStatus.COMPLETED if completed else PlacementStatus.ENDED_EARLY
    with transaction.atomic():
        placement.change_status(new, on, note, by)
        if placement.milestone_id:  # days after the end do not count toward it
            Milestone.objects.filter(pk=placement.milestone_id).update(counts_until=on)


def may_run(placement: Placement, user: Any) -> bool:
    """Who records a placement's days, feedback and end: its job coach, and managers."""
    return role_of(user) == Role.MANAGER or placement.job_coach.user_id == getattr(user, "pk", None)


def placement_days(placement: Placement) -> WorkLogQuerySet:
    """The placement's days in the work record (in force, whatever their status)."""
    return WorkLog.objects.current().filter(
        trainee_id=placement.trainee_id,
        workshop=placement.employer.placement_workshop,
        date__gte=placement.starts_on,
    )


def days_worked(placement: Placement) -> int:
    """Days the trainee worked at the employer on this placement (approved or not yet)."""
    last = placement.ended_on or placement.planned_end_on
    worked = placement_days(placement).working().filter(date__lte=last)
    return worked.values("date").distinct().count()
