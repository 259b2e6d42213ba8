"""The worker's nightly jobs: each due from its site-local hour, queued once a day however many
workers look (a unique row per job and day), run by the worker; the work-list notification
tells each member of staff once a day what waits for them."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django_tasks_db.models import DBTaskResult

from reintegra_coop.bench import nightly
from reintegra_coop.bench.worker import run_queued
from reintegra_coop.core.models import NightlyRun, Notification
from reintegra_coop.core.notifications import text_of
from reintegra_coop.people.work_list import notify_work_lists
from tests.factories import work

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock("2026-12-02T07:00")]

WARSAW = ZoneInfo("Europe/Warsaw")
TODAY = datetime.date(2026, 12, 2)


def at(hour: int, minute: int = 0, day: datetime.date = TODAY) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=WARSAW)


def test_each_job_is_due_from_its_site_local_hour(db):
    assert nightly.queue_due(at(0, 30)) == []
    assert nightly.queue_due(at(1, 30)) == ["recompute_milestones"]
    assert nightly.queue_due(at(6, 0)) == [
        "apply_retention",
        "tidy_jobs",
        "work_list_notifications",
    ]
    # The backup is the site's choice ([backup] nightly), off unless turned on.
    assert "backup" not in {run.job for run in NightlyRun.objects.all()}


def test_two_workers_looking_at_the_same_moment_queue_each_job_once(db):
    first = nightly.queue_due(at(7))
    second = nightly.queue_due(at(7))
    assert first == [
        "recompute_milestones",
        "apply_retention",
        "tidy_jobs",
        "work_list_notifications",
    ]
    assert second == []
    assert DBTaskResult.objects.count() == 4
    run_queued()
    runs = {run.job: run for run in NightlyRun.objects.all()}
    assert {job: run.outcome for job, run in runs.items()} == {
        "recompute_milestones": "done",
        "apply_retention": "done",
        "tidy_jobs": "done",
        "work_list_notifications": "done",
    }
    assert runs["recompute_milestones"].summary == "0 milestones changed"
    assert runs["apply_retention"].summary == (
        "0 trainee(s) pseudonymised, 0 record(s) cleared, 0 under a legal hold left alone"
    )
    assert nightly.queue_due(at(23, 59)) == []  # the rest of the day: nothing again
    assert nightly.queue_due(at(7, day=TODAY + datetime.timedelta(days=1))) == [
        "recompute_milestones",
        "apply_retention",
        "tidy_jobs",
        "work_list_notifications",
    ]


def test_a_site_that_turns_the_nightly_backup_on_gets_it_queued(db, settings):
    settings.BACKUP_NIGHTLY = True
    assert "backup" in nightly.queue_due(at(3))


def test_the_worker_queues_the_days_jobs_and_runs_them(personas):
    work(personas.trainee_anna, personas.garden, datetime.date(2026, 12, 1), status="submitted")
    assert run_queued() == [
        "recompute_milestones",
        "apply_retention",
        "tidy_jobs",
        "work_list_notifications",
    ]
    assert set(NightlyRun.objects.values_list("outcome", flat=True)) == {"done"}
    assert Notification.objects.filter(code="people.work_list").count() == 2


def test_staff_are_told_once_a_day_what_waits_on_their_work_list(personas):
    work(personas.trainee_anna, personas.garden, datetime.date(2026, 12, 1), status="submitted")
    work(personas.trainee_anna, personas.garden, datetime.date(2026, 11, 30), status="submitted")
    assert notify_work_lists(TODAY) == 2
    told = {n.recipient_id: n for n in Notification.objects.filter(code="people.work_list")}
    # Two logs wait for approval: the manager and the garden's instructor see them.
    assert set(told) == {personas.manager.pk, personas.garden_instructor.pk}
    note = told[personas.garden_instructor.pk]
    assert text_of(note) == ("2 things wait for you today: see What needs me on your home page.")
    assert (note.link_name, note.link_args) == ("core:home", [])
    assert notify_work_lists(TODAY) == 0  # the same day again: nobody twice
    assert Notification.objects.filter(code="people.work_list").count() == 2
    assert notify_work_lists(TODAY + datetime.timedelta(days=1)) == 2  # a new day, a new notice


def test_trainees_and_people_with_nothing_waiting_are_not_told(personas):
    assert notify_work_lists(TODAY) == 0
    work(
        personas.trainee_bartek, personas.carpentry, datetime.date(2026, 12, 1), status="submitted"
    )
    notify_work_lists(TODAY)
    told = set(Notification.objects.values_list("recipient_id", flat=True))
    assert told == {personas.manager.pk, personas.carpentry_instructor.pk}
    assert personas.trainee_bartek.user.pk not in told


def test_the_background_jobs_page_shows_each_nightly_run_and_the_queue(client, personas):
    from django.urls import reverse

    page_url = reverse("core:background_jobs")
    nightly.queue_due(at(7))
    client.force_login(personas.manager)
    home = client.get(reverse("core:home"), follow=True).content.decode()
    assert f'href="{page_url}"' in home
    page = client.get(page_url).content.decode()
    assert "Milestones recomputed" in page and "Work-list notifications" in page
    assert "Data retention" in page
    assert "Queued: 4 · running: 0 · failed: 0" in page
    run_queued()
    page = client.get(page_url).content.decode()
    assert "Queued: 0 · running: 0 · failed: 0" in page and page.count("state-done") == 4
    for who in ("garden_instructor", "care_worker", "accountant", "trainee_anna", "outsider"):
        client.force_login(personas.all_users()[who])
        assert client.get(page_url).status_code == 403


@pytest.mark.clock("2032-01-02T07:00")
def test_the_nightly_retention_pseudonymises_a_trainee_whose_records_expired(personas):
    """Anna left at the end of November 2026: five years after the end of 2026 her name goes,
    the night the worker runs; Bartek, under a legal hold, keeps his."""
    from reintegra_coop.people.models import Trainee
    from reintegra_coop.privacy.models import LegalHold

    for trainee in (personas.trainee_anna, personas.trainee_bartek):
        Trainee.objects.filter(pk=trainee.pk).update(
            stage="exited", exited_on=datetime.date(2026, 11, 30)
        )
    LegalHold.objects.create(trainee=personas.trainee_bartek, reason="Court case 12/2031")
    nightly.queue_due(at(7, day=datetime.date(2032, 1, 2)))
    run_queued()
    run = NightlyRun.objects.get(job="apply_retention")
    assert (run.outcome, run.summary) == (
        "done",
        "1 trainee(s) pseudonymised, 1 record(s) cleared, 1 under a legal hold left alone",
    )
    anna = Trainee.objects.get(pk=personas.trainee_anna.pk)
    assert anna.full_name == f"Pseudonymised {anna.pk}"
    assert Trainee.objects.get(pk=personas.trainee_bartek.pk).full_name == (
        personas.trainee_bartek.full_name
    )
