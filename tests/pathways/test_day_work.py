"""Low-threshold day work: the day's jobs, sign-up by name or card, who worked, paid in cash
the same day against a numbered receipt, the cash book and its closing by notes and coins, the
monthly limits that protect benefits, and a day worker taken on as an applicant with their days
carried over. Managers only: they hold the cash box."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from reintegra_coop.pathways.models import (
    CashClosing,
    CashEntry,
    DayJob,
    DayWork,
    DayWorker,
    DayWorkLimit,
)
from reintegra_coop.people.models import Stage

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-11-23T10:00")]
TODAY = datetime.date(2026, 11, 23)
DAY_WORK = reverse("pathways:day_work")


def job(day=TODAY, task="Leaves in the park", pay="120.00", places=2, start=8, end=14):
    return DayJob.objects.create(
        date=day,
        task=task,
        place="Park Jordana",
        start=datetime.time(start),
        end=datetime.time(end),
        pay=Decimal(pay),
        places=places,
    )


def messages_of(response):
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


def sign_up(client, day_job, **who):
    return client.post(
        reverse("pathways:sign_up", args=[day_job.pk]),
        {"card_number": "", "first_name": "", "last_name": "", **who},
        follow=True,
    ).content.decode()


def test_a_day_from_sign_up_to_the_closing_of_the_cash_box(client, personas):
    client.force_login(personas.manager)
    client.post(
        f"{reverse('pathways:add_day_job')}?date=2026-11-23",
        {
            "task": "Leaves in the park",
            "place": "Park Jordana",
            "start": "08:00",
            "end": "14:00",
            "pay": "120.00",
            "places": "2",
        },
    )
    leaves = DayJob.objects.get()
    DayWorker.objects.create(first_name="Jan", last_name="Wolny", card_number="D-0007")
    sign_up(client, leaves, first_name="Ewa", last_name="Nowa")  # new
    sign_up(client, leaves, card_number="D-0007")  # known by the card
    jan, ewa = (
        DayWork.objects.get(worker__card_number="D-0007"),
        DayWork.objects.get(worker__last_name="Nowa"),
    )
    client.post(
        f"{reverse('pathways:put_in_cash')}?date=2026-11-23",
        {"amount": "500.00", "note": "from the bank"},
    )
    client.post(reverse("pathways:day_worked", args=[jan.pk]), {"worked": "1"})
    client.post(reverse("pathways:day_worked", args=[ewa.pk]), {"worked": "0"})
    response = client.post(reverse("pathways:pay_day_work", args=[jan.pk]), follow=True)
    jan.refresh_from_db()
    assert jan.receipt == "KW-2026-00001" and jan.amount == Decimal("120.00")
    page = response.content.decode()
    assert "Jan Wolny" in page and "KW-2026-00001" in page and "120" in page
    refused = client.post(reverse("pathways:pay_day_work", args=[ewa.pk]), follow=True)
    assert "Only a day worked is paid." in refused.content.decode()
    day_page = client.get(f"{DAY_WORK}?date=2026-11-23").content.decode()
    assert "380" in day_page  # 500 put in − 120 paid out
    counts = {"n_200": "1", "n_100": "1", "n_50": "1", "n_20": "1", "n_10": "1", "note": ""}
    closed = client.post(
        f"{reverse('pathways:close_cash_day')}?date=2026-11-23", counts, follow=True
    )
    assert "The day is closed: counted PLN380.00." in closed.content.decode()
    assert CashClosing.objects.get().difference == 0


def test_a_closing_records_its_difference_with_a_reason_and_then_the_day_is_shut(client, personas):
    client.force_login(personas.manager)
    CashEntry.objects.create(day=TODAY, kind="paid_in", amount=Decimal("300.00"))
    url = f"{reverse('pathways:close_cash_day')}?date=2026-11-23"
    counts = {"n_200": "1", "n_50": "1", "n_20": "2", "note": ""}  # 290 counted
    page = client.post(url, counts, follow=True).content.decode()
    assert "The count differs from the book by" in page and not CashClosing.objects.exists()
    client.post(url, {**counts, "note": "10 zł given back to the bank by mistake"})
    closing = CashClosing.objects.get()
    assert (closing.counted_total, closing.expected_total, closing.difference) == (
        Decimal("290.00"),
        Decimal("300.00"),
        Decimal("-10.00"),
    )
    assert closing.counted == {"200": 1, "50": 1, "20": 2}
    late = client.post(
        f"{reverse('pathways:put_in_cash')}?date=2026-11-23", {"amount": "5"}, follow=True
    )
    assert "The cash book of 2026-11-23 is closed." in late.content.decode()
    tomorrow = datetime.date(2026, 11, 24)
    CashEntry.objects.create(day=tomorrow, kind="paid_in", amount=Decimal("100.00"))
    from reintegra_coop.pathways.day_work import expected_cash

    assert expected_cash(tomorrow) == Decimal("390.00")  # the count carried, not the book


def test_the_monthly_limits_protect_benefits(client, personas):
    DayWorkLimit.objects.create(
        valid_from=datetime.date(2026, 1, 1), days_a_month=2, pay_a_month=Decimal("300")
    )
    worker = DayWorker.objects.create(first_name="Jan", last_name="Wolny", card_number="D-0007")
    client.force_login(personas.manager)
    first, second = job(datetime.date(2026, 11, 2)), job(datetime.date(2026, 11, 3))
    skipped = job(datetime.date(2026, 11, 4))
    for day_job in (first, second, skipped):
        sign_up(client, day_job, card_number="D-0007")
    assert DayWork.objects.count() == 2  # the third day is refused
    DayWork.objects.filter(job=second).update(worked=False)  # did not come: not counted
    sign_up(client, skipped, card_number="D-0007")
    dear = job(datetime.date(2026, 11, 2), task="Moving", pay="200.00", start=15, end=18)
    page = sign_up(client, dear, card_number="D-0007")
    assert "would be paid" in page and "the limit is" in page
    third = job(datetime.date(2026, 11, 5))
    page = sign_up(client, third, card_number="D-0007")
    assert "Days of day work this month for Jan Wolny: 2; the limit: 2." in page
    assert DayWork.objects.filter(worker=worker).exclude(worked=False).count() == 2


def test_a_full_job_or_two_jobs_at_once_are_refused(client, personas):
    client.force_login(personas.manager)
    one = job(places=1)
    sign_up(client, one, first_name="Ewa", last_name="Nowa")
    assert DayWorker.objects.count() == 1
    assert "The job has all the people it needs." in sign_up(
        client, one, first_name="Jan", last_name="Wolny"
    )
    assert not DayWorker.objects.filter(last_name="Wolny").exists()  # nothing half-saved
    other = job(task="Painting", start=10, end=16)
    assert "has another job at that time" in sign_up(
        client, other, first_name="Ewa", last_name="Nowa"
    )
    assert "give the card number" in sign_up(client, other).lower()


def test_a_day_worker_is_taken_on_as_an_applicant_with_their_days(client, personas):
    worker = DayWorker.objects.create(first_name="Jan", last_name="Wolny", card_number="D-0007")
    day_work = DayWork.objects.create(
        job=job(), worker=worker, worked=True, amount=Decimal("120"), receipt="KW-2026-00009"
    )
    client.force_login(personas.manager)
    response = client.post(reverse("pathways:take_on", args=[worker.pk]), follow=True)
    worker.refresh_from_db()
    trainee = worker.became_trainee
    assert (trainee.stage, trainee.full_name, trainee.card_number) == (
        Stage.APPLICANT,
        "Jan Wolny",
        "D-0007",
    )
    page = response.content.decode()
    assert "Day work before the programme" in page and "1 day, paid PLN120.00" in page
    assert "is in the programme now" in sign_up(client, job(task="Later"), card_number="D-0007")
    assert day_work.worker_id == worker.pk


@pytest.mark.parametrize(
    "who", ["care_worker", "garden_instructor", "accountant", "trainee_anna", "outsider"]
)
def test_only_managers_run_day_work(client, personas, who):
    day_job = job()
    user = getattr(personas, who)
    client.force_login(getattr(user, "user", user))
    assert client.get(DAY_WORK).status_code == 403
    assert client.get(reverse("pathways:day_workers")).status_code == 403
    response = client.post(
        reverse("pathways:sign_up", args=[day_job.pk]), {"first_name": "A", "last_name": "B"}
    )
    assert response.status_code == 403 and not DayWork.objects.exists()


def test_putting_right_a_did_not_come_keeps_the_place_and_the_limits(client, personas):
    DayWorkLimit.objects.create(
        valid_from=datetime.date(2026, 1, 1), days_a_month=1, pay_a_month=Decimal("1000")
    )
    client.force_login(personas.manager)
    one = job(places=1)
    sign_up(client, one, first_name="Jan", last_name="Wolny")
    jan = DayWork.objects.get()
    client.post(reverse("pathways:day_worked", args=[jan.pk]), {"worked": "0"})
    sign_up(client, one, first_name="Ewa", last_name="Nowa")  # the place he gave up
    page = client.post(reverse("pathways:day_worked", args=[jan.pk]), {"worked": "1"}, follow=True)
    assert "The job has all the people it needs." in page.content.decode()
    jan.refresh_from_db()
    assert jan.worked is False
    earlier = job(datetime.date(2026, 11, 20), places=3)
    sign_up(client, earlier, card_number="", first_name="Ola", last_name="Lis")
    ola = DayWork.objects.get(worker__last_name="Lis")
    client.post(reverse("pathways:day_worked", args=[ola.pk]), {"worked": "0"})
    sign_up(client, job(places=3, task="Other"), first_name="Ola", last_name="Lis")  # her 1 day
    page = client.post(reverse("pathways:day_worked", args=[ola.pk]), {"worked": "1"}, follow=True)
    assert "Days of day work this month for Ola Lis: 1; the limit: 1." in page.content.decode()


def test_a_day_ahead_is_not_closed_and_a_missing_answer_is_not_a_no(client, personas):
    client.force_login(personas.manager)
    ahead = client.post(f"{reverse('pathways:close_cash_day')}?date=2026-11-30", {}, follow=True)
    assert "The cash book is kept for today and the days before." in ahead.content.decode()
    assert not CashClosing.objects.exists()
    sign_up(client, job(), first_name="Jan", last_name="Wolny")
    day_work = DayWork.objects.get()
    page = client.post(reverse("pathways:day_worked", args=[day_work.pk]), {}, follow=True)
    assert "Worked: say yes or no." in page.content.decode()
    day_work.refresh_from_db()
    assert day_work.worked is None


def test_the_day_workers_page_takes_a_fixed_number_of_queries(
    client, personas, django_assert_max_num_queries
):
    day_job = job(places=40)
    for n in range(30):
        DayWork.objects.create(
            job=day_job, worker=DayWorker.objects.create(first_name=f"P{n}", last_name="X")
        )
    client.force_login(personas.manager)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("pathways:day_workers"))
    assert page.content.decode().count("Take on as an applicant") == 30
