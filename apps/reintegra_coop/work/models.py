"""Work: the work log, the central record of who worked where, when and on what.

The roster, attendance rules and the instructor's crew sheet come with the work issue; the
orders area already reads logs attached to production tasks for an order's labour cost.
"""

from __future__ import annotations

from typing import ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from reintegra_coop.core.models import TrackedModel
from reintegra_coop.core.roles import Role
from reintegra_coop.core.scoping import Visibility


class AttendanceCode(models.TextChoices):
    PRESENT = "present", _("Present")
    LATE = "late", _("Late")
    EXCUSED = "excused", _("Excused absence")
    UNEXCUSED = "unexcused", _("Unexcused absence")
    SICK = "sick", _("Sick")
    DAY_OFF = "day_off", _("Day off")


class WorkType(models.TextChoices):
    PAID_WORK = "paid_work", _("Paid work")
    TRAINING = "training", _("Training")
    IN_KIND_RENT = "in_kind_rent", _("In-kind rent")
    COMMUNITY_SERVICE = "community_service", _("Community service")
    VOLUNTEER = "volunteer", _("Volunteer")


class WorkLogStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    LOCKED = "locked", _("Locked")


class WorkLogQuerySet(models.QuerySet["WorkLog"]):
    def approved(self) -> WorkLogQuerySet:
        return self.filter(status__in=[WorkLogStatus.APPROVED, WorkLogStatus.LOCKED])


class WorkLog(TrackedModel):
    trainee = models.ForeignKey(
        "people.Trainee",
        verbose_name=_("trainee"),
        on_delete=models.PROTECT,
        related_name="work_logs",
    )
    date = models.DateField(_("date"))
    start = models.TimeField(_("start"))
    end = models.TimeField(_("end"))
    minutes = models.PositiveIntegerField(_("minutes"), editable=False, default=0)
    workshop = models.ForeignKey(
        "people.Workshop",
        verbose_name=_("workshop"),
        on_delete=models.PROTECT,
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

    objects = WorkLogQuerySet.as_manager()
    visibility: ClassVar[Visibility] = Visibility(
        trainee="trainee",
        roles=(Role.MANAGER, Role.ACCOUNTANT, Role.INSTRUCTOR, Role.CARE_WORKER, Role.TRAINEE),
    )

    class Meta:
        verbose_name = _("work log")
        verbose_name_plural = _("work logs")
        ordering = ["-date", "start"]

    def __str__(self) -> str:
        return f"{self.trainee} {self.date} {self.start:%H:%M}–{self.end:%H:%M}"

    def clean(self) -> None:
        if self.start is not None and self.end is not None and self.end <= self.start:
            raise ValidationError({"end": _("The end must be after the start.")})

    def save(self, *args: object, **kwargs: object) -> None:
        self.minutes = (self.end.hour * 60 + self.end.minute) - (
            self.start.hour * 60 + self.start.minute
        )
        super().save(*args, **kwargs)  # type: ignore[arg-type]
