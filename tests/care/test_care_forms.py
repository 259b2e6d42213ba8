"""The care worker's pages for a trainee's care records (outside the back office): only the
trainee's own care workers open them, every read of clinical content is logged, bad input is
refused whole with the field named, history is kept, and a saved constraint lists the rostered
shifts and draft logs it now breaks (the instructor of that workshop sees them too)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from reintegra_coop.care.models import (
    ClinicalRead,
    Diagnosis,
    IndividualPlan,
    Milestone,
    PlanGoal,
    PlanReview,
    SocialContract,
    TherapyPlan,
    UnavailableBlock,
    WorkConstraint,
)
from reintegra_coop.core.roles import Role
from reintegra_coop.work.models import ShiftAssignment
from tests.factories import (
    MilestoneFactory,
    ShiftFactory,
    SkillFactory,
    StaffMemberFactory,
    TherapyPlanFactory,
    UnavailableBlockFactory,
    WorkLogFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-02T10:00")]  # a Wednesday
TUESDAY = datetime.date(2026, 12, 1)
THURSDAY = datetime.date(2026, 12, 3)
NEXT_THURSDAY = datetime.date(2026, 12, 10)
SECRET = "Relapse risk after the court hearing"
REASON = "Methadone clinic"
ASSESSMENT = "Strong motivation, needs structure"
ROLES = ("psychologist", "social_worker", "vocational_counsellor")


@pytest.fixture
def people(personas):
    """The personas, a care worker of Bartek only, and a care lead without Anna."""
    users = personas.all_users()
    users["other_care_worker"] = StaffMemberFactory(
        user__username="other.care", role=Role.CARE_WORKER, caseload=[personas.trainee_bartek]
    ).user
    users["care_lead"] = StaffMemberFactory(
        user__username="care.lead", role=Role.CARE_WORKER, care_lead=True
    ).user
    return users


@pytest.fixture
def records(personas):
    """Anna's care records, one of each."""
    anna = personas.trainee_anna
    plan = TherapyPlanFactory(trainee=anna, clinical_notes=SECRET)
    UnavailableBlockFactory(constraint__trainee=anna, reason=REASON)
    for role in ROLES:
        Diagnosis.objects.create(
            trainee=anna,
            by_role=role,
            assessed_on=datetime.date(2026, 7, 20),
            recommends=True,
            summary=ASSESSMENT,
        )
    individual = IndividualPlan.objects.create(trainee=anna, opened_on=datetime.date(2026, 8, 1))
    review = PlanReview.objects.create(
        plan=individual, reviewed_on=datetime.date(2026, 11, 1), summary="On track"
    )
    milestone = MilestoneFactory(trainee=anna)
    return {"plan": plan, "review": review, "milestone": milestone}


def pages(anna_pk, records):
    return [
        reverse("care:therapy_plan", args=[anna_pk]),
        reverse("care:work_constraint", args=[anna_pk]),
        reverse("care:constraint_saved", args=[anna_pk]),
        reverse("care:diagnosis", args=[anna_pk, "psychologist"]),
        reverse("care:individual_plan", args=[anna_pk]),
        reverse("care:new_review", args=[anna_pk]),
        reverse("care:plan_review", args=[anna_pk, records["review"].pk]),
        reverse("care:social_contract", args=[anna_pk]),
        reverse("care:new_milestone", args=[anna_pk]),
        reverse("care:milestone", args=[anna_pk, records["milestone"].pk]),
    ]


REFUSED = {
    "manager": 403,
    "garden_instructor": 403,
    "carpentry_instructor": 403,
    "accountant": 403,
    "trainee_anna": 403,
    "trainee_bartek": 403,
    "outsider": 403,
    "other_care_worker": 404,
    "care_lead": 404,
}


