"""Every role × every care record (and the outsider): who sees which rows, on the server."""

import datetime

import pytest

from reintegra_coop.care.models import (
    ClinicalRead,
    Diagnosis,
    IndividualPlan,
    Milestone,
    ParticipationPause,
    PlanGoal,
    PlanReview,
    SocialContract,
    TherapyPlan,
)
from reintegra_coop.core.scoping import scope

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-11-23T10:00")]
DAY = datetime.date(2026, 9, 1)
CARE_TEAM = {"care_worker"}
PLAN_READERS = {"manager", "care_worker", "trainee_anna"}
EVERYONE_OF_ANNA = {"manager", "care_worker", "accountant", "garden_instructor", "trainee_anna"}


@pytest.fixture
def records(personas):
    anna = personas.trainee_anna
    therapy = TherapyPlan.objects.create(trainee=anna, clinical_notes="x")
    ClinicalRead.objects.create(reader=personas.care_worker, plan=therapy)
    Diagnosis.objects.create(trainee=anna, by_role="psychologist", assessed_on=DAY, recommends=True)
    plan = IndividualPlan.objects.create(trainee=anna, opened_on=DAY)
    PlanGoal.objects.create(plan=plan, sphere="social", text="x")
    PlanReview.objects.create(plan=plan, reviewed_on=DAY, summary="x")
    SocialContract.objects.create(
        plan=plan,
        welfare_office="MOPS",
        trainee_obligations="a",
        office_obligations="b",
        cooperative_obligations="c",
        signed_on=DAY,
        ends_on=DAY,
    )
    ParticipationPause.objects.create(trainee=anna, starts_on=DAY, reason="relapse")
    Milestone.objects.create(trainee=anna, kind="signed_off", title="x")


@pytest.mark.parametrize(
    ("model", "allowed"),
    [
        (TherapyPlan, CARE_TEAM),
        (ClinicalRead, CARE_TEAM),
        (Diagnosis, CARE_TEAM),
        (IndividualPlan, PLAN_READERS),
        (PlanGoal, PLAN_READERS),
        (PlanReview, PLAN_READERS),
        (SocialContract, PLAN_READERS),
        (ParticipationPause, {"manager", "care_worker"}),
        (Milestone, EVERYONE_OF_ANNA),
    ],
)
def test_who_sees_each_care_record(personas, records, model, allowed):
    seen = {
        name
        for name, user in personas.all_users().items()
        if scope(model.objects.all(), user).exists()
    }
    assert seen == allowed, model.__name__
