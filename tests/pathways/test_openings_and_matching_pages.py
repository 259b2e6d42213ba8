"""Partners and job openings in the app, and the match pages: an opening's trainees ranked by
their verified record with the evidence and what is missing (a care worker sees only their
caseload), and a trainee's best openings. Managers and care workers only."""

import pytest
from django.urls import reverse

from reintegra_coop.pathways.models import Opening, Organisation
from tests.factories import (
    WORK_DAY,
    OpeningFactory,
    OpeningSkillFactory,
    OrganisationFactory,
    SkillFactory,
    TraineeFactory,
    work,
    working_days_before,
)

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-11-23T10:00")]


@pytest.fixture
def joinery_job(personas):
    sanding = SkillFactory(workshop=personas.carpentry, name="Sanding")
    opening = OpeningFactory(
        employer=OrganisationFactory(name="Stolarnia Dąb"), title="Joiner's helper"
    )
    OpeningSkillFactory(opening=opening, skill=sanding, hours=12)
    for day in working_days_before(WORK_DAY, 3):
        work(personas.trainee_bartek, personas.carpentry, day, skill=sanding)  # 18 h
    work(
        personas.trainee_anna,
        personas.carpentry,
        working_days_before(WORK_DAY, 1)[0],
        skill=sanding,
    )
    return opening


def test_a_manager_records_an_employer_and_an_opening_with_the_skills_it_asks_for(client, personas):
    sanding = SkillFactory(workshop=personas.carpentry, name="Sanding")
    client.force_login(personas.manager)
    missing_tie = {"name": "Stolarnia Dąb", "kind": "employer", "active": "on"}
    page = client.post(reverse("pathways:new_organisation"), missing_tie).content.decode()
    assert "Say whether the employer is cooperating or contracted." in page
    client.post(reverse("pathways:new_organisation"), {**missing_tie, "employer_tie": "contracted"})
    employer = Organisation.objects.get()
    form = {
        "employer": employer.pk,
        "title": "Joiner's helper",
        "hours_per_week": "30",
        "positions": "2",
        "attendance_weeks": "8",
        "min_attendance_percent": "90",
        "min_punctuality_streak": "20",
        "status": "open",
        "skills-TOTAL_FORMS": "2",
        "skills-INITIAL_FORMS": "0",
        "skills-0-skill": sanding.pk,
        "skills-0-hours": "120",
        "skills-1-skill": "",
        "skills-1-hours": "",
    }
    response = client.post(reverse("pathways:new_opening"), form)
    opening = Opening.objects.get()
    assert response["Location"] == reverse("pathways:match", args=[opening.pk])
    assert [(s.skill, s.hours) for s in opening.skills.all()] == [(sanding, 120)]
    bad = {**form, "min_attendance_percent": "120", "title": "Second"}
    page = client.post(reverse("pathways:new_opening"), bad).content.decode()
    assert "Ensure this value is less than or equal to 100." in page
    assert Opening.objects.count() == 1


def test_the_match_page_ranks_by_the_verified_record_and_shows_what_is_missing(
    client, personas, joinery_job
):
    client.force_login(personas.manager)
    page = client.get(reverse("pathways:match", args=[joinery_job.pk])).content.decode()
    bartek, anna = page.index("Bartek Carpenter"), page.index("Anna Garden")
    assert bartek < anna  # 18 h of 12 before 6 h of 12
    assert "100 %" in page and "50 %" in page
    assert "missing 6 h" in page
    assert "2 trainees considered." in page


def test_a_care_worker_ranks_only_their_caseload(client, personas, joinery_job):
    client.force_login(personas.care_worker)
    page = client.get(reverse("pathways:match", args=[joinery_job.pk])).content.decode()
    assert "Anna Garden" in page and "Bartek Carpenter" not in page
    bartek_openings = reverse("pathways:trainee_openings", args=[personas.trainee_bartek.pk])
    assert client.get(bartek_openings).status_code == 404


def test_a_trainees_best_openings(client, personas, joinery_job):
    OpeningFactory(title="Gardener", min_punctuality_streak=5)
    OpeningFactory(title="Closed job", status="closed")
    client.force_login(personas.manager)
    url = reverse("pathways:trainee_openings", args=[personas.trainee_bartek.pk])
    page = client.get(url).content.decode()
    assert page.index("Joiner&#39;s helper") < page.index("Gardener")
    assert "Closed job" not in page


def test_the_match_page_takes_a_fixed_number_of_queries(
    client, personas, joinery_job, django_assert_max_num_queries
):
    TraineeFactory.create_batch(25, workshops=[personas.garden])
    client.force_login(personas.manager)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("pathways:match", args=[joinery_job.pk])).status_code == 200


@pytest.mark.parametrize("who", ["garden_instructor", "accountant", "trainee_anna", "outsider"])
def test_other_roles_open_no_partner_or_opening_page(client, personas, joinery_job, who):
    user = getattr(personas, who)
    client.force_login(getattr(user, "user", user))
    for url in (
        reverse("pathways:organisations"),
        reverse("pathways:new_organisation"),
        reverse("pathways:organisation", args=[joinery_job.employer_id]),
        reverse("pathways:openings"),
        reverse("pathways:match", args=[joinery_job.pk]),
        reverse("pathways:trainee_openings", args=[personas.trainee_anna.pk]),
    ):
        assert client.get(url).status_code == 403, url
    response = client.post(reverse("pathways:new_organisation"), {"name": "X", "kind": "school"})
    assert response.status_code == 403 and Organisation.objects.count() == 1


def test_the_partner_page_adds_contacts_and_agreements_and_names_a_bad_field(client, personas):
    employer = OrganisationFactory(name="Stolarnia Dąb")
    client.force_login(personas.care_worker)
    client.post(
        reverse("pathways:add_contact", args=[employer.pk]),
        {"name": "Jan Dąb", "position": "owner", "phone": "600 100 200", "email": ""},
    )
    bad = {"title": "Placements 2027", "starts_on": "2027-01-01", "ends_on": "2026-12-01"}
    response = client.post(reverse("pathways:add_agreement", args=[employer.pk]), bad, follow=True)
    assert "The end cannot be before the start." in response.content.decode()
    assert not employer.agreements.exists()
    good = {**bad, "ends_on": "2027-12-31"}
    client.post(reverse("pathways:add_agreement", args=[employer.pk]), good)
    page = client.get(reverse("pathways:organisation", args=[employer.pk])).content.decode()
    assert "Jan Dąb" in page and "Placements 2027" in page
