"""Planning the week, approving, correcting and disputing logs."""

import datetime
import threading

import pytest
from django.db import connection
from django.urls import reverse

from reintegra_coop.core.exceptions import InvalidTransitionError
from reintegra_coop.work import approval, roster
from reintegra_coop.work.exceptions import WorkRuleError
from reintegra_coop.work.models import Shift, ShiftAssignment, ShiftTemplate, WorkLog
from tests.factories import WORK_DAY

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-11-23T16:00", tick=False)]
LAST_MONDAY = WORK_DAY - datetime.timedelta(days=7)


@pytest.fixture
def templates(personas):
    ShiftTemplate.objects.create(
        workshop=personas.garden,
        name="Morning",
        weekdays="0,1,2,3,4",
        start=datetime.time(8),
        end=datetime.time(14),
        capacity=2,
    )
    ShiftTemplate.objects.create(
        workshop=personas.garden,
        name="Saturday market",
        weekdays="5",
        start=datetime.time(9),
        end=datetime.time(12),
        capacity=4,
    )


def log(personas, **fields):
    values = {
        "trainee": personas.trainee_anna,
        "date": WORK_DAY,
        "start": datetime.time(8),
        "end": datetime.time(12),
        "workshop": personas.garden,
        "status": "submitted",
    }
    values.update(fields)
    return WorkLog.objects.create(**values)


def test_templates_make_a_weeks_shifts_once_and_only_on_working_days(personas, templates):
    made = roster.generate_shifts(
        personas.garden, WORK_DAY, WORK_DAY + datetime.timedelta(days=6), personas.manager
    )
    assert made == 5  # Monday to Friday; no work is logged on a Saturday, so no shift
    assert (
        roster.generate_shifts(
            personas.garden, WORK_DAY, WORK_DAY + datetime.timedelta(days=6), personas.manager
        )
        == 0
    )
    assert not Shift.objects.filter(date=WORK_DAY + datetime.timedelta(days=5)).exists()
    christmas_week = datetime.date(2026, 12, 21)
    roster.generate_shifts(
        personas.garden, christmas_week, christmas_week + datetime.timedelta(days=6), by=None
    )
    days = set(Shift.objects.filter(date__gte=christmas_week).values_list("date", flat=True))
    assert days == {datetime.date(2026, 12, day) for day in (21, 22, 23)}  # 24-26: holidays


def test_an_assignment_respects_capacity_and_care_blocks(personas, templates, care_block):
    from tests.factories import TraineeFactory

    roster.generate_shifts(personas.garden, WORK_DAY, WORK_DAY, personas.manager)
    shift = Shift.objects.get(date=WORK_DAY)
    with pytest.raises(WorkRuleError, match=r"The trainee is unavailable 12:00–13:30\."):
        roster.assign(shift, personas.trainee_anna, personas.garden_instructor)
    first, second, third = (
        TraineeFactory(user__username=f"t{n}", workshops=[personas.garden]) for n in range(3)
    )
    roster.assign(shift, first, personas.garden_instructor)
    roster.assign(shift, second, personas.garden_instructor)
    with pytest.raises(WorkRuleError, match=r"is full \(2\)"):
        roster.assign(shift, third, personas.garden_instructor)
    first.workshops.add(personas.carpentry)
    other = Shift.objects.create(
        workshop=personas.carpentry,
        date=WORK_DAY,
        start=datetime.time(10),
        end=datetime.time(15),
        capacity=5,
    )
    with pytest.raises(WorkRuleError, match=r"10:00–15:00 overlaps another entry, 08:00–14:00\."):
        roster.assign(other, first, personas.manager)


def test_copying_last_week_copies_the_crew_within_the_rules(personas, templates, care_block):
    from tests.factories import TraineeFactory

    roster.generate_shifts(
        personas.garden, LAST_MONDAY, LAST_MONDAY + datetime.timedelta(6), personas.manager
    )
    bob = TraineeFactory(user__username="bob", first_name="Bob", workshops=[personas.garden])
    last_monday_shift = Shift.objects.get(date=LAST_MONDAY)
    roster.assign(last_monday_shift, bob, personas.manager)
    # Anna's care block started this week: last week she was rostered on Monday.
    ShiftAssignment.objects.create(shift=last_monday_shift, trainee=personas.trainee_anna)
    result = roster.copy_week(personas.garden, LAST_MONDAY, WORK_DAY, personas.manager)
    assert result.copied == 1
    assert result.refused == [f"Anna Garden, {WORK_DAY}: The trainee is unavailable 12:00–13:30."]
    assert list(
        ShiftAssignment.objects.filter(shift__date=WORK_DAY).values_list(
            "trainee__first_name", flat=True
        )
    ) == ["Bob"]


