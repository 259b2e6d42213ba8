"""Care: what the trainee's care plan asks of their work. Therapy plans, individual plans and
milestones come with the care issue; the work constraints are here first because rosters and
work logs are checked against them."""

from __future__ import annotations

from typing import ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from reintegra_coop.core.dates import PlausibleDateField
from reintegra_coop.core.models import TrackedModel
from reintegra_coop.core.scoping import Visibility

MINUTES_IN_A_WEEK = 7 * 24 * 60


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class WorkConstraint(TrackedModel):
    """Limits on a trainee's work set by their care worker. Instructors see the limits and the
    times a trainee is unavailable, never the clinical reason."""

    trainee = models.OneToOneField(
        "people.Trainee",
        verbose_name=_("trainee"),
        on_delete=models.CASCADE,
        related_name="work_constraint",
    )
    max_minutes_per_day = models.PositiveIntegerField(
        _("most minutes a day"), null=True, blank=True, validators=[MaxValueValidator(24 * 60)]
    )
    max_minutes_per_week = models.PositiveIntegerField(
        _("most minutes a week"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MINUTES_IN_A_WEEK)],
    )
    earliest_start = models.TimeField(_("earliest start"), null=True, blank=True)
    latest_end = models.TimeField(_("latest end"), null=True, blank=True)
    valid_from = PlausibleDateField(_("valid from"), null=True, blank=True)
    valid_until = PlausibleDateField(_("valid until"), null=True, blank=True)

    history = HistoricalRecords()

    visibility: ClassVar[Visibility] = Visibility(trainee="trainee")

    class Meta:
        verbose_name = _("work constraint")
        verbose_name_plural = _("work constraints")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_from__isnull=True)
                | models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="work_constraint_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return str(self.trainee)

    def clean(self) -> None:
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("The end cannot be before the start.")})
        if self.earliest_start and self.latest_end and self.latest_end <= self.earliest_start:
            raise ValidationError(
                {"latest_end": _("The latest end must be after the earliest start.")}
            )


class UnavailableBlock(TrackedModel):
    """A recurring time the trainee cannot work (a care appointment, a morning treatment visit).
    The reason is care data: shown to the trainee's care workers only."""

    constraint = models.ForeignKey(
        WorkConstraint,
        verbose_name=_("work constraint"),
        on_delete=models.CASCADE,
        related_name="blocks",
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    start = models.TimeField(_("from"))
    end = models.TimeField(_("until"))
    reason = models.CharField(_("reason (care workers only)"), max_length=200, blank=True)
    valid_from = PlausibleDateField(_("valid from"), null=True, blank=True)
    valid_until = PlausibleDateField(_("valid until"), null=True, blank=True)

    history = HistoricalRecords()

    visibility: ClassVar[Visibility] = Visibility(trainee="constraint__trainee")

    class Meta:
        verbose_name = _("unavailable time")
        verbose_name_plural = _("unavailable times")
        ordering = ["weekday", "start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_from__isnull=True)
                | models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="unavailable_block_valid_range",
            ),
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")),
                name="unavailable_block_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start:%H:%M}–{self.end:%H:%M}"

    def clean(self) -> None:
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The end must be after the start.")})


class CommunityServiceOrder(TrackedModel):
    """Court-ordered community service: hours come from approved community-service logs."""

    trainee = models.ForeignKey(
        "people.Trainee",
        verbose_name=_("trainee"),
        on_delete=models.PROTECT,
        related_name="service_orders",
    )
    court_reference = models.CharField(_("court reference"), max_length=100)
    total_hours = models.PositiveIntegerField(_("hours ordered"))
    monthly_minimum_hours = models.PositiveIntegerField(
        _("monthly minimum hours"), null=True, blank=True, default=20
    )
    monthly_maximum_hours = models.PositiveIntegerField(
        _("monthly maximum hours"), null=True, blank=True, default=40
    )
    start = PlausibleDateField(_("starts on"))
    deadline = PlausibleDateField(_("deadline"))

    visibility: ClassVar[Visibility] = Visibility(trainee="trainee")

    class Meta:
        verbose_name = _("community-service order")
        verbose_name_plural = _("community-service orders")
        ordering = ["deadline"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(deadline__gte=models.F("start")),
                name="service_order_deadline_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trainee}: {self.court_reference}"

    def clean(self) -> None:
        if self.deadline and self.start and self.deadline < self.start:
            raise ValidationError({"deadline": _("The deadline cannot be before the start.")})
        low, high = self.monthly_minimum_hours, self.monthly_maximum_hours
        if low is not None and high is not None and high < low:
            raise ValidationError({"monthly_maximum_hours": _("The maximum is below the minimum.")})


from .pauses import ParticipationPause  # noqa: E402
from .plans import (  # noqa: E402 - the plans live in their own module, one models package
    ClinicalRead,
    ClinicalRecord,
    Diagnosis,
    IndividualPlan,
    Milestone,
    PlanGoal,
    PlanReview,
    SocialContract,
    TherapyPlan,
)

__all__ = [
    "ClinicalRead",
    "ClinicalRecord",
    "CommunityServiceOrder",
    "Diagnosis",
    "IndividualPlan",
    "Milestone",
    "ParticipationPause",
    "PlanGoal",
    "PlanReview",
    "SocialContract",
    "TherapyPlan",
    "UnavailableBlock",
    "WorkConstraint",
]
