"""Partner organisations (employers, offices, services), their contacts and agreements, and
referrals between them and the cooperative."""

from __future__ import annotations

import datetime
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from reintegra_coop.core.dates import PlausibleDateField
from reintegra_coop.core.models import TrackedModel
from reintegra_coop.core.roles import Role
from reintegra_coop.core.scoping import Visibility

#: who works with partners and referrals: the coordinators of the pathway out
PATHWAY_ROLES = (Role.MANAGER, Role.CARE_WORKER)


class OrganisationKind(models.TextChoices):
    EMPLOYER = "employer", _("Employer")
    SOCIAL_WELFARE_OFFICE = "social_welfare_office", _("Social-welfare office")
    LABOUR_OFFICE = "labour_office", _("Labour office")
    PROBATION_SERVICE = "probation_service", _("Probation service")
    THERAPY_CENTRE = "therapy_centre", _("Therapy centre")
    HOUSING_PROVIDER = "housing_provider", _("Housing provider")
    SCHOOL = "school", _("School")


class EmployerTie(models.TextChoices):
    COOPERATING = "cooperating", _("Cooperating employer")
    CONTRACTED = "contracted", _("Contracted employer")


class Organisation(TrackedModel):
    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices)
    employer_tie = models.CharField(
        _("ties with the cooperative"),
        max_length=20,
        choices=EmployerTie.choices,
        blank=True,
        help_text=_("For an employer: cooperating, or contracted by an agreement."),
    )
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    note = models.TextField(_("note"), blank=True)
    active = models.BooleanField(_("active"), default=True)
    # The employer's place in the work record: placement days are work logs "in" it, so they
    # count in attendance, milestones and the month's pay like workshop days (placements.py).
    placement_workshop = models.OneToOneField(
        "people.Workshop",
        verbose_name=_("placement days are logged as"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="employer",
    )

    history = HistoricalRecords()
    visibility: ClassVar[Visibility] = Visibility(roles=PATHWAY_ROLES)

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.kind == OrganisationKind.EMPLOYER and not self.employer_tie:
            raise ValidationError(
                {"employer_tie": _("Say whether the employer is cooperating or contracted.")}
            )
        if self.kind != OrganisationKind.EMPLOYER:
            self.employer_tie = ""

    @property
    def is_employer(self) -> bool:
        return self.kind == OrganisationKind.EMPLOYER


class Contact(TrackedModel):
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    visibility: ClassVar[Visibility] = Visibility(roles=PATHWAY_ROLES)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Agreement(TrackedModel):
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    title = models.CharField(_("title"), max_length=200)
    starts_on = PlausibleDateField(_("from"))
    ends_on = PlausibleDateField(_("until"), null=True, blank=True)
    terms = models.TextField(_("terms"), blank=True)

    history = HistoricalRecords()
    visibility: ClassVar[Visibility] = Visibility(roles=PATHWAY_ROLES)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="agreement_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end cannot be before the start.")})

    def in_force_on(self, day: datetime.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


class ReferralDirection(models.TextChoices):
    TO_PARTNER = "to_partner", _("We refer the trainee to the partner")
    FROM_PARTNER = "from_partner", _("The partner referred the person to us")


class ReferralAnswer(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class Referral(TrackedModel):
    """Who referred whom to whom, why, when, and the answer. A referral to a partner sends the
    trainee's data there: it needs the trainee's consent for that partner (referrals.py)."""

    trainee = models.ForeignKey(
        "people.Trainee", verbose_name=_("trainee"), on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("partner organisation"),
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    opening = models.ForeignKey(
        "pathways.Opening",
        verbose_name=_("job opening"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
    )
    direction = models.CharField(
        _("direction"),
        max_length=20,
        choices=ReferralDirection.choices,
        default=ReferralDirection.TO_PARTNER,
    )
    referred_on = PlausibleDateField(_("referred on"))
    referred_by = models.CharField(
        _("referred by"),
        max_length=200,
        help_text=_("The person who made the referral (at the partner, if it came from there)."),
    )
    reason = models.TextField(_("why"))
    answer = models.CharField(
        _("answer"), max_length=20, choices=ReferralAnswer.choices, default=ReferralAnswer.PENDING
    )
    answered_on = PlausibleDateField(_("answered on"), null=True, blank=True)
    answer_note = models.TextField(_("about the answer"), blank=True)

    history = HistoricalRecords()
    visibility: ClassVar[Visibility] = Visibility(trainee="trainee", roles=PATHWAY_ROLES)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-referred_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(answered_on__isnull=True)
                | models.Q(answered_on__gte=models.F("referred_on")),
                name="referral_answered_after_it_was_made",
            )
        ]

    def __str__(self) -> str:
        return f"{self.trainee} → {self.organisation}"

    @property
    def sends_data(self) -> bool:
        return self.direction == ReferralDirection.TO_PARTNER

    def record_answer(self, answer: str, on: datetime.date, note: str, by: Any) -> None:
        if self.answer != ReferralAnswer.PENDING:
            raise ValidationError(gettext("The referral has its answer already."))
        if answer not in (ReferralAnswer.ACCEPTED, ReferralAnswer.DECLINED):
            raise ValidationError({"answer": gettext("Choose accepted or declined.")})
        if on < self.referred_on:
            raise ValidationError(
                {"answered_on": gettext("The answer cannot come before the referral.")}
            )
        if on > timezone.localdate():
            raise ValidationError({"answered_on": gettext("The answer cannot be in the future.")})
        self.answer, self.answered_on, self.answer_note = answer, on, note.strip()
        self.stamp(by)
        self.save()