def test_copying_a_week_into_christmas_skips_the_public_holidays_and_says_so(
    client, personas, templates
):
    before_christmas = datetime.date(2026, 12, 14)
    christmas_week = datetime.date(2026, 12, 21)
    roster.generate_shifts(
        personas.garden,
        before_christmas,
        before_christmas + datetime.timedelta(4),
        personas.manager,
    )
    for shift in Shift.objects.filter(date__gte=before_christmas):
        ShiftAssignment.objects.create(shift=shift, trainee=personas.trainee_anna)
    result = roster.copy_week(personas.garden, before_christmas, christmas_week, personas.manager)
    assert result.copied == 3  # Mon 21 – Wed 23 December
    assert result.skipped == [datetime.date(2026, 12, 24), datetime.date(2026, 12, 25)]
    assert sorted(
        Shift.objects.filter(date__gte=christmas_week).values_list("date", flat=True)
    ) == [datetime.date(2026, 12, day) for day in (21, 22, 23)]


def test_the_roster_page_lists_the_days_copy_week_skipped(client, personas, templates):
    before_christmas = datetime.date(2026, 12, 14)
    roster.generate_shifts(
        personas.garden,
        before_christmas,
        before_christmas + datetime.timedelta(4),
        personas.manager,
    )
    client.force_login(personas.manager)
    url = reverse("work:roster_for", args=[personas.garden.pk]) + "?date=2026-12-21"
    page = client.post(url, {"action": "copy"}, follow=True).content.decode()
    assert "No shifts on 2026-12-24, 2026-12-25: public holidays or days the cooperative" in page


def test_the_sites_closed_days_get_no_shifts_from_templates_or_copy_and_are_listed(
    client, personas, templates, settings
):
    settings.CLOSED_DAYS = (datetime.date(2026, 12, 31),)
    week_before, new_year_week = datetime.date(2026, 12, 21), datetime.date(2026, 12, 28)
    client.force_login(personas.manager)
    url = reverse("work:roster_for", args=[personas.garden.pk]) + "?date=2026-12-28"
    page = client.post(url, {"action": "generate"}, follow=True).content.decode()
    assert "No shifts on 2026-12-31, 2027-01-01: public holidays or days the cooperative" in page
    made = set(Shift.objects.filter(date__gte=new_year_week).values_list("date", flat=True))
    assert made == {datetime.date(2026, 12, day) for day in (28, 29, 30)}
    Shift.objects.filter(date__gte=new_year_week).delete()
    roster.generate_shifts(personas.garden, week_before, week_before + datetime.timedelta(2), None)
    result = roster.copy_week(personas.garden, week_before, new_year_week, personas.manager)
    assert datetime.date(2026, 12, 30) not in result.skipped
    assert datetime.date(2026, 12, 31) not in {
        shift.date for shift in Shift.objects.filter(date__gte=new_year_week)
    }


def test_an_assignment_outside_the_trainees_workshops_is_refused(personas, templates):
    roster.generate_shifts(personas.garden, WORK_DAY, WORK_DAY, personas.manager)
    with pytest.raises(WorkRuleError, match=r"Bartek Carpenter does not work in Organic garden\."):
        roster.assign(Shift.objects.get(date=WORK_DAY), personas.trainee_bartek, personas.manager)


def test_an_instructor_cannot_roster_another_workshops_trainee(client, personas, templates):
    roster.generate_shifts(personas.garden, WORK_DAY, WORK_DAY, personas.manager)
    shift = Shift.objects.get(date=WORK_DAY)
    client.force_login(personas.garden_instructor)
    url = reverse("work:roster_for", args=[personas.garden.pk])
    assert (
        client.post(
            url, {"action": "assign", "shift": shift.pk, "trainee": personas.trainee_bartek.pk}
        ).status_code
        == 404
    )
    client.force_login(personas.carpentry_instructor)
    assert client.get(url).status_code == 404
    assert not ShiftAssignment.objects.exists()


def test_the_week_view_asks_the_same_number_of_queries_for_any_crew_size(
    client, personas, templates, django_assert_num_queries
):
    from tests.factories import TraineeFactory

    roster.generate_shifts(
        personas.garden, WORK_DAY, WORK_DAY + datetime.timedelta(6), personas.manager
    )
    client.force_login(personas.garden_instructor)
    url = reverse("work:roster_for", args=[personas.garden.pk]) + f"?date={WORK_DAY}"
    ShiftAssignment.objects.create(
        shift=Shift.objects.filter(date=WORK_DAY).get(), trainee=personas.trainee_anna
    )
    client.get(url)
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for n in range(19):
        trainee = TraineeFactory(user__username=f"crew{n}", workshops=[personas.garden])
        ShiftAssignment.objects.create(
            shift=Shift.objects.filter(date=WORK_DAY).get(), trainee=trainee
        )
    with django_assert_num_queries(len(small)):
        page = client.get(url).content.decode()
    assert "22/2" not in page and "20/2" in page  # capacity shown (over-filled by hand here)


def test_a_manager_approves_in_bulk_by_filter(client, personas):
    for day in (WORK_DAY, WORK_DAY - datetime.timedelta(days=3)):  # Monday and the Friday before
        log(personas, date=day)
    log(personas, trainee=personas.trainee_bartek, workshop=personas.carpentry)
    client.force_login(personas.manager)
    client.post(reverse("work:approvals") + f"?workshop={personas.garden.pk}", {"all": "1"})
    statuses = dict(WorkLog.objects.values_list("workshop__name", "status").distinct())
    assert statuses == {"Organic garden": "approved", "Carpentry-locksmith": "submitted"}
    client.force_login(personas.garden_instructor)
    assert client.get(reverse("work:approvals")).status_code == 403


