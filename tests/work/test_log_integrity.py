"""What must always hold for a work log, on every path that saves one — the model, the
database, the back office, the API — and the one door through which its status changes."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from reintegra_coop.core.exceptions import InvalidTransitionError
from reintegra_coop.work.models import WorkLog, WorkLogStatus

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-11-23T16:00")]

MONDAY = datetime.date(2026, 11, 23)


def new_log(personas, **fields):
    values = {
        "trainee": personas.trainee_anna,
        "workshop": personas.garden,
        "date": MONDAY,
        "start": datetime.time(8),
        "end": datetime.time(12),
        "status": WorkLogStatus.SUBMITTED,
    }
    values.update(fields)
    return WorkLog(**values)


def test_the_model_refuses_an_overlap_with_the_trainees_other_work(personas):
    new_log(personas).save()
    with pytest.raises(ValidationError, match="overlaps another entry, 08:00–12:00"):
        new_log(personas, start=datetime.time(11), end=datetime.time(13)).save()
    new_log(personas, start=datetime.time(12), end=datetime.time(14)).save()  # touching is fine
    absent = new_log(personas, start=datetime.time(8), attendance="sick")
    absent.save()  # an absence takes no time
    assert WorkLog.objects.count() == 3


def test_a_log_that_ends_before_it_starts_is_refused_by_the_model_and_the_database(personas):
    with pytest.raises(ValidationError, match="The end must be after the start"):
        new_log(personas, start=datetime.time(12), end=datetime.time(8)).save()
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkLog.objects.bulk_create([new_log(personas, end=datetime.time(8), minutes=0)])
    assert not WorkLog.objects.exists()


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (datetime.date(2026, 11, 21), "2026-11-21 is not a working day"),  # a Saturday
        (datetime.date(2026, 11, 11), "2026-11-11 is not a working day"),  # Independence Day
        (datetime.date(2026, 7, 31), "2026-07-31 is outside the trainee's programme"),
    ],
)
def test_a_day_code_exists_only_on_a_working_day_inside_the_programme(personas, day, message):
    for attendance in ("present", "sick", "day_off"):
        with pytest.raises(ValidationError, match=message):
            new_log(personas, date=day, attendance=attendance).save()
    assert not WorkLog.objects.exists()


def test_an_exited_trainee_has_no_day_codes_after_the_exit(personas):
    anna = personas.trainee_anna
    anna.exited_on = datetime.date(2026, 11, 20)
    anna.save()
    new_log(personas, date=datetime.date(2026, 11, 20)).save()
    with pytest.raises(ValidationError, match="outside the trainee's programme"):
        new_log(personas).save()


def test_the_api_and_the_back_office_give_the_same_refusals(client, personas):
    client.force_login(personas.manager)
    saturday = {
        "trainee": personas.trainee_anna.pk,
        "workshop": personas.garden.pk,
        "date": "2026-11-21",
        "start": "08:00",
        "end": "12:00",
    }
    response = client.post("/api/work-logs/", saturday, content_type="application/json")
    assert response.status_code == 400
    assert "not a working day" in str(response.json())
    form = {**saturday, "attendance": "present", "work_type": "paid_work"}
    page = client.post("/admin/work/worklog/add/", form).content.decode()
    assert "not a working day" in page
    assert not WorkLog.objects.exists()


def test_a_status_changes_only_along_the_table_and_each_change_is_in_the_history(personas):
    log = new_log(personas)
    log.save()
    with pytest.raises(InvalidTransitionError):
        log.set_status(WorkLogStatus.LOCKED, personas.manager)
    log.set_status(WorkLogStatus.APPROVED, personas.manager, reason="approved on the page")
    log.set_status(WorkLogStatus.LOCKED, personas.manager, reason="period 2026-11 approved")
    history = list(
        log.history.order_by("history_date").values_list("status", "history_change_reason")
    )
    assert history[-2:] == [
        ("approved", "approved on the page"),
        ("locked", "period 2026-11 approved"),
    ]
    assert log.history.first().history_user == personas.manager


def test_no_code_writes_a_status_past_the_door():
    """A status is written only by the transition methods: no .update(status=…) and no
    assignment to .status outside them."""
    import re
    from pathlib import Path

    package = Path(__file__).resolve().parents[2] / "apps" / "reintegra_coop"
    offenders = []
    for path in package.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        text = path.read_text()
        for number, line in enumerate(text.splitlines(), start=1):
            if re.search(r"\.update\([^)]*\bstatus\s*=", line) or re.search(
                r"\b\w+\.status\s*=[^=]", line
            ):
                offenders.append(f"{path.relative_to(package)}:{number}: {line.strip()}")
    allowed = {
        # the transition methods themselves
        "work/models.py",
        "orders/models/orders.py",
        "pay/models.py",
    }
    assert [o for o in offenders if o.split(":")[0] not in allowed] == []
