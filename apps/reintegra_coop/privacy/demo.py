"""The demo's consents to share data with a partner: the first two participants agreed, two
weeks ago, to their data going to the contracted employer (pathways/demo.py refers one of
them there next). Loading again changes nothing."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.utils import timezone

from reintegra_coop.pathways.models import EmployerTie, Organisation
from reintegra_coop.people.models import Stage, Trainee

from .models import Consent, ConsentKind


def load() -> None:
    if Consent.objects.filter(kind=ConsentKind.SHARING_WITH_PARTNER).exists():
        return
    employer = Organisation.objects.filter(employer_tie=EmployerTie.CONTRACTED).first()
    if employer is None:
        return
    social = User.objects.get(username="care.social")
    given_on = timezone.localdate() - datetime.timedelta(days=14)
    participants = Trainee.objects.filter(stage=Stage.PARTICIPANT).order_by("card_number")
    for trainee in participants[:2]:
        consent = Consent(
            trainee=trainee,
            kind=ConsentKind.SHARING_WITH_PARTNER,
            organisation=employer,
            partner=employer.name,
            given_on=given_on,
        )
        consent.stamp(social)
        consent.save()
