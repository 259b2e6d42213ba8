"""A split day on the crew sheet: one row, two parts of the day (morning and afternoon, or
8–12 and 13–16 with a break), two work logs from one submit, each part within the rules."""

import datetime

import pytest
from django.urls import reverse

from reintegra_coop.care.models import WorkConstraint
from reintegra_coop.work.models import CrewSheetSubmission, WorkLog
from tests.factories import WORK_DAY, SkillFactory

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-11-23T16:00", tick=False)]


def sheet_url(workshop):
    return reverse("work:crew_sheet_for", args=[workshop.pk]) + f"?date={WORK_DAY.isoformat()}"


def row_of(data, trainee):
    return next(
        int(name.split("-")[1])
        for name, value in data.items()
        if name.endswith("-trainee") and value == str(trainee.pk)
    )


def split(data, row, start, end, **second):
    """Open the second part of ``row`` and fill it in, as the tablet sends it."""
    data[f"rows-{row}-split"] = "True"
    data[f"rows-{row}-second_start"] = start
    data[f"rows-{row}-second_end"] = end
    for name, value in second.items():
        data[f"rows-{row}-second_{name}"] = value
    return data


@pytest.fixture
def anna_sheet(client, personas, garden_crew, crew_sheet_form):
    """The garden instructor's sheet, with Anna's first part 08:00–12:00."""
    client.force_login(personas.garden_instructor)
    data = crew_sheet_form(client, personas.garden)
    row = row_of(data, personas.trainee_anna)
    data.update({f"rows-{row}-start": "08:00", f"rows-{row}-end": "12:00"})
    return data, row


def test_two_parts_of_a_day_make_two_logs_in_one_submit(client, personas, anna_sheet):
    data, row = anna_sheet
    kitchen = SkillFactory(workshop=personas.garden, name="Cooking for the centre")
    split(
        data,
        row,
        "13:00",
        "16:00",
        skill=str(kitchen.pk),
        work_type="training",
        done_independently="on",
    )
    response = client.post(sheet_url(personas.garden), data)
    assert response.status_code == 302
    assert (
        "Saved 13 entries for Organic garden." in client.get(response["Location"]).content.decode()
    )
    morning, afternoon = WorkLog.objects.filter(trainee=personas.trainee_anna).order_by("start")
    assert (morning.start, morning.end, morning.minutes) == (
        datetime.time(8),
        datetime.time(12),
        240,
    )
    assert (afternoon.start, afternoon.end, afternoon.minutes) == (
        datetime.time(13),
        datetime.time(16),
        180,
    )
    assert morning.work_type == "paid_work" and afternoon.work_type == "training"
    assert morning.skill is None and afternoon.skill == kitchen
    assert afternoon.done_independently and not morning.done_independently
    assert afternoon.attendance == "present" and afternoon.status == "submitted"
    # The rostered shift is the first part's; the afternoon is extra time, not a second shift.
    assert morning.shift_id is not None and afternoon.shift_id is None
    assert morning.submission_id == afternoon.submission_id
    assert CrewSheetSubmission.objects.count() == 1


def test_a_closed_second_part_is_ignored_even_when_its_fields_are_filled(
    client, personas, anna_sheet
):
    data, row = anna_sheet
    split(data, row, "13:00", "16:00")
    data[f"rows-{row}-split"] = "False"
    client.post(sheet_url(personas.garden), data)
    assert WorkLog.objects.filter(trainee=personas.trainee_anna).count() == 1


def test_without_javascript_the_button_posts_back_opens_the_part_and_saves_nothing(
    client, personas, anna_sheet
):
    data, row = anna_sheet
    page = client.post(sheet_url(personas.garden), {**data, "add_part": str(row)})
    assert page.status_code == 200
    html = page.content.decode()
    assert f'<tr class="crew-part" id="part-{row}">' in html  # shown, not hidden
    assert f'name="rows-{row}-split" value="True"' in html
    assert 'class="crew-part" id="part-0" hidden' in html  # the other rows stay single
    assert 'role="alert"' not in html  # nothing was checked yet
    assert 'value="08:00"' in html and data["token"] in html  # what was typed stays
    assert WorkLog.objects.count() == 0 and CrewSheetSubmission.objects.count() == 0
    again = client.post(sheet_url(personas.garden), {**data, "drop_part": str(row)})
    assert f'<tr class="crew-part" id="part-{row}" hidden>' in again.content.decode()
    assert WorkLog.objects.count() == 0


def test_a_forged_part_button_changes_nothing(client, personas, anna_sheet):
    data, _row = anna_sheet
    for forged in ("99", "-1", "x"):
        response = client.post(sheet_url(personas.garden), {**data, "add_part": forged})
        assert response.status_code == 200
        assert "hidden" in response.content.decode()
    assert WorkLog.objects.count() == 0


def test_overlapping_parts_are_refused_naming_the_row_the_trainee_and_the_part(
    client, personas, anna_sheet
):
    data, row = anna_sheet
    split(data, row, "11:30", "14:00")
    page = client.post(sheet_url(personas.garden), data).content.decode()
    assert (
        f"Row {row + 1}, Anna Garden, part 2: 11:30–14:00 overlaps another entry, 08:00–12:00."
        in page
    )
    assert WorkLog.objects.count() == 0
    assert CrewSheetSubmission.objects.count() == 0


def test_a_second_part_over_an_earlier_log_is_refused(client, personas, anna_sheet):
    WorkLog.objects.create(
        trainee=personas.trainee_anna,
        date=WORK_DAY,
        start=datetime.time(14),
        end=datetime.time(15),
        workshop=personas.carpentry,
    )
    data, row = anna_sheet
    split(data, row, "13:00", "16:00")
    page = client.post(sheet_url(personas.garden), data).content.decode()
    assert (
        f"Row {row + 1}, Anna Garden, part 2: 13:00–16:00 overlaps another entry, 14:00–15:00."
        in page
    )
    assert WorkLog.objects.count() == 1


