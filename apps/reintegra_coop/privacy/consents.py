"""Whether the rent a tenancy takes from pay is covered by a recorded consent. The pay run
reads the tenancy's own consent date (housing/models.py); this page only shows where the two
disagree, so a manager can put the tenancy right."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from reintegra_coop.housing.models import Tenancy

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
