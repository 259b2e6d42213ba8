"""The work API keeps the same rules and scoping as the pages."""

import datetime

import pytest

from reintegra_coop.work import approval
from reintegra_coop.work.models import Shift, WorkLog
from tests.factories import WORK_DAY

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-11-23T16:00", tick=False)]


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def entry(personas, trainee=None, workshop=None, start="08:00", end="12:00"):
    return {
        "trainee": (trainee or personas.trainee_anna).pk,
        "workshop": (workshop or personas.garden).pk,
        "date": WORK_DAY.isoformat(),
        "start": start,
        "end": end,
        "attendance": "present",
        "work_type": "paid_work",
    }


def test_an_instructor_logs_through_the_api_within_the_rules(client, personas, care_block):
    client.force_login(personas.garden_instructor)
    created = post(client, "/api/work-logs/", entry(personas))
    assert created.status_code == 201, created.json()
    assert created.json()["minutes"] == 240
    refused = post(client, "/api/work-logs/", entry(personas, start="12:00", end="13:00"))
    assert refused.status_code == 400
    assert refused.json() == {"rules": ["The trainee is unavailable 12:00–13:30."]}
    overlap = post(client, "/api/work-logs/", entry(personas, start="11:00", end="12:00"))
    assert overlap.json() == {"rules": ["11:00–12:00 overlaps another entry, 08:00–12:00."]}
    assert WorkLog.objects.count() == 1


def test_an_instructor_cannot_log_or_roster_another_workshops_trainee(client, personas):
    client.force_login(personas.garden_instructor)
    response = post(
        client,
        "/api/work-logs/",
        entry(personas, trainee=personas.trainee_bartek, workshop=personas.carpentry),
    )
    assert response.status_code == 400
    assert response.json() == {"workshop": ["Not one of your workshops."]}
    shift = Shift.objects.create(
        workshop=personas.carpentry,
        date=WORK_DAY,
        start=datetime.time(8),
        end=datetime.time(12),
        capacity=3,
    )
    response = post(
        client, "/api/assignments/", {"shift": shift.pk, "trainee": personas.trainee_bartek.pk}
    )
    assert response.status_code == 400
    assert client.get("/api/work-logs/").json()["count"] == 0


def test_an_api_change_to_an_approved_log_becomes_an_amending_log(client, personas):
    log = WorkLog.objects.create(
        trainee=personas.trainee_anna,
        date=WORK_DAY,
        start=datetime.time(8),
        end=datetime.time(12),
        workshop=personas.garden,
    )
    approval.approve([log.pk], personas.manager)
    client.force_login(personas.garden_instructor)
    response = client.patch(
        f"/api/work-logs/{log.pk}/", {"end": "11:30"}, content_type="application/json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["amends"] == log.pk and response.json()["status"] == "submitted"
    log.refresh_from_db()
    assert log.end == datetime.time(12)


def test_a_full_shift_refuses_another_trainee(client, personas):
    from tests.factories import TraineeFactory

    shift = Shift.objects.create(
        workshop=personas.garden,
        date=WORK_DAY,
        start=datetime.time(8),
        end=datetime.time(12),
        capacity=1,
    )
    client.force_login(personas.garden_instructor)
    assert (
        post(
            client, "/api/assignments/", {"shift": shift.pk, "trainee": personas.trainee_anna.pk}
        ).status_code
        == 201
    )
    other = TraineeFactory(user__username="other", workshops=[personas.garden])
    full = post(client, "/api/assignments/", {"shift": shift.pk, "trainee": other.pk})
    assert full.status_code == 400
    assert full.json() == {"rules": ["The shift 08:00–12:00 on 2026-11-23 is full (1)."]}


@pytest.mark.parametrize(
    ("persona", "status"),
    [("accountant", 200), ("care_worker", 200), ("trainee_anna", 403), ("outsider", 403)],
)
def test_reading_logs_needs_a_role_that_may(client, personas, persona, status):
    client.force_login(personas.all_users()[persona])
    assert client.get("/api/work-logs/").status_code == status


def test_a_trainee_in_two_workshops_shows_each_instructor_only_their_entries(client, personas):
    personas.trainee_anna.workshops.add(personas.carpentry)
    carpentry_log = WorkLog.objects.create(
        trainee=personas.trainee_anna,
        date=WORK_DAY,
        start=datetime.time(13),
        end=datetime.time(15),
        workshop=personas.carpentry,
        note="private to carpentry",
    )
    client.force_login(personas.garden_instructor)
    assert client.get("/api/work-logs/").json()["count"] == 0
    assert client.get(f"/api/work-logs/{carpentry_log.pk}/").status_code == 404
    assert client.get(f"/work/logs/{carpentry_log.pk}/").status_code == 404
    refused = post(
        client,
        "/api/work-logs/",
        entry(personas, workshop=personas.carpentry, start="08:00", end="10:00"),
    )
    assert refused.json() == {"workshop": ["Not one of your workshops."]}


def test_a_shift_with_trainees_cannot_be_moved_or_shrunk_below_its_crew(client, personas):
    from reintegra_coop.work.models import ShiftAssignment

    shift = Shift.objects.create(
        workshop=personas.garden,
        date=WORK_DAY,
        start=datetime.time(8),
        end=datetime.time(12),
        capacity=3,
    )
    ShiftAssignment.objects.create(shift=shift, trainee=personas.trainee_anna)
    client.force_login(personas.manager)
    moved = client.patch(
        f"/api/shifts/{shift.pk}/",
        {"start": "12:00", "end": "14:00"},
        content_type="application/json",
    )
    assert moved.status_code == 400 and "take them off before moving it" in moved.json()["start"][0]
    shrunk = client.patch(
        f"/api/shifts/{shift.pk}/", {"capacity": 0}, content_type="application/json"
    )
    assert shrunk.status_code == 400
    shift.refresh_from_db()
    assert (shift.start, shift.capacity) == (datetime.time(8), 3)


def test_the_care_reason_cannot_be_guessed_through_admin_filters(client, personas, care_block):
    client.force_login(personas.manager)
    response = client.get("/admin/care/unavailableblock/?reason__icontains=therapy")
    assert response.status_code in (302, 400)
    page = client.get(f"/admin/care/unavailableblock/{care_block.pk}/change/").content.decode()
    assert "Group therapy" not in page
