"""A funding project (e.g. a European Social Fund project) and its participants, and the
characteristics a funder asks about, kept for a trainee only with their recorded consent."""

from __future__ import annotations

from typing import ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from reintegra_coop.core.dates import PlausibleDateField
from reintegra_coop.core.models import TrackedModel
from reintegra_coop.core.roles import Role
from reintegra_coop.core.scoping import Visibility


class FundingProject(TrackedModel):
    name = models.CharField(_("name"), max_length=200, unique=True)
    funder = models.CharField(_("funder"), max_length=200)
    reference = models.CharField(_("contract number"), max_length=100, blank=True)
    starts_on = PlausibleDateField(_("from"))
    ends_on = PlausibleDateField(_("until"))
    participants = models.ManyToManyField(
        "people.Trainee", verbose_name=_("participants"), blank=True, related_name="+"
    )

    history = HistoricalRecords(m2m_fields=[participants])
    visibility: ClassVar[Visibility] = Visibility(roles=(Role.MANAGER,))

    class Meta:
        verbose_name = _("funding project")
        verbose_name_plural = _("funding projects")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="funding_project_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end cannot be before the start.")})


class Sex(models.TextChoices):
    FEMALE = "female", _("Woman")
    MALE = "male", _("Man")
    OTHER = "other", _("Another answer")


class ParticipantProfile(TrackedModel):
    """What a funder's report counts about a person. Kept only with the trainee's consent
    (the day it was given); without it the report counts them as "not recorded"."""

    trainee = models.OneToOneField(
        "people.Trainee",
        verbose_name=_("trainee"),
        on_delete=models.PROTECT,
        related_name="funder_profile",
    )
    consent_on = PlausibleDateField(
        _("consent given on"),
        help_text=_("The day the trainee agreed to these being recorded for the funder."),
    )
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, blank=True)
    long_term_unemployed = models.BooleanField(_("long-term unemployed"), null=True, blank=True)
    homeless = models.BooleanField(_("homeless at the start"), null=True, blank=True)
    disability = models.BooleanField(_("with a disability"), null=True, blank=True)

    history = HistoricalRecords()
    visibility: ClassVar[Visibility] = Visibility(
        trainee="trainee", roles=(Role.MANAGER, Role.CARE_WORKER)
    )

    class Meta:
        verbose_name = _("characteristics for the funder")
        verbose_name_plural = _("characteristics for the funder")

    def __str__(self) -> str:
        return str(self.trainee)

    def clean(self) -> None:
        if self.consent_on and self.consent_on > timezone.localdate():
            raise ValidationError(
                {"consent_on": _("A consent is recorded once it is given, not ahead.")}
            )
