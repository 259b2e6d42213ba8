"""Housing: the ladder of units, tenancies with the trainee's share, cash rent payments and
the in-kind hourly value. The monthly ledger is computed by rent.py / ledger.py."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reintegra_coop.core.dates import PlausibleDateField
from reintegra_coop.core.models import TrackedModel
from reintegra_coop.core.money import money_field
from reintegra_coop.core.roles import Role
from reintegra_coop.core.scoping import Visibility

from .rent import Share

HOUSING_ROLES = (Role.MANAGER, Role.ACCOUNTANT, Role.CARE_WORKER, Role.TRAINEE)


class HousingLevel(models.TextChoices):
    WARMING_CENTRE = "warming_centre", _("Warming centre")
    NIGHT_SHELTER = "night_shelter", _("Night shelter")
    SHELTER = "shelter", _("Shelter")
    SOCIAL_HOUSE = "social_house", _("Social house")
    TRAINING_FLAT = "training_flat", _("Training flat")
    SUPPORTED_FLAT = "supported_flat", _("Supported flat")


class HousingUnit(TrackedModel):
    name = models.CharField(_("name"), max_length=100, unique=True)
    level = models.CharField(_("level"), max_length=20, choices=HousingLevel.choices)
    monthly_rent = money_field(_("monthly rent"), validators=[MinValueValidator(Decimal(0))])
    active = models.BooleanField(_("active"), default=True)

    visibility: ClassVar[Visibility] = Visibility(roles=HOUSING_ROLES)

    class Meta:
        verbose_name = _("housing unit")
        verbose_name_plural = _("housing units")
        ordering = ["level", "name"]

    def __str__(self) -> str:
        return self.name


class Tenancy(TrackedModel):
    trainee = models.ForeignKey(
        "people.Trainee",
        verbose_name=_("trainee"),
        on_delete=models.PROTECT,
        related_name="tenancies",
    )
    unit = models.ForeignKey(
        HousingUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="tenancies"
    )
    start = PlausibleDateField(_("starts on"))
    end = PlausibleDateField(_("ends on"), null=True, blank=True)
    share_fixed = money_field(
        _("share: fixed amount a month"),
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    share_percent = models.DecimalField(
        _("share: percent of the unit's rent"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    payroll_deduction = money_field(
        _("deducted from pay each month"),
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal(0))],
    )
    payroll_consent_on = PlausibleDateField(
        _("trainee consented to payroll deduction on"), null=True, blank=True
    )

    visibility: ClassVar[Visibility] = Visibility(trainee="trainee", roles=HOUSING_ROLES)

    class Meta:
        verbose_name = _("tenancy")
        verbose_name_plural = _("tenancies")
        ordering = ["trainee", "-start"]

    def __str__(self) -> str:
        return f"{self.trainee} @ {self.unit}"

    @property
    def share(self) -> Share:
        return Share(fixed=self.share_fixed, percent=self.share_percent)

    def clean(self) -> None:
        if (self.share_fixed is None) == (self.share_percent is None):
            raise ValidationError({"share_fixed": _("Give either a fixed amount or a percentage.")})
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": _("The end cannot be before the start.")})
        if self.payroll_deduction and not self.payroll_consent_on:
            raise ValidationError(
                {
                    "payroll_deduction": _(
                        "Rent is deducted from pay only with the trainee's recorded consent."
                    )
                }
            )
        others = (
            Tenancy.objects.filter(trainee_id=self.trainee_id)
            .exclude(pk=self.pk)
            .filter(Q(end__isnull=True) | Q(end__gte=self.start))
        )
        if self.end:
            others = others.filter(start__lte=self.end)
        if self.trainee_id and self.start and others.exists():
            raise ValidationError({"start": _("The trainee has another tenancy in that time.")})


class RentPayment(TrackedModel):
    """Rent paid in cash."""

    tenancy = models.ForeignKey(
        Tenancy, verbose_name=_("tenancy"), on_delete=models.PROTECT, related_name="payments"
    )
    paid_on = PlausibleDateField(_("paid on"))
    amount = money_field(_("amount"), validators=[MinValueValidator(Decimal("0.01"))])

    visibility: ClassVar[Visibility] = Visibility(trainee="tenancy__trainee", roles=HOUSING_ROLES)

    class Meta:
        verbose_name = _("rent payment")
        verbose_name_plural = _("rent payments")
        ordering = ["-paid_on"]

    def __str__(self) -> str:
        return f"{self.tenancy} {self.paid_on}: {self.amount}"


class InKindValueSetting(TrackedModel):
    """What an hour of in-kind rent work is worth, from a date on."""

    valid_from = PlausibleDateField(_("valid from"), unique=True)
    hourly_value = money_field(_("value of an hour"), validators=[MinValueValidator(Decimal(0))])

    visibility: ClassVar[Visibility] = Visibility(roles=(Role.MANAGER, Role.ACCOUNTANT))

    class Meta:
        verbose_name = _("in-kind hourly value")
        verbose_name_plural = _("in-kind hourly values")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return f"{self.hourly_value} ({self.valid_from})"


def payroll_tenancy(
    tenancies: Iterable[Tenancy], first: datetime.date, last: datetime.date
) -> Tenancy | None:
    """The tenancy whose rent is deducted from pay in a month: with a deduction and the
    trainee's consent, in force in the month, the latest one if two meet there. The pay run
    deducts for it and the rent ledger credits the deduction to it."""
    chosen = [
        t
        for t in tenancies
        if t.start <= last
        and (t.end is None or t.end >= first)
        and t.payroll_deduction > 0
        and t.payroll_consent_on is not None
    ]
    return max(chosen, key=lambda t: t.start, default=None)
