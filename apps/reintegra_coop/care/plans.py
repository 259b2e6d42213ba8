"""Therapy plans (clinical, care workers of the trainee only; every read logged), the
diagnosis that opens an individual plan, individual plans with goals and reviews, the
tripartite social contract, and milestones (relapse pauses: pauses.py)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from reintegra_coop.core.dates import PlausibleDateField
from reintegra_coop.core.models import TrackedModel
from reintegra_coop.core.roles import Role
from reintegra_coop.core.scoping import Visibility

from .milestones import share_of

CARE_TEAM = Visibility(trainee="trainee", care_data=True)


class TherapyPlan(TrackedModel):
    """Clinical content: readable only by the trainee's own care workers (GDPR art. 9)."""

    trainee = models.OneToOneField(
        "people.Trainee",
        verbose_name=_("trainee"),
        on_delete=models.PROTECT,
        related_name="therapy_plan",
    )
    session_schedule = models.TextField(_("session schedule"), blank=True)
    goals = models.TextField(_("therapy goals"), blank=True)
    clinical_notes = models.TextField(_("clinical notes"), blank=True)

    history = HistoricalRecords()

    visibility: ClassVar[Visibility] = CARE_TEAM

    class Meta:
        verbose_name = _("therapy plan")
        verbose_name_plural = _("therapy plans")

    def __str__(self) -> str:
        return str(self.trainee)


class ClinicalRecord(models.TextChoices):
    THERAPY_PLAN = "therapy_plan", _("therapy plan")
    DIAGNOSIS = "diagnosis", _("diagnosis")
    UNAVAILABLE_TIMES = "unavailable_times", _("unavailable times")
    PAUSE = "pause", _("participation pause")


class ClinicalRead(models.Model):
    """Who read which clinical record of a trainee (the therapy plan, a diagnosis, the reasons
    of the unavailable times, a relapse pause), and when."""

    reader = models.ForeignKey(
        "auth.User", verbose_name=_("reader"), on_delete=models.PROTECT, related_name="+"
    )
    trainee = models.ForeignKey(
        "people.Trainee", verbose_name=_("trainee"), on_delete=models.CASCADE, related_name="+"
    )
    record = models.CharField(
        _("record"),
        max_length=30,
        choices=ClinicalRecord.choices,
        default=ClinicalRecord.THERAPY_PLAN,
    )
    plan = models.ForeignKey(
        TherapyPlan,
        verbose_name=_("therapy plan"),
        on_delete=models.CASCADE,
        related_name="reads",
        null=True,
        blank=True,
    )
    read_at = models.DateTimeField(_("read at"), auto_now_add=True)

    visibility: ClassVar[Visibility] = Visibility(trainee="trainee", care_data=True)

    class Meta:
        verbose_name = _("clinical record read")
        verbose_name_plural = _("clinical record reads")
        ordering = ["-read_at"]

    def __str__(self) -> str:
        return f"{self.reader} {self.read_at:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.trainee_id is None and self.plan is not None:
            self.trainee_id = self.plan.trainee_id  # a read of the plan is a read of its trainee
        super().save(*args, **kwargs)


class DiagnosisRole(models.TextChoices):
    PSYCHOLOGIST = "psychologist", _("Psychologist")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    VOCATIONAL_COUNSELLOR = "vocational_counsellor", _("Vocational counsellor")


class Diagnosis(TrackedModel):
    """One of the three assessments before an individual plan opens."""

    trainee = models.ForeignKey(
        "people.Trainee",
        verbose_name=_("trainee"),
        on_delete=models.PROTECT,
        related_name="diagnoses",
    )
    by_role = models.CharField(_("assessed as"), max_length=30, choices=DiagnosisRole.choices)
    assessed_on = PlausibleDateField(_("assessed on"))
    recommends = models.BooleanField(_("recommends the programme"))
    summary = models.TextField(_("summary"), blank=True)

    history = HistoricalRecords()

    visibility: ClassVar[Visibility] = CARE_TEAM

    class Meta:
        verbose_name = _("diagnosis")
        verbose_name_plural = _("diagnoses")
        constraints = [
            models.UniqueConstraint(fields=["trainee", "by_role"], name="one_diagnosis_per_role")
        ]

    def __str__(self) -> str:
        return f"{self.trainee}: {self.get_by_role_display()}"


class IndividualPlan(TrackedModel):
    trainee = models.OneToOneField(
        "people.Trainee",
        verbose_name=_("trainee"),
        on_delete=models.PROTECT,
        related_name="individual_plan",
    )
    opened_on = PlausibleDateField(_("opened on"))

    history = HistoricalRecords()

    visibility: ClassVar[Visibility] = Visibility(
        trainee="trainee", roles=(Role.MANAGER, Role.CARE_WORKER, Role.TRAINEE)
    )

    class Meta:
        verbose_name = _("individual plan")
        verbose_name_plural = _("individual plans")

    def __str__(self) -> str:
        return str(self.trainee)

    def clean(self) -> None:
        positive = set(
            Diagnosis.objects.filter(trainee_id=self.trainee_id, recommends=True).values_list(
                "by_role", flat=True
            )
        )
        if positive != set(DiagnosisRole.values):
            raise ValidationError(
                _(
                    "An individual plan opens after a positive diagnosis by the "
                    "psychologist, the social worker and the vocational counsellor."
                )
            )


