"""Consents: recorded and withdrawn by care workers and managers, dated, kept with their
history; the page says whether the rent taken from pay is covered by a recorded consent."""

import datetime

import pytest
from django.urls import reverse

from reintegra_coop.privacy.models import Consent
from tests.factories import HousingUnitFactory, TenancyFactory

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-12-02T10:00")]


def record(client, trainee, **data):
    url = reverse("privacy:record_consent", args=[trainee.pk])
    return client.post(url, data, follow=True).content.decode()


def withdraw(client, consent, on="2026-12-01"):
    url = reverse("privacy:withdraw_consent", args=[consent.pk])
    return client.post(url, {"withdrawn_on": on}, follow=True).content.decode()


@pytest.mark.parametrize("persona", ["manager", "care_worker"])
def test_staff_record_and_withdraw_a_consent(client, personas, persona):
    user = personas.all_users()[persona]
    client.force_login(user)
    page = record(
        client,
        personas.trainee_anna,
        kind="sharing_with_partner",
        partner="Labour office Warszawa",
        given_on="2026-11-02",
    )
    assert "The consent is recorded." in page and "Labour office Warszawa" in page
    consent = Consent.objects.get()
    assert consent.created_by == user and consent.withdrawn_on is None
    page = withdraw(client, consent)
    assert "The consent is withdrawn." in page
    consent.refresh_from_db()
    assert consent.withdrawn_on == datetime.date(2026, 12, 1) and consent.withdrawn_by == user
    assert consent.history.count() == 2  # given, then withdrawn: both kept
    assert not Consent.objects.in_force_on(datetime.date(2026, 12, 1)).exists()
    assert Consent.objects.in_force_on(datetime.date(2026, 11, 30)).exists()


def test_sharing_needs_the_partners_name_and_a_withdrawal_its_date(client, personas):
    client.force_login(personas.manager)
    page = record(client, personas.trainee_anna, kind="sharing_with_partner", given_on="2026-11-02")
    assert "Name the partner organisation." in page and not Consent.objects.exists()
    consent = Consent.objects.create(
        trainee=personas.trainee_anna, kind="payroll_rent_deduction", given_on="2026-11-02"
    )
    assert "cannot be withdrawn before it was given" in withdraw(client, consent, "2026-10-01")
    withdraw(client, consent)
    assert "was withdrawn already" in withdraw(client, consent)


@pytest.mark.parametrize("persona", ["garden_instructor", "accountant", "trainee_anna"])
def test_others_neither_see_nor_record_consents(client, personas, persona):
    client.force_login(personas.all_users()[persona])
    assert (
        client.get(reverse("privacy:trainee", args=[personas.trainee_anna.pk])).status_code == 403
    )
    url = reverse("privacy:record_consent", args=[personas.trainee_anna.pk])
    assert (
        client.post(url, {"kind": "payroll_rent_deduction", "given_on": "2026-11-02"}).status_code
        == 403
    )
    assert not Consent.objects.exists()


def test_a_care_worker_records_only_for_their_caseload(client, personas):
    client.force_login(personas.care_worker)
    url = reverse("privacy:record_consent", args=[personas.trainee_bartek.pk])
    assert (
        client.post(url, {"kind": "payroll_rent_deduction", "given_on": "2026-11-02"}).status_code
        == 404
    )
    bartek_consent = Consent.objects.create(
        trainee=personas.trainee_bartek, kind="payroll_rent_deduction", given_on="2026-11-02"
    )
    url = reverse("privacy:withdraw_consent", args=[bartek_consent.pk])
    assert client.post(url, {"withdrawn_on": "2026-12-01"}).status_code == 404


def test_the_page_says_whether_the_rent_taken_from_pay_is_covered(client, personas):
    anna = personas.trainee_anna
    TenancyFactory(
        trainee=anna,
        unit=HousingUnitFactory(name="Training flat 3"),
        start=datetime.date(2026, 9, 1),
        payroll_consent_on=datetime.date(2026, 10, 1),
    )
    client.force_login(personas.manager)
    page_url = reverse("privacy:trainee", args=[anna.pk])
    assert "with no consent recorded here" in client.get(page_url).content.decode()
    consent = Consent.objects.create(
        trainee=anna, kind="payroll_rent_deduction", given_on=datetime.date(2026, 9, 28)
    )
    assert "covered by the consent given on" in client.get(page_url).content.decode()
    consent.withdraw(datetime.date(2026, 11, 30), personas.manager)
    assert "but the consent was withdrawn on" in client.get(page_url).content.decode()


def test_withdrawing_the_rent_from_pay_consent_tells_the_managers_to_stop_the_deduction(
    client, personas
):
    """The pay run reads the tenancy; a care worker who records the withdrawal cannot change
    the tenancy, so every manager is told, with a link to the trainee's data-protection page."""
    from reintegra_coop.core.models import Notification
    from reintegra_coop.core.notifications import text_of, url_of

    anna = personas.trainee_anna
    TenancyFactory(
        trainee=anna,
        unit=HousingUnitFactory(name="Training flat 3"),
        start=datetime.date(2026, 9, 1),
        payroll_consent_on=datetime.date(2026, 10, 1),
    )
    consent = Consent.objects.create(
        trainee=anna, kind="payroll_rent_deduction", given_on=datetime.date(2026, 9, 28)
    )
    sharing = Consent.objects.create(
        trainee=anna, kind="sharing_with_partner", partner="Labour office", given_on="2026-11-02"
    )
    client.force_login(personas.care_worker)
    withdraw(client, sharing)
    assert not Notification.objects.exists()  # nothing to stop for a sharing consent
    withdraw(client, consent)
    [notice] = Notification.objects.all()
    assert notice.recipient == personas.manager
    assert text_of(notice) == (
        "Anna Garden withdrew the consent to rent being taken from pay on 2026-12-01; "
        "the tenancy still takes it: change the tenancy."
    )
    assert url_of(notice) == reverse("privacy:trainee", args=[anna.pk])
