"""The rules a placement keeps beyond its happy path (found attacking it): its milestone counts
only its own days; "paid by the employer" exists only at an employer; each employer has a
workshop of its own; a closed month takes a manager's late entry; dates stay plausible and not
ahead; the job coach list offers only staff who may open a placement; only the coach and the
managers run one."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reintegra_coop.care.plans import Milestone
from reintegra_coop.pathways.forms import PlacementForm
from reintegra_coop.pathways.models import Placement
from reintegra_coop.people.models import Workshop
from reintegra_coop.work.approval import approve
from reintegra_coop.work.forms import LOGGED_WORK_TYPES
from reintegra_coop.work.models import LockedPeriod, WorkLog
from tests.factories import OrganisationFactory, StaffMemberFactory, WorkshopFactory, work

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-11-23T10:00")]

NEW = reverse("pathways:new_placement")


def start(client, personas, employer, **changes):
    client.force_login(personas.manager)
    data = {
        "trainee": personas.trainee_anna.pk,
        "employer": employer.pk,
        "job_coach": personas.garden_instructor.staff_member.pk,
        "starts_on": "2026-11-16",
        "planned_end_on": "2027-05-15",
        "hours_per_week": "20",
        "days_to_complete": "3",
        "pay_terms": "employer_pays",
        **changes,
    }
    response = client.post(NEW, data)
    assert response.status_code == 302, response.content.decode()
    return Placement.objects.latest("pk")


def day(date, start="08:00", end="14:00"):
    return {"date": date, "start": start, "end": end, "attendance": "present", "note": ""}


def test_a_placements_milestone_counts_only_its_own_days(client, personas):
    first = start(client, personas, OrganisationFactory(name="A"))
    client.force_login(personas.garden_instructor)
    for date in ("2026-11-16", "2026-11-17", "2026-11-18"):
        client.post(reverse("pathways:record_day", args=[first.pk]), day(date))
    approve(WorkLog.objects.values_list("pk", flat=True), personas.manager)
    end = {"ended_on": "2026-11-18", "completed": "1", "end_note": ""}
    client.post(reverse("pathways:end_placement", args=[first.pk]), end)
    second = start(
        client,
        personas,
        OrganisationFactory(name="B"),
        starts_on="2026-11-23",
        planned_end_on="2027-05-22",
        days_to_complete="2",
    )
    assert Milestone.objects.get(pk=first.milestone_id).achieved_on == datetime.date(2026, 11, 18)
    later = Milestone.objects.get(pk=second.milestone_id)
    assert (later.achieved_on, later.progress) == (None, 0)  # A's days are not B's


def test_paid_by_the_employer_exists_only_for_a_placement_day(personas):
    assert "employer_paid" not in dict(LOGGED_WORK_TYPES)  # not offered on the work pages
    with pytest.raises(ValidationError, match="Only a placement day at an employer"):
        work(
            personas.trainee_anna,
            personas.garden,
            datetime.date(2026, 11, 16),
            work_type="employer_paid",
        )
    assert not WorkLog.objects.exists()


def test_each_employer_gets_a_workshop_of_its_own_never_one_found_by_name(client, personas):
    WorkshopFactory(name="Placement: Stolarnia")  # an ordinary workshop with that name
    prefix = "Stolarnia " + "x" * 90
    one = start(client, personas, OrganisationFactory(name="Stolarnia"))
    client.post(
        reverse("pathways:end_placement", args=[one.pk]),
        {"ended_on": "2026-11-16", "completed": "1"},
    )
    two = start(
        client, personas, OrganisationFactory(name=prefix + " Kraków"), starts_on="2026-11-17"
    )
    client.post(
        reverse("pathways:end_placement", args=[two.pk]),
        {"ended_on": "2026-11-17", "completed": "1"},
    )
    three = start(
        client, personas, OrganisationFactory(name=prefix + " Wrocław"), starts_on="2026-11-18"
    )
    workshops = {p.employer.placement_workshop for p in (one, two, three)}
    assert len(workshops) == 3
    assert all(w.kind == "placement" and w.partner_employer for w in workshops)
    assert Workshop.objects.get(name="Placement: Stolarnia").kind != "placement"


def test_a_day_of_a_closed_month_is_a_managers_late_entry(client, personas):
    placement = start(client, personas, OrganisationFactory(name="A"), starts_on="2026-10-01")
    LockedPeriod.objects.create(
        first_day=datetime.date(2026, 10, 1), last_day=datetime.date(2026, 10, 31)
    )
    url = reverse("pathways:record_day", args=[placement.pk])
    client.force_login(personas.garden_instructor)
    page = client.post(url, day("2026-10-20")).content.decode()
    assert "2026-10-20 is in a closed month: a manager records it, as a late entry." in page
    client.force_login(personas.manager)
    assert client.post(url, day("2026-10-20")).status_code == 302
    assert WorkLog.objects.get().late is True


def test_dates_stay_plausible_and_not_ahead(client, personas):
    placement = start(client, personas, OrganisationFactory(name="A"))
    client.force_login(personas.garden_instructor)
    end = reverse("pathways:end_placement", args=[placement.pk])
    far = client.post(end, {"ended_on": "9999-12-31", "completed": "1"}).content.decode()
    assert "ended on" in far.lower() and "2100" in far
    ahead = client.post(end, {"ended_on": "2026-12-01", "completed": "1"}).content.decode()
    assert "A placement is ended on the day, not ahead." in ahead
    placement.refresh_from_db()
    assert placement.is_active


def test_a_bad_sheet_is_refused_with_a_message_not_an_error_page(client, personas):
    placement = start(client, personas, OrganisationFactory(name="A"))
    client.force_login(personas.garden_instructor)
    huge = '2026-11-16;08:00;14:00;"' + "x" * 140_000 + '"\n'
    page = client.post(
        reverse("pathways:import_sheet", args=[placement.pk]),
        {"sheet": SimpleUploadedFile("sheet.csv", huge.encode())},
    )
    assert page.status_code == 400
    assert "Row 1 cannot be read as CSV." in page.content.decode()


def test_the_job_coach_is_one_of_the_staff_who_may_open_a_placement(personas):
    retired = StaffMemberFactory(user__username="retired", role="instructor")
    type(retired).objects.filter(pk=retired.pk).update(active=False)  # left the cooperative
    offered = set(PlacementForm(personas.manager).fields["job_coach"].queryset)
    assert personas.garden_instructor.staff_member in offered
    assert personas.care_worker.staff_member in offered
    assert personas.accountant.staff_member not in offered and retired not in offered


def test_only_the_job_coach_and_managers_run_a_placement(client, personas):
    placement = start(client, personas, OrganisationFactory(name="A"))
    client.force_login(personas.care_worker)  # Anna's care worker, not the coach
    page = client.get(reverse("pathways:placement", args=[placement.pk]))
    assert page.status_code == 200 and "Record the day" not in page.content.decode()
    for name, data in (
        ("pathways:record_day", day("2026-11-16")),
        ("pathways:end_placement", {"ended_on": "2026-11-20", "completed": "1"}),
    ):
        assert client.post(reverse(name, args=[placement.pk]), data).status_code == 403
    client.force_login(personas.manager)
    assert (
        client.post(
            reverse("pathways:record_day", args=[placement.pk]), day("2026-11-16")
        ).status_code
        == 302
    )
