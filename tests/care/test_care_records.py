"""Clinical content reaches only the trainee's own care workers: pages, admin and API, for
every role and the outsider. Milestones follow approvals and corrections."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from reintegra_coop.care.models import (
    ClinicalRead,
    Diagnosis,
    IndividualPlan,
    Milestone,
    SocialContract,
    TherapyPlan,
    UnavailableBlock,
    WorkConstraint,
)
from reintegra_coop.core.scoping import scope
from reintegra_coop.work import approval
from reintegra_coop.work.models import WorkLog

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-11-23T10:00")]
SECRET = "Relapse risk after the court hearing"


@pytest.fixture
def plan(personas):
    return TherapyPlan.objects.create(
        trainee=personas.trainee_anna,
        clinical_notes=SECRET,
        goals="Stay abstinent",
        session_schedule="Tue 16:00",
    )


def test_only_the_trainees_own_care_worker_sees_the_therapy_plan(personas, plan):
    seen = {
        name
        for name, user in personas.all_users().items()
        if scope(TherapyPlan.objects.all(), user).exists()
    }
    assert seen == {"care_worker"}


@pytest.mark.parametrize(
    "persona",
    [
        "manager",
        "garden_instructor",
        "carpentry_instructor",
        "accountant",
        "trainee_anna",
        "trainee_bartek",
        "outsider",
    ],
)
def test_no_page_admin_or_api_shows_clinical_content_to_others(client, personas, plan, persona):
    client.force_login(personas.all_users()[persona])
    urls = [
        reverse("care:trainee_record", args=[personas.trainee_anna.pk]),
        "/admin/care/therapyplan/",
        f"/admin/care/therapyplan/{plan.pk}/change/",
        "/admin/care/therapyplan/?q=Relapse",
        "/api/work-logs/",
        "/people/manager/",
        reverse("people:trainee_detail", args=[personas.trainee_anna.pk]),
    ]
    for url in urls:
        body = client.get(url, follow=True).content.decode()
        assert SECRET not in body and "Stay abstinent" not in body, url
    assert not ClinicalRead.objects.exists()


def test_the_care_worker_reads_the_plan_and_every_read_is_logged(client, personas, plan):
    client.force_login(personas.care_worker)
    page = client.get(
        reverse("care:trainee_record", args=[personas.trainee_anna.pk])
    ).content.decode()
    assert SECRET in page
    read = ClinicalRead.objects.get()
    assert (read.reader, read.plan) == (personas.care_worker, plan)
    assert "Who read this plan" not in page  # only a care lead sees the read log
    member = personas.care_worker.staff_member
    member.care_lead = True
    member.stamp(personas.manager)  # a manager makes the care worker a care lead
    member.save()
    page = client.get(
        reverse("care:trainee_record", args=[personas.trainee_anna.pk])
    ).content.decode()
    assert "Who read this plan" in page and ClinicalRead.objects.count() == 2


def test_a_care_worker_outside_the_caseload_sees_nothing(client, personas, plan):
    from reintegra_coop.core.roles import Role
    from tests.factories import StaffMemberFactory

    other = StaffMemberFactory(
        user__username="other.care", role=Role.CARE_WORKER, caseload=[personas.trainee_bartek]
    ).user
    client.force_login(other)
    assert (
        client.get(reverse("care:trainee_record", args=[personas.trainee_anna.pk])).status_code
        == 404
    )
    assert not scope(TherapyPlan.objects.all(), other).exists()


def test_an_individual_plan_opens_only_after_three_positive_diagnoses(personas):
    plan = IndividualPlan(trainee=personas.trainee_anna, opened_on=datetime.date(2026, 9, 1))
    with pytest.raises(ValidationError, match="positive diagnosis by the psychologist"):
        plan.full_clean()
    for role in ("psychologist", "social_worker", "vocational_counsellor"):
        Diagnosis.objects.create(
            trainee=personas.trainee_anna,
            by_role=role,
            assessed_on=datetime.date(2026, 8, 20),
            recommends=True,
        )
    plan.full_clean()


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (
            lambda p: UnavailableBlock(
                constraint=WorkConstraint.objects.create(trainee=p.trainee_anna),
                weekday=1,
                start=datetime.time(18),
                end=datetime.time(16),
            ),
            "The end must be after the start.",
        ),
        (
            lambda p: Milestone(
                trainee=p.trainee_anna, kind="independent_work", title="x", target=Decimal("0")
            ),
            "greater than or equal to 0.01",
        ),
        (
            lambda p: SocialContract(
                plan=IndividualPlan.objects.create(
                    trainee=p.trainee_anna, opened_on=datetime.date(2026, 9, 1)
                ),
                welfare_office="MOPS",
                trainee_obligations="a",
                office_obligations="b",
                cooperative_obligations="c",
                signed_on=datetime.date(2026, 9, 2),
                ends_on=datetime.date(2026, 9, 1),
            ),
            "The contract cannot end before it is signed.",
        ),
    ],
)
def test_bad_care_input_names_the_problem(personas, record, message):
    with pytest.raises(ValidationError, match=message):
        record(personas).full_clean()


def test_milestones_follow_approvals_and_corrections_with_frozen_time(personas):
    anna = personas.trainee_anna
    with time_machine.travel(datetime.datetime(2026, 11, 20, 15, tzinfo=datetime.UTC), tick=False):
        goal = Milestone.objects.create(
            trainee=anna, kind="independent_work", title="3 tasks alone", target=Decimal("3")
        )
        logs = [
            WorkLog.objects.create(
                trainee=anna,
                workshop=personas.garden,
                date=datetime.date(2026, 11, day),
                start=datetime.time(8),
                end=datetime.time(12),
                done_independently=True,
                status="submitted",
            )
            for day in (16, 17, 18)
        ]
        approval.approve([logs[0].pk, logs[1].pk], personas.manager)
        goal.refresh_from_db()
        assert (goal.progress, goal.achieved_on) == (Decimal("2"), None)
        approval.approve([logs[2].pk], personas.manager)
        goal.refresh_from_db()
        assert goal.achieved_on == datetime.date(2026, 11, 18)
        assert set(goal.proof.values_list("pk", flat=True)) == {log.pk for log in logs}
        # A later correction does not take an achievement away: it keeps its date and proof.
        correction = approval.correct(logs[2], {"done_independently": False}, personas.manager)
        approval.approve([correction.pk], personas.manager)
        goal.refresh_from_db()
        assert goal.achieved_on == datetime.date(2026, 11, 18)


def test_an_instructor_signs_off_a_manual_milestone_with_evidence(client, personas):
    goal = Milestone.objects.create(
        trainee=personas.trainee_anna, kind="signed_off", title="Safe use of the tiller"
    )
    client.force_login(personas.garden_instructor)
    url = reverse("care:sign_off", args=[goal.pk])
    page = client.post(url, {"evidence": ""}, follow=True).content.decode()
    assert "Describe the evidence for the sign-off." in page
    client.post(url, {"evidence": "Demonstrated on 3 beds"})
    goal.refresh_from_db()
    assert (goal.signed_off_by, goal.evidence) == (
        personas.garden_instructor,
        "Demonstrated on 3 beds",
    )
    assert goal.achieved_on is not None
    client.force_login(personas.carpentry_instructor)
    other = Milestone.objects.create(trainee=personas.trainee_anna, kind="signed_off", title="x")
    assert (
        client.post(reverse("care:sign_off", args=[other.pk]), {"evidence": "y"}).status_code == 404
    )


def test_a_constraint_applies_only_while_valid(personas):
    from reintegra_coop.work.exceptions import WorkRuleError
    from reintegra_coop.work.validation import check_log

    constraint = WorkConstraint.objects.create(
        trainee=personas.trainee_anna, valid_from=datetime.date(2026, 11, 16)
    )
    UnavailableBlock.objects.create(
        constraint=constraint, weekday=0, start=datetime.time(9), end=datetime.time(10)
    )
    earlier = WorkLog(
        trainee=personas.trainee_anna,
        workshop=personas.garden,
        date=datetime.date(2026, 11, 9),
        start=datetime.time(8),
        end=datetime.time(12),
    )
    check_log(earlier, personas.garden_instructor)
    earlier.date = datetime.date(2026, 11, 16)
    with pytest.raises(WorkRuleError, match="unavailable 09:00"):
        check_log(earlier, personas.garden_instructor)