def test_an_approved_log_is_corrected_by_a_new_amending_log(personas):
    original = log(personas)
    approval.approve([original.pk], personas.manager)
    correction = approval.correct(original, {"end": datetime.time(13)}, personas.garden_instructor)
    assert correction.pk != original.pk and correction.amends == original
    assert (correction.status, correction.minutes) == ("submitted", 300)
    original.refresh_from_db()
    assert (original.end, original.superseded) == (datetime.time(12), False)
    approval.approve([correction.pk], personas.manager)
    original.refresh_from_db()
    assert original.superseded
    assert list(WorkLog.objects.current().values_list("pk", flat=True)) == [correction.pk]


def test_a_submitted_log_is_corrected_in_place_and_its_history_keeps_the_old_value(personas):
    entry = log(personas)
    approval.correct(entry, {"end": datetime.time(11)}, personas.garden_instructor)
    entry.refresh_from_db()
    assert (entry.end, entry.minutes) == (datetime.time(11), 180)
    before, after = entry.history.order_by("history_date")[:2]
    assert (before.end, after.end) == (datetime.time(12), datetime.time(11))
    assert after.history_user == personas.garden_instructor


def test_a_correction_breaking_a_rule_is_refused(personas, care_block):
    entry = log(personas, end=datetime.time(11))
    with pytest.raises(WorkRuleError, match="unavailable 12:00–13:30"):
        approval.correct(entry, {"end": datetime.time(12, 30)}, personas.garden_instructor)
    entry.refresh_from_db()
    assert entry.end == datetime.time(11)


def test_a_manager_overrides_a_soft_limit_only_with_a_reason(personas):
    from reintegra_coop.care.models import WorkConstraint

    WorkConstraint.objects.create(trainee=personas.trainee_anna, max_minutes_per_day=180)
    entry = log(personas, end=datetime.time(10))
    change = {"end": datetime.time(12)}
    with pytest.raises(WorkRuleError, match="limit of 03:00 a day"):
        approval.correct(entry, change, personas.manager)
    with pytest.raises(WorkRuleError):
        approval.correct(
            entry, {**change, "override_reason": "harvest day"}, personas.garden_instructor
        )
    approval.correct(entry, {**change, "override_reason": "harvest day"}, personas.manager)
    entry.refresh_from_db()
    assert (entry.end, entry.override_reason) == (datetime.time(12), "harvest day")


def test_a_dispute_stays_flagged_until_resolved(client, personas):
    entry = log(personas)
    entry.dispute("I left at 11, not 12.")
    client.force_login(personas.garden_instructor)
    page = client.get(
        reverse("work:crew_sheet_for", args=[personas.garden.pk]), {"date": WORK_DAY.isoformat()}
    ).content.decode()
    assert "I left at 11, not 12." in page
    client.force_login(personas.manager)
    assert "I left at 11, not 12." in client.get(reverse("work:approvals")).content.decode()
    client.post(reverse("work:resolve_dispute", args=[entry.pk]), {"resolution": "Corrected"})
    entry.refresh_from_db()
    assert not entry.has_open_dispute and entry.dispute_resolution == "Corrected"
    with pytest.raises(InvalidTransitionError):
        entry.resolve_dispute("again", personas.manager)


@pytest.mark.mariadb_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_approval_and_editing_lose_no_update(personas):
    entry = log(personas)
    start = threading.Barrier(2)
    errors = []

    def run(action):
        try:
            start.wait()
            action()
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(
            target=run, args=(lambda: approval.approve([entry.pk], personas.manager),)
        ),
        threading.Thread(
            target=run,
            args=(
                lambda: approval.correct(
                    entry, {"end": datetime.time(11)}, personas.garden_instructor
                ),
            ),
        ),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    entry.refresh_from_db()
    assert entry.status == "approved"
    current_end = (
        WorkLog.objects.current()
        .filter(trainee=personas.trainee_anna)
        .values_list("end", flat=True)
    )
    # Either the edit landed first (in place) or became a correction after the approval.
    assert (
        datetime.time(11) in set(current_end)
        or WorkLog.objects.filter(amends=entry, end=datetime.time(11)).exists()
    )


def test_an_instructor_adds_and_removes_a_trainee_on_the_roster_page(client, personas, templates):
    roster.generate_shifts(personas.garden, WORK_DAY, WORK_DAY, personas.manager)
    shift = Shift.objects.get(date=WORK_DAY)
    client.force_login(personas.garden_instructor)
    url = reverse("work:roster_for", args=[personas.garden.pk]) + f"?date={WORK_DAY}"
    client.post(url, {"action": "assign", "shift": shift.pk, "trainee": personas.trainee_anna.pk})
    assignment = ShiftAssignment.objects.get()
    assert "Anna Garden" in client.get(url).content.decode()
    client.post(url, {"remove": assignment.pk})
    assert not ShiftAssignment.objects.exists()
