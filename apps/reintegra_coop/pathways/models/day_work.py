"""Low-threshold day work for people not (yet) in the programme: the day's jobs, who signed up
and worked, paid the same day in cash against a numbered receipt from the cash book, which is
closed each day by counting the notes and coins; monthly limits per person (settings with
validity dates) protect their benefits."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from reintegra_coop.core.dates import PlausibleDateField
from reintegra_coop.core.models import TrackedModel
from reintegra_coop.core.money import money_field
from reintegra_coop.core.roles import Role
from reintegra_coop.core.scoping import Visibility
from reintegra_coop.people.models import card_number_validator

DAY_WORK_ROLES = (Role.MANAGER,)


class DayWorker(TrackedModel):
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    card_number = models.CharField(
        _("card number"),
        max_length=20,
        unique=True,
        null=True,
        blank=True,
        validators=[card_number_validator],
    )
    date_of_birth = PlausibleDateField(_("date of birth"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    became_trainee = models.OneToOneField(
        "people.Trainee",
        verbose_name=_("taken on as"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="day_worker",
    )

    history = HistoricalRecords()
    visibility: ClassVar[Visibility] = Visibility(roles=DAY_WORK_ROLES)

    class Meta:
        verbose_name = _("day worker")
        verbose_name_plural = _("day workers")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class DayJob(TrackedModel):
    date = PlausibleDateField(_("date"))
    task = models.CharField(_("task"), max_length=200)
    place = models.CharField(_("place"), max_length=200)
    start = models.TimeField(_("start"))
    end = models.TimeField(_("end"))
    pay = money_field(_("pay for the day"), validators=[MinValueValidator(Decimal("0.01"))])
    places = models.PositiveSmallIntegerField(
        _("people needed"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )

    history = HistoricalRecords()
    visibility: ClassVar[Visibility] = Visibility(roles=DAY_WORK_ROLES)

    class Meta:
        verbose_name = _("day job")
        verbose_name_plural = _("day jobs")
        ordering = ["date", "start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="day_job_ends_after_start"
            ),
            models.CheckConstraint(condition=models.Q(pay__gt=0), name="day_job_pays"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.task}"

    def clean(self) -> None:
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The end must be after the start.")})

    @property
    def minutes(self) -> int:
        return (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute)


class DayWork(TrackedModel):
    """One person on one day job: signed up, then worked (or not), then paid in cash."""

    job = models.ForeignKey(
        DayJob, verbose_name=_("day job"), on_delete=models.PROTECT, related_name="sign_ups"
    )
    worker = models.ForeignKey(
        DayWorker, verbose_name=_("day worker"), on_delete=models.PROTECT, related_name="days"
    )
    worked = models.BooleanField(_("worked"), null=True, editable=False)
    amount = money_field(_("paid"), null=True, blank=True, editable=False)
    receipt = models.CharField(
        _("receipt"), max_length=30, unique=True, null=True, blank=True, editable=False
    )
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True, editable=False)

    history = HistoricalRecords()
    visibility: ClassVar[Visibility] = Visibility(roles=DAY_WORK_ROLES)

    class Meta:
        verbose_name = _("day's work")
        verbose_name_plural = _("day work")
        ordering = ["job", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["job", "worker"], name="one_sign_up_per_job"),
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gt=0),
                name="day_work_paid_more_than_zero",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.worker} {self.job}"


class DayWorkLimit(TrackedModel):
    """How much day work one person may do in a calendar month, from a day on (a site's
    setting with its validity: benefits may stop above a sum)."""

    valid_from = PlausibleDateField(_("valid from"), unique=True)
    days_a_month = models.PositiveSmallIntegerField(
        _("days a month, at most"), validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    pay_a_month = money_field(
        _("pay a month, at most"), validators=[MinValueValidator(Decimal("0.01"))]
    )

    history = HistoricalRecords()
    visibility: ClassVar[Visibility] = Visibility(roles=DAY_WORK_ROLES)

    class Meta:
        verbose_name = _("day work limit")
        verbose_name_plural = _("day work limits")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return f"{self.valid_from}: {self.days_a_month} / {self.pay_a_month}"


class CashEntryKind(models.TextChoices):
    PAID_IN = "paid_in", _("Cash put in")
    DAY_WORK = "day_work", _("Day work paid out")


class CashEntry(TrackedModel):
    """A line of the cash book: cash put in (from the bank) or paid out for a day's work."""

    day = PlausibleDateField(_("day"))
    kind = models.CharField(_("kind"), max_length=20, choices=CashEntryKind.choices)
    amount = money_field(_("amount"), validators=[MinValueValidator(Decimal("0.01"))])
    day_work = models.OneToOneField(
        DayWork,
        verbose_name=_("day's work"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="cash_entry",
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    visibility: ClassVar[Visibility] = Visibility(roles=DAY_WORK_ROLES)

    class Meta:
        verbose_name = _("cash book entry")
        verbose_name_plural = _("cash book")
        ordering = ["day", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="cash_entry_positive")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.get_kind_display()} {self.amount}"

    @property
    def signed(self) -> Decimal:
        return self.amount if self.kind == CashEntryKind.PAID_IN else -self.amount


class CashClosing(TrackedModel):
    """The day's closing: the notes and coins counted, what the book says should be there,
    and the difference (recorded, never hidden)."""

    day = PlausibleDateField(_("day"), unique=True)
    counted: models.JSONField[dict[str, int]] = models.JSONField(
        _("counted by denomination"), default=dict
    )
    counted_total = money_field(_("counted"))
    expected_total = money_field(_("in the book"))
    difference = money_field(_("difference"))
    note = models.CharField(_("about the difference"), max_length=200, blank=True)

    history = HistoricalRecords()
    visibility: ClassVar[Visibility] = Visibility(roles=DAY_WORK_ROLES)

    class Meta:
        verbose_name = _("cash closing")
        verbose_name_plural = _("cash closings")
        ordering = ["-day"]

    def __str__(self) -> str:
        return f"{self.day} {self.counted_total}"


def closing_before(day: datetime.date) -> Any:
    return CashClosing.objects.filter(day__lt=day).order_by("-day").first()
