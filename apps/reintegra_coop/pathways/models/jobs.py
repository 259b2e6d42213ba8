"""An employer's job opening and the readiness it asks for: hours in skills, an attendance rate,
a punctuality streak and an achieved milestone (matching.py reads these)."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from reintegra_coop.core.dates import PlausibleDateField
from reintegra_coop.core.models import TrackedModel
from reintegra_coop.core.scoping import Visibility

from .partners import PATHWAY_ROLES, OrganisationKind


class OpeningStatus(models.TextChoices):
    OPEN = "open", _("Open")
    FILLED = "filled", _("Filled")
    CLOSED = "closed", _("Closed")


class Opening(TrackedModel):
    employer = models.ForeignKey(
        "pathways.Organisation",
        verbose_name=_("employer"),
        on_delete=models.PROTECT,
        related_name="openings",
        limit_choices_to={"kind": OrganisationKind.EMPLOYER},
    )
    title = models.CharField(_("job"), max_length=200)
    place = models.CharField(_("place of work"), max_length=200, blank=True)
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours a week"), default=40, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    positions = models.PositiveSmallIntegerField(
        _("positions"), default=1, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    starts_on = PlausibleDateField(_("from"), null=True, blank=True)
    ends_on = PlausibleDateField(_("until"), null=True, blank=True)
    min_attendance_percent = models.DecimalField(
        _("attendance at least (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(1)), MaxValueValidator(Decimal(100))],
    )
    attendance_weeks = models.PositiveSmallIntegerField(
        _("attendance over the last weeks"),
        default=8,
        validators=[MinValueValidator(1), MaxValueValidator(26)],
    )
    min_punctuality_streak = models.PositiveSmallIntegerField(
        _("shifts in a row on time, at least"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(200)],
    )
    milestone_title = models.CharField(
        _("achieved milestone"),
        max_length=200,
        blank=True,
        help_text=_("A milestone the trainee must have achieved, by its title (e.g. a course)."),
    )
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=OpeningStatus.choices, default=OpeningStatus.OPEN
    )

    history = HistoricalRecords()
    visibility: ClassVar[Visibility] = Visibility(roles=PATHWAY_ROLES)

    class Meta:
        verbose_name = _("job opening")
        verbose_name_plural = _("job openings")
        ordering = ["-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="opening_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.employer})"

    def clean(self) -> None:
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end cannot be before the start.")})
        if self.employer_id and self.employer.kind != OrganisationKind.EMPLOYER:
            raise ValidationError({"employer": _("Only an employer offers job openings.")})


class OpeningSkill(models.Model):
    """Hours in a skill an opening asks for (approved hours, from the workshops' skills)."""

    opening = models.ForeignKey(
        Opening, verbose_name=_("job opening"), on_delete=models.CASCADE, related_name="skills"
    )
    skill = models.ForeignKey(
        "people.Skill", verbose_name=_("skill"), on_delete=models.PROTECT, related_name="+"
    )
    hours = models.PositiveIntegerField(
        _("hours at least"), validators=[MinValueValidator(1), MaxValueValidator(10000)]
    )

    class Meta:
        verbose_name = _("skill asked for")
        verbose_name_plural = _("skills asked for")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["opening", "skill"], name="one_row_per_opening_skill")
        ]

    def __str__(self) -> str:
        return f"{self.skill} ≥ {self.hours} h"
