"""Referring a trainee to a partner (or recording a partner's referral to us). A referral to a
partner sends the trainee's data there: only with the trainee's consent for that partner, in
force on the day and not withdrawn since, and the disclosure is logged."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from reintegra_coop.core.consents import may_share_with
from reintegra_coop.core.disclosure import disclose

from .models import Referral


def refer(referral: Referral, by: Any) -> Referral:
    """Save a new referral; one to a partner is refused without the trainee's consent."""
    if referral.opening_id:
        if not referral.sends_data:
            raise ValidationError(
                {"opening": gettext("A partner's referral to us names no job opening.")}
            )
        referral.organisation = referral.opening.employer  # type: ignore[union-attr]
    if referral.referred_on > timezone.localdate():
        raise ValidationError(
            {"referred_on": gettext("A referral is recorded when it is made, not ahead.")}
        )
    with transaction.atomic():
        if referral.sends_data and not may_share_with(
            referral.trainee_id, referral.organisation.pk, referral.referred_on
        ):
            raise ValidationError(
                {
                    "trainee": gettext(
                        "%(trainee)s has not consented to their data going to %(partner)s: "
                        "record the consent on their Data protection page first."
                    )
                    % {"trainee": referral.trainee.full_name, "partner": referral.organisation}
                }
            )
        referral.full_clean()
        referral.stamp(by)
        referral.save()
        if referral.sends_data:
            disclose(
                by,
                referral.trainee_id,
                "referral",
                reference=f"{referral.referred_on.isoformat()} #{referral.pk}",
                recipient=referral.organisation.name,
            )
    return referral
