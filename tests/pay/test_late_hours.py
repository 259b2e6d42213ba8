"""Late hours are never lost: a closed month takes no new or changed logs; a late or corrected
entry for it is paid in the next open period, on a line of its own naming the month and the
difference, counted with that month's rules."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from reintegra_coop.pay import period
from reintegra_coop.pay.models import PayError, PayScheme, Payslip
from reintegra_coop.work import approval
from reintegra_coop.work.models import WorkLog
from tests.factories import NOVEMBER, work

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-10T10:00")]
D = Decimal
DECEMBER = datetime.date(2026, 12, 1)


@pytest.fixture
def closed_november(personas, hourly_anna):
    """Anna worked 6 h on 2 November at 31.50 an hour; November is approved."""
    log = work(personas.trainee_anna, personas.garden, NOVEMBER.replace(day=2))
    period.run(NOVEMBER, personas.manager)
    period.approve(NOVEMBER, personas.manager)
    log.refresh_from_db()
    return log


def previous_period_lines(month=DECEMBER):
    slip = Payslip.objects.get(period__month=month, replaced=False)
    return [
        (line.code, line.amount, line.for_month, line.details)
        for line in slip.lines.filter(code="previous_period")
    ]


def test_a_closed_month_takes_no_new_or_changed_logs_on_any_path(client, personas, closed_november):
    with pytest.raises(ValidationError, match="closed month: record it as a late entry"):
        work(personas.trainee_anna, personas.garden, NOVEMBER.replace(day=3))
    client.force_login(personas.manager)
    entry = {
        "trainee": personas.trainee_anna.pk,
        "workshop": personas.garden.pk,
        "date": "2026-11-03",
        "start": "08:00",
        "end": "10:00",
    }
    refused = client.post("/api/work-logs/", entry, content_type="application/json")
    assert refused.status_code == 400 and "closed month" in str(refused.json())
    late = client.post("/api/work-logs/", {**entry, "late": True}, content_type="application/json")
    assert late.status_code == 201 and late.json()["late"] is True
    page = client.post(
        "/admin/work/worklog/add/",
        {**entry, "date": "2026-11-04", "attendance": "present", "work_type": "paid_work"},
    ).content.decode()
    assert "closed month" in page
    assert client.get(f"/admin/work/worklog/{closed_november.pk}/change/").status_code == 200
    assert WorkLog.objects.filter(date__month=11).count() == 2


def test_a_late_entry_is_paid_next_month_with_the_rate_of_its_own_month(personas, closed_november):
    PayScheme.objects.filter(trainee=personas.trainee_anna).update(
        valid_until=datetime.date(2026, 11, 30)
    )
    PayScheme.objects.create(
        trainee=personas.trainee_anna, kind="hourly", valid_from=DECEMBER, hourly_rate=D("40.00")
    )
    late = work(
        personas.trainee_anna,
        personas.garden,
        NOVEMBER.replace(day=3),
        start=8,
        end=10,
        status="submitted",
        late=True,
    )
    approval.approve([late.pk], personas.manager)
    work(personas.trainee_anna, personas.garden, DECEMBER.replace(day=1), start=8, end=9)
    period.run(DECEMBER, personas.manager)
    assert previous_period_lines() == [
        (
            "previous_period",
            D("63.00"),
            NOVEMBER,
            {"month": "2026-11-01", "difference": "63.00"},
        )  # 2 h × 31.50, not 40.00
    ]
    assert Payslip.objects.get(period__month=DECEMBER).total == D("103.00")
    period.approve(DECEMBER, personas.manager)
    late.refresh_from_db()
    assert (late.status, late.paid_in) == ("locked", DECEMBER)
    january = datetime.date(2027, 1, 1)
    work(personas.trainee_anna, personas.garden, datetime.date(2027, 1, 4), start=8, end=9)
    period.run(january, personas.manager)
    assert previous_period_lines(january) == []  # paid once


def test_a_correction_of_a_closed_month_pays_the_negative_difference(personas, closed_november):
    correction = approval.correct(
        closed_november, {"end": datetime.time(12)}, personas.garden_instructor
    )
    assert (correction.late, correction.amends_id) == (True, closed_november.pk)
    approval.approve([correction.pk], personas.manager)
    work(personas.trainee_anna, personas.garden, DECEMBER.replace(day=1))  # 6 h in December
    period.run(DECEMBER, personas.manager)
    assert previous_period_lines() == [
        (
            "previous_period",
            D("-63.00"),
            NOVEMBER,
            {"month": "2026-11-01", "difference": "-63.00"},
        )  # 4 h instead of 6
    ]
    assert Payslip.objects.get(period__month=DECEMBER).total == D("126.00")


def test_a_negative_difference_larger_than_the_pay_waits_for_the_next_period(
    personas, closed_november
):
    correction = approval.correct(
        closed_november, {"attendance": "unexcused"}, personas.garden_instructor
    )
    approval.approve([correction.pk], personas.manager)
    work(personas.trainee_anna, personas.garden, DECEMBER.replace(day=1), start=8, end=10)
    period.run(DECEMBER, personas.manager)
    assert previous_period_lines() == [
        (
            "previous_period",
            D("-63.00"),
            NOVEMBER,
            {"month": "2026-11-01", "difference": "-189.00"},
        )  # all December's pay
    ]
    period.approve(DECEMBER, personas.manager)
    correction.refresh_from_db()
    assert correction.paid_in is None  # 126.00 still owed back: it waits
    january = datetime.date(2027, 1, 1)
    work(personas.trainee_anna, personas.garden, datetime.date(2027, 1, 4))
    period.run(january, personas.manager)
    assert previous_period_lines(january) == [
        (
            "previous_period",
            D("-126.00"),
            NOVEMBER,
            {"month": "2026-11-01", "difference": "-126.00"},
        )
    ]


def test_a_month_is_not_reopened_after_a_later_month_closed(personas, closed_november):
    work(personas.trainee_anna, personas.garden, DECEMBER.replace(day=1))
    period.run(DECEMBER, personas.manager)
    period.approve(DECEMBER, personas.manager)
    with pytest.raises(PayError, match="A later month is approved"):
        period.reopen(NOVEMBER, personas.manager, "too late")


def test_a_correction_line_is_named_in_words_on_the_pay_page(client, personas, closed_november):
    late = work(
        personas.trainee_anna,
        personas.garden,
        NOVEMBER.replace(day=3),
        start=8,
        end=10,
        status="submitted",
        late=True,
    )
    approval.approve([late.pk], personas.manager)
    period.run(DECEMBER, personas.manager)
    client.force_login(personas.manager)
    page = client.get("/pay/2026-12/").content.decode()
    assert "Correction of an earlier month (November 2026)" in page
    assert "previous_period" not in page


def test_a_log_of_a_closed_month_can_be_disputed_and_the_dispute_is_in_its_history(
    client, personas, closed_november
):
    client.force_login(personas.trainee_anna.user)
    client.post(
        reverse("portal:dispute", args=[closed_november.pk]), {"comment": "I left at noon."}
    )
    closed_november.refresh_from_db()
    assert closed_november.dispute_comment == "I left at noon."
    latest = closed_november.history.order_by("-history_date", "-history_id").first()
    assert (latest.history_change_reason, latest.history_user, latest.dispute_comment) == (
        "disputed",
        personas.trainee_anna.user,
        "I left at noon.",
    )


def test_an_entry_of_an_open_month_cannot_be_marked_late_by_its_writer(client, personas):
    """Late means "for a closed month"; moving an open month's entry out of it is a manager's
    defer on the Pay page, with a reason — not a flag anyone writing an entry may set."""
    client.force_login(personas.garden_instructor)
    entry = {
        "trainee": personas.trainee_anna.pk,
        "workshop": personas.garden.pk,
        "date": "2026-12-07",
        "start": "08:00",
        "end": "10:00",
    }
    refused = client.post(
        "/api/work-logs/", {**entry, "late": True}, content_type="application/json"
    )
    assert refused.status_code == 400 and "is in an open month" in str(refused.json())
    made = client.post("/api/work-logs/", entry, content_type="application/json")
    assert made.status_code == 201
    patched = client.patch(
        f"/api/work-logs/{made.json()['id']}/", {"late": True}, content_type="application/json"
    )
    assert patched.status_code == 400 and "late" in patched.json()
    approved = work(personas.trainee_anna, personas.garden, datetime.date(2026, 12, 8))
    again = client.patch(
        f"/api/work-logs/{approved.pk}/", {"late": True}, content_type="application/json"
    )
    assert again.status_code == 400 and "late" in again.json()  # was a 500
    same = client.patch(
        f"/api/work-logs/{approved.pk}/",
        {"late": False, "note": "x"},
        content_type="application/json",
    )
    assert same.status_code == 200  # an unchanged flag is no change (was a 500)
    assert not WorkLog.objects.filter(late=True).exists()