@pytest.mark.parametrize("persona", sorted(REFUSED))
def test_nobody_but_the_trainees_own_care_worker_opens_or_posts_a_care_page(
    client, personas, people, records, persona
):
    client.force_login(people[persona])
    for url in pages(personas.trainee_anna.pk, records):
        for response in (client.get(url), client.post(url, {"goals": "x", "summary": "x"})):
            assert response.status_code == REFUSED[persona], url
            body = response.content.decode()
            assert SECRET not in body and REASON not in body and ASSESSMENT not in body
    assert not ClinicalRead.objects.exists()
    assert TherapyPlan.objects.get().goals == "Abstinence; sleep routine."
    assert PlanReview.objects.get().summary == "On track"


def test_a_logged_out_visitor_is_sent_to_log_in(client, personas, records):
    for url in pages(personas.trainee_anna.pk, records):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


def test_the_trainees_care_worker_opens_every_page(client, personas, records):
    client.force_login(personas.care_worker)
    for url in pages(personas.trainee_anna.pk, records):
        assert client.get(url).status_code == 200, url


def test_every_read_of_clinical_content_is_logged_with_its_record(client, personas, records):
    anna = personas.trainee_anna
    client.force_login(personas.care_worker)
    assert SECRET in client.get(reverse("care:therapy_plan", args=[anna.pk])).content.decode()
    assert REASON in client.get(reverse("care:work_constraint", args=[anna.pk])).content.decode()
    page = client.get(reverse("care:diagnosis", args=[anna.pk, "social_worker"])).content.decode()
    assert ASSESSMENT in page
    reads = ClinicalRead.objects.order_by("pk")
    assert [(r.reader, r.trainee, r.record) for r in reads] == [
        (personas.care_worker, anna, "therapy_plan"),
        (personas.care_worker, anna, "unavailable_times"),
        (personas.care_worker, anna, "diagnosis"),
    ]
    assert reads[0].plan == records["plan"]
    # Pages without clinical content, and a diagnosis not made yet, are no reads.
    Diagnosis.objects.filter(by_role="psychologist").delete()
    for url in (
        reverse("care:constraint_saved", args=[anna.pk]),
        reverse("care:individual_plan", args=[anna.pk]),
        reverse("care:diagnosis", args=[anna.pk, "psychologist"]),
        reverse("care:new_milestone", args=[anna.pk]),
    ):
        client.get(url)
    assert ClinicalRead.objects.count() == 3


def test_a_care_lead_sees_every_clinical_read_of_the_trainee(client, personas, records):
    anna = personas.trainee_anna
    client.force_login(personas.care_worker)
    client.get(reverse("care:diagnosis", args=[anna.pk, "psychologist"]))
    member = personas.care_worker.staff_member
    member.care_lead = True
    member.stamp(personas.manager)
    member.save()
    page = client.get(reverse("care:trainee_record", args=[anna.pk])).content.decode()
    assert "Who read this plan" in page and "diagnosis" in page


def test_the_trainee_record_links_the_care_pages_for_the_care_team_only(client, personas, records):
    anna = personas.trainee_anna
    link = reverse("care:therapy_plan", args=[anna.pk])
    client.force_login(personas.care_worker)
    assert link in client.get(reverse("care:trainee_record", args=[anna.pk])).content.decode()
    assert link in client.get(reverse("care:caseload")).content.decode()
    for user in (personas.manager, personas.garden_instructor):
        client.force_login(user)
        page = client.get(reverse("care:trainee_record", args=[anna.pk])).content.decode()
        assert link not in page and reverse("care:work_constraint", args=[anna.pk]) not in page


def test_the_care_worker_writes_the_therapy_plan_and_its_history_is_kept(client, personas):
    anna = personas.trainee_anna
    client.force_login(personas.care_worker)
    url = reverse("care:therapy_plan", args=[anna.pk])
    fields = {"session_schedule": "Tue 16:00", "goals": "Sleep routine", "clinical_notes": SECRET}
    response = client.post(url, fields)
    assert response.status_code == 302
    client.post(url, {**fields, "goals": "Sleep routine; abstinence"})
    plan = TherapyPlan.objects.get(trainee=anna)
    assert (plan.goals, plan.created_by, plan.modified_by) == (
        "Sleep routine; abstinence",
        personas.care_worker,
        personas.care_worker,
    )
    assert [h.goals for h in plan.history.order_by("history_id")] == [
        "Sleep routine",
        "Sleep routine; abstinence",
    ]
    assert {h.history_user for h in plan.history.all()} == {personas.care_worker}


