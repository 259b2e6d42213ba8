"""Placements: started by a manager or care worker (the trainee gets a placement milestone),
run by the job coach — days at the employer one by one or from the employer's sheet, all or
none, each keeping the work record's rules —, approved like any day, counted in attendance and
the placement milestone, with the employer's feedback, and ended."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reintegra_coop.care.plans import Milestone
from reintegra_coop.pathways import matching
from reintegra_coop.pathways.models import Placement, PlacementFeedback, PlacementStatus
from reintegra_coop.pathways.records import verified_records
from reintegra_coop.pay.models import PayScheme
from reintegra_coop.pay.payroll import draft_payslips
from reintegra_coop.people.models import Workshop
from reintegra_coop.work.approval import approve
from reintegra_coop.work.models import WorkLog
from tests.factories import (
    OrganisationFactory,
    StaffMemberFactory,
    UnavailableBlockFactory,
    WorkConstraintFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-11-23T10:00")]

NEW = reverse("pathways:new_placement")


@pytest.fixture
def employer():
    return OrganisationFactory(name="Stolarnia Dąb")


def placement_of(trainee, employer, coach, **changes):
    return {
        "trainee": trainee.pk,
        "employer": employer.pk,
        "job_coach": coach.staff_member.pk,
        "starts_on": "2026-11-16",
        "planned_end_on": "2027-05-15",
        "hours_per_week": "20",
        "days_to_complete": "3",
        "pay_terms": "employer_pays",
        **changes,
    }


@pytest.fixture
def placement(client, personas, employer):
    """Anna's placement at the joinery, coached by the garden instructor."""
    client.force_login(personas.manager)
    data = placement_of(personas.trainee_anna, employer, personas.garden_instructor)
    response = client.post(NEW, data)
    assert response.status_code == 302, response.content.decode()
    return Placement.objects.get()


def day(date, start="08:00", end="14:00", attendance="present"):
    return {"date": date, "start": start, "end": end, "attendance": attendance, "note": ""}


def test_starting_a_placement_sets_the_placement_milestone_and_the_employers_workshop(
    personas, employer, placement
):
    employer.refresh_from_db()
    workshop = employer.placement_workshop
    assert (workshop.kind, workshop.partner_employer) == ("placement", True)
    assert personas.trainee_anna.workshops.filter(pk=workshop.pk).exists()
    milestone = placement.milestone
    assert (milestone.trainee, milestone.kind, milestone.target) == (
        personas.trainee_anna,
        "placement",
        3,
    )
    assert "Stolarnia Dąb" in milestone.title


def test_the_job_coach_records_days_which_a_manager_approves_and_the_milestone_follows(
    client, personas, placement
):
    client.force_login(personas.garden_instructor)
    for date in ("2026-11-16", "2026-11-17", "2026-11-18"):
        response = client.post(reverse("pathways:record_day", args=[placement.pk]), day(date))
        assert response.status_code == 302
    logs = WorkLog.objects.filter(trainee=personas.trainee_anna).order_by("date")
    assert [(log.status, log.work_type, log.minutes) for log in logs] == [
        ("submitted", "employer_paid", 360)
    ] * 3  # the employer pays: the cooperative's pay run leaves these hours out
    assert not Milestone.objects.get(pk=placement.milestone_id).achieved_on  # not verified yet
    approve([log.pk for log in logs], personas.manager)
    assert Milestone.objects.get(pk=placement.milestone_id).achieved_on == datetime.date(
        2026, 11, 18
    )
    page = client.get(reverse("pathways:placement", args=[placement.pk])).content.decode()
    assert "<strong>3</strong> / 3" in page


def test_placement_days_count_in_attendance_like_rostered_shifts(client, personas, placement):
    client.force_login(personas.garden_instructor)
    url = reverse("pathways:record_day", args=[placement.pk])
    client.post(url, day("2026-11-16"))
    client.post(url, day("2026-11-17", attendance="unexcused"))
    approve(WorkLog.objects.values_list("pk", flat=True), personas.manager)
    need = matching.Need(matching.ATTENDANCE_RATE, weeks=8)
    [record] = verified_records(
        [personas.trainee_anna.pk],
        [matching.OpeningNeeds(1, (need,))],
        datetime.date(2026, 11, 23),
    )
    assert record.attendance == {8: 50}


