"""The demo cooperative's pay and housing: a stipend setting, a pay scheme for every trainee
in the programme, housing units on the ladder with tenancies and rent payments, a piece-rate
trainee, a bonus, an advance, a debt plan and a community-service order.

Idempotent: nothing is added once a stipend setting exists.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from reintegra_coop.core.demo_names import N_, in_site_language
from reintegra_coop.housing.models import (
    HousingUnit,
    InKindValueSetting,
    RentPayment,
    Tenancy,
)
from reintegra_coop.people.models import Stage, Trainee

from .models import (
    Advance,
    Bonus,
    DebtRepaymentPlan,
    PayScheme,
    PieceWork,
    SchemeKind,
    StipendSetting,
)

D = Decimal
UNITS = [
    (N_("Night shelter, bed 4"), "night_shelter", "0.00"),
    (N_("Shelter, room 2"), "shelter", "450.00"),
    (N_("Social house, room 7"), "social_house", "700.00"),
    (N_("Training flat A"), "training_flat", "1100.00"),
    (N_("Supported flat B"), "supported_flat", "1400.00"),
]


@transaction.atomic
def load() -> None:
    if StipendSetting.objects.exists():
        return
    manager = User.objects.get(username="manager")
    today = timezone.localdate()
    this_month = today.replace(day=1)
    # From the start of last year: the demo's weeks of work reach back into December in January.
    since = datetime.date(today.year - 1, 1, 1)
    StipendSetting.objects.create(
        valid_from=since,
        base=D("1553.40"),
        trial_share=D("1.00"),
        created_by=manager,
    )
    InKindValueSetting.objects.create(valid_from=since, hourly_value=D("30.50"), created_by=manager)
    trainees = list(
        Trainee.objects.filter(stage__in=[Stage.TRIAL, Stage.PARTICIPANT]).order_by("card_number")
    )
    for number, trainee in enumerate(trainees):
        start = trainee.participation_started_on or today
        if number % 5 == 3:
            PayScheme.objects.create(
                trainee=trainee,
                kind=SchemeKind.HOURLY,
                valid_from=start,
                hourly_rate=D("31.40"),
                created_by=manager,
            )
        elif number == 4:
            PayScheme.objects.create(
                trainee=trainee,
                kind=SchemeKind.PIECE_RATE,
                valid_from=start,
                reference_hourly_wage=D("31.40"),
                standard_units_per_hour=D("12"),
                created_by=manager,
            )
            for offset in range(1, 6):
                PieceWork.objects.create(
                    trainee=trainee,
                    date=this_month - datetime.timedelta(days=offset * 4),
                    units=D(60 + offset * 3),
                    created_by=manager,
                )
        else:
            PayScheme.objects.create(
                trainee=trainee, kind=SchemeKind.STIPEND, valid_from=start, created_by=manager
            )
    units = [
        HousingUnit.objects.create(
            name=in_site_language(name), level=level, monthly_rent=D(rent), created_by=manager
        )
        for name, level, rent in UNITS
    ]
    last_month = (this_month - datetime.timedelta(days=1)).replace(day=1)
    for number, trainee in enumerate(trainees[:6]):
        unit = units[number % len(units)]
        tenancy = Tenancy.objects.create(
            trainee=trainee,
            unit=unit,
            start=last_month + datetime.timedelta(days=number * 3),
            share_percent=D("20") if number % 2 else None,
            share_fixed=None if number % 2 else D("150.00"),
            payroll_consent_on=last_month + datetime.timedelta(days=10) if number == 2 else None,
            created_by=manager,
        )
        if number % 3 == 0:
            RentPayment.objects.create(
                tenancy=tenancy,
                paid_on=last_month + datetime.timedelta(days=20),
                amount=D("80.00"),
                created_by=manager,
            )
    if len(trainees) > 5:
        settled = next(
            (
                t
                for t in trainees
                if t.participation_started_on and t.participation_started_on < this_month
            ),
            None,
        )  # no bonus in a trial month
        if settled is not None:
            Bonus.objects.create(
                trainee=settled, month=this_month, amount=D("300.00"), created_by=manager
            )
        Advance.objects.create(
            trainee=trainees[5], month=last_month, amount=D("200.00"), created_by=manager
        )
        DebtRepaymentPlan.objects.create(
            trainee=trainees[0],
            creditor="Energy supplier",
            monthly_amount=D("80.00"),
            cap=D("640.00"),
            start_month=last_month,
            created_by=manager,
        )
