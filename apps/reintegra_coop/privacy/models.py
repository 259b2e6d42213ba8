"""Data protection: a trainee's consents, the log of disclosures (who printed or exported whose
data), and legal holds that keep a trainee's records from being pseudonymised."""

from __future__ import annotations

import datetime
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from reintegra_coop.core.dates import PlausibleDateField
from reintegra_coop.core.models import TrackedModel
from reintegra_coop.core.roles import Role
from reintegra_coop.core.scoping import Visibility


class ConsentKind(models.TextChoices):
    PAYROLL_RENT_DEDUCTION = "payroll_rent_deduction", _("Rent deducted from pay")
    SHARING_WITH_PARTNER = "sharing_with_partner", _("Sharing data with a partner organisation")


class ConsentQuerySet(models.QuerySet["Consent"]):
    def in_force_on(self, day: datetime.date) -> ConsentQuerySet:
        return self.filter(given_on__lte=day).exclude(withdrawn_on__lte=day)


class Consent(TrackedModel):
    """A trainee's dated consent for one purpose; withdrawn, never deleted."""

    trainee = models.ForeignKey(
        "people.Trainee", verbose_name=_("trainee"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("consent to"), max_length=30, choices=ConsentKind.choices)
    partner = models.CharField(
        _("partner organisation"),
        max_length=200,
        blank=True,
        help_text=_("Only for sharing data: the organisation the data may go to."),
    )
    organisation = models.ForeignKey(
        "pathways.Organisation",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"active": True},
        help_text=_("Only for sharing data: the partner on record the data may go to."),
    )
    given_on = PlausibleDateField(_("given on"))
    withdrawn_on = PlausibleDateField(_("withdrawn on"), null=True, blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawal recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    history = HistoricalRecords()
    objects = ConsentQuerySet.as_manager()
    visibility: ClassVar[Visibility] = Visibility(
        trainee="trainee", roles=(Role.MANAGER, Role.CARE_WORKER, Role.TRAINEE)
    )

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(withdrawn_on__isnull=True)
                | models.Q(withdrawn_on__gte=models.F("given_on")),
                name="consent_withdrawn_after_given",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.partner}".strip()

    def clean(self) -> None:
        if self.kind == ConsentKind.SHARING_WITH_PARTNER:
            if self.organisation is not None:
                self.partner = self.organisation.name
            if not self.partner.strip():
                raise ValidationError({"partner": _("Name the partner organisation.")})
        if self.kind == ConsentKind.PAYROLL_RENT_DEDUCTION:
            self.partner, self.organisation = "", None

    def withdraw(self, on: datetime.date, by: Any) -> None:
        if self.withdrawn_on is not None:
            raise ValidationError(_("This consent was withdrawn already."))
        if on < self.given_on:
            raise ValidationError(_("A consent cannot be withdrawn before it was given."))
        self.withdrawn_on, self.withdrawn_by = on, by
        self.stamp(by)
        self.save()


class DisclosureLog(models.Model):
    """One print or export of a trainee's data: who, whose, what, when and to whom."""

    disclosed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    trainee = models.ForeignKey(
        "people.Trainee", verbose_name=_("whose data"), on_delete=models.PROTECT, related_name="+"
    )
    document = models.CharField(_("what"), max_length=40)
    reference = models.CharField(_("which"), max_length=100, blank=True)
    recipient = models.CharField(_("to whom, what for"), max_length=200, blank=True)
    disclosed_at = models.DateTimeField(_("when"), default=timezone.now)

    visibility: ClassVar[Visibility] = Visibility(managers_only=True)

    class Meta:
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosure log")
        ordering = ["-disclosed_at", "-pk"]
        indexes = [models.Index(fields=["trainee", "disclosed_at"])]

    def __str__(self) -> str:
        return f"{self.document} {self.trainee_id} {self.disclosed_at:%Y-%m-%d %H:%M}"


class LegalHold(TrackedModel):
    """While a hold is in place (not lifted), nothing of the trainee is pseudonymised: a court
    case, a claim, an inspection."""

    trainee = models.ForeignKey(
        "people.Trainee", verbose_name=_("trainee"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=200)
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True, editable=False)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lifted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    history = HistoricalRecords()
    visibility: ClassVar[Visibility] = Visibility(managers_only=True)

    class Meta:
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.reason

    @property
    def in_place(self) -> bool:
        return self.lifted_at is None

    def lift(self, by: Any) -> None:
        self.lifted_at, self.lifted_by = timezone.now(), by
        self.stamp(by)
        self.save()


def held_trainee_ids() -> set[int]:
    return set(
        LegalHold.objects.filter(lifted_at__isnull=True).values_list("trainee_id", flat=True)
    )
