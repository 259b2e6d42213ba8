"""A trainee's exit from the programme with its destination (employer, kind of contract,
housing), and the follow-up contacts at 4 weeks, 3 months and 6 months that record whether
they are in work and how they live then (exits.py makes them at every exit)."""

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
from reintegra_coop.core.scoping import Visibility
from reintegra_coop.people.models import ExitReason

from .partners import PATHWAY_ROLES, OrganisationKind


class ContractKind(models.TextChoices):
    OPEN_ENDED = "open_ended", _("Employment contract, open-ended")
    FIXED_TERM = "fixed_term", _("Employment contract, fixed-term")
    CIVIL_LAW = "civil_law", _("Civil-law contract")
    SELF_EMPLOYED = "self_employed", _("Self-employed")
    SOCIAL_EMPLOYMENT = "social_employment", _("Social or supported employment")


class WorkStatus(models.TextChoices):
    IN_WORK = "in_work", _("In work")
    IN_EDUCATION = "in_education", _("In education or training")
    NOT_IN_WORK = "not_in_work", _("Not in work")
    UNKNOWN = "unknown", _("Not known")


class HousingStatus(models.TextChoices):
    OWN_HOME = "own_home", _("Own or rented home")
    SUPPORTED_FLAT = "supported_flat", _("Supported or training flat")
    SOCIAL_HOUSE = "social_house", _("Social house")
    WITH_FAMILY = "with_family", _("With family or friends")
    SHELTER = "shelter", _("Shelter or night shelter")
    NO_HOUSING = "no_housing", _("No stable housing")
    UNKNOWN = "unknown", _("Not known")


#: what the funder counts as stable housing
STABLE_HOUSING = frozenset(
    {HousingStatus.OWN_HOME, HousingStatus.SUPPORTED_FLAT, HousingStatus.SOCIAL_HOUSE}
)
#: in work or education, as the funder counts it
ACTIVE = frozenset({WorkStatus.IN_WORK, WorkStatus.IN_EDUCATION})


def work_status_at_exit(reason: str) -> str:
    return {
        ExitReason.EMPLOYMENT: WorkStatus.IN_WORK,
        ExitReason.EDUCATION: WorkStatus.IN_EDUCATION,
    }.get(reason, WorkStatus.UNKNOWN)  # type: ignore[call-overload]


class Exit(TrackedModel):
    trainee = models.ForeignKey(
        "people.Trainee", verbose_name=_("trainee"), on_delete=models.PROTECT, related_name="+"
    )
    stage_change = models.OneToOneField(
        "people.StageChange",
        verbose_name=_("stage change"),
        on_delete=models.PROTECT,
        editable=False,
        related_name="exit",
    )
    exited_on = PlausibleDateField(_("exited on"), editable=False)
    reason = models.CharField(
        _("exit reason"), max_length=20, choices=ExitReason.choices, editable=False
    )
    employer = models.ForeignKey(
        "pathways.Organisation",
        verbose_name=_("employer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="exits",
        limit_choices_to={"kind": OrganisationKind.EMPLOYER},
    )
    employer_name = models.CharField(
        _("employer not on record"),
        max_length=200,
        blank=True,
        help_text=_("Where the employer is not among the partners."),
    )
    contract = models.CharField(
        _("kind of contract"), max_length=20, choices=ContractKind.choices, blank=True
    )
    work_status = models.CharField(
        _("work at exit"), max_length=20, choices=WorkStatus.choices, default=WorkStatus.UNKNOWN
    )
    housing = models.CharField(
        _("housing at exit"),
        max_length=20,
        choices=HousingStatus.choices,
        default=HousingStatus.UNKNOWN,
    )
    note = models.TextField(_("note"), blank=True)
    cancelled_at = models.DateTimeField(_("undone at"), null=True, blank=True, editable=False)

    history = HistoricalRecords()
    visibility: ClassVar[Visibility] = Visibility(trainee="trainee", roles=PATHWAY_ROLES)

    class Meta:
        verbose_name = _("exit")
        verbose_name_plural = _("exits")
        ordering = ["-exited_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.trainee} {self.exited_on}"

    def clean(self) -> None:
        if (self.employer_id or self.employer_name.strip()) and self.work_status not in ACTIVE:
            raise ValidationError(
                {"work_status": _("With an employer, the trainee is in work at exit.")}
            )
        if self.contract and self.work_status != WorkStatus.IN_WORK:
            raise ValidationError({"contract": _("A contract goes with work at exit.")})


#: a follow-up contact may be made this much before it is due, not earlier (or "6 months
#: after the exit" would count a call made on the day of the exit)
EARLY = datetime.timedelta(days=7)


class FollowUpPoint(models.TextChoices):
    FOUR_WEEKS = "four_weeks", _("4 weeks after the exit")
    THREE_MONTHS = "three_months", _("3 months after the exit")
    SIX_MONTHS = "six_months", _("6 months after the exit")


class FollowUp(TrackedModel):
    exit = models.ForeignKey(
        Exit, verbose_name=_("exit"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    point = models.CharField(
        _("follow-up"), max_length=20, choices=FollowUpPoint.choices, editable=False
    )
    due_on = PlausibleDateField(_("due on"), editable=False)
    contacted_on = PlausibleDateField(_("contacted on"), null=True, blank=True)
    reached = models.BooleanField(
        _("reached"), null=True, help_text=_("Whether the person could be reached.")
    )
    work_status = models.CharField(
        _("work then"), max_length=20, choices=WorkStatus.choices, default=WorkStatus.UNKNOWN
    )
    housing = models.CharField(
        _("housing then"),
        max_length=20,
        choices=HousingStatus.choices,
        default=HousingStatus.UNKNOWN,
    )
    note = models.TextField(_("note"), blank=True)

    history = HistoricalRecords()
    visibility: ClassVar[Visibility] = Visibility(trainee="exit__trainee", roles=PATHWAY_ROLES)

    class Meta:
        verbose_name = _("follow-up contact")
        verbose_name_plural = _("follow-up contacts")
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["exit", "point"], name="one_follow_up_per_point")
        ]

    def __str__(self) -> str:
        return f"{self.exit.trainee} {self.get_point_display()}"

    @property
    def done(self) -> bool:
        return self.contacted_on is not None

    def record(
        self,
        contacted_on: datetime.date,
        reached: bool,
        work_status: str,
        housing: str,
        note: str,
        by: Any,
    ) -> None:
        """Record the contact (or the try): not before the exit; someone not reached is
        recorded with their status not known."""
        if contacted_on < self.exit.exited_on:
            raise ValidationError(
                {"contacted_on": gettext("The contact cannot be before the exit.")}
            )
        if self.exit.cancelled_at is not None:
            raise ValidationError(gettext("The exit was undone: no follow-up is recorded."))
        earliest = self.due_on - EARLY
        if contacted_on < earliest:
            raise ValidationError(
                {
                    "contacted_on": gettext(
                        "This follow-up is due on %(due)s: record it from %(earliest)s on."
                    )
                    % {"due": self.due_on.isoformat(), "earliest": earliest.isoformat()}
                }
            )
        if contacted_on > timezone.localdate():
            raise ValidationError({"contacted_on": gettext("The contact cannot be in the future.")})
        if not reached:
            work_status, housing = WorkStatus.UNKNOWN, HousingStatus.UNKNOWN
        self.contacted_on, self.reached = contacted_on, reached
        self.work_status, self.housing, self.note = work_status, housing, note.strip()
        self.stamp(by)
        self.save()
