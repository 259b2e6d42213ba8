"""The subject-access export: a ZIP with a JSON of every record about the trainee and a PDF to
read; care records only in a care lead's export (and that read is logged); refused to everyone
else; each export in the disclosure log; a bounded number of queries."""

import io
import json
import zipfile

import pytest
from django.urls import reverse

from reintegra_coop.care.models import ClinicalRead
from reintegra_coop.privacy.models import Consent, DisclosureLog

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-02T10:00")]


def export(client, trainee, recipient="Her own request of 1 December"):
    return client.post(reverse("privacy:export", args=[trainee.pk]), {"recipient": recipient})


def unzip(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert sorted(archive.namelist()) == ["export.json", "export.pdf"]
        return json.loads(archive.read("export.json")), archive.read("export.pdf")


def test_a_manager_gets_every_record_but_no_care_data(
    clinical_notes, client, personas, anna_record
):
    client.force_login(personas.manager)
    data, pdf = unzip(export(client, anna_record))
    assert pdf.startswith(b"%PDF")
    records = data["records"]
    assert data["includes_care_data"] is False
    assert records["people.trainee"][0]["last_name"] == "Garden"
    assert records["people.trainee"][0]["workshops"] == ["Organic garden"]
    assert records["people.login"][0]["username"] == "anna"
    assert "password" not in records["people.login"][0]
    assert records["work.worklog"][0]["note"] == "Planted leeks"
    assert records["pay.payslip"][0]["total"] == "189.00"
    assert records["pay.payslipline"][0]["amount"] == "189.00"
    assert "housing.tenancy" in records and "privacy.consent" in records
    assert not any(key.startswith("care.") for key in records)
    assert clinical_notes not in json.dumps(data)
    assert not ClinicalRead.objects.exists()


def test_a_care_lead_gets_the_care_records_too_and_the_read_is_logged(
    clinical_notes, client, personas, care_lead, anna_record
):
    client.force_login(care_lead)
    data, _pdf = unzip(export(client, anna_record))
    assert data["includes_care_data"] is True
    assert data["records"]["care.therapyplan"][0]["clinical_notes"] == clinical_notes
    assert data["records"]["care.diagnosis"][0]["summary"] == "Motivated"
    reads = ClinicalRead.objects.filter(trainee=anna_record, reader=care_lead)
    assert {read.record for read in reads} == {
        "therapy_plan",
        "diagnosis",
        "unavailable_times",
        "pause",
    }


@pytest.mark.parametrize(
    "persona", ["care_worker", "garden_instructor", "accountant", "trainee_anna", "trainee_bartek"]
)
def test_nobody_else_exports(client, personas, anna_record, persona):
    """A care worker who is no care lead, an instructor, the accountant, a trainee: 403."""
    client.force_login(personas.all_users()[persona])
    assert export(client, anna_record).status_code == 403
    assert not DisclosureLog.objects.exists()


def test_a_care_lead_exports_only_their_caseload(client, personas, care_lead, anna_record):
    client.force_login(care_lead)
    assert export(client, personas.trainee_bartek).status_code == 404


def test_each_export_is_in_the_disclosure_log(client, personas, anna_record):
    client.force_login(personas.manager)
    export(client, anna_record, recipient="Probation officer, court order II K 1/26")
    [row] = DisclosureLog.objects.all()
    assert row.trainee == anna_record and row.disclosed_by == personas.manager
    assert row.document == "subject_access_export"
    assert row.recipient == "Probation officer, court order II K 1/26"
    data, _pdf = unzip(export(client, anna_record))
    assert len(data["records"]["privacy.disclosurelog"]) == 2  # the first one, and this one


def test_an_export_without_a_recipient_is_refused(client, personas, anna_record):
    client.force_login(personas.manager)
    response = export(client, anna_record, recipient="")
    assert response.status_code == 302
    assert not DisclosureLog.objects.exists()


def test_the_export_asks_a_bounded_number_of_queries(
    client, personas, anna_record, django_assert_max_num_queries
):
    from tests.factories import NOVEMBER, NotificationFactory

    client.force_login(personas.manager)
    with django_assert_max_num_queries(60) as few:
        unzip(export(client, anna_record))
    for number in range(10):
        NotificationFactory(recipient=anna_record.user)
        Consent.objects.create(
            trainee=anna_record,
            kind="sharing_with_partner",
            partner=f"MOPS {number}",
            given_on=NOVEMBER,
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        unzip(export(client, anna_record))


def test_the_trainee_page_links_to_the_data_protection_page(client, personas, care_lead):
    page = reverse("people:trainee_detail", args=[personas.trainee_anna.pk])
    target = reverse("privacy:trainee", args=[personas.trainee_anna.pk])
    for user in (personas.manager, care_lead, personas.care_worker):
        client.force_login(user)
        assert target in client.get(page).content.decode()
    client.force_login(personas.garden_instructor)
    assert target not in client.get(page).content.decode()
    assert client.get(target).status_code == 403


def test_a_legal_hold_is_in_a_managers_export_only(client, personas, care_lead, anna_record):
    """Holds are the managers' business (a claim, a court case): care leads never see them, so
    their export leaves them out; the disclosure log stays in both (whom the data went to)."""
    from reintegra_coop.privacy.models import LegalHold

    LegalHold.objects.create(trainee=anna_record, reason="Police inquiry 7/2026")
    client.force_login(care_lead)
    data, _pdf = unzip(export(client, anna_record))
    assert "Police inquiry" not in json.dumps(data)
    assert "privacy.legalhold" not in data["records"]
    assert "privacy.disclosurelog" in data["records"]
    client.force_login(personas.manager)
    data, _pdf = unzip(export(client, anna_record))
    assert data["records"]["privacy.legalhold"][0]["reason"] == "Police inquiry 7/2026"
