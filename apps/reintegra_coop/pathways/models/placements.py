"""A placement: on-the-job training at an employer, usually up to six months, with a job coach
from staff, terms for who pays, days worked (work logs, placements.py) and employer feedback."""

from __future__ import annotations

import datetime
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from reintegra_coop.core.dates import PlausibleDateField
from reintegra_coop.core.exceptions import InvalidTransitionError
from reintegra_coop.core.models import TrackedModel
from reintegra_coop.core.money import money_field
from reintegra_coop.core.roles import Role
from reintegra_coop.core.scoping import Visibility

from .partners import OrganisationKind

PLACEMENT_MONTHS = 6  # the usual length; a longer one is allowed


class PayTerms(models.TextChoices):
    COOPERATIVE_PAYS = "cooperative_pays", _("The cooperative keeps paying (stipend or wage)")
    EMPLOYER_PAYS = "employer_pays", _("The employer pays a wage")
    SUBSIDISED = "subsidised", _("The cooperative pays, with a subsidy")


class PlacementStatus(models.TextChoices):
    ACTIVE = "active", _("Under way")
    COMPLETED = "completed", _("Completed")
    ENDED_EARLY = "ended_early", _("Ended early")


# A placement runs until it ends, completed or early; an ended one stays ended.
ALLOWED_PLACEMENT_CHANGES: dict[str, frozenset[str]] = {
    PlacementStatus.ACTIVE: frozenset({PlacementStatus.COMPLETED, PlacementStatus.ENDED_EARLY}),
    PlacementStatus.COMPLETED: frozenset(),
    PlacementStatus.ENDED_EARLY: frozenset(),
}


class Placement(TrackedModel):
    trainee = models.ForeignKey(
        "people.Trainee", verbose_name=_("trainee"), on_delete=models.PROTECT, related_name="+"
    )
    employer = models.ForeignKey(
        "pathways.Organisation",
        verbose_name=_("employer"),
        on_delete=models.PROTECT,
        related_name="placements",
        limit_choices_to={"kind": OrganisationKind.EMPLOYER},
    )
    opening = models.ForeignKey(
        "pathways.Opening",
        verbose_name=_("job opening"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placements",
    )
    job_coach = models.ForeignKey(
        "people.StaffMember",
        verbose_name=_("job coach"),
        on_delete=models.PROTECT,
        related_name="coached_placements",
    )
    starts_on = PlausibleDateField(_("from"))
    planned_end_on = PlausibleDateField(_("planned until"))
    ended_on = PlausibleDateField(_("ended on"), null=True, blank=True, editable=False)
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours a week"), default=20, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    days_to_complete = models.PositiveSmallIntegerField(
        _("days worked to complete it"),
        validators=[MinValueValidator(1), MaxValueValidator(400)],
        help_text=_("The placement milestone is achieved after this many days worked."),
    )
    pay_terms = models.CharField(_("who pays"), max_length=20, choices=PayTerms.choices)
    subsidy_per_month = money_field(
        _("subsidy a month"),
        null=True,
        blank=True,
        help_text=_("For a subsidised placement: what the labour office refunds a month."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PlacementStatus.choices,
        default=PlacementStatus.ACTIVE,
        editable=False,
    )
    end_note = models.TextField(_("how it ended"), blank=True, editable=False)
    milestone = models.OneToOneField(
        "care.Milestone",
        verbose_name=_("placement milestone"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="placement",
    )

    history = HistoricalRecords()
    # Instructors see a placement only as its job coach (pathways/scoping.py).
    visibility: ClassVar[Visibility] = Visibility(
        trainee="trainee", roles=(Role.MANAGER, Role.CARE_WORKER)
    )

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(planned_end_on__gte=models.F("starts_on")),
                name="placement_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(subsidy_per_month__isnull=True)
                | models.Q(subsidy_per_month__gte=0),
                name="placement_subsidy_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trainee} — {self.employer}"

    def clean(self) -> None:
        if self.planned_end_on and self.starts_on and self.planned_end_on < self.starts_on:
            raise ValidationError({"planned_end_on": _("The end cannot be before the start.")})
        if self.employer_id and self.employer.kind != OrganisationKind.EMPLOYER:
            raise ValidationError({"employer": _("A placement is at an employer.")})
        if self.pay_terms == PayTerms.SUBSIDISED and self.subsidy_per_month is None:
            raise ValidationError(
                {"subsidy_per_month": _("Enter the subsidy of a subsidised placement.")}
            )
        if self.pay_terms != PayTerms.SUBSIDISED:
            self.subsidy_per_month = None

    @property
    def is_active(self) -> bool:
        return self.status == PlacementStatus.ACTIVE

    def change_status(self, new: str, on: datetime.date, note: str, by: Any) -> None:
        """The one door of a placement's status: it ends on ``on``, with a note."""
        if new not in ALLOWED_PLACEMENT_CHANGES[self.status]:
            raise InvalidTransitionError(
                gettext("A placement cannot go from %(current)s to %(new)s.")
                % {
                    "current": PlacementStatus(self.status).label,
                    "new": PlacementStatus(new).label,
                }
            )
        self.status, self.ended_on, self.end_note = new, on, note
        self.stamp(by)
        self.save()


class FeedbackPoint(models.TextChoices):
    FIRST_MONTH = "first_month", _("After the first month")
    THIRD_MONTH = "third_month", _("After three months")
    END = "end", _("At the end")


class PlacementFeedback(TrackedModel):
    """The employer's word at a set point: marks from 1 (poor) to 5 (very good) and a note."""

    placement = models.ForeignKey(
        Placement, verbose_name=_("placement"), on_delete=models.CASCADE, related_name="feedback"
    )
    point = models.CharField(_("when"), max_length=20, choices=FeedbackPoint.choices)
    given_on = PlausibleDateField(_("given on"))
    given_by = models.CharField(_("given by (at the employer)"), max_length=200)
    punctuality = models.PositiveSmallIntegerField(
        _("punctuality"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    quality = models.PositiveSmallIntegerField(
        _("quality of work"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    teamwork = models.PositiveSmallIntegerField(
        _("working with others"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    note = models.TextField(_("what the employer said"), blank=True)

    visibility: ClassVar[Visibility] = Visibility(
        trainee="placement__trainee", roles=(Role.MANAGER, Role.CARE_WORKER)
    )

    class Meta:
        verbose_name = _("employer feedback")
        verbose_name_plural = _("employer feedback")
        ordering = ["given_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "point"], name="one_feedback_per_placement_point"
            ),
            *(
                models.CheckConstraint(
                    condition=models.Q(**{f"{mark}__gte": 1, f"{mark}__lte": 5}),
                    name=f"feedback_{mark}_from_1_to_5",
                )
                for mark in ("punctuality", "quality", "teamwork")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.placement} {self.get_point_display()}"
