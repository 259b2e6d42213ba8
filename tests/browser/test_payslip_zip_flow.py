"""A manager asks for all of November's payslips as one ZIP: the page says it is queued, the
worker prepares it, and the page — polling by itself, without a reload — offers the download.
The poll marks itself (X-Job-Poll) so it does not keep the session alive."""

import zipfile

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from reintegra_coop.bench.worker import run_queued
from reintegra_coop.pay import period
from reintegra_coop.pay.models import PayScheme
from tests.factories import NOVEMBER, PASSWORD, PaySchemeFactory, work

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.clock("2026-12-02T10:00"),
]


def test_the_page_follows_the_worker_and_offers_the_zip(page, personas):
    PaySchemeFactory(trainee=personas.trainee_anna)
    PayScheme.objects.create(
        trainee=personas.trainee_bartek, kind="hourly", valid_from=NOVEMBER, hourly_rate="30.00"
    )
    work(personas.trainee_anna, personas.garden, NOVEMBER.replace(day=2))
    work(personas.trainee_bartek, personas.carpentry, NOVEMBER.replace(day=3))
    period.run(NOVEMBER, personas.manager)
    progress = reverse("pay:payslips_progress", args=[2026, 11])
    polls = []
    page.on(
        "request",
        lambda request: (
            polls.append(request.headers.get("x-job-poll")) if progress in request.url else None
        ),
    )

    page.goto("/login/")
    page.get_by_label("Username or card number").fill("manager")
    page.get_by_label("Password or PIN").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/login/" not in url)
    page.goto(reverse("pay:period", args=[2026, 11]))
    page.get_by_role("button", name="Prepare all payslips (PDF)").click()
    expect(page.locator("#payslips-job")).to_contain_text("Queued — the worker will prepare it.")

    run_queued()  # the worker, in this process, on the same database

    download_link = page.get_by_role("link", name="Download all payslips (ZIP)")
    expect(download_link).to_be_visible(timeout=15_000)  # the poll replaced the panel
    assert polls and set(polls) == {"1"}
    with page.expect_download() as download_info:
        download_link.click()
    archive = zipfile.ZipFile(download_info.value.path())
    pdfs = [name for name in archive.namelist() if name.endswith(".pdf")]
    assert len(pdfs) == 2
    assert all(archive.read(name).startswith(b"%PDF") for name in pdfs)
