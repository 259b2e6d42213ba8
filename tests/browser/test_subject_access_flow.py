"""A manager opens a trainee, goes to the data-protection page, exports everything held about
her (a ZIP with a PDF and JSON) and finds the export in the disclosure log."""

import json
import zipfile

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.clock("2026-12-02T10:00"),
]


def test_a_manager_exports_a_trainees_data_and_sees_it_in_the_disclosure_log(page, personas):
    page.goto("/login/")
    page.get_by_label("Username or card number").fill("manager")
    page.get_by_label("Password or PIN").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.goto(f"/people/trainees/{personas.trainee_anna.pk}/")
    page.get_by_role("link", name="Data protection: export, consents").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Anna Garden")
    page.get_by_label("For whom, what for").fill("Her own request, handed over in person")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Export (ZIP)").click()
    archive = zipfile.ZipFile(download_info.value.path())
    data = json.loads(archive.read("export.json"))
    assert data["records"]["people.trainee"][0]["first_name"] == "Anna"
    assert archive.read("export.pdf").startswith(b"%PDF")

    page.get_by_role("link", name="Disclosure log").click()
    row = page.locator("#disclosures tbody tr").first
    expect(row).to_contain_text("Anna Garden")
    expect(row).to_contain_text("Subject-access export")
    expect(row).to_contain_text("Her own request, handed over in person")
