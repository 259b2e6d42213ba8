"""All payslips of a month as one ZIP of PDFs, made by the worker: the pay period page queues it
and says so while no worker runs, shows how far it got, then offers the download — to managers
and accountants only, and only while the ZIP still matches the month's payslips."""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from reintegra_coop.bench.worker import run_queued
from reintegra_coop.core import background_jobs
from reintegra_coop.core.models import BackgroundJob
from reintegra_coop.pay import period
from reintegra_coop.pay.models import PayScheme
from tests.factories import NOVEMBER, work

# The worker commits as it goes (and the page polls what it committed): real transactions.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.clock("2026-12-02T10:00")]

PAGE = reverse("pay:period", args=[2026, 11])
PREPARE = reverse("pay:prepare_payslips", args=[2026, 11])
PROGRESS = reverse("pay:payslips_progress", args=[2026, 11])
DOWNLOAD = reverse("pay:payslips_zip", args=[2026, 11])


@pytest.fixture
def month(personas, hourly_anna):
    """November run for Anna and Bartek (hourly), not yet approved."""
    PayScheme.objects.create(
        trainee=personas.trainee_bartek, kind="hourly", valid_from=NOVEMBER, hourly_rate="30.00"
    )
    work(personas.trainee_anna, personas.garden, NOVEMBER.replace(day=2))
    work(personas.trainee_bartek, personas.carpentry, NOVEMBER.replace(day=3))
    return period.run(NOVEMBER, personas.manager)


def test_the_page_says_queued_while_no_worker_runs_then_offers_the_zip(client, personas, month):
    client.force_login(personas.manager)
    page = client.get(PAGE).content.decode()
    assert "Prepare all payslips (PDF)" in page
    assert "core/job_progress.js" in page  # the poll, as a static file

    response = client.post(PREPARE)
    assert response.status_code == 302
    page = client.get(PAGE).content.decode()
    assert "Queued — the worker will prepare it." in page
    assert f'data-job-poll="{PROGRESS}"' in page
    assert "Prepare all payslips (PDF)" not in page  # pressing twice queues nothing more
    client.post(PREPARE)
    assert BackgroundJob.objects.count() == 1
    assert client.get(DOWNLOAD).status_code == 404  # nothing to download yet

    run_queued()

    panel = client.get(PROGRESS).content.decode()
    assert "Download all payslips (ZIP)" in panel and "2 payslips" in panel
    assert "data-job-poll" not in panel  # finished: the page stops asking
    job = BackgroundJob.objects.get()
    assert (job.state, job.done, job.total) == ("ready", 2, 2)


def test_the_zip_holds_one_pdf_per_current_payslip_named_for_the_trainee(client, personas, month):
    client.force_login(personas.accountant)
    client.post(PREPARE)
    run_queued()
    response = client.get(DOWNLOAD)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert 'filename="payslips-2026-11.zip"' in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    anna, bartek = personas.trainee_anna.pk, personas.trainee_bartek.pk
    assert sorted(archive.namelist()) == [
        f"payslip-2026-11-carpenter-bartek-{bartek}.pdf",
        f"payslip-2026-11-garden-anna-{anna}.pdf",
    ]
    for name in archive.namelist():
        assert archive.read(name).startswith(b"%PDF")


def test_a_zip_made_before_the_payslips_changed_is_not_offered(client, personas, month):
    client.force_login(personas.manager)
    client.post(PREPARE)
    run_queued()
    assert client.get(DOWNLOAD).status_code == 200
    period.approve(NOVEMBER, personas.manager)  # the payslips are now approved ones
    page = client.get(PAGE).content.decode()
    assert "The payslips changed since the ZIP was prepared: prepare it again." in page
    assert "Prepare all payslips (PDF)" in page
    assert client.get(DOWNLOAD).status_code == 404
    client.post(PREPARE)
    run_queued()
    assert client.get(DOWNLOAD).status_code == 200
    # The earlier ZIP's file is gone: only the latest is kept in the site's files.
    first, latest = BackgroundJob.objects.order_by("pk")
    assert first.file == "" and latest.file.endswith(f"-{latest.pk}.zip")


def test_a_failed_job_says_why_and_can_be_tried_again(client, personas, month, settings, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the files folder should be")
    settings.MEDIA_ROOT = str(blocked)
    client.force_login(personas.manager)
    client.post(PREPARE)
    run_queued()
    page = client.get(PAGE).content.decode()
    assert "Preparing the payslips failed:" in page
    assert "Prepare all payslips (PDF)" in page
    assert BackgroundJob.objects.get().state == "failed"


def test_the_zip_is_deleted_30_days_after_it_was_prepared(client, personas, month):
    client.force_login(personas.manager)
    client.post(PREPARE)
    run_queued()
    job = BackgroundJob.objects.get()
    path = background_jobs.file_path(job)
    assert path.is_file()
    background_jobs.tidy(now=timezone.now() + datetime.timedelta(days=29))
    assert path.is_file()
    summary = background_jobs.tidy(now=timezone.now() + datetime.timedelta(days=31))
    assert summary.startswith("1 old job files")
    assert not path.exists()
    assert client.get(DOWNLOAD).status_code == 404
    page = client.get(PAGE).content.decode()
    assert "The ZIP is deleted 30 days after it was prepared: prepare it again." in page
    assert "Prepare all payslips (PDF)" in page


@pytest.mark.parametrize(
    "who", ["garden_instructor", "care_worker", "trainee_anna", "trainee_bartek", "outsider"]
)
def test_only_managers_and_accountants_prepare_follow_and_download(client, personas, month, who):
    client.force_login(personas.manager)
    client.post(PREPARE)
    run_queued()
    client.force_login(personas.all_users()[who])
    assert client.post(PREPARE).status_code == 403
    assert client.get(PROGRESS).status_code == 403
    assert client.get(DOWNLOAD).status_code == 403
    assert BackgroundJob.objects.count() == 1


def test_a_month_without_payslips_offers_nothing_to_prepare(client, personas):
    client.force_login(personas.manager)
    page = client.get(PAGE).content.decode()
    assert "Prepare all payslips (PDF)" not in page
    response = client.post(PREPARE, follow=True)
    assert "No payslips: run the payroll of the month." in response.content.decode()
    assert BackgroundJob.objects.count() == 0


def test_the_zip_and_the_month_csv_are_in_the_disclosure_log_for_every_trainee_in_them(
    client, personas, month
):
    """A bulk download discloses every trainee in it, as a single payslip PDF does."""
    from reintegra_coop.privacy.models import DisclosureLog

    client.force_login(personas.accountant)
    client.post(PREPARE)
    run_queued()
    assert client.get(DOWNLOAD).status_code == 200
    client.get(reverse("pay:period_csv", args=[2026, 11]))
    logged = sorted(
        DisclosureLog.objects.values_list("trainee_id", "document", "reference", "disclosed_by")
    )
    anna, bartek, accountant = (
        personas.trainee_anna.pk,
        personas.trainee_bartek.pk,
        personas.accountant.pk,
    )
    assert logged == sorted(
        [
            (anna, "payslips_zip", "2026-11", accountant),
            (bartek, "payslips_zip", "2026-11", accountant),
            (anna, "pay_month_csv", "2026-11", accountant),
            (bartek, "pay_month_csv", "2026-11", accountant),
        ]
    )
