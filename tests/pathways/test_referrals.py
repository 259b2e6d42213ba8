"""Referrals: a trainee's data goes to a partner only with the trainee's consent for that
partner (dated, withdrawable), and each such referral is in the disclosure log; a partner's
referral to us needs no consent. Managers refer anyone, a care worker their caseload; no other
role opens the referral pages."""

import datetime

import pytest
from django.urls import reverse

from reintegra_coop.pathways.models import Referral, ReferralAnswer
from reintegra_coop.privacy.consents import record_withdrawal
from reintegra_coop.privacy.models import DisclosureLog
from tests.factories import OpeningFactory, OrganisationFactory, SharingConsentFactory

pytestmark = [pytest.mark.django_db, pytest.mark.clock("2026-11-23T10:00")]

NEW = reverse("pathways:new_referral")


@pytest.fixture
def employer():
    return OrganisationFactory(name="Stolarnia Dąb")


def referral_of(trainee, partner, **changes):
    return {
        "trainee": trainee.pk,
        "direction": "to_partner",
        "organisation": partner.pk,
        "referred_on": "2026-11-23",
        "referred_by": "Ewa Nowak",
        "reason": "Ready for a carpentry job.",
        **changes,
    }


@pytest.mark.parametrize("who", ["manager", "care_worker"])
def test_a_referral_with_consent_is_recorded_and_logged_as_a_disclosure(
    client, personas, employer, who
):
    anna = personas.trainee_anna
    SharingConsentFactory(trainee=anna, organisation=employer)
    client.force_login(getattr(personas, who))
    response = client.post(NEW, referral_of(anna, employer))
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert (referral.trainee, referral.organisation, referral.answer) == (
        anna,
        employer,
        ReferralAnswer.PENDING,
    )
    log = DisclosureLog.objects.get()
    assert (log.trainee, log.document, log.recipient, log.disclosed_by) == (
        anna,
        "referral",
        "Stolarnia Dąb",
        getattr(personas, who),
    )


def test_without_consent_for_that_partner_the_referral_is_refused_and_nothing_is_saved(
    client, personas, employer
):
    anna = personas.trainee_anna
    SharingConsentFactory(trainee=anna, organisation=OrganisationFactory(name="Another firm"))
    client.force_login(personas.manager)
    page = client.post(NEW, referral_of(anna, employer)).content.decode()
    assert "has not consented to their data going to Stolarnia Dąb" in page
    assert not Referral.objects.exists() and not DisclosureLog.objects.exists()


def test_a_withdrawn_consent_or_one_given_after_the_referral_day_does_not_count(
    client, personas, employer
):
    anna = personas.trainee_anna
    consent = SharingConsentFactory(trainee=anna, organisation=employer)
    record_withdrawal(consent, datetime.date(2026, 11, 20), personas.care_worker)
    later = SharingConsentFactory(
        trainee=anna, organisation=employer, given_on=datetime.date(2026, 11, 23)
    )
    client.force_login(personas.manager)
    refused = client.post(NEW, referral_of(anna, employer, referred_on="2026-11-22"))
    assert "has not consented" in refused.content.decode()
    assert client.post(NEW, referral_of(anna, employer)).status_code == 302  # the new consent
    assert Referral.objects.get().referred_on == later.given_on


def test_a_partners_referral_to_us_needs_no_consent_and_discloses_nothing(client, personas):
    office = OrganisationFactory(name="MOPS Kraków", kind="social_welfare_office", employer_tie="")
    client.force_login(personas.manager)
    data = referral_of(personas.trainee_bartek, office, direction="from_partner")
    assert client.post(NEW, data).status_code == 302
    assert Referral.objects.get().organisation == office
    assert not DisclosureLog.objects.exists()


def test_referring_to_an_opening_goes_to_its_employer(client, personas, employer):
    anna = personas.trainee_anna
    SharingConsentFactory(trainee=anna, organisation=employer)
    opening = OpeningFactory(employer=employer)
    client.force_login(personas.care_worker)
    data = referral_of(anna, employer, organisation="", opening=opening.pk)
    assert client.post(NEW, data).status_code == 302
    assert (Referral.objects.get().organisation, Referral.objects.get().opening) == (
        employer,
        opening,
    )


def test_a_care_worker_cannot_refer_a_trainee_outside_their_caseload(client, personas, employer):
    bartek = personas.trainee_bartek
    SharingConsentFactory(trainee=bartek, organisation=employer)
    client.force_login(personas.care_worker)
    page = client.post(NEW, referral_of(bartek, employer)).content.decode()
    assert "Select a valid choice" in page
    assert not Referral.objects.exists()


@pytest.mark.parametrize(
    "who", ["garden_instructor", "accountant", "trainee_anna", "trainee_bartek", "outsider"]
)
def test_no_other_role_opens_the_referral_pages_or_refers(client, personas, employer, who):
    anna = personas.trainee_anna
    SharingConsentFactory(trainee=anna, organisation=employer)
    user = getattr(personas, who)
    client.force_login(getattr(user, "user", user))
    assert client.get(reverse("pathways:referrals")).status_code == 403
    assert client.post(NEW, referral_of(anna, employer)).status_code == 403
    assert not Referral.objects.exists() and not DisclosureLog.objects.exists()


def test_a_care_worker_sees_and_answers_only_their_caseloads_referrals(client, personas, employer):
    for trainee in (personas.trainee_anna, personas.trainee_bartek):
        SharingConsentFactory(trainee=trainee, organisation=employer)
        client.force_login(personas.manager)
        client.post(NEW, referral_of(trainee, employer))
    anna_referral, bartek_referral = (
        Referral.objects.get(trainee=personas.trainee_anna),
        Referral.objects.get(trainee=personas.trainee_bartek),
    )
    client.force_login(personas.care_worker)
    listed = client.get(reverse("pathways:referrals")).content.decode()
    assert "Anna Garden" in listed and "Bartek Carpenter" not in listed
    bartek_answer = reverse("pathways:answer_referral", args=[bartek_referral.pk])
    assert client.post(bartek_answer, {"answer": "accepted"}).status_code == 404
    answer = reverse("pathways:answer_referral", args=[anna_referral.pk])
    early = {"answer": "accepted", "answered_on": "2026-11-01", "answer_note": ""}
    assert (
        "The answer cannot come before the referral." in client.post(answer, early).content.decode()
    )
    ok = {"answer": "accepted", "answered_on": "2026-11-23", "answer_note": "Starts Monday."}
    assert client.post(answer, ok).status_code == 302
    anna_referral.refresh_from_db()
    assert (anna_referral.answer, anna_referral.answer_note) == ("accepted", "Starts Monday.")


def test_a_referral_ahead_of_today_or_a_partners_referral_naming_an_opening_is_refused(
    client, personas, employer
):
    anna = personas.trainee_anna
    SharingConsentFactory(trainee=anna, organisation=employer, given_on=datetime.date(2026, 12, 10))
    client.force_login(personas.care_worker)
    ahead = client.post(NEW, referral_of(anna, employer, referred_on="2026-12-15"))
    assert "A referral is recorded when it is made, not ahead." in ahead.content.decode()
    opening = OpeningFactory(employer=employer)
    inward = referral_of(anna, employer, direction="from_partner", opening=opening.pk)
    page = client.post(NEW, inward).content.decode()
    assert "A partner&#x27;s referral to us names no job opening." in page or (
        "A partner&#39;s referral to us names no job opening." in page
    )
    assert not Referral.objects.exists() and not DisclosureLog.objects.exists()
