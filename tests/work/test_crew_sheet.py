"""The instructor's crew sheet: a whole crew in one submit, once, within the rules."""

import datetime
import re

import pytest
from django.urls import reverse

from reintegra_coop.work.models import CrewSheetSubmission, WorkLog
from tests.factories import WORK_DAY

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-11-23T16:00", tick=False)]


def sheet_page(client, workshop, day=WORK_DAY):
    return client.get(reverse("work:crew_sheet_for", args=[workshop.pk]), {"date": day.isoformat()})


def form_data(page_html, changes=None):
    """The form as the browser would send it, with ``changes`` (name → value) applied."""
    data = {}
    for name, value in re.findall(
        r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page_html
    ):
        data[name] = value
    for match in re.finditer(
        r'<input type="(?:time|text|number)" name="([^"]+)"(?: value="([^"]*)")?', page_html
    ):
        data[match.group(1)] = match.group(2) or ""
    for select in re.finditer(r'<select name="([^"]+)"[^>]*>(.*?)</select>', page_html, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', select.group(2))
        data[select.group(1)] = chosen.group(1) if chosen else ""
    data.update(changes or {})
    return data


def test_the_sheet_lists_every_rostered_trainee_with_the_shifts_times(
    client, personas, garden_crew
):
    client.force_login(personas.garden_instructor)
    page = sheet_page(client, personas.garden).content.decode()
    data = form_data(page)
    assert data["rows-TOTAL_FORMS"] == "15"  # 12 rostered + 3 to add someone
    assert data["rows-0-start"] == "08:00" and data["rows-0-end"] == "14:00"
    assert {data[f"rows-{n}-trainee"] for n in range(12)} == {str(t.pk) for t in garden_crew}


def test_a_crew_of_twelve_is_saved_in_one_submit_and_a_resend_saves_nothing(
    client, personas, garden_crew, django_assert_max_num_queries
):
    client.force_login(personas.garden_instructor)
    data = form_data(
        sheet_page(client, personas.garden).content.decode(),
        {"rows-3-attendance": "sick", "rows-4-end": "12:30"},
    )
    url = reverse("work:crew_sheet_for", args=[personas.garden.pk])
    with django_assert_max_num_queries(25):
        response = client.post(url, data)
    assert response.status_code == 302
    assert (
        "Saved 12 entries for Organic garden." in client.get(response["Location"]).content.decode()
    )
    assert WorkLog.objects.count() == 12
    assert set(WorkLog.objects.values_list("status", flat=True)) == {"submitted"}
    assert WorkLog.objects.get(end=datetime.time(12, 30)).minutes == 270
    again = client.post(url, data, follow=True)
    assert "This crew sheet was already saved." in again.content.decode()
    assert WorkLog.objects.count() == 12
    assert CrewSheetSubmission.objects.count() == 1


def test_fifteen_trainees_take_fewer_than_25_queries(
    client, personas, garden_crew, django_assert_max_num_queries
):
    from tests.factories import TraineeFactory

    extra = [
        TraineeFactory(user__username=f"late{n}", workshops=[personas.garden]) for n in range(3)
    ]
    client.force_login(personas.garden_instructor)
    data = form_data(sheet_page(client, personas.garden).content.decode())
    for n, trainee in enumerate(extra):
        data.update(
            {
                f"rows-{12 + n}-trainee": str(trainee.pk),
                f"rows-{12 + n}-start": "09:00",
                f"rows-{12 + n}-end": "13:00",
            }
        )
    with django_assert_max_num_queries(25):
        client.post(reverse("work:crew_sheet_for", args=[personas.garden.pk]), data)
    assert WorkLog.objects.count() == 15


def test_a_row_over_a_care_block_is_refused_showing_only_unavailable_and_nothing_is_saved(
    client, personas, garden_crew, care_block
):
    client.force_login(personas.garden_instructor)
    data = form_data(sheet_page(client, personas.garden).content.decode())
    anna_row = next(
        n for n in range(12) if data[f"rows-{n}-trainee"] == str(personas.trainee_anna.pk)
    )
    response = client.post(reverse("work:crew_sheet_for", args=[personas.garden.pk]), data)
    page = response.content.decode()
    assert f"Row {anna_row + 1}, Anna Garden: The trainee is unavailable 12:00–13:30." in page
    assert "therapy" not in page.lower() and "clinic" not in page.lower()
    assert WorkLog.objects.count() == 0
    assert CrewSheetSubmission.objects.count() == 0


def test_bad_input_names_the_row_and_field_and_saves_nothing(client, personas, garden_crew):
    client.force_login(personas.garden_instructor)
    data = form_data(
        sheet_page(client, personas.garden).content.decode(),
        {"rows-2-end": "07:00", "rows-5-start": "", "rows-6-start": "nine"},
    )
    page = client.post(
        reverse("work:crew_sheet_for", args=[personas.garden.pk]), data
    ).content.decode()
    assert "Row 3, <strong>End:</strong> The end must be after the start." in page
    assert "Row 6, <strong>Start:</strong> Enter the start." in page
    assert "Row 7, <strong>Start:</strong> Enter a valid time." in page
    assert WorkLog.objects.count() == 0


def test_an_instructor_cannot_log_another_workshops_trainee(client, personas, garden_crew):
    client.force_login(personas.garden_instructor)
    data = form_data(
        sheet_page(client, personas.garden).content.decode(),
        {
            "rows-12-trainee": str(personas.trainee_bartek.pk),
            "rows-12-start": "08:00",
            "rows-12-end": "12:00",
        },
    )
    page = client.post(
        reverse("work:crew_sheet_for", args=[personas.garden.pk]), data
    ).content.decode()
    assert "Row 13, <strong>Trainee:</strong> Select a valid choice." in page
    assert WorkLog.objects.count() == 0
    client.force_login(personas.carpentry_instructor)
    assert sheet_page(client, personas.garden).status_code == 404


def test_a_future_day_and_an_overlap_with_an_earlier_log_are_refused(client, personas, garden_crew):
    WorkLog.objects.create(
        trainee=personas.trainee_anna,
        date=WORK_DAY,
        start=datetime.time(7),
        end=datetime.time(9),
        workshop=personas.garden,
    )
    client.force_login(personas.garden_instructor)
    data = form_data(
        sheet_page(client, personas.garden).content.decode(),
        {
            "rows-12-trainee": str(personas.trainee_anna.pk),
            "rows-12-start": "08:00",
            "rows-12-end": "12:00",
        },
    )
    page = client.post(
        reverse("work:crew_sheet_for", args=[personas.garden.pk]), data
    ).content.decode()
    assert "Anna Garden: 08:00–12:00 overlaps another entry, 07:00–09:00." in page
    tomorrow = WORK_DAY + datetime.timedelta(days=1)
    data = form_data(
        sheet_page(client, personas.garden, tomorrow).content.decode(),
        {
            "rows-0-trainee": str(personas.trainee_anna.pk),
            "rows-0-start": "10:00",
            "rows-0-end": "12:00",
        },
    )
    page = client.post(
        reverse("work:crew_sheet_for", args=[personas.garden.pk]) + f"?date={tomorrow}", data
    ).content.decode()
    assert "2026-11-24 is in the future." in page
    assert WorkLog.objects.count() == 1


def test_a_forged_shift_id_is_a_row_message_not_an_error(client, personas, garden_crew):
    client.force_login(personas.garden_instructor)
    data = form_data(
        sheet_page(client, personas.garden).content.decode(), {"rows-0-shift": "999999"}
    )
    response = client.post(reverse("work:crew_sheet_for", args=[personas.garden.pk]), data)
    assert response.status_code == 200
    assert "This is not one of the day&#39;s shifts; reload the sheet." in response.content.decode()
    assert WorkLog.objects.count() == 0


def test_resolving_a_dispute_never_redirects_off_site(client, personas, garden_crew):
    log = WorkLog.objects.create(
        trainee=personas.trainee_anna,
        date=WORK_DAY,
        start=datetime.time(8),
        end=datetime.time(9),
        workshop=personas.garden,
    )
    log.dispute("wrong")
    client.force_login(personas.garden_instructor)
    response = client.post(
        reverse("work:resolve_dispute", args=[log.pk]),
        {"resolution": "ok", "next": "https://evil.example/"},
    )
    assert response["Location"] == "/"


def test_an_instructor_without_a_workshop_is_told_so(client, personas):
    from reintegra_coop.core.roles import Role
    from tests.factories import StaffMemberFactory

    newcomer = StaffMemberFactory(user__username="new.instructor", role=Role.INSTRUCTOR).user
    client.force_login(newcomer)
    response = client.get(reverse("work:crew_sheet"))
    assert response.status_code == 404
    assert "You run no workshop yet; ask a manager to assign one." in response.content.decode()
