"""The demo cooperative's care side: two trainees' work constraints (``load_constraints``,
loaded before the demo month of work), diagnoses, individual plans with goals and a social
contract, therapy plans for the care team, a community-service order, and milestones of every
kind at different stages (recomputed from the demo month of work).

Idempotent: nothing is added once a work constraint, or a therapy plan, exists.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from reintegra_coop.people import demo as people_demo
from reintegra_coop.people.models import Skill, Stage, Trainee

from .models import (
    CommunityServiceOrder,
    Diagnosis,
    IndividualPlan,
    Milestone,
    PlanGoal,
    SocialContract,
    TherapyPlan,
    UnavailableBlock,
    WorkConstraint,
)
from .plans import DiagnosisRole
from .progress import recompute

GOALS = [
    ("social", "Keep the tenancy of the training flat"),
    ("psychological", "Attend group therapy every week"),
    ("vocational", "Work a full week at the partner employer"),
]


@transaction.atomic
def load_constraints() -> None:
    """Two trainees with care constraints (the reasons stay with their care workers): loaded
    before the demo month of work, which keeps them."""
    if WorkConstraint.objects.exists():
        return
    manager = User.objects.get(username="manager")
    limits = [
        (
            "C-1002",
            {"max_minutes_per_day": 360, "max_minutes_per_week": 1800},
            (3, datetime.time(14, 30), datetime.time(16), "Psychotherapy, group session"),
        ),
        (
            "C-1005",
            {"max_minutes_per_day": 360},
            (1, datetime.time(15), datetime.time(17), "Addiction counselling"),
        ),
    ]
    for card, values, (weekday, start, end, reason) in limits:
        trainee = Trainee.objects.get(card_number=card)
        constraint = WorkConstraint.objects.create(trainee=trainee, created_by=manager, **values)
        UnavailableBlock.objects.create(
            constraint=constraint,
            weekday=weekday,
            start=start,
            end=end,
            reason=reason,
            created_by=manager,
        )


@transaction.atomic
def load_diagnoses() -> None:
    """The three specialists' diagnoses of the demo trainees in the diagnosis stage: positive
    for those who go on to the trial; two of three for one still being assessed."""
    psychologist = User.objects.get(username="care.psychologist")
    today = timezone.localdate()
    for trainee in Trainee.objects.filter(stage=Stage.DIAGNOSIS, diagnoses__isnull=True):
        roles = list(DiagnosisRole)
        if not people_demo.goes_beyond_diagnosis(trainee):
            roles = roles[:2]  # the vocational counsellor has not seen them yet
        for offset, role in enumerate(roles, start=1):
            Diagnosis.objects.create(
                trainee=trainee,
                by_role=role,
                recommends=True,
                assessed_on=min(trainee.stage_since + datetime.timedelta(days=offset), today),
                summary="",
                created_by=psychologist,
            )


@transaction.atomic
def load() -> None:
    if TherapyPlan.objects.exists():
        return
    psychologist = User.objects.get(username="care.psychologist")
    today = timezone.localdate()
    trainees = list(
        Trainee.objects.filter(stage__in=[Stage.TRIAL, Stage.PARTICIPANT]).order_by("card_number")
    )
    for number, trainee in enumerate(trainees):
        started = trainee.participation_started_on or today
        plan = IndividualPlan.objects.create(
            trainee=trainee, opened_on=started, created_by=psychologist
        )
        for sphere, text in GOALS:
            PlanGoal.objects.create(plan=plan, sphere=sphere, text=text, created_by=psychologist)
        if number % 3 == 0:
            SocialContract.objects.create(
                plan=plan,
                welfare_office="Miejski Ośrodek Pomocy Społecznej",
                trainee_obligations="Take part in the workshop and the group sessions.",
                office_obligations="Pay the housing allowance; a case worker visits monthly.",
                cooperative_obligations="Provide supervised paid work and a workplace mentor.",
                signed_on=started,
                ends_on=started + datetime.timedelta(days=364),
                created_by=psychologist,
            )
        TherapyPlan.objects.create(
            trainee=trainee,
            session_schedule="Group session Thursday 14:30",
            goals="Abstinence; sleep routine; contact with family.",
            clinical_notes="(demo) Notes for the care team only.",
            created_by=psychologist,
        )
        skill = Skill.objects.filter(workshop__in=trainee.workshops.all()).first()
        if skill is not None:
            Milestone.objects.create(
                trainee=trainee,
                kind="hours_in_skill",
                skill=skill,
                title=f"30 hours of {skill.name.lower()}",
                target=Decimal(30),
                created_by=psychologist,
            )
        Milestone.objects.create(
            trainee=trainee,
            kind="attendance_rate",
            weeks=4,
            title="90 % attendance over 4 weeks",
            target=Decimal(90),
            created_by=psychologist,
        )
        Milestone.objects.create(
            trainee=trainee,
            kind="punctuality_streak",
            title="10 shifts in a row on time",
            target=Decimal(10),
            created_by=psychologist,
        )
        Milestone.objects.create(
            trainee=trainee,
            kind="independent_work",
            title="5 tasks done on their own",
            target=Decimal(5),
            created_by=psychologist,
        )
        Milestone.objects.create(
            trainee=trainee,
            kind="signed_off",
            title="Health and safety course",
            created_by=psychologist,
        )
    last_month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    CommunityServiceOrder.objects.create(
        trainee=trainees[2],
        court_reference="II K 481/26",
        total_hours=120,
        start=last_month,
        deadline=last_month.replace(year=last_month.year + 1),
        created_by=User.objects.get(username="manager"),
    )
    recompute([t.pk for t in trainees], today)