def test_a_part_over_a_care_block_is_refused_showing_only_unavailable(
    client, personas, anna_sheet, care_block
):
    data, row = anna_sheet
    split(data, row, "13:00", "15:00")  # care block 12:00–13:30
    page = client.post(sheet_url(personas.garden), data).content.decode()
    assert f"Row {row + 1}, Anna Garden, part 2: The trainee is unavailable 12:00–13:30." in page
    assert "part 1:" not in page  # the morning is fine
    assert "therapy" not in page.lower() and "clinic" not in page.lower()
    assert WorkLog.objects.count() == 0


def test_the_daily_maximum_counts_both_parts(client, personas, anna_sheet):
    WorkConstraint.objects.create(trainee=personas.trainee_anna, max_minutes_per_day=6 * 60)
    data, row = anna_sheet
    split(data, row, "13:00", "16:00")  # 4 h + 3 h: each part alone is within 6 h
    page = client.post(sheet_url(personas.garden), data).content.decode()
    assert (
        f"Row {row + 1}, Anna Garden, part 2: 07:00 that day is more than the trainee's limit"
        " of 06:00 a day." in page.replace("&#x27;", "'").replace("&#39;", "'")
    )
    assert WorkLog.objects.count() == 0


def test_a_manager_lets_both_parts_over_the_daily_maximum_with_a_reason(
    client, personas, garden_crew, crew_sheet_form
):
    WorkConstraint.objects.create(trainee=personas.trainee_anna, max_minutes_per_day=6 * 60)
    client.force_login(personas.manager)
    data = crew_sheet_form(client, personas.garden, {"override_reason": "Harvest before frost"})
    row = row_of(data, personas.trainee_anna)
    split(data, row, "14:30", "16:00")  # the shift is 08:00–14:00: 7 h 30 min in all
    assert client.post(sheet_url(personas.garden), data).status_code == 302
    assert WorkLog.objects.filter(trainee=personas.trainee_anna).count() == 2
    assert set(
        WorkLog.objects.filter(trainee=personas.trainee_anna).values_list(
            "override_reason", flat=True
        )
    ) == {"Harvest before frost"}


def test_bad_input_in_a_part_names_the_row_the_part_and_the_field(client, personas, anna_sheet):
    data, _row = anna_sheet
    split(data, 0, "", "13:00")
    split(data, 1, "15:00", "14:00")
    split(data, 2, "13:00", "16:00", attendance="")
    page = client.post(sheet_url(personas.garden), data).content.decode()
    assert "Row 1, part 2, <strong>Start:</strong> Enter the start." in page
    assert "Row 2, part 2, <strong>End:</strong> The end must be after the start." in page
    assert "Row 3, part 2, <strong>Attendance:</strong> This field is required." in page
    assert WorkLog.objects.count() == 0


def test_a_resent_sheet_with_split_days_saves_nothing_twice(client, personas, anna_sheet):
    data, row = anna_sheet
    split(data, row, "13:00", "16:00")
    split(data, 0, "14:30", "15:30")
    url = sheet_url(personas.garden)
    assert client.post(url, data).status_code == 302
    assert WorkLog.objects.count() == 14
    again = client.post(url, data, follow=True)
    assert "This crew sheet was already saved." in again.content.decode()
    assert WorkLog.objects.count() == 14
    assert CrewSheetSubmission.objects.count() == 1


def test_a_crew_of_twelve_all_on_split_days_takes_no_more_queries_than_single_days(
    client, personas, anna_sheet, django_assert_max_num_queries
):
    data, _row = anna_sheet
    for row in range(12):
        split(data, row, "14:30", "16:00", work_type="training")
    with django_assert_max_num_queries(25):  # the single-part sheet's budget (test_crew_sheet)
        response = client.post(sheet_url(personas.garden), data)
    assert response.status_code == 302
    assert WorkLog.objects.count() == 24
    assert WorkLog.objects.filter(start=datetime.time(14, 30), work_type="training").count() == 12


def test_opening_a_part_keeps_to_the_crew_sheets_people(
    client, personas, garden_crew, crew_sheet_form
):
    client.force_login(personas.garden_instructor)
    data = crew_sheet_form(client, personas.garden)
    expected = {
        "manager": 200,
        "garden_instructor": 200,
        "carpentry_instructor": 404,  # not their workshop
        "care_worker": 403,
        "accountant": 403,
        "trainee_anna": 403,
        "trainee_bartek": 403,
        "outsider": 403,
    }
    for name, user in personas.all_users().items():
        client.force_login(user)
        response = client.post(sheet_url(personas.garden), {**data, "add_part": "0"})
        assert response.status_code == expected[name], name
    assert WorkLog.objects.count() == 0


def test_a_refusal_names_the_row_as_numbered_on_screen_even_after_an_empty_row(
    client, personas, garden_crew, crew_sheet_form, care_block
):
    client.force_login(personas.garden_instructor)
    anna = garden_crew[0]
    data = crew_sheet_form(client, personas.garden)
    row = row_of(data, anna)
    data[f"rows-{row}-trainee"] = ""  # Anna's rostered row left empty...
    data.update(
        {  # ...and she is entered in the second "add someone" row, over her care block
            "rows-13-trainee": str(anna.pk),
            "rows-13-start": "09:00",
            "rows-13-end": "12:30",
        }
    )
    data.pop(f"rows-{row}-shift")
    page = client.post(sheet_url(personas.garden), data).content.decode()
    assert "Row 14, Anna Garden: The trainee is unavailable 12:00–13:30." in page
    assert WorkLog.objects.count() == 0