class Sphere(models.TextChoices):
    SOCIAL = "social", _("Social")
    PSYCHOLOGICAL = "psychological", _("Psychological")
    VOCATIONAL = "vocational", _("Vocational")


class PlanGoal(TrackedModel):
    plan = models.ForeignKey(
        IndividualPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="goals"
    )
    sphere = models.CharField(_("sphere"), max_length=20, choices=Sphere.choices)
    text = models.CharField(_("goal"), max_length=300)
    reached_on = PlausibleDateField(_("reached on"), null=True, blank=True)

    history = HistoricalRecords()

    visibility: ClassVar[Visibility] = Visibility(
        trainee="plan__trainee", roles=(Role.MANAGER, Role.CARE_WORKER, Role.TRAINEE)
    )

    class Meta:
        verbose_name = _("plan goal")
        verbose_name_plural = _("plan goals")
        ordering = ["sphere", "pk"]

    def __str__(self) -> str:
        return self.text


class PlanReview(TrackedModel):
    plan = models.ForeignKey(
        IndividualPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="reviews"
    )
    reviewed_on = PlausibleDateField(_("reviewed on"))
    summary = models.TextField(_("summary"))

    history = HistoricalRecords()

    visibility: ClassVar[Visibility] = Visibility(
        trainee="plan__trainee", roles=(Role.MANAGER, Role.CARE_WORKER, Role.TRAINEE)
    )

    class Meta:
        verbose_name = _("plan review")
        verbose_name_plural = _("plan reviews")
        ordering = ["-reviewed_on"]

    def __str__(self) -> str:
        return f"{self.plan} {self.reviewed_on}"


class SocialContract(TrackedModel):
    """The tripartite contract: the trainee, the social-welfare office and the cooperative."""

    plan = models.OneToOneField(
        IndividualPlan,
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        related_name="social_contract",
    )
    welfare_office = models.CharField(_("social-welfare office"), max_length=200)
    trainee_obligations = models.TextField(_("the trainee's obligations"))
    office_obligations = models.TextField(_("the office's obligations"))
    cooperative_obligations = models.TextField(_("the cooperative's obligations"))
    rights = models.TextField(_("rights"), blank=True)
    signed_on = PlausibleDateField(_("signed on"))
    ends_on = PlausibleDateField(_("ends on"))

    history = HistoricalRecords()

    visibility: ClassVar[Visibility] = Visibility(
        trainee="plan__trainee", roles=(Role.MANAGER, Role.CARE_WORKER, Role.TRAINEE)
    )

    class Meta:
        verbose_name = _("social contract")
        verbose_name_plural = _("social contracts")

    def __str__(self) -> str:
        return f"{self.plan} ({self.welfare_office})"

    def clean(self) -> None:
        if self.signed_on and self.ends_on and self.ends_on < self.signed_on:
            raise ValidationError({"ends_on": _("The contract cannot end before it is signed.")})


class MilestoneKind(models.TextChoices):
    HOURS_IN_SKILL = "hours_in_skill", _("Hours in a skill")
    ATTENDANCE_RATE = "attendance_rate", _("Attendance rate")
    PUNCTUALITY_STREAK = "punctuality_streak", _("Punctuality streak")
    INDEPENDENT_WORK = "independent_work", _("Independent work")
    PLACEMENT = "placement", _("Placement days")
    SIGNED_OFF = "signed_off", _("Course or manual skill (signed off)")


class Milestone(TrackedModel):
    trainee = models.ForeignKey(
        "people.Trainee",
        verbose_name=_("trainee"),
        on_delete=models.PROTECT,
        related_name="milestones",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=MilestoneKind.choices)
    title = models.CharField(_("title"), max_length=200)
    target = models.DecimalField(
        _("target"),
        max_digits=9,
        decimal_places=2,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    skill = models.ForeignKey(
        "people.Skill",
        verbose_name=_("skill"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    weeks = models.PositiveSmallIntegerField(_("over the last weeks"), default=4)
    # A placement's milestone counts only its own days (set by pathways/placements.py).
    workshop = models.ForeignKey(
        "people.Workshop",
        verbose_name=_("days at"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    counts_from = PlausibleDateField(_("counts from"), null=True, blank=True, editable=False)
    counts_until = PlausibleDateField(_("counts until"), null=True, blank=True, editable=False)
    progress = models.DecimalField(
        _("progress"), max_digits=9, decimal_places=2, default=0, editable=False
    )
    achieved_on = PlausibleDateField(_("achieved on"), null=True, blank=True, editable=False)
    proof = models.ManyToManyField(
        "work.WorkLog", verbose_name=_("logs that proved it"), blank=True, related_name="+"
    )
    signed_off_by = models.ForeignKey(
        "auth.User",
        verbose_name=_("signed off by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    evidence = models.TextField(_("evidence"), blank=True)

    history = HistoricalRecords()

    visibility: ClassVar[Visibility] = Visibility(trainee="trainee")

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["trainee", "achieved_on", "pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.kind == MilestoneKind.HOURS_IN_SKILL and self.skill_id is None:
            raise ValidationError({"skill": _("Choose the skill the hours count in.")})
        if self.target is not None and self.target <= 0:
            raise ValidationError({"target": _("The target must be more than zero.")})

    @property
    def share(self) -> Decimal:
        """From 0 to 1; an achieved milestone (a sign-off included) is 1."""
        if self.achieved_on:
            return Decimal(1)
        return share_of(self.progress, self.target)