# The constraint and what it now breaks.


@pytest.fixture
def rostered(personas):
    """Anna on the garden's 8:00–14:00 shift this and next Thursday, a draft log on Tuesday;
    and in carpentry on Friday afternoon, which no limit below touches."""
    anna = personas.trainee_anna
    anna.workshops.add(personas.carpentry)
    for day in (THURSDAY, NEXT_THURSDAY):
        ShiftAssignment.objects.create(
            shift=ShiftFactory(workshop=personas.garden, date=day), trainee=anna
        )
    ShiftAssignment.objects.create(
        shift=ShiftFactory(
            workshop=personas.carpentry,
            date=datetime.date(2026, 12, 4),
            start=datetime.time(14),
            end=datetime.time(16),
        ),
        trainee=anna,
    )
    WorkLogFactory(trainee=anna, workshop=personas.garden, date=TUESDAY, status="draft")


def constraint_post(blocks=(), **limits):
    data = {
        "max_minutes_per_day": "",
        "max_minutes_per_week": "",
        "earliest_start": "",
        "latest_end": "",
        "valid_from": "",
        "valid_until": "",
        "blocks-TOTAL_FORMS": str(len(blocks)),
        "blocks-INITIAL_FORMS": "0",
        "blocks-MIN_NUM_FORMS": "0",
        "blocks-MAX_NUM_FORMS": "1000",
        **limits,
    }
    for n, block in enumerate(blocks):
        data.update({f"blocks-{n}-{name}": value for name, value in block.items()})
    return data


THURSDAY_NOON = {"weekday": "3", "start": "12:00", "end": "13:30", "reason": REASON}
TUESDAY_NOON = {"weekday": "1", "start": "12:00", "end": "13:00", "reason": REASON}


def test_saving_a_constraint_lists_the_shifts_and_draft_logs_it_now_breaks(
    client, personas, rostered, django_assert_max_num_queries
):
    anna = personas.trainee_anna
    client.force_login(personas.care_worker)
    response = client.post(
        reverse("care:work_constraint", args=[anna.pk]),
        constraint_post([THURSDAY_NOON, TUESDAY_NOON], max_minutes_per_week="900"),
    )
    assert response["Location"] == reverse("care:constraint_saved", args=[anna.pk])
    with django_assert_max_num_queries(25):
        page = client.get(response["Location"]).content.decode()
    assert "2 rostered shifts now break these limits" in page
    for day in ("03/12/2026", "10/12/2026"):  # the test client's English (British) dates
        assert f"<td>{day}</td><td>Organic garden 08:00–14:00</td>" in page
    assert page.count("The trainee is unavailable 12:00–13:30.") == 2
    assert "1 draft entry now breaks these limits" in page
    assert "<td>01/12/2026</td><td>Organic garden</td><td>08:00–14:00</td>" in page
    assert "The trainee is unavailable 12:00–13:00." in page
    assert "Carpentry-locksmith 14:00" not in page  # Friday's shift keeps every limit
    assert REASON not in page  # the result page shows no clinical reason
    constraint = WorkConstraint.objects.get(trainee=anna)
    assert constraint.max_minutes_per_week == 900 and constraint.blocks.count() == 2
    assert constraint.history.get().history_user == personas.care_worker
    assert {b.created_by for b in constraint.blocks.all()} == {personas.care_worker}


