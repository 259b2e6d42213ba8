"""Whether the rent a tenancy takes from pay is covered by a recorded consent. The pay run
reads the tenancy's own consent date (housing/models.py); this page only shows where the two
disagree, so a manager can put the tenancy right — and a withdrawn consent whose tenancy still
takes rent from pay tells every manager so (the care worker who records it cannot change the
tenancy)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from reintegra_coop.core.notifications import Link, Params, notify
from reintegra_coop.housing.models import Tenancy
from reintegra_coop.people import recipients

from .models import Consent, ConsentKind


@dataclass(frozen=True)
class DeductionCoverage:
    tenancy: Any
    deducts_since: datetime.date | None  # the tenancy's consent date: pay takes rent since
    consent: Consent | None  # the recorded consent in force on that day, if any
    withdrawn_on: datetime.date | None  # the recorded consent was withdrawn then

    @property
    def covered(self) -> bool:
        return self.deducts_since is None or (
            self.consent is not None and self.withdrawn_on is None
        )


def rent_deduction_coverage(trainee: Any, consents: list[Consent]) -> list[DeductionCoverage]:
    payroll = [c for c in consents if c.kind == ConsentKind.PAYROLL_RENT_DEDUCTION]
    coverage = []
    for tenancy in Tenancy.objects.filter(trainee=trainee).select_related("unit"):
        since = tenancy.payroll_consent_on
        consent = next((c for c in payroll if since and c.given_on <= since), None)
        coverage.append(
            DeductionCoverage(tenancy, since, consent, consent.withdrawn_on if consent else None)
        )
    return coverage


def sharing_consent_in_force(trainee_id: int, organisation_id: int, on: datetime.date) -> bool:
    """A consent to share data with this partner on record, given by ``on`` and not withdrawn
    by then or since (data sent today on a consent withdrawn yesterday would break it)."""
    latest = max(on, timezone.localdate())
    return (
        Consent.objects.in_force_on(on)
        .exclude(withdrawn_on__lte=latest)
        .filter(
            trainee_id=trainee_id,
            kind=ConsentKind.SHARING_WITH_PARTNER,
            organisation_id=organisation_id,
        )
        .exists()
    )


STILL_DEDUCTING = "privacy.rent_consent_withdrawn"


def still_deducting_text(params: Params) -> str:
    return (
        gettext(
            "%(trainee)s withdrew the consent to rent being taken from pay on %(on)s; "
            "the tenancy still takes it: change the tenancy."
        )
        % params
    )


def record_withdrawal(consent: Consent, on: datetime.date, by: Any) -> None:
    """Withdraw the consent; if it was the consent to rent from pay and a tenancy still takes
    rent from pay after that day, the managers are told to change the tenancy."""
    with transaction.atomic():
        consent.withdraw(on, by)
        if consent.kind != ConsentKind.PAYROLL_RENT_DEDUCTION:
            return
        deducting = Tenancy.objects.filter(
            Q(end__isnull=True) | Q(end__gte=on),
            trainee_id=consent.trainee_id,
            payroll_consent_on__isnull=False,
        )
        if deducting.exists():
            notify(
                recipients.managers(),
                STILL_DEDUCTING,
                {"trainee": consent.trainee.full_name, "on": on.isoformat()},
                Link("privacy:trainee", (consent.trainee_id,)),
                key=f"rent-consent-withdrawn:{consent.pk}",
            )
