"""Relapse pauses. DESIGN.md: "A relapse pauses participation; it does not end it." A trainee's
care workers record a pause (its start, its end once known, and the reason, which is clinical:
only they read it, and each read is logged) and end it later.

The rules: the end is not before the start; no two pauses of a trainee overlap; a pause is
recorded only for a trainee in the trial or in participation, and never from before the
participation started. An open pause may still be ended once the trainee has moved on.

Others learn only that participation is paused, from when to when: people shows it as a fact on
the trainee's page (people/facts.py) to whoever may see the pauses (managers, care workers)."""

from __future__ import annotations

import datetime
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from reintegra_coop.core.dates import PlausibleDateField
from reintegra_coop.core.formatting import format_day
from reintegra_coop.core.models import TrackedModel
from reintegra_coop.core.roles import Role
from reintegra_coop.core.scoping import Visibility, scope
from reintegra_coop.people.facts import Fact
from reintegra_coop.people.models import Stage, Trainee

PAUSED_STAGES = (Stage.TRIAL, Stage.PARTICIPANT)


def _day(day: datetime.date) -> str:
    return format_day(day)


class ParticipationPause(TrackedModel):
    """A relapse pauses participation; it does not end it."""

    trainee = models.ForeignKey(
        "people.Trainee", verbose_name=_("trainee"), on_delete=models.PROTECT, related_name="pauses"
    )
    starts_on = PlausibleDateField(_("starts on"))
    ends_on = PlausibleDateField(_("ends on"), null=True, blank=True)
    reason = models.TextField(_("reason (care workers only)"), blank=True)

    history = HistoricalRecords()

    visibility: ClassVar[Visibility] = Visibility(
        trainee="trainee", roles=(Role.MANAGER, Role.CARE_WORKER)
    )

    class Meta:
        verbose_name = _("participation pause")
        verbose_name_plural = _("participation pauses")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="participation_pause_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.trainee} {self.starts_on}"

    def clean(self) -> None:
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end cannot be before the start.")})
        if self.trainee_id is None or self.starts_on is None:
            return  # the form names the missing field
        trainee = self.trainee
        if self._state.adding and trainee.stage not in PAUSED_STAGES:
            raise ValidationError(
                gettext(
                    "A pause is only for a trainee in the trial or in participation; "
                    "%(name)s is in the stage %(stage)s."
                )
                % {"name": trainee, "stage": trainee.get_stage_display()}
            )
        started = trainee.participation_started_on
        if started is not None and self.starts_on < started:
            raise ValidationError(
                {
                    "starts_on": gettext(
                        "A pause cannot start before the participation started on %(date)s."
                    )
                    % {"date": _day(started)}
                }
            )
        other = self.overlapping().first()
        if other is not None:
            raise ValidationError(
                {
                    "starts_on": gettext(
                        "Another pause of this trainee already covers these days (from %(start)s)."
                    )
                    % {"start": _day(other.starts_on)}
                }
            )

    def overlapping(self) -> models.QuerySet[ParticipationPause]:
        """The trainee's other pauses that share a day with this one (open ones run on)."""
        others = ParticipationPause.objects.filter(trainee_id=self.trainee_id).exclude(pk=self.pk)
        others = others.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=self.starts_on))
        if self.ends_on is not None:
            others = others.filter(starts_on__lte=self.ends_on)
        return others.order_by("starts_on")

    def record(self, by: Any) -> None:
        """Save the pause under its rules, for ``by``, with the history kept. The trainee's row is
        locked, so two pauses of one trainee saved at once cannot both pass the overlap check."""
        with transaction.atomic():
            self.trainee = Trainee.objects.select_for_update().get(pk=self.trainee_id)
            self.full_clean()
            self.stamp(by)
            self.save()


def paused_facts(trainee: Any, user: Any) -> list[Fact]:
    """For the trainee's page in people: that participation is paused, from when to when —
    never why — for whoever may see the pauses."""
    pauses = scope(ParticipationPause.objects.filter(trainee_id=trainee.pk), user)
    label = capfirst(gettext("participation pause"))
    return [
        Fact(
            label,
            f"{_day(starts_on)} – {_day(ends_on)}"
            if ends_on
            else f"{gettext('since')} {_day(starts_on)}",
        )
        for starts_on, ends_on in pauses.order_by("starts_on").values_list("starts_on", "ends_on")
    ]


def pauses_in_trial(trainee: Any, action: str, since: datetime.date | None) -> str | None:
    """A trial a pause was recorded in is no mistake to undo (people/stages.py)."""
    if action != "undo_trial":
        return None
    pauses = ParticipationPause.objects.filter(trainee_id=trainee.pk)
    if since is not None:
        pauses = pauses.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=since))
    first = pauses.order_by("starts_on").first()
    if first is None:
        return None
    return gettext(
        "A relapse pause is recorded from %(date)s; the trial it belongs to cannot be undone."
    ) % {"date": _day(first.starts_on)}