def test_a_limit_that_nothing_breaks_says_so(client, personas, rostered):
    anna = personas.trainee_anna
    client.force_login(personas.care_worker)
    client.post(
        reverse("care:work_constraint", args=[anna.pk]), constraint_post(latest_end="18:00")
    )
    page = client.get(reverse("care:constraint_saved", args=[anna.pk])).content.decode()
    assert "0 rostered shifts now break these limits" in page
    assert "0 draft entries now break these limits" in page


def test_a_removed_block_is_gone_and_its_removal_is_in_the_history(client, personas):
    anna = personas.trainee_anna
    block = UnavailableBlockFactory(constraint__trainee=anna)
    client.force_login(personas.care_worker)
    data = constraint_post()
    data.update(
        {
            "blocks-TOTAL_FORMS": "1",
            "blocks-INITIAL_FORMS": "1",
            "blocks-0-id": str(block.pk),
            "blocks-0-constraint": str(block.constraint_id),
            "blocks-0-weekday": "1",
            "blocks-0-start": "16:00",
            "blocks-0-end": "18:00",
            "blocks-0-DELETE": "on",
        }
    )
    assert client.post(reverse("care:work_constraint", args=[anna.pk]), data).status_code == 302
    assert not UnavailableBlock.objects.exists()
    removal = UnavailableBlock.history.filter(id=block.pk, history_type="-").get()
    assert removal.history_user == personas.care_worker


def test_the_instructor_of_the_workshop_sees_the_new_conflicts_on_the_home_page(
    client, personas, rostered
):
    client.force_login(personas.care_worker)
    client.post(
        reverse("care:work_constraint", args=[personas.trainee_anna.pk]),
        constraint_post([THURSDAY_NOON]),
    )
    client.force_login(personas.garden_instructor)
    page = client.get(reverse("core:home"), follow=True).content.decode()
    assert "2</strong> rostered shifts break a trainee" in page.replace(" </strong>", "</strong>")
    client.force_login(personas.carpentry_instructor)  # Anna works there too, within limits
    page = client.get(reverse("core:home"), follow=True).content.decode()
    assert "rostered shift" not in page


# Bad input: refused whole, the field named.


