"""Pay: settings and rates with validity dates, pay schemes, the month's extra facts (piece
work, bonuses, advances, debt-repayment plans), and the pay period of each month with its
payslips. The period's workflow is in period.py; the calculations in stipend.py, wages.py,
rates.py and payroll.py."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from reintegra_coop.core.dates import PlausibleDateField
from reintegra_coop.core.formatting import format_month
from reintegra_coop.core.models import TrackedModel
from reintegra_coop.core.money import money_field, quantity_field
from reintegra_coop.core.roles import Role
from reintegra_coop.core.scoping import Visibility
from reintegra_coop.people.models import Stage

from .stipend import StipendRules

PAY_ROLES = (Role.MANAGER, Role.ACCOUNTANT, Role.TRAINEE)


def share_field(verbose_name: Any) -> models.DecimalField:
    """A share between 0 and 1 (1.00 = 100 %)."""
    return models.DecimalField(
        verbose_name,
        max_digits=5,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
    )


class PayError(Exception):
    """A pay run or a payslip that cannot be made as asked; the message says why."""


class StipendSetting(TrackedModel):
    """The integration stipend's numbers from a date on (a new base from January applies
    from January)."""

    valid_from = PlausibleDateField(_("valid from"), unique=True)
    base = money_field(_("monthly base"), validators=[MinValueValidator(Decimal(0))])
    trial_share = share_field(_("share paid in the trial month"))
    unexcused_divisor = models.PositiveSmallIntegerField(
        _("unexcused day deducts base ÷"), default=20
    )
    unexcused_limit = models.PositiveSmallIntegerField(
        _("most unexcused days before no pay"), default=3
    )
    sick_divisor = models.PositiveSmallIntegerField(_("sick day deducts base ÷"), default=40)
    sick_limit = models.PositiveSmallIntegerField(
        _("sick days per participation at that rate"), default=21
    )
    sick_over_limit_divisor = models.PositiveSmallIntegerField(
        _("later sick day deducts base ÷"), default=30
    )
    paid_days_off = models.PositiveSmallIntegerField(
        _("paid days off per participation"), default=6
    )
    day_off_over_limit_divisor = models.PositiveSmallIntegerField(
        _("later day off deducts base ÷"), default=20
    )
    bonus_max_share = share_field(_("largest bonus, share of the base"))

    visibility: ClassVar[Visibility] = Visibility(roles=(Role.MANAGER, Role.ACCOUNTANT))

    class Meta:
        verbose_name = _("stipend setting")
        verbose_name_plural = _("stipend settings")
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(condition=Q(base__gte=0), name="stipend_base_not_negative")
        ]

    def __str__(self) -> str:
        return f"{self.base} ({self.valid_from})"

    def clean(self) -> None:
        # The stipend is a monthly amount: a new setting takes effect from a month's first day.
        if self.valid_from and self.valid_from.day != 1:
            raise ValidationError({"valid_from": _("A stipend setting starts on a 1st.")})

    def rules(self) -> StipendRules:
        return StipendRules(
            base=self.base,
            trial_share=self.trial_share,
            unexcused_divisor=self.unexcused_divisor,
            unexcused_limit=self.unexcused_limit,
            sick_divisor=self.sick_divisor,
            sick_limit=self.sick_limit,
            sick_over_limit_divisor=self.sick_over_limit_divisor,
            paid_days_off=self.paid_days_off,
            day_off_over_limit_divisor=self.day_off_over_limit_divisor,
            bonus_max_share=self.bonus_max_share,
        )

    @classmethod
    def in_force(cls, day: datetime.date) -> StipendSetting:
        setting = cls.objects.filter(valid_from__lte=day).order_by("-valid_from").first()
        if setting is None:
            raise PayError(
                gettext("No stipend setting is valid on %(day)s; add one in the back office.")
                % {"day": day.isoformat()}
            )
        return setting


class SchemeKind(models.TextChoices):
    HOURLY = "hourly", _("Hourly wage")
    STIPEND = "stipend", _("Integration stipend")
    PIECE_RATE = "piece_rate", _("Piece rate")


class PayScheme(TrackedModel):
    trainee = models.ForeignKey(
        "people.Trainee",
        verbose_name=_("trainee"),
        on_delete=models.PROTECT,
        related_name="pay_schemes",
    )
    kind = models.CharField(_("scheme"), max_length=20, choices=SchemeKind.choices)
    valid_from = PlausibleDateField(_("valid from"))
    valid_until = PlausibleDateField(_("valid until"), null=True, blank=True)
    hourly_rate = money_field(
        _("hourly rate"), null=True, blank=True, validators=[MinValueValidator(Decimal(0))]
    )
    counts_training = models.BooleanField(_("training hours are paid"), default=False)
    reference_hourly_wage = money_field(
        _("reference hourly wage"),
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    standard_units_per_hour = models.DecimalField(
        _("standard units per hour (time study)"),
        max_digits=9,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.001"))],
    )

    visibility: ClassVar[Visibility] = Visibility(trainee="trainee", roles=PAY_ROLES)

    class Meta:
        verbose_name = _("pay scheme")
        verbose_name_plural = _("pay schemes")
        ordering = ["trainee", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="pay_scheme_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(hourly_rate__isnull=True) | Q(hourly_rate__gte=0),
                name="pay_scheme_rate_not_negative",
            ),
        ]

    def in_force(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)

    def __str__(self) -> str:
        return f"{self.trainee}: {self.get_kind_display()}"

    def clean(self) -> None:
        if self.kind == SchemeKind.HOURLY and self.hourly_rate is None:
            raise ValidationError({"hourly_rate": _("An hourly wage needs an hourly rate.")})
        if self.kind == SchemeKind.PIECE_RATE and (
            self.reference_hourly_wage is None or self.standard_units_per_hour is None
        ):
            raise ValidationError(
                {
                    "standard_units_per_hour": _(
                        "A piece rate needs a reference hourly wage and standard units per hour."
                    )
                }
            )
        if self.valid_until and self.valid_from and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("The end cannot be before the start.")})
        if not (self.trainee_id and self.valid_from):
            return  # the missing field reports itself
        overlapping = (
            PayScheme.objects.filter(trainee_id=self.trainee_id)
            .exclude(pk=self.pk)
            .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=self.valid_from))
        )
        if self.valid_until:
            overlapping = overlapping.filter(valid_from__lte=self.valid_until)
        if overlapping.exists():
            raise ValidationError({"valid_from": _("The trainee has another pay scheme then.")})


class HourlyRate(TrackedModel):
    """A row of the rate table: an hourly rate for work in a workshop, a skill or a programme
    stage (blank = any), from a date (to a date). The row matching a log with the most named
    fields wins (rates.py); no row matching means the scheme's own rate."""

    workshop = models.ForeignKey(
        "people.Workshop",
        verbose_name=_("workshop"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    skill = models.ForeignKey(
        "people.Skill",
        verbose_name=_("skill"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    stage = models.CharField(_("programme stage"), max_length=20, choices=Stage.choices, blank=True)
    valid_from = PlausibleDateField(_("valid from"))
    valid_until = PlausibleDateField(_("valid until"), null=True, blank=True)
    rate = money_field(_("hourly rate"), validators=[MinValueValidator(Decimal(0))])

    visibility: ClassVar[Visibility] = Visibility(roles=(Role.MANAGER, Role.ACCOUNTANT))

    class Meta:
        verbose_name = _("hourly rate")
        verbose_name_plural = _("hourly rates")
        ordering = ["-valid_from", "workshop", "skill", "stage"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="hourly_rate_ends_after_start",
            ),
            models.CheckConstraint(condition=Q(rate__gte=0), name="hourly_rate_not_negative"),
        ]

    def __str__(self) -> str:
        named = [str(x) for x in (self.workshop, self.skill) if x] + [self.stage] * bool(self.stage)
        return f"{' / '.join(named) or gettext('any work')}: {self.rate} ({self.valid_from})"


class PieceWork(TrackedModel):
    """Units a piece-rate trainee produced on a day."""

    trainee = models.ForeignKey(
        "people.Trainee",
        verbose_name=_("trainee"),
        on_delete=models.PROTECT,
        related_name="piece_work",
    )
    date = PlausibleDateField(_("date"))
    units = quantity_field(_("units"), validators=[MinValueValidator(Decimal("0.001"))])
    note = models.CharField(_("note"), max_length=200, blank=True)

    visibility: ClassVar[Visibility] = Visibility(
        trainee="trainee", roles=(Role.MANAGER, Role.ACCOUNTANT, Role.INSTRUCTOR, Role.TRAINEE)
    )

    class Meta:
        verbose_name = _("piece work")
        verbose_name_plural = _("piece work")
        ordering = ["-date"]
        constraints = [
            models.CheckConstraint(condition=Q(units__gt=0), name="piece_work_units_positive")
        ]

    def __str__(self) -> str:
        return f"{self.trainee} {self.date}: {self.units}"


class Bonus(TrackedModel):
    trainee = models.ForeignKey(
        "people.Trainee",
        verbose_name=_("trainee"),
        on_delete=models.PROTECT,
        related_name="bonuses",
    )
    month = PlausibleDateField(_("month (first day)"))
    amount = money_field(_("amount"), validators=[MinValueValidator(Decimal("0.01"))])

    visibility: ClassVar[Visibility] = Visibility(trainee="trainee", roles=PAY_ROLES)

    class Meta:
        verbose_name = _("motivation bonus")
        verbose_name_plural = _("motivation bonuses")
        constraints = [
            models.UniqueConstraint(fields=["trainee", "month"], name="one_bonus_a_month"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="bonus_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.trainee} {self.month:%Y-%m}: {self.amount}"

    def clean(self) -> None:
        if not (self.trainee_id and self.month):
            return  # the missing field reports itself
        _refuse_in_closed_month(self.month)
        others = Bonus.objects.filter(trainee_id=self.trainee_id, month=self.month)
        if others.exclude(pk=self.pk).exists():
            raise ValidationError({"trainee": _("The trainee already has a bonus this month.")})
        if self.amount is None or self.amount <= 0:
            return  # the amount's own check reports it
        from .extras import bonus_refusal  # the pay run's rule (extras.py imports this module)

        refused = bonus_refusal(self.trainee_id, self.month, self.amount)
        if refused:
            raise ValidationError({"amount": refused})


class Advance(TrackedModel):
    """Money paid ahead, taken back from the month's payslip."""

    trainee = models.ForeignKey(
        "people.Trainee",
        verbose_name=_("trainee"),
        on_delete=models.PROTECT,
        related_name="advances",
    )
    month = PlausibleDateField(_("deducted in month (first day)"))
    amount = money_field(_("amount"), validators=[MinValueValidator(Decimal("0.01"))])

    visibility: ClassVar[Visibility] = Visibility(trainee="trainee", roles=PAY_ROLES)

    class Meta:
        verbose_name = _("advance")
        verbose_name_plural = _("advances")
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="advance_positive")]

    def __str__(self) -> str:
        return f"{self.trainee} {self.month:%Y-%m}: {self.amount}"

    def clean(self) -> None:
        if self.month:
            _refuse_in_closed_month(self.month)


def _refuse_in_closed_month(month: datetime.date) -> None:
    """A closed month's payslips are stored: nothing more is added to its pay."""
    first = month.replace(day=1)
    if PayPeriod.objects.filter(month=first, state__in=CLOSED_STATES).exists():
        raise ValidationError(
            gettext("The pay period of %(month)s is already approved; reopen it first.")
            % {"month": format_month(first)}
        )


class DebtRepaymentPlan(TrackedModel):
    """A voluntary plan: a monthly amount towards a debt, never above the agreed total."""

    trainee = models.ForeignKey(
        "people.Trainee",
        verbose_name=_("trainee"),
        on_delete=models.PROTECT,
        related_name="debt_plans",
    )
    creditor = models.CharField(_("creditor"), max_length=200)
    monthly_amount = money_field(
        _("monthly amount"), validators=[MinValueValidator(Decimal("0.01"))]
    )
    cap = money_field(_("total to repay"), validators=[MinValueValidator(Decimal("0.01"))])
    start_month = PlausibleDateField(_("from month (first day)"))
    active = models.BooleanField(_("active"), default=True)

    visibility: ClassVar[Visibility] = Visibility(trainee="trainee", roles=PAY_ROLES)

    class Meta:
        verbose_name = _("debt-repayment plan")
        verbose_name_plural = _("debt-repayment plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(monthly_amount__gt=0, cap__gt=0), name="debt_plan_amounts_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.trainee}: {self.creditor}"


class PeriodState(models.TextChoices):
    OPEN = "open", _("Open")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    PAID = "paid", _("Paid")
    REOPENED = "reopened", _("Reopened")


# The one table of a period's state changes (PayPeriod.change_state is the only door).
ALLOWED_PERIOD_CHANGES: dict[str, frozenset[str]] = {
    PeriodState.OPEN: frozenset({PeriodState.IN_REVIEW}),
    PeriodState.IN_REVIEW: frozenset({PeriodState.IN_REVIEW, PeriodState.APPROVED}),
    PeriodState.APPROVED: frozenset({PeriodState.PAID, PeriodState.REOPENED}),
    PeriodState.REOPENED: frozenset({PeriodState.IN_REVIEW}),
    PeriodState.PAID: frozenset(),
}
CLOSED_STATES = (PeriodState.APPROVED, PeriodState.PAID)


class PayPeriod(TrackedModel):
    """A month of pay: open → in review (a run was made) → approved → paid, or reopened (with
    a reason) after approval. It owns the month: approving it locks the month's work logs and
    stores its payslips and rent statements (period.py)."""

    month = PlausibleDateField(_("month (first day)"), unique=True)
    state = models.CharField(
        _("state"), max_length=12, choices=PeriodState.choices, default=PeriodState.OPEN
    )
    run_at = models.DateTimeField(_("last run at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    reopened_at = models.DateTimeField(_("reopened at"), null=True, blank=True)
    reopen_reason = models.TextField(_("why the period was reopened"), blank=True)

    history = HistoricalRecords()
    visibility: ClassVar[Visibility] = Visibility(roles=(Role.MANAGER, Role.ACCOUNTANT))

    class Meta:
        verbose_name = _("pay period")
        verbose_name_plural = _("pay periods")
        ordering = ["-month"]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} ({self.get_state_display()})"

    @property
    def is_closed(self) -> bool:
        return self.state in CLOSED_STATES

    def change_state(self, new: str, by: Any, reason: str = "") -> None:
        """The one door for the period's state; the caller holds the row under a lock. The
        change is in the history with who, when and why."""
        if new not in ALLOWED_PERIOD_CHANGES[self.state]:
            raise PayError(
                gettext("A pay period cannot go from %(current)s to %(new)s.")
                % {"current": PeriodState(self.state).label, "new": PeriodState(new).label}
            )
        now = timezone.now()
        stamps = {
            PeriodState.IN_REVIEW: "run_at",
            PeriodState.APPROVED: "approved_at",
            PeriodState.PAID: "paid_at",
            PeriodState.REOPENED: "reopened_at",
        }
        setattr(self, stamps[PeriodState(new)], now)
        if new == PeriodState.REOPENED:
            self.reopen_reason = reason
        self.state = new
        self.stamp(by)
        self._change_reason = reason or f"state → {new}"
        self.save()


class PayslipQuerySet(models.QuerySet["Payslip"]):
    def current(self) -> PayslipQuerySet:
        """Not replaced by a later run after the period was reopened."""
        return self.filter(replaced=False)

    def released(self) -> PayslipQuerySet:
        """Current payslips of approved (or paid) periods: the only ones a trainee sees."""
        return self.current().filter(period__state__in=CLOSED_STATES)


class Payslip(models.Model):
    period = models.ForeignKey(
        PayPeriod, verbose_name=_("pay period"), on_delete=models.CASCADE, related_name="payslips"
    )
    trainee = models.ForeignKey(
        "people.Trainee",
        verbose_name=_("trainee"),
        on_delete=models.PROTECT,
        related_name="payslips",
    )
    scheme = models.CharField(_("scheme"), max_length=20, choices=SchemeKind.choices)
    total = money_field(_("to pay"))
    earnings = money_field(_("earned in the month"), default=Decimal("0.00"))
    protected_from_seizure = models.BooleanField(_("protected from seizure"), default=False)
    facts_digest = models.CharField(_("facts under it"), max_length=64, blank=True)
    late_log_ids = models.JSONField(_("late entries it pays"), default=list, blank=True)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    replaced = models.BooleanField(_("replaced after reopening"), default=False)

    objects = PayslipQuerySet.as_manager()
    visibility: ClassVar[Visibility] = Visibility(trainee="trainee", roles=PAY_ROLES)

    class Meta:
        verbose_name = _("payslip")
        verbose_name_plural = _("payslips")
        ordering = ["trainee__last_name", "trainee__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "trainee", "version"], name="one_payslip_version"
            ),
            models.CheckConstraint(condition=Q(total__gte=0), name="payslip_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.trainee} {self.period.month:%Y-%m}"


class PayslipLine(models.Model):
    payslip = models.ForeignKey(
        Payslip, verbose_name=_("payslip"), on_delete=models.CASCADE, related_name="lines"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    code = models.CharField(_("kind"), max_length=40)
    amount = money_field(_("amount"))
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=4, default=0)
    rate = models.DecimalField(_("rate"), max_digits=12, decimal_places=4, default=0)
    # Runs before December 2026 stored the detail as text in the language of the run.
    detail = models.CharField(_("detail (as written by older runs)"), max_length=500, blank=True)
    details = models.JSONField(
        _("detail"),
        default=dict,
        blank=True,
        help_text=_("What stands behind the line (dates, days), shown in the reader's language."),
    )
    informational = models.BooleanField(_("for information only"), default=False)
    debt_plan = models.ForeignKey(
        DebtRepaymentPlan,
        verbose_name=_("debt-repayment plan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    tenancy = models.ForeignKey(
        "housing.Tenancy",
        verbose_name=_("tenancy"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    for_month = PlausibleDateField(
        _("for the month of"),
        null=True,
        blank=True,
        help_text=_("A previous-period line: the month whose late hours it pays."),
    )

    class Meta:
        verbose_name = _("payslip line")
        verbose_name_plural = _("payslip lines")
        ordering = ["payslip", "position"]

    def __str__(self) -> str:
        return f"{self.code}: {self.amount}"
