"""Housing: the ladder of units and their rents (with the date each change takes effect),
tenancies with the trainee's share and payroll consent, cash rent payments, the in-kind hourly
value, and the statements of closed months as they were stored. The monthly ledger is computed
by rent.py (pure) and ledger.py."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from reintegra_coop.core.dates import PlausibleDateField
from reintegra_coop.core.formatting import format_month
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
    monthly_rent = money_field(
        _("monthly rent"),
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("The rent from the start; a later change is a rent change with its date."),
    )
    active = models.BooleanField(_("active"), default=True)

    visibility: ClassVar[Visibility] = Visibility(roles=HOUSING_ROLES)

    class Meta:
        verbose_name = _("housing unit")
        verbose_name_plural = _("housing units")
        ordering = ["level", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(monthly_rent__gte=0), name="unit_rent_not_negative"
            )
        ]

    def __str__(self) -> str:
        return self.name


class RentChange(TrackedModel):
    """A unit's monthly rent from a date on (a change from March leaves February as it was)."""

    unit = models.ForeignKey(
        HousingUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="rent_changes"
    )
    valid_from = PlausibleDateField(_("valid from"))
    monthly_rent = money_field(_("monthly rent"), validators=[MinValueValidator(Decimal(0))])

    visibility: ClassVar[Visibility] = Visibility(roles=HOUSING_ROLES)

    class Meta:
        verbose_name = _("rent change")
        verbose_name_plural = _("rent changes")
        ordering = ["unit", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "valid_from"], name="one_rent_change_a_day"),
            models.CheckConstraint(
                condition=models.Q(monthly_rent__gte=0), name="rent_change_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit}: {self.monthly_rent} ({self.valid_from})"


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
    payroll_consent_on = PlausibleDateField(
        _("trainee consented to payroll deduction on"),
        null=True,
        blank=True,
        help_text=_(
            "From this day on, the rent of the tenancy's days is taken from pay (and, after "
            "the tenancy, what is still owed, at most a month's share a month)."
        ),
    )

    visibility: ClassVar[Visibility] = Visibility(trainee="trainee", roles=HOUSING_ROLES)

    class Meta:
        verbose_name = _("tenancy")
        verbose_name_plural = _("tenancies")
        ordering = ["trainee", "-start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="tenancy_ends_after_start",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(share_fixed__isnull=False, share_percent__isnull=True)
                    | models.Q(share_fixed__isnull=True, share_percent__isnull=False)
                ),
                name="tenancy_share_fixed_or_percent",
            ),
            models.CheckConstraint(
                condition=models.Q(share_fixed__isnull=True) | models.Q(share_fixed__gte=0),
                name="tenancy_share_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(share_percent__isnull=True)
                | models.Q(share_percent__gte=0, share_percent__lte=100),
                name="tenancy_percent_within_100",
            ),
        ]

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
        if not (self.trainee_id and self.start):
            return  # the missing field reports itself
        others = (
            Tenancy.objects.filter(trainee_id=self.trainee_id)
            .exclude(pk=self.pk)
            .filter(Q(end__isnull=True) | Q(end__gte=self.start))
        )
        if self.end:
            others = others.filter(start__lte=self.end)
        if others.exists():
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
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="rent_payment_positive")
        ]

    def __str__(self) -> str:
        return f"{self.tenancy} {self.paid_on}: {self.amount}"

    def clean(self) -> None:
        if not (self.tenancy_id and self.paid_on):
            return  # the missing field reports itself
        if self.paid_on > timezone.localdate():
            raise ValidationError(
                {"paid_on": gettext("%(date)s is in the future.") % {"date": self.paid_on}}
            )
        start = self.tenancy.start
        if self.paid_on < start.replace(day=1):  # the ledger starts with the tenancy's month
            raise ValidationError(
                {
                    "paid_on": gettext(
                        "The tenancy starts on %(date)s; record the payment from that month on."
                    )
                    % {"date": start}
                }
            )
        if ClosedRentMonth.holds(self.paid_on):  # its statements are stored
            raise ValidationError(
                {
                    "paid_on": gettext(
                        "The rent of %(month)s is closed; record the payment in an open month."
                    )
                    % {"month": format_month(self.paid_on)}
                }
            )


class InKindValueSetting(TrackedModel):
    """What an hour of in-kind rent work is worth, from a date on."""

    valid_from = PlausibleDateField(_("valid from"), unique=True)
    hourly_value = money_field(_("value of an hour"), validators=[MinValueValidator(Decimal(0))])

    visibility: ClassVar[Visibility] = Visibility(roles=(Role.MANAGER, Role.ACCOUNTANT))

    class Meta:
        verbose_name = _("in-kind hourly value")
        verbose_name_plural = _("in-kind hourly values")
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hourly_value__gte=0), name="in_kind_value_not_negative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.hourly_value} ({self.valid_from})"


class ClosedRentMonth(models.Model):
    """A month whose statements were stored when its pay period was approved: pages, PDFs,
    the portal and exports read them back, never recompute them."""

    month = PlausibleDateField(_("month (first day)"), unique=True)
    closed_at = models.DateTimeField(_("closed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("closed rent month")
        verbose_name_plural = _("closed rent months")
        ordering = ["-month"]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}"

    @classmethod
    def holds(cls, day: datetime.date) -> bool:
        """Whether ``day``'s month is closed."""
        return cls.objects.filter(month=day.replace(day=1)).exists()


class StoredStatement(models.Model):
    """A tenancy's statement of a closed month, as it was when the month closed. Reopening the
    month keeps it (replaced) beside the one stored at the next close."""

    tenancy = models.ForeignKey(
        Tenancy, verbose_name=_("tenancy"), on_delete=models.PROTECT, related_name="statements"
    )
    month = PlausibleDateField(_("month (first day)"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    replaced = models.BooleanField(_("replaced after reopening"), default=False)
    days_in_month = models.PositiveSmallIntegerField(_("days in the month"))
    days_of_tenancy = models.PositiveSmallIntegerField(_("days of tenancy"))
    opening_balance = money_field(_("opening balance"))
    obligation = money_field(_("rent this month"))
    cash_paid = money_field(_("paid in cash"))
    payroll_deduction = money_field(_("taken from pay"))
    in_kind_minutes = models.PositiveIntegerField(_("in-kind minutes"))
    in_kind_value = money_field(_("value of in-kind work"))
    in_kind_credit = money_field(_("in-kind credit"))
    in_kind_excess = money_field(_("in-kind value not credited"))
    closing_balance = money_field(_("closing balance"))

    visibility: ClassVar[Visibility] = Visibility(trainee="tenancy__trainee", roles=HOUSING_ROLES)

    class Meta:
        verbose_name = _("stored rent statement")
        verbose_name_plural = _("stored rent statements")
        ordering = ["month", "tenancy"]
        constraints = [
            models.UniqueConstraint(
                fields=["tenancy", "month", "version"], name="one_statement_version"
            ),
            models.CheckConstraint(
                condition=models.Q(obligation__gte=0, cash_paid__gte=0, payroll_deduction__gte=0),
                name="statement_amounts_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tenancy} {self.month:%Y-%m}"