@pytest.mark.parametrize(
    ("data", "label", "message"),
    [
        (
            constraint_post([{**THURSDAY_NOON, "end": "11:00"}], max_minutes_per_day="300"),
            "until",
            "The end must be after the start.",
        ),
        (
            constraint_post(earliest_start="14:00", latest_end="08:00"),
            "latest end",
            "The latest end must be after the earliest start.",
        ),
        (
            constraint_post(max_minutes_per_day="2000"),
            "most minutes a day",
            "less than or equal to 1440",
        ),
        (constraint_post([{**THURSDAY_NOON, "weekday": "9"}]), "weekday", "Select a valid"),
        (constraint_post(valid_from="2026-13-45"), "valid from", "Enter a valid date."),
    ],
)
def test_a_bad_constraint_is_refused_whole_with_the_field_named(
    client, personas, data, label, message
):
    client.force_login(personas.care_worker)
    response = client.post(reverse("care:work_constraint", args=[personas.trainee_anna.pk]), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert f"<strong>{label.capitalize()}:</strong>" in page and message in page
    assert not WorkConstraint.objects.exists() and not UnavailableBlock.objects.exists()


def test_an_individual_plan_before_three_positive_diagnoses_is_refused_with_its_goals(
    client, personas
):
    anna = personas.trainee_anna
    client.force_login(personas.care_worker)
    url = reverse("care:individual_plan", args=[anna.pk])
    data = {
        "opened_on": "2026-11-30",
        "goals-TOTAL_FORMS": "1",
        "goals-INITIAL_FORMS": "0",
        "goals-0-sphere": "social",
        "goals-0-text": "Open a bank account",
    }
    page = client.post(url, data).content.decode()
    assert "positive diagnosis by the psychologist" in page
    assert not IndividualPlan.objects.exists() and not PlanGoal.objects.exists()
    for role in ROLES:
        response = client.post(
            reverse("care:diagnosis", args=[anna.pk, role]),
            {"assessed_on": "2026-11-20", "recommends": "on", "summary": ASSESSMENT},
        )
        assert response.status_code == 302
    assert Diagnosis.objects.filter(trainee=anna, recommends=True).count() == 3
    assert client.post(url, data).status_code == 302
    plan = IndividualPlan.objects.get(trainee=anna)
    assert [(g.sphere, g.text) for g in plan.goals.all()] == [("social", "Open a bank account")]
    assert plan.created_by == personas.care_worker


def test_the_care_worker_reviews_the_plan_and_writes_the_social_contract(client, personas, records):
    anna = personas.trainee_anna
    client.force_login(personas.care_worker)
    response = client.post(
        reverse("care:new_review", args=[anna.pk]),
        {"reviewed_on": "2026-12-01", "summary": "Attendance up, first course done"},
    )
    assert response["Location"] == reverse("care:individual_plan", args=[anna.pk])
    assert PlanReview.objects.count() == 2
    contract_url = reverse("care:social_contract", args=[anna.pk])
    contract = {
        "welfare_office": "MOPS Kraków",
        "trainee_obligations": "Attend",
        "office_obligations": "Pay the benefit",
        "cooperative_obligations": "Train",
        "rights": "",
        "signed_on": "2026-12-01",
        "ends_on": "2026-11-01",
    }
    page = client.post(contract_url, contract).content.decode()
    assert "<strong>Ends on:</strong>" in page and "cannot end before it is signed" in page
    assert not SocialContract.objects.exists()
    assert client.post(contract_url, {**contract, "ends_on": "2027-11-30"}).status_code == 302
    assert SocialContract.objects.get().modified_by == personas.care_worker
    record = client.get(reverse("care:trainee_record", args=[anna.pk])).content.decode()
    assert "Social contract (PDF)" in record


def test_a_diagnosis_role_that_does_not_exist_is_not_found(client, personas):
    client.force_login(personas.care_worker)
    url = reverse("care:diagnosis", args=[personas.trainee_anna.pk, "astrologer"])
    assert client.get(url).status_code == 404


def test_milestone_targets_are_set_and_changed_with_the_skill_named(client, personas):
    anna = personas.trainee_anna
    planing = SkillFactory(workshop=personas.garden, name="Planting")
    SkillFactory(workshop=personas.carpentry, name="Planing")  # not one of Anna's workshops
    client.force_login(personas.care_worker)
    url = reverse("care:new_milestone", args=[anna.pk])
    data = {"kind": "hours_in_skill", "title": "40 hours planting", "target": "40", "weeks": "4"}
    response = client.post(url, data)
    page = response.content.decode()
    assert "<strong>Skill:</strong>" in page and "Choose the skill the hours count in." in page
    assert "Planing" not in page
    assert not Milestone.objects.exists()
    assert client.post(url, {**data, "skill": str(planing.pk)}).status_code == 302
    milestone = Milestone.objects.get()
    edit = reverse("care:milestone", args=[anna.pk, milestone.pk])
    page = client.post(edit, {**data, "skill": str(planing.pk), "target": "0"}).content.decode()
    assert "<strong>Target:</strong>" in page
    client.post(edit, {**data, "skill": str(planing.pk), "target": "60"})
    milestone.refresh_from_db()
    assert milestone.target == Decimal(60) and milestone.history.count() == 2


def test_an_achieved_milestone_is_kept_as_it_was(client, personas):
    milestone = MilestoneFactory(
        trainee=personas.trainee_anna, kind="signed_off", title="Forklift course"
    )
    Milestone.objects.filter(pk=milestone.pk).update(achieved_on=datetime.date(2026, 11, 30))
    client.force_login(personas.care_worker)
    url = reverse("care:milestone", args=[personas.trainee_anna.pk, milestone.pk])
    response = client.post(url, {"kind": "signed_off", "title": "Other", "target": "1"})
    assert response.status_code == 302
    assert Milestone.objects.get().title == "Forklift course"