def test_when_the_cooperative_pays_the_days_are_paid_work(client, personas, employer):
    client.force_login(personas.manager)
    data = placement_of(
        personas.trainee_anna, employer, personas.care_worker, pay_terms="cooperative_pays"
    )
    client.post(NEW, data)
    placement = Placement.objects.get()
    client.force_login(personas.care_worker)
    client.post(reverse("pathways:record_day", args=[placement.pk]), day("2026-11-16"))
    assert WorkLog.objects.get().work_type == "paid_work"


def test_a_subsidised_placement_needs_its_subsidy(client, personas, employer):
    client.force_login(personas.manager)
    data = placement_of(
        personas.trainee_anna, employer, personas.care_worker, pay_terms="subsidised"
    )
    page = client.post(NEW, data).content.decode()
    assert "Enter the subsidy of a subsidised placement." in page
    assert not Placement.objects.exists() and not Milestone.objects.exists()
    assert not Workshop.objects.filter(kind="placement").exists()


def test_a_day_over_a_care_appointment_or_outside_the_placement_is_refused(
    client, personas, placement
):
    constraint = WorkConstraintFactory(trainee=personas.trainee_anna)
    UnavailableBlockFactory(constraint=constraint, weekday=1, start=datetime.time(16))
    client.force_login(personas.garden_instructor)
    url = reverse("pathways:record_day", args=[placement.pk])
    over_therapy = client.post(url, day("2026-11-17", "12:00", "17:00"))
    assert over_therapy.status_code == 400
    assert "2026-11-17: The trainee is unavailable 16:00–18:00" in over_therapy.content.decode()
    before = client.post(url, day("2026-11-13")).content.decode()
    assert "2026-11-13 is outside the placement" in before
    assert not WorkLog.objects.exists()


def test_the_employers_sheet_is_imported_whole_or_not_at_all(client, personas, placement):
    client.force_login(personas.garden_instructor)
    url = reverse("pathways:import_sheet", args=[placement.pk])
    bad = "date;start;end;attendance\n2026-11-16;08:00;14:00;present\n2026-11-17;8 o'clock;14:00\n"
    page = client.post(url, {"sheet": SimpleUploadedFile("sheet.csv", bad.encode())})
    assert "Row 3: write the date as YYYY-MM-DD" in page.content.decode()
    overlap = "2026-11-16;08:00;14:00\n2026-11-16;13:00;15:00\n"
    page = client.post(url, {"sheet": SimpleUploadedFile("sheet.csv", overlap.encode())})
    assert "2026-11-16: 13:00–15:00 overlaps another entry" in page.content.decode()
    assert not WorkLog.objects.exists()
    good = "\ufeffdate,start,end\n2026-11-16,08:00,14:00\n2026-11-17,08:00,12:30,late\n"
    response = client.post(url, {"sheet": SimpleUploadedFile("sheet.csv", good.encode())})
    assert response.status_code == 302
    assert list(WorkLog.objects.order_by("date").values_list("attendance", "minutes")) == [
        ("present", 360),
        ("late", 270),
    ]


def test_the_employers_feedback_is_recorded_once_per_point(client, personas, placement):
    client.force_login(personas.garden_instructor)
    url = reverse("pathways:add_feedback", args=[placement.pk])
    feedback = {
        "point": "first_month",
        "given_on": "2026-12-16",
        "given_by": "Jan Dąb",
        "punctuality": "5",
        "quality": "4",
        "teamwork": "4",
        "note": "Keeps to time.",
    }
    assert client.post(url, feedback).status_code == 302
    again = client.post(url, {**feedback, "quality": "7"}).content.decode()
    assert "recorded" in again and PlacementFeedback.objects.count() == 1
    assert "Ensure this value is less than or equal to 5." in again


def test_a_placement_ended_early_says_why_and_takes_no_more_days(client, personas, placement):
    client.force_login(personas.garden_instructor)
    client.post(reverse("pathways:record_day", args=[placement.pk]), day("2026-11-18"))
    end = reverse("pathways:end_placement", args=[placement.pk])
    no_reason = {"ended_on": "2026-11-20", "completed": "0", "end_note": ""}
    assert "Say why the placement ended early." in client.post(end, no_reason).content.decode()
    too_early = {"ended_on": "2026-11-17", "completed": "0", "end_note": "Moved away."}
    assert "Days are recorded after 2026-11-17." in client.post(end, too_early).content.decode()
    ok = {"ended_on": "2026-11-20", "completed": "0", "end_note": "Moved away."}
    assert client.post(end, ok).status_code == 302
    placement.refresh_from_db()
    assert (placement.status, placement.ended_on) == (
        PlacementStatus.ENDED_EARLY,
        datetime.date(2026, 11, 20),
    )
    late = client.post(reverse("pathways:record_day", args=[placement.pk]), day("2026-11-19"))
    assert "The placement has ended" in late.content.decode()


