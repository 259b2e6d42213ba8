"""Work: shift templates and the roster, the work log (the central record of who worked
where, when and on what), locked periods and crew-sheet submissions.

The rules every log and assignment keeps are in rules.py (pure) and validation.py."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from reintegra_coop.core.calendar import is_working_day
from reintegra_coop.core.dates import PlausibleDateField
from reintegra_coop.core.exceptions import InvalidTransitionError
from reintegra_coop.core.history import update_with_history
from reintegra_coop.core.models import TrackedModel
from reintegra_coop.core.roles import Role
from reintegra_coop.core.scoping import Visibility
from reintegra_coop.people.models import Trainee

from . import notices
from .querysets import WORKING_ATTENDANCE, WorkLogQuerySet
from .rules import Span, Violation, day_code_problems, minutes_of, overlaps

WORK_ROLES = (Role.MANAGER, Role.ACCOUNTANT, Role.INSTRUCTOR, Role.CARE_WORKER, Role.TRAINEE)
PLANNING_ROLES = (Role.MANAGER, Role.INSTRUCTOR, Role.CARE_WORKER, Role.TRAINEE)
MAX_CAPACITY = 500  # people on one shift; more is a typing mistake


class AttendanceCode(models.TextChoices):
    PRESENT = "present", _("Present")
    LATE = "late", _("Late")
    EXCUSED = "excused", _("Excused absence")
    UNEXCUSED = "unexcused", _("Unexcused absence")
    SICK = "sick", _("Sick")
    DAY_OFF = "day_off", _("Day off")


WORKING_CODES = WORKING_ATTENDANCE


class WorkType(models.TextChoices):
    PAID_WORK = "paid_work", _("Paid work")
    TRAINING = "training", _("Training")
    IN_KIND_RENT = "in_kind_rent", _("In-kind rent")
    COMMUNITY_SERVICE = "community_service", _("Community service")
    VOLUNTEER = "volunteer", _("Volunteer")
    # Days of a placement whose wage the employer pays: the cooperative pays nothing for them,
    # they count toward attendance and milestones (pathways/placements.py).
    EMPLOYER_PAID = "employer_paid", _("Placement paid by the employer")


class WorkLogStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    LOCKED = "locked", _("Locked")


# The one table of a log's status changes. Locking (and unlocking, when a month is reopened)
# is the pay period's to do; approving is the manager's. WorkLog.change_status is the only door.
ALLOWED_LOG_STATUS_CHANGES: dict[str, frozenset[str]] = {
    WorkLogStatus.DRAFT: frozenset({WorkLogStatus.SUBMITTED, WorkLogStatus.APPROVED}),
    WorkLogStatus.SUBMITTED: frozenset({WorkLogStatus.APPROVED}),
    WorkLogStatus.APPROVED: frozenset({WorkLogStatus.LOCKED}),
    WorkLogStatus.LOCKED: frozenset({WorkLogStatus.APPROVED}),
}
# Saving any of these fields checks the log against the rules every log keeps.
CHECKED_FIELDS = {"trainee", "date", "start", "end", "attendance", "superseded", "workshop"}
CHECKED_FIELDS |= {"work_type"}
CHECKED_FIELDS |= {"task", "skill", "shift"} | {f"{name}_id" for name in CHECKED_FIELDS}


class ShiftTemplate(TrackedModel):
    """A recurring shift of a workshop, e.g. the garden Monday to Friday 8:00–14:00 for 12."""

    workshop = models.ForeignKey(
        "people.Workshop",
        verbose_name=_("workshop"),
        on_delete=models.PROTECT,
        related_name="shift_templates",
    )
    name = models.CharField(_("name"), max_length=60)
    weekdays = models.CharField(
        _("weekdays"),
        max_length=13,
        default="0,1,2,3,4",
        help_text=_("Days of the week, Monday = 0, separated by commas."),
    )
    start = models.TimeField(_("start"))
    end = models.TimeField(_("end"))
    capacity = models.PositiveSmallIntegerField(
        _("capacity"), validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)]
    )
    active = models.BooleanField(_("active"), default=True)

    visibility: ClassVar[Visibility] = Visibility(workshop="workshop", roles=PLANNING_ROLES)

    class Meta:
        verbose_name = _("shift template")
        verbose_name_plural = _("shift templates")
        ordering = ["workshop", "start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")),
                name="shift_template_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.workshop} {self.name}"

    def clean(self) -> None:
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The end must be after the start.")})
        try:
            days = self.weekday_numbers()
        except ValueError:
            days = []
        if not days:
            raise ValidationError(
                {"weekdays": _("List the days as numbers 0 (Monday) to 6, e.g. 0,1,2,3,4.")}
            )

    def weekday_numbers(self) -> list[int]:
        days = sorted({int(part) for part in self.weekdays.split(",") if part.strip()})
        if any(day < 0 or day > 6 for day in days):
            raise ValueError(self.weekdays)
        return days


class Shift(TrackedModel):
    """One shift on one day: the roster is the trainees assigned to shifts."""

    workshop = models.ForeignKey(
        "people.Workshop",
        verbose_name=_("workshop"),
        on_delete=models.PROTECT,
        related_name="shifts",
    )
    template = models.ForeignKey(
        ShiftTemplate,
        verbose_name=_("template"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="shifts",
    )
    date = PlausibleDateField(_("date"))
    start = models.TimeField(_("start"))
    end = models.TimeField(_("end"))
    capacity = models.PositiveSmallIntegerField(
        _("capacity"), validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)]
    )

    visibility: ClassVar[Visibility] = Visibility(workshop="workshop", roles=PLANNING_ROLES)

    class Meta:
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        ordering = ["date", "start", "workshop"]
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "date", "start"], name="one_shift_per_workshop_start"
            ),
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="shift_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.workshop} {self.date} {self.start:%H:%M}–{self.end:%H:%M}"

    def clean(self) -> None:
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The end must be after the start.")})
        if self.pk is None:
            return
        stored = Shift.objects.filter(pk=self.pk).values("date", "start", "end").first()
        assigned = self.assignments.count()
        moved = stored is not None and (stored["date"], stored["start"], stored["end"]) != (
            self.date,
            self.start,
            self.end,
        )
        if assigned and moved:
            raise ValidationError(
                {
                    "start": _(
                        "Trainees are on this shift: take them off before "
                        "moving it, so their limits are checked again."
                    )
                }
            )
        if self.capacity is not None and self.capacity < assigned:
            raise ValidationError(
                {
                    "capacity": _("%(count)s trainees are on this shift already.")
                    % {"count": assigned}
                }
            )


class ShiftAssignment(TrackedModel):
    shift = models.ForeignKey(
        Shift, verbose_name=_("shift"), on_delete=models.CASCADE, related_name="assignments"
    )
    trainee = models.ForeignKey(
        "people.Trainee",
        verbose_name=_("trainee"),
        on_delete=models.PROTECT,
        related_name="shift_assignments",
    )
    override_reason = models.CharField(
        _("reason for going over an hour limit"), max_length=200, blank=True
    )

    visibility: ClassVar[Visibility] = Visibility(
        trainee="trainee", roles=PLANNING_ROLES, instructor_workshop="shift__workshop"
    )

    class Meta:
        verbose_name = _("shift assignment")
        verbose_name_plural = _("roster")
        ordering = ["shift__date", "shift__start"]
        constraints = [
            models.UniqueConstraint(fields=["shift", "trainee"], name="one_assignment_per_shift")
        ]

    def __str__(self) -> str:
        return f"{self.trainee} @ {self.shift}"


class LockedPeriod(TrackedModel):
    """Days whose logs can no longer change (set when a pay period is approved)."""

    first_day = PlausibleDateField(_("first day"))
    last_day = PlausibleDateField(_("last day"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    visibility: ClassVar[Visibility] = Visibility(roles=(Role.MANAGER, Role.ACCOUNTANT))

    class Meta:
        verbose_name = _("locked period")
        verbose_name_plural = _("locked periods")
        ordering = ["-first_day"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_day__gte=models.F("first_day")),
                name="locked_period_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_day} – {self.last_day}"


class WorkLog(TrackedModel):
    trainee = models.ForeignKey(
        "people.Trainee",
        verbose_name=_("trainee"),
        on_delete=models.PROTECT,
        related_name="work_logs",
    )
    date = PlausibleDateField(_("date"))
    start = models.TimeField(_("start"))
    end = models.TimeField(_("end"))
    minutes = models.PositiveIntegerField(_("minutes"), editable=False, default=0)
    workshop = models.ForeignKey(
        "people.Workshop",
        verbose_name=_("workshop"),
        on_delete=models.PROTECT,
        related_name="work_logs",
    )
    shift = models.ForeignKey(
        Shift,
        verbose_name=_("shift"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="work_logs",
    )
    task = models.ForeignKey(
        "orders.ProductionTask",
        verbose_name=_("production task"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="work_logs",
    )
    skill = models.ForeignKey(
        "people.Skill",
        verbose_name=_("skill practised"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="work_logs",
    )
    attendance = models.CharField(
        _("attendance"),
        max_length=20,
        choices=AttendanceCode.choices,
        default=AttendanceCode.PRESENT,
    )
    work_type = models.CharField(
        _("work type"), max_length=20, choices=WorkType.choices, default=WorkType.PAID_WORK
    )
    done_independently = models.BooleanField(_("done independently"), default=False)
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=WorkLogStatus.choices, default=WorkLogStatus.DRAFT
    )
    override_reason = models.CharField(
        _("reason for going over an hour limit"), max_length=200, blank=True
    )
    amends = models.ForeignKey(
        "self",
        verbose_name=_("amends"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amendments",
    )
    superseded = models.BooleanField(_("superseded by a correction"), default=False)
    disputed_at = models.DateTimeField(_("disputed at"), null=True, blank=True)
    dispute_comment = models.TextField(_("trainee's comment"), blank=True)
    dispute_resolved_at = models.DateTimeField(_("dispute resolved at"), null=True, blank=True)
    dispute_resolution = models.TextField(_("resolution"), blank=True)
    late = models.BooleanField(
        _("late entry"),
        default=False,
        help_text=_(
            "Entered (or deferred) for a month whose pay period is closed; the difference it "
            "makes is paid in a later pay period."
        ),
    )
    paid_in = PlausibleDateField(
        _("paid in the pay period of"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("For a late entry: the month whose pay period paid it."),
    )
    submission = models.ForeignKey(
        "CrewSheetSubmission",
        verbose_name=_("crew sheet"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="work_logs",
        editable=False,
    )

    history = HistoricalRecords(excluded_fields=["minutes"])
    objects = WorkLogQuerySet.as_manager()
    visibility: ClassVar[Visibility] = Visibility(
        trainee="trainee", roles=WORK_ROLES, instructor_workshop="workshop"
    )

    class Meta:
        verbose_name = _("work log")
        verbose_name_plural = _("work logs")
        ordering = ["-date", "start"]
        indexes = [
            models.Index(fields=["trainee", "date"]),
            models.Index(fields=["workshop", "date"]),
            models.Index(fields=["date", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="work_log_ends_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(minutes__gt=0), name="work_log_takes_minutes"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trainee} {self.date} {self.start:%H:%M}–{self.end:%H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Every path that saves a log (pages, API, back office, imports) keeps the rules that
        must always hold: the end after the start, no overlap with the trainee's other work,
        and a day code only on a working day inside the programme."""
        self.minutes = minutes_of(self.end) - minutes_of(self.start)
        fields = kwargs.get("update_fields")
        if fields is not None and {"start", "end"} & set(fields):
            kwargs["update_fields"] = fields = [*fields, "minutes"]
        with transaction.atomic():
            if fields is None or CHECKED_FIELDS & set(fields):
                problems = self.broken_rules()
                if problems:
                    raise ValidationError({"date": problems})
            super().save(*args, **kwargs)

    def broken_rules(self) -> list[str]:
        """What this log breaks of the rules every log keeps (the last guard: the pages and the
        API give the same refusals, row by row, through validation.RuleBook)."""
        span = Span(minutes_of(self.start), minutes_of(self.end))
        if span.end <= span.start:
            return [gettext("The end must be after the start.")]
        window = (
            Trainee.objects.filter(pk=self.trainee_id)
            .values_list("participation_started_on", "exited_on")
            .first()
        )
        started, exited = window if window is not None else (None, None)
        in_programme = started is not None and started <= self.date
        in_programme = in_programme and (exited is None or self.date <= exited)
        found = day_code_problems(self.date, is_working_day(self.date), in_programme)
        found += self._elsewhere()
        closed = LockedPeriod.objects.filter(first_day__lte=self.date, last_day__gte=self.date)
        if not self.late and closed.exists():
            found.append(
                Violation(
                    "locked_period",
                    gettext("%(date)s is in a closed month: record it as a late entry.")
                    % {"date": self.date.isoformat()},
                )
            )
        if self.is_working and not self.superseded:
            others = (
                WorkLog.objects.current()
                .working()
                .filter(trainee_id=self.trainee_id, date=self.date)
                .exclude(pk__in=[pk for pk in (self.pk, self.amends_id) if pk])
            )
            if self.pk:  # a correction replaces the log it amends: they may overlap
                others = others.exclude(amends_id=self.pk)
            spans = [
                Span(minutes_of(start), minutes_of(end))
                for start, end in others.values_list("start", "end")
            ]
            found += overlaps(span, spans)
        return [violation.message for violation in found]

    def _elsewhere(self) -> list[Violation]:
        """The task, skill and shift a log names belong to its own workshop (and day)."""
        found = []
        for name, message in (
            ("task", _("The task belongs to another workshop.")),
            ("skill", _("The skill belongs to another workshop.")),
            ("shift", _("The shift belongs to another workshop.")),
        ):
            related = getattr(self, name) if getattr(self, f"{name}_id") else None
            if related is not None and related.workshop_id != self.workshop_id:
                found.append(Violation(f"{name}_elsewhere", str(message)))
        if self.shift_id and self.shift is not None and self.shift.date != self.date:
            found.append(Violation("shift_elsewhere", gettext("The shift is on another day.")))
        if self.work_type == WorkType.EMPLOYER_PAID and not self.workshop.partner_employer:
            found.append(
                Violation(
                    "employer_paid_elsewhere",
                    gettext("Only a placement day at an employer is paid by the employer."),
                )
            )
        return found

    @property
    def is_working(self) -> bool:
        return self.attendance in WORKING_CODES

    @property
    def is_editable(self) -> bool:
        return self.status in (WorkLogStatus.DRAFT, WorkLogStatus.SUBMITTED)

    @property
    def has_open_dispute(self) -> bool:
        return self.disputed_at is not None and self.dispute_resolved_at is None

    def set_status(self, new: str, by: Any, reason: str = "") -> None:
        """Move this log along the table, under a row lock so an approval and an edit of the
        same log never overwrite each other."""
        with transaction.atomic():
            current = WorkLog.objects.select_for_update().get(pk=self.pk)
            WorkLog.change_status([current], new, by, reason)
        self.status = new

    @staticmethod
    def change_status(
        logs: Iterable[WorkLog] | QuerySet[WorkLog], new: str, by: Any, reason: str = ""
    ) -> int:
        """The one door through which a log's status changes (draft → submitted → approved →
        locked, and locked → approved when a month is reopened): each change is checked
        against the table and written to the log's history with who, when and why. Logs are
        given as instances, or as a query (thousands at once: the month's close), which is
        locked here; instances the caller holds under a row lock."""
        if isinstance(logs, QuerySet):
            rows = list(logs.select_for_update().values_list("pk", "status"))
            instances: list[WorkLog] = []
        else:
            instances = list(logs)
            rows = [(log.pk, log.status) for log in instances]
        for _pk, status in rows:
            if new not in ALLOWED_LOG_STATUS_CHANGES[status]:
                raise InvalidTransitionError(
                    gettext("A work log cannot go from %(current)s to %(new)s.")
                    % {"current": WorkLogStatus(status).label, "new": WorkLogStatus(new).label}
                )
        now = timezone.now()
        user = by if getattr(by, "pk", None) else None
        ids = [pk for pk, _status in rows]
        update_with_history(WorkLog, ids, {"status": new}, user, reason or f"status → {new}", now)
        for log in instances:
            log.status, log.modified_at = new, now
            if user is not None:
                log.modified_by = user
        return len(ids)

    def dispute(self, comment: str, by: Any = None) -> None:
        """The trainee says this entry is wrong; it stays flagged until staff resolve it. Any
        entry may be disputed, a closed month's too, so the row's own rules are not checked
        again; the dispute is in the log's history."""
        comment = comment.strip()
        if not comment:
            raise ValidationError(
                {"dispute_comment": gettext("Say what is wrong with this entry.")}
            )
        values = {
            "disputed_at": timezone.now(),
            "dispute_comment": comment,
            "dispute_resolved_at": None,
            "dispute_resolution": "",
        }
        with transaction.atomic():
            update_with_history(WorkLog, [self.pk], values, by, "disputed")
            self.refresh_from_db()
            notices.log_disputed(self)

    def resolve_dispute(self, resolution: str, by: Any) -> None:
        if not self.has_open_dispute:
            raise InvalidTransitionError(gettext("This entry has no open dispute."))
        self.dispute_resolved_at = timezone.now()
        self.dispute_resolution = resolution.strip()
        self.stamp(by)
        with transaction.atomic():
            self.save(
                update_fields=[
                    "dispute_resolved_at",
                    "dispute_resolution",
                    "modified_at",
                    "modified_by",
                ]
            )
            notices.dispute_answered(self)


class CrewSheetSubmission(models.Model):
    """One submitted crew sheet. Its token is unique, so a tablet resending the same form
    (a flaky connection) cannot save the day twice."""

    token = models.UUIDField(_("token"), unique=True, default=uuid.uuid4, editable=False)
    workshop = models.ForeignKey(
        "people.Workshop", verbose_name=_("workshop"), on_delete=models.PROTECT, related_name="+"
    )
    date = PlausibleDateField(_("date"))
    submitted_by = models.ForeignKey(
        "auth.User", verbose_name=_("submitted by"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("crew sheet")
        verbose_name_plural = _("crew sheets")

    def __str__(self) -> str:
        return f"{self.workshop} {self.date}"


def week_of(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """Monday and Sunday of ``day``'s week."""
    monday = day - datetime.timedelta(days=day.weekday())
    return monday, monday + datetime.timedelta(days=6)