def test_a_trainee_not_in_the_programme_or_on_another_placement_cannot_start_one(
    client, personas, employer, placement
):
    client.force_login(personas.manager)
    again = placement_of(personas.trainee_anna, employer, personas.care_worker)
    assert "on another placement" in client.post(NEW, again).content.decode()
    assert Placement.objects.count() == 1


def test_who_sees_a_placement(client, personas, placement):
    page = reverse("pathways:placement", args=[placement.pk])
    listing = reverse("pathways:placements")
    for who, status in (
        ("manager", 200),
        ("care_worker", 200),  # Anna is in the caseload
        ("garden_instructor", 200),  # the job coach
        ("carpentry_instructor", 404),
    ):
        client.force_login(getattr(personas, who))
        assert client.get(page).status_code == status, who
    other_coach = StaffMemberFactory(user__username="coach2", role="care_worker").user
    client.force_login(other_coach)
    assert client.get(page).status_code == 404
    assert "Anna Garden" not in client.get(listing).content.decode()
    for who in ("accountant", "outsider"):
        client.force_login(getattr(personas, who))
        assert client.get(page).status_code == 403
        assert client.get(listing).status_code == 403
    client.force_login(personas.trainee_anna.user)
    assert client.get(page).status_code == 403
    day_url = reverse("pathways:record_day", args=[placement.pk])
    assert client.post(day_url, day("2026-11-16")).status_code == 403
    client.force_login(personas.garden_instructor)
    assert (
        client.get(NEW).status_code == 403
    )  # a coach runs a placement; starting one is not theirs
    assert not WorkLog.objects.exists()


@pytest.mark.parametrize(
    ("pay_terms", "paid"),
    [("employer_pays", Decimal(0)), ("cooperative_pays", Decimal("180.00"))],
)
def test_the_pay_run_pays_placement_days_by_who_pays(client, personas, employer, pay_terms, paid):
    """Anna is paid 30 an hour; six hours at the employer: nothing from the cooperative when
    the employer pays the wage, 180 when the cooperative keeps paying."""
    anna = personas.trainee_anna
    PayScheme.objects.create(
        trainee=anna, kind="hourly", valid_from=datetime.date(2026, 11, 1), hourly_rate=Decimal(30)
    )
    client.force_login(personas.manager)
    data = placement_of(anna, employer, personas.garden_instructor, pay_terms=pay_terms)
    client.post(NEW, data)
    placement = Placement.objects.get()
    client.post(reverse("pathways:record_day", args=[placement.pk]), day("2026-11-16"))
    approve(WorkLog.objects.values_list("pk", flat=True), personas.manager)
    [payslip] = draft_payslips(datetime.date(2026, 11, 1), [anna.pk])
    assert payslip.earnings == paid


def test_the_job_coach_is_told_and_sees_the_employers_feedback_when_due(
    client, personas, placement
):
    from reintegra_coop.core.models import Notification

    notice = Notification.objects.get(recipient=personas.garden_instructor)
    assert notice.code == "pathways.job_coach" and notice.params["employer"] == "Stolarnia Dąb"
    client.force_login(personas.garden_instructor)
    page = client.get(reverse("core:notifications")).content.decode()
    assert "You are the job coach of Anna Garden&#x27;s placement at Stolarnia Dąb" in page or (
        "You are the job coach of Anna Garden&#39;s placement at Stolarnia Dąb" in page
    )
    home = client.get(reverse("core:home"), follow=True).content.decode()
    assert "waits for the employer" not in home  # a week in: nothing asked yet
    with time_machine.travel(datetime.datetime(2026, 12, 17, 10, tzinfo=datetime.UTC)):
        client.force_login(personas.garden_instructor)
        home = client.get(reverse("core:home"), follow=True).content.decode()
        assert "placement you coach waits for the employer" in home
        feedback = {
            "point": "first_month",
            "given_on": "2026-12-16",
            "given_by": "Jan Dąb",
            "punctuality": "5",
            "quality": "4",
            "teamwork": "4",
            "note": "",
        }
        client.post(reverse("pathways:add_feedback", args=[placement.pk]), feedback)
        home = client.get(reverse("core:home"), follow=True).content.decode()
        assert "waits for the employer" not in home
